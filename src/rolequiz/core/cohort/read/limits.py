"""How much of a class file rolequiz reads: a small file may claim or unpack to far more
than a class, and is refused before it costs minutes or gigabytes.

A workbook is a zip of XML parts.  openpyxl streams the sheet's rows (read-only mode)
but reads every other part whole, the table of distinct texts among them; so the zip
directory is checked first (:func:`check_workbook`, with :mod:`zipfile`, which also
stops a part that unpacks to more than the directory says), then every row as it comes
(:func:`checked_rows`).  A CSV is read as a stream: only its width is limited here.
The table of limits in docs/exit-codes.md states these figures.  Pure: nothing here prints.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from rolequiz.core.table import letter
from rolequiz.errors import InputFileError, msg

MAX_COLUMNS = 1000
"""Columns of a class file: a quiz export has three per question (answer, points,
feedback) and a dozen more."""
MAX_ROWS = 100_000
"""Rows of a workbook's sheet, blank ones included: a school, many times over."""
MAX_CELL = 32_767
"""Characters in a workbook's cell: Excel's own limit."""
MAX_UNPACKED = 8 * 1024 * 1024
"""Bytes a workbook unpacks to, all parts together: a form export of about 5,000 students
(2,000 with 30 columns unpack to about 3 MiB).  Reading a sheet this size of dense cells
takes a few seconds, twice that when it does not state its size (openpyxl reads it
once to look for it)."""
MAX_WHOLE_PART = 4 * 1024 * 1024
"""Bytes of a part other than a sheet (the table of texts, the styles): openpyxl builds
each of them whole in memory."""
MAX_TEXT = MAX_UNPACKED
"""Characters in all the cells of a workbook together: a shared text is stored once
but read (and written out) wherever a cell names it."""
MAX_ZIPPED_CSV = 32 * 1024 * 1024
"""Bytes the CSV inside a zip (Google Forms' "Download responses (.csv)") unpacks to: it is
read whole into memory, and a form export of 5,000 students with 30 columns is about
6 MiB."""
SHEETS = "xl/worksheets/"
MIB = 1024 * 1024


def check_workbook(path: Path) -> None:
    """Refuse the workbook at *path* if its zip directory says it unpacks to more than the
    limits; a file that is no zip is left to openpyxl to say so."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = book.infolist()
    except (OSError, zipfile.BadZipFile):
        return
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED:
        raise InputFileError.about(str(path), msg(
            "cohort.limit.unpacked", size=-(-total // MIB), limit=MAX_UNPACKED // MIB))
    for part in parts:
        if part.file_size > MAX_WHOLE_PART and not part.filename.startswith(SHEETS):
            raise InputFileError.about(str(path), msg(
                "cohort.limit.part", part=part.filename, size=-(-part.file_size // MIB),
                limit=MAX_WHOLE_PART // MIB))


def check_width(width: int, *, file: str, row: int) -> None:
    """Refuse row *row* of *width* cells if it is wider than :data:`MAX_COLUMNS`."""
    if width > MAX_COLUMNS:
        raise InputFileError.about(file, msg("cohort.limit.columns", row=row, columns=width,
                                             limit=MAX_COLUMNS))


def checked_rows(rows: Iterator[Sequence[object]], *,
                 file: str) -> Iterator[Sequence[object]]:
    """*rows* of a workbook's sheet, stopped with one line at the first row past
    :data:`MAX_ROWS`, wider than :data:`MAX_COLUMNS`, with a cell longer than
    :data:`MAX_CELL` or past :data:`MAX_TEXT` characters in all."""
    read = 0
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise InputFileError.about(file, msg("cohort.limit.rows", limit=MAX_ROWS))
        check_width(len(cells), file=file, row=number)
        for index, cell in enumerate(cells):
            if not isinstance(cell, str):
                continue
            if len(cell) > MAX_CELL:
                raise InputFileError.about(file, msg(
                    "cohort.limit.cell", row=number, column=letter(index), size=len(cell),
                    limit=MAX_CELL))
            read += len(cell)
        if read > MAX_TEXT:
            raise InputFileError.about(file, msg("cohort.limit.text", row=number,
                                                 limit=MAX_TEXT // MIB))
        yield cells
