"""The interactive quiz, driven through real questionary prompts.

Each prompt runs as a real prompt_toolkit application reading a pipe.  The
keys a student presses at a prompt are written to the pipe just as that prompt
is created (keys written earlier are dropped, as a student's typed-ahead keys
are), so no test depends on timing or on keys left over from an earlier prompt,
and every prompt's message and choices are recorded for the checks.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
import questionary
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from questionary import Choice

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student.sheets import Sheet
from rolequiz.terminal import prompts

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"


@dataclass
class Asked:
    """One prompt as the student saw it."""

    message: str
    choices: list[Choice]
    default: Choice | None


@dataclass
class Quiz:
    """A quiz played through a pipe: the answers, and every prompt on the way."""

    answers: dict[str, int]
    asked: list[Asked]
    sheet: Sheet


Play = Callable[..., Quiz]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The first four shipped questions, choices and scales: a short quiz of real questions."""
    shipped = knowledge.load()
    assert {q.kind for q in shipped.questions[:4]} == {"choice", "scale"}
    assert len(shipped.questions[0].options) >= 4
    return replace(shipped, questions=shipped.questions[:4])


@pytest.fixture
def play(monkeypatch: pytest.MonkeyPatch) -> Iterator[Play]:
    """A function that plays ``prompts.run`` with scripted keys, one string per prompt."""
    real_select = questionary.select

    with create_pipe_input() as pipe:

        def run(kb: KnowledgeBase, keys: list[str], *, lang: Lang = "en", ahead: str = "",
                **options: Any) -> Quiz:
            """*ahead* is typed after every answer, before the next question is drawn."""
            asked: list[Asked] = []
            if ahead:
                report = options.pop("on_answer", None)

                def type_ahead(sheet: Sheet) -> None:
                    pipe.send_text(ahead)
                    if report is not None:
                        report(sheet)

                options["on_answer"] = type_ahead

            def select(message: str, *, choices: list[Choice], **kwargs: Any) -> Any:
                if len(asked) == len(keys):
                    raise AssertionError(f"prompt {len(asked) + 1} has no keys in the script")
                asked.append(Asked(message, list(choices), kwargs.get("default")))
                question = real_select(message, choices=choices, **kwargs)
                pipe.send_text(keys[len(asked) - 1])
                return question

            monkeypatch.setattr(questionary, "select", select)
            options.setdefault("shuffle", as_written)
            sheet = prompts.run(kb, lang, input=pipe, output=DummyOutput(), **options)
            assert len(asked) == len(keys), "the quiz ended before the script did"
            return Quiz(sheet.answers, asked, sheet)

        yield run


def as_written(order: list[int]) -> None:
    """No shuffling: the options in the knowledge base's order, as most tests want them."""


def reversing(order: list[int]) -> None:
    """A known order that is not the written one."""
    order.reverse()


def words(text: str) -> str:
    """*text* with its line breaks and indents as single spaces."""
    return " ".join(text.split())


def enters(count: int) -> list[str]:
    """Enter alone at *count* prompts in a row."""
    return [ENTER] * count


def firsts(count: int) -> list[str]:
    """"1" then Enter at *count* prompts in a row: the first option shown, scale or not."""
    return ["1" + ENTER] * count


def test_a_number_then_enter_picks_that_option(kb: KnowledgeBase, play: Play) -> None:
    """Typing "3" then Enter at a question answers its third option."""
    quiz = play(kb, ["3" + ENTER, *enters(len(kb.questions) - 1)])
    assert quiz.answers[kb.questions[0].id] == 2


def test_arrow_down_then_enter_picks_the_second_option(kb: KnowledgeBase, play: Play) -> None:
    """The down arrow then Enter answers the second option."""
    quiz = play(kb, [DOWN + ENTER, *enters(len(kb.questions) - 1)])
    assert quiz.answers[kb.questions[0].id] == 1


