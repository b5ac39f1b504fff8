"""How to start this rolequiz again in the person's shell, for the commands it suggests.

The README installs rolequiz into ``.venv`` and runs ``.venv/bin/rolequiz``; a hint that
says ``rolequiz quiz --resume`` would then meet "command not found".  So a suggested
command names the program as the shell can run it: ``rolequiz`` when that is what PATH
finds, else the path it was started by (relative to the current folder when that is
shorter), or ``python -m rolequiz`` when it was started that way.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

NAME = "rolequiz"


def words() -> tuple[str, ...]:
    """The words that start this program again, from the current folder, in this shell."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.name == "__main__.py" and started.parent.name == NAME:
        # python -m rolequiz: rolequiz on PATH is this one when it is this Python's script
        if _on_path_is(Path(sysconfig.get_path("scripts")) / NAME):
            return (NAME,)
        interpreter = (getattr(sys, "orig_argv", None) or [sys.executable])[0]
        return (_as_typed(interpreter), "-m", NAME)
    if started is None or started.stem != NAME or _on_path_is(started):
        return (NAME,)  # found on PATH, or not run as a program at all (called in-process)
    return (_as_typed(str(started)),)


def _on_path_is(program: Path) -> bool:
    """Whether ``rolequiz`` in this shell runs *program*."""
    found = shutil.which(NAME)
    if found is None:
        return False
    try:
        return os.path.samefile(found, program)
    except OSError:  # one of them is gone or cannot be read
        return False


def _as_typed(program: str) -> str:
    """*program* as a shell runs it from here: a bare name stays (PATH found it), a path is
    given relative to the current folder or absolute, whichever is shorter."""
    if os.sep not in program and not (os.altsep and os.altsep in program):
        return program
    absolute = os.path.abspath(program)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        return absolute
    if os.sep not in relative:
        relative = os.path.join(os.curdir, relative)  # ./rolequiz, not a name PATH looks up
    return relative if len(relative) < len(absolute) else absolute
