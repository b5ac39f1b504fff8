"""An unfinished quiz, kept after every answer so that nothing answered is lost.

The session is an answer sheet (see :mod:`rolequiz.core.student.sheets`) that may be
incomplete: the answers so far, the student's name, the hash of the
knowledge base they were given against, the order each question's options
were shown in, the seconds each answer took, a fingerprint of each answer's
words, and for the short quiz the questions asked in order (``asked``).  A resumed
quiz keeps an answer only when its question and chosen
option read as they did (in every language): another quiz whose ids collide
never lends its answers.  A session without fingerprints (written before
rolequiz kept them) is kept only against the very same knowledge base (same
sha256); otherwise it is moved aside and the quiz starts over.  It lives in the user data folder
(platformdirs) or at the path given with ``--save``, and is always written
through a temporary file renamed into place, so a kill at any moment leaves
the previous state or the new one.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rolequiz.core.kb import folders
from rolequiz.core.kb.inputs import decode, read_bytes, read_text
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import AnswerSheetError, Message, UsageProblem, msg, os_reason

if TYPE_CHECKING:
    from rolequiz.core.student.sheets import Sheet


def default_path() -> Path:
    """Where an unfinished quiz is kept when ``--save`` names no file."""
    return folders.data_folder() / "session.yaml"


@dataclass(frozen=True)
class Resumed:
    """What was found at a session path, and what to tell the student about it."""

    answers: dict[str, int] = field(default_factory=dict)
    name: str | None = None
    shown: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """The order each question's options were shown in, as in :class:`Sheet`."""
    seconds: dict[str, float] = field(default_factory=dict)
    """The seconds each kept answer took."""
    asked: tuple[str, ...] | None = None
    """A short quiz's questions in the order asked, up to the first answer not kept (the
    questions after it might not be asked now); None: the full quiz."""
    dropped: tuple[str, ...] = ()
    """Answers set aside because their question or chosen option changed."""
    changed: bool = False
    """The knowledge base is not the one the answers were given against."""
    set_aside: Path | None = None
    """Where a corrupt or outdated session file was moved, or a copy of one whose
    answers were not all kept."""
    outdated: bool = False
    """The session has no fingerprints and another knowledge base: moved aside, not used."""
    problem: AnswerSheetError | None = None
    """Why the session file could not be read."""

    @property
    def found(self) -> bool:
        return bool(self.answers) or bool(self.dropped) or self.name is not None


def load(path: Path, kb: KnowledgeBase) -> Resumed:
    """The answers kept at *path* that still fit *kb*.

    A missing file gives an empty session.  A file whose text cannot be read is
    moved aside (never deleted) and named in :attr:`Resumed.set_aside`; what cannot be
    read at all (a folder, a FIFO, a file without permission) is refused as it is.
    """
    if not path.exists():
        return Resumed()
    from rolequiz.core.student import played, sheets  # only when there is a session to read

    data = read_bytes(path, error=AnswerSheetError)
    try:
        text = decode(data, name=str(path), error=AnswerSheetError)
        partial = sheets.parse_partial(text, file=str(path), kb=kb)
    except AnswerSheetError as error:
        return Resumed(set_aside=_set_aside(path), problem=error)
    same_kb = partial.sha256 == kb.sha256
    sheet = partial.sheet
    if partial.fingerprints is None:
        if not same_kb and sheet.answers:
            return Resumed(set_aside=_set_aside(path, "outdated"), outdated=True)
        fitting = dict(sheet.answers)
    else:
        fitting = {question_id: index for question_id, index in sheet.answers.items()
                   if partial.fingerprints.get(question_id)
                   == played.fingerprint(kb.question(question_id), index)}
    asked = None
    if sheet.asked is not None:  # a short quiz: its path up to the first answer not kept
        kept_path: list[str] = []
        for question_id in sheet.asked:
            if question_id not in fitting:
                break
            kept_path.append(question_id)
        asked = tuple(kept_path)
        fitting = {question_id: fitting[question_id] for question_id in asked}
    unlike = tuple(question_id for question_id in sheet.answers if question_id not in fitting)
    dropped = partial.dropped + unlike
    return Resumed(
        answers=fitting,
        name=sheet.name,
        shown=dict(sheet.shown),
        seconds={q: s for q, s in sheet.seconds.items() if q in fitting},
        asked=asked,
        dropped=dropped,
        changed=partial.sha256 is not None and not same_kb,
        # the next answer rewrites the session: the answers not kept stay in a copy
        set_aside=_set_aside(path, "before", copy=True) if dropped else None,
    )


