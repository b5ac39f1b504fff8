"""A name that submitted twice counts once, however far apart its rows, and the file the
class is spooled to while that is decided is gone on every way out."""

from __future__ import annotations

import csv
import errno
import io
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import budget
from rolequiz.core.cohort import batches as cohort_batches
from rolequiz.core.cohort import names, resubmitted
from rolequiz.core.cohort.batches import Batch
from rolequiz.core.kb.model import KnowledgeBase

Run = Callable[..., tuple[int, str, str]]

pytestmark = pytest.mark.usefixtures("english")  # the words read are English

NAMES = ["Ani Putri", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hadi", "Indah",
         "Joko", " ani  PUTRI "]
"""Eleven rows (2 to 12): Ani first and last, nine other students between."""


def plain_class(kb: KnowledgeBase, names: list[str], *, last: int = 1) -> str:
    """A class CSV of *names*, each answering every question's first option, but the last
    row answering its *last* option (1-based) to each."""
    header = ",".join(["student", *(q.id for q in kb.questions)])
    lines = [f"{name}," + ",".join("1" for _ in kb.questions) for name in names[:-1]]
    lines.append(f"{names[-1]}," + ",".join(str(min(last, len(q.options)))
                                            for q in kb.questions))
    return "\r\n".join([header, *lines]) + "\r\n"


def table(text: str) -> dict[str, list[str]]:
    """The CSV table's rows by their row number."""
    return {row[0]: row for row in list(csv.reader(io.StringIO(text)))[1:]}


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of three students: rows 2 and 12 are four batches apart."""
    monkeypatch.setattr(cohort_batches, "BATCH", 3)


@pytest.mark.usefixtures("small_batches")
def test_a_first_and_a_last_row_batches_apart_count_once(run: Run, tmp_path: Path,
                                                         shipped_kb: KnowledgeBase) -> None:
    """Ani's first row (row 2) is left out naming her last (row 12), scored as if alone."""
    source = tmp_path / "class.csv"
    source.write_text(plain_class(shipped_kb, NAMES, last=2), encoding="utf-8")
    code, out, err = run("cohort", source, "--format", "csv")
    assert code == 0, err
    rows = table(out)
    assert len(rows) == 11
    assert rows["2"][2] == "" and rows["2"][-1] == \
        "sent again: the later submission at row 12 counts, this one is left out"
    assert rows["12"][-1].endswith("resubmitted: earlier submission at row 2 left out")
    alone = tmp_path / "alone.csv"
    alone.write_text(plain_class(shipped_kb, NAMES[-1:], last=2), encoding="utf-8")
    code, only, err = run("cohort", alone, "--format", "csv")
    assert code == 0, err
    assert rows["12"][2:-1] == table(only)["2"][2:-1]


@pytest.mark.usefixtures("small_batches")
def test_duplicates_first_keeps_a_first_row_batches_before_the_last(
        run: Run, tmp_path: Path, shipped_kb: KnowledgeBase) -> None:
    """--duplicates first: row 2 is scored, row 12 left out naming it."""
    source = tmp_path / "class.csv"
    source.write_text(plain_class(shipped_kb, NAMES, last=2), encoding="utf-8")
    code, out, err = run("cohort", source, "--format", "csv", "--duplicates", "first")
    assert code == 0, err
    rows = table(out)
    assert rows["2"][2] and rows["12"][2] == ""
    assert rows["12"][-1] == \
        "sent again: the first submission at row 2 counts, this one is left out"
    assert rows["2"][-1].endswith("resubmitted: later submission at row 12 left out")


