"""Which students have a name seen before, in memory that does not grow with the class.

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

import numpy as np
import numpy.typing as npt

CAPACITY = 131_072
"""Different names remembered at most."""

Numbers = npt.NDArray[np.int64]


def name_key(name: str) -> str:
    """Names that a person would call the same: case and spacing do not count."""
    return " ".join(name.casefold().split())


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
        keys = np.fromiter(map(hash, map(" ".join, map(str.split, map(str.casefold, names)))),
                           dtype=np.int64, count=count)
        first = np.full(count, -1, dtype=np.int64)
        known = np.zeros(count, dtype=np.bool_)
        if self._keys.size:
            at = np.minimum(np.searchsorted(self._keys, keys), self._keys.size - 1)
            known = self._keys[at] == keys
            first[known] = self._first[at[known]]
        unique, where, inverse = np.unique(keys, return_index=True, return_inverse=True)
        fresh = ~known[where]  # names new to this batch and to every batch before it
        room = max(self.capacity - self._keys.size, 0)
        if np.count_nonzero(fresh) > room:
            self.full = True
            taken = np.flatnonzero(fresh)
            taken = taken[np.argsort(where[taken], kind="stable")[:room]]  # the earliest
            fresh = np.zeros_like(fresh)
            fresh[taken] = True
        again = (where[inverse] != np.arange(count)) & ~known & fresh[inverse]
        first[again] = numbers[where[inverse][again]]
        if fresh.any():
            merged_keys = np.concatenate((self._keys, unique[fresh]))
            merged_first = np.concatenate((self._first, numbers[where[fresh]]))
            order = np.argsort(merged_keys, kind="stable")
            self._keys, self._first = merged_keys[order], merged_first[order]
        return first
