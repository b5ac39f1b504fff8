"""``rolequiz cohort``: a class in, one scored row per student and a summary out.

Expected results come from the scoring engine on the same answers, never from
numbers written down here, so the tests hold when ``data/roles.yaml`` changes.
Files under ``fixtures/cohort`` are written against the tiny knowledge base.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from checks import assert_headline, assert_one_error_line
from rolequiz.core.cohort import batches as cohort_batches
from rolequiz.core.cohort import items
from rolequiz.core.cohort import rows as cohort
from rolequiz.core.cohort.read.reader import Skipped
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Text
from rolequiz.core.student import scoring
from rolequiz.core.table import letter as column_letter
from rolequiz.errors import render
from rolequiz.export import class_table
from rolequiz.terminal import progress

Run = Callable[..., tuple[int, str, str]]
Answers = dict[str, int]

FIXTURES = Path(__file__).parent.parent / "fixtures"
COHORT = FIXTURES / "cohort"
TINY = FIXTURES / "tiny.yaml"
BOM = b"\xef\xbb\xbf"
INJECTIONS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"]


# -- fixtures and helpers ----------------------------------------------------


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return knowledge.load()


def class_answers(kb: KnowledgeBase, count: int, seed: int = 5) -> list[Answers]:
    """*count* complete answer sheets, the same every run: a class."""
    rng = random.Random(seed)
    return [{q.id: rng.randrange(len(q.options)) for q in kb.questions} for _ in range(count)]


def cells(kb: KnowledgeBase, answers: Answers, *, by_number: bool) -> list[str]:
    """A student's answers as a spreadsheet row: option ids, or 1-based numbers."""
    return [str(answers[q.id] + 1) if by_number else q.options[answers[q.id]].id
            for q in kb.questions]


def write_class(path: Path, kb: KnowledgeBase, students: list[tuple[str, Answers]], *,
                delimiter: str = ",", bom: bool = False) -> Path:
    """A class CSV as a spreadsheet saves it; every other student answers by number."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["student", *(q.id for q in kb.questions)])
    for index, (name, answers) in enumerate(students):
        writer.writerow([name, *cells(kb, answers, by_number=index % 2 == 1)])
    path.write_bytes((BOM if bom else b"") + text.getvalue().encode("utf-8"))
    return path


def named(answers: list[Answers]) -> list[tuple[str, Answers]]:
    return [(f"Student {n:02d}", a) for n, a in enumerate(answers, start=1)]


def json_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["rows"]
    return rows


def csv_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def assert_engine_row(kb: KnowledgeBase, row: dict[str, Any], answers: Answers) -> None:
    """A JSON row says what ``scoring.score`` says about the same answers."""
    result = scoring.score(kb, answers)
    fits = {f.role_id: f.fit for f in result.ranking}
    assert_headline(row["result"], kb, result, "en")
    assert {r.id: row[f"fit_{r.id}"] for r in kb.roles} == fits
    assert row["margin"] == result.margin
    assert (row["top"] or None, row["confidence"]) == (result.decided, result.confidence)
    assert (row["blend"].split(";") if row["blend"] else []) == list(result.blend)
    assert row["careless"] == ";".join(result.flags)
    # a sheet with no reliable result is "not reliable" alone, not also a mix
    assert ("blend" in row["flags"]) == (bool(result.blend) and not result.flagged)
    assert ("not reliable" in row["flags"]) == result.flagged
    assert ("no role fits strongly" in row["flags"]) == \
        (result.confidence == "no_fit" and not result.flagged)


def one_error_line(code: int, err: str) -> str:
    """Exit 2 and one ``rolequiz: error:`` line on stderr; that line."""
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rolequiz: error: ")
    return lines[0]


# -- help and template -------------------------------------------------------


@pytest.mark.parametrize(("lang", "example"), [("en", "Example:"), ("id", "Contoh:")])
def test_help_is_in_each_language_with_an_example(run: Run, lang: str, example: str) -> None:
    """``cohort --help`` is in the chosen language and shows an example."""
    code, out, _ = run("cohort", "--help", "--lang", lang)
    assert code == 0
    assert example in out
    assert "--template" in out and "--strict" in out and "--items" in out


def test_indonesian_help_asks_for_the_names_column_its_template_writes(run: Run) -> None:
    """``cohort --help --lang id`` names the column of names ``nama``, as --template writes."""
    code, out, _ = run("cohort", "--help", "--lang", "id")
    assert code == 0
    assert "CSV (kolom 'nama'" in " ".join(out.split())


def test_template_is_the_header_in_quiz_order_with_a_bom(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--template`` writes ``student`` and the question ids, UTF-8 with a BOM, no rows."""
    path = tmp_path / "class.csv"
    code, out, err = run("cohort", "--template", path)
    assert (code, out) == (0, "")
    assert str(path) in err
    data = path.read_bytes()
    assert data.startswith(BOM)
    assert csv_rows(data.decode("utf-8-sig")) == [["student", *(q.id for q in kb.questions)]]


