"""The class CSV reader says what the row checker says about every row of every file.

:func:`rolequiz.core.cohort.read.reader.record` is the specification of a row: a
student with answers, a skipped row with its reasons, or a file that cannot be
read.  :func:`rolequiz.core.cohort.batches.csv_batches` looks the answers of
plain rows up a batch at a time; these tests hold it to the row checker on
generated files with everything a spreadsheet or a person can put in them, with
batches so small that every row falls on a batch boundary somewhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.cohort import batches as cohort_batches
from rolequiz.core.cohort.read import reader
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import RolequizError

Event = tuple[object, ...]


def row_by_row(data: bytes, kb: KnowledgeBase) -> list[Event]:
    """What the row checker finds, one event per student or skipped row, then the error."""
    events: list[Event] = []
    try:
        # lines as every class CSV is read (a CR alone ends a line in a CR-only file)
        layout, records, row = reader.open_csv(reader.class_lines(io.BytesIO(data)),
                                               file="c.csv", kb=kb)
        while True:
            try:
                cells = next(records, None)
            except (csv.Error, UnicodeDecodeError) as problem:
                raise reader.located(problem, file="c.csv", row=row + 1) from None
            if cells is None:
                break
            row += 1
            entry = reader.record(cells, row, layout, kb=kb)
            if isinstance(entry, reader.Skipped):
                events.append(("skipped", entry.place, entry.reason))
            elif entry is not None:
                events.append(("student", entry.source, entry.name,
                               [entry.answers[q.id] for q in kb.questions]))
    except RolequizError as error:
        events.append(("error", str(error)))
    return events


def batched(data: bytes, kb: KnowledgeBase, read: list[int] | None = None) -> list[Event]:
    """What the batch reader finds, in the same shape."""
    events: list[Event] = []
    try:
        for batch in cohort_batches.csv_batches(
                io.BytesIO(data), file="c.csv", kb=kb,
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


@pytest.mark.parametrize("size", [1, 3, cohort_batches.BATCH])
@settings(max_examples=250, deadline=None)
@given(data=st.data())
def test_the_batch_reader_agrees_with_the_row_checker(tiny_kb: KnowledgeBase, size: int,
                                                      data: st.DataObject) -> None:
    """Same students, same answers, same skipped rows and reasons, same order, same error,
    whatever the batch size."""
    content = data.draw(class_files(tiny_kb))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cohort_batches, "BATCH", size)
        assert batched(content, tiny_kb) == row_by_row(content, tiny_kb)


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
    "no answer beside one of two characters": 'student,{ids}\nAni,{shifted}\nDewi,{ones}\n',
    "non-ASCII names": 'student,{ids}\nÇağla,{ones}\n李娜,{ones}\n  ,{ones}\n',
    "no answer above one of two characters": 'student,{ids}\nAni,{blank_first}\n'
                                             'Dewi,{double_first}\n',
    "no answer above one that holds a NUL": 'student,{ids}\nAni,{blank_first}\n'
                                            'Dewi,{nul_first}\n',
}


@pytest.mark.parametrize("size", [1, 2, cohort_batches.BATCH])
@pytest.mark.parametrize("case", ODD_FILES)
def test_odd_files_read_as_the_row_checker_reads_them(tiny_kb: KnowledgeBase, case: str,
                                                      size: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Quotes, NULs, lone carriage returns, sep lines, ragged rows: the same events."""
    ids = [q.id for q in tiny_kb.questions]
    text = ODD_FILES[case].format(
        ids=",".join(ids), ones=",".join("1" for _ in ids),
        ids_semicolon=";".join(ids), ones_semicolon=";".join("1" for _ in ids),
        spaced=",".join(" 2 " for _ in ids), zeros=",".join("01" for _ in ids),
        shifted=",".join(["", "12", *("1" for _ in ids[2:])]),
        blank_first=",".join(["", *("1" for _ in ids[1:])]),
        double_first=",".join(["11", *("1" for _ in ids[1:])]),
        nul_first=",".join(["\x001", *("1" for _ in ids[1:])]))
    monkeypatch.setattr(cohort_batches, "BATCH", size)
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode(),
                 text.encode()[:len(text) // 2] + b"\xff" + text.encode()[len(text) // 2:]):
        assert batched(data, tiny_kb) == row_by_row(data, tiny_kb), data


def plain_class(kb: KnowledgeBase, rows: int) -> bytes:
    header = ",".join(["student", *(q.id for q in kb.questions)])
    lines = [f"Student {n}," + ",".join(str(1 + (n + i) % len(q.options))
                                       for i, q in enumerate(kb.questions))
             for n in range(rows)]
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def test_progress_is_told_every_byte(tiny_kb: KnowledgeBase) -> None:
    """The bar advances by the bytes read, and reaches the file's size."""
    content = plain_class(tiny_kb, 20_000)
    read: list[int] = []
    batched(content, tiny_kb, read)
    assert sum(read) == len(content)
    assert len([n for n in read if n]) > 1


def test_the_first_students_come_after_one_batch(tiny_kb: KnowledgeBase,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Streaming: the first batch of an endless class comes after reading about one batch
    of rows."""
    monkeypatch.setattr(cohort_batches, "BATCH", 100)
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
    batches: Iterator[cohort_batches.Batch] = cohort_batches.csv_batches(
        handle, file="c.csv", kb=tiny_kb, progress=lambda _: None)
    first = next(batches)
    assert list(first.sources) == list(range(2, 102))
    assert source.given <= 101 * len(line) + 2 * 1024
