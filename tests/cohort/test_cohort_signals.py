"""A ``cohort`` run stopped by a signal (a shutdown's SIGTERM, a closed terminal's SIGHUP)
leaves nothing behind: no staged reports, no temporary file (issue 20).  Each test runs
rolequiz in a child process and signals it while it writes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import hostile

WAIT = 60.0
"""Seconds a run may take to reach the moment it is signalled (a loaded machine)."""


def write_class(path: Path, students: int) -> Path:
    line = ",".join(hostile.answers("Sari")[1:])
    path.write_text(",".join(hostile.header()) + "\n"
                    + "".join(f"Student {n},{line}\n" for n in range(students)),
                    encoding="utf-8")
    return path


def signalled_when(args: list[str], ready: Callable[[], bool], signum: int,
                   cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``rolequiz ARGS``, send *signum* once *ready* says so; the finished run."""
    child = subprocess.Popen([sys.executable, "-m", "rolequiz", *args, "--lang", "en"],
                             cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + WAIT
    while not ready():
        assert child.poll() is None, "the run ended before it was signalled"
        assert time.monotonic() < deadline, "the run never got there"
        time.sleep(0.02)
    child.send_signal(signum)
    out, err = child.communicate(timeout=WAIT)
    return subprocess.CompletedProcess(args, child.returncode, out, err)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_while_reports_are_staged_leaves_no_report(tmp_path: Path,
                                                            signum: int) -> None:
    """Stopped while the reports are staged: the folder is not made, nothing is staged."""
    source = write_class(tmp_path / "class.csv", 2000)

    def staged() -> bool:
        return any(any(stage.iterdir()) for stage in tmp_path.glob(".rolequiz-reports-*"))

    done = signalled_when(["cohort", "class.csv", "--reports", "reports"], staged, signum,
                          tmp_path)
    assert done.returncode == 130, done.stderr
    assert sorted(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_while_the_class_file_is_written_leaves_no_temporary_file(
        tmp_path: Path, signum: int) -> None:
    """Stopped while the class table is being written: no out.csv, no hidden temporary."""
    source = write_class(tmp_path / "class.csv", 300_000)

    def writing() -> bool:
        return any(temp.stat().st_size for temp in tmp_path.glob(".out.csv.*.tmp"))

    done = signalled_when(["cohort", "class.csv", "-o", "out.csv"], writing, signum, tmp_path)
    assert done.returncode == 130, done.stderr
    assert sorted(tmp_path.iterdir()) == [source]
