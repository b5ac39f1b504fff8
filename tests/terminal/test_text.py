"""Text laid out for a terminal: the frame the quiz opens with, at any width."""

from __future__ import annotations

import io
import shlex
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_toolkit.output import create_output

from rolequiz.terminal import prompts
from rolequiz.text import box, cells, command_lines, say, wrap

WORDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60)
"""Any printable text: wide East Asian characters, combining marks, emoji."""


def lines_of(fragments: list[tuple[str, str]]) -> list[str]:
    return "".join(text for _, text in fragments).splitlines()


@settings(max_examples=300, deadline=None)
@given(title=WORDS, paragraphs=st.lists(WORDS, min_size=1, max_size=3),
       width=st.integers(12, 120))
def test_every_line_of_the_frame_is_as_wide_as_asked(title: str, paragraphs: list[str],
                                                     width: int) -> None:
    """The borders line up, whatever the text: each line takes exactly *width* columns."""
    shown = lines_of(box(title, [("", p) for p in paragraphs], width))
    assert [cells(line) for line in shown] == [width] * len(shown)
    assert shown[0].startswith("╭─") and shown[-1].startswith("╰")


@settings(max_examples=300, deadline=None)
@given(text=WORDS, width=st.integers(4, 80))
def test_wrapping_keeps_every_character_in_order(text: str, width: int) -> None:
    """Lines break between words; a word longer than a line is split, never lost."""
    wrapped = wrap(text, width)
    assert "".join("".join(wrapped).split()) == "".join(text.split())
    assert all(cells(line) <= width for line in wrapped if len(line) > 1)


def test_words_stay_whole_when_they_fit() -> None:
    assert wrap("Pick an answer with the arrow keys", 16) == ["Pick an answer", "with the arrow",
                                                              "keys"]


def test_a_title_too_long_for_the_border_is_shown_whole_inside_the_frame() -> None:
    """A narrow terminal loses no word of the title: it moves from the border into the
    frame, wrapped, before the paragraphs."""
    title = "Social Media Role Quiz: Officer, Specialist or Strategist?"
    shown = lines_of(box(title, [("", "20 questions")], 30))
    assert shown[0] == "╭" + "─" * 28 + "╮"
    inside = " ".join(line.strip("│ ") for line in shown[1:-1])
    assert inside == f"{title} 20 questions"
    assert all(cells(line) == 30 for line in shown)
    assert "…" not in "".join(shown)


@pytest.mark.parametrize("columns", [40, 100, 200])
def test_the_quiz_opens_with_a_frame_that_fits_the_terminal(columns: int,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            ) -> None:
    """As wide as the terminal up to 80 columns, the title in its border, every word inside."""
    monkeypatch.setenv("COLUMNS", str(columns))
    screen = io.StringIO()
    title = "Social Media Role Quiz"
    body = "20 questions about how you like to work on social media, about 4 minutes."
    prompts.show_box(title, [("", body), ("dim", "Ctrl-C stops.")],
                     output=create_output(stdout=screen))
    shown = screen.getvalue().splitlines()
    assert {cells(line) for line in shown} == {min(columns, 80)}
    assert shown[0].startswith(f"╭─ {title} ─")
    inside = " ".join(line.strip("│ ") for line in shown[1:-1])
    assert " ".join(inside.split()) == f"{body} Ctrl-C stops."


def test_marks_and_invisible_characters_take_no_column() -> None:
    """Thai vowel marks, accents written apart and a zero-width space: the border stays put."""
    assert cells("สัน") == 2
    assert cells("e\u0301") == 1
    assert cells("a\u200bb") == 2
    assert cells("李娜") == 4
    assert cells("co\u00adop") == 5  # a soft hyphen is drawn


def test_a_title_on_several_lines_is_shown_on_one() -> None:
    top = lines_of(box("Social\nMedia\tQuiz", [("", "x")], 30))[0]
    assert top.startswith("╭─ Social Media Quiz ─") and cells(top) == 30


def test_a_knowledge_base_made_printable_keeps_its_shape() -> None:
    """Every text of every record spelled out; ids, numbers and the index as they were."""
    from dataclasses import replace

    from rolequiz.core.kb import knowledge
    from rolequiz.core.kb.model import Text
    from rolequiz.text import printable_all

    kb = knowledge.load()
    role = kb.roles[0]._replace(name=Text.of(id="\x1b[31mMerah", en="\x1b[31mRed"))
    hostile = replace(kb, roles=(role, *kb.roles[1:]))
    shown = printable_all(hostile)
    assert shown.roles[0].name("en") == "\\x1b[31mRed"
    assert shown.role(role.id).name("en") == "\\x1b[31mRed"  # the index is rebuilt
    assert shown.roles[0].profile == role.profile and shown.questions == kb.questions
    assert type(shown.roles[0]) is type(role) and shown.path == kb.path


