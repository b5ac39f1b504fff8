"""The options a person gave, so that every command rolequiz suggests to them repeats them.

A hint such as "Read the full role: rolequiz roles ROLE" is copied into a
shell; without the ``--kb`` it was given it would show another knowledge
base, and without ``--lang`` perhaps another language.  Paths are quoted
for a POSIX shell (:func:`shlex.quote`), so a folder with a space still works.
The program itself is named as the person can run it: ``rolequiz`` when that is what
their shell finds, else as it was started (``.venv/bin/rolequiz``), which the CLI works
out (:func:`rolequiz.cli.program.words`) and hands over here.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from rolequiz.core.kb.model import Lang


@dataclass(frozen=True)
class Invocation:
    """``--kb`` and ``--lang`` as given on the command line (``None`` when not given), and
    the words that start the program in the person's shell."""

    kb: Path | None = None
    lang: Lang | None = None
    program: tuple[str, ...] = ("rolequiz",)

    def options(self) -> list[str]:
        """``--kb PATH --lang LANG``, each only when it was given, as separate words."""
        words = []
        if self.kb is not None:
            words += ["--kb", str(self.kb)]
        if self.lang is not None:
            words += ["--lang", self.lang]
        return words

    def command(self, *words: str, choice: str | None = None) -> str:
        """``PROGRAM WORDS [CHOICE] OPTIONS``, quoted for a shell.

        *choice* is a placeholder shown as it is, such as ``a|b|c`` for "one of these".
        """
        line = shlex.join([*self.program, *words])
        if choice is not None:
            line += " " + choice
        options = self.options()
        return f"{line} {shlex.join(options)}" if options else line


PLAIN = Invocation()
"""Neither ``--kb`` nor ``--lang`` given: suggested commands are bare."""
