"""What a result says, built once: the results screen, the report and ``--json`` lay it out.

:func:`content` turns a scored :class:`~rolequiz.core.student.scoring.Result` into
sentences in one language, with the ids and numbers beside them; the
terminal (:mod:`rolequiz.terminal.views`) and the report
(:mod:`rolequiz.export.report`) only arrange them, so "A mix of …" and the
"why" lines are written in one place.  Texts are as the knowledge base and
the sheet give them: each view makes them safe for its medium.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rolequiz import __version__, i18n
from rolequiz.core.invocation import PLAIN, Invocation
from rolequiz.core.kb.model import KnowledgeBase, Lang, Question, Role
from rolequiz.core.student.advice import Advice, advise
from rolequiz.numbers import written_date

if TYPE_CHECKING:
    from rolequiz.core.student.scoring import Result


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
class Evidence:
    """One answer that raised a trait, and the sentence that quotes it.

    With *over*, the sentence is the contrast with the runner-up: the student
    chose *option* over *over*, the option the runner-up's profile prefers.
    """

    question: str
    option: str
    text: str
    over: str | None = None


@dataclass(frozen=True)
class Why:
    """A strength behind the top role: the student's score beside the role's level."""

    dimension: str
    name: str
    score: float
    top_role_level: float
    runner_up_level: float | None
    """Scores and levels from 0 to 1."""
    text: str
    evidence: tuple[Evidence, ...]
    words: str = ""
    """The same in words first, for the screen: how central the trait is to the role and
    how strongly the student showed it ("at the heart of …; you showed it strongly"), so
    that a level is never read as a pass mark missed."""


@dataclass(frozen=True)
class Metaphor:
    """A leading role's image, and what introduces it (the role's short name in a blend)."""

    label: str
    text: str


@dataclass(frozen=True)
class Section:
    """A list in a role's description under its heading: responsibilities, skills…"""

    heading: str
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
class Program:
    """A suggested study program: its ids and match, and the line that says why."""

    program: str
    name: str
    label: str
    match: float
    builds: tuple[str, ...]
    roles: tuple[str, ...]
    reason: str
    words: str = ""
    """The reason in words, for the screen: for whom, what it builds, and whether the
    student showed it already or can grow it (no score that looks like a mark)."""


@dataclass(frozen=True)
class SourceNote:
    """Where the facts come from, as a result cites it.

    The sentences with the source's date in words are made when they are read, so that
    ``--json``, which shows neither, never loads the date rules (see :mod:`rolequiz.numbers`).
    """

    lang: Lang
    title: str
    publisher: str
    date: str
    kind: str | None
    """What the source is, in *lang* ("the article"), when the knowledge base says."""
    author: str | None
    references_heading: str
    references: tuple[str, ...]

    @property
    def line(self) -> str:
        """'Source: title (publisher, date)'."""
        return i18n.t(self.lang, "result.next.source", title=self.title,
                      publisher=self.publisher, date=written_date(self.date, self.lang))

    @property
    def programs(self) -> str:
        """'The study programs are those named in the article …'."""
        values = {"title": self.title, "publisher": self.publisher,
                  "date": written_date(self.date, self.lang)}
        if self.kind is not None:
            return i18n.t(self.lang, "report.programs.source.kind", kind=self.kind, **values)
        return i18n.t(self.lang, "report.programs.source", **values)


@dataclass(frozen=True)
class Step:
    """One thing to do next on the screen: its words, ending with the *command* to type
    when there is one, which a terminal lays out without breaking it inside a word."""

    text: str
    command: str | None = None


@dataclass(frozen=True)
class ResultContent:
    """Everything a result says, in one language, in the order the screen shows it."""

    lang: Lang
    name: str | None
    top: str
    blend: tuple[str, ...]
    headline: str
    """The top role's name, or 'A mix of A and B' (``--json``, the class table)."""
    verdict: str
    """'Your best fit: the top role's name', or the blend's headline."""
    notes: tuple[str, ...]
    """The blend note, or how far the top role leads the next."""
    metaphors: tuple[Metaphor, ...]
    uncertain: str | None
    fits: tuple[Fit, ...]
    why: tuple[Why, ...]
    role: RoleInFull | None
    """The top role in full; none when the answers look careless (no role is pointed at)."""
    programs: tuple[Program, ...]
    next_steps: tuple[Step, ...]
    """What to do next, with the commands to type: for the terminal."""
    source: SourceNote | None
    advice: Advice
    """The strengths the result rests on and what to do next, as facts: for the printed
    report, which words them (:mod:`rolequiz.export.advice`)."""
    answered: str | None = None
    """'19 of 20 questions answered', when some were left blank; None for a whole sheet."""
    blanks: str | None = None
    """Which questions were left blank, by number and text, and what that means for the
    result; None for a whole sheet."""

    @property
    def programs_source(self) -> str | None:
        """Where the study programs come from, when the knowledge base names a source."""
        return self.source.programs if self.source is not None else None


