"""The short quiz: which question to ask next, and when the answers so far are enough.

The next question is the one whose answer is expected to leave the least uncertainty over
the roles: for each question not yet asked, the chance of each of its answers is what the
model's own tables say (:mod:`rolequiz.core.student.posterior`: each role's chance of the answer,
given the answers so far, weighed by the roles' probabilities now), and the uncertainty
after it is the entropy of the posterior the answer would give.  The quiz stops when the
careless checks have what they need and the answers so far raise no flag, and either the
result is as sure as the full quiz's "clear" (settings ``short_clear`` and
``typical_clear``, the typicality taken over the questions asked) or the questions left
can hardly make it clear any more (``short_give_up``: the students the model simulates
from the answers so far, answering the rest, seldom end clear).  The checks need
``short_scenarios`` scenarios, ``short_statements`` statements and ``short_pairs``
reverse-keyed pairs at least, and more while the full quiz's straight-line or
contradiction flag could still be raised by the questions left (:func:`lacking`), so
that a pattern the full quiz flags is asked far enough to be flagged.  Otherwise it goes
on, up to every question.  The method is in docs/method.md ("The short quiz").  Nothing here
names a role, a trait or a question; pure NumPy, no printing.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rolequiz.core.cohort.scorer import Scores
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import flags, posterior, scoring

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]

POOL = 1_000
"""Sheets simulated from each role's own model to learn what is typical of it over the
questions asked so far (a fixed seed, made once per process)."""
POOL_SEED = 2
AHEAD = 256
"""Students simulated from the answers so far, answering the questions left, to learn the
chance that the whole quiz would still end clear (a fixed seed: the same answers always
give the same decision, so that a replay asks what the quiz asked)."""
AHEAD_SEED = 3
SLACK = 0.3
"""Nats of expected entropy a question the careless checks still need may tell less than
the best question and be asked first: what they need is asked early when it also
tells nearly as much."""


@dataclass(frozen=True)
class Seen:
    """Where each chosen option was shown and how long each answer took, as far as known:
    the careless checks read them."""

    positions: Mapping[str, int] = dataclasses.field(default_factory=dict)
    """0-based places (default: the option's listed index)."""
    seconds: Mapping[str, float] | None = None
    """Seconds per answer; None: no time check."""


UNSEEN = Seen()


@dataclass(frozen=True)
class Tables:
    """Per question, in the knowledge base's order: log P(answer | role, style) and the
    answer's term of the null centring (what :func:`posterior.loglik_answered` adds)."""

    logp: tuple[Floats, ...]
    """(answers, roles) for a scenario, (answers, roles, styles) for a statement."""
    null: Floats
    """(questions, roles)."""
    pool: tuple[Ints, ...]
    """Per role: :data:`POOL` sheets simulated from its own model."""
    model: posterior.Model
    """The scoring's model of the knowledge base."""
    padded: Floats
    """(questions, most answers, roles, styles): every question's log P(answer | role,
    style), a scenario's the same in every style, -inf past its last answer: the expected
    entropy of every question in one computation."""
    choice: npt.NDArray[np.bool_]
    """(questions,): which questions are scenarios."""
    cumulative: Floats
    """(questions, most answers, roles, styles): :attr:`padded`'s chances summed along the
    answers, to draw answers from."""


_TABLES: dict[str, Tables] = {}
KEEP = 8
"""Knowledge base objects whose tables are remembered by the object itself."""
_BY_ID: dict[int, tuple[KnowledgeBase, Tables]] = {}
"""The tables by the knowledge base object itself: its model key takes a millisecond to
compute, and a choice of the next question asks for the tables several times."""


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of *kb*, made once per process and knowledge base."""
    known = _BY_ID.get(id(kb))
    if known is not None and known[0] is kb:
        return known[1]
    m = posterior.model(kb)
    key = posterior.model_key(kb)  # the same key as the model's own cache
    found = _TABLES.get(key)
    if found is None:
        found = _TABLES[key] = _make(kb, m)
    if len(_BY_ID) >= KEEP:
        _BY_ID.clear()  # each entry keeps its knowledge base alive
    _BY_ID[id(kb)] = (kb, found)
    return found


def _make(kb: KnowledgeBase, m: posterior.Model) -> Tables:
    count, roles = len(kb.questions), len(m.null)
    styles = m.statements[0][1].shape[2] if m.statements else 1
    logp: list[Floats] = [np.zeros(0)] * count
    null = np.zeros((count, roles), dtype=np.float64)
    padded = np.full((count, int(m.options.max(initial=1)), roles, styles), -np.inf)
    for column, table in m.choices:
        logp[column] = table
        null[column] = table.mean(axis=0)
        padded[column, : len(table)] = table[:, :, None]
    centre = posterior.SHIFTS.index(0.0) * len(posterior.SLOPES) + \
        posterior.SLOPES.index(posterior.NULL_SLOPE)
    for column, table in m.statements:
        logp[column] = table
        null[column] = table[:, :, centre].mean(axis=0)
        padded[column, : len(table)] = table
    rng = np.random.default_rng(POOL_SEED)
    pool = tuple(posterior.simulate(m, role, POOL, rng) for role in range(roles))
    choice = np.array([q.kind == "choice" for q in kb.questions], dtype=np.bool_)
    return Tables(logp=tuple(logp), null=null, pool=pool, model=m, padded=padded,
                  choice=choice, cumulative=np.cumsum(np.exp(padded), axis=1))


def _codes(kb: KnowledgeBase, answers: Mapping[str, int]) -> Ints:
    """(1, questions): the answers so far, :data:`posterior.UNANSWERED` elsewhere."""
    return np.array([[answers.get(q.id, posterior.UNANSWERED) for q in kb.questions]],
                    dtype=np.intp)


def _softmax(z: Floats) -> Floats:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float64)


def _entropy(p: Floats) -> Floats:
    return np.asarray(-(p * np.log(np.maximum(p, 1e-300))).sum(axis=-1), dtype=np.float64)


def _logsumexp(x: Floats, axis: int) -> Floats:
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.asarray(np.squeeze(top, axis=axis) + np.log(np.exp(x - top).sum(axis=axis)),
                          dtype=np.float64)


def _styles_grid(t: Tables, codes: Ints) -> Floats:
    """(roles, styles): the log-likelihood of the statements answered so far, per style."""
    grid = np.zeros(t.padded.shape[2:], dtype=np.float64)
    for column in np.flatnonzero((codes[0] >= 0) & ~t.choice).tolist():
        grid = grid + t.logp[column][codes[0, column]]
    return grid


def expected_entropy(kb: KnowledgeBase, answers: Mapping[str, int]) -> dict[str, float]:
    """For each question not yet answered, the entropy (in nats) that the posterior over
    the roles is expected to have once it is answered."""
    return _expected(kb, _now(kb, answers))


@dataclass(frozen=True)
class _Now:
    """The answers so far as the model reads them, computed once per decision."""

    tables: Tables
    codes: Ints
    """(1, questions)."""
    z: Floats
    """(roles,): :func:`posterior.loglik_answered`."""
    top: int
    likely: bool
    """Whether the top role's probability reaches :func:`stop_clear`."""


def _now(kb: KnowledgeBase, answers: Mapping[str, int]) -> _Now:
    t = tables(kb)
    codes = _codes(kb, answers)
    z = posterior.loglik_answered(t.model, codes)
    points = posterior.basis_points(z)[0]  # the scorer's own rounding
    top = int(np.argmax(points))
    return _Now(tables=t, codes=codes, z=z[0], top=top,
                likely=bool(points[top] >= round(stop_clear(kb) * posterior.BASIS)))


def _expected(kb: KnowledgeBase, now: _Now) -> dict[str, float]:
    t, z = now.tables, now.z
    left = np.flatnonzero(now.codes[0] < 0)
    if not len(left):
        return {}
    grid = _styles_grid(t, now.codes)  # the answered statements, per style
    before = _logsumexp(grid, axis=1)  # (roles,)
    # log P(answer | role, answers so far): (questions left, answers, roles); a scenario's
    # is its table, a statement's is averaged over the styles as the answers so far weigh them
    gain = _logsumexp(grid[None, None] + t.padded[left], axis=3) - before[None, None, :]
    given = np.isfinite(gain[:, :, 0])
    chance = np.exp(gain) @ _softmax(z)  # (questions left, answers)
    shift = np.where(given[:, :, None], gain - t.null[left][:, None, :], 0.0)
    after = _softmax(z[None, None, :] + posterior.TAU * shift)
    expected = (chance * _entropy(after)).sum(axis=1) / chance.sum(axis=1)
    return {kb.questions[c].id: float(e)
            for c, e in zip(left.tolist(), expected.tolist(), strict=True)}


def _role_z(t: Tables, codes: Ints, role: int, answered: Sequence[int]) -> Floats:
    """(n,): :func:`posterior.loglik_answered`'s figure for *role* of each sheet of *codes*
    over the *answered* columns only (the others left out of the sum and the centring)."""
    total = np.zeros(len(codes), dtype=np.float64)
    grid = np.zeros((len(codes), t.padded.shape[3]), dtype=np.float64)
    null = 0.0
    for column in answered:
        if t.choice[column]:
            total = total + t.logp[column][codes[:, column], role]
        else:
            grid = grid + t.logp[column][codes[:, column], role]
        null += float(t.null[column, role])
    if t.model.statements:
        total = total + _logsumexp(grid, axis=1) - math.log(grid.shape[1])
    return np.asarray(posterior.TAU * (total - null) + t.model.offsets[role], dtype=np.float64)


def typicality(kb: KnowledgeBase, answers: Mapping[str, int],
               roles: Sequence[int] | None = None) -> Floats:
    """(roles,): how typical the answers so far are of each role (of *roles* only, the
    others NaN), as :func:`posterior.typicality` says of a whole sheet: the share of the
    role's own simulated students whose answers to the same questions it explains less
    well."""
    found: Floats = typicalities(kb, _codes(kb, answers), roles)[0]
    return found


def typicalities(kb: KnowledgeBase, codes: Ints, roles: Sequence[int] | None = None) -> Floats:
    """(n, roles): :func:`typicality` of every sheet of *codes* (option indices,
    :data:`posterior.UNANSWERED` where left blank; of *roles* only, the others NaN), the
    sheets that leave the same questions blank read together: the role's own simulated
    students are scored once for them, not once a sheet (a form export whose students left
    one question blank each took a millisecond a student)."""
    t = tables(kb)
    codes = np.asarray(codes, dtype=np.intp)
    found = np.full((len(codes), t.null.shape[1]), np.nan, dtype=np.float64)
    patterns, inverse = np.unique(codes >= 0, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for pattern, given in enumerate(patterns):
        rows = np.flatnonzero(inverse == pattern)
        answered = np.flatnonzero(given).tolist()
        for role in range(found.shape[1]) if roles is None else roles:
            # the share of the pool strictly below each sheet
            pool = np.sort(_role_z(t, t.pool[role], role, answered))
            mine = _role_z(t, codes[rows], role, answered)
            found[rows, role] = np.searchsorted(pool, mine, side="left") / len(pool)
    return found


def stop_clear(kb: KnowledgeBase) -> float:
    """The top probability at which the short quiz may stop: ``short_clear``, or the full
    quiz's ``clear`` when the knowledge base does not set it."""
    s = kb.settings
    return s.short_clear if s.short_clear is not None else s.clear


def sure(kb: KnowledgeBase, answers: Mapping[str, int]) -> bool:
    """Whether the answers so far give a result as sure as a clear one: the top role's
    probability at least :func:`stop_clear` and the answers typical enough of it."""
    return _sure(kb, answers, _now(kb, answers))


def _sure(kb: KnowledgeBase, answers: Mapping[str, int], now: _Now) -> bool:
    return now.likely and \
        bool(typicality(kb, answers, (now.top,))[now.top] >= kb.settings.typical_clear)


def chance_clear(kb: KnowledgeBase, answers: Mapping[str, int]) -> float:
    """The chance that the whole quiz would end with a clear result, as the model sees it
    from the answers so far: :data:`AHEAD` students drawn from the roles' probabilities now
    (and each one's answering style from its statements so far) answer the questions left,
    and the share whose whole sheet is clear (probability and typicality, as the full quiz
    calls it).  The same answers always give the same chance."""
    return _chance_clear(kb, _now(kb, answers))


def _chance_clear(kb: KnowledgeBase, now: _Now) -> float:
    t, m = now.tables, now.tables.model
    left = np.flatnonzero(now.codes[0] < 0)
    rng = np.random.default_rng(AHEAD_SEED)
    role = _draw(_softmax(now.z)[None, :].repeat(AHEAD, axis=0), rng)
    style = _draw(_softmax(_styles_grid(t, now.codes))[role], rng)
    sheets = np.repeat(now.codes, AHEAD, axis=0)
    if len(left):
        cumulative = t.cumulative[left][:, :, role, style]  # (left, answers, students)
        drawn = rng.random((len(left), AHEAD)) * cumulative[:, -1, :]
        sheets[:, left] = np.minimum((drawn[:, None, :] >= cumulative).sum(axis=1),
                                     m.options[left][:, None] - 1).T
    z = posterior.loglik(m, sheets)
    points = posterior.basis_points(z)
    top = np.argmax(points, axis=1)
    typical = posterior.typicality(m, z)
    s = kb.settings
    every = np.arange(AHEAD)
    clear = (points[every, top] >= round(s.clear * posterior.BASIS)) & \
        (typical[every, top] >= s.typical_clear) & (typical.max(axis=1) >= s.typical_least)
    return float(clear.mean())


def _draw(chances: Floats, rng: np.random.Generator) -> Ints:
    """(n,): one index drawn per row of *chances* (n, k), each in proportion to its chance."""
    cumulative = np.cumsum(chances, axis=1)
    drawn = rng.random(len(chances)) * cumulative[:, -1]
    return np.asarray(np.minimum((drawn[:, None] >= cumulative).sum(axis=1),
                                 chances.shape[1] - 1), dtype=np.intp)


def _hopeless(kb: KnowledgeBase, now: _Now) -> bool:
    """Whether the questions left can hardly make the result clear any more
    (``short_give_up``)."""
    give_up = kb.settings.short_give_up
    return give_up > 0 and _chance_clear(kb, now) < give_up


def lacking(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen = UNSEEN
            ) -> frozenset[str]:
    """The kinds of question the careless checks still need: ``choice`` (scenarios),
    ``scale`` (statements), ``pair`` (a statement of a reverse-keyed pair).

    A kind is lacking while there are fewer answers of it than its minimum
    (``short_scenarios``, ``short_statements``, ``short_pairs`` pairs whole), or while the
    full quiz's flag on it could still be raised by the questions left: the scenarios so
    far in so few shown places, or the statements so far at so few steps, that answering
    the rest the same way would reach ``straight_scenarios_share`` or
    ``straight_statements_share`` of the whole block; or the pairs answered against each
    other so far that the pairs left could bring them to ``contradiction_steps``.  So a
    student who has begun a pattern the full quiz flags is asked on until it is flagged
    or broken, and one who has not is not held back by it."""
    s = kb.settings
    found: set[str] = set()
    scenarios = [q.id for q in kb.questions if q.kind == "choice"]
    statements = [q.id for q in kb.questions if q.kind != "choice"]
    places = [seen.positions.get(q, answers[q]) for q in scenarios if q in answers]
    steps = [answers[q] for q in statements if q in answers]
    for kind, block, least, given, share in (
            ("choice", scenarios, s.short_scenarios, places,
             s.flag_setting("straight_scenarios_share")),
            ("scale", statements, s.short_statements, steps,
             s.flag_setting("straight_statements_share"))):
        if len(given) < min(least, len(block)) or _still_straight(given, len(block), share):
            found.add(kind)
    if not _paired(kb, answers) or _contradiction_open(kb, answers):
        found.add("pair")
    if _zigzag_open(kb, answers, seen):
        found.add("zigzag")
    return frozenset(found)


def _zigzag_open(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen
                 ) -> list[list[int]]:
    """The blocks (the scenarios, the statements, the whole sheet, as columns) on which
    the full quiz's zigzag flag (answers walking along the list, in the quiz's own order
    of the questions) could still be raised by the questions left: not yet answered whole,
    and the answers so far break every regular walk fewer times than ``zigzag_share``
    allows.  Between two answers k questions apart, a walk one place on (or back) every
    time would have moved k places round the list, and a walk on or back would have moved
    an even or odd number of places as k is; an answer that does not fit breaks the walk
    at least once in between."""
    where = [seen.positions.get(q.id, answers[q.id]) if q.id in answers else None
             for q in kb.questions]
    options = [len(q.options) for q in kb.questions]
    scenarios = [c for c, q in enumerate(kb.questions) if q.kind == "choice"]
    statements = [c for c, q in enumerate(kb.questions) if q.kind != "choice"]
    found: list[list[int]] = []
    for columns in (scenarios, statements, list(range(len(kb.questions)))):
        if len(columns) < flags.BLOCK or all(where[c] is not None for c in columns):
            continue
        allowed = len(columns) - 1 - math.ceil(
            kb.settings.flag_setting("zigzag_share") * (len(columns) - 1) - flags.EPSILON)
        known = [(i, place) for i, c in enumerate(columns) if (place := where[c]) is not None]
        broken = [0, 0, 0]  # one place on, one place back, on or back (flags.zigzag's)
        before: int | None = None  # the step before, when known
        for (i, here), (j, there) in itertools.pairwise(known):
            apart, step = j - i, there - here
            sizes = {options[c] for c in columns[i: j + 1]}
            if apart == 1:
                c, d = columns[i], columns[j]
                end = here in (0, options[c] - 1)
                broken[0] += not (there == here + 1 or (here == options[c] - 1 and there == 0))
                broken[1] += not (there == here - 1 or (here == 0 and there == options[d] - 1))
                broken[2] += abs(step) != 1 or (before is not None and abs(before) == 1
                                                  and step != before and not end)
                before = step
                continue
            before = None
            if len(sizes) == 1:
                size = sizes.pop()
                broken[0] += there != (here + apart) % size
                broken[1] += there != (here - apart) % size
            broken[2] += abs(step) > apart or (apart - step) % 2 != 0
        if min(broken) <= allowed:
            found.append(columns)
    return found


def _likely(kb: KnowledgeBase, answers: Mapping[str, int]) -> tuple[int, bool]:
    """The top role so far, and whether its probability reaches :func:`stop_clear` (the
    earlier private helper, for the code that still reads it)."""
    now = _now(kb, answers)
    return now.top, now.likely


def _still_straight(given: Sequence[int], block: int, share: float) -> bool:
    """Whether a block of *block* questions, *given* its answers so far (places or steps),
    could still be flagged as a straight line once the rest are answered."""
    if block < flags.BLOCK or len(given) >= block:
        return False
    most = max((given.count(x) for x in set(given)), default=0)
    return most + block - len(given) >= share * block - flags.EPSILON


def _contradiction_open(kb: KnowledgeBase, answers: Mapping[str, int]) -> bool:
    """Whether the reverse-keyed pairs not yet answered whole could still bring the
    contradiction flag (``contradiction_steps``), which the pairs so far have not raised."""
    settled, most, unsettled = 0, 0, False
    for (a, b), apart in zip(flags.reverse_pairs(kb), _apart(kb), strict=True):
        x, y = answers.get(kb.questions[a].id), answers.get(kb.questions[b].id)
        if x is not None and y is not None:
            settled += int(apart[x, y])
            continue
        unsettled = True
        most += int(apart[x].max() if x is not None else
                    apart[:, y].max() if y is not None else apart.max())
    steps = kb.settings.flag_setting("contradiction_steps")
    return unsettled and settled < steps <= settled + most


_APART: dict[int, tuple[KnowledgeBase, tuple[Ints, ...]]] = {}


def _apart(kb: KnowledgeBase) -> tuple[Ints, ...]:
    """Per reverse-keyed pair: (answers to the first, answers to the second) → the steps
    by which :func:`flags.discord` counts them against each other."""
    known = _APART.get(id(kb))
    if known is not None and known[0] is kb:
        return known[1]
    found = []
    for index, (a, b) in enumerate(flags.reverse_pairs(kb)):
        first, second = len(kb.questions[a].options), len(kb.questions[b].options)
        sheets = np.zeros((first * second, len(kb.questions)), dtype=np.intp)
        sheets[:, a] = np.repeat(np.arange(first), second)
        sheets[:, b] = np.tile(np.arange(second), first)
        found.append(flags.discord(kb, sheets)[:, index].reshape(first, second))
    if len(_APART) >= KEEP:
        _APART.clear()
    _APART[id(kb)] = (kb, tuple(found))
    return tuple(found)


def _paired(kb: KnowledgeBase, answers: Mapping[str, int]) -> bool:
    pairs = flags.reverse_pairs(kb)
    answered = sum(kb.questions[a].id in answers and kb.questions[b].id in answers
                   for a, b in pairs)
    return answered >= min(kb.settings.short_pairs, len(pairs))


def _flagged(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen) -> bool:
    """Whether the answers so far, in the order asked, raise a careless flag."""
    return bool(_careless(kb, tuple(answers), answers, seen).any())


def _careless(kb: KnowledgeBase, asked: Sequence[str], answers: Mapping[str, int],
              seen: Seen) -> npt.NDArray[np.bool_]:
    """The flags (:data:`flags.CODES`) of the answers to *asked*, read in the order they
    were asked and in the quiz's own order (a walk along the options is a walk in either
    order a student may have answered in: the short quiz's, or a whole sheet's)."""
    raised = np.zeros(len(flags.CODES), dtype=np.bool_)
    place = {q.id: c for c, q in enumerate(kb.questions)}
    for ids in (list(asked), sorted(asked, key=place.__getitem__)):
        sub = dataclasses.replace(kb, questions=tuple(kb.question(q) for q in ids))
        codes = np.array([[answers[q] for q in ids]], dtype=np.intp)
        shown = np.array([[seen.positions.get(q, answers[q]) for q in ids]], dtype=np.intp)
        times = None if seen.seconds is None else \
            np.array([[seen.seconds.get(q, math.nan) for q in ids]], dtype=np.float64)
        raised |= flags.evaluate(sub, codes, positions=shown, seconds=times)[0]
    return raised


def done(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen = UNSEEN) -> bool:
    """Whether the short quiz stops here: every question answered; or the careless checks
    given what they need (:func:`lacking`) and no flag raised by the answers so far (then
    the quiz goes on, and the whole sheet decides), and either sure (:func:`sure`) or
    without hope of a clear result from the questions left (``short_give_up``,
    :func:`chance_clear`)."""
    return _decide(kb, answers, seen)[0]


def _decide(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen
            ) -> tuple[bool, frozenset[str], _Now | None]:
    """(stop here, the kinds the checks lack, the answers read) — each computed once."""
    if len(answers) >= len(kb.questions):
        return True, frozenset(), None
    need = lacking(kb, answers, seen)
    now = _now(kb, answers)
    if need or _flagged(kb, answers, seen):
        return False, need, now
    return _sure(kb, answers, now) or _hopeless(kb, now), need, now


def next_question(kb: KnowledgeBase, answers: Mapping[str, int],
                  seen: Seen = UNSEEN) -> str | None:
    """The id of the question to ask next, None when the quiz stops here.

    The question expected to leave the least uncertainty, first in the knowledge base's
    order among equals; once the result could stop here (the top role's probability high
    enough, or no hope left of a clear result) but the careless checks still lack
    something, the best question towards it."""
    stop, need, now = _decide(kb, answers, seen)
    if stop or now is None:
        return None
    expected = _expected(kb, now)
    candidates = list(expected)
    best = min(candidates, key=lambda c: (round(expected[c], 12), candidates.index(c)))
    served = _toward(kb, answers, need, seen) if need else {}
    useful = [c for c in candidates if served.get(c)]
    if useful and (now.likely or _hopeless(kb, now)):
        # the answers could stop here: what serves most of the lacking checks
        return min(useful, key=lambda c: (-served[c], round(expected[c], 12),
                                          candidates.index(c)))
    near = [c for c in useful if expected[c] <= expected[best] + SLACK]
    if near:
        # what the checks lack, asked early when it tells nearly as much
        return min(near, key=lambda c: (-served[c], round(expected[c], 12),
                                        candidates.index(c)))
    return best


def _toward(kb: KnowledgeBase, answers: Mapping[str, int], need: frozenset[str],
            seen: Seen) -> dict[str, int]:
    """The unanswered questions that give the checks what they lack, each with how many
    of the lacking kinds it serves: a question of a kind the checks lack answers to; a
    statement that completes a reverse-keyed pair (or, when none is half answered, starts
    one); a question next to one answered in a block that could still zigzag."""
    served: dict[str, int] = {}

    def serve(ids: set[str]) -> None:
        for x in ids:
            served[x] = served.get(x, 0) + 1

    for kind in ("choice", "scale"):
        if kind in need:
            serve({q.id for q in kb.questions if q.kind == kind and q.id not in answers})
    if "zigzag" in need:
        near: set[str] = set()
        for columns in _zigzag_open(kb, answers, seen):
            names = [kb.questions[c].id for c in columns]
            near |= {x for x, y in itertools.chain(itertools.pairwise(names),
                                                   itertools.pairwise(names[::-1]))
                     if y in answers and x not in answers}
        serve(near)
    if "pair" in need:
        ids = [(kb.questions[a].id, kb.questions[b].id) for a, b in flags.reverse_pairs(kb)]
        complete = {x for a, b in ids for x, y in ((a, b), (b, a))
                    if y in answers and x not in answers}
        serve(complete or {x for pair in ids for x in pair if x not in answers})
    return served


def order(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen = UNSEEN
          ) -> tuple[str, ...]:
    """The questions the short quiz asks a student whose answers to every question are
    *answers*, in the order it asks them, up to where it stops (the replay)."""
    given: dict[str, int] = {}
    asked: list[str] = []
    while (question := next_question(kb, given, seen)) is not None:
        asked.append(question)
        given[question] = answers[question]
    return tuple(asked)


def score(kb: KnowledgeBase, asked: Sequence[str], answers: Mapping[str, int], *,
          positions: Mapping[str, int] | None = None,
          seconds: Mapping[str, float] | None = None) -> scoring.Result:
    """The result of a short quiz that asked *asked* (in that order): every question asked,
    the full quiz's own result; fewer, the same result read from those answers alone (the
    posterior over them, the typicality over them, the careless checks over them in the
    order they were asked, the traits over them)."""
    if len(set(asked)) == len(kb.questions):
        return scoring.score(kb, answers, positions=positions, seconds=seconds)
    sub = dataclasses.replace(kb, questions=tuple(kb.question(q) for q in asked))
    mine = {q: answers[q] for q in asked}
    m = posterior.model(kb)
    z = posterior.loglik_answered(m, _codes(kb, mine))
    points = posterior.basis_points(z)[0].tolist()  # the scorer's own rounding
    typical = typicality(kb, mine).tolist()
    ranked = sorted(range(len(points)), key=lambda r: -points[r])
    first = points[ranked[0]]
    s = kb.settings
    if max(typical) < s.typical_least:
        confidence = scoring.NO_FIT
    elif first >= round(s.clear * posterior.BASIS) and typical[ranked[0]] >= s.typical_clear:
        confidence = scoring.CLEAR
    elif first >= round(s.leaning * posterior.BASIS):
        confidence = scoring.LEANING
    else:
        confidence = scoring.TOO_CLOSE
    ranking = tuple(scoring.RoleFit(kb.roles[r].id, points[r] / 100, typical[r])
                    for r in ranked)
    blend = tuple(kb.roles[r].id for place, r in enumerate(ranked)
                  if confidence == scoring.TOO_CLOSE and (place < 2 or 2 * points[r] >= first))
    seen = Seen(positions=positions or {}, seconds=seconds)
    raised = tuple(code for code, on in zip(
        flags.CODES, _careless(kb, asked, mine, seen).tolist(), strict=True) if on)
    codes = [mine[q] for q in asked]
    student = scoring.profile(sub, mine)
    leading = () if confidence == scoring.NO_FIT else blend or (ranking[0].role_id,)
    second = points[ranked[1]] if len(ranked) > 1 else first
    return scoring.Result(
        profile=student, ranking=ranking, margin=(first - second) / 100.0,
        confidence=confidence, blend=blend, flags=raised,
        drivers=scoring.explain(sub, mine, student, ranking),
        programs=scoring.suggest_programs(sub, student, leading),
        contradictions=flags.contradicting(sub, codes) if "contradiction" in raised else ())


def replay_batch(kb: KnowledgeBase, codes: npt.NDArray[Any], *,
                 positions: npt.NDArray[Any] | None = None,
                 seconds: npt.NDArray[Any] | None = None
                 ) -> tuple[Scores, npt.NDArray[np.int64]]:
    """The short quiz replayed on a batch of whole sheets, as the class scorer's
    :class:`Scores`, and how many questions it asked each student."""
    ids = [q.id for q in kb.questions]
    results, asked = [], []
    for row, sheet in enumerate(np.asarray(codes, dtype=np.intp).tolist()):
        answers = {q: code for q, code in zip(ids, sheet, strict=True) if code >= 0}
        if len(answers) < len(ids):  # questions left blank: no replay, the answers given
            places = {q: p for q, p in zip(ids, positions[row].tolist(), strict=True)
                      if q in answers} if positions is not None else {}
            times = dict(zip(ids, seconds[row].tolist(), strict=True)) \
                if seconds is not None else None
            results.append(scoring.score(kb, answers, positions=places or None,
                                         seconds=times))
            asked.append(len(answers))
            continue
        places = dict(zip(ids, positions[row].tolist(), strict=True)) \
            if positions is not None else {}
        times = dict(zip(ids, seconds[row].tolist(), strict=True)) \
            if seconds is not None else None
        seen = Seen(positions=places, seconds=times)
        order_ = order(kb, answers, seen)
        results.append(score(kb, order_, answers, positions=places or None, seconds=times))
        asked.append(len(order_))
    index = {role.id: r for r, role in enumerate(kb.roles)}
    points = np.array([[0.0] * len(index)] * len(results), dtype=np.float64)
    typical = np.zeros_like(points)
    for row, result in enumerate(results):
        for fit in result.ranking:
            points[row, index[fit.role_id]] = fit.fit
            typical[row, index[fit.role_id]] = fit.typicality
    ranking = np.array([[index[f.role_id] for f in r.ranking] for r in results], dtype=np.int64)
    blend = np.array([[role.id in r.blend for role in kb.roles] for r in results],
                     dtype=np.bool_)
    raised = np.array([[code in r.flags for code in flags.CODES] for r in results],
                      dtype=np.bool_)
    profile = np.array([[r.profile[d.id] for d in kb.dimensions] for r in results],
                       dtype=np.float64)
    scores = Scores(fits=points, ranking=ranking,
                    margin=np.array([r.margin for r in results], dtype=np.float64),
                    confidence=np.array([scoring.CONFIDENCES.index(r.confidence)
                                         for r in results], dtype=np.int64),
                    blend=blend, flags=raised, profile=profile, typicality=typical)
    return scores, np.array(asked, dtype=np.int64)


# --- How many more: the short quiz's "about N more" (the terminal's progress line) ---


def least_more(kb: KnowledgeBase, answers: Mapping[str, int]) -> int:
    """The fewest questions the short quiz can still ask before it stops: what the careless
    checks still lack (``short_scenarios``, ``short_statements``, the statements that
    complete ``short_pairs`` reverse-keyed pairs), and at least one while it goes on."""
    if len(answers) >= len(kb.questions):
        return 0
    s = kb.settings
    choices = [q.id for q in kb.questions if q.kind == "choice"]
    statements = [q.id for q in kb.questions if q.kind != "choice"]
    needed = [max(0, min(least, len(there)) - sum(q in answers for q in there))
              for least, there in ((s.short_scenarios, choices),
                                   (s.short_statements, statements))]
    halves = sorted(sum(kb.questions[x].id not in answers for x in pair)
                    for pair in flags.reverse_pairs(kb))  # statements each pair still lacks
    wanted = min(s.short_pairs, len(halves))
    pairing = sum(halves[:wanted])  # the pairs nearest to complete, completed
    return max(1, needed[0] + max(needed[1], pairing))


def about_more(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen = UNSEEN) -> int:
    """About how many more questions the short quiz asks after *answers*, the next one
    included; 0 when it stops here.

    0 where :func:`done` stops the quiz (sure, or giving up); otherwise never fewer than
    :func:`least_more`, never more than the questions left.  Beyond the
    minimum it reckons from the certainty: how far the top role's log-odds still are from
    :func:`stop_clear`, at the pace the answers so far moved them (taken with
    :data:`PRIOR_ANSWERS` answers at the pace that would reach it in the minimum, so that
    one answer does not swing it).  Every question left when the careless checks have what
    they need and the answers raise a flag (the quiz goes on to the end unless later
    answers clear it); half of them when the top role is likely enough but the answers
    are not typical of it (later answers may make them so, or never do)."""
    left = len(kb.questions) - len(answers)
    if left <= 0 or done(kb, answers, seen):
        return 0
    least = least_more(kb, answers)
    short_of = bool(lacking(kb, answers, seen))
    if not short_of and _flagged(kb, answers, seen):
        return left
    if _likely(kb, answers)[1]:  # only the checks' needs, or an atypical sheet, keep it going
        if short_of:
            return min(left, least)
        return 0 if sure(kb, answers) else max(least, math.ceil(left / 2))
    m = posterior.model(kb)
    z = posterior.loglik_answered(m, _codes(kb, answers))[0]
    first = posterior.loglik_answered(m, _codes(kb, {}))[0]
    top = int(np.argmax(z))

    def odds(row: Floats) -> float:  # log-odds of the top role against all the others
        return float(row[top] - np.logaddexp.reduce(np.delete(row, top)))

    clear = min(stop_clear(kb), 1 - 1e-9)
    goal = math.log(clear / (1.0 - clear))
    gap = max(goal - odds(z), 0.0)
    prior = (goal - odds(first)) / least_more(kb, {})
    pace = (odds(z) - odds(first) + PRIOR_ANSWERS * prior) / (len(answers) + PRIOR_ANSWERS)
    if pace <= 0:
        return left
    return min(left, max(least, math.ceil(gap / pace)))


PRIOR_ANSWERS = 2
"""How many answers' worth of weight :func:`about_more` gives its first guess of the pace."""

