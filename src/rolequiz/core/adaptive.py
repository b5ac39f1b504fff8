"""The short quiz: which question to ask next, and when the answers so far are enough.

The next question is the one whose answer is expected to leave the least uncertainty over
the roles: for each question not yet asked, the chance of each of its answers is what the
model's own tables say (:mod:`rolequiz.core.posterior`: each role's chance of the answer,
given the answers so far, weighed by the roles' probabilities now), and the uncertainty
after it is the entropy of the posterior the answer would give.  The quiz stops when the
result is as sure as the full quiz's "clear" (settings ``short_clear`` and
``typical_clear``, the typicality taken over the questions asked) and the careless checks
have what they need (settings ``short_scenarios``, ``short_statements``,
``short_pairs``) and raise no flag; otherwise it goes on, up
to every question.  The method is in docs/method.md ("The short quiz").  Nothing here names a
role, a trait or a question; pure NumPy, no printing.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rolequiz.core import flags, posterior, scoring
from rolequiz.core.cohort.scorer import Scores
from rolequiz.core.model import KnowledgeBase

Floats = npt.NDArray[np.float64]

POOL = 1_000
"""Sheets simulated from each role's own model to learn what is typical of it over the
questions asked so far (a fixed seed, made once per process)."""
POOL_SEED = 2


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
    pool: tuple[npt.NDArray[np.intp], ...]
    """Per role: :data:`POOL` sheets simulated from its own model."""


_TABLES: dict[str, Tables] = {}


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of *kb*, made once per process and knowledge base."""
    m = posterior.model(kb)
    key = posterior.model_key(kb)  # the same key as the model's own cache
    found = _TABLES.get(key)
    if found is None:
        count = len(kb.questions)
        logp: list[Floats] = [np.zeros(0)] * count
        null = np.zeros((count, len(m.null)), dtype=np.float64)
        for column, table in m.choices:
            logp[column] = table
            null[column] = table.mean(axis=0)
        centre = posterior.SHIFTS.index(0.0) * len(posterior.SLOPES) + \
            posterior.SLOPES.index(posterior.NULL_SLOPE)
        for column, table in m.statements:
            logp[column] = table
            null[column] = table[:, :, centre].mean(axis=0)
        rng = np.random.default_rng(POOL_SEED)
        pool = tuple(posterior.simulate(m, role, POOL, rng) for role in range(len(m.null)))
        found = _TABLES[key] = Tables(logp=tuple(logp), null=null, pool=pool)
    return found


def _codes(kb: KnowledgeBase, answers: Mapping[str, int]) -> npt.NDArray[np.intp]:
    """(1, questions): the answers so far, :data:`posterior.UNANSWERED` elsewhere."""
    return np.array([[answers.get(q.id, posterior.UNANSWERED) for q in kb.questions]],
                    dtype=np.intp)


def _softmax(z: Floats) -> Floats:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True), dtype=np.float64)


def _entropy(p: Floats) -> Floats:
    return np.asarray(-(p * np.log(np.maximum(p, 1e-300))).sum(axis=-1), dtype=np.float64)


def expected_entropy(kb: KnowledgeBase, answers: Mapping[str, int]) -> dict[str, float]:
    """For each question not yet answered, the entropy (in nats) that the posterior over
    the roles is expected to have once it is answered."""
    m = posterior.model(kb)
    t = tables(kb)
    codes = _codes(kb, answers)
    z = posterior.loglik_answered(m, codes)[0]
    now = _softmax(z)
    roles = len(z)
    styles = t.logp[m.statements[0][0]].shape[2] if m.statements else 1
    grid = np.zeros((roles, styles), dtype=np.float64)  # the answered statements, per style
    for column, _ in m.statements:
        if codes[0, column] >= 0:
            grid = grid + t.logp[column][codes[0, column]]
    before = np.logaddexp.reduce(grid, axis=1)  # (roles,)
    found: dict[str, float] = {}
    for column, question in enumerate(kb.questions):
        if codes[0, column] >= 0:
            continue
        table = t.logp[column]
        # log P(answer | role, answers so far): (answers, roles)
        gain = np.logaddexp.reduce(grid[None] + table, axis=2) - before[None] \
            if table.ndim == 3 else table
        chance = np.exp(gain) @ now  # (answers,)
        after = _softmax(z[None, :] + posterior.TAU * (gain - t.null[column][None, :]))
        found[question.id] = float(chance @ _entropy(after) / chance.sum())
    return found


def typicality(kb: KnowledgeBase, answers: Mapping[str, int],
               roles: Sequence[int] | None = None) -> Floats:
    """(roles,): how typical the answers so far are of each role (of *roles* only, the
    others NaN), as :func:`posterior.typicality` says of a whole sheet: the share of the
    role's own simulated students whose answers to the same questions it explains less
    well."""
    m = posterior.model(kb)
    t = tables(kb)
    codes = _codes(kb, answers)
    z = posterior.loglik_answered(m, codes)[0]
    unanswered = codes[0] < 0
    found = np.full(len(z), np.nan, dtype=np.float64)
    for role in range(len(z)) if roles is None else roles:
        masked = np.where(unanswered[None, :], posterior.UNANSWERED, t.pool[role])
        found[role] = float((posterior.loglik_answered(m, masked)[:, role] < z[role]).mean())
    return found


