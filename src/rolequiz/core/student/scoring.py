"""The scoring engine: answers in, a ranked and explained result out.

Pure functions over a loaded knowledge base.  No printing, no prompting and no
role, dimension or question known by name: a fourth role or another
instrument works by editing the YAML.  The method is described in plain words
in docs/method.md ("How the score is computed").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rolequiz.core.kb.model import KnowledgeBase, Option, Question, Role

Answers = Mapping[str, int]
"""Question id -> 0-based index of the chosen option; one entry per question answered (a
sheet may leave up to ``settings.max_blank`` blank, see :mod:`rolequiz.core.student.blanks`)."""

CLEAR, LEANING, TOO_CLOSE, NO_FIT = "clear", "leaning", "too_close", "no_fit"
CONFIDENCES = (CLEAR, LEANING, TOO_CLOSE, NO_FIT)
"""How sure a result is, from its top probability (settings ``clear`` and ``leaning``) and
how typical the answers are of the roles (``typical_clear``, ``typical_least``)."""
MAX_DRIVERS = 3
MAX_EVIDENCE = 2
STRONG = 0.5
"""A driver needs the student's score and the top role's target both at least this."""
PROGRAM_ROLE_BONUS = 0.25
"""Added to a program's match when it prepares for a leading role."""


@dataclass(frozen=True)
class RoleFit:
    """How well one role explains a student's answers."""

    role_id: str
    fit: float
    """0–100, the role's probability in points, two decimals: the roles' fits add up to 100
    (give or take rounding); ``--json`` gives it as a probability, ``fit / 100``."""
    typicality: float = 0.5
    """0–1: the share of the role's own simulated students whose answers it explains less
    well than these; near 0, answers no student of the role would give."""


@dataclass(frozen=True)
class Evidence:
    """One answer that raised a driving dimension."""

    question_id: str
    option_id: str
    share: float
    """How much of the question's most this answer gave the dimension, 0–1."""


@dataclass(frozen=True)
class Contrast:
    """A scenario where the student chose the top role's side over the runner-up's."""

    question_id: str
    option_id: str
    """The student's option."""
    over_option_id: str
    """The option the runner-up's profile would prefer in that scenario."""


@dataclass(frozen=True)
class Driver:
    """A strength behind the top role: a dimension the student shows and the role needs."""

    dimension_id: str
    score: float
    target: float
    runner_up_target: float | None
    answers: tuple[Evidence, ...]
    """Answers that raised the dimension, the strongest first."""
    contrast: Contrast | None = None
    """At most one driver of a result carries the contrast with the runner-up."""


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
    """Careless-answering codes (:data:`rolequiz.core.student.flags.CODES`) that apply; () for a
    sheet that looks read."""
    drivers: tuple[Driver, ...]
    programs: tuple[ProgramMatch, ...]
    contradictions: tuple[tuple[str, str], ...] = ()
    """With the ``contradiction`` flag: the (statement, reverse-keyed statement) ids that
    the answers set against each other, so that the result can name them."""
    blank: tuple[str, ...] = ()
    """The ids of the questions left blank, in the quiz's order: the result is read from
    the others, and says so."""

    @property
    def top(self) -> RoleFit:
        return self.ranking[0]

    @property
    def typicality(self) -> float:
        """How typical the answers are of the top role (see :attr:`RoleFit.typicality`)."""
        return self.top.typicality

    @property
    def fitting(self) -> bool:
        """Whether some role fits the answers strongly (else the result names none)."""
        return self.confidence != NO_FIT

    @property
    def leading(self) -> tuple[str, ...]:
        """The roles the result points to: the blend, or the top role alone; none when no
        role fits."""
        if not self.fitting:
            return ()
        return self.blend or (self.top.role_id,)

    @property
    def flagged(self) -> bool:
        """Answers that look careless: the result is not reliable and says so."""
        return bool(self.flags)

    @property
    def decided(self) -> str | None:
        """The one role the result names, or None (too close to call, no role fits, or
        flagged)."""
        return None if self.flagged or self.blend or not self.fitting else self.top.role_id


