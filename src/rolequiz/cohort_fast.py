"""Reading a class CSV a block of lines at a time, with NumPy: a million rows in seconds.

A class file is mostly the same few bytes again and again: a name, then one
short answer per question.  Rather than parse each line in Python, a block
of whole lines (256 KiB) is searched for its line ends and separators at
once; every answer that is one character is looked up in a per-question
table of 256 entries, and the names are sliced out.  The students come out
in :class:`Batch` es, ready for :class:`~rolequiz.vector.Scorer`.

Only what is certain is taken this way.  A line whose cells are not plain
(an answer written ``" 2"`` or ``01``, an unknown answer, no name, too many
cells, a blank line) goes through :func:`rolequiz.cohort_input.record`, the
careful reader, so both say the same about it.  A block with a quote, a NUL
or a lone carriage return, or bytes that are not UTF-8, hands the rest of
the file to the careful reader altogether: quoted cells may span lines, and
only it locates a problem exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import IO

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from rolequiz import cohort_input, i18n
from rolequiz.cohort_input import BOM, Entry, Layout, Skipped
from rolequiz.errors import InputFileError, Problem, RolequizError
from rolequiz.model import KnowledgeBase, Lang

BLOCK = 1 << 18
"""Bytes read at a time: about 4,500 students of 20 questions, a few MiB of arrays."""
BATCH = 1024
"""Students per batch when they come one by one (answer sheets, the careful reader)."""
NO_ANSWER = 255
Codes = npt.NDArray[np.int16]


@dataclass
class Batch:
    """Students in the order of the input, and the rows skipped between them."""

    sources: list[int] | list[str]
    """Each student's CSV row number, or answer-sheet file."""
    names: list[str]
    codes: Codes
    """(students, questions): the chosen options' 0-based indices."""
    skipped: list[tuple[int, Skipped]] = field(default_factory=list)
    """Each skipped row, with how many of this batch's students come before it."""
    error: RolequizError | None = None
    """What stopped the reading after these rows: raised once they are out."""


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
        table = _Table(layout, self.kb)
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


@dataclass
class _Found:
    batch: Batch
    lines: int


