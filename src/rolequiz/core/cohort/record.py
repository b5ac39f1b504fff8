"""One student of a class as facts: what the writers read, not the words of a table.

:func:`rolequiz.core.cohort.rows.scored_batches` makes a :class:`Student` for each row of a
class file, scored or not, from the very arrays the class table is made of; the class
report and the per-student reports read these (ids, codes, numbers, the explained
result), and word them in the reader's language themselves.  Nothing here is translated,
so a writer never splits a translated column to learn who is a blend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING

from rolequiz.core.student.scoring import CONFIDENCES, NO_FIT
from rolequiz.core.table import Cell

if TYPE_CHECKING:
    from rolequiz.core.cohort.read.reader import Skipped
    from rolequiz.core.student.scoring import Result

__all__ = ["CONFIDENCES", "NO_FIT", "Part", "Student"]
"""The confidence codes a record holds are named here too, so that a writer reads them
without importing the scoring engine (see ``tests/project/test_architecture.py``)."""


@dataclass(frozen=True)
class Student:
    """A student of the class: where they are, what they answered and what the engine said."""

    source: int | str
    """The class file's row number, or the answer sheet's file."""
    name: str
    file: str = ""
    """The class file (empty for answer sheets)."""
    klass: str | None = None
    """The student's class, in a run of several (see :mod:`rolequiz.core.cohort.classes`)."""
    answers: tuple[int, ...] = ()
    """Each question's chosen option, 0-based, in the quiz's order (-1: left blank)."""
    seconds: tuple[float, ...] | None = None
    """Seconds per answer (NaN where unknown), when the input records them."""
    top: str = ""
    """The one role the result names; empty for a blend, no fit, careless answers or a
    row not scored."""
    blend: tuple[str, ...] = ()
    """The roles of a blend, best first, as the engine gives them (careless answers too:
    their result is not reliable whatever the blend)."""
    confidence: str = ""
    """One of :data:`CONFIDENCES`; empty for a row not scored."""
    flags: tuple[str, ...] = ()
    """The careless-answering flags raised, by code (see :mod:`rolequiz.core.student.flags`)."""
    blank: tuple[str, ...] = ()
    """The ids of the questions left blank."""
    duplicate_of: int | str | None = None
    """The source of the earlier student with the same name (``--duplicates all``)."""
    resubmitted: tuple[int | str, ...] = ()
    """The other submissions of this name, left out in favour of this one."""
    skipped: Skipped | None = None
    """Why the row was not scored (a resubmission left out is one too)."""
    duration: float | None = None
    """Seconds from start to completion, for a form export that records them."""
    answered: Date | None = None
    """The day the form was submitted, for a form export that records it."""
    result: Result | None = None
    """The explained result, from the batch's own scores, when a writer asked for it."""

    @property
    def scored(self) -> bool:
        return self.skipped is None

    @property
    def no_fit(self) -> bool:
        """No role fits the answers strongly (and they are not careless)."""
        return self.confidence == NO_FIT and not self.flags


@dataclass(frozen=True)
class Part:
    """A batch of the class, scored: the columns of its table rows, and its students as
    records (empty unless asked for: a class written to CSV needs only the columns)."""

    columns: Sequence[Sequence[Cell]]
    students: tuple[Student, ...] = ()
