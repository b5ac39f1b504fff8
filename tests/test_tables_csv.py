"""Writing CSV a column at a time gives the bytes the csv module gives a row at a time."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.table import Cell, Chunks, Column, Table
from rolequiz.export import csvwriter
from rolequiz.export.safety import spreadsheet_text

TEXTS = st.one_of(
    st.sampled_from(["", "Ani", "Putri, Ani", 'Sari "Ica"', "two\nlines", "cr\rhere", "=1+1",
                     "+62 812", "-5", "@home", "\ttab", "semi;colon", "tab\tinside", "Ü", "'"]),
    st.text(max_size=12))
NUMBERS = st.one_of(st.integers(-10**6, 10**6), st.floats(),
                    st.sampled_from([0.0, -0.0, 1.0, 65.5, 100.0, 1e16, 1e-7]))
# values a column of results repeats, remembered from chunk to chunk
REPEATED_NUMBERS = st.sampled_from([1.5, 2.5, 0.0, -0.0, float("nan"), float("inf")])
REPEATED_TEXTS = st.sampled_from(["A mix of Officer, Specialist", "=SUM(A1)", "blend",
                                  'say "hi"', ""])
CELLS = st.one_of(TEXTS, NUMBERS, st.booleans(), st.none(), st.tuples(TEXTS, TEXTS))


def by_rows(table: Table, delimiter: str) -> str:
    """What rolequiz wrote before: each row through the csv module, cell by cell."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow([csvwriter._csv_cell(cell) for cell in row])
    return out.getvalue()


@st.composite
def column_tables(draw: st.DrawFn) -> list[tuple[Cell, ...]]:
    """Rows whose columns are each of one kind (as rolequiz's tables are), or of any kind."""
    width = draw(st.integers(1, 5))
    kinds = [draw(st.sampled_from([TEXTS, NUMBERS, CELLS, REPEATED_NUMBERS, REPEATED_TEXTS]))
             for _ in range(width)]
    rows = draw(st.lists(st.tuples(*kinds), max_size=30))
    if rows and draw(st.booleans()):  # now and then a row of another length
        rows.insert(draw(st.integers(0, len(rows))), tuple(draw(st.lists(CELLS, max_size=6))))
    return rows


@settings(max_examples=400, deadline=None)
@given(rows=column_tables(), delimiter=st.sampled_from([",", ";", "\t"]),
       chunk=st.sampled_from([1, 3, 4096]), chunked=st.booleans())
def test_csv_by_columns_is_byte_for_byte_csv_by_rows(rows: list[tuple[Cell, ...]],
                                                    delimiter: str, chunk: int,
                                                    chunked: bool) -> None:
    """Numbers, quotes, several lines, formula-like texts, -0.0, NaN, values that repeat
    from chunk to chunk, rows of other lengths: the same text, whether rows come one by
    one or as columns."""
    columns = tuple(Column(f"c{i}", f"C{i}") for i in range(max(map(len, rows), default=1)))
    expected = by_rows(Table("t", columns, rows, "en"), delimiter)
    given_rows: object = rows
    if chunked and len(set(map(len, rows))) == 1 and rows:
        given_rows = Chunks([list(zip(*rows[i:i + chunk], strict=True))
                                    for i in range(0, len(rows), chunk)])
    out = io.StringIO()
    original = csvwriter.CSV_CHUNK
    csvwriter.CSV_CHUNK = chunk
    try:
        csvwriter.write_csv(out, Table("t", columns, given_rows, "en"),  # type: ignore[arg-type]
                         delimiter=delimiter)
    finally:
        csvwriter.CSV_CHUNK = original
    assert out.getvalue() == expected
