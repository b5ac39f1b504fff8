"""A whole class at once: rows of answers in, one scored row per student out.

Everything streams.  A CSV is read line by line, each row is parsed into a
sheet (or a located reason it cannot be scored), scored, counted into the
:class:`Summary` and yielded as table cells, one at a time; the table writers
consume the rows as they come.  Memory holds one row, the summary and the
names seen so far (to flag duplicates), never the results.

Pure: nothing here prints.  Rows that cannot be scored are handed to a
callback as one translated line; problems with the file itself raise.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from rolequiz import i18n, scoring
from rolequiz.answers import load, resolve
from rolequiz.errors import AnswerSheetError, InputFileError, Problem, RolequizError
from rolequiz.items import ItemAnalysis
from rolequiz.model import KnowledgeBase, Lang, Question
from rolequiz.results import headline
from rolequiz.tables import Cell, Column, Table

STUDENT = "student"
DELIMITERS = (",", ";", "\t")
BOM = b"\xef\xbb\xbf"
SHEET_SUFFIXES = (".yaml", ".yml", ".json")
MAX_REASONS = 3
"""Wrong answers named per skipped row; the rest are counted."""


@dataclass(frozen=True)
class Entry:
    """A student's complete answers, ready to score."""

    source: int | str
    """The CSV row number (header = row 1) or the answer-sheet file."""
    label: str
    """Where it came from, short: 'row 7' or the file."""
    place: str
    """Where it came from, in a message: 'class.csv: row 7' or the file."""
    name: str
    answers: dict[str, int]


@dataclass(frozen=True)
class Skipped:
    """A row that cannot be scored: where it is and why, in one language."""

    place: str
    reason: str


class StrictStop(RolequizError):
    """``--strict``: a row could not be scored, so nothing is written."""


class _BadBytes(Exception):
    """Raised from inside the CSV reader, to be located by row."""


# -- reading a CSV -----------------------------------------------------------


def csv_entries(lines: Iterable[bytes], *, file: str, kb: KnowledgeBase,
                lang: Lang) -> Iterator[Entry | Skipped]:
    """Parse a CSV given as lines of bytes; bad structure raises :class:`InputFileError`."""
    decoded = _decoded(lines)
    row = 0

    def fail(message: str) -> InputFileError:
        return InputFileError([Problem(file, None, None, message)])

    try:
        first = ""
        for first in decoded:
            row += 1
            if first.strip():
                break
        marker = first.rstrip("\r\n")
        if marker.lower().startswith("sep=") and marker[4:] in DELIMITERS:
            delimiter, first = marker[4:], next(decoded, "")  # Excel's "sep=;" line
            row += 1
        else:
            delimiter = _delimiter(first)
        if not first.strip():
            raise fail(i18n.t(lang, "cohort.empty", span=_span(kb)))
        records = csv.reader(chain([first], decoded), delimiter=delimiter)
        header = next(records, [])
        columns = _columns(header, kb=kb, lang=lang, fail=fail)
        for record in records:
            row += 1
            if not any(cell.strip() for cell in record):
                continue  # blank rows: spreadsheets leave them at the end
            if len(record) != len(header):
                raise fail(i18n.t(lang, "cohort.ragged", row=row, cells=len(record),
                                  width=len(header), delimiter=delimiter.replace("\t", "tab")))
            yield _entry(record, row, columns, kb=kb, file=file, lang=lang)
    except _BadBytes:  # the row being read is the one after the last complete row
        raise fail(i18n.t(lang, "cohort.not_utf8", row=row + 1)) from None
    except csv.Error as error:
        raise fail(i18n.t(lang, "cohort.bad_csv", row=row + 1, problem=str(error))) from None


def _decoded(lines: Iterable[bytes]) -> Iterator[str]:
    for number, raw in enumerate(lines):
        if number == 0 and raw.startswith(BOM):
            raw = raw[len(BOM):]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _BadBytes from None


