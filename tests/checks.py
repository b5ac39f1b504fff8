"""Checks several test modules make: an error line, text with its wrapping undone,
output compared with a reviewed golden file, and how many examples a property test tries."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student.scoring import Result

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
NONE_FITS = {"en": "None of the", "id": "Tidak ada satu pun dari"}
"""How a result that no role fits strongly begins, in each language."""


def assert_headline(text: str, kb: KnowledgeBase, result: Result, lang: Lang) -> None:
    """*text* names *result* as the knowledge base spells it: the top role's name, or
    :data:`MIX` and the short name of every blended role; or, for careless answers, that
    there is no reliable result; or, when no role fits, :data:`NONE_FITS`."""
    if result.flagged:
        assert i18n.t(lang, "result.flagged") in text
    elif result.confidence == "no_fit":
        assert NONE_FITS[lang] in text
    elif result.blend:
        assert MIX[lang] in text
        for role_id in result.blend:
            assert kb.role(role_id).short(lang) in text
    else:
        assert kb.role(result.top.role_id).name(lang) in text


def typical(kb: KnowledgeBase, role_id: str) -> dict[str, int]:
    """The sheet of a student who is the role's profile exactly: in every scenario the option
    that suits the role most, to every statement the answer nearest its level."""
    from rolequiz.core.student.scoring import appeal

    role = kb.role(role_id)
    target = {d: (level - 1) / 4 for d, level in role.levels.items()}
    answers = {}
    for question in kb.questions:
        if question.kind == "choice":
            answers[question.id] = max(range(len(question.options)),
                                       key=lambda k: appeal(question.options[k], target))
        else:
            keyed = target[question.dimension or ""]
            keyed = 1 - keyed if question.reverse else keyed
            answers[question.id] = round((len(question.options) - 1) * keyed)
    return answers


def mixed(kb: KnowledgeBase, first: int, every: int) -> dict[str, int]:
    """Role *first*'s typical sheet with every *every*-th answer the next role's."""
    ids = [role.id for role in kb.roles]
    mine, other = typical(kb, ids[first]), typical(kb, ids[(first + 1) % len(ids)])
    return {q.id: (other if i % every == 0 else mine)[q.id] for i, q in enumerate(kb.questions)}


def patterned(kb: KnowledgeBase, step: int, offset: int) -> dict[str, int]:
    """A mechanical sheet: question number *i* gets option ``(i * step + offset)``, wrapped."""
    return {q.id: (i * step + offset) % len(q.options) for i, q in enumerate(kb.questions)}


Sample = tuple[str, int, int]
SAMPLES: list[Sample] = [
    *(("typical", role, 0) for role in range(3)),
    *(("mixed", role, every) for role in range(3) for every in (2, 3)),
    *(("pattern", step, offset) for step in range(4) for offset in range(4))]
"""Sheets of the shipped quiz: each role's typical student (clear), mixtures of two roles
(leaning, blends, no role fitting), straight lines and zigzags (flagged, no role fitting)."""


def sample(kb: KnowledgeBase, drawn: Sample) -> dict[str, int]:
    """The answers of one of :data:`SAMPLES`."""
    kind, first, second = drawn
    if kind == "typical":
        return typical(kb, kb.roles[first % len(kb.roles)].id)
    if kind == "mixed":
        return mixed(kb, first % len(kb.roles), second)
    return patterned(kb, first, second)
