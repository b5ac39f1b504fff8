"""The result on a real terminal: the first screen in one look, the details on a key.

``rolequiz score`` runs under pexpect in a pseudo-terminal of a given size, and pyte
plays what it wrote, so the assertions read the screen the student is left with.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from test_terminal import TIMEOUT, Screen, Student, cycling, first_words

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang

pytestmark = pytest.mark.slow

SHEETS = Path(__file__).parent.parent / "fixtures" / "sheets"
Run = Callable[..., tuple[pexpect.spawn, Screen]]
SIZES = [(80, 24), (60, 24), (40, 14)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


@pytest.fixture
def score(tmp_path: Path) -> Iterator[Run]:
    """A function that runs ``rolequiz score`` with its arguments on a COLUMNS×ROWS terminal."""
    started: list[pexpect.spawn] = []
    env = {**os.environ, "TERM": "xterm", "PYTHONIOENCODING": "utf-8"}
    env.pop("ROLEQUIZ_LANG", None)

    def run(*args: str, columns: int, rows: int) -> tuple[pexpect.spawn, Screen]:
        child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "score", *args],
                              env={**env, "COLUMNS": str(columns), "LINES": str(rows)},
                              cwd=str(tmp_path), dimensions=(rows, columns),
                              encoding="utf-8", timeout=TIMEOUT)
        screen = Screen(columns, rows)
        child.logfile_read = screen
        started.append(child)
        return child, screen

    yield run
    for child in started:
        if child.isalive():
            child.close(force=True)


def finish(child: pexpect.spawn, lang: Lang, key: str) -> None:
    """At the first screen's question, press *key* and Enter; wait for the end."""
    child.expect_exact(first_words(i18n.t(lang, "screen.more")))
    child.send(key + "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("columns", "rows"), SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
@pytest.mark.parametrize("sheet", ["clear", "blend", "careless"])
def test_the_headline_and_every_bar_are_on_the_final_screen(
    kb: KnowledgeBase, score: Run, tmp_path: Path, sheet: str, lang: Lang, columns: int,
    rows: int
) -> None:
    """After q, the screen the student is left with shows the headline (or that there is no
    reliable result) and one whole bar per role, named in full or by its short name."""
    path = SHEETS / f"{sheet}.yaml"
    if sheet == "careless":  # every answer the first listed
        path = tmp_path / "careless.yaml"
        path.write_text(yaml.safe_dump({q.id: q.options[0].id for q in kb.questions}),
                        encoding="utf-8")
    child, screen = score(str(path), "--lang", lang, columns=columns, rows=rows)
    finish(child, lang, i18n.t(lang, "screen.more.quit"))
    text = " ".join(word for word in screen.words() if word != "│")  # the frame's sides
    headline = {"clear": kb.role("officer").name(lang),
                "blend": i18n.t(lang, "result.blend", roles=i18n.join(
                    lang, [kb.role("specialist").short(lang), kb.role("officer").short(lang)])),
                "careless": i18n.t(lang, "result.flagged")}
    assert headline[sheet] in text, "\n".join(screen.lines)
    for role in kb.roles:
        assert any(line.strip().startswith((role.name(lang) + " ", role.short(lang) + " "))
                   and ("█" in line or "░" in line) for line in screen.lines), \
            "\n".join(screen.lines)
    assert "…" not in text


@pytest.mark.parametrize("lang", ["en", "id"])
def test_enter_at_the_first_screen_shows_the_details(
    kb: KnowledgeBase, score: Run, lang: Lang
) -> None:
    """Enter at the first screen shows the answers behind each reason and the role in full."""
    child, _ = score(str(SHEETS / "clear.yaml"), "--lang", lang, columns=80, rows=24)
    child.expect_exact(first_words(i18n.t(lang, "screen.more")))
    child.send("\r")
    child.expect_exact(i18n.t(lang, "screen.answers"))
    child.expect_exact(kb.role("officer").responsibilities[0](lang).split()[0])
    child.expect(pexpect.EOF)


def test_q_at_the_first_screen_shows_no_details(score: Run) -> None:
    """q and Enter end the result without the details."""
    child, _ = score(str(SHEETS / "clear.yaml"), "--lang", "en", columns=80, rows=24)
    child.expect_exact(first_words(i18n.t("en", "screen.more")))
    child.send("q\r")
    child.expect(pexpect.EOF)
    assert i18n.t("en", "screen.answers") not in child.before


def test_details_on_a_terminal_shows_everything_without_asking(score: Run) -> None:
    """``score SHEET --details`` on a terminal prints the whole result and asks nothing."""
    child, _ = score(str(SHEETS / "clear.yaml"), "--details", "--lang", "en",
                     columns=80, rows=24)
    child.expect_exact(i18n.t("en", "screen.answers"))
    child.expect(pexpect.EOF)
    assert first_words(i18n.t("en", "screen.more")) not in child.before


@pytest.mark.parametrize("lang", ["en", "id"])
def test_after_a_quiz_at_80x24_the_headline_and_bars_stay_on_screen(
    kb: KnowledgeBase, tmp_path: Path, lang: Lang
) -> None:
    """A whole quiz on an 80×24 terminal, q at the result, no to keeping the answers: the
    headline and every bar are still on the screen the student is left with."""
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "24",
           "PYTHONIOENCODING": "utf-8", "PROMPT_TOOLKIT_NO_CPR": "1",
           "ROLEQUIZ_HOME": str(tmp_path / "home")}
    env.pop("ROLEQUIZ_LANG", None)
    child = pexpect.spawn(sys.executable, ["-m", "rolequiz", "quiz", "--lang", lang],
                          env=env, cwd=str(tmp_path), dimensions=(24, 80), encoding="utf-8",
                          timeout=TIMEOUT)
    try:
        student = Student(child, kb, lang)
        for number, question in enumerate(kb.questions, start=1):
            student.choose(number, cycling(kb)[question.id])
        student.declines_to_keep_the_answers()
        student.rest_of_output()
    finally:
        if child.isalive():
            child.close(force=True)
    text = " ".join(word for word in student.screen.words() if word != "│")
    assert i18n.t(lang, "result.flagged") in text  # answered within milliseconds: too fast
    for role in kb.roles:
        assert any(line.strip().startswith(role.name(lang) + " ") and ("█" in line or "░" in line)
                   for line in student.screen.lines), "\n".join(student.screen.lines)