def _delimiter(header: str) -> str:
    """The separator the header uses most (question ids contain none of them)."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass(frozen=True)
class _Columns:
    student: int
    questions: tuple[tuple[int, Question], ...]
    unnamed: tuple[int, ...]


def _columns(header: list[str], *, kb: KnowledgeBase, lang: Lang,
             fail: Callable[[str], InputFileError]) -> _Columns:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:
        raise fail(i18n.t(lang, "cohort.duplicate_column", columns=", ".join(twice)))
    if STUDENT not in names:
        raise fail(i18n.t(lang, "cohort.no_student_column", span=_span(kb)))
    unknown = [n for n in names if n and n != STUDENT and not kb.has_question(n)]
    if unknown:
        raise fail(i18n.t(lang, "cohort.unknown_columns", columns=", ".join(unknown),
                          span=_span(kb)))
    missing = [q.id for q in kb.questions if q.id not in names]
    if missing:
        raise fail(i18n.t(lang, "cohort.missing_columns", columns=", ".join(missing)))
    return _Columns(
        student=names.index(STUDENT),
        questions=tuple((names.index(q.id), q) for q in kb.questions),
        unnamed=tuple(i for i, n in enumerate(names) if not n),
    )


def _entry(record: list[str], row: int, columns: _Columns, *, kb: KnowledgeBase, file: str,
           lang: Lang) -> Entry | Skipped:
    name = record[columns.student].strip()
    reasons = [] if name else [i18n.t(lang, "cohort.bad.no_name")]
    reasons += [i18n.t(lang, "cohort.bad.unnamed", column=column_letter(i))
                for i in columns.unnamed if record[i].strip()]
    answers: dict[str, int] = {}
    missing = []
    wrong = []
    for position, question in columns.questions:
        value = record[position].strip()
        index = resolve(question, value) if value else None
        if not value:
            missing.append(question.id)
        elif index is None:
            wrong.append(i18n.t(lang, "cohort.bad.answer", question=question.id,
                                expected=expected(question, lang), found=repr(value)))
        else:
            answers[question.id] = index
    if wrong:
        more = len(wrong) - MAX_REASONS
        reasons.append("; ".join(wrong[:MAX_REASONS])
                       + (i18n.t(lang, "cohort.more", count=more) if more > 0 else ""))
    if missing:
        reasons.append(i18n.t(lang, "cohort.bad.missing", questions=", ".join(missing)))
    place = i18n.t(lang, "cohort.place", file=file, row=row)
    if reasons:
        return Skipped(place, "; ".join(reasons))
    return Entry(row, i18n.t(lang, "cohort.row", row=row), place, name, answers)


def expected(question: Question, lang: Lang) -> str:
    """What an answer to *question* may be, in *lang*."""
    count = len(question.options)
    ids = [option.id for option in question.options]
    if ids == [str(n) for n in range(1, count + 1)]:
        return i18n.t(lang, "cohort.expected.number", count=count)
    return i18n.t(lang, "cohort.expected.id", ids=", ".join(ids), count=count)


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet names it: A, B, …, Z, AA, AB, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _span(kb: KnowledgeBase) -> str:
    ids = [q.id for q in kb.questions]
    return f"{ids[0]}…{ids[-1]}" if len(ids) > 2 else ", ".join(ids)


# -- reading answer sheets ---------------------------------------------------


def sheet_entries(paths: Iterable[Path], *, kb: KnowledgeBase,
                  lang: Lang) -> Iterator[Entry | Skipped]:
    """Each answer sheet as an entry, named by its ``name`` or else its file name."""
    for path in paths:
        try:
            sheet = load(path, kb)
        except AnswerSheetError as error:
            first = error.problems[0]
            place = str(Problem(first.file, first.line, first.column, "")).removesuffix(": ")
            more = len(error.problems) - 1
            reason = first.message + (i18n.t(lang, "cohort.more", count=more) if more else "")
            yield Skipped(place, reason)
            continue
        name = (sheet.name or "").strip() or path.stem
        yield Entry(str(path), str(path), str(path), name, sheet.answers)


# -- scoring and summing up --------------------------------------------------


class Summary:
    """What a counselor wants to know about the class, added up one student at a time."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.scored = 0
        self.skipped = 0
        self.duplicates = 0
        self.uncertain = 0
        self.top: Counter[str] = Counter()
        """Clear winners, by role id."""
        self.mixes: Counter[tuple[str, ...]] = Counter()
        """Blends, by their roles in the order of the knowledge base."""
        self._order = {role.id: index for index, role in enumerate(kb.roles)}
        self._sums = {d.id: 0.0 for d in kb.dimensions}

    @property
    def blends(self) -> int:
        return sum(self.mixes.values())

    def add(self, result: scoring.Result) -> None:
        self.scored += 1
        if result.blend:
            self.mixes[tuple(sorted(result.blend, key=self._order.__getitem__))] += 1
        else:
            self.top[result.top.role_id] += 1
        self.uncertain += result.uncertain
        for dimension_id, value in result.profile.items():
            self._sums[dimension_id] += value

    def average_profile(self) -> dict[str, float]:
        """Each trait's class average, 0–1 (0 with nobody scored)."""
        return {d: (total / self.scored if self.scored else 0.0) for d, total in self._sums.items()}


