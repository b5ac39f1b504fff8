"""Class files that claim or unpack to far more than a class: each is refused with one
line and exit 2, within the limits docs/exit-codes.md states, before it costs minutes or
gigabytes (issue 20).  The files are built here, small."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import hostile
from checks import assert_one_error_line
from rolequiz.core.cohort.read import limits

Run = Callable[..., tuple[int, str, str]]


def refused(run: Run, path: Path, tmp_path: Path) -> str:
    """Run ``cohort PATH -o out.csv``: exit 2, one line, no output file; the line."""
    out = tmp_path / "out.csv"
    code, stdout, err = run("cohort", path, "-o", out, "--lang", "en")
    line = assert_one_error_line(code, stdout, err)
    assert str(path) in line
    assert not out.exists()
    return line


def test_a_well_made_workbook_is_read(run: Run, tmp_path: Path) -> None:
    """The control: the builder's plain workbook scores its student."""
    code, _, err = run("cohort", hostile.plain_xlsx(tmp_path / "class.xlsx"), "-o",
                       tmp_path / "out.csv", "--lang", "en")
    assert code == 0, err
    assert "Sari" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")


def test_a_workbook_that_unpacks_past_the_limit_is_refused_from_its_zip_directory(
        run: Run, tmp_path: Path) -> None:
    """A zip bomb (spaces in the sheet, a few KiB packed) is refused by what it unpacks to."""
    path = hostile.zip_bomb(tmp_path / "bomb.xlsx", size=limits.MAX_UNPACKED + (1 << 20))
    assert path.stat().st_size < 100_000
    mib = limits.MAX_UNPACKED >> 20
    assert f"the workbook unpacks to {mib + 2} MiB, more than the {mib} MiB rolequiz reads" \
        in refused(run, path, tmp_path)


def test_a_huge_table_of_texts_is_refused_before_openpyxl_reads_it_whole(
        run: Run, tmp_path: Path) -> None:
    """One shared text bigger than a part may be: the part is named."""
    path = hostile.huge_shared_string(tmp_path / "texts.xlsx",
                                      size=limits.MAX_WHOLE_PART + 1, students=1)
    assert f"part xl/sharedStrings.xml unpacks to {(limits.MAX_WHOLE_PART >> 20) + 1} MiB" in \
        refused(run, path, tmp_path)


def test_a_cell_longer_than_excel_allows_is_refused(run: Run, tmp_path: Path) -> None:
    """A name of 32,768 characters is refused at its row and column."""
    path = hostile.huge_shared_string(tmp_path / "name.xlsx", size=limits.MAX_CELL + 1,
                                      students=2)
    assert "row 2, column A: a cell of 32768 characters, more than the 32767" in \
        refused(run, path, tmp_path)


def test_one_long_text_named_by_many_cells_stops_at_the_text_limit(
        run: Run, tmp_path: Path) -> None:
    """A text stored once but named by every row cannot make gigabytes of output."""
    students = limits.MAX_TEXT // limits.MAX_CELL + 2
    path = hostile.huge_shared_string(tmp_path / "many.xlsx", size=limits.MAX_CELL,
                                      students=students)
    line = refused(run, path, tmp_path)
    millions = limits.MAX_TEXT >> 20
    assert f"the cells so far hold more than {millions} million characters of text" in line
    assert f": row {students - 1}: " in line  # the names and answers of all but the last


def test_a_sheet_claiming_every_row_and_column_of_excel_is_refused(
        run: Run, tmp_path: Path) -> None:
    """1,048,576 rows by 16,384 columns claimed in 2 KiB: refused at the row limit."""
    path = hostile.huge_dimension(tmp_path / "claim.xlsx")
    assert path.stat().st_size < 50_000
    assert f"more than {limits.MAX_ROWS} rows" in refused(run, path, tmp_path)


def test_a_cell_a_million_rows_down_is_refused(run: Run, tmp_path: Path) -> None:
    """A stray cell far below the class stops at the row limit, naming what to delete."""
    line = refused(run, hostile.far_row(tmp_path / "far.xlsx"), tmp_path)
    assert "delete the rows after the last student" in line


def test_a_row_wider_than_the_limit_is_refused(run: Run, tmp_path: Path) -> None:
    """A cell in Excel's last column (XFD) makes the row 16,384 wide: refused."""
    line = refused(run, hostile.wide_row(tmp_path / "wide.xlsx"), tmp_path)
    assert f"row 1 has 16384 columns, more than the {limits.MAX_COLUMNS}" in line


