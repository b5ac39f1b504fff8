"""Every command reads well however it is shown: NO_COLOR, TERM=dumb, a pipe, 40 and 200
columns.  Run as real processes with output to a pipe, as a script or a file would get it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len

from checks import typical
from rolequiz.core.kb import knowledge

KB = knowledge.load()
ROOT = Path(__file__).resolve().parents[2]

ENVIRONMENTS = {
    "NO_COLOR": {"NO_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "80"},
    "TERM=dumb": {"TERM": "dumb", "COLUMNS": "80"},
    "40 columns": {"TERM": "xterm-256color", "COLUMNS": "40"},
    "200 columns": {"TERM": "xterm-256color", "COLUMNS": "200"},
    "a plain pipe": {},
}


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete answer sheet of the first role's typical student, whose name holds markup
    and an escape sequence."""
    path = tmp_path_factory.mktemp("sheets") / "sheet.yaml"
    answers = typical(KB, KB.roles[0].id)
    document = {"name": "[bold]Sari[/bold] \x1b[31mred",
                "answers": {q.id: q.options[answers[q.id]].id for q in KB.questions}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


COMMANDS = {
    "roles": ["roles"],
    "one role": ["roles", KB.roles[-1].id],
    "score": ["score", "{sheet}"],
    "compare": ["compare"],
    "cohort": ["cohort", "{sheet}"],
    "validate": ["validate"],
    "help": ["quiz", "--help"],
}


def run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM", "ROLEQUIZ_LANG")}
    env.update(environment, PYTHONIOENCODING="utf-8", ROLEQUIZ_LANG="en")
    return subprocess.run([sys.executable, "-m", "rolequiz", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, stdin=subprocess.DEVNULL,
                          timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("where", list(ENVIRONMENTS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_output_is_plain_and_fits_the_width(command: str, where: str, sheet: Path) -> None:
    """Exit 0, no escape codes in a pipe, no line wider than the terminal, no traceback."""
    args = [arg.format(sheet=sheet) for arg in COMMANDS[command]]
    environment = ENVIRONMENTS[where]
    result = run(args, environment)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "\x1b" not in output
    assert "Traceback" not in output
    width = int(environment.get("COLUMNS", "80"))
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide[:3]
    assert result.stdout.strip()


@pytest.mark.slow
def test_markup_and_escapes_in_a_name_are_shown_literally(sheet: Path) -> None:
    """A name with rich markup and an escape sequence is printed as written, escape spelled out."""
    result = run(["score", str(sheet)], {"TERM": "xterm-256color", "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert "[bold]Sari[/bold] \\x1b[31mred" in result.stdout
    assert "\x1b" not in result.stdout


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped knowledge base with escape sequences in a role's texts (a YAML "\\e")."""
    data = yaml.safe_load(KB.path.read_text(encoding="utf-8"))
    role = data["roles"][0]
    role["name"]["en"] = "\x1b[31mRed\x1b[0m " + role["name"]["en"]
    role["metaphor"]["en"] = "\x1b[1m" + role["metaphor"]["en"] + " " + "long " * 20
    role["responsibilities"][0]["en"] = "\x07\x1b[2J" + role["responsibilities"][0]["en"]
    path = tmp_path_factory.mktemp("kb") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["roles"], ["roles", KB.roles[0].id], ["score", "{sheet}"],
                                  ["cohort", "{sheet}"]], ids=" ".join)
@pytest.mark.parametrize("columns", ["40", "52", "80"])
def test_escape_sequences_in_the_knowledge_base_are_spelled_out_within_the_width(
        args: list[str], columns: str, hostile_kb: Path, sheet: Path) -> None:
    """An ESC in a role's texts: shown spelled out, and measured as spelled out, so that no
    line runs past the terminal's width and no word is cut short."""
    args = [a.replace("{sheet}", str(sheet)) for a in args]
    result = run([*args, "--kb", str(hostile_kb)], {"TERM": "xterm-256color",
                                                   "COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if args[0] != "cohort":
        assert "\\x1b[31mRed" in result.stdout
    # the one word that may run past the edge, whole, for the terminal to wrap: the --kb
    # path in a suggested command, longer than a line at 40 columns
    kb_word = shlex.quote(str(hostile_kb))
    assert all(cell_len(line) <= int(columns) or line.strip().removesuffix(" \\") == kb_word
               for line in result.stdout.splitlines())
    if args[0] == "roles":  # every word of the metaphor is there, none cut short
        flat = " ".join(result.stdout.replace("│", " ").split())
        metaphor = " ".join(KB.roles[0].metaphor("en").split())
        assert metaphor in flat


def test_bars_on_an_ascii_only_output_are_drawn_in_ascii(sheet: Path) -> None:
    """``score`` to an output that takes only ASCII (PYTHONIOENCODING=ascii, an old console)
    draws each role's bar with ``#`` and ``-``, as the frame falls back to ``+-|``, not as a
    row of question marks."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM", "ROLEQUIZ_LANG")}
    env.update(PYTHONIOENCODING="ascii", ROLEQUIZ_LANG="en", COLUMNS="80")
    result = subprocess.run([sys.executable, "-m", "rolequiz", "score", str(sheet)],
                            capture_output=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [line.decode("ascii") for line in result.stdout.splitlines()
            if any(line.strip().startswith(role.name("en").encode()) for role in KB.roles)]
    assert len(rows) >= len(KB.roles)
    bars = [row.split()[-2] for row in rows[:len(KB.roles)]]
    assert all(len(bar) == 24 and set(bar) <= {"#", "-"} for bar in bars), rows
