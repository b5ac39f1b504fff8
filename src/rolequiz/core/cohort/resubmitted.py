"""A student who submitted twice counts once, as the forms themselves count: the latest
submission of a name (or, by choice, the first) is scored; the others keep their row in the
class table, with no result and the reason, and are left out of every count, chart, item
analysis and report.

Which submission is later is told by the time the export records (Google's Timestamp,
Microsoft's completion time) when every submission of the name has one that can be read
unambiguously, else by the export's order: the forms write their responses in the order
they were submitted, but a sheet sorted by name afterwards is not.  To know whether a name comes
again the whole class is read before the first student is scored: its batches (a few
hundred bytes a student) are held until then; ``--duplicates all`` keeps the stream.

Pure: nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np

from rolequiz.core.cohort.batches import Batch
from rolequiz.core.cohort.names import digests, name_key
from rolequiz.core.cohort.read.reader import Skipped
from rolequiz.errors import Words, msg

KEPT = ("latest", "first", "all")
"""Which of a name's submissions count (``--duplicates``): the latest, the first, or all of
them (each scored, the later ones flagged as a duplicate name)."""


@dataclass(frozen=True)
class LeftOut(Skipped):
    """A submission left out because the same name submitted again (or before)."""


@dataclass(frozen=True)
class Once:
    """The class with each name's one submission to score."""

    batches: list[Batch]
    kept: dict[int | str, list[int | str]]
    """Each counted submission that has others, by its source: their sources, in order."""
    left_out: int
    """Submissions left out."""


def where(source: int | str) -> Words:
    """'row 12' for a CSV row, the answer sheet's file as it is."""
    return msg("cohort.row", row=source) if isinstance(source, int) else str(source)


def once_each(batches: Iterable[Batch], *, keep: str, file: str = "") -> Once:
    """*batches* with each name (case and spacing aside) scored once: the *keep* submission
    (``"latest"`` or ``"first"``); the others become :class:`LeftOut` rows in their places."""
    held = list(batches)
    sources: list[int | str] = list(chain.from_iterable(batch.sources for batch in held))
    names = list(chain.from_iterable(batch.names for batch in held))
    stamps = list(chain.from_iterable(batch.submitted or [None] * len(batch.names)
                                      for batch in held))
    # only a name whose digest comes again can come again: the others are looked at no more
    found = digests(names) if names else np.empty(0, dtype=np.int64)
    _, inverse, counts = np.unique(found, return_inverse=True, return_counts=True)
    by_name: dict[str, list[int]] = {}
    for number in np.flatnonzero(counts[inverse.reshape(-1)] > 1).tolist():
        by_name.setdefault(name_key(names[number]), []).append(number)
    counted: dict[int, int] = {}  # each submission of a name given again: the one counted
    for numbers in by_name.values():
        times = [stamps[n] for n in numbers]
        order = numbers  # the export's order, unless every submission has its time
        if len(numbers) > 1 and all(t is not None for t in times):
            order = sorted(numbers, key=stamps.__getitem__)  # type: ignore[arg-type]
        chosen = order[-1] if keep == "latest" else order[0]
        counted.update(dict.fromkeys(numbers, chosen))
    kept: dict[int | str, list[int | str]] = {}
    left = np.zeros(len(names), dtype=np.bool_)
    for number in sorted(counted):
        chosen = counted[number]
        if chosen != number:
            kept.setdefault(sources[chosen], []).append(sources[number])
            left[number] = True
    out: list[Batch] = []
    start = 0
    for batch in held:
        count = len(batch.names)
        if not left[start:start + count].any():  # the usual batch: every student counts
            out.append(batch)
            start += count
            continue
        keeps = (~left[start:start + count]).tolist()
        events: list[tuple[int, int, Skipped | int]] = \
            [(index, 0, skipped) for index, skipped in batch.skipped] + \
            [(i, 1, i) for i in range(count)]
        events.sort(key=lambda event: event[:2])
        skipped: list[tuple[int, Skipped]] = []
        before = 0
        for _, _, what in events:
            if isinstance(what, Skipped):
                skipped.append((before, what))
            elif keeps[what]:
                before += 1
            else:
                source = batch.sources[what]
                other = sources[counted[start + what]]
                place = msg("cohort.place", file=file, row=source) \
                    if isinstance(source, int) else str(source)
                later = "later" if keep == "latest" else "earlier"
                reason = msg(f"cohort.resubmitted.left_out.{later}", other=where(other))
                skipped.append((before, LeftOut(place, reason, source, batch.names[what])))
        out.append(_only(batch, np.flatnonzero(np.array(keeps, dtype=np.bool_)), skipped))
        start += count
    return Once(out, kept, sum(len(v) for v in kept.values()))


def _only(batch: Batch, chosen: np.ndarray, skipped: list[tuple[int, Skipped]]) -> Batch:
    """*batch* with only the students at *chosen*, and *skipped* as its skipped rows."""
    picks = chosen.tolist()
    sources = [batch.sources[i] for i in picks]
    return replace(
        batch, sources=sources, names=[batch.names[i] for i in picks],
        codes=batch.codes[chosen], skipped=skipped,
        submitted=None if batch.submitted is None else [batch.submitted[i] for i in picks],
        positions=None if batch.positions is None else batch.positions[chosen],
        seconds=None if batch.seconds is None else batch.seconds[chosen],
        durations=None if batch.durations is None else batch.durations[chosen])
