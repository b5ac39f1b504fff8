"""Checks several test modules make: an error line, text with its wrapping undone,
and how many examples a property test tries."""

from __future__ import annotations

import os

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
"""CI runs the big property-test budgets; a local run tries a tenth of them."""


def budget(examples: int) -> int:
    """*examples* in CI, a tenth (at least 25) in a local run, for a quick edit-test loop."""
    return examples if CI else max(25, examples // 10)


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
