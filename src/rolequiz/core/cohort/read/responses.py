"""The rows of a form export (a CSV or a workbook), each an entry or a skipped row.

The header was read once (:func:`rolequiz.core.cohort.read.forms.read_header`); here the
first rows tell which column holds the names, then every row is read as the
careful reader reads a plain one: an :class:`~rolequiz.core.cohort.read.reader.Entry`
with the answers (and, where the export has start and completion times, each
answer's seconds, see :func:`rolequiz.core.cohort.read.forms.spread`), or a
:class:`~rolequiz.core.cohort.read.reader.Skipped` naming the row and the questions by id.

Pure: nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import chain, islice

from rolequiz.core.cohort.read import closest, forms
from rolequiz.core.cohort.read.forms import Choices, Form, HeaderProblem
from rolequiz.core.cohort.read.reader import Entry, Skipped, answers_in
from rolequiz.core.cohort.read.texts import normal, shortened, text_of
from rolequiz.core.kb.model import KnowledgeBase, Lang, Question
from rolequiz.core.table import letter
from rolequiz.errors import InputFileError, Joined, Words, joined, msg

NAMED = 8
CODE = 3
"""Characters of a cell that may be a code typed by hand (a letter, a number, ``n/a``)
rather than an option's text: a wrong one skips its rows, as in a plain class file."""
UNKNOWN = 256
"""Distinct texts that name no option compared with the options, per file: a form has a few
(an edited option); a file with more is not this quiz's form, and the rest are skipped
rows, each named."""
"""Columns not read named in the note (each by the start of its header); the rest counted."""
Cells = Sequence[object]
"""A row as a reader gives it: texts from a CSV; texts, numbers and dates from a workbook."""


def text(cell: object) -> str:
    """What a cell says, as a text: a whole number without ``.0``, a date in ISO form."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    return str(cell)


@dataclass(frozen=True)
class Responses:
    """A form export's rows: where the names are and what is left unread."""

    form: Form
    name: int
    """The column chosen for the students' names."""
    ignored: tuple[str, ...]
    """Headers of the columns not read, the unchosen name columns among them."""
    rows: Iterator[Cells]


def open_rows(form: Form, rows: Iterator[Cells], *, file: str) -> Responses:
    """*rows* (those after the header) with their name column chosen from the first of them
    (see :func:`rolequiz.core.cohort.read.forms.name_column`)."""
    head = list(islice(rows, forms.SAMPLE))
    try:
        name = forms.name_column(form, [[text(c) for c in row] for row in head])
    except HeaderProblem as problem:
        raise InputFileError.about(file, problem.message) from None
    unchosen = tuple(" ".join(form.header[c].split()) for c in form.names if c != name)
    return Responses(form, name, form.ignored + unchosen, chain(head, rows))


def settled(responses: Responses, *, file: str, choices: Choices,
            header_row: int = 1) -> tuple[Responses, list[Words]]:
    """*responses* read once to settle the texts that name no option, before any row is
    scored: a text clearly closest to one option (see :mod:`rolequiz.core.cohort.read.closest`)
    is read as it, and told once in the lines returned; a text two or more rows give
    that is clearly none of them (an option of the form that the quiz does not have,
    longer than a typed code) raises, naming its column and the closest options, so
    that no report leaves out the students who chose it.  A text only one row gives
    and nothing is clearly closest to stays a skipped row, named, as are the rows of a
    text that raises (their numbers as a spreadsheet shows them, the header's being
    *header_row*)."""
    rows = list(responses.rows)
    unknown: dict[tuple[int, str], dict[str, str]] = {}
    counts: Counter[tuple[int, str]] = Counter()
    where: dict[tuple[int, str], list[int]] = {}
    questions = dict(responses.form.questions)
    for number, cells in enumerate(rows, start=header_row + 1):
        for at, question in responses.form.questions:
            value = text(cells[at]).strip() if at < len(cells) else ""
            if not value or choices.index(question, value) is not None:
                continue
            found, key = unknown.setdefault((at, question.id), {}), normal(value)
            if key in found or sum(map(len, unknown.values())) < UNKNOWN:
                found.setdefault(key, value)
                counts[at, key] += 1
                where.setdefault((at, key), []).append(number)
    form = responses.form
    notes: list[Words] = [msg("forms.header_read_as", file=file, column=letter(at),
                              found=shortened(form.header[at]), question=question.id,
                              meant=text_of(question))
                          for at, question in form.questions if at in form.guessed]
    problems: list[Words] = []
    for (at, _), found in unknown.items():
        question = questions[at]
        for key, value in found.items():
            match = closest.closest(key, choices.candidates(question))
            if match.clear is not None:
                choices.learn(question, value, match.clear)
                said, meant = closest.difference(value, match.ranked[0][1])
                notes.append(msg("forms.read_as", file=file, question=question.id,
                                 found=said, meant=meant, rows=counts[at, key]))
            elif counts[at, key] > 1 and len(key) > CODE:
                problems.append(_unknown_option(question, at, value, where[at, key], match))
    if problems:
        more = len(problems) - 1
        raise InputFileError.about(file, Joined((problems[0], msg("cohort.more", count=more)))
                                   if more else problems[0])
    return Responses(responses.form, responses.name, responses.ignored, iter(rows)), notes


