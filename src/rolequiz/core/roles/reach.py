"""Whether every role of a knowledge base can be reached: a role whose best answer sheet
stays below ``settings.leaning`` (or is not even on top) is one no student can be told is
theirs, its answers being too like another role's.

The search (:mod:`rolequiz.core.roles.bestsheet`) needs NumPy, which ``validate`` would
otherwise never import; its result depends only on the knowledge base's text and the
rolequiz version, so it is kept in the cache beside the knowledge base and read back.
Pure: nothing here prints, and nothing names a role.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolequiz.core.kb import cache
from rolequiz.core.kb.model import KnowledgeBase


@dataclass(frozen=True)
class Unreachable:
    """A role that no sheet makes "leaning", and the role its best sheet is closest to."""

    role_id: str
    best: float
    """0–1: the most probability any sheet found gives the role."""
    rival_id: str
    """The role that takes its best sheet, or the runner-up when the role stays on top."""


def unreachable(kb: KnowledgeBase) -> tuple[Unreachable, ...]:
    """The roles whose best answer sheet does not make them the top role with at least
    ``settings.leaning``, in the knowledge base's order."""
    name = f"reach-{kb.sha256}"
    kept = cache.read_extra(name)
    if not _well_formed(kept, kb):
        from rolequiz.core.roles import bestsheet  # NumPy: only when not cached

        kept = [list(found) for found in bestsheet.unreachable(kb)]
        cache.write_extra(name, kept)
    return tuple(Unreachable(str(role), float(best), str(rival))
                 for role, best, rival in kept)


def _well_formed(kept: object, kb: KnowledgeBase) -> bool:
    """Whether a cached value is a list of [role id, best, rival id] of *kb*'s roles."""
    return isinstance(kept, list) and all(
        isinstance(found, list) and len(found) == 3 and kb.has_role(str(found[0]))
        and isinstance(found[1], (int, float)) and kb.has_role(str(found[2]))
        for found in kept)
