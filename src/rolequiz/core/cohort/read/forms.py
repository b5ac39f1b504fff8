"""Form exports (Google Forms, Microsoft Forms, a spreadsheet typed by hand): which column
holds what, and which option a cell names.

A form names a question by its full text and an answer by the chosen option's text,
a scale label or a number, in whichever language of the knowledge base the form
was written in.  Texts are compared after :func:`normal` (case, spacing,
punctuation and typographic quotes do not count).  The column names a form
adds (``Timestamp``, ``Nama``, ``Start time``…) are data too: the catalogues'
``forms.match.*`` lists, in every language, so that a third language needs no code.

Everything here is worked out once per file, from the header; a row costs a
look-up per cell.  Pure: nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rolequiz.core.cohort.read import closest
from rolequiz.core.cohort.read.texts import STUDENT, normal, shortened, text_of, words
from rolequiz.core.kb import lettering
from rolequiz.core.kb.model import KnowledgeBase, Lang, Question, Settings
from rolequiz.core.table import letter
from rolequiz.errors import Words, msg

CACHED = 256
"""Ways of writing a question's answers remembered once matched (hostile cells are never
remembered: only those that name an option)."""
SAMPLE = 200
"""Rows looked at to tell which of two name columns holds the names."""
TIME_FORMATS = ("%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M",
                "%m/%d/%y %H:%M:%S", "%d/%m/%y %H:%M:%S", "%m/%d/%y %H:%M", "%d/%m/%y %H:%M",
                "%d-%m-%Y %H:%M:%S", "%Y/%m/%d %H:%M:%S")
"""How a start or completion time may be written in a CSV (a workbook gives dates)."""
_DECIMAL = re.compile(r"([0-9]+)[.,]0+")
"""A whole number as a spreadsheet may write it: ``4.0``, ``4,00``."""


class Choices:
    """Which option a cell names, question by question: the letter the questionnaire prints
    beside an option (in either case: see :func:`rolequiz.core.kb.lettering.letters`), option
    ids and numbers (``4`` or ``4.0``), or an option's text or a scale label in any
    language of the knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.found: dict[str, dict[str, int]] = {question.id: {} for question in kb.questions}
        """Cells already read, as written, to the option each names today: a class repeats
        a few ways of writing each (an option's text, its letter, its number)."""
        self.texts: dict[str, dict[str, int]] = {}
        self.languages = kb.languages
        self.letters: dict[str, dict[str, int]] = {
            question.id: lettering.letters(question, printed_ids=kb.printed_ids)
            for question in kb.questions if question.kind != "scale"}
        """A scenario's letters as printed, to the option each is beside: read before ids, so
        that ``c`` is the third option listed, as ``C`` and ``3`` are."""
        for question in kb.questions:
            texts: dict[str, int] = {}
            for index, option in enumerate(question.options):
                for lang in kb.languages:
                    texts.setdefault(normal(option.text(lang)), index)
            self.texts[question.id] = texts

    def learn(self, question: Question, cell: str, index: int) -> None:
        """Read *cell* as option *index* of *question* from now on (a changed option's text,
        see :func:`rolequiz.core.cohort.read.responses.settled`)."""
        self.texts[question.id][normal(cell)] = index

    def candidates(self, question: Question) -> list[tuple[int, str, str]]:
        """Each option of *question* in every language: its index, its text compared and
        shown, for :func:`rolequiz.core.cohort.read.closest.closest`."""
        return [(index, normal(option.text(lang)), option.text(lang))
                for index, option in enumerate(question.options) for lang in self.languages]

    def index(self, question: Question, cell: str) -> int | None:
        """The 0-based option *cell* names, or None; read through
        :func:`rolequiz.core.kb.lettering.before`'s view (``--old-letters``), an answer to a
        statement that said the opposite then, turned round."""
        seen = self.found[question.id]
        known = seen.get(cell)
        if known is not None:  # a cell written as one before: most of a class's
            return known
        found = self._named(question, cell)
        if found is None:
            return None
        found = lettering.as_today(self.kb, question, found)
        if len(seen) < CACHED:
            seen[cell] = found
        return found

    def _named(self, question: Question, cell: str) -> int | None:
        value = cell.strip()
        letters = self.letters.get(question.id)
        if letters is not None and value.upper() in letters:
            return letters[value.upper()]
        found = question.resolve(value)
        if found is not None or not value:
            return found
        whole = _DECIMAL.fullmatch(value)
        if whole:
            return question.resolve(whole.group(1))
        return self.texts[question.id].get(normal(value))


@dataclass(frozen=True)
class Form:
    """What the header of a form export says: where the names, answers and times are."""

    names: tuple[int, ...]
    """The columns that may hold the students' names, in the order of the header."""
    questions: tuple[tuple[int, Question], ...]
    start: int | None
    end: int | None
    """Where each student's start and completion times are (Microsoft Forms), if anywhere."""
    ignored: tuple[str, ...]
    """Headers of the columns that are read for nothing (Email, Score, Class…)."""
    header: tuple[str, ...]
    guessed: tuple[int, ...] = ()
    """The columns whose header is not a question's text but clearly closest to one (see
    :mod:`rolequiz.core.cohort.read.closest`): told once, when the file is read."""
    submitted: int | None = None
    """Where each response's time of submission is (Google's Timestamp, Microsoft's
    completion time), if anywhere: the latest of a name's submissions is told by it."""


