"""Allow ``python -m rolequiz``."""

from rolequiz.cli import main

if __name__ == "__main__":
    main()
