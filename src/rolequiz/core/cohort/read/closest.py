"""The closest of a few known texts to one a form wrote: an option edited by a letter
("Ramadhan" for "Ramadan"), a header with a word changed.

:mod:`difflib` (the standard library) compares the texts after
:func:`rolequiz.core.cohort.read.texts.normal`.  A form export has a few distinct texts per
question that are not found, each compared with a handful of options in each language:
a few hundred comparisons for a class, well under a millisecond each, so a faster
library (rapidfuzz) would buy nothing a counselor notices and add a dependency.

The rule, stated in docs/class.md: a text is read as a candidate when their similarity
(:meth:`difflib.SequenceMatcher.ratio`) is at least :data:`CLEAR` and the next
candidate's is at least :data:`MARGIN` lower; a text no candidate is clearly closest to
is named with the closest of them (from :data:`NEAR` up), and it stops
the run when two or more rows give it (a form's option, not one student's words).
Pure: nothing here prints.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")

CLEAR = 0.85
"""Similarity from which the closest candidate is taken, when it stands out."""
MARGIN = 0.10
"""How much closer than the second candidate the first must be to be taken."""
NEAR = 0.50
"""Similarity from which a candidate is named as close to a text; below it, the text has
little in common with it."""
SHOWN = 3
"""Candidates named when none is clearly closest."""


@dataclass(frozen=True)
class Match(Generic[K]):
    """How close a text is to each candidate, the closest first."""

    ranked: tuple[tuple[K, str, float], ...]
    """(key, the candidate's text, similarity) for each distinct key, closest first."""

    @property
    def clear(self) -> K | None:
        """The key of the candidate the text is clearly a version of, or None."""
        if not self.ranked or self.ranked[0][2] < CLEAR:
            return None
        second = self.ranked[1][2] if len(self.ranked) > 1 else 0.0
        return self.ranked[0][0] if self.ranked[0][2] - second >= MARGIN else None

    def shown(self) -> tuple[tuple[K, str, float], ...]:
        """The candidates to name when none is clearly closest."""
        return tuple(c for c in self.ranked[:SHOWN] if c[2] >= NEAR)


def closest(text: str, candidates: Iterable[tuple[K, str, str]]) -> Match[K]:
    """How close the normalised *text* is to *candidates* (key, normalised text, text as
    shown); a key given several texts (an option in two languages) counts once, by its
    closest."""
    best: dict[K, tuple[str, float]] = {}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(text)
    for key, normal, shown in candidates:
        matcher.set_seq1(normal)
        if matcher.real_quick_ratio() < max(NEAR, best.get(key, ("", 0.0))[1]):
            continue  # too short or too long to come close: a 300-character cell
        ratio = matcher.ratio()
        if ratio > best.get(key, ("", -1.0))[1]:
            best[key] = (shown, ratio)
    ranked = sorted(((k, s, r) for k, (s, r) in best.items()), key=lambda c: -c[2])
    return Match(tuple(ranked))


def difference(found: str, meant: str) -> tuple[str, str]:
    """The words in which *found* and *meant* differ, each with an ellipsis where words
    they share are left out: ``…Ramadhan…`` and ``…Ramadan…``."""
    said, known = found.split(), meant.split()
    start = 0
    while start < min(len(said), len(known)) and said[start] == known[start]:
        start += 1
    end = 0
    while (end < min(len(said), len(known)) - start
           and said[-1 - end] == known[-1 - end]):
        end += 1

    def part(words: list[str]) -> str:
        middle = " ".join(words[start:len(words) - end]) or "∅"
        return ("…" if start else "") + middle + ("…" if end else "")

    return part(said), part(known)
