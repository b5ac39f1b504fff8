"""The quiz in a real pseudo-terminal, played the way a student plays it.

Each test starts ``python -m rolequiz quiz`` under pexpect, waits until a
question is fully drawn (its counter, then its last choice), and only then
types a number and Enter.  Keys are never sent on a timer, and nothing here
measures time: the timeouts only stop a hung run.

``PROMPT_TOOLKIT_NO_CPR=1`` tells prompt_toolkit not to ask the terminal for
the cursor position.  A real terminal answers that question at once; pexpect
does not, so without it every prompt would wait for an answer that never comes.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from checks import assert_headline
from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import scoring, session
from rolequiz.core.student import sheets as answers
from rolequiz.core.student.scoring import Result

pytestmark = pytest.mark.slow

TIMEOUT = 20
"""Seconds to wait for any one thing on screen before giving up."""
ROWS, COLUMNS = 40, 100
Start = Callable[..., pexpect.spawn]
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def plain(text: str) -> str:
    """*text* as a person reads it: no escape sequences, no carriage returns."""
    return ANSI.sub("", text).replace("\r", "")


def lines(screen: str) -> list[str]:
    """The lines of *screen*, without the spaces around them."""
    return [line.strip() for line in screen.splitlines()]


def first_words(prompt: str) -> str:
    """*prompt* up to its first comma: what stays on one line of a narrow terminal."""
    return prompt.split(",")[0]


def chance(fit: float) -> str:
    """A fit as the screen shows it: whole numbers, never 0 or 100."""
    return ">99" if fit >= 99.5 else "<1" if fit < 0.5 else str(round(fit))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, which ``rolequiz quiz`` asks from."""
    return knowledge.load()


class Screen:
    """What the terminal shows: everything the program wrote, played on a terminal emulator."""

    def __init__(self, columns: int, rows: int) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def write(self, data: str) -> None:  # pexpect's logfile_read
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def words(self) -> list[str]:
        """The words on screen in reading order, line after line."""
        return " ".join(self.lines).split()

    def choices(self) -> list[str]:
        """The first line of every choice listed, after its key, top to bottom."""
        return [found[1].strip() for line in self.lines
                if (found := re.match(r"\s*»?\s*[\d-]\) (.+)", line))]


