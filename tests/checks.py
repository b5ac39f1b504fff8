"""Checks several test modules make: an error line, and text with its wrapping undone."""

from __future__ import annotations


def assert_one_error_line(code: int, out: str, err: str) -> str:
    """A usage or input error: exit 2, nothing on stdout, one line on stderr; that line."""
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rolequiz: ")
    return lines[0]


def flat(text: str) -> str:
    """*text* with every run of whitespace made one space, so wrapped lines read as one."""
    return " ".join(text.split())
