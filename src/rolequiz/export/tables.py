"""Tables out of the terminal: CSV, Markdown, HTML, JSON and XLSX writers.

A :class:`Table` is columns with stable ids and display labels, and rows of
cells.  Rows may be a generator: every writer goes through them once, so a
cohort of a million students streams from input to output.  Every writer
makes untrusted text harmless for its format (see :mod:`rolequiz.export.safety`).
"""

from __future__ import annotations

import csv
import html
import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from rolequiz import i18n
from rolequiz.core.kb.model import Lang
from rolequiz.core.table import Cell, Chunks, Table, cell_lines
from rolequiz.errors import UsageProblem, msg
from rolequiz.export import formats
from rolequiz.export.safety import FORMULA_STARTS, cell_text
from rolequiz.files import atomic_output
from rolequiz.numbers import plain
from rolequiz.text import printable


def format_for(path: Path | None, chosen: str | None) -> str | None:
    """The format of a table (:mod:`rolequiz.export.formats`) from ``--format`` or the
    file's extension; they must agree, and a binary one needs a file."""
    allowed = formats.names("table")
    found = formats.of_path(path) if path is not None else None
    by_extension = found.name if found is not None else None
    if chosen is not None:
        chosen = chosen.lower()
        if chosen not in allowed:
            raise UsageProblem(msg("export.unknown_format", format=repr(chosen),
                                   formats=", ".join(allowed)))
        if path is not None and by_extension is not None and by_extension != chosen:
            raise UsageProblem(msg("export.format_conflict", format=chosen, path=path))
        if path is None and formats.named(chosen).binary:
            raise UsageProblem(msg("export.cannot_print",
                                   extension=formats.named(chosen).extensions[0]))
        return chosen
    if path is None:
        return None
    if by_extension is None or by_extension not in allowed:
        raise UsageProblem(msg("export.unknown_extension", path=path,
                               extension=repr(path.suffix) if path.suffix else "–",
                               formats="|".join(allowed),
                               extensions=formats.extensions("table")))
    return by_extension


# -- CSV ---------------------------------------------------------------------


CHUNK = 4096
"""Rows written together, a column at a time: a few MiB of cells."""
NUMBERS_KEPT = 65_536
"""Texts of numbers remembered per column: a class's fits take a few thousand values."""
HUNDREDTHS_FROM = 256
"""Numbers in a column of a chunk from which NumPy looks for whole hundredths."""
HUNDREDTHS_MOST = 1_000_000
"""Hundredths whose texts are kept (10,000.00 and less: a fit is 100.00 at most)."""


TOGETHER_MOST = 4096
"""Values of a :class:`Coded` column from which it is written on its own (a fit's ten
thousand hundredths), not joined with its neighbours."""
CODED_KEPT = 64
"""Sets of values (see :class:`Coded`) whose CSV texts are remembered while a table is
written: a class's result headlines and flags are a few sets a batch, its fits one."""


class Coded(Sequence[Cell]):
    """A column of a few values, said once each: each row's code (a NumPy array of ints)
    into *values* (a NumPy array of objects, shared by the columns of a kind).  Any writer
    reads it as the cells it stands for; the CSV writer makes the text of each of the
    values safe and quoted once (:func:`_csv_coded`), then looks the codes up, instead
    of looking at every cell of the column: it is the same check, as strict, on fewer
    texts.  Making and writing a million students' cells took 0.6 s of CPU instead of
    1.5 s (see ``docs/benchmarks.md``)."""

    __slots__ = ("codes", "values")

    def __init__(self, codes: Any, values: Any) -> None:
        self.codes = codes
        self.values = values

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: Any) -> Any:
        return self.values[self.codes[index]].tolist() if isinstance(index, slice) else \
            self.values[self.codes[index]]

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.values[self.codes].tolist())


def coded_values(values: Sequence[Cell]) -> Any:
    """*values* as the NumPy array of objects a :class:`Coded` column looks codes up in."""
    import numpy as np

    found = np.empty(len(values), dtype=object)
    for index, value in enumerate(values):  # one by one: a tuple stays one cell
        found[index] = value
    return found