def name_key(name: str) -> str:
    """Names that a person would call the same: case and spacing do not count."""
    return " ".join(name.casefold().split())


def scored_rows(kb: KnowledgeBase, entries: Iterable[Entry | Skipped], *, lang: Lang,
                summary: Summary, notify: Callable[[str], None], strict: bool = False,
                analysis: ItemAnalysis | None = None) -> Iterator[tuple[Cell, ...]]:
    """Score each entry into table cells, in the order of :func:`columns`.

    A row that cannot be scored is told to *notify* and skipped, or with
    *strict* stops the run.  A name seen before is scored and flagged, both
    rows kept.  With nothing scored at all the run fails: an empty table
    helps nobody.
    """
    seen: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, Skipped):
            if strict:
                raise StrictStop(i18n.t(lang, "cohort.strict", place=entry.place,
                                        reason=entry.reason))
            summary.skipped += 1
            notify(i18n.t(lang, "cohort.skipped", place=entry.place, reason=entry.reason))
            continue
        result = scoring.score(kb, entry.answers)
        summary.add(result)
        if analysis is not None:
            analysis.add(entry.answers)
        flags = []
        if result.blend:
            flags.append(i18n.t(lang, "cohort.flag.blend"))
        if result.uncertain:
            flags.append(i18n.t(lang, "cohort.flag.uncertain"))
        key = name_key(entry.name)
        first = seen.get(key)
        if first is None:
            seen[key] = entry.label
        else:
            summary.duplicates += 1
            flags.append(i18n.t(lang, "cohort.flag.duplicate", first=first))
            notify(i18n.t(lang, "cohort.duplicate", place=entry.place, name=entry.name,
                          first=first))
        fit = {f.role_id: f.fit for f in result.ranking}
        yield (entry.source, entry.name, headline(kb, result, lang),
               *(fit[role.id] for role in kb.roles), result.margin, "; ".join(flags))
    if summary.scored == 0 and summary.skipped:
        raise RolequizError(i18n.t(lang, "cohort.nothing_scored", skipped=summary.skipped))
    if summary.scored == 0:
        raise RolequizError(i18n.t(lang, "cohort.no_students"))


def columns(kb: KnowledgeBase, lang: Lang, *, source: str) -> tuple[Column, ...]:
    """The per-student columns; *source* is ``"row"`` (CSV) or ``"file"`` (answer sheets)."""
    return (
        Column(source, i18n.t(lang, f"cohort.col.{source}")),
        Column("student", i18n.t(lang, "cohort.col.student")),
        Column("result", i18n.t(lang, "cohort.col.result")),
        *(Column(f"fit_{role.id}", i18n.t(lang, "cohort.col.fit", role=role.short(lang)))
          for role in kb.roles),
        Column("margin", i18n.t(lang, "cohort.col.margin")),
        Column("flags", i18n.t(lang, "cohort.col.flags")),
    )


def table(kb: KnowledgeBase, lang: Lang, rows: Iterable[tuple[Cell, ...]], *,
          source: str) -> Table:
    """The per-student table; *rows* is consumed once, by whichever writer gets it."""
    return Table(title=i18n.t(lang, "cohort.title"), columns=columns(kb, lang, source=source),
                 rows=rows, lang=lang)


def template(kb: KnowledgeBase, lang: Lang) -> Table:
    """The empty answer table: ``student`` and the question ids, in the order of the quiz."""
    return Table(title=i18n.t(lang, "cohort.title"),
                 columns=(Column(STUDENT, STUDENT), *(Column(q.id, q.id) for q in kb.questions)),
                 rows=(), lang=lang)
