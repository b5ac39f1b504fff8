"""The ``rolequiz`` command, and ``python -m rolequiz``.

Before anything else is imported, Python's collector is told to look for garbage less
often: starting up makes a few hundred thousand objects (Typer, prompt_toolkit, the
knowledge base) that all live to the end, and checking them again and again took a
tenth of the time to the quiz's first question.  mypy starts the same way.
"""

import gc

THRESHOLDS = (100_000, 10, 10)
"""Allocations before a young collection (Python's default is 700), then as Python has it."""


def main() -> None:
    gc.set_threshold(*THRESHOLDS)
    from rolequiz.cli.app import run

    run()


if __name__ == "__main__":
    main()
