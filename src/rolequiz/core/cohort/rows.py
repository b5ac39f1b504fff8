"""A whole class at once: batches of students in, one scored row and one record per student out.

Everything streams.  The readers (:mod:`rolequiz.core.cohort.batches` for a CSV,
:mod:`rolequiz.core.cohort.read.reader` for answer sheets) hand over students a batch
at a time; each batch is scored at once (:mod:`rolequiz.core.cohort.scorer`, equal to
the one-sheet engine), counted into the :class:`Summary`, checked for names
seen before (:mod:`rolequiz.core.cohort.names`) and yielded as table cells, row by
row, for the table writers to consume as they come, and, when a writer asks, as records
(:class:`rolequiz.core.cohort.record.Student`) for the writers that read facts (the
per-student reports, the class report's notes): whoever runs the class hands them over,
so that core never calls a writer.  Memory holds a batch,
the summary, a bounded digest of the names and the lines about skipped or
repeated rows (told at the end, once the run is known to go on), never the results.

Pure: nothing here prints.  Rows that cannot be scored are handed to a
callback as one translated line; problems with the file itself raise.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rolequiz import i18n
from rolequiz.core.cohort.items import ItemAnalysis
from rolequiz.core.cohort.read.reader import STUDENT, Skipped
from rolequiz.core.cohort.record import Part, Student
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import scoring
from rolequiz.core.student.flags import CODES as FLAG_CODES
from rolequiz.core.table import Cell, Chunks, Column, Table
from rolequiz.errors import RolequizError, render
from rolequiz.numbers import clock

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from rolequiz.core.cohort.batches import Batch
    from rolequiz.core.cohort.scorer import Scores

class StrictStop(RolequizError):
    """``--strict``: a row could not be scored, so nothing is written."""


SKIPPED_MOST = 0.10
"""The share of rows that may be skipped (not scored) in a run that writes its outputs:
above it the class would read as normal with a part of it missing, so the run stops
unless ``--skip-bad`` is given."""
FIRST_REASONS = 3
"""Skipped rows named, with their reasons, in the line that stops such a run."""


class TooManySkipped(RolequizError):
    """More than :data:`SKIPPED_MOST` of the rows were skipped: nothing is written."""


class Summary:
    """What a counselor wants to know about the class, added up as students are scored."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.scored = 0
        self.skipped = 0
        self.duplicates = 0
        self.resubmitted = 0
        """Submissions left out because the same name submitted again (or before)."""
        self.flagged = 0
        self.no_fit = 0
        """Results that no role fits strongly (not flagged): neither a winner nor a blend."""
        self.top: Counter[str] = Counter()
        """Results that name one role (clear or leaning, not flagged), by role id."""
        self.mixes: Counter[tuple[str, ...]] = Counter()
        """Blends (too close to call, not flagged), by their roles in the order of the
        knowledge base."""
        self.names_checked = True
        """False when there were too many different names to check them all (see
        :mod:`rolequiz.core.cohort.names`)."""
        self.durations: list[float] = []
        """Seconds from start to completion of the students whose form export records them."""
        self.skips: list[Skipped] = []
        """The skipped rows, told once the run is known to go on (see
        :data:`SKIPPED_MOST`)."""
        self.reading: float | None = None
        """The seconds a fast reader takes to read the form, when durations are known."""
        self._order = {role.id: index for index, role in enumerate(kb.roles)}
        self._roles = [role.id for role in kb.roles]
        self._sums = {d.id: 0.0 for d in kb.dimensions}

    @property
    def blends(self) -> int:
        return sum(self.mixes.values())

    def add_scores(self, scores: Scores) -> None:
        """Count a batch scored by :class:`rolequiz.core.cohort.scorer.Scorer`."""
        import numpy as np

        self.scored += len(scores.margin)
        flagged = scores.flagged  # no reliable result: neither a winner nor a blend
        blended = scores.blend.any(axis=1) & ~flagged
        winners = np.bincount(scores.ranking[scores.decided, 0], minlength=len(self._roles))
        for role_id, count in zip(self._roles, winners.tolist(), strict=True):
            self.top[role_id] += count
        masks = scores.blend[blended] @ (1 << np.arange(len(self._roles), dtype=np.int64))
        for mask, count in zip(*(a.tolist() for a in np.unique(masks, return_counts=True)),
                               strict=True):
            members = tuple(r for i, r in enumerate(self._roles) if mask >> i & 1)
            self.mixes[members] += count
        self.flagged += int(np.count_nonzero(flagged))
        self.no_fit += int(np.count_nonzero(scores.no_fit))
        for dimension_id, total in zip(self._sums, scores.profile.sum(axis=0).tolist(),
                                       strict=True):
            self._sums[dimension_id] += total

    def add_durations(self, durations: npt.NDArray[np.float64], *, reading: float | None) -> None:
        """Keep a batch's known durations, for the class median."""
        import numpy as np

        self.durations.extend(durations[~np.isnan(durations)].tolist())
        self.reading = reading

    def include(self, other: Summary) -> None:
        """Add up *other* (a class of a year group, see :mod:`rolequiz.core.cohort.classes`)."""
        self.scored += other.scored
        self.skipped += other.skipped
        self.duplicates += other.duplicates
        self.resubmitted += other.resubmitted
        self.flagged += other.flagged
        self.no_fit += other.no_fit
        self.top.update(other.top)
        self.mixes.update(other.mixes)
        self.names_checked = self.names_checked and other.names_checked
        self.durations.extend(other.durations)
        self.skips.extend(other.skips)
        if other.reading is not None:
            self.reading = other.reading
        for dimension_id, total in other._sums.items():
            self._sums[dimension_id] += total

    @property
    def median_duration(self) -> float | None:
        """The class's median time from start to completion; None when none is known."""
        import statistics

        return statistics.median(self.durations) if self.durations else None

    def average_profile(self) -> dict[str, float]:
        """Each trait's class average, 0–1 (0 with nobody scored)."""
        return {d: (total / self.scored if self.scored else 0.0) for d, total in self._sums.items()}


