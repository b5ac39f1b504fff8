"""The paper questionnaire printed by a real browser: headless Chromium to PDF, read back
with poppler, as ``tests/cohort/test_print.py`` prints the student report (and with its tools:
without them these tests skip, unless ``ROLEQUIZ_REQUIRE_BROWSER=1`` makes that a failure).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_print import TIMEOUT, poppler, printer, require_browser

from checks import flat
from rolequiz.core.kb import knowledge

__all__ = ["printer"]  # the fixture, used by name below

FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"


def raw_text(pdf: Path) -> str:
    """The PDF's text in the order it was laid out (``pdftotext -raw``): the default guesses
    columns, and takes the scale's labels in a row for a column of their own."""
    done = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", timeout=TIMEOUT, check=True)
    return done.stdout


def questionnaire(tmp_path: Path, kb: Path, lang: str) -> Path:
    """``rolequiz cohort --template questionnaire.html`` as a counselor runs it."""
    page = tmp_path / f"questionnaire-{lang}.html"
    done = subprocess.run([sys.executable, "-m", "rolequiz", "cohort", "--template", str(page),
                           "--kb", str(kb), "--lang", lang], capture_output=True, text=True,
                          encoding="utf-8", timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    return page


@pytest.mark.slow
@pytest.mark.parametrize(("kb_path", "lang"), [(knowledge.shipped_path(), "en"),
                                               (knowledge.shipped_path(), "id"),
                                               (FOUR_ROLES, "id")])
def test_printed_questionnaire_has_every_question_and_option_on_a4(
    printer: Callable[[Path], Path], tmp_path: Path, kb_path: Path, lang: str
) -> None:
    """On A4 paper: the title, every question and every option, each agreement label, in
    order, and the answer grid after them."""
    require_browser()
    kb = knowledge.load(kb_path)
    pdf = printer(questionnaire(tmp_path, kb_path, lang))
    assert "(A4)" in poppler("pdfinfo", pdf)
    text = flat(raw_text(pdf))
    assert flat(kb.title(lang)) in text
    at = 0
    for question in kb.questions:
        for part in (question.text(lang), *(o.text(lang) for o in question.options)):
            found = text.find(flat(part), at)
            assert found >= 0, part
            at = found + len(flat(part))
    grid = {"en": "Answer grid", "id": "Lembar jawaban"}[lang]
    assert text.find(grid, at) > 0


@pytest.mark.slow
@pytest.mark.parametrize(("kb_path", "lang"), [(knowledge.shipped_path(), "en"),
                                               (knowledge.shipped_path(), "id"),
                                               (FOUR_ROLES, "id")])
def test_answer_grid_is_printed_on_a_page_of_its_own(
    printer: Callable[[Path], Path], tmp_path: Path, kb_path: Path, lang: str
) -> None:
    """The answer grid starts a page (so it can be collected or copied apart) and keeps its
    own name line; no question shares its page."""
    require_browser()
    kb = knowledge.load(kb_path)
    pages = raw_text(printer(questionnaire(tmp_path, kb_path, lang))).split("\f")
    grid = {"en": "Answer grid", "id": "Lembar jawaban"}[lang]
    on = [flat(page) for page in pages if grid in page]
    assert len(on) == 1, on
    assert on[0].startswith(f"{grid} {'Name' if lang == 'en' else 'Nama'}:"), on[0][:200]
    for question in kb.questions:
        assert flat(question.text(lang)) not in on[0]


DARK = 128
"""A grey level below this is ink (0 is black, 255 white)."""


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_class_label_stands_clear_of_the_name_line(
    printer: Callable[[Path], Path], tmp_path: Path, lang: str
) -> None:
    """On paper there is white space between the end of the line to write the name on and
    the "Class:" label, so a written name does not run into it."""
    require_browser()
    pdf = printer(questionnaire(tmp_path, knowledge.shipped_path(), lang))
    label = {"en": "Class:", "id": "Kelas:"}[lang]
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, encoding="utf-8",
                           timeout=TIMEOUT, check=True).stdout
    found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                      + re.escape(label) + "<", boxes)
    assert found, boxes[:2000]
    x, top, bottom = (float(found.group(n)) for n in (1, 2, 3))
    # page 1 in greys at 1 pixel per point: the PDF's coordinates are the image's
    image = subprocess.run(["pdftoppm", "-gray", "-r", "72", "-f", "1", "-l", "1", str(pdf)],
                           capture_output=True, timeout=TIMEOUT, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", image)
    assert header, image[:20]
    width, pixels = int(header.group(1)), image[header.end():]
    gap = 6  # points, about half the label's letter height
    inked = [(px, py) for py in range(int(top), int(bottom) + 4)
             for px in range(int(x) - gap, int(x) - 1) if pixels[py * width + px] < DARK]
    assert not inked, inked[:5]