class _Table:
    """Everything about the header that the block search needs, as arrays.

    In a line the fast path takes, every question's cell is one byte and every
    unnamed cell is empty: only the name's length varies.  So each separator
    and each answer sits at a fixed distance from the line's start (left of the
    name) or from its end (right of it), and a line is checked and read by
    looking at those bytes alone.
    """

    def __init__(self, layout: Layout, kb: KnowledgeBase) -> None:
        self.layout = layout
        self.kb = kb
        self.separator = ord(layout.delimiter)
        columns = layout.columns
        self.lookup = np.full((len(columns.questions), 256), NO_ANSWER, dtype=np.int16)
        for row, (_, question) in enumerate(columns.questions):
            keys = {option.id: index for index, option in enumerate(question.options)}
            for number in range(1, len(question.options) + 1):
                keys.setdefault(str(number), number - 1)  # an option's id comes first
            for key, index in keys.items():
                if len(key) == 1 and key.isascii():
                    self.lookup[row, ord(key)] = index
        sizes = [0] * layout.width  # each cell's length in bytes, but the name's
        for position, _ in columns.questions:
            sizes[position] = 1
        student = columns.student
        cells: dict[int, int] = {}  # where each cell is among the bytes looked at
        separators: list[int] = []
        at = 0  # left of the name: from the line's start, each cell, then its separator
        for position in range(student):
            cells[position] = at
            separators.append(at + sizes[position])
            at += sizes[position] + 1
        self.before_name = at
        at = 0  # right of the name: back from the line's end, each cell, then its separator
        for position in reversed(range(student + 1, layout.width)):
            at -= sizes[position]
            cells[position] = at
            at -= 1
            separators.append(at)
        self.after_name = -at
        # the bytes looked at: the line's first before_name, then its last after_name
        frame = self.before_name + self.after_name
        self.separators_at = np.array([s if s >= 0 else frame + s for s in separators],
                                      dtype=np.intp)
        self.answers_at = np.array([cells[p] if p < student else frame + cells[p]
                                    for p, _ in columns.questions], dtype=np.intp)

    def _looked_at(self, data: npt.NDArray[np.uint8], first: npt.NDArray[np.intp],
                   last: npt.NDArray[np.intp]) -> npt.NDArray[np.uint8]:
        """For each line from *first* to *last*, its bytes left and right of the name."""
        parts = []
        if self.before_name:
            parts.append(sliding_window_view(data, self.before_name)[first])
        if self.after_name:
            parts.append(sliding_window_view(data, self.after_name)[last - self.after_name])
        return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)

    def read(self, block: bytes, row: int, *, lang: Lang) -> _Found:
        """The students of *block* (whole lines after CSV row *row*)."""
        data = np.frombuffer(block, dtype=np.uint8)
        ends = np.flatnonzero(data == 10)
        starts = np.concatenate(([0], ends[:-1] + 1))
        stops = ends - ((ends > starts) & (data[np.maximum(ends - 1, 0)] == 13))
        counts = np.diff(np.searchsorted(np.flatnonzero(data == self.separator), ends),
                         prepend=0)
        lengths = stops - starts
        # lines with as many cells as the header, room for the fixed cells, and none
        # longer than the csv module takes
        whole = np.flatnonzero((counts == len(self.separators_at))
                               & (lengths >= self.before_name + self.after_name)
                               & (lengths <= csv.field_size_limit()))
        first, last = starts[whole], stops[whole]
        seen = self._looked_at(data, first, last) if len(whole) else \
            np.zeros((0, self.before_name + self.after_name), dtype=np.uint8)
        codes = self.lookup[np.arange(len(self.answers_at)), seen[:, self.answers_at]]
        good = (seen[:, self.separators_at] == self.separator).all(axis=1) & \
            (codes != NO_ANSWER).all(axis=1)
        names = _names(block, (first[good] + self.before_name).tolist(),
                       (last[good] - self.after_name).tolist())
        named = np.fromiter(map(bool, names), dtype=np.bool_, count=len(names))
        fast = whole[good][named]
        fast_codes = codes[good][named]
        fast_names = [name for name, ok in zip(names, named.tolist(), strict=True) if ok] \
            if not named.all() else names
        if len(fast) == len(ends):  # every line plain: the usual case
            sources = list(range(row + 1, row + 1 + len(ends)))
            return _Found(Batch(sources, fast_names, fast_codes), len(ends))
        return self._careful(block, row, ends, fast, fast_codes, fast_names, lang=lang)

    def _careful(self, block: bytes, row: int, ends: npt.NDArray[np.intp],
                 fast: npt.NDArray[np.intp], codes: Codes, names: list[str], *,
                 lang: Lang) -> _Found:
        """Merge the plain lines with the others, read one by one by the careful reader."""
        others = np.setdiff1d(np.arange(len(ends)), fast, assume_unique=True)
        lines: list[int] = fast.tolist()
        rows: list[list[int]] = []
        skipped: list[tuple[int, Skipped]] = []
        error: RolequizError | None = None
        ids = [q.id for q in self.kb.questions]
        count = len(ends)
        for line in others.tolist():
            start = int(ends[line - 1]) + 1 if line else 0
            text = block[start:int(ends[line]) + 1].decode("utf-8")
            try:
                cells = next(csv.reader([text], delimiter=self.layout.delimiter), [])
                entry = cohort_input.record(cells, row + 1 + line, self.layout, kb=self.kb,
                                            lang=lang)
            except csv.Error as problem:
                error, count = InputFileError([Problem(self.layout.file, None, None, i18n.t(
                    lang, "cohort.bad_csv", row=row + 1 + line, problem=str(problem)))]), line
                break
            except RolequizError as stop:
                error, count = stop, line
                break
            if isinstance(entry, Skipped):
                skipped.append((line, entry))
            elif entry is not None:
                lines.append(line)
                names.append(entry.name)
                rows.append([entry.answers[i] for i in ids])
        found = np.array(lines, dtype=np.intp)
        keep = found < count
        order = np.argsort(found[keep], kind="stable")
        everything = np.concatenate((codes, np.array(rows, dtype=np.int16).reshape(
            len(rows), len(ids))))[keep][order]
        placed = found[keep][order]
        kept_names = [n for n, k in zip(names, keep.tolist(), strict=True) if k]
        batch = Batch(
            sources=(placed + row + 1).tolist(),
            names=[kept_names[i] for i in order.tolist()],
            codes=everything,
            skipped=[(int(np.searchsorted(placed, line)), entry) for line, entry in skipped],
            error=error,
        )
        return _Found(batch, count)


def _names(block: bytes, begin: list[int], end: list[int]) -> list[str]:
    """The names between those byte offsets, decoded and stripped."""
    if block.isascii():
        text = block.decode("ascii")
        return list(map(str.strip, map(text.__getitem__, map(slice, begin, end))))
    pieces = map(block.__getitem__, map(slice, begin, end))
    return list(map(str.strip, map(bytes.decode, pieces)))


