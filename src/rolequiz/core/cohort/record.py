"""A class as facts: what the writers read, not the words of a table.

:func:`rolequiz.core.cohort.rows.scored_batches` hands over each batch's :class:`Facts`,
columnar (the arrays the engine made, for the class table, a million rows at a time),
and, when a writer asks, a :class:`Student` for each row of the class file, scored or
not (for the class report and the per-student reports).  They hold ids, codes, numbers
and message objects; the writers (:mod:`rolequiz.export.class_table`,
:mod:`rolequiz.export.class_report`, :mod:`rolequiz.export.student_reports`) word them in
the reader's language.  Nothing here is translated, so a writer never splits a translated
column to learn who is a blend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import TYPE_CHECKING

from rolequiz.core.student.scoring import CONFIDENCES, NO_FIT

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from rolequiz.core.cohort.read.reader import Skipped
    from rolequiz.core.student.scoring import Result

__all__ = ["CONFIDENCES", "NO_FIT", "Facts", "Part", "Student"]
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
class Facts:
    """A batch of the class, scored, a column a fact: the students scored, in the class
    file's order (NumPy arrays, a row per student), and the rows not scored, each with
    the place among them where the file has it."""

    sources: Sequence[int | str]
    """The class file's row numbers, or the answer sheets' files."""
    names: Sequence[str]
    ranking: npt.NDArray[np.intp]
    """Each student's roles, best fit first (indices into the knowledge base's roles)."""
    blend: npt.NDArray[np.bool_]
    """The roles of each student's blend (a mask over the roles, in their order)."""
    decided: npt.NDArray[np.bool_]
    """The result names one role, the first of :attr:`ranking`."""
    flagged: npt.NDArray[np.bool_]
    """The answers are careless: no reliable result."""
    no_fit: npt.NDArray[np.bool_]
    """No role fits strongly (and the answers are not careless)."""
    confidence: npt.NDArray[np.intp]
    """An index into :data:`CONFIDENCES`."""
    careless: npt.NDArray[np.bool_]
    """The careless-answering flags raised, a column per flag of
    :data:`rolequiz.core.student.flags.CODES`."""
    fits: npt.NDArray[np.float64]
    """Each role's fit, 0–100 in whole hundredths, a column per role."""
    margin: npt.NDArray[np.float64]
    blank: npt.NDArray[np.bool_]
    """The questions left blank, a column per question, in the quiz's order."""
    asked: npt.NDArray[np.intp] | None = None
    """The questions the short quiz asked each student (``cohort --short``)."""
    durations: npt.NDArray[np.float64] | None = None
    """Seconds from start to completion (NaN where unknown), for a form export that
    records them."""
    duplicate_of: dict[int, int | str] = field(default_factory=dict)
    """A student (by index) whose name was seen before: the earlier one's source
    (``--duplicates all``)."""
    resubmitted: dict[int, tuple[int | str, ...]] = field(default_factory=dict)
    """A student (by index) counted once for several submissions: the others' sources,
    left out."""
    skipped: tuple[tuple[int, Skipped], ...] = ()
    """The rows not scored, each before the scored student at its index (after the
    last at ``len(names)``), in the class file's order; a resubmission left out is one."""


@dataclass(frozen=True)
class Part:
    """A batch of the class, scored: its facts, a column each, and its students as
    records (empty unless asked for: a class written to CSV needs only the columns)."""

    facts: Facts
    students: tuple[Student, ...] = ()
