"""``validate``'s table of how well the roles are told apart, in at most 60 columns, and its
warnings about a role found too rarely (the figures: :mod:`rolequiz.core.roles.separation`)."""

from __future__ import annotations

from pathlib import Path

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.roles.separation import FOUND_LEAST, STUDENTS, Separation
from rolequiz.text import cells, printable, wrap

WIDTH = 60
"""The table fits a narrow terminal."""
ROLE, SHARE, INSTEAD, NONE = 14, 6, 22, 11
"""Columns of the role's name, "found", the role most often told instead, "no role"."""


def _cell(text: str, width: int, *, right: bool = False) -> str:
    """*text* padded (or cut, with '…') to *width* columns."""
    text = printable(text)
    if cells(text) > width:
        text = text[:width - 1]
        while cells(text) > width - 1:
            text = text[:-1]
        text += "…"
    pad = " " * (width - cells(text))
    return pad + text if right else text + pad


def table(kb: KnowledgeBase, found: tuple[Separation, ...], lang: Lang) -> str:
    """The heading and one line a role: found, most often told instead, no single role."""
    t = i18n.t
    lines = wrap(t(lang, "validate.separation.heading", count=STUDENTS), WIDTH)
    lines.append("  " + " ".join([
        _cell(t(lang, "validate.separation.role"), ROLE),
        _cell(t(lang, "validate.separation.found"), SHARE, right=True),
        _cell(t(lang, "validate.separation.instead"), INSTEAD),
        _cell(t(lang, "validate.separation.none"), NONE, right=True)]))
    for row in found:
        rival = row.rival(kb)
        instead = "–" if rival is None or round(100 * rival[1]) == 0 else \
            f"{kb.role(rival[0]).short(lang)} {round(100 * rival[1])}%"
        lines.append("  " + " ".join([
            _cell(kb.role(row.role_id).short(lang), ROLE),
            _cell(f"{round(100 * row.found)}%", SHARE, right=True),
            _cell(instead, INSTEAD),
            _cell(f"{round(100 * row.unsure)}%", NONE, right=True)]).rstrip())
    return "\n".join(lines)


def warnings(kb: KnowledgeBase, found: tuple[Separation, ...], lang: Lang,
             file: Path) -> list[str]:
    """One line for each role found less than :data:`FOUND_LEAST` of the time: how often,
    what its students get instead, and what to change."""
    lines = []
    for row in found:
        if row.found >= FOUND_LEAST:
            continue
        rival = row.rival(kb)
        values = {"file": file, "role": kb.role(row.role_id).short(lang),
                  "found": round(100 * row.found), "least": round(100 * FOUND_LEAST)}
        if rival is not None and rival[1] >= row.unsure / 2:  # mostly mixed up with one
            lines.append(i18n.t(lang, "validate.separation.confused", **values,
                                rival=kb.role(rival[0]).short(lang),
                                share=round(100 * rival[1])))
        else:
            lines.append(i18n.t(lang, "validate.separation.unsure", **values,
                                unsure=round(100 * row.unsure)))
    return lines
