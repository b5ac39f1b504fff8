"""The language a class file is written in, from its header, for the outputs of a run
whose language nobody chose (``--lang`` and ``ROLEQUIZ_LANG`` unset): a counselor with an
Indonesian Google form gets an Indonesian class report whatever the computer's locale.

Each kind of class file reads its own header (:data:`rolequiz.core.cohort.read.kinds.KINDS`);
here is only what a run of several files makes of them.  A file whose header cannot be read
says nothing here: the run itself then says what is wrong with it.  Pure: nothing here
prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from rolequiz.core.cohort.read import kinds
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
    """What the header of the class file at *path* says of its language, if it can be read."""
    kind = kinds.kind_of(path)
    if kind is None:
        return None
    with contextlib.suppress(RolequizError, OSError, ValueError):
        return kind.written_in(path, kb=kb, name_column=name_column)
    return None
