"""The scoring's log-likelihoods are the plain running sums of the method, bit for bit.

``posterior.loglik`` adds the first questions' tables up in advance and sums the
statements a few hundred sheets at a time, so that a class is scored in the
processor's cache.  Every figure must still be the one the plain sums below give,
equal, not close: a probability rounded the other way at a basis point, a
calibrated offset or a typicality moved at its last digit, would change a
student's result.  The plain sums are written here as the method reads (docs/method.md):
each question added in the order of the knowledge base, the styles in the order of
the grid, one whole batch at a time.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import posterior

PROPERTY = settings(max_examples=40, deadline=None)
FIXTURES = Path(__file__).parent.parent / "fixtures"


def plain_loglik(m: posterior.Model, codes: npt.NDArray[np.intp]) -> posterior.Floats:
    """τ·(ℓ − null) + offsets, every sum written out term by term over the whole batch."""
    count, roles = len(codes), len(m.null)
    total = np.zeros((count, roles), dtype=np.float64)
    for column, table in m.choices:
        total += table[codes[:, column]]
    if m.statements:
        styles = m.statements[0][1].shape[2]
        grid = np.zeros((count, roles, styles), dtype=np.float64)
        for column, table in m.statements:
            grid += table[codes[:, column]]
        top = grid[:, :, 0]
        for style in range(1, styles):
            top = np.maximum(top, grid[:, :, style])
        summed = np.zeros((count, roles), dtype=np.float64)
        for style in range(styles):
            summed += np.exp(grid[:, :, style] - top)
        total += top + np.log(summed / styles)
    return posterior.TAU * (total - m.null) + m.offsets


def only(kb: KnowledgeBase, kind: str) -> KnowledgeBase:
    """*kb* with the questions of one kind alone (``choice`` or not)."""
    kept = tuple(q for q in kb.questions if (q.kind == "choice") == (kind == "choice"))
    return dataclasses.replace(kb, questions=kept)


@pytest.fixture(scope="module", params=["shipped", "tiny", "four roles", "scenarios only",
                                        "statements only", "two roles"])
def kb(request: pytest.FixtureRequest, shipped_kb: KnowledgeBase,
       tiny_kb: KnowledgeBase) -> KnowledgeBase:
    """Knowledge bases of every shape the sums take: one kind of question alone, other
    numbers of roles and of questions."""
    return {"shipped": lambda: shipped_kb, "tiny": lambda: tiny_kb,
            "four roles": lambda: knowledge.load(FIXTURES / "four-roles.yaml"),
            "scenarios only": lambda: only(shipped_kb, "choice"),
            "statements only": lambda: only(shipped_kb, "scale"),
            "two roles": lambda: dataclasses.replace(shipped_kb, roles=shipped_kb.roles[:2]),
            }[request.param]()


def batch(kb: KnowledgeBase, count: int, seed: int) -> npt.NDArray[np.intp]:
    """*count* sheets: random ones, and every straight-lined one and both ends of the
    scale (the largest and smallest sums) among them."""
    options = np.array([len(q.options) for q in kb.questions], dtype=np.intp)
    rng = np.random.default_rng(seed)
    codes = np.floor(rng.random((count, len(options))) * options).astype(np.intp)
    lined = np.minimum(np.arange(int(options.max()))[:, None], options[None, :] - 1)
    codes[:min(count, len(lined))] = lined[:count]
    return codes


@PROPERTY
@given(count=st.integers(1, 1_300), seed=st.integers(0, 2**32 - 1))
def test_every_sheet_gets_the_plain_sums(kb: KnowledgeBase, count: int, seed: int) -> None:
    """Batches of any size, across the chunks the statements are summed in, get the plain
    sums exactly."""
    m = posterior.model(kb)
    codes = batch(kb, count, seed)
    assert np.array_equal(posterior.loglik(m, codes), plain_loglik(m, codes))


def test_a_sheet_alone_gets_the_plain_sums(kb: KnowledgeBase) -> None:
    """A batch of one, as the one-sheet engine scores it, gets the plain sums exactly."""
    m = posterior.model(kb)
    for sheet in batch(kb, 60, 7):
        assert np.array_equal(posterior.loglik(m, sheet[None, :]),
                              plain_loglik(m, sheet[None, :]))


def plain_statement_table(kb: KnowledgeBase, column: int) -> posterior.Floats:
    """log P(answer | role, style) of one statement, style after style: an ordinal
    logistic around 1 + (steps − 1)·u + s with slope α, cut halfway between the steps."""
    question = kb.questions[column]
    steps = len(question.options)
    levels = np.array([(role.levels[question.dimension] - 1) / 4 for role in kb.roles])
    keyed = 1.0 - levels if question.reverse else levels
    y = np.arange(1, steps + 1, dtype=np.float64)[:, None]
    styles = []
    for shift in posterior.SHIFTS:
        for slope in posterior.SLOPES:
            mu = 1.0 + (steps - 1) * keyed[None, :] + shift
            upper = np.where(y >= steps, 1.0, 1.0 / (1.0 + np.exp(-slope * (y + 0.5 - mu))))
            lower = np.where(y <= 1, 0.0, 1.0 / (1.0 + np.exp(-slope * (y - 0.5 - mu))))
            styles.append(np.log(np.maximum(upper - lower, 1e-12)))
    return np.stack(styles, axis=2)


def test_every_statements_table_is_the_ordinal_model_style_by_style(kb: KnowledgeBase) -> None:
    """The statements' tables, made for every style at once, are the ordinal model's
    figures made one style at a time, bit for bit."""
    for column, table in posterior.model(kb).statements:
        assert np.array_equal(table, plain_statement_table(kb, column))