def test_enter_alone_picks_the_first_option_of_a_scenario(kb: KnowledgeBase,
                                                          play: Play) -> None:
    """Enter alone at a scenario answers its first option, where the pointer starts."""
    quiz = play(kb, enters(len(kb.questions)))
    assert {q.id: quiz.answers[q.id] for q in kb.questions if q.kind == "choice"} == {
        q.id: 0 for q in kb.questions if q.kind == "choice"}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_enter_alone_at_an_agreement_statement_is_neutral(kb: KnowledgeBase, play: Play,
                                                          lang: Lang) -> None:
    """The pointer starts on the middle of a scale: a stray Enter saves no strong opinion."""
    quiz = play(kb, enters(len(kb.questions)), lang=lang)
    scales = [q for q in kb.questions if q.kind == "scale"]
    assert scales
    for question in scales:
        assert question.options[quiz.answers[question.id]].text("en") == "Neutral"


def test_a_double_enter_does_not_answer_the_next_question(kb: KnowledgeBase,
                                                          play: Play) -> None:
    """An Enter pressed twice at a question is not the next question's answer."""
    quiz = play(kb, ["2" + ENTER + ENTER, "3" + ENTER, *firsts(len(kb.questions) - 2)])
    assert [quiz.answers[q.id] for q in kb.questions[:3]] == [1, 2, 0]


def test_keys_typed_while_an_answer_is_saved_are_dropped(kb: KnowledgeBase,
                                                         play: Play) -> None:
    """A key pressed after an answer and before the next question is drawn answers nothing."""
    quiz = play(kb, ["2" + ENTER, "3" + ENTER, *firsts(len(kb.questions) - 2)],
                ahead="4" + ENTER)
    assert [quiz.answers[q.id] for q in kb.questions[:3]] == [1, 2, 0]


def test_every_question_is_asked_once_in_order(kb: KnowledgeBase, play: Play) -> None:
    """Without going back, the prompts count 1 of N to N of N in the knowledge base's order."""
    total = len(kb.questions)
    quiz = play(kb, enters(total))
    counters = [asked.message.splitlines()[0] for asked in quiz.asked]
    assert counters == [i18n.t("en", "question.counter", k=k, n=total)
                        for k in range(1, total + 1)]
    texts = [words("\n".join(asked.message.splitlines()[1:])) for asked in quiz.asked]
    for text, question in zip(texts, kb.questions, strict=True):
        assert text.startswith(question.text("en"))


def test_the_counter_says_k_of_n_in_english(kb: KnowledgeBase, play: Play) -> None:
    """In English the second prompt begins with "2 of N"."""
    quiz = play(kb, enters(len(kb.questions)), lang="en")
    assert quiz.asked[1].message.startswith(f"2 of {len(kb.questions)}\n")


def test_the_counter_says_k_dari_n_in_indonesian(kb: KnowledgeBase, play: Play) -> None:
    """In Indonesian the second prompt begins with "2 dari N" and shows the Indonesian text."""
    quiz = play(kb, enters(len(kb.questions)), lang="id")
    assert quiz.asked[1].message.startswith(f"2 dari {len(kb.questions)}\n")
    assert kb.questions[1].text("id") in quiz.asked[1].message


def test_option_k_has_shortcut_key_k(kb: KnowledgeBase, play: Play) -> None:
    """The options are titled with their texts and answer to the keys 1, 2, 3, …"""
    quiz = play(kb, enters(len(kb.questions)))
    first = kb.questions[0]
    options = quiz.asked[0].choices
    assert [words(str(c.title)) for c in options] == [option.text("en")
                                                       for option in first.options]
    assert [c.shortcut_key for c in options] == [str(k) for k in range(1, len(options) + 1)]
    assert [c.value for c in options] == list(range(len(first.options)))


def test_the_first_question_has_no_back_choice(kb: KnowledgeBase, play: Play) -> None:
    """Question 1 offers only its options; nothing answers to "0"."""
    quiz = play(kb, enters(len(kb.questions)))
    first = quiz.asked[0].choices
    assert len(first) == len(kb.questions[0].options)
    assert prompts.BACK not in [c.value for c in first]
    assert "0" not in [c.shortcut_key for c in first]


