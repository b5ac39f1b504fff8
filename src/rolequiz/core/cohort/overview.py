"""What a class summary rests on, as facts: how the class divides among the roles, and
which questions may not be working and why, as ids and numbers.

The screen (:mod:`rolequiz.terminal.summary`) and the class report
(:mod:`rolequiz.export.class_report`) word these facts through
:mod:`rolequiz.export.overview`, so both say the same thing in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rolequiz.core.cohort.items import ItemAnalysis
    from rolequiz.core.cohort.rows import Summary
    from rolequiz.core.kb.model import KnowledgeBase

BLENDS = "_blends"
"""The bar of the students too close to call between roles: a leading '_' is never a role
id (see ``yamlnodes.ID_PATTERN``)."""
NO_FIT = "_no_fit"
"""The bar of the students no role fits strongly."""


def share_of(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def distribution(kb: KnowledgeBase, summary: Summary) -> list[tuple[str, int]]:
    """(role id, students) for every role as the clear winner, in the knowledge base's
    order, then (:data:`BLENDS`, students) and (:data:`NO_FIT`, students)."""
    return [*((role.id, summary.top[role.id]) for role in kb.roles),
            (BLENDS, summary.blends), (NO_FIT, summary.no_fit)]


SAME_ANSWER = 0.9
"""A question that this share of the class answered the same way tells students apart little."""
LOW_ITEM_REST = 0.2
"""Below this item–rest correlation a question does not go with the others on its trait."""


@dataclass(frozen=True)
class WeakQuestion:
    """A question that may not be working, and why."""

    question_id: str
    same_answer: int | None
    """The percentage of the class that gave its most common answer, when at least
    :data:`SAME_ANSWER` did; else None."""
    apart_from: tuple[str, ...]
    """The traits (dimension ids) whose other questions it does not go with."""


def weak_questions(kb: KnowledgeBase, analysis: ItemAnalysis) -> list[WeakQuestion]:
    """Each question that may not be working: nearly everyone gave the same answer, or
    (from :data:`rolequiz.core.cohort.items.MIN_STUDENTS`) it does not go with the other
    questions on a trait; in the order of the quiz."""
    same: dict[str, int] = {}
    for question in kb.questions:
        counts = analysis.counts[question.id]
        total = sum(counts)
        if total and max(counts) >= SAME_ANSWER * total:
            same[question.id] = round(100 * max(counts) / total)
    apart: dict[str, list[str]] = {}
    for found in analysis.reliability() or ():
        for question_id, value in zip(found.question_ids, found.item_rest, strict=True):
            if value is not None and value < LOW_ITEM_REST:
                apart.setdefault(question_id, []).append(found.dimension_id)
    return [WeakQuestion(q.id, same.get(q.id), tuple(apart.get(q.id, ())))
            for q in kb.questions if q.id in same or q.id in apart]
