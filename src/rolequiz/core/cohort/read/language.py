"""The language a class file is written in, from its header, for the outputs of a run
whose language nobody chose (``--lang`` and ``ROLEQUIZ_LANG`` unset): a counselor with an
Indonesian Google form gets an Indonesian class report whatever the computer's locale.

Only the header is read (a CSV's first line, a workbook's first row); a file whose header
cannot be read says nothing here: the run itself then says what is wrong with it.  Pure:
nothing here prints.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from pathlib import Path

from rolequiz.core.cohort.read import forms
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.errors import RolequizError


def form_language(paths: Iterable[Path], kb: KnowledgeBase, *,
                  name_column: str | None = None) -> Lang | None:
    """The one language the class files at *paths* are written in (see
    :func:`rolequiz.core.cohort.read.forms.written_in`): files that do not tell (question ids)
    are passed over; None when none tells, or two tell different languages."""
    found = {said for said in (_header_language(path, kb, name_column=name_column)
                              for path in paths)
             if said is not None}
    return found.pop() if len(found) == 1 else None


def _header_language(path: Path, kb: KnowledgeBase, *,
                     name_column: str | None) -> Lang | None:
    """The language of the form the header of the class file at *path* describes."""
    from rolequiz.core.cohort.read import reader

    form: forms.Form | None = None
    with contextlib.suppress(RolequizError, OSError, ValueError):
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            from rolequiz.core.cohort.read import workbook
            from rolequiz.core.cohort.read.responses import text

            with workbook.rows(path) as found:
                for cells in found:
                    header = [text(cell) for cell in cells]
                    if any(cell.strip() for cell in header):
                        form = reader.header_layout(header, kb=kb, file=str(path),
                                                    name_column=name_column)[1]
                        break
            if form is None:  # a typed workbook of ids: the one --template wrote says
                said = workbook.made_in(path)
                return said if said in kb.languages else None
        elif suffix == ".zip":
            from rolequiz.core.cohort.read.archive import csv_in_zip

            inside = io.BytesIO(csv_in_zip(path))
            form = reader.open_csv(reader.class_lines(inside), file=str(path), kb=kb,
                                   name_column=name_column)[0].form
        else:
            with path.open("rb") as handle:
                form = reader.open_csv(reader.class_lines(handle), file=str(path), kb=kb,
                                       name_column=name_column)[0].form
    return None if form is None else forms.written_in(form, kb)
