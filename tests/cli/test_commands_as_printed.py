"""Every command rolequiz suggests runs as printed, in the shell the student typed into.

The README installs rolequiz into a virtual environment and starts it by its path
(``.venv/bin/rolequiz``) without putting that folder on PATH; a hint saying
``rolequiz roles …`` would then meet "command not found".  These tests start the
installed program by its path, with a PATH that does not hold it, from a folder whose
name needs quoting, then run the hints it printed with ``sh -c`` in the same folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from rolequiz import i18n
from rolequiz.core.invocation import Invocation

FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"
ANSWERS = {"q1": "a", "q2": "a", "q3": 1, "q4": 1, "q5": 3, "q6": "b"}
"""A sheet for four-roles.yaml (its top role is ``delta``)."""
SYSTEM_PATH = os.pathsep.join(folder for folder in ("/usr/local/bin", "/usr/bin", "/bin")
                              if Path(folder).is_dir())
"""A PATH without the virtual environment rolequiz is installed in."""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A student's folder with an answer sheet and a knowledge base in it."""
    (tmp_path / "sheet.yaml").write_text(yaml.safe_dump(ANSWERS), encoding="utf-8")
    shutil.copy(FOUR_ROLES, tmp_path / "roles.yaml")
    return tmp_path


@pytest.fixture
def installed(home: Path) -> Path:
    """The ``rolequiz`` program a virtual environment installs, in ``my env/bin`` under the
    student's folder: the console script of this installation, copied with its first line."""
    script = Path(sysconfig_scripts()) / "rolequiz"
    if not script.is_file():  # the tests run from a checkout installed with pip, as the README says
        pytest.fail(f"{script} is missing: install rolequiz with pip first")
    target = home / "my env" / "bin" / "rolequiz"
    target.parent.mkdir(parents=True)
    shutil.copy2(script, target)
    return target


def sysconfig_scripts() -> str:
    """The folder this installation's programs are in (``.venv/bin``)."""
    return sysconfig.get_path("scripts")


