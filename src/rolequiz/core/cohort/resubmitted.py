"""A student who submitted twice counts once, as the forms themselves count: the latest
submission of a name (or, by choice, the first) is scored; the others keep their row in the
class table, with no result and the reason, and are left out of every count, chart, item
analysis and report.

Which submission is later is told by the time the export records (Google's Timestamp,
Microsoft's completion time) when every submission of the name has one that can be read
unambiguously, else by the export's order: the forms write their responses in the order
they were submitted, but a sheet sorted by name afterwards is not.

To know whether a name comes again the whole class is read before the first student is
scored, in memory that does not grow with the class: each batch goes to an unnamed
temporary file as it is read (the spool, closed, and so removed, on every way out), and
only a 4-byte digest of each name stays in memory (4 MiB for a million students, where the
batches took 250).  A digest that comes again marks its rows as candidates; only their
names are read back, and two rows are the same student only if their names are
(:func:`~rolequiz.core.cohort.names.name_key`), so two names that share a digest stay two
students.  The batches are then read back from the spool in order, the left-out rows
marked.  ``--duplicates all`` needs none of this and keeps the stream.

Pure: nothing here prints.
"""

from __future__ import annotations

import pickle
import tempfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from rolequiz.core.cohort.batches import Batch
from rolequiz.core.cohort.names import digests, name_key
from rolequiz.core.cohort.read.reader import Skipped
from rolequiz.errors import RolequizError, Words, msg, os_reason

KEPT = ("latest", "first", "all")
"""Which of a name's submissions count (``--duplicates``): the latest, the first, or all of
them (each scored, the later ones flagged as a duplicate name)."""

Source = int | str
Digests = npt.NDArray[np.uint32]


@dataclass(frozen=True)
class LeftOut(Skipped):
    """A submission left out because the same name submitted again (or before)."""


@dataclass(frozen=True)
class Once:
    """The class with each name's one submission to score."""

    batches: Iterator[Batch]
    """Read back from the spool, once: the spool is closed when they are all out (or the
    iterator is closed)."""
    kept: dict[Source, list[Source]]
    """Each counted submission that has others, by its source: their sources, in order."""
    left_out: int
    """Submissions left out."""


@dataclass(frozen=True)
class _Spooled:
    """Where a batch is in the spool, and what of it stays in memory: what is about no
    one student (its skipped rows, notes, error, reading time)."""

    offset: int
    count: int
    batch: Batch
    """The batch without its students: no sources, names, answers or times."""


@dataclass(frozen=True)
class _Candidates:
    """The rows whose name's digest comes again: their sources, times and name keys."""

    sources: dict[int, Source]
    stamps: dict[int, datetime | None]
    keys: dict[int, str]


def where(source: Source) -> Words:
    """'row 12' for a CSV row, the answer sheet's file as it is."""
    return msg("cohort.row", row=source) if isinstance(source, int) else str(source)


def once_each(batches: Iterable[Batch], *, keep: str, file: str = "") -> Once:
    """*batches* with each name (case and spacing aside) scored once: the *keep* submission
    (``"latest"`` or ``"first"``); the others become :class:`LeftOut` rows in their places."""
    try:
        spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by _replayed, or below)
    except OSError as error:  # no temporary folder that can be written
        raise _failed(error) from None
    try:
        held, found = _spooled(batches, spool)
        candidates = _candidates(spool, held, found)
        del found
        counted = _counted(candidates, keep=keep)
        kept: dict[Source, list[Source]] = {}
        left: dict[int, Source] = {}  # each left-out submission: the source of the counted one
        for number in sorted(counted):
            chosen = counted[number]
            if chosen != number:
                kept.setdefault(candidates.sources[chosen], []).append(
                    candidates.sources[number])
                left[number] = candidates.sources[chosen]
    except BaseException:
        spool.close()
        raise
    return Once(_replayed(spool, held, left, keep=keep, file=file), kept,
                sum(len(v) for v in kept.values()))


