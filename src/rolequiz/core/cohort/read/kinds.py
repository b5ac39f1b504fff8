"""The kinds of class file, each read through the same calls: a table keyed by extension.

A plain class CSV and a form export's CSV (told apart by their header, see
:func:`rolequiz.core.cohort.read.reader.open_csv`), a workbook, a CSV in a zip and a
set of answer sheets all give their students as batches
(:class:`~rolequiz.core.cohort.batches.Batch`), and each kind of class file says which
language its header is written in (:mod:`rolequiz.core.cohort.read.language` asks), so
neither the command that scores a class nor the language of its outputs tests an
extension: they ask :data:`KINDS`.  A new kind is its two functions here and a line in
the table.  Pure: nothing here prints.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from rolequiz.core.kb.model import KnowledgeBase, Lang
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


class WrittenIn(Protocol):
    """Which language of *kb* the header of a kind of class file is written in: None when
    it does not tell (question ids); a file that cannot be read raises, as when it is read."""

    def __call__(self, path: Path, *, kb: KnowledgeBase,
                 name_column: str | None) -> Lang | None: ...


@dataclass(frozen=True)
class Kind:
    """A kind of class file: how its students are read, and which language its header says."""

    read: Reader
    written_in: WrittenIn


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


def csv_written_in(path: Path, *, kb: KnowledgeBase, name_column: str | None) -> Lang | None:
    """The language of a class CSV's header: a form's question texts say it, ids do not."""
    with path.open("rb") as handle:
        return _header_of_csv(handle, file=str(path), kb=kb, name_column=name_column)


def workbook_written_in(path: Path, *, kb: KnowledgeBase,
                        name_column: str | None) -> Lang | None:
    """The language of a workbook's first row that is not blank: a form's question texts
    say it; a header of ids says none, but a workbook ``cohort --template`` wrote says
    the language it was written in (its keywords)."""
    from rolequiz.core.cohort.read import forms
    from rolequiz.core.cohort.read import workbook as book
    from rolequiz.core.cohort.read.reader import header_layout
    from rolequiz.core.cohort.read.responses import text

    form: forms.Form | None = None
    with book.rows(path) as found:
        for cells in found:
            header = [text(cell) for cell in cells]
            if any(cell.strip() for cell in header):
                form = header_layout(header, kb=kb, file=str(path), name_column=name_column)[1]
                break
    if form is not None:
        return forms.written_in(form, kb)
    said = book.made_in(path)
    return said if said in kb.languages else None


def zipped_csv_written_in(path: Path, *, kb: KnowledgeBase,
                          name_column: str | None) -> Lang | None:
    """The language of the header of the one CSV in a zip."""
    from rolequiz.core.cohort.read.archive import csv_in_zip

    return _header_of_csv(io.BytesIO(csv_in_zip(path)), file=str(path), kb=kb,
                          name_column=name_column)


def _header_of_csv(handle: IO[bytes], *, file: str, kb: KnowledgeBase,
                   name_column: str | None) -> Lang | None:
    """The language of the header of the CSV open as *handle*, read as the class is."""
    from rolequiz.core.cohort.read import forms
    from rolequiz.core.cohort.read.reader import class_lines, open_csv

    form = open_csv(class_lines(handle), file=file, kb=kb, name_column=name_column)[0].form
    return None if form is None else forms.written_in(form, kb)


KINDS: dict[str, Kind] = {
    ".csv": Kind(class_csv, csv_written_in),
    ".xlsx": Kind(workbook, workbook_written_in),
    ".zip": Kind(zipped_csv, zipped_csv_written_in),
}
"""Each kind of class file, by its extension (lower case)."""
SUFFIXES = tuple(KINDS)


def kind_of(path: Path) -> Kind | None:
    """The kind of the class file at *path*, by its extension; None for no kind of class file."""
    return KINDS.get(path.suffix.lower())


def reader_of(path: Path) -> Reader:
    """How the class file at *path* is read, by its extension (checked by the command)."""
    return KINDS[path.suffix.lower()].read


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
