"""The HTML report printed by a real browser: headless Chromium to PDF, read back with poppler.

These tests need ``chromium`` and poppler-utils (``pdftotext``, ``pdfinfo``, ``pdftoppm``).
Without them they skip, saying what is missing; with
``ROLEQUIZ_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing tool fails the
test instead, so CI cannot pass by skipping.  Nothing here measures time:
the timeout only stops a browser that hangs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from checks import flat
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import scoring

TOOLS = ("chromium", "pdftotext", "pdfinfo", "pdftoppm")
REQUIRE = "ROLEQUIZ_REQUIRE_BROWSER"
TIMEOUT = 120
"""Seconds before a hung browser or converter is stopped."""
NAME = "Sari <script>alert(1)</script> Wulandari"
"""A student's name that is also markup: it must be printed as written."""


def check_tools(environ: Mapping[str, str], which: Callable[[str], str | None]) -> None:
    """Skip when a tool is missing, or fail when *environ* requires the browser tests to run."""
    missing = [tool for tool in TOOLS if which(tool) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} not on PATH (Debian packages chromium and poppler-utils)"
    if environ.get(REQUIRE) == "1":
        pytest.fail(f"{REQUIRE}=1 but {reason}")
    pytest.skip(reason)


def require_browser() -> None:
    """Called first in each print test, so that a required but missing tool fails that test."""
    check_tools(os.environ, shutil.which)


@pytest.fixture
def printer(tmp_path: Path) -> Callable[[Path], Path]:
    """A function that prints an HTML file to PDF in headless Chromium; returns the PDF."""
    home = tmp_path / "home"
    home.mkdir()
    # the browser writes its profile, caches and settings here, never in the real home
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_CACHE_HOME": str(home / ".cache")}

    def print_pdf(page: Path) -> Path:
        pdf = page.with_suffix(".pdf")
        profile = tmp_path / f"profile-{page.stem}"
        command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        assert pdf.is_file() and pdf.stat().st_size > 0, done.stderr[-2000:]
        return pdf

    return print_pdf


def poppler(tool: str, pdf: Path) -> str:
    done = subprocess.run([tool, str(pdf), "-"] if tool == "pdftotext" else [tool, str(pdf)],
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT,
                          check=True)
    return done.stdout


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return knowledge.load()


