"""Which letter names which option: now, before a re-lettering, and whether letters give
a role away.

A scenario's options are lettered by the place they are listed in: ``A`` the first,
``B`` the second.  Paper, the answer grid, the text for a form, the typing workbook and a
class file all mean the same by a letter and by a number: ``1``, ``A`` and ``a`` are the
first option listed.

A knowledge base whose option ids were letters in another order (the shipped quiz's
were ``c``, ``a``, ``b``, ``d`` before its lettering 2, and its paper printed them so) is
re-lettered by giving each option its listed letter as ``id`` and its old id as ``was``,
and raising the top-level ``lettering``.  A sheet that rolequiz writes says the lettering
it was written under; one it wrote before (its ``knowledge_base`` entry without a
``lettering``) is read through ``was``: see :func:`before` and :func:`written_before`.

A statement reworded as its own reverse at a re-lettering (the shipped q14 and q18, so that
the quiz has three reverse-keyed pairs) says ``was: opposite``: an answer written before
then to its old words stands at the other end of the scale today (2 of 5 is 4), and is read
so wherever the old ids are (:func:`turned`, :func:`as_today`).

Balance: when one letter is the option a role's profile prefers in most scenarios, a
student who sees the pattern can choose the result, and a pull towards the first box
leans to that role.  :func:`attractors` finds such letters for ``validate``.

Pure: nothing here prints.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from rolequiz.core.kb.model import OPPOSITE, KnowledgeBase, Question
from rolequiz.core.student import scoring
from rolequiz.core.table import letter


def relettered(kb: KnowledgeBase) -> bool:
    """Whether anything of *kb* says what it was before its lettering (``was``): an option's
    old id, or a statement worded then as its own reverse."""
    return any(question.was is not None or any(option.was is not None
                                               for option in question.options)
               for question in kb.questions)


def written_before(kb: KnowledgeBase, lettering: int | None) -> bool:
    """Whether answers written under *lettering* name *kb*'s options by their ``was`` ids.

    None is a sheet that says nothing: its ids are today's.  A sheet rolequiz wrote before
    lettering 2 says lettering 1 by its ``knowledge_base`` entry (see
    :func:`rolequiz.core.student.sheets.parse`), and a person may write ``lettering: 1`` on a sheet
    copied from older paper."""
    return relettered(kb) and lettering is not None and lettering < kb.lettering


def before(kb: KnowledgeBase) -> KnowledgeBase:
    """*kb* as it was lettered before: each option under its ``was`` id (or its id, where it
    kept it), and letters that are the ids, as the paper of that time printed them.

    The options stay in their places, so an answer read through this view is the same
    option index, scored by *kb* as it is, once :func:`as_today` has turned round the
    answers to a statement that said the opposite then.
    """
    questions = tuple(
        question._replace(options=tuple(
            option._replace(id=option.was) if option.was is not None else option
            for option in question.options))
        for question in kb.questions)
    return dataclasses.replace(kb, questions=questions, lettering=kb.lettering - 1,
                               printed_ids=True)


def turned(question: Question, index: int) -> int:
    """What option *index* of *question*, answered to its words before the lettering, means
    today: the other end of the scale for a statement that said the opposite then (``was:
    opposite``; of 5 steps, 1 is 5 and 2 is 4), else the same option."""
    return len(question.options) - 1 - index if question.was == OPPOSITE else index


def as_today(kb: KnowledgeBase, question: Question, index: int) -> int:
    """The option an answer read as *index* through *kb* means today: :func:`turned` when *kb*
    is :func:`before`'s view (the only one with ``printed_ids``), as it is otherwise.  Every
    reader of old answers (sheets, sessions, class files with ``--old-letters``) calls it, so
    that no old answer to reworded words is kept with the wrong meaning."""
    return turned(question, index) if kb.printed_ids else index


def letters(question: Question, *, printed_ids: bool = False) -> dict[str, int]:
    """A scenario's letters (capitals) -> the option each stands beside; none for a
    statement, whose answers are numbers.

    With *printed_ids* (the view of :func:`before`), options whose ids are distinct single
    letters were printed under their ids (``C``, ``A``, ``B``, ``D``), as rolequiz did then.
    """
    if question.kind == "scale":
        return {}
    ids = [option.id.upper() for option in question.options]
    if printed_ids and all(len(i) == 1 and i.isascii() and i.isalpha() for i in ids) \
            and len(set(ids)) == len(ids):
        return {mark: index for index, mark in enumerate(ids)}
    return {letter(index): index for index in range(len(question.options))}


def sides(kb: KnowledgeBase, question: Question) -> dict[str, frozenset[int]]:
    """Role id -> the options of *question* its profile likes best: the highest
    :func:`~rolequiz.core.student.scoring.appeal` (every one, when several tie).  A role that likes
    every option alike (a flat profile) has no side there: no letter gives it away."""
    found: dict[str, frozenset[int]] = {}
    for role in kb.roles:
        appeal = [scoring.appeal(option, role.profile) for option in question.options]
        best = max(appeal)
        liked = frozenset(k for k, a in enumerate(appeal) if best - a < 1e-9)
        if len(liked) < len(question.options):
            found[role.id] = liked
    return found


class Attractor(NamedTuple):
    """A letter that is one role's side in more than half of the scenarios."""

    letter: str
    role_id: str
    scenarios_as_side: int
    """The scenarios where the letter is the role's side (tied or alone)."""
    scenarios: int


def attractors(kb: KnowledgeBase) -> tuple[Attractor, ...]:
    """Every (letter, role) that is the role's side in more than half of *kb*'s scenarios,
    in the order of the letters and of the roles."""
    scenarios = [q for q in kb.questions if q.kind == "choice"]
    counts: dict[tuple[int, str], int] = {}
    for question in scenarios:
        for role_id, options in sides(kb, question).items():
            for index in options:
                counts[index, role_id] = counts.get((index, role_id), 0) + 1
    order = {role.id: k for k, role in enumerate(kb.roles)}
    return tuple(
        Attractor(letter(index), role_id, count, len(scenarios))
        for (index, role_id), count in sorted(counts.items(),
                                              key=lambda item: (item[0][0], order[item[0][1]]))
        if count * 2 > len(scenarios))


def out_of_place(kb: KnowledgeBase) -> tuple[str, ...]:
    """The scenarios with an option whose id is another option's listed letter (ids ``c``,
    ``a``, ``b``, ``d`` listed in that order): a typed ``c`` could mean that id or the
    third option listed."""
    found = []
    for question in kb.questions:
        if question.kind != "choice":
            continue
        marks = [letter(k) for k in range(len(question.options))]
        if any(option.id.upper() in marks and option.id.upper() != mark
               for option, mark in zip(question.options, marks, strict=True)):
            found.append(question.id)
    return tuple(found)
