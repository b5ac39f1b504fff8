"""The scoring engine on the tiny knowledge base: profile, fits, ranking, blend and explanations.

The tiny knowledge base (``fixtures/tiny.yaml``) has roles alpha, beta and
gamma and dimensions red, green and blue; its comments say which question
measures what.  Sheets are written as option ids, as a student picks them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest

from rolequiz.core import scoring
from rolequiz.core.model import KnowledgeBase

ALPHA_PICKS = {"q1": "a", "q2": "a", "q3": "5", "q4": "5", "q5": "1", "q6": "a"}
"""All red, no green (q4 is reverse-keyed: agreeing shows none), no blue: alpha's profile."""

BETA_PICKS = {"q1": "b", "q2": "b", "q3": "1", "q4": "1", "q5": "3", "q6": "b"}
"""No red, all green, some blue: leaning towards beta."""


def sheet(kb: KnowledgeBase, picks: Mapping[str, str]) -> dict[str, int]:
    """An answer sheet (question id -> option index) from option ids."""
    assert set(picks) == {q.id for q in kb.questions}, "a sheet answers every question"
    indexes = {q.id: q.option_index(picks[q.id]) for q in kb.questions}
    assert None not in indexes.values(), f"unknown option in {picks}"
    return indexes  # type: ignore[return-value]


def with_settings(kb: KnowledgeBase, **changes: object) -> KnowledgeBase:
    """*kb* with some settings changed."""
    return dataclasses.replace(kb, settings=kb.settings._replace(**changes))


# -- profile -------------------------------------------------------------------------


def test_profile_reaches_1_on_every_dimension_whatever_its_question_count(
    tiny_kb: KnowledgeBase,
) -> None:
    """Answering every question at its most for a dimension scores 1, however many measure it."""
    counts = {
        d.id: sum(q.max_weight(d.id) > 0 for q in tiny_kb.questions) for d in tiny_kb.dimensions
    }
    assert len(set(counts.values())) > 1, "the fixture needs dimensions with unequal counts"
    for dimension in tiny_kb.dimensions:
        most = {
            q.id: max(range(len(q.options)), key=lambda i, q=q: q.options[i].weights.get(
                dimension.id, 0.0))
            for q in tiny_kb.questions
        }
        assert scoring.profile(tiny_kb, most)[dimension.id] == 1.0


def test_profile_is_the_share_of_the_most_the_questions_could_give(
    tiny_kb: KnowledgeBase,
) -> None:
    """A dimension scores what the chosen options gave it over what its questions could give."""
    answers = sheet(tiny_kb, BETA_PICKS)
    measuring = [q for q in tiny_kb.questions if q.max_weight("blue") > 0]
    given = sum(q.options[answers[q.id]].weights.get("blue", 0.0) for q in measuring)
    could = sum(q.max_weight("blue") for q in measuring)
    assert 0 < given < could
    assert scoring.profile(tiny_kb, answers)["blue"] == pytest.approx(given / could)


# -- fits ----------------------------------------------------------------------------


def test_fit_is_100_when_the_profile_equals_the_role(tiny_kb: KnowledgeBase) -> None:
    """A sheet whose profile is exactly alpha's fits alpha 100 and the other roles less."""
    student = scoring.profile(tiny_kb, sheet(tiny_kb, ALPHA_PICKS))
    assert student == tiny_kb.role("alpha").profile
    fits = scoring.fits(tiny_kb, student)
    assert fits["alpha"] == 100.0
    assert all(fit < 100.0 for role, fit in fits.items() if role != "alpha")


def test_fit_is_0_at_the_far_corner_from_the_role(tiny_kb: KnowledgeBase) -> None:
    """A profile as far as can be from every target of a role fits it 0."""
    alpha = tiny_kb.role("alpha").profile
    assert set(alpha.values()) <= {0.0, 1.0}, "alpha's targets are all at the ends"
    assert scoring.fits(tiny_kb, {d: 1 - t for d, t in alpha.items()})["alpha"] == 0.0


