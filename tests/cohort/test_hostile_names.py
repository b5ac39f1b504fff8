"""Student names that would control a terminal or a file (issue 20): escape sequences, NUL
bytes, a carriage return, Markdown links and images.  Every output, printed or written,
shows them spelled out or escaped, as the per-student reports do."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

import hostile

Run = Callable[..., tuple[int, str, str]]

NAMES = ("\x1b[31mRed\x1b[0m", "Nul\x00byte", "Car\rriage", "Bell\x07\x9b2J",
         "[click](http://evil.example)", "![img](http://evil.example/x.png)")
CONTROLS = [chr(c) for c in (*range(0, 9), *range(11, 13), *range(14, 32), *range(127, 160))]


@pytest.fixture
def hostile_class(tmp_path: Path) -> Path:
    """A class CSV whose students have hostile names (every cell quoted, as Excel does
    with a line break in a cell)."""
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([hostile.header(), *(hostile.answers(name) for name in NAMES)])
    path = tmp_path / "class.csv"
    path.write_text(text.getvalue(), encoding="utf-8", newline="")
    return path


def assert_no_controls(text: str) -> None:
    found = sorted({hex(ord(c)) for c in text if c in CONTROLS})
    assert not found, found


def no_crlf(text: str) -> str:
    return text.replace("\r\n", "\n")  # a CSV's own line ends


def as_read(text: str, fmt: str) -> str:
    """*text* as a reader sees it: Markdown's backslash escapes (of ASCII punctuation)
    rendered."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text) if fmt == "md" else text


@pytest.mark.parametrize("fmt", ["csv", "md", "html"])
def test_a_class_table_printed_to_the_terminal_shows_control_characters_spelled_out(
        run: Run, hostile_class: Path, fmt: str) -> None:
    """``cohort --format csv|md|html`` on stdout: no name styles the terminal or moves
    the cursor; each is shown with its escapes spelled out."""
    code, out, err = run("cohort", hostile_class, "--format", fmt, "--lang", "en")
    assert code == 0, err
    assert_no_controls(no_crlf(out))
    assert "\\x1b[31mRed\\x1b[0m" in as_read(out, fmt)
    assert "Nul\\x00byte" in as_read(out, fmt)


@pytest.mark.parametrize("suffix", [".csv", ".md", ".html"])
def test_a_class_file_holds_no_control_characters(run: Run, hostile_class: Path,
                                                  tmp_path: Path, suffix: str) -> None:
    """The class CSV, Markdown and HTML files hold the names spelled out, not raw."""
    target = tmp_path / f"out{suffix}"
    code, _, err = run("cohort", hostile_class, "-o", target, "--lang", "en")
    assert code == 0, err
    text = target.read_text(encoding="utf-8-sig")
    assert_no_controls(no_crlf(text) if suffix == ".csv" else text)
    assert "Car\\rriage" in as_read(text, suffix[1:])


def test_a_class_workbook_holds_no_control_characters(run: Run, hostile_class: Path,
                                                      tmp_path: Path) -> None:
    """The class workbook's cells hold the names spelled out."""
    target = tmp_path / "out.xlsx"
    code, _, err = run("cohort", hostile_class, "-o", target, "--lang", "en")
    assert code == 0, err
    sheet = load_workbook(target, read_only=True).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert_no_controls("".join(cells))
    assert "\\x1b[31mRed\\x1b[0m" in cells


def test_markdown_links_and_images_in_names_stay_text(run: Run, hostile_class: Path,
                                                      tmp_path: Path) -> None:
    """In the class ``.md`` a name's link or image is escaped: it renders as written."""
    target = tmp_path / "out.md"
    assert run("cohort", hostile_class, "-o", target, "--lang", "en")[0] == 0
    text = target.read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)\]\(", text) is None  # every "](" escaped
    assert "[click\\](http://evil.example)" in text
    assert "![img\\](http://evil.example/x.png)" in text


def test_a_carriage_return_in_a_name_starts_no_table_line(run: Run, hostile_class: Path,
                                                          tmp_path: Path) -> None:
    """Every line of the class ``.md`` table is a whole row: as many cells as the header."""
    target = tmp_path / "out.md"
    assert run("cohort", hostile_class, "-o", target, "--lang", "en")[0] == 0
    rows = [line for line in target.read_text(encoding="utf-8").split("\n")
            if line.startswith("|")]
    assert len(rows) == 2 + len(NAMES)
    assert len({line.replace("\\|", "").count("|") for line in rows}) == 1
