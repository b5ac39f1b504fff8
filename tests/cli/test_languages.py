"""A language is data: a third one is a catalogue file and texts in the knowledge base.

The third language here is Malay (``ms``): ``fixtures/ms/ms.toml`` is a test-only
catalogue of a few keys, added through ``ROLEQUIZ_LOCALE_DIR``, and
``fixtures/ms/tiny-ms.yaml`` is the tiny knowledge base with ``ms`` texts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checks import assert_one_error_line
from rolequiz import i18n

MS = Path(__file__).parent.parent / "fixtures" / "ms"
MS_KB = MS / "tiny-ms.yaml"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def malay(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test-only Malay catalogue is one of the catalogues."""
    monkeypatch.setenv(i18n.ENV_LOCALE_DIR, str(MS))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """A complete answer sheet for the tiny knowledge base."""
    path = tmp_path / "sheet.yaml"
    path.write_text("q1: a\nq2: a\nq3: 2\nq4: 3\nq5: 4\nq6: b\n", encoding="utf-8")
    return path


def test_the_shipped_languages_are_the_shipped_catalogues() -> None:
    """Without an added folder, the languages are English and Indonesian."""
    assert i18n.languages() == ("en", "id")


@pytest.mark.usefixtures("malay")
def test_an_added_catalogue_is_a_language() -> None:
    """A ``ms.toml`` in ROLEQUIZ_LOCALE_DIR makes ``ms`` a language."""
    assert i18n.languages() == ("en", "id", "ms")


@pytest.mark.usefixtures("malay")
def test_a_key_the_added_catalogue_lacks_is_read_in_english() -> None:
    """A partial catalogue works: a key it does not have is the English text."""
    assert i18n.t("ms", "saved", path="a.yaml") == "Answers saved to a.yaml"


@pytest.mark.usefixtures("malay")
def test_roles_in_a_third_language(run: Run) -> None:
    """``roles --lang ms`` shows the catalogue's words and the knowledge base's texts in ms."""
    code, out, err = run("roles", "--lang", "ms", "--kb", MS_KB)
    assert (code, err) == (0, "")
    assert "Peranan secara ringkas" in out
    assert "Alfa BM" in out


@pytest.mark.usefixtures("malay")
def test_score_in_a_third_language(run: Run, sheet: Path) -> None:
    """``score --lang ms`` names the roles in ms."""
    code, out, err = run("score", sheet, "--lang", "ms", "--kb", MS_KB, "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["lang"] == "ms"
    assert {fit["name"] for fit in document["fits"]} == {"Alfa BM", "Beta BM", "Gamma (BM)"}


@pytest.mark.usefixtures("malay")
def test_the_locale_chooses_a_third_language() -> None:
    """A locale ``ms_MY.UTF-8`` is ``ms`` once there is a Malay catalogue."""
    assert i18n.default_lang({"LANG": "ms_MY.UTF-8"}) == "ms"


def test_a_locale_without_a_catalogue_is_english() -> None:
    """Without a Malay catalogue, ``ms_MY.UTF-8`` falls back to English."""
    assert i18n.default_lang({"LANG": "ms_MY.UTF-8"}) == "en"


@pytest.mark.usefixtures("malay")
def test_a_language_the_knowledge_base_lacks_is_refused(run: Run) -> None:
    """``--lang ms`` with the shipped knowledge base (id and en): one line, in Malay."""
    line = assert_one_error_line(*run("roles", "--lang", "ms"))
    assert line.startswith("rolequiz: ralat: ")
    assert "tiada teks dalam 'ms' (bahasanya: id, en)" in line


@pytest.mark.usefixtures("malay")
def test_help_offers_every_language(run: Run) -> None:
    """The help of ``--lang`` lists the languages there are, the added one too."""
    code, out, _ = run("roles", "--help")
    assert code == 0
    assert "--lang en|id|ms" in out


def test_a_third_language_without_a_catalogue_is_refused(run: Run) -> None:
    """``--lang ms`` without a Malay catalogue is an unknown language, exit 2."""
    line = assert_one_error_line(*run("roles", "--lang", "ms", "--kb", MS_KB))
    assert "--lang: unknown language 'ms' (rolequiz has en, id)" in line
