"""How likely each role makes a set of answer sheets, as NumPy arrays: the one computation
behind :func:`rolequiz.core.student.scoring.score` (a batch of one) and the class scorer.

The method is in docs/method.md ("How the score is computed"); in short, for a role R:

- a scenario's option k has appeal a(R, k), the weighted mean of R's targets on the
  traits it shows, and P(k | R) = (1 − ε)·softmax(β·a)_k + ε / options;
- a statement's answer y follows an ordinal logistic model around 1 + 4u + s with slope
  α, u the keyed target; the student's style (s, α) is averaged over a grid;
- ℓ_R, the log-likelihood of the sheet, is centred on its mean under uniform answering,
  tempered by τ, shifted by the knowledge base's calibrated offsets and turned into
  posterior probabilities, kept as whole basis points (1/10,000).
- a sheet's typicality for R is the share of sheets simulated from R's own model
  (:func:`simulate`, calibrated once per knowledge base like the offsets) whose z_R is
  below the sheet's: a result is "no fit" when no role is typical, and "clear" only when
  its top role is typical enough.

Single sheets and batches run the same code row for row, with every sum written out term
by term, so a sheet's probabilities never depend on the batch it is scored in.  Nothing
here names a role, a trait or a question.  Imported when something is scored, never at
start-up (NumPy costs the time of a whole ``rolequiz roles``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rolequiz.core.kb import cache
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import flags, scoring

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

BETA = 4.0
"""How strongly a role's targets decide its pick among a scenario's options."""
EPSILON = 0.15
"""The chance of a pick that has nothing to do with the role."""
SHIFTS = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)
"""Agreement shifts s of the response-style grid (acquiescence when positive)."""
SLOPES = (0.7, 1.5, 3.0)
"""Slopes α of the response-style grid: midpoint or noisy … extreme."""
NULL_SLOPE = 1.5
"""The slope at which statements are taken for the null centring (shift 0)."""
TAU = 0.4
"""Tempering: the model treats answers as independent given the role; students are not."""
BASIS = 10_000
"""Probabilities are kept as whole basis points: 0.9123 is 9123."""
CALIBRATION_SHEETS = 8_000
CALIBRATION_SEED = 0
CALIBRATION_ROUNDS = 30
CALIBRATION_DECIMALS = 3
CALIBRATION_TOLERANCE = 0.1
"""Calibrated when every role's share is within 10 % of 1 / roles (0.25 ± 0.025 of four)."""
FALLBACK_STEP = 0.2
FALLBACK_ROUNDS = 60
METHOD = "likelihood-2"
"""Names the method and its constants in the cache of calibrated offsets."""
TYPICAL_SHEETS = 8_000
"""Sheets simulated from each role's own model to learn what is typical of it."""
TYPICAL_SEED = 1
TYPICAL_METHOD = "typical-1"
"""Names the simulation below in the cache (with the knowledge base's key)."""
TYPICAL_STEPS = 400
"""The typical z_R are kept at the levels 0, 1/400, … 1 of their distribution."""
NO_FIT = 3
"""The confidence code of a sheet that no role fits strongly (0 clear, 1 leaning, 2 too
close)."""


@dataclass(frozen=True)
class Model:
    """A knowledge base as the tables the scoring needs (roles in the knowledge base's order)."""

    choices: tuple[tuple[int, Floats], ...]
    """Per scenario: its column and log P(option | role), (options, roles)."""
    statements: tuple[tuple[int, Floats], ...]
    """Per statement: its column and log P(answer | role, style), (steps, roles, styles)."""
    null: Floats
    """(roles,): the expected ℓ_R under uniform answering."""
    offsets: Floats
    """(roles,): the calibrated log-prior offsets, summing to 0."""
    options: Ints
    """(questions,): options per question."""
    sums: Sums
    """The tables above as :func:`loglik` adds them (made from them by :func:`_sums`)."""
    typical: Floats | None = None
    """(roles, TYPICAL_STEPS + 1): z_R of the role's own simulated students at the levels
    0, 1/TYPICAL_STEPS, … 1 of their distribution (see :func:`typicality`)."""


@dataclass(frozen=True)
class Sums:
    """The tables of :class:`Model` laid out for :func:`loglik`: the same sums, in the
    same order, with fewer and cheaper steps.

    The first questions of a kind are added up in advance, every combination of their
    answers, exactly as :func:`loglik` would add them one by one (a running sum is the
    same whether it is made now or then), so a sheet looks up one row for all of them;
    the statements' rows hold every style of every role side by side, styles first."""

    choices: Prefix | None
    statements: Prefix | None
    styles: int


