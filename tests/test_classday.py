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

from test_forms import FOUR, google_export, id_rows, raw_kb

Run = Callable[..., tuple[int, str, str]]

FIRST_ANSWER = 3
"""The column of the first question in a Google export (after Timestamp, name, e-mail)."""


def with_unknown_answers(text: str, rows: list[int]) -> str:
    """*text* (a Google export) with the first answer of each of *rows* (0-based students)
    replaced by a text that is none of the options."""
    records = list(csv.reader(io.StringIO(text)))
    for row in rows:
        records[row + 1][FIRST_ANSWER] = "Mungkin saja"
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
