"""``rolequiz compare``: being written (issue 3)."""

import typer

from rolequiz.model import Lang

HELP: dict[str, dict[Lang, str]] = {}


def register(app: typer.Typer, lang: Lang) -> None:
    """Adds no command yet."""
