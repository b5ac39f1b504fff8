"""The scoring engine over many answer sheets at once, with NumPy: the same results, faster.

:func:`rolequiz.core.scoring.score` walks the knowledge base for every sheet; a
class of a million does the walk once.  Each option's contribution to each
trait is precomputed, so a sheet costs a few additions, and every step
repeats the engine's arithmetic operation for operation, so that fits,
ranking, margin, blend and the uncertain flag come out *equal*, not close:

- a trait's score is ``math.fsum`` of the chosen weights over the most they
  could be.  ``fsum`` is the correctly rounded exact sum; here the weights are
  exact integers once scaled by a power of two, their sums are exact in
  int64, and converting that sum to a float rounds it the same single time;
- the average gap to a role adds the gaps in the knowledge base's order with
  the same rule as Python's ``sum`` (plain addition before Python 3.12,
  compensated from 3.12 on; which one is found out, not assumed);
- ``round(x, 1)`` rounds the exact binary value half to even; ``rint`` of
  ``10 * x`` agrees except within a hair of a half, and those few values are
  rounded by Python's own ``round``.

A knowledge base whose weights cannot be scaled into int64, or a platform
where a sample of sheets disagrees with the engine (checked once, when a
:class:`Scorer` is made), is scored sheet by sheet with the engine itself.
Imported only by ``rolequiz cohort``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rolequiz.core import scoring
from rolequiz.core.model import KnowledgeBase

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

NEAR_HALF = 1e-6
"""How close to ``k + 0.5`` a scaled value must be for Python's ``round`` to decide it."""
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
    """(n, roles): every role's fit, rounded as the engine rounds it."""
    ranking: Ints
    """(n, roles): role indices, best fit first, ties in the knowledge base's order."""
    margin: Floats
    """(n,): the first fit minus the second, rounded."""
    blend: Bools
    """(n, roles): the roles of the blend (none for a clear winner)."""
    uncertain: Bools
    """(n,): straight-lined sheets."""
    profile: Floats
    """(n, dimensions): the student's score on each trait, 0–1."""


def compensated_sum() -> bool:
    """Whether ``sum`` of floats is compensated here (Python 3.12 on), found out by trying."""
    return sum([1.0, 1e100, 1.0, -1e100]) == 2.0


def round1(values: Floats) -> Floats:
    """``round(v, 1)`` of every value, exactly as Python rounds a float."""
    scaled = values * 10.0
    rounded = np.rint(scaled) / 10.0
    near = np.abs(scaled - np.floor(scaled) - 0.5) < NEAR_HALF
    if near.any():
        rounded[near] = [round(v, scoring.FIT_DECIMALS) for v in values[near].tolist()]
    return rounded


