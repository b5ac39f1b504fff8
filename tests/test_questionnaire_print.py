"""The paper questionnaire printed by a real browser: headless Chromium to PDF, read back
with poppler, as ``tests/test_print.py`` prints the student report (and with its tools:
without them these tests skip, unless ``ROLEQUIZ_REQUIRE_BROWSER=1`` makes that a failure).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checks import flat
from rolequiz.core import knowledge
from test_print import TIMEOUT, poppler, printer, require_browser

__all__ = ["printer"]  # the fixture, used by name below

FOUR_ROLES = Path(__file__).parent / "fixtures" / "four-roles.yaml"


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
