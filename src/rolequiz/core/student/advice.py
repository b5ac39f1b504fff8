"""What a printed report says to a student in plain words, beside the result: the
strengths it rests on and what to do next (no command lines: those are for the screen).
Where the study programs come from is :attr:`rolequiz.core.student.result.SourceNote.programs`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang

if TYPE_CHECKING:
    from rolequiz.core.student.scoring import Result


def _leading_roles(kb: KnowledgeBase, result: Result, lang: Lang) -> str:
    """The short names of the roles the result points to: 'A' or 'A and B'."""
    return i18n.join(lang, [kb.role(r).short(lang) for r in result.leading])


def strengths(kb: KnowledgeBase, result: Result, lang: Lang) -> str | None:
    """'Your result rests on …: A, B and C': the traits that decided it, in one sentence."""
    if result.flagged or not result.fitting or not result.drivers:
        return None
    names = [kb.dimension(d.dimension_id).name(lang).lower() for d in result.drivers]
    return i18n.t(lang, "report.strengths", strengths=i18n.join(lang, names),
                  role=_leading_roles(kb, result, lang))


def steps(kb: KnowledgeBase, result: Result, lang: Lang) -> tuple[str, ...]:
    """What a student can do next, said to the student: no command lines."""
    t = i18n.t
    talk = t(lang, f"report.next.talk.{kb.audience}")
    if result.flagged:
        return (t(lang, "report.next.again"), talk)
    found = [t(lang, "report.next.role", role=_leading_roles(kb, result, lang))] \
        if result.fitting else []
    found.append(t(lang, "report.next.compare"))
    if result.programs:
        found.append(t(lang, "report.next.programs"))
    found.append(talk)
    return tuple(found)
