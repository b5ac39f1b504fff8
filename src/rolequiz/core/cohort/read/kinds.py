"""The kinds of class file, each read through the same call: a table keyed by extension.

A plain class CSV and a form export's CSV (told apart by their header, see
:func:`rolequiz.core.cohort.read.reader.open_csv`), a workbook, a CSV in a zip and a
set of answer sheets all give their students as batches
(:class:`~rolequiz.core.cohort.batches.Batch`), so the command that scores a class
asks :data:`READERS` for the file's kind instead of testing its extension.  A new kind
is a function here and a line in the table.  Pure: nothing here prints.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import InputFileError, msg, os_reason

if TYPE_CHECKING:
    from rolequiz.core.cohort.batches import Batch

SHEET_BATCH = 64
"""Answer sheets scored together: each is a file to read and parse, so few at a time."""
Opened = contextlib.AbstractContextManager[Iterator["Batch"]]


class Reader(Protocol):
    """How a kind of class file is read: its students as batches, the file open while they
    are read; *advance* is told the bytes read, as they are."""

    def __call__(self, path: Path, *, kb: KnowledgeBase, name_column: str | None,
                 advance: Callable[[int], None]) -> Opened: ...


@contextlib.contextmanager
def class_csv(path: Path, *, kb: KnowledgeBase, name_column: str | None,
              advance: Callable[[int], None]) -> Iterator[Iterator[Batch]]:
    """A class CSV, plain or a form export's, read a batch at a time."""
    from rolequiz.core.cohort.batches import csv_batches

    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputFileError.about(str(path), msg("cohort.cannot_read",
                                                  reason=os_reason(error))) from None
    with handle:
        yield csv_batches(handle, file=str(path), kb=kb, progress=advance,
                          name_column=name_column)


@contextlib.contextmanager
def workbook(path: Path, *, kb: KnowledgeBase, name_column: str | None,
             advance: Callable[[int], None]) -> Iterator[Iterator[Batch]]:
    """An Excel workbook's first sheet (see :mod:`rolequiz.core.cohort.read.workbook`)."""
    from rolequiz.core.cohort.read import workbook as book

    with book.rows(path) as found:
        yield book.xlsx_batches(found, file=str(path), kb=kb, name_column=name_column)
    advance(_size(path))


@contextlib.contextmanager
def zipped_csv(path: Path, *, kb: KnowledgeBase, name_column: str | None,
               advance: Callable[[int], None]) -> Iterator[Iterator[Batch]]:
    """The one CSV in a zip (see :mod:`rolequiz.core.cohort.read.archive`)."""
    from rolequiz.core.cohort.batches import csv_batches
    from rolequiz.core.cohort.read.archive import csv_in_zip

    inside = io.BytesIO(csv_in_zip(path))
    yield csv_batches(inside, file=str(path), kb=kb, progress=lambda read: None,
                      name_column=name_column)
    advance(_size(path))


READERS: dict[str, Reader] = {".csv": class_csv, ".xlsx": workbook, ".zip": zipped_csv}
"""Each kind of class file, by its extension (lower case)."""
SUFFIXES = tuple(READERS)


def reader_of(path: Path) -> Reader:
    """How the class file at *path* is read, by its extension (checked by the command)."""
    return READERS[path.suffix.lower()]


@contextlib.contextmanager
def answer_sheets(paths: Iterable[Path], *, kb: KnowledgeBase,
                  advance: Callable[[int], None]) -> Iterator[Iterator[Batch]]:
    """Answer sheets, each a student (see :func:`rolequiz.core.cohort.read.reader.sheet_entries`),
    *advance* told each file's size once it is read."""
    from rolequiz.core.cohort.batches import batches
    from rolequiz.core.cohort.read.reader import sheet_entries

    def sized(paths: Iterable[Path]) -> Iterator[Path]:
        for path in paths:
            yield path
            advance(_size(path))

    yield batches(sheet_entries(sized(paths), kb=kb), kb=kb, size=SHEET_BATCH)


def _size(path: Path) -> int:
    with contextlib.suppress(OSError):
        return path.stat().st_size
    return 0