def headline_of(kb: KnowledgeBase, roles: Sequence[str], lang: Lang, *, blend: bool) -> str:
    """The first role's name, or 'A mix of A and B' of every role in a blend."""
    if blend:
        shorts = [kb.role(r).short(lang) for r in roles]
        return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))
    return kb.role(roles[0]).name(lang)


def no_fit_headline(kb: KnowledgeBase, lang: Lang, *, key: str = "result.no_fit") -> str:
    """'None of the three roles fits your answers strongly', with the knowledge base's
    number of roles in words when the catalogue has them (``count.N``), else in digits;
    *key* another wording of it (a class table's, which speaks to no student)."""
    count = len(kb.roles)
    return i18n.t(lang, key,
                  count=i18n.catalogue(lang).get(f"count.{count}", str(count)))


def content(kb: KnowledgeBase, result: Result, lang: Lang, *, name: str | None = None,
            invocation: Invocation = PLAIN) -> ResultContent:
    """What *result* says in *lang*, for a student called *name*; the commands it suggests
    repeat the options of *invocation*."""
    t = i18n.t
    top = kb.role(result.top.role_id)
    second = kb.role(result.ranking[1].role_id) if len(result.ranking) > 1 else None
    chances = {"first": top.short(lang), "chance": percent(result.top.fit),
               "second": second.short(lang) if second else "",
               "second_chance": percent(result.ranking[1].fit) if second else ""}
    notes: tuple[str, ...] = ()
    if result.flagged:  # no headline: say why, and what to do
        verdict = headline = t(lang, "result.flagged")
        notes = tuple(t(lang, f"result.flag.{code}") for code in result.flags)
        # name the statements set against each other, so that the student (or a
        # counselor) can judge
        notes += tuple(t(lang, "result.flag.contradiction.pair",
                         first=kb.question(first).text(lang),
                         second=kb.question(second).text(lang))
                       for first, second in result.contradictions)
    elif not result.fitting:  # no role in the headline: the closest, and how far off
        verdict = headline = no_fit_headline(kb, lang)
        notes = (t(lang, "result.no_fit.note", closest=top.short(lang),
                   share=min(99, max(1, round(100 * (1 - result.typicality))))),)
    elif result.blend:
        verdict = headline = headline_of(kb, result.blend, lang, blend=True)
        shorts = [kb.role(r).short(lang) for r in result.blend]
        notes = (t(lang, "result.blend.note", roles=i18n.join(lang, shorts)),)
    else:
        headline = top.name(lang)
        leaning = result.confidence == "leaning"
        verdict = t(lang, "result.leaning" if leaning else "result.best", role=headline)
        if second is not None:
            notes = (t(lang, "result.leaning.note" if leaning else "result.margin", **chances),)
    leading = set(result.leading)
    # careless answers, or answers no role fits, point at no role: no reasons, no role in full
    pointed = not result.flagged and result.fitting
    return ResultContent(
        lang=lang,
        name=name,
        top=top.id,
        blend=tuple(result.blend),
        headline=headline,
        verdict=verdict,
        notes=notes,
        metaphors=tuple(Metaphor(kb.role(r).short(lang) if result.blend
                                 else _metaphor_label(kb, lang), kb.role(r).metaphor(lang))
                        for r in result.leading if not result.flagged),
        uncertain=t(lang, "result.uncertain") if result.flagged else None,
        fits=tuple(Fit(f.role_id, kb.role(f.role_id).name(lang), f.fit, f.role_id in leading,
                       f.typicality, kb.role(f.role_id).short(lang)) for f in result.ranking),
        why=_why(kb, result, lang) if pointed else (),
        role=role_in_full(kb, top, lang, programs=False) if pointed else None,
        # careless answers get no programs; answers no role fits, those of their traits
        programs=() if result.flagged else
        tuple(_program(kb, result, m.program_id, lang) for m in result.programs),
        next_steps=_next_steps(kb, top, lang, invocation, read_role=pointed),
        source=source_note(kb, lang),
        advice=advise(result),
        **_blanks(kb, result, lang),
    )