def test_fit_counts_a_gap_the_same_on_any_dimension(tiny_kb: KnowledgeBase) -> None:
    """A gap of 0.5 costs the same fit on a dimension with many questions as on one with few."""
    alpha = dict(tiny_kb.role("alpha").profile)
    counts = {
        d: sum(q.max_weight(d) > 0 for q in tiny_kb.questions) for d in ("red", "blue")
    }
    assert counts["red"] > counts["blue"]
    off_red = {**alpha, "red": alpha["red"] - 0.5}
    off_blue = {**alpha, "blue": alpha["blue"] + 0.5}
    assert scoring.fits(tiny_kb, off_red)["alpha"] == scoring.fits(tiny_kb, off_blue)["alpha"]
    assert scoring.fits(tiny_kb, off_red)["alpha"] < 100.0


# -- ranking, margin and blend ---------------------------------------------------------


def test_rank_puts_the_best_fit_first(tiny_kb: KnowledgeBase) -> None:
    """Roles are ranked from the highest fit to the lowest."""
    first, second, third = (r.id for r in tiny_kb.roles)
    ranking = scoring.rank(tiny_kb, {first: 10.0, second: 90.0, third: 50.0})
    assert [r.role_id for r in ranking] == [second, third, first]
    assert [r.fit for r in ranking] == [90.0, 50.0, 10.0]


def test_rank_breaks_ties_by_knowledge_base_order(tiny_kb: KnowledgeBase) -> None:
    """Equal fits keep the order of the roles in the file, not the order they were given in."""
    first, second, third = (r.id for r in tiny_kb.roles)
    ranking = scoring.rank(tiny_kb, {third: 70.0, second: 70.0, first: 50.0})
    assert [r.role_id for r in ranking] == [second, third, first]


def test_margin_is_the_first_fit_minus_the_second(tiny_kb: KnowledgeBase) -> None:
    """The margin is how far the top role is ahead of the runner-up."""
    result = scoring.score(tiny_kb, sheet(tiny_kb, BETA_PICKS))
    first, second = result.ranking[0].fit, result.ranking[1].fit
    assert first > second
    assert result.margin == pytest.approx(first - second)


def test_blend_when_the_margin_is_below_the_setting(tiny_kb: KnowledgeBase) -> None:
    """With a margin under settings.blend_margin, the result is a blend of the close roles."""
    answers = sheet(tiny_kb, ALPHA_PICKS)
    margin = scoring.score(tiny_kb, answers).margin
    kb = with_settings(tiny_kb, blend_margin=margin + 1)
    result = scoring.score(kb, answers)
    first, second, third = result.ranking
    assert first.fit - third.fit >= kb.settings.blend_margin, "the third role is not close"
    assert result.blend == (first.role_id, second.role_id)
    assert result.leading == result.blend


def test_clear_winner_when_the_margin_reaches_the_setting(tiny_kb: KnowledgeBase) -> None:
    """A margin equal to settings.blend_margin is a clear winner: no blend, the top role leads."""
    answers = sheet(tiny_kb, ALPHA_PICKS)
    margin = scoring.score(tiny_kb, answers).margin
    result = scoring.score(with_settings(tiny_kb, blend_margin=margin), answers)
    assert result.blend == ()
    assert result.leading == (result.top.role_id,)


def test_blend_leaves_out_a_role_whose_gap_is_shown_as_the_margin(tiny_kb: KnowledgeBase) -> None:
    """A role 5.0 points behind (as fits are shown) is outside a blend margin of 5."""
    first, second, third = (r.id for r in tiny_kb.roles)
    kb = with_settings(tiny_kb, blend_margin=5.0)
    ranking = scoring.rank(kb, {first: 8.2, second: 6.0, third: 3.2})
    assert 8.2 - 3.2 < 5.0, "in binary floating point the raw gap falls just short of 5"
    assert scoring.blend(kb, ranking) == (first, second)


# -- straight-lining -------------------------------------------------------------------


def test_straight_lined_sheet_is_uncertain(tiny_kb: KnowledgeBase) -> None:
    """A sheet that picks the same position in every question is marked uncertain."""
    result = scoring.score(tiny_kb, {q.id: 0 for q in tiny_kb.questions})
    assert result.straightline_share == 1.0
    assert result.uncertain


def test_varied_sheet_is_not_uncertain(tiny_kb: KnowledgeBase) -> None:
    """A sheet that spreads its answers over the positions is not marked uncertain."""
    answers = {q.id: i % len(q.options) for i, q in enumerate(tiny_kb.questions)}
    result = scoring.score(tiny_kb, answers)
    assert result.straightline_share < tiny_kb.settings.straightline_share
    assert not result.uncertain


