"""The scoring engine over many sheets at once says what the one-sheet engine says, exactly.

Every comparison is equality, not closeness: a fit rounded the other way at
a tie or a blend boundary would put a student in another box.  Each property
runs on the tiny knowledge base (weights such as 0.3 that binary floats do
not hold exactly) and on the shipped one, and again with other blend margins
so that the boundaries are crossed.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.cohort import scorer as vector
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import flags as flags_registry
from rolequiz.core.student import scoring

PROPERTY = settings(max_examples=150, deadline=None)
MARGINS = [(0.9, 0.75), (0.5, 0.5), (0.6, 0.4), (0.99, 0.34), (1.0, 1.0)]
"""Cut-offs (clear, leaning), the shipped .90/.75 among them."""


@pytest.fixture(scope="module", params=["tiny_kb", "shipped_kb"])
def kb(request: pytest.FixtureRequest) -> KnowledgeBase:
    """Each knowledge base the properties must hold for."""
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def with_margin(kb: KnowledgeBase, margin: tuple[float, float]) -> KnowledgeBase:
    clear, leaning = margin
    return dataclasses.replace(kb, settings=kb.settings._replace(clear=clear, leaning=leaning))


def sheets(kb: KnowledgeBase, *, most: int = 40) -> st.SearchStrategy[list[list[int]]]:
    """Batches of complete sheets; straight-lined ones and repeats come up often."""
    one = st.tuples(*(st.integers(0, len(q.options) - 1) for q in kb.questions)).map(list)
    lined = st.integers(0, 4).map(lambda k: [min(k, len(q.options) - 1) for q in kb.questions])
    return st.lists(st.one_of(one, lined), min_size=1, max_size=most)


def assert_same(kb: KnowledgeBase, batch: list[list[int]], scores: vector.Scores) -> None:
    """Row by row, the batch's scores are the engine's result for that sheet."""
    roles = [role.id for role in kb.roles]
    for row, sheet in enumerate(batch):
        result = scoring.score(kb, {q.id: i for q, i in zip(kb.questions, sheet, strict=True)})
        assert [roles[i] for i in scores.ranking[row]] == [f.role_id for f in result.ranking]
        assert dict(zip(roles, scores.fits[row].tolist(), strict=True)) == \
            {f.role_id: f.fit for f in result.ranking}
        assert scores.margin[row] == result.margin
        blend = {roles[i] for i in np.flatnonzero(scores.blend[row])}
        assert blend == set(result.blend)
        assert scoring.CONFIDENCES[scores.confidence[row]] == result.confidence
        flags = tuple(c for c, on in zip(flags_registry.CODES, scores.flags[row], strict=True)
                      if on)
        assert flags == result.flags
        assert scores.profile[row].tolist() == [result.profile[d.id] for d in kb.dimensions]


@PROPERTY
@given(data=st.data())
def test_a_batch_scores_as_the_engine_scores_each_sheet(kb: KnowledgeBase,
                                                        data: st.DataObject) -> None:
    """Fits, probabilities, ranking, margin, confidence, blend, flags and profile equal the
    engine's, sheet by sheet."""
    margin = data.draw(st.sampled_from(MARGINS))
    kb = with_margin(kb, margin)
    scorer = vector.Scorer(kb)
    assert scorer.exact  # the vector path, not the fallback
    batch = data.draw(sheets(kb))
    assert_same(kb, batch, scorer.score(np.array(batch)))


def test_every_sheet_of_the_tiny_quiz_scores_as_the_engine(tiny_kb: KnowledgeBase) -> None:
    """All the tiny quiz's sheets at once (every tie and boundary it has), at every cut-off."""
    sizes = [len(q.options) for q in tiny_kb.questions]
    batch = [list(sheet) for sheet in np.ndindex(*sizes)]
    for margin in MARGINS:
        kb = with_margin(tiny_kb, margin)
        assert_same(kb, batch, vector.Scorer(kb).score(np.array(batch)))


def test_ties_keep_the_order_of_the_knowledge_base(tiny_kb: KnowledgeBase) -> None:
    """Roles with the same profile always tie, and the first in the file ranks first."""
    twin = tiny_kb.roles[0]._replace(id="twin")
    kb = dataclasses.replace(tiny_kb, roles=(*tiny_kb.roles, twin))
    batch = [[i % len(q.options) for q in kb.questions] for i in range(6)]
    scores = vector.Scorer(kb).score(np.array(batch))
    assert_same(kb, batch, scores)
    first, twin_index = 0, len(kb.roles) - 1
    for row in scores.ranking.tolist():
        assert row.index(first) < row.index(twin_index)


def test_the_sheet_by_sheet_fallback_says_the_same(tiny_kb: KnowledgeBase) -> None:
    """The path taken when the vector path cannot be trusted gives the same scores."""
    scorer = vector.Scorer(tiny_kb)
    batch = [[(i * 7 + j) % len(q.options) for j, q in enumerate(tiny_kb.questions)]
             for i in range(30)]
    codes = np.array(batch)
    scorer.exact = False
    assert_same(tiny_kb, batch, scorer.score(codes))


def test_weights_too_fine_for_int64_fall_back_to_the_engine(tiny_kb: KnowledgeBase) -> None:
    """A weight of 2**-80 cannot be scaled into int64 with 1.0: scored sheet by sheet."""
    question = tiny_kb.questions[0]
    option = question.options[0]._replace(weights={
        d: (2.0**-80 if w else w) for d, w in question.options[0].weights.items()})
    changed = question._replace(options=(option, *question.options[1:]))
    kb = dataclasses.replace(tiny_kb, questions=(changed, *tiny_kb.questions[1:]))
    scorer = vector.Scorer(kb)
    assert not scorer.exact
    batch = [[i % len(q.options) for q in kb.questions] for i in range(5)]
    assert_same(kb, batch, scorer.score(np.array(batch)))


@PROPERTY
@given(data=st.data())
def test_a_sheet_with_blanks_gets_the_engines_profile_of_its_answers(
        kb: KnowledgeBase, data: st.DataObject) -> None:
    """Questions left blank give nothing and take nothing from the most: each trait's
    score equals the engine's profile of the answers given, sheet by sheet."""
    scorer = vector.Scorer(kb)
    assert scorer.exact
    batch = data.draw(sheets(kb))
    for sheet in batch:
        for column in data.draw(st.lists(st.integers(0, len(kb.questions) - 1), min_size=1,
                                         max_size=3)):
            sheet[column] = -1
    profile = scorer.score(np.array(batch)).profile
    for row, sheet in enumerate(batch):
        answers = {q.id: i for q, i in zip(kb.questions, sheet, strict=True) if i >= 0}
        expected = scoring.profile(kb, answers)
        assert profile[row].tolist() == [expected[d.id] for d in kb.dimensions]
