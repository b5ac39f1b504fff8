"""The search behind :mod:`rolequiz.core.roles.reach`: for each role, the answer sheet that
favours it most, and whether that sheet makes it at least "leaning".

The best sheet is every sheet tried when there are at most :data:`EXHAUSTIVE` of them;
otherwise coordinate ascent on the role's log-odds against the others, started from the
answer that favours the role most in each question taken alone (the model's tables give
those directly) and, while none reaches "leaning", from a few fixed random sheets.
Imports NumPy: only :mod:`rolequiz.core.roles.reach` imports it, on a cache miss.  Pure:
nothing here prints, and nothing names a role.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import posterior

STEPS_PER_QUESTION = 3
"""Coordinate ascent changes one answer at a time, the best change first, at most this
many times per question (it stops sooner, when no single change helps)."""

EXHAUSTIVE = 20_000
"""Knowledge bases with at most this many possible sheets have every sheet tried."""
RESTARTS = 6
"""Random starting sheets of the coordinate ascent, besides the per-question best."""
SEED = 0

Codes = npt.NDArray[np.intp]


def unreachable(kb: KnowledgeBase) -> list[tuple[str, float, str]]:
    """(role id, its best probability 0–1, the rival's id) of each role whose best answer
    sheet does not make it the top role with at least ``settings.leaning``, in the
    knowledge base's order; the rival takes that sheet, or is the runner-up when the role
    stays on top."""
    roles = len(kb.roles)
    if roles < 2 or not kb.questions:
        return []
    m = posterior.model(kb)
    least = round(kb.settings.leaning * posterior.BASIS)
    sheets = math.prod(m.options.tolist())  # exact: 4 ** 530 is past a float
    every = posterior.posteriors(m, _every_sheet(m)).points if sheets <= EXHAUSTIVE else None
    found = []
    for role in range(roles):
        if every is not None:
            points = every[int(np.argmax(every[:, role]))]
        else:
            points = _best_points(m, role, least)
        order = posterior.ranking(points[None, :])[0]
        if int(order[0]) == role and int(points[role]) >= least:
            continue
        rival = int(order[0]) if int(order[0]) != role else int(order[1])
        found.append((kb.roles[role].id, int(points[role]) / posterior.BASIS,
                      kb.roles[rival].id))
    return found


def _best_points(m: posterior.Model, role: int, least: int) -> posterior.Ints:
    """The points of the best sheet the coordinate ascents find for *role*: from the
    per-question start, then from random ones, stopping at the first that reaches *least*."""
    rng = np.random.default_rng(SEED)
    best: posterior.Ints | None = None
    for turn in range(RESTARTS + 1):
        start = (_start(m, role) if turn == 0
                 else np.floor(rng.random(len(m.options)) * m.options).astype(np.intp))
        points = posterior.posteriors(m, _ascend(m, role, start)[None, :]).points[0]
        if best is None or points[role] > best[role]:
            best = points
        if int(best[role]) >= least and int(np.argmax(best)) == role:
            break
    assert best is not None
    return best


def _advantage(z: posterior.Floats, role: int) -> posterior.Floats:
    """(n,): the role's log-odds against all the others together."""
    others = np.delete(z, role, axis=1)
    top = others.max(axis=1)
    return np.asarray(z[:, role] - top - np.log(np.exp(others - top[:, None]).sum(axis=1)),
                      dtype=np.float64)


def _start(m: posterior.Model, role: int) -> Codes:
    """Per question, the answer whose log P(answer | role) most exceeds the best other
    role's (statements averaged over the response styles)."""
    sheet = np.zeros(len(m.options), dtype=np.intp)
    tables = [(c, t) for c, t in m.choices] + [(c, t.mean(axis=2)) for c, t in m.statements]
    for column, table in tables:
        gap = table[:, role] - np.delete(table, role, axis=1).max(axis=1)
        sheet[column] = int(np.argmax(gap))
    return sheet


def _every_sheet(m: posterior.Model) -> Codes:
    """Every possible sheet, one per row."""
    grids = np.meshgrid(*[np.arange(n) for n in m.options.tolist()], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=1).astype(np.intp)


def _ascend(m: posterior.Model, role: int, sheet: Codes) -> Codes:
    """A sheet that gives *role* as much probability as one answer changed at a time can."""
    # every sheet one answer away, in one batch: question by question, option by option
    columns = np.repeat(np.arange(len(m.options)), m.options)
    answers = np.concatenate([np.arange(n) for n in m.options.tolist()]).astype(np.intp)
    current = float(_advantage(posterior.loglik(m, sheet[None, :]), role)[0])
    for _ in range(STEPS_PER_QUESTION * len(m.options)):
        near = np.repeat(sheet[None, :], len(columns), axis=0)
        near[np.arange(len(columns)), columns] = answers
        gains = _advantage(posterior.loglik(m, near), role)
        best = int(np.argmax(gains))
        if gains[best] <= current + 1e-12:
            break
        sheet, current = near[best].copy(), float(gains[best])
    return sheet
