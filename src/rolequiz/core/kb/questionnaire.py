"""What a questionnaire to collect a class's answers says, whatever it is made into.

``rolequiz cohort --template`` writes the same questions on paper (HTML), as texts for a
Google or Microsoft Form (Markdown or plain text) and as a workbook to type answers into
(XLSX).  All three are laid out from one :class:`Questionnaire`, so that a letter on
paper is the letter in the workbook's drop-down, and a text on the form is the text the
knowledge base has (form exports are read back by their texts).

A scenario's options are lettered by their place, ``A`` the first listed, whatever their
ids (see :mod:`rolequiz.core.kb.lettering`); a statement's are the numbers of the agreement
scale.  See :func:`marks`.

Pure: nothing here prints.
"""

from __future__ import annotations

from typing import NamedTuple

from rolequiz.core.kb.model import KnowledgeBase, Lang, Question
from rolequiz.core.table import letter


class Choice(NamedTuple):
    """One answer as it is printed: the mark a student crosses, and its text."""

    mark: str
    """``A``, ``B``, … for a scenario; ``1`` … ``5`` for a statement."""
    text: str


class Item(NamedTuple):
    """One question as a questionnaire shows it."""

    number: int
    """1-based, in the order of the quiz: what paper and the answer grid show."""
    id: str
    """The question id: the column of the class table (``q01``)."""
    scale: bool
    """A statement answered on the agreement scale, not a scenario."""
    text: str
    choices: tuple[Choice, ...]

    @property
    def in_order(self) -> tuple[str, ...]:
        """The marks as a grid or a drop-down lists them: the order they are printed in."""
        return tuple(choice.mark for choice in self.choices)


class Questionnaire(NamedTuple):
    """The whole questionnaire in one language."""

    lang: Lang
    title: str
    intro: str | None
    scale: tuple[Choice, ...]
    """The agreement scale: each step's number and label."""
    items: tuple[Item, ...]
    lettering: int = 1
    """The knowledge base's lettering: a workbook records it, so that one made with
    today's letters is never read as older paper."""
    max_blank: int = 0
    """Questions a sheet may leave blank and still be scored (``settings.max_blank``):
    the advice on leaving a box or a cell empty says it."""
    audience: str = "students"
    """Who answers it (:data:`rolequiz.core.kb.model.AUDIENCES`): a class or a group on paper."""


def marks(question: Question) -> tuple[str, ...]:
    """What a student crosses for each option of *question*, in the knowledge base's order.

    A statement's are the numbers of the scale.  A scenario's are the letters of the places
    its options are listed in, ``A`` the first: the letter a student crosses on paper is the
    column of the grid, the letter a counselor types and the number ``1`` for ``A``, so a
    letter says where an option is printed, never which role it belongs to.
    """
    if question.kind == "scale":
        return tuple(str(index) for index in range(1, len(question.options) + 1))
    return tuple(letter(index) for index in range(len(question.options)))


def questionnaire(kb: KnowledgeBase, lang: Lang) -> Questionnaire:
    """Every question of *kb* in the quiz's order, with its options marked, in *lang*."""
    items = tuple(
        Item(number=number, id=question.id, scale=question.kind == "scale",
             text=question.text(lang),
             choices=tuple(Choice(mark, option.text(lang))
                           for mark, option in zip(marks(question), question.options,
                                                   strict=True)))
        for number, question in enumerate(kb.questions, start=1))
    scale = tuple(Choice(str(step), label(lang))
                  for step, label in enumerate(kb.settings.scale, start=1))
    return Questionnaire(lang=lang, title=kb.title(lang),
                         intro=kb.intro(lang) if kb.intro else None, scale=scale, items=items,
                         lettering=kb.lettering, max_blank=kb.settings.max_blank,
                         audience=kb.audience)
