"""Baseline for ``rolequiz --help``, ``roles``, ``compare`` and ``score --json``: a trivial
Typer command that takes a text option (``--lang``) and prints a one-row rich Table.

Typer converts the value of every option it parses through pydantic, as it does
rolequiz's: the baseline pays the same price.
"""

import typer

app = typer.Typer()


@app.command()
def table(lang: str = "en") -> None:
    """Print a table of one row."""
    from rich.console import Console
    from rich.table import Table

    grid = Table("Role", "Horizon")
    grid.add_row("Social Media Officer", "Day to day" if lang == "en" else "Harian")
    Console().print(grid)


@app.command()
def other() -> None:
    """A second command, so that the first is chosen by name as rolequiz's are."""


app()
