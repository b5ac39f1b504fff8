"""Reading a class CSV a block of lines at a time, with NumPy: a million rows in seconds.

A class file is mostly the same few bytes again and again: a name, then one
short answer per question.  Rather than parse each line in Python, a block
of whole lines (256 KiB) is read at once (:mod:`rolequiz.core.cohort.block`).
The students come out in :class:`Batch` es, ready for
:class:`~rolequiz.core.cohort.scorer.Scorer`.

Only what is certain is taken this way.  A line whose cells are not plain
(an answer written ``" 2"`` or ``01``, an unknown answer, no name, too many
cells, a blank line) goes through :func:`rolequiz.core.cohort.reader.record`, the
careful reader, so both say the same about it.  A block with a quote, a NUL
or a lone carriage return, or bytes that are not UTF-8, hands the rest of
the file to the careful reader altogether: quoted cells may span lines, and
only it locates a problem exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import IO

import numpy as np

from rolequiz.core.cohort import reader as cohort_input
from rolequiz.core.cohort.block import Batch, BlockReader
from rolequiz.core.cohort.reader import BOM, Entry, Layout, Skipped
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.errors import RolequizError

BLOCK = 1 << 18
"""Bytes read at a time: about 4,500 students of 20 questions, a few MiB of arrays."""
BATCH = 1024
"""Students per batch when they come one by one (answer sheets, the careful reader)."""

__all__ = ["BATCH", "BLOCK", "Batch", "batches", "csv_batches"]


def batches(entries: Iterable[Entry | Skipped], *, kb: KnowledgeBase,
            size: int = BATCH) -> Iterator[Batch]:
    """*entries* grouped into batches of about *size* (an error ends the last one)."""
    sources: list[int | str] = []
    names: list[str] = []
    rows: list[list[int]] = []
    skipped: list[tuple[int, Skipped]] = []
    ids = [q.id for q in kb.questions]

    def batch(error: RolequizError | None = None) -> Batch:
        codes = np.array(rows, dtype=np.int16).reshape(len(rows), len(ids))
        return Batch(sources[:], names[:], codes, skipped[:], error)  # type: ignore[arg-type]

    try:
        for entry in entries:
            if isinstance(entry, Skipped):
                skipped.append((len(rows), entry))
            else:
                sources.append(entry.source)
                names.append(entry.name)
                rows.append([entry.answers[i] for i in ids])
            if len(rows) + len(skipped) >= size:
                yield batch()
                for kept in (sources, names, rows, skipped):
                    kept.clear()
    except RolequizError as error:
        yield batch(error)
        return
    if rows or skipped:
        yield batch()


def csv_batches(handle: IO[bytes], *, file: str, kb: KnowledgeBase, lang: Lang,
                progress: Callable[[int], None]) -> Iterator[Batch]:
    """The students of the class CSV open as *handle*; *progress* is told each byte read."""
    return _Reader(handle, file=file, kb=kb, lang=lang, progress=progress).batches()


class _Reader:
    def __init__(self, handle: IO[bytes], *, file: str, kb: KnowledgeBase, lang: Lang,
                 progress: Callable[[int], None]) -> None:
        self.handle, self.file, self.kb, self.lang = handle, file, kb, lang
        self.progress = progress

    def _lines(self) -> Iterator[bytes]:
        for line in self.handle:
            self.progress(len(line))
            yield line

    def _careful(self, lines: Iterable[bytes]) -> Iterator[Batch]:
        """The whole file through the careful reader."""
        entries = cohort_input.csv_entries(lines, file=self.file, kb=self.kb, lang=self.lang)
        return batches(entries, kb=self.kb)

    def batches(self) -> Iterator[Batch]:
        lines = self._lines()
        head: list[bytes] = []
        layout = None
        try:  # the header, as the careful reader finds it: after blank lines and "sep=;"
            text = ""
            for line in lines:
                head.append(line)
                text = (line[len(BOM):] if len(head) == 1 and line.startswith(BOM)
                        else line).decode("utf-8")
                if text.strip():
                    break
            marker = text.rstrip("\r\n")
            delimiter = cohort_input.guess_delimiter(text)
            if marker.lower().startswith("sep=") and marker[4:] in cohort_input.DELIMITERS:
                delimiter, text = marker[4:], ""
                for line in lines:
                    head.append(line)
                    text = line.decode("utf-8")
                    break
            layout = self._layout(text, delimiter)
        except (UnicodeDecodeError, csv.Error):
            pass
        if layout is None:  # anything unusual: the careful reader says what it is
            yield from self._careful(chain(head, lines))
            return
        yield from self._blocks(layout, row=len(head))

    def _layout(self, header: str, delimiter: str) -> Layout | None:
        """The layout of a plain *header* (no quotes: one line), else None."""
        if not header.strip() or '"' in header or "\x00" in header or \
                "\r" in header.rstrip("\r\n"):
            return None
        cells = next(csv.reader([header], delimiter=delimiter))
        return Layout(self.file, delimiter, len(cells), cohort_input.columns(
            cells, kb=self.kb, lang=self.lang, file=self.file))

    def _blocks(self, layout: Layout, *, row: int) -> Iterator[Batch]:
        table = BlockReader(layout, self.kb)
        pending = b""
        while True:
            data = self.handle.read(BLOCK)
            self.progress(len(data))
            if data:
                data = pending + data
                cut = data.rfind(b"\n") + 1
                if not cut:
                    pending = data
                    continue
                block, pending = data[:cut], data[cut:]
            else:
                block, pending = pending, b""
                if not block:
                    return
            if not _plain(block):
                lines = cohort_input.decoded_lines(chain(io.BytesIO(block), self._rest(pending)),
                                                   first=False)
                yield from batches(cohort_input.rows(
                    csv.reader(lines, delimiter=layout.delimiter), row=row, layout=layout,
                    kb=self.kb, lang=self.lang), kb=self.kb)
                return
            found = table.read(block if block.endswith(b"\n") else block + b"\n", row,
                               lang=self.lang)
            yield found.batch
            if found.batch.error is not None or not data:
                return
            row += found.lines

    def _rest(self, pending: bytes) -> Iterator[bytes]:
        """The line begun in *pending*, then the rest of the file, line by line."""
        if pending:
            line = pending + self.handle.readline()
            self.progress(len(line) - len(pending))
            yield line
        yield from self._lines()


def _plain(block: bytes) -> bool:
    """A block the fast path may read: no quotes, no NUL, no carriage return on its own,
    and UTF-8 throughout."""
    if b'"' in block or b"\x00" in block or block.count(b"\r") != block.count(b"\r\n"):
        return False
    if block.isascii():
        return True
    try:
        block.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
