"""A class in an Excel workbook (a Microsoft Forms export, or answers typed into a sheet).

The first sheet is read with openpyxl in read-only mode, a row at a time; what
grows with the class is only the workbook's table of distinct texts (the names),
which openpyxl keeps whole: a peak of 63 MiB at 2,000 students.  A workbook past the
limits of :mod:`rolequiz.core.cohort.read.limits` (what it unpacks to, rows, columns, cells)
is refused before it costs minutes or gigabytes.
Its header is read as a form export's (:func:`rolequiz.core.cohort.read.forms.read_header`)
or a plain one (``student`` and the question ids), and its rows as
:mod:`rolequiz.core.cohort.read.responses` reads them.  Pure: nothing here prints.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from rolequiz.core.cohort.batches import Batch, form_batches
from rolequiz.core.cohort.read.forms import Choices, Form
from rolequiz.core.cohort.read.limits import check_workbook, checked_rows
from rolequiz.core.cohort.read.reader import Columns, header_layout, span
from rolequiz.core.cohort.read.responses import Cells, text
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import InputFileError, msg, os_reason

UNREADABLE = (OSError, EOFError, zipfile.BadZipFile, zlib.error, ParseError, KeyError,
              ValueError)
"""What openpyxl raises on a broken workbook: no zip, a part missing, XML that is cut off
or declares entities (``defusedxml`` refuses those: ValueError), a part that unpacks to
more than its zip directory says (BadZipFile)."""


@contextlib.contextmanager
def rows(path: Path) -> Iterator[Iterator[Cells]]:
    """The rows of the first sheet of the workbook at *path*, its values as Excel last
    computed them, within the limits of :mod:`rolequiz.core.cohort.read.limits`; a file that
    is not a workbook raises :class:`InputFileError`, when it is opened or at the row
    where it breaks."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (*UNREADABLE, InvalidFileException) as error:
        raise _unreadable(path, error) from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # rows as they are, not as wide as the sheet claims
        found = _read(sheet.iter_rows(values_only=True), path)
        yield checked_rows(found, file=str(path))
    finally:
        book.close()


def made_under(path: Path) -> int | None:
    """The lettering a workbook from ``cohort --template`` says its letters are (its
    keywords, ``rolequiz lettering 2``); None for any other workbook or an unreadable one."""
    found = _made(path)
    return int(found[1]) if found else None


def made_in(path: Path) -> str | None:
    """The language a workbook from ``cohort --template`` was written in (its keywords,
    ``rolequiz lettering 2 language id``): its header of ids and ``nama`` says none."""
    found = _made(path)
    return found[2] if found else None


def _made(path: Path) -> re.Match[str] | None:
    """What the keywords of a workbook from ``cohort --template`` say, if it is one."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        check_workbook(path)  # within the limits before openpyxl opens it
        book = load_workbook(path, read_only=True)
    except (InputFileError, *UNREADABLE, InvalidFileException):
        return None  # reading it for scoring says what is wrong, once
    try:
        return re.fullmatch(r"rolequiz lettering (\d+)(?: language (\w+))?",
                            book.properties.keywords or "")
    finally:
        book.close()


def _read(found: Iterator[Cells], path: Path) -> Iterator[Cells]:
    while True:
        try:
            cells = next(found)
        except StopIteration:
            return
        except UNREADABLE as error:
            raise _unreadable(path, error) from None
        yield cells


def _unreadable(path: Path, error: Exception) -> InputFileError:
    """What is wrong with the workbook, in the catalogues' words: XML that declares
    entities, what the system refused, or else that it is damaged or no workbook (what
    openpyxl or zipfile said is English: "File is not a zip file")."""
    from defusedxml.common import DefusedXmlException

    chain: list[BaseException] = [error]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        chain.append(chain[-1].__cause__ or chain[-1].__context__)  # type: ignore[arg-type]
    root = chain[-1]
    if isinstance(root, DefusedXmlException):
        return InputFileError.about(str(path), msg("forms.xlsx_entities"))
    broken = next((e for e in chain if isinstance(e, ParseError)), None)
    if broken is not None:
        line, column = broken.position
        return InputFileError.about(str(path), msg("forms.xlsx_broken_xml", line=line,
                                                   column=column))
    if isinstance(root, OSError) and root.errno is not None:
        return InputFileError.about(str(path), msg("cohort.cannot_read", reason=os_reason(root)))
    return InputFileError.about(str(path), msg("forms.not_xlsx"))  # never the library's English


def xlsx_batches(found: Iterator[Cells], *, file: str, kb: KnowledgeBase,
                 name_column: str | None = None) -> Iterator[Batch]:
    """The students of a workbook's rows *found*: a form export, or a sheet with the plain
    header (``student`` and question ids) whose answers may be texts, letters or numbers."""
    row = 0
    header: list[str] = []
    for cells in found:
        row += 1
        header = [text(cell) for cell in cells]
        if any(cell.strip() for cell in header):
            break
    if not any(cell.strip() for cell in header):
        raise InputFileError.about(file, msg("cohort.empty", span=span(kb)))
    plain, form = header_layout(header, kb=kb, file=file, name_column=name_column)
    if form is None:
        assert plain is not None
        form = _as_form(plain, header)
    yield from form_batches(form, found, row, file=file, kb=kb, choices=Choices(kb))


def _as_form(plain: Columns, header: list[str]) -> Form:
    """A plain header read as a form's: the ``student`` column and the questions by id."""
    return Form((plain.student,), plain.questions, None, None, (), tuple(header))