def test_names_that_share_a_digest_stay_two_students(run: Run, tmp_path: Path,
                                                     shipped_kb: KnowledgeBase,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if every name had the same digest, only the same name counts as the same
    student: ten students scored, Ani's first row left out."""
    monkeypatch.setattr(resubmitted, "digests",
                        lambda names: np.zeros(len(names), dtype=np.int64))
    source = tmp_path / "class.csv"
    source.write_text(plain_class(shipped_kb, NAMES, last=2), encoding="utf-8")
    code, out, err = run("cohort", source, "--format", "csv")
    assert code == 0, err
    rows = table(out)
    assert [n for n, row in rows.items() if not row[2]] == ["2"]
    assert "Students scored: 10 · submissions left out (sent again): 1" in err


class Spools:
    """Every spool opened, in a folder of its own."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.opened: list[IO[bytes]] = []
        folder.mkdir()
        real = tempfile.TemporaryFile

        def opening(*args: Any, **kwargs: Any) -> IO[bytes]:
            handle: IO[bytes] = real(*args, dir=folder, **kwargs)
            self.opened.append(handle)
            return handle

        monkeypatch.setattr(tempfile, "TemporaryFile", opening)

    def gone(self) -> bool:
        """Whether every spool was opened and is closed, with nothing left in the folder."""
        return bool(self.opened) and all(h.closed for h in self.opened) and \
            not any(self.folder.iterdir())


@pytest.fixture
def spools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Spools:
    return Spools(tmp_path / "spool", monkeypatch)


def read_class(kb: KnowledgeBase, names: list[str]) -> Iterator[Batch]:
    """The batches of a plain class of *names*."""
    data = plain_class(kb, names, last=2).encode()
    return cohort_batches.csv_batches(io.BytesIO(data), file="c.csv", kb=kb,
                                      progress=lambda _: None)


@settings(max_examples=budget(200), deadline=None)
@given(st.lists(st.text(max_size=6), min_size=1, max_size=12, unique_by=names.name_key),
       st.booleans())
def test_names_and_rows_come_back_from_the_spool_as_they_were(students: list[str],
                                                               in_a_row: bool) -> None:
    """Whatever a name holds (a NUL, nothing, any letter) and however the rows are numbered,
    the class read back from the spool has them as they were read."""
    rows: range | list[int] = range(2, 2 + len(students)) if in_a_row else \
        [3 * n + 5 for n in range(len(students))]
    batch = Batch(rows, list(students), np.zeros((len(students), 2), dtype=np.int16))
    back = list(resubmitted.once_each(iter([batch]), keep="latest").batches)
    assert [name for b in back for name in b.names] == students
    assert [row for b in back for row in b.sources] == list(rows)


@pytest.mark.usefixtures("small_batches")
def test_the_spool_has_no_name_and_goes_once_read_back(spools: Spools,
                                                       shipped_kb: KnowledgeBase) -> None:
    """While the class is scored the spool is in no folder; once every batch is read back
    it is closed."""
    once = resubmitted.once_each(read_class(shipped_kb, NAMES), keep="latest")
    students = 0
    for batch in once.batches:
        assert not any(spools.folder.iterdir())
        students += len(batch.names)
    assert students == 10
    assert spools.gone()


@pytest.mark.usefixtures("small_batches")
def test_a_ctrl_c_while_reading_closes_the_spool(spools: Spools,
                                                 shipped_kb: KnowledgeBase) -> None:
    """Ctrl-C after the first batch is read: the spool is closed as the run stops."""
    def interrupted() -> Iterator[Batch]:
        batches = read_class(shipped_kb, NAMES)
        yield next(batches)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        resubmitted.once_each(interrupted(), keep="latest")
    assert spools.gone()


@pytest.mark.usefixtures("small_batches")
def test_a_run_stopped_while_scoring_closes_the_spool(spools: Spools,
                                                      shipped_kb: KnowledgeBase) -> None:
    """A run that stops after the first batch is scored (Ctrl-C, a bad row) closes the
    spool as it lets go of the batches."""
    once = resubmitted.once_each(read_class(shipped_kb, NAMES), keep="latest")
    next(once.batches)
    once.batches.close()
    assert spools.gone()


def test_the_cohort_closes_its_spool(run: Run, tmp_path: Path, spools: Spools,
                                     shipped_kb: KnowledgeBase) -> None:
    """A whole ``rolequiz cohort`` run leaves no spool open and no file behind."""
    source = tmp_path / "class.csv"
    source.write_text(plain_class(shipped_kb, NAMES), encoding="utf-8")
    code, _, err = run("cohort", source, "--format", "csv")
    assert code == 0, err
    assert spools.gone()


class FullDisk(io.BytesIO):
    """A temporary file on a disk with no room left."""

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "could not be kept in a temporary file in"),
    ("id", "tidak dapat disimpan sementara di")])
def test_a_full_temporary_folder_is_one_line(run: Run, tmp_path: Path, lang: str, words: str,
                                             shipped_kb: KnowledgeBase,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """No room for the spool: exit 2, one line naming the folder and the way round it
    (--duplicates all), and no output written."""
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *_, **__: FullDisk())
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    source = tmp_path / "class.csv"
    source.write_text(plain_class(shipped_kb, NAMES), encoding="utf-8")
    code, _, err = run("cohort", source, "-o", tmp_path / "out.csv", "--lang", lang)
    assert code == 2
    assert err.count("\n") == 1 and words in err and "--duplicates all" in err
    assert str(tmp_path / "tmp") in err
    assert not (tmp_path / "out.csv").exists()


def test_names_are_not_checked_twice_once_repeats_are_counted_once(
        run: Run, tmp_path: Path, shipped_kb: KnowledgeBase,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """By default every repeat is resolved before scoring: more different names than
    ``--duplicates all`` remembers draw no line that names stop being checked."""
    monkeypatch.setattr(names, "CAPACITY", 3)
    source = tmp_path / "class.csv"
    source.write_text(plain_class(shipped_kb, NAMES), encoding="utf-8")
    code, _, err = run("cohort", source, "--format", "csv")
    assert code == 0, err
    assert "different names so far" not in err
    assert "Students scored: 10 · submissions left out (sent again): 1" in err
