"""An unfinished quiz, kept after every answer so that nothing answered is lost.

The session is an answer sheet (see :mod:`rolequiz.core.sheets`) that may be
incomplete: the answers so far, the student's name and the hash of the
knowledge base they were given against.  It lives in the user data folder
(platformdirs) or at the path given with ``--save``, and is always written
through a temporary file renamed into place, so a kill at any moment leaves
the previous state or the new one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rolequiz.core import folders
from rolequiz.core.inputs import read_text
from rolequiz.core.model import KnowledgeBase
from rolequiz.errors import AnswerSheetError, UsageProblem, msg


def default_path() -> Path:
    """Where an unfinished quiz is kept when ``--save`` names no file."""
    return folders.data_folder() / "session.yaml"


@dataclass(frozen=True)
class Resumed:
    """What was found at a session path, and what to tell the student about it."""

    answers: dict[str, int] = field(default_factory=dict)
    name: str | None = None
    dropped: tuple[str, ...] = ()
    """Answers set aside because the knowledge base changed."""
    changed: bool = False
    """The knowledge base is not the one the answers were given against."""
    set_aside: Path | None = None
    """Where a corrupt session file was moved."""
    problem: AnswerSheetError | None = None
    """Why the session file could not be read."""

    @property
    def found(self) -> bool:
        return bool(self.answers) or self.name is not None


def load(path: Path, kb: KnowledgeBase) -> Resumed:
    """The answers kept at *path* that still fit *kb*.

    A missing file gives an empty session.  A file that cannot be read is
    moved aside (never deleted) and named in :attr:`Resumed.set_aside`.
    """
    if not path.exists():
        return Resumed()
    from rolequiz.core import sheets  # only when there is a session to read

    try:
        text = read_text(path, error=AnswerSheetError)
        partial = sheets.parse_partial(text, file=str(path), kb=kb)
    except AnswerSheetError as error:
        return Resumed(set_aside=_set_aside(path), problem=error)
    return Resumed(
        answers=dict(partial.sheet.answers),
        name=partial.sheet.name,
        dropped=partial.dropped,
        changed=partial.sha256 is not None and partial.sha256 != kb.sha256,
    )


def save(path: Path, kb: KnowledgeBase, given: dict[str, int], name: str | None) -> None:
    """Keep the answers so far, atomically; the folder is made when needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageProblem(msg("file.cannot_make_folder", path=path, reason=exc.strerror)) \
            from None
    from rolequiz.core import sheets

    sheets.save(path, kb, sheets.Sheet(dict(given), name))


def discard(path: Path) -> None:
    """Forget a finished or abandoned session."""
    path.unlink(missing_ok=True)


def _set_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.rename(target)
    return target