def test_later_questions_end_with_a_back_choice_on_zero(kb: KnowledgeBase, play: Play) -> None:
    """From question 2 on, the last choice is "Back", with the key "0"."""
    quiz = play(kb, enters(len(kb.questions)), lang="id")
    for asked in quiz.asked[1:]:
        back = asked.choices[-1]
        assert (back.value, back.shortcut_key) == (prompts.BACK, "0")
        assert words(str(back.title)) == i18n.t("id", "question.back")


def test_zero_then_enter_goes_back_and_the_new_answer_counts(
    kb: KnowledgeBase, play: Play
) -> None:
    """"0" + Enter on question 2 asks question 1 again, and its new answer is the one kept."""
    first, second = kb.questions[0].id, kb.questions[1].id
    quiz = play(kb, ["1" + ENTER, "0" + ENTER, "4" + ENTER, "2" + ENTER,
                     *enters(len(kb.questions) - 2)])
    counters = [asked.message.splitlines()[0] for asked in quiz.asked[:4]]
    total = len(kb.questions)
    assert counters == [f"1 of {total}", f"2 of {total}", f"1 of {total}", f"2 of {total}"]
    assert quiz.answers[first] == 3
    assert quiz.answers[second] == 1


def test_going_back_preselects_the_previous_answer(kb: KnowledgeBase, play: Play) -> None:
    """Back at question 2 points at question 1's answer, so Enter alone keeps it."""
    quiz = play(kb, ["3" + ENTER, "0" + ENTER, ENTER, *enters(len(kb.questions) - 1)])
    again = quiz.asked[2]
    assert again.default is not None and again.default.value == 2
    assert quiz.answers[kb.questions[0].id] == 2


def test_coming_forward_again_preselects_the_later_answer(
    kb: KnowledgeBase, play: Play
) -> None:
    """Back at question 3, then Enter at questions 2 and 3, keeps both earlier answers."""
    quiz = play(kb, ["2" + ENTER, "3" + ENTER, "0" + ENTER, ENTER, ENTER,
                     *enters(len(kb.questions) - 3)])
    assert [asked.message.splitlines()[0] for asked in quiz.asked[:5]] == [
        f"{k} of {len(kb.questions)}" for k in (1, 2, 3, 2, 3)
    ]
    assert quiz.asked[3].default is not None and quiz.asked[3].default.value == 2
    assert (quiz.answers[kb.questions[0].id], quiz.answers[kb.questions[1].id]) == (1, 2)


def test_on_answer_gets_every_answer_so_far_after_each_answer(
    kb: KnowledgeBase, play: Play
) -> None:
    """``on_answer`` follows each answer with all answers so far; choosing Back is no answer."""
    sheets: list[Sheet] = []
    ids = [question.id for question in kb.questions]
    quiz = play(kb, ["2" + ENTER, "0" + ENTER, "1" + ENTER, *firsts(len(ids) - 1)],
                on_answer=sheets.append)
    reports = [sheet.answers for sheet in sheets]
    assert reports[0] == {ids[0]: 1}
    assert reports[1] == {ids[0]: 0}
    assert reports[2] == {ids[0]: 0, ids[1]: 0}
    assert len(reports) == len(ids) + 1
    assert reports[-1] == quiz.answers


def test_run_starts_at_the_first_unanswered_question(kb: KnowledgeBase, play: Play) -> None:
    """Given answers to the first questions, the quiz opens at the next one and keeps them."""
    given = {question.id: 1 for question in kb.questions[:3]}
    total = len(kb.questions)
    quiz = play(kb, firsts(total - 3), sheet=Sheet(given))
    assert quiz.asked[0].message.startswith(f"4 of {total}\n")
    assert quiz.answers == {**given, **{q.id: 0 for q in kb.questions[3:]}}


def test_back_from_the_first_unanswered_question_shows_a_given_answer(
    kb: KnowledgeBase, play: Play
) -> None:
    """Going back from where a resumed quiz opens preselects the answer it was given."""
    given = {kb.questions[0].id: 3}
    quiz = play(kb, ["0" + ENTER, *enters(len(kb.questions))], sheet=Sheet(given))
    assert quiz.asked[1].message.startswith(f"1 of {len(kb.questions)}\n")
    assert quiz.asked[1].default is not None and quiz.asked[1].default.value == 3
    assert quiz.answers[kb.questions[0].id] == 3


