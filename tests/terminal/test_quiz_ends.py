"""How a quiz in a real terminal ends, and that no answer is lost or left behind on the way:
a result the output cannot take, signals from outside, a second quiz, a folder that stops
taking the answers, the end of the quiz on a shared computer, a dumb terminal.

Played on the tiny knowledge base (six questions) under pexpect, as in test_terminal.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from test_terminal import ROWS, TIMEOUT, Student, plain

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase

pytestmark = pytest.mark.slow

TINY = Path(__file__).parent.parent / "fixtures" / "tiny.yaml"
Start = Callable[..., pexpect.spawn]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load(TINY)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The student's ROLEQUIZ_HOME, where the unfinished quiz is kept."""
    return tmp_path / "home"


@pytest.fixture
def start(tmp_path: Path, home: Path) -> Iterator[Start]:
    """Start ``rolequiz quiz --kb tiny.yaml ARGS`` in English in an 80-column terminal."""
    started: list[pexpect.spawn] = []

    def spawn(*args: str, term: str = "xterm", encoding: str = "utf-8") -> pexpect.spawn:
        env = {**os.environ, "TERM": term, "COLUMNS": "80", "LINES": str(ROWS),
               "PYTHONIOENCODING": encoding, "PROMPT_TOOLKIT_NO_CPR": "1",
               "ROLEQUIZ_HOME": str(home), "ROLEQUIZ_LANG": "en"}
        env.pop("NO_COLOR", None)
        child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "quiz", "--kb", str(TINY),
                                               *args], env=env, cwd=str(tmp_path),
                              dimensions=(ROWS, 80), encoding=encoding,
                              codec_errors="replace", timeout=TIMEOUT)
        started.append(child)
        return child

    yield spawn
    for child in started:
        if child.isalive():
            child.close(force=True)


def session_answers(home: Path) -> dict[str, object]:
    return dict(yaml.safe_load((home / "session.yaml").read_text(encoding="utf-8"))["answers"])


def play_all(student: Student, kb: KnowledgeBase) -> None:
    for number in range(1, len(kb.questions) + 1):
        student.choose(number, 0)


def test_a_result_the_output_encoding_cannot_take_is_shown_with_replacements(
        kb: KnowledgeBase, start: Start, home: Path) -> None:
    """Under PYTHONIOENCODING=cp437 the quiz ends with its result (exit 0), not an error."""
    child = start(encoding="cp437")
    student = Student(child, kb, "en")
    play_all(student, kb)
    child.expect("|".join(role.name("en") for role in kb.roles))  # the result's first bar
    student.declines_to_keep_the_answers()
    screen = student.rest_of_output()
    assert child.exitstatus == 0, screen
    assert "internal error" not in screen


def test_answers_stay_until_the_result_is_written(
        kb: KnowledgeBase, start: Start, home: Path, tmp_path: Path) -> None:
    """The --report folder gone before the end: exit 2, and all six answers still kept,
    with the command that shows the result again."""
    (tmp_path / "out").mkdir()
    child = start("--report", "out/report.md")
    student = Student(child, kb, "en")
    for number in range(1, len(kb.questions)):
        student.choose(number, 0)
    shutil.rmtree(tmp_path / "out")
    student.choose(len(kb.questions), 0)
    screen = student.rest_of_output()
    assert child.exitstatus == 2, screen
    assert len(session_answers(home)) == len(kb.questions)
    assert "Your answers are kept in" in screen and "rolequiz quiz --resume" in screen


def test_declining_at_the_end_leaves_no_answers_behind(
        kb: KnowledgeBase, start: Start, home: Path, tmp_path: Path) -> None:
    """No to keeping the answers: the session is deleted and the student is told so."""
    child = start()
    student = Student(child, kb, "en")
    play_all(student, kb)
    student.declines_to_keep_the_answers()
    screen = student.rest_of_output()
    assert child.exitstatus == 0, screen
    assert i18n.t("en", "finish.deleted") in screen
    assert not (home / "session.yaml").exists()
    assert not list(tmp_path.glob("*.yaml"))


def test_keeping_at_the_end_writes_the_answers_where_the_student_says(
        kb: KnowledgeBase, start: Start, home: Path, tmp_path: Path) -> None:
    """Yes, then Enter on the offered name: the answers are in ./rolequiz-answers.yaml, its
    full path is shown, and the session is deleted."""
    child = start()
    student = Student(child, kb, "en")
    play_all(student, kb)
    student.finishes_reading()
    child.expect_exact(i18n.t("en", "confirm.no"))
    child.send("y\r")
    child.expect_exact(i18n.t("en", "finish.where", default="rolequiz-answers.yaml"))
    child.send("\r")
    screen = " ".join(plain(student.rest_of_output()).split())  # a terminal's lines joined
    kept = tmp_path / "rolequiz-answers.yaml"
    assert child.exitstatus == 0, screen
    assert f"Your answers are in {kept.resolve()}" in screen
    assert len(yaml.safe_load(kept.read_text(encoding="utf-8"))["answers"]) == len(kb.questions)
    assert not (home / "session.yaml").exists()


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_from_outside_stops_the_quiz_as_ctrl_c_does(
        kb: KnowledgeBase, start: Start, home: Path, name: str) -> None:
    """`kill -INT` or `kill -TERM` at question 3: exit 130, the resume line, two answers kept,
    the lock gone."""
    child = start()
    student = Student(child, kb, "en")
    student.choose(1, 0)
    student.choose(2, 1)
    student.wait_for(3)
    os.kill(child.pid, getattr(signal, name))
    screen = student.rest_of_output()
    assert (child.exitstatus, child.signalstatus) == (130, None), screen
    assert "rolequiz quiz --resume" in screen
    assert len(session_answers(home)) == 2
    assert not (home / "session.yaml.lock").exists()


