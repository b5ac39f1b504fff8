"""A block of plain lines of a class CSV, read with NumPy: the fast path's inner loop.

In a line the fast path takes, every question's cell is one byte and every
unnamed cell is empty: only the name's length varies.  So each separator and
each answer sits at a fixed distance from the line's start (left of the name)
or from its end (right of it), and a whole block of lines is checked and read
by looking at those bytes alone: a window before and after each name, an
answer looked up in a per-question table of 256 entries.  A line that does not
fit goes to :func:`rolequiz.core.cohort.reader.record`, the careful reader, so both
say the same about it.  See :mod:`rolequiz.core.cohort.batches` for the file around it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from rolequiz import i18n
from rolequiz.core.cohort import reader as cohort_input
from rolequiz.core.cohort.reader import Layout, Skipped
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.errors import InputFileError, Problem, RolequizError

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


@dataclass
class Found:
    """The students of a block, and how many lines it had."""

    batch: Batch
    lines: int


class BlockReader:
    """Everything about the header that reading a block needs, as arrays."""

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

    def read(self, block: bytes, row: int, *, lang: Lang) -> Found:
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
            return Found(Batch(sources, fast_names, fast_codes), len(ends))
        return self._careful(block, row, ends, fast, fast_codes, fast_names, lang=lang)

    def _careful(self, block: bytes, row: int, ends: npt.NDArray[np.intp],
                 fast: npt.NDArray[np.intp], codes: Codes, names: list[str], *,
                 lang: Lang) -> Found:
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
        return Found(batch, count)


def _names(block: bytes, begin: list[int], end: list[int]) -> list[str]:
    """The names between those byte offsets, decoded and stripped."""
    if block.isascii():
        text = block.decode("ascii")
        return list(map(str.strip, map(text.__getitem__, map(slice, begin, end))))
    pieces = map(block.__getitem__, map(slice, begin, end))
    return list(map(str.strip, map(bytes.decode, pieces)))


