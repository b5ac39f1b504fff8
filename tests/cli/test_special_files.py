"""A FIFO, a device or a folder where a file is expected is refused at once, never waited on.

Run as real processes with a timeout: before the fix, opening a FIFO to read waited for a
writer forever.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rolequiz.core.kb import knowledge

KB = knowledge.load()


def rolequiz(*args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ROLEQUIZ_LANG": lang, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "rolequiz", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          stdin=subprocess.DEVNULL, timeout=30, check=False)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [["validate", "{fifo}"], ["roles", "--kb", "{fifo}"],
                                     ["score", "{fifo}"], ["quiz", "--answers", "{fifo}"]])
def test_a_fifo_is_refused_with_one_line(command: list[str], fifo: Path) -> None:
    """A FIFO as the knowledge base or the answer sheet: exit 2 at once, one line naming it."""
    done = rolequiz(*(arg.format(fifo=fifo) for arg in command))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{'' if command[0] == 'validate' else 'rolequiz: error: '}{fifo}: is not a regular "
        "file (a pipe, a device or a socket), expected a file"]


def test_a_device_is_refused_in_indonesian() -> None:
    """/dev/zero as an answer sheet, under --lang id: one Indonesian line, exit 2."""
    done = rolequiz("score", "/dev/zero", lang="id")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "rolequiz: kesalahan: /dev/zero: bukan berkas biasa (ini pipa, perangkat, atau soket); "
        "seharusnya berkas"]


def test_a_fifo_as_the_session_is_refused_and_left_in_place(fifo: Path) -> None:
    """A FIFO where the session is kept is refused, not moved aside as a corrupt session."""
    from rolequiz.core.student import session
    from rolequiz.errors import AnswerSheetError

    with pytest.raises(AnswerSheetError, match="not a regular file"):
        session.load(fifo, KB)
    assert fifo.exists() and sorted(fifo.parent.iterdir()) == [fifo]
