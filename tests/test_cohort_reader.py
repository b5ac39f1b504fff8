"""The fast CSV reader says what the careful reader says about every row of every file.

The careful reader (:func:`rolequiz.core.cohort.reader.csv_entries`) is the
specification: the same students with the same answers, the same skipped
rows with the same reasons, in the same order, and the same error where the
file itself is broken.  Files are generated with everything a spreadsheet or
a person can put in them, and read in tiny blocks so that every line falls on
a block boundary somewhere.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.cohort import batches as cohort_fast
from rolequiz.core.cohort import reader as cohort_input
from rolequiz.core.model import KnowledgeBase
from rolequiz.errors import RolequizError

Event = tuple[object, ...]


def careful(data: bytes, kb: KnowledgeBase) -> list[Event]:
    """What the careful reader finds, one event per student or skipped row, then the error."""
    events: list[Event] = []
    try:
        for entry in cohort_input.csv_entries(io.BytesIO(data), file="c.csv", kb=kb, lang="en"):
            if isinstance(entry, cohort_input.Skipped):
                events.append(("skipped", entry.place, entry.reason))
            else:
                events.append(("student", entry.source, entry.name,
                               [entry.answers[q.id] for q in kb.questions]))
    except RolequizError as error:
        events.append(("error", str(error)))
    return events


def fast(data: bytes, kb: KnowledgeBase, read: list[int] | None = None) -> list[Event]:
    """What the fast reader finds, in the same shape."""
    events: list[Event] = []
    try:
        for batch in cohort_fast.csv_batches(io.BytesIO(data), file="c.csv", kb=kb, lang="en",
                                             progress=(read if read is not None else []).append):
            skipped = iter(batch.skipped)
            waiting = next(skipped, None)
            codes = batch.codes.tolist()
            for index, (source, name) in enumerate(zip(batch.sources, batch.names,
                                                       strict=True)):
                while waiting is not None and waiting[0] <= index:
                    events.append(("skipped", waiting[1].place, waiting[1].reason))
                    waiting = next(skipped, None)
                events.append(("student", source, name, codes[index]))
            while waiting is not None:
                events.append(("skipped", waiting[1].place, waiting[1].reason))
                waiting = next(skipped, None)
            if batch.error is not None:
                raise batch.error
    except RolequizError as error:
        events.append(("error", str(error)))
    return events


@st.composite
def class_files(draw: st.DrawFn, kb: KnowledgeBase) -> bytes:
    """A class CSV with whatever a spreadsheet or a person may put in it."""
    separator = draw(st.sampled_from([",", ";", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    ids = [q.id for q in kb.questions]
    header = draw(st.permutations(["student", *ids]))
    unnamed = draw(st.booleans())
    if unnamed:
        header = [*header, ""]
    names = st.sampled_from(["Ani", " Budi ", "Siti Ü", "", "  ", "Çağla", "Dewi",
                             "=1+1", "Sari \"Ica\"", "a" * 40, "Rina,Putri"])

    def answer(question_index: int) -> st.SearchStrategy[str]:
        question = kb.questions[question_index]
        good = [o.id for o in question.options] + \
            [str(n) for n in range(1, len(question.options) + 1)]
        odd = st.sampled_from([" 2", "01", "z", "", "99", "ab", "１"])
        return st.one_of(st.sampled_from(good), st.sampled_from(good), st.sampled_from(good),
                         odd)

    def row() -> st.SearchStrategy[str]:
        cells = st.tuples(names, *(answer(ids.index(c)) for c in header if c in ids),
                          st.sampled_from(["", "", "x"]))

        def line(found: tuple[str, ...]) -> str:
            name, *answers, extra = found
            values = iter(answers)
            out = [name if c == "student" else (extra if c == "" else next(values))
                   for c in header]
            return separator.join(f'"{v.replace(chr(34), chr(34) * 2)}"'
                                  if separator in v or '"' in v else v for v in out)
        return cells.map(line)

    rows = draw(st.lists(st.one_of(
        row(), row(), row(), st.just(""), st.just(separator * len(header)),
        row().map(lambda r: r + separator + "extra")), min_size=0, max_size=12))
    text = draw(st.sampled_from(["", "\n", "sep=" + separator + end])) + \
        separator.join(header) + end + end.join(rows) + draw(st.sampled_from([end, ""]))
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if rows and draw(st.integers(0, 9)) == 0:  # bytes that are not UTF-8, somewhere
        at = draw(st.integers(len(data) // 2, len(data)))
        data = data[:at] + b"\xff" + data[at:]
    return data


@pytest.mark.parametrize("block", [7, 64, 1 << 18], ids=["7 bytes", "64 bytes", "256 KiB"])
@settings(max_examples=250, deadline=None)
@given(data=st.data())
def test_the_fast_reader_agrees_with_the_careful_one(tiny_kb: KnowledgeBase, block: int,
                                                     data: st.DataObject) -> None:
    """Same students, same answers, same skipped rows and reasons, same order, same error,
    whatever the block size (tiny ones put every line on a block boundary somewhere)."""
    content = data.draw(class_files(tiny_kb))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cohort_fast, "BLOCK", block)
        assert fast(content, tiny_kb) == careful(content, tiny_kb)


ODD_FILES = {
    "a name quoted for its comma": 'student,{ids}\n"Putri, Ani",{ones}\nDewi,{ones}\n',
    "a name quoted for its quotes": 'student,{ids}\n"Sari ""Ica""",{ones}\nDewi,{ones}\n',
    "a name on two lines": 'student,{ids}\nAni,{ones}\n"Sari\nPutri",{ones}\nDewi,{ones}\n',
    "an unclosed quote": 'student,{ids}\nAni,{ones}\n"Sari,{ones}\nDewi,{ones}\n',
    "a quoted header": '"student",{ids}\nAni,{ones}\n',
    "a NUL byte": 'student,{ids}\nAni,{ones}\nSa\x00ri,{ones}\nDewi,{ones}\n',
    "a carriage return alone": 'student,{ids}\nAni,{ones}\nSa\rri,{ones}\nDewi,{ones}\n',
    "Excel's sep line": 'sep=;\nstudent;{ids_semicolon}\nAni;{ones_semicolon}\n',
    "a sep line before a blank one": 'sep=;\n\nstudent;{ids_semicolon}\nAni;{ones_semicolon}\n',
    "blank lines first": '\n\r\n  \nstudent,{ids}\nAni,{ones}\n',
    "no newline at the end": 'student,{ids}\nAni,{ones}\nDewi,{ones}',
    "a ragged row": 'student,{ids}\nAni,{ones}\nDewi,{ones},1\nSari,{ones}\n',
    "a row too short": 'student,{ids}\nAni,{ones}\nDewi,1\nSari,{ones}\n',
    "only a header": 'student,{ids}\n',
    "nothing": '',
    "answers with spaces and zeros": 'student,{ids}\nAni,{spaced}\nDewi,{zeros}\n',
    "a formula for a name": 'student,{ids}\n=HYPERLINK(1),{ones}\n',
    "non-ASCII names": 'student,{ids}\nÇağla,{ones}\n李娜,{ones}\n  ,{ones}\n',
}


