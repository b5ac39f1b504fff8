"""Small hostile class files, built on the spot: workbooks that claim or hold far more
than their size, XML bombs, and CSVs that are wide or oddly encoded.

Each is a few KiB to a few MiB on disk; what they hold is what a careless reader pays
for.  Kept apart so that the tests and the measurements of issue 20 build the same files.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

QUESTIONS = tuple(f"q{n:02d}" for n in range(1, 21))
"""The shipped knowledge base's question ids: a plain header is ``student`` and these."""

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
    'formats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
    'formats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def column(index: int) -> str:
    """The spreadsheet letters of 0-based column *index*."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_xml(rows: Iterable[tuple[int, list[str]]], *, dimension: str | None = None,
              prolog: str = "") -> str:
    """A worksheet of inline texts (a shared string where a cell is ``#N``, index N)."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', prolog, f'<worksheet xmlns="{MAIN}">']
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for number, cells in rows:
        parts.append(f'<row r="{number}">')
        for index, value in enumerate(cells):
            ref = f"{column(index)}{number}"
            if value.startswith("#"):
                parts.append(f'<c r="{ref}" t="s"><v>{value[1:]}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        parts.append("</row>")
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def shared_strings(strings: Iterable[str]) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>'


def write_xlsx(path: Path, sheet: str, strings: str = shared_strings([]), *,
               padding: int = 0) -> Path:
    """A workbook of one sheet; *padding* spaces before the sheet's last row make it a
    zip bomb (a MiB of spaces deflates to about a KiB)."""
    head, cut, tail = sheet.rpartition("<row ") if padding else (sheet, "", "")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/sharedStrings.xml", strings)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(head.encode())
            block = b" " * (1 << 20)
            for _ in range(padding >> 20):
                member.write(block)
            member.write(b" " * (padding & ((1 << 20) - 1)))
            member.write((cut + tail).encode())
    return path


def header() -> list[str]:
    return ["student", *QUESTIONS]


def answers(name: str) -> list[str]:
    return [name, *["1"] * len(QUESTIONS)]


def plain_xlsx(path: Path, names: Iterable[str] = ("Sari",)) -> Path:
    """A well-made class workbook (the plain header), for a control."""
    rows = [(1, header()), *((n + 2, answers(name)) for n, name in enumerate(names))]
    return write_xlsx(path, sheet_xml(rows))


def huge_shared_string(path: Path, *, size: int, students: int) -> Path:
    """Every student named by the same shared string of *size* characters."""
    rows = [(1, header()), *((n + 2, answers("#0")) for n in range(students))]
    return write_xlsx(path, sheet_xml(rows), shared_strings(["x" * size]))


def zip_bomb(path: Path, *, size: int) -> Path:
    """A small class whose sheet holds *size* spaces between its rows."""
    rows = [(1, header()), (2, answers("Sari"))]
    return write_xlsx(path, sheet_xml(rows), padding=size)


def huge_dimension(path: Path) -> Path:
    """A header, then a cell in the last row and column Excel allows, as the sheet's
    dimension claims: 1,048,576 rows by 16,384 columns in about 1.7 KB."""
    rows = [(1, header()), (1048576, [""] * 16383 + ["x"])]
    text = sheet_xml(rows, dimension="A1:XFD1048576")
    return write_xlsx(path, text)


def far_row(path: Path) -> Path:
    """A header, a student, and one cell a million rows further down."""
    rows = [(1, header()), (2, answers("Sari")), (1048576, ["x"])]
    return write_xlsx(path, sheet_xml(rows))


def wide_row(path: Path) -> Path:
    """A header whose row holds a cell in Excel's last column, XFD."""
    rows = [(1, [*header(), *[""] * (16383 - len(header())), "x"]), (2, answers("Sari"))]
    return write_xlsx(path, sheet_xml(rows))


def billion_laughs(path: Path) -> Path:
    """A sheet whose text is an entity that expands to a billion ``lol``."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol;" if n == 1 else f"&lol{n - 1};") * 10}">'
        for n in range(1, 10))
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = [(1, header()), (2, ["&lol9;", *["1"] * len(QUESTIONS)])]
    return write_xlsx(path, sheet_xml(rows, prolog=prolog))


def external_entity(path: Path, target: Path) -> Path:
    """A sheet whose student's name is an external entity naming the file *target* (XXE)."""
    prolog = f'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file://{target}">]>'
    rows = [(1, header()), (2, ["&secret;", *["1"] * len(QUESTIONS)])]
    return write_xlsx(path, sheet_xml(rows, prolog=prolog))


def malformed(path: Path) -> Path:
    """A workbook whose sheet is cut off in the middle of a row."""
    rows = [(1, header()), (2, answers("Sari"))]
    return write_xlsx(path, sheet_xml(rows)[:-40])


def wide_csv(path: Path, *, columns: int) -> Path:
    """A class CSV whose header has *columns* more columns after the questions."""
    extra = [f"c{n}" for n in range(columns)]
    lines = [",".join([*header(), *extra]), ",".join([*answers("Sari"), *[""] * columns])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