class Hundredths:
    """Numbers that are whole hundredths from 0 (a fit, a margin) as a :class:`Coded`
    column: the number *k* / 100 made once for each *k*, and its text once a table."""

    def __init__(self) -> None:
        self.steps: Any = None
        """The number *k* / 100 for every *k* from 0 up (NumPy objects), once asked for."""

    def column(self, numbers: Any) -> Sequence[Cell]:
        """*numbers* (a NumPy array of floats) as a column: coded when every one is a
        whole number of hundredths from 0 (-0.0 and NaN are not), else as they are."""
        import numpy as np

        scaled = np.rint(numbers * 100.0)
        if not len(numbers) or np.signbit(numbers).any() or \
                not (scaled / 100.0 == numbers).all() or scaled.max() >= HUNDREDTHS_MOST:
            return numbers.tolist()  # type: ignore[no-any-return]
        steps = scaled.astype(np.intp)
        top = int(steps.max())
        if self.steps is None or top >= len(self.steps):  # k / 100 is the very float
            self.steps = coded_values([k / 100 for k in range(max(top, 10_000) + 1)])
        return Coded(steps, self.steps)  # a fit: 0–100, made once


def write_csv(handle: IO[str], table: Table, *, delimiter: str = ",") -> None:
    """CSV as Excel opens it (the caller writes a BOM first, as :func:`export` does): the
    items of a cell on lines of their own, every text safe for a spreadsheet.

    The header goes through :func:`csv.writer`; the rows a chunk at a time, each column
    made safe at once (:func:`_csv_column`, :func:`_csv_coded`) and quoted as
    :func:`csv.writer` quotes (:func:`_csv_quoted`), then one ``str.join`` a line, the
    very bytes :func:`csv.writer` writes.  A call for every cell, and the writer, took two
    thirds of ``cohort``'s time on a class of a million students: three times this path's.
    """
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([cell_text(c.label) for c in table.columns])
    quoted = delimiter + '"\r\n'  # what csv.writer quotes (QUOTE_MINIMAL)
    numbers = [_Numbers() for _ in table.columns]
    said: dict[int, tuple[Any, Any]] = {}
    for chunk in _column_chunks(table, writer):
        columns = _csv_columns(chunk, numbers, said, quoted, delimiter)
        handle.write("\r\n".join(map(delimiter.join, zip(*columns, strict=True))) + "\r\n")


def _csv_columns(chunk: Sequence[Sequence[Cell]], numbers: list[_Numbers],
                 said: dict[int, tuple[Any, Any]], quoted: str,
                 delimiter: str) -> list[Sequence[str]]:
    """The texts of a chunk's columns as :func:`csv.writer` writes their cells; neighbouring
    :class:`Coded` columns of few values as one, their cells joined (:func:`_csv_together`)."""
    columns: list[Sequence[str]] = []
    together: list[Coded] = []
    combinations = 1  # of *together*'s values: one int64 numbers them
    for cells, known in zip(chunk, numbers, strict=True):
        values = len(cells.values) if isinstance(cells, Coded) else TOGETHER_MOST + 1
        if together and (values > TOGETHER_MOST or combinations * values >= 1 << 62):
            columns.append(_csv_together(together, said, quoted, delimiter))
            together, combinations = [], 1
        if isinstance(cells, Coded) and values <= TOGETHER_MOST:
            together.append(cells)
            combinations *= values
            continue
        if type(cells) is range and not _NUMBER_CHARS.intersection(quoted):
            # row numbers one after another: written as they are, without the set of the
            # cells and of their types any other column is looked at with (0.1 s a million)
            columns.append(list(map(int.__repr__, cells)))
            continue
        columns.append(_csv_coded(cells, said, quoted) if isinstance(cells, Coded) else
                       _csv_column(tuple(cells), known, quoted))
    if together:
        columns.append(_csv_together(together, said, quoted, delimiter))
    return columns


