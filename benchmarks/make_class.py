"""Write a class CSV for the benchmarks: N students, random valid answers, a fixed seed.

    python benchmarks/make_class.py 100000 class.csv [--seed 2024]

Answers are option ids or 1-based numbers, half and half, as a spreadsheet
filled in by hand would have them; every name is different.  The same N and
seed give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from rolequiz.core.kb import knowledge


def write(path: Path, students: int, *, seed: int = 2024) -> Path:
    """Write the class to *path* and return it."""
    kb = knowledge.load()
    rng = random.Random(seed)
    # each question's possible cells: option ids and numbers
    cells = [[option.id for option in q.options] + [str(n + 1) for n in range(len(q.options))]
             for q in kb.questions]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(["student", *(q.id for q in kb.questions)]) + "\r\n")
        for number in range(1, students + 1):
            answers = [rng.choice(choices) for choices in cells]
            handle.write(f"Student {number:07d}," + ",".join(answers) + "\r\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("students", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    arguments = parser.parse_args()
    write(arguments.path, arguments.students, seed=arguments.seed)


if __name__ == "__main__":
    main()
