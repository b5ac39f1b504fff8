"""CSV as the csv module writes it, a column at a time: a cohort of a million is mostly
numbers and a few texts that repeat.

:func:`write_csv` gives, byte for byte, what ``csv.writer`` gives row by row
(a test checks it on random tables), with every text made safe for a
spreadsheet (:func:`rolequiz.export.safety.spreadsheet_text`).  Rows that come as
columns (:class:`rolequiz.core.table.Chunks`) are turned into text a column at
a time; a value that repeats (a fit, a result, a flag) is turned into text
once and remembered, in memory that does not grow with the class.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import IO, Any

from rolequiz.core.table import Cell, Chunks, Table, cell_lines
from rolequiz.export.safety import FORMULA_STARTS, spreadsheet_text

CSV_CHUNK = 4096
"""Rows written at a time, a column at a time, when rows come one by one."""
KEPT = 4096
"""Different values a column remembers the text of, at most."""


def write_csv(handle: IO[str], table: Table, *, delimiter: str = ",") -> None:
    """CSV as Excel opens it: the caller writes a BOM first (:func:`rolequiz.export.tables.export`
    does)."""
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(c.label) for c in table.columns])
    special = re.compile("[" + re.escape(delimiter) + '"\r\n]')
    known: dict[tuple[int, type], _Texts] = {}  # texts by column and kind, chunk to chunk
    chunks = ((columns, []) for columns in table.rows.columns()) \
        if isinstance(table.rows, Chunks) else _chunks(table.rows)
    for columns, rows in chunks:
        texts = None if columns is None else _csv_texts(columns, special, known)
        if texts is not None:
            if texts[0]:
                handle.write("\r\n".join(map(delimiter.join, zip(*texts, strict=True)))
                             + "\r\n")
            continue
        found = rows or zip(*(columns or []), strict=True)
        writer.writerows([_csv_cell(cell) for cell in row] for row in found)


def _chunks(rows: Iterable[tuple[Cell, ...]]) -> Iterator[tuple[list[Sequence[Cell]] | None,
                                                                 list[tuple[Cell, ...]]]]:
    """:data:`CSV_CHUNK` rows at a time, as columns (None when their lengths differ) and as
    rows."""
    found = iter(rows)
    while chunk := list(islice(found, CSV_CHUNK)):
        if len(set(map(len, chunk))) == 1:
            yield list(zip(*chunk, strict=True)), chunk
        else:
            yield None, chunk


class _Texts(dict[Any, str]):
    """The texts of one column's values, each made once; a value not kept (past
    :data:`KEPT`, or one that is not equal to itself or equals zero, which has two
    texts, 0.0 and -0.0) is made each time."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, value: Any) -> str:
        text = self.make(value)
        if len(self) < KEPT and value == value and value != 0:
            self[value] = text
        return text


def _csv_texts(columns: list[Sequence[Cell]], special: re.Pattern[str],
               known: dict[tuple[int, type], _Texts]) -> list[Sequence[str]] | None:
    """The columns as the csv module writes them (quoted where it would quote), or None
    for anything but numbers and plain texts, or a single column.  *known* keeps the
    texts of values seen in earlier chunks."""
    if len(columns) < 2:
        return None
    texts_of: list[Sequence[str]] = []
    for index, cells in enumerate(columns):
        kinds = {float} if isinstance(cells, array) and cells.typecode == "d" else \
            set(map(type, cells))
        if kinds == {float}:  # as the csv module writes numbers: repr
            floats = known.setdefault((index, float), _Texts(repr))
            texts_of.append(list(map(floats.__getitem__, cells)))
        elif kinds <= {int, float}:
            texts_of.append(list(map(repr, cells)))
        elif kinds == {str}:
            texts = known.setdefault((index, str), _Texts(
                lambda text: _quoted(spreadsheet_text(text), special)))
            texts_of.append(_plain_texts(cells, special, texts))  # type: ignore[arg-type]
        else:
            return None
    return texts_of


def _plain_texts(cells: Sequence[str], special: re.Pattern[str], known: _Texts) -> list[str]:
    """Texts made safe for a spreadsheet and quoted where the csv module quotes; a text
    that repeats (a result, a flag) is made once."""
    if 4 * len(set(cells)) <= len(cells):
        return list(map(known.__getitem__, cells))
    texts = cells
    joined = "\x00" + "\x00".join(texts)  # a formula-like start follows a NUL
    if any("\x00" + start in joined for start in FORMULA_STARTS):
        texts = list(map(spreadsheet_text, texts))
    if special.search("".join(texts)):
        quoted = {text: _quoted(text, special) for text in set(texts)}
        texts = list(map(quoted.__getitem__, texts))
    return list(texts)


def _quoted(text: str, special: re.Pattern[str]) -> str:
    """*text* as the csv module's minimal quoting writes it."""
    return '"' + text.replace('"', '""') + '"' if special.search(text) else text


def _csv_cell(cell: Cell) -> str | int | float:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return cell
    return spreadsheet_text("\n".join(cell_lines(cell)))
