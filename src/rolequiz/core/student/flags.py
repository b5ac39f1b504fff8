"""The careless-answering flags, in one registry: each flag's code, the rule that raises
it, the settings it reads and the catalogue keys that word it.

A flag says the answers do not look read, so the result names no role.  The scorer,
``--json``, the class table, the class report's legend and the student reports all read
:data:`FLAGS`, and the knowledge base's schema reads each flag's settings (name, default,
range) from it, so a new flag touches this module, the two catalogues and the tests.
NumPy is imported by the rules, not by this module: the schema reads the settings
without it.  The rules run over a batch of sheets with NumPy (one row per sheet, one
column per question, in the knowledge base's order) and look at one row at a time, so a
sheet's flags never depend on the batch it is scored in.  A question left blank (code -1)
is no answer: each rule reads the answers given, and a reverse-keyed pair with one side
blank does not count.  Nothing here names a role, a trait or a question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rolequiz.core.kb.model import KnowledgeBase

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

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
    """(n, questions): the 0-based index of each chosen option (a statement's step), -1
    for a question left blank."""
    positions: Ints
    """(n, questions): the 0-based place where each chosen option was shown, or printed;
    -1 for a question left blank."""
    seconds: Floats | None
    """(n, questions): the seconds of each answer, NaN unknown (and blank); None: no times
    at all."""

    @cached_property
    def by_question(self) -> tuple[Ints, Ints]:
        """(questions, n) each: the codes and the positions, one row per question, in 16
        bits where they fit.  The rules count along each sheet's answers; in this layout a
        count is a sum of a few contiguous rows, ten times faster than along the rows of
        :attr:`codes`."""
        import numpy as np

        small = max(self.codes.shape[1], int(self.codes.max(initial=0)),
                    int(self.positions.max(initial=0))) < SMALL
        kind = np.int16 if small else np.intp
        return (np.ascontiguousarray(self.codes.T, dtype=kind),
                np.ascontiguousarray(self.positions.T, dtype=kind))

    @cached_property
    def answered(self) -> Ints:
        """(n,): how many questions each sheet answers."""
        return _count(self.by_question[0] >= 0)


SMALL = 2**14
"""Questions, and options of a question, below which :attr:`Sheets.by_question` holds
them in 16 bits (every count and every place ± 1 then fits too)."""


def _count(found: Bools) -> Ints:
    """(n,): the True of each column of *found*, (questions, n)."""
    import numpy as np

    return np.asarray(found.sum(axis=0, dtype=np.int16 if len(found) < SMALL else np.intp))


Rule = Callable[[KnowledgeBase, Sheets], "Bools"]


@dataclass(frozen=True)
class Setting:
    """A knowledge-base setting a flag's rule reads (``settings:`` in the YAML)."""

    name: str
    default: float | None
    """Its value when the file leaves it out; None: the file must give it."""
    low: float
    high: float
    """The range ``validate`` accepts, both ends included."""
    whole: bool = False
    """A whole number (a count of steps), not a share or a time."""


@dataclass(frozen=True)
class Flag:
    """One careless-answering flag."""

    code: str
    """Stable: ``--json``, the class table's ``careless`` column and the catalogue keys."""
    rule: Rule
    """(n,): which sheets of a batch it flags."""
    settings: tuple[Setting, ...]
    """The knowledge base's settings the rule reads (docs/knowledge-base.md), as
    :meth:`rolequiz.core.kb.model.Settings.flag_setting` gives them."""
    more_keys: tuple[str, ...] = ()
    """Catalogue keys of its words beyond the usual three (:attr:`keys`): what a flag
    with more to say (the statements that contradict, the time a form took) says under
    a result and in the class report."""

    @property
    def keys(self) -> tuple[str, ...]:
        """Its words: the line under a flagged result, its term and meaning in the class
        report's legend, and any more it has."""
        return (f"result.flag.{self.code}", f"cohort.legend.{self.code}.term",
                f"cohort.legend.{self.code}", *self.more_keys)


def _kinds(kb: KnowledgeBase) -> tuple[Ints, Ints, Ints]:
    """The columns of the scenarios, of the statements, and every question's options."""
    import numpy as np

    scenarios = np.array([i for i, q in enumerate(kb.questions) if q.kind == "choice"],
                         dtype=np.intp)
    statements = np.array([i for i, q in enumerate(kb.questions) if q.kind != "choice"],
                          dtype=np.intp)
    options = np.array([len(q.options) for q in kb.questions], dtype=np.intp)
    return scenarios, statements, options


def _most_in_one_place(places: Ints, options: Ints) -> Ints:
    """(n,): how many of the answers share the commonest place; *places* is (questions, n)."""
    import numpy as np

    most = np.zeros(places.shape[1], dtype=places.dtype)
    for place in range(int(options.max(initial=1))):
        np.maximum(most, _count(places == place), out=most)
    return most


def same_position(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """At least ``straightline_share`` of all the answers in one shown place."""
    import numpy as np

    _, _, options = _kinds(kb)
    most = _most_in_one_place(sheets.by_question[1], options)
    answered = sheets.answered
    share = kb.settings.flag_setting("straightline_share")
    return np.asarray((answered > 0) & (most >= share * answered - EPSILON))


def _straight(places: Ints, options: Ints, share: float) -> Bools:
    """At least *share* of a block's answers in one place (never for a block of fewer than
    :data:`BLOCK` answers); *places* is (questions, n)."""
    import numpy as np

    if len(options) < BLOCK:
        return np.zeros(places.shape[1], dtype=np.bool_)
    most = _most_in_one_place(places, options)
    answered = _count(places >= 0)
    return np.asarray((answered >= BLOCK) & (most >= share * answered - EPSILON))


def straight_statements(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """The same step of the scale for (nearly) every statement: all "Neutral", all 1 …"""
    _, statements, options = _kinds(kb)
    return _straight(sheets.by_question[0][statements], options[statements],
                     kb.settings.flag_setting("straight_statements_share"))


def straight_scenarios(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """The same shown place, or printed letter, in nearly every scenario."""
    scenarios, _, options = _kinds(kb)
    return _straight(sheets.by_question[1][scenarios], options[scenarios],
                     kb.settings.flag_setting("straight_scenarios_share"))


def _regular_steps(places: Ints, options: Ints) -> Ints:
    """(n,): how many steps from one answer to the next follow the sheet's best regular
    walk along the list: one place on every time (1-2-3-4-1-2 …), one place back every
    time (4-3-2-1-4 …), or one place on or back, turning only at an end of the list
    (1-2-3-4-5-4-3-2 …).  *places* is (questions, n): every step of every sheet at once."""
    import numpy as np

    if int(options.max(initial=0)) >= SMALL:  # a list too long for 16 bits (never in YAML)
        places = places.astype(np.intp)
    options = options.astype(places.dtype)
    here, there = places[:-1], places[1:]
    last, next_last = (options[:-1] - 1)[:, None], (options[1:] - 1)[:, None]
    on = _count((there == here + 1) | ((here == last) & (there == 0)))
    back = _count((there == here - 1) | ((here == 0) & (there == next_last)))
    step = there - here
    moved = np.abs(step) == 1
    at_end = (here == 0) | (here == last)
    before = np.zeros_like(step)  # the last step of a bounce, 0: none
    np.multiply(step[:-1], moved[:-1], out=before[1:])
    bounce = _count(moved & ((before == 0) | (step == before) | at_end))
    return np.asarray(np.maximum(np.maximum(on, back), bounce), dtype=np.intp)


def zigzag(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """Answers that walk along the list: the scenarios, the statements or the whole sheet
    in order, with at least ``zigzag_share`` of their steps regular."""
    import numpy as np

    scenarios, statements, options = _kinds(kb)
    share = kb.settings.flag_setting("zigzag_share")
    positions = sheets.by_question[1]
    found = np.zeros(positions.shape[1], dtype=np.bool_)
    for columns in (scenarios, statements, np.arange(len(options), dtype=np.intp)):
        if len(columns) < BLOCK:
            continue
        places = positions[columns]
        whole = _count(places >= 0) == len(columns)
        regular = _regular_steps(places, options[columns])
        found |= whole & (regular >= share * (len(columns) - 1) - EPSILON)
        for row in np.flatnonzero(~whole).tolist():  # blanks: the answers given, in order
            given = columns[places[:, row] >= 0]
            if len(given) >= BLOCK:
                steps = _regular_steps(positions[given, row:row + 1], options[given])
                found[row] |= bool(steps[0] >= share * (len(given) - 1) - EPSILON)
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
    import numpy as np

    return np.asarray(_apart(kb, np.asarray(codes).T).T, dtype=np.intp)


def _apart(kb: KnowledgeBase, codes: Ints) -> Ints:
    """(pairs, n): :func:`discord` of *codes*, (questions, n)."""
    import numpy as np

    pairs = reverse_pairs(kb)
    apart = np.zeros((len(pairs), codes.shape[1]), dtype=codes.dtype)
    for index, (normal, reverse) in enumerate(pairs):
        top = len(kb.questions[reverse].options) - 1
        middle = top / 2
        a, b = codes[normal], codes[reverse]
        same_side = ((a > middle) & (b > middle)) | ((a < middle) & (b < middle))
        same_side &= (a >= 0) & (b >= 0)  # one side blank: no pair to set against
        steps = np.maximum(np.abs(a - (top - b)) - 1, 0)
        apart[index] = steps * same_side
    return apart


def contradicting(kb: KnowledgeBase, codes: npt.ArrayLike) -> tuple[tuple[str, str], ...]:
    """The (statement, reverse-keyed statement) ids that one sheet answers against each
    other, so that a flagged result can name them."""
    import numpy as np

    row = discord(kb, np.asarray(codes, dtype=np.intp).reshape(1, -1))[0].tolist()
    return tuple((kb.questions[a].id, kb.questions[b].id)
                 for (a, b), steps in zip(reverse_pairs(kb), row, strict=True) if steps > 0)


def contradiction(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """Reverse-keyed pairs answered against each other by ``contradiction_steps`` steps
    or more in all: one pair alone seldom adds up to that, honest slips do not."""
    import numpy as np

    total = _apart(kb, sheets.by_question[0]).sum(axis=0, dtype=np.intp)
    return np.asarray(total >= kb.settings.flag_setting("contradiction_steps"))


def too_fast(kb: KnowledgeBase, sheets: Sheets) -> Bools:
    """At least ``too_fast_share`` of the answers quicker than their reading time."""
    import numpy as np

    if sheets.seconds is None:
        return np.zeros(len(sheets.codes), dtype=np.bool_)
    s = kb.settings
    limit = np.array([s.reading_time(q.kind) for q in kb.questions], dtype=np.float64)
    quick = ((sheets.seconds < limit[None, :]) & (sheets.codes >= 0)).sum(axis=1)
    answered = sheets.answered
    share = s.flag_setting("too_fast_share")
    return np.asarray((answered > 0) & (quick >= share * answered - EPSILON))


FLAGS = (
    Flag("same_position", same_position, (Setting("straightline_share", None, 0.5, 1),)),
    Flag("contradiction", contradiction,
         (Setting("contradiction_steps", 4, 1, 100, whole=True),),
         ("result.flag.contradiction.pair", "cohort.notable.contradiction",
          "cohort.notable.contradiction.pair")),
    Flag("too_fast", too_fast, (Setting("too_fast_choice", 3.0, 0, 600),
                                Setting("too_fast_statement", 1.0, 0, 600),
                                Setting("too_fast_share", 0.30, 0.05, 1)),
         ("cohort.notable.too_fast",)),
    Flag("straight_statements", straight_statements,
         (Setting("straight_statements_share", 1.0, 0.5, 1),)),
    Flag("straight_scenarios", straight_scenarios,
         (Setting("straight_scenarios_share", 0.85, 0.5, 1),)),
    Flag("zigzag", zigzag, (Setting("zigzag_share", 0.9, 0.5, 1),)),
)
"""Every flag, in the order of the columns of :func:`evaluate`."""
CODES = tuple(flag.code for flag in FLAGS)
"""The flags' stable codes, in the same order."""
SETTINGS = tuple(setting for flag in FLAGS for setting in flag.settings)
"""Every flag's settings, as the schema reads and checks them."""


def evaluate(kb: KnowledgeBase, codes: Ints, *, positions: Ints,
             seconds: Floats | None) -> Bools:
    """(n, flags): which of :data:`FLAGS` each sheet raises; a blank (code -1) is no
    answer, wherever it was shown and however long it took."""
    import numpy as np

    if np.asarray(codes).size and np.min(codes) < 0:
        blank = np.asarray(codes) < 0
        positions = np.where(blank, -1, positions)
        seconds = None if seconds is None else np.where(blank, np.nan, seconds)
    sheets = Sheets(codes=codes, positions=positions, seconds=seconds)
    if not len(codes):
        return np.zeros((0, len(FLAGS)), dtype=np.bool_)
    return np.stack([np.asarray(flag.rule(kb, sheets), dtype=np.bool_) for flag in FLAGS],
                    axis=1)
