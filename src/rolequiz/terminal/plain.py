"""The quiz's prompts line by line, for a terminal that cannot move its cursor (``TERM=dumb``).

An editor's shell, a screen reader, a serial console: questionary's lists redraw
themselves with cursor movements that such a terminal prints as garbage.  Here every
question is a numbered list written once, and the answer a number read as a line, with
``0`` for Back as in the full quiz.  The end of input raises :class:`EOFError` and Ctrl-C
:class:`KeyboardInterrupt`, as the full prompts do.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rolequiz import i18n
from rolequiz.core.kb.model import Lang, Question
from rolequiz.text import printable, wrap

BACK = -1
"""The value of the 'back' choice, here and in :mod:`rolequiz.terminal.prompts`."""


def wanted(io: dict[str, object]) -> bool:
    """Line-by-line prompts: the terminal is ``dumb`` and no test gave its own input."""
    return os.environ.get("TERM") == "dumb" and "input" not in io


def screen() -> TextIO:
    """Where the prompts are written: stdout, or stderr when stdout is redirected to a file
    while stderr is on the terminal (``quiz --json > result.json``)."""
    if not sys.stdout.isatty() and sys.stderr.isatty():
        return sys.stderr
    return sys.stdout


def read_line(prompt: str) -> str:
    """One line typed after *prompt*, without its newline; :class:`EOFError` at the end."""
    out = screen()
    out.write(prompt)
    out.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n").strip()


def _width() -> int:
    import shutil

    return max(min(shutil.get_terminal_size().columns, 80) - 1, 20)


def ask(question: Question, *, number: int, total: int, lang: Lang,
        order: tuple[int, ...], default: int | None, can_go_back: bool,
        counter: str | None = None) -> int:
    """Ask one question as a numbered list, under *counter* (or "*number* of *total*");
    the chosen option's index, or :data:`BACK`."""
    width = _width()
    lines = ["", counter or i18n.t(lang, "question.counter", k=number, n=total)]
    lines += ["  " + line for line in wrap(printable(question.text(lang)), width - 2)]
    if question.kind == "scale":
        lines.append("  " + i18n.t(lang, "question.scale"))
    keys: dict[str, int] = {}
    for position, index in enumerate(order, start=1):
        keys[str(position)] = index
        lines += _numbered(str(position), question.options[index].text(lang), width)
    if can_go_back:
        keys["0"] = BACK
        lines += _numbered("0", i18n.t(lang, "question.back"), width)
    screen().write("\n".join(lines) + "\n")
    current = next((key for key, index in keys.items() if index == default), None)
    prompt = (i18n.t(lang, "plain.choose.default", number=current) if current is not None
              else i18n.t(lang, "plain.choose"))
    while True:
        typed = read_line(prompt)
        if not typed and current is not None:
            return keys[current]
        if typed in keys:
            return keys[typed]
        screen().write(i18n.t(lang, "plain.not_a_choice", numbers=", ".join(keys)) + "\n")


def _numbered(key: str, text: str, width: int) -> list[str]:
    """``  3) text``, later lines of a long text under its first."""
    head = f"  {key}) "
    wrapped = wrap(printable(text), width - len(head))
    return [head + wrapped[0], *(" " * len(head) + line for line in wrapped[1:])]


def confirm(message: str, *, lang: Lang, default: bool) -> bool:
    """A yes/no question answered with the catalogue's keys (``y``/``n``; ``y``/``t``)."""
    yes, no = i18n.t(lang, "confirm.yes.key"), i18n.t(lang, "confirm.no.key")
    screen().write("\n".join(wrap(printable(message), _width())) + "\n")
    prompt = i18n.t(lang, "plain.confirm", yes=yes, no=no, default=yes if default else no)
    while True:
        typed = read_line(prompt).lower()
        if not typed:
            return default
        if typed in (yes, i18n.t(lang, "confirm.yes").lower()):
            return True
        if typed in (no, i18n.t(lang, "confirm.no").lower()):
            return False


def text(message: str, *, lang: Lang, default: str) -> str:
    """A line of text, *default* when Enter alone is pressed (the message names it)."""
    screen().write("\n".join(wrap(printable(message), _width())) + "\n")
    return read_line("> ") or default


def show_box(title: str, paragraphs: list[tuple[str, str]]) -> None:
    """The title and each paragraph, wrapped, with a blank line between them."""
    width = _width()
    blocks = [wrap(title, width)] + [wrap(paragraph, width) for _, paragraph in paragraphs]
    screen().write("\n\n".join("\n".join(block) for block in blocks) + "\n")
