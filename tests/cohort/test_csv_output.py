"""A CSV table is what :mod:`csv` writes, every text made safe for a spreadsheet.

The table writer turns a chunk of rows into lines a column at a time (for a class of a
million students); what a spreadsheet reads must not change with that: each cell
quoted as :func:`csv.writer` quotes it, and no text that starts like a formula.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from rolequiz.core.kb import knowledge
from rolequiz.core.table import Cell, Column, Table
from rolequiz.export.safety import cell_text
from rolequiz.export.tables import write_csv

Run = Callable[..., tuple[int, str, str]]

TEXTS = st.text(alphabet=st.sampled_from('ab ,;\t"\'=+-@\r\n\x1b\x00é'), max_size=6)
NUMBERS = st.one_of(st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False) | st.sampled_from([0.0, -0.0, 97.21, 0.5]))
CELLS = st.one_of(TEXTS, NUMBERS, st.none(), st.booleans(), st.tuples(TEXTS, TEXTS))


def as_spreadsheet_reads(cell: Cell) -> Cell:
    """A cell as the CSV must hold it: a number as it is, anything else as safe text."""
    if type(cell) in (int, float):
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return cell_text("yes" if cell else "no")
    if isinstance(cell, tuple):
        return cell_text("\n".join(cell))
    assert isinstance(cell, str)
    return cell_text(cell)


def csv_module_bytes(columns: tuple[Column, ...], rows: Iterable[Sequence[object]],
                     delimiter: str) -> str:
    """What :mod:`csv` writes of the header and *rows*, as Excel reads a CSV."""
    expected = io.StringIO()
    writer = csv.writer(expected, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([c.label for c in columns])
    writer.writerows(rows)
    return expected.getvalue()


@given(st.integers(2, 4).flatmap(lambda width: st.lists(
    st.tuples(*[CELLS] * width), min_size=1, max_size=12)),
       st.sampled_from([",", ";", "\t", "."]))
@example([(0.0, 1), (-0.0, 2), (0.0, 3)], ",")
def test_rows_are_written_as_the_csv_module_writes_their_safe_cells(
        rows: list[tuple[Cell, ...]], delimiter: str) -> None:
    """Any cells (formulas, quotes, delimiters, line breaks, -0.0): the bytes of
    ``csv.writer`` given each cell's safe text, or the number itself."""
    columns = tuple(Column(f"c{i}", f"c{i}") for i in range(len(rows[0])))
    written = io.StringIO()
    write_csv(written, Table(title="t", columns=columns, rows=iter(rows), lang="en"),
              delimiter=delimiter)
    assert written.getvalue() == csv_module_bytes(
        columns, ([as_spreadsheet_reads(cell) for cell in row] for row in rows), delimiter)


def test_a_formula_name_among_thousands_is_text_in_the_csv(run: Run, tmp_path: Path) -> None:
    """In a class of 5,000 the two names that start like a formula, far apart, get the
    leading apostrophe; the names with a comma or a quote read back as written."""
    kb = knowledge.load()
    rng = random.Random(18)
    names = [f"Siswa {number}" for number in range(5000)]
    names[3], names[4500] = '=HYPERLINK("http://x","klik")', "+cmd|' /C calc'!A0"
    names[7], names[4999] = "Putri, Sari", 'Budi "Ucok" Santoso'
    source = io.StringIO()
    writer = csv.writer(source, lineterminator="\r\n")
    writer.writerow(["student", *(q.id for q in kb.questions)])
    for name in names:
        writer.writerow([name, *(str(rng.randrange(len(q.options)) + 1) for q in kb.questions)])
    path = tmp_path / "class.csv"
    path.write_text(source.getvalue(), encoding="utf-8")
    output = tmp_path / "out.csv"
    assert run("cohort", path, "-o", output)[0] == 0
    read = [row[1] for row in csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig")))]
    assert read[1:] == [*names[:3], "'" + names[3], *names[4:4500], "'" + names[4500],
                        *names[4501:]]


HUNDREDTHS = st.lists(st.integers(0, 10_000).map(lambda k: k / 100), min_size=300,
                      max_size=320)
"""A class's fits: whole hundredths from 0 to 100."""
INTRUDERS = st.sampled_from([-0.0, 0.005, 0.1 + 0.2, math.nan, math.inf, 1e7, -1.5, 3e-5])


@given(HUNDREDTHS, st.lists(st.tuples(st.integers(0, 299), INTRUDERS), max_size=2))
def test_a_long_column_of_numbers_is_written_as_the_csv_module_writes_it(
        fits: list[float], intruders: list[tuple[int, float]]) -> None:
    """Hundreds of fits (whole hundredths), with or without a number of another kind
    among them: each as ``csv.writer`` writes it."""
    for place, number in intruders:
        fits[place] = number
    rows = [(index, fit) for index, fit in enumerate(fits)]
    columns = (Column("row", "row"), Column("fit", "fit"))
    written = io.StringIO()
    write_csv(written, Table(title="t", columns=columns, rows=rows, lang="en"))
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\r\n").writerows([("row", "fit"), *rows])
    assert written.getvalue() == expected.getvalue()


CODES = st.lists(CELLS, min_size=1, max_size=5).flatmap(lambda values: st.tuples(
    st.just(values), st.lists(st.tuples(*[st.integers(0, len(values) - 1)] * 3), min_size=1,
                              max_size=20)))
"""A few values, and each row's code into them in each of three columns."""


@given(CODES, st.sampled_from([",", ";", "\t", "."]))
@example(([0.0, -0.0, "=1+1", 'say "hi"', None], [(0, 1, 2), (3, 4, 2), (2, 2, 0)]), ",")
def test_coded_columns_are_written_as_the_csv_module_writes_their_cells(
        coded: tuple[list[Cell], list[tuple[int, int, int]]], delimiter: str) -> None:
    """Columns of a few values said by code (results, flags, fits), side by side, in two
    chunks: the bytes of ``csv.writer`` given each cell's safe text, formulas made text as
    in any column."""
    import numpy as np

    from rolequiz.core.table import Chunks
    from rolequiz.export.tables import Coded, coded_values

    values, rows = coded
    said = coded_values(values)
    half = len(rows) // 2
    chunks = [[list(range(len(part))),
               *(Coded(np.array(codes, dtype=np.intp), said) for codes in zip(*part, strict=True))]
              for part in (rows[:half], rows[half:]) if part]
    columns = tuple(Column(f"c{i}", f"c{i}") for i in range(4))
    written = io.StringIO()
    write_csv(written, Table(title="t", columns=columns, rows=Chunks(chunks), lang="en"),
              delimiter=delimiter)
    assert written.getvalue() == csv_module_bytes(
        columns, ((number, *(as_spreadsheet_reads(values[c]) for c in codes))
                  for part in (rows[:half], rows[half:]) for number, codes in enumerate(part)),
        delimiter)


@given(HUNDREDTHS, st.lists(st.tuples(st.integers(0, 299), INTRUDERS), max_size=2))
def test_a_column_of_hundredths_holds_the_very_numbers(
        fits: list[float], intruders: list[tuple[int, float]]) -> None:
    """Fits made a column of whole hundredths hold each number as it was (-0.0, NaN and
    numbers of another kind among them too)."""
    import numpy as np

    from rolequiz.export.tables import Hundredths

    for place, number in intruders:
        fits[place] = number
    assert [repr(cell) for cell in Hundredths().column(np.array(fits))] == list(map(repr, fits))
