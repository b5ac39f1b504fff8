"""What a result rests on, as facts, gathered once: the results screen, the report and
``--json`` word and lay them out.

:func:`facts` turns a scored :class:`~rolequiz.core.student.scoring.Result` into ids,
numbers and codes (which state the result is in, how central each trait is to the role and
how strongly the student showed it, what to do next), beside the knowledge base's own texts
in the language asked for.  :mod:`rolequiz.export.result` words them, once, for the terminal,
the reports and ``--json``: "A mix of …" and the "why" lines are written there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rolequiz.core.invocation import PLAIN, Invocation
from rolequiz.core.kb.model import KnowledgeBase, Lang, Question, Role
from rolequiz.core.student.advice import Advice, advise

if TYPE_CHECKING:
    from rolequiz.core.student.scoring import Result

STANDINGS = ("flagged", "no_fit", "blend", "leaning", "best")
"""What a result says first: the answers look careless; no role fits them strongly; a
blend of roles; a role the answers lean to; a role that fits best."""

ASPECTS = ("responsibilities", "skills", "focus", "tools", "programs")
"""The lists of a role in full, in their order (see :class:`Section`)."""


@dataclass(frozen=True)
class Fit:
    """One role's fit, best first; *leading* for the top role or a role of the blend."""

    role: str
    name: str
    fit: float
    leading: bool
    typicality: float = 0.5
    """0–1: how typical the answers are of the role (see
    :attr:`rolequiz.core.student.scoring.RoleFit.typicality`)."""
    short: str = ""
    """The role's short name, for a narrow screen (the name when it has none)."""


@dataclass(frozen=True)
class Answer:
    """One answer that raised a trait: the question and the option chosen, with their texts.

    With *over*, the contrast with the runner-up: the student chose *option* over *over*,
    the option the runner-up's profile prefers.
    """

    question: str
    option: str
    question_text: str
    option_text: str
    over: str | None = None
    over_text: str | None = None


@dataclass(frozen=True)
class Reason:
    """A strength behind the top role: the student's score beside the role's level."""

    dimension: str
    name: str
    score: float
    top_role_level: float
    runner_up_level: float | None
    """Scores and levels from 0 to 1."""
    centrality: str
    """How central the trait is to the top role (:func:`centrality`)."""
    shown: str
    """How strongly the student showed it (:func:`shown`)."""
    answers: tuple[Answer, ...]
    """The answers that raised it, then the contrast with the runner-up, if any."""


@dataclass(frozen=True)
class Suggestion:
    """A suggested study program: its ids and match, and the student's traits it builds."""

    program: str
    name: str
    label: str
    match: float
    builds: tuple[str, ...]
    """The traits (dimension ids) it builds."""
    traits: tuple[str, ...]
    """Their names, in the result's language."""
    shown: tuple[str, ...]
    """How strongly the student showed each of them (:func:`shown`)."""
    score: int
    """The student's mean score on them, 0–100."""
    roles: tuple[str, ...]
    """The roles (ids) it prepares for, of those the result points to."""


@dataclass(frozen=True)
class Section:
    """A list in a role's description: its aspect (one of :data:`ASPECTS`) and its items."""

    aspect: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class RoleInFull:
    """A role as ``rolequiz roles ROLE`` and the result show it."""

    lang: Lang
    id: str
    name: str
    summary: str
    metaphor: str
    horizon: str
    sections: tuple[Section, ...]
    """Responsibilities, skills, focus and tools (those not empty); programs when asked for."""


@dataclass(frozen=True)
class NextStep:
    """One thing to do next on the screen: ``role`` (read the top role in full),
    ``compare`` (the roles side by side) or ``talk`` (talk it over), with the *command* to
    type when there is one."""

    code: str
    command: str | None = None


@dataclass(frozen=True)
class ResultFacts:
    """Everything a result rests on, in one language, in the order the screen shows it."""

    lang: Lang
    name: str | None
    top: str
    """The top role's id, even when the result points at no role."""
    second: str | None
    """The runner-up's id; None with a single role."""
    decided: str | None
    """The top role's id when the result names it (see ``Result.decided``)."""
    blend: tuple[str, ...]
    standing: str
    """One of :data:`STANDINGS`."""
    confidence: str
    typicality: float
    margin: float
    flags: tuple[str, ...]
    """The careless-answering flags' codes."""
    contradictions: tuple[tuple[str, str], ...]
    """The texts of the statements answered against each other, in pairs."""
    metaphors: tuple[tuple[str, str], ...]
    """Each leading role's id and image; none when the answers look careless."""
    fits: tuple[Fit, ...]
    reasons: tuple[Reason, ...]
    role: RoleInFull | None
    """The top role in full; none when the answers look careless or no role fits."""
    programs: tuple[Suggestion, ...]
    steps: tuple[NextStep, ...]
    advice: Advice
    """The strengths the result rests on and what to do next, for the printed report."""
    profile: Mapping[str, float]
    """Every trait's score, 0–1, by dimension id."""
    questions: int
    """How many questions the knowledge base asks."""
    blank: tuple[str, ...] = ()
    """The questions (ids) left blank."""