def test_broken_xml_is_one_line(run: Run, tmp_path: Path) -> None:
    """A sheet cut off in the middle: not a workbook, exit 2, one line with the place."""
    line = refused(run, hostile.malformed(tmp_path / "book.xlsx"), tmp_path)
    assert "cannot read it as an Excel workbook: its XML breaks off at line 1, column" in line


def test_a_billion_laughs_is_one_line(run: Run, tmp_path: Path) -> None:
    """Entities that expand to a billion words are refused unexpanded."""
    line = refused(run, hostile.billion_laughs(tmp_path / "book.xlsx"), tmp_path)
    assert line.endswith("cannot read it as an Excel workbook: its XML declares entities, "
                         "which no spreadsheet program writes (a file made to attack the "
                         "computer that opens it?)")


def test_an_external_entity_is_never_read_into_the_results(run: Run, tmp_path: Path) -> None:
    """XXE: a name that points at a file on the computer is refused, the file unread."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    line = refused(run, hostile.external_entity(tmp_path / "xxe.xlsx", secret), tmp_path)
    assert "its XML declares entities" in line
    assert "TOP-SECRET" not in line


def test_a_csv_wider_than_the_limit_is_refused_at_its_header(run: Run,
                                                            tmp_path: Path) -> None:
    """100,000 extra columns (issue 20: 445 s) are refused at row 1."""
    path = hostile.wide_csv(tmp_path / "wide.csv", columns=100_000)
    assert "row 1 has 100021 columns, more than the 1000 rolequiz reads" in \
        refused(run, path, tmp_path)


def test_a_csv_cell_past_the_csv_limit_is_said_in_words(run: Run, tmp_path: Path) -> None:
    """A name of 200,000 characters (or a quote left open): the row and the limit."""
    path = tmp_path / "long.csv"
    path.write_text(",".join(hostile.header()) + "\n"
                    + ",".join(hostile.answers("x" * 200_000)) + "\n", encoding="utf-8")
    assert "row 2: a cell of more than 131072 characters, more than rolequiz reads" in \
        refused(run, path, tmp_path)


def test_a_csv_as_wide_as_the_limit_is_read(run: Run, tmp_path: Path) -> None:
    """A header of exactly the limit's columns is read (unknown columns named, not fatal)."""
    path = hostile.wide_csv(tmp_path / "wide.csv",
                            columns=limits.MAX_COLUMNS - len(hostile.header()))
    code, _, err = run("cohort", path, "-o", tmp_path / "out.csv", "--lang", "en")
    assert code == 0, err


# -- line ends and encodings ------------------------------------------------------------


def class_text(separator: str = ",", end: str = "\r\n") -> str:
    rows = [hostile.header(), hostile.answers("Sari"), hostile.answers("Budi")]
    return "".join(separator.join(row) + end for row in rows)


@pytest.mark.parametrize(("name", "data"), [
    ("cr-only", class_text(end="\r").encode("utf-8")),
    ("utf-16", class_text(separator="\t").encode("utf-16")),
    ("utf-8-bom-then-utf-16", b"\xef\xbb\xbf" + class_text().encode("utf-16")),
    ("utf-16-be", class_text().encode("utf-16-be").join([b"\xfe\xff", b""])),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_csv_with_old_line_ends_or_in_utf16_is_read(run: Run, tmp_path: Path, name: str,
                                                      data: bytes) -> None:
    """CR-only line ends (old Mac Excel) and UTF-16 (Excel's "Unicode text", tab-separated)
    are read like any class CSV."""
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    out = tmp_path / "out.csv"
    code, _, err = run("cohort", path, "-o", out, "--lang", "en")
    assert code == 0, err
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert [row.split(",")[:2] for row in rows[1:]] == [["2", "Sari"], ["3", "Budi"]]


def test_a_line_break_in_an_unquoted_cell_is_said_in_words(run: Run, tmp_path: Path) -> None:
    """A CR alone inside a row of a CSV with LF ends: which row, and what to do."""
    path = tmp_path / "class.csv"
    path.write_bytes(class_text(end="\n").replace("Budi", "Bu\rdi").encode("utf-8"))
    code, out, err = run("cohort", path, "--lang", "en")
    line = assert_one_error_line(code, out, err)
    assert line.endswith("row 3: a line break inside a cell that is not in quotes; put that "
                         "cell in quotes, or remove the line break")
    assert "universal-newline" not in line
