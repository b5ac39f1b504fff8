"""The interactive quiz: one questionary prompt per question.

The only module that imports questionary.  ``run`` asks the questions that are
still unanswered, lets the student go back, and reports every answer through
``on_answer`` so that nothing given is lost when the quiz is interrupted.
Ctrl-C raises :class:`KeyboardInterrupt`; a closed terminal raises
:class:`EOFError`; the CLI turns both into exit code 130.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import questionary
from questionary import Choice

from rolequiz import i18n
from rolequiz.core.model import KnowledgeBase, Lang, Question
from rolequiz.text import Fragment, box, printable

BACK = -1
"""The value of the 'back' choice."""

STYLE = questionary.Style([("qmark", "fg:ansicyan bold"), ("question", "bold"),
                           ("pointer", "fg:ansicyan bold"), ("highlighted", "fg:ansicyan bold")])


def ask(
    question: Question,
    *,
    number: int,
    total: int,
    lang: Lang,
    default: int | None = None,
    can_go_back: bool = False,
    **io: Any,
) -> int:
    """Ask one question; the chosen option's index, or :data:`BACK`."""
    lines = [i18n.t(lang, "question.counter", k=number, n=total), printable(question.text(lang))]
    if question.kind == "scale":
        lines.append(i18n.t(lang, "question.scale"))
    choices = [
        Choice(title=printable(option.text(lang)), value=index, shortcut_key=str(index + 1))
        for index, option in enumerate(question.options)
    ]
    if can_go_back:
        choices.append(Choice(title=i18n.t(lang, "question.back"), value=BACK, shortcut_key="0"))
    chosen = questionary.select(
        "\n".join(lines),
        choices=choices,
        default=choices[default] if default is not None else None,
        qmark="?",
        use_shortcuts=True,
        use_jk_keys=False,
        instruction=i18n.t(lang, "question.instruction"),
        style=STYLE,
        **io,
    ).unsafe_ask()
    if chosen is None:  # no answer without an interrupt: treat like a closed terminal
        raise EOFError
    return int(chosen)


def run(
    kb: KnowledgeBase,
    lang: Lang,
    *,
    answers: dict[str, int] | None = None,
    on_answer: Callable[[dict[str, int]], None] | None = None,
    **io: Any,
) -> dict[str, int]:
    """Ask until every question has an answer, starting at the first unanswered one."""
    io = _on_the_terminal(io)
    given = dict(answers or {})
    questions = kb.questions
    position = next((i for i, q in enumerate(questions) if q.id not in given), len(questions))
    while position < len(questions):
        question = questions[position]
        choice = ask(
            question,
            number=position + 1,
            total=len(questions),
            lang=lang,
            default=given.get(question.id),
            can_go_back=position > 0,
            **io,
        )
        if choice == BACK:
            position -= 1
            continue
        given[question.id] = choice
        if on_answer is not None:
            on_answer(dict(given))
        position += 1
    return given


def _on_the_terminal(io: dict[str, Any]) -> dict[str, Any]:
    """Draw on stderr when stdout is redirected, so ``quiz --json > file`` shows the questions."""
    if "output" in io or sys.stdout.isatty() or not sys.stderr.isatty():
        return io
    from prompt_toolkit.output import create_output

    return {**io, "output": create_output(stdout=sys.stderr)}


def show_box(title: str, paragraphs: list[Fragment], **io: Any) -> None:
    """A frame with *title* and *paragraphs* in it, as wide as the terminal up to 80 columns.

    Drawn with prompt_toolkit, which the questions load anyway: rich would cost the
    first question a tenth of its start-up.
    """
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.output import create_output

    given = "output" in io
    io = _on_the_terminal(io)
    output = io.get("output") or create_output(stdout=sys.stdout)
    width = min(_columns(sys.stderr if "output" in io and not given else sys.stdout), 80)
    print_formatted_text(FormattedText(box(title, paragraphs, width)), end="", output=output,
                         include_default_pygments_style=False)


def _columns(stream: Any) -> int:
    """The width of the terminal *stream* is on: ``COLUMNS`` if set, as for the rest."""
    if not os.environ.get("COLUMNS"):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            columns = os.get_terminal_size(stream.fileno()).columns
            if columns > 0:  # a terminal whose size was never set says 0
                return columns
    return shutil.get_terminal_size().columns


def confirm(message: str, *, lang: Lang, default: bool, **io: Any) -> bool:
    """A yes/no question; Ctrl-C raises :class:`KeyboardInterrupt` as the quiz does."""
    del lang  # questionary shows (Y/n); its keys are y and n in both languages
    io = _on_the_terminal(io)
    answer = questionary.confirm(printable(message), default=default, qmark="?", style=STYLE,
                                 auto_enter=False,  # y then Enter, as every answer in the quiz
                                 **io).unsafe_ask()
    if answer is None:
        raise EOFError
    return bool(answer)
