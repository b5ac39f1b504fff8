"""Properties of the scoring engine for any complete answer sheet, on the tiny and shipped data.

Each property runs on ``fixtures/tiny.yaml`` and on the shipped
``data/roles.yaml`` (skipped only while that file does not exist yet).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import scoring

PROPERTY = settings(max_examples=200, deadline=None)


@pytest.fixture(scope="module", params=["tiny_kb", "shipped_kb"])
def kb(request: pytest.FixtureRequest) -> KnowledgeBase:
    """Each knowledge base the properties must hold for."""
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def sheets(kb: KnowledgeBase) -> st.SearchStrategy[dict[str, int]]:
    """Complete, valid answer sheets for *kb*: one option index per question."""
    return st.fixed_dictionaries(
        {q.id: st.integers(min_value=0, max_value=len(q.options) - 1) for q in kb.questions}
    )


def gaps(student: Mapping[str, float], target: Mapping[str, float]) -> dict[str, float]:
    return {d: abs(student[d] - target[d]) for d in target}


# -- ranges ------------------------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_fits_stay_between_0_and_100(kb: KnowledgeBase, data: st.DataObject) -> None:
    """Every role's fit is a number from 0 to 100, whatever the answers."""
    result = scoring.score(kb, data.draw(sheets(kb)))
    assert {r.role_id for r in result.ranking} == {r.id for r in kb.roles}
    assert all(0.0 <= r.fit <= 100.0 for r in result.ranking)


@PROPERTY
@given(data=st.data())
def test_profile_stays_between_0_and_1(kb: KnowledgeBase, data: st.DataObject) -> None:
    """Every dimension of a student's profile is a share from 0 to 1, whatever the answers."""
    student = scoring.profile(kb, data.draw(sheets(kb)))
    assert set(student) == {d.id for d in kb.dimensions}
    assert all(0.0 <= value <= 1.0 for value in student.values())


# -- invariance ----------------------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_question_order_does_not_change_the_result(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """Shuffling the questions gives the same profile, ranking, blend, drivers, programs and
    flags, but for ``zigzag``, which reads the order the questions are asked in."""
    answers = data.draw(sheets(kb))
    shuffled = dataclasses.replace(kb, questions=tuple(data.draw(st.permutations(kb.questions))))
    before, after = scoring.score(kb, answers), scoring.score(shuffled, answers)
    assert after.profile == before.profile
    # the log-likelihood adds the questions in another order: equal to the last bit or so
    assert [f.role_id for f in after.ranking] == [f.role_id for f in before.ranking]
    for a, b in zip(after.ranking, before.ranking, strict=True):
        assert abs(a.fit - b.fit) <= 0.01
    assert set(after.flags) - {"zigzag"} == set(before.flags) - {"zigzag"}

    def drivers(result: scoring.Result) -> list[tuple[object, ...]]:
        # evidence of equal strength may be picked in question order: compare the strengths
        return [
            (d.dimension_id, d.score, d.target, d.runner_up_target,
             sorted(e.share for e in d.answers), d.contrast)
            for d in result.drivers
        ]

    assert drivers(after) == drivers(before)


# -- monotonicity -----------------------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_agreeing_more_with_every_statement_keeps_the_top_role_of_a_clear_result(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """One step more agreement on every statement (a response style) leaves the top role of a
    clear result where it was."""
    statements = [q for q in kb.questions if q.kind != "choice"]
    answers = data.draw(st.fixed_dictionaries({
        q.id: st.integers(0, len(q.options) - (2 if q.kind != "choice" else 1))
        for q in kb.questions}))
    before = scoring.score(kb, answers)
    if before.confidence != scoring.CLEAR:  # a leaning result may tip over
        return
    after = scoring.score(kb, {**answers, **{q.id: answers[q.id] + 1 for q in statements}})
    assert after.top.role_id == before.top.role_id


# -- the result agrees with itself ------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_probabilities_add_up_to_one_most_probable_first(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """The roles' probabilities add up to 1 (basis-point rounding aside), highest first."""
    result = scoring.score(kb, data.draw(sheets(kb)))
    probabilities = [r.fit / 100 for r in result.ranking]
    assert abs(sum(probabilities) - 1) <= 0.0001 * len(probabilities)
    assert probabilities == sorted(probabilities, reverse=True)