def scored_rows(kb: KnowledgeBase, batches: Iterable[Batch], *, lang: Lang,
                summary: Summary, notify: Callable[[str], None], strict: bool = False,
                analysis: ItemAnalysis | None = None, file: str = "", timed: bool = False,
                skip_bad: bool = False, duplicates: str = "latest",
                short: bool = False) -> Chunks:
    """The rows of :func:`scored_batches`, a batch's columns at a time (see
    :class:`rolequiz.core.table.Chunks`), without records."""
    return Chunks(part.columns for part in scored_batches(
        kb, batches, lang=lang, summary=summary, notify=notify, strict=strict,
        analysis=analysis, file=file, timed=timed, skip_bad=skip_bad,
        duplicates=duplicates, short=short))


def scored_batches(kb: KnowledgeBase, batches: Iterable[Batch], *, lang: Lang,
                   summary: Summary, notify: Callable[[str], None], strict: bool = False,
                   analysis: ItemAnalysis | None = None, file: str = "",
                   timed: bool = False, skip_bad: bool = False, duplicates: str = "latest",
                   short: bool = False, records: bool = False,
                   explained: bool = False, klass: str | None = None) -> Iterator[Part]:
    """Score each batch at once, and yield its rows (see :func:`columns`) as columns, with
    *records* each student as a :class:`~rolequiz.core.cohort.record.Student` too (in the
    order of the rows), with *explained* each holding their explained result, made from
    the batch's scores (for the per-student reports: nobody is scored twice); *klass*
    names their class in a year group.

    A row that cannot be scored is told to *notify* and skipped, or with
    *strict* stops the run.  A name that submitted more than once counts once, its
    *duplicates* submission (``"latest"`` or ``"first"``, see
    :mod:`rolequiz.core.cohort.resubmitted`), the others kept as rows without a result;
    with ``"all"`` a name seen before is scored and flagged, both rows kept.  The
    lines about rows are told at the end, in the input's order.  With nothing scored at
    all the run fails: an empty table helps nobody; nor does a class of which more than
    :data:`SKIPPED_MOST` was skipped, unless *skip_bad* (one line then replaces the lines
    about the skipped rows).  *file* names a CSV in messages.  With *timed* (a form export that
    records start and completion times), each row has the student's duration (see :func:`columns`).
    """
    import numpy as np

    from rolequiz.core.cohort.names import Names
    from rolequiz.core.cohort.resubmitted import LeftOut, once_each
    from rolequiz.core.cohort.scorer import Scorer

    again: dict[int | str, list[int | str]] = {}
    if duplicates != "all":
        once = once_each(batches, keep=duplicates, file=file)
        batches, again = once.batches, once.kept

    scorer = Scorer(kb)
    seen = Names() if duplicates == "all" else None  # else once_each left no name twice
    told: list[str] = []  # the lines about rows, in the input's order, told at the end
    words = Words(kb, lang, timed=timed, short=short)
    sheets: list[str] = []  # answer-sheet files, to name the first of two students

    def label(number: int) -> str:
        return sheets[number] if sheets else i18n.t(lang, "cohort.row", row=number)

    for batch in batches:
        for note in batch.notes:
            notify(render(note, lang))
        table: list[Sequence[Cell]] = []
        first: list[int] = []
        firsts: list[int] = []
        students: list[Student] = []
        earliest: dict[int, int | str] = {}  # a name seen before: the first one's source
        if batch.names:
            asked = None
            if short:
                from rolequiz.core.student import adaptive

                scores, asked = adaptive.replay_batch(kb, batch.codes, positions=batch.positions,
                                                      seconds=batch.seconds)
            else:
                scores = scorer.score(batch.codes, positions=batch.positions,
                                      seconds=batch.seconds)
            summary.add_scores(scores)
            if batch.durations is not None:
                summary.add_durations(batch.durations, reading=batch.reading)
            if analysis is not None:
                analysis.add_codes(batch.codes)
            if isinstance(batch.sources[0], str):
                numbers = np.arange(len(sheets), len(sheets) + len(batch.sources))
                sheets.extend(str(source) for source in batch.sources)
            else:
                numbers = np.array(batch.sources, dtype=np.int64)
            found = np.full(len(numbers), -1, dtype=np.int64) if seen is None else \
                seen.check(batch.names, numbers)
            if seen is not None and seen.full and summary.names_checked:
                summary.names_checked = False
                notify(i18n.t(lang, "cohort.duplicates_stopped", count=seen.capacity))
            table = words.columns(batch, scores, asked)
            first = np.flatnonzero(found >= 0).tolist()
            firsts = found[found >= 0].tolist()
            if records:
                students = _students(kb, batch, scores, file=file, klass=klass,
                                     explained=explained)
        # in the order of the input: a row skipped before a student comes before it
        events: list[tuple[int, int, Skipped | int]] = sorted(
            [(index, 0, skipped) for index, skipped in batch.skipped] +
            [(index, 1, number) for index, number in zip(first, firsts, strict=True)],
            key=lambda event: event[:2])
        unscored: list[tuple[int, tuple[Cell, ...], Student]] = []
        for index, _, what in events:
            if isinstance(what, LeftOut):
                summary.resubmitted += 1
                told.append(i18n.t(lang, "cohort.resubmitted.line", place=what.place,
                                   name=what.name, reason=what.reason))
                unscored.append((index, words.skipped_row(what), _skipped(what, file, klass)))
                continue
            if isinstance(what, Skipped):
                _skip(what, summary, lang=lang, strict=strict)
                told.append(i18n.t(lang, "cohort.skipped", place=what.place, reason=what.reason))
                unscored.append((index, words.skipped_row(what), _skipped(what, file, klass)))
                continue
            earlier = label(int(what))
            earliest[index] = sheets[int(what)] if sheets else int(what)
            summary.duplicates += 1
            flags: list[Cell] = table[-1]  # type: ignore[assignment]
            flag = words.duplicate_flag(earlier)
            flags[index] = f"{flags[index]}; {flag}" if flags[index] else flag
            source = table[0][index]
            where = source if isinstance(source, str) else \
                i18n.t(lang, "cohort.place", file=file, row=source)
            told.append(i18n.t(lang, "cohort.duplicate", place=where, name=table[1][index],
                               first=earlier))
        if again and table:
            _note_resubmitted(table, again, words, duplicates=duplicates)
        if students and (earliest or again):
            students = [replace(s, duplicate_of=earliest.get(index),
                                resubmitted=tuple(again.get(s.source, ())))
                        for index, s in enumerate(students)]
        if unscored:  # every student is in the table, scored or not
            scored = list(zip(*table, strict=True))
            ordered: list[tuple[Cell, ...]] = []
            listed: list[Student] = []
            at = 0
            for index, row, student in unscored:
                ordered += scored[at:index]
                ordered.append(row)
                listed += students[at:index]
                listed.append(student)
                at = index
            table = [list(column) for column in zip(*ordered, *scored[at:], strict=True)]
            students = [*listed, *students[at:]] if records else []
        yield Part(table, tuple(students))
        if batch.error is not None:
            for line in told:
                notify(line)
            raise batch.error
    if summary.scored == 0 and summary.skipped:
        for line in told:
            notify(line)
        nothing = i18n.t(lang, "cohort.nothing_scored", skipped=summary.skipped)
        raise RolequizError(f"{file}: {nothing}" if file else nothing)
    rows = summary.scored + summary.skipped
    if not skip_bad and summary.skipped > SKIPPED_MOST * rows:
        named = " · ".join(f"{render(s.place, lang) if s.source is None else place(s.source, lang)}"
                           f": {render(s.reason, lang)}" for s in summary.skips[:FIRST_REASONS])
        more = len(summary.skips) - FIRST_REASONS
        if more > 0:
            named += i18n.t(lang, "cohort.more", count=more)
        said = i18n.t(lang, "cohort.too_many_skipped", skipped=summary.skipped, rows=rows,
                      share=round(100 * SKIPPED_MOST), first=named)
        raise TooManySkipped(f"{file}: {said}" if file else said)
    for line in told:
        notify(line)
    if summary.scored == 0:
        empty = i18n.t(lang, "cohort.no_students")
        raise RolequizError(f"{file}: {empty}" if file else empty)


