"""The short quiz as a student plays it (``rolequiz quiz --short``), without a terminal:
the order of its questions as answers are given, changed on the way back and resumed, the
"about N more" above each question, and the answer sheet it leaves (``asked``), scored on
the questions asked.

The prompts are replaced by a student who answers from a plan and may go back; the clock
gives every answer ten seconds, a careful student's pace (the careless checks read it).
The terminal itself is tried in test_short_terminal.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks import patterned, typical
from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import adaptive, flags, session, sheets
from rolequiz.core.student.sheets import Sheet
from rolequiz.terminal import prompts, short
from rolequiz.terminal.plain import BACK

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


KEEP_GOING = "keep going"
"""No Back pressed at the prompt before: answer from the plan."""


class Student:
    """Answers each question the short quiz asks from *plan*, going back where *backs* says:
    ``{n: answer}`` at the n-th prompt presses Back, and answers the question before with
    *answer* (None: the answer it had, confirmed)."""

    def __init__(self, plan: dict[str, int], backs: dict[int, int | None] | None = None
                 ) -> None:
        self.plan = dict(plan)
        self.backs = dict(backs or {})
        self.prompts: list[tuple[str, int | None, str]] = []
        """(question id, default offered, counter) of every prompt, in order."""
        self.pending: int | str | None = KEEP_GOING

    def ask(self, question: Any, *, default: int | None, counter: str | None,
            **_: Any) -> int:
        self.prompts.append((question.id, default, counter or ""))
        number = len(self.prompts)
        if number in self.backs:
            self.pending = self.backs.pop(number)
            return BACK
        if self.pending != KEEP_GOING:
            changed, self.pending = self.pending, KEEP_GOING
            if changed is None:
                assert default is not None
                return default
            assert isinstance(changed, int)
            self.plan[question.id] = changed
            return changed
        return self.plan[question.id]


@pytest.fixture
def play(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[Sheet, list[Sheet]]]:
    """Play the short quiz with a :class:`Student`; the sheet it ends with and every sheet it
    kept on the way."""
    def run(kb: KnowledgeBase, student: Student, *, sheet: Sheet | None = None,
            lang: str = "en") -> tuple[Sheet, list[Sheet]]:
        monkeypatch.setattr(prompts, "ask", student.ask)
        kept: list[Sheet] = []
        ticks = itertools.count(step=10.0)
        end = short.run(kb, lang, sheet=sheet, on_answer=kept.append,  # type: ignore[arg-type]
                        shuffle=lambda order: None, clock=lambda: float(next(ticks)))
        return end, kept
    return run


def replayed(kb: KnowledgeBase, answers: dict[str, int], sheet: Sheet) -> tuple[str, ...]:
    """The questions the replay (``score --short``) asks of *answers* given as on *sheet*."""
    return adaptive.order(kb, answers, short.seen(sheet))


# -- the order -------------------------------------------------------------------------


def test_a_consistent_student_is_asked_fewer_questions_than_the_full_quiz(
        kb: KnowledgeBase, play: Callable[..., tuple[Sheet, list[Sheet]]]) -> None:
    """A role's typical student: the quiz ends before the last question, and the sheet lists
    the questions in the order asked, each answered."""
    end, _ = play(kb, Student(typical(kb, kb.roles[0].id)))
    assert end.asked is not None
    assert 0 < len(end.asked) < len(kb.questions)
    assert set(end.answers) == set(end.asked)


def test_the_questions_come_in_the_replays_order(
        kb: KnowledgeBase, play: Callable[..., tuple[Sheet, list[Sheet]]]) -> None:
    """Played without going back, the questions come in the order ``score --short`` replays
    for the same answers, and it stops where the replay stops."""
    plan = typical(kb, kb.roles[1].id)
    student = Student(plan)
    end, _ = play(kb, student)
    assert [q for q, _, _ in student.prompts] == list(replayed(kb, plan, end))


def test_an_answer_changed_on_the_way_back_reorders_the_questions_after_it(
        kb: KnowledgeBase, play: Callable[..., tuple[Sheet, list[Sheet]]]) -> None:
    """Back at the third question, the second changed to an answer that calls for other
    questions: the questions from there on are those the new answers call for, none asked
    twice, and the abandoned path's answers are not on the sheet."""
    plan = typical(kb, kb.roles[0].id)
    plain_order = adaptive.order(kb, plan)
    second = plain_order[1]
    changed = next(k for k in range(len(kb.question(second).options))
                   if adaptive.order(kb, {**plan, second: k}) != plain_order)
    end, _ = play(kb, Student(plan, backs={3: changed}))
    final = {**plan, second: changed}
    assert end.answers[second] == changed
    assert end.asked == replayed(kb, final, end)
    assert end.asked != plain_order
    assert set(end.answers) == set(end.asked or ())


