"""The roles side by side, in words: the title, the aspects' labels, the notes on the source
and what an empty cell says, around the facts of :mod:`rolequiz.core.roles.compare`; and
the comparison as a table and as a JSON document.

:mod:`rolequiz.terminal.compare` reads the same words, so the screen and the files say the
same thing.  Only :func:`to_table` needs the table model, and imports it when called: the
terminal view needs no table writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from rolequiz import i18n
from rolequiz.core.roles.compare import FIRST_COLUMN, Comparison, Entry, Texts
from rolequiz.numbers import long_date, written_date

if TYPE_CHECKING:
    from rolequiz.core.table import Cell, Table

LABELS = {"responsibilities": "role.responsibilities", "skills": "role.skills",
          "focus": "role.focus", "tools": "role.tools", "horizon": "role.horizon",
          "programs": "role.programs", "summary": "role.summary", "metaphor": "role.metaphor"}
"""The catalogue key of each aspect's label (see
:data:`rolequiz.core.roles.compare.ASPECT_IDS`)."""


@dataclass(frozen=True)
class Worded:
    """What a comparison says around its cells, in its language."""

    title: str
    aspect_column: str
    """The heading of the column of aspects."""
    aspects: tuple[Entry, ...]
    """Each aspect asked for: its id and its label."""
    notes: tuple[str, ...]
    """Lines shown under the table: where the facts come from."""
    not_given: str
    """What a cell reads when the knowledge base gives nothing for it: 'not named in the
    article' (its source's kind), else a neutral 'not given'."""


def worded(comparison: Comparison) -> Worded:
    """The words around *comparison*'s cells, in its language: one wording for the
    terminal, the table and the JSON document."""
    lang = comparison.lang
    kind = comparison.source_kind
    notes: tuple[str, ...] = ()
    if comparison.source is not None:
        s = comparison.source
        details = ", ".join(part for part in (s.author, s.publisher,
                                              written_date(s.date, lang) if s.date else "")
                            if part)
        notes = (i18n.t(lang, "compare.source", title=s.title, details=details),)
    return Worded(
        title=i18n.t(lang, "compare.title"),
        aspect_column=i18n.t(lang, "compare.aspect"),
        aspects=tuple(Entry(a, aspect_label(comparison, a)) for a in comparison.aspects),
        notes=notes,
        not_given=(i18n.t(lang, "compare.not_given") if kind is None
                   else i18n.t(lang, "compare.not_given.kind", kind=kind)),
    )


def aspect_label(comparison: Comparison, aspect_id: str) -> str:
    """The row's name; the metaphor's is 'In the article's
    words' when the source says what it is (see ``result._metaphor_label``)."""
    if aspect_id == "metaphor" and comparison.source_kind is not None:
        return i18n.t(comparison.lang, "result.metaphor", kind=comparison.source_kind)
    return i18n.t(comparison.lang, LABELS[aspect_id])


def to_table(comparison: Comparison, *, date: Date | None = None) -> Table:
    """The aspects as rows, the roles as columns; each cell a tuple of texts (its items,
    bulleted where there are several), or the 'not given' text when it has none.

    With *date*, for a workbook to print: the title, the date and the source above the
    table rather than the source below it.
    """
    from rolequiz.core.table import Column, Table

    lang = comparison.lang
    said = worded(comparison)
    columns = (Column(FIRST_COLUMN, said.aspect_column),
               *(Column(role.id, role.label) for role in comparison.roles))
    rows: list[tuple[Cell, ...]] = [
        (aspect.label, *(_cell(comparison.cells[aspect.id][role.id], said)
                         for role in comparison.roles))
        for aspect in said.aspects
    ]
    if date is None:
        return Table(title=said.title, columns=columns, rows=rows, lang=lang,
                     notes=said.notes, bullets=True)
    preface = (said.title, i18n.t(lang, "compare.date", date=long_date(date, lang)),
               *said.notes)
    return Table(title=said.title, columns=columns, rows=rows, lang=lang,
                 bullets=True, preface=preface)


def _cell(texts: Texts, said: Worded) -> Cell:
    return texts if texts else said.not_given


def to_document(comparison: Comparison) -> dict[str, Any]:
    """Stable keys for scripts: ids beside labels, every cell a list of texts."""
    said = worded(comparison)
    s = comparison.source
    return {
        "lang": comparison.lang,
        "title": said.title,
        "knowledge_base": {"sha256": comparison.sha256},
        "source": ({"title": s.title, "publisher": s.publisher, "author": s.author,
                    "date": s.date} if s is not None else None),
        "roles": [{"id": r.id, "name": r.label} for r in comparison.roles],
        "aspects": [{"id": a.id, "label": a.label} for a in said.aspects],
        "not_given": said.not_given,
        "cells": {aspect: {role: list(texts) for role, texts in by_role.items()}
                  for aspect, by_role in comparison.cells.items()},
    }