@PROPERTY
@given(data=st.data())
def test_confidence_follows_the_top_probability_and_the_cut_offs(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """No role fits when every role's typicality is under ``typical_least``; else clear needs
    a top probability of at least ``clear`` and a typicality of at least ``typical_clear``;
    leaning a top probability of at least ``leaning``."""
    result = scoring.score(kb, data.draw(sheets(kb)))
    first = result.top.fit / 100
    s = kb.settings
    if max(f.typicality for f in result.ranking) < s.typical_least:
        assert result.confidence == "no_fit"
    elif first >= s.clear and result.top.typicality >= s.typical_clear:
        assert result.confidence == "clear"
    elif first >= kb.settings.leaning:
        assert result.confidence == "leaning"
    else:
        assert result.confidence == "too_close"


@PROPERTY
@given(data=st.data())
def test_a_blend_is_the_roles_at_least_half_as_probable_and_at_least_two(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """Too close to call: the blend is every role with at least half the top probability, and
    never fewer than the first two; otherwise there is no blend."""
    result = scoring.score(kb, data.draw(sheets(kb)))
    if result.confidence != "too_close":
        assert result.blend == ()
        return
    first = result.top.fit / 100
    expected = tuple(r.role_id for place, r in enumerate(result.ranking)
                     if place < 2 or r.fit / 100 >= first / 2)
    assert result.blend == expected


@PROPERTY
@given(data=st.data())
def test_the_result_names_a_role_only_when_it_is_clear_or_leaning_and_not_flagged(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """``decided`` is the top role of a clear or leaning, unflagged result, else None."""
    result = scoring.score(kb, data.draw(sheets(kb)))
    named = result.confidence in ("clear", "leaning") and not result.flags
    assert result.decided == (result.top.role_id if named else None)


@PROPERTY
@given(data=st.data())
def test_drivers_are_traits_the_student_shows_and_the_top_role_needs(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """Every driver has a score above 0 and a top-role level above 0, strongest first."""
    result = scoring.score(kb, data.draw(sheets(kb)))
    top = kb.role(result.top.role_id)
    strengths = [result.profile[d.dimension_id] * top.profile[d.dimension_id]
                 for d in result.drivers]
    assert all(s > 0 for s in strengths)
    assert strengths == sorted(strengths, reverse=True)


@PROPERTY
@given(data=st.data())
def test_every_quoted_answer_raised_its_trait(kb: KnowledgeBase, data: st.DataObject) -> None:
    """A quoted option gives the trait weight; a quoted statement was agreed (reversed: not)."""
    answers = data.draw(sheets(kb))
    for driver in scoring.score(kb, answers).drivers:
        for item in driver.answers:
            question = kb.question(item.question_id)
            index = answers[question.id]
            assert item.option_id == question.options[index].id
            if question.kind == "choice":
                assert question.options[index].weights.get(driver.dimension_id, 0) > 0
            else:
                assert question.dimension == driver.dimension_id
                middle = len(question.options) // 2
                assert index < middle if question.reverse else index > middle


def suits(weights: Mapping[str, float], targets: Mapping[str, float]) -> float:
    """A role's targets averaged with an option's weights."""
    return sum(w * targets[d] for d, w in weights.items()) / sum(weights.values())


@PROPERTY
@given(data=st.data())
def test_a_contrast_is_an_answer_the_top_role_prefers_to_the_runner_ups_choice(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """The student's option suits the top role more, the other option the runner-up more."""
    answers = data.draw(sheets(kb))
    result = scoring.score(kb, answers)
    contrasts = [d.contrast for d in result.drivers if d.contrast is not None]
    assert len(contrasts) <= 1
    top, runner_up = (kb.role(r.role_id) for r in result.ranking[:2])
    for contrast in contrasts:
        question = kb.question(contrast.question_id)
        chosen = question.options[answers[question.id]]
        other = question.options[question.option_index(contrast.over_option_id) or 0]
        assert contrast.option_id == chosen.id != other.id
        assert suits(chosen.weights, top.profile) > suits(other.weights, top.profile)
        assert suits(other.weights, runner_up.profile) > suits(chosen.weights, runner_up.profile)


# -- the data lets every role win ------------------------------------------------------------


def best_sheet_for(kb: KnowledgeBase, role_id: str) -> dict[str, int]:
    """A sheet that puts *role_id* as far ahead as coordinate ascent can, one answer at a time."""

    def lead(answers: Mapping[str, int]) -> float:
        role_fits = {f.role_id: f.fit for f in scoring.score(kb, answers).ranking}
        others = [fit for other, fit in role_fits.items() if other != role_id]
        return role_fits[role_id] - max(others, default=0.0)

    target = kb.role(role_id).profile
    answers = {  # start from the options closest to the role, question by question
        q.id: min(
            range(len(q.options)),
            key=lambda i, q=q: sum(
                abs(q.options[i].weights.get(d, 0.0) / q.max_weight(d) - target[d])
                for d in target if q.max_weight(d) > 0
            ),
        )
        for q in kb.questions
    }
    for _ in range(20):
        improved = False
        for question in kb.questions:
            current = lead(answers)
            for index in range(len(question.options)):
                candidate = {**answers, question.id: index}
                if lead(candidate) > current:
                    answers, current, improved = candidate, lead(candidate), True
        if not improved:
            break
    return answers


def test_every_role_can_come_out_on_top(kb: KnowledgeBase) -> None:
    """For every role some answer sheet ranks it first: no role is unreachable in the data."""
    for role in kb.roles:
        answers = best_sheet_for(kb, role.id)
        assert scoring.score(kb, answers).top.role_id == role.id, role.id