class HeaderProblem(Exception):
    """The header cannot be read as a form: what is wrong, in no language yet."""

    def __init__(self, message: Words) -> None:
        super().__init__(message)
        self.message = message


def read_header(header: Sequence[str], *, kb: KnowledgeBase,
                name_column: str | None = None) -> Form | None:
    """The form *header* describes, or None when no column names a question (it is not a
    form of this knowledge base); a form with a question missing or named twice, or
    without a name column, raises :class:`HeaderProblem`."""
    questions = _question_names(kb)
    name_words = words("forms.match.name") | {STUDENT}
    start_words, end_words = words("forms.match.start"), words("forms.match.end")
    known = words("forms.match.other")
    stamp_words = words("forms.match.submitted")
    stamp = None
    wanted = normal(name_column) if name_column is not None else None
    names: list[int] = []
    found: dict[str, list[int]] = {}
    start = end = None
    ignored: dict[int, str] = {}
    for position, cell in enumerate(header):
        key = normal(cell)
        question = questions.get(key) or questions.get(_unnumbered(key)) or \
            questions.get(normal(_bracketed(cell)))
        if question is not None:
            found.setdefault(question.id, []).append(position)
        elif (key == wanted) if wanted is not None else (key in name_words):
            names.append(position)
        elif key in start_words and start is None:
            start = position
        elif key in end_words and end is None:
            end = position
        elif key in stamp_words and stamp is None:
            stamp = position
        elif key and key not in known:
            ignored[position] = " ".join(cell.split())
    if not found:
        return None
    guessed = _closest_headers(kb, found, ignored)
    twice = [(qid, where) for qid, where in found.items() if len(where) > 1]
    if twice:
        qid, where = twice[0]
        raise HeaderProblem(msg("forms.twice", question=qid, columns=", ".join(
            letter(p) for p in where)))
    missing = [q for q in kb.questions if q.id not in found]
    if missing:
        raise HeaderProblem(_missing(missing, ignored, languages=kb.languages))
    if not names and name_column is not None:
        raise HeaderProblem(msg("forms.no_such_name_column", column=name_column))
    if not names:
        raise HeaderProblem(msg("forms.no_name_column"))
    return Form(tuple(names), tuple((found[q.id][0], q) for q in kb.questions),
                start if end is not None else None, end if start is not None else None,
                tuple(ignored.values()), tuple(header), guessed,
                stamp if stamp is not None else end)


_GRID = re.compile(r"\[([^\[\]]+)\]\s*$")
"""A grid's row, as Google Forms names its column: ``Stem? [Statement]``."""


def _bracketed(cell: str) -> str:
    """The statement of a grid's column header (``Seberapa setuju kamu? [Saya senang…]``),
    or ""."""
    found = _GRID.search(cell)
    return found.group(1) if found else ""


def _compared(cell: str) -> str:
    """What of a header is compared with the questions' texts: a grid row's statement, or
    the header without a leading number."""
    key = normal(_bracketed(cell) or cell)
    return _unnumbered(key) or key


def _closest_headers(kb: KnowledgeBase, found: dict[str, list[int]],
                     ignored: dict[int, str]) -> tuple[int, ...]:
    """The columns of *ignored* whose header is clearly closest to the text of a question
    that has no column yet: moved into *found*; their positions, to be told."""
    guessed: list[int] = []
    for position, cell in list(ignored.items()):
        candidates = [(q.id, normal(q.text(lang)), q.text(lang)) for q in kb.questions
                      if q.id not in found for lang in kb.languages]
        if not candidates:
            break
        qid = closest.closest(_compared(cell), candidates).clear
        if qid is not None:
            found[qid] = [position]
            del ignored[position]
            guessed.append(position)
    return tuple(guessed)


def _missing(missing: list[Question], ignored: dict[int, str], *,
             languages: Sequence[Lang]) -> Words:
    """What to say when *missing* have no column: a grid that is not the quiz's, the
    closest header, or the question by its text."""
    grids = [p for p, cell in ignored.items() if _bracketed(cell)]
    if grids:
        return msg("forms.grid", column=letter(grids[0]),
                   found=shortened(_bracketed(ignored[grids[0]])))
    first = missing[0]
    more = len(missing) - 1
    more_text: Words = msg("cohort.more", count=more) if more else ""
    text = text_of(first)
    candidates = [(p, _compared(cell), cell) for p, cell in ignored.items()]
    near = sorted((c for said in languages for c in closest.closest(
        normal(first.text(said)), candidates).shown()), key=lambda c: -c[2])
    if near:
        column, shown, ratio = near[0]
        shown = ignored[column]
        return msg("forms.missing_near", question=first.id, text=text, more=more_text,
                   column=letter(column), found=shortened(shown), percent=round(ratio * 100))
    return msg("forms.missing", question=first.id, text=text, more=more_text)