def facts(kb: KnowledgeBase, result: Result, lang: Lang, *, name: str | None = None,
          invocation: Invocation = PLAIN) -> ResultFacts:
    """What *result* rests on, with the knowledge base's texts in *lang*, for a student
    called *name*; the commands it suggests repeat the options of *invocation*."""
    top = kb.role(result.top.role_id)
    second = result.ranking[1].role_id if len(result.ranking) > 1 else None
    leading = set(result.leading)
    # careless answers, or answers no role fits, point at no role: no reasons, no role in full
    pointed = not result.flagged and result.fitting
    return ResultFacts(
        lang=lang, name=name, top=top.id, second=second, decided=result.decided,
        blend=tuple(result.blend), standing=standing(result), confidence=result.confidence,
        typicality=result.typicality, margin=result.margin, flags=tuple(result.flags),
        contradictions=tuple((kb.question(first).text(lang), kb.question(other).text(lang))
                             for first, other in result.contradictions),
        metaphors=tuple((r, kb.role(r).metaphor(lang)) for r in result.leading
                        if not result.flagged),
        fits=tuple(Fit(f.role_id, kb.role(f.role_id).name(lang), f.fit, f.role_id in leading,
                       f.typicality, kb.role(f.role_id).short(lang)) for f in result.ranking),
        reasons=_reasons(kb, result, lang) if pointed else (),
        role=role_in_full(kb, top, lang, programs=False) if pointed else None,
        # careless answers get no programs; answers no role fits, those of their traits
        programs=() if result.flagged else
        tuple(_suggestion(kb, result, m.program_id, lang) for m in result.programs),
        steps=_next_steps(top, invocation, read_role=pointed),
        advice=advise(result),
        profile=dict(result.profile),
        questions=len(kb.questions),
        blank=tuple(result.blank),
    )


def standing(result: Result) -> str:
    """What *result* says first (see :data:`STANDINGS`)."""
    if result.flagged:
        return "flagged"
    if not result.fitting:
        return "no_fit"
    if result.blend:
        return "blend"
    return "leaning" if result.confidence == "leaning" else "best"


def _next_steps(top: Role, invocation: Invocation, *, read_role: bool) -> tuple[NextStep, ...]:
    """What to do next on the screen, with the commands to type (*read_role*: the top role
    in full first)."""
    role = (NextStep("role", invocation.command("roles", top.id)),)
    return (*(role if read_role else ()), NextStep("compare", invocation.command("compare")),
            NextStep("talk"))


def role_in_full(kb: KnowledgeBase, role: Role, lang: Lang, *, programs: bool) -> RoleInFull:
    """*role* in *lang*; with *programs*, the study programs that prepare for it last."""
    lists = [("responsibilities", [x(lang) for x in role.responsibilities]),
             ("skills", [x(lang) for x in role.skills]),
             ("focus", [x(lang) for x in role.focus]),
             ("tools", [x(lang) for x in role.tools])]
    if programs:
        lists.append(("programs", [p.label(lang) for p in kb.programs if role.id in p.roles]))
    return RoleInFull(
        lang=lang, id=role.id, name=role.name(lang), summary=role.summary(lang),
        metaphor=role.metaphor(lang), horizon=role.horizon(lang),
        sections=tuple(Section(aspect, tuple(items)) for aspect, items in lists if items))


def _reasons(kb: KnowledgeBase, result: Result, lang: Lang) -> tuple[Reason, ...]:
    """The student's strengths the top role needs, the answers that raised them, the contrast."""
    found = []
    for driver in result.drivers:
        answers = []
        for item in driver.answers:
            question = kb.question(item.question_id)
            answers.append(Answer(item.question_id, item.option_id, question.text(lang),
                                  _option_text(question, item.option_id, lang)))
        if driver.contrast is not None and len(result.ranking) > 1:
            contrast = driver.contrast
            question = kb.question(contrast.question_id)
            answers.append(Answer(
                contrast.question_id, contrast.option_id, question.text(lang),
                _option_text(question, contrast.option_id, lang), over=contrast.over_option_id,
                over_text=_option_text(question, contrast.over_option_id, lang)))
        found.append(Reason(driver.dimension_id, kb.dimension(driver.dimension_id).name(lang),
                            driver.score, driver.target, driver.runner_up_target,
                            centrality(driver.target), shown(driver.score), tuple(answers)))
    return tuple(found)


def _option_text(question: Question, option_id: str, lang: Lang) -> str:
    return question.options[question.option_index(option_id) or 0].text(lang)


def _suggestion(kb: KnowledgeBase, result: Result, program_id: str, lang: Lang) -> Suggestion:
    """A suggested program: which of the student's traits it builds, how each was shown."""
    match = next(m for m in result.programs if m.program_id == program_id)
    program = kb.program(program_id)
    score = round(100 * sum(result.profile[d] for d in match.dimension_ids)
                  / len(match.dimension_ids))
    return Suggestion(program_id, program.name(lang), program.label(lang), match.match,
                      tuple(match.dimension_ids),
                      tuple(kb.dimension(d).name(lang) for d in match.dimension_ids),
                      tuple(shown(result.profile[d]) for d in match.dimension_ids), score,
                      tuple(match.role_ids))


def centrality(level: float) -> str:
    """How central a trait at *level* (0–1) is to a role: ``heart`` (the role's top
    level), ``part`` (the middle and upper levels) or ``small``."""
    if level >= 0.875:
        return "heart"
    return "part" if level >= 0.375 else "small"


def shown(score: float) -> str:
    """How strongly a profile score (0–1) shows a trait: ``strong``, ``clear``, ``some``
    or ``little`` (quarters of the scale)."""
    if score >= 0.75:
        return "strong"
    if score >= 0.5:
        return "clear"
    return "some" if score >= 0.25 else "little"