def _blanks(kb: KnowledgeBase, result: Result, lang: Lang) -> dict[str, str]:
    """'19 of 20 questions answered' and which were left blank, for a sheet with blanks."""
    if not result.blank:
        return {}
    from rolequiz.core.student.blanks import named

    total = len(kb.questions)
    key = "result.blank.one" if len(result.blank) == 1 else "result.blank.many"
    return {"answered": i18n.t(lang, "result.answered", answered=total - len(result.blank),
                               total=total),
            "blanks": i18n.t(lang, key, questions=named(kb, result.blank))}


def _next_steps(kb: KnowledgeBase, top: Role, lang: Lang, invocation: Invocation, *,
                read_role: bool) -> tuple[Step, ...]:
    """What to do next on the screen, with the commands to type (*read_role*: the top role
    in full first)."""
    t = i18n.t
    read, compare = invocation.command("roles", top.id), invocation.command("compare")
    role = (Step(t(lang, "result.next.role", command=read), read),)
    return (*(role if read_role else ()),
            Step(t(lang, "result.next.compare", command=compare), compare),
            Step(t(lang, f"result.next.talk.{kb.audience}")))


def role_in_full(kb: KnowledgeBase, role: Role, lang: Lang, *, programs: bool) -> RoleInFull:
    """*role* in *lang*; with *programs*, the study programs that prepare for it last."""
    t = i18n.t
    lists = [("role.responsibilities", [x(lang) for x in role.responsibilities]),
             ("role.skills", [x(lang) for x in role.skills]),
             ("role.focus", [x(lang) for x in role.focus]),
             ("role.tools", [x(lang) for x in role.tools])]
    if programs:
        lists.append(("role.programs", [p.label(lang) for p in kb.programs if role.id in p.roles]))
    return RoleInFull(
        lang=lang, id=role.id, name=role.name(lang), summary=role.summary(lang),
        metaphor=role.metaphor(lang), horizon=role.horizon(lang),
        sections=tuple(Section(t(lang, key), tuple(items)) for key, items in lists if items))


def source_note(kb: KnowledgeBase, lang: Lang) -> SourceNote | None:
    """'Source: title (publisher, date)' and the rest, when the knowledge base names a source."""
    source = kb.source
    if source is None:
        return None
    return SourceNote(
        lang=lang, title=source.title, publisher=source.publisher, date=source.date,
        kind=source.kind(lang) if source.kind is not None else None,
        author=i18n.t(lang, "report.source.author", author=source.author)
        if source.author else None,
        references_heading=i18n.t(lang, "report.source.references", kind=source.kind(lang))
        if source.kind else i18n.t(lang, "report.source.cites"),
        references=source.references)


def _metaphor_label(kb: KnowledgeBase, lang: Lang) -> str:
    """'In the book's words' when the source says what it is (its ``kind``), else 'Metaphor'."""
    if kb.source is not None and kb.source.kind is not None:
        return i18n.t(lang, "result.metaphor", kind=kb.source.kind(lang))
    return i18n.t(lang, "role.metaphor")


def _why(kb: KnowledgeBase, result: Result, lang: Lang) -> tuple[Why, ...]:
    """The student's strengths the top role needs, the answers that raised them, the contrast."""
    t = i18n.t
    top = kb.role(result.top.role_id)
    second = kb.role(result.ranking[1].role_id) if len(result.ranking) > 1 else None
    found = []
    for driver in result.drivers:
        dimension = kb.dimension(driver.dimension_id).name(lang)
        text = t(lang, "result.driver", dimension=dimension, score=round(100 * driver.score),
                 role=top.short(lang), target=round(100 * driver.target))
        evidence = []
        for item in driver.answers:
            question = kb.question(item.question_id)
            evidence.append(Evidence(item.question_id, item.option_id, t(
                lang, "result.evidence", question=question.text(lang),
                answer=_option_text(question, item.option_id, lang))))
        if driver.contrast is not None and second is not None:
            contrast = driver.contrast
            question = kb.question(contrast.question_id)
            evidence.append(Evidence(contrast.question_id, contrast.option_id, t(
                lang, "result.contrast",
                chosen=_option_text(question, contrast.option_id, lang).removesuffix("."),
                other=_option_text(question, contrast.over_option_id, lang).removesuffix("."),
                role=second.short(lang)), over=contrast.over_option_id))
        words = t(lang, "screen.reason", dimension=dimension,
                  level=t(lang, f"screen.level.{centrality(driver.target)}"),
                  shown=t(lang, f"screen.shown.{shown(driver.score)}"))
        found.append(Why(driver.dimension_id, dimension, driver.score, driver.target,
                         driver.runner_up_target, text, tuple(evidence), words))
    return tuple(found)


