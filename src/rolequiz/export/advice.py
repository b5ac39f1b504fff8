"""What a printed report advises a student, in plain words: the sentence that names the
strengths the result rests on, and what to do next (see
:mod:`rolequiz.core.student.advice`, which decides both)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rolequiz import i18n

if TYPE_CHECKING:
    from rolequiz.core.kb.model import KnowledgeBase, Lang
    from rolequiz.core.student.advice import Advice


def _leading_roles(kb: KnowledgeBase, advice: Advice, lang: Lang) -> str:
    """The short names of the roles the result points to: 'A' or 'A and B'."""
    return i18n.join(lang, [kb.role(r).short(lang) for r in advice.leading])


def strengths(kb: KnowledgeBase, advice: Advice, lang: Lang) -> str | None:
    """'Your result rests on …: A, B and C': the traits that decided it, in one sentence;
    None when none did."""
    if not advice.strengths:
        return None
    names = [kb.dimension(d).name(lang).lower() for d in advice.strengths]
    return i18n.t(lang, "report.strengths", strengths=i18n.join(lang, names),
                  role=_leading_roles(kb, advice, lang))


def steps(kb: KnowledgeBase, advice: Advice, lang: Lang) -> tuple[str, ...]:
    """What a student can do next, said to the student: no command lines."""
    said = {"again": lambda: i18n.t(lang, "report.next.again"),
            "role": lambda: i18n.t(lang, "report.next.role",
                                   role=_leading_roles(kb, advice, lang)),
            "compare": lambda: i18n.t(lang, "report.next.compare"),
            "programs": lambda: i18n.t(lang, "report.next.programs"),
            "talk": lambda: i18n.t(lang, f"report.next.talk.{kb.audience}")}
    return tuple(said[step]() for step in advice.steps)
