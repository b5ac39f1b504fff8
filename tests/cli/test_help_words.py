"""``--help`` names what a command takes in words of the reader's language (``BERKAS...``),
never by Python's type (``FILE <list[Path]>``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Run = Callable[..., tuple[int, str, str]]


@pytest.mark.parametrize(("lang", "files", "usage"), [
    ("id", "BERKAS...", "Penggunaan: rolequiz cohort [OPSI] [BERKAS]..."),
    ("en", "FILE...", "Usage: rolequiz cohort [OPTIONS] [FILE]..."),
])
def test_cohort_help_names_its_files_in_words(run: Run, lang: str, files: str,
                                              usage: str) -> None:
    """The usage line and the argument say 'files, several', in the reader's language."""
    code, out, _ = run("--lang", lang, "cohort", "--help")
    assert code == 0
    assert out.splitlines()[0] == usage
    assert any(line.split()[:1] == [files] for line in out.splitlines())
    assert "<list[" not in out and "Path]" not in out


def test_indonesian_cohort_help_has_no_english_placeholders(run: Run) -> None:
    """-o, --template and --reports say BERKAS and FOLDER, not FILE and DIR."""
    code, out, _ = run("--lang", "id", "cohort", "--help")
    assert code == 0
    assert "--output BERKAS" in out and "--template BERKAS" in out
    assert "--reports FOLDER" in out
    assert " FILE" not in out and " DIR" not in out


@pytest.mark.parametrize(("command", "argument"), [("roles", "ROLE"), ("score", "SHEET")])
def test_an_arguments_help_starts_where_the_others_do(run: Run, command: str,
                                                       argument: str) -> None:
    """Without its type (``<str>``, ``<path>``), an argument's help text stays in its
    column: the line is as long as Typer wrote it."""
    code, out, _ = run(command, "--help")
    assert code == 0
    [line] = [line for line in out.splitlines() if line.startswith(f"  {argument} ")]
    assert "<" not in line
    assert line[len(argument) + 2:].startswith(" " * (len(" <path>") if command == "score"
                                                      else len(" <str>")) + " ")
