"""The result on a terminal: the first screen in one look, the details on a key.

A result is 70–150 lines; at 24 rows the headline and the bars would scroll away
before the student reads them.  On a terminal the first screen comes alone (what fits
of it: see :func:`rolequiz.terminal.views.result_screens`) and Enter shows the details;
a pipe, a file or ``--details`` gets everything at once, as before.
"""

from __future__ import annotations

import sys

from rich.console import Console

from rolequiz import i18n
from rolequiz.export.result import ResultContent
from rolequiz.terminal import views


def present(console: Console, said: ResultContent, *, details: bool, below: int = 0) -> None:
    """Show *said*; on a terminal (and without *details*) the first screen, leaving
    *below* lines free for what the program shows after it, then the details if asked."""
    if details or not (console.is_terminal and sys.stdin.isatty()):
        views.show(console, views.result_view(said, width=console.width))
        return
    ask = i18n.t(said.lang, "screen.more")
    rows = console.height - below - _height(ask, console.width) - 1  # and the cursor's line
    first, rest = views.result_screens(said, width=console.width, rows=rows)
    views.show(console, first)
    try:
        answer = console.input(ask)
    except (EOFError, KeyboardInterrupt):  # walked away from the result: it is shown
        console.print()
        return
    if answer.strip().lower() != i18n.t(said.lang, "screen.more.quit"):
        views.show(console, rest)


def _height(text: str, width: int) -> int:
    """The lines *text* takes on a screen *width* columns wide."""
    return max(1, -(-len(text) // max(1, width)))
