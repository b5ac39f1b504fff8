"""``validate``: how often simulated students of each role are told it, which roles are
mixed up, and a warning for a role found less than 85 % of the time.

``fixtures/four-roles.yaml``'s Librarian is nearly a copy of the Curator; a copy of the
shipped file whose Specialist is flat at level 3 has a role no answers point to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rolequiz.core.kb import knowledge
from rolequiz.core.roles import separation
from rolequiz.text import cells

Run = Callable[..., tuple[int, str, str]]
FIXTURES = Path(__file__).parent.parent / "fixtures"
FOUR_ROLES = FIXTURES / "four-roles.yaml"
HEADING = {"en": "Simulated students", "id": "Siswa simulasi"}


@pytest.fixture
def flat(tmp_path: Path) -> Path:
    """The shipped knowledge base with the Specialist at level 3 on every trait."""
    data = yaml.safe_load(knowledge.shipped_path().read_text(encoding="utf-8"))
    role = next(r for r in data["roles"] if r["id"] == "specialist")
    role["profile"] = dict.fromkeys(role["profile"], 3)
    path = tmp_path / "flat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def table_lines(out: str, lang: str) -> list[str]:
    """The discrimination table of ``validate``'s output: its heading and the lines after."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADING[lang]))
    return lines[start:]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_validate_shows_how_often_each_role_is_found_within_60_columns(
    run: Run, lang: str
) -> None:
    """The shipped quiz: a line for every role with its share found, in the reader's
    language, no line over 60 columns, and no warning."""
    code, out, err = run("validate", "--lang", lang)
    assert (code, err) == (0, "")
    table = table_lines(out, lang)
    kb = knowledge.load()
    assert len(table) == 2 + len(kb.roles)
    for line, role in zip(table[2:], kb.roles, strict=True):
        assert line.split()[0] == role.short(lang)
        assert line.split()[1].endswith("%")
    assert max(cells(line) for line in table) <= 60


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "students of Librarian get it only 0% of the time (at least 85% is needed)"),
    ("id", "siswa Pustakawan hanya mendapat perannya 0% dari waktu (paling sedikit perlu 85%)"),
])
def test_validate_warns_that_the_librarian_is_mixed_up_with_the_curator(
    run: Run, lang: str, words: str
) -> None:
    """Exit 0; the Librarian's warning says how rarely it is found, that its students are
    told the Curator (or a mix with it), and what to change."""
    code, _, err = run("validate", "--kb", FOUR_ROLES, "--lang", lang)
    assert code == 0
    line = next(line for line in err.splitlines() if words in line)
    assert line.startswith(f"{FOUR_ROLES}: ")
    assert {"en": "Curator", "id": "Kurator"}[lang] in line
    assert {"en": "move their levels apart", "id": "jauhkan level mereka"}[lang] in line


def test_validate_warns_about_a_role_flat_at_level_3(run: Run, flat: Path) -> None:
    """A role with every level at 3 is found far less than 85 % of the time: one warning,
    about it alone."""
    code, _, err = run("validate", "--kb", flat)
    assert code == 0
    warned = [line for line in err.splitlines() if "get it only" in line]
    assert len(warned) == 1
    assert "students of Specialist" in warned[0]


def test_the_figures_are_read_back_from_the_cache(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second ``validate`` of an unchanged file prints the same table without simulating
    again (the simulation imports NumPy, which a cached ``validate`` never needs)."""
    first = run("validate", "--kb", FOUR_ROLES)

    def no_simulation(*_: object) -> None:
        raise AssertionError("simulated again")

    monkeypatch.setattr(separation, "_simulate", no_simulation)
    assert run("validate", "--kb", FOUR_ROLES) == first


def test_every_role_of_a_well_built_quiz_is_found_at_least_85_percent() -> None:
    """The four-role validity fixture (an Analyst added with its own questions) passes."""
    kb = knowledge.load(FIXTURES / "four-roles-validity.yaml")
    assert min(row.found for row in separation.separation(kb)) >= separation.FOUND_LEAST
