"""``rolequiz compare`` on a terminal: the roles side by side as one table, or a panel a
role when the screen is too narrow for a column each.

Every text goes into a :class:`rich.text.Text` as plain text, made printable before the
layout, so an escape spelled out still fits its column.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rolequiz.export.comparison import Worded, worded
from rolequiz.text import printable

if TYPE_CHECKING:
    from rolequiz.core.roles.compare import Comparison

MIN_ROLE_WIDTH = 24
"""Below this many characters per role column, each role gets a panel of its own."""
MAX_ROLE_WIDTH = 60
"""Wider role columns would make lines too long to read."""
LABEL_WIDTH = 16


def view(comparison: Comparison, *, width: int) -> RenderableType:
    """One table with a column per role when each gets MIN_ROLE_WIDTH; else a panel per role.

    Texts are made printable before the layout, so an escape spelled out still fits its column.
    """
    said = worded(comparison)
    parts: list[RenderableType] = [Text(said.title, style="bold"), Text("")]
    widths = _widths(comparison, said, width)
    parts.append(_panels(comparison, said) if widths is None
                 else _grid(comparison, said, *widths))
    parts += [Text(printable(note), style="dim") for note in said.notes]
    return Group(*parts)


def _widths(comparison: Comparison, said: Worded, width: int) -> tuple[int, int] | None:
    """The widths of the aspect column and of each role column, or None when a table
    would not fit.  Fixed widths: rich's own shrinking may push a table past the edge."""
    roles = len(comparison.roles)
    borders = 3 * (roles + 1) + 1  # a rule and a space either side of every column
    longest = max((cell_len(aspect.label) for aspect in said.aspects), default=0)
    label = min(longest, max(LABEL_WIDTH, width - borders - roles * MIN_ROLE_WIDTH))
    role = min(MAX_ROLE_WIDTH, (width - borders - label) // roles)
    return None if role < MIN_ROLE_WIDTH else (label, role)


def _grid(comparison: Comparison, said: Worded, label_width: int,
          role_width: int) -> RenderableType:
    table = Table(show_lines=True)
    table.add_column(Text(said.aspect_column), width=label_width)
    for role in comparison.roles:
        table.add_column(Text(printable(role.label), style="bold"), width=role_width)
    measure = Console(width=role_width, file=io.StringIO())  # wraps, never prints
    for aspect in said.aspects:
        cells = comparison.cells[aspect.id]
        table.add_row(Text(aspect.label, style="bold"),
                      *(_items(cells[role.id], said.not_given, wrap=(measure, role_width))
                        for role in comparison.roles))
    return table


def _panels(comparison: Comparison, said: Worded) -> RenderableType:
    panels: list[RenderableType] = []
    for role in comparison.roles:
        body: list[RenderableType] = []
        for aspect in said.aspects:
            body.append(Text(aspect.label, style="bold"))
            items = _items(comparison.cells[aspect.id][role.id], said.not_given)
            body.append(Padding(items, (0, 0, 0, 2)))
        panels.append(Panel(Group(*body), title=Text(printable(role.label), style="bold"),
                            title_align="left"))
    return Group(*panels)


def _items(texts: tuple[str, ...], not_given: str, *,
           wrap: tuple[Console, int] | None = None) -> RenderableType:
    """No text: *not_given* ('not named in the article'); one: the text; more: a list
    whose wrapped lines stay indented.

    With *wrap* (a console to measure with and the column's width) the list is one text,
    wrapped here exactly as a grid of bullets would wrap it: a grid in every cell of a
    table takes longer to draw than the rest of the table.
    """
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