def _column_chunks(table: Table, writer: Any) -> Iterator[Sequence[Sequence[Cell]]]:
    """The columns of *table*'s rows, a chunk at a time: as they come from
    :class:`~rolequiz.core.table.Chunks`, else made from :data:`CHUNK` rows.  Rows that
    make no columns (not one cell for each column, or a lone cell, which the writer quotes
    when empty) are written by *writer* on the way."""
    width = len(table.columns)
    if isinstance(table.rows, Chunks) and width >= 2:
        for columns in table.rows.chunks:
            if len(columns) == width:
                yield columns
            else:
                writer.writerows(map(_csv_row, zip(*columns, strict=True)))
        return
    rows = iter(table.rows)
    while chunk := list(islice(rows, CHUNK)):
        if width >= 2 and set(map(len, chunk)) == {width}:
            yield list(zip(*chunk, strict=True))
        else:
            writer.writerows(map(_csv_row, chunk))


_NUMBER_CHARS = frozenset("0123456789.+-einfa")
"""The characters of a number as :func:`str` writes it (1e+16, -0.5, inf, nan)."""
_HEAD = itemgetter(slice(0, max(map(len, FORMULA_STARTS))))
_LINE_STARTS = tuple("\n" + start for start in FORMULA_STARTS)


def _csv_column(cells: tuple[Cell, ...], known: _Numbers,
                quoted: str) -> Sequence[str]:
    """A column of a chunk of rows as :func:`csv.writer` writes what :func:`_csv_row` gives
    it: texts as they are when all are printable and none starts like a formula, numbers
    as :func:`str` writes them, and any other column cell by cell; then quoted
    (:func:`_csv_quoted`).  Each distinct cell is looked at once (a column of results
    holds a few), each number's text made once and kept in *known*."""
    distinct = set(cells)
    kinds = set(map(type, cells))  # not of *distinct*: 0, 0.0 and False are one set member
    if kinds == {str}:
        texts: set[str] = distinct  # type: ignore[assignment]
        if "".join(texts).isprintable():  # no line break: a text starts after each "\n"
            heads = "\n" + "\n".join(map(_HEAD, texts))
            if not any(start in heads for start in _LINE_STARTS):
                return _csv_quoted(cells, texts, quoted)  # type: ignore[arg-type]
    elif _NUMBER_CHARS.intersection(quoted):  # a delimiter that a number holds
        pass
    elif kinds == {int}:
        return list(map(int.__repr__, cells))
    elif kinds == {float}:
        floats: tuple[float, ...] = cells  # type: ignore[assignment]
        numbers = known.hundredths(floats) if len(floats) >= HUNDREDTHS_FROM else None
        return numbers if numbers is not None else \
            known.texts(floats, distinct)  # type: ignore[arg-type]
    safe = [cell if type(cell) is str else str(cell) for cell in _csv_row(cells)]
    return _csv_quoted(safe, set(safe), quoted)


def _csv_coded(column: Coded, said: dict[int, tuple[Any, Any]], quoted: str) -> list[str]:
    """A :class:`Coded` column as :func:`_csv_column` writes its cells."""
    return _csv_texts(column, said, quoted)[column.codes].tolist()  # type: ignore[no-any-return]


def _csv_together(columns: list[Coded], said: dict[int, tuple[Any, Any]], quoted: str,
                  delimiter: str) -> list[str]:
    """Neighbouring :class:`Coded` columns as one, each row's cells already joined by
    *delimiter*: each combination the rows hold joined once (a class's results, roles,
    confidences, blends and careless flags are a few dozen), fewer cells a line to join."""
    import numpy as np

    if len(columns) == 1:
        return _csv_coded(columns[0], said, quoted)
    codes = columns[0].codes.astype(np.int64)
    for column in columns[1:]:
        codes = codes * len(column.values) + column.codes
    found, inverse = np.unique(codes, return_inverse=True)
    parts = []
    for column in reversed(columns):
        found, part = np.divmod(found, len(column.values))
        parts.append(_csv_texts(column, said, quoted)[part].tolist())
    lines = np.array(list(map(delimiter.join, zip(*reversed(parts), strict=True))),
                     dtype=object)
    return lines[inverse.reshape(-1)].tolist()  # type: ignore[no-any-return]


