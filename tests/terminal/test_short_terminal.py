"""The short quiz (``rolequiz quiz --short``) in a real pseudo-terminal, at 80×24 and 40×14,
in both languages, played as a student plays it.

The student knows what they want to answer, not where: each question is read off the
screen, and the pointer is moved down until it is on the planned option (the list scrolls
on a small terminal, and a scenario's options come shuffled).  As in test_terminal, keys
are sent once something is on screen, never on a timer; the timeouts only stop a hung run.

The knowledge base is the shipped one with no reading time (``too_fast_choice`` and
``too_fast_statement`` at 0): a test answers within milliseconds, which the careless checks
would otherwise see as too fast to have read, and the short quiz never stops on flagged
answers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from test_terminal import TIMEOUT, Screen, first_words, plain

from checks import typical
from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import adaptive, sheets

pytestmark = pytest.mark.slow

SIZES = [(80, 24), (40, 14)]
"""Columns and rows of the terminals tried."""
DOWN, ENTER = "\x1b[B", "\r"
FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"


def patient(source: Path, target: Path) -> Path:
    """The knowledge base at *source* with no reading time, written to *target*."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.setdefault("settings", {}).update(too_fast_choice=0, too_fast_statement=0)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return target


@pytest.fixture
def kb_path(tmp_path: Path) -> Path:
    return patient(knowledge.load().path, tmp_path / "kb.yaml")


@pytest.fixture
def kb(kb_path: Path) -> KnowledgeBase:
    return knowledge.load(kb_path)


def words(text: str) -> str:
    return " ".join(text.split())


def compact(text: str) -> str:
    """*text* without any space: wrapped lines read as one."""
    return "".join(text.split())


class Student:
    """Someone at a short quiz: finds the question on screen, moves the pointer to the
    planned answer and presses Enter."""

    def __init__(self, child: pexpect.spawn, kb: KnowledgeBase, lang: Lang) -> None:
        self.child, self.kb, self.lang = child, kb, lang
        rows, columns = child.getwinsize()
        self.screen = Screen(columns, rows)
        child.logfile_read = self.screen
        self.label = i18n.t(lang, "question.counter.short.last", k=0).split()[0]
        self.answered: list[str] = []
        self.counters: list[str] = []
        self.result: list[str] = []
        """The screen when the result's first screen asks for Enter or q."""

    def until(self, shown: Callable[[], bool], what: str) -> None:
        """Read what the program draws until *shown* is true of the screen."""
        while not shown():
            try:
                self.child.read_nonblocking(size=65536, timeout=TIMEOUT)
            except (pexpect.TIMEOUT, pexpect.EOF):
                raise AssertionError(f"{what} never shown:\n" + "\n".join(
                    self.screen.lines)) from None

    def counter(self, number: int) -> str | None:
        """The progress line of question *number*, if it is on screen."""
        for line in self.screen.lines:
            found = re.search(rf"(?<!\S){self.label} {number} · .*", line)
            if found:
                return found[0].strip()
        return None

    def pointed(self) -> str | None:
        """The words of the option under the pointer, as far as the screen shows them."""
        lines = self.screen.lines
        at = [i for i, line in enumerate(lines) if re.match(r"\s*» [\d-]\) ", line)]
        if len(at) != 1:
            return None
        text = [re.sub(r"^\s*» [\d-]\) ", "", lines[at[0]])]
        for line in lines[at[0] + 1:]:
            if not line.strip() or re.match(r"\s*[\d-]\) ", line):
                break
            text.append(line)
        return words(" ".join(text))

    def ended(self) -> bool:
        """The result's first screen is asking for Enter or q."""
        return first_words(i18n.t(self.lang, "screen.more")) in " ".join(self.screen.lines)

    def question(self) -> str:
        """The id of the question on screen (its words, however wrapped)."""
        shown = compact(" ".join(self.screen.lines))
        found = [q.id for q in self.kb.questions
                 if compact(q.text(self.lang))[:40] in shown]
        assert len(found) == 1, "\n".join(self.screen.lines)
        return found[0]

    def next_question(self) -> str | None:
        """Wait for the next question, or the result; the question's id, None at the end."""
        number = len(self.answered) + 1
        self.until(lambda: self.ended() or (self.counter(number) is not None
                                            and self.pointed() is not None),
                   f"question {number}")
        if self.ended():
            return None
        self.counters.append(self.counter(number) or "")
        return self.question()

    def choose(self, wanted: str) -> None:
        """Move the pointer down to *wanted* (words) and press Enter."""
        for _ in range(3 * 7):  # the list goes round; a partly drawn pointer is passed again
            before = self.pointed()
            if before == wanted:
                self.child.send(ENTER)
                return
            self.child.send(DOWN)
            self.until(lambda was=before: self.pointed() not in (None, was),  # type: ignore[misc]
                       f"below {before!r}")
        raise AssertionError(f"{wanted!r} never under the pointer:\n" + "\n".join(
            self.screen.lines))

    def answer(self, question_id: str, index: int) -> None:
        """Answer the question on screen with its option *index*."""
        self.choose(words(self.kb.question(question_id).options[index].text(self.lang)))
        self.answered.append(question_id)

    def back(self) -> None:
        """Choose Back."""
        self.choose(words(i18n.t(self.lang, "question.back")))
        self.answered.pop()

    def play(self, plan: dict[str, int], *, stop_after: int | None = None) -> list[str]:
        """Answer from *plan* until the result (or until *stop_after* answers, then wait for
        the next question); the questions asked, in order."""
        while (question := self.next_question()) is not None:
            if stop_after is not None and len(self.answered) == stop_after:
                break
            self.answer(question, plan[question])
        return list(self.answered)

    def finish(self) -> str:
        """q at the result's first screen, no to keeping the answers (without --save); the
        exit status, checked 0, and everything shown after the questions, as plain text."""
        self.until(self.ended, "the result")
        self.result = list(self.screen.lines)
        self.child.send(i18n.t(self.lang, "screen.more.quit") + ENTER)
        shown = ""
        keep = i18n.t(self.lang, "finish.keep.students").split()[0]
        if self.child.expect_exact([keep, pexpect.EOF]) == 0:
            shown += self.child.before
            self.child.expect_exact(i18n.t(self.lang, "confirm.no"))
            self.child.send(i18n.t(self.lang, "confirm.no.key") + ENTER)
            self.child.expect(pexpect.EOF)
        shown += self.child.before
        self.child.close()
        assert self.child.exitstatus == 0, plain(shown)
        return plain(shown)