def _note_resubmitted(table: list[Sequence[Cell]], again: dict[int | str, list[int | str]],
                      words: Words, *, duplicates: str) -> None:
    """Flag each counted submission whose name also submitted at other rows (left out)."""
    flags: list[Cell] = table[-1]  # type: ignore[assignment]
    for index, source in enumerate(table[0]):
        others = again.get(source)  # type: ignore[arg-type]
        if others:
            flag = words.resubmitted_flag(others, kept=duplicates)
            flags[index] = f"{flags[index]}; {flag}" if flags[index] else flag


def _students(kb: KnowledgeBase, batch: Batch, scores: Scores, *, file: str,
              klass: str | None, explained: bool) -> list[Student]:
    """The scored students of *batch* as records, in its order; with *explained*, each with
    the explained result of its own row of *scores*."""
    import numpy as np

    ids = [role.id for role in kb.roles]
    questions = [q.id for q in kb.questions]
    dimensions = [d.id for d in kb.dimensions]
    codes = batch.codes.tolist()
    ranking = scores.ranking.tolist()
    blend = scores.blend.tolist()
    raised = scores.flags.tolist()
    confidence = scores.confidence.tolist()
    decided = scores.decided.tolist()
    seconds = None if batch.seconds is None else batch.seconds.tolist()
    took = None if batch.durations is None else batch.durations.tolist()
    profile = scores.profile.tolist() if explained else []
    typical = scores.typicality if scores.typicality is not None else \
        np.full(scores.fits.shape, 0.5)
    found: list[Student] = []
    for row, name in enumerate(batch.names):
        sheet = codes[row]
        result = None
        if explained:
            result = scoring.result_of(
                kb, {q: c for q, c in zip(questions, sheet, strict=True) if c >= 0},
                fits=scores.fits[row].tolist(), ranking=ranking[row],
                typicality=typical[row].tolist(), blend=blend[row], flags=raised[row],
                confidence=confidence[row], margin=float(scores.margin[row]),
                profile=dict(zip(dimensions, profile[row], strict=True)))
        sent = None if batch.submitted is None else batch.submitted[row]
        duration = None if took is None or math.isnan(took[row]) else took[row]
        found.append(Student(
            source=batch.sources[row], name=name, file=file, klass=klass, answers=tuple(sheet),
            seconds=None if seconds is None else tuple(seconds[row]),
            top=ids[ranking[row][0]] if decided[row] else "",
            blend=tuple(ids[r] for r in ranking[row] if blend[row][r]),
            confidence=scoring.CONFIDENCES[confidence[row]],
            flags=tuple(code for code, on in zip(FLAG_CODES, raised[row], strict=True) if on),
            blank=tuple(q for q, c in zip(questions, sheet, strict=True) if c < 0),
            duration=duration, answered=None if sent is None else sent.date(),
            result=result))
    return found