def _csv_texts(column: Coded, said: dict[int, tuple[Any, Any]], quoted: str) -> Any:
    """The text of each of *column*'s values as :func:`_csv_column` writes it: made safe
    (:func:`_csv_row`) and quoted once, kept in *said* (the last used last) for the next
    chunks."""
    import numpy as np

    key = id(column.values)
    known = said.pop(key, None)
    if known is None or known[0] is not column.values:
        texts = [c if type(c) is str else str(c) for c in _csv_row(tuple(column.values))]
        if len(said) >= CODED_KEPT:  # the longest unused: a batch's results, not the fits
            del said[next(iter(said))]
        known = (column.values, np.array(_csv_quoted(texts, set(texts), quoted), dtype=object))
    said[key] = known  # the last used last
    return known[1]


class _Numbers:
    """The texts of one column's numbers, each made once: a million students' fits and
    margins, turned to text one by one, took a sixth of ``cohort``'s time."""

    def __init__(self) -> None:
        self.known: dict[float, str] = {}
        self.coder = Hundredths()
        self.steps: tuple[Any, Any] | None = None
        """Every hundredth from 0 up, and its text, as NumPy arrays (see :meth:`hundredths`)."""

    def texts(self, cells: tuple[float, ...], distinct: set[float]) -> list[str]:
        """Each number as :func:`str` writes it."""
        missing = distinct.difference(self.known)
        if len(self.known) + len(missing) > NUMBERS_KEPT:
            self.known.clear()
        self.known.update(zip(missing, map(str, missing), strict=True))
        numbers = list(map(self.known.__getitem__, cells))
        if 0.0 in distinct:  # 0.0 and -0.0 are one key, not one text
            numbers = [str(cell) if cell == 0.0 else text
                       for cell, text in zip(cells, numbers, strict=True)]
        return numbers

    def hundredths(self, cells: tuple[float, ...]) -> list[str] | None:
        """Each number as :func:`str` writes it, when every one is a whole number of
        hundredths from 0 (as a fit or a margin is, see :class:`Hundredths`): the text of
        *k* / 100, made once for each *k*; None for any other column.  Imports NumPy
        (``cohort`` has it already)."""
        import numpy as np

        column = self.coder.column(np.array(cells, dtype=np.float64))
        if not isinstance(column, Coded):
            return None
        if self.steps is None or self.steps[0] is not column.values:
            self.steps = (column.values, np.array(list(map(str, column.values.tolist())),
                                                  dtype=object))
        return self.steps[1][column.codes].tolist()  # type: ignore[no-any-return]


def _csv_quoted(texts: Sequence[str], distinct: set[str], quoted: str) -> Sequence[str]:
    """*texts* (their *distinct* ones given) as :func:`csv.writer` writes them
    (``QUOTE_MINIMAL``): in double quotes, each doubled, those that hold a character of
    *quoted* (the delimiter, a double quote or a line break)."""
    whole = "".join(distinct)
    if not any(char in whole for char in quoted):
        return texts
    risky = {text for text in distinct if any(char in text for char in quoted)}
    return ['"' + text.replace('"', '""') + '"' if text in risky else text for text in texts]


def _csv_row(row: tuple[Cell, ...]) -> list[Cell]:
    """Numbers and plain texts as they are, anything else through :func:`_csv_text`."""
    return [cell if (kind := type(cell)) is float or kind is int
            or (isinstance(cell, str) and cell.isprintable()
                and not cell.startswith(FORMULA_STARTS))
            else _csv_text(cell) for cell in row]


def _csv_text(cell: Cell) -> str:
    """A text safe for a spreadsheet and a terminal: the items of a cell on lines of their
    own, "yes" or "no" for a bool, control characters spelled out, and a leading quote
    where it would start like a formula."""
    return cell_text(cell if isinstance(cell, str) else "\n".join(cell_lines(cell)))


