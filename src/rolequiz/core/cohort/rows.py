"""A whole class at once: batches of students in, each batch's facts and records out.

Everything streams.  The readers (:mod:`rolequiz.core.cohort.batches` for a CSV,
:mod:`rolequiz.core.cohort.read.reader` for answer sheets) hand over students a batch
at a time; each batch is scored at once (:mod:`rolequiz.core.cohort.scorer`, equal to
the one-sheet engine), counted into the :class:`Summary`, checked for names
seen before (:mod:`rolequiz.core.cohort.names`) and yielded as facts, a column each
(:class:`rolequiz.core.cohort.record.Facts`: ids, codes, numbers), for the class table
(:mod:`rolequiz.export.class_table` words them) to consume as they come, and, when a
writer asks, as records (:class:`rolequiz.core.cohort.record.Student`) for the writers
that read one student at a time (the per-student reports, the class report's notes):
whoever runs the class hands them over, so that core never calls a writer.  Memory holds a batch,
the summary, a bounded digest of the names and the lines about skipped or
repeated rows (told at the end, once the run is known to go on), never the results.

Pure, and in no language: nothing here prints or translates.  Rows that cannot be scored
are handed to a callback as a message object (:mod:`rolequiz.errors`), which the caller
renders; problems with the file itself raise.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rolequiz.core.cohort.items import ItemAnalysis
from rolequiz.core.cohort.read.reader import Skipped
from rolequiz.core.cohort.record import Facts, Part, Student
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import scoring
from rolequiz.core.student.flags import CODES as FLAG_CODES
from rolequiz.errors import Joined, RolequizError, Words, joined, msg

if TYPE_CHECKING:
    from concurrent.futures import Future

    import numpy as np
    import numpy.typing as npt

    from rolequiz.core.cohort.batches import Batch
    from rolequiz.core.cohort.scorer import Scores

    Scored = tuple[Scores, npt.NDArray[np.int64] | None]
    """A batch's scores, and with the short quiz the questions it asked each student."""

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


