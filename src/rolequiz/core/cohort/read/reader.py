"""A class as rows of answers: a CSV (line by line) or answer sheets, each row checked.

This is the careful reader: every row becomes an :class:`Entry` (a student's
answers, all but at most ``settings.max_blank``) or a :class:`Skipped` (where it is
and why it cannot be scored, as words whoever shows them renders), and a problem with
the file itself raises :class:`~rolequiz.errors.InputFileError` naming its row.  The fast reader of
:mod:`rolequiz.core.cohort.batches` hands every line it is not sure about to
:func:`record` here, so both say the same about every row.

Pure: nothing here prints.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import chain, islice
from operator import methodcaller
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rolequiz.core.cohort.read.limits import check_width
from rolequiz.core.cohort.read.texts import STUDENT as STUDENT  # as the class table names it
from rolequiz.core.cohort.read.texts import normal, shortened, words
from rolequiz.core.kb.model import KnowledgeBase, Question
from rolequiz.core.table import DELIMITERS, letter
from rolequiz.errors import AnswerSheetError, InputFileError, Joined, Words, joined, msg

if TYPE_CHECKING:
    from rolequiz.core.cohort.read.forms import Choices, Form

SEPARATORS = tuple(dict.fromkeys(DELIMITERS.values()))
SHEET_SUFFIXES = (".yaml", ".yml", ".json")
MAX_REASONS = 3
"""Wrong answers named per skipped row; the rest are counted."""


@dataclass(frozen=True)
class Entry:
    """A student's answers, ready to score: every question's, or all but at most
    ``settings.max_blank`` (see :mod:`rolequiz.core.student.blanks`)."""

    source: int | str
    """The CSV row number (header = row 1) or the answer-sheet file."""
    name: str
    answers: dict[str, int]
    positions: dict[str, int] = field(default_factory=dict)
    """Where the chosen options were shown, when a quiz saved it (see Sheet.positions)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """How long each answer took, when a quiz saved it."""
    duration: float | None = None
    """Seconds from start to completion, when a form export records both."""
    submitted: datetime | None = None
    """When the response was submitted, when a form export records it readably."""


@dataclass(frozen=True)
class Skipped:
    """A row that cannot be scored: where it is and why, in no language yet (whoever shows
    it renders them)."""

    place: Words
    reason: Words
    source: int | str | None = None
    """The CSV row number or the answer-sheet file, as an entry has it."""
    name: str = ""
    """The student's name, when the row gives one."""


@dataclass(frozen=True)
class Columns:
    """Where the student's name and each question's answers are in a row."""

    student: int
    questions: tuple[tuple[int, Question], ...]
    unnamed: tuple[int, ...]


@dataclass(frozen=True)
class Layout:
    """What the header of a class CSV says: everything needed to read its rows."""

    file: str
    delimiter: str
    width: int
    columns: Columns | None
    """Where a plain header (student and question ids) puts everything; None for a form."""
    kb: KnowledgeBase
    form: Form | None = None
    """What the header of a form export (question texts, its own name columns) says."""

    @cached_property
    def choices(self) -> Choices:
        """What an answer that is not a plain one names (made when one is met: a plain
        class, however long, never needs it)."""
        from rolequiz.core.cohort.read.forms import Choices

        return Choices(self.kb)


# -- reading a CSV -----------------------------------------------------------


def open_csv(lines: Iterable[bytes], *, file: str, kb: KnowledgeBase,
             name_column: str | None = None) -> tuple[Layout, Iterator[list[str]], int]:
    """The layout the header of a CSV (given as lines of bytes) sets, the records after it,
    and the header's row number; a header that cannot be read raises
    :class:`InputFileError`, and so, through :func:`located`, does a broken record.
    A header that is not plain (``student`` and question ids) is read as a form export."""
    decoded = decoded_lines(lines)
    row = 0
    try:
        first = ""
        for first in decoded:
            row += 1
            if first.strip():
                break
        marker = first.rstrip("\r\n")
        if marker.lower().startswith("sep=") and marker[4:] in SEPARATORS:
            delimiter, first = marker[4:], next(decoded, "")  # Excel's "sep=;" line
            row += 1
        else:
            delimiter = guess_delimiter(first)
        if not first.strip():
            raise InputFileError.about(file, msg("cohort.empty", span=span(kb)))
        records = csv.reader(chain([first], decoded), delimiter=delimiter)
        header = next(records, [])
        check_width(len(header), file=file, row=row)
        plain, form = header_layout(header, kb=kb, file=file,
                                    name_column=name_column)
        layout = Layout(file, delimiter, len(header), plain, kb, form)
    except (UnicodeDecodeError, csv.Error) as error:
        raise located(error, file=file, row=row + 1) from None
    return layout, records, row