def _skipped(entry: Skipped, file: str, klass: str | None) -> Student:
    """A row that was not scored, as a record: where it is, the name it gives, and why."""
    return Student(source=entry.source if entry.source is not None else "",
                   name=entry.name, file=file, klass=klass, skipped=entry)


def _skip(entry: Skipped, summary: Summary, *, lang: Lang, strict: bool) -> None:
    if strict:
        raise StrictStop(i18n.t(lang, "cohort.strict", place=entry.place, reason=entry.reason))
    summary.skipped += 1
    summary.skips.append(entry)


class Words:
    """The texts of the result and flags columns, made once for each combination: of a
    batch's columns, or of one student's record (:meth:`result_of`, :meth:`flags_of`), so
    that a writer that reads records says what the class table says."""

    def __init__(self, kb: KnowledgeBase, lang: Lang, *, timed: bool = False,
                 short: bool = False, duplicates: str = "latest") -> None:
        self.kb, self.lang, self.timed, self.short = kb, lang, timed, short
        self.duplicates = duplicates
        self.headlines: dict[tuple[int, ...], str] = {}
        import numpy as np

        from rolequiz.core.student import flags

        blend, uncertain = i18n.t(lang, "cohort.flag.blend"), i18n.t(lang, "cohort.flag.uncertain")
        self.flags = np.array(["", blend, uncertain, f"{blend}; {uncertain}"], dtype=object)
        self.unreliable = i18n.t(lang, "result.flagged")
        from rolequiz.core.student.result import no_fit_headline

        self.no_fit = no_fit_headline(kb, lang, key="cohort.result.no_fit")  # to a counselor
        self.no_fit_flag = i18n.t(lang, "cohort.flag.no_fit")
        self.ids = np.array(["", *(role.id for role in kb.roles)], dtype=object)
        self.confidences = np.array(scoring.CONFIDENCES, dtype=object)
        self.careless = np.array([";".join(code for bit, code in enumerate(flags.CODES)
                                           if mask >> bit & 1)
                                  for mask in range(1 << len(flags.CODES))], dtype=object)

    def result_of(self, student: Student) -> str:
        """The result column of *student*'s row: empty for a row not scored."""
        if not student.scored:
            return ""
        if student.flags:
            return self.unreliable
        if student.no_fit:
            return self.no_fit
        index = {role.id: r for r, role in enumerate(self.kb.roles)}
        if student.blend:
            return self.headline(tuple(index[r] for r in student.blend), True)
        return self.headline((index[student.top],), False)

    def flags_of(self, student: Student) -> str:
        """The flags column of *student*'s row: the reason for a row not scored."""
        return "; ".join(self.flag_words(student))

    def flag_words(self, student: Student, *, blend: bool = True) -> list[str]:
        """Each flag of *student*'s row in words, in the column's order; without *blend*,
        all but the word for a blend (what else there is to look at again)."""
        if student.skipped is not None:
            return [render(student.skipped.reason, self.lang)]
        said: list[str] = []
        if student.no_fit:
            said.append(self.no_fit_flag)
        elif student.flags:
            said.append(str(self.flags[2]))
        elif student.blend and blend:
            said.append(str(self.flags[1]))
        if student.blank:
            said.append(self.blank_flag(student.blank))
        if student.duplicate_of is not None:
            said.append(self.duplicate_flag(place(student.duplicate_of, self.lang)))
        if student.resubmitted:
            said.append(self.resubmitted_flag(student.resubmitted, kept=self.duplicates))
        return said

    def duplicate_flag(self, first: str) -> str:
        """'duplicate name (also row 3)', for a name seen before (``--duplicates all``)."""
        return i18n.t(self.lang, "cohort.flag.duplicate", first=first)

    def resubmitted_flag(self, others: Sequence[int | str], *, kept: str) -> str:
        """'resubmitted: earlier submission at row 3 left out', for the one counted; *kept*
        says which was (``"latest"`` or ``"first"``)."""
        which = "earlier" if kept == "latest" else "later"
        return i18n.t(self.lang, f"cohort.flag.resubmitted.{which}",
                      others=i18n.join(self.lang, [place(o, self.lang) for o in others]))

    def skipped_row(self, entry: Skipped) -> tuple[Cell, ...]:
        """A student who could not be scored: no result, and the reason among the flags."""
        empty: list[Cell] = [None] * (len(self.kb.roles) + 2 + self.short + self.timed)
        return (entry.source if entry.source is not None else render(entry.place, self.lang),
                entry.name, "", "", "", "", "", *empty, render(entry.reason, self.lang))

    def headline(self, roles: tuple[int, ...], blended: bool) -> str:
        """The top role's name, or 'A mix of A and B' (best first), as a result says it."""
        key = roles if blended else roles[:1]
        if key not in self.headlines:
            from rolequiz.core.student.result import headline_of

            self.headlines[key] = headline_of(self.kb, [self.kb.roles[r].id for r in key],
                                              self.lang, blend=blended)
        return self.headlines[key]

    def columns(self, batch: Batch, scores: Scores,
                asked: npt.NDArray[np.int64] | None = None) -> list[Sequence[Cell]]:
        """The batch's columns; *asked*, the questions the short quiz asked each student."""
        import numpy as np

        ranking, blend = scores.ranking, scores.blend
        members = np.take_along_axis(blend, ranking, axis=1)  # the blend, best first
        blended = members[:, 0]
        kinds = (ranking + 1) * members  # role + 1 where in the blend, else 0
        kinds[~blended, 0] = ranking[~blended, 0] + 1  # a clear winner: the top role alone
        headlines = self._headlines(kinds)
        flagged, no_fit = scores.flagged, scores.no_fit
        if flagged.any():  # no headline for careless answers
            headlines = [self.unreliable if f else h
                         for h, f in zip(headlines, flagged.tolist(), strict=True)]
        # a sheet with no reliable result is no mix either: "not reliable" alone
        flags = self.flags[(blended & ~flagged).astype(np.int64) + 2 * flagged].tolist()
        for row in np.flatnonzero(no_fit).tolist():  # no role in the headline: say so
            headlines[row], flags[row] = self.no_fit, self.no_fit_flag
        top = self.ids[np.where(scores.decided, ranking[:, 0] + 1, 0)].tolist()
        blends = [""] * len(ranking)
        for row in np.flatnonzero(blended).tolist():
            blends[row] = ";".join(self.ids[r + 1] for r in ranking[row].tolist()
                                   if scores.blend[row, r])
        careless = self.careless[scores.flags @ (1 << np.arange(scores.flags.shape[1]))].tolist()
        confidence = self.confidences[scores.confidence].tolist()
        fits = scores.fits.T.tolist()
        took: list[list[Cell]] = []
        if self.timed:
            known = batch.durations.tolist() if batch.durations is not None else \
                [math.nan] * len(batch.names)
            took.append([None if math.isnan(s) else clock(s) for s in known])
        counted = [asked.tolist()] if asked is not None else []
        blank = batch.codes < 0
        answered = (len(self.kb.questions) - blank.sum(axis=1)).tolist()
        for row in np.flatnonzero(blank.any(axis=1)).tolist():  # which, by number and text
            flag = self.blank_flag(tuple(q.id for q, b in zip(self.kb.questions,
                                                               blank[row].tolist(), strict=True)
                                         if b))
            flags[row] = f"{flags[row]}; {flag}" if flags[row] else flag
        return [batch.sources, batch.names, headlines, top, confidence, blends, careless,
                *fits, scores.margin.tolist(), answered, *counted, *took, flags]

    def blank_flag(self, blank: tuple[str, ...]) -> str:
        """'19 of 20 answered, left blank: 5 “…”', for a student who left questions blank:
        the count a student's report gives, wherever the flags are read."""
        from rolequiz.core.student.blanks import named

        total = len(self.kb.questions)
        return i18n.t(self.lang, "cohort.flag.blank", answered=total - len(blank), total=total,
                      questions=named(self.kb, blank))

    def _headlines(self, kinds: npt.NDArray[np.int64]) -> list[str]:
        """Each row's result, from its roles + 1 in the blend (or the winner), else 0."""
        import numpy as np

        roles = len(self.kb.roles)
        base = roles + 1
        if base ** roles >= 1 << 62:  # too many roles for one number per combination
            unique, inverse = np.unique(kinds, axis=0, return_inverse=True)
            found = [self._headline(key) for key in unique.tolist()]
        else:
            keys = kinds @ (base ** np.arange(roles, dtype=np.int64))
            unique, inverse = np.unique(keys, return_inverse=True)  # the keys found
            found = [self._headline([key // base**j % base for j in range(roles)])
                     for key in unique.tolist()]
        return list(map(found.__getitem__, inverse.reshape(-1).tolist()))

    def _headline(self, key: list[int]) -> str:
        """The result for a combination: each role + 1 in the blend (or the winner), else 0."""
        return self.headline(tuple(r - 1 for r in key if r), sum(map(bool, key)) > 1)


def place(source: Cell, lang: Lang) -> str:
    """Where a student of the class table is, in words: "row 12" for a CSV row (its first
    column holds the number), the answer sheet's file as it is."""
    return i18n.t(lang, "cohort.row", row=source) if isinstance(source, int) else str(source)


def columns(kb: KnowledgeBase, lang: Lang, *, source: str,
            timed: bool = False, short: bool = False) -> tuple[Column, ...]:
    """The per-student columns; *source* is ``"row"`` (CSV) or ``"file"`` (answer sheets);
    ``answered`` is how many questions the student answered (see ``settings.max_blank``);
    *timed* adds ``duration`` ("0:40"), for a form export that records it; *short*,
    ``asked``, the questions the short quiz asked (``cohort --short``)."""
    return (
        Column(source, i18n.t(lang, f"cohort.col.{source}")),
        Column("student", i18n.t(lang, f"cohort.col.student.{kb.audience}")),
        Column("result", i18n.t(lang, "cohort.col.result")),
        Column("top", i18n.t(lang, "cohort.col.top")),
        Column("confidence", i18n.t(lang, "cohort.col.confidence")),
        Column("blend", i18n.t(lang, "cohort.col.blend")),
        Column("careless", i18n.t(lang, "cohort.col.careless")),
        *(Column(f"fit_{role.id}", i18n.t(lang, "cohort.col.fit", role=role.short(lang)))
          for role in kb.roles),
        Column("margin", i18n.t(lang, "cohort.col.margin")),
        Column("answered", i18n.t(lang, "cohort.col.answered", total=len(kb.questions))),
        *([Column("asked", i18n.t(lang, "cohort.col.asked"))] if short else []),
        *([Column("duration", i18n.t(lang, "cohort.col.duration"))] if timed else []),
        Column("flags", i18n.t(lang, "cohort.col.flags")),
    )


def table(kb: KnowledgeBase, lang: Lang, rows: Iterable[tuple[Cell, ...]], *,
          source: str, timed: bool = False, short: bool = False) -> Table:
    """The per-student table; *rows* is consumed once, by whichever writer gets it."""
    return Table(title=i18n.t(lang, f"cohort.title.{kb.audience}"),
                 columns=columns(kb, lang, source=source, timed=timed, short=short), rows=rows,
                 lang=lang)


def template(kb: KnowledgeBase, lang: Lang) -> Table:
    """The empty answer table: the name column (``student``, ``nama`` in Indonesian: the
    reader's word, read in either language) and the question ids, in the order of the quiz."""
    return Table(title=i18n.t(lang, f"cohort.title.{kb.audience}"),
                 columns=(Column(STUDENT, i18n.t(lang, "cohort.template.student")),
                          *(Column(q.id, q.id) for q in kb.questions)),
                 rows=(), lang=lang)
