"""``rolequiz cohort CLASS --reports DIR``: a printable report per student, and an index.

Each report must be the page ``rolequiz score --report`` writes for the same
answers; names from the class file are untrusted and become safe file names.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks import assert_one_error_line, flat
from rolequiz import i18n
from rolequiz.cli import common
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.export.student_reports import file_stem

Run = Callable[..., tuple[int, str, str]]

FIXTURES = Path(__file__).parent.parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
FOUR = FIXTURES / "four-roles.yaml"
MIXED = FIXTURES / "cohort" / "mixed.csv"
SHEETS = FIXTURES / "sheets"
DAY = date(2026, 11, 28)
HOSTILE = ['=HYPERLINK("http://x")', "<script>alert(1)</script>", "../../etc/passwd"]
SAFE_FILE = re.compile(r"^[0-9]{3,}(-[a-z0-9]+(-[a-z0-9]+)*)?(-[0-9]+)?\.html$")


class Page(HTMLParser):
    """An HTML page as a reader sees it: its text, its tags and its links."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for key, value in attrs if tag == "a" and key == "href"]

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        """The texts of the elements, one space between any two."""
        return flat(" ".join(self.texts))


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports are dated; the tests fix the day."""
    monkeypatch.setattr(common, "today", lambda: DAY)


def write_class(path: Path, kb: KnowledgeBase, names: list[str]) -> Path:
    """A class CSV: student *n* answers option *n* modulo the options of each question."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["student", *(q.id for q in kb.questions)])
    for n, name in enumerate(names):
        writer.writerow([name, *((n + i) % len(q.options) + 1
                                 for i, q in enumerate(kb.questions))])
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def json_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["rows"]
    return rows


def report_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in ("index.html", "all.html"))


# -- file names --------------------------------------------------------------


def test_file_name_is_the_row_and_the_name_folded_to_ascii() -> None:
    """'012-siti-aminah': row number, then the name in lower-case ASCII letters."""
    assert file_stem(12, "Siti Aminah") == "012-siti-aminah"
    assert file_stem(7, "Ñoño Çelik") == "007-nono-celik"


@pytest.mark.parametrize("name", [*HOSTILE, "..", ".hidden", "a/b\\c", "\x00\x1b[31m", "",
                                  "日本語"])
def test_file_name_never_holds_a_separator_or_starts_with_a_dot(name: str) -> None:
    """Whatever the name, the file stays in the folder and is not hidden."""
    stem = file_stem(3, name)
    assert SAFE_FILE.match(stem + ".html"), stem
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")


def test_file_name_is_length_limited() -> None:
    """A very long name gives a file name short enough for every file system."""
    assert len(file_stem(2, "Siti " * 200)) <= 3 + 1 + 40


# -- the folder --------------------------------------------------------------


