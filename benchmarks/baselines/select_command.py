"""For reference only (no target): a trivial Typer *command* that shows one select prompt.

Typer 0.29 builds a pydantic adapter for each command-line parameter it parses, so running
any Typer command imports pydantic; select_prompt.py only imports Typer.
"""

import typer

app = typer.Typer()


@app.command()
def quiz(lang: str = "en") -> None:
    """Ask one question."""
    import questionary

    questionary.select("1 of 20\nWhat do you enjoy most?",
                       choices=["Replying to comments", "Planning a campaign",
                                "Reading the numbers"]).ask()


@app.command()
def other() -> None:
    """A second command."""


app()
