"""Baseline for the first question of ``rolequiz quiz``: a trivial Typer command that takes
a text option (``--lang``) and shows one questionary select prompt."""

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