def _ahead(batches: Iterable[Batch], score: Callable[[Batch], Scored]
           ) -> Iterator[tuple[Batch, Future[Scored] | None]]:
    """Each batch with its scoring (None for a batch of no student), which a second thread
    starts as soon as the batch is read: the next batch is scored while this one is worded
    and written.  NumPy lets go of the interpreter while it sums, so on two cores a class
    costs less than the sum of its parts; the scores are the same, taken in the same order."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolequiz-score") as pool:
        waiting: deque[tuple[Batch, Future[Scored] | None]] = deque()
        for batch in batches:
            waiting.append((batch, pool.submit(score, batch) if batch.names else None))
            if len(waiting) > 1:
                yield waiting.popleft()
        while waiting:
            yield waiting.popleft()


def scored_batches(kb: KnowledgeBase, batches: Iterable[Batch], *, summary: Summary,
                   notify: Callable[[Words], None], strict: bool = False,
                   analysis: ItemAnalysis | None = None, file: str = "",
                   skip_bad: bool = False, duplicates: str = "latest",
                   short: bool = False, records: bool = False,
                   explained: bool = False, klass: str | None = None) -> Iterator[Part]:
    """Score each batch at once, and yield its :class:`~rolequiz.core.cohort.record.Facts`
    (a column a fact, for the class table: :mod:`rolequiz.export.class_table` words them),
    with *records* each student as a :class:`~rolequiz.core.cohort.record.Student` too (in
    the order of the rows), with *explained* each holding their explained result, made from
    the batch's scores (for the per-student reports: nobody is scored twice); *klass*
    names their class in a year group.

    A row that cannot be scored is told to *notify* (as words in no language yet, see
    :mod:`rolequiz.errors`) and skipped, or with *strict* stops the run.  A name that
    submitted more than once counts once, its *duplicates* submission (``"latest"`` or
    ``"first"``, see :mod:`rolequiz.core.cohort.resubmitted`), the others kept as rows
    without a result; with ``"all"`` a name seen before is scored and flagged, both rows
    kept.  The lines about rows are told at the end, in the input's order.  With nothing
    scored at all the run fails: an empty table helps nobody; nor does a class of which
    more than :data:`SKIPPED_MOST` was skipped, unless *skip_bad* (one line then replaces
    the lines about the skipped rows).  *file* names a CSV in messages.
    """
    import numpy as np

    from rolequiz.core.cohort.names import Names
    from rolequiz.core.cohort.resubmitted import LeftOut, once_each, where
    from rolequiz.core.cohort.scorer import Scorer

    again: dict[int | str, list[int | str]] = {}
    if duplicates != "all":
        once = once_each(batches, keep=duplicates, file=file)
        batches, again = once.batches, once.kept

    scorer = Scorer(kb)
    seen = Names() if duplicates == "all" else None  # else once_each left no name twice
    told: list[Words] = []  # the lines about rows, in the input's order, told at the end
    sheets: list[str] = []  # answer-sheet files, to name the first of two students

    def score(batch: Batch) -> Scored:
        if short:
            from rolequiz.core.student import adaptive

            return adaptive.replay_batch(kb, batch.codes, positions=batch.positions,
                                         seconds=batch.seconds)
        return scorer.score(batch.codes, positions=batch.positions,
                            seconds=batch.seconds), None

    for batch, pending in _ahead(batches, score):
        for note in batch.notes:
            notify(note)
        first: list[int] = []
        firsts: list[int] = []
        students: list[Student] = []
        earliest: dict[int, int | str] = {}  # a name seen before: the first one's source
        asked = None
        if pending is not None:
            scores, asked = pending.result()
            summary.add_scores(scores)
            if batch.durations is not None:
                summary.add_durations(batch.durations, reading=batch.reading)
            if analysis is not None:
                analysis.add_codes(batch.codes)
            if isinstance(batch.sources[0], str):
                numbers = np.arange(len(sheets), len(sheets) + len(batch.sources))
                sheets.extend(str(source) for source in batch.sources)
            elif isinstance(batch.sources, range):
                numbers = np.arange(batch.sources.start, batch.sources.stop, dtype=np.int64)
            else:
                numbers = np.array(batch.sources, dtype=np.int64)
            found = np.full(len(numbers), -1, dtype=np.int64) if seen is None else \
                seen.check(batch.names, numbers)
            if seen is not None and seen.full and summary.names_checked:
                summary.names_checked = False
                notify(msg("cohort.duplicates_stopped", count=seen.capacity))
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
        unscored: list[tuple[int, Skipped]] = []
        for index, _, what in events:
            if isinstance(what, LeftOut):
                summary.resubmitted += 1
                told.append(msg("cohort.resubmitted.line", place=what.place,
                                name=what.name, reason=what.reason))
                unscored.append((index, what))
                continue
            if isinstance(what, Skipped):
                _skip(what, summary, strict=strict)
                told.append(msg("cohort.skipped", place=what.place, reason=what.reason))
                unscored.append((index, what))
                continue
            earliest[index] = sheets[int(what)] if sheets else int(what)
            summary.duplicates += 1
            source = batch.sources[index]
            told.append(msg("cohort.duplicate", name=batch.names[index],
                            place=source if isinstance(source, str) else
                            msg("cohort.place", file=file, row=source),
                            first=where(earliest[index])))
        sources: Sequence[int | str] = batch.sources
        resubmitted = {index: tuple(again[source]) for index, source in enumerate(sources)
                       if again.get(source)} if again else {}
        if students and (earliest or resubmitted):
            students = [replace(s, duplicate_of=earliest.get(index),
                                resubmitted=resubmitted.get(index, ()))
                        for index, s in enumerate(students)]
        if unscored and records:  # every student is in the records, scored or not
            listed: list[Student] = []
            at = 0
            for index, what in unscored:
                listed += students[at:index]
                listed.append(_skipped(what, file, klass))
                at = index
            students = [*listed, *students[at:]]
        facts = Facts(
            sources=batch.sources, names=batch.names, ranking=scores.ranking,
            blend=scores.blend, decided=scores.decided, flagged=scores.flagged,
            no_fit=scores.no_fit, confidence=scores.confidence, careless=scores.flags,
            fits=scores.fits, margin=scores.margin, blank=batch.codes < 0, asked=asked,
            durations=batch.durations, duplicate_of=earliest, resubmitted=resubmitted,
            skipped=tuple(unscored)) if batch.names else _nobody(kb, unscored)
        yield Part(facts, tuple(students))
        if batch.error is not None:
            for line in told:
                notify(line)
            raise batch.error
    if summary.scored == 0 and summary.skipped:
        for line in told:
            notify(line)
        raise RolequizError(_in(file, msg("cohort.nothing_scored", skipped=summary.skipped)))
    rows = summary.scored + summary.skipped
    if not skip_bad and summary.skipped > SKIPPED_MOST * rows:
        named: list[Words] = [joined([s.place if s.source is None else where(s.source),
                                     s.reason], ": ") for s in summary.skips[:FIRST_REASONS]]
        first_reasons = Joined(tuple(named), " · ")
        more = len(summary.skips) - FIRST_REASONS
        if more > 0:
            first_reasons = Joined((first_reasons, msg("cohort.more", count=more)))
        raise TooManySkipped(_in(file, msg(
            "cohort.too_many_skipped", skipped=summary.skipped, rows=rows,
            share=round(100 * SKIPPED_MOST), first=first_reasons)))
    for line in told:
        notify(line)
    if summary.scored == 0:
        raise RolequizError(_in(file, msg("cohort.no_students")))


def _nobody(kb: KnowledgeBase, skipped: list[tuple[int, Skipped]]) -> Facts:
    """The facts of a batch with no student scored: its skipped rows alone."""
    import numpy as np

    roles, questions = len(kb.roles), len(kb.questions)
    return Facts(sources=[], names=[], ranking=np.zeros((0, roles), dtype=np.intp),
                 blend=np.zeros((0, roles), dtype=bool), decided=np.zeros(0, dtype=bool),
                 flagged=np.zeros(0, dtype=bool), no_fit=np.zeros(0, dtype=bool),
                 confidence=np.zeros(0, dtype=np.intp),
                 careless=np.zeros((0, len(FLAG_CODES)), dtype=bool),
                 fits=np.zeros((0, roles)), margin=np.zeros(0),
                 blank=np.zeros((0, questions), dtype=bool), skipped=tuple(skipped))


def _in(file: str, said: Words) -> Words:
    """*said* of *file* (``FILE: …``), when a CSV is read."""
    return Joined((file, said), ": ") if file else said


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


def _skip(entry: Skipped, summary: Summary, *, strict: bool) -> None:
    if strict:
        raise StrictStop(msg("cohort.strict", place=entry.place, reason=entry.reason))
    summary.skipped += 1
    summary.skips.append(entry)
