"""Baseline for the first question of ``rolequiz quiz``: a trivial script that imports Typer
and questionary and shows one select prompt."""

import questionary
import typer  # noqa: F401  (imported, as the issue's baseline asks: its cost is in the floor)

questionary.select("1 of 20\nWhat do you enjoy most?",
                   choices=["Replying to comments", "Planning a campaign",
                            "Reading the numbers"]).ask()
