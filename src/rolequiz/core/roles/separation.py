"""How well a knowledge base tells its roles apart: students simulated from each role's own
model (:func:`rolequiz.core.student.posterior.simulate`) are scored, and for each role we count how
often the result names it, which other role it names instead, and how often it names none.

A role that is a near copy of another, or flat at level 3 on every trait, is found far less
often than the others: ``validate`` prints the figures as a table and warns about a role
found less than :data:`FOUND_LEAST` of the time.  The simulation needs NumPy, which
``validate`` would otherwise never import; its result depends only on the knowledge base's
text and the rolequiz version, so it is kept in the cache beside the knowledge base and read
back.  Pure: nothing here prints, and nothing names a role.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolequiz.core.kb import cache
from rolequiz.core.kb.model import KnowledgeBase

STUDENTS = 2_000
"""Students simulated for each role."""
SEED = 15
METHOD = "separation-1"
"""Names this simulation in the cache (with the knowledge base's hash)."""
FOUND_LEAST = 0.85
"""A role whose students get it less often than this is warned about."""


@dataclass(frozen=True)
class Separation:
    """What the students of one role are told, as shares of them (0–1)."""

    role_id: str
    found: float
    """The result names the role (clear or leaning)."""
    taken_for: tuple[float, ...]
    """The result names each other role instead, or a mix that has it, in the knowledge
    base's order (the role's own place holds :attr:`found`)."""
    unsure: float
    """The result names no single role: too close to call, or no role fits."""

    def rival(self, kb: KnowledgeBase) -> tuple[str, float] | None:
        """The role the students are most often told instead (or a mix that has it), and how
        often; None when none is (first in the knowledge base's order among equals)."""
        others = [i for i, role in enumerate(kb.roles) if role.id != self.role_id]
        if not others:
            return None
        best = max(others, key=lambda i: (self.taken_for[i], -i))
        if self.taken_for[best] <= 0:
            return None
        return kb.roles[best].id, self.taken_for[best]


def separation(kb: KnowledgeBase) -> tuple[Separation, ...]:
    """Every role's figures, in the knowledge base's order (simulated, or read back)."""
    name = f"{METHOD}-{kb.sha256}"
    kept = cache.read_extra(name)
    if not _well_formed(kept, kb):
        kept = _simulate(kb)
        cache.write_extra(name, kept)
    return tuple(Separation(kb.roles[i].id, float(row[0]),
                            tuple(float(v) for v in row[1]), float(row[2]))
                 for i, row in enumerate(kept))


def _simulate(kb: KnowledgeBase) -> list[list[object]]:
    """[found, [told each role or a mix with it], unsure] for each role, from
    :data:`STUDENTS` students of it (a fixed seed), scored as any sheet is."""
    import numpy as np  # only when not cached

    from rolequiz.core.student import posterior

    m = posterior.model(kb)
    rng = np.random.default_rng(SEED)
    roles = len(kb.roles)
    found: list[list[object]] = []
    for role in range(roles):
        said = posterior.score(kb, posterior.simulate(m, role, STUDENTS, rng))
        named = said.confidence <= 1  # clear or leaning
        top = np.zeros_like(said.blend)
        top[np.flatnonzero(named), said.ranking[named, 0]] = True
        counts = (top | said.blend).mean(axis=0)  # told the role, or a mix that has it
        counts[role] = top[:, role].mean()
        shares = [round(v, 4) for v in counts.tolist()]
        found.append([shares[role], shares, round(1.0 - float(named.mean()), 4)])
    return found


def _well_formed(kept: object, kb: KnowledgeBase) -> bool:
    """Whether a cached value is [found, [one share per role], unsure] for every role."""
    roles = len(kb.roles)
    return isinstance(kept, list) and len(kept) == roles and all(
        isinstance(row, list) and len(row) == 3 and isinstance(row[0], (int, float))
        and isinstance(row[1], list) and len(row[1]) == roles
        and all(isinstance(v, (int, float)) for v in row[1]) and isinstance(row[2], (int, float))
        for row in kept)
