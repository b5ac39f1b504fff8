"""Commands rolequiz suggests carry the ``--kb`` and ``--lang`` the person gave, shell-quoted."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rolequiz.core.invocation import Invocation
from rolequiz.terminal.quiz import Play

Run = Callable[..., tuple[int, str, str]]

FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"
ANSWERS = {"q1": "a", "q2": "a", "q3": 1, "q4": 1, "q5": 3, "q6": "b"}
"""A sheet for four-roles.yaml whose top role is ``delta``."""


@pytest.fixture
def odd_kb(tmp_path: Path) -> Path:
    """The four-role knowledge base in a folder whose name needs quoting in a shell."""
    folder = tmp_path / "Sari's kbs"
    folder.mkdir()
    return Path(shutil.copy(FOUR_ROLES, folder / "four roles.yaml"))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "sheet.yaml"
    path.write_text(yaml.safe_dump(ANSWERS), encoding="utf-8")
    return path


@pytest.fixture
def wide(run: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run`` on a terminal wide enough that no hint is wrapped."""
    monkeypatch.setenv("COLUMNS", "400")
    return run


def suggested(out: str, label: str) -> list[str]:
    """The words of the command after *label* on its line, as a shell would split them."""
    [line] = [line for line in out.splitlines() if label in line]
    return shlex.split(line.split(label, 1)[1])


def test_command_without_options_is_bare() -> None:
    """Neither ``--kb`` nor ``--lang`` given: just the command."""
    assert Invocation().command("compare") == "rolequiz compare"


def test_command_quotes_a_path_for_the_shell() -> None:
    """A path with a space and a quote is one word to the shell."""
    command = Invocation(Path("Sari's kbs/r.yaml"), "id").command("roles", "x")
    assert command == "rolequiz roles x --kb 'Sari'\"'\"'s kbs/r.yaml' --lang id"


def test_command_keeps_a_choice_placeholder_as_written() -> None:
    """``a|b`` stands for one of them: shown as it is, not quoted."""
    assert Invocation(lang="en").command("roles", choice="a|b") == "rolequiz roles a|b --lang en"


def test_result_hints_repeat_kb_and_lang(wide: Run, odd_kb: Path, sheet: Path) -> None:
    """After ``score --kb PATH --lang id`` both hints name the same knowledge base and language."""
    code, out, _ = wide("score", sheet, "--kb", odd_kb, "--lang", "id")
    assert code == 0
    assert suggested(out, "Baca peran selengkapnya: ") == [
        "rolequiz", "roles", "delta", "--kb", str(odd_kb), "--lang", "id"]
    assert suggested(out, "Lihat semua peran berdampingan: ") == [
        "rolequiz", "compare", "--kb", str(odd_kb), "--lang", "id"]


def test_result_hints_repeat_lang_given_before_the_command(wide: Run, sheet: Path) -> None:
    """``rolequiz --lang en score …``: the hints carry ``--lang en`` too."""
    code, out, _ = wide("--lang", "en", "score", sheet, "--kb", FOUR_ROLES)
    assert code == 0
    assert suggested(out, "See all roles side by side: ") == [
        "rolequiz", "compare", "--kb", str(FOUR_ROLES), "--lang", "en"]


def test_result_hints_without_options_are_bare(wide: Run) -> None:
    """Without ``--kb`` and ``--lang`` the hints add nothing."""
    sheet = Path(__file__).parent.parent / "fixtures" / "sheets" / "clear.yaml"
    code, out, _ = wide("score", sheet)
    assert code == 0
    assert suggested(out, "See all roles side by side: ") == ["rolequiz", "compare"]


def test_screen_repeats_kb_and_lang_and_report_gives_no_command(
    wide: Run, tmp_path: Path, odd_kb: Path, sheet: Path
) -> None:
    """The screen suggests the commands with the same options; the printed report, read by
    a student, gives its next steps in words, with no command line."""
    target = tmp_path / "report.md"
    code, out, _ = wide("score", sheet, "--kb", odd_kb, "--lang", "en", "--report", target)
    assert code == 0
    assert suggested(out, "See all roles side by side: ") == [
        "rolequiz", "compare", "--kb", str(odd_kb), "--lang", "en"]
    text = target.read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    assert "rolequiz compare" not in text and "--kb" not in text


def test_roles_overview_hint_repeats_kb_and_lang(wide: Run, odd_kb: Path) -> None:
    """``roles --kb PATH --lang en`` ends with how to see one role, in the same knowledge base."""
    code, out, _ = wide("roles", "--kb", odd_kb, "--lang", "en")
    assert code == 0
    assert suggested(out, "for example: ") == [
        "rolequiz", "roles", "alpha", "--kb", str(odd_kb), "--lang", "en"]


def test_resume_hint_repeats_save_kb_and_lang(tmp_path: Path) -> None:
    """After Ctrl-C the way back names the ``--save`` file, the knowledge base and language."""
    kb_path = tmp_path / "my kb.yaml"
    save = tmp_path / "my answers.yaml"
    play = Play(kb=None, lang="id", name=None, save=save, kb_option=kb_path)  # type: ignore[arg-type]
    assert shlex.split(play.resume_command()) == [
        "rolequiz", "quiz", "--resume", "--save", str(save), "--kb", str(kb_path), "--lang", "id"]


def test_a_usage_error_points_at_the_help_in_the_language_given(run: Run) -> None:
    """A mistyped option under ``--lang id`` points at the command's help with ``--lang id``,
    so the page it names is in Indonesian too."""
    code, _, err = run("--lang", "id", "compare", "--ouput", "x.csv")
    assert code == 2
    assert err.rstrip().endswith("(lihat 'rolequiz compare --help --lang id')")


def test_a_usage_error_without_lang_points_at_the_bare_help(run: Run) -> None:
    """Without ``--lang`` the help needs no option: the hint names the bare command."""
    code, _, err = run("compare", "--ouput", "x.csv")
    assert code == 2
    assert err.rstrip().endswith("(see 'rolequiz compare --help')")