def save(path: Path, kb: KnowledgeBase, sheet: Sheet) -> None:
    """Keep the answers so far, atomically; the folder is made when needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageProblem(msg("file.cannot_make_folder", path=path, reason=_why(exc, path))) \
            from None
    from rolequiz.core.student import sheets

    sheets.save(path, kb, sheet, fingerprints=True)


def put_aside(path: Path) -> Path:
    """Keep a session the student chose not to continue beside it (``NAME.before-STAMP``),
    so that starting over loses no answer; where it went is returned."""
    return _set_aside(path, "before")


def of_this_quiz(path: Path, kb: KnowledgeBase) -> bool:
    """Whether *path* is an answer sheet of *kb*: written against it, or with answers that
    fit it.  Only such a file may be written over by ``--save`` without ``--force``."""
    from rolequiz.core.student import sheets

    try:
        partial = sheets.parse_partial(read_text(path, error=AnswerSheetError), file=str(path),
                                       kb=kb)
    except AnswerSheetError:
        return False
    return partial.sha256 == kb.sha256 or bool(partial.sheet.answers)


class Busy(UsageProblem):
    """Another quiz holds the session's lock: two quizzes must not write one file."""


@contextlib.contextmanager
def locked(path: Path, *, second: str) -> Iterator[Path]:
    """Hold ``NAME.lock`` beside the session *path* for the block: a second quiz on the
    same file is refused (its message names *second*, the command that runs one beside).

    The lock is made with ``O_EXCL`` and holds the process id and host name; one left by
    a process of this host that is gone (killed, a power cut) is taken over.  A folder the
    session cannot be written in is refused here, before the first question.
    """
    lock = path.with_name(f"{path.name}.lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _take(lock, path=path, second=second)
    except OSError as exc:
        raise UsageProblem(msg("session.cannot_keep", path=path, reason=_why(exc, path),
                               command=second)) from None
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            if _holder(lock) == (os.getpid(), socket.gethostname()):
                lock.unlink()


def _why(error: OSError, path: Path) -> Message:
    """Why no folder can hold *path*: a file where one of its folders should be, named; else
    the system's reason."""
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        for folder in path.parents:
            if folder.is_file():
                return msg("file.not_a_folder", folder=folder)
    return os_reason(error)


def _take(lock: Path, *, path: Path, second: str) -> None:
    """Make *lock*, taking over a stale one; :class:`Busy` when a live quiz holds it."""
    for _ in range(3):  # a stale lock removed, then made again (another may race us)
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if holder is None or _alive(*holder):
                pid, host = holder if holder is not None else ("?", "?")
                raise Busy(Message("session.busy", {"path": path, "pid": pid, "host": host,
                                                    "command": second, "lock": lock})) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {socket.gethostname()}\n")
        return
    raise Busy(Message("session.busy", {"path": path, "pid": "?", "host": "?",
                                        "command": second, "lock": lock}))


def _holder(lock: Path) -> tuple[int, str] | None:
    """The process id and host written in *lock*; None when it cannot be read."""
    try:
        pid, host = lock.read_text(encoding="utf-8").split(maxsplit=1)
        return int(pid), host.strip()
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _alive(pid: int, host: str) -> bool:
    """Whether process *pid* of *host* still runs; one of another host is taken to."""
    if host != socket.gethostname() or os.name == "nt":  # Windows' os.kill would end it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def discard(path: Path) -> None:
    """Forget a finished or abandoned session."""
    path.unlink(missing_ok=True)


def _set_aside(path: Path, why: str = "corrupt", *, copy: bool = False) -> Path:
    """Move (or *copy*) *path* to ``NAME.WHY-STAMP`` beside it; the bytes stay as they are."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{why}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{counter}")
    if copy:
        import shutil

        shutil.copyfile(path, target)
    else:
        path.rename(target)
    return target