def test_going_back_and_confirming_keeps_the_order_and_offers_the_answers_given(
        kb: KnowledgeBase, play: Callable[..., tuple[Sheet, list[Sheet]]]) -> None:
    """Back twice from the fifth question, then Enter on the answers given: the same
    questions in the same order, each offered with its earlier answer."""
    plan = typical(kb, kb.roles[2].id)
    student = Student(plan, backs={5: None, 6: None})
    plain_order = adaptive.order(kb, plan)
    end, _ = play(kb, student)
    asked = [q for q, _, _ in student.prompts]
    assert asked[:8] == [*plain_order[:5], plain_order[3], plain_order[2], plain_order[3]]
    assert [default for _, default, _ in student.prompts[6:8]] == \
        [plan[plain_order[2]], plan[plain_order[3]]]
    assert end.asked == plain_order


def test_a_resumed_short_quiz_goes_on_along_the_same_path(
        kb: KnowledgeBase, play: Callable[..., tuple[Sheet, list[Sheet]]]) -> None:
    """Stopped after four answers and resumed from the sheet kept then: the fifth question
    is the one the quiz would have asked, and it ends as one played in one go."""
    plan = typical(kb, kb.roles[0].id)
    whole, kept = play(kb, Student(plan))
    student = Student(plan)
    resumed, _ = play(kb, student, sheet=kept[3])
    assert student.prompts[0][0] == (whole.asked or ())[4]
    assert resumed.asked == whole.asked
    assert resumed.answers == whole.answers


def test_every_sheet_kept_on_the_way_lists_only_answered_questions_in_order(
        kb: KnowledgeBase, play: Callable[..., tuple[Sheet, list[Sheet]]]) -> None:
    """After each answer (back and forth included) the sheet kept has the path so far:
    questions each answered, none twice, the last answered last."""
    student = Student(typical(kb, kb.roles[1].id), backs={4: 0})
    _, kept = play(kb, student)
    for sheet in kept:
        assert sheet.asked is not None
        assert set(sheet.answers) == set(sheet.asked)
        assert len(set(sheet.asked)) == len(sheet.asked)


# -- about N more ----------------------------------------------------------------------


def test_the_counter_says_about_how_many_more(kb: KnowledgeBase) -> None:
    """Above question 4 with about 6 to come after it: "Question 4 · about 6 more", and in
    Indonesian "kira-kira 6 lagi"; with none to come, "perhaps the last"."""
    assert short.counter("en", number=4, more=6) == "Question 4 · about 6 more"
    assert short.counter("id", number=4, more=6) == "Pertanyaan 4 · kira-kira 6 lagi"
    assert short.counter("en", number=9, more=0) == "Question 9 · perhaps the last"
    assert short.counter("id", number=9, more=0) == "Pertanyaan 9 · mungkin yang terakhir"


def test_at_the_start_it_promises_no_fewer_than_the_checks_need(kb: KnowledgeBase) -> None:
    """Before any answer: at least short_scenarios + short_statements questions."""
    s = kb.settings
    assert adaptive.about_more(kb, {}) >= s.short_scenarios + s.short_statements


def test_with_only_a_reverse_keyed_pair_missing_it_says_at_least_two(kb: KnowledgeBase) -> None:
    """Every scenario and every statement outside the reverse-keyed pairs answered: a pair is
    still needed, two statements."""
    paired = {kb.questions[x].id for pair in flags.reverse_pairs(kb) for x in pair}
    answers = {q.id: 2 if q.kind != "choice" else 0 for q in kb.questions if q.id not in paired}
    assert adaptive.least_more(kb, answers) == 2
    assert adaptive.about_more(kb, answers) >= 2


def test_with_half_a_pair_answered_one_statement_completes_it(kb: KnowledgeBase) -> None:
    """One statement of a reverse-keyed pair answered besides the rest: one more at least."""
    (first, second), *_ = flags.reverse_pairs(kb)
    paired = {kb.questions[x].id for pair in flags.reverse_pairs(kb) for x in pair}
    answers = {q.id: 2 if q.kind != "choice" else 0 for q in kb.questions
               if q.id not in paired or q.id == kb.questions[first].id}
    assert kb.questions[second].id not in answers
    assert adaptive.least_more(kb, answers) == 1


