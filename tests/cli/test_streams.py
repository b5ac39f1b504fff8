"""Closed pipes, closed streams and narrow encodings, as a shell gives them to a real process.

``| head`` that stops reading is a quiet end; an output closed before rolequiz started
(``>&-``) is an error, since nothing a command was asked for reached anyone; a closed
stdin or stderr changes nothing else; a character the output's encoding cannot take is
replaced, never fatal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rolequiz.core.kb import knowledge

KB = knowledge.load()


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete answer sheet of the shipped quiz."""
    path = tmp_path_factory.mktemp("sheets") / "sheet.yaml"
    document = {"name": "Sari", "answers": {q.id: q.options[i % len(q.options)].id
                                            for i, q in enumerate(KB.questions)}}
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def rolequiz(*args: str | Path, encoding: str = "utf-8", close: int | None = None,
             stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m rolequiz`` in English, its standard stream *close* closed before it
    starts; the output is bytes, for the test to decode."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM", "ROLEQUIZ_LANG")}
    env.update(PYTHONIOENCODING=encoding, ROLEQUIZ_LANG="en", TERM="dumb")
    closing: Callable[[], None] | None = None if close is None else (lambda: os.close(close))
    return subprocess.run([sys.executable, "-m", "rolequiz", *map(str, args)],
                          stdout=None if close == 1 else stdout,
                          stderr=None if close == 2 else subprocess.PIPE,
                          stdin=None if close == 0 else subprocess.DEVNULL,
                          preexec_fn=closing, env=env, timeout=120, check=False)


@pytest.mark.parametrize("command", [["roles"], ["score", "{sheet}"], ["compare"]])
def test_characters_a_narrow_encoding_lacks_are_replaced_not_fatal(
        command: list[str], sheet: Path) -> None:
    """Under PYTHONIOENCODING=cp437 the command shows its output with '?' for what is missing."""
    done = rolequiz(*(arg.format(sheet=sheet) for arg in command), encoding="cp437")
    assert done.returncode == 0, done.stderr.decode("cp437")
    assert done.stderr == b""
    assert b"?" in done.stdout
    assert KB.roles[0].name("en").encode("cp437") in done.stdout


@pytest.mark.parametrize("command", [["cohort", "{sheet}"], ["cohort", "{sheet}", "--format",
                                                              "csv"], ["roles"]])
def test_a_reader_that_has_gone_is_a_quiet_end(command: list[str], sheet: Path) -> None:
    """With the pipe's reading end closed (`| head` done), exit 0 and nothing on stderr."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = rolequiz(*(arg.format(sheet=sheet) for arg in command), stdout=writing)
    finally:
        os.close(writing)
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.parametrize("command", [["roles"], ["validate"], ["compare"], ["score", "{sheet}"],
                                     ["score", "{sheet}", "--json"],
                                     ["compare", "--format", "csv"]])
def test_a_closed_stdout_is_exit_2_and_one_line(command: list[str], sheet: Path) -> None:
    """With stdout closed (`>&-`), nothing reached anyone: exit 2, one line on stderr."""
    done = rolequiz(*(arg.format(sheet=sheet) for arg in command), close=1)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2
    assert len(lines) == 1 and "could not be written" in lines[0], lines


def test_a_quiz_with_stdin_closed_asks_for_an_answer_sheet() -> None:
    """With stdin closed (`<&-`), the quiz says to give --answers and exits 2."""
    done = rolequiz("quiz", close=0)
    assert done.returncode == 2
    assert "--answers" in done.stderr.decode()


def test_cohort_with_stderr_closed_still_writes_its_summary(sheet: Path) -> None:
    """With stderr closed (`2>&-`), cohort writes the class on stdout and exits 0."""
    done = rolequiz("cohort", sheet, "--format", "csv", close=2)
    assert done.returncode == 0
    assert b"Sari" in done.stdout