# -- Markdown ----------------------------------------------------------------


def _md(text: str) -> str:
    """Untrusted *text* as a Markdown table cell that renders as written: control
    characters spelled out (a carriage return never starts a line), HTML escaped, and no
    link, image or extra cell (a link needs ``](`` or ``][``: its bracket is escaped)."""
    escaped = html.escape(printable(text), quote=False).replace("\n", " ")
    return escaped.replace("|", "\\|").replace("]", "\\]")


def write_markdown(handle: IO[str], table: Table) -> None:
    """A GitHub table; items of a cell are separated by ``<br>`` (and bulleted, for a
    table with :attr:`Table.bullets`: a Markdown table cell cannot hold a list)."""
    handle.write(f"## {_md(table.title)}\n\n")
    handle.write("| " + " | ".join(_md(c.label) for c in table.columns) + " |\n")
    handle.write("|" + "|".join(" --- " for _ in table.columns) + "|\n")
    for row in table.rows:
        cells = [plain(cell, table.lang) if isinstance(cell, float)
                 else "<br>".join(_md(line) for line in _items(cell, table.bullets))
                 for cell in row]
        handle.write("| " + " | ".join(cells) + " |\n")
    if table.notes:
        handle.write("\n" + "\n".join(f"{_md(note)}  " for note in table.notes) + "\n")


BULLET = "• "


def _items(cell: Cell, bullets: bool) -> list[str]:
    """The lines of *cell*, each with a bullet when *bullets* and the cell holds several."""
    lines = cell_lines(cell)
    if bullets and isinstance(cell, tuple) and len(lines) > 1:
        return [BULLET + line for line in lines]
    return lines


# -- HTML --------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a;
       margin: 2em auto; max-width: 60em; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.4em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 0.35em 0.5em; vertical-align: top;
         text-align: left; }
