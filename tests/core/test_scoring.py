"""The scoring engine on the tiny knowledge base: profile, fits, ranking, blend and explanations.

The tiny knowledge base (``fixtures/tiny.yaml``) has roles alpha, beta and
gamma and dimensions red, green and blue; its comments say which question
measures what.  Sheets are written as option ids, as a student picks them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import scoring

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


# -- ranking, margin and blend ---------------------------------------------------------


def test_margin_is_the_first_fit_minus_the_second(tiny_kb: KnowledgeBase) -> None:
    """The margin is how far the top role is ahead of the runner-up."""
    result = scoring.score(tiny_kb, sheet(tiny_kb, BETA_PICKS))
    first, second = result.ranking[0].fit, result.ranking[1].fit
    assert first > second
    assert result.margin == pytest.approx(first - second)


# -- straight-lining -------------------------------------------------------------------


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


# -- confidence and blend -------------------------------------------------------------------


def test_a_sheet_like_the_role_is_a_clear_result_for_it(tiny_kb: KnowledgeBase) -> None:
    """Alpha's own answers make alpha the clear result, named as the one role."""
    result = scoring.score(tiny_kb, sheet(tiny_kb, ALPHA_PICKS))
    assert (result.top.role_id, result.confidence, result.decided) == ("alpha", "clear", "alpha")
    assert result.top.fit / 100 >= tiny_kb.settings.clear
    assert result.blend == ()


def test_raising_the_cut_offs_turns_a_clear_result_too_close_to_call(
    tiny_kb: KnowledgeBase,
) -> None:
    """With cut-offs above the top probability, the same answers are a blend of the first two
    (or more), and name no single role."""
    answers = sheet(tiny_kb, ALPHA_PICKS)
    strict = with_settings(tiny_kb, clear=1.0, leaning=1.0)
    result = scoring.score(strict, answers)
    assert result.confidence == "too_close"
    assert result.blend[:2] == tuple(r.role_id for r in result.ranking[:2])
    assert result.decided is None


# -- careless-answering flags ----------------------------------------------------------------


def cycling(kb: KnowledgeBase, top_step: int = 3) -> dict[str, int]:
    """A sheet that moves through the options' positions and never goes past *top_step*
    (1-based) on a statement: no flag of its own."""
    return {q.id: number % (len(q.options) if q.kind == "choice" else top_step)
            for number, q in enumerate(kb.questions)}


def test_a_sheet_that_moves_through_the_options_has_no_flag(shipped_kb: KnowledgeBase) -> None:
    """The plain sheet the flag tests start from is not flagged."""
    assert scoring.score(shipped_kb, cycling(shipped_kb)).flags == ()


@pytest.mark.parametrize(("index", "contradicts"), [(0, True), (2, False)],
                         ids=["first-option", "third-option-neutral"])
def test_answers_in_one_position_everywhere_are_flagged_same_position(
    shipped_kb: KnowledgeBase, index: int, contradicts: bool
) -> None:
    """The same shown position for every question (first, or third: neutral on the
    statements) is flagged ``same_position``, and each block as straight ("Strongly
    disagree" to every statement also disagrees with both sides of each pair)."""
    answers = {q.id: index for q in shipped_kb.questions}
    assert scoring.score(shipped_kb, answers).flags == (
        "same_position", *(("contradiction",) if contradicts else ()), "straight_statements",
        "straight_scenarios")


def test_same_position_counts_where_the_options_were_shown(shipped_kb: KnowledgeBase) -> None:
    """The first listed option everywhere is not flagged as one place when the options were
    shown in other places (a shuffled quiz)."""
    answers = {q.id: 0 for q in shipped_kb.questions}
    shown = cycling(shipped_kb)
    flags = scoring.score(shipped_kb, answers, positions=shown).flags
    assert "same_position" not in flags
    assert "straight_scenarios" not in flags


def test_strongly_agreeing_with_everything_is_flagged_contradiction(
    shipped_kb: KnowledgeBase,
) -> None:
    """"Strongly agree" to every statement, reverse-keyed twins included, is flagged
    ``contradiction`` and ``straight_statements``."""
    answers = {**cycling(shipped_kb), **{q.id: len(q.options) - 1 for q in shipped_kb.questions
                                          if q.kind != "choice"}}
    assert scoring.score(shipped_kb, answers).flags == ("contradiction", "straight_statements")


def test_answers_quicker_than_reading_are_flagged_too_fast(shipped_kb: KnowledgeBase) -> None:
    """Half a second per answer, scenarios and statements alike, is flagged ``too_fast``."""
    answers = cycling(shipped_kb)
    quick = {q.id: 0.5 for q in shipped_kb.questions}
    assert scoring.score(shipped_kb, answers, seconds=quick).flags == ("too_fast",)


def test_answers_given_in_reading_time_are_not_flagged(shipped_kb: KnowledgeBase) -> None:
    """Ten seconds per answer is not too fast."""
    answers = cycling(shipped_kb)
    slow = {q.id: 10.0 for q in shipped_kb.questions}
    assert scoring.score(shipped_kb, answers, seconds=slow).flags == ()


def test_a_flagged_result_names_no_role_and_has_no_role_headline(
    shipped_kb: KnowledgeBase,
) -> None:
    """A flagged sheet gets ``top`` null, "No reliable result" and no role as its headline."""
    from rolequiz.core.student import result as shown
    from rolequiz.export import result as words

    flagged = scoring.score(shipped_kb, {q.id: 0 for q in shipped_kb.questions})
    assert flagged.decided is None
    for lang in ("en", "id"):
        facts = shown.facts(shipped_kb, flagged, lang)
        said = words.content(shipped_kb, facts)
        assert said.headline == i18n.t(lang, "result.flagged")
        assert not any(role.name(lang) in said.headline for role in shipped_kb.roles)
        assert words.to_document(shipped_kb, facts, said)["top"] is None


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

