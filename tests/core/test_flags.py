"""The careless-answering flags of issue 15: the registry, the patterns each flag catches
and the graded consistency of the reverse-keyed pairs.

The sheets start from one that looks read (scenarios in varied places, statements
answered as a student of some role might, each reverse-keyed pair consistently) and
change one block at a time.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import flags, scoring
from rolequiz.core.student import result as shown
from rolequiz.errors import KnowledgeBaseError
from rolequiz.export import result as words

LOCALE = Path(__file__).resolve().parent.parent.parent / "src" / "rolequiz" / "locale"
FOUR_ROLES = Path(__file__).resolve().parent.parent / "fixtures" / "four-roles-validity.yaml"
TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml"
PAIRS = (("q02", "q14"), ("q06", "q18"), ("q07", "q20"))
"""The shipped quiz's statements and their reverse-keyed twins (same trait)."""
SCENARIO_PLACES = (0, 2, 1, 3, 3, 0, 2, 1, 0)
"""Varied shown places for the nine scenarios: no place more than three times, no walk."""
STATEMENT_STEPS = {"q02": 3, "q04": 1, "q06": 3, "q07": 4, "q09": 2, "q11": 3, "q13": 2,
                   "q14": 1, "q16": 3, "q18": 1, "q20": 0}
"""0-based steps that look read: each pair answered consistently (Agree / Disagree)."""


def read(kb: KnowledgeBase) -> dict[str, int]:
    """The shipped quiz answered as if read."""
    scenarios = iter(SCENARIO_PLACES)
    return {q.id: next(scenarios) if q.kind == "choice" else STATEMENT_STEPS[q.id]
            for q in kb.questions}


def raised(kb: KnowledgeBase, answers: dict[str, int]) -> tuple[str, ...]:
    return scoring.score(kb, answers).flags


def with_settings(kb: KnowledgeBase, **changes: float) -> KnowledgeBase:
    """*kb* with some of its flags' settings changed."""
    values = {**dict(kb.settings.flag_settings), **changes}
    return dataclasses.replace(
        kb, settings=kb.settings._replace(flag_settings=tuple(values.items())))


