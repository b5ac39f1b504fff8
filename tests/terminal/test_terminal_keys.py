"""Keys and the terminal, in a real pseudo-terminal at the sizes students have: 40×14,
60×24 and 80×24, in both languages.

The pointer's option is always on screen whole, however small the terminal; a scale
starts on its middle; a key typed before a question is drawn never answers it; a window
narrowed during a question gets the question drawn again at its new width; and the
command an interrupted quiz suggests runs as printed.  As in test_terminal, keys are
sent once something is on screen, never on a timer; the timeouts only stop a hung run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import sysconfig
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
from test_terminal import TIMEOUT, Screen, plain

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import session

pytestmark = pytest.mark.slow

SIZES = [(40, 14), (60, 24), (80, 24)]
"""Columns and rows of the terminals tried."""
LANGS: list[Lang] = ["en", "id"]
DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
SYSTEM_PATH = os.pathsep.join(folder for folder in ("/usr/local/bin", "/usr/bin", "/bin")
                              if Path(folder).is_dir())
"""A PATH without the virtual environment rolequiz is installed in."""
Start = Callable[..., "Terminal"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base: a scenario first, then an agreement statement."""
    shipped = knowledge.load()
    assert [q.kind for q in shipped.questions[:2]] == ["choice", "scale"]
    return shipped


class Terminal:
    """A quiz in a terminal of a given size, and what its screen shows."""

    def __init__(self, child: pexpect.spawn, kb: KnowledgeBase, lang: Lang) -> None:
        self.child, self.kb, self.lang = child, kb, lang
        rows, columns = child.getwinsize()
        self.screen = Screen(columns, rows)
        child.logfile_read = self.screen

    def until(self, shown: Callable[[], bool], what: str) -> None:
        """Read what the program draws until *shown* is true of the screen."""
        while not shown():
            try:
                self.child.read_nonblocking(size=65536, timeout=TIMEOUT)
            except (pexpect.TIMEOUT, pexpect.EOF):
                raise AssertionError(f"{what} never shown:\n" + "\n".join(
                    self.screen.lines)) from None

    def counter(self, number: int) -> str:
        return i18n.t(self.lang, "question.counter", k=number, n=len(self.kb.questions))

    def at_question(self, number: int) -> None:
        """Wait until question *number* is drawn with its pointer."""
        self.until(lambda: self.counter(number) in self.screen.lines[0] + " ".join(
            self.screen.lines) and self.pointed() is not None, f"question {number}")

    def pointed(self) -> str | None:
        """The whole text of the option under the pointer as far as the screen shows it."""
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

    def resize(self, columns: int, rows: int) -> None:
        self.screen.screen.resize(rows, columns)
        self.child.setwinsize(rows, columns)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def start(tmp_path: Path, kb: KnowledgeBase) -> Iterator[Start]:
    """Start ``rolequiz quiz --lang LANG --save sheet.yaml`` in a terminal of a given size."""
    started: list[pexpect.spawn] = []

    def spawn(lang: Lang, columns: int, rows: int, *, shell: str | None = None,
              env: dict[str, str] | None = None) -> Terminal:
        """The quiz, or the *shell* command line given, in a terminal of that size."""
        environment = {**os.environ, "TERM": "xterm", "PYTHONIOENCODING": "utf-8",
                       "PROMPT_TOOLKIT_NO_CPR": "1", **(env or {})}
        for variable in ("COLUMNS", "LINES", "NO_COLOR", "ROLEQUIZ_LANG"):
            environment.pop(variable, None)  # the size is the terminal's, and may change
        command, arguments = sys.executable, ["-m", "rolequiz", "quiz", "--lang", lang,
                                              "--save", "sheet.yaml"]
        if shell is not None:
            command, arguments = "/bin/sh", ["-c", shell]
        child = pexpect.spawn(command, arguments, env=environment, cwd=str(tmp_path),
                              dimensions=(rows, columns), encoding="utf-8",
                              codec_errors="replace", timeout=TIMEOUT)
        started.append(child)
        return Terminal(child, kb, lang)

    yield spawn
    for child in started:
        if child.isalive():
            child.close(force=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("columns", "rows"), SIZES)
def test_the_pointers_option_is_always_on_screen_whole(
        kb: KnowledgeBase, start: Start, lang: Lang, columns: int, rows: int) -> None:
    """Down through every option of a scenario and of a scale to Back: each one, under the
    pointer, is on screen to its last word."""
    terminal = start(lang, columns, rows)
    for number, extra in ((1, []), (2, [i18n.t(lang, "question.back")])):
        terminal.at_question(number)
        question = kb.questions[number - 1]
        every = {words(o.text(lang)) for o in question.options} | {words(e) for e in extra}
        seen = {terminal.pointed()}
        for _ in range(len(every) - 1):
            before = terminal.pointed()
            terminal.child.send(DOWN)
            terminal.until(lambda before=before, every=every: terminal.pointed() != before
                           and terminal.pointed() in every, "the next option whole")
            seen.add(terminal.pointed())
        assert seen == every
        terminal.child.send("1" + ENTER)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("columns", "rows"), SIZES)
