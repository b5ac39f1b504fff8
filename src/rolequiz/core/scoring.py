"""The scoring engine: answers in, a ranked and explained result out.

Pure functions over a loaded knowledge base.  No printing, no prompting and no
role, dimension or question known by name: a fourth role or another
instrument works by editing the YAML.  The method is described in plain words
in README.md ("How the score is computed").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from rolequiz.core.model import KnowledgeBase, Question

Answers = Mapping[str, int]
"""Question id -> 0-based index of the chosen option; one entry per question."""

CLEAR, LEANING, TOO_CLOSE = "clear", "leaning", "too_close"
CONFIDENCES = (CLEAR, LEANING, TOO_CLOSE)
"""How sure a result is, from its top probability (settings ``clear`` and ``leaning``)."""
FLAGS = ("same_position", "contradiction", "too_fast")
"""Stable codes of the careless-answering flags, as ``--json`` and the class table give them."""
MAX_DRIVERS = 3
MAX_EVIDENCE = 2
PROGRAM_ROLE_BONUS = 0.25
"""Added to a program's match when it prepares for a leading role."""


@dataclass(frozen=True)
class RoleFit:
    """How well one role explains a student's answers."""

    role_id: str
    fit: float
    """0–100, the probability in points: what people are shown."""
    probability: float
    """0–1, four decimals; the roles' probabilities add up to 1 (give or take rounding)."""


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
    """Each trait 0–1, for the explanation and the programs; it does not decide the role."""
    ranking: tuple[RoleFit, ...]
    margin: float
    """Fit of the first role minus fit of the second, in points (0 with one role)."""
    confidence: str
    """One of :data:`CONFIDENCES`."""
    blend: tuple[str, ...]
    """When too close to call: the roles at least half as probable as the first, most
    probable first; () otherwise."""
    flags: tuple[str, ...]
    """Careless-answering codes (:data:`FLAGS`) that apply; () for a sheet that looks read."""
    drivers: tuple[Driver, ...]
    programs: tuple[ProgramMatch, ...]

    @property
    def top(self) -> RoleFit:
        return self.ranking[0]

    @property
    def leading(self) -> tuple[str, ...]:
        """The roles the result points to: the blend, or the top role alone."""
        return self.blend or (self.top.role_id,)

    @property
    def flagged(self) -> bool:
        """Answers that look careless: the result is not reliable and says so."""
        return bool(self.flags)

    @property
    def decided(self) -> str | None:
        """The one role the result names, or None (too close to call, or flagged)."""
        return None if self.flagged or self.blend else self.top.role_id


def score(kb: KnowledgeBase, answers: Answers, *, positions: Mapping[str, int] | None = None,
          seconds: Mapping[str, float] | None = None) -> Result:
    """Score a complete answer sheet.

    *positions* are the 0-based places at which the chosen options were shown (default:
    their listed index); *seconds* the time taken for each answer (default: unknown, and
    then no answer counts as too fast).
    """
    missing = [q.id for q in kb.questions if q.id not in answers]
    if missing:
        raise ValueError(f"answers missing for {', '.join(missing)}")
    # a negative index would silently pick an option counted from the end
    invalid = [q.id for q in kb.questions if answers[q.id] not in range(len(q.options))]
    if invalid:
        raise ValueError(f"answers out of range for {', '.join(invalid)}")
    from rolequiz.core import posterior  # NumPy: only once something is scored

    sheet = [[answers[q.id] for q in kb.questions]]
    shown = [[(positions or answers).get(q.id, answers[q.id]) for q in kb.questions]]
    times = None if seconds is None else [[seconds.get(q.id, math.nan) for q in kb.questions]]
    scored = posterior.score(kb, sheet, positions=shown, seconds=times)
    points = scored.points[0].tolist()
    order = scored.ranking[0].tolist()
    ranking = tuple(RoleFit(kb.roles[r].id, points[r] / 100, points[r] / posterior.BASIS)
                    for r in order)
    student = profile(kb, answers)
    blend = tuple(kb.roles[r].id for r in order if scored.blend[0, r])
    return Result(
        profile=student,
        ranking=ranking,
        margin=float(scored.margin[0]),
        confidence=CONFIDENCES[int(scored.confidence[0])],
        blend=blend,
        flags=tuple(code for code, on in zip(FLAGS, scored.flags[0].tolist(), strict=True) if on),
        drivers=explain(kb, answers, student, ranking),
        programs=suggest_programs(kb, student, blend or (ranking[0].role_id,)),
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
    # the role comes from the likelihood of the answers, not from these averages: when no
    # trait favours the top role over the runner-up, there is no driver to show
    chosen = [d for d in ranked if advantage(d) > 0][:MAX_DRIVERS]
    if other is None:
        chosen = chosen or ranked[:1]
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
