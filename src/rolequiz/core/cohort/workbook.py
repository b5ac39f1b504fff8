"""A class in an Excel workbook (a Microsoft Forms export, or answers typed into a sheet).

The first sheet is read with openpyxl in read-only mode, a row at a time; what
grows with the class is only the workbook's table of distinct texts (the names),
which openpyxl keeps whole: a peak of 63 MiB at 2,000 students, 79 MiB at 50,000.
Its header is read as a form export's (:func:`rolequiz.core.cohort.forms.read_header`)
or a plain one (``student`` and the question ids), and its rows as
:mod:`rolequiz.core.cohort.responses` reads them.  Pure: nothing here prints.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

from rolequiz import i18n
from rolequiz.core.cohort.batches import Batch, form_batches
from rolequiz.core.cohort.forms import Choices, Form
from rolequiz.core.cohort.reader import Columns, fail, header_layout, span
from rolequiz.core.cohort.responses import Cells, text
from rolequiz.core.model import KnowledgeBase, Lang


@contextlib.contextmanager
def rows(path: Path, *, lang: Lang) -> Iterator[Iterator[Cells]]:
    """The rows of the first sheet of the workbook at *path*, its values as Excel last
    computed them; a file that is not a workbook raises :class:`InputFileError`."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise fail(str(path), i18n.t(lang, "forms.bad_xlsx", problem=str(error) or
                                     type(error).__name__)) from None
    try:
        yield book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def made_under(path: Path) -> int | None:
    """The lettering a workbook from ``cohort --template`` says its letters are (its
    keywords, ``rolequiz lettering 2``); None for any other workbook or an unreadable one."""
    import re

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        return None  # reading it for scoring says what is wrong, once
    try:
        found = re.fullmatch(r"rolequiz lettering (\d+)", book.properties.keywords or "")
    finally:
        book.close()
    return int(found[1]) if found else None


def xlsx_batches(found: Iterator[Cells], *, file: str, kb: KnowledgeBase, lang: Lang,
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
        raise fail(file, i18n.t(lang, "cohort.empty", span=span(kb)))
    plain, form = header_layout(header, kb=kb, lang=lang, file=file, name_column=name_column)
    if form is None:
        assert plain is not None
        form = _as_form(plain, header)
    yield from form_batches(form, found, row, file=file, kb=kb, lang=lang, choices=Choices(kb))


def _as_form(plain: Columns, header: list[str]) -> Form:
    """A plain header read as a form's: the ``student`` column and the questions by id."""
    return Form((plain.student,), plain.questions, None, None, (), tuple(header))
