"""Item analysis: answer counts, Cronbach's alpha and item–rest correlations.

The expected values come from the textbook formulas written out here over a
plain matrix (``statistics``), or from matrices small enough to check by hand.
"""

from __future__ import annotations

import random
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolequiz.core.cohort import items
from rolequiz.core.cohort.items import ItemAnalysis, Moments, cronbach_alpha, item_rest
from rolequiz.core.kb.model import KnowledgeBase

Matrix = list[list[float]]

HAND = [[1, 1, 1], [1, 1, 0], [0, 1, 0], [0, 0, 0]]
"""Four students, three items.  Item variances 1/3, 1/4, 1/4 (sum 5/6); totals 3, 2,
1, 0 with variance 5/3; alpha = 3/2 · (1 − (5/6)/(5/3)) = 0.75.  Item 1 against the
rest (2, 1, 1, 0): r = 1/√2."""


def covariance(rows: Matrix) -> list[list[float]]:
    moments = Moments(len(rows[0]))
    for row in rows:
        moments.add(row)
    return moments.covariance()


def textbook_alpha(rows: Matrix) -> float:
    """k/(k−1) · (1 − Σ var(item) / var(total)), with ``statistics.variance``."""
    k = len(rows[0])
    item_variances = [statistics.variance([row[i] for row in rows]) for i in range(k)]
    total_variance = statistics.variance([sum(row) for row in rows])
    return k / (k - 1) * (1 - sum(item_variances) / total_variance)


def textbook_item_rest(rows: Matrix, index: int) -> float:
    item = [row[index] for row in rows]
    rest = [sum(row) - row[index] for row in rows]
    return statistics.correlation(item, rest)


# -- the formulas ------------------------------------------------------------


def test_alpha_of_the_hand_checked_matrix_is_three_quarters() -> None:
    """The four-by-three matrix worked out in ``HAND``'s docstring has alpha 0.75."""
    assert cronbach_alpha(covariance(HAND)) == pytest.approx(0.75)


def test_item_rest_of_the_hand_checked_matrix() -> None:
    """Item 1 of ``HAND`` correlates 1/√2 with the sum of the other two."""
    assert item_rest(covariance(HAND), 0) == pytest.approx(2 ** -0.5)


def test_perfectly_correlated_items_give_alpha_one() -> None:
    """Items that always move together agree completely: alpha 1, item–rest 1."""
    rows = [[v, v, v, v] for v in (0.0, 0.25, 0.5, 1.0, 1.0, 0.75)]
    cov = covariance(rows)
    assert cronbach_alpha(cov) == pytest.approx(1.0)
    assert all(item_rest(cov, i) == pytest.approx(1.0) for i in range(4))


def test_alpha_without_any_variance_is_none() -> None:
    """Every student answering alike leaves nothing to measure: no alpha, no correlations."""
    cov = covariance([[1.0, 0.0, 0.5]] * 12)
    assert cronbach_alpha(cov) is None
    assert [item_rest(cov, i) for i in range(3)] == [None, None, None]


def test_a_constant_item_has_no_item_rest_correlation() -> None:
    """An item nobody varies on cannot correlate; the others still can."""
    rows = [[1.0, a, b] for a, b in [(0, 0), (1, 1), (0, 1), (1, 1), (0, 0)]]
    cov = covariance(rows)
    assert item_rest(cov, 0) is None
    assert item_rest(cov, 1) == pytest.approx(textbook_item_rest(rows, 1))


def test_items_that_cancel_out_have_no_alpha() -> None:
    """Two items that always sum to the same total leave the total without variance."""
    cov = covariance([[x, 1 - x] for x in (0.0, 0.25, 1.0, 0.5)])
    assert cronbach_alpha(cov) is None


def test_one_item_has_no_alpha() -> None:
    """Alpha needs at least two items."""
    assert cronbach_alpha(covariance([[0.0], [1.0], [0.5]])) is None


def test_covariance_equals_the_statistics_module() -> None:
    """The streamed (Welford) covariance equals ``statistics.covariance`` pair by pair."""
    rows = [[0.0, 1.0, 0.25], [1.0, 0.5, 0.75], [0.5, 0.0, 1.0], [0.25, 0.25, 0.0]]
    cov = covariance(rows)
    for i in range(3):
        for j in range(3):
            expected = statistics.covariance([r[i] for r in rows], [r[j] for r in rows])
            assert cov[i][j] == pytest.approx(expected, abs=1e-12)


matrices = st.integers(min_value=2, max_value=5).flatmap(
    lambda k: st.lists(
        st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), min_size=k, max_size=k),
        min_size=3, max_size=30,
    )
)


@given(matrices)
def test_alpha_equals_the_textbook_formula(rows: Matrix) -> None:
    """For any matrix of item scores, streamed alpha equals the textbook formula (or is None
    exactly when the total does not vary)."""
    if statistics.variance([sum(row) for row in rows]) <= 1e-12:
        assert cronbach_alpha(covariance(rows)) is None
        return
    assert cronbach_alpha(covariance(rows)) == pytest.approx(textbook_alpha(rows), abs=1e-9)


