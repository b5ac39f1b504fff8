"""Text for a terminal: untrusted text made safe to show, laid out in columns, or said on
stderr."""

from __future__ import annotations

import contextlib
import dataclasses
import re
import sys
from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")

BAR_WIDTH = 24
"""Cells in a text bar of 0–100, on screen and in Markdown."""


def bar_cells(value: float, width: int = BAR_WIDTH) -> tuple[str, str]:
    """The filled and the empty part of a text bar showing *value* (0–100)."""
    filled = round(width * max(0.0, min(value, 100.0)) / 100)
    return "█" * filled, "░" * (width - filled)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """*text* with control characters (escape sequences among them) made visible.

    ``"\\x1b[31m"`` becomes ``"\\x1b[31m"`` spelled out, so a name or a
    knowledge-base text can never move the cursor or change colours.
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def one_line(message: str) -> str:
    """*message* safe for a terminal and on one line (a YAML error may span several)."""
    return printable(" ".join(part.strip() for part in message.splitlines() if part.strip()))


def say(message: str, *, command: str | None = None, paragraph: bool = False) -> None:
    """*message* as one line on stderr, safe for a terminal; where stderr cannot take it
    (closed, or on a full disk), nothing: the exit code says the rest.

    A message that ends with a *command* to type, said to a terminal, is laid out by
    :func:`command_lines` instead: a terminal would cut the command at its edge, in the
    middle of a word.  So is a *paragraph* (what the quiz tells a student, not an error's
    one line), broken between words: "komputer in" and "i." read badly on a narrow screen.
    """
    with contextlib.suppress(AttributeError, OSError, ValueError):
        line = one_line(message)
        if (command is not None or paragraph) and sys.stderr.isatty():
            width = _stderr_columns() - 1
            line = "\n".join(command_lines(line, printable(command), width)
                              if command is not None else _packed(line.split(), width))
        sys.stderr.write(line + "\n")


_SHELL_WORD = re.compile(r"""(?:[^\s'"]+|'[^']*'|"(?:[^"\\]|\\.)*")+""")
"""A word as a POSIX shell reads it: a quoted path with spaces in it is one word."""


CONTINUED = " \\"
"""The end of a command's line that the command goes on after: a POSIX shell reads a
backslash before the line break as no break, so the lines copied together run as one."""


def command_lines(message: str, command: str, width: int) -> list[str]:
    """*message* in lines of *width* columns, broken between words, where *command* (the
    end of it) is never broken inside one of its shell words: it goes on a line of its own
    when it does not fit after the words before it, and over lines of its own, between
    its words and each but the last ending in :data:`CONTINUED`, when it is longer than a
    line.  A word longer than a line (a long path) stays whole on a line of its own, for
    the terminal to wrap: a terminal copies its own wrapping back as one line."""
    if not message.endswith(command):
        return _packed(message.split(), width)
    lines = _packed(message[:len(message) - len(command)].split(), width)
    if lines and cells(lines[-1]) + 1 + cells(command) <= width:
        return [*lines[:-1], f"{lines[-1]} {command}"]
    parts = _packed(_SHELL_WORD.findall(command), width - cells(CONTINUED)) \
        if cells(command) > width else [command]
    return [*lines, *(part + CONTINUED for part in parts[:-1]), *parts[-1:]]


def _packed(words: list[str], width: int) -> list[str]:
    """*words* in lines of at most *width* columns, one space apart; none is cut."""
    lines: list[str] = []
    line = ""
    for word in words:
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _stderr_columns() -> int:
    import os
    import shutil

    if not os.environ.get("COLUMNS"):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            columns = os.get_terminal_size(sys.stderr.fileno()).columns
            if columns > 0:
                return columns
    return shutil.get_terminal_size().columns


Fragment = tuple[str, str]
"""A piece of text and its style (``"bold"``, ``"dim"`` or ``""``), as prompt_toolkit prints it."""


ZERO_WIDTH = ("Mn", "Me", "Cf")
"""Marks drawn on the character before them (Thai vowels, accents) and invisible format
characters (a zero-width space); but see :data:`SHOWN_FORMAT`."""
SHOWN_FORMAT = frozenset("\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f")
"""Format characters that terminals draw a column wide: the soft hyphen, Arabic signs."""


def cells(text: str) -> int:
    """The terminal columns *text* takes: two for a wide East Asian character, none for a
    mark or a format character."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.category(char) in ZERO_WIDTH and char not in SHOWN_FORMAT else
               2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """*text* in lines of at most *width* columns, broken between words; a word wider than
    a line gets lines of its own."""
    width = max(width, 1)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cells(word) > width:
            if line:
                lines.append(line)
                line = ""
            head = _clip(word, width)
            lines.append(head)
            word = word[len(head):]
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return [*lines, line] if line or not lines else lines


def _clip(text: str, width: int) -> str:
    """The longest start of *text* that fits in *width* columns (at least one character)."""
    end = 1
    while end < len(text) and cells(text[:end + 1]) <= width:
        end += 1
    return text[:end]


def box(title: str, paragraphs: list[Fragment], width: int) -> list[Fragment]:
    """A frame *width* columns wide with *title* in its top border and each styled
    paragraph wrapped inside it, as fragments of text ending in newlines.  A title too
    long for the border is its first paragraph instead, in bold, wrapped whole."""
    inner = max(width - 4, 8)
    title = " ".join(title.split())  # one line, whatever the title holds
    if cells(title) > inner - 2:  # a dash or more before the corner
        paragraphs = [("bold", title), *paragraphs]
        out: list[Fragment] = [("", "╭" + "─" * (inner + 2) + "╮\n")]
    else:
        out = [("", "╭─ "), ("bold", title),
               ("", " " + "─" * (inner - 1 - cells(title)) + "╮\n")]
    for style, paragraph in paragraphs:
        for line in wrap(paragraph, inner):
            out += [("", "│ "), (style, line), ("", " " * (inner - cells(line)) + " │\n")]
    out.append(("", "╰" + "─" * (inner + 2) + "╯\n"))
    return out


def printable_all(value: T) -> T:
    """A copy of *value* with :func:`printable` applied to every text in it: through
    tuples, named tuples, dataclasses and the values of mappings.

    For a terminal view of a knowledge base, made before the layout, so that an escape
    sequence is measured as it will be shown, spelled out.
    """
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = [printable_all(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)  # type: ignore[return-value]
    if isinstance(value, Mapping):
        return {key: printable_all(item) for key, item in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{
            f.name: printable_all(getattr(value, f.name)) for f in dataclasses.fields(value)
            if f.init})
    return value
