"""The interactive quiz: one questionary prompt per question.

The only module that imports questionary.  ``run`` asks the questions that are
still unanswered, lets the student go back, and reports every answer through
``on_answer`` so that nothing given is lost when the quiz is interrupted.
A scenario's options come in a random order, drawn once per student and kept
in the session; a scale keeps its order.
Ctrl-C raises :class:`KeyboardInterrupt`; a closed terminal raises
:class:`EOFError`; the CLI turns both into exit code 130.  On a terminal that cannot
move its cursor (``TERM=dumb``) the same functions ask line by line, through
:mod:`rolequiz.terminal.plain`.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import questionary
from questionary import Choice

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang, Question
from rolequiz.core.student.sheets import Sheet
from rolequiz.terminal import plain
from rolequiz.terminal.plain import BACK
from rolequiz.text import Fragment, box, printable, wrap

STYLE = questionary.Style([("qmark", "fg:ansicyan bold"), ("question", "bold"),
                           ("pointer", "fg:ansicyan bold"), ("highlighted", "fg:ansicyan bold")])


Shuffle = Callable[[list[int]], None]
"""Puts a list of option indices in the order a student sees them (``random.shuffle``)."""

KEYS = 9
"""Options 1 to 9 answer to their number key; later ones are reached with the arrows."""
POINTER = 3
"""The columns questionary draws before a choice's key: " » " or three spaces."""
KEY = 3
"""The columns of a choice's key, "1) " (or "-) " for a choice without one)."""


