"""A table as data: columns with stable ids and display labels, and rows of cells.

Rows may be a generator: every writer of :mod:`rolequiz.export.tables` goes
through them once, so a class of a million students streams from input to output.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from rolequiz.core.kb.model import Lang

Cell = str | int | float | bool | None | tuple[str, ...]
"""A tuple of texts is several lines (items) in one cell."""

DELIMITERS = {",": ",", ";": ";", "\t": "\t", "tab": "\t", "\\t": "\t"}
"""The separators of a CSV's cells (its values), by each way ``--delimiter`` takes them."""



def letter(index: int) -> str:
    """A 0-based index as a spreadsheet names its columns: A, B, …, Z, AA, AB, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Chunks:
    """Rows handed on as columns, a chunk of rows at a time: a writer that works a column
    at a time (CSV) takes each chunk as it is; anything else iterates the rows.  Turning a
    million students' columns into rows and back into columns took a tenth of
    ``cohort``'s time."""

    def __init__(self, chunks: Iterable[Sequence[Sequence[Cell]]]) -> None:
        self.chunks = chunks
        """Each chunk's columns, all of one length (consumed once, as the rows are)."""

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        return chain.from_iterable(zip(*chunk, strict=True) for chunk in self.chunks)


@dataclass(frozen=True)
class Column:
    id: str
    label: str


@dataclass
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[tuple[Cell, ...]]
    lang: Lang
    notes: tuple[str, ...] = field(default=())
    """Lines shown under the table (sources, caveats)."""
    bullets: bool = False
    """Several items in a cell are a bulleted list (xlsx, md, html); csv and json keep them
    plain."""
    preface: tuple[str, ...] = field(default=())
    """Lines above the table in a workbook, the first its title (title, date, source)."""


def cell_lines(cell: Cell) -> list[str]:
    """The lines of text in *cell* (none for an empty one)."""
    if cell is None:
        return []
    if isinstance(cell, tuple):
        return list(cell)
    if isinstance(cell, bool):
        return ["yes" if cell else "no"]
    return [str(cell)]
