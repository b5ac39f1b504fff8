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

from rolequiz.core import scoring
from rolequiz.core.model import KnowledgeBase

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
    """Shuffling the questions gives the same profile, ranking, blend, drivers and programs."""
    answers = data.draw(sheets(kb))
    shuffled = dataclasses.replace(kb, questions=tuple(data.draw(st.permutations(kb.questions))))
    before, after = scoring.score(kb, answers), scoring.score(shuffled, answers)
    assert after.profile == before.profile
    # the log-likelihood adds the questions in another order: equal to the last bit or so
    assert [f.role_id for f in after.ranking] == [f.role_id for f in before.ranking]
    for a, b in zip(after.ranking, before.ranking, strict=True):
        assert abs(a.probability - b.probability) <= 0.0001
    assert after.flags == before.flags

    def drivers(result: scoring.Result) -> list[tuple[object, ...]]:
        # evidence of equal strength may be picked in question order: compare the strengths
        return [
            (d.dimension_id, d.score, d.target, d.runner_up_target,
             sorted(e.share for e in d.answers))
            for d in result.drivers
        ]

    assert drivers(after) == drivers(before)


# -- monotonicity -----------------------------------------------------------------------------


# -- the result agrees with itself ------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_drivers_favour_the_top_role_whenever_it_is_ahead(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    """When the top role is ahead, every driver is a dimension closer to it than to the next."""
    answers = data.draw(sheets(kb))
    result = scoring.score(kb, answers)
    if len(result.ranking) < 2 or result.ranking[0].fit == result.ranking[1].fit:
        return
    top, runner_up = (kb.role(r.role_id) for r in result.ranking[:2])
    for driver in result.drivers:
        score = result.profile[driver.dimension_id]
        assert abs(score - top.profile[driver.dimension_id]) < abs(
            score - runner_up.profile[driver.dimension_id]
        )
        for item in driver.answers:
            question = kb.question(item.question_id)
            assert item.option_id == question.options[answers[question.id]].id


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