@given(matrices)
def test_item_rest_equals_pearson_of_item_and_rest(rows: Matrix) -> None:
    """Each item–rest correlation equals Pearson's r of the item and the sum of the others."""
    cov = covariance(rows)
    for index in range(len(rows[0])):
        item = [row[index] for row in rows]
        rest = [sum(row) - row[index] for row in rows]
        if statistics.variance(item) <= 1e-12 or statistics.variance(rest) <= 1e-12:
            assert item_rest(cov, index) is None
        else:
            assert item_rest(cov, index) == pytest.approx(textbook_item_rest(rows, index),
                                                          abs=1e-9)


# -- item scores from a knowledge base ----------------------------------------


def test_item_score_is_the_options_share_of_the_most(tiny_kb: KnowledgeBase) -> None:
    """A scenario option counts its weight over the question's largest weight for the trait."""
    q1 = tiny_kb.question("q1")
    assert items.item_score(q1, q1.option_index("c") or 0, "red") == pytest.approx(0.3)
    assert items.item_score(q1, q1.option_index("a") or 0, "red") == 1.0
    assert items.item_score(q1, q1.option_index("b") or 0, "red") == 0.0


def test_reverse_keyed_items_are_scored_reversed(tiny_kb: KnowledgeBase) -> None:
    """Strongly disagreeing with a reverse-keyed statement shows the most of its trait."""
    q4 = tiny_kb.question("q4")
    assert q4.reverse
    assert items.item_score(q4, 0, "green") == 1.0
    assert items.item_score(q4, 4, "green") == 0.0


def test_measuring_lists_the_questions_of_a_trait(tiny_kb: KnowledgeBase) -> None:
    """Every question with some weight for a trait is one of its items, in quiz order."""
    assert [q.id for q in items.measuring(tiny_kb, "red")] == ["q1", "q2", "q3", "q6"]
    assert [q.id for q in items.measuring(tiny_kb, "blue")] == ["q2", "q5"]


def sheets(kb: KnowledgeBase, count: int, seed: int = 3) -> list[dict[str, int]]:
    """*count* complete answer sheets, the same every run."""
    rng = random.Random(seed)
    return [{q.id: rng.randrange(len(q.options)) for q in kb.questions} for _ in range(count)]


def test_analysis_counts_every_option_of_every_question(tiny_kb: KnowledgeBase) -> None:
    """Counts per option add up to the students, and match the sheets."""
    given_sheets = sheets(tiny_kb, 7)
    analysis = ItemAnalysis(tiny_kb)
    for answers in given_sheets:
        analysis.add(answers)
    for question in tiny_kb.questions:
        expected = [sum(1 for s in given_sheets if s[question.id] == i)
                    for i in range(len(question.options))]
        assert analysis.counts[question.id] == expected


def test_reliability_needs_ten_students(tiny_kb: KnowledgeBase) -> None:
    """Below ``MIN_STUDENTS`` there are no reliability figures; from it on there are."""
    analysis = ItemAnalysis(tiny_kb)
    for answers in sheets(tiny_kb, items.MIN_STUDENTS - 1):
        analysis.add(answers)
    assert analysis.reliability() is None
    analysis.add(sheets(tiny_kb, 1)[0])
    found = analysis.reliability()
    assert found is not None
    assert [r.dimension_id for r in found] == [d.id for d in tiny_kb.dimensions]


def test_reliability_of_a_class_equals_the_formula_on_its_item_scores(
    tiny_kb: KnowledgeBase,
) -> None:
    """Alpha per trait equals the textbook formula on the class's item-score matrix."""
    given_sheets = sheets(tiny_kb, 30)
    analysis = ItemAnalysis(tiny_kb)
    for answers in given_sheets:
        analysis.add(answers)
    found = analysis.reliability()
    assert found is not None
    for reliability in found:
        questions = items.measuring(tiny_kb, reliability.dimension_id)
        rows = [[items.item_score(q, s[q.id], reliability.dimension_id) for q in questions]
                for s in given_sheets]
        assert reliability.question_ids == tuple(q.id for q in questions)
        assert reliability.alpha == pytest.approx(textbook_alpha(rows))
        for index, value in enumerate(reliability.item_rest):
            assert value == pytest.approx(textbook_item_rest(rows, index))


@pytest.mark.parametrize("batch", [1, 4, 13, 40])
def test_batches_of_sheets_add_up_as_sheets_one_by_one(tiny_kb: KnowledgeBase,
                                                       batch: int) -> None:
    """The cohort adds sheets a batch at a time: the same counts, and the same alpha and
    item–rest correlations up to the last digits (the moments are merged, not summed)."""
    given_sheets = sheets(tiny_kb, 40, seed=8)
    one_by_one, batched = ItemAnalysis(tiny_kb), ItemAnalysis(tiny_kb)
    for answers in given_sheets:
        one_by_one.add(answers)
    codes = [[s[q.id] for q in tiny_kb.questions] for s in given_sheets]
    for start in range(0, len(codes), batch):
        batched.add_codes(codes[start:start + batch])
    assert batched.students == one_by_one.students
    assert batched.counts == one_by_one.counts
    expected, found = one_by_one.reliability(), batched.reliability()
    assert expected is not None and found is not None
    for want, got in zip(expected, found, strict=True):
        assert got.alpha == pytest.approx(want.alpha, rel=1e-9, abs=1e-12)
        assert got.item_rest == pytest.approx(want.item_rest, rel=1e-9, abs=1e-12)