class Student:
    """Someone at the terminal: reads each question, then presses a number and Enter."""

    def __init__(self, child: pexpect.spawn, kb: KnowledgeBase, lang: Lang) -> None:
        self.child = child
        self.kb = kb
        self.lang = lang
        rows, columns = child.getwinsize()
        self.screen = Screen(columns, rows)
        child.logfile_read = self.screen

    def wait_for(self, number: int) -> None:
        """Wait until question *number* is drawn down to its last choice."""
        counter = i18n.t(self.lang, "question.counter", k=number, n=len(self.kb.questions))
        self.child.expect(rf"(?<!\d){re.escape(counter)}")
        question = self.kb.questions[number - 1]
        if number > 1:  # "0" is Back, from question 2 on; the last word of it ends the list
            self.child.expect_exact("0) ")
            last_words = [i18n.t(self.lang, "question.back").split()[-1]]
        else:  # the last option, whichever it is, ends the list
            last = len(question.options)
            self.child.expect_exact(f"{last}) " if last <= 9 else "-) ")
            last_words = [option.text(self.lang).split()[-1] for option in question.options]
        self.child.expect("|".join(re.escape(word) for word in last_words))

    def key_for(self, number: int, index: int) -> str:
        """The key shown for option *index* of question *number*, read off the screen."""
        text = self.kb.questions[number - 1].options[index].text(self.lang)
        for line in self.screen.lines:
            found = re.match(r"\s*»?\s*(\d)\) (.+)", line)
            if found and text.startswith(found[2].strip()):
                return found[1]
        raise AssertionError(f"option {text!r} is not on screen:\n" + "\n".join(self.screen.lines))

    def answer(self, number: int, key: str) -> None:
        """At question *number*, press *key* and Enter."""
        self.wait_for(number)
        self.child.send(key + "\r")

    def choose(self, number: int, index: int) -> None:
        """At question *number*, press the key of option *index* (0-based) and Enter."""
        self.wait_for(number)
        self.child.send(self.key_for(number, index) + "\r")

    def finishes_reading(self) -> None:
        """At the result's first screen, press q and Enter: no details."""
        self.child.expect_exact(first_words(i18n.t(self.lang, "screen.more")))
        self.child.send(i18n.t(self.lang, "screen.more.quit") + "\r")

    def declines_to_keep_the_answers(self) -> None:
        """At the end of a quiz without --save, answer no to keeping the answers in a file
        (after the result's first screen)."""
        self.finishes_reading()
        self.child.expect_exact(i18n.t(self.lang, "finish.keep.students").split()[0])
        self.child.expect_exact(i18n.t(self.lang, "confirm.no"))
        self.child.send(i18n.t(self.lang, "confirm.no.key") + "\r")

    def rest_of_output(self) -> str:
        """Everything shown until the program ends, as plain text (the result's first
        screen finished with q, when it asks)."""
        more = first_words(i18n.t(self.lang, "screen.more"))
        shown = ""
        while self.child.expect_exact([more, pexpect.EOF]) == 0:
            shown += self.child.before + more
            self.child.send(i18n.t(self.lang, "screen.more.quit") + "\r")
        shown += self.child.before
        self.child.close()
        return plain(shown)


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    """A function that starts ``rolequiz`` with the given arguments in a 40×100 terminal."""
    started: list[pexpect.spawn] = []
    env = {**os.environ, "TERM": "xterm", "COLUMNS": str(COLUMNS), "LINES": str(ROWS),
           "PYTHONIOENCODING": "utf-8", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("ROLEQUIZ_LANG", None)
    env.pop("NO_COLOR", None)

    def spawn(*args: str, stdout: str | None = None, columns: int = COLUMNS) -> pexpect.spawn:
        command, arguments = sys.executable, ["-m", "rolequiz", *args]
        if stdout is not None:  # stdout to a file; stdin and stderr stay on the terminal
            script = 'exec "$0" "$@" > ' + shlex.quote(stdout)
            command, arguments = "/bin/sh", ["-c", script, sys.executable, *arguments]
        child = pexpect.spawn(command, arguments, env={**env, "COLUMNS": str(columns)},
                              cwd=str(tmp_path), dimensions=(ROWS, columns), encoding="utf-8",
                              codec_errors="replace", timeout=TIMEOUT)
        started.append(child)
        return child

    yield spawn
    for child in started:
        if child.isalive():
            child.close(force=True)


def cycling(kb: KnowledgeBase, *, shift: int = 0) -> dict[str, int]:
    """Option 1, 2, 3, … question after question, starting over at each question's end."""
    return {q.id: (i + shift) % len(q.options) for i, q in enumerate(kb.questions)}


def play_with_one_back(student: Student, kb: KnowledgeBase, planned: dict[str, int],
                       *, back_at: int) -> dict[str, int]:
    """Answer as *planned*, but at question *back_at* go back once and change the answer before.

    Returns the answers the quiz ends with.
    """
    final = dict(planned)
    changed = kb.questions[back_at - 2]
    final[changed.id] = (planned[changed.id] + 1) % len(changed.options)
    for number, question in enumerate(kb.questions, start=1):
        if number == back_at:
            student.answer(number, "0")
            student.choose(number - 1, final[changed.id])
        student.choose(number, planned[question.id])
    return final


def as_played(kb: KnowledgeBase, path: Path) -> Result:
    """The engine's result for the sheet a quiz saved at *path*, with the positions the options
    were shown at and the seconds each answer took (a test answers within milliseconds, which
    the careless-answering flags may see as too fast)."""
    sheet = answers.load(path, kb)
    return scoring.score(kb, sheet.answers, positions=sheet.positions, seconds=sheet.seconds)


def test_a_student_plays_the_whole_quiz_in_english_and_sees_the_result(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """Numbers and Enter, one Back on the way; the result fits the final answers and is saved."""
    child = start("quiz", "--lang", "en", "--save", "sheet.yaml")
    student = Student(child, kb, "en")
    child.expect_exact(kb.title("en"))

    final = play_with_one_back(student, kb, cycling(kb), back_at=6)
    screen = student.rest_of_output()

    assert (child.exitstatus, child.signalstatus) == (0, None), screen
    assert "Traceback" not in screen
    expected = as_played(kb, tmp_path / "sheet.yaml")
    assert_headline(screen, kb, expected, "en")
    assert kb.role(expected.top.role_id).name("en") in screen
    shown = lines(screen)
    # a test answers within milliseconds: too fast to have read the questions, so the
    # screen points at no role (no reasons, no study programs), only the fits
    assert "too_fast" in expected.flags
    assert i18n.t("en", "screen.fits") in shown
    assert i18n.t("en", "result.why") not in shown
    assert i18n.t("en", "result.programs") not in shown
    assert i18n.t("en", "saved", path="sheet.yaml") in shown

    assert answers.load(tmp_path / "sheet.yaml", kb).answers == final
    scored = subprocess.run(
        [sys.executable, "-m", "rolequiz", "score", "sheet.yaml", "--json", "--lang", "en"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=True,
    )
    document = json.loads(scored.stdout)
    assert document["top"] == expected.decided
    assert document["headline"] in screen
    for fit in document["fits"]:
        assert any(fit["name"] in line and line.endswith(chance(fit["fit"])) for line in shown)
    assert document["programs"] == []


def test_a_student_plays_the_whole_quiz_in_indonesian_and_sees_the_result(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """With --lang id the counter says "k dari N" and the result screen is in Indonesian."""
    child = start("quiz", "--lang", "id", "--save", "sheet.yaml")
    student = Student(child, kb, "id")
    child.expect_exact(kb.title("id"))

    planned = cycling(kb, shift=2)
    for number, question in enumerate(kb.questions, start=1):
        student.choose(number, planned[question.id])
    screen = student.rest_of_output()

    assert (child.exitstatus, child.signalstatus) == (0, None), screen
    assert "Traceback" not in screen
    expected = as_played(kb, tmp_path / "sheet.yaml")
    assert expected.ranking == scoring.score(kb, planned).ranking  # the answers as planned
    assert_headline(screen, kb, expected, "id")
    assert kb.role(expected.top.role_id).name("id") in screen
    shown = lines(screen)
    assert "too_fast" in expected.flags  # answered within milliseconds, as in English
    assert i18n.t("id", "screen.fits") in shown
    assert "Mengapa" not in shown
    assert i18n.t("id", "result.programs") not in shown


def test_with_stdout_redirected_the_quiz_stays_on_screen_and_the_file_gets_only_json(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """``quiz --json > result.json``: the questions on the terminal, only the result in the file."""
    child = start("quiz", "--lang", "en", "--json", "--save", "sheet.yaml", stdout="result.json")
    student = Student(child, kb, "en")
    child.expect_exact(kb.title("en"))

    planned = cycling(kb, shift=1)
    for number, question in enumerate(kb.questions, start=1):
        student.choose(number, planned[question.id])
    screen = student.rest_of_output()

    assert (child.exitstatus, child.signalstatus) == (0, None), screen
    document = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    expected = as_played(kb, tmp_path / "sheet.yaml")
    assert expected.ranking == scoring.score(kb, planned).ranking  # the answers as planned
    assert document["top"] == expected.decided


@pytest.mark.parametrize(("lang", "message"), [("en", "Interrupted."), ("id", "Dihentikan.")])
def test_ctrl_c_mid_quiz_exits_130_and_keeps_the_answers_given(
    kb: KnowledgeBase, start: Start, tmp_path: Path, lang: Lang, message: str
) -> None:
    """Ctrl-C at question 3 ends with exit status 130, one short message, no traceback."""
    child = start("quiz", "--lang", lang, "--save", "sheet.yaml")
    student = Student(child, kb, lang)
    student.choose(1, 1)
    student.choose(2, 2)
    student.wait_for(3)
    child.sendintr()
    screen = student.rest_of_output()

    assert (child.exitstatus, child.signalstatus) == (130, None), screen
    assert message in screen
    assert "Traceback" not in screen
    saved = yaml.safe_load((tmp_path / "sheet.yaml").read_text(encoding="utf-8"))
    first, second = kb.questions[:2]
    assert saved["answers"] == {first.id: first.options[1].id, second.id: second.options[2].id}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_interrupted_quiz_resumes_at_the_right_question_with_nothing_lost(
    kb: KnowledgeBase, start: Start, lang: Lang, tmp_path: Path
) -> None:
    """Ctrl-C after five answers, then --resume: question 6 next, earlier answers kept (and
    changeable), and the result equals the same answers given in one go."""
    planned = cycling(kb, shift=3)
    child = start("quiz", "--lang", lang, "--save", "sheet.yaml")
    student = Student(child, kb, lang)
    for number, question in enumerate(kb.questions[:5], start=1):
        student.choose(number, planned[question.id])
    student.wait_for(6)
    child.sendintr()
    screen = student.rest_of_output()
    assert (child.exitstatus, child.signalstatus) == (130, None), screen
    assert "Traceback" not in screen
    resume = f"rolequiz quiz --resume --save sheet.yaml --lang {lang}"
    assert resume in " ".join(lines(screen))
    assert f"5 {'of' if lang == 'en' else 'dari'} {len(kb.questions)}" in screen

    child = start(*resume.split()[1:])
    student = Student(child, kb, lang)
    child.expect_exact(i18n.t(lang, "session.continuing", answered=5, total=len(kb.questions)))
    student.wait_for(6)  # the first unanswered question
    child.send("0\r")  # back to question 5: its earlier answer is still there
    fifth = kb.questions[4]
    final = dict(planned)
    final[fifth.id] = (planned[fifth.id] + 1) % len(fifth.options)
    student.choose(5, final[fifth.id])
    for number, question in enumerate(kb.questions[5:], start=6):
        student.choose(number, planned[question.id])
    screen = student.rest_of_output()

    assert (child.exitstatus, child.signalstatus) == (0, None), screen
    expected = as_played(kb, tmp_path / "sheet.yaml")
    assert expected.ranking == scoring.score(kb, final).ranking  # as the same answers in one go
    assert_headline(screen, kb, expected, lang)
    shown = lines(screen)
    for fit in expected.ranking:
        name = kb.role(fit.role_id).name(lang)
        assert any(name in line and line.endswith(chance(fit.fit)) for line in shown)


def answer_one_and_stop(start: Start, kb: KnowledgeBase, lang: str, *options: str) -> None:
    """A student who answers the first question, then stops with Ctrl-C: a quiz left
    unfinished, with one answer kept."""
    child = start("quiz", "--lang", lang, *options)
    student = Student(child, kb, lang)
    student.choose(1, 1)
    student.wait_for(2)
    child.sendintr()
    student.rest_of_output()


def test_plain_quiz_offers_to_continue_an_unfinished_one(
    kb: KnowledgeBase, start: Start
) -> None:
    """Without --resume, an unfinished quiz is offered; answering yes continues it."""
    answer_one_and_stop(start, kb, "en")

    child = start("quiz", "--lang", "en")
    child.expect_exact(i18n.t("en", "session.found", answered=1, total=len(kb.questions)))
    child.send("y\r")
    child.expect_exact(i18n.t("en", "session.continuing", answered=1,
                              total=len(kb.questions)))
    Student(child, kb, "en").wait_for(2)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_declining_to_continue_keeps_the_earlier_answers_aside(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """Answering "tidak" (t) to "continue?" starts a new quiz at question 1 and keeps the
    earlier answers in a copy beside the session, named on screen: nothing is lost."""
    answer_one_and_stop(start, kb, "id", "--save", "mine.yaml")
    before = (tmp_path / "mine.yaml").read_text(encoding="utf-8")

    child = start("quiz", "--lang", "id", "--save", "mine.yaml")
    child.expect_exact("Lanjutkan?")
    child.send("t\r")
    child.expect_exact("Memulai kuis baru")
    student = Student(child, kb, "id")
    student.wait_for(1)
    (aside,) = tmp_path.glob("mine.yaml.before-*")
    assert aside.read_text(encoding="utf-8") == before
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_restart_discards_the_unfinished_quiz_after_confirming(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """--restart asks first; yes discards the saved answers and starts at question 1."""
    answer_one_and_stop(start, kb, "en", "--save", "mine.yaml")
    assert (tmp_path / "mine.yaml").exists()

    child = start("quiz", "--lang", "en", "--save", "mine.yaml", "--restart")
    child.expect_exact("start over?")
    child.send("y\r")
    child.expect_exact(i18n.t("en", "session.discarded"))
    student = Student(child, kb, "en")
    student.wait_for(1)
    assert not (tmp_path / "mine.yaml").exists()
    child.sendintr()
    screen = student.rest_of_output()
    assert child.exitstatus == 130
    assert "Interrupted." in screen


def test_a_closed_terminal_keeps_the_answers_and_exits_130(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """SIGHUP (the terminal window closed) at question 3: exit 130, both answers kept."""
    import signal

    child = start("quiz", "--lang", "en", "--save", "sheet.yaml")
    student = Student(child, kb, "en")
    student.choose(1, 0)
    student.choose(2, 1)
    student.wait_for(3)
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert (child.exitstatus, child.signalstatus) == (130, None)
    saved = answers.parse_partial((tmp_path / "sheet.yaml").read_text(encoding="utf-8"),
                                  file="sheet.yaml", kb=kb)
    assert saved.sheet.answers == {kb.questions[0].id: 0, kb.questions[1].id: 1}


def reads_whole(screen: list[str], text: str) -> bool:
    """Whether the words of *text* follow each other on *screen*, none broken or missing."""
    words = text.split()
    return any(screen[k:k + len(words)] == words for k in range(len(screen) - len(words) + 1))


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_question_and_option_reads_whole_at_this_width(
    kb: KnowledgeBase, start: Start, lang: Lang, columns: int
) -> None:
    """On a terminal emulator of this width, each question's and option's words are all on
    screen, in order, none broken at the edge."""
    child = start("quiz", "--lang", lang, columns=columns)
    student = Student(child, kb, lang)
    for number, question in enumerate(kb.questions, start=1):
        student.wait_for(number)
        shown = student.screen.words()
        for text in (question.text(lang), *(option.text(lang) for option in question.options)):
            assert reads_whole(shown, text), f"{text!r} at {columns} columns:\n" + "\n".join(
                student.screen.lines)
        child.send("\r")
    student.declines_to_keep_the_answers()
    screen = student.rest_of_output()
    assert child.exitstatus == 0, screen


def with_extra_options(kb: KnowledgeBase, path: Path, count: int) -> KnowledgeBase:
    """*kb* with *count* more options on its first question, written to *path*."""
    document = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    options = document["questions"][0]["options"]
    options.extend({"id": f"extra{k}", "weights": options[0]["weights"],
                    "text": {"id": f"Pilihan tambahan nomor {k}", "en": f"Extra option number {k}"}}
                   for k in range(1, count + 1))
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return knowledge.load(path)


def test_a_question_with_eleven_options_validates_and_its_last_is_reached_with_the_arrows(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """Eleven options: ``validate`` accepts them, the quiz shows them all, and ten arrows down
    then Enter answer the eleventh shown."""
    more = with_extra_options(kb, tmp_path / "more.yaml", 7)
    assert len(more.questions[0].options) == 11
    validate = start("validate", "--kb", "more.yaml")
    validate.expect(pexpect.EOF)
    validate.close()
    assert validate.exitstatus == 0
    child = start("quiz", "--kb", "more.yaml", "--lang", "en", "--save", "sheet.yaml")
    student = Student(child, more, "en")
    student.wait_for(1)
    listed = student.screen.choices()
    assert len(listed) == 11
    child.send("\x1b[B" * 10 + "\r")
    student.wait_for(2)
    child.sendintr()
    student.rest_of_output()
    saved = yaml.safe_load((tmp_path / "sheet.yaml").read_text(encoding="utf-8"))
    first = more.questions[0]
    chosen = next(o for o in first.options if o.id == saved["answers"][first.id])
    assert chosen.text("en").startswith(listed[10])


def test_resume_with_another_quiz_keeps_no_answer_to_questions_whose_ids_collide(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """Three answers in another quiz with ids q01…, then ``quiz --resume`` with the shipped
    one: none is kept, the student is told so, and the quiz opens at question 1."""
    document = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    questions = document["questions"]
    document["questions"] = [{**questions[(k + 1) % len(questions)], "id": question["id"]}
                             for k, question in enumerate(questions)]
    (tmp_path / "other.yaml").write_text(yaml.safe_dump(document, allow_unicode=True),
                                         encoding="utf-8")
    other = knowledge.load(tmp_path / "other.yaml")
    assert [q.id for q in other.questions[:3]] == [q.id for q in kb.questions[:3]]

    child = start("quiz", "--kb", "other.yaml", "--lang", "en")
    student = Student(child, other, "en")
    for number in (1, 2, 3):
        student.choose(number, 0)
    student.wait_for(4)
    child.sendintr()
    student.rest_of_output()
    assert child.exitstatus == 130

    child = start("quiz", "--resume", "--lang", "en")
    student = Student(child, kb, "en")
    told = i18n.t("en", "session.kept", kept=0, saved=3, open=len(kb.questions), aside="\0")
    child.expect_exact(told.split("\0")[0])
    student.wait_for(1)
    child.sendintr()
    student.rest_of_output()
    assert child.exitstatus == 130
    copies = list(session.default_path().parent.glob("session.yaml.before-*"))
    assert len(copies) == 1
    assert len(yaml.safe_load(copies[0].read_text(encoding="utf-8"))["answers"]) == 3


def test_the_saved_sheet_lists_the_options_in_the_order_they_were_on_screen(
    kb: KnowledgeBase, start: Start, tmp_path: Path
) -> None:
    """``shown`` in the --save file names question 1's options top to bottom as drawn, and
    ``seconds`` has a time for its answer."""
    child = start("quiz", "--lang", "en", "--save", "sheet.yaml")
    student = Student(child, kb, "en")
    student.wait_for(1)
    listed = student.screen.choices()
    student.child.send("1\r")
    student.wait_for(2)
    child.sendintr()
    student.rest_of_output()
    saved = yaml.safe_load((tmp_path / "sheet.yaml").read_text(encoding="utf-8"))
    first = kb.questions[0]
    texts = {option.id: option.text("en") for option in first.options}
    shown = saved["shown"][first.id]
    assert len(shown) == len(listed)
    assert all(texts[option_id].startswith(line) for option_id, line in zip(shown, listed,
                                                                           strict=True))
    assert saved["seconds"][first.id] >= 0


def test_a_resumed_quiz_shows_the_options_in_the_order_shown_before(
    kb: KnowledgeBase, start: Start
) -> None:
    """Back to question 1 after --resume lists its options as the first session did."""
    child = start("quiz", "--lang", "id")
    student = Student(child, kb, "id")
    student.wait_for(1)
    before = student.screen.choices()
    child.send("2\r")
    student.wait_for(2)
    child.sendintr()
    student.rest_of_output()

    child = start("quiz", "--resume", "--lang", "id")
    student = Student(child, kb, "id")
    student.answer(2, "0")
    student.wait_for(1)
    assert student.screen.choices()[:len(before)] == before
    child.sendintr()
    student.rest_of_output()
