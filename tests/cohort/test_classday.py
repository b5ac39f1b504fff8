"""A class day as a counselor meets it: a class of which many rows cannot be read is not
reported as if it were whole.

The exports are written as Google Forms writes them (``Timestamp``, the name, an
e-mail, the questions' texts), with the helpers of ``test_forms``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_forms import FOUR, google_export, id_rows, ms_forms_workbook, raw_kb, scored

Run = Callable[..., tuple[int, str, str]]

pytestmark = pytest.mark.usefixtures("english")  # the words read are English

FIRST_ANSWER = 3
"""The column of the first question in a Google export (after Timestamp, name, e-mail)."""


def with_unknown_answers(text: str, rows: list[int]) -> str:
    """*text* (a Google export) with the first answer of each of *rows* (0-based students)
    replaced by a text that is none of the options, a different one in each row (a text
    that several rows share is an edited option: read as its closest, or the run stops)."""
    records = list(csv.reader(io.StringIO(text)))
    words = ["Mungkin saja", "Entahlah", "Belum tahu", "Terserah", "Bingung"]
    for n, row in enumerate(rows):
        records[row + 1][FIRST_ANSWER] = words[n % len(words)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(records)
    return out.getvalue()


def export_file(tmp_path: Path, *, bad: list[int], kb: dict[str, Any] | None = None,
                rows: list[list[str]] | None = None, lang: str = "id") -> Path:
    path = tmp_path / "kelas.csv"
    text = google_export(kb or raw_kb(), rows or id_rows(), lang)
    path.write_text(with_unknown_answers(text, bad), encoding="utf-8")
    return path


def stopped(code: int, out: str, err: str) -> str:
    """The one error line of a run that stopped (exit 2, nothing on stdout); the note on
    the columns not read may come before it."""
    assert (code, out) == (2, "")
    errors = [line for line in err.splitlines() if line.startswith("rolequiz: ")]
    assert len(errors) == 1 and "; skipped" not in err, err
    return errors[0]


def four_role_rows(count: int) -> list[list[str]]:
    """*count* students of ``four-roles.yaml``, each answering option ``k`` (cycling)."""
    kb = raw_kb(FOUR)
    scale = len(kb["settings"]["scale"])
    return [[f"Siswa {k}", *(q["options"][k % len(q["options"])]["id"]
                              if q["type"] == "choice" else str(1 + k % scale)
                              for q in kb["questions"])] for k in range(count)]


# -- a quarter dropped is no class to report --------------------------------------------


def test_a_class_with_more_than_a_tenth_skipped_stops_with_one_line(run: Run,
                                                                   tmp_path: Path) -> None:
    """3 of 12 rows unreadable: exit 2, one line saying how many of how many, the first
    reasons, and --skip-bad; no output written."""
    source = export_file(tmp_path, bad=[1, 4, 7])
    output = tmp_path / "kelas.html"
    line = stopped(*run("cohort", source, "-o", output))
    assert "3 of 12 rows could not be scored (more than 10 %)" in line
    assert f"{source}: 3 of 12 rows" in line
    assert "row 3: q01: “Mungkin saja” is not one of its options · row 6" in line
    assert "row 9" in line and "--skip-bad" in line
    assert not output.exists()


def test_the_stopping_line_is_in_indonesian_under_lang_id(run: Run, tmp_path: Path) -> None:
    """The same stop, in Indonesian."""
    source = export_file(tmp_path, bad=[0, 1])
    line = stopped(*run("cohort", source, "--lang", "id", "--format", "csv"))
    assert "2 dari 12 baris tidak dapat dinilai (lebih dari 10 %)" in line
    assert "tambahkan --skip-bad" in line


def test_the_stopping_line_names_three_rows_and_counts_the_rest(run: Run,
                                                               tmp_path: Path) -> None:
    """Five unreadable rows: three named, then "and 2 more", still on one line."""
    source = export_file(tmp_path, bad=[0, 2, 4, 6, 8])
    line = stopped(*run("cohort", source, "--format", "csv"))
    assert "row 2:" in line and "row 4:" in line and "row 6:" in line
    assert "row 8:" not in line
    assert "(and 2 more)" in line


def test_skip_bad_writes_the_class_without_the_unreadable_rows(run: Run,
                                                              tmp_path: Path) -> None:
    """With --skip-bad the class is written, each skipped row told and kept without result."""
    source = export_file(tmp_path, bad=[1, 4, 7])
    output = tmp_path / "hasil.csv"
    code, _, err = run("cohort", source, "-o", output, "--skip-bad")
    assert code == 0, err
    assert f"{source}: row 3: q01: “Mungkin saja” is not one of its options; skipped" in err
    assert "Rows skipped: 3" in err
    records = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))[1:]
    assert len(records) == 12
    assert sum(1 for r in records if not r[2]) == 3


def test_one_unreadable_row_in_twelve_is_skipped_without_stopping(run: Run,
                                                                 tmp_path: Path) -> None:
    """A share of 1 in 12 (8 %) is within the limit: the class is written, the row told."""
    source = export_file(tmp_path, bad=[5])
    code, out, err = run("cohort", source, "--format", "csv")
    assert code == 0, err
    assert "row 7: q01" in err and "; skipped" in err
    assert len(list(csv.reader(io.StringIO(out)))) == 13


@pytest.mark.parametrize("lang", ["id", "en"])
def test_another_knowledge_base_stops_the_same_way(run: Run, tmp_path: Path,
                                                   lang: str) -> None:
    """four-roles.yaml, its form in either language: 2 of 8 unreadable stops the run."""
    source = export_file(tmp_path, bad=[0, 3], kb=raw_kb(FOUR), rows=four_role_rows(8),
                         lang=lang)
    line = stopped(*run("cohort", source, "--kb", FOUR, "--format", "csv"))
    assert "2 of 8 rows could not be scored" in line
    code, _, err = run("cohort", source, "--kb", FOUR, "--format", "csv", "--skip-bad")
    assert code == 0, err


# -- a student who submitted twice counts once -------------------------------------------


def resubmitting(rows: list[list[str]]) -> list[list[str]]:
    """*rows* and, at the end, Ani and Budi again (as the form writes a second submission,
    case and spacing as typed), each answering as the last student did."""
    last = rows[-1][1:]
    return [*rows, [" ani lestari", *last], ["Budi  Santoso", *last]]


def class_with_resubmissions(tmp_path: Path, lang: str = "id") -> Path:
    """A Google export of the 12 students, Ani (row 2) and Budi (row 3) sent again as
    rows 14 and 15."""
    path = tmp_path / "kelas.csv"
    path.write_text(google_export(raw_kb(), resubmitting(id_rows()), lang), encoding="utf-8")
    return path


def table_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))[1:]


def test_a_resubmitting_student_is_counted_once(run: Run, tmp_path: Path) -> None:
    """12 students, two of whom sent the form twice: 12 scored, 2 submissions left out."""
    code, _, err = run("cohort", class_with_resubmissions(tmp_path), "--format", "csv")
    assert code == 0, err
    assert "Students scored: 12 · submissions left out (sent again): 2" in err


def test_the_latest_submission_is_the_one_scored(run: Run, tmp_path: Path) -> None:
    """Ani's result is that of her second submission (row 14), as if the first were not
    there; her first row keeps its place with no result and the reason."""
    source = class_with_resubmissions(tmp_path)
    code, out, err = run("cohort", source, "--format", "csv")
    assert code == 0, err
    rows = {r[0]: r for r in table_of(out)}
    assert rows["2"][2] == "" and rows["2"][-1] == \
        "sent again: the later submission at row 14 counts, this one is left out"
    assert rows["14"][-1].endswith("resubmitted: earlier submission at row 2 left out")
    assert f"{source}: row 2: “Ani Lestari” sent again: the later submission at row 14" in err
    alone = tmp_path / "alone.csv"
    alone.write_text(google_export(raw_kb(), [resubmitting(id_rows())[-2]], "id"),
                     encoding="utf-8")
    (only,) = table_of(scored(run, alone))
    assert rows["14"][2:-1] == only[2:-1]


def test_duplicates_first_keeps_the_first_submission(run: Run, tmp_path: Path) -> None:
    """--duplicates first: row 2 counts, row 14 is left out, and says so."""
    code, out, err = run("cohort", class_with_resubmissions(tmp_path), "--format", "csv",
                         "--duplicates", "first")
    assert code == 0, err
    rows = {r[0]: r for r in table_of(out)}
    assert rows["2"][2] and not rows["14"][2]
    assert rows["14"][-1] == \
        "sent again: the first submission at row 2 counts, this one is left out"
    assert rows["2"][-1].endswith("resubmitted: later submission at row 14 left out")


def test_duplicates_all_scores_both_and_flags_the_later(run: Run, tmp_path: Path) -> None:
    """--duplicates all: 14 scored, the second of each name flagged as before."""
    code, out, err = run("cohort", class_with_resubmissions(tmp_path), "--format", "csv",
                         "--duplicates", "all")
    assert code == 0, err
    assert "Students scored: 14" in err
    rows = {r[0]: r for r in table_of(out)}
    assert "duplicate name (also row 2)" in rows["14"][-1]


def test_the_left_out_submissions_are_said_in_indonesian(run: Run, tmp_path: Path) -> None:
    """--lang id: the summary and the reasons in Indonesian."""
    code, out, err = run("cohort", class_with_resubmissions(tmp_path), "--format", "csv",
                         "--lang", "id")
    assert code == 0, err
    assert "Siswa yang dinilai: 12 · kiriman ganda yang tidak dihitung: 2" in err
    rows = {r[0]: r for r in table_of(out)}
    assert rows["3"][-1] == ("dikirim ulang: kiriman yang lebih baru di baris 15 yang "
                             "dihitung, yang ini tidak dihitung")
    assert rows["15"][-1].endswith("dikirim ulang: kiriman sebelumnya di baris 3 tidak dihitung")


def test_each_student_gets_one_report(run: Run, tmp_path: Path) -> None:
    """--reports: 12 reports for 12 students, whatever they resubmitted."""
    folder = tmp_path / "laporan"
    code, _, err = run("cohort", class_with_resubmissions(tmp_path), "--reports", folder)
    assert code == 0, err
    assert len([p for p in folder.iterdir() if p.name not in {"index.html", "all.html"}]) == 12


def test_the_class_report_lists_the_left_out_submissions(run: Run, tmp_path: Path) -> None:
    """The printable report counts 12 and names both of Ani's rows with what happened."""
    output = tmp_path / "kelas.html"
    code, _, err = run("cohort", class_with_resubmissions(tmp_path, "en"), "-o", output)
    assert code == 0, err
    text = " ".join(output.read_text(encoding="utf-8").split())
    assert "Students scored: 12 · submissions left out (sent again): 2" in text
    assert "resubmitted: earlier submission at row 2 left out" in text
    assert "the later submission at row 14 counts, this one is left out" in text