def test_run_with_every_answer_given_asks_nothing(kb: KnowledgeBase, play: Play) -> None:
    """A complete answer sheet comes back unchanged without a single prompt."""
    given = {question.id: 0 for question in kb.questions}
    quiz = play(kb, [], sheet=Sheet(given))
    assert quiz.answers == given
    assert quiz.asked == []


def test_the_answers_passed_in_are_not_changed(kb: KnowledgeBase, play: Play) -> None:
    """``run`` works on a copy of the answers it is given."""
    given = {kb.questions[0].id: 1}
    play(kb, enters(len(kb.questions) - 1), sheet=Sheet(given))
    assert given == {kb.questions[0].id: 1}


def test_ctrl_c_raises_keyboard_interrupt_after_reporting_earlier_answers(
    kb: KnowledgeBase, play: Play
) -> None:
    """Ctrl-C at question 2 raises KeyboardInterrupt; question 1's answer was already reported."""
    sheets: list[Sheet] = []
    with pytest.raises(KeyboardInterrupt):
        play(kb, ["2" + ENTER, CTRL_C], on_answer=sheets.append)
    assert [sheet.answers for sheet in sheets] == [{kb.questions[0].id: 1}]


def test_a_closed_input_raises_eof_error(kb: KnowledgeBase) -> None:
    """When the terminal goes away before an answer, ``run`` raises EOFError."""
    with create_pipe_input() as pipe:
        pipe.close()
        with pytest.raises(EOFError):
            prompts.run(kb, "en", input=pipe, output=DummyOutput())


def test_options_come_in_the_order_drawn_and_number_keys_follow_it(
    kb: KnowledgeBase, play: Play
) -> None:
    """With the order reversed, "1" + Enter answers the option shown first: the last one."""
    first = kb.questions[0]
    quiz = play(kb, ["1" + ENTER, *enters(len(kb.questions) - 1)], shuffle=reversing)
    assert [c.value for c in quiz.asked[0].choices] == list(reversed(range(len(first.options))))
    assert quiz.answers[first.id] == len(first.options) - 1


def test_a_scale_keeps_its_order_from_disagree_to_agree(kb: KnowledgeBase, play: Play) -> None:
    """The order drawn applies to scenarios only: a scale's labels stay as written."""
    quiz = play(kb, enters(len(kb.questions)), shuffle=reversing)
    for asked, question in zip(quiz.asked, kb.questions, strict=True):
        if question.kind == "scale":
            values = [c.value for c in asked.choices if c.value != prompts.BACK]
            assert values == list(range(len(question.options)))


def test_going_back_shows_the_options_in_the_same_order(kb: KnowledgeBase, play: Play) -> None:
    """A question asked again after "Back" lists its options as it did the first time."""
    quiz = play(kb, [ENTER, "0" + ENTER, *enters(len(kb.questions))],
                shuffle=random.Random(7).shuffle)
    assert [c.value for c in quiz.asked[2].choices] == [c.value for c in quiz.asked[0].choices]


def test_a_resumed_sheet_shows_the_order_it_was_shown_in_before(
    kb: KnowledgeBase, play: Play
) -> None:
    """The order kept in a session is the order shown when the quiz continues."""
    first = kb.questions[0]
    quiz = play(kb, enters(len(kb.questions)), sheet=Sheet({}, shown={first.id: (2, 0, 3, 1)}),
                shuffle=reversing)
    assert [c.value for c in quiz.asked[0].choices] == [2, 0, 3, 1]
    assert quiz.sheet.shown[first.id] == (2, 0, 3, 1)


