"""Questions left blank: how many a sheet or a class row may leave (the knowledge base's
``settings.max_blank``), and how every message names them.

A blank is no answer, not a guess: the likelihood leaves the question out
(:func:`rolequiz.core.student.posterior.loglik_answered`), and the profile, the reasons and the
careless checks read the questions answered.  A result from fewer answers says less, and
says how many it had ("19 of 20 questions answered").  A message names each blank
question as a student and a counselor know it: its number in the quiz and the start of its
text, in the reader's language, never its id alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rolequiz.core.kb.model import KnowledgeBase, Question
from rolequiz.errors import Message, Words, listed, msg


def left_blank(kb: KnowledgeBase, answers: Mapping[str, object]) -> tuple[str, ...]:
    """The ids of the questions *answers* has no answer for, in the quiz's order."""
    return tuple(q.id for q in kb.questions if q.id not in answers)


def allowed(kb: KnowledgeBase, blank: Iterable[str]) -> bool:
    """Whether a sheet with these questions blank is scored (``settings.max_blank``)."""
    return len(tuple(blank)) <= kb.settings.max_blank


class Named(Message):
    """Questions as a message names them: "5 “I like to …” and 7 “…”", in the language it
    is rendered in (``values["questions"]``: (number, question) pairs)."""

    __slots__ = ()

    def render(self, lang: str) -> str:
        from rolequiz.core.cohort.read.texts import shortened  # the forms' own cut of a text

        pairs: tuple[tuple[int, Question], ...] = self.values["questions"]  # type: ignore[assignment]
        return listed([msg("blank.question", number=number, text=shortened(question.text(lang)))
                       for number, question in pairs], lang)


def named(kb: KnowledgeBase, ids: Iterable[str]) -> Named:
    """The questions *ids* by number and text (see :class:`Named`)."""
    numbers = {q.id: index for index, q in enumerate(kb.questions, start=1)}
    return Named("blank.question", {"questions": tuple(sorted(
        ((numbers[i], kb.question(i)) for i in ids), key=lambda pair: pair[0]))})


def too_many(kb: KnowledgeBase, blank: tuple[str, ...], *, name: str | None) -> Message | None:
    """Why a sheet with *blank* questions gets no result, naming the student (or "the
    student") and each question; None when it is scored."""
    if allowed(kb, blank):
        return None
    who: Words = name if name else msg("blank.unnamed")
    most = kb.settings.max_blank
    if most == 0:
        key = "blank.none.one" if len(blank) == 1 else "blank.none.many"
        return msg(key, name=who, questions=named(kb, blank))
    return msg("blank.too_many", name=who, count=len(blank), most=most,
               questions=named(kb, blank))

