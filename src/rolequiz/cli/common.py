"""The commands of the CLI, one module each, and what they share.

Each module has a ``register(app, lang)`` that adds its commands with help
texts in *lang*.  Commands raise :class:`~rolequiz.errors.RolequizError` or
:class:`typer.Exit`; only :mod:`rolequiz.cli.app` turns them into an exit.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import typer

from rolequiz import i18n
from rolequiz.core.invocation import Invocation
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.table import DELIMITERS
from rolequiz.export import formats
from rolequiz.terminal.screen import console as console  # the commands take it from here

HEADINGS: dict[str, str] = {
    "Usage:": "help.heading.usage",
    "Options:": "help.heading.options",
    "Arguments:": "help.heading.arguments",
    "Commands:": "help.heading.commands",
}
"""Click's help headings (always English), and their catalogue keys."""


_TYPE_LABEL = re.compile(r"^(  \S+) <(list\[)?[^<>]*>")
"""An argument's entry as Typer writes it, its Python type after its metavar
(``FILE <list[Path]>``, ``SHEET <path>``)."""


def show_help(ctx: typer.Context, value: bool) -> None:
    """Print the help page in the language it was built in; an argument is named by its
    metavar alone, followed by ``...`` when it takes several (``BERKAS...``), never by its
    Python type."""
    if not value or ctx.resilient_parsing:
        return
    lines = ctx.get_help().splitlines()
    lang = (ctx.obj or {}).get("lang") or i18n.FALLBACK
    arguments = False
    for index, line in enumerate(lines):
        for heading, key in HEADINGS.items():
            if line.startswith(heading):
                lines[index] = i18n.t(lang, key) + line[len(heading):]
        if line.startswith("Usage:"):
            lines[index] = lines[index].replace(" [OPTIONS]",
                                                " " + i18n.t(lang, "help.usage.options"), 1)
        if line and not line.startswith(" "):
            arguments = line.startswith("Arguments:")
        elif arguments:
            lines[index] = _TYPE_LABEL.sub(_untyped, line)
    typer.echo("\n".join(lines))
    raise typer.Exit()


def _untyped(found: re.Match[str]) -> str:
    """An argument's metavar without its type, as wide, so the help beside it stays put."""
    name = found.group(1) + ("..." if found.group(2) else "")
    return name.ljust(len(found.group(0)))


class Options(NamedTuple):
    """The options every command shares, with help in one language."""

    lang: Lang

    def text(self, key: str, **values: object) -> str:
        """The help text *key* in this language (``help.KEY`` in the catalogue), filled
        with *values* (the extensions a command writes, from its formats' table)."""
        return i18n.t(self.lang, f"help.{key}", **values)

    def kb(self) -> Any:
        return typer.Option("--kb", help=self.text("opt.kb"), metavar="PATH")

    def lang_option(self) -> Any:
        codes = i18n.languages()
        return typer.Option("--lang", metavar="|".join(codes), help=i18n.t(
            self.lang, "help.opt.lang", languages=", ".join(codes)))

    def help(self) -> Any:
        return typer.Option("--help", "-h", help=self.text("opt.help"), is_eager=True,
                            callback=show_help, expose_value=False)

    def table_output(self, command: str) -> Any:
        """``-o FILE``: the extensions its help lists are those of every table format."""
        return typer.Option("--output", "-o", metavar=self.text("metavar.file"), help=self.text(
            f"{command}.opt.output", extensions=formats.extensions("table")))

    def table_format(self, command: str) -> Any:
        """``--format``: the names of every format that holds a table."""
        names = formats.names("table")
        return typer.Option("--format", metavar="|".join(names), help=self.text(
            f"{command}.opt.format", formats=", ".join(names)))

    def json(self) -> Any:
        return typer.Option("--json", help=self.text("opt.json"))


def chosen_lang(ctx: typer.Context, value: str | None) -> Lang:
    """--lang of the command, else --lang before it, else the environment."""
    if value:
        return i18n.parse_lang(value, source="--lang")
    before = (ctx.obj or {}).get("lang_option")
    return before if before else i18n.default_lang()


def invocation(ctx: typer.Context, kb: Path | None, lang: str | None) -> Invocation:
    """The ``--kb`` and ``--lang`` the person gave (before the command or after it), for the
    commands rolequiz suggests to them."""
    from rolequiz.cli import program

    given = i18n.parse_lang(lang, source="--lang") if lang else (ctx.obj or {}).get("lang_option")
    return Invocation(kb, given, program.words())



def separator(value: str | None, fmt: str | None, lang: Lang, *, not_csv: str) -> str:
    """The CSV separator ``--delimiter`` asks for (a comma by default); *not_csv* is the
    message key for a delimiter given with another format."""
    if value is None:
        return ","
    if value not in DELIMITERS:
        from rolequiz.errors import UsageProblem

        raise UsageProblem(i18n.t(lang, "export.bad_delimiter", value=value))
    if fmt != "csv":
        from rolequiz.errors import UsageProblem

        raise UsageProblem(i18n.t(lang, not_csv))
    return DELIMITERS[value]


def load_kb(path: Path | None, lang: Lang) -> KnowledgeBase:
    """The knowledge base at *path* (the shipped one by default), which must have texts in
    *lang*: a language needs both a catalogue and the knowledge base's texts."""
    from rolequiz.core.kb import knowledge

    kb = knowledge.load(path)
    if lang not in kb.languages:
        from rolequiz.errors import UsageProblem

        raise UsageProblem(i18n.t(lang, "kb.lacks_language", file=kb.path, code=repr(lang),
                                  languages=", ".join(kb.languages)))
    return kb


def print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def today() -> date:
    """The date a report, a class report or a workbook says it was made (one function, so
    that tests can fix it)."""
    return date.today()
