"""The progress bar of ``rolequiz cohort``: on stderr, where a person watches a long input.

Counted in bytes read, so a class of a million rows shows how far it is before any row is
written; the lines that come meanwhile (a skipped row, a name read twice) are printed
above it.  Stdout is never redirected: it may be the export itself (``--format csv >
file``).
"""

from __future__ import annotations

import sys

from rolequiz import i18n
from rolequiz.core.kb.model import Lang
from rolequiz.terminal.screen import console
from rolequiz.text import one_line, say

PROGRESS_MIN_BYTES = 256 * 1024
"""Smaller inputs (a few thousand students) are scored before a bar would be read."""


def progress_wanted(stderr_is_terminal: bool, total_bytes: int) -> bool:
    """A bar only where a person watches, and only when the wait is long enough to read it."""
    return stderr_is_terminal and total_bytes >= PROGRESS_MIN_BYTES


class NoBar:
    """No bar (no terminal, or a short input): lines go straight to stderr."""

    def __enter__(self) -> NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def advance(self, read: int) -> None:
        """*read* more bytes of the input are scored."""

    def say(self, line: str) -> None:
        """One line, made safe for a terminal."""
        say(line)


class Bar(NoBar):
    """A bar on stderr for long inputs, counted in bytes read; lines are printed above it."""

    def __init__(self, total: int, lang: Lang) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        # stdout is never redirected: it may be the export itself (--format csv > file)
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
            TimeRemainingColumn(), console=console(stderr=True), transient=True,
            redirect_stdout=False, redirect_stderr=False)
        self.task = self.progress.add_task(i18n.t(lang, "cohort.progress"), total=total)

    def __enter__(self) -> Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def advance(self, read: int) -> None:
        self.progress.advance(self.task, read)

    def say(self, line: str) -> None:
        """One line above the bar, never markup."""
        from rich.text import Text

        self.progress.console.print(Text(one_line(line)), soft_wrap=True)


def progress(total: int, lang: Lang) -> NoBar:
    """A bar on stderr where a person watches a long input; else none."""
    return Bar(total, lang) if progress_wanted(sys.stderr.isatty(), total) else NoBar()
