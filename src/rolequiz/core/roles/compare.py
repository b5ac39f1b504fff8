"""The roles side by side, as data: what ``rolequiz compare`` shows and exports.

The shipped knowledge base's source is itself a comparison of the roles; this
module rebuilds that comparison from the knowledge base, aspect by aspect, so that a fourth
role in the YAML is a fourth column everywhere.  It holds facts and the knowledge base's own
texts in the language asked for, and no words of the interface: the title, the aspects'
labels and the notes are worded by :mod:`rolequiz.export.comparison`, which the terminal
view and the file writers read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rolequiz.core.kb.model import KnowledgeBase, Lang, Role, Source
from rolequiz.errors import UsageProblem, msg

Texts = tuple[str, ...]

TEXTS: Mapping[str, Callable[[KnowledgeBase, Role, Lang], Texts]] = {
    "responsibilities": lambda kb, role, lang: tuple(x(lang) for x in role.responsibilities),
    "skills": lambda kb, role, lang: tuple(x(lang) for x in role.skills),
    "focus": lambda kb, role, lang: tuple(x(lang) for x in role.focus),
    "tools": lambda kb, role, lang: tuple(x(lang) for x in role.tools),
    "horizon": lambda kb, role, lang: (role.horizon(lang),),
    "programs": lambda kb, role, lang: tuple(p.label(lang) for p in kb.programs
                                             if role.id in p.roles),
    "summary": lambda kb, role, lang: (role.summary(lang),),
    "metaphor": lambda kb, role, lang: (role.metaphor(lang),),
}
"""Each aspect (a row of the comparison) by id, and where a role's texts for it come from:
what every role lists (responsibilities, skills, focus, tools), then the time horizon and
the study programs; on request, the one-line summary and the metaphor."""

ASPECT_IDS: tuple[str, ...] = tuple(TEXTS)
DEFAULT_ASPECTS: tuple[str, ...] = ASPECT_IDS[:6]
"""The aspects shown when none are asked for: the article's own table."""
WORKBOOK_ASPECTS: tuple[str, ...] = ("summary", *DEFAULT_ASPECTS)
"""A workbook's, printed for a meeting: each role's one-line summary first, then the table."""

FIRST_COLUMN = "_aspect"
"""The id of the label column: a leading '_' is never a role id (see ``yamlnodes.ID_PATTERN``)."""


@dataclass(frozen=True)
class Entry:
    """A role as the comparison names it: a stable id and its name in one language."""

    id: str
    label: str


@dataclass(frozen=True)
class Comparison:
    """The roles asked for, on the aspects asked for: what each role's cell holds."""

    lang: Lang
    """The language of the knowledge base's texts below."""
    sha256: str
    roles: tuple[Entry, ...]
    aspects: tuple[str, ...]
    """The aspect ids, in the order asked."""
    cells: Mapping[str, Mapping[str, Texts]]
    """aspect id → role id → the texts of that cell (possibly none)."""
    source: Source | None
    """Where the facts come from, when the knowledge base says."""
    source_kind: str | None
    """What the source is ('the article'), in :attr:`lang`, when the knowledge base says."""


def compare(kb: KnowledgeBase, lang: Lang, *, roles: Sequence[str] | None = None,
            aspects: Sequence[str] | None = None) -> Comparison:
    """The comparison of *roles* (all, in the kb's order, by default) on *aspects*.

    Ids are taken in the order given, each once; an unknown id is a
    :class:`UsageProblem` naming it and the known ones.
    """
    role_ids = _choose(roles, [r.id for r in kb.roles], "roles.unknown", "role",
                       "compare.no_roles")
    aspect_ids = _choose(list(DEFAULT_ASPECTS) if aspects is None else aspects,
                         list(ASPECT_IDS), "compare.unknown_aspect", "aspect",
                         "compare.no_aspects")
    chosen_roles = [kb.role(r) for r in role_ids]
    kind = kb.source.kind if kb.source is not None else None
    return Comparison(
        lang=lang,
        sha256=kb.sha256,
        roles=tuple(Entry(r.id, r.name(lang)) for r in chosen_roles),
        aspects=tuple(aspect_ids),
        cells={a: {r.id: TEXTS[a](kb, r, lang) for r in chosen_roles} for a in aspect_ids},
        source=kb.source,
        source_kind=kind(lang) if kind is not None else None,
    )


def _choose(asked: Sequence[str] | None, known: list[str], unknown_key: str,
            placeholder: str, empty_key: str) -> list[str]:
    if asked is None:
        return known
    chosen = list(dict.fromkeys(asked))
    if not chosen:
        raise UsageProblem(msg(empty_key, ids=", ".join(known)))
    for item in chosen:
        if item not in known:
            raise UsageProblem(msg(unknown_key, ids=", ".join(known), **{placeholder: item}))
    return chosen
