"""Checks several test modules make: an error line, text with its wrapping undone,
output compared with a reviewed golden file, and how many examples a property test tries."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from rolequiz import i18n
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.core.scoring import Result

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


GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("ROLEQUIZ_UPDATE_GOLDEN") == "1"
"""``ROLEQUIZ_UPDATE_GOLDEN=1`` rewrites the golden files instead of comparing with them."""


def check_golden(name: str, actual: bytes, *, command: str) -> None:
    """*actual* must equal ``tests/golden/NAME`` byte for byte.

    With ``ROLEQUIZ_UPDATE_GOLDEN=1`` the file is rewritten and the test reports
    itself as skipped; review the change with ``git diff tests/golden``.
    Without it a missing or different file is a failure with a diff, never a
    silent rewrite.  *command* names what made *actual*, for the diff.
    """
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_bytes(actual)
        pytest.skip(f"regenerated {path}")
    if not path.is_file():
        pytest.fail(f"{path} is missing; create it with ROLEQUIZ_UPDATE_GOLDEN=1 "
                    f"python -m pytest, then review it")
    expected = path.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(),
            actual.decode("utf-8", "replace").splitlines(),
            f"golden/{name}", command, lineterm="", n=1)
        pytest.fail(f"output differs from {path} (if intended, regenerate with "
                    f"ROLEQUIZ_UPDATE_GOLDEN=1):\n" + "\n".join(list(diff)[:40]))


MIX = {"en": "A mix of", "id": "Perpaduan"}
"""How a blend's headline starts, in each language."""


def assert_headline(text: str, kb: KnowledgeBase, result: Result, lang: Lang) -> None:
    """*text* names *result* as the knowledge base spells it: the top role's name, or
    :data:`MIX` and the short name of every blended role; or, for careless answers, that
    there is no reliable result."""
    if result.flagged:
        assert i18n.t(lang, "result.flagged") in text
    elif result.blend:
        assert MIX[lang] in text
        for role_id in result.blend:
            assert kb.role(role_id).short(lang) in text
    else:
        assert kb.role(result.top.role_id).name(lang) in text
