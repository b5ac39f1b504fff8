"""The scoring engine: answers in, a ranked and explained result out.

Pure functions over a loaded knowledge base.  No printing, no prompting and no
role, dimension or question known by name: a fourth role or another
instrument works by editing the YAML.  The method is described in plain words
in README.md ("How the score is computed").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rolequiz.core.model import KnowledgeBase, Question

Answers = Mapping[str, int]
"""Question id -> 0-based index of the chosen option; one entry per question."""

FIT_DECIMALS = 1
MAX_DRIVERS = 3
MAX_EVIDENCE = 2
PROGRAM_ROLE_BONUS = 0.25
"""Added to a program's match when it prepares for a leading role."""


@dataclass(frozen=True)
class RoleFit:
    """How close a student is to one role."""

    role_id: str
    fit: float
    """0–100: 100 means the student's profile equals the role's profile."""


@dataclass(frozen=True)
class Evidence:
    """One answer behind a driving dimension."""

    question_id: str
    option_id: str
    share: float
    """How much of the question's most this answer gave the dimension, 0–1."""


@dataclass(frozen=True)
class Driver:
    """A dimension that put the top role ahead."""

    dimension_id: str
    score: float
    target: float
    runner_up_target: float | None
    answers: tuple[Evidence, ...]


@dataclass(frozen=True)
class ProgramMatch:
    """A study program suggested for this result, and why."""

    program_id: str
    match: float
    dimension_ids: tuple[str, ...]
    """The traits it builds, the student's strongest first."""
    role_ids: tuple[str, ...]
    """Leading roles of this result that it prepares for."""


@dataclass(frozen=True)
class Result:
    """Everything the engine says about one answer sheet."""

    profile: Mapping[str, float]
    ranking: tuple[RoleFit, ...]
    margin: float
    """Fit of the first role minus fit of the second (0 with one role)."""
    blend: tuple[str, ...]
    """Roles within the blend margin of the top, or () for a clear winner."""
    straightline_share: float
    uncertain: bool
    drivers: tuple[Driver, ...]
    programs: tuple[ProgramMatch, ...]

    @property
    def top(self) -> RoleFit:
        return self.ranking[0]

    @property
    def leading(self) -> tuple[str, ...]:
        """The roles the result points to: the blend, or the top role alone."""
        return self.blend or (self.top.role_id,)


def score(kb: KnowledgeBase, answers: Answers) -> Result:
    """Score a complete answer sheet."""
    missing = [q.id for q in kb.questions if q.id not in answers]
    if missing:
        raise ValueError(f"answers missing for {', '.join(missing)}")
    # a negative index would silently pick an option counted from the end
    invalid = [q.id for q in kb.questions if answers[q.id] not in range(len(q.options))]
    if invalid:
        raise ValueError(f"answers out of range for {', '.join(invalid)}")
    student = profile(kb, answers)
    ranking = rank(kb, fits(kb, student))
    margin = round(ranking[0].fit - ranking[1].fit, FIT_DECIMALS) if len(ranking) > 1 else 0.0
    blended = blend(kb, ranking)
    share = straightline_share(kb, answers)
    leading = blended or (ranking[0].role_id,)
    return Result(
        profile=student,
        ranking=ranking,
        margin=margin,
        blend=blended,
        straightline_share=share,
        uncertain=share >= kb.settings.straightline_share,
        drivers=explain(kb, answers, student, ranking),
        programs=suggest_programs(kb, student, leading),
    )


def profile(kb: KnowledgeBase, answers: Answers) -> dict[str, float]:
    """Each dimension 0–1: what the answers gave it over the most they could have.

    Dividing by the most the questions could give keeps a dimension measured
    by six questions on the same scale as one measured by three.
    """
    got: dict[str, list[float]] = {d.id: [] for d in kb.dimensions}
    most: dict[str, list[float]] = {d.id: [] for d in kb.dimensions}
    for question in kb.questions:
        chosen = question.options[answers[question.id]]
        for dimension_id in got:
            top = question.max_weight(dimension_id)
            if top > 0:
                most[dimension_id].append(top)
                got[dimension_id].append(chosen.weights.get(dimension_id, 0.0))
    # fsum is exact, so the order of the questions cannot change the last digit
    total = {d: math.fsum(most[d]) for d in most}
    return {d: (math.fsum(got[d]) / total[d] if total[d] else 0.0) for d in got}


