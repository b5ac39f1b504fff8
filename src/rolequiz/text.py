"""Making untrusted text safe to show in a terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """*text* with control characters (escape sequences among them) made visible.

    ``"\\x1b[31m"`` becomes ``"\\x1b[31m"`` spelled out, so a name or a
    knowledge-base text can never move the cursor or change colours.
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def one_line(message: str) -> str:
    """*message* safe for a terminal and on one line (a YAML error may span several)."""
    return printable(" ".join(part.strip() for part in message.splitlines() if part.strip()))