def test_template_honours_the_semicolon_delimiter(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--delimiter ';'`` separates the template's header with semicolons."""
    path = tmp_path / "class.csv"
    assert run("cohort", "--template", path, "--delimiter", ";")[0] == 0
    header = path.read_text(encoding="utf-8-sig").rstrip("\r\n")
    assert header == ";".join(["student", *(q.id for q in kb.questions)])


def test_template_is_not_written_over_an_existing_file(run: Run, tmp_path: Path) -> None:
    """An existing file stays as it was without ``--force``, and is replaced with it."""
    path = tmp_path / "class.csv"
    path.write_text("answers collected so far\n", encoding="utf-8")
    line = one_error_line(*run("cohort", "--template", path)[::2])
    assert "--force" in line
    assert path.read_text(encoding="utf-8") == "answers collected so far\n"
    assert run("cohort", "--template", path, "--force")[0] == 0
    assert path.read_bytes().startswith(BOM + b"student,")


def test_template_filled_in_scores_like_the_engine(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A template filled in by hand (here by the test) scores each student as ``score`` does."""
    template = tmp_path / "class.csv"
    assert run("cohort", "--template", template, "--delimiter", ";")[0] == 0
    header = template.read_text(encoding="utf-8-sig").rstrip("\r\n").split(";")
    answers = class_answers(kb, 12)
    with template.open("a", encoding="utf-8", newline="") as handle:
        for index, sheet in enumerate(answers):
            by_column = dict(zip((q.id for q in kb.questions),
                                 cells(kb, sheet, by_number=index % 3 == 0), strict=True))
            handle.write(";".join(f"Siswa {index}" if c == "student" else by_column[c]
                                  for c in header) + "\r\n")
    output = tmp_path / "results.json"
    code, _, err = run("cohort", template, "-o", output)
    assert code == 0, err
    rows = json_rows(output)
    assert [r["student"] for r in rows] == [f"Siswa {i}" for i in range(12)]
    assert [r["row"] for r in rows] == list(range(2, 14))
    for row, sheet in zip(rows, answers, strict=True):
        assert_engine_row(kb, row, sheet)


def test_template_takes_no_input_files(run: Run, tmp_path: Path) -> None:
    """``--template`` with input files is a usage error: it writes, it does not read."""
    line = one_error_line(*run("cohort", tmp_path / "a.csv", "--template",
                               tmp_path / "t.csv")[::2])
    assert "--template" in line


# -- reading a class ---------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", False), (",", True),
                                                (";", True), ("\t", False)])
def test_comma_semicolon_tab_and_bom_inputs_give_the_same_results(
    run: Run, tmp_path: Path, kb: KnowledgeBase, delimiter: str, bom: bool
) -> None:
    """The separator is detected and a BOM ignored: every variant scores the same."""
    answers = class_answers(kb, 6)
    source = write_class(tmp_path / "class.csv", kb, named(answers), delimiter=delimiter,
                         bom=bom)
    output = tmp_path / "out.json"
    code, _, err = run("cohort", source, "-o", output)
    assert code == 0, err
    rows = json_rows(output)
    assert [r["student"] for r in rows] == [name for name, _ in named(answers)]
    for row, sheet in zip(rows, answers, strict=True):
        assert_engine_row(kb, row, sheet)


def test_excel_file_with_bom_semicolons_crlf_and_blank_rows(run: Run, tmp_path: Path) -> None:
    """What Excel saves as “CSV UTF-8” with a decimal comma reads as written; blank rows at
    the end are no students."""
    output = tmp_path / "out.csv"
    code, _, err = run("cohort", COHORT / "excel-semicolon.csv", "--kb", TINY, "-o", output)
    assert code == 0, err
    rows = csv_rows(output.read_text(encoding="utf-8-sig"))
    assert [r[1] for r in rows[1:]] == ["Ani", "Budi", "Citra; S."]
    assert "skipped" not in err.lower()


def test_a_sep_line_names_the_separator(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """Excel's ``sep=;`` first line sets the separator; the header is the next row."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 2)), delimiter=";")
    source.write_text("sep=;\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    output = tmp_path / "out.json"
    assert run("cohort", source, "-o", output)[0] == 0
    assert [r["row"] for r in json_rows(output)] == [3, 4]


def test_each_students_row_equals_the_engine_in_csv_output(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """The CSV export has one column per role, in kb order, holding the engine's fits."""
    answers = class_answers(kb, 8, seed=11)
    source = write_class(tmp_path / "class.csv", kb, named(answers))
    code, out, _ = run("cohort", source, "--format", "csv")
    assert code == 0
    rows = csv_rows(out)
    assert rows[0] == ["Row", "Student", "Result", "Top role (id)", "Confidence", "Blend (ids)",
                       "Answer patterns (codes)",
                       *(f"Fit: {r.short('en')}" for r in kb.roles), "Margin",
                       f"Answered (of {len(kb.questions)})", "Flags"]
    for row, sheet in zip(rows[1:], answers, strict=True):
        result = scoring.score(kb, sheet)
        fits = {f.role_id: f.fit for f in result.ranking}
        assert [float(v) for v in row[7:7 + len(kb.roles)]] == [fits[r.id] for r in kb.roles]
        assert float(row[-3]) == result.margin


# -- rows that cannot be scored ----------------------------------------------


def test_bad_rows_are_named_with_their_row_and_skipped(run: Run, tmp_path: Path) -> None:
    """Unknown option, number out of range, missing answer, no name: one stderr line each,
    with the spreadsheet row and the reason; the others are scored; the count comes last."""
    output = tmp_path / "out.json"
    code, out, err = run("cohort", COHORT / "mixed.csv", "--kb", TINY, "-o", output,
                         "--skip-bad", "--duplicates", "all")
    assert code == 0
    lines = err.splitlines()
    source = str(COHORT / "mixed.csv")
    assert lines[0].startswith(f"{source}: row 3: q1: expected one of a, b, c or a number "
                               "from 1 to 3, found 'x'")
    assert lines[1].startswith(f"{source}: row 4: q3: expected a number from 1 to 5, "
                               "found '9'")
    assert lines[2].startswith(f"{source}: row 5: Dewi left question 4 “I avoid green.” blank")
    assert lines[3].startswith(f"{source}: row 6: no name in the student column")
    assert all(line.endswith("; skipped") for line in lines[:4])
    assert "Rows skipped: 4" in err
    rows = json_rows(output)
    assert [r["student"] for r in rows] == ["Ani", "Budi", "Citra", "Dewi", "", "ani", "Eko"]
    assert [r["result"] for r in rows if r["student"] in ("Budi", "Citra", "Dewi", "")] == \
        ["", "", "", ""]
    assert "Dewi left question 4 “I avoid green.” blank" in rows[3]["flags"]
    assert "rows skipped: 4" in out


def test_a_row_with_many_wrong_answers_names_three_and_counts_the_rest(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """The skipped line stays readable: three wrong answers named, then how many more."""
    source = tmp_path / "class.csv"
    bad = ",".join(["Sari", *(["99"] * len(kb.questions))])
    source.write_text(write_class(source, kb, named(class_answers(kb, 1))).read_text(
        encoding="utf-8") + bad + "\r\n", encoding="utf-8")
    _, _, err = run("cohort", source)
    line = err.splitlines()[0]
    assert line.count("found '99'") == 3
    assert f"(and {len(kb.questions) - 3} more)" in line


def only_skipped(data: bytes, kb: KnowledgeBase) -> Skipped:
    """The one row of a class CSV, which must be skipped."""
    (batch,) = cohort_batches.csv_batches(io.BytesIO(data), file="c.csv", kb=kb,
                                          progress=lambda _: None)
    assert not batch.names and batch.error is None
    ((_, entry),) = batch.skipped
    return entry


@pytest.mark.parametrize("cell", ["²", "4.5", "-1", "0", "E", "b c"])
def test_odd_answers_make_a_bad_row_not_a_crash(kb: KnowledgeBase, cell: str) -> None:
    """Superscript digits, fractions, zero, negatives, a letter past the options: skipped."""
    header = ",".join(["student", *(q.id for q in kb.questions)]).encode() + b"\n"
    row = ",".join(["Ani", cell, *(["1"] * (len(kb.questions) - 1))]).encode() + b"\n"
    entry = only_skipped(header + row, kb)
    reason = render(entry.reason, "en")
    assert reason.startswith(f"{kb.questions[0].id}: expected ")
    assert reason.endswith(f"found {cell!r}")


def test_row_numbers_count_a_multi_line_cell_as_one_row(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A name with a line break is one spreadsheet row, so the next row is row 3."""
    answers = class_answers(kb, 2)
    source = write_class(tmp_path / "class.csv", kb, [("Ani\nPutri", answers[0]),
                                                      ("Budi", answers[1])])
    text = source.read_text(encoding="utf-8").replace("Budi,", "Budi,zz", 1)
    source.write_text(text, encoding="utf-8")
    _, _, err = run("cohort", source, "--skip-bad")
    assert f"{source}: row 3: " in err


def test_strict_stops_at_a_bad_row_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    """``--strict``: exit 2, one line naming the first bad row, and no output file."""
    output = tmp_path / "out.xlsx"
    code, out, err = run("cohort", COHORT / "mixed.csv", "--kb", TINY, "-o", output, "--strict")
    line = one_error_line(code, err)
    assert f"{COHORT / 'mixed.csv'}: row 3: q1:" in line
    assert "--strict" in line
    assert out == ""
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_strict_with_good_rows_only_writes_the_file(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--strict`` changes nothing for a class without bad rows."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    output = tmp_path / "out.json"
    assert run("cohort", source, "-o", output, "--strict")[0] == 0
    assert len(json_rows(output)) == 3


def test_duplicate_names_are_both_kept_and_flagged(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """Two students called Budi (case and spaces aside) are both scored; the second is flagged
    with where the first is, and a stderr line says so."""
    answers = class_answers(kb, 3)
    source = write_class(tmp_path / "class.csv", kb,
                         [("Budi", answers[0]), ("Sari", answers[1]), (" budi ", answers[2])])
    output = tmp_path / "out.json"
    code, out, err = run("cohort", source, "-o", output, "--duplicates", "all")
    assert code == 0
    rows = json_rows(output)
    assert [r["student"] for r in rows] == ["Budi", "Sari", "budi"]
    assert "duplicate" not in rows[0]["flags"]
    assert "duplicate name (also row 2)" in rows[2]["flags"]
    assert f"{source}: row 4: the name “budi” is also in row 2; both kept and flagged" in err
    assert "duplicate names: 1" in out


def test_when_no_row_can_be_scored_the_run_fails_and_writes_nothing(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A class whose every row is bad: exit 2 after the skipped lines, the last naming the
    file, no output file."""
    source = write_class(tmp_path / "class.csv", kb, [("", class_answers(kb, 1)[0])])
    output = tmp_path / "out.csv"
    code, out, err = run("cohort", source, "-o", output)
    assert (code, out) == (2, "")
    assert "row 2: no name" in err
    assert err.splitlines()[-1].startswith(f"rolequiz: error: {source}: no row could be scored")
    assert not output.exists()


# -- bad structure -----------------------------------------------------------

HEADER_PROBLEMS = {
    "no student column": ("pupil,{ids}\n", "no column of names (such as Name or student)"),
    "missing question column": ("student,{first}\n", "no column for"),
    "column twice": ("student,{ids},student\n", "the column student appears more than once"),
}


@pytest.mark.parametrize("case", HEADER_PROBLEMS)
def test_a_bad_header_is_one_error_line_naming_the_file_and_row_1(
    run: Run, tmp_path: Path, kb: KnowledgeBase, case: str
) -> None:
    """Missing ``student``, an unknown or missing question column, a column twice: exit 2."""
    header, message = HEADER_PROBLEMS[case]
    ids = [q.id for q in kb.questions]
    source = tmp_path / "class.csv"
    source.write_text(header.format(ids=",".join(ids), first=ids[0]) + "Ani\n",
                      encoding="utf-8")
    line = one_error_line(*run("cohort", source, "-o", tmp_path / "out.csv")[::2])
    assert f"{source}: row 1: " in line
    assert message in line
    assert not (tmp_path / "out.csv").exists()


def test_a_ragged_row_is_one_error_line_and_nothing_is_written(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A row with a cell too many (an unquoted comma in a name) stops the run, naming its row."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[3] = "Putri, Ani," + lines[3].split(",", 1)[1]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.xlsx"
    line = one_error_line(*run("cohort", source, "-o", output)[::2])
    width = len(kb.questions) + 1
    assert f"{source}: row 4 has {width + 1} cells but the header has {width}" in line
    assert not output.exists()


@pytest.mark.parametrize("content", [b"", BOM, b"\r\n\r\n"], ids=["empty", "bom", "blank"])
def test_an_empty_file_is_one_error_line(run: Run, tmp_path: Path, content: bytes) -> None:
    """An empty file (or one with only a BOM or blank lines) says what a header looks like."""
    source = tmp_path / "class.csv"
    source.write_bytes(content)
    line = one_error_line(*run("cohort", source)[::2])
    assert f"{source}: the file is empty" in line
    assert "--template" in line


def test_an_empty_file_in_indonesian_asks_for_the_header_its_template_writes(
    run: Run, tmp_path: Path
) -> None:
    """--lang id: the empty file's line asks for a column ``nama``, as the template heads it."""
    source = tmp_path / "kelas.csv"
    source.write_bytes(b"")
    code, _, err = run("cohort", source, "--lang", "id")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"rolequiz: kesalahan: {source}: berkas kosong; seharusnya ada "
                          "baris judul kolom: nama, lalu")


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "None of the three roles fits strongly"),
    ("id", "Tidak ada satu pun dari tiga peran yang benar-benar cocok")])
def test_a_result_no_role_fits_speaks_to_the_counselor_in_the_table(
    run: Run, lang: str, said: str
) -> None:
    """Budi, whom no role fits: the class table's result says so of the roles, and never
    "your answers" (jawabanmu), which his own report says to him."""
    form = FIXTURES / "forms" / f"google-blanks-{lang}.csv"
    code, out, err = run("cohort", form, "--lang", lang, "--format", "csv")
    assert code == 0, err
    budi = next(row for row in csv.reader(io.StringIO(out.lstrip("\ufeff")))
                if row[1] == "Budi Santoso")
    assert budi[2] == said


def test_a_header_without_students_is_one_error_line(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A header and no rows: there is nobody to score."""
    source = write_class(tmp_path / "class.csv", kb, [])
    line = one_error_line(*run("cohort", source)[::2])
    assert "nobody to score" in line


def test_bytes_that_are_not_utf8_name_the_row(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A file saved as Windows-1252 (“CSV (Comma delimited)”) is refused at the first row
    that is not UTF-8, with how to save it."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    source.write_bytes(source.read_bytes().replace(b"Student 02", "José".encode("cp1252")))
    line = one_error_line(*run("cohort", source)[::2])
    assert f"{source}: row 3: " in line
    assert "UTF-8" in line


def test_an_input_that_does_not_exist_is_one_error_line(run: Run, tmp_path: Path) -> None:
    """A mistyped file name is named, before anything is read or written."""
    line = one_error_line(*run("cohort", tmp_path / "nowhere.csv")[::2])
    assert "nowhere.csv: no such file" in line


def test_a_csv_and_answer_sheets_together_are_a_usage_error(run: Run, tmp_path: Path) -> None:
    """One CSV, or answer sheets: not both."""
    (tmp_path / "a.csv").write_text("student\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: B\n", encoding="utf-8")
    line = one_error_line(*run("cohort", tmp_path / "a.csv", tmp_path / "b.yaml")[::2])
    assert "not both" in line


def test_an_unnamed_empty_column_is_ignored(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """A trailing separator on every row (an unnamed, empty column) is harmless."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 2)))
    text = "".join(line + ",\r\n" for line in source.read_text(encoding="utf-8").splitlines())
    source.write_text(text, encoding="utf-8")
    code, out, err = run("cohort", source)
    assert code == 0, err
    assert "Students scored: 2" in out


# -- outputs -----------------------------------------------------------------


def test_existing_output_is_not_replaced_without_force(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``-o`` onto an existing file is refused before scoring; ``--force`` replaces it."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 2)))
    output = tmp_path / "out.csv"
    output.write_text("last week's results\n", encoding="utf-8")
    line = one_error_line(*run("cohort", source, "-o", output)[::2])
    assert "already exists" in line
    assert output.read_text(encoding="utf-8") == "last week's results\n"
    assert run("cohort", source, "-o", output, "--force")[0] == 0
    assert len(csv_rows(output.read_text(encoding="utf-8-sig"))) == 3


def test_the_output_cannot_be_the_input(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """``-o class.csv --force`` on the input itself is refused: the answers stay."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 2)))
    before = source.read_bytes()
    one_error_line(*run("cohort", source, "-o", source, "--force")[::2])
    assert source.read_bytes() == before


def test_text_formats_print_to_stdout_and_the_summary_goes_to_stderr(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--format csv`` without ``-o``: stdout is only the table; the summary is on stderr."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    code, out, err = run("cohort", source, "--format", "csv", "--delimiter", ";")
    assert code == 0
    rows = csv_rows(out, ";")
    assert len(rows) == 4 and rows[0][1] == "Student"
    assert "Class summary" in err and "Class summary" not in out


def test_without_an_output_only_the_summary_is_printed(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """No ``-o`` and no ``--format``: the summary on stdout, with how to get the rows."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    code, out, err = run("cohort", source)
    assert (code, err) == (0, "")
    assert "Students scored: 3" in out
    assert "-o FILE" in out


def test_xlsx_without_an_output_file_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    """A workbook cannot go to stdout."""
    line = one_error_line(*run("cohort", tmp_path / "x.csv", "--format", "xlsx")[::2])
    assert "-o FILE.xlsx" in line


def test_xlsx_has_one_row_per_student_with_numbers(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """The workbook holds the header and a row per student; fits are numbers."""
    answers = class_answers(kb, 5)
    source = write_class(tmp_path / "class.csv", kb, named(answers))
    output = tmp_path / "out.xlsx"
    assert run("cohort", source, "-o", output)[0] == 0
    sheet = openpyxl.load_workbook(output).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 6
    for row, sheet_answers in zip(values[1:], answers, strict=True):
        fits = {f.role_id: f.fit for f in scoring.score(kb, sheet_answers).ranking}
        assert list(row[7:7 + len(kb.roles)]) == [fits[r.id] for r in kb.roles]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_xlsx_shows_rows_as_whole_numbers_and_fits_with_decimals(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: str
) -> None:
    """In the workbook the row is shown as 2, not 2.0; fits and margins keep their decimals."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    output = tmp_path / "out.xlsx"
    assert run("cohort", source, "-o", output, "--lang", lang)[0] == 0
    sheet = openpyxl.load_workbook(output).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[0] == {"en": "Row", "id": "Baris"}[lang]
    margin = header.index({"en": "Margin", "id": "Selisih"}[lang])
    for row in sheet.iter_rows(min_row=2):
        assert (row[0].value, row[0].number_format) == (row[0].row, "0")
        assert row[margin].number_format == "0.0"
        assert row[7].number_format == "0.0"  # the first fit


def test_a_fourth_role_gives_a_fourth_fit_column(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A role added to the YAML only is one more column, scored like the others."""
    data = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    data["roles"].append(dict(data["roles"][0], id="analyst",
                              name={"id": "Analis", "en": "Analyst"},
                              short={"id": "Analis", "en": "Analyst"}))
    four = tmp_path / "four.yaml"
    four.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    four_kb = knowledge.load(four)
    answers = class_answers(four_kb, 4)
    source = write_class(tmp_path / "class.csv", four_kb, named(answers))
    output = tmp_path / "out.json"
    assert run("cohort", source, "--kb", four, "-o", output)[0] == 0
    rows = json_rows(output)
    assert "fit_analyst" in rows[0]
    for row, sheet in zip(rows, answers, strict=True):
        assert_engine_row(four_kb, row, sheet)


# -- names that try to be something else -------------------------------------


def injection_class(tmp_path: Path, kb: KnowledgeBase) -> Path:
    answers = class_answers(kb, len(INJECTIONS) + 1)
    names = [*INJECTIONS, "<script>alert('x')</script>"]
    return write_class(tmp_path / "class.csv", kb, list(zip(names, answers, strict=True)))


def test_formula_names_are_text_in_csv(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """Names starting with ``=``, ``+``, ``-`` or ``@`` get a leading apostrophe in CSV."""
    output = tmp_path / "out.csv"
    assert run("cohort", injection_class(tmp_path, kb), "-o", output)[0] == 0
    names = [row[1] for row in csv_rows(output.read_text(encoding="utf-8-sig"))[1:]]
    assert names[:len(INJECTIONS)] == ["'" + name for name in INJECTIONS]


def test_formula_names_have_a_quote_prefix_in_xlsx(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """In the workbook such names are strings with Excel's quote prefix, shown as written."""
    output = tmp_path / "out.xlsx"
    assert run("cohort", injection_class(tmp_path, kb), "-o", output)[0] == 0
    sheet = openpyxl.load_workbook(output).active
    assert sheet is not None
    for row, name in zip(range(2, 2 + len(INJECTIONS)), INJECTIONS, strict=True):
        cell = sheet.cell(row=row, column=2)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True)
    assert sheet.cell(row=2 + len(INJECTIONS), column=2).quotePrefix is False


def test_names_are_escaped_in_html(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """A name with markup is text in the report, not markup."""
    output = tmp_path / "report.html"
    assert run("cohort", injection_class(tmp_path, kb), "-o", output)[0] == 0
    page = output.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_names_are_shown_literally_in_the_terminal(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """Rich markup and escape sequences in a name reach the terminal as written, visibly."""
    answers = class_answers(kb, 4)
    source = write_class(tmp_path / "class.csv", kb, [
        ("[bold]x", answers[0]), ("[bold]x", answers[1]),
        ("\x1b[31mred", answers[2]), ("\x1b[31mred", answers[3])])
    code, _, err = run("cohort", source, "--duplicates", "all")
    assert code == 0
    assert "the name “[bold]x” is also in row 2" in err
    assert "the name “\\x1b[31mred” is also in row 4" in err
    assert "\x1b" not in err


# -- a class of forty --------------------------------------------------------


def test_a_class_of_forty_gives_rows_a_summary_and_a_printable_report(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """From ``--template`` to a report: 40 rows, the engine's distribution of top roles in
    the summary, and a self-contained A4 page with both charts."""
    template = tmp_path / "class.csv"
    assert run("cohort", "--template", template)[0] == 0
    answers = class_answers(kb, 40, seed=40)
    with template.open("a", encoding="utf-8", newline="") as handle:
        for index, sheet in enumerate(answers):
            handle.write(",".join([f"Siswa {index:02d}", *cells(kb, sheet, by_number=True)])
                         + "\r\n")
    report = tmp_path / "report.html"
    code, out, err = run("cohort", template, "-o", report)
    assert code == 0, err
    scored = [scoring.score(kb, a) for a in answers]
    top = Counter(r.decided for r in scored if r.decided)
    assert "Students scored: 40" in out
    for role in kb.roles:
        match = re.search(rf"{re.escape(role.name('en'))}\s+\S+\s+(\d+)\s+\d+%", out)
        assert match is not None, out
        assert int(match[1]) == top[role.id]
    blends = sum(1 for r in scored if r.blend and not r.flagged)
    assert re.search(rf"Blend \(too close to call\)\s+\S+\s+{blends}\s", out)
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "size: A4" in page
    assert page.count("<svg") == 2
    assert not re.search(r"<script|<link|\ssrc=|@import", page)
    for index in range(40):
        assert f'<td class="num">{index + 2}</td><td>Siswa {index:02d}</td>' in page
    assert page.index("<svg") < page.index("Siswa 00")  # the summary comes first


def test_html_to_stdout_is_the_whole_report(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """``--format html`` without ``-o`` prints the report; the summary goes to stderr."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    code, out, err = run("cohort", source, "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and "<svg" in out
    assert "Class summary" in err


def test_the_summary_is_in_indonesian_with_lang_id(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--lang id``: the summary, the columns and the skipped lines are Indonesian."""
    source = write_class(tmp_path / "class.csv", kb, [*named(class_answers(kb, 2)),
                                                      ("", class_answers(kb, 1)[0])])
    output = tmp_path / "out.csv"
    code, out, err = run("cohort", source, "--lang", "id", "-o", output, "--skip-bad")
    assert code == 0
    assert "Siswa yang dinilai: 2" in out
    assert f"{source}: baris 4: tidak ada nama di kolom student; dilewati" in err
    assert csv_rows(output.read_text(encoding="utf-8-sig"))[0][:3] == ["Baris", "Siswa", "Hasil"]


# -- answer sheets as input --------------------------------------------------


def test_a_sheet_as_the_quiz_saved_it_is_flagged_as_score_flags_it(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """The order a quiz showed and the seconds it timed count in a class as for ``score``:
    answers given in a fifth of a second each are too fast in both."""
    [answers] = class_answers(kb, 1)
    sheet = tmp_path / "sari.yaml"
    sheet.write_text(yaml.safe_dump({
        "name": "Sari",
        "answers": {q.id: q.options[answers[q.id]].id for q in kb.questions},
        "shown": {q.id: [o.id for o in reversed(q.options)] for q in kb.questions},
        "seconds": {q.id: 0.2 for q in kb.questions},
    }), encoding="utf-8")
    code, out, err = run("score", sheet, "--json")
    assert code == 0, err
    alone = json.loads(out)
    assert "too_fast" in alone["flags"]
    output = tmp_path / "class.json"
    code, _, err = run("cohort", sheet, "-o", output)
    assert code == 0, err
    [row] = json_rows(output)
    assert row["careless"] == ";".join(alone["flags"])
    assert (row["top"] or None) is None and alone["top"] is None


def test_answer_sheets_are_scored_by_name_or_file_name(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """YAML and JSON sheets: named by their ``name``, else their file; a broken sheet is
    skipped with its file, line and column."""
    answers = class_answers(kb, 2)
    first = tmp_path / "sari.yaml"
    first.write_text(yaml.safe_dump({"name": "Sari Dewi", "answers": {
        q.id: q.options[answers[0][q.id]].id for q in kb.questions}}), encoding="utf-8")
    second = tmp_path / "budi.json"
    second.write_text(json.dumps({q.id: answers[1][q.id] + 1 for q in kb.questions}),
                      encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(f"name: X\n{kb.questions[0].id}: zz\n", encoding="utf-8")
    output = tmp_path / "out.json"
    code, _, err = run("cohort", first, broken, second, "-o", output, "--skip-bad")
    assert code == 0, err
    rows = json_rows(output)
    assert [(r["file"], r["student"]) for r in rows] == [
        (str(first), "Sari Dewi"), (str(broken), "broken"), (str(second), "budi")]
    assert rows[1]["result"] == ""
    assert rows[1]["flags"].startswith(f"X left {len(kb.questions) - 1} questions blank")
    for row, sheet in zip([rows[0], rows[2]], answers, strict=True):
        assert_engine_row(kb, row, sheet)
    first_line = err.splitlines()[0]
    assert first_line.startswith(f"{broken}:1:1: X left {len(kb.questions) - 1} questions blank")
    assert first_line.endswith("(and 1 more); skipped")


def test_strict_stops_at_a_broken_answer_sheet(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--strict`` with sheets: the first broken sheet fails the run, nothing written."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: X\n", encoding="utf-8")
    output = tmp_path / "out.md"
    line = one_error_line(*run("cohort", broken, "--strict", "-o", output)[::2])
    assert str(broken) in line
    assert not output.exists()


# -- item analysis -----------------------------------------------------------


def test_items_below_ten_students_says_so_in_one_line(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--items`` with nine students: the answer counts, and one line instead of alpha."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 9)))
    code, out, _ = run("cohort", source, "--items")
    assert code == 0
    assert "Answers per question" in out
    assert "Alpha needs at least 10 scored students; this class has 9." in out
    assert "Item–rest" not in out


def test_items_show_alpha_per_trait_as_the_items_module_computes_it(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--items`` with twenty students: each trait with its alpha, each question's counts."""
    answers = class_answers(kb, 20)
    source = write_class(tmp_path / "class.csv", kb, named(answers))
    code, out, _ = run("cohort", source, "--items")
    assert code == 0
    analysis = items.ItemAnalysis(kb)
    for sheet in answers:
        analysis.add(sheet)
    found = analysis.reliability()
    assert found is not None
    for reliability in found:
        alpha = "–" if reliability.alpha is None else f"{reliability.alpha:.2f}"
        name = kb.dimension(reliability.dimension_id).name("en")
        assert re.search(rf"{re.escape(name)}\s+{re.escape(alpha)}\s", out), name
    first = kb.questions[0]
    counts = analysis.counts[first.id]
    assert " · ".join(f"{o.id} {n}" for o, n in zip(first.options, counts, strict=True)) in out


def test_items_are_in_the_html_report(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """``--items`` with ``-o report.html`` adds the item analysis to the report."""
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 12)))
    report = tmp_path / "report.html"
    assert run("cohort", source, "--items", "-o", report)[0] == 0
    page = report.read_text(encoding="utf-8")
    assert "Item analysis" in page and "Cronbach" in page and "Item–rest correlation" in page


# -- progress ----------------------------------------------------------------


def test_progress_bar_only_on_a_terminal_and_for_long_inputs() -> None:
    """The bar is for a person watching a long run: a terminal and a large input."""
    assert progress.progress_wanted(True, progress.PROGRESS_MIN_BYTES)
    assert not progress.progress_wanted(False, progress.PROGRESS_MIN_BYTES * 100)
    assert not progress.progress_wanted(True, progress.PROGRESS_MIN_BYTES - 1)


def test_no_progress_output_when_stderr_is_not_a_terminal(
    run: Run, tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even for an input over the threshold, a redirected stderr gets no bar."""
    monkeypatch.setattr(progress, "PROGRESS_MIN_BYTES", 0)
    source = write_class(tmp_path / "class.csv", kb, named(class_answers(kb, 3)))
    code, _, err = run("cohort", source, "--format", "json")
    assert code == 0
    assert "━" not in err and "\r" not in err and "Scoring" not in err


# -- the core ----------------------------------------------------------------


def batch_summary(kb: KnowledgeBase, answers: list[Answers]) -> cohort.Summary:
    """The summary of *answers* scored as one batch, as ``cohort`` counts a class."""
    import numpy as np

    from rolequiz.core.cohort.scorer import Scorer

    summary = cohort.Summary(kb)
    summary.add_scores(Scorer(kb).score(np.array([[a[q.id] for q in kb.questions]
                                                  for a in answers])))
    return summary


def test_summary_counts_winners_blends_and_the_average_profile(kb: KnowledgeBase) -> None:
    """A scored batch adds up to what the one-sheet engine says of each student."""
    answers = [*class_answers(kb, 30, seed=2), {q.id: 0 for q in kb.questions}]
    summary = batch_summary(kb, answers)
    scored = [scoring.score(kb, a) for a in answers]
    order = [role.id for role in kb.roles]
    kept = [r for r in scored if not r.flagged and r.fitting]
    assert summary.scored == len(answers)
    assert summary.top == Counter(r.decided for r in kept if not r.blend)
    assert summary.mixes == Counter(tuple(sorted(r.blend, key=order.index))
                                    for r in kept if r.blend)
    assert summary.flagged == sum(r.flagged for r in scored) >= 1
    for dimension in kb.dimensions:
        expected = sum(r.profile[dimension.id] for r in scored) / len(answers)
        assert summary.average_profile()[dimension.id] == pytest.approx(expected)


def test_a_flagged_sheet_counts_neither_as_a_winner_nor_as_a_blend(kb: KnowledgeBase) -> None:
    """A sheet with no reliable result is counted as flagged, and nowhere else."""
    first_option = {q.id: 0 for q in kb.questions}
    assert "same_position" in scoring.score(kb, first_option).flags
    summary = batch_summary(kb, [first_option])
    assert (summary.scored, summary.flagged) == (1, 1)
    assert (sum(summary.top.values()), summary.blends) == (0, 0)


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"),
                                                (701, "ZZ"), (702, "AAA")])
def test_column_letters_are_a_spreadsheets(index: int, letters: str) -> None:
    """Column positions are named as a spreadsheet names them."""
    assert column_letter(index) == letters


def test_a_value_under_an_unnamed_column_makes_the_row_bad(kb: KnowledgeBase) -> None:
    """A value in a column without a header cannot be placed: that row is skipped."""
    header = ",".join(["student", *(q.id for q in kb.questions), ""]).encode() + b"\n"
    row = ",".join(["Ani", *(["1"] * len(kb.questions)), "oops"]).encode() + b"\n"
    entry = only_skipped(header + row, kb)
    column = column_letter(len(kb.questions) + 1)
    assert render(entry.reason, "en") == \
        f"a value in column {column}, which has no name in the header"


@pytest.mark.parametrize("roles", [1, 3, 7, 17])
def test_results_are_named_alike_however_many_roles_there_are(
        roles: int, tiny_kb: KnowledgeBase) -> None:
    """The combinations found, or whole rows: the same words for the same winner or blend,
    from one role to seventeen."""
    import dataclasses

    import numpy as np

    first = tiny_kb.roles[0]
    kb = dataclasses.replace(tiny_kb, roles=tuple(
        first._replace(id=f"role{n}", short=Text.of(id=f"R{n}", en=f"R{n}"),
                       name=Text.of(id=f"Role {n}", en=f"Role {n}")) for n in range(roles)))
    rng = random.Random(roles)
    kinds = []
    for _ in range(200):
        order = [r + 1 for r in rng.sample(range(roles), roles)]
        size = rng.choice([1, 1, *range(1, roles + 1)])  # a winner, or a blend of `size`
        kinds.append(order[:size] + [0] * (roles - size))
    words = class_table.Words(kb, "en")
    keys, inverse = words._combinations(np.array(kinds, dtype=np.int64))
    assert [words._headline(keys[at]) for at in inverse.tolist()] == \
        [words._headline(row) for row in kinds]


@pytest.mark.parametrize(("lang", "words"), [("en", "nobody to score"),
                                            ("id", "tidak ada yang bisa dinilai")])
def test_a_class_file_with_a_header_and_no_rows_is_named_in_the_error(
    run: Run, tmp_path: Path, lang: str, words: str
) -> None:
    """A header and nothing under it: one line that names the file, in the user's language."""
    path = tmp_path / "kelas.csv"
    path.write_text("student," + ",".join(f"q{n:02d}" for n in range(1, 21)) + "\n",
                    encoding="utf-8")
    code, _, err = run("cohort", path, "--lang", lang)
    assert code == 2
    line = assert_one_error_line(code, "", err)
    assert f"{path}: {words}" in line


@pytest.mark.parametrize(("lang", "words"), [("en", "is a file, not a folder"),
                                             ("id", "adalah berkas, bukan folder")])
def test_an_output_under_a_file_says_that_it_is_not_a_folder(
    run: Run, tmp_path: Path, lang: str, words: str
) -> None:
    """``-o afile/x.csv`` where afile is a file: the line says so (not "does not exist")."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    source = tmp_path / "k.csv"
    source.write_text("student,q01\nAni,1\n", encoding="utf-8")
    code, _, err = run("cohort", source, "-o", blocker / "x.csv", "--lang", lang)
    assert code == 2
    assert words in assert_one_error_line(code, "", err)


def test_careless_answers_are_not_reliable_and_no_mix(run: Run, tmp_path: Path) -> None:
    """Every answer the first listed (flagged as careless, and too close to call): the
    flags say "not reliable" alone, since a sheet with no reliable result is no mix."""
    kb = knowledge.load(FIXTURES / "tiny.yaml")
    path = tmp_path / "class.csv"
    path.write_text("student," + ",".join(q.id for q in kb.questions) + "\n"
                    + "Ani," + ",".join("1" for _ in kb.questions) + "\n", encoding="utf-8")
    result = scoring.score(kb, {q.id: 0 for q in kb.questions})
    assert result.flagged and len(result.blend) > 1  # careless, and a blend by the fits
    code, out, err = run("cohort", path, "--kb", FIXTURES / "tiny.yaml", "--format", "csv")
    assert code == 0, err
    (row,) = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert row["Flags"] == "not reliable"
    assert row["Result"] == "No reliable result"


def test_each_mix_is_listed_under_the_blends_on_screen(run: Run) -> None:
    """The summary names a class's mix right under "Blend (too close to call)", not under
    the line after it ("No role fits strongly")."""
    sheets = Path(__file__).parent.parent / "fixtures" / "sheets"
    code, out, err = run("cohort", sheets / "blend.yaml", sheets / "clear.yaml")
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    blend = next(i for i, line in enumerate(lines) if line.startswith("Blend (too close"))
    assert lines[blend + 1].startswith("A mix of Officer and Specialist")
    assert lines[blend + 2].startswith("No role fits strongly")


def test_a_skipped_row_is_said_in_the_language_that_shows_it(kb: KnowledgeBase) -> None:
    """The reader words nothing: one reading of a row without a name says where and why in
    English and in Indonesian alike."""
    header = ",".join(["student", *(q.id for q in kb.questions)]).encode() + b"\n"
    row = ",".join(["", *(["1"] * len(kb.questions))]).encode() + b"\n"
    entry = only_skipped(header + row, kb)
    assert (render(entry.place, "en"), render(entry.reason, "en")) == \
        ("c.csv: row 2", "no name in the student column")
    assert (render(entry.place, "id"), render(entry.reason, "id")) == \
        ("c.csv: baris 2", "tidak ada nama di kolom student")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("columns", [34, 40])
def test_a_class_summary_on_a_narrow_terminal_names_each_role_on_one_line(
        run: Run, shipped_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch,
        lang: str, columns: int) -> None:
    """On a narrow terminal the roles' full names and whole bars do not fit side by side:
    the bars get shorter (and, narrower still, the roles go by their short names), each
    role named on one line beside its bar, and no line is cut."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run("--lang", lang, "cohort", COHORT / "clear-class.csv")
    assert code == 0, err
    lines = out.splitlines()
    assert all(cell_len(line.rstrip()) <= columns for line in lines)
    for role in shipped_kb.roles:
        named = [line for line in lines if line.strip().startswith(
            (role.name(lang) + " ", role.short(lang) + " "))]
        assert len(named) == 1 and re.search(r" [█░#-]{8,} +\d+ +\d+%$", named[0]), lines