def score(kb: KnowledgeBase, answers: Answers, *, positions: Mapping[str, int] | None = None,
          seconds: Mapping[str, float] | None = None) -> Result:
    """Score an answer sheet: every question answered, or all but at most
    ``settings.max_blank`` (then the result is read from the answers given).

    *positions* are the 0-based places at which the chosen options were shown (default:
    their listed index); *seconds* the time taken for each answer (default: unknown, and
    then no answer counts as too fast).
    """
    from rolequiz.core.student import blanks

    blank = blanks.left_blank(kb, answers)
    if not blanks.allowed(kb, blank):
        raise ValueError(f"answers missing for {', '.join(blank)}")
    # a negative index would silently pick an option counted from the end
    invalid = [q.id for q in kb.questions
               if q.id in answers and answers[q.id] not in range(len(q.options))]
    if invalid:
        raise ValueError(f"answers out of range for {', '.join(invalid)}")
    from rolequiz.core.student import posterior  # NumPy: only once something is scored

    none = posterior.UNANSWERED
    sheet = [[answers.get(q.id, none) for q in kb.questions]]
    shown = [[(positions or answers).get(q.id, answers.get(q.id, none)) if q.id in answers
              else none for q in kb.questions]]
    times = None if seconds is None else [[seconds.get(q.id, math.nan) for q in kb.questions]]
    scored = posterior.score(kb, sheet, positions=shown, seconds=times)
    return result_of(kb, answers, fits=(scored.points[0] / 100).tolist(),
                     ranking=scored.ranking[0].tolist(),
                     typicality=scored.typicality[0].tolist(),
                     blend=scored.blend[0].tolist(), flags=scored.flags[0].tolist(),
                     confidence=int(scored.confidence[0]), margin=float(scored.margin[0]),
                     profile=profile(kb, answers))


def result_of(kb: KnowledgeBase, answers: Answers, *, fits: Sequence[float],
              ranking: Sequence[int], typicality: Sequence[float], blend: Sequence[bool],
              flags: Sequence[bool], confidence: int, margin: float,
              profile: Mapping[str, float]) -> Result:
    """The explained result of a sheet the engine has scored (:func:`score`, or a class's
    batch, :class:`rolequiz.core.cohort.scorer.Scorer`, which equals it): each role's
    probability (*fits*), the roles' indices best first, and the rest of
    the engine's row for this sheet, so that a class's reports are not scored twice."""
    from rolequiz.core.student import blanks
    from rolequiz.core.student import flags as careless

    ranked = tuple(RoleFit(kb.roles[r].id, fits[r], typicality[r]) for r in ranking)
    mixed = tuple(kb.roles[r].id for r in ranking if blend[r])
    raised = tuple(code for code, on in zip(careless.CODES, flags, strict=True) if on)
    said = CONFIDENCES[confidence]
    student = dict(profile)
    # no role fits: the programs follow the student's traits alone
    leading = () if said == NO_FIT else mixed or (ranked[0].role_id,)
    sheet = [answers.get(q.id, -1) for q in kb.questions]  # -1: left blank, as the engine reads it
    return Result(
        profile=student,
        ranking=ranked,
        margin=margin,
        confidence=said,
        blend=mixed,
        flags=raised,
        drivers=explain(kb, answers, student, ranked),
        programs=suggest_programs(kb, student, leading),
        contradictions=careless.contradicting(kb, sheet) if "contradiction" in raised else (),
        blank=blanks.left_blank(kb, answers),
    )


