"""Two runs writing one output at once (issue 20): the one that finishes second is told,
in one line with exit 2, and the other's results stay.  The second run is simulated
in-process: it puts its file in place just as this run's copy is complete."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import hostile
from checks import assert_one_error_line
from rolequiz import files

Run = Callable[..., tuple[int, str, str]]
OTHER = "the other class's results\n"


@pytest.fixture
def one_student(tmp_path: Path) -> Path:
    path = tmp_path / "class.csv"
    path.write_text(",".join(hostile.header()) + "\n" + ",".join(hostile.answers("Sari"))
                    + "\n", encoding="utf-8")
    return path


def other_run_writes(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once this run's copy of *target* is complete, another run puts its own in place
    (a new file, renamed in)."""
    put_in_place = files.put_in_place

    def meanwhile(temp_name: str, path: Path, **options: files.Identity) -> None:
        if path == target:
            theirs = target.with_name("theirs.tmp")
            theirs.write_text(OTHER, encoding="utf-8")
            os.replace(theirs, target)
        put_in_place(temp_name, path, **options)

    monkeypatch.setattr(files, "put_in_place", meanwhile)


def test_an_output_written_meanwhile_by_another_run_is_kept(
        run: Run, one_student: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``cohort -o same.csv`` twice at once: the second to finish says so and replaces
    nothing."""
    target = tmp_path / "same.csv"
    other_run_writes(target, monkeypatch)
    code, out, err = run("cohort", one_student, "-o", target, "--lang", "en")
    line = assert_one_error_line(code, out, err)
    assert line.endswith(f"{target}: another program wrote this file while rolequiz was "
                         "writing it (two runs at once?); it is left as the other program "
                         "wrote it: run again, one run at a time")
    assert target.read_text(encoding="utf-8") == OTHER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.csv", "same.csv"]


def test_a_file_replaced_meanwhile_is_kept_even_with_force(
        run: Run, one_student: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--force replaces the file that was there when the run began, not a newer one."""
    target = tmp_path / "same.csv"
    target.write_text("last week's results\n", encoding="utf-8")
    other_run_writes(target, monkeypatch)
    code, out, err = run("cohort", one_student, "-o", target, "--force", "--lang", "en")
    assert_one_error_line(code, out, err)
    assert target.read_text(encoding="utf-8") == OTHER


def test_a_file_nobody_else_touches_is_replaced_with_force(
        run: Run, one_student: Path, tmp_path: Path) -> None:
    """The control: --force on a file left alone replaces it."""
    target = tmp_path / "same.csv"
    target.write_text("last week's results\n", encoding="utf-8")
    code, _, err = run("cohort", one_student, "-o", target, "--force", "--lang", "en")
    assert code == 0, err
    assert "Sari" in target.read_text(encoding="utf-8-sig")