def test_a_second_quiz_on_the_same_answers_is_refused(
        kb: KnowledgeBase, start: Start) -> None:
    """While one quiz runs, a second on the same session exits 2 saying to use --save FILE."""
    first = start()
    Student(first, kb, "en").wait_for(1)
    second = start()
    screen = plain(Student(second, kb, "en").rest_of_output())
    assert second.exitstatus == 2, screen
    assert "another quiz is using" in screen
    assert "rolequiz quiz --save FILE" in screen.replace("\n", "")


def test_a_folder_that_stops_taking_the_answers_ends_the_quiz_saying_how_to_go_on(
        kb: KnowledgeBase, start: Start, home: Path) -> None:
    """The session folder replaced by a file after answer 1: exit 2, on a line of its own,
    where the answer so far is and the --save command to go on with."""
    child = start()
    student = Student(child, kb, "en")
    student.choose(1, 0)
    student.wait_for(2)
    home.rename(home.with_name("moved"))
    home.write_text("not a folder", encoding="utf-8")
    child.send("1\r")
    screen = student.rest_of_output()
    assert child.exitstatus == 2, screen
    shown = "".join(student.screen.lines)  # the error's line is wrapped at 80 columns
    assert any(line.startswith("rolequiz: error: ") for line in student.screen.lines), shown
    assert f"rolequiz: error: {home / 'session.yaml'}: cannot make its folder" in shown
    assert "your 1 of 6 answers so far are in" in shown
    # the terminal wraps the one line wherever the 80th column falls, a space included
    assert "rolequizquiz--resume--saveFILE" in "".join(shown.split())


def test_a_dumb_terminal_gets_numbered_lines_and_no_cursor_codes(
        kb: KnowledgeBase, start: Start, home: Path) -> None:
    """TERM=dumb: the quiz is played with typed numbers, 0 going back; no escape code is
    written before the result."""
    child = start(term="dumb")
    for number in range(1, len(kb.questions) + 1):
        child.expect_exact(f"{number} of {len(kb.questions)}")
        child.expect_exact("Type a number, then Enter")
        child.send("1\r")
        if number == 2:  # back once, then the same answer again
            child.expect_exact("3 of")
            child.expect_exact("Type a number")
            child.send("0\r")
            child.expect_exact("2 of")
            child.expect_exact("(Enter alone keeps 1)")
            child.send("\r")
    child.expect_exact(i18n.t("en", "screen.more").split(",")[0])
    child.sendline("q")
    child.expect_exact(i18n.t("en", "finish.keep.students").split()[0])
    played = child.before
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b" not in played
    assert not (home / "session.yaml").exists()


@pytest.mark.parametrize("columns", [80, 60, 40])
def test_the_resume_hint_wraps_between_words_and_runs_as_printed(
        kb: KnowledgeBase, tmp_path: Path, home: Path, columns: int) -> None:
    """Ctrl-C in an Indonesian quiz started with long paths, at 80, 60 and 40 columns: the
    resume hint stays within the width, breaks only between words, each line that goes on
    ending in a backslash, and its lines read by a shell are the command's words."""
    (tmp_path / "minggu karier").mkdir()
    shutil.copy(TINY, tmp_path / "minggu karier" / "peran museum.yaml")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": str(ROWS),
           "PROMPT_TOOLKIT_NO_CPR": "1", "ROLEQUIZ_HOME": str(home)}
    env.pop("NO_COLOR", None)
    options = ["--kb", "minggu karier/peran museum.yaml", "--save", "jawaban kelas XI.yaml",
               "--lang", "id"]  # the hint gives --save first, then --kb and --lang
    child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "quiz", *options], env=env,
                          cwd=str(tmp_path), dimensions=(ROWS, columns), encoding="utf-8",
                          timeout=TIMEOUT)
    student = Student(child, kb, "id")
    student.choose(1, 0)
    student.wait_for(2)
    child.sendintr()
    shown = [line.rstrip() for line in student.rest_of_output().splitlines()]
    assert child.exitstatus == 130, shown
    label = i18n.t("id", "session.interrupted", answered=1, total=len(kb.questions),
                   path="", command="").split("; ")[-1].strip()  # "lanjutkan dengan:"
    at = next(n for n, line in enumerate(shown) if line.endswith(label.split()[-1])) + 1
    printed = [shown[at]]
    while printed[-1].endswith(" \\"):
        at += 1
        printed.append(shown[at])
    assert len(printed) > 1  # too long for one line at every width
    assert all(len(line) <= columns for line in printed)
    done = subprocess.run(["/bin/sh", "-c", "printf '%s\\n' " + "\n".join(printed)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-8:] == ["quiz", "--resume", "--save",
                                             "jawaban kelas XI.yaml", *options[:2], "--lang",
                                             "id"]
