"""Names seen before, in memory that stays the same size however large the class."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import budget
from rolequiz.core.cohort import names as duplicates
from rolequiz.core.cohort.names import Names, name_key
from rolequiz.core.kb.model import KnowledgeBase

Run = Callable[..., tuple[int, str, str]]


def reference(names: list[str], capacity: int) -> list[int]:
    """What a plain dict would say: the first student of each remembered name, or -1."""
    first: dict[str, int] = {}
    found = []
    for number, name in enumerate(names):
        key = name_key(name)
        if key in first:
            found.append(first[key])
        else:
            found.append(-1)
            if len(first) < capacity:
                first[key] = number
    return found


@settings(max_examples=budget(200), deadline=None)
@given(st.lists(st.sampled_from(["Ani", "ani", " Ani ", "Budi", "BUDI  ", "Siti Ü", "siti ü",
                                 "Dewi", "Rina", "Putri", "Sari", "Ana"]), max_size=60),
       st.integers(1, 8), st.integers(1, 20))
def test_names_are_flagged_as_a_dictionary_would_flag_them(names: list[str], capacity: int,
                                                           batch: int) -> None:
    """Within a batch and across batches, up to the capacity: the first student with the
    name, case and spacing aside."""
    seen = Names(capacity)
    found: list[int] = []
    for start in range(0, len(names), batch):
        chunk = names[start:start + batch]
        numbers = np.arange(start, start + len(chunk), dtype=np.int64)
        found += seen.check(chunk, numbers).tolist()
    assert found == reference(names, capacity)
    assert seen.full == (len({name_key(n) for n in names}) > capacity)


@settings(max_examples=budget(300), deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["Ani Putri", "ANI PUTRI", "Straße", "STRASSE", "İpek", "ﬁona", "a\x00b",
                     "Ani\tPutri", "Ani\u00a0Putri", "Ani  Putri", " Ani", "Ani ", ""]),
    st.text(max_size=8)), max_size=20))
def test_a_batch_is_digested_as_each_name_would_be_on_its_own(names: list[str]) -> None:
    """Folding a batch of names at once gives every name its own key, whatever the text:
    white space of any kind, NULs, letters whose case folds to two."""
    assert duplicates.digests(names).tolist() == [hash(name_key(n)) for n in names]


def test_memory_stops_growing_at_the_capacity() -> None:
    """Past the capacity nothing more is kept: two arrays of that many names at most."""
    seen = Names(1000)
    for start in range(0, 5000, 500):
        names = [f"Student {n}" for n in range(start, start + 500)]
        seen.check(names, np.arange(start, start + 500, dtype=np.int64))
    assert seen.full
    assert seen._keys.size == seen._first.size == 1000
    assert seen.check(["Student 999", "Student 1000"],
                      np.array([9000, 9001], dtype=np.int64)).tolist() == [999, -1]


def test_a_full_memory_is_said_once_in_the_cohort(run: Run, tmp_path: Path,
                                                  shipped_kb: KnowledgeBase,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A class with more different names than can be remembered: one line says so, and the
    repeats of remembered names are still flagged."""
    monkeypatch.setattr(duplicates, "CAPACITY", 3)
    rng = random.Random(3)
    names = ["Ani", "Budi", "Citra", "Dewi", "Eka", "Ani", "Eka"]
    lines = ["student," + ",".join(q.id for q in shipped_kb.questions)]
    for name in names:
        lines.append(name + "," + ",".join(str(rng.randint(1, len(q.options)))
                                           for q in shipped_kb.questions))
    source = tmp_path / "class.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("cohort", source, "--format", "csv", "--duplicates", "all")
    assert code == 0, err
    assert err.count("different names so far") == 1
    assert "the name “Ani” is also in row 2" in err
    assert "“Eka”" not in err  # Eka came after the memory was full
    assert "duplicate names: 1" in out or "duplicate names: 1" in err