def _option_text(question: Question, option_id: str, lang: Lang) -> str:
    return question.options[question.option_index(option_id) or 0].text(lang)


def _program(kb: KnowledgeBase, result: Result, program_id: str, lang: Lang) -> Program:
    """A suggested program and its reason: which of the student's traits it builds, for whom."""
    match = next(m for m in result.programs if m.program_id == program_id)
    program = kb.program(program_id)
    names = [kb.dimension(d).name(lang).lower() for d in match.dimension_ids]
    score = round(100 * sum(result.profile[d] for d in match.dimension_ids)
                  / len(match.dimension_ids))
    reason = i18n.t(lang, "result.program.reason", dimensions=i18n.join(lang, names), score=score)
    roles = [kb.role(r).short(lang) for r in match.role_ids]
    if roles:
        reason += i18n.t(lang, "result.program.roles", roles=i18n.join(lang, roles))
    # each trait as the student showed it: a program is not "already shown strongly" for
    # one trait shown strongly and another hardly at all (their mean said so)
    showed = [(name, result.profile[d]) for name, d in zip(names, match.dimension_ids,
                                                            strict=True)]
    strong = [name for name, level in showed if shown(level) in ("strong", "clear")]
    grow = [name for name, level in showed if shown(level) not in ("strong", "clear")]
    if strong and grow:
        words = i18n.t(lang, "screen.program.mixed", shown=_traits(strong, lang),
                       grow=_traits(grow, lang))
    elif strong:
        weakest = shown(min(level for _, level in showed))
        words = i18n.t(lang, f"screen.program.{weakest}", traits=_traits(strong, lang))
    else:
        words = i18n.t(lang, "screen.program.grow", traits=_traits(grow, lang))
    words = (i18n.t(lang, "screen.program.for", roles=i18n.join(lang, roles)) + " " + words
             if roles else words[:1].upper() + words[1:])
    return Program(program_id, program.name(lang), program.label(lang), match.match,
                   tuple(match.dimension_ids), tuple(match.role_ids), reason, words)


def _traits(names: list[str], lang: Lang) -> str:
    """Traits in a list; a trait's name may hold an "and" itself: "as well as" keeps the
    list readable."""
    if len(names) == 1:
        return names[0]
    return i18n.t(lang, "screen.as_well_as", first=", ".join(names[:-1]), last=names[-1])


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


def percent(fit: float) -> str:
    """A fit as a whole percentage, or '<1' / '>99' rather than a misleading 0 or 100."""
    if fit < 0.5:  # a model of answers is never certain: 0 and 100 are out of reach
        return "<1"
    if fit >= 99.5:
        return ">99"
    return f"{round(fit)}"


def to_document(kb: KnowledgeBase, result: Result, said: ResultContent) -> dict[str, Any]:
    """The ``--json`` document: stable keys, ids beside display names, numbers as numbers."""
    lang = said.lang
    return {
        "rolequiz": __version__,
        "knowledge_base": {"path": str(kb.path), "sha256": kb.sha256},
        "lang": lang,
        "name": said.name,
        "headline": said.headline,
        "top": result.decided,
        "blend": list(result.blend),
        "confidence": result.confidence,
        "typicality": round(result.typicality, 3),
        "flags": list(result.flags),
        "answered": len(kb.questions) - len(result.blank),
        "questions": len(kb.questions),
        "blank": list(result.blank),
        "margin": result.margin,
        "fits": [{"role": f.role, "name": f.name, "fit": f.fit,
                  "probability": round(f.fit / 100, 4), "typicality": round(f.typicality, 3)}
                 for f in said.fits],
        "profile": {
            d.id: {"name": d.name(lang), "score": round(100 * result.profile[d.id], 1)}
            for d in kb.dimensions
        },
        "explanation": [
            {
                "dimension": why.dimension,
                "name": why.name,
                "score": round(100 * why.score, 1),
                "top_role_level": round(100 * why.top_role_level, 1),
                "runner_up_level": None
                if why.runner_up_level is None else round(100 * why.runner_up_level, 1),
                "answers": [{"question": e.question, "option": e.option, "over": e.over}
                            for e in why.evidence],
            }
            for why in said.why
        ],
        "programs": [
            {"program": p.program, "name": p.name, "match": p.match, "builds": list(p.builds),
             "roles": list(p.roles), "reason": p.reason}
            for p in said.programs
        ],
    }