def header_layout(header: list[str], *, kb: KnowledgeBase, file: str,
                  name_column: str | None) -> tuple[Columns | None, Form | None]:
    """A plain header's columns, or else the form the header describes; a header that is
    neither raises what is wrong with it as a plain one."""
    plain: InputFileError | None = None
    if name_column is None or name_column.strip().casefold() == STUDENT:
        try:
            return columns(header, kb=kb, file=file), None
        except InputFileError as error:
            plain = error
    from rolequiz.core.cohort.read import forms  # a form export only
    keys = Counter(normal(cell) for cell in header)
    if plain is not None and STUDENT in keys and any(key and keys[key] > 1 for key in keys):
        raise plain  # a plain header with a column twice: which one is meant?
    try:
        form = forms.read_header(header, kb=kb, name_column=name_column)
    except forms.HeaderProblem as problem:
        raise InputFileError.about(file, problem.message) from None
    if form is None and plain is not None and STUDENT in keys:
        raise plain  # a plain header, wrong: say what it lacks
    if form is None:
        raise InputFileError.about(file, msg("forms.no_questions", span=span(kb)))
    return None, form


def located(error: UnicodeDecodeError | csv.Error, *, file: str, row: int) -> InputFileError:
    """What reading CSV *row* raised (bytes that are not UTF-8, or broken CSV), as a
    problem with the file."""
    if isinstance(error, UnicodeDecodeError):
        return InputFileError.about(file, msg("cohort.not_utf8", row=row))
    if "new-line character" in str(error):  # csv's words for a line break in an unquoted cell
        return InputFileError.about(file, msg("cohort.line_break", row=row))
    if "field limit" in str(error):  # csv's words for a cell past csv.field_size_limit()
        return InputFileError.about(file, msg("cohort.limit.csv_cell", row=row,
                                              limit=csv.field_size_limit()))
    return InputFileError.about(file, msg("cohort.bad_csv", row=row, problem=str(error)))