@dataclass(frozen=True)
class Prefix:
    """Questions of one kind, in the order :func:`loglik` adds them."""

    columns: tuple[int, ...]
    """The columns of the first questions, whose sums are :attr:`table`."""
    sizes: tuple[int, ...]
    """Their options: a sheet's row of :attr:`table` counts in these bases."""
    table: Floats
    """(combinations, values): the running sum of the first questions' tables."""
    rest: tuple[tuple[int, Floats], ...]
    """Each later question's column and table, (options, values), added one by one."""

    def first(self, codes: npt.NDArray[np.intp]) -> Floats:
        """(n, values): the running sum of the first questions for each sheet."""
        index = codes[:, self.columns[0]]
        for column, size in zip(self.columns[1:], self.sizes[1:], strict=True):
            index = index * size + codes[:, column]
        return np.take(self.table, index, axis=0)


@dataclass(frozen=True)
class Posteriors:
    """The posterior of every role for *n* sheets."""

    points: Ints
    """(n, roles): probabilities in basis points."""
    loglik: Floats
    """(n, roles): τ·(ℓ − null) + offsets, before the softmax."""


def model(kb: KnowledgeBase) -> Model:
    """The tables of *kb*, made once per process and knowledge base."""
    key = model_key(kb)
    found = _MODELS.get(key)
    if found is None:
        found = _MODELS[key] = _build(kb, key)
    return found


_MODELS: dict[str, Model] = {}


def _arrays(kb: KnowledgeBase) -> dict[str, Any]:
    """What the method reads from *kb*: the targets, the weights, the statements' keys."""
    dims = [d.id for d in kb.dimensions]
    return {
        "method": METHOD,
        "leaning": kb.settings.leaning,  # the calibration counts the sheets it decides
        "targets": [[(role.levels[d] - 1) / 4 for d in dims] for role in kb.roles],
        "questions": [
            [q.kind, [[o.weights.get(d, 0.0) for d in dims] for o in q.options],
             dims.index(q.dimension) if q.dimension else -1, bool(q.reverse)]
            for q in kb.questions],
    }


def model_key(kb: KnowledgeBase) -> str:
    """What names *kb*'s tables in the cache: the method and what it reads of *kb*."""
    text = json.dumps(_arrays(kb), sort_keys=True).encode("utf-8")
    return hashlib.sha256(text).hexdigest()


def _build(kb: KnowledgeBase, key: str) -> Model:
    spec = _arrays(kb)
    targets = np.array(spec["targets"], dtype=np.float64).reshape(len(kb.roles), -1)
    choices: list[tuple[int, Floats]] = []
    statements: list[tuple[int, Floats]] = []
    null = np.zeros(len(kb.roles), dtype=np.float64)
    for column, (kind, weights, dim, reverse) in enumerate(spec["questions"]):
        if kind == "choice":
            table = _choice_table(np.array(weights, dtype=np.float64), targets)
            choices.append((column, table))
            null += table.mean(axis=0)
        else:
            steps = len(weights)
            keyed_target = targets[:, dim] if not reverse else 1.0 - targets[:, dim]
            statements.append((column, _statement_table(keyed_target, steps)))
            null += _ordinal(np.arange(1, steps + 1, dtype=np.float64)[:, None],
                             1.0 + (steps - 1) * keyed_target[None, :], NULL_SLOPE,
                             steps).mean(axis=0)
    sums = _sums(choices, statements)
    partial = Model(choices=tuple(choices), statements=tuple(statements), null=null,
                    offsets=np.zeros(len(kb.roles), dtype=np.float64),
                    options=np.array([len(q.options) for q in kb.questions], dtype=np.int64),
                    sums=sums)
    offsets = _offsets(partial, kb, key)
    scored = Model(choices=partial.choices, statements=partial.statements, null=null,
                   offsets=offsets, options=partial.options, sums=sums)
    return Model(choices=scored.choices, statements=scored.statements, null=null,
                 offsets=offsets, options=scored.options, typical=_typical(scored, key),
                 sums=sums)


PREFIX_ROWS = 1024
"""Combinations of answers a :class:`Prefix` table holds at most: four statements of
five steps (625 rows of 21 styles × 3 roles, 315 kB) or five scenarios of four options."""
CHUNK = 512
"""Sheets whose statements :func:`loglik` sums at a time, so that their sums stay in the
processor's cache: at 4,096 sheets at once the same sums took twice as long."""


