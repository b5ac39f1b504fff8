"""Baseline for ``rolequiz score SHEET --json``: a trivial Typer command that prints one line."""

import typer

app = typer.Typer()


@app.command()
def line() -> None:
    """Print one line."""
    print('{"top": "strategist"}')


@app.command()
def other() -> None:
    """A second command, so that the first is chosen by name as rolequiz's are."""


app()
