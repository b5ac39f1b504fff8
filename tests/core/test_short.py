"""The short quiz (issue 19): the next question chosen from the answers so far, a stop
when the result is as sure as a clear one and the careless checks have what they need,
and the replay ``rolequiz score SHEET --short``.

The sheets: each role's typical student (:func:`checks.typical`), which a short quiz
should name early, and mechanical patterns (:func:`checks.patterned`), which it must not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml

from checks import patterned, typical
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import adaptive, flags, posterior, scoring

Run = Callable[..., tuple[int, str, str]]
FIXTURES = Path(__file__).parent.parent / "fixtures"
FOUR_ROLES = FIXTURES / "four-roles-validity.yaml"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


def edited(tmp_path: Path, kb: KnowledgeBase, **settings: object) -> Path:
    """The shipped knowledge base with *settings* changed, written to a file."""
    data = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    data["settings"].update(settings)
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "roles.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_sheet(path: Path, kb: KnowledgeBase, answers: dict[str, int]) -> Path:
    """*answers* as an answer sheet of option ids."""
    document = {"name": "Sari", "answers": {q.id: q.options[answers[q.id]].id
                                            for q in kb.questions}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_a_blank_question_leaves_the_likelihood_as_without_it(kb: KnowledgeBase) -> None:
    """Unanswered questions are out of the sum and the centring: a sheet with no answers at
    all has the calibrated offsets alone."""
    m = posterior.model(kb)
    blank = np.full((1, len(kb.questions)), posterior.UNANSWERED, dtype=np.intp)
    assert np.allclose(posterior.loglik_answered(m, blank)[0], m.offsets)


def test_a_whole_sheet_has_the_full_quiz_likelihood(kb: KnowledgeBase) -> None:
    """A sheet with every answer gets the same figures from both likelihoods."""
    m = posterior.model(kb)
    codes = posterior.simulate(m, 1, 20, np.random.default_rng(3))
    assert np.allclose(posterior.loglik_answered(m, codes), posterior.loglik(m, codes))


@pytest.mark.parametrize("path", [None, FOUR_ROLES], ids=["shipped", "four-roles"])
def test_a_typical_student_is_named_before_the_end(path: Path | None) -> None:
    """Every role's typical student is told that role, clear, in fewer questions than the
    full quiz has, with a reverse-keyed pair and enough scenarios and statements asked."""
    kb = knowledge.load(path) if path else knowledge.load()
    s = kb.settings
    pairs = {(kb.questions[a].id, kb.questions[b].id) for a, b in flags.reverse_pairs(kb)}
    for role in kb.roles:
        answers = typical(kb, role.id)
        asked = adaptive.order(kb, answers)
        result = adaptive.score(kb, asked, answers)
        assert (result.decided, result.confidence) == (role.id, "clear")
        assert len(asked) < len(kb.questions)
        assert any(a in asked and b in asked for a, b in pairs)
        kinds = [kb.question(q).kind for q in asked]
        assert kinds.count("choice") >= s.short_scenarios
        assert len(kinds) - kinds.count("choice") >= s.short_statements


def test_no_question_is_asked_twice(kb: KnowledgeBase) -> None:
    """The order asks each question at most once, every one of them when it never stops."""
    answers = patterned(kb, 1, 0)
    asked = adaptive.order(kb, answers)
    assert len(asked) == len(set(asked))
    assert set(asked) <= set(answers)


def test_careless_answers_are_asked_to_the_end_and_flagged(kb: KnowledgeBase) -> None:
    """The same option everywhere raises flags as soon as a block is long enough: every
    question is asked, and the result is the full quiz's own."""
    answers = patterned(kb, 0, 1)
    asked = adaptive.order(kb, answers)
    assert len(asked) == len(kb.questions)
    assert adaptive.score(kb, asked, answers) == scoring.score(kb, answers)


def test_a_straight_line_of_statements_keeps_the_quiz_going(kb: KnowledgeBase) -> None:
    """A role's typical scenarios with every statement at one step: the answers so far are
    flagged, so the quiz does not stop on them and the result is flagged."""
    answers = typical(kb, kb.roles[0].id)
    answers.update({q.id: 0 for q in kb.questions if q.kind != "choice"})
    asked = adaptive.order(kb, answers)
    assert "straight_statements" in adaptive.score(kb, asked, answers).flags


def test_the_next_question_tells_more_than_the_least_telling(kb: KnowledgeBase) -> None:
    """The first question asked is expected to leave less uncertainty than the one that
    tells least, and it is one of the questions."""
    expected = adaptive.expected_entropy(kb, {})
    first = adaptive.next_question(kb, {})
    assert first in expected
    assert expected[first] < max(expected.values())


