"""Writing files so that they are either complete or absent."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rolequiz.errors import UsageProblem, msg, os_reason


def check_target(path: Path, *, force: bool) -> Path:
    """The folder *path* will be written in; refuse a missing folder or, without
    *force*, an existing file."""
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(msg("file.folder_is_file", path=path, folder=folder))
    if not folder.is_dir():
        raise UsageProblem(msg("file.no_folder", path=path, folder=folder))
    if path.is_dir():
        raise UsageProblem(msg("file.target_is_folder", path=path))
    if not force and path.exists():
        raise UsageProblem(msg("file.exists", path=path))
    return folder


@contextlib.contextmanager
def atomic_output(
    path: Path, *, force: bool = True, binary: bool = False, encoding: str = "utf-8"
) -> Iterator[IO[Any]]:
    """A handle on a temporary file beside *path*, renamed onto it when the block ends.

    If the block raises (or the process is killed), *path* keeps its old
    content, or stays absent, and the temporary file is removed (or, after a
    kill, left as a hidden ``.NAME.*.tmp`` beside it).  If *path* changed
    meanwhile (another run wrote it), nothing replaces it: :func:`put_in_place`.
    """
    folder = check_target(path, force=force)
    before = identity(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageProblem(msg("file.cannot_write_there", path=path, reason=os_reason(exc))) \
            from None
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644 & ~_umask())
        put_in_place(temp_name, path, before=before)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise UsageProblem(msg("file.cannot_write", path=path, reason=os_reason(exc))) \
                from None
        raise


Identity = tuple[int, int, int, int] | None
"""A file as :func:`identity` tells it apart: device, inode, size, modification time."""


def identity(path: Path) -> Identity:
    """What *path* is now (None: nothing there), to tell whether it changed meanwhile."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def put_in_place(temp_name: str, path: Path, *, before: Identity) -> None:
    """Move the finished *temp_name* onto *path*, unless *path* is no longer what it was
    (*before*): two runs writing one file at once would each be told it was written, and
    one's results lost.  A file that was absent is linked into place, which fails if one
    appeared meanwhile, however late; a file replaced is compared just before."""
    changed = UsageProblem(msg("file.changed", path=path))
    if before is None:
        try:
            os.link(temp_name, path)
        except FileExistsError:
            raise changed from None
        except OSError:  # no hard links here (a FAT memory stick): compare, then rename
            if identity(path) is not None:
                raise changed from None
            os.replace(temp_name, path)
        else:
            os.unlink(temp_name)
        return
    if identity(path) != before:
        raise changed
    os.replace(temp_name, path)


def write_atomic(path: Path, data: str | bytes, *, force: bool = True) -> None:
    """Write *data* to *path* through a temporary file renamed into place."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path, force=force, binary=True) as handle:
        handle.write(payload)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
