"""The scoring engine over many answer sheets at once, with NumPy: the same results, faster.

The probabilities, ranking, confidence, blend and flags come from
:func:`rolequiz.core.student.posterior.score`, the very function the one-sheet engine
calls with a batch of one, so they are equal by construction.  The trait
profile (for the class average) repeats :func:`rolequiz.core.student.scoring.profile`
operation for operation, so that it comes out *equal*, not close: a trait's
score is ``math.fsum`` of the chosen weights over the most they could be;
``fsum`` is the correctly rounded exact sum, and here the weights are exact
integers once scaled by a power of two, their sums are exact in int64, and
converting that sum to a float rounds it the same single time.

A knowledge base whose weights cannot be scaled into int64, or a platform
where a sample of sheets disagrees with the engine (checked once, when a
:class:`Scorer` is made), gets its profiles sheet by sheet from the engine.
Imported only by ``rolequiz cohort``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import posterior, scoring

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

SAMPLE = 16
"""Random sheets checked against the engine when a scorer is made (with the straight-lined
ones): a check of this platform's arithmetic, not a proof; the tests check many more."""
LIMIT = 2**62
"""The largest scaled weight sum that int64 holds with room to spare."""


@dataclass(frozen=True)
class Scores:
    """What the engine says about each of *n* sheets, as arrays (roles in the knowledge
    base's order unless said otherwise)."""

    fits: Floats
    """(n, roles): every role's fit, 100 times its probability, as the engine gives it."""
    ranking: Ints
    """(n, roles): role indices, most probable first, ties in the knowledge base's order."""
    margin: Floats
    """(n,): the first fit minus the second."""
    confidence: Ints
    """(n,): the index in :data:`rolequiz.core.student.scoring.CONFIDENCES`."""
    blend: Bools
    """(n, roles): the roles of the blend (none unless too close to call)."""
    flags: Bools
    """(n, flags): the careless-answering flags, in the order of
    :data:`rolequiz.core.student.flags.FLAGS`."""
    profile: Floats
    """(n, dimensions): the student's score on each trait, 0–1."""
    typicality: Floats | None = None
    """(n, roles): how typical the answers are of each role, 0–1 (see
    :func:`rolequiz.core.student.posterior.typicality`)."""

    @cached_property
    def no_fit(self) -> Bools:
        """(n,): sheets that no role fits strongly, and that are not flagged."""
        fits = self.confidence != scoring.CONFIDENCES.index(scoring.NO_FIT)
        return np.asarray(~fits & ~self.flagged, dtype=np.bool_)

    @cached_property
    def flagged(self) -> Bools:
        """(n,): sheets with any flag: no reliable result."""
        return any_column(self.flags)

    @cached_property
    def decided(self) -> Bools:
        """(n,): sheets whose result names one role (not flagged, not too close, and some
        role fits)."""
        return np.asarray(~self.flagged & ~any_column(self.blend) & ~self.no_fit,
                          dtype=np.bool_)


def _share(score: Floats, most: Floats) -> Floats:
    """Each trait's *score* over its *most*, as the engine divides: 0 where nothing could
    be scored."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(most > 0, score / np.where(most > 0, most, 1.0), 0.0),
                          dtype=np.float64)


def any_column(table: Bools) -> Bools:
    """(n,): the rows of *table* with any True, column by column: five times faster than
    ``table.any(axis=1)`` over a few columns (44 against 9 µs at 4,096 rows of six)."""
    found = np.zeros(len(table), dtype=np.bool_)
    for column in range(table.shape[1]):
        found |= table[:, column]
    return found


class Scorer:
    """Scores batches of sheets given as option indices, one row per sheet, one column per
    question in the knowledge base's order."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.roles = len(kb.roles)
        self._tables = _contributions(kb)
        self.exact = self._tables is not None and self._agrees(SAMPLE)
        self._model = posterior.model(kb)

    def score(self, codes: npt.NDArray[Any], *, positions: npt.NDArray[Any] | None = None,
              seconds: npt.NDArray[Any] | None = None) -> Scores:
        """Score a batch: *codes* is (n, questions) of 0-based option indices; *positions*
        and *seconds* as :func:`rolequiz.core.student.scoring.score` takes them, per sheet."""
        codes = np.asarray(codes, dtype=np.intp).reshape(-1, len(self.kb.questions))
        said = posterior.score(self.kb, codes, positions=positions, seconds=seconds,
                               tables=self._model)
        partial = posterior.blank_rows(codes)
        if not self.exact:
            profile = self._one_by_one(codes)
        else:
            profile = self._vector(np.maximum(codes, 0) if len(partial) else codes)
        if len(partial):  # questions left blank: the engine's profile over the answers given
            profile[partial] = self._answered(codes[partial]) if self.exact else \
                self._one_by_one(codes[partial])
        return Scores(fits=said.points / 100.0,
                      ranking=said.ranking, margin=said.margin, confidence=said.confidence,
                      blend=said.blend, flags=said.flags, profile=profile,
                      typicality=said.typicality)

    def _vector(self, codes: npt.NDArray[np.intp]) -> Floats:
        assert self._tables is not None
        groups, scale, totals, _ = self._tables
        sums = np.zeros((len(codes), len(totals)), dtype=np.int64)
        for group in groups:
            sums += group.table[group.index(codes)]
        # exact integer sum -> one rounding to float, as fsum; then the engine's division
        return _share(np.ldexp(sums.astype(np.float64), scale), totals)

    def _answered(self, codes: npt.NDArray[np.intp]) -> Floats:
        """The profiles of sheets with questions left blank (-1): each trait's sum over the
        answers given over the most of the questions answered, both exact integer sums
        rounded once (as fsum), then the engine's division; a third of a millisecond
        less a sheet than :func:`rolequiz.core.student.scoring.profile`."""
        assert self._tables is not None
        _, scale, _, questions = self._tables
        got = np.zeros((len(codes), questions.tops.shape[1]), dtype=np.int64)
        most = np.zeros_like(got)
        for column, table in enumerate(questions.tables):
            got += table[codes[:, column]]  # -1, a blank: the last row, nothing
            most += np.where(codes[:, column, None] >= 0, questions.tops[column], 0)
        return _share(np.ldexp(got.astype(np.float64), scale),
                      np.ldexp(most.astype(np.float64), scale))

    def _one_by_one(self, codes: npt.NDArray[np.intp]) -> Floats:
        kb = self.kb
        profile = np.zeros((len(codes), len(kb.dimensions)), dtype=np.float64)
        for row, sheet in enumerate(codes.tolist()):
            answers = {q.id: index for q, index in zip(kb.questions, sheet, strict=True)
                       if index >= 0}
            student = scoring.profile(kb, answers)
            profile[row] = [student[d.id] for d in kb.dimensions]
        return profile

    def _agrees(self, count: int) -> bool:
        """Whether the vector path gives the engine's profiles on *count* sheets: random ones
        (a fixed seed) and every straight-lined one."""
        kb = self.kb
        rng = random.Random(20241014)
        sheets = [[rng.randrange(len(q.options)) for q in kb.questions] for _ in range(count)]
        longest = max(len(q.options) for q in kb.questions)
        sheets += [[min(k, len(q.options) - 1) for q in kb.questions] for k in range(longest)]
        codes = np.array(sheets, dtype=np.intp)
        return bool(np.array_equal(self._vector(codes), self._one_by_one(codes)))