def record(cells: list[str], row: int, layout: Layout, *,
           kb: KnowledgeBase) -> Entry | Skipped | None:
    """One CSV record: an entry, a skipped row, or None for a blank row; a row with too
    many or too few cells raises."""
    if not any(cell.strip() for cell in cells):
        return None  # blank rows: spreadsheets leave them at the end
    if len(cells) != layout.width:
        raise InputFileError.about(layout.file, msg(
            "cohort.ragged", row=row, cells=len(cells), width=layout.width,
            delimiter=layout.delimiter.replace("\t", "tab")))
    return _entry(cells, row, layout, kb=kb)


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LINE = re.compile(rb"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
"""A line and its end, whichever it is: CR LF, LF or a CR alone (as old Macs wrote)."""
_LONE_CR = re.compile(rb"\r(?!\n)")


def class_lines(handle: IO[bytes]) -> Iterator[bytes]:
    """The lines of a class CSV open as *handle*, as UTF-8 bytes: as they are, or split at
    every line end when the first line ends in a CR alone, or transcoded from UTF-16
    (Excel's "Unicode text", with or without a UTF-8 BOM before its own).  Such files
    are read whole; a UTF-8 file with CR LF or LF ends streams, line by line, straight
    from *handle* (a generator's step for each line was a tenth of reading a class)."""
    return chain.from_iterable(_line_runs(handle))


def _line_runs(handle: IO[bytes]) -> Iterator[Iterable[bytes]]:
    """The lines of :func:`class_lines` in a run or two, read when the first is asked for."""
    first = handle.readline()
    body = first[len(codecs.BOM_UTF8):] if first.startswith(codecs.BOM_UTF8) else first
    if body.startswith(UTF16_BOMS):
        text = (body + handle.read()).decode("utf-16")  # a bad byte: "not UTF-8" at row 1
        yield _LINE.findall(text.encode("utf-8"))
        return
    if _LONE_CR.search(first):
        yield _LINE.findall(first + handle.read())
        return
    yield (first,)
    yield handle


def decoded_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """Lines of bytes as text, the BOM of the first dropped; a line that is not UTF-8 raises
    :class:`UnicodeDecodeError` when it is reached."""
    lines = iter(lines)
    return chain(map(methodcaller("decode", "utf-8-sig"), islice(lines, 1)),
                 map(bytes.decode, lines))


def guess_delimiter(header: str) -> str:
    """The separator that splits the header into the most cells, read as CSV (question
    ids contain none; a form's question texts contain commas, quoted where they are
    cells of a comma-separated file)."""
    def cells(delimiter: str) -> int:
        try:
            return len(next(csv.reader([header], delimiter=delimiter), []))
        except csv.Error:
            return 0

    counts = {d: cells(d) for d in SEPARATORS}
    best = max(SEPARATORS, key=lambda d: counts[d])
    return best if counts[best] > 1 else ","


def columns(header: list[str], *, kb: KnowledgeBase, file: str) -> Columns:
    """Where everything is, from the header; a header that does not fit *kb* raises."""
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    counts = Counter(names)
    twice = sorted(n for n in counts if n and counts[n] > 1)
    if twice:
        raise InputFileError.about(file, msg("cohort.duplicate_column",
                                             columns=", ".join(twice)))
    student = name_column_of(names)
    if student is None:
        raise InputFileError.about(file, msg("cohort.no_student_column", span=span(kb)))
    unknown = [n for n in names if n and n != names[student] and not kb.has_question(n)]
    if unknown:
        raise InputFileError.about(file, msg("cohort.unknown_columns",
                                             columns=", ".join(unknown), span=span(kb)))
    missing = [q.id for q in kb.questions if q.id not in counts]
    if missing:
        raise InputFileError.about(file, msg("cohort.missing_columns",
                                             columns=", ".join(missing)))
    at = {name: index for index, name in enumerate(names)}
    return Columns(
        student=student,
        questions=tuple((at[q.id], q) for q in kb.questions),
        unnamed=tuple(i for i, n in enumerate(names) if not n),
    )


def name_column_of(names: list[str]) -> int | None:
    """Where the one column of student names is in a plain header (its cells lower-cased):
    ``student``, or a name column of the catalogues in any language (``nama``, ``Nama
    siswa``…), so that a class typed in Indonesian keeps the fast path; None when there
    is none, or more than one."""
    if STUDENT in names:
        return names.index(STUDENT)
    named = words("forms.match.name")
    found = [index for index, name in enumerate(names) if normal(name) in named]
    return found[0] if len(found) == 1 else None


def _entry(cells: list[str], row: int, layout: Layout, *,
           kb: KnowledgeBase) -> Entry | Skipped:
    where = layout.columns
    assert where is not None  # a plain header
    name = cells[where.student].strip()
    reasons: list[Words] = [] if name else [msg("cohort.bad.no_name")]
    reasons += [msg("cohort.bad.unnamed", column=letter(i))
                for i in where.unnamed if cells[i].strip()]
    answers, more_reasons = answers_in(
        [(question, cells[position]) for position, question in where.questions],
        layout.choices, plain=True, kb=kb, name=name)
    reasons += more_reasons
    if reasons:
        return Skipped(msg("cohort.place", file=layout.file, row=row), joined(reasons, "; "),
                       row, name)
    return Entry(row, name, answers)


def answers_in(cells: list[tuple[Question, str]], choices: Choices, *,
               plain: bool, kb: KnowledgeBase, name: str) -> tuple[dict[str, int], list[Words]]:
    """The options *cells* name, by question id, and what is wrong with the others (at
    most :data:`MAX_REASONS` named); *plain* says what answers may be as in a plain CSV.
    Empty cells are questions left blank: more than ``settings.max_blank`` is a reason,
    naming the student (*name*) and each question by number and text."""
    from rolequiz.core.student import blanks

    answers: dict[str, int] = {}
    missing = []
    wrong: list[Words] = []
    reasons: list[Words] = []
    for question, cell in cells:
        value = cell.strip()
        index = choices.index(question, value) if value else None
        if not value:
            missing.append(question.id)
        elif index is None and plain:
            from rolequiz.core.student.sheets import expected_answer  # as a sheet says it

            wrong.append(msg("cohort.bad.answer", question=question.id,
                             expected=expected_answer(question), found=repr(shortened(value))))
        elif index is None:
            wrong.append(msg("forms.bad.answer", question=question.id, found=shortened(value)))
        else:
            answers[question.id] = index
    if wrong:
        more = len(wrong) - MAX_REASONS
        named = joined(wrong[:MAX_REASONS], "; ")
        reasons.append(Joined((named, msg("cohort.more", count=more))) if more > 0 else named)
    said = blanks.too_many(kb, tuple(missing), name=name or None)
    if said is not None:
        reasons.append(said)
    return answers, reasons


def span(kb: KnowledgeBase) -> str:
    ids = [q.id for q in kb.questions]
    return f"{ids[0]}…{ids[-1]}" if len(ids) > 2 else ", ".join(ids)


# -- reading answer sheets ---------------------------------------------------


def sheet_entries(paths: Iterable[Path], *, kb: KnowledgeBase) -> Iterator[Entry | Skipped]:
    """Each answer sheet as an entry, named by its ``name`` or else its file name."""
    from rolequiz.core.student.sheets import load  # answer sheets only

    for path in paths:
        try:
            sheet = load(path, kb)
        except AnswerSheetError as error:
            first = error.problems[0]
            more = len(error.problems) - 1
            reason = Joined((first.message, msg("cohort.more", count=more))) if more \
                else first.message
            yield Skipped(first.place(), reason, str(path), path.stem)
            continue
        name = (sheet.name or "").strip() or path.stem
        if sheet.asked is not None and len(sheet.asked) < len(kb.questions):
            # a short quiz's sheet: the class is scored on every question, it has not
            yield Skipped(str(path), msg("cohort.short_sheet", asked=len(sheet.asked),
                                         total=len(kb.questions)), str(path), name)
            continue
        yield Entry(str(path), name, sheet.answers, sheet.positions, sheet.seconds)

