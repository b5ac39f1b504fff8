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
from rolequiz.core.model import Lang
from rolequiz.errors import UsageProblem
from rolequiz.export import formats
from rolequiz.text import printable, say

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from rolequiz.core.compare import Comparison


TABLES = formats.names("table")
"""What ``--format`` takes: every format that holds a table."""
MIN_ROLE_WIDTH = 24
"""Below this many characters per role column, each role gets a panel of its own."""
MAX_ROLE_WIDTH = 60
"""Wider role columns would make lines too long to read."""
LABEL_WIDTH = 16


def register(app: typer.Typer, lang: Lang) -> None:
    o = Options(lang)

    @app.command(help=o.text("compare"))
    def compare(
        ctx: typer.Context,
        roles: Annotated[list[str] | None, typer.Option(
            "--roles", help=o.text("compare.opt.roles"), metavar="IDS")] = None,
        aspects: Annotated[list[str] | None, typer.Option(
            "--aspects", help=o.text("compare.opt.aspects"), metavar="IDS")] = None,
        fmt: Annotated[str | None, typer.Option(
            "--format", help=o.text("compare.opt.format", formats=", ".join(TABLES)),
            metavar="|".join(TABLES))] = None,
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", help=o.text("compare.opt.output",
                                          extensions=formats.extensions("table")),
            metavar="FILE")] = None,
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
        from rolequiz.core import compare as core

        chosen_format = None
        if output is not None or fmt is not None:  # the terminal view needs no table writer
            from rolequiz.export import tables

            chosen_format = tables.format_for(output, fmt)
        separator = csv_separator(delimiter, chosen_format, chosen,
                                  not_csv="compare.delimiter_not_csv")
        if chosen_format is not None and formats.named(chosen_format).binary \
                and output is None:
            raise UsageProblem(i18n.t(chosen, "export.cannot_print",
                                      extension=formats.named(chosen_format).extensions[0]))
        chosen_aspects = _ids(aspects)
        if chosen_aspects is None and chosen_format == "xlsx":  # a sheet for a meeting
            chosen_aspects = list(core.WORKBOOK_ASPECTS)
        comparison = core.compare(load_kb(kb, chosen), chosen, roles=_ids(roles),
                                  aspects=chosen_aspects)
        if chosen_format is None:
            from rolequiz.terminal import views as render

            terminal = console()
            render.show(terminal, view(comparison, width=terminal.width))
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
    from rolequiz.core import compare as core

    return json.dumps(core.to_document(comparison), ensure_ascii=False, indent=2) + "\n"


def _write(comparison: "Comparison", path: Path, fmt: str, separator: str, *,
           force: bool) -> None:
    """Write the file completely or not at all (see :func:`rolequiz.files.atomic_output`)."""
    from rolequiz import files
    from rolequiz.core import compare as core
    from rolequiz.export import tables

    if fmt == "json":
        files.write_atomic(path, _document_text(comparison), force=force)
    else:  # a workbook is printed for a meeting: it says when it was made
        table = core.to_table(comparison, date=common.today() if fmt == "xlsx" else None)
        tables.export(table, path, fmt, force=force, delimiter=separator, row_headers=True)


def _print(comparison: "Comparison", fmt: str, separator: str) -> None:
    """A text format on stdout (no BOM: that is for files); on a terminal, escapes made
    visible, as everywhere else rolequiz prints."""
    from rolequiz.core import compare as core
    from rolequiz.export import tables

    if fmt == "json":
        text = _document_text(comparison)
    else:
        buffer = io.StringIO()
        tables.write_text(buffer, core.to_table(comparison), fmt, delimiter=separator,
                          row_headers=True)
        text = buffer.getvalue()
    if sys.stdout.isatty():
        text = "\n".join(printable(line) for line in text.replace("\r\n", "\n").split("\n"))
    sys.stdout.write(text)


# -- the terminal view ---------------------------------------------------------


def view(comparison: "Comparison", *, width: int) -> "RenderableType":
    """One table with a column per role when each gets MIN_ROLE_WIDTH; else a panel per role.

    Texts are made printable before the layout, so an escape spelled out still fits its column.
    """
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(comparison.title, style="bold"), Text("")]
    widths = _widths(comparison, width)
    parts.append(_panels(comparison) if widths is None else _grid(comparison, *widths))
    parts += [Text(printable(note), style="dim") for note in comparison.notes]
    return Group(*parts)


def _widths(comparison: "Comparison", width: int) -> tuple[int, int] | None:
    """The widths of the aspect column and of each role column, or None when a table
    would not fit.  Fixed widths: rich's own shrinking may push a table past the edge."""
    from rich.cells import cell_len

    roles = len(comparison.roles)
    borders = 3 * (roles + 1) + 1  # a rule and a space either side of every column
    longest = max((cell_len(aspect.label) for aspect in comparison.aspects), default=0)
    label = min(longest, max(LABEL_WIDTH, width - borders - roles * MIN_ROLE_WIDTH))
    role = min(MAX_ROLE_WIDTH, (width - borders - label) // roles)
    return None if role < MIN_ROLE_WIDTH else (label, role)


def _grid(comparison: "Comparison", label_width: int, role_width: int) -> "RenderableType":
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True)
    table.add_column(Text(i18n.t(comparison.lang, "compare.aspect")), width=label_width)
    for role in comparison.roles:
        table.add_column(Text(printable(role.label), style="bold"), width=role_width)
    measure = Console(width=role_width, file=io.StringIO())  # wraps, never prints
    for aspect in comparison.aspects:
        cells = comparison.cells[aspect.id]
        table.add_row(Text(aspect.label, style="bold"),
                      *(_items(cells[role.id], comparison.not_given, wrap=(measure, role_width))
                        for role in comparison.roles))
    return table


def _panels(comparison: "Comparison") -> "RenderableType":
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    panels: list[RenderableType] = []
    for role in comparison.roles:
        body: list[RenderableType] = []
        for aspect in comparison.aspects:
            body.append(Text(aspect.label, style="bold"))
            items = _items(comparison.cells[aspect.id][role.id], comparison.not_given)
            body.append(Padding(items, (0, 0, 0, 2)))
        panels.append(Panel(Group(*body), title=Text(printable(role.label), style="bold"),
                            title_align="left"))
    return Group(*panels)


def _items(texts: tuple[str, ...], not_given: str, *,
           wrap: "tuple[Console, int] | None" = None) -> "RenderableType":
    """No text: *not_given* ('not named in the article'); one: the text; more: a list
    whose wrapped lines stay indented.

    With *wrap* (a console to measure with and the column's width) the list is one text,
    wrapped here exactly as a grid of bullets would wrap it: a grid in every cell of a
    table takes longer to draw than the rest of the table.
    """
    from rich.table import Table
    from rich.text import Text

    if not texts:
        return Text(not_given, style="dim")
    if len(texts) == 1:
        return Text(printable(texts[0]))
    if wrap is not None:
        measure, width = wrap
        items = Text()
        for text in texts:
            for number, line in enumerate(Text(printable(text)).wrap(measure, width - 2)):
                items.append(("\n" if items else "") + ("• " if number == 0 else "  "))
                items.append_text(line)
        return items
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for text in texts:
        grid.add_row(Text("•"), Text(printable(text)))
    return grid