class Scorer:
    """Scores batches of sheets given as option indices, one row per sheet, one column per
    question in the knowledge base's order."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.roles = len(kb.roles)
        self._targets = np.array([[role.profile[d.id] for d in kb.dimensions]
                                  for role in kb.roles], dtype=np.float64)
        self._compensated = compensated_sum()
        self._tables = _contributions(kb)
        self.exact = self._tables is not None and self._agrees(SAMPLE)

    def score(self, codes: npt.NDArray[Any]) -> Scores:
        """Score a batch: *codes* is (n, questions) of 0-based option indices."""
        codes = np.asarray(codes, dtype=np.intp)
        if self.exact:
            return self._vector(codes)
        return self._one_by_one(codes)

    # -- the vector path ---------------------------------------------------------

    def _vector(self, codes: npt.NDArray[np.intp]) -> Scores:
        assert self._tables is not None
        groups, scale, totals = self._tables
        sums = np.zeros((len(codes), len(totals)), dtype=np.int64)
        for group in groups:
            sums += group.table[group.index(codes)]
        # exact integer sum -> one rounding to float, as fsum; then the engine's division
        profile = np.ldexp(sums.astype(np.float64), scale)
        with np.errstate(divide="ignore", invalid="ignore"):
            profile = np.where(totals > 0, profile / np.where(totals > 0, totals, 1.0), 0.0)
        count = float(len(self.kb.dimensions))
        traits = np.ascontiguousarray(profile.T)  # a trait's scores side by side: fast to add
        distance = np.empty((len(codes), self.roles), dtype=np.float64)  # summed gaps
        for index, target in enumerate(self._targets):
            distance[:, index] = self._sum(np.abs(traits - target[:, None]).T)
        fits = round1(100.0 * (1.0 - distance / count))
        return self._rank(codes, fits, profile)

    def _sum(self, gaps: Floats) -> Floats:
        """Python's ``sum`` along the last axis, term by term in the same order."""
        total = gaps[..., 0].copy()
        if not self._compensated:
            for column in range(1, gaps.shape[-1]):
                total += gaps[..., column]
            return total
        compensation = np.zeros_like(total)
        for column in range(1, gaps.shape[-1]):
            value = gaps[..., column]
            step = total + value
            compensation += np.where(np.abs(total) >= np.abs(value),
                                     (total - step) + value, (value - step) + total)
            total = step
        finite = np.isfinite(compensation) & (compensation != 0)
        return np.where(finite, total + compensation, total)

    def _rank(self, codes: npt.NDArray[np.intp], fits: Floats, profile: Floats) -> Scores:
        count = len(codes)
        ranking = _ranking(fits)
        ordered = np.take_along_axis(fits, ranking, axis=1)
        blend = np.zeros((count, self.roles), dtype=np.bool_)
        if self.roles > 1:
            margin = round1(ordered[:, 0] - ordered[:, 1])
            gaps = round1(ordered[:, :1] - ordered)
            inside = gaps < self.kb.settings.blend_margin
            inside &= inside[:, 1:2]  # a clear winner (gap to the second >= margin): no blend
            np.put_along_axis(blend, ranking, inside, axis=1)
        else:
            margin = np.zeros(count, dtype=np.float64)
        options = max(len(q.options) for q in self.kb.questions)
        # how often each sheet gives its most given answer: a count of (sheet, answer) pairs
        pairs = (codes + options * np.arange(count)[:, None]).ravel()
        most = np.bincount(pairs, minlength=count * options).reshape(count, options).max(
            axis=1, initial=0)
        share = most / len(self.kb.questions)
        return Scores(fits=fits, ranking=ranking, margin=margin, blend=blend,
                      uncertain=share >= self.kb.settings.straightline_share, profile=profile)

    # -- the engine, sheet by sheet ------------------------------------------------

    def _one_by_one(self, codes: npt.NDArray[np.intp]) -> Scores:
        kb = self.kb
        role_index = {role.id: index for index, role in enumerate(kb.roles)}
        fits = np.zeros((len(codes), self.roles), dtype=np.float64)
        ranking = np.zeros((len(codes), self.roles), dtype=np.int64)
        margin = np.zeros(len(codes), dtype=np.float64)
        blend = np.zeros((len(codes), self.roles), dtype=np.bool_)
        uncertain = np.zeros(len(codes), dtype=np.bool_)
        profile = np.zeros((len(codes), len(kb.dimensions)), dtype=np.float64)
        for row, sheet in enumerate(codes.tolist()):
            answers = {q.id: index for q, index in zip(kb.questions, sheet, strict=True)}
            student = scoring.profile(kb, answers)
            ranked = scoring.rank(kb, scoring.fits(kb, student))
            for place, fit in enumerate(ranked):
                fits[row, role_index[fit.role_id]] = fit.fit
                ranking[row, place] = role_index[fit.role_id]
            if len(ranked) > 1:
                margin[row] = round(ranked[0].fit - ranked[1].fit, scoring.FIT_DECIMALS)
            for role_id in scoring.blend(kb, ranked):
                blend[row, role_index[role_id]] = True
            share = scoring.straightline_share(kb, answers)
            uncertain[row] = share >= kb.settings.straightline_share
            profile[row] = [student[d.id] for d in kb.dimensions]
        return Scores(fits=fits, ranking=ranking, margin=margin, blend=blend,
                      uncertain=uncertain, profile=profile)

    def _agrees(self, count: int) -> bool:
        """Whether the vector path says what the engine says on *count* sheets: random ones
        (a fixed seed) and every straight-lined one."""
        kb = self.kb
        rng = random.Random(20241014)
        sheets = [[rng.randrange(len(q.options)) for q in kb.questions] for _ in range(count)]
        longest = max(len(q.options) for q in kb.questions)
        sheets += [[min(k, len(q.options) - 1) for q in kb.questions] for k in range(longest)]
        codes = np.array(sheets, dtype=np.intp)
        fast, slow = self._vector(codes), self._one_by_one(codes)
        return all(np.array_equal(getattr(fast, f), getattr(slow, f))
                   for f in ("fits", "ranking", "margin", "blend", "uncertain", "profile"))


def _ranking(fits: Floats) -> Ints:
    """Each row's role indices, best fit first, equal fits in the knowledge base's order
    (a stable sort, done by counting: a few roles, many rows)."""
    count, roles = fits.shape
    place = np.zeros((count, roles), dtype=np.int64)
    for role in range(roles):
        for other in range(roles):
            if other < role:
                place[:, role] += fits[:, other] >= fits[:, role]
            elif other > role:
                place[:, role] += fits[:, other] > fits[:, role]
    ranking = np.empty((count, roles), dtype=np.int64)
    np.put_along_axis(ranking, place, np.broadcast_to(np.arange(roles), (count, roles)), axis=1)
    return ranking


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


def _contributions(kb: KnowledgeBase) -> tuple[list[_Group], int, Floats] | None:
    """Per group of questions, each combination of answers' weight on every trait as an
    integer at one common scale ``2**scale``; and each trait's most, as the engine
    computes it.  None when the scaled sums could overflow int64."""
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
    return _groups([np.array(rows, dtype=np.int64) for rows in tables]), -shift, totals


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