Start = Callable[..., Student]


@pytest.fixture
def start(tmp_path: Path, kb_path: Path, kb: KnowledgeBase) -> Iterator[Start]:
    """Start ``rolequiz quiz --short --kb kb.yaml ARGS`` in a terminal of a given size."""
    started: list[pexpect.spawn] = []

    def spawn(lang: Lang, columns: int, rows: int, *args: str, short: bool = True,
              kb_file: Path = kb_path, with_kb: KnowledgeBase = kb) -> Student:
        env = {**os.environ, "TERM": "xterm", "PYTHONIOENCODING": "utf-8",
               "PROMPT_TOOLKIT_NO_CPR": "1", "ROLEQUIZ_HOME": str(tmp_path / "home")}
        for variable in ("COLUMNS", "LINES", "NO_COLOR", "ROLEQUIZ_LANG"):
            env.pop(variable, None)  # the size is the terminal's
        child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "quiz",
                                               *(["--short"] if short else []), "--kb",
                                               str(kb_file), "--lang", lang, *args],
                              env=env, cwd=str(tmp_path), dimensions=(rows, columns),
                              encoding="utf-8", codec_errors="replace", timeout=TIMEOUT)
        started.append(child)
        return Student(child, with_kb, lang)

    yield spawn
    for child in started:
        if child.isalive():
            child.close(force=True)


def about(lang: Lang, counter: str, number: int) -> int:
    """The N of "about N more" in the progress line *counter* of question *number* (0 for
    "perhaps the last"); the line must be one of the two."""
    if counter == i18n.t(lang, "question.counter.short.last", k=number):
        return 0
    before, after = i18n.t(lang, "question.counter.short", k=number, more="\0").split("\0")
    found = re.fullmatch(re.escape(before) + r"(\d+)" + re.escape(after), counter)
    assert found, counter
    return int(found[1])


def saved(path: Path, kb: KnowledgeBase) -> sheets.Sheet:
    return sheets.load(path, kb)


