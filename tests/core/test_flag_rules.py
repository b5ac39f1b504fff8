"""Each careless-answering flag, raised over a batch of sheets at once, says what its rule
(docs/method.md, step 9) says of each sheet read on its own.

The flags are counted over a whole batch with NumPy, in 16 bits and one row per
question; here each rule is read out plainly, one sheet at a time, on random
sheets, straight lines and walks along the list, with blanks, shown places and
answer times, so that a count made faster can never raise another flag.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import flags

PROPERTY = settings(max_examples=60, deadline=None)
FIXTURES = Path(__file__).parent.parent / "fixtures"
Sheet = tuple[list[int], list[int], list[float]]
"""One sheet: its codes (-1 blank), its shown places and its seconds (NaN unknown)."""


@pytest.fixture(scope="module", params=["shipped", "tiny", "four roles"])
def kb(request: pytest.FixtureRequest, shipped_kb: KnowledgeBase,
       tiny_kb: KnowledgeBase) -> KnowledgeBase:
    """Knowledge bases with blocks long enough for every flag, and too short for some."""
    return {"shipped": lambda: shipped_kb, "tiny": lambda: tiny_kb,
            "four roles": lambda: knowledge.load(FIXTURES / "four-roles-validity.yaml"),
            }[request.param]()


def most_in_one_place(places: list[int]) -> int:
    return max((places.count(p) for p in set(places)), default=0)


def straight(places: list[int], share: float) -> bool:
    return len(places) >= flags.BLOCK and \
        most_in_one_place(places) >= share * len(places) - flags.EPSILON


def regular_steps(places: list[int], options: list[int]) -> int:
    """The steps of the best regular walk: on, back, or on and back turning at an end."""
    on = back = bounce = 0
    before = 0
    for k in range(len(places) - 1):
        here, there, last = places[k], places[k + 1], options[k] - 1
        on += there == here + 1 or (here == last and there == 0)
        back += there == here - 1 or (here == 0 and there == options[k + 1] - 1)
        step = there - here
        if abs(step) == 1 and (before == 0 or step == before or here in (0, last)):
            bounce += 1
        before = step if abs(step) == 1 else 0
    return max(on, back, bounce)


def plain_flags(kb: KnowledgeBase, sheet: Sheet) -> tuple[bool, ...]:
    """Every flag's rule read out for one sheet, blanks being no answer."""
    codes, shown, seconds = sheet
    s = kb.settings
    given = [i for i, code in enumerate(codes) if code >= 0]
    options = [len(q.options) for q in kb.questions]
    scenarios = [i for i in given if kb.questions[i].kind == "choice"]
    statements = [i for i in given if kb.questions[i].kind != "choice"]
    same = bool(given) and most_in_one_place([shown[i] for i in given]) >= \
        s.flag_setting("straightline_share") * len(given) - flags.EPSILON
    apart = 0
    for a, b in flags.reverse_pairs(kb):
        top = options[b] - 1
        if codes[a] >= 0 and codes[b] >= 0 and \
                (min(codes[a], codes[b]) > top / 2 or max(codes[a], codes[b]) < top / 2):
            apart += max(abs(codes[a] - (top - codes[b])) - 1, 0)
    quick = sum(1 for i in given if seconds[i] < s.reading_time(kb.questions[i].kind))
    fast = bool(given) and quick >= s.flag_setting("too_fast_share") * len(given) - \
        flags.EPSILON
    share = s.flag_setting("zigzag_share")
    walks = False
    for kind in ("choice", "scale", None):
        block = [i for i, q in enumerate(kb.questions)
                 if kind is None or (q.kind == "choice") == (kind == "choice")]
        answered = [i for i in block if codes[i] >= 0]
        if len(block) >= flags.BLOCK and len(answered) >= flags.BLOCK:
            steps = regular_steps([shown[i] for i in answered], [options[i] for i in answered])
            walks |= steps >= share * (len(answered) - 1) - flags.EPSILON
    return (same, apart >= s.flag_setting("contradiction_steps"), fast,
            straight([codes[i] for i in statements], s.flag_setting("straight_statements_share"))
            and len([q for q in kb.questions if q.kind != "choice"]) >= flags.BLOCK,
            straight([shown[i] for i in scenarios], s.flag_setting("straight_scenarios_share"))
            and len([q for q in kb.questions if q.kind == "choice"]) >= flags.BLOCK,
            walks)


def sheets(kb: KnowledgeBase) -> st.SearchStrategy[list[Sheet]]:
    """Batches of sheets: random, straight-lined or walking (on, back, bouncing), shown in
    their own order or another, with a few blanks and answer times."""
    options = [len(q.options) for q in kb.questions]
    count = len(options)

    @st.composite
    def one(draw: st.DrawFn) -> Sheet:
        pattern = draw(st.sampled_from(["random", "straight", "on", "back", "bounce"]))
        place, step = draw(st.integers(0, 4)), 1
        codes = []
        for n in options:
            if pattern == "random":
                place = draw(st.integers(0, n - 1))
            elif pattern in ("on", "back"):
                place = (place + (1 if pattern == "on" else -1)) % n
            elif pattern == "bounce":
                if not 0 <= place + step < n:
                    step = -step
                place = min(max(place + step, 0), n - 1)
            codes.append(min(place, n - 1))
        shown = list(codes)
        for _ in range(draw(st.sampled_from([0, 0, 1, 3]))):  # shown in another place
            i = draw(st.integers(0, count - 1))
            shown[i] = draw(st.integers(0, options[i] - 1))
        if draw(st.booleans()):  # a block answered in one pattern, the other at random
            for i, q in enumerate(kb.questions):
                if q.kind == "choice":
                    codes[i] = draw(st.integers(0, options[i] - 1))
        for _ in range(draw(st.sampled_from([0, 0, 1, 2, 3]))):
            codes[draw(st.integers(0, count - 1))] = -1
        seconds = [draw(st.sampled_from([math.nan, 0.5, 2.0, 9.0])) for _ in options]
        return codes, shown, seconds

    return st.lists(one(), min_size=1, max_size=30)


@PROPERTY
@given(data=st.data())
def test_a_batch_raises_each_sheets_own_flags(kb: KnowledgeBase, data: st.DataObject) -> None:
    """Every flag of every sheet of a batch is the flag its rule gives that sheet alone."""
    batch = data.draw(sheets(kb))
    timed = data.draw(st.booleans())
    codes = np.array([codes for codes, _, _ in batch], dtype=np.intp)
    shown = np.array([shown for _, shown, _ in batch], dtype=np.intp)
    seconds = np.array([seconds for _, _, seconds in batch], dtype=np.float64)
    raised = flags.evaluate(kb, codes, positions=shown, seconds=seconds if timed else None)
    for row, (sheet_codes, sheet_shown, sheet_seconds) in enumerate(batch):
        times = sheet_seconds if timed else [math.nan] * len(sheet_seconds)
        assert tuple(raised[row].tolist()) == plain_flags(kb, (sheet_codes, sheet_shown, times))
