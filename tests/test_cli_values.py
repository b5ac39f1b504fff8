"""Command-line values reach the commands as Typer would give them, without pydantic.

rolequiz converts its text and path parameters itself (see
:mod:`rolequiz.cli.values`), so that a command need not import pydantic
before its first question; these tests parse the same command lines both ways
and compare what each command receives.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer

from rolequiz.cli import app as cli
from rolequiz.cli import values

COMMAND_LINES = [
    ["quiz"],
    ["quiz", "--answers", "a.yaml", "--save", "s.json", "--name", "Ani Putri", "--report",
     "r.html", "--kb", "k.yaml", "--lang", "id", "--json", "--force"],
    ["quiz", "--name", "", "--save", "-"],
    ["score", "sheet.yaml"],
    ["score", "./dir/../sheet.yaml", "--report", "out.md"],
    ["roles"],
    ["roles", "officer", "--kb", "roles.yaml"],
    ["validate"],
    ["validate", "roles.yaml"],
    ["compare", "--roles", "officer", "--roles", "strategist", "--aspects", "skills",
     "-o", "out.csv", "--delimiter", ";", "--format", "csv"],
    ["compare"],
    ["cohort"],
    ["cohort", "a.csv", "b.yaml", "-o", "x.xlsx", "--strict", "--items"],
    ["cohort", "--template", "t.csv", "--delimiter", "tab"],
]


def parsed(args: list[str], *, plain: bool) -> dict[str, Any]:
    """The values the command named first in *args* is called with."""
    group = typer.main.get_command(cli.build("en"))
    if plain:
        values.install(group)
    command = group.commands[args[0]]  # type: ignore[attr-defined]
    context = command.make_context(args[0], args[1:], obj={"lang": "en"})
    return dict(context.params)


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_commands_receive_what_typer_would_give_them(args: list[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The same values of the same types: texts, paths, lists of them, and () for none."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheet.yaml").write_text("q01: 1\n", encoding="utf-8")  # one that exists
    mine, typers = parsed(args, plain=True), parsed(args, plain=False)
    assert mine == typers
    assert {k: type(v) for k, v in mine.items()} == {k: type(v) for k, v in typers.items()}


def test_an_unreadable_file_is_refused_as_typer_refuses_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An existing path that cannot be read: the same usage error, both ways."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheet.yaml").write_text("q01: 1\n", encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path).endswith(
        "sheet.yaml") else real_access(path, mode, **kw))
    messages = []
    for plain in (True, False):
        with pytest.raises(typer.BadParameter) as refused:
            parsed(["score", "sheet.yaml"], plain=plain)
        messages.append(refused.value.format_message())
    assert messages[0] == messages[1]
    assert "sheet.yaml" in messages[0] and "not readable" in messages[0]


def test_a_parameter_with_checks_of_its_own_keeps_typers_conversion(tmp_path: Path) -> None:
    """``exists=True`` and the like are Typer's to check: such a parameter is left alone."""
    app = typer.Typer()

    @app.command()
    def show(path: Annotated[Path, typer.Argument(exists=True)],
             count: int = 1, name: str = "x") -> None:
        """A command with a checked path, a number and a text."""

    command = values.install(typer.main.get_command(app))
    kinds = {p.name: values.plain_value(p) for p in command.params}
    assert kinds["path"] is None and kinds["count"] is None
    assert isinstance(kinds["name"], values.PlainValue)
    with pytest.raises(typer.BadParameter, match="does not exist"):
        command.make_context("show", [str(tmp_path / "missing")])


def test_a_typer_that_converts_otherwise_keeps_its_own_conversion(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Should Typer's private hook change shape, rolequiz stops using it and leaves every
    parameter to Typer."""
    import typer._coercion

    assert values.hooked()
    monkeypatch.setattr(typer._coercion.RuntimeParam, "coerce",
                        lambda self, value, *, param, ctx, strict=True: value)
    assert not values.hooked()
    group = values.install(typer.main.get_command(cli.build("en")))
    command = group.commands["score"]  # type: ignore[attr-defined]
    assert all(getattr(p, "_runtime_param", None) is None for p in command.params)