def score_json(tmp_path: Path, kb_path: Path, sheet: Path, lang: Lang) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "rolequiz", "score", str(sheet), "--json",
                           "--kb", str(kb_path), "--lang", lang], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", check=True)
    document: dict[str, object] = json.loads(done.stdout)
    return document


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("columns", "rows"), SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
def test_a_consistent_students_short_quiz_ends_early_with_the_result_on_screen(
        start: Start, kb: KnowledgeBase, lang: Lang, columns: int, rows: int) -> None:
    """A role's typical student: fewer questions than the full quiz, "about N more" above
    each, and the final screen names the role with every bar and says how many were asked."""
    role = kb.roles[0]
    student = start(lang, columns, rows)
    asked = student.play(typical(kb, role.id))
    student.finish()
    assert 0 < len(asked) < len(kb.questions)
    assert [counter.split(" · ")[0] for counter in student.counters] == \
        [f"{student.label} {number}" for number in range(1, len(asked) + 1)]
    for number, counter in enumerate(student.counters, start=1):
        assert about(lang, counter, number) <= len(kb.questions) - number
    result = words(" ".join(line.replace("│", " ") for line in student.result))
    assert words(role.name(lang)) in result
    for other in kb.roles:
        assert any(line.strip().startswith(other.short(lang) if columns < 60 else
                                           other.name(lang))
                   and ("█" in line or "░" in line) for line in student.result), \
            "\n".join(student.result)
    final = compact(" ".join(student.screen.lines))  # the terminal wraps it, anywhere
    assert compact(i18n.t(lang, "short.asked", asked=len(asked),
                          total=len(kb.questions))) in final


@pytest.mark.parametrize(("lang", "size"), [("en", SIZES[0]), ("id", SIZES[1])])
def test_the_saved_short_sheet_scores_as_the_quiz_said(
        start: Start, kb: KnowledgeBase, kb_path: Path, tmp_path: Path, lang: Lang,
        size: tuple[int, int]) -> None:
    """--save: the sheet lists the questions in the order asked, and ``score --json`` of it
    gives the role the quiz showed, clear, with the same questions under ``asked``."""
    role = kb.roles[1]
    student = start(lang, *size, "--save", "sheet.yaml")
    asked = student.play(typical(kb, role.id))
    student.finish()
    sheet = saved(tmp_path / "sheet.yaml", kb)
    assert list(sheet.asked or ()) == asked
    document = score_json(tmp_path, kb_path, tmp_path / "sheet.yaml", lang)
    assert (document["top"], document["confidence"]) == (role.id, "clear")
    assert document["asked"] == asked
    assert words(str(document["headline"])) in words(" ".join(student.screen.lines)
                                                      .replace("│", " "))


@pytest.mark.parametrize(("lang", "size"), [("en", SIZES[0]), ("id", SIZES[1])])
def test_back_changes_an_answer_and_the_questions_after_it_follow_the_new_one(
        start: Start, kb: KnowledgeBase, tmp_path: Path, lang: Lang,
        size: tuple[int, int]) -> None:
    """At the third question, Back, and the second answered as another role's student would:
    the quiz goes on from the new answer, and the sheet has it, no question twice."""
    plan = typical(kb, kb.roles[0].id)
    other = typical(kb, kb.roles[2].id)
    student = start(lang, *size, "--save", "sheet.yaml")
    first = student.next_question()
    assert first is not None
    student.answer(first, plan[first])
    second = student.next_question()
    assert second is not None
    student.answer(second, plan[second])
    assert student.next_question() is not None
    student.back()
    assert student.next_question() == second
    changed = other[second] if other[second] != plan[second] else \
        (plan[second] + 1) % len(kb.question(second).options)
    student.answer(second, changed)
    final = {**plan, second: changed}
    asked = student.play(final)
    student.finish()
    sheet = saved(tmp_path / "sheet.yaml", kb)
    assert sheet.answers[second] == changed
    assert list(sheet.asked or ()) == asked
    assert len(set(asked)) == len(asked)
    assert sheet.answers == {q: final[q] for q in asked}


@pytest.mark.parametrize(("lang", "size"), [("en", SIZES[0]), ("id", SIZES[1])])
def test_resume_after_ctrl_c_goes_on_in_the_same_order(
        start: Start, kb: KnowledgeBase, tmp_path: Path, lang: Lang,
        size: tuple[int, int]) -> None:
    """Ctrl-C after four answers: exit 130 with a resume command that says --short; resumed,
    the quiz goes on from the fifth question the short quiz's rule gives for those four
    answers as they were shown (each student's options come in an order of their own), and
    the sheet it keeps is the path the rule takes through its answers."""
    plan = typical(kb, kb.roles[2].id)
    student = start(lang, *size, "--save", "sheet.yaml")
    first = student.play(plan, stop_after=4)
    student.child.sendintr()
    student.child.expect(pexpect.EOF)
    # a command too long for its line goes on after a backslash: the shell reads a space
    told = words(plain(student.child.before)).replace(" \\ ", " ")
    student.child.close()
    assert student.child.exitstatus == 130, told
    # a long command goes on over lines ending in " \\", which a shell joins
    assert "--resume --short --save sheet.yaml" in told.replace(" \\ ", " ")

    resumed = start(lang, *size, "--resume", "--save", "sheet.yaml")
    resumed.answered = first[:4]
    asked = resumed.play(plan)
    resumed.finish()
    kept = saved(tmp_path / "sheet.yaml", kb)
    assert tuple(asked[:4]) == tuple(first[:4]) and kept.asked == tuple(asked)
    assert tuple(kept.asked) == tuple(adaptive.order(kb, kept.answers, adaptive.Seen(
        positions=kept.positions or {}, seconds=kept.seconds or None)))


