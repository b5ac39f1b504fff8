"""What a result says, in words, built once: the results screen, the reports and ``--json``
lay it out.

:func:`content` words the facts of :mod:`rolequiz.core.student.result` (ids, numbers,
codes and the knowledge base's texts) in their language: the headline, the verdict, the
notes, the "why" lines, the programs' reasons, the next steps with their commands and the
source's note.  The terminal (:mod:`rolequiz.terminal.views`, which may read this module),
the report (:mod:`rolequiz.export.report`) and ``--json`` (:func:`to_document`) only arrange
them, so "A mix of …" is written in one place.  Texts are as the knowledge base and the
sheet give them: each view makes them safe for its medium.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rolequiz import __version__, i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student.advice import Advice
from rolequiz.core.student.result import (
    Fit,
    ResultFacts,
    RoleInFull,
    Suggestion,
)
from rolequiz.export.headlines import headline_of, no_fit_headline
from rolequiz.numbers import written_date

if TYPE_CHECKING:
    from rolequiz.core.student.result import Reason



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


def content(kb: KnowledgeBase, facts: ResultFacts) -> ResultContent:
    """What a result with *facts* says, in their language."""
    t, lang = i18n.t, facts.lang
    top = kb.role(facts.top)
    second = kb.role(facts.second) if facts.second is not None else None
    notes: tuple[str, ...] = ()
    if facts.standing == "flagged":  # no headline: say why, and what to do
        verdict = headline = t(lang, "result.flagged")
        notes = tuple(t(lang, f"result.flag.{code}") for code in facts.flags)
        # name the statements set against each other, so that the student (or a
        # counselor) can judge
        notes += tuple(t(lang, "result.flag.contradiction.pair", first=first, second=other)
                       for first, other in facts.contradictions)
    elif facts.standing == "no_fit":  # no role in the headline: the closest, and how far off
        verdict = headline = no_fit_headline(kb, lang)
        notes = (t(lang, "result.no_fit.note", closest=top.short(lang),
                   share=min(99, max(1, round(100 * (1 - facts.typicality))))),)
    elif facts.standing == "blend":
        verdict = headline = headline_of(kb, facts.blend, lang, blend=True)
        shorts = [kb.role(r).short(lang) for r in facts.blend]
        notes = (t(lang, "result.blend.note", roles=i18n.join(lang, shorts)),)
    else:
        headline = top.name(lang)
        leaning = facts.standing == "leaning"
        verdict = t(lang, "result.leaning" if leaning else "result.best", role=headline)
        if second is not None:
            chances = {"first": top.short(lang), "chance": percent(facts.fits[0].fit),
                       "second": second.short(lang), "second_chance": percent(facts.fits[1].fit)}
            notes = (t(lang, "result.leaning.note" if leaning else "result.margin", **chances),)
    return ResultContent(
        lang=lang,
        name=facts.name,
        top=facts.top,
        blend=facts.blend,
        headline=headline,
        verdict=verdict,
        notes=notes,
        metaphors=tuple(Metaphor(kb.role(r).short(lang) if facts.blend
                                 else _metaphor_label(kb, lang), text)
                        for r, text in facts.metaphors),
        uncertain=t(lang, "result.uncertain") if facts.standing == "flagged" else None,
        fits=facts.fits,
        why=tuple(_why(kb, facts, reason) for reason in facts.reasons),
        role=facts.role,
        programs=tuple(_program(kb, facts, program) for program in facts.programs),
        next_steps=tuple(Step(t(lang, f"result.next.{step.code}", command=step.command),
                              step.command) if step.command is not None
                         else Step(t(lang, f"result.next.{step.code}.{kb.audience}"))
                         for step in facts.steps),
        source=source_note(kb, lang),
        advice=facts.advice,
        **_blanks(kb, facts),
    )


def heading(aspect: str, lang: Lang) -> str:
    """The heading of a list of a role in full (see
    :data:`rolequiz.core.student.result.ASPECTS`): 'Responsibilities', 'Skills'…"""
    return i18n.t(lang, f"role.{aspect}")


def _blanks(kb: KnowledgeBase, facts: ResultFacts) -> dict[str, str]:
    """'19 of 20 questions answered' and which were left blank, for a sheet with blanks."""
    if not facts.blank:
        return {}
    from rolequiz.core.student.blanks import named

    lang = facts.lang
    key = "result.blank.one" if len(facts.blank) == 1 else "result.blank.many"
    return {"answered": i18n.t(lang, "result.answered",
                               answered=facts.questions - len(facts.blank), total=facts.questions),
            "blanks": i18n.t(lang, key, questions=named(kb, facts.blank))}


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


def _why(kb: KnowledgeBase, facts: ResultFacts, reason: Reason) -> Why:
    """A strength of the student's that the top role needs, with the answers that raised it
    and the contrast with the runner-up."""
    t, lang = i18n.t, facts.lang
    role = kb.role(facts.top).short(lang)
    evidence = []
    for answer in reason.answers:
        if answer.over is None:
            text = t(lang, "result.evidence", question=answer.question_text,
                     answer=answer.option_text)
        else:
            text = t(lang, "result.contrast", chosen=answer.option_text.removesuffix("."),
                     other=(answer.over_text or "").removesuffix("."),
                     role=kb.role(facts.second).short(lang) if facts.second else "")
        evidence.append(Evidence(answer.question, answer.option, text, over=answer.over))
    text = t(lang, "result.driver", dimension=reason.name, score=round(100 * reason.score),
             role=role, target=round(100 * reason.top_role_level))
    words = t(lang, "screen.reason", dimension=reason.name,
              level=t(lang, f"screen.level.{reason.centrality}"),
              shown=t(lang, f"screen.shown.{reason.shown}"))
    return Why(reason.dimension, reason.name, reason.score, reason.top_role_level,
               reason.runner_up_level, text, tuple(evidence), words)


def _program(kb: KnowledgeBase, facts: ResultFacts, program: Suggestion) -> Program:
    """A suggested program and its reason: which of the student's traits it builds, for whom."""
    lang = facts.lang
    names = [name.lower() for name in program.traits]
    reason = i18n.t(lang, "result.program.reason", dimensions=i18n.join(lang, names),
                    score=program.score)
    roles = [kb.role(r).short(lang) for r in program.roles]
    if roles:
        reason += i18n.t(lang, "result.program.roles", roles=i18n.join(lang, roles))
    # each trait as the student showed it: a program is not "already shown strongly" for
    # one trait shown strongly and another hardly at all (their mean said so)
    showed = list(zip(names, program.shown, strict=True))
    strong = [name for name, level in showed if level in ("strong", "clear")]
    grow = [name for name, level in showed if level not in ("strong", "clear")]
    if strong and grow:
        words = i18n.t(lang, "screen.program.mixed", shown=_traits(strong, lang),
                       grow=_traits(grow, lang))
    elif strong:
        weakest = "clear" if "clear" in program.shown else "strong"
        words = i18n.t(lang, f"screen.program.{weakest}", traits=_traits(strong, lang))
    else:
        words = i18n.t(lang, "screen.program.grow", traits=_traits(grow, lang))
    words = (i18n.t(lang, "screen.program.for", roles=i18n.join(lang, roles)) + " " + words
             if roles else words[:1].upper() + words[1:])
    return Program(program.program, program.name, program.label, program.match,
                   program.builds, program.roles, reason, words)


