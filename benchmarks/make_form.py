"""Write a Google Forms export for the benchmarks: N students of one class, in Indonesian.

    python benchmarks/make_form.py 40 responses.csv [--seed 2024]

The file is as Google Sheets downloads a form's responses: a ``Timestamp``
column, the student's name, a class column that rolequiz ignores, then one
column per question headed by its full text, each cell holding the chosen
option's full text (a scale's label, or now and then its number).  The same
N and seed give the same file, byte for byte.  ``--again K`` adds K later
submissions of the first K students (new answers: they sent the form twice), and
``--edit OLD NEW`` writes every option text with OLD in it as the form's editor
changed it (``--edit Ramadan Ramadhan``), and ``--blank K`` leaves one answer of each
of the last K students empty (a different question each), as on a class day.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from rolequiz.core.kb import knowledge

FIRST = ("Siti", "Budi", "Dewi", "Rizky", "Putri", "Agus", "Nur", "Fajar", "Ayu", "Dimas")
LAST = ("Aminah", "Santoso", "Lestari", "Pratama", "Wulandari", "Hidayat", "Saputra", "Anggraini")


def write(path: Path, students: int, *, seed: int = 2024, lang: str = "id", again: int = 0,
          edit: tuple[str, str] | None = None, blank: int = 0) -> Path:
    """Write the export to *path* and return it; *again* students sent it twice, *edit*
    (old, new) was made to the options' texts in the form, and the last *blank* students
    left one question each unanswered."""
    kb = knowledge.load()
    rng = random.Random(seed)
    header = ["Timestamp", "Nama Lengkap", "Kelas", *(q.text(lang) for q in kb.questions)]
    old, new = edit if edit is not None else ("", "")
    cells = [[option.text(lang).replace(old, new) if old else option.text(lang)
              for option in q.options] +
             ([str(n + 1) for n in range(len(q.options))] if q.kind == "scale" else [])
             for q in kb.questions]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        names = []
        for number in range(1, students + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number:02d}"
            names.append(name)
            stamp = f"28/11/2026 08:{number // 60 % 60:02d}:{number % 60:02d}"
            answers = [rng.choice(c) for c in cells]
            if number > students - blank:  # the same answers as without blanks, one emptied
                answers[number % len(answers)] = ""
            writer.writerow([stamp, name, "XI IPS 2", *answers])
        for number, name in enumerate(names[:again], start=1):
            stamp = f"28/11/2026 10:{number // 60 % 60:02d}:{number % 60:02d}"
            writer.writerow([stamp, name, "XI IPS 2", *(rng.choice(c) for c in cells)])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("students", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--lang", default="id")
    parser.add_argument("--again", type=int, default=0, metavar="K")
    parser.add_argument("--edit", nargs=2, metavar=("OLD", "NEW"))
    parser.add_argument("--blank", type=int, default=0, metavar="K")
    arguments = parser.parse_args()
    write(arguments.path, arguments.students, seed=arguments.seed, lang=arguments.lang,
          again=arguments.again, edit=tuple(arguments.edit) if arguments.edit else None,
          blank=arguments.blank)


if __name__ == "__main__":
    main()