def test_straightline_share_is_that_of_the_most_common_position(tiny_kb: KnowledgeBase) -> None:
    """The share counts the answers in the most used option position."""
    ids = [q.id for q in tiny_kb.questions]
    answers = {qid: (1 if i < 4 else 0) for i, qid in enumerate(ids)}
    assert scoring.straightline_share(tiny_kb, answers) == 4 / len(ids)


# -- explanations ----------------------------------------------------------------------


@pytest.mark.parametrize(("picks", "strengths"), [(ALPHA_PICKS, ["red"]), (BETA_PICKS, ["green"])],
                         ids=["alpha", "beta"])
def test_drivers_are_the_strengths_the_top_role_needs(
    tiny_kb: KnowledgeBase, picks: Mapping[str, str], strengths: list[str]
) -> None:
    """Only traits where the student and the top role are both high lead the explanation."""
    # alpha's sheet: red 1 (alpha 1); beta's: green 1 (beta 1), blue 0.4 (beta 0.5): too low
    result = scoring.score(tiny_kb, sheet(tiny_kb, picks))
    assert [d.dimension_id for d in result.drivers] == strengths


def test_drivers_carry_the_students_score_and_both_roles_levels(tiny_kb: KnowledgeBase) -> None:
    """A driver shows the student's score, the top role's level and the runner-up's."""
    (driver,) = scoring.score(tiny_kb, sheet(tiny_kb, BETA_PICKS)).drivers
    assert (driver.score, driver.target, driver.runner_up_target) == (1.0, 1.0, 0.25)


def test_evidence_includes_disagreeing_with_a_reverse_keyed_statement(
    tiny_kb: KnowledgeBase,
) -> None:
    """Beta's green: q2 b, and disagreeing with reverse-keyed q4 (q1 is the contrast)."""
    (driver,) = scoring.score(tiny_kb, sheet(tiny_kb, BETA_PICKS)).drivers
    assert driver.answers == (scoring.Evidence("q2", "b", 1.0), scoring.Evidence("q4", "1", 1.0))


def test_evidence_includes_agreeing_with_a_statement(tiny_kb: KnowledgeBase) -> None:
    """Alpha's red is raised by q1 a and by strongly agreeing with q3 (q2 is the contrast)."""
    (driver,) = scoring.score(tiny_kb, sheet(tiny_kb, ALPHA_PICKS)).drivers
    assert driver.answers == (scoring.Evidence("q1", "a", 1.0), scoring.Evidence("q3", "5", 1.0))


def test_a_neutral_answer_does_not_raise_a_statements_trait(tiny_kb: KnowledgeBase) -> None:
    """Half of a statement's most is 'Neutral': not evidence; more is."""
    statement = tiny_kb.question("q5")
    assert not scoring.raised(statement, 0.5)
    assert scoring.raised(statement, 0.75)


def test_any_weight_of_a_chosen_scenario_option_raises_the_trait(tiny_kb: KnowledgeBase) -> None:
    """An option that gives a trait some weight (q1 c gives red 0.3 of 1) raises it."""
    assert scoring.raised(tiny_kb.question("q1"), 0.3)


def test_contrast_is_the_scenario_the_runner_up_would_answer_otherwise(
    tiny_kb: KnowledgeBase,
) -> None:
    """Alpha's sheet chose q2 a (red) where gamma, the runner-up, prefers q2 c (blue)."""
    (driver,) = scoring.score(tiny_kb, sheet(tiny_kb, ALPHA_PICKS)).drivers
    assert driver.contrast == scoring.Contrast("q2", "a", "c")


def test_contrast_ties_go_to_the_lowest_question_id(tiny_kb: KnowledgeBase) -> None:
    """Beta's q1 b and q6 b contrast equally with gamma's a: q1 is named."""
    (driver,) = scoring.score(tiny_kb, sheet(tiny_kb, BETA_PICKS)).drivers
    assert driver.contrast == scoring.Contrast("q1", "b", "a")