th { background: #e8eef6; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
ul { margin: 0; padding-left: 1.1em; }
.num { text-align: right; white-space: nowrap; }
.note { color: #555; font-size: 0.9em; }
.bar-label { font-size: 10pt; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def e(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def shown(text: object) -> str:
    """Untrusted *text* for HTML: control characters spelled out, then escaped."""
    return e(printable(str(text)))


def page_start(title: str, lang: Lang, *, heading: str | None = None) -> str:
    """The start of a self-contained page: no script, no network, printable on A4."""
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{e(heading or title)}</h1>\n"
    )


def page_end() -> str:
    return "</body>\n</html>\n"


def html_cell(cell: Cell) -> str:
    lines = cell_lines(cell)
    if isinstance(cell, tuple) and len(lines) > 1:
        return "<ul>" + "".join(f"<li>{shown(line)}</li>" for line in lines) + "</ul>"
    return "<br>".join(shown(line) for line in lines)


def write_html_table(handle: IO[str], table: Table, *, row_headers: bool = False,
                     css_class: str | None = None) -> None:
    """An HTML table; numbers right-aligned; with *row_headers* the first cell is a <th>;
    *css_class* names the table for a page's own style."""
    handle.write(f'<table class="{e(css_class)}">\n<thead><tr>' if css_class
                 else "<table>\n<thead><tr>")
    handle.write("".join(f'<th scope="col">{shown(c.label)}</th>' for c in table.columns))
    handle.write("</tr></thead>\n<tbody>\n")
    for row in table.rows:
        handle.write("<tr>")
        for index, cell in enumerate(row):
            if index == 0 and row_headers:
                handle.write(f'<th scope="row">{html_cell(cell)}</th>')
            elif isinstance(cell, float):
                handle.write(f'<td class="num">{e(plain(cell, table.lang))}</td>')
            elif isinstance(cell, int) and not isinstance(cell, bool):
                handle.write(f'<td class="num">{e(cell)}</td>')
            else:
                handle.write(f"<td>{html_cell(cell)}</td>")
        handle.write("</tr>\n")
    handle.write("</tbody>\n</table>\n")


def write_html(handle: IO[str], table: Table, *, row_headers: bool = False) -> None:
    handle.write(page_start(printable(table.title), table.lang))
    write_html_table(handle, table, row_headers=row_headers)
    for note in table.notes:
        handle.write(f'<p class="note">{shown(note)}</p>\n')
    handle.write(page_end())


# -- JSON --------------------------------------------------------------------


def write_json(handle: IO[str], table: Table) -> None:
    """``{"title", "lang", "columns": [{id, label}], "rows": [{column id: value}]}``,
    written row by row."""
    head = {"title": table.title, "lang": table.lang,
            "columns": [{"id": c.id, "label": c.label} for c in table.columns]}
    text = json.dumps(head, ensure_ascii=False, indent=2)
    handle.write(text[:-2] + ',\n  "rows": [')
    first = True
    for row in table.rows:
        record = {c.id: (list(v) if isinstance(v, tuple) else v)
                  for c, v in zip(table.columns, row, strict=True)}
        handle.write(("\n    " if first else ",\n    ") + json.dumps(record, ensure_ascii=False))
        first = False
    handle.write("\n  ]\n}\n" if not first else "]\n}\n")


# -- XLSX --------------------------------------------------------------------

WIDTH_SAMPLE = 200
"""Rows looked at to size the columns before the rest are streamed."""


def write_xlsx(handle: IO[bytes], table: Table) -> None:
    """A workbook: header row styled and frozen, wrapped text, sensible widths, and ready
    to print: landscape A4, one page wide, the header row on every page, "Page 2 of 3" in
    the footer (in the table's language).  A table's
    :attr:`~Table.preface` (title, date, source) comes first, the title in large type."""
    try:
        import xlsxwriter  # imported only here: it is needed only for .xlsx
    except ImportError:  # pragma: no cover - XlsxWriter is a dependency
        raise UsageProblem(msg("export.xlsx_missing")) from None
    rows: Iterator[tuple[Cell, ...]] = iter(table.rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    sink = _Sink(handle)
    # XlsxWriter keeps the rows and the workbook's parts in temporary files until close():
    # in a folder of our own, removed on every way out (Ctrl-C, a full disk), none is left
    with tempfile.TemporaryDirectory(prefix="rolequiz-xlsx-") as folder:
        workbook = xlsxwriter.Workbook(sink, {"constant_memory": True, "in_memory": False,
                                              "tmpdir": folder, "strings_to_formulas": False,
                                              "strings_to_urls": False})
        sheet = workbook.add_worksheet(_sheet_name(table.title))
        header = workbook.add_format({"bold": True, "bg_color": "#E8EEF6", "border": 1,
                                      "text_wrap": True, "valign": "top"})
        wrapped = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
        # a string cell is never a formula in XLSX; the quote prefix keeps it text even when
        # it is edited or saved as CSV, without showing an apostrophe
        quoted = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1,
                                      "quote_prefix": True})
        number = workbook.add_format({"valign": "top", "border": 1, "num_format": "0.0"})
        whole = workbook.add_format({"valign": "top", "border": 1, "num_format": "0"})
        for index, column in enumerate(table.columns):
            longest = max([len(column.label), *(_longest_line(r[index]) + 2 * table.bullets
                                                for r in sample)])
            sheet.set_column(index, index, min(max(10, longest + 2), 60))
        head = _write_preface(workbook, sheet, table.preface)
        sheet.freeze_panes(head + 1, 1)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # one page wide, as many pages long as it takes
        sheet.repeat_rows(head)
        sheet.set_footer("&C" + page_footer(table.lang))
        header_quoted = workbook.add_format({"bold": True, "bg_color": "#E8EEF6", "border": 1,
                                             "text_wrap": True, "valign": "top",
                                             "quote_prefix": True})
        for index, column in enumerate(table.columns):
            label = printable(column.label)
            risky = label != cell_text(label)
            sheet.write_string(head, index, label, header_quoted if risky else header)
        row_number = head
        for row_number, row in enumerate(chain(sample, rows), start=head + 1):
            for index, cell in enumerate(row):
                if isinstance(cell, float):
                    sheet.write_number(row_number, index, cell, number)
                    continue
                if isinstance(cell, int) and not isinstance(cell, bool):  # a row, a count
                    sheet.write_number(row_number, index, cell, whole)
                    continue
                text = printable("\n".join(_items(cell, table.bullets)))
                risky = text != cell_text(text)
                sheet.write_string(row_number, index, text, quoted if risky else wrapped)
        note_format = workbook.add_format({"italic": True, "font_color": "#555555",
                                           "quote_prefix": True})
        for offset, note in enumerate(table.notes, start=2):  # below the table, after a gap
            sheet.write_string(row_number + offset, 0, printable(note), note_format)
        workbook.close()
        if sink.error is not None:
            raise sink.error


class _Sink:
    """*handle* for XlsxWriter, until a write fails (a full disk); after that nothing is
    written and the failure is kept, to raise once the workbook is closed.

    XlsxWriter would turn the failure into its own error and leave its zip file open, to
    be closed again when it is collected, after the handle: a traceback after the error
    line.
    """

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        self._do(self.handle.write, data)
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._do(self.handle.seek, offset, whence) or 0

    def tell(self) -> int:
        return self._do(self.handle.tell) or 0

    def flush(self) -> None:
        self._do(self.handle.flush)

    def _do(self, action: Callable[..., Any], *args: object) -> Any:
        if self.error is None:
            try:
                return action(*args)
            except OSError as error:  # a fresh one: the original holds XlsxWriter's frames
                self.error = OSError(error.errno, error.strerror)
        return None

    def seekable(self) -> bool:
        return True


def page_footer(lang: Lang) -> str:
    """"Page &P of &N" in *lang*, as a spreadsheet's footer writes the page and the count
    (a literal ``&`` doubled)."""
    said = i18n.t(lang, "export.page", page="\0P", pages="\0N")
    return said.replace("&", "&&").replace("\0", "&")


def _write_preface(workbook: Any, sheet: Any, preface: tuple[str, ...]) -> int:
    """The title (large, bold) and the lines after it, then an empty row; the row the
    header goes in (0 without a preface)."""
    if not preface:
        return 0
    title = workbook.add_format({"bold": True, "font_size": 14, "quote_prefix": True})
    line = workbook.add_format({"quote_prefix": True})
    for index, text in enumerate(preface):
        sheet.write_string(index, 0, printable(text), title if index == 0 else line)
    return len(preface) + 1


def _longest_line(cell: Cell) -> int:
    return max((len(line) for line in cell_lines(cell)), default=0)


def _sheet_name(title: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'")
    return (cleaned or "rolequiz")[:31]


# -- one entry point ---------------------------------------------------------


def export(table: Table, path: Path, fmt: str, *, force: bool, delimiter: str = ",",
           row_headers: bool = False) -> None:
    """Write *table* to *path* in *fmt* (one of :data:`rolequiz.export.formats.FORMATS`
    that holds a table), completely or not at all."""
    found = formats.named(fmt)
    if found.writer is None:
        raise UsageProblem(msg("export.cannot_print", extension=found.extensions[0]))
    with atomic_output(path, force=force, binary=found.binary) as handle:
        if found.bom:
            handle.write("\ufeff")  # a BOM, for Excel; utf-8-sig would encode row by row
        found.writer(handle, table, delimiter, row_headers)


def write_text(handle: IO[str], table: Table, fmt: str, *, delimiter: str = ",",
               row_headers: bool = False) -> None:
    """Write a text format (one that is not binary) to an open handle (a file or stdout)."""
    found = formats.named(fmt)
    if found.writer is None or found.binary:
        raise UsageProblem(msg("export.cannot_print", extension=found.extensions[0]))
    found.writer(handle, table, delimiter, row_headers)


