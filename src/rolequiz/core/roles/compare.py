"""The roles side by side, as data: what ``rolequiz compare`` shows and exports.

The shipped knowledge base's source is itself a comparison of the roles; this
module rebuilds that comparison from the knowledge base, aspect by aspect, so that a fourth
role in the YAML is a fourth column everywhere.  It never prints: the terminal
view and the file writers take a :class:`Comparison` and present it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang, Role
from rolequiz.errors import UsageProblem
from rolequiz.numbers import long_date, written_date

if TYPE_CHECKING:  # the terminal view needs no table writer
    from rolequiz.core.table import Cell, Table

Texts = tuple[str, ...]


@dataclass(frozen=True)
class Aspect:
    """One row of the comparison: what it is called and where its texts come from."""

    id: str
    label_key: str
    texts: Callable[[KnowledgeBase, Role, Lang], Texts]

    def label(self, kb: KnowledgeBase, lang: Lang) -> str:
        """The row's name; the metaphor's is 'In the article's words' when the source says
        what it is (see ``result._metaphor_label``)."""
        if self.id == "metaphor" and kb.source is not None and kb.source.kind is not None:
            return i18n.t(lang, "result.metaphor", kind=kb.source.kind(lang))
        return i18n.t(lang, self.label_key)


ASPECTS: tuple[Aspect, ...] = (
    Aspect("responsibilities", "role.responsibilities",
           lambda kb, role, lang: tuple(x(lang) for x in role.responsibilities)),
    Aspect("skills", "role.skills", lambda kb, role, lang: tuple(x(lang) for x in role.skills)),
    Aspect("focus", "role.focus", lambda kb, role, lang: tuple(x(lang) for x in role.focus)),
    Aspect("tools", "role.tools", lambda kb, role, lang: tuple(x(lang) for x in role.tools)),
    Aspect("horizon", "role.horizon", lambda kb, role, lang: (role.horizon(lang),)),
    Aspect("programs", "role.programs",
           lambda kb, role, lang: tuple(p.label(lang) for p in kb.programs
                                        if role.id in p.roles)),
    Aspect("summary", "role.summary", lambda kb, role, lang: (role.summary(lang),)),
    Aspect("metaphor", "role.metaphor", lambda kb, role, lang: (role.metaphor(lang),)),
)
"""What every role lists (responsibilities, skills, focus, tools), then the time horizon and
the study programs; on request, the one-line summary and the metaphor."""

ASPECT_IDS: tuple[str, ...] = tuple(a.id for a in ASPECTS)
DEFAULT_ASPECTS: tuple[str, ...] = ASPECT_IDS[:6]
"""The aspects shown when none are asked for: the article's own table."""
WORKBOOK_ASPECTS: tuple[str, ...] = ("summary", *DEFAULT_ASPECTS)
"""A workbook's, printed for a meeting: each role's one-line summary first, then the table."""

FIRST_COLUMN = "_aspect"
"""The id of the label column: a leading '_' is never a role id (see ``yamlnodes.ID_PATTERN``)."""


@dataclass(frozen=True)
class Entry:
    """A role or an aspect as the comparison names it: a stable id and a label in one language."""

    id: str
    label: str


@dataclass(frozen=True)
class Comparison:
    lang: Lang
    title: str
    sha256: str
    roles: tuple[Entry, ...]
    aspects: tuple[Entry, ...]
    cells: Mapping[str, Mapping[str, Texts]]
    """aspect id → role id → the texts of that cell (possibly none)."""
    source: Mapping[str, str] | None
    notes: tuple[str, ...]
    """Lines shown under the table: where the facts come from."""
    not_given: str
    """What a cell reads when the knowledge base gives nothing for it: 'not named in the
    article' (its source's kind), else a neutral 'not given'."""