def test_an_agreement_statement_starts_on_the_middle_of_its_scale(
        kb: KnowledgeBase, start: Start, lang: Lang, columns: int, rows: int) -> None:
    """At a statement never answered, the pointer is on "Neutral", not "Strongly disagree"."""
    terminal = start(lang, columns, rows)
    terminal.at_question(1)
    terminal.child.send("1" + ENTER)
    terminal.at_question(2)
    scale = kb.questions[1].options
    assert terminal.pointed() == words(scale[len(scale) // 2].text(lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("columns", "rows"), SIZES)
def test_a_double_enter_does_not_answer_the_next_question(
        kb: KnowledgeBase, start: Start, tmp_path: Path, lang: Lang, columns: int,
        rows: int) -> None:
    """"2", Enter, Enter at question 1: question 2 waits for its own answer, here "4"."""
    terminal = start(lang, columns, rows)
    terminal.at_question(1)
    terminal.child.send("2" + ENTER + ENTER)
    terminal.at_question(2)
    terminal.child.send("4" + ENTER)
    terminal.at_question(3)
    kept = session.load(tmp_path / "sheet.yaml", kb)
    positions = {qid: kept.shown[qid].index(index) for qid, index in kept.answers.items()}
    first, second = (q.id for q in kb.questions[:2])
    assert positions == {first: 1, second: 3}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (60, 24)])
def test_a_narrowed_window_draws_the_question_again_at_its_width(
        kb: KnowledgeBase, start: Start, lang: Lang, columns: int, rows: int) -> None:
    """Narrowed to 40 columns at question 2, every word of it is on screen, nothing cut; at
    question 3 no copy of question 2 is left above."""
    terminal = start(lang, columns, rows)
    terminal.at_question(1)
    terminal.child.send("1" + ENTER)
    terminal.at_question(2)
    terminal.resize(40, rows)
    question = kb.questions[1]
    expected = [*question.text(lang).split(), *(w for o in question.options
                                                for w in o.text(lang).split())]
    terminal.until(lambda: all(word in terminal.screen.words() for word in expected),
                   "question 2 at 40 columns")
    terminal.child.send("1" + ENTER)
    terminal.at_question(3)
    assert terminal.counter(2) not in " ".join(terminal.screen.lines)
    assert words(question.text(lang)) not in words(" ".join(terminal.screen.lines))


@pytest.fixture
def installed(tmp_path: Path) -> str:
    """The installed ``rolequiz`` program, copied into ``my env/bin`` of the student's folder
    (a virtual environment's program, whose folder is not on PATH), quoted for the shell."""
    script = Path(sysconfig.get_path("scripts")) / "rolequiz"
    target = tmp_path / "my env" / "bin" / "rolequiz"
    target.parent.mkdir(parents=True)
    shutil.copy2(script, target)
    return shlex.quote("my env/bin/rolequiz")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (40, 14)])
def test_the_command_an_interrupted_quiz_suggests_continues_it(
        kb: KnowledgeBase, start: Start, installed: str, lang: Lang, columns: int,
        rows: int) -> None:
    """Started as ``'my env/bin/rolequiz'`` with PATH lacking it, Ctrl-C's "continue with"
    command is on screen with no word of it cut at the edge, and typed into the same shell
    it continues the quiz."""
    env = {"PATH": SYSTEM_PATH}
    terminal = start(lang, columns, rows, env=env,
                     shell=f"{installed} quiz --lang {lang} --save sheet.yaml")
    terminal.at_question(1)
    terminal.child.send("1" + ENTER)
    terminal.at_question(2)
    terminal.child.send(CTRL_C)
    terminal.child.expect(pexpect.EOF)
    # a command too long for its line goes on after a backslash: the shell reads a space
    said = words(plain(terminal.child.before)).replace(" \\ ", " ")
    label = words(i18n.t(lang, "session.interrupted", answered=1,
                         total=len(kb.questions), path="sheet.yaml", command=""))
    assert label in said, said
    command = said.split(label, 1)[1].strip()
    assert command.startswith(installed + " ")
    for word in (shlex.quote(word) for word in shlex.split(command)):
        assert any(word in line for line in terminal.screen.lines), (word, terminal.screen.lines)
    again = start(lang, columns, rows, shell=command, env=env)
    again.child.expect_exact(i18n.t(lang, "session.continuing", answered=1,
                                    total=len(kb.questions)))
    again.at_question(2)