def test_the_sheet_records_where_the_chosen_option_was_shown(
    kb: KnowledgeBase, play: Play
) -> None:
    """Pressing "2" records position 1 (0-based), whichever option stood there."""
    quiz = play(kb, ["2" + ENTER, *firsts(len(kb.questions) - 1)], shuffle=reversing)
    assert quiz.sheet.positions[kb.questions[0].id] == 1
    assert quiz.sheet.positions[kb.questions[1].id] == 0


def test_the_sheet_records_the_seconds_each_answer_took(kb: KnowledgeBase, play: Play) -> None:
    """Seconds are measured from the question being asked to its answer, on the given clock."""
    ticks = iter([100.0, 104.5, 110.0, 111.25, 120.0, 130.0, 140.0, 141.0])
    quiz = play(kb, enters(len(kb.questions)), clock=lambda: next(ticks))
    assert quiz.sheet.seconds == {kb.questions[0].id: 4.5, kb.questions[1].id: 1.25,
                                  kb.questions[2].id: 10.0, kb.questions[3].id: 1.0}


def test_going_back_and_confirming_adds_to_the_seconds_of_a_question(
    kb: KnowledgeBase, play: Play
) -> None:
    """A question's seconds are those of every visit: reading it, then Back, then Enter."""
    # q1 4 s; q2 5 s; q3 2 s then Back; q2 again 0.5 s (Enter); q3 again 3 s; q4 1 s
    ticks = iter([0.0, 4.0, 4.0, 9.0, 9.0, 11.0, 11.0, 11.5, 11.5, 14.5, 14.5, 15.5])
    quiz = play(kb, [ENTER, ENTER, "0" + ENTER, ENTER, ENTER, ENTER],
                clock=lambda: next(ticks))
    ids = [question.id for question in kb.questions]
    assert quiz.sheet.seconds == {ids[0]: 4.0, ids[1]: 5.5, ids[2]: 5.0, ids[3]: 1.0}


def test_a_careful_student_who_goes_back_and_confirms_is_not_too_fast(play: Play) -> None:
    """5.6 s a question, then Back from q20 to q11 and Enter through: no ``too_fast``."""
    from rolequiz.core.student import scoring

    shipped = knowledge.load()
    total = len(shipped.questions)
    back = total // 2 - 1  # from the last question back to the eleventh of twenty
    times = [5.6] * (total - 1) + [0.3] * back + [0.4] * (back + 1)
    ticks = [0.0, *itertools.accumulate(times)]  # each visit begins where the last ended
    clock = iter(tick for start, end in itertools.pairwise(ticks) for tick in (start, end))
    keys = enters(total - 1) + ["0" + ENTER] * back + enters(back + 1)
    quiz = play(shipped, keys, clock=lambda: next(clock))
    result = scoring.score(shipped, quiz.answers, seconds=quiz.sheet.seconds)
    assert "too_fast" not in result.flags


@pytest.fixture(scope="module")
def twelve(kb: KnowledgeBase) -> KnowledgeBase:
    """The short quiz whose first question has twelve options."""
    first = kb.questions[0]
    options = tuple(first.options[0]._replace(id=f"o{k}", text=first.options[0].text)
                    for k in range(1, 13))
    return replace(kb, questions=(first._replace(options=options), *kb.questions[1:]))


def test_a_question_with_twelve_options_gives_keys_to_the_first_nine(
    twelve: KnowledgeBase, play: Play
) -> None:
    """Options 1 to 9 answer to their number; the tenth and later have no key."""
    quiz = play(twelve, enters(len(twelve.questions)))
    keys = [c.shortcut_key for c in quiz.asked[0].choices]
    assert keys == ["1", "2", "3", "4", "5", "6", "7", "8", "9", None, None, None]


def test_the_arrows_reach_the_eleventh_option(twelve: KnowledgeBase, play: Play) -> None:
    """Ten times down, then Enter, answers the eleventh of twelve options."""
    quiz = play(twelve, [DOWN * 10 + ENTER, *enters(len(twelve.questions) - 1)])
    assert quiz.answers[twelve.questions[0].id] == 10