def test_a_stricter_stop_asks_more(tmp_path: Path, kb: KnowledgeBase) -> None:
    """``short_clear`` raised towards 1 makes the same student answer more questions."""
    free = {"short_scenarios": 0, "short_statements": 0, "short_pairs": 0}
    loose = knowledge.load(edited(tmp_path / "a", kb, **free))
    strict = knowledge.load(edited(tmp_path / "b", kb, short_clear=0.9999, **free))
    answers = typical(kb, kb.roles[0].id)
    assert len(adaptive.order(strict, answers)) > len(adaptive.order(loose, answers))


@pytest.mark.parametrize(("key", "value"), [("short_clear", 0.3), ("short_pairs", -1),
                                            ("short_statements", "many"),
                                            ("short_give_up", 0.9)])
def test_a_short_quiz_setting_out_of_range_is_one_error_line(
    run: Run, tmp_path: Path, kb: KnowledgeBase, key: str, value: object
) -> None:
    """``validate`` names the setting and exits 2."""
    code, _, err = run("validate", edited(tmp_path, kb, **{key: value}))
    assert code == 2
    assert f"settings.{key}" in err
    assert len(err.strip().splitlines()) == 1


def agreeing(kb: KnowledgeBase) -> dict[str, int]:
    """A role's typical scenarios, and "Agree" or "Strongly agree" to every statement,
    whatever it says (in turn, so that it is no straight line)."""
    answers = typical(kb, kb.roles[0].id)
    statements = [q for q in kb.questions if q.kind != "choice"]
    answers.update({q.id: len(q.options) - 1 - i % 2 for i, q in enumerate(statements)})
    return answers


def test_an_acquiescent_student_is_flagged_by_the_short_replay(kb: KnowledgeBase) -> None:
    """Agreeing with every statement contradicts the reverse-keyed pairs: the short quiz
    asks the pairs until the full quiz's ``contradiction`` flag is raised, as the full
    quiz raises it."""
    answers = agreeing(kb)
    assert "contradiction" in scoring.score(kb, answers).flags
    asked = adaptive.order(kb, answers)
    assert "contradiction" in adaptive.score(kb, asked, answers).flags


def pair_ids(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(kb.questions[a].id, kb.questions[b].id) for a, b in flags.reverse_pairs(kb)]


def test_a_pair_answered_against_itself_keeps_the_pairs_asked(kb: KnowledgeBase) -> None:
    """Agree to a statement and to its reverse: the pairs left could still add up to a
    contradiction, so the checks lack a pair."""
    (a, b), *_ = pair_ids(kb)
    assert "pair" in adaptive.lacking(kb, {a: 3, b: 3})


def test_two_pairs_answered_consistently_need_no_third(kb: KnowledgeBase) -> None:
    """Two pairs answered as they are meant (agree with one, disagree with its reverse):
    the one pair left cannot reach ``contradiction_steps`` alone, so no pair is lacking."""
    (a, b), (c, d), *_ = pair_ids(kb)
    assert "pair" not in adaptive.lacking(kb, {a: 3, b: 1, c: 1, d: 3})


def test_scenarios_in_one_shown_place_keep_the_scenarios_asked(kb: KnowledgeBase) -> None:
    """Three scenarios answered by the option shown first could still become the full
    quiz's straight line; three in three places cannot."""
    scenarios = [q.id for q in kb.questions if q.kind == "choice"][:3]
    answers = {q: 0 for q in scenarios}
    same = adaptive.Seen(positions={q: 0 for q in scenarios})
    spread = adaptive.Seen(positions=dict(zip(scenarios, (0, 1, 2), strict=True)))
    assert "choice" in adaptive.lacking(kb, answers, same)
    assert "choice" not in adaptive.lacking(kb, answers, spread)


def test_a_walk_along_the_options_keeps_its_block_asked(kb: KnowledgeBase) -> None:
    """Every statement answered two steps apart from the last (no walk), and the first
    three scenarios one shown place on each time: that could still become the full
    quiz's zigzag; two places on each time cannot."""
    statements = {q.id: (2 * i) % len(q.options)
                  for i, q in enumerate(q for q in kb.questions if q.kind != "choice")}
    scenarios = [q for q in kb.questions if q.kind == "choice"][:3]
    walk = {q.id: i % len(q.options) for i, q in enumerate(scenarios)}
    jump = {q.id: (2 * i) % len(q.options) for i, q in enumerate(scenarios)}
    assert "zigzag" in adaptive.lacking(kb, statements | walk)
    assert "zigzag" not in adaptive.lacking(kb, statements | jump)


GIVE_UP = [(None, patterned, (1, 2)), (FOUR_ROLES, patterned, (2, 2))]


@pytest.mark.parametrize(("path", "make", "args"), GIVE_UP, ids=["shipped", "four-roles"])
def test_a_student_who_cannot_become_clear_is_let_go_early(
        path: Path | None, make: Callable[..., dict[str, int]], args: tuple[int, int]
) -> None:
    """A mechanical sheet no role fits: the questions left can no longer make the result
    clear, so the short quiz stops before the end and, like the full quiz, names no
    role."""
    kb = knowledge.load(path) if path else knowledge.load()
    answers = make(kb, *args)
    assert scoring.score(kb, answers).decided is None
    asked = adaptive.order(kb, answers)
    assert len(asked) < len(kb.questions)
    assert adaptive.score(kb, asked, answers).decided is None


