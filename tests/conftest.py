"""Shared fixtures: the tiny test knowledge base and the shipped one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from checks import CI
from rolequiz.cli import app as cli
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests without a budget of their own: 300 examples in CI, 30 in a local run.
settings.register_profile("ci", max_examples=300, deadline=None)
settings.register_profile("local", max_examples=30, deadline=None)
settings.load_profile("ci" if CI else "local")
TINY_PATH = FIXTURES / "tiny.yaml"


@pytest.fixture(scope="session")
def tiny_path() -> Path:
    """The small, complete knowledge base the engine tests run on."""
    return TINY_PATH


@pytest.fixture(scope="session")
def tiny_text() -> str:
    """The text of the tiny knowledge base, for tests that edit it."""
    return TINY_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_kb() -> KnowledgeBase:
    """The tiny knowledge base, loaded."""
    return knowledge.load(TINY_PATH)


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    """The knowledge base rolequiz ships (skipped while data/roles.yaml is not written yet).

    ``test_knowledge.test_shipped_knowledge_base_validates`` fails, not skips,
    when the file is missing, so a skip here never hides a missing file.
    """
    if not knowledge.shipped_path().is_file():
        pytest.skip("data/roles.yaml does not exist yet")
    return knowledge.load()


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data, cache and config folders (and session)."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.setenv("ROLEQUIZ_HOME", str(home / "rolequiz"))
    monkeypatch.delenv("ROLEQUIZ_LOCALE_DIR", raising=False)  # the shipped catalogues only
    return home


LOCALE_VARIABLES = ("ROLEQUIZ_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str, str]]:
    """Call ``rolequiz`` in-process on a plain 80-column terminal; (exit code, stdout, stderr)."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    for variable in (*LOCALE_VARIABLES, "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(variable, raising=False)

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exited:
            cli.main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        code = exited.value.code
        return (0 if code is None else int(code)), out, err

    return invoke


@pytest.fixture
def english(run: Callable[..., tuple[int, str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """``run`` with English chosen (``ROLEQUIZ_LANG=en``), for the tests of a form in
    Indonesian whose words they read in English: left unchosen, the outputs of ``cohort``
    would follow the form's language (``test_year_group``)."""
    monkeypatch.setenv("ROLEQUIZ_LANG", "en")