def assert_one_problem_at(tmp_path: Path, setting: str, value: str) -> None:
    """The tiny knowledge base with ``setting: value`` (in place of its own, if it has one)
    fails to load with one problem, placed, that names the setting."""
    text = "".join(line for line in TINY.read_text(encoding="utf-8").splitlines(keepends=True)
                   if not line.startswith(f"  {setting}:"))
    path = tmp_path / "roles.yaml"
    path.write_text(text.replace("settings:\n", f"settings:\n  {setting}: {value}\n", 1),
                    encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as raised:
        knowledge.load(path)
    (problem,) = raised.value.problems
    assert problem.line is not None
    assert f"settings.{setting}" in problem.says("en")


# -- the registry ----------------------------------------------------------------------------


def test_the_flag_codes_are_stable() -> None:
    """``--json`` and the class table keep the codes they had, new ones after them."""
    assert flags.CODES == ("same_position", "contradiction", "too_fast", "straight_statements",
                           "straight_scenarios", "zigzag")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_flag_has_its_words_in_both_catalogues(lang: str) -> None:
    """Each flag's line under a result and its legend term and meaning exist in *lang*."""
    catalogue = tomllib.loads((LOCALE / f"{lang}.toml").read_text(encoding="utf-8"))
    for flag in flags.FLAGS:
        for key in flag.keys:
            assert catalogue.get(key), key


def test_every_setting_a_flag_declares_is_read_into_the_knowledge_base(
    tiny_kb: KnowledgeBase,
) -> None:
    """Each flag's settings have a value once loaded: the file's, or the registry's default."""
    assert flags.SETTINGS
    for setting in flags.SETTINGS:
        value = tiny_kb.settings.flag_setting(setting.name)
        assert setting.low <= value <= setting.high, setting.name


@pytest.mark.parametrize("setting", flags.SETTINGS, ids=[s.name for s in flags.SETTINGS])
def test_every_flag_setting_is_checked_against_its_declared_range(
    tmp_path: Path, setting: flags.Setting,
) -> None:
    """Above the range the registry declares, a flag's setting is a problem with its place."""
    assert_one_problem_at(tmp_path, setting.name, str(setting.high + 1))


def test_a_sheet_that_looks_read_has_no_flag(shipped_kb: KnowledgeBase) -> None:
    """The sheet the other tests start from raises nothing."""
    assert raised(shipped_kb, read(shipped_kb)) == ()


@pytest.mark.parametrize(("setting", "value"), [
    ("straight_statements_share", "0.3"), ("straight_scenarios_share", "1.5"),
    ("zigzag_share", "many"), ("contradiction_steps", "0"), ("contradiction_steps", "2.5")])
def test_a_flag_setting_out_of_range_is_a_problem_with_its_place(
    tmp_path: Path, setting: str, value: str,
) -> None:
    """A flag's setting outside its range names the setting, with its line and column."""
    assert_one_problem_at(tmp_path, setting, value)


def test_the_flag_settings_are_read_from_the_knowledge_base(tmp_path: Path) -> None:
    """The settings a knowledge base gives are the ones its flags use."""
    text = (TINY.read_text(encoding="utf-8").replace(
        "settings:\n", "settings:\n  zigzag_share: 0.75\n  contradiction_steps: 2\n", 1))
    path = tmp_path / "roles.yaml"
    path.write_text(text, encoding="utf-8")
    settings = knowledge.load(path).settings
    assert (settings.flag_setting("zigzag_share"),
            settings.flag_setting("contradiction_steps")) == (0.75, 2)


# -- straight blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize("step", [0, 2, 4], ids=["all-1", "all-3", "all-5"])
def test_the_same_answer_to_every_statement_is_flagged(shipped_kb: KnowledgeBase,
                                                       step: int) -> None:
    """Every statement at one step is ``straight_statements`` (all 1s and all 5s also
    answer the reverse-keyed pairs against each other)."""
    answers = {**read(shipped_kb), **{q: step for q in STATEMENT_STEPS}}
    assert "straight_statements" in raised(shipped_kb, answers)
    assert "straight_scenarios" not in raised(shipped_kb, answers)


def test_one_statement_answered_otherwise_is_not_straight(shipped_kb: KnowledgeBase) -> None:
    """Ten statements at "Neutral" and one at "Agree" is not the same answer to every one."""
    answers = {**read(shipped_kb), **{q: 2 for q in STATEMENT_STEPS}, "q11": 3}
    assert "straight_statements" not in raised(shipped_kb, answers)


def test_the_same_place_in_nearly_every_scenario_is_flagged(shipped_kb: KnowledgeBase) -> None:
    """The first shown option in eight of the nine scenarios is ``straight_scenarios``."""
    scenarios = [q.id for q in shipped_kb.questions if q.kind == "choice"]
    answers = {**read(shipped_kb), **{q: 0 for q in scenarios}, scenarios[4]: 2}
    assert raised(shipped_kb, answers) == ("straight_scenarios",)


def test_the_scenarios_count_where_the_options_were_shown(shipped_kb: KnowledgeBase) -> None:
    """The first listed option everywhere, shown in varied places, is not one place."""
    answers = read(shipped_kb)
    listed = {q.id: 0 if q.kind == "choice" else answers[q.id] for q in shipped_kb.questions}
    assert scoring.score(shipped_kb, listed, positions=answers).flags == ()


def test_the_first_shown_option_with_neutral_everywhere_is_flagged(
    shipped_kb: KnowledgeBase,
) -> None:
    """First shown in every scenario and "Neutral" to every statement: both blocks straight."""
    answers = {q.id: 0 if q.kind == "choice" else 2 for q in shipped_kb.questions}
    found = raised(shipped_kb, answers)
    assert "straight_scenarios" in found
    assert "straight_statements" in found


def test_the_scenarios_share_is_the_knowledge_bases(shipped_kb: KnowledgeBase) -> None:
    """With ``straight_scenarios_share: 1.0`` eight of nine in one place are not flagged."""
    scenarios = [q.id for q in shipped_kb.questions if q.kind == "choice"]
    answers = {**read(shipped_kb), **{q: 0 for q in scenarios}, scenarios[4]: 2}
    strict = with_settings(shipped_kb, straight_scenarios_share=1.0)
    assert raised(strict, answers) == ()


def test_a_short_block_is_never_straight(tiny_kb: KnowledgeBase) -> None:
    """Three statements all "Agree" in a quiz of three statements say nothing careless."""
    statements = [q.id for q in tiny_kb.questions if q.kind != "choice"]
    assert len(statements) < flags.BLOCK
    answers = {q.id: 3 if q.id in statements else i % 3 for i, q in enumerate(tiny_kb.questions)}
    assert "straight_statements" not in raised(tiny_kb, answers)


# -- zig-zags --------------------------------------------------------------------------------


def test_walking_along_the_scenarios_is_a_zigzag(shipped_kb: KnowledgeBase) -> None:
    """Shown places 1-2-3-4-1-2-3-4-1 on the scenarios is flagged ``zigzag``."""
    scenarios = [q.id for q in shipped_kb.questions if q.kind == "choice"]
    answers = {**read(shipped_kb), **{q: i % 4 for i, q in enumerate(scenarios)}}
    assert raised(shipped_kb, answers) == ("zigzag",)


def test_walking_up_and_down_the_scale_is_a_zigzag(shipped_kb: KnowledgeBase) -> None:
    """Steps 1-2-3-4-5-4-3-2-1-2-3 on the statements is flagged ``zigzag``."""
    walk = (0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2)
    answers = {**read(shipped_kb), **dict(zip(STATEMENT_STEPS, walk, strict=True))}
    assert "zigzag" in raised(shipped_kb, answers)


def test_a_walk_broken_twice_is_no_zigzag(shipped_kb: KnowledgeBase) -> None:
    """1-2-3-4 on the scenarios with two places out of step is not flagged."""
    scenarios = [q.id for q in shipped_kb.questions if q.kind == "choice"]
    places = [0, 1, 2, 3, 0, 3, 2, 3, 0]
    answers = {**read(shipped_kb), **dict(zip(scenarios, places, strict=True))}
    assert "zigzag" not in raised(shipped_kb, answers)


# -- contradiction: graded, over every pair ---------------------------------------------------


def test_the_shipped_quiz_has_three_reverse_keyed_pairs(shipped_kb: KnowledgeBase) -> None:
    """Three statements have a reverse-keyed twin on the same trait."""
    columns = {q.id: i for i, q in enumerate(shipped_kb.questions)}
    assert flags.reverse_pairs(shipped_kb) == tuple(
        sorted(((columns[a], columns[b]) for a, b in PAIRS), key=lambda pair: pair[0]))


def test_one_pair_strongly_agreed_both_ways_is_not_enough(shipped_kb: KnowledgeBase) -> None:
    """"Strongly agree" to q07 and to its reverse q20 alone is not flagged: one slip."""
    answers = {**read(shipped_kb), "q07": 4, "q20": 4}
    assert raised(shipped_kb, answers) == ()


def test_every_pair_one_step_off_is_not_flagged(shipped_kb: KnowledgeBase) -> None:
    """"Agree" to a statement and to its twin, in every pair, adds up to too little."""
    answers = {**read(shipped_kb), **{q: 3 for pair in PAIRS for q in pair}}
    assert raised(shipped_kb, answers) == ()


def test_two_pairs_strongly_against_each_other_are_flagged(shipped_kb: KnowledgeBase) -> None:
    """"Strongly agree" to both sides of two pairs is flagged ``contradiction``."""
    answers = {**read(shipped_kb), "q02": 4, "q14": 4, "q07": 4, "q20": 4}
    assert raised(shipped_kb, answers) == ("contradiction",)


def test_a_strong_pair_and_a_mild_one_add_up(shipped_kb: KnowledgeBase) -> None:
    """One pair at "Strongly agree" both ways and one at "Agree" both ways add up to the
    shipped four steps."""
    assert shipped_kb.settings.flag_setting("contradiction_steps") == 4
    answers = {**read(shipped_kb), "q07": 4, "q20": 4, "q06": 3, "q18": 3}
    assert raised(shipped_kb, answers) == ("contradiction",)


def test_neutral_on_one_side_of_a_pair_adds_nothing(shipped_kb: KnowledgeBase) -> None:
    """"Strongly agree" and "Neutral" on a pair is an answer at the ends, not a
    contradiction: with one pair strongly agreed both ways it stays unflagged."""
    answers = {**read(shipped_kb), "q07": 4, "q20": 4, "q02": 4, "q14": 2}
    assert raised(shipped_kb, answers) == ()


def test_disagreeing_with_both_sides_is_a_contradiction_too(shipped_kb: KnowledgeBase) -> None:
    """"Strongly disagree" to both sides of two pairs is flagged as well."""
    answers = {**read(shipped_kb), "q02": 0, "q14": 0, "q06": 0, "q18": 0}
    assert raised(shipped_kb, answers) == ("contradiction",)


def test_the_steps_needed_are_the_knowledge_bases(shipped_kb: KnowledgeBase) -> None:
    """With ``contradiction_steps: 3`` one pair strongly agreed both ways is enough."""
    answers = {**read(shipped_kb), "q07": 4, "q20": 4}
    assert raised(with_settings(shipped_kb, contradiction_steps=3), answers) == (
        "contradiction",)


def test_another_knowledge_base_finds_its_own_pairs() -> None:
    """The four-role quiz's pairs are read from its file, and flag as the shipped ones do."""
    kb = knowledge.load(FOUR_ROLES)
    assert len(flags.reverse_pairs(kb)) == 3
    answers = {q.id: (i % 3 if q.kind != "choice" else i % 2) for i, q in enumerate(kb.questions)}
    for normal, reverse in flags.reverse_pairs(kb):
        answers[kb.questions[normal].id] = answers[kb.questions[reverse].id] = 4
    assert "contradiction" in raised(kb, answers)


def test_a_contradiction_names_the_pairs_set_against_each_other(
    shipped_kb: KnowledgeBase,
) -> None:
    """The result keeps the ids of the pairs answered against each other, and only those."""
    answers = {**read(shipped_kb), "q02": 4, "q14": 4, "q07": 4, "q20": 4}
    assert scoring.score(shipped_kb, answers).contradictions == (("q02", "q14"), ("q07", "q20"))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_reason_quotes_both_statements_of_each_pair(shipped_kb: KnowledgeBase,
                                                         lang: str) -> None:
    """Under a flagged result, a line per pair quotes the statement and its reverse."""
    answers = {**read(shipped_kb), "q02": 4, "q14": 4, "q07": 4, "q20": 4}
    notes = words.content(shipped_kb, shown.facts(shipped_kb, scoring.score(shipped_kb, answers),
                                                lang)).notes
    for first, second in (("q02", "q14"), ("q07", "q20")):
        assert i18n.t(lang, "result.flag.contradiction.pair",
                      first=shipped_kb.question(first).text(lang),
                      second=shipped_kb.question(second).text(lang)) in notes
    assert not any(shipped_kb.question("q06").text(lang) in note for note in notes)


def test_a_sheet_without_contradiction_names_no_pair(shipped_kb: KnowledgeBase) -> None:
    """One pair at "Strongly agree" both ways, not flagged, is not named either."""
    answers = {**read(shipped_kb), "q07": 4, "q20": 4}
    assert scoring.score(shipped_kb, answers).contradictions == ()