def compare(kb: KnowledgeBase, lang: Lang, *, roles: Sequence[str] | None = None,
            aspects: Sequence[str] | None = None) -> Comparison:
    """The comparison of *roles* (all, in the kb's order, by default) on *aspects*.

    Ids are taken in the order given, each once; an unknown id is a
    :class:`UsageProblem` naming it and the known ones.
    """
    role_ids = _choose(roles, [r.id for r in kb.roles], lang, "roles.unknown", "role",
                       "compare.no_roles")
    aspect_ids = _choose(list(DEFAULT_ASPECTS) if aspects is None else aspects,
                         list(ASPECT_IDS), lang, "compare.unknown_aspect", "aspect",
                         "compare.no_aspects")
    chosen_roles = [kb.role(r) for r in role_ids]
    chosen_aspects = [next(a for a in ASPECTS if a.id == aspect_id) for aspect_id in aspect_ids]
    source = None
    notes: tuple[str, ...] = ()
    not_given = i18n.t(lang, "compare.not_given")
    if kb.source is not None:
        s = kb.source
        source = {"title": s.title, "publisher": s.publisher, "author": s.author,
                  "date": s.date}
        details = ", ".join(part for part in (s.author, s.publisher,
                                              written_date(s.date, lang) if s.date else "")
                            if part)
        notes = (i18n.t(lang, "compare.source", title=s.title, details=details),)
        if s.kind is not None:
            not_given = i18n.t(lang, "compare.not_given.kind", kind=s.kind(lang))
    return Comparison(
        lang=lang,
        title=i18n.t(lang, "compare.title"),
        sha256=kb.sha256,
        roles=tuple(Entry(r.id, r.name(lang)) for r in chosen_roles),
        aspects=tuple(Entry(a.id, a.label(kb, lang)) for a in chosen_aspects),
        cells={a.id: {r.id: a.texts(kb, r, lang) for r in chosen_roles}
               for a in chosen_aspects},
        source=source,
        notes=notes,
        not_given=not_given,
    )


def _choose(asked: Sequence[str] | None, known: list[str], lang: Lang, unknown_key: str,
            placeholder: str, empty_key: str) -> list[str]:
    if asked is None:
        return known
    chosen = list(dict.fromkeys(asked))
    if not chosen:
        raise UsageProblem(i18n.t(lang, empty_key, ids=", ".join(known)))
    for item in chosen:
        if item not in known:
            raise UsageProblem(i18n.t(lang, unknown_key, ids=", ".join(known),
                                      **{placeholder: item}))
    return chosen


def to_table(comparison: Comparison, *, date: Date | None = None) -> Table:
    """The aspects as rows, the roles as columns; each cell a tuple of texts (its items,
    bulleted where there are several), or the 'not given' text when it has none.

    With *date*, for a workbook to print: the title, the date and the source above the
    table rather than the source below it.
    """
    from rolequiz.core.table import Column, Table

    lang = comparison.lang
    columns = (Column(FIRST_COLUMN, i18n.t(lang, "compare.aspect")),
               *(Column(role.id, role.label) for role in comparison.roles))
    rows: list[tuple[Cell, ...]] = [
        (aspect.label, *(_cell(comparison.cells[aspect.id][role.id], comparison)
                         for role in comparison.roles))
        for aspect in comparison.aspects
    ]
    if date is None:
        return Table(title=comparison.title, columns=columns, rows=rows, lang=lang,
                     notes=comparison.notes, bullets=True)
    preface = (comparison.title, i18n.t(lang, "compare.date", date=long_date(date, lang)),
               *comparison.notes)
    return Table(title=comparison.title, columns=columns, rows=rows, lang=lang,
                 bullets=True, preface=preface)


def _cell(texts: Texts, comparison: Comparison) -> Cell:
    return texts if texts else comparison.not_given


def to_document(comparison: Comparison) -> dict[str, Any]:
    """Stable keys for scripts: ids beside labels, every cell a list of texts."""
    return {
        "lang": comparison.lang,
        "title": comparison.title,
        "knowledge_base": {"sha256": comparison.sha256},
        "source": dict(comparison.source) if comparison.source is not None else None,
        "roles": [{"id": r.id, "name": r.label} for r in comparison.roles],
        "aspects": [{"id": a.id, "label": a.label} for a in comparison.aspects],
        "not_given": comparison.not_given,
        "cells": {aspect: {role: list(texts) for role, texts in by_role.items()}
                  for aspect, by_role in comparison.cells.items()},
    }