def _sums(choices: list[tuple[int, Floats]], statements: list[tuple[int, Floats]]) -> Sums:
    """:class:`Sums` of the choice tables and the statement tables of :func:`_build`."""
    styles = statements[0][1].shape[2] if statements else 1
    rows = [(column, np.ascontiguousarray(table.transpose(0, 2, 1)).reshape(len(table), -1))
            for column, table in statements]  # (steps, styles × roles), styles first
    return Sums(choices=_prefix(choices), statements=_prefix(rows), styles=styles)


def _prefix(tables: list[tuple[int, Floats]]) -> Prefix | None:
    """The first *tables* added up, every combination, as long as :data:`PREFIX_ROWS`
    allows, in the order :func:`loglik` adds them; the others as they are."""
    if not tables:
        return None
    (column, table), rest = tables[0], tables[1:]
    columns, sizes = [column], [len(table)]
    while rest and len(table) * len(rest[0][1]) <= PREFIX_ROWS:
        (column, more), rest = rest[0], rest[1:]
        table = (table[:, None, :] + more[None, :, :]).reshape(-1, table.shape[1])
        columns.append(column)
        sizes.append(len(more))
    return Prefix(columns=tuple(columns), sizes=tuple(sizes), table=table, rest=tuple(rest))


def appeal(weights: Floats, targets: Floats) -> Floats:
    """(options, roles): how much each option suits each role, as
    :func:`rolequiz.core.student.scoring.weighted_appeal` defines it for one option and one role.
    *weights* is (options, traits), *targets* (roles, traits)."""
    return np.array([[scoring.weighted_appeal(w, t) for t in targets.tolist()]
                     for w in weights.tolist()], dtype=np.float64).reshape(
        len(weights), len(targets))


def _choice_table(weights: Floats, targets: Floats) -> Floats:
    """(options, roles): log P(option | role) of one scenario."""
    appealing = BETA * appeal(weights, targets)
    appealing = appealing - appealing.max(axis=0, keepdims=True)
    soft = np.exp(appealing) / np.exp(appealing).sum(axis=0, keepdims=True)
    return np.asarray(np.log((1.0 - EPSILON) * soft + EPSILON / len(weights)), dtype=np.float64)


def _ordinal(y: Floats, mu: Floats, slope: float | Floats, steps: int) -> Floats:
    """log P(Y = y) of an ordinal logistic with cut points halfway between the steps."""
    upper = np.where(y >= steps, 1.0, 1.0 / (1.0 + np.exp(-slope * (y + 0.5 - mu))))
    lower = np.where(y <= 1, 0.0, 1.0 / (1.0 + np.exp(-slope * (y - 0.5 - mu))))
    return np.asarray(np.log(np.maximum(upper - lower, 1e-12)), dtype=np.float64)


def _statement_table(keyed_target: Floats, steps: int) -> Floats:
    """(steps, roles, styles): log P(answer | role, shift, slope) of one statement, every
    style at once (one style at a time took 3 ms of every start)."""
    y = np.arange(1, steps + 1, dtype=np.float64)[:, None, None]
    shifts = np.repeat(np.array(SHIFTS, dtype=np.float64), len(SLOPES))  # the styles' order
    slopes = np.tile(np.array(SLOPES, dtype=np.float64), len(SHIFTS))
    return _ordinal(y, 1.0 + (steps - 1) * keyed_target[None, :, None] + shifts, slopes, steps)


