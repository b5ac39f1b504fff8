"""Baseline for Enter to the next question of ``rolequiz quiz``: a trivial Typer command
that takes a text option (``--lang``) and shows questionary select prompts one after the
other ("1 of N", "2 of N", ...), each a question and four options, with nothing between
them (bare questionary)."""

import typer

app = typer.Typer()


@app.command()
def quiz(lang: str = "en", questions: int = 2) -> None:
    """Ask *questions* questions in a row."""
    import questionary

    for number in range(1, questions + 1):
        questionary.select(
            f"{number} of {questions}\n  The owner of a coffee shop near your home asks for "
            "help with its social media account. Which part would you most like to work on?",
            choices=["Checking the statistics to see which posts work best.",
                     "Finding out which potential customers most need to be reached.",
                     "Replying to customers' comments and messages every day.",
                     "Designing a month-long promotion to attract new customers."]).ask()


@app.command()
def other() -> None:
    """A second command."""


app()
