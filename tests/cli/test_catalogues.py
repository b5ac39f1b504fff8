"""A broken catalogue (``ROLEQUIZ_LOCALE_DIR`` or ``locale/*.toml``) is found by ``validate``,
located, and never breaks a screen: a syntax error is one line, a wrong placeholder is
read in English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rolequiz import i18n

Run = Callable[..., tuple[int, str, str]]
CLEAR = Path(__file__).parent.parent / "fixtures" / "sheets" / "clear.yaml"


@pytest.fixture
def added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of added catalogues, named by ROLEQUIZ_LOCALE_DIR."""
    folder = tmp_path / "locale"
    folder.mkdir()
    monkeypatch.setenv(i18n.ENV_LOCALE_DIR, str(folder))
    return folder


def test_a_catalogue_that_is_not_toml_is_one_located_line(added: Path, run: Run) -> None:
    """A syntax error on line 3 of an added en.toml: exit 2, one line with file, line, column."""
    catalogue = added / "en.toml"
    catalogue.write_text('"saved" = "Saved"\n"and" = "and"\nbroken line = 3\n',
                         encoding="utf-8")
    code, out, err = run("roles")
    assert (code, out) == (2, "")
    assert err == (f"rolequiz: error: {catalogue}:3:8: not valid TOML: Expected '=' after a "
                   "key in a key/value pair\n")


def test_validate_lists_each_wrong_text_with_its_line(added: Path, run: Run) -> None:
    """validate names the mistyped placeholder and the value that is no text, each with its
    line, warns about untranslated texts, and exits 2."""
    catalogue = added / "ms.toml"
    catalogue.write_text('"and" = "dan"\n"saved" = "Jawapan di {pth}"\n"welcome" = 3\n',
                         encoding="utf-8")
    code, _, err = run("validate")
    lines = err.splitlines()
    assert code == 2
    assert f"{catalogue}:2: saved: fills in {{pth}} where the English text fills in {{path}}; " \
        "keep each placeholder as the English text has it" in lines
    assert f"{catalogue}:3: welcome: expected a text in quotes" in lines
    assert any(line.startswith(f"{catalogue}: warning: ") and "read in English" in line
               for line in lines)


def test_a_mistyped_placeholder_is_read_in_english_on_the_result_screen(
        added: Path, run: Run) -> None:
    """{nmae} in the Indonesian headline: the result is shown, that line in English."""
    (added / "id.toml").write_text('"result.best" = "Paling cocok: {nmae}"\n',
                                   encoding="utf-8")
    code, out, err = run("score", CLEAR, "--lang", "id")
    assert code == 0, err
    assert "Your best fit: " in out
    assert "Hasilmu" in out
