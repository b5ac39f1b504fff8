"""Several class files in one run (``rolequiz cohort A.csv B.xlsx -o angkatan.html``): a
principal's view of a year group, each class read as it is alone.

The fixtures in ``fixtures/classes`` are Google Forms downloads as they come: an
Indonesian form of XI IPS 1 (Budi Santoso sent it twice) and an English one of XI IPS 2
(whose Ani Lestari is not XI IPS 1's); workbooks are written as Microsoft Forms writes
them, with the helpers of ``test_forms``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_forms import FORMS, id_rows, ms_forms_workbook, raw_kb, scored

from rolequiz.core.cohort.classes import class_name, class_names

Run = Callable[..., tuple[int, str, str]]

CLASSES = Path(__file__).parent.parent / "fixtures" / "classes"
IPS1 = CLASSES / "XI IPS 1 (Respons).csv"
IPS2 = CLASSES / "XI IPS 2 (Responses).csv"


def records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def without(rows: list[list[str]], column: int) -> list[list[str]]:
    return [row[:column] + row[column + 1:] for row in rows]


def by_class_table(page: str) -> list[list[str]]:
    """The rows of the class report's per-class table, as texts."""
    section = page[page.index('<section class="classes">'):]
    section = section[:section.index("</section>")]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in
             re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)]


# -- the class, from the file's name ------------------------------------------------


@pytest.mark.parametrize(("file", "name"), [
    ("XI IPS 1 (Respons).csv", "XI IPS 1"),
    ("Kuis Peran XI IPS 2 (Responses).csv", "Kuis Peran XI IPS 2"),
    ("XI IPS 3(1-36).xlsx", "XI IPS 3"),
    ("XII MIPA 1.csv.zip", "XII MIPA 1"),
    ("kelas (2).csv", "kelas (2)"),
])
def test_a_class_is_named_from_its_file_as_the_form_downloads_it(file: str, name: str) -> None:
    """Google's ' (Responses)', Microsoft's '(1-36)' and the extensions are left out."""
    assert class_name(Path(file)) == name


def test_two_files_of_one_name_are_told_apart_by_their_folder() -> None:
    """a/kelas.csv and b/kelas.csv are two classes, not one."""
    assert class_names([Path("a/kelas.csv"), Path("b/kelas.csv")]) == ["a/kelas", "b/kelas"]


# -- one table, a class column ----------------------------------------------------------


def test_two_class_files_give_one_table_with_the_class_after_the_name(run: Run) -> None:
    """Every student of both files, each row saying the class its file holds."""
    rows = records(scored(run, IPS1, IPS2, "--lang", "id"))
    assert rows[0][:3] == ["Baris", "Siswa", "Kelas"]
    assert [row[2] for row in rows[1:]] == ["XI IPS 1"] * 7 + ["XI IPS 2"] * 7


def test_a_class_in_a_year_group_is_scored_as_it_is_alone(run: Run) -> None:
    """Without the class column, the rows are each file's rows on its own, one after the
    other."""
    together = records(scored(run, IPS1, IPS2, "--lang", "en"))
    alone = records(scored(run, IPS1, "--lang", "en")) + records(scored(run, IPS2))[1:]
    assert without(together, 2) == alone


def test_a_resubmission_counts_once_within_its_class_and_a_namesake_elsewhere_counts(
        run: Run) -> None:
    """Budi's first submission to XI IPS 1 is left out; both Ani Lestaris are scored, neither
    flagged as a name seen twice."""
    rows = records(scored(run, IPS1, IPS2))
    budi = [row for row in rows if row[1] == "Budi Santoso"]
    assert [bool(row[3]) for row in budi] == [False, True]
    assert "sent again" in budi[0][-1]
    anis = [row for row in rows if row[1] == "Ani Lestari"]
    assert [row[2] for row in anis] == ["XI IPS 1", "XI IPS 2"]
    assert all(row[3] and "duplicate" not in row[-1] for row in anis)


def test_a_class_file_given_twice_is_refused(run: Run) -> None:
    """The same file twice would count its class twice: one line names it."""
    code, _, err = run("cohort", IPS1, IPS1, "--lang", "id")
    assert code == 2
    assert err.count("\n") == 1 and "dua kali" in err and str(IPS1) in err