def test_without_give_up_the_same_student_is_asked_everything(tmp_path: Path,
                                                               kb: KnowledgeBase) -> None:
    """``short_give_up: 0`` turns the rule off: the same sheet is asked to the end."""
    never = knowledge.load(edited(tmp_path, kb, short_give_up=0))
    answers = patterned(kb, 1, 2)
    assert len(adaptive.order(never, answers)) == len(kb.questions)


def test_the_chance_of_a_clear_result_is_high_for_a_typical_start(kb: KnowledgeBase) -> None:
    """After a role's typical answers to three questions, most students the model
    simulates from them end clear; after a mechanical sheet's, few do."""
    first = [q.id for q in kb.questions][:3]
    start = {q: typical(kb, kb.roles[0].id)[q] for q in first}
    assert adaptive.chance_clear(kb, start) > 0.5
    assert adaptive.chance_clear(kb, patterned(kb, 1, 2)) < kb.settings.short_give_up


def test_the_replay_reports_the_questions_asked(run: Run, tmp_path: Path,
                                                kb: KnowledgeBase) -> None:
    """``score --short --json`` lists the questions asked, in order, and the role the short
    quiz names."""
    role = kb.roles[1].id
    sheet = write_sheet(tmp_path / "sheet.yaml", kb, typical(kb, role))
    code, out, _ = run("score", sheet, "--short", "--json")
    document = json.loads(out)
    assert code == 0
    assert document["top"] == role
    assert 0 < len(document["asked"]) < len(kb.questions)
    assert document["asked"] == list(adaptive.order(kb, typical(kb, role)))


@pytest.mark.parametrize(("lang", "words"), [("en", "asked"), ("id", "mengajukan")])
def test_the_replay_says_how_many_were_asked(run: Run, tmp_path: Path, kb: KnowledgeBase,
                                             lang: str, words: str) -> None:
    """Without ``--json``, a line in the user's language says how many questions of all."""
    sheet = write_sheet(tmp_path / "sheet.yaml", kb, typical(kb, kb.roles[0].id))
    code, _, err = run("score", sheet, "--short", "--lang", lang)
    assert code == 0
    assert words in err
    assert f"{len(kb.questions)}" in err


def test_without_short_the_sheet_is_scored_whole(run: Run, tmp_path: Path,
                                                 kb: KnowledgeBase) -> None:
    """Plain ``score --json`` has no ``asked``."""
    sheet = write_sheet(tmp_path / "sheet.yaml", kb, typical(kb, kb.roles[0].id))
    _, out, _ = run("score", sheet, "--json")
    assert "asked" not in json.loads(out)


def class_file(path: Path, kb: KnowledgeBase) -> Path:
    """A class table (letters and scale steps, as typed from paper): each role's typical
    student, then a straight line."""
    def cell(kind: str, index: int) -> str:
        return chr(ord("A") + index) if kind == "choice" else str(index + 1)

    sheets = [(role.id, typical(kb, role.id)) for role in kb.roles]
    sheets.append(("straight", patterned(kb, 0, 1)))
    lines = [",".join(["student", *(q.id for q in kb.questions)])]
    lines += [",".join([name, *(cell(q.kind, answers[q.id]) for q in kb.questions)])
              for name, answers in sheets]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_class_replay_has_a_column_of_questions_asked(run: Run, tmp_path: Path,
                                                          kb: KnowledgeBase) -> None:
    """``cohort --short --format json``: each student's ``asked``, fewer than all for a
    typical student named clearly, all of them for the straight line."""
    code, out, _ = run("cohort", class_file(tmp_path / "class.csv", kb), "--short",
                       "--format", "json")
    assert code == 0
    rows = {row["student"]: row for row in json.loads(out)["rows"]}
    for role in kb.roles:
        assert rows[role.id]["top"] == role.id
        assert rows[role.id]["asked"] < len(kb.questions)
    assert rows["straight"]["asked"] == len(kb.questions)


def test_the_class_table_without_short_has_no_asked_column(run: Run, tmp_path: Path,
                                                           kb: KnowledgeBase) -> None:
    """Plain ``cohort`` keeps its columns."""
    _, out, _ = run("cohort", class_file(tmp_path / "class.csv", kb), "--format", "json")
    assert "asked" not in json.loads(out)["rows"][0]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_short_with_reports_is_one_error_line(run: Run, tmp_path: Path, kb: KnowledgeBase,
                                              lang: str) -> None:
    """``cohort --short --reports DIR`` is refused before anything is scored or written."""
    code, _, err = run("cohort", class_file(tmp_path / "class.csv", kb), "--short",
                       "--reports", tmp_path / "out", "--lang", lang)
    assert code == 2
    assert "--short" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
