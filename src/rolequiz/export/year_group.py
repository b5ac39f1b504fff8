"""A year group's words: the class column of the student table, and the classes side by
side (see :mod:`rolequiz.core.cohort.classes`, which reads and counts them)."""

from __future__ import annotations

from collections.abc import Sequence

from rolequiz import i18n
from rolequiz.core.cohort.classes import COLUMN, ClassPart
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.table import Cell, Column, Table
from rolequiz.numbers import clock


def with_class(students: Table, lang: Lang, *, audience: str) -> Table:
    """*students* (whose rows already hold the class after the name) with the class column
    (a group's, for adults)."""
    at = [c.id for c in students.columns].index("student") + 1
    column = Column(COLUMN, i18n.t(lang, f"cohort.col.class.{audience}"))
    return Table(students.title, (*students.columns[:at], column, *students.columns[at:]),
                 students.rows, students.lang)


def overview(kb: KnowledgeBase, parts: Sequence[ClassPart], lang: Lang) -> Table:
    """The classes side by side: students scored, each role named, blends, no role fitting,
    not reliable, not scored, and the median time when a class's export records it."""
    t = i18n.t
    timed = any(part.summary.median_duration is not None for part in parts)
    columns = (
        Column(COLUMN, t(lang, f"cohort.col.class.{kb.audience}")),
        Column("scored", t(lang, f"cohort.classes.scored.{kb.audience}")),
        *(Column(f"top_{role.id}", role.name(lang)) for role in kb.roles),
        Column("blends", t(lang, "cohort.summary.blend")),
        Column("no_fit", t(lang, "cohort.summary.no_fit")),
        Column("unreliable", t(lang, "cohort.classes.unreliable")),
        Column("skipped", t(lang, "cohort.classes.skipped")),
        *([Column("median", t(lang, "cohort.classes.median"))] if timed else []),
    )
    rows: list[tuple[Cell, ...]] = []
    for part in parts:
        said = part.summary
        median = said.median_duration
        rows.append((part.name, said.scored, *(said.top[role.id] for role in kb.roles),
                     said.blends, said.no_fit, said.flagged, said.skipped,
                     *([None if median is None else clock(median)] if timed else [])))
    return Table(t(lang, f"cohort.classes.heading.{kb.audience}"), columns, rows, lang)