def test_an_unfinished_short_quiz_goes_on_as_one_without_short(
        start: Start, kb: KnowledgeBase, tmp_path: Path) -> None:
    """Two answers, Ctrl-C, then ``quiz --save sheet.yaml`` without --short, yes to
    continuing: the student is told it is a short quiz, and question 3 says "about N
    more"."""
    student = start("id", 80, 24, "--save", "sheet.yaml")
    first = student.play(typical(kb, kb.roles[0].id), stop_after=2)
    student.child.sendintr()
    student.child.expect(pexpect.EOF)
    student.child.close()

    again = start("id", 80, 24, "--save", "sheet.yaml", short=False)
    again.child.expect_exact(i18n.t("id", "confirm.no"))
    again.child.send(i18n.t("id", "confirm.yes.key") + ENTER)
    again.child.expect_exact(first_words(i18n.t("id", "session.kind.short")))
    again.answered = first
    assert again.next_question() is not None
    about("id", again.counters[-1], 3)
    again.child.sendintr()
    again.child.expect(pexpect.EOF)
    again.child.close()
    assert again.child.exitstatus == 130


def test_a_four_role_knowledge_base_is_asked_in_the_short_quizs_order(
        start: Start, tmp_path: Path) -> None:
    """four-roles.yaml (six questions, too few for the careless checks to be met early): all
    six in the order the answers call for, then the result with its four bars."""
    kb_file = patient(FOUR_ROLES, tmp_path / "four.yaml")
    four = knowledge.load(kb_file)
    plan = typical(four, four.roles[3].id)
    student = start("en", 80, 24, "--save", "sheet.yaml", kb_file=kb_file, with_kb=four)
    asked = student.play(plan)
    student.finish()
    assert sorted(asked) == sorted(q.id for q in four.questions)
    assert tuple(asked) == adaptive.order(four, plan, adaptive.Seen(
        positions=saved(tmp_path / "sheet.yaml", four).positions))
    assert asked != [q.id for q in four.questions]
    for role in four.roles:
        assert any(line.strip().startswith(role.name("en")) and ("█" in line or "░" in line)
                   for line in student.screen.lines), "\n".join(student.screen.lines)


def test_a_dumb_terminal_plays_the_short_quiz_line_by_line(
        tmp_path: Path, kb_path: Path, kb: KnowledgeBase) -> None:
    """TERM=dumb: "Question k · about N more" above numbered options, typed numbers, the
    quiz ends before the last question, and no escape code is written before the result."""
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "80", "LINES": "24",
           "PYTHONIOENCODING": "utf-8", "ROLEQUIZ_HOME": str(tmp_path / "home")}
    child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "quiz", "--short", "--kb",
                                           str(kb_path), "--lang", "en"],
                          env=env, cwd=str(tmp_path), dimensions=(24, 80), encoding="utf-8",
                          timeout=TIMEOUT)
    plan = typical(kb, kb.roles[1].id)
    more = first_words(i18n.t("en", "screen.more"))
    played, count = "", 0
    try:
        while child.expect([r"Question \d+ · [^\n]*\n", re.escape(more)]) == 0:
            played += child.before + child.after
            child.expect_exact("Type a number")
            listed = child.before
            played += listed
            question = next(q for q in kb.questions if words(q.text("en"))[:40]
                            in words(listed))
            keys = dict(re.findall(r"^\s*(\d)\) (.+?)\s*$", listed, re.M))
            text = words(question.options[plan[question.id]].text("en"))
            child.sendline(next(k for k, shown in keys.items() if text.startswith(shown)))
            count += 1
        played += child.before
        child.sendline("q")
        child.expect_exact(i18n.t("en", "finish.keep.students").split()[0])
        child.sendline("n")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert 0 < count < len(kb.questions)
    assert "\x1b" not in played
    counters = re.findall(r"Question \d+ · [^\r\n]*", played)
    assert len(counters) == count
    assert all(about("en", counter, number) <= len(kb.questions) - number
               for number, counter in enumerate(counters, start=1))
