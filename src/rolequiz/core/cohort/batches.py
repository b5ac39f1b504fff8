"""A class as batches of students, ready for :class:`~rolequiz.core.cohort.scorer.Scorer`.

A class CSV is read with the :mod:`csv` module, a batch of records at a time.
Where every answer is a single character, as in a plain class, the batch's
answers are joined into one text, a question's column after another, and looked
up at once in a table per question (:class:`Answers`).  Any other record (no name, an answer
of two characters or none, too many cells...) goes through
:func:`rolequiz.core.cohort.read.reader.record`, so the table can only ever agree
with it.
"""

from __future__ import annotations

import contextlib
import csv
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from operator import itemgetter
from typing import IO, TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from rolequiz.core.cohort.read import reader
from rolequiz.core.cohort.read.reader import Entry, Layout, Skipped
from rolequiz.core.kb import lettering
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import RolequizError, Words

if TYPE_CHECKING:
    from rolequiz.core.cohort.read.forms import Choices, Form

BATCH = 8192
"""Students scored together: their answers are a few hundred KiB of arrays, the scoring's
steps a few MiB.  Twice 4,096 costs a class of a million 6 % less time (each batch's steps
in Python are half as many) and 4 MiB more memory; four times, 20 MiB more."""

NO_ANSWER = 255
"""A character the look-up table does not know (not a question left blank)."""
UNANSWERED = -1
"""The code of a question left blank (:data:`rolequiz.core.student.posterior.UNANSWERED`)."""
Codes = npt.NDArray[np.int16]


@dataclass
class Batch:
    """Students in the order of the input, and the rows skipped between them."""

    sources: range | list[int] | list[str]
    """Each student's CSV row number, or answer-sheet file; a ``range`` where the rows
    follow one another (the usual batch of a plain class file), which costs nothing to keep,
    to spool or to write."""
    names: list[str]
    codes: Codes
    """(students, questions): the chosen options' 0-based indices, :data:`UNANSWERED` for
    a question left blank."""
    skipped: list[tuple[int, Skipped]] = field(default_factory=list)
    """Each skipped row, with how many of this batch's students come before it."""
    error: RolequizError | None = None
    """What stopped the reading after these rows: raised once they are out."""
    positions: Codes | None = None
    """(students, questions): where each chosen option was shown, for answer sheets."""
    seconds: npt.NDArray[np.float64] | None = None
    """(students, questions): seconds per answer (NaN where unknown), for answer sheets."""
    notes: list[Words] = field(default_factory=list)
    """Lines about the input to tell before the batch's rows (columns a form export has
    that are not read), in no language yet."""
    durations: npt.NDArray[np.float64] | None = None
    """(students,): seconds from start to completion (NaN where unknown), for a form
    export that records both; None for an input that records no durations."""
    reading: float | None = None
    """The seconds a fast reader takes to read the form (see
    :meth:`rolequiz.core.kb.model.Settings.words_time`), beside *durations*."""
    submitted: list[datetime | None] | None = None
    """(students,): when each response was submitted (None where unknown), for a form
    export that records it; None for an input that records no such time."""


def batches(entries: Iterable[Entry | Skipped], *, kb: KnowledgeBase, size: int,
            reading: float | None = None) -> Iterator[Batch]:
    """*entries* (answer sheets, or the rows of a form export) grouped into batches of about
    *size*; with *reading* (a form that records durations: its reading time), each
    student's duration too."""
    sources: list[int | str] = []
    names: list[str] = []
    rows: list[list[int]] = []
    places: list[list[int]] = []
    seconds: list[list[float]] = []
    took: list[float] = []
    stamps: list[datetime | None] = []
    skipped: list[tuple[int, Skipped]] = []
    ids = [q.id for q in kb.questions]

    def batch() -> Batch:
        codes = np.array(rows, dtype=np.int16).reshape(len(rows), len(ids))
        shown = np.array(places, dtype=np.int16).reshape(len(rows), len(ids))
        times = np.array(seconds, dtype=np.float64).reshape(len(rows), len(ids))
        durations = None if reading is None else np.array(took, dtype=np.float64)
        return Batch(sources[:], names[:], codes, skipped[:],  # type: ignore[arg-type]
                     positions=shown, seconds=times, durations=durations, reading=reading,
                     submitted=stamps[:] if any(s is not None for s in stamps) else None)

    for entry in entries:
        if isinstance(entry, Skipped):
            skipped.append((len(rows), entry))
        else:
            sources.append(entry.source)
            names.append(entry.name)
            rows.append([entry.answers.get(i, UNANSWERED) for i in ids])
            places.append([entry.positions.get(i, entry.answers[i]) if i in entry.answers
                           else UNANSWERED for i in ids])
            seconds.append([entry.seconds.get(i, math.nan) for i in ids])
            took.append(math.nan if entry.duration is None else entry.duration)
            stamps.append(entry.submitted)
        if len(rows) + len(skipped) >= size:
            yield batch()
            for kept in (sources, names, rows, places, seconds, took, stamps, skipped):
                kept.clear()
    if rows or skipped:
        yield batch()