def ask(
    question: Question,
    *,
    number: int,
    total: int,
    lang: Lang,
    order: tuple[int, ...] | None = None,
    default: int | None = None,
    can_go_back: bool = False,
    counter: str | None = None,
    **io: Any,
) -> int:
    """Ask one question, its options in *order*; the chosen option's index, or :data:`BACK`.
    Above it stands *counter*, or "*number* of *total*".

    questionary draws neither the message nor a choice wrapped: every text is wrapped
    here, between words, to the width of the terminal, each option's later lines under
    its first one, and again when the terminal's width changes.  A scale starts with the
    pointer on its middle, unless the student answered it before; keys typed before the
    question is drawn are dropped (:func:`forget_typed_ahead`).
    """
    shown = order if order is not None else tuple(range(len(question.options)))
    if plain.wanted(io):  # TERM=dumb: a numbered list, no cursor movements
        return plain.ask(question, number=number, total=total, lang=lang, order=shown,
                         default=default, can_go_back=can_go_back, counter=counter)
    if default is None and question.kind == "scale":  # a stray Enter is no strong opinion
        default = shown[(len(shown) - 1) // 2]
    forget_typed_ahead(io)
    width = _width(io)
    while True:
        drawn = _select(question, number=number, total=total, lang=lang, order=shown,
                        default=default, can_go_back=can_go_back, width=width, io=io,
                        counter=counter)
        chosen = drawn.ask()
        if chosen is None:  # no answer without an interrupt: treat like a closed terminal
            raise EOFError
        if chosen is not RESIZED:
            return int(chosen)
        default, width = drawn.pointed, max(drawn.columns - 1, 20)


RESIZED = object()
"""What a prompt ends with when the terminal's width changed: it is drawn again."""


class _Drawn:
    """A question on screen, which notices its terminal narrowing or widening.

    The texts are wrapped here, to the width the question was drawn at; a terminal that
    changes width would cut them at its edge (and a terminal that reflows its lines would
    leave a copy of the question above the next one).  So a change of width ends the
    prompt with :data:`RESIZED` and the question is drawn again, the pointer where it was.
    """

    def __init__(self, question: questionary.Question) -> None:
        from prompt_toolkit.layout import ScrollOffsets
        from questionary.prompts.common import InquirerControl

        self.question = question
        self.pointed: int | None = None
        self.columns = 0
        application = question.application
        for window in application.layout.find_all_windows():
            if isinstance(window.content, InquirerControl):
                self.control = window.content
                # the list scrolls to show the pointer's option whole, down to its last line
                window.scroll_offsets = ScrollOffsets(bottom=self._lines_after_pointer)
        application.before_render += self._on_render

    def _lines_after_pointer(self) -> int:
        title = self.control.get_pointed_at().title
        return title.count("\n") if isinstance(title, str) else 0

    def _on_render(self, application: Any) -> None:
        columns = application.output.get_size().columns
        if not self.columns:
            self.columns = columns
        elif columns != self.columns and not application.is_done:
            self.columns = columns
            self.pointed = self.control.get_pointed_at().value
            application.exit(result=RESIZED)

    def ask(self) -> Any:
        return interruptible(self.question).unsafe_ask()


def _select(question: Question, *, number: int, total: int, lang: Lang,
            order: tuple[int, ...], default: int | None, can_go_back: bool, width: int,
            io: dict[str, Any], counter: str | None = None) -> _Drawn:
    """The questionary prompt of *question*, every text wrapped to *width* columns."""
    lines = [counter or i18n.t(lang, "question.counter", k=number, n=total),
             *_indented(question.text(lang), width, indent=2)]
    if question.kind == "scale":
        lines.extend(_indented(i18n.t(lang, "question.scale"), width, indent=2))
    instruction = "\n ".join(wrap(i18n.t(lang, "question.instruction"), width - 2))
    choices = [
        Choice(title=_title(question.options[index].text(lang), width), value=index,
               shortcut_key=str(position + 1) if position < KEYS else False)
        for position, index in enumerate(order)
    ]
    if can_go_back:
        choices.append(Choice(title=_title(i18n.t(lang, "question.back"), width), value=BACK,
                              shortcut_key="0"))
    return _Drawn(questionary.select(
        "\n".join(lines) + "\n",  # the instruction on a line of its own
        choices=choices,
        default=next((c for c in choices if c.value == default), None),
        qmark="?",
        use_shortcuts=True,
        use_arrow_keys=True,
        use_jk_keys=False,
        instruction=instruction,
        style=STYLE,
        erase_when_done=True,  # the next question replaces this one; its lines never pile up
        **io,
    ))


def forget_typed_ahead(io: dict[str, Any]) -> None:
    """Drop the keys typed before a prompt is drawn.

    A double Enter would otherwise answer the next question before the student saw it:
    prompt_toolkit keeps keys read past the end of one prompt for the next
    (:mod:`prompt_toolkit.input.typeahead`), and keys pressed while an answer is saved
    wait in the terminal.  Both are read and forgotten here.
    """
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.input.typeahead import clear_typeahead

    given = io.get("input") or get_app_session().input
    clear_typeahead(given)
    if sys.platform == "win32":  # reading a Windows console waits for a key
        return
    with contextlib.suppress(OSError, ValueError), given.raw_mode():  # a closed terminal
        while given.read_keys():
            pass
        given.flush_keys()  # a lone Esc the parser still holds


def _width(io: dict[str, Any]) -> int:
    """The columns to wrap to: the terminal's, less one so that no line ends at the edge."""
    output = io.get("output")
    columns = output.get_size().columns if output is not None else _columns(sys.stdout)
    return max(columns - 1, 20)


def _indented(text: str, width: int, *, indent: int) -> list[str]:
    return [" " * indent + line for line in wrap(printable(text), width - indent)]


def _title(text: str, width: int) -> str:
    """An option's text wrapped to fit after its pointer and key, later lines under the first."""
    return ("\n" + " " * (POINTER + KEY)).join(wrap(printable(text), width - POINTER - KEY))


def orders(kb: KnowledgeBase, shown: dict[str, tuple[int, ...]], *,
           shuffle: Shuffle) -> dict[str, tuple[int, ...]]:
    """*shown*, completed with an order for every question that has none yet: a scenario's
    options shuffled, a scale's in its own order (disagree to agree)."""
    complete = dict(shown)
    for question in kb.questions:
        if question.id not in complete:
            order = list(range(len(question.options)))
            if question.kind == "choice":
                shuffle(order)
            complete[question.id] = tuple(order)
    return complete


def run(
    kb: KnowledgeBase,
    lang: Lang,
    *,
    sheet: Sheet | None = None,
    on_answer: Callable[[Sheet], None] | None = None,
    shuffle: Shuffle = random.shuffle,
    clock: Callable[[], float] = time.monotonic,
    **io: Any,
) -> Sheet:
    """Ask until every question has an answer, starting at the first unanswered one.

    The sheet that comes back (and each one ``on_answer`` gets) has the answers, the
    order every question's options were shown in, and the seconds spent on each question
    over all its visits: going back and confirming an answer with Enter adds the moment
    it took to the reading before, never replaces it (nor does a visit that went back).
    """
    io = _on_the_terminal(io)
    sheet = sheet or Sheet({})
    given = dict(sheet.answers)
    seconds = dict(sheet.seconds)
    spent = dict(seconds)  # every visit's seconds, answered or not yet
    shown = orders(kb, sheet.shown, shuffle=shuffle)
    questions = kb.questions
    position = next((i for i, q in enumerate(questions) if q.id not in given), len(questions))
    while position < len(questions):
        question = questions[position]
        began = clock()
        choice = ask(
            question,
            number=position + 1,
            total=len(questions),
            lang=lang,
            order=shown[question.id],
            default=given.get(question.id),
            can_go_back=position > 0,
            **io,
        )
        spent[question.id] = spent.get(question.id, 0.0) + clock() - began
        if choice == BACK:
            position -= 1
            continue
        given[question.id] = choice
        seconds[question.id] = round(spent[question.id], 2)
        if on_answer is not None:
            on_answer(replace(sheet, answers=dict(given), shown=dict(shown),
                              seconds=dict(seconds)))
        position += 1
    return replace(sheet, answers=given, shown=shown, seconds=seconds)


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
    if plain.wanted(io):
        plain.show_box(title, paragraphs)
        return
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
    """A yes/no question in *lang*, answered like every question of the quiz: the answer's
    key from the catalogue (``y`` or ``n``; ``y`` or ``t`` for *ya* and *tidak*) or the
    arrows, then Enter.  Ctrl-C raises :class:`KeyboardInterrupt` as the quiz does."""
    if plain.wanted(io):
        return plain.confirm(message, lang=lang, default=default)
    io = _on_the_terminal(io)
    forget_typed_ahead(io)  # a double Enter at the last question is no answer to this one
    width = _width(io)
    choices = [Choice(title=i18n.t(lang, "confirm.yes"), value=True,
                      shortcut_key=i18n.t(lang, "confirm.yes.key")),
               Choice(title=i18n.t(lang, "confirm.no"), value=False,
                      shortcut_key=i18n.t(lang, "confirm.no.key"))]
    answer = interruptible(questionary.select(
        "\n".join(wrap(printable(message), width - 2)) + "\n",
        choices=choices, default=choices[0] if default else choices[1], qmark="?",
        use_shortcuts=True, use_arrow_keys=True, use_jk_keys=False,
        instruction="\n ".join(wrap(i18n.t(lang, "confirm.instruction"), width - 2)),
        style=STYLE, **io)).unsafe_ask()
    if answer is None:
        raise EOFError
    return bool(answer)


def text(message: str, *, lang: Lang, default: str, **io: Any) -> str:
    """A line of text (a file name), *default* when only Enter is pressed (the message says
    it: written into the line, a typed name would be added to it, not replace it); Ctrl-C
    raises :class:`KeyboardInterrupt` as the quiz does."""
    if plain.wanted(io):
        return plain.text(message, lang=lang, default=default)
    io = _on_the_terminal(io)
    width = _width(io)
    answer = interruptible(questionary.text(
        "\n".join(wrap(printable(message), width - 2)), qmark="?",
        style=STYLE, **io)).unsafe_ask()
    if answer is None:
        raise EOFError
    return str(answer).strip() or default


def interruptible(question: questionary.Question) -> questionary.Question:
    """*question*, ended like Ctrl-C by a SIGINT from outside (``kill -INT``).

    While a prompt runs, prompt_toolkit turns SIGINT into a ``<sigint>`` key that
    questionary binds to nothing: the signal was ignored.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add(Keys.SIGINT)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    application = question.application
    application.key_bindings = merge_key_bindings(
        [application.key_bindings or KeyBindings(), bindings])
    return question