def test_the_item_analysis_counts_a_resubmitting_student_once(run: Run,
                                                              tmp_path: Path) -> None:
    """9 students and 2 resubmissions: the item analysis has 9 (too few for alpha)."""
    path = tmp_path / "kelas.csv"
    path.write_text(google_export(raw_kb(), resubmitting(id_rows()[:9]), "en"),
                    encoding="utf-8")
    code, out, err = run("cohort", path, "--items")
    assert code == 0, err
    assert "this class has 9." in " ".join(out.split())


def test_a_microsoft_forms_workbook_counts_a_resubmission_once(run: Run,
                                                               tmp_path: Path) -> None:
    """A Microsoft Forms workbook with Ani twice: 12 scored, her first row left out."""
    book = ms_forms_workbook(tmp_path / "kelas.xlsx", raw_kb(), resubmitting(id_rows()),
                             lang="en")
    code, out, err = run("cohort", book, "--format", "csv")
    assert code == 0, err
    assert "Students scored: 12 · submissions left out (sent again): 2" in err
    rows = {r[0]: r for r in table_of(out)}
    assert rows["2"][-1] == \
        "sent again: the later submission at row 14 counts, this one is left out"


def test_another_knowledge_base_counts_a_resubmission_once(run: Run, tmp_path: Path) -> None:
    """four-roles.yaml: 6 students, one twice, 6 scored."""
    rows = four_role_rows(6)
    path = tmp_path / "kelas.csv"
    path.write_text(google_export(raw_kb(FOUR), [*rows, ["siswa 0", *rows[5][1:]]], "en"),
                    encoding="utf-8")
    code, _, err = run("cohort", path, "--kb", FOUR, "--format", "csv")
    assert code == 0, err
    assert "Students scored: 6 · submissions left out (sent again): 1" in err


