"""The screen rolequiz prints on: a rich console that ends quietly when its reader goes.

Rich is imported when a console is made, never at start-up: ``rolequiz --help`` never
pays for it.
"""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(*, stderr: bool = False) -> Console:
    """A console on stdout (or *stderr*) whose closed pipe is a :class:`BrokenPipeError`,
    which the CLI turns into a quiet end."""
    from rich.console import Console

    class Piped(Console):
        def on_broken_pipe(self) -> None:
            """The reader of the pipe has gone (``| head``): rich would exit 1 here;
            the CLI ends quietly instead (see :mod:`rolequiz.cli.app`)."""
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return Piped(stderr=stderr, highlight=False)