def csv_batches(handle: IO[bytes], *, file: str, kb: KnowledgeBase,
                progress: Callable[[int], None],
                name_column: str | None = None) -> Iterator[Batch]:
    """The students of the class CSV open as *handle*; *progress* is told the bytes read,
    a batch at a time (where *handle* can tell its position)."""
    layout, records, row = reader.open_csv(reader.class_lines(handle), file=file, kb=kb,
                                           name_column=name_column)
    if layout.form is not None:
        yield from form_batches(layout.form, _located(records, row, file=file), row,
                                file=file, kb=kb, choices=layout.choices, whole_rows=True)
        with contextlib.suppress(OSError):
            progress(handle.tell())
        return
    answers = Answers(layout)
    told = 0
    while True:
        chunk: list[list[str]] = []
        error: RolequizError | None = None
        try:
            chunk.extend(islice(records, BATCH))  # what came before an error is kept
        except (csv.Error, UnicodeDecodeError) as problem:
            error = reader.located(problem, file=file, row=row + len(chunk) + 1)
        with contextlib.suppress(OSError):  # a pipe cannot tell
            read = handle.tell()
            progress(read - told)
            told = read
        if chunk:
            yield answers.batch(chunk, row, kb=kb, error=error)
        elif error is not None:
            yield Batch([], [], np.zeros((0, len(kb.questions)), np.int16), error=error)
        if error is not None or len(chunk) < BATCH:
            return
        row += len(chunk)


def form_batches(form: Form, rows: Iterator[Sequence[object]], row: int, *, file: str,
                 kb: KnowledgeBase, choices: Choices, whole_rows: bool = False
                 ) -> Iterator[Batch]:
    """The students of a form export whose header (row *row*) describes *form*; the first
    batch carries the note naming the columns not read.  *whole_rows*: each row has every
    cell (a CSV), so a shorter one is cut off (see :func:`responses.entries`)."""
    from rolequiz.core.cohort.read import forms, responses

    opened = responses.open_rows(form, rows, file=file)
    opened, read_as = responses.settled(opened, file=file, choices=choices, header_row=row)
    notes = responses.ignored_note(opened, file=file) + read_as
    timed = form.start is not None and form.end is not None
    written_in = forms.language(form, kb)  # used only where the form is timed
    found = responses.entries(opened, row, file=file, kb=kb, choices=choices,
                              written_in=written_in, whole_rows=whole_rows)
    reading = kb.settings.words_time(kb.questions, written_in) if timed else None
    for batch in batches(found, kb=kb, size=BATCH, reading=reading):
        batch.notes, notes = notes, []
        yield batch
    if notes:  # nothing after the header
        yield Batch([], [], np.zeros((0, len(kb.questions)), np.int16), notes=notes)


def _located(records: Iterator[list[str]], row: int, *, file: str) -> Iterator[list[str]]:
    """*records* (those after CSV row *row*), a broken one raising as a problem with the
    file."""
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as problem:
            raise reader.located(problem, file=file, row=row + 1) from None
        row += 1
        yield record


