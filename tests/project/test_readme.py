"""Every command example in README.md and docs/ is really run, as a user would paste it.

Each ``$ rolequiz …`` line of a ``console`` block runs in a shell of its own, in a
fresh folder holding the files the examples name (an answer sheet, a
class file, answer sheets in ``sheets/``, a copy of the knowledge base), with the
installed ``rolequiz`` first on PATH and no terminal. An example must succeed and
write what it says it writes; the quiz without ``--answers`` must instead say,
with exit code 2, that it needs a terminal or ``--answers``, as the README says.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DATA = ROOT / "data" / "roles.yaml"
FORMS = ROOT / "tests" / "fixtures" / "forms"
BIN = Path(sys.executable).parent


def examples() -> list[str]:
    """The ``$ rolequiz`` lines of the pages' console blocks, without their comments, once each."""
    blocks = [block for page in PAGES
              for block in re.findall(r"^```console\n(.*?)^```", page.read_text(encoding="utf-8"),
                                      flags=re.M | re.S)]
    lines = [line[2:] for block in blocks for line in block.splitlines()
             if line.startswith("$ rolequiz")]
    return list(dict.fromkeys(line.split("  #")[0].strip() for line in lines))


EXAMPLES = examples()


def sheet(name: str) -> dict[str, object]:
    """A complete answer sheet for the shipped quiz: the first answer to every question."""
    questions = yaml.safe_load(DATA.read_text(encoding="utf-8"))["questions"]
    return {"name": name, **{q["id"]: 1 for q in questions}}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with the files the examples name."""
    answers = sheet("Sari")
    (tmp_path / "sheet.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    shutil.copy(DATA, tmp_path / "my-roles.yaml")
    (tmp_path / "sheets").mkdir()
    for name in ("Budi", "Rina"):
        (tmp_path / "sheets" / f"{name.lower()}.yaml").write_text(
            yaml.safe_dump(sheet(name)), encoding="utf-8")
    ids = [key for key in answers if key != "name"]
    rows = [",".join(["student", *ids])] + [",".join([n, *("1" for _ in ids)])
                                            for n in ("Ayu", "Dimas", "Sari")]
    (tmp_path / "class.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    shutil.copy(FORMS / "google-id.csv", tmp_path / "responses.csv")
    return tmp_path


def written(command: str) -> list[str]:
    """The files an example says it writes: ``-o``/``--report``/``--save`` values and ``>``."""
    words = shlex.split(command.replace(">", " > "))
    return [words[i + 1] for i, word in enumerate(words[:-1])
            if word in {"-o", "--output", "--report", "--save", ">", "--template"}]


def test_the_readme_has_examples() -> None:
    """README.md and docs/ show commands to try (so the test below is not vacuous)."""
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("command", EXAMPLES)
def test_every_readme_example_runs(command: str, folder: Path) -> None:
    """The example exits 0 and writes its files; the quiz without a terminal asks for --answers."""
    for name in written(command):  # what the example makes is not there before it
        (folder / name).unlink(missing_ok=True)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "TERM": "dumb", "COLUMNS": "80"}
    done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr
    if command.startswith("rolequiz quiz") and "--answers" not in command:
        assert done.returncode == 2, done.stderr
        assert "--answers" in done.stderr
        return
    assert done.returncode == 0, done.stderr
    for name in written(command):
        assert (folder / name).stat().st_size > 0, name
