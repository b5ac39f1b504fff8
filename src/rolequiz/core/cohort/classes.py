"""Several classes in one run (``cohort A.csv B.xlsx``): a year group, class by class.

Each class file is read and scored on its own, as one file is (its names checked for
resubmissions within it, its skipped rows counted against it), into a
:class:`~rolequiz.core.cohort.rows.Summary` of its own; the run's summary adds them up.
Each student's row says their class, named from the file (Google's ``… (Responses).csv``,
Microsoft's ``…(1-36).xlsx`` without what the form adds); the table
of the classes side by side, for a principal's view of the year group, is
:func:`rolequiz.export.year_group.overview`.

Pure: nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rolequiz.core.cohort.read.texts import normal, words
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.table import Cell
from rolequiz.errors import RolequizError

if TYPE_CHECKING:
    from rolequiz.core.cohort.batches import Batch

COLUMN = "class"
"""The id of the class column of the student table, right after the student's name."""
SUFFIXES = (".zip", ".csv", ".xlsx")
"""What is taken off the end of a file's name, in this order (``kelas.csv.zip``)."""
_ROWS = re.compile(r"\s*\(\d+\s*-\s*\d+\)\s*$")
"""Microsoft Forms names its workbook after the form and the rows it holds: ``(1-36)``."""
_BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class ClassPart:
    """One class of the run: its name, its file and what its summary counts."""

    name: str
    path: Path
    summary: Summary


def class_name(path: Path) -> str:
    """The class a file holds, from its name: the form's title as the download names it,
    without the extension or what the form adds (``Kuis XI IPS 2 (Responses).csv``:
    ``Kuis XI IPS 2``; ``XI IPS 1(1-36).xlsx``: ``XI IPS 1``)."""
    name = path.name
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[:-len(suffix)]
    name = _ROWS.sub("", name)
    added = _BRACKETED.search(name)
    if added and normal(added.group(1)) in words("forms.match.responses") and added.start():
        name = name[:added.start()]
    return " ".join(name.split()) or path.name


def class_names(paths: Sequence[Path]) -> list[str]:
    """Each file's class (see :func:`class_name`); two files that give the same name are
    told apart by their path as given."""
    names = [class_name(path) for path in paths]
    return [str(path.with_name(name)) if names.count(name) > 1 else name
            for name, path in zip(names, paths, strict=True)]


def add_class(row: tuple[Cell, ...], name: str) -> tuple[Cell, ...]:
    """A row of the student table (source, name, …) with its class after the name."""
    return (*row[:2], name, *row[2:])


Scored = Callable[[Iterator["Batch"], Summary, Path, str], Iterable[tuple[Cell, ...]]]
"""Rows of a class from its batches, counted into a summary (the file named in messages;
the class named in the students' records)."""


def year_rows(kb: KnowledgeBase, files: Sequence[Path], opened: Sequence[Iterator[Batch]],
              scored: Scored, *, summary: Summary,
              parts: list[ClassPart]) -> Iterator[tuple[Cell, ...]]:
    """A year group's rows: each class file's batches (*opened*) scored on their own by
    *scored*, as one file is (resubmissions resolved, skipped rows counted, within it),
    each row holding its class after the name; each class's summary appended to *parts*
    as it starts and added up into *summary* once it is read."""
    for name, path, batches in zip(class_names(files), files, opened, strict=True):
        part = ClassPart(name, path, Summary(kb))
        parts.append(part)
        try:
            for row in scored(batches, part.summary, path, name):
                if summary.reading is None:  # a form's reading time, for the too-fast reason
                    summary.reading = part.summary.reading
                yield add_class(row, name)
        except RolequizError as error:  # which of the classes stopped the run
            said = error.message
            if type(error) is RolequizError and isinstance(said, str) and \
                    not said.startswith(f"{path}: "):
                raise RolequizError(f"{path}: {said}") from None
            raise
        summary.include(part.summary)
