"""Every command is documented: help in both languages, and a place in README.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from rolequiz import i18n
from rolequiz.cli import app as cli
from rolequiz.core.kb.model import Lang

LANGUAGES = i18n.languages()

README = Path(__file__).resolve().parent.parent.parent / "README.md"


def command_group(lang: Lang) -> typer.core.TyperGroup:
    return typer.main.get_command(cli.build(lang))  # type: ignore[return-value]


COMMANDS = list(command_group("en").commands)


def test_there_are_commands() -> None:
    """The app registers commands (so the tests below are not vacuous)."""
    assert COMMANDS


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_in_both_languages(command: str, lang: Lang) -> None:
    """A command's help in each language is its catalogue text in that language."""
    assert f"help.{command}" in i18n.catalogue(lang)
    assert command_group(lang).commands[command].help == i18n.t(lang, f"help.{command}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_and_argument_has_help(command: str, lang: Lang) -> None:
    """Each parameter of a command carries a help text, in each language."""
    for param in command_group(lang).commands[command].params:
        help_text = getattr(param, "help", None)
        assert help_text and help_text.strip(), f"{command} {param.name}"


def test_commands_are_the_same_in_both_languages() -> None:
    """Building the app in Indonesian registers the same commands as in English."""
    assert list(command_group("id").commands) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_appears_in_the_readme(command: str) -> None:
    """README.md shows each command as ``rolequiz <command>``."""
    assert f"rolequiz {command}" in README.read_text(encoding="utf-8")
