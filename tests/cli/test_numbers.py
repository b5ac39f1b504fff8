"""Numbers and dates as each language writes them (CLDR, through Babel): ``8,6`` and
``14 Oktober 2024`` under ``id``; machine formats keep plain numbers."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from rolequiz import numbers
from rolequiz.export.overview import two_decimals

Run = Callable[..., tuple[int, str, str]]
FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"
CLASS = "student,q1,q2,q3,q4,q5,q6\nAni,a,a,5,5,1,a\nBudi,b,c,2,3,4,b\nCici,c,b,1,1,5,c\n"


@pytest.mark.parametrize(("lang", "written"), [("id", "8,6"), ("en", "8.6")])
def test_a_decimal_has_the_languages_mark(lang: str, written: str) -> None:
    """8.6 points read '8,6' in Indonesian and '8.6' in English."""
    assert numbers.decimal(8.6, lang) == written


@pytest.mark.parametrize(("value", "written"), [(68.5, "68,5"), (46.85, "46,9"),
                                                (0.04, "0,0"), (100.0, "100,0")])
def test_a_decimal_is_rounded_as_python_rounds_it(value: float, written: str) -> None:
    """One decimal, the same digits as the JSON result's ``round(x, 1)``, never grouped."""
    assert numbers.decimal(value, "id") == written


def test_two_decimals_for_reliability() -> None:
    """Alpha and item–rest correlations: two decimals, '–' for none."""
    assert two_decimals(0.8123, "id") == "0,81"
    assert two_decimals(-0.25, "en") == "-0.25"
    assert two_decimals(None, "id") == "–"


@pytest.mark.parametrize(("lang", "written"), [("id", "14 Oktober 2024"),
                                                ("en", "October 14, 2024")])
def test_a_date_is_written_in_words(lang: str, written: str) -> None:
    """A date reads as the language says it: '14 Oktober 2024'."""
    assert numbers.long_date(date(2024, 10, 14), lang) == written
    assert numbers.written_date("2024-10-14", lang) == written


def test_a_date_that_is_not_a_date_is_kept() -> None:
    """A knowledge base's date written another way ('Oktober 2024') is shown as written."""
    assert numbers.written_date("Oktober 2024", "id") == "Oktober 2024"


def test_a_language_unknown_to_cldr_writes_numbers_as_english() -> None:
    """A catalogue in a language CLDR lacks still shows numbers (the English way)."""
    assert numbers.decimal(8.6, "zz") == "8.6"


def test_a_table_cell_keeps_its_digits() -> None:
    """A number cell in a table for people: its own digits, the language's mark."""
    assert numbers.plain(76.43, "id") == "76,43"
    assert numbers.plain(76.0, "en") == "76.0"


# -- in the outputs ----------------------------------------------------------------


def test_the_result_screen_at_60_columns_shows_whole_chances(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``score --lang id`` on a 60-column terminal: every fit a whole number (or >99, <1),
    so no decimal point or comma can be misread."""
    monkeypatch.setenv("COLUMNS", "60")
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text("q1: a\nq2: a\nq3: 5\nq4: 5\nq5: 1\nq6: a\n", encoding="utf-8")
    code, out, _ = run("score", sheet, "--kb", FOUR_ROLES, "--lang", "id")
    assert code == 0
    fits = [line.split()[-1] for line in out.splitlines() if "█" in line or "░" in line]
    assert len(fits) == 4
    assert all(re.fullmatch(r">99|<1|[1-9]\d?", fit) for fit in fits), fits


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(CLASS, encoding="utf-8")
    return path


def test_the_class_report_for_people_uses_decimal_commas(run: Run, tmp_path: Path,
                                                         answers: Path) -> None:
    """The HTML and Markdown class tables show '76,1' under ``id``."""
    for suffix in ("html", "md"):
        path = tmp_path / f"class.{suffix}"
        code, _, err = run("cohort", answers, "--kb", FOUR_ROLES, "--lang", "id", "-o", path)
        assert code == 0, err
        text = path.read_text(encoding="utf-8")
        assert any(ch.isdigit() for ch in text)
        numbers_in_cells = [cell for cell in text.replace("<", "|").replace(">", "|").split("|")
                            if cell.strip().replace(",", "").isdigit() and "," in cell]
        assert numbers_in_cells, suffix
        assert not [cell for cell in text.replace("<", "|").replace(">", "|").split("|")
                    if cell.strip().replace(".", "").isdigit() and "." in cell], suffix


def test_machine_formats_keep_plain_numbers(run: Run, tmp_path: Path, answers: Path) -> None:
    """csv and json under ``id``: '76.1' (a number); xlsx: real numbers."""
    out_csv, out_json, out_xlsx = (tmp_path / f"class.{s}" for s in ("csv", "json", "xlsx"))
    for path in (out_csv, out_json, out_xlsx):
        code, _, err = run("cohort", answers, "--kb", FOUR_ROLES, "--lang", "id", "-o", path)
        assert code == 0, err
    with out_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    decimals = [cell for row in rows[1:] for cell in row
                if cell.replace(".", "", 1).isdigit() and "." in cell]
    assert decimals and not [cell for row in rows for cell in row if "," in cell
                             and cell.replace(",", "", 1).isdigit()]
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert any(isinstance(value, float) for value in _values(document))
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert isinstance(sheet, Worksheet)
    assert any(isinstance(cell.value, float) for row in sheet.iter_rows() for cell in row)


def _values(node: object) -> list[object]:
    if isinstance(node, dict):
        return [v for value in node.values() for v in _values(value)]
    if isinstance(node, list):
        return [v for value in node for v in _values(value)]
    return [node]