def loglik(m: Model, codes: npt.NDArray[np.intp]) -> Floats:
    """(n, roles): τ·(ℓ − null) + offsets for sheets of 0-based option indices.

    ℓ adds each scenario's log P(option | role) in the order of the questions, from 0;
    and, with the statements' log P(answer | role, style) added up the same way for every
    style, the log of their mean over the styles, as max + log(Σ exp(· − max) / styles)
    with the styles added in the order of :data:`SHIFTS` × :data:`SLOPES`.  Every sum is
    the same, term by term, for one sheet or many (tests/core/test_loglik.py holds it to
    these sums written out plainly)."""
    count, roles = len(codes), len(m.null)
    sums = m.sums
    if sums.choices is None:
        total = np.zeros((count, roles), dtype=np.float64)
    else:
        total = sums.choices.first(codes)
        for column, table in sums.choices.rest:
            total += table[codes[:, column]]
    if sums.statements is not None:
        styles, statements = sums.styles, sums.statements
        for start in range(0, count, CHUNK):
            part = codes[start:start + CHUNK]
            grid = statements.first(part)  # (sheets, styles × roles)
            looked_up = np.empty_like(grid)
            for column, table in statements.rest:
                np.add(grid, np.take(table, part[:, column], axis=0, out=looked_up), out=grid)
            by_style = np.ascontiguousarray(grid.T).reshape(styles, roles, len(part))
            top = by_style.max(axis=0)
            e = np.exp(by_style - top)
            summed = e[0].copy()
            for style in range(1, styles):
                np.add(summed, e[style], out=summed)
            total[start:start + CHUNK] += (top + np.log(summed / styles)).T
    return TAU * (total - m.null) + m.offsets


def posteriors(m: Model, codes: npt.NDArray[np.intp]) -> Posteriors:
    """The posterior of every role, in basis points, for each sheet; a sheet with
    questions left blank (:data:`UNANSWERED`) is read from its answers alone."""
    codes = np.asarray(codes, dtype=np.intp).reshape(len(codes), -1)
    partial = blank_rows(codes)
    if not len(partial):
        z = loglik(m, codes)
    else:
        z = loglik(m, np.maximum(codes, 0))
        z[partial] = loglik_answered(m, codes[partial])
    return Posteriors(points=basis_points(z), loglik=z)


def blank_rows(codes: npt.NDArray[np.intp]) -> Ints:
    """The rows of *codes* with a question left blank (:data:`UNANSWERED`): one look at the
    whole batch when none is, as in most classes."""
    if not codes.size or codes.min() >= 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero((codes < 0).any(axis=1))


def basis_points(z: Floats) -> Ints:
    """(n, roles): the softmax of *z* row by row, in whole basis points."""
    top = z[:, 0]
    for role in range(1, z.shape[1]):
        top = np.maximum(top, z[:, role])
    e = np.exp(z - top[:, None])
    total = np.zeros(len(z), dtype=np.float64)
    for role in range(z.shape[1]):
        total = total + e[:, role]
    return np.rint(BASIS * (e / total[:, None])).astype(np.int64)


def ranking(points: Ints) -> Ints:
    """Each row's role indices, most probable first, ties in the knowledge base's order."""
    return np.argsort(-points, axis=1, kind="stable").astype(np.int64)


def _offsets(m: Model, kb: KnowledgeBase, key: str) -> Floats:
    """Log-prior offsets so that uniformly random sheets that get an answer (not "too
    close") land on every role equally often, by half steps or, when those go round in
    circles, smaller ones; when no offsets do that (a role that no random sheet gets
    without the others losing theirs), so that random sheets have every role on top
    equally often.  Deterministic (a fixed seed and number of rounds), kept
    in the cache beside the knowledge base."""
    roles = len(kb.roles)
    kept = cache.read_extra(f"offsets-{key}")
    if isinstance(kept, list) and len(kept) == roles:
        return np.array(kept, dtype=np.float64)
    rng = np.random.default_rng(CALIBRATION_SEED)
    # drawn question by question in the order of their ids: the order of the file is no matter
    columns = np.array(sorted(range(len(kb.questions)), key=lambda i: kb.questions[i].id),
                       dtype=np.intp)
    draws = rng.random((CALIBRATION_SHEETS, len(m.options)))
    codes = np.empty_like(draws)
    codes[:, columns] = np.floor(draws * m.options[columns][None, :])
    z = loglik(m, codes.astype(np.intp))
    leaning = round(kb.settings.leaning * BASIS)
    # half steps; if they overshoot and go round in circles, smaller ones; if no offsets
    # balance the sheets that get an answer (some role never does), every sheet's top role
    for least, step, rounds in ((leaning, 0.5, CALIBRATION_ROUNDS),
                                (leaning, FALLBACK_STEP, FALLBACK_ROUNDS),
                                (0, FALLBACK_STEP, FALLBACK_ROUNDS)):
        b, share = _balance(z, least, step, rounds)
        if np.abs(share * roles - 1.0).max() <= CALIBRATION_TOLERANCE:
            break
    found = [round(v, CALIBRATION_DECIMALS) for v in b.tolist()]
    cache.write_extra(f"offsets-{key}", found)
    return np.array(found, dtype=np.float64)