def stop_clear(kb: KnowledgeBase) -> float:
    """The top probability at which the short quiz may stop: ``short_clear``, or the full
    quiz's ``clear`` when the knowledge base does not set it."""
    s = kb.settings
    return s.short_clear if s.short_clear is not None else s.clear


def _likely(kb: KnowledgeBase, answers: Mapping[str, int]) -> tuple[int, bool]:
    """The top role so far, and whether its probability reaches :func:`stop_clear`."""
    m = posterior.model(kb)
    z = posterior.loglik_answered(m, _codes(kb, answers))
    points = posterior.basis_points(z)[0]  # the scorer's own rounding
    top = int(np.argmax(points))
    return top, bool(points[top] >= round(stop_clear(kb) * posterior.BASIS))


def sure(kb: KnowledgeBase, answers: Mapping[str, int]) -> bool:
    """Whether the answers so far give a result as sure as a clear one: the top role's
    probability at least :func:`stop_clear` and the answers typical enough of it."""
    top, likely = _likely(kb, answers)
    return likely and \
        bool(typicality(kb, answers, (top,))[top] >= kb.settings.typical_clear)


def _lacking(kb: KnowledgeBase, answers: Mapping[str, int]) -> set[str]:
    """The kinds of question the checks still need: ``choice``, ``scale``, ``pair``."""
    s = kb.settings
    lacking = set()
    for kind, least in (("choice", s.short_scenarios), ("scale", s.short_statements)):
        there = [q.id for q in kb.questions if (q.kind == "choice") == (kind == "choice")]
        if sum(q in answers for q in there) < min(least, len(there)):
            lacking.add(kind)
    if not _paired(kb, answers):
        lacking.add("pair")
    return lacking


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
    """The flags (:data:`flags.CODES`) of the answers to *asked*, in that order."""
    sub = dataclasses.replace(kb, questions=tuple(kb.question(q) for q in asked))
    codes = np.array([[answers[q] for q in asked]], dtype=np.intp)
    shown = np.array([[seen.positions.get(q, answers[q]) for q in asked]], dtype=np.intp)
    times = None if seen.seconds is None else \
        np.array([[seen.seconds.get(q, math.nan) for q in asked]], dtype=np.float64)
    return np.asarray(flags.evaluate(sub, codes, positions=shown, seconds=times)[0])


def done(kb: KnowledgeBase, answers: Mapping[str, int], seen: Seen = UNSEEN) -> bool:
    """Whether the short quiz stops here: every question answered; or sure, with the
    careless checks given what they need (``short_scenarios``, ``short_statements``,
    ``short_pairs``) and no flag raised by the answers so far (then the quiz goes on, and
    the whole sheet decides)."""
    if len(answers) >= len(kb.questions):
        return True
    return not _lacking(kb, answers) and sure(kb, answers) and \
        not _flagged(kb, answers, seen)


def next_question(kb: KnowledgeBase, answers: Mapping[str, int],
                  seen: Seen = UNSEEN) -> str | None:
    """The id of the question to ask next, None when the quiz stops here.

    The question expected to leave the least uncertainty, first in the knowledge base's
    order among equals; once the top role's probability is high enough to stop but the
    careless checks still lack something, the best question towards it."""
    if done(kb, answers, seen):
        return None
    expected = expected_entropy(kb, answers)
    candidates = list(expected)
    lacking = _lacking(kb, answers)
    if lacking and _likely(kb, answers)[1]:
        toward = _toward(kb, answers, lacking)
        candidates = [c for c in candidates if c in toward] or candidates
    return min(candidates, key=lambda c: (round(expected[c], 12), candidates.index(c)))


def _toward(kb: KnowledgeBase, answers: Mapping[str, int], lacking: set[str]) -> set[str]:
    """The unanswered questions that give the checks what they lack: a statement that
    completes a reverse-keyed pair (or, when none is half answered, starts one), a
    question of a kind there are too few answers to."""
    ids = [(kb.questions[a].id, kb.questions[b].id) for a, b in flags.reverse_pairs(kb)]
    found = {q.id for q in kb.questions if q.kind in lacking and q.id not in answers}
    if "pair" in lacking:
        complete = {x for a, b in ids for x, y in ((a, b), (b, a))
                    if y in answers and x not in answers}
        found |= complete or {x for pair in ids for x in pair if x not in answers}
    return found


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
    ranking = tuple(scoring.RoleFit(kb.roles[r].id, points[r] / 100,
                                    points[r] / posterior.BASIS, typical[r]) for r in ranked)
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
        answers = dict(zip(ids, sheet, strict=True))
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
    scores = Scores(fits=points, probability=points / 100.0, ranking=ranking,
                    margin=np.array([r.margin for r in results], dtype=np.float64),
                    confidence=np.array([scoring.CONFIDENCES.index(r.confidence)
                                         for r in results], dtype=np.int64),
                    blend=blend, flags=raised, profile=profile, typicality=typical)
    return scores, np.array(asked, dtype=np.int64)
