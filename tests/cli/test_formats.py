"""The formats rolequiz writes come from one table, and every command says which it takes.

``compare -o``, ``cohort -o``, ``score --report`` and ``cohort --template`` refuse a file
whose extension names no format they write, in one line that lists the extensions
:data:`rolequiz.export.formats.FORMATS` gives them; their help lists the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from checks import assert_one_error_line, flat
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.export import formats

Run = Callable[..., tuple[int, str, str]]

REFUSED = {"en": "cannot tell the format", "id": "format tidak dapat ditentukan"}
"""Words of the refusal of a table's or a report's file, in each language."""
TEMPLATE_REFUSED = {"en": "the extension says what to write",
                    "id": "ekstensinya menentukan apa yang ditulis"}


def extensions_of(what: formats.Holds) -> list[str]:
    found = [e for f in formats.FORMATS if what in f.holds for e in f.extensions]
    assert found
    return found


@pytest.fixture
def sheet(tmp_path: Path, shipped_kb: KnowledgeBase) -> Path:
    """A complete answer sheet for the shipped knowledge base."""
    path = tmp_path / "sheet.yaml"
    path.write_text(yaml.safe_dump({q.id: q.options[0].id for q in shipped_kb.questions}),
                    encoding="utf-8")
    return path


def commands(sheet: Path, target: Path) -> dict[str, tuple[list[str], formats.Holds]]:
    """Each command that writes a file, given *target*, and what it writes there."""
    return {
        "compare -o": (["compare", "-o", str(target)], "table"),
        "cohort -o": (["cohort", str(sheet), "-o", str(target)], "table"),
        "score --report": (["score", str(sheet), "--report", str(target)], "report"),
        "cohort --template": (["cohort", "--template", str(target)], "template"),
    }


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("command", ["compare -o", "cohort -o", "score --report",
                                     "cohort --template"])
def test_an_unknown_extension_is_refused_naming_the_accepted_ones(
    run: Run, tmp_path: Path, sheet: Path, command: str, lang: str
) -> None:
    """A file ending in ``.foo``: exit 2, one line in the language, every accepted extension."""
    target = tmp_path / "out.foo"
    args, what = commands(sheet, target)[command]
    line = assert_one_error_line(*run("--lang", lang, *args))
    assert (TEMPLATE_REFUSED if what == "template" else REFUSED)[lang] in line
    for extension in extensions_of(what):
        assert extension in line
    assert not target.exists()


@pytest.mark.parametrize("command", ["compare -o", "cohort -o", "score --report"])
def test_an_extension_of_another_kind_of_file_is_refused(
    run: Run, tmp_path: Path, sheet: Path, command: str
) -> None:
    """A template-only format (``.txt``) is no table and no report."""
    target = tmp_path / "out.txt"
    args, _ = commands(sheet, target)[command]
    line = assert_one_error_line(*run(*args))
    assert "'.txt'" in line
    assert not target.exists()


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("command", "what"), [("compare", "table"), ("cohort", "table"),
                                               ("score", "report"), ("quiz", "report"),
                                               ("cohort", "template")])
def test_help_lists_the_extensions_a_command_writes(
    run: Run, command: str, what: formats.Holds, lang: str
) -> None:
    """``--help`` names every extension of every format the command writes."""
    code, out, _ = run("--lang", lang, command, "--help")
    assert code == 0
    text = flat(out)
    for extension in extensions_of(what):
        assert extension in text


@pytest.mark.parametrize("command", ["compare", "cohort"])
def test_format_takes_the_names_of_the_formats_that_hold_a_table(
    run: Run, command: str
) -> None:
    """``--format`` shows every table format's name in its help, and refuses a template-only one."""
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "|".join(f.name for f in formats.FORMATS if "table" in f.holds) in out
    line = assert_one_error_line(*run(command, "--format", "txt"))
    assert "'txt'" in line


@pytest.mark.parametrize("command", [["compare"], ["cohort", "SHEET"]])
def test_a_binary_format_is_not_printed(
    run: Run, sheet: Path, command: list[str]
) -> None:
    """A workbook asked for without ``-o`` is refused, pointing to ``-o FILE.xlsx``."""
    args = [str(sheet) if a == "SHEET" else a for a in command]
    line = assert_one_error_line(*run(*args, "--format", "xlsx"))
    assert "-o FILE.xlsx" in line


def test_every_format_is_found_by_each_of_its_extensions_in_any_case() -> None:
    """A file's extension names its format whatever its case; an unknown one names none."""
    for found in formats.FORMATS:
        for extension in found.extensions:
            assert formats.of_path(Path("x" + extension.upper())) == found
    assert formats.of_path(Path("x.foo")) is None
    assert formats.of_path(Path("x")) is None


def test_a_format_that_holds_a_template_has_words_in_every_catalogue() -> None:
    """Each template format says what it gives, in both languages."""
    from rolequiz import i18n

    for lang in ("en", "id"):
        for found in formats.FORMATS:
            if "template" in found.holds:
                assert i18n.catalogue(lang).get(f"template.kind.{found.name}")
