"""Allow ``python -m rolequiz``."""

from rolequiz.cli import run

if __name__ == "__main__":
    run()
