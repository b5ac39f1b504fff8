"""``rolequiz compare``: the roles side by side, in the terminal or in a file."""

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rolequiz import i18n
from rolequiz.cli import common
from rolequiz.cli.common import Options, chosen_lang, console, load_kb
from rolequiz.cli.common import separator as csv_separator
from rolequiz.core.kb.model import Lang
from rolequiz.text import printable, say

if TYPE_CHECKING:
    from rolequiz.core.roles.compare import Comparison




def register(app: typer.Typer, lang: Lang) -> None:
    o = Options(lang)

    @app.command(help=o.text("compare"))
    def compare(
        ctx: typer.Context,
        roles: Annotated[list[str] | None, typer.Option(
            "--roles", help=o.text("compare.opt.roles"), metavar="IDS")] = None,
        aspects: Annotated[list[str] | None, typer.Option(
            "--aspects", help=o.text("compare.opt.aspects"), metavar="IDS")] = None,
        fmt: Annotated[str | None, o.table_format("compare")] = None,
        output: Annotated[Path | None, o.table_output("compare")] = None,
        delimiter: Annotated[str | None, typer.Option(
            "--delimiter", help=o.text("compare.opt.delimiter"), metavar="','|';'|tab",
        )] = None,
        force: Annotated[bool, typer.Option(
            "--force", help=o.text("compare.opt.force"))] = False,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        from rolequiz.core.roles import compare as core

        chosen_format = None
        if output is not None or fmt is not None:  # the terminal view needs no table writer
            from rolequiz.export import tables

            chosen_format = tables.format_for(output, fmt)
        separator = csv_separator(delimiter, chosen_format, chosen,
                                  not_csv="compare.delimiter_not_csv")
        chosen_aspects = _ids(aspects)
        if chosen_aspects is None and chosen_format == "xlsx":  # a sheet for a meeting
            chosen_aspects = list(core.WORKBOOK_ASPECTS)
        comparison = core.compare(load_kb(kb, chosen), chosen, roles=_ids(roles),
                                  aspects=chosen_aspects)
        if chosen_format is None:
            from rolequiz.terminal import compare as compare_view
            from rolequiz.terminal import views as render

            terminal = console()
            render.show(terminal, compare_view.view(comparison, width=terminal.width))
        elif output is None:
            _print(comparison, chosen_format, separator)
        else:
            _write(comparison, output, chosen_format, separator, force=force)
            say(i18n.t(chosen, "compare.written", path=output))


def _ids(values: list[str] | None) -> list[str] | None:
    """``["a,b", "c"]`` (commas, repeated options) as ``["a", "b", "c"]``."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]



def _document_text(comparison: "Comparison") -> str:
    from rolequiz.export import comparison as words

    return json.dumps(words.to_document(comparison), ensure_ascii=False, indent=2) + "\n"


def _write(comparison: "Comparison", path: Path, fmt: str, separator: str, *,
           force: bool) -> None:
    """Write the file completely or not at all (see :func:`rolequiz.files.atomic_output`)."""
    from rolequiz import files
    from rolequiz.export import comparison as words
    from rolequiz.export import tables

    if fmt == "json":
        files.write_atomic(path, _document_text(comparison), force=force)
    else:  # a workbook is printed for a meeting: it says when it was made
        table = words.to_table(comparison, date=common.today() if fmt == "xlsx" else None)
        tables.export(table, path, fmt, force=force, delimiter=separator, row_headers=True)


def _print(comparison: "Comparison", fmt: str, separator: str) -> None:
    """A text format on stdout (no BOM: that is for files); on a terminal, escapes made
    visible, as everywhere else rolequiz prints."""
    from rolequiz.export import comparison as words
    from rolequiz.export import tables

    if fmt == "json":
        text = _document_text(comparison)
    else:
        buffer = io.StringIO()
        tables.write_text(buffer, words.to_table(comparison), fmt, delimiter=separator,
                          row_headers=True)
        text = buffer.getvalue()
    if sys.stdout.isatty():
        text = "\n".join(printable(line) for line in text.replace("\r\n", "\n").split("\n"))
    sys.stdout.write(text)