class Answers:
    """The answers of plain records, a batch at a time: one look-up table per question, for
    the answers of a single character."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        assert layout.columns is not None  # a plain header
        questions = layout.columns.questions
        self.table = np.full((len(questions), 256), NO_ANSWER, dtype=np.int16)
        for row, (_, question) in enumerate(questions):
            for value in ("123456789"[:len(question.options)], *(o.id for o in question.options)):
                for key in value:
                    index = question.resolve(key)
                    if index is not None and key.isascii():  # turned round as Choices reads it
                        self.table[row, ord(key)] = lettering.as_today(layout.kb, question,
                                                                       index)
            # a printed letter before an id, in either case, as forms.Choices reads it
            printed = lettering.letters(question, printed_ids=layout.kb.printed_ids)
            for mark, index in printed.items():
                for key in {mark, mark.lower()}:
                    if len(key) == 1 and key.isascii():
                        self.table[row, ord(key)] = index
        self.answers_at = [p for p, _ in questions]
        self.unnamed_at = list(layout.columns.unnamed)
        self.student = layout.columns.student
        self.answers = itemgetter(*(p for p, _ in questions))
        self.unnamed = itemgetter(*layout.columns.unnamed) if layout.columns.unnamed else None
        self.name = itemgetter(layout.columns.student)
        self.blank = [""] * layout.width

    def batch(self, records: list[list[str]], row: int, *, kb: KnowledgeBase,
              error: RolequizError | None) -> Batch:
        """The students of *records* (the CSV rows after *row*); those that are not plain go
        through :func:`rolequiz.core.cohort.read.reader.record`, which may stop the reading.

        A plain record's answers, each followed by a NUL, are a character then a NUL, again
        and again: any answer of another length (or holding a NUL) moves a NUL off its place.
        A batch whose records all have the header's width is read by column first
        (:meth:`_by_column`).
        """
        count, width = len(self.table), self.layout.width
        sized = records  # a record of another width is not plain: read as a blank one
        if set(map(len, records)) != {width}:
            sized = [r if len(r) == width else self.blank for r in records]
        else:
            by_column = self._by_column(records, row, kb=kb, error=error)
            if by_column is not None:
                return by_column
        joined = list(map("\x00".join, map(self.answers, sized)))
        names = list(map(str.strip, map(self.name, sized)))
        empty = [True] * len(sized) if self.unnamed is None else \
            [not cells for cells in map("".join, map(self.unnamed, sized))]
        text = "\x00".join(joined) + "\x00"
        if list(map(len, joined)).count(2 * count - 1) == len(joined) and text.isascii() \
                and all(names) and all(empty):
            plain = np.ones(len(joined), dtype=np.bool_)  # the usual batch
        else:
            plain = np.array([len(j) == 2 * count - 1 and j.isascii() and bool(name) and e
                              for j, name, e in zip(joined, names, empty, strict=True)],
                             dtype=np.bool_)
            text = "".join([j + "\x00" if p else "\x01\x00" * count
                            for j, p in zip(joined, plain.tolist(), strict=True)])
        found = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(-1, 2 * count)
        codes = self.table[np.arange(count), found[:, 0::2]]
        plain &= (codes != NO_ANSWER).all(axis=1) & (found[:, 1::2] == 0).all(axis=1)
        if plain.all():
            return Batch(range(row + 1, row + 1 + len(joined)), names, codes,
                         error=error)
        return self._careful(records, row, plain, codes, names, kb=kb, error=error)

    def _by_column(self, records: list[list[str]], row: int, *, kb: KnowledgeBase,
                   error: RolequizError | None) -> Batch | None:
        """The students of *records* (each of the header's width) read a question at a
        time, where every answer is one ASCII character, every name given and every unnamed
        cell empty; None for any other batch (read record by record, as :meth:`batch` does).

        Each question's cells, each followed by a NUL, are a character then a NUL, again
        and again, with no other NUL: a cell of another length moves a NUL off its place,
        one that holds a NUL adds one.  Twice as fast as joining each record's answers (0.22 s
        a million students of the shipped quiz against 0.46 s).
        """
        cells: list[str] = []  # every cell, record after record
        for record in records:
            cells += record
        width = self.layout.width
        names = list(map(str.strip, cells[self.student::width]))
        if not all(names) or any(any(cells[at::width]) for at in self.unnamed_at):
            return None
        students, count = len(records), len(self.table)
        text = "\x00".join(["\x00".join(cells[at::width]) for at in self.answers_at]) + "\x00"
        if len(text) != 2 * students * count or text.count("\x00") != students * count \
                or not text.isascii():
            return None
        found = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(count, students, 2)
        if found[:, :, 1].any():
            return None
        codes = np.empty((students, count), dtype=np.int16)
        for question, table in enumerate(self.table):
            codes[:, question] = table[found[question, :, 0]]
        plain = (codes != NO_ANSWER).all(axis=1)
        if plain.all():
            return Batch(range(row + 1, row + 1 + students), names, codes, error=error)
        return self._careful(records, row, plain, codes, names, kb=kb, error=error)

    def _careful(self, records: list[list[str]], row: int, plain: npt.NDArray[np.bool_],
                 codes: Codes, names: list[str], *, kb: KnowledgeBase,
                 error: RolequizError | None) -> Batch:
        ids = [q.id for q in kb.questions]
        skipped: list[tuple[int, Skipped]] = []
        for index in np.flatnonzero(~plain).tolist():
            try:
                entry = reader.record(records[index], row + 1 + index, self.layout, kb=kb)
            except RolequizError as stop:
                plain[index:] = False
                error = stop
                break
            if isinstance(entry, Skipped):
                skipped.append((int(np.count_nonzero(plain[:index])), entry))
            elif entry is not None:
                plain[index] = True
                names[index] = entry.name
                codes[index] = [entry.answers.get(i, UNANSWERED) for i in ids]
        kept = np.flatnonzero(plain)
        return Batch((kept + row + 1).tolist(), [names[i] for i in kept.tolist()], codes[kept],
                     skipped, error)