def _traits(names: list[str], lang: Lang) -> str:
    """Traits in a list; a trait's name may hold an "and" itself: "as well as" keeps the
    list readable."""
    if len(names) == 1:
        return names[0]
    return i18n.t(lang, "screen.as_well_as", first=", ".join(names[:-1]), last=names[-1])


def percent(fit: float) -> str:
    """A fit as a whole percentage, or '<1' / '>99' rather than a misleading 0 or 100."""
    if fit < 0.5:  # a model of answers is never certain: 0 and 100 are out of reach
        return "<1"
    if fit >= 99.5:
        return ">99"
    return f"{round(fit)}"


def to_document(kb: KnowledgeBase, facts: ResultFacts, said: ResultContent) -> dict[str, Any]:
    """The ``--json`` document: stable keys, ids beside display names, numbers as numbers."""
    lang = said.lang
    return {
        "rolequiz": __version__,
        "knowledge_base": {"path": str(kb.path), "sha256": kb.sha256},
        "lang": lang,
        "name": said.name,
        "headline": said.headline,
        "top": facts.decided,
        "blend": list(facts.blend),
        "confidence": facts.confidence,
        "typicality": round(facts.typicality, 3),
        "flags": list(facts.flags),
        "answered": facts.questions - len(facts.blank),
        "questions": facts.questions,
        "blank": list(facts.blank),
        "margin": facts.margin,
        "fits": [{"role": f.role, "name": f.name, "fit": f.fit,
                  "probability": round(f.fit / 100, 4), "typicality": round(f.typicality, 3)}
                 for f in said.fits],
        "profile": {
            d.id: {"name": d.name(lang), "score": round(100 * facts.profile[d.id], 1)}
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