def write_report(tmp_path: Path, kb: KnowledgeBase, lang: Lang) -> tuple[Path, scoring.Result]:
    """``rolequiz score SHEET --report report.html`` run as a student's counselor would."""
    answers = {q.id: i % len(q.options) for i, q in enumerate(kb.questions)}
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump({"name": NAME, "answers": {
        q.id: q.options[answers[q.id]].id for q in kb.questions}}), encoding="utf-8")
    page = tmp_path / f"report-{lang}.html"
    done = subprocess.run([sys.executable, "-m", "rolequiz", "score", str(sheet), "--report",
                           str(page), "--lang", lang], capture_output=True, text=True,
                          encoding="utf-8", timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    return page, scoring.score(kb, answers)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_printed_report_shows_the_name_and_the_top_role(
    printer: Callable[[Path], Path], tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """On paper: the student's name exactly as written, and the top role's name."""
    require_browser()
    page, result = write_report(tmp_path, kb, lang)
    text = flat(poppler("pdftotext", printer(page)))
    assert NAME in text
    assert kb.role(result.top.role_id).name(lang) in text


@pytest.mark.slow
def test_report_prints_on_a4(printer: Callable[[Path], Path], tmp_path: Path,
                             kb: KnowledgeBase) -> None:
    """Chromium lays the report out on A4 pages, as its ``@page`` rule asks."""
    require_browser()
    page, _ = write_report(tmp_path, kb, "en")
    info = poppler("pdfinfo", printer(page))
    assert "(A4)" in info, info


FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"
LONG_NAME = "Raden.Ajeng.Wijayakusumaningratsoerjoatmodjo.Hadiningrat@sekolah.sch.id"
"""A name with no space to wrap at (a form that asked for an e-mail address as the name)."""
STUDENT_HEADERS = {
    ("roles.yaml", "en"): ["Row", "Student", "Result", "Confidence", "Fit: Officer",
                           "Fit: Specialist", "Fit: Strategist", "Margin", "Flags"],
    ("roles.yaml", "id"): ["Baris", "Siswa", "Hasil", "Keyakinan", "Kecocokan: Officer",
                           "Kecocokan: Specialist", "Kecocokan: Strategist", "Selisih",
                           "Catatan"],
    ("four-roles.yaml", "en"): ["Row", "Student", "Result", "Confidence", "Fit: Curator",
                                "Fit: Guide", "Fit: Conservator", "Fit: Librarian", "Margin",
                                "Flags"],
    ("four-roles.yaml", "id"): ["Baris", "Siswa", "Hasil", "Keyakinan", "Kecocokan: Kurator",
                                "Kecocokan: Pemandu", "Kecocokan: Konservator",
                                "Kecocokan: Pustakawan", "Selisih", "Catatan"],
}
"""The class report's table of students, column by column, as the reader sees it."""


def write_class_report(tmp_path: Path, kb_path: Path, lang: Lang) -> Path:
    """``rolequiz cohort class.csv -o class.html --title "XI IPS 2"`` for twelve students,
    one of them with :data:`LONG_NAME`."""
    kb = knowledge.load(kb_path)
    rows = [["student", *(q.id for q in kb.questions)]]
    for n in range(12):
        name = LONG_NAME if n == 11 else f"Student {n + 1:07d}"
        rows.append([name, *(str((n + i) % len(q.options) + 1)
                             for i, q in enumerate(kb.questions))])
    source = tmp_path / "class.csv"
    source.write_text("".join(",".join(row) + "\r\n" for row in rows), encoding="utf-8")
    page = tmp_path / f"class-{lang}.html"
    done = subprocess.run([sys.executable, "-m", "rolequiz", "cohort", str(source), "-o",
                           str(page), "--title", "XI IPS 2", "--kb", str(kb_path), "--lang",
                           lang], capture_output=True, text=True, encoding="utf-8",
                          timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    return page


@pytest.mark.slow
@pytest.mark.parametrize(("kb_path", "lang"), [(knowledge.shipped_path(), "en"),
                                               (knowledge.shipped_path(), "id"),
                                               (FOUR_ROLES, "en"), (FOUR_ROLES, "id")],
                         ids=["3-roles-en", "3-roles-id", "4-roles-en", "4-roles-id"])
def test_printed_class_table_has_every_column_on_a4(
    printer: Callable[[Path], Path], tmp_path: Path, kb_path: Path, lang: Lang
) -> None:
    """On A4 paper the table of students keeps every column on the page, in order, up to
    the margin and the flags, even with a long name that has no space to wrap at."""
    require_browser()
    pdf = printer(write_class_report(tmp_path, kb_path, lang))
    assert "(A4)" in poppler("pdfinfo", pdf)
    done = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", timeout=TIMEOUT, check=True)
    text = flat(done.stdout)
    at = text.index({"en": "Per student", "id": "Per siswa"}[lang])
    for header in STUDENT_HEADERS[(kb_path.name, lang)]:
        found = text.find(header, at)
        assert found >= 0, (header, text[at:at + 300])
        at = found + len(header)


# -- whether the tests above may skip -------------------------------------------


def test_missing_browser_skips_the_print_tests() -> None:
    """Without chromium and without ROLEQUIZ_REQUIRE_BROWSER, the print tests skip."""
    with pytest.raises(pytest.skip.Exception, match="chromium"):
        check_tools({}, lambda tool: None if tool == "chromium" else f"/usr/bin/{tool}")


def test_missing_browser_fails_when_required() -> None:
    """With ROLEQUIZ_REQUIRE_BROWSER=1 a missing pdftotext is a failure, not a skip."""
    with pytest.raises(pytest.fail.Exception, match="pdftotext"):
        check_tools({REQUIRE: "1"}, lambda tool: None if tool == "pdftotext" else tool)


def test_present_tools_neither_skip_nor_fail() -> None:
    """Every tool on PATH: the check lets the print tests run."""
    check_tools({REQUIRE: "1"}, lambda tool: f"/usr/bin/{tool}")


MS_FORMS_ID = Path(__file__).parent.parent / "fixtures" / "forms" / "ms-forms-id.csv"
"""Six submissions of a Microsoft Forms export, among them clear results with three
strengths and their answers quoted, a blend and a sheet that is not reliable."""


def class_reports(tmp_path: Path, source: Path, lang: Lang) -> Path:
    """``rolequiz cohort SOURCE --reports reports --title "XI IPS 2"``: the folder."""
    folder = tmp_path / f"reports-{lang}"
    done = subprocess.run([sys.executable, "-m", "rolequiz", "cohort", str(source), "--reports",
                           str(folder), "--title", "XI IPS 2", "--lang", lang],
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT,
                          check=False)
    assert done.returncode == 0, done.stderr
    return folder


CLEAR_CLASS = Path(__file__).parent.parent / "fixtures" / "cohort" / "clear-class.csv"
"""Six students with a clear result, one of them with three strengths and two or three
answers quoted for each (the longest "why" the shipped quiz gives)."""


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_combined_reports_print_one_a4_page_a_student(
    printer: Callable[[Path], Path], tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """``all.html`` prints as one A4 page per student, each page starting with its student's
    report: result, chart, why, programs, notes and the source."""
    require_browser()
    folder = class_reports(tmp_path, MS_FORMS_ID, lang)
    pdf = printer(folder / "all.html")
    info = poppler("pdfinfo", pdf)
    assert "(A4)" in info
    assert "Pages:           5" in info, info  # six submissions: Dewi's second one counts
    first = flat(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                                capture_output=True, text=True, encoding="utf-8",
                                timeout=TIMEOUT, check=True).stdout)
    assert "Ahmad Fauzi" in first and "XI IPS 2" in first
    assert {"en": "Notes from our conversation", "id": "Catatan diskusi"}[lang] in first


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_each_students_report_prints_on_one_a4_page(
    printer: Callable[[Path], Path], tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """A report whose result names a role and quotes every strength still fits one page."""
    require_browser()
    folder = class_reports(tmp_path, CLEAR_CLASS, lang)
    pdf = printer(folder / "all.html")
    assert "Pages:           6" in poppler("pdfinfo", pdf)


LONG_WORDS = ["Wijayakusumaningrat", "Soerjoatmodjo", "Hadiningrat", "Kusumawardhani",
              "Prawiranegara", "Mangkubumi"]
"""Long words of Javanese names, each of which must be printed whole."""


@pytest.mark.slow
def test_printed_class_table_never_breaks_a_name_inside_a_word(
    printer: Callable[[Path], Path], tmp_path: Path
) -> None:
    """Four roles (the narrowest fit columns) in Indonesian: each long word of a name is on
    one line of the printed table, as the name column gets the room it needs."""
    require_browser()
    kb = knowledge.load(FOUR_ROLES)
    rows = ["student," + ",".join(q.id for q in kb.questions)]
    for n, word in enumerate(LONG_WORDS):
        name = f"Raden Ajeng {word} {LONG_WORDS[(n + 1) % len(LONG_WORDS)]}"
        rows.append(name + "," + ",".join(str((n + i) % len(q.options) + 1)
                                          for i, q in enumerate(kb.questions)))
    source = tmp_path / "kelas.csv"
    source.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    page = tmp_path / "kelas.html"
    done = subprocess.run([sys.executable, "-m", "rolequiz", "cohort", str(source), "-o",
                           str(page), "--kb", str(FOUR_ROLES), "--lang", "id"],
                          capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT,
                          check=False)
    assert done.returncode == 0, done.stderr
    pdf = printer(page)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", timeout=TIMEOUT, check=True).stdout
    table = text[text.index("Per siswa"):]
    for word in LONG_WORDS:
        assert table.count(word) == 2, (word, table[:1500])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_report_with_three_blanks_still_prints_on_one_a4_page(
    printer: Callable[[Path], Path], tmp_path: Path, lang: Lang
) -> None:
    """Every student of the clear class with three questions left blank: each report,
    with its "17 of 20 questions answered" and the three questions named, fits one page."""
    require_browser()
    lines = CLEAR_CLASS.read_text(encoding="utf-8").splitlines()
    blanked = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[5] = cells[12] = cells[16] = ""  # questions 5, 12 and 16
        blanked.append(",".join(cells))
    source = tmp_path / "blanks.csv"
    source.write_text("\n".join(blanked) + "\n", encoding="utf-8")
    folder = class_reports(tmp_path, source, lang)
    assert {"en": "17 of 20 questions answered", "id": "17 dari 20 pertanyaan dijawab"}[lang] \
        in (folder / "all.html").read_text(encoding="utf-8")
    assert "Pages:           6" in poppler("pdfinfo", printer(folder / "all.html"))