def test_a_terminal_that_says_it_has_no_columns_gets_the_usual_width(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A pseudo-terminal whose size was never set reports 0 columns: the frame does not
    shrink to nothing."""
    import os
    import shutil

    monkeypatch.delenv("COLUMNS", raising=False)
    leader, follower = os.openpty()
    try:
        with os.fdopen(follower, "w") as terminal:
            assert os.get_terminal_size(terminal.fileno()).columns == 0
            assert prompts._columns(terminal) == shutil.get_terminal_size().columns > 0
    finally:
        os.close(leader)


def test_a_command_that_does_not_fit_starts_a_line_of_its_own() -> None:
    """At 40 columns the words before a command wrap, and the command starts its own line."""
    command = "'my env/bin/rolequiz' quiz --resume"
    lines = command_lines(f"Interrupted. Your 3 of 20 answers are kept; continue with: {command}",
                          command, 40)
    assert lines[-1] == command
    assert all(cells(line) <= 40 for line in lines)


def test_a_command_longer_than_a_line_breaks_between_its_shell_words() -> None:
    """A quoted path with a space stays on one line; each line the command goes on after
    ends in a backslash."""
    command = "'/home/sari/my env/bin/rolequiz' quiz --resume --save 'my answers.yaml'"
    lines = command_lines(f"continue with: {command}", command, 40)
    assert lines == ["continue with:", "'/home/sari/my env/bin/rolequiz' quiz \\",
                     "--resume --save 'my answers.yaml'"]


RESUME = ("'/home/sari/my env/bin/rolequiz' quiz --resume --kb "
          "'/home/sari/career week/roles.yaml' --lang id")
"""A resume hint with a long program path and knowledge base, as the quiz prints it."""


def shell_words(text: str) -> list[str]:
    """The words a POSIX shell reads in *text* (lines joined by a backslash included)."""
    done = subprocess.run(["/bin/sh", "-c", f"printf '%s\\n' {text}"], capture_output=True,
                          text=True, check=True)
    return done.stdout.splitlines()


@pytest.mark.parametrize("width", [80, 60, 40])
def test_a_wrapped_command_runs_as_printed(width: int) -> None:
    """At 80, 60 and 40 columns, the lines of a long resume hint stay within the width and,
    pasted into a shell, are the command's words, none cut."""
    message = f"Interrupted. Your 3 of 20 answers are kept; continue with: {RESUME}"
    lines = command_lines(message, RESUME, width)
    assert all(cells(line) <= width for line in lines)
    start = next(n for n, line in enumerate(lines) if line.startswith("'/home"))
    assert len(lines) - start > 1  # the command did not fit on one line
    assert shell_words("\n".join(lines[start:])) == shlex.split(RESUME)


def test_a_command_that_fits_stays_after_its_words() -> None:
    """A short command stays on the line of the words that lead to it."""
    assert command_lines("continue with: rolequiz quiz --resume", "rolequiz quiz --resume",
                         40) == ["continue with: rolequiz quiz --resume"]


def test_a_path_longer_than_a_line_before_a_command_is_not_cut() -> None:
    """A long path in the words before a command stays whole on a line of its own."""
    path = "/home/sari/" + "folder/" * 8 + "answers.yaml"
    command = "rolequiz score x"
    lines = command_lines(f"Your answers are in {path}; again: {command}", command, 40)
    assert f"{path};" in lines


def test_a_word_longer_than_the_line_stays_whole_in_a_command() -> None:
    """A program path longer than 40 columns is not cut: it has its line, and the command
    still reads as its words."""
    program = "/home/sari/Documents/career-week/.venv/bin/rolequiz"
    command = f"{program} quiz --resume --lang id"
    lines = command_lines(f"continue with: {command}", command, 40)
    assert f"{program} \\" in lines
    assert shell_words("\n".join(lines[1:])) == shlex.split(command)


def test_a_paragraph_said_to_a_narrow_terminal_breaks_between_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph (no command), said to a 40-column terminal, wraps between words: the
    terminal would cut "komputer ini." into "komputer in" and "i."."""
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "40")
    message = "Jawabanmu sudah dihapus dari komputer ini, supaya orang berikutnya tidak melihatnya."
    say(message, paragraph=True)
    lines = terminal.getvalue().splitlines()
    assert len(lines) > 1 and all(cells(line) < 40 for line in lines)
    assert " ".join(lines) == message
