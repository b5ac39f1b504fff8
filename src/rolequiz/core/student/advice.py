"""What a printed report advises a student, as facts: the traits the result rests on and
what to do next, as ids and codes (no command lines: those are for the screen).

:mod:`rolequiz.export.advice` words them in the reader's language.  Where the study
programs come from is :attr:`rolequiz.export.result.SourceNote.programs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rolequiz.core.student.scoring import Result

STEPS = ("again", "role", "compare", "programs", "talk")
"""What a student may be told to do next: take the quiz again (no reliable result), read
about the roles the result points to, compare the roles, look at the study programs, talk
it over with someone."""


@dataclass(frozen=True)
class Advice:
    """What the report advises, for one result."""

    strengths: tuple[str, ...]
    """The traits (dimension ids) that decided the result; none when the answers look
    careless, when no role fits, or when no trait decided it."""
    leading: tuple[str, ...]
    """The roles (ids) the result points to: the top role, or the roles of a blend."""
    steps: tuple[str, ...]
    """What to do next, as codes of :data:`STEPS`, in the order to do them."""


def advise(result: Result) -> Advice:
    """The advice for *result*: careless answers are asked again; a result that points at
    a role sends the student to read about it; the programs when some are suggested."""
    pointed = not result.flagged and result.fitting
    if result.flagged:
        steps: tuple[str, ...] = ("again", "talk")
    else:
        steps = (*(("role",) if result.fitting else ()), "compare",
                 *(("programs",) if result.programs else ()), "talk")
    return Advice(strengths=tuple(d.dimension_id for d in result.drivers) if pointed else (),
                  leading=tuple(result.leading), steps=steps)