@pytest.mark.parametrize(("lang", "words"), [("en", "expected latest, first or all"),
                                             ("id", "seharusnya latest, first atau all")])
def test_an_unknown_duplicates_choice_is_one_line(run: Run, tmp_path: Path, lang: str,
                                                  words: str) -> None:
    """--duplicates newest: exit 2, one line naming the choices."""
    code, out, err = run("cohort", class_with_resubmissions(tmp_path), "--duplicates",
                         "newest", "--lang", lang)
    assert (code, out) == (2, "")
    assert err.strip().endswith(f"--duplicates newest: {words}")


def test_the_timestamp_tells_the_latest_in_a_sheet_sorted_by_name(run: Run,
                                                                 tmp_path: Path) -> None:
    """A Google export sorted afterwards: Ani's second submission (09:30) is on row 2, her
    first (08:00) on row 14; the one sent at 09:30 counts."""
    records = table_of(class_with_resubmissions(tmp_path).read_text(encoding="utf-8"))
    header = next(csv.reader(io.StringIO(google_export(raw_kb(), id_rows()[:1], "id"))))
    again = records.pop(12)  # " ani lestari", sent again
    again[0] = "28/11/2026 09:30:00"
    records.insert(0, again)
    path = tmp_path / "sorted.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *records])
    code, out, err = run("cohort", path, "--format", "csv")
    assert code == 0, err
    rows = {r[0]: r for r in table_of(out)}
    assert rows["2"][2] and not rows["3"][2]
    assert rows["3"][-1] == \
        "sent again: the later submission at row 2 counts, this one is left out"


def test_the_completion_time_tells_the_latest_in_a_workbook(run: Run, tmp_path: Path) -> None:
    """Microsoft Forms: Ani's row 14 was completed before her row 2 (all started at 08:00),
    so row 2 counts."""
    rows = resubmitting(id_rows())
    seconds = [3600.0 if number == 0 else 600.0 for number in range(len(rows))]
    book = ms_forms_workbook(tmp_path / "kelas.xlsx", raw_kb(), rows, lang="id",
                             seconds=seconds)
    code, out, err = run("cohort", book, "--format", "csv")
    assert code == 0, err
    found = {r[0]: r for r in table_of(out)}
    assert found["2"][2] and not found["14"][2]
    assert found["3"][2] == "" and found["15"][2]  # Budi: the same times, the later row