def _balance(z: Floats, least: int, step: float, rounds: int) -> tuple[Floats, Floats]:
    """Offsets after *rounds* of b ← b − step·log(roles × share), the share of each role
    among the sheets whose top role has at least *least* points; and the shares they give."""
    roles = z.shape[1]
    b = np.zeros(roles, dtype=np.float64)
    share = np.zeros(roles, dtype=np.float64)
    for turn in range(rounds + 1):
        points = basis_points(z + b[None, :])
        order = ranking(points)
        counted = points[np.arange(len(points)), order[:, 0]] >= least
        share = np.bincount(order[counted, 0], minlength=roles) / max(int(counted.sum()), 1)
        if turn == rounds:
            break
        b = b - step * np.log(np.maximum(share, 1e-3) * roles)
        b = b - b.mean()
    return b, share


def simulate(m: Model, role: int, count: int, rng: np.random.Generator) -> npt.NDArray[np.intp]:
    """*count* sheets answered as the model says a student of *role* answers: each
    scenario's option drawn from P(k | role), each sheet's response style drawn from the
    grid and each statement's answer from the ordinal model in that style."""
    codes = np.zeros((count, len(m.options)), dtype=np.intp)
    for column, table in m.choices:
        chances = np.cumsum(np.exp(table[:, role]))
        drawn = rng.random(count) * chances[-1]
        codes[:, column] = np.minimum((drawn[:, None] >= chances[None, :]).sum(axis=1),
                                      len(chances) - 1)
    if m.statements:
        styles = rng.integers(0, m.statements[0][1].shape[2], count)
        for column, table in m.statements:
            chances = np.cumsum(np.exp(table[:, role, :]), axis=0)[:, styles].T  # (count, steps)
            drawn = rng.random(count) * chances[:, -1]
            codes[:, column] = np.minimum((drawn[:, None] >= chances).sum(axis=1),
                                          table.shape[0] - 1)
    return codes


def _typical(m: Model, key: str) -> Floats:
    """What z_R students of R get, from :data:`TYPICAL_SHEETS` sheets simulated from each
    role's own model (a fixed seed), kept in the cache beside the offsets."""
    roles = len(m.null)
    kept = cache.read_extra(f"{TYPICAL_METHOD}-{key}")
    if isinstance(kept, list) and len(kept) == roles and \
            all(isinstance(row, list) and len(row) == TYPICAL_STEPS + 1 for row in kept):
        return np.array(kept, dtype=np.float64)
    rng = np.random.default_rng(TYPICAL_SEED)
    levels = np.linspace(0.0, 1.0, TYPICAL_STEPS + 1)
    found = []
    for role in range(roles):
        z = loglik(m, simulate(m, role, TYPICAL_SHEETS, rng))[:, role]
        found.append([round(v, 6) for v in np.quantile(z, levels).tolist()])
    cache.write_extra(f"{TYPICAL_METHOD}-{key}", found)
    return np.array(found, dtype=np.float64)


def typicality(m: Model, z: Floats) -> Floats:
    """(n, roles): for each role, the share of its own simulated students whose answers it
    explains less well than this sheet's (z_R below the sheet's), 0–1: near 0, answers no
    student of the role would give; about ½, a typical student of the role."""
    if m.typical is None:
        return np.ones_like(z)
    levels = np.linspace(0.0, 1.0, m.typical.shape[1])
    found = np.empty_like(z)
    for role in range(z.shape[1]):
        found[:, role] = np.interp(z[:, role], m.typical[role], levels)
    return found


@dataclass(frozen=True)
class Verdicts:
    """What the scoring says about *n* sheets (roles in the knowledge base's order)."""

    points: Ints
    """(n, roles): probabilities in basis points."""
    ranking: Ints
    """(n, roles): role indices, most probable first, ties in the knowledge base's order."""
    margin: Floats
    """(n,): the first role's points minus the second's, over 100 (a difference of fits)."""
    confidence: Ints
    """(n,): 0 clear, 1 leaning, 2 too close to call."""
    blend: Bools
    """(n, roles): the roles of the blend (none unless too close to call): those at least
    half as probable as the first, and at least the first two."""
    flags: Bools
    """(n, flags): the careless-answering flags, in the order of
    :data:`rolequiz.core.student.flags.FLAGS`."""
    typicality: Floats
    """(n, roles): how typical the answers are of each role (see :func:`typicality`)."""