def test_each_student_gets_a_report_with_name_and_result(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """Hostile names come out as text in their report, beside the result the class file
    gives; no tag is added and every file name is safe and unique."""
    names = [*HOSTILE, "Siti Aminah", "Siti Aminah"]
    source = write_class(tmp_path / "class.csv", shipped_kb, names)
    folder = tmp_path / "reports"
    code, _, err = run("cohort", source, "-o", tmp_path / "class.json", "--reports", folder,
                         "--duplicates", "all")
    assert code == 0, err
    files = report_files(folder)
    assert len(files) == len(names) == len({f.name.casefold() for f in files})
    assert all(SAFE_FILE.match(f.name) for f in files), [f.name for f in files]
    rows = json_rows(tmp_path / "class.json")
    for row, file in zip(rows, files, strict=True):
        assert file.name.startswith(f"{row['row']:03d}-")
        markup = file.read_text(encoding="utf-8")
        page = Page(markup)
        assert f"{i18n.t('en', 'report.name')}: {row['student']}" in page.text
        said = row["result"].replace("fits strongly", "fits your answers strongly")  # to him
        assert said in page.text
        assert "script" not in page.tags
        assert "<script>" not in markup
    index_markup = (folder / "index.html").read_text(encoding="utf-8")
    index = Page(index_markup)
    assert "script" not in index.tags and "<script>" not in index_markup
    assert all(name in index.text for name in HOSTILE)


def test_reports_of_answer_sheets_equal_score_report(run: Run, tmp_path: Path) -> None:
    """A student's report from the class is the very page ``score --report`` writes."""
    sheet = SHEETS / "clear.yaml"
    alone = tmp_path / "alone.html"
    assert run("score", sheet, "--report", alone)[0] == 0
    folder = tmp_path / "reports"
    code, _, err = run("cohort", sheet, SHEETS / "blend.yaml", "--reports", folder)
    assert code == 0, err
    files = report_files(folder)
    assert [f.name[:4] for f in files] == ["001-", "002-"]
    assert files[0].read_text(encoding="utf-8") == alone.read_text(encoding="utf-8")


def test_index_links_every_report_and_lists_skipped_students(run: Run, tmp_path: Path) -> None:
    """Every link of the index opens a report; students who could not be scored are listed by
    name with the reason, and get no report."""
    folder = tmp_path / "reports"
    code, _, err = run("cohort", MIXED, "--kb", TINY, "--reports", folder, "--skip-bad",
                       "--duplicates", "all")
    assert code == 0, err
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    reports = [link for link in page.links if link != "all.html"]
    assert sorted(reports) == [f.name for f in report_files(folder)]
    assert all((folder / link).is_file() for link in page.links)
    assert len(reports) == 3
    assert "ani Beta duplicate name (also row 2)" in page.text
    assert "Ani No reliable result not reliable" in page.text
    assert "Dewi (row 5): Dewi left question 4 “I avoid green.” blank, and this quiz needs " \
        "an answer to every question" in page.text
    assert "Budi (row 3): q1: expected one of a, b, c" in page.text
    assert not any("dewi" in link for link in page.links)
    assert "3 reports written; open" in err


def test_index_and_reports_are_in_the_chosen_language(run: Run, tmp_path: Path) -> None:
    """--lang id: the reports and the index speak Indonesian."""
    folder = tmp_path / "laporan"
    code, _, err = run("cohort", MIXED, "--kb", TINY, "--reports", folder, "--skip-bad",
                       "--lang", "id",
                       "--title", "XI IPS 2")
    assert code == 0, err
    index = Page((folder / "index.html").read_text(encoding="utf-8")).text
    assert f"{i18n.t('id', 'cohort.reports.title.students')} — XI IPS 2" in index
    assert "28 November 2026" in index
    assert "baris 5" in index
    report = report_files(folder)[0].read_text(encoding="utf-8")
    assert '<html lang="id">' in report
    assert i18n.t("id", "result.fits") in Page(report).text


def test_reports_work_with_another_knowledge_base(run: Run, tmp_path: Path) -> None:
    """Four roles and no source: a report per student, and no credit for the programs."""
    kb = knowledge.load(FOUR)
    source = write_class(tmp_path / "class.csv", kb, ["Ani", "Budi", "Citra", "Dewi"])
    folder = tmp_path / "reports"
    code, _, err = run("cohort", source, "--kb", FOUR, "--reports", folder)
    assert code == 0, err
    files = report_files(folder)
    assert len(files) == 4
    text = Page(files[0].read_text(encoding="utf-8")).text
    assert "The study programs are those named in" not in text


def test_the_folder_is_made_when_missing(run: Run, tmp_path: Path) -> None:
    """A missing folder is made; a missing folder above it is refused with one line."""
    code, _, err = run("cohort", MIXED, "--kb", TINY, "--reports", tmp_path / "new", "--skip-bad")
    assert code == 0, err
    assert (tmp_path / "new" / "index.html").is_file()
    line = assert_one_error_line(*run("cohort", MIXED, "--kb", TINY, "--reports",
                                      tmp_path / "no" / "such"))
    assert "does not exist" in line


def test_a_file_where_the_folder_should_be_is_refused(run: Run, tmp_path: Path) -> None:
    """--reports naming a file: one line, exit 2."""
    target = tmp_path / "reports"
    target.write_text("keep", encoding="utf-8")
    line = assert_one_error_line(*run("cohort", MIXED, "--kb", TINY, "--reports", target))
    assert "is a file, not a folder" in line
    assert target.read_text(encoding="utf-8") == "keep"


# -- nothing replaced without --force ----------------------------------------


def clean_class(tmp_path: Path) -> Path:
    """A class in which every student is scored (no line about skipped rows)."""
    return write_class(tmp_path / "class.csv", knowledge.load(TINY), ["Ani", "Budi", "Citra"])


def test_an_existing_report_stops_the_run_before_anything_is_written(
    run: Run, tmp_path: Path
) -> None:
    """One report's file already there: exit 2, and neither it, the other reports, the index
    nor the -o file is written."""
    source = clean_class(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "003-budi.html").write_text("notes", encoding="utf-8")
    output = tmp_path / "class.csv.html"
    line = assert_one_error_line(*run("cohort", source, "--kb", TINY, "--reports", folder,
                                      "-o", output))
    assert "003-budi.html" in line and "--force" in line
    assert sorted(p.name for p in folder.iterdir()) == ["003-budi.html"]
    assert (folder / "003-budi.html").read_text(encoding="utf-8") == "notes"
    assert not output.exists()


def test_an_existing_index_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    """The index counts as a file of the run: it is not replaced either."""
    source = clean_class(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "index.html").write_text("mine", encoding="utf-8")
    assert_one_error_line(*run("cohort", source, "--kb", TINY, "--reports", folder))
    assert [p.name for p in folder.iterdir()] == ["index.html"]


def test_force_replaces_the_reports_and_keeps_other_files(run: Run, tmp_path: Path) -> None:
    """With --force the reports and the index are replaced; other files stay as they were."""
    source = clean_class(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "003-budi.html").write_text("old", encoding="utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("cohort", source, "--kb", TINY, "--reports", folder, "--force")
    assert code == 0, err
    assert "Budi" in (folder / "003-budi.html").read_text(encoding="utf-8")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_the_class_file_may_not_be_a_file_of_the_reports(run: Run, tmp_path: Path) -> None:
    """-o DIR/index.html would be overwritten by the index: refused, nothing written."""
    source = clean_class(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    line = assert_one_error_line(*run("cohort", source, "--kb", TINY, "--reports", folder,
                                      "-o", folder / "index.html", "--force"))
    assert "index.html" in line
    assert list(folder.iterdir()) == []


def test_answer_sheets_named_in_yaml_and_json_get_reports(run: Run, tmp_path: Path,
                                                          shipped_kb: KnowledgeBase) -> None:
    """YAML and JSON answer sheets: one report each, named by the sheet's name."""
    answers = {q.id: q.options[0].id for q in shipped_kb.questions}
    first = tmp_path / "a.yaml"
    first.write_text(yaml.safe_dump({"name": "Siti Aminah", "answers": answers}),
                     encoding="utf-8")
    second = tmp_path / "b.json"
    second.write_text(json.dumps({"name": "Budi", "answers": answers}), encoding="utf-8")
    folder = tmp_path / "reports"
    code, _, err = run("cohort", first, second, "--reports", folder)
    assert code == 0, err
    assert [f.name for f in report_files(folder)] == ["001-siti-aminah.html", "002-budi.html"]


def test_a_run_that_stops_leaves_no_folder_behind(run: Run, tmp_path: Path) -> None:
    """A class file that does not fit the quiz: one line, exit 2, and no folder made."""
    folder = tmp_path / "reports"
    assert_one_error_line(*run("cohort", MIXED, "--reports", folder))
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# -- one file to print, in name order ----------------------------------------------

MS_FORMS_ID = FIXTURES / "forms" / "ms-forms-id.csv"
"""A Microsoft Forms export in Indonesian: six submissions with start and completion
times, not in name order; Dewi Anggraini submitted twice, Sari Dewi in 40 seconds with the
first option and "Netral" throughout."""
BY_NAME = ["Ahmad Fauzi", "Bayu Saputra", "Dewi Anggraini", "Dewi Anggraini",
           "Rina Wulandari", "Sari Dewi"]
AS_SUBMITTED = ["Rina Wulandari", "Ahmad Fauzi", "Bayu Saputra", "Dewi Anggraini",
                "Sari Dewi", "Dewi Anggraini"]


def article_names(markup: str) -> list[str]:
    """The student of each report of a combined file, in its order."""
    return re.findall(r'<article class="student">\s*<h1>[^<]* — ([^<]*)</h1>', markup)


ALL = ("--duplicates", "all")
"""Dewi Anggraini submitted twice: both submissions are listed and reported here."""


def test_reports_come_with_one_file_of_every_report_a_page_each(run: Run,
                                                                tmp_path: Path) -> None:
    """``all.html`` holds every student's report in name order, each in an article that
    starts a new printed page."""
    folder = tmp_path / "laporan"
    code, _, err = run("cohort", MS_FORMS_ID, *ALL, "--reports", folder, "--lang", "id")
    assert code == 0, err
    markup = (folder / "all.html").read_text(encoding="utf-8")
    assert article_names(markup) == BY_NAME
    assert "article.student + article.student { break-before: page;" in markup
    assert f"{folder / 'all.html'}" in err


def test_the_index_lists_students_by_name(run: Run, tmp_path: Path) -> None:
    """The index lists the students by name, whatever order they submitted in."""
    folder = tmp_path / "laporan"
    assert run("cohort", MS_FORMS_ID, *ALL, "--reports", folder, "--lang", "id")[0] == 0
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    listed = [t.strip() for t in page.texts if t.strip() in set(BY_NAME)]
    assert listed == BY_NAME


def test_order_submitted_keeps_the_order_of_the_export(run: Run, tmp_path: Path) -> None:
    """``--order submitted``: the index and the combined file keep the export's order."""
    folder = tmp_path / "laporan"
    code, _, err = run("cohort", MS_FORMS_ID, *ALL, "--reports", folder, "--order", "submitted")
    assert code == 0, err
    assert article_names((folder / "all.html").read_text(encoding="utf-8")) == AS_SUBMITTED
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    assert [t.strip() for t in page.texts if t.strip() in set(BY_NAME)] == AS_SUBMITTED


def test_an_unknown_order_is_one_line_in_the_readers_language(run: Run,
                                                              tmp_path: Path) -> None:
    """``--order age`` is refused in one Indonesian line naming the orders there are."""
    line = assert_one_error_line(*run("cohort", MS_FORMS_ID, "--reports", tmp_path / "r",
                                      "--order", "age", "--lang", "id"))
    assert "--order age: urutan ini tidak dikenal" in line and "name, submitted" in line
    assert not (tmp_path / "r").exists()


def test_each_report_shows_the_class_and_the_time_the_form_took(run: Run,
                                                                tmp_path: Path) -> None:
    """A report of a timed export says the class (``--title``) and how long the student
    took; the index has the time beside each result."""
    folder = tmp_path / "laporan"
    code, _, err = run("cohort", MS_FORMS_ID, "--reports", folder, "--lang", "id",
                       "--title", "XI IPS 2")
    assert code == 0, err
    sari = Page((folder / "006-sari-dewi.html").read_text(encoding="utf-8")).text
    assert "Kelas: XI IPS 2" in sari
    assert "Lama mengisi: 0:40" in sari
    index = Page((folder / "index.html").read_text(encoding="utf-8")).text
    assert "Lama mengisi" in index
    assert "Rina Wulandari Social Media Strategist 6:05" in index


def test_a_report_says_how_much_a_role_relies_on_a_strength_not_a_pass_mark(
    run: Run, tmp_path: Path
) -> None:
    """Why, in Indonesian: "how much the role relies on it, out of 100", never "the role
    needs 100%" (which reads to a parent as a failed test); the programs' lines likewise."""
    folder = tmp_path / "laporan"
    assert run("cohort", MS_FORMS_ID, "--reports", folder, "--lang", "id")[0] == 0
    rina = Page((folder / "002-rina-wulandari.html").read_text(encoding="utf-8")).text
    assert "seberapa besar peran Strategist mengandalkannya:" in rina
    assert "membutuhkan" not in rina and "membekali" not in rina
    assert "(skormu di sini" in rina
    assert "biasanya menjawab" not in rina
