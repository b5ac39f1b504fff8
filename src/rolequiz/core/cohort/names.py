"""Which students have a name seen before, in memory that does not grow with the class
(``--duplicates all``; the default resolves repeats in
:mod:`rolequiz.core.cohort.resubmitted`, with the same :func:`name_key` and
:func:`digests`).

A name is remembered as a 64-bit digest of its key (:func:`name_key`: case
and spacing do not count) beside the number of the first student who had
it, in two sorted arrays: 16 bytes a name, where a set of the names would
take ten times that.  Two different names share a digest in fewer than one
class of a million students in 30 million; it would flag a student who is
not a duplicate, and is the price of memory that stays flat.

At most :data:`CAPACITY` different names are remembered (2 MiB).  Past that
a new name is not remembered, so its repeats are not flagged, and
:attr:`Names.full` says so; names remembered before still are.  A school
year of 100,000 fits; for a national programme, where many students share a
name anyway, the flag says little.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

CAPACITY = 131_072
"""Different names remembered at most."""

Numbers = npt.NDArray[np.int64]


def name_key(name: str) -> str:
    """Names that a person would call the same: case and spacing do not count."""
    return " ".join(name.casefold().split())


_OTHER_SPACE = re.compile(r"[^\S ]")
"""Any white space but a plain space."""


def _even(folded: str) -> bool:
    """Whether names joined by NULs are surely spaced as :func:`name_key` spaces them (False
    sends each name through :func:`name_key` on its own: the same keys, slower).  Names with
    nothing unprintable (the usual class) have no white space but plain spaces, and are
    looked at with their NULs as spaces: one search instead of three and a pattern (an
    empty name, two NULs in a row, then counts as a double space: keyed one by one)."""
    spaced = folded.replace("\x00", " ")
    if spaced.isprintable():
        return not ("  " in spaced or spaced.startswith(" ") or spaced.endswith(" "))
    return not ("  " in folded or "\x00 " in folded or " \x00" in folded
                or folded.startswith(" ") or folded.endswith(" ")
                or _OTHER_SPACE.search(folded))


def digests(names: list[str]) -> Numbers:
    """The 64-bit digest of each name's key: the names are folded all at once, and only
    when some spacing needs evening out is each name keyed on its own."""
    folded = "\x00".join(names).casefold()
    keys = folded.split("\x00")
    if len(keys) != len(names) or not _even(folded):
        keys = list(map(name_key, names))
    return np.fromiter(map(hash, keys), dtype=np.int64, count=len(names))


class Names:
    """The names seen so far, and where each was seen first."""

    def __init__(self, capacity: int | None = None) -> None:
        self.capacity = CAPACITY if capacity is None else capacity
        self.full = False
        """Whether a name was not remembered for want of room."""
        self._keys: Numbers = np.empty(0, dtype=np.int64)
        self._first: Numbers = np.empty(0, dtype=np.int64)

    def check(self, names: list[str], numbers: Numbers) -> Numbers:
        """For each name in order, the number of the first student who had it, or -1 for a
        name not seen before; then remember the new names (*numbers* are the students')."""
        count = len(names)
        keys = digests(names)
        first = np.full(count, -1, dtype=np.int64)
        unique, where, inverse = np.unique(keys, return_index=True, return_inverse=True)
        fresh = np.ones(len(unique), dtype=np.bool_)  # new to this batch and every one before
        if self._keys.size:  # sorted keys are looked up fastest
            at = np.minimum(np.searchsorted(self._keys, unique), self._keys.size - 1)
            fresh = self._keys[at] != unique
            known = ~fresh[inverse]
            first[known] = self._first[at[inverse[known]]]
        else:
            known = np.zeros(count, dtype=np.bool_)
        room = max(self.capacity - self._keys.size, 0)
        if np.count_nonzero(fresh) > room:
            self.full = True
            taken = np.flatnonzero(fresh)
            taken = taken[np.argsort(where[taken], kind="stable")[:room]]  # the earliest
            fresh = np.zeros_like(fresh)
            fresh[taken] = True
        again = (where[inverse] != np.arange(count)) & ~known & fresh[inverse]
        first[again] = numbers[where[inverse][again]]
        if fresh.any():  # both sorted: the new ones go in their places
            places = np.searchsorted(self._keys, unique[fresh])
            self._keys = np.insert(self._keys, places, unique[fresh])
            self._first = np.insert(self._first, places, numbers[where[fresh]])
        return first
