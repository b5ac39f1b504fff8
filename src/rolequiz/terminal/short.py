"""The short quiz in a terminal: each next question chosen from the answers so far.

The questions come in the order :func:`rolequiz.core.student.adaptive.next_question` gives, and
the quiz ends where :func:`rolequiz.core.student.adaptive.done` says it may.  Above each question
stands "about N more" (:func:`rolequiz.core.student.adaptive.about_more`) instead of "3 of 20":
how many questions are left depends on the answers still to come.

Back works as in the full quiz.  An answer changed on the way back may change the
questions after it: the path is cut there and the next question chosen again.  An
answer given before to a question that comes up again is offered as its default, as in
the full quiz.  The sheet kept after every answer lists the questions asked, in order
(``asked``), with their answers only, so a resumed quiz goes on along the same path.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import adaptive
from rolequiz.core.student.sheets import Sheet
from rolequiz.terminal import prompts
from rolequiz.terminal.plain import BACK


def counter(lang: Lang, *, number: int, more: int) -> str:
    """The progress line above question *number*: "about *more* more" after it, or
    "perhaps the last"."""
    if more <= 0:
        return i18n.t(lang, "question.counter.short.last", k=number)
    return i18n.t(lang, "question.counter.short", k=number, more=more)


def seen(sheet: Sheet) -> adaptive.Seen:
    """Where the chosen options were shown and how long each answer took: the careless
    checks of the stopping rule read them, as ``score`` does from the saved sheet."""
    return adaptive.Seen(positions=sheet.positions, seconds=sheet.seconds or None)


def run(
    kb: KnowledgeBase,
    lang: Lang,
    *,
    sheet: Sheet | None = None,
    on_answer: Callable[[Sheet], None] | None = None,
    shuffle: prompts.Shuffle = random.shuffle,
    clock: Callable[[], float] = time.monotonic,
    **io: Any,
) -> Sheet:
    """Ask until the short quiz stops, going on from *sheet*'s ``asked`` path; the sheet
    that comes back (and each one *on_answer* gets) has the questions asked in order, their
    answers, the order every question's options are shown in and the seconds spent."""
    sheet = sheet or Sheet({})
    asked = [q for q in sheet.asked or () if q in sheet.answers]
    given = {q: sheet.answers[q] for q in asked}  # the answers along the path
    remembered = dict(sheet.answers)  # defaults, also for questions off the path now
    seconds = dict(sheet.seconds)
    spent = dict(seconds)
    shown = prompts.orders(kb, sheet.shown, shuffle=shuffle)

    def along(count: int) -> Sheet:
        """The sheet of the answered questions among the first *count* of the path."""
        path = [q for q in asked[:count] if q in given]
        return replace(sheet, answers={q: given[q] for q in path}, shown=dict(shown),
                       seconds={q: seconds[q] for q in path if q in seconds},
                       asked=tuple(path))

    position = len(asked)
    while True:
        so_far = along(position)
        if position == len(asked):
            question_id = adaptive.next_question(kb, so_far.answers, seen(so_far))
            if question_id is None:
                return so_far
            asked.append(question_id)
        question_id = asked[position]
        more = adaptive.about_more(kb, so_far.answers, seen(so_far)) - 1
        began = clock()
        choice = prompts.ask(
            kb.question(question_id),
            number=position + 1,
            total=len(kb.questions),
            lang=lang,
            order=shown[question_id],
            default=given.get(question_id, remembered.get(question_id)),
            can_go_back=position > 0,
            counter=counter(lang, number=position + 1, more=more),
            **io,
        )
        spent[question_id] = spent.get(question_id, 0.0) + clock() - began
        if choice == BACK:
            position -= 1
            continue
        given[question_id] = remembered[question_id] = choice
        seconds[question_id] = round(spent[question_id], 2)
        position += 1
        if position < len(asked):  # back on the path: does it still go this way?
            so_far = along(position)
            if adaptive.next_question(kb, so_far.answers, seen(so_far)) != asked[position]:
                for dropped in asked[position:]:  # chosen again from here
                    given.pop(dropped, None)
                del asked[position:]
        if on_answer is not None:
            on_answer(along(len(asked)))