def fits(kb: KnowledgeBase, student: Mapping[str, float]) -> dict[str, float]:
    """Fit 0–100 of every role: 100 minus the average gap to its profile, in points."""
    count = len(kb.dimensions)
    return {
        role.id: round(
            100 * (1 - sum(abs(student[d.id] - role.profile[d.id]) for d in kb.dimensions) / count),
            FIT_DECIMALS,
        )
        for role in kb.roles
    }


def rank(kb: KnowledgeBase, role_fits: Mapping[str, float]) -> tuple[RoleFit, ...]:
    """Best fit first; equal fits keep the order of the roles in the knowledge base."""
    order = {role.id: index for index, role in enumerate(kb.roles)}
    ordered = sorted(role_fits, key=lambda r: (-role_fits[r], order[r]))
    return tuple(RoleFit(role_id=r, fit=role_fits[r]) for r in ordered)


def blend(kb: KnowledgeBase, ranking: tuple[RoleFit, ...]) -> tuple[str, ...]:
    """The roles within the blend margin of the top, or () when the top role is clear.

    Gaps are rounded like the fits people see, so a gap shown as exactly the
    margin never counts as inside it.
    """
    if len(ranking) < 2:
        return ()
    limit = kb.settings.blend_margin

    def gap(fit: RoleFit) -> float:
        return round(ranking[0].fit - fit.fit, FIT_DECIMALS)

    if gap(ranking[1]) >= limit:
        return ()
    return tuple(r.role_id for r in ranking if gap(r) < limit)


def straightline_share(kb: KnowledgeBase, answers: Answers) -> float:
    """The share of answers given in the most common option position."""
    positions = Counter(answers[q.id] for q in kb.questions)
    return max(positions.values()) / len(kb.questions) if kb.questions else 0.0


def explain(
    kb: KnowledgeBase,
    answers: Answers,
    student: Mapping[str, float],
    ranking: tuple[RoleFit, ...],
) -> tuple[Driver, ...]:
    """The dimensions that put the top role ahead of the runner-up, with their answers."""
    top = kb.role(ranking[0].role_id)
    other = kb.role(ranking[1].role_id) if len(ranking) > 1 else None

    def advantage(dimension_id: str) -> float:
        gap_top = abs(student[dimension_id] - top.profile[dimension_id])
        if other is None:  # a single role: its closest and most central traits
            return top.profile[dimension_id] - gap_top
        return abs(student[dimension_id] - other.profile[dimension_id]) - gap_top

    order = {d.id: i for i, d in enumerate(kb.dimensions)}
    ranked = sorted(order, key=lambda d: (-advantage(d), order[d]))
    chosen = [d for d in ranked if advantage(d) > 0][:MAX_DRIVERS] or ranked[:1]
    drivers = []
    for dimension_id in chosen:
        target = top.profile[dimension_id]
        other_target = other.profile[dimension_id] if other else None
        wants_more = other_target is None or target >= other_target
        drivers.append(
            Driver(
                dimension_id=dimension_id,
                score=student[dimension_id],
                target=target,
                runner_up_target=other_target,
                answers=_evidence(kb.questions, answers, dimension_id, wants_more=wants_more),
            )
        )
    return tuple(drivers)


def _evidence(
    questions: tuple[Question, ...], answers: Answers, dimension_id: str, *, wants_more: bool
) -> tuple[Evidence, ...]:
    found = []
    for question in questions:
        top = question.max_weight(dimension_id)
        if top <= 0:
            continue
        option = question.options[answers[question.id]]
        share = option.weights.get(dimension_id, 0.0) / top
        if (share >= 0.5) if wants_more else (share < 0.5):
            found.append(Evidence(question.id, option.id, share))
    found.sort(key=lambda e: -e.share if wants_more else e.share)
    return tuple(found[:MAX_EVIDENCE])


def suggest_programs(
    kb: KnowledgeBase, student: Mapping[str, float], leading: tuple[str, ...]
) -> tuple[ProgramMatch, ...]:
    """Programs whose traits the student shows most, and that prepare for a leading role."""
    matches = []
    for index, program in enumerate(kb.programs):
        strength = sum(student[d] for d in program.dimensions) / len(program.dimensions)
        roles = tuple(r for r in leading if r in program.roles)
        bonus = PROGRAM_ROLE_BONUS if roles else 0.0
        dims = tuple(sorted(program.dimensions, key=lambda d: -student[d]))
        match = ProgramMatch(program.id, round(strength + bonus, 3), dims, roles)
        matches.append((-(strength + bonus), index, match))
    matches.sort(key=lambda m: (m[0], m[1]))
    return tuple(m[2] for m in matches[: kb.settings.programs_to_suggest])