# -- the year group's report ------------------------------------------------------------


def test_the_report_counts_each_role_class_by_class(run: Run, tmp_path: Path) -> None:
    """The per-class table says, for each class, as many students of each role as its rows
    name, and the class's scored students."""
    rows = records(scored(run, IPS1, IPS2))
    code, _, err = run("cohort", IPS1, IPS2, "-o", tmp_path / "angkatan.html")
    assert code == 0, err
    table = by_class_table((tmp_path / "angkatan.html").read_text(encoding="utf-8"))
    roles = raw_kb()["roles"]
    header = table[0]
    assert header[:2] == ["Class", "Students scored"]
    for line in table[1:]:
        klass = [row for row in rows[1:] if row[2] == line[0]]
        assert int(line[1]) == sum(1 for row in klass if row[3])
        for role in roles:
            at = header.index(role["name"]["en"])
            assert int(line[at]) == sum(1 for row in klass if row[4] == role["id"])
    assert [line[0] for line in table[1:]] == ["XI IPS 1", "XI IPS 2"]


def test_the_report_lists_the_students_class_by_class(run: Run, tmp_path: Path) -> None:
    """The page's table has XI IPS 1's students first, then XI IPS 2's, by name within."""
    code, _, err = run("cohort", IPS2, IPS1, "-o", tmp_path / "angkatan.html", "--lang", "id")
    assert code == 0, err
    page = (tmp_path / "angkatan.html").read_text(encoding="utf-8")
    body = page[page.index('<table class="students">'):]
    classes = re.findall(r"<td>(XI IPS \d)</td>", body)
    assert classes == ["XI IPS 2"] * 7 + ["XI IPS 1"] * 7  # in the order the files are given


def test_the_report_gives_each_classs_median_time(run: Run, tmp_path: Path) -> None:
    """A Google CSV beside a Microsoft Forms workbook: the workbook's class has its median
    time (5:00 of 4:00, 5:00 and 9:00); the CSV's, which records none, a blank."""
    kb = raw_kb()
    timed = ms_forms_workbook(tmp_path / "XI IPS 3(1-3).xlsx", kb, id_rows()[:3], lang="id",
                              seconds=[240.0, 300.0, 540.0])
    code, _, err = run("cohort", IPS1, timed, "-o", tmp_path / "angkatan.html", "--lang", "id")
    assert code == 0, err
    table = by_class_table((tmp_path / "angkatan.html").read_text(encoding="utf-8"))
    assert table[0][-1] == "Median lama mengisi"
    assert [(line[0], line[-1]) for line in table[1:]] == [("XI IPS 1", ""),
                                                           ("XI IPS 3", "5:00")]


def test_a_too_fast_student_of_the_first_class_is_told_in_how_long(run: Run,
                                                                   tmp_path: Path) -> None:
    """Two Microsoft Forms workbooks: the first class's student who took 0:40 is listed with
    the time and the form's reading time, as in a class alone."""
    kb = raw_kb()
    first = ms_forms_workbook(tmp_path / "XI IPS 1(1-3).xlsx", kb, id_rows()[:3], lang="en",
                              seconds=[40.0, 400.0, 500.0])
    second = ms_forms_workbook(tmp_path / "XI IPS 2(1-3).xlsx", kb, id_rows()[3:6], lang="en")
    code, _, err = run("cohort", first, second, "-o", tmp_path / "year.html")
    assert code == 0, err
    page = (tmp_path / "year.html").read_text(encoding="utf-8")
    notable = page[page.index('<section class="notable">'):]
    [line] = [li for li in notable.split("<li>") if "(XI IPS 1, row 2)" in li]
    assert "filled in the whole form in 0:40, quicker than its questions can be read (1:41" \
        in line


def test_the_summary_on_screen_has_a_line_per_class(run: Run) -> None:
    """After the year group's summary, each class with its counts."""
    code, out, err = run("cohort", IPS1, IPS2, "--lang", "id")
    assert code == 0, err
    after = out[out.index("Per kelas"):]
    assert "XI IPS 1: Siswa dinilai 6" in after and "XI IPS 2: Siswa dinilai 7" in after