def test_a_single_role_has_drivers_but_no_contrast(tiny_kb: KnowledgeBase) -> None:
    """With one role there is no runner-up to contrast with."""
    alone = dataclasses.replace(tiny_kb, roles=tiny_kb.roles[:1])
    (driver,) = scoring.score(alone, sheet(tiny_kb, ALPHA_PICKS)).drivers
    assert (driver.dimension_id, driver.contrast) == ("red", None)


@pytest.mark.parametrize("picks", [ALPHA_PICKS, BETA_PICKS], ids=["alpha", "beta"])
def test_driver_evidence_is_answers_of_the_sheet(
    tiny_kb: KnowledgeBase, picks: Mapping[str, str]
) -> None:
    """Each piece of evidence is an answer the student gave to a question measuring the driver."""
    answers = sheet(tiny_kb, picks)
    result = scoring.score(tiny_kb, answers)
    evidence = [(d, e) for d in result.drivers for e in d.answers]
    assert evidence
    for driver, item in evidence:
        question = tiny_kb.question(item.question_id)
        assert item.option_id == question.options[answers[question.id]].id
        assert question.max_weight(driver.dimension_id) > 0


# -- programs --------------------------------------------------------------------------


def test_programs_are_limited_to_the_setting(tiny_kb: KnowledgeBase) -> None:
    """No more programs are suggested than settings.programs_to_suggest."""
    limit = tiny_kb.settings.programs_to_suggest
    assert limit < len(tiny_kb.programs), "the fixture needs more programs than suggestions"
    result = scoring.score(tiny_kb, sheet(tiny_kb, ALPHA_PICKS))
    assert len(result.programs) == limit


@pytest.mark.parametrize("picks", [ALPHA_PICKS, BETA_PICKS], ids=["alpha", "beta"])
def test_programs_are_ordered_by_match(tiny_kb: KnowledgeBase, picks: Mapping[str, str]) -> None:
    """Suggested programs come best match first."""
    kb = with_settings(tiny_kb, programs_to_suggest=len(tiny_kb.programs))
    matches = [p.match for p in scoring.score(kb, sheet(kb, picks)).programs]
    assert len(matches) == len(kb.programs)
    assert matches == sorted(matches, reverse=True)


def test_program_order_follows_the_student_not_the_file(tiny_kb: KnowledgeBase) -> None:
    """Different students see a different program first."""
    kb = with_settings(tiny_kb, programs_to_suggest=len(tiny_kb.programs))
    firsts = {
        scoring.score(kb, sheet(kb, picks)).programs[0].program_id
        for picks in (ALPHA_PICKS, BETA_PICKS)
    }
    assert len(firsts) == 2


def test_program_for_a_leading_role_names_it_and_gains_the_bonus(tiny_kb: KnowledgeBase) -> None:
    """A program that prepares for a leading role lists that role and ranks higher for it."""
    kb = with_settings(tiny_kb, programs_to_suggest=len(tiny_kb.programs))
    student = scoring.profile(kb, sheet(kb, BETA_PICKS))
    program = next(p for p in kb.programs if "alpha" in p.roles)
    led = {m.program_id: m for m in scoring.suggest_programs(kb, student, ("alpha",))}
    not_led = {m.program_id: m for m in scoring.suggest_programs(kb, student, ("beta",))}
    assert led[program.id].role_ids == ("alpha",)
    assert not_led[program.id].role_ids == ()
    assert led[program.id].match - not_led[program.id].match == pytest.approx(
        scoring.PROGRAM_ROLE_BONUS
    )


# -- bad sheets ---------------------------------------------------------------------------


def test_score_with_a_missing_answer_raises_value_error(tiny_kb: KnowledgeBase) -> None:
    """Scoring a sheet that skips a question is refused, naming the question."""
    answers = sheet(tiny_kb, ALPHA_PICKS)
    del answers["q3"]
    with pytest.raises(ValueError, match="q3"):
        scoring.score(tiny_kb, answers)


@pytest.mark.parametrize("index", [-1, 3], ids=["negative", "past-the-end"])
def test_score_with_an_answer_out_of_range_raises_value_error(
    tiny_kb: KnowledgeBase, index: int
) -> None:
    """An option index that is not one of the question's options is refused, naming it."""
    answers = sheet(tiny_kb, ALPHA_PICKS)
    assert len(tiny_kb.question("q1").options) == 3
    answers["q1"] = index
    with pytest.raises(ValueError, match="q1"):
        scoring.score(tiny_kb, answers)

