"""Reading an input file's bytes and text, with one located line for each way it can fail.

Kept apart from :mod:`rolequiz.core.kb.yamlnodes` so that a command whose knowledge
base comes from the cache reads and hashes the file without importing a YAML
parser.
"""

from __future__ import annotations

import stat
from pathlib import Path

from rolequiz.errors import InputFileError, Problem, msg, os_reason

MAX_BYTES = 2 * 1024 * 1024
"""Larger inputs are refused: the shipped knowledge base is a few dozen KiB."""


def read_bytes(path: Path, *, error: type[InputFileError]) -> bytes:
    """The bytes of *path* (at most :data:`MAX_BYTES`), or *error* saying why not."""
    name = str(path)
    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError
        if not stat.S_ISREG(kind):  # opening a FIFO to read would wait for a writer, forever
            raise error([Problem(name, None, None, msg("file.not_regular"))])
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise error([Problem(name, None, None, msg("file.missing"))]) from None
    except IsADirectoryError:
        raise error([Problem(name, None, None, msg("file.is_folder"))]) from None
    except PermissionError:
        raise error([Problem(name, None, None, msg("file.denied"))]) from None
    except OSError as exc:
        raise error([Problem(name, None, None, msg("file.unreadable", reason=os_reason(exc)))]) \
            from None
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise error([Problem(name, None, None, msg("file.too_large", limit=limit))])
    return data


def decode(data: bytes, *, name: str, error: type[InputFileError]) -> str:
    """*data* as UTF-8 text (a BOM dropped), or *error* naming the line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # in characters, as editors and YAML marks count: the bytes before are valid
        column = len(data[line_start : exc.start].decode("utf-8-sig")) + 1
        raise error(
            [Problem(name, line, column, msg("file.not_utf8"))]
        ) from None


def read_text(path: Path, *, error: type[InputFileError]) -> str:
    """The text of *path*, or *error* saying in one line why it cannot be read."""
    return decode(read_bytes(path, error=error), name=str(path), error=error)
