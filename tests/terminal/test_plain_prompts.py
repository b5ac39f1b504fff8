"""On a terminal that cannot move its cursor (``TERM=dumb``) the quiz is a numbered list
and a typed number: no escape codes, Back on 0, every answer reported as it is given."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student.sheets import Sheet
from rolequiz.terminal import prompts


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The first three shipped questions."""
    shipped = knowledge.load()
    return replace(shipped, questions=shipped.questions[:3])


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """What the student types, one line per answer (the test fills it), on a dumb terminal."""
    monkeypatch.setenv("TERM", "dumb")
    lines = io.StringIO()
    monkeypatch.setattr("sys.stdin", lines)
    return lines


def type_lines(typed: io.StringIO, *lines: str) -> None:
    typed.write("".join(f"{line}\n" for line in lines))
    typed.seek(0)


def as_written(order: list[int]) -> None:
    """No shuffling."""


def test_numbers_answer_and_zero_goes_back(kb: KnowledgeBase, typed: io.StringIO,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """2, 3, 0 (back), 1, 4: the answers are 1, 0, 3 (0-based), with no escape code shown."""
    type_lines(typed, "2", "3", "0", "1", "4")
    sheet = prompts.run(kb, "en", shuffle=as_written)
    assert [sheet.answers[q.id] for q in kb.questions] == [1, 0, 3]
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert f"  0) {i18n.t('en', 'question.back')}" in out
    assert f"  1) {kb.questions[0].options[0].text('en')}" in out


def test_every_answer_is_reported_as_it_is_given(kb: KnowledgeBase,
                                                  typed: io.StringIO) -> None:
    """on_answer gets the sheet after each typed answer, so each one is saved at once."""
    type_lines(typed, "1", "2", "3")
    seen: list[dict[str, int]] = []
    prompts.run(kb, "en", shuffle=as_written, on_answer=lambda s: seen.append(s.answers))
    assert [len(answers) for answers in seen] == [1, 2, 3]


def test_a_number_not_shown_is_asked_again(kb: KnowledgeBase, typed: io.StringIO,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """9 and 'x' are not choices of a four-option question: asked again, then 2 counts."""
    first = kb.questions[0]
    type_lines(typed, "9", "x", "2")
    chosen = prompts.ask(first, number=1, total=3, lang="en", order=(0, 1, 2, 3))
    assert chosen == 1
    assert capsys.readouterr().out.count("Please type one of the numbers shown (1, 2, 3, 4).") == 2


def test_enter_alone_keeps_the_answer_given_before(kb: KnowledgeBase, typed: io.StringIO) -> None:
    """Back at an answered question, Enter alone keeps its answer."""
    first = kb.questions[0]
    type_lines(typed, "")
    assert prompts.ask(first, number=1, total=3, lang="en", order=(3, 2, 1, 0), default=2) == 2


def test_the_plain_quiz_speaks_indonesian(kb: KnowledgeBase, typed: io.StringIO,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Under --lang id the counter, the texts and the prompt are Indonesian."""
    type_lines(typed, "1")
    prompts.ask(kb.questions[1], number=2, total=3, lang="id", can_go_back=True)
    out = capsys.readouterr().out
    assert "2 dari 3" in out
    assert kb.questions[1].text("id").split()[0] in out
    assert "Ketik nomor, lalu Enter" in out and "Kembali ke pertanyaan sebelumnya" in out


def test_the_end_of_input_is_a_closed_terminal(kb: KnowledgeBase, typed: io.StringIO) -> None:
    """No more lines to read raises EOFError, which ends the quiz like a closed terminal."""
    type_lines(typed)
    with pytest.raises(EOFError):
        prompts.run(kb, "en", sheet=Sheet({}), shuffle=as_written)


@pytest.mark.parametrize(("lang", "line", "expected"), [("en", "y", True), ("en", "n", False),
                                                        ("id", "t", False), ("en", "", False)])
def test_yes_or_no_is_typed(typed: io.StringIO, lang: str, line: str, expected: bool) -> None:
    """y/n (y/t in Indonesian), Enter alone the default."""
    type_lines(typed, line)
    assert prompts.confirm("Keep?", lang=lang, default=False) is expected
