"""A command imports what it needs and no more: a behaviour, checked in a fresh process.

questionary is for the interactive quiz, XlsxWriter for ``.xlsx`` files,
NumPy for ``cohort``; with the knowledge base in the cache, a command that
reads no YAML file imports no YAML parser.  Times are measured by
``benchmarks/run.py``, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rolequiz.cli import app as cli
from rolequiz.core.kb import knowledge

WATCHED = ("questionary", "prompt_toolkit", "xlsxwriter", "yaml", "numpy", "babel")

PROBE = """
import atexit, json, sys
atexit.register(lambda: sys.__stderr__.write(
    "\\nMODULES " + json.dumps(sorted(m for m in {watched!r} if m in sys.modules)) + "\\n"))
from rolequiz.cli.app import main
main(sys.argv[1:])
"""


def imported(*args: str | Path, cwd: Path, check: bool = True) -> set[str]:
    """The watched modules that ``rolequiz ARGS`` imported, run in a fresh interpreter
    (which must succeed, when *check*)."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(watched=WATCHED),
                           *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          check=False)
    assert done.returncode == 0 or not check, done.stderr
    line = done.stderr.rsplit("MODULES ", 1)[1]
    return set(json.loads(line))


@pytest.fixture
def sheet(tmp_path: Path, shipped_kb: object) -> Path:
    kb = knowledge.load()
    path = tmp_path / "sheet.yaml"
    path.write_text("".join(f"{q.id}: 1\n" for q in kb.questions), encoding="utf-8")
    return path


@pytest.fixture
def warm(tmp_path: Path) -> None:
    """The knowledge base is in the cache, as after any earlier run."""
    imported("validate", cwd=tmp_path)


@pytest.mark.parametrize("args", [["--help"], ["roles"], ["roles", "officer"], ["compare"],
                                  ["compare", "--format", "csv"], ["validate"], ["quiz", "--help"],
                                  ["--lang", "id", "roles", "--kb", "../missing"]],
                         ids=" ".join)
def test_reading_commands_import_neither_prompts_nor_workbooks_nor_yaml(
        args: list[str], tmp_path: Path, warm: None) -> None:
    """With the knowledge base cached: no questionary, no XlsxWriter, no YAML, no NumPy."""
    found = imported(*args, cwd=tmp_path, check=args[-1] != "../missing")
    assert not found & {"questionary", "prompt_toolkit", "xlsxwriter", "yaml", "numpy"}


@pytest.mark.parametrize("args", [["--help"], ["roles"], ["roles", "officer"], ["validate"],
                                  ["quiz", "--help"], ["--lang", "id", "cohrot"]],
                         ids=" ".join)
def test_commands_that_show_no_number_do_not_import_babel(
        args: list[str], tmp_path: Path, warm: None) -> None:
    """Babel (numbers and dates in words) is imported by the first number shown, not before."""
    assert "babel" not in imported(*args, cwd=tmp_path, check=args[-1] != "cohrot")


def test_a_result_imports_babel_for_its_numbers(sheet: Path, tmp_path: Path,
                                                warm: None) -> None:
    """``score SHEET`` shows each role's fit as a number in the reader's language."""
    assert "babel" in imported("score", sheet, "--lang", "id", cwd=tmp_path)


def test_scoring_a_sheet_imports_no_prompts_and_no_workbooks(sheet: Path, tmp_path: Path,
                                                             warm: None) -> None:
    """``score SHEET --json`` reads the sheet with YAML and asks nothing: no questionary,
    no XlsxWriter (NumPy computes the probabilities)."""
    found = imported("score", sheet, "--json", cwd=tmp_path)
    assert "yaml" in found
    assert not found & {"questionary", "prompt_toolkit", "xlsxwriter"}


def test_a_quiz_from_an_answer_sheet_imports_no_prompts(sheet: Path, tmp_path: Path,
                                                        warm: None) -> None:
    """``quiz --answers`` asks nothing, so questionary stays out."""
    found = imported("quiz", "--answers", sheet, "--json", "--name", "Ani", "--lang", "en",
                     cwd=tmp_path)
    assert not found & {"questionary", "prompt_toolkit", "xlsxwriter"}


def test_a_cohort_imports_numpy_and_xlsxwriter_only_for_a_workbook(sheet: Path,
                                                                   tmp_path: Path) -> None:
    """NumPy scores the class; XlsxWriter comes only with ``-o FILE.xlsx``."""
    kb = knowledge.load()
    source = tmp_path / "class.csv"
    source.write_text("student," + ",".join(q.id for q in kb.questions) + "\n"
                      "Ani," + ",".join("1" for _ in kb.questions) + "\n", encoding="utf-8")
    found = imported("cohort", source, "-o", tmp_path / "out.csv", cwd=tmp_path)
    assert "numpy" in found
    assert not found & {"questionary", "prompt_toolkit", "xlsxwriter"}
    assert "xlsxwriter" in imported("cohort", source, "-o", tmp_path / "out.xlsx", cwd=tmp_path)


def test_the_command_table_names_what_each_module_registers() -> None:
    """cli.COMMANDS, which spares a run the other command modules, matches the modules."""
    for name, module in cli.COMMANDS.items():
        app = cli.build("en", command=name)
        registered = {c.name or c.callback.__name__ for c in app.registered_commands
                      if c.callback is not None}
        assert name in registered, (name, module)
    everything = cli.build("en")
    assert {c.name or c.callback.__name__ for c in everything.registered_commands
            if c.callback is not None} == set(cli.COMMANDS)


@pytest.mark.parametrize(("argv", "command"), [
    (["roles"], "roles"), (["--lang", "id", "quiz"], "quiz"),
    (["--lang=id", "score", "x"], "score"), (["quiz", "--name", "roles"], "quiz"),
    (["--version"], None), (["bogus", "roles"], None), ([], None), (["--lang", "roles"], None)])
def test_the_command_is_the_first_word_that_is_not_an_option(argv: list[str],
                                                             command: str | None) -> None:
    """Options of rolequiz itself come first; the value of ``--lang`` is not a command."""
    assert cli.invoked(argv) == command


def test_a_result_as_json_does_not_import_babel(sheet: Path, tmp_path: Path,
                                                warm: None) -> None:
    """``score SHEET --json`` writes plain numbers and no date in words: no Babel to load."""
    assert "babel" not in imported("score", sheet, "--json", "--lang", "id", cwd=tmp_path)
