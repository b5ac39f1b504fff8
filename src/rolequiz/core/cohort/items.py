"""Item analysis for a class: how each question was answered, and whether the
questions that measure a trait agree with each other.

A counselor who scores a class can also check the instrument: a question most
students answer the same way tells little, and a question that does not go
with the others measuring its trait (a low item–rest correlation) may be
misread.  Agreement is Cronbach's alpha over the questions measuring a trait.

Everything is accumulated one sheet at a time in constant memory: option
counts, and for each trait the means and co-moments of its item scores
(Welford's method, stable for a million rows), from which the covariances,
alpha and item–rest correlations follow.  Pure: no printing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolequiz.core.kb.model import KnowledgeBase, Question

if TYPE_CHECKING:
    import numpy.typing as npt

MIN_STUDENTS = 10
"""Fewer scored sheets than this give no reliability figures: they would mean little."""

ZERO = 1e-12
"""Variances at or below this count as none (sums of floats are rarely exactly 0)."""

Matrix = Sequence[Sequence[float]]


def item_score(question: Question, index: int, dimension_id: str) -> float:
    """What the chosen option shows of the trait, 0–1 (reverse-keyed items are reversed
    by their weights already)."""
    return question.options[index].weights.get(dimension_id, 0.0) / question.max_weight(
        dimension_id
    )


def measuring(kb: KnowledgeBase, dimension_id: str) -> tuple[Question, ...]:
    """The questions (items) that measure a trait, in the order of the quiz."""
    return tuple(q for q in kb.questions if q.max_weight(dimension_id) > 0)


class Moments:
    """Running means and co-moments of a vector of values (Welford's method)."""

    def __init__(self, size: int) -> None:
        self.count = 0
        self.mean = [0.0] * size
        self.comoment = [[0.0] * size for _ in range(size)]

    def add(self, values: Sequence[float]) -> None:
        self.count += 1
        before = [v - m for v, m in zip(values, self.mean, strict=True)]
        self.mean = [m + d / self.count for m, d in zip(self.mean, before, strict=True)]
        after = [v - m for v, m in zip(values, self.mean, strict=True)]
        for row, d in zip(self.comoment, before, strict=True):
            for j, a in enumerate(after):
                row[j] += d * a

    def add_many(self, rows: npt.ArrayLike) -> None:
        """Add a batch of value vectors at once: the batch's own means and co-moments,
        merged with the running ones (Chan, Golub and LeVeque's pairwise update)."""
        import numpy as np

        values = np.asarray(rows, dtype=np.float64).reshape(-1, len(self.mean))
        count = len(values)
        if not count:
            return
        mean = values.mean(axis=0)
        centred = values - mean
        comoment = centred.T @ centred
        total = self.count + count
        delta = mean - np.asarray(self.mean)
        merged = np.asarray(self.comoment) + comoment + \
            np.outer(delta, delta) * (self.count * count / total)
        self.mean = (np.asarray(self.mean) + delta * (count / total)).tolist()
        self.comoment = merged.tolist()
        self.count = total

    def covariance(self) -> list[list[float]]:
        """The sample covariance matrix (n − 1); all zeros with fewer than two rows."""
        if self.count < 2:
            return [[0.0] * len(self.mean) for _ in self.mean]
        return [[c / (self.count - 1) for c in row] for row in self.comoment]


def cronbach_alpha(covariance: Matrix) -> float | None:
    """k/(k−1) · (1 − Σ item variances / variance of the sum); None for fewer than two
    items or a sum that does not vary."""
    k = len(covariance)
    if k < 2:
        return None
    total = math.fsum(math.fsum(row) for row in covariance)
    if total <= ZERO:
        return None
    items = math.fsum(covariance[i][i] for i in range(k))
    return k / (k - 1) * (1 - items / total)


def item_rest(covariance: Matrix, index: int) -> float | None:
    """Correlation of item *index* with the sum of the other items; None when either
    does not vary."""
    k = len(covariance)
    others = [j for j in range(k) if j != index]
    own = covariance[index][index]
    rest = math.fsum(covariance[i][j] for i in others for j in others)
    if not others or own <= ZERO or rest <= ZERO:
        return None
    together = math.fsum(covariance[index][j] for j in others)
    return max(-1.0, min(1.0, together / math.sqrt(own * rest)))


@dataclass(frozen=True)
class Reliability:
    """How well the questions measuring one trait agree."""

    dimension_id: str
    question_ids: tuple[str, ...]
    alpha: float | None
    item_rest: tuple[float | None, ...]
    """One per question, in the order of ``question_ids``."""


class ItemAnalysis:
    """Answer counts per question and item-score moments per trait, one sheet at a time."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.students = 0
        self.counts: dict[str, list[int]] = {q.id: [0] * len(q.options) for q in kb.questions}
        self._scales = {d.id: measuring(kb, d.id) for d in kb.dimensions}
        self._moments = {d: Moments(len(qs)) for d, qs in self._scales.items()}
        self._questions = kb.questions
        self._column = {q.id: index for index, q in enumerate(kb.questions)}

    def add(self, answers: Mapping[str, int]) -> None:
        """Count one complete sheet (question id -> 0-based option index)."""
        self.students += 1
        for question_id, index in answers.items():
            self.counts[question_id][index] += 1
        for dimension_id, questions in self._scales.items():
            self._moments[dimension_id].add(
                [item_score(q, answers[q.id], dimension_id) for q in questions]
            )

    def add_codes(self, codes: npt.ArrayLike) -> None:
        """Count a batch of sheets, one row of 0-based option indices per sheet in the order
        of the questions (as :mod:`rolequiz.core.cohort.scorer` takes them).  A question
        left blank (-1) counts no option; the agreement of a trait's questions is read from
        the sheets that answer every question (a blank would bias the covariances)."""
        import numpy as np

        chosen = np.asarray(codes, dtype=np.intp).reshape(-1, len(self._questions))
        for column, question in enumerate(self._questions):
            given = chosen[:, column]
            found = np.bincount(given[given >= 0], minlength=len(question.options))
            self.counts[question.id] = [a + b for a, b in zip(
                self.counts[question.id], found.tolist(), strict=True)]
        chosen = chosen[(chosen >= 0).all(axis=1)]
        self.students += len(chosen)
        for dimension_id, questions in self._scales.items():
            scores = [np.array([item_score(q, i, dimension_id) for i in range(len(q.options))])
                      [chosen[:, self._column[q.id]]] for q in questions]
            self._moments[dimension_id].add_many(np.stack(scores, axis=1))

    def reliability(self) -> tuple[Reliability, ...] | None:
        """Alpha and item–rest correlations per trait, or None below :data:`MIN_STUDENTS`."""
        if self.students < MIN_STUDENTS:
            return None
        found = []
        for dimension_id, questions in self._scales.items():
            covariance = self._moments[dimension_id].covariance()
            found.append(Reliability(
                dimension_id=dimension_id,
                question_ids=tuple(q.id for q in questions),
                alpha=cronbach_alpha(covariance),
                item_rest=tuple(item_rest(covariance, i) for i in range(len(questions))),
            ))
        return tuple(found)
