"""The progress bar of ``rolequiz cohort`` in a real pseudo-terminal, on the fast path.

A class large enough for the bar is scored with stderr on a terminal: the
bar shows, counted in bytes read, and goes away when the summary comes.
Nothing here measures time; the timeout only stops a hung run.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from rolequiz.core.kb import knowledge
from rolequiz.terminal import progress

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def test_the_bar_shows_while_a_large_class_is_scored(tmp_path: Path) -> None:
    """A class of a few MiB on a terminal: 'Scoring' with a percentage, then the summary,
    and every student in the file."""
    kb = knowledge.load()
    source = tmp_path / "class.csv"
    students = 60_000
    with source.open("w", encoding="utf-8", newline="") as handle:
        handle.write("student," + ",".join(q.id for q in kb.questions) + "\r\n")
        for number in range(students):
            handle.write(f"Student {number}," + ",".join(
                str(1 + (number + i) % len(q.options)) for i, q in enumerate(kb.questions))
                + "\r\n")
    assert source.stat().st_size > progress.PROGRESS_MIN_BYTES
    output = tmp_path / "results.csv"
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "ROLEQUIZ_LANG": "en"}
    child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "cohort", str(source), "-o",
                                           str(output)], env=env, encoding="utf-8",
                          dimensions=(30, 100), timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    screen = ANSI.sub("", child.before or "")
    assert child.exitstatus == 0, screen
    assert "Scoring" in screen
    assert re.search(r"\b\d{1,3}%", screen)
    assert f"Students scored: {students}" in screen
    assert sum(1 for _ in output.open(encoding="utf-8-sig")) == students + 1
