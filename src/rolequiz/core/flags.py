"""The careless-answering flags, in one registry: each flag's code, the rule that raises
it, the settings it reads and the catalogue keys that word it.

A flag says the answers do not look read, so the result names no role.  The scorer,
``--json``, the class table, the class report's legend and the student reports all read
:data:`FLAGS`, so a new flag touches this module, the two catalogues and the tests.  The
rules run over a batch of sheets with NumPy (one row per sheet, one column per question,
in the knowledge base's order) and look at one row at a time, so a sheet's flags never
depend on the batch it is scored in.  Nothing here names a role, a trait or a question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rolequiz.core.model import KnowledgeBase

Ints = npt.NDArray[np.intp]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

BLOCK = 5
"""A block (the scenarios, the statements) needs this many questions before a pattern
in it means anything: four statements all "Agree" can be honest."""
EPSILON = 1e-9
"""Shares are compared with this slack, so that 0.75 × 20 = 15 answers reach 0.75."""


@dataclass(frozen=True)
class Sheets:
    """A batch of answer sheets as the rules read them."""

    codes: Ints
    """(n, questions): the 0-based index of each chosen option (a statement's step)."""
    positions: Ints
    """(n, questions): the 0-based place where each chosen option was shown, or printed."""
    seconds: Floats | None
    """(n, questions): the seconds of each answer, NaN unknown; None: no times at all."""


Rule = Callable[[KnowledgeBase, Sheets], Bools]


@dataclass(frozen=True)
class Flag:
    """One careless-answering flag."""

    code: str
    """Stable: ``--json``, the class table's ``careless`` column and the catalogue keys."""
    rule: Rule
    """(n,): which sheets of a batch it flags."""
    settings: tuple[str, ...]
    """The knowledge base's settings the rule reads (docs/knowledge-base.md)."""
    more_keys: tuple[str, ...] = ()
    """Catalogue keys of its words beyond the usual three (:attr:`keys`)."""

    @property
    def keys(self) -> tuple[str, ...]:
        """Its words: the line under a flagged result, its term and meaning in the class
        report's legend, and any more it has."""
        return (f"result.flag.{self.code}", f"cohort.legend.{self.code}.term",
                f"cohort.legend.{self.code}", *self.more_keys)


def _kinds(kb: KnowledgeBase) -> tuple[Ints, Ints, Ints]:
    """The columns of the scenarios, of the statements, and every question's options."""
    scenarios = np.array([i for i, q in enumerate(kb.questions) if q.kind == "choice"],
                         dtype=np.intp)
    statements = np.array([i for i, q in enumerate(kb.questions) if q.kind != "choice"],
                          dtype=np.intp)
    options = np.array([len(q.options) for q in kb.questions], dtype=np.intp)
    return scenarios, statements, options


def _most_in_one_place(places: Ints, options: Ints) -> Ints:
    """(n,): how many of the answers share the commonest place."""
    most = np.zeros(len(places), dtype=np.intp)
    for place in range(int(options.max(initial=1))):
        most = np.maximum(most, (places == place).sum(axis=1))
    return most


def same_position(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """At least ``straightline_share`` of all the answers in one shown place."""
    _, _, options = _kinds(kb)
    most = _most_in_one_place(sheets.positions, options)
    return np.asarray(most >= kb.settings.straightline_share * len(options) - EPSILON)


def _straight(places: Ints, options: Ints, share: float) -> Bools:
    """At least *share* of a block's answers in one place (never for a short block)."""
    if len(options) < BLOCK:
        return np.zeros(len(places), dtype=np.bool_)
    most = _most_in_one_place(places, options)
    return np.asarray(most >= share * len(options) - EPSILON)


def straight_statements(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """The same step of the scale for (nearly) every statement: all "Neutral", all 1 …"""
    _, statements, options = _kinds(kb)
    return _straight(sheets.codes[:, statements], options[statements],
                     kb.settings.straight_statements_share)


def straight_scenarios(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """The same shown place, or printed letter, in nearly every scenario."""
    scenarios, _, options = _kinds(kb)
    return _straight(sheets.positions[:, scenarios], options[scenarios],
                     kb.settings.straight_scenarios_share)


def _regular_steps(places: Ints, options: Ints) -> Ints:
    """(n,): how many steps from one answer to the next follow the sheet's best regular
    walk along the list: one place on every time (1-2-3-4-1-2 …), one place back every
    time (4-3-2-1-4 …), or one place on or back, turning only at an end of the list
    (1-2-3-4-5-4-3-2 …)."""
    on = np.zeros(len(places), dtype=np.intp)
    back = np.zeros(len(places), dtype=np.intp)
    bounce = np.zeros(len(places), dtype=np.intp)
    before = np.zeros(len(places), dtype=np.intp)  # the last step of a bounce, 0: none
    for t in range(places.shape[1] - 1):
        here, there = places[:, t], places[:, t + 1]
        last, next_last = options[t] - 1, options[t + 1] - 1
        on += (there == here + 1) | ((here == last) & (there == 0))
        back += (there == here - 1) | ((here == 0) & (there == next_last))
        step = there - here
        moved = np.abs(step) == 1
        at_end = (here == 0) | (here == last)
        bounce += moved & ((before == 0) | (step == before) | at_end)
        before = np.where(moved, step, 0)
    return np.maximum(np.maximum(on, back), bounce)


def zigzag(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """Answers that walk along the list: the scenarios, the statements or the whole sheet
    in order, with at least ``zigzag_share`` of their steps regular."""
    scenarios, statements, options = _kinds(kb)
    share = kb.settings.zigzag_share
    found = np.zeros(len(sheets.positions), dtype=np.bool_)
    for columns in (scenarios, statements, np.arange(len(options), dtype=np.intp)):
        if len(columns) < BLOCK:
            continue
        regular = _regular_steps(sheets.positions[:, columns], options[columns])
        found |= regular >= share * (len(columns) - 1) - EPSILON
    return found


def reverse_pairs(kb: KnowledgeBase) -> tuple[tuple[int, int], ...]:
    """Columns of every (statement, reverse-keyed statement) on the same trait."""
    keyed: dict[str, list[tuple[int, bool]]] = {}
    for column, q in enumerate(kb.questions):
        if q.kind != "choice" and q.dimension:
            keyed.setdefault(q.dimension, []).append((column, bool(q.reverse)))
    return tuple((a, b) for items in keyed.values() for a, ra in items for b, rb in items
                 if not ra and rb)


def discord(kb: KnowledgeBase, codes: Ints) -> Ints:
    """(n, pairs): how strongly each reverse-keyed pair (:func:`reverse_pairs`) is answered
    against itself: when both answers lie on the same side of the middle of the scale
    (agreeing with both, or disagreeing with both), the steps by which they are more than
    one apart once the reverse-keyed one is turned round; else 0.  "Agree" to both is 1,
    "Strongly agree" and "Agree" 2, "Strongly agree" to both 3; "Strongly agree" and
    "Neutral" is 0 (an answer at the ends, not a contradiction)."""
    pairs = reverse_pairs(kb)
    apart = np.zeros((len(codes), len(pairs)), dtype=np.intp)
    for index, (normal, reverse) in enumerate(pairs):
        top = len(kb.questions[reverse].options) - 1
        middle = top / 2
        a, b = codes[:, normal], codes[:, reverse]
        same_side = ((a > middle) & (b > middle)) | ((a < middle) & (b < middle))
        steps = np.maximum(np.abs(a - (top - b)) - 1, 0)
        apart[:, index] = np.where(same_side, steps, 0)
    return apart


def contradicting(kb: KnowledgeBase, codes: npt.ArrayLike) -> tuple[tuple[str, str], ...]:
    """The (statement, reverse-keyed statement) ids that one sheet answers against each
    other, so that a flagged result can name them."""
    row = discord(kb, np.asarray(codes, dtype=np.intp).reshape(1, -1))[0].tolist()
    return tuple((kb.questions[a].id, kb.questions[b].id)
                 for (a, b), steps in zip(reverse_pairs(kb), row, strict=True) if steps > 0)


def contradiction(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """Reverse-keyed pairs answered against each other by ``contradiction_steps`` steps
    or more in all: one pair alone seldom adds up to that, honest slips do not."""
    total = discord(kb, sheets.codes).sum(axis=1)
    return np.asarray(total >= kb.settings.contradiction_steps)


def too_fast(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """At least ``too_fast_share`` of the answers quicker than their reading time."""
    if sheets.seconds is None:
        return np.zeros(len(sheets.codes), dtype=np.bool_)
    s = kb.settings
    limit = np.array([s.reading_time(q.kind) for q in kb.questions], dtype=np.float64)
    quick = (sheets.seconds < limit[None, :]).sum(axis=1)
    return np.asarray(quick >= s.too_fast_share * len(kb.questions) - EPSILON)


FLAGS = (
    Flag("same_position", same_position, ("straightline_share",)),
    Flag("contradiction", contradiction, ("contradiction_steps",),
         ("result.flag.contradiction.pair",)),
    Flag("too_fast", too_fast, ("too_fast_choice", "too_fast_statement", "too_fast_share")),
    Flag("straight_statements", straight_statements, ("straight_statements_share",)),
    Flag("straight_scenarios", straight_scenarios, ("straight_scenarios_share",)),
    Flag("zigzag", zigzag, ("zigzag_share",)),
)
"""Every flag, in the order of the columns of :func:`evaluate`."""
CODES = tuple(flag.code for flag in FLAGS)
"""The flags' stable codes, in the same order."""


def evaluate(kb: KnowledgeBase, codes: Ints, *, positions: Ints,
             seconds: Floats | None) -> Bools:
    """(n, flags): which of :data:`FLAGS` each sheet raises."""
    sheets = Sheets(codes=codes, positions=positions, seconds=seconds)
    if not len(codes):
        return np.zeros((0, len(FLAGS)), dtype=np.bool_)
    return np.stack([np.asarray(flag.rule(kb, sheets), dtype=np.bool_) for flag in FLAGS],
                    axis=1)