def moment(cell: object) -> datetime | None:
    """The time a cell gives (a date, or a text a form or spreadsheet writes), or None when
    it is missing, unreadable or ambiguous (``03/12/2026`` read day first and month first
    are two days)."""
    if isinstance(cell, datetime):
        return cell
    if not isinstance(cell, str) or not cell.strip():
        return None
    text = cell.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    found: set[datetime] = set()
    for pattern in TIME_FORMATS:
        try:
            found.add(datetime.strptime(text, pattern))
        except ValueError:
            continue
    return found.pop() if len(found) == 1 else None


def _question_names(kb: KnowledgeBase) -> dict[str, Question]:
    """Each question by its id and by its text in every language, normalised."""
    named: dict[str, Question] = {}
    for question in kb.questions:
        named[normal(question.id)] = question
        for lang in kb.languages:
            named.setdefault(normal(question.text(lang)), question)
    return named


def _unnumbered(key: str) -> str:
    """A normalised header without a leading number or question id (``1 kamu baru…``)."""
    first, _, rest = key.partition(" ")
    return rest if first.isdigit() or re.fullmatch(r"q[0-9]+", first) else ""


def name_column(form: Form, rows: Sequence[Sequence[str]]) -> int:
    """The column that holds the students' names, judged from the first *rows*: the only
    candidate, or the only one whose cells are mostly names (not blank, not "anonymous"),
    or the first when they say the same; else :class:`HeaderProblem` asks for
    ``--name-column``."""
    if len(form.names) == 1:
        return form.names[0]
    anonymous = words("forms.match.anonymous")

    def named(column: int) -> int:
        return sum(1 for row in rows if column < len(row)
                   and normal(row[column]) not in anonymous | {""})

    holding = [c for c in form.names if rows and named(c) * 2 >= len(rows)]
    if len(holding) == 1:
        return holding[0]
    if holding and all(len({normal(row[c]) for c in holding if c < len(row)}) == 1
                       for row in rows):
        return holding[0]
    raise HeaderProblem(msg("forms.which_name_column", columns=", ".join(
        f"“{form.header[c].strip()}”" for c in form.names)))


def duration(start: object, end: object) -> float | None:
    """Seconds from *start* to *end* (dates, or texts a spreadsheet writes), or None when
    either is missing, unreadable, ambiguous or the order is wrong."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        seconds = (end - start).total_seconds()
        return seconds if seconds >= 0 else None
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    first, last = start.strip(), end.strip()
    found: set[float] = set()
    try:
        found.add((datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds())
    except (ValueError, TypeError):
        for pattern in TIME_FORMATS:
            try:
                found.add((datetime.strptime(last, pattern)
                           - datetime.strptime(first, pattern)).total_seconds())
            except ValueError:
                continue
    if len(found) != 1:
        return None
    seconds = found.pop()
    return seconds if seconds >= 0 else None


def spread(total: float, questions: Sequence[Question], settings: Settings, *,
           written_in: Lang) -> dict[str, float]:
    """Each answer's seconds from the time the whole form took, for the ``too_fast`` check.

    The form's own reading time decides: its questions' words in *written_in* (the form's
    language) at a fast reader's
    pace (:meth:`~rolequiz.core.kb.model.Settings.words_time`).  Each answer gets its limit
    (:meth:`~rolequiz.core.kb.model.Settings.reading_time`) times the share of that reading
    time the student took, so a form finished sooner than it can be read has every answer
    under its limit, and one finished later none: 40 s for the shipped 20 questions is too
    fast (about 84 s to read in Indonesian at 400 words a minute), 6 minutes is not.  The
    seconds say how the whole form compares with reading it, not how long each answer took.
    """
    reading = settings.words_time(questions, written_in)
    share = max(total, 0.0) / reading if reading > 0 else 1.0
    return {question.id: settings.reading_time(question.kind) * share
            for question in questions}


def language(form: Form, kb: KnowledgeBase) -> Lang:
    """The language the form's questions are written in, from its header; where the header
    does not tell (question ids, or several languages), the one quickest to read, so that
    a form's reading time is never overstated."""
    found = set(kb.languages)
    for position, question in form.questions:
        key = normal(form.header[position])
        said = {lang for lang in kb.languages
                if normal(question.text(lang)) in (key, _unnumbered(key))}
        if said:
            found &= said
    candidates = found or set(kb.languages)
    return min(sorted(candidates), key=lambda lang: kb.settings.words_time(kb.questions, lang))


def written_in(form: Form, kb: KnowledgeBase) -> Lang | None:
    """The one language of the knowledge base the header's question texts are all written
    in; None when they name no question by its text (ids) or fit several languages or none
    (a form mixing two)."""
    found = set(kb.languages)
    matched = False
    for position, question in form.questions:
        key = normal(form.header[position])
        said = {lang for lang in kb.languages
                if normal(question.text(lang)) in (key, _unnumbered(key),
                                                   normal(_bracketed(form.header[position])))}
        if said:
            matched = True
            found &= said
    return found.pop() if matched and len(found) == 1 else None