def shell(command: str, *, cwd: Path, path: str = SYSTEM_PATH,
          columns: int = 400) -> subprocess.CompletedProcess[str]:
    """*command* run by ``sh -c`` in *cwd*, with *path* as PATH, in English, not on a terminal,
    *columns* wide."""
    env = {**os.environ, "PATH": path, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": str(columns),
           "ROLEQUIZ_LANG": "en"}
    return subprocess.run(["/bin/sh", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def hint(output: str, key: str) -> str:
    """The command after the words of message *key* (English) in *output*."""
    label = i18n.t("en", key, command="").strip()
    [line] = [line for line in output.splitlines() if label in line]
    return line.split(label, 1)[1].strip()


@pytest.mark.parametrize("key", ["result.next.role", "result.next.compare"])
def test_hints_after_a_result_run_as_printed_without_the_program_on_path(
        installed: Path, home: Path, key: str) -> None:
    """Started as ``'my env/bin/rolequiz'`` with PATH lacking it, the result's hint runs."""
    done = shell("'my env/bin/rolequiz' score sheet.yaml --kb roles.yaml", cwd=home)
    assert done.returncode == 0, done.stderr
    command = hint(done.stdout, key)
    assert shutil.which("rolequiz", path=SYSTEM_PATH) is None or "my env" in command
    again = shell(command, cwd=home)
    assert again.returncode == 0, f"{command}: {again.stderr}"
    assert again.stdout.strip()


@pytest.mark.parametrize("columns", [80, 60, 40])
@pytest.mark.parametrize("key", ["result.next.role", "result.next.compare"])
def test_a_long_hint_wraps_between_words_and_runs_as_printed(
        installed: Path, home: Path, key: str, columns: int) -> None:
    """A hint too long for the line breaks between shell words, each line that goes on
    ending in a backslash, within the width; its lines, pasted into a shell, run."""
    (home / "careers week").mkdir()
    shutil.copy(FOUR_ROLES, home / "careers week" / "museum roles.yaml")
    done = shell("'my env/bin/rolequiz' score sheet.yaml --kb 'careers week/museum roles.yaml'"
                 " --lang en", cwd=home, columns=columns)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    label = i18n.t("en", key, command="").strip()
    at = next(n for n, line in enumerate(lines) if label in line)
    after = lines[at].split(label, 1)[1].strip()
    printed = [after] if after else []
    at += 1
    while not printed or printed[-1].endswith(" \\"):
        printed.append(lines[at].strip())
        at += 1
    assert len(printed) > 1  # it did not fit on one line
    assert all(len(lines[n]) <= columns for n in range(at - len(printed), at))
    again = shell("\n".join(printed), cwd=home)
    assert again.returncode == 0, f"{printed}: {again.stderr}"
    assert again.stdout.strip()


def test_the_roles_overview_hint_runs_as_printed(installed: Path, home: Path) -> None:
    """``roles`` ends with a command for one role in full that runs as printed, not a
    placeholder such as ``roles a|b|c`` that a shell reads as a pipe."""
    done = shell("'my env/bin/rolequiz' roles --kb roles.yaml", cwd=home)
    assert done.returncode == 0, done.stderr
    command = hint(done.stdout, "roles.more")
    again = shell(command, cwd=home)
    assert again.returncode == 0, f"{command}: {again.stderr}"
    assert "Curator" in again.stdout

def test_a_program_started_by_its_path_is_named_relative_to_the_folder_when_shorter(
        installed: Path, home: Path) -> None:
    """The hint names ``'my env/bin/rolequiz'``, as typed, not a long absolute path."""
    done = shell("'my env/bin/rolequiz' score sheet.yaml --kb roles.yaml", cwd=home)
    expected = "'my env/bin/rolequiz' compare --kb roles.yaml"
    assert hint(done.stdout, "result.next.compare") == expected


def test_a_program_found_on_path_is_named_rolequiz(installed: Path, home: Path) -> None:
    """With its folder on PATH, a hint says plain ``rolequiz``."""
    path = f"{installed.parent}{os.pathsep}{SYSTEM_PATH}"
    done = shell("rolequiz score sheet.yaml --kb roles.yaml", cwd=home, path=path)
    assert hint(done.stdout, "result.next.compare") == "rolequiz compare --kb roles.yaml"


def test_python_dash_m_suggests_python_dash_m(home: Path) -> None:
    """Started as ``PYTHON -m rolequiz`` with PATH lacking rolequiz, a hint runs the same way."""
    done = shell(f"'{sys.executable}' -m rolequiz score sheet.yaml --kb roles.yaml", cwd=home)
    command = hint(done.stdout, "result.next.role")
    assert re.search(r" -m rolequiz roles \w+ --kb roles\.yaml$", command), command
    again = shell(command, cwd=home)
    assert again.returncode == 0, f"{command}: {again.stderr}"


def test_a_usage_error_points_to_help_that_runs(installed: Path, home: Path) -> None:
    """A mistyped command ends with "(see '… --help')" that runs as printed."""
    done = shell("'my env/bin/rolequiz' scroe", cwd=home)
    assert done.returncode == 2
    found = re.search(r"\(see '(.+)'\)$", done.stderr.strip())
    assert found, done.stderr
    assert shell(found[1], cwd=home).returncode == 0


def test_the_program_words_lead_every_suggested_command() -> None:
    """An invocation started by its path puts that path, quoted, before the command."""
    given = Invocation(None, "id", ("my env/bin/rolequiz",))
    assert given.command("compare") == "'my env/bin/rolequiz' compare --lang id"


def test_python_dash_m_names_rolequiz_when_path_finds_this_installation(home: Path) -> None:
    """``PYTHON -m rolequiz`` with this installation's ``rolequiz`` on PATH: plain ``rolequiz``."""
    path = f"{sysconfig_scripts()}{os.pathsep}{SYSTEM_PATH}"
    done = shell(f"'{sys.executable}' -m rolequiz score sheet.yaml --kb roles.yaml", cwd=home,
                 path=path)
    assert hint(done.stdout, "result.next.compare") == "rolequiz compare --kb roles.yaml"