def profile(kb: KnowledgeBase, answers: Answers) -> dict[str, float]:
    """Each dimension 0–1: what the answers gave it over the most they could have.

    Dividing by the most the questions could give keeps a dimension measured
    by six questions on the same scale as one measured by three; a question left
    blank gives nothing and takes nothing from the most.
    """
    got: dict[str, list[float]] = {d.id: [] for d in kb.dimensions}
    most: dict[str, list[float]] = {d.id: [] for d in kb.dimensions}
    for question in kb.questions:
        if question.id not in answers:
            continue
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
    """The student's strengths that the top role needs, each with answers that raised it.

    Dimensions are ranked by the student's score times the top role's target,
    so a trait leads only when both are high.  One scenario where the student
    chose the top role's side over the runner-up's is attached to the driver
    its option weighs most; the ranking's first two role ids are all it reads.
    """
    top = kb.role(ranking[0].role_id)
    other = kb.role(ranking[1].role_id) if len(ranking) > 1 else None
    order = {d.id: i for i, d in enumerate(kb.dimensions)}

    def strength(dimension_id: str) -> float:
        return student[dimension_id] * top.profile[dimension_id]

    ranked = sorted((d for d in order if strength(d) > 0), key=lambda d: (-strength(d), order[d]))
    strong = [d for d in ranked
              if min(student[d], top.profile[d]) >= STRONG][:MAX_DRIVERS] or ranked[:1]
    contrast = _contrast(kb, answers, top, other, strong) if other is not None else None
    drivers = []
    for dimension_id in strong:
        mine = contrast if contrast is not None and contrast[0] == dimension_id else None
        evidence = _evidence(kb.questions, answers, dimension_id)
        if mine is not None:  # the contrast quotes that answer already
            evidence = tuple(e for e in evidence if e.question_id != mine[1].question_id)
        drivers.append(
            Driver(
                dimension_id=dimension_id,
                score=student[dimension_id],
                target=top.profile[dimension_id],
                runner_up_target=other.profile[dimension_id] if other else None,
                answers=evidence[:MAX_EVIDENCE],
                contrast=mine[1] if mine else None,
            )
        )
    return tuple(drivers)


def raised(question: Question, share: float) -> bool:
    """Whether an answer giving *share* of the question's most raised the dimension.

    A scenario's option raises the dimensions it weighs; a statement raises its
    dimension when the student agrees (disagrees, if it is reverse-keyed): more
    than a neutral answer gives.
    """
    return share > 0.5 if question.kind == "scale" else share > 0


def _evidence(
    questions: tuple[Question, ...], answers: Answers, dimension_id: str
) -> tuple[Evidence, ...]:
    found = []
    for question in questions:
        most = question.max_weight(dimension_id)
        if most <= 0 or question.id not in answers:
            continue
        option = question.options[answers[question.id]]
        share = option.weights.get(dimension_id, 0.0) / most
        if raised(question, share):
            found.append(Evidence(question.id, option.id, share))
    found.sort(key=lambda e: -e.share)
    return tuple(found)


def appeal(option: Option, targets: Mapping[str, float]) -> float:
    """How much an option suits a role (*targets*, by trait): :func:`weighted_appeal` of
    its weights."""
    traits = list(targets)
    return weighted_appeal([option.weights.get(d, 0.0) for d in traits],
                           [targets[d] for d in traits])


def weighted_appeal(weights: Sequence[float], targets: Sequence[float]) -> float:
    """The role's targets averaged by an option's weights, trait by trait (0 for an option
    that weighs nothing).

    The one definition of appeal: the model's scenario tables
    (:func:`rolequiz.core.student.posterior.appeal`), a role's side in a scenario
    (:mod:`rolequiz.core.kb.lettering`) and a result's contrasts all read it."""
    total = math.fsum(weights)
    if total <= 0:
        return 0.0
    return math.fsum(w * t for w, t in zip(weights, targets, strict=True)) / total


def _contrast(
    kb: KnowledgeBase, answers: Answers, top: Role, other: Role, drivers: list[str]
) -> tuple[str, Contrast] | None:
    """The scenario that best shows the student's answer suits the top role over the runner-up.

    In it the runner-up's profile prefers another option, and the top role's
    profile prefers the student's option to that one.  Ties go to the lowest
    question id, so the order of the questions does not matter.
    """
    found = []
    for question in kb.questions:
        if question.kind != "choice" or question.id not in answers:
            continue
        chosen = question.options[answers[question.id]]
        weighs = [d for d in drivers if chosen.weights.get(d, 0.0) > 0]
        if not weighs:
            continue
        preferred = max(question.options, key=lambda o: appeal(o, other.profile))
        for_top = appeal(chosen, top.profile) - appeal(preferred, top.profile)
        for_other = appeal(preferred, other.profile) - appeal(chosen, other.profile)
        if preferred.id == chosen.id or for_top <= 0 or for_other <= 0:
            continue
        dimension = max(weighs, key=lambda d: chosen.weights[d])  # first driver among equals
        found.append((-(for_top + for_other), question.id, dimension,
                      Contrast(question.id, chosen.id, preferred.id)))
    if not found:
        return None
    best = min(found, key=lambda f: (f[0], f[1]))
    return best[2], best[3]


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