def _spooled(batches: Iterable[Batch], spool: IO[bytes]) -> tuple[list[_Spooled], Digests]:
    """Write each batch's students to *spool*; what stays: each batch's place and the rest
    of it, and the digest of every name, in order."""
    held: list[_Spooled] = []
    parts: list[Digests] = []
    for batch in batches:
        try:
            offset = spool.tell()
            pickle.dump((batch.sources, _packed(batch.names), batch.submitted), spool,
                        protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump((batch.codes, batch.positions, batch.seconds, batch.durations), spool,
                        protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:  # a full disk
            raise _failed(error) from None
        held.append(_Spooled(offset, len(batch.names), replace(
            batch, sources=[], names=[], submitted=None,
            positions=None, seconds=None, durations=None, codes=batch.codes[:0].copy())))
        if batch.names:  # the low 32 bits of the names' 64-bit digests
            parts.append((digests(batch.names) & 0xFFFF_FFFF).astype(np.uint32))
    try:
        spool.flush()  # a write that fails fails now, before anyone is scored
    except OSError as error:
        raise _failed(error) from None
    found = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint32)
    return held, found


def _packed(names: list[str]) -> str | list[str]:
    """*names* as one text, NULs between them, which the spool writes and reads back in one
    piece (three times faster than name by name); as they are when a name holds a NUL."""
    text = "\x00".join(names)
    return text if text.count("\x00") == len(names) - 1 else names


def _unpacked(names: str | list[str]) -> list[str]:
    """The names :func:`_packed` gave."""
    return names.split("\x00") if isinstance(names, str) else names


def _failed(error: OSError) -> RolequizError:
    """The spool cannot be written or read back: where, why, and how to do without it."""
    try:
        folder = tempfile.gettempdir()
    except OSError:  # not even a folder to name
        folder = "TMPDIR"
    return RolequizError(msg("cohort.spool_failed", folder=folder, reason=os_reason(error)))


def _candidates(spool: IO[bytes], held: list[_Spooled], found: Digests) -> _Candidates:
    """The rows whose digest is another row's too, read back from *spool*: only they can be
    the same student as another."""
    ordered = np.sort(found)
    again = ordered[1:][ordered[1:] == ordered[:-1]]
    del ordered
    picked = _Candidates({}, {}, {})
    if not again.size:
        return picked
    start = 0
    for spooled in held:
        end = start + spooled.count
        rows = np.flatnonzero(np.isin(found[start:end], again)).tolist()
        if rows:
            sources, packed, submitted = _read_back(spool, spooled.offset, parts=1)[0]
            names = _unpacked(packed)
            for row in rows:
                picked.sources[start + row] = sources[row]
                picked.stamps[start + row] = None if submitted is None else submitted[row]
                picked.keys[start + row] = name_key(names[row])
        start = end
    return picked


def _read_back(spool: IO[bytes], offset: int, *, parts: int) -> list[Any]:
    """The first *parts* of the batch written at *offset*: its students' sources, names and
    times, then their answers."""
    try:
        spool.seek(offset)
        return [pickle.load(spool) for _ in range(parts)]
    except OSError as error:
        raise _failed(error) from None


def _counted(candidates: _Candidates, *, keep: str) -> dict[int, int]:
    """Each submission of a name given more than once: the number of the one counted."""
    by_name: dict[str, list[int]] = {}
    for number, key in candidates.keys.items():  # in the input's order
        by_name.setdefault(key, []).append(number)
    stamps = candidates.stamps
    counted: dict[int, int] = {}
    for numbers in by_name.values():
        times = [stamps[n] for n in numbers]
        order = numbers  # the export's order, unless every submission has its time
        if len(numbers) > 1 and all(t is not None for t in times):
            order = sorted(numbers, key=stamps.__getitem__)  # type: ignore[arg-type]
        chosen = order[-1] if keep == "latest" else order[0]
        counted.update(dict.fromkeys(numbers, chosen))
    return counted


def _replayed(spool: IO[bytes], held: list[_Spooled], left: dict[int, Source], *,
              keep: str, file: str) -> Iterator[Batch]:
    """The batches read back from *spool* in order, the *left* submissions out."""
    numbers = sorted(left)
    with spool:
        start = 0
        for spooled in held:
            (sources, names, submitted), (codes, positions, seconds, durations) = \
                _read_back(spool, spooled.offset, parts=2)
            batch = replace(spooled.batch, sources=sources, names=_unpacked(names), codes=codes,
                            submitted=submitted, positions=positions, seconds=seconds,
                            durations=durations)
            count = spooled.count
            outs = [n - start for n in
                    numbers[bisect_left(numbers, start):bisect_left(numbers, start + count)]]
            if not outs:  # the usual batch: every student counts
                yield batch
            else:
                yield _marked(batch, outs, [left[start + i] for i in outs], keep=keep,
                              file=file)
            start += count


def _marked(batch: Batch, outs: list[int], others: list[Source], *, keep: str,
            file: str) -> Batch:
    """*batch* without its students at *outs*, each a :class:`LeftOut` row in its place,
    naming the submission counted instead (at *others*)."""
    count = len(batch.names)
    keeps = [True] * count
    other = dict(zip(outs, others, strict=True))
    for index in outs:
        keeps[index] = False
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
            place = msg("cohort.place", file=file, row=source) \
                if isinstance(source, int) else str(source)
            later = "later" if keep == "latest" else "earlier"
            reason = msg(f"cohort.resubmitted.left_out.{later}", other=where(other[what]))
            skipped.append((before, LeftOut(place, reason, source, batch.names[what])))
    return _only(batch, np.flatnonzero(np.array(keeps, dtype=np.bool_)), skipped)


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