ROWS_NAMED = 6
"""Rows named in the line about a text that is none of a question's options."""


def _unknown_option(question: Question, at: int, value: str, rows: list[int],
                    match: closest.Match[int]) -> Words:
    """The line naming a text several rows give that is none of *question*'s options, and
    those rows (the first :data:`ROWS_NAMED` of them)."""
    near = ", ".join(f"“{shortened(shown)}” ({round(ratio * 100)} %)"
                     for _, shown, ratio in match.shown())
    named = ", ".join(map(str, rows[:ROWS_NAMED])) + (" …" if len(rows) > ROWS_NAMED else "")
    return msg("forms.unknown_option", column=letter(at), question=question.id,
               found=shortened(value), rows=len(rows), numbers=named,
               closest=msg("forms.closest", options=near) if near else "")


def ignored_note(responses: Responses, *, file: str) -> list[Words]:
    """The one line naming the columns not read, if there are any: short, even when a
    quiz's export adds a points and a feedback column to every question."""
    if not responses.ignored:
        return []
    named = [shortened(column) for column in responses.ignored[:NAMED]]
    more = len(responses.ignored) - len(named)
    said = msg("forms.ignored", file=file, columns=", ".join(named))
    return [Joined((said, msg("cohort.more", count=more))) if more else said]


def entries(responses: Responses, row: int, *, file: str, kb: KnowledgeBase,
            choices: Choices, written_in: Lang, whole_rows: bool = False
            ) -> Iterator[Entry | Skipped]:
    """Each row after row *row* (the header's) as an entry or a skipped row; blank rows are
    passed over.  A form's duration is set against reading its questions in *written_in*
    (see :func:`rolequiz.core.cohort.read.forms.language`).

    With *whole_rows* (a CSV: a form writes every cell of every row, empty or not), a row
    with fewer cells than the header is cut off, as the last row of a download that did not
    finish is: it is skipped as such, never read as a student who left questions blank."""
    form = responses.form
    column = " ".join(form.header[responses.name].split())
    for cells in responses.rows:
        row += 1
        texts = [text(cell) for cell in cells]
        if not any(t.strip() for t in texts):
            continue
        width = len(texts)
        name = texts[responses.name].strip() if responses.name < width else ""
        if whole_rows and width < len(form.header):
            yield Skipped(msg("cohort.place", file=file, row=row),
                          msg("forms.bad.cut_row", cells=width, columns=len(form.header)),
                          row, name)
            continue
        reasons: list[Words] = [] if name else [msg("forms.bad.no_name", column=column)]
        answers, wrong = answers_in(
            [(question, texts[at] if at < width else "") for at, question in form.questions],
            choices, plain=False, kb=kb, name=name)
        reasons += wrong
        if reasons:
            yield Skipped(msg("cohort.place", file=file, row=row), joined(reasons, "; "), row,
                          name)
            continue
        seconds: dict[str, float] = {}
        took = None
        if form.start is not None and form.end is not None:
            took = forms.duration(_at(cells, form.start), _at(cells, form.end))
            if took is not None:
                seconds = forms.spread(took, kb.questions, kb.settings, written_in=written_in)
        submitted = None if form.submitted is None else \
            forms.moment(_at(cells, form.submitted))
        yield Entry(row, name, answers, seconds=seconds, duration=took, submitted=submitted)


def _at(cells: Cells, index: int) -> object:
    return cells[index] if index < len(cells) else None