def test_a_scale_with_ten_labels_is_answered_with_the_arrows(kb: KnowledgeBase,
                                                             play: Play) -> None:
    """A statement with ten labels: keys 1 to 9, and nine arrows down from the first reach
    the tenth."""
    scale = next(q for q in kb.questions if q.kind == "scale")
    labels = tuple(scale.options[0]._replace(id=str(k)) for k in range(1, 11))
    ten = replace(kb, questions=(scale._replace(options=labels),))
    quiz = play(ten, ["1" + DOWN * 9 + ENTER])
    assert [c.shortcut_key for c in quiz.asked[0].choices][8:] == ["9", None]
    assert quiz.answers[scale.id] == 9


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., tuple[bool, str]]]:
    """A function that asks ``prompts.confirm`` through a pipe and returns the answer and
    everything drawn on the way; *keys* are typed once the question is made, *ahead*
    before."""
    from io import StringIO

    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    real_select = questionary.select

    with create_pipe_input() as pipe:

        def ask(keys: str, *, lang: Lang, default: bool, ahead: str = "") -> tuple[bool, str]:
            screen = StringIO()
            output = Vt100_Output(screen, lambda: Size(rows=24, columns=60), term="dumb")

            def select(*args: Any, **kwargs: Any) -> Any:
                question = real_select(*args, **kwargs)
                pipe.send_text(keys)
                return question

            monkeypatch.setattr(questionary, "select", select)
            pipe.send_text(ahead)
            answer = prompts.confirm("Continue?", lang=lang, default=default, input=pipe,
                                     output=output)
            return answer, screen.getvalue()

        yield ask


@pytest.mark.parametrize(("keys", "default", "expected"), [
    ("y" + ENTER, False, True), ("n" + ENTER, True, False),
    (ENTER, True, True), (ENTER, False, False),
])
def test_a_yes_or_no_question_takes_y_or_n_then_enter_or_its_default(
        confirm: Callable[..., tuple[bool, str]], keys: str, default: bool,
        expected: bool) -> None:
    """y or n then Enter answers yes or no; Enter alone takes the default."""
    assert confirm(keys, lang="en", default=default)[0] is expected


def test_a_yes_or_no_question_speaks_indonesian_under_id(
        confirm: Callable[..., tuple[bool, str]]) -> None:
    """Under --lang id the choices read "Ya" and "Tidak", and no English "Yes", "No" or
    "(Y/n)" is drawn."""
    answer, drawn = confirm("y" + ENTER, lang="id", default=False)
    assert answer is True
    assert confirm("t" + ENTER, lang="id", default=True)[0] is False  # t for tidak
    assert "Ya" in drawn and "Tidak" in drawn
    assert not re.search(r"\bYes\b|\bNo\b|\(Y/n\)", drawn)


def test_an_enter_typed_ahead_does_not_answer_a_yes_or_no_question(
        confirm: Callable[..., tuple[bool, str]]) -> None:
    """An Enter left over from the last question does not answer "keep your answers?"."""
    assert confirm("y" + ENTER, lang="en", default=False, ahead=ENTER)[0] is True


def typed_name(monkeypatch: pytest.MonkeyPatch, keys: str) -> str:
    """What :func:`prompts.text` returns when *keys* are typed at it (sent once the question
    is on the screen, as a student types)."""
    real_text = questionary.text
    with create_pipe_input() as pipe:

        def text(*args: Any, **kwargs: Any) -> Any:
            question = real_text(*args, **kwargs)
            pipe.send_text(keys)
            return question

        monkeypatch.setattr(questionary, "text", text)
        return prompts.text("File to keep them in (Enter alone: rolequiz-answers.yaml):",
                            lang="en", default="rolequiz-answers.yaml", input=pipe,
                            output=DummyOutput())


def test_a_typed_file_name_replaces_the_offered_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing 'sari.yaml' at the end of the quiz gives sari.yaml, not the offered name with
    sari.yaml glued to it."""
    assert typed_name(monkeypatch, "sari.yaml" + ENTER) == "sari.yaml"


def test_enter_alone_takes_the_offered_file_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter alone keeps the answers under the name the question offers."""
    assert typed_name(monkeypatch, ENTER) == "rolequiz-answers.yaml"
