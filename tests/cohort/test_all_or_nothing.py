"""A cohort run writes all its files or none (issue 20): a folder in a report's way, a
disk that fills while the index or a workbook is written, stop the run with one line
and exit 2, and leave every file as it was.  A full disk is a write that raises
ENOSPC, in-process."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import hostile
from checks import assert_one_error_line
from rolequiz import files
from rolequiz.export import student_reports

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def two_students(tmp_path: Path) -> Path:
    path = tmp_path / "class.csv"
    path.write_text("\n".join(",".join(row) for row in (
        hostile.header(), hostile.answers("Sari"), hostile.answers("Budi"))) + "\n",
        encoding="utf-8")
    return path


def no_space(*args: object, **kwargs: object) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def listing(folder: Path) -> dict[str, str]:
    """Every file in *folder* (hidden ones too) and its text; folders as ``<folder>``."""
    return {p.name: "<folder>" if p.is_dir() else p.read_text(encoding="utf-8")
            for p in sorted(folder.iterdir())}


def test_a_folder_where_a_report_goes_stops_the_run_before_any_report_is_moved_in(
        run: Run, two_students: Path, tmp_path: Path) -> None:
    """With --force, a folder named like Budi's report: one line, exit 2, no report in."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "003-budi.html").mkdir()
    code, out, err = run("cohort", two_students, "--reports", reports, "--force",
                         "--lang", "en")
    line = assert_one_error_line(code, out, err)
    assert line.endswith(f"{reports / '003-budi.html'}: is a folder where a report goes "
                         "(even --force replaces only files); move it, or choose another "
                         "--reports folder")
    assert listing(reports) == {"003-budi.html": "<folder>"}


def test_a_disk_that_fills_while_the_index_is_written_puts_every_report_back(
        run: Run, two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No report without its index: the reports moved in go, the ones replaced come back."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "002-sari.html").write_text("last week's report", encoding="utf-8")
    (reports / "notes.txt").write_text("a teacher's notes", encoding="utf-8")
    before = listing(reports)
    write_atomic = student_reports.write_atomic

    def index_on_a_full_disk(path: Path, data: str | bytes, **options: Any) -> None:
        if path.name != student_reports.INDEX:
            return write_atomic(path, data, **options)
        with monkeypatch.context() as full:
            full.setattr(files.os, "fsync", no_space)
            write_atomic(path, data, **options)

    monkeypatch.setattr(student_reports, "write_atomic", index_on_a_full_disk)
    code, out, err = run("cohort", two_students, "--reports", reports, "--force",
                         "--lang", "en")
    line = assert_one_error_line(code, out, err)
    assert line.endswith(f"{reports / 'index.html'}: cannot write it (the disk is full)")
    assert listing(reports) == before


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "cannot write it (the disk is full)"),
    ("id", "tidak dapat ditulis (disknya penuh)"),
])
def test_a_workbook_on_a_full_disk_is_one_line_and_no_file(
        run: Run, two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        lang: str, said: str) -> None:
    """An .xlsx whose writes fail: one line naming the file and the reason in the user's
    language (not the system's English), no traceback, no file."""
    fdopen = os.fdopen

    def full_disk(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = fdopen(fd, mode, *args, **kwargs)
        handle.write = no_space
        return handle

    monkeypatch.setattr(files.os, "fdopen", full_disk)
    target = tmp_path / "out.xlsx"
    code, out, err = run("cohort", two_students, "-o", target, "--lang", lang)
    line = assert_one_error_line(code, out, err)
    assert line.endswith(f"{target}: {said}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.csv"]


def test_a_workbook_stopped_midway_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while an .xlsx is written (past the rows sized first): no workbook and none of
    XlsxWriter's temporary files left in the temporary folder."""
    from rolequiz.core.table import Column, Table
    from rolequiz.export import tables

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))

    def rows() -> Iterator[tuple[str, int]]:
        for number in range(tables.WIDTH_SAMPLE + 100):
            yield (f"Siswa {number}", number)
        raise KeyboardInterrupt

    table = Table("Kelas", (Column("student", "Nama"), Column("row", "Baris")), rows(), "id")
    with pytest.raises(KeyboardInterrupt):
        tables.export(table, tmp_path / "kelas.xlsx", "xlsx", force=False)
    assert list(temporary.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]
