"""Baseline for ``rolequiz roles`` and ``rolequiz compare``: a trivial Typer command that
prints a one-row rich Table."""

import typer

app = typer.Typer()


@app.command()
def table() -> None:
    """Print a table of one row."""
    from rich.console import Console
    from rich.table import Table

    grid = Table("Role", "Horizon")
    grid.add_row("Social Media Officer", "Day to day")
    Console().print(grid)


@app.command()
def other() -> None:
    """A second command, so that the first is chosen by name as rolequiz's are."""


app()