def test_the_estimate_is_never_below_what_the_checks_still_need(kb: KnowledgeBase) -> None:
    """Along a typical student's quiz, question after question, "about N" is never fewer than
    the scenarios and statements the settings still ask for."""
    s = kb.settings
    plan = typical(kb, kb.roles[0].id)
    asked = adaptive.order(kb, plan)
    for count in range(len(asked)):
        so_far = {q: plan[q] for q in asked[:count]}
        scenarios = sum(kb.question(q).kind == "choice" for q in so_far)
        needed = max(0, s.short_scenarios - scenarios) + \
            max(0, s.short_statements - (count - scenarios))
        assert adaptive.about_more(kb, so_far) >= max(needed, 1)


def test_the_estimate_is_zero_exactly_where_the_quiz_stops(kb: KnowledgeBase) -> None:
    """After the last question a typical student is asked, 0; before it, at least 1."""
    plan = typical(kb, kb.roles[2].id)
    asked = adaptive.order(kb, plan)
    assert adaptive.about_more(kb, {q: plan[q] for q in asked}) == 0
    assert adaptive.about_more(kb, {q: plan[q] for q in asked[:-1]}) >= 1


def test_answers_that_raise_a_careless_flag_are_told_every_question_left(
        kb: KnowledgeBase) -> None:
    """The same option every time, eleven answers in: the quiz goes on to the end (where the
    full quiz flags the straight line), and says so: as many more as there are left."""
    plan = patterned(kb, 0, 1)
    asked = adaptive.order(kb, plan)
    assert len(asked) == len(kb.questions)
    so_far = {q: plan[q] for q in asked[:11]}
    assert adaptive.about_more(kb, so_far) == len(kb.questions) - 11


def test_a_quiz_that_stops_here_is_told_no_more(kb: KnowledgeBase) -> None:
    """Where the short quiz stops (sure, or giving up on a clear result), "about N more"
    says none: the estimate never promises questions the quiz will not ask."""
    for plan in (typical(kb, kb.roles[0].id), patterned(kb, 1, 0)):
        asked = adaptive.order(kb, plan)
        assert len(asked) < len(kb.questions)
        assert adaptive.about_more(kb, {q: plan[q] for q in asked}) == 0


def test_the_estimate_never_exceeds_the_questions_left(kb: KnowledgeBase) -> None:
    """Along a zigzag student's whole quiz, never more than the questions not yet answered."""
    plan = patterned(kb, 1, 1)
    asked = adaptive.order(kb, plan)
    for count in range(len(asked)):
        left = len(kb.questions) - count
        assert 1 <= adaptive.about_more(kb, {q: plan[q] for q in asked[:count]}) <= left


# -- the sheet it leaves ---------------------------------------------------------------


def short_sheet(tmp_path: Path, kb: KnowledgeBase, asked: tuple[str, ...],
                answers: dict[str, int]) -> Path:
    """A short quiz's sheet: *asked* in order, with their answers only."""
    path = tmp_path / "short.yaml"
    sheets.save(path, kb, Sheet({q: answers[q] for q in asked}, "Sari", asked=asked))
    return path


def test_a_short_sheet_reads_back_with_its_questions_in_order(
        tmp_path: Path, kb: KnowledgeBase) -> None:
    """Saved and read again: the same questions in the same order, no complaint about the
    questions it did not ask."""
    plan = typical(kb, kb.roles[0].id)
    asked = adaptive.order(kb, plan)
    loaded = sheets.load(short_sheet(tmp_path, kb, asked, plan), kb)
    assert loaded.asked == asked
    assert loaded.answers == {q: plan[q] for q in asked}


def test_score_reads_a_short_sheet_on_the_questions_it_asked(
        tmp_path: Path, kb: KnowledgeBase, run: Run) -> None:
    """``score --json`` of a short sheet: the short quiz's result of those answers, with
    ``asked`` as the sheet lists them, with or without --short."""
    plan = typical(kb, kb.roles[1].id)
    asked = adaptive.order(kb, plan)
    path = short_sheet(tmp_path, kb, asked, plan)
    for extra in ((), ("--short",)):
        code, out, err = run("score", path, "--json", "--lang", "en", *extra)
        assert (code, err) == (0, "")
        document = json.loads(out)
        assert document["asked"] == list(asked)
        assert document["top"] == kb.roles[1].id
        assert document["confidence"] == "clear"


def test_a_blank_in_a_short_sheet_is_refused_as_a_question_the_short_quiz_asked(
        tmp_path: Path, kb: KnowledgeBase, run: Run) -> None:
    """A short sheet with a question it asked left blank says that the short quiz asked it,
    not that "this quiz needs an answer to every question" (the full quiz allows a few)."""
    plan = typical(kb, kb.roles[1].id)
    asked = adaptive.order(kb, plan)
    path = short_sheet(tmp_path, kb, asked, plan)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"  {asked[1]}:", "  # left blank:", 1), encoding="utf-8")
    code, _, err = run("score", path, "--lang", "en")
    assert code == 2
    assert "the short quiz asked it" in err and "every question it asked" in err
    assert "this quiz needs an answer to every question" not in err