def score(kb: KnowledgeBase, codes: Any, *, positions: Any = None,
          seconds: Any = None, tables: Model | None = None) -> Verdicts:
    """Score sheets of 0-based option indices (one row per sheet, one column per question,
    :data:`UNANSWERED` where a question was left blank); *positions* where the chosen
    options were shown (default: the indices), *seconds* the time of each answer (NaN
    unknown; default: no time check).  *tables* is :func:`model` of *kb*, when the caller
    keeps it (the class scorer, batch after batch: finding it again means hashing *kb*)."""
    m = model(kb) if tables is None else tables
    codes = np.asarray(codes, dtype=np.intp).reshape(len(codes), len(kb.questions))
    shown = codes if positions is None else np.asarray(positions, dtype=np.intp)
    times = None if seconds is None else np.asarray(seconds, dtype=np.float64)
    said = posteriors(m, codes)
    points = said.points
    order = ranking(points)
    first = np.take_along_axis(points, order[:, :1], axis=1)[:, 0]
    count, roles = points.shape
    if roles > 1:
        second = np.take_along_axis(points, order[:, 1:2], axis=1)[:, 0]
        margin = (first - second) / 100.0
    else:
        margin = np.zeros(count, dtype=np.float64)
    s = kb.settings
    typical = typicality(m, said.loglik)
    partial = blank_rows(codes)
    if len(partial):  # blanks: typical of the roles' own students with the same questions blank
        from rolequiz.core.student import adaptive  # the short quiz reads part of a sheet so too

        typical[partial] = adaptive.typicalities(kb, codes[partial])
    # clear needs answers typical enough of the top role; no role typical: no fit at all
    top_typical = np.take_along_axis(typical, order[:, :1], axis=1)[:, 0]
    clear = (first >= round(s.clear * BASIS)) & (top_typical >= s.typical_clear)
    confidence = np.where(clear, 0, np.where(first >= round(s.leaning * BASIS), 1, 2))
    most_typical = typical[:, 0].copy()  # column by column: .max(axis=1) over 3 took 4×
    for role in range(1, roles):
        np.maximum(most_typical, typical[:, role], out=most_typical)
    confidence = np.where(most_typical < s.typical_least, NO_FIT, confidence).astype(np.int64)
    place = np.empty_like(order)
    np.put_along_axis(place, order, np.arange(roles)[None, :].repeat(count, axis=0), axis=1)
    # too close: the roles at least half as probable as the first, and always the first two
    blend = ((2 * points >= first[:, None]) | (place < 2)) & (confidence == 2)[:, None]
    return Verdicts(points=points, ranking=order, margin=margin, confidence=confidence,
                    blend=blend, flags=flags.evaluate(kb, codes, positions=shown, seconds=times),
                    typicality=typical)


UNANSWERED = -1
"""The code of a question not (yet) answered, in :func:`loglik_answered`."""


def loglik_answered(m: Model, codes: npt.NDArray[np.intp]) -> Floats:
    """(n, roles): :func:`loglik` of partly answered sheets, :data:`UNANSWERED` where a
    question has no answer: such a question is left out of the sum and of the null
    centring, so a sheet answered in full gets exactly :func:`loglik`'s figures.  The short
    quiz (core/student/adaptive.py) scores its answers so far with it."""
    codes = np.asarray(codes, dtype=np.intp)
    count, roles = len(codes), len(m.null)
    total = np.zeros((count, roles), dtype=np.float64)
    null = np.zeros((count, roles), dtype=np.float64)
    for column, table in m.choices:
        given = codes[:, column] >= 0
        total = total + np.where(given[:, None], table[np.maximum(codes[:, column], 0)], 0.0)
        null = null + np.where(given[:, None], table.mean(axis=0)[None, :], 0.0)
    if m.statements:
        styles = m.statements[0][1].shape[2]
        centre = SHIFTS.index(0.0) * len(SLOPES) + SLOPES.index(NULL_SLOPE)
        grid = np.zeros((count, roles, styles), dtype=np.float64)
        for column, table in m.statements:
            given = codes[:, column] >= 0
            grid = grid + np.where(given[:, None, None],
                                   table[np.maximum(codes[:, column], 0)], 0.0)
            null = null + np.where(given[:, None], table[:, :, centre].mean(axis=0)[None, :],
                                   0.0)
        top = grid.max(axis=2)
        total = total + top + np.log(np.exp(grid - top[:, :, None]).mean(axis=2))
    return TAU * (total - null) + m.offsets