# -- errors name the file ---------------------------------------------------------------


def test_a_broken_second_file_is_named_and_nothing_is_written(run: Run,
                                                               tmp_path: Path) -> None:
    """A second class whose export lacks a question stops the run before any file is
    written, in one line naming that file and where."""
    broken = tmp_path / "XI IPS 4 (Respons).csv"
    rows = records(IPS1.read_text(encoding="utf-8"))
    out = io.StringIO()
    csv.writer(out).writerows(without(rows, 4))  # the first question's column
    broken.write_text(out.getvalue(), encoding="utf-8")
    target = tmp_path / "angkatan.html"
    code, out, err = run("cohort", IPS1, broken, "-o", target, "--reports", tmp_path / "lap",
                         "--lang", "id")
    assert code == 2
    [line] = err.splitlines()
    assert f"kesalahan: {broken}: baris 1: " in line and "IPS 1" not in line
    assert not target.exists() and not (tmp_path / "lap").exists()


def test_a_second_class_of_which_no_row_can_be_scored_is_named(run: Run,
                                                                tmp_path: Path) -> None:
    """Every row of the second class names no option: the last line says which class file
    could not be scored at all."""
    rows = records(IPS1.read_text(encoding="utf-8"))
    for number, row in enumerate(rows[1:], start=1):
        row[4] = f"Belum tahu {number}"  # the first question, a different text in each row
    broken = tmp_path / "XI IPS 5 (Respons).csv"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    broken.write_text(out.getvalue(), encoding="utf-8")
    code, _, err = run("cohort", IPS1, broken, "--lang", "en")
    assert code == 2
    assert err.splitlines()[-1].startswith(f"rolequiz: error: {broken}: no row could be scored")


# -- a report per student ---------------------------------------------------------------


def test_each_report_names_the_students_class(run: Run, tmp_path: Path) -> None:
    """Each student's page says their class; the files start with it; the index has a class
    column; all.html prints XI IPS 1's students, then XI IPS 2's."""
    folder = tmp_path / "laporan"
    code, _, err = run("cohort", IPS1, IPS2, "--reports", folder, "--lang", "id")
    assert code == 0, err
    files = sorted(p.name for p in folder.glob("xi-*.html"))
    assert len(files) == 13  # Budi once
    assert files[0] == "xi-ips-1-002-ani-lestari.html"
    page = (folder / "xi-ips-2-008-ani-lestari.html").read_text(encoding="utf-8")
    assert "<strong>Kelas:</strong> XI IPS 2" in page
    assert "<th scope=\"col\">Kelas</th>" in (folder / "index.html").read_text(encoding="utf-8")
    combined = (folder / "all.html").read_text(encoding="utf-8")
    said = re.findall(r"<strong>Kelas:</strong> (XI IPS \d)", combined)
    assert said == ["XI IPS 1"] * 6 + ["XI IPS 2"] * 7


# -- the day the student answered ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("id", "<strong>Diisi pada:</strong> <time datetime=\"2026-11-29\">29 November 2026</time>"),
    ("en", "<strong>Answered on:</strong> <time datetime=\"2026-11-29\">November 29, 2026</time>"),
])
def test_a_report_says_the_day_the_student_answered(run: Run, tmp_path: Path, lang: str,
                                                    expected: str) -> None:
    """From the export's Timestamp, in the reader's words, in the report and in all.html."""
    folder = tmp_path / "reports"
    code, _, err = run("cohort", IPS2, "--reports", folder, "--lang", lang)
    assert code == 0, err
    assert expected in (folder / "008-ani-lestari.html").read_text(encoding="utf-8")
    assert expected in (folder / "all.html").read_text(encoding="utf-8")


def test_a_report_of_a_class_without_timestamps_says_no_such_day(run: Run,
                                                                  tmp_path: Path) -> None:
    """A class table typed by hand records no time: the report has only the scoring date."""
    folder = tmp_path / "reports"
    code, _, err = run("cohort", FORMS / "class-ids.csv", "--reports", folder)
    assert code == 0, err
    page = (folder / "all.html").read_text(encoding="utf-8")
    assert "Answered on" not in page and "<strong>Date:</strong>" in page