@pytest.mark.parametrize("block", [5, 50, 1 << 18])
@pytest.mark.parametrize("case", ODD_FILES)
def test_odd_files_read_as_the_careful_reader_reads_them(tiny_kb: KnowledgeBase, case: str,
                                                         block: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Quotes, NULs, lone carriage returns, sep lines, ragged rows: the same events."""
    ids = [q.id for q in tiny_kb.questions]
    text = ODD_FILES[case].format(
        ids=",".join(ids), ones=",".join("1" for _ in ids),
        ids_semicolon=";".join(ids), ones_semicolon=";".join("1" for _ in ids),
        spaced=",".join(" 2 " for _ in ids), zeros=",".join("01" for _ in ids))
    monkeypatch.setattr(cohort_fast, "BLOCK", block)
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode(),
                 text.encode()[:len(text) // 2] + b"\xff" + text.encode()[len(text) // 2:]):
        assert fast(data, tiny_kb) == careful(data, tiny_kb), data


def plain_class(kb: KnowledgeBase, rows: int) -> bytes:
    header = ",".join(["student", *(q.id for q in kb.questions)])
    lines = [f"Student {n}," + ",".join(str(1 + (n + i) % len(q.options))
                                       for i, q in enumerate(kb.questions))
             for n in range(rows)]
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def test_a_plain_file_is_read_in_blocks_without_the_careful_reader(
        tiny_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain rows never go through the careful reader: they are searched a block at a time."""
    content = plain_class(tiny_kb, 500)
    expected = careful(content, tiny_kb)
    monkeypatch.setattr(cohort_fast, "BLOCK", 1000)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plain row went through the careful reader")

    monkeypatch.setattr(cohort_input, "record", refuse)
    batches = list(cohort_fast.csv_batches(io.BytesIO(content), file="c.csv", kb=tiny_kb,
                                           lang="en", progress=lambda _: None))
    assert len(batches) > 10
    assert [("student", s, n, c) for b in batches
            for s, n, c in zip(b.sources, b.names, b.codes.tolist(), strict=True)] == expected


def test_progress_is_told_every_byte(tiny_kb: KnowledgeBase) -> None:
    """The bar advances by the bytes read, and reaches the file's size."""
    content = plain_class(tiny_kb, 2000)
    read: list[int] = []
    fast(content, tiny_kb, read)
    assert sum(read) == len(content)
    assert len([n for n in read if n]) > 1 or len(content) <= cohort_fast.BLOCK


def test_the_first_students_come_after_one_block(tiny_kb: KnowledgeBase,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming: the first batch of an endless class comes after reading about one block."""
    monkeypatch.setattr(cohort_fast, "BLOCK", 4096)
    header, line = plain_class(tiny_kb, 1).split(b"\r\n", 1)

    class Endless(io.RawIOBase):
        """A class that never ends, counting what is read of it."""

        def __init__(self) -> None:
            self.given = 0
            self.buffer = header + b"\r\n"

        def readable(self) -> bool:
            return True

        def readinto(self, target: bytearray) -> int:  # type: ignore[override]
            while len(self.buffer) < len(target):
                self.buffer += line
            size = len(target)
            target[:size], self.buffer = self.buffer[:size], self.buffer[size:]
            self.given += size
            return size

    source = Endless()
    handle = io.BufferedReader(source, buffer_size=1024)
    batches: Iterator[cohort_fast.Batch] = cohort_fast.csv_batches(
        handle, file="c.csv", kb=tiny_kb, lang="en", progress=lambda _: None)
    first = next(batches)
    assert first.names and first.sources[0] == 2
    assert source.given <= 3 * 4096