def test_score_of_a_short_sheet_says_how_many_questions_were_asked(
        tmp_path: Path, kb: KnowledgeBase, run: Run) -> None:
    """On screen, the result ends with "The short quiz asked N of the 20 questions"."""
    plan = typical(kb, kb.roles[2].id)
    asked = adaptive.order(kb, plan)
    code, out, err = run("score", short_sheet(tmp_path, kb, asked, plan), "--lang", "en")
    assert code == 0
    assert i18n.t("en", "short.asked", asked=len(asked), total=len(kb.questions)) in out + err


def test_the_count_of_questions_asked_breaks_between_words_on_a_narrow_terminal(
        tmp_path: Path, kb: KnowledgeBase) -> None:
    """``score`` of a short sheet with stderr on a 40-column terminal: "The short quiz asked
    N of the 20 questions" is broken between words, not inside "questions"."""
    plan = typical(kb, kb.roles[2].id)
    path = short_sheet(tmp_path, kb, adaptive.order(kb, plan), plan)
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 14, 40, 0, 0))
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    try:
        done = subprocess.run([sys.executable, "-m", "rolequiz", "score", str(path), "--lang",
                               "en"], stdout=subprocess.DEVNULL, stderr=follower, env=env,
                              stdin=subprocess.DEVNULL, timeout=120)
        os.close(follower)
        said = b""
        while chunk := _read(leader):
            said += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    lines = said.decode("utf-8").replace("\r", "").splitlines()
    assert any(line.endswith("of the 20") for line in lines), lines
    assert "questions." in lines


def _read(fd: int) -> bytes:
    """What a pseudo-terminal still holds; nothing once its other end is closed."""
    try:
        return os.read(fd, 4096)
    except OSError:
        return b""

@pytest.mark.parametrize(("listed", "found"), [(["q01", "q99"], "'q99'"),
                                               (["q01", "q02", "q01"], "'q01'"),
                                               ([], "nothing")])
def test_a_bad_asked_list_is_one_error_naming_it(
        tmp_path: Path, kb: KnowledgeBase, run: Run, listed: list[str], found: str) -> None:
    """``asked`` naming an unknown question or one twice, or empty: exit 2, one line naming
    the file, the line and the entry."""
    path = tmp_path / "bad.yaml"
    answers = {q: kb.question(q).options[0].id for q in dict.fromkeys(listed) if q != "q99"}
    path.write_text(yaml.safe_dump({"asked": listed, "answers": answers}), encoding="utf-8")
    code, out, err = run("score", path, "--lang", "en")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert f"{path}:" in err and "'asked'" in err and found in err


def test_a_class_of_sheets_names_a_short_one_as_not_scored(
        tmp_path: Path, kb: KnowledgeBase, run: Run) -> None:
    """``cohort --skip-bad`` with a full sheet and a short one: the short one is skipped,
    its reason saying it is a short quiz's, and the full one is scored."""
    plan = typical(kb, kb.roles[0].id)
    asked = adaptive.order(kb, plan)
    short_path = short_sheet(tmp_path, kb, asked, plan)
    full = tmp_path / "full.yaml"
    sheets.save(full, kb, Sheet(dict(plan), "Budi"))
    code, out, err = run("cohort", full, short_path, "--format", "csv", "--skip-bad",
                         "--lang", "en")
    assert code == 0, err
    reason = i18n.t("en", "cohort.short_sheet", asked=len(asked), total=len(kb.questions))
    assert reason in out + err
    assert "Budi" in out


def test_a_resumed_short_quiz_keeps_its_path_up_to_an_answer_that_no_longer_fits(
        tmp_path: Path, kb: KnowledgeBase) -> None:
    """A kept short quiz whose second answer now reads differently (its fingerprint): the
    path is kept up to it, since the questions after it might not be asked now, and the
    answers after it are kept in a copy beside the session."""
    plan = typical(kb, kb.roles[0].id)
    asked = adaptive.order(kb, plan)[:4]
    path = tmp_path / "session.yaml"
    session.save(path, kb, Sheet({q: plan[q] for q in asked}, asked=asked))
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["fingerprints"][asked[1]] = "0" * 16
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    resumed = session.load(path, kb)
    assert resumed.asked == asked[:1]
    assert resumed.answers == {asked[0]: plan[asked[0]]}
    assert resumed.set_aside is not None and resumed.set_aside.exists()