@dataclass(frozen=True)
class _Group:
    """Questions scored together: one row of *table* for each combination of their answers,
    the sum of its options' scaled weights."""

    columns: tuple[int, ...]
    sizes: tuple[int, ...]
    table: Ints

    def index(self, codes: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Each sheet's row of the table."""
        index = codes[:, self.columns[0]]
        for column, size in zip(self.columns[1:], self.sizes[1:], strict=True):
            index = index * size + codes[:, column]
        return index


GROUP_ROWS = 1024
"""Combinations of answers a group's table holds at most: five questions of four options
make one look-up instead of five."""


@dataclass(frozen=True)
class _Questions:
    """Each question's scaled weights alone, for sheets with blanks."""

    tables: tuple[Ints, ...]
    """Per question, (options + 1, traits): its options' scaled weights, then a row of
    zeros that code -1 (a blank) picks."""
    tops: Ints
    """(questions, traits): the most each question can give each trait it measures."""


def _contributions(kb: KnowledgeBase) -> tuple[list[_Group], int, Floats, _Questions] | None:
    """Per group of questions, each combination of answers' weight on every trait as an
    integer at one common scale ``2**scale``; each trait's most, as the engine computes
    it; and each question's weights alone.  None when the scaled sums could overflow
    int64."""
    dimensions = [d.id for d in kb.dimensions]
    measured = [[q.max_weight(d) > 0 for d in dimensions] for q in kb.questions]
    weights = [o.weights.get(d, 0.0) for q, m in zip(kb.questions, measured, strict=True)
               for o in q.options for d, on in zip(dimensions, m, strict=True) if on]
    if not all(math.isfinite(w) and w >= 0 for w in weights):
        return None
    shift = max((w.as_integer_ratio()[1].bit_length() - 1 for w in weights), default=0)
    tables: list[list[list[int]]] = []
    most = [0] * len(dimensions)
    for question, flags in zip(kb.questions, measured, strict=True):
        rows = [[_scaled(o.weights.get(d, 0.0), shift) if on else 0
                 for d, on in zip(dimensions, flags, strict=True)] for o in question.options]
        for index, column in enumerate(zip(*rows, strict=True)):
            most[index] += max(column)
        tables.append(rows)
    if max(most, default=0) >= LIMIT:
        return None
    totals = np.array([math.fsum(q.max_weight(d) for q in kb.questions if q.max_weight(d) > 0)
                       for d in dimensions], dtype=np.float64)
    arrays = [np.array(rows, dtype=np.int64) for rows in tables]
    questions = _Questions(
        tables=tuple(np.vstack([table, np.zeros((1, len(dimensions)), dtype=np.int64)])
                     for table in arrays),
        tops=np.array([table.max(axis=0) for table in arrays],
                      dtype=np.int64).reshape(len(arrays), len(dimensions)))
    return _groups(arrays), -shift, totals, questions


def _groups(tables: list[Ints]) -> list[_Group]:
    """The questions' tables combined, in order, into groups of at most GROUP_ROWS rows
    (every sum fits in int64: it is at most a trait's whole most)."""
    groups: list[_Group] = []
    for column, table in enumerate(tables):
        last = groups[-1] if groups else None
        if last is not None and len(last.table) * len(table) <= GROUP_ROWS:
            combined = (last.table[:, None, :] + table[None, :, :]).reshape(-1, table.shape[1])
            groups[-1] = _Group((*last.columns, column), (*last.sizes, len(table)), combined)
        else:
            groups.append(_Group((column,), (len(table),), table))
    return groups


def _scaled(weight: float, shift: int) -> int:
    """*weight* times ``2**shift``, exactly (the shift is chosen so that this is whole)."""
    numerator, denominator = float(weight).as_integer_ratio()
    return numerator << (shift - (denominator.bit_length() - 1))
