"""What the result's first screen says, in words a student reads: reasons and programs
without marks, chances that claim no certainty, names never cut on a narrow screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import result as facts
from rolequiz.core.student import scoring, sheets
from rolequiz.export import result
from rolequiz.terminal import views

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


def said(kb: KnowledgeBase, sheet: str, lang: Lang) -> result.ResultContent:
    """The result of ``tests/fixtures/sheets/SHEET.yaml`` in *lang*."""
    answers = sheets.load(FIXTURES / "sheets" / f"{sheet}.yaml", kb).answers
    return result.content(kb, facts.facts(kb, scoring.score(kb, answers), lang))


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Day-to-day operations: at the heart of the role; you showed it strongly."),
    ("id", "Operasional harian: inti peran ini; kamu menunjukkannya dengan kuat."),
])
def test_a_reason_says_how_central_the_trait_is_and_how_strongly_it_was_shown(
    kb: KnowledgeBase, lang: Lang, expected: str
) -> None:
    """The clear sheet's first reason is in words, with no score beside a level."""
    assert said(kb, "clear", lang).why[0].words == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "For Officer: trains you in audience interaction, which you already showed, as "
           "well as brand image and positioning, which you can still grow."),
    ("id", "Untuk calon Officer: melatihmu dalam interaksi dengan audiens, yang sudah kamu "
           "tunjukkan, serta citra dan posisi merek, yang masih bisa kamu kembangkan."),
])
def test_a_program_says_of_each_trait_how_it_was_shown(
    kb: KnowledgeBase, lang: Lang, expected: str
) -> None:
    """A program building two traits, one shown strongly (0.96) and one hardly (0.04), says
    which is shown and which can grow, never "already shown" of both; no score, no "and … and"."""
    assert said(kb, "clear", lang).programs[0].words == expected


@pytest.mark.parametrize(("fit", "shown"), [(100.0, ">99"), (99.6, ">99"), (99.4, "99"),
                                            (52.3, "52"), (0.6, "1"), (0.4, "<1"), (0.0, "<1")])
def test_a_chance_is_never_shown_as_certain(fit: float, shown: str) -> None:
    """0 and 100 are out of reach: the screen says <1 and >99."""
    assert result.percent(fit) == shown


@pytest.mark.parametrize("lang", ["en", "id"])
def test_at_40_columns_the_bars_name_the_roles_by_their_short_names(
    tmp_path: Path, lang: Lang
) -> None:
    """Four long role names at 40 columns: each bar starts with the role's whole short name."""
    kb = knowledge.load(FIXTURES / "four-roles.yaml")
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump({"q1": "b", "q2": "b", "q3": 2, "q4": 1, "q5": 1,
                                     "q6": "b"}), encoding="utf-8")
    content = result.content(kb, facts.facts(kb, scoring.score(kb, sheets.load(sheet, kb).answers),
                                             lang))
    first, _ = views.result_screens(content, width=40, rows=None)
    console = Console(width=40, file=io.StringIO(), color_system=None)
    console.print(first)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    for role in kb.roles:
        assert any(line.strip().startswith(role.short(lang) + " ") and ("░" in line or "█" in line)
                   for line in lines), lines
    assert "…" not in "".join(lines)
    assert max(len(line) for line in lines) <= 40
