"""Writing files so that they are either complete or absent."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rolequiz.errors import UsageProblem


def write_atomic(path: Path, data: str | bytes, *, force: bool = True) -> None:
    """Write *data* to *path* through a temporary file renamed into place.

    A crash or a kill at any moment leaves the old file (or none), never half
    of the new one.  With ``force=False`` an existing file is not replaced.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageProblem(f"{path}: the folder {folder} does not exist, create it first")
    if not force and path.exists():
        raise UsageProblem(f"{path}: already exists, use --force to replace it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise UsageProblem(f"{path}: cannot write it ({exc.strerror})") from None
        raise
