"""A result as a person reads it, held in reviewed golden files.

``tests/golden/result.*`` hold ``rolequiz score --json`` and the results screen
(80 columns, no colour); ``tests/golden/report.*`` the student report; and
``tests/golden/four-roles.*`` the screen of another knowledge base (four roles,
no ``source``) at 60 columns.  The sheets are ``tests/fixtures/sheets/*.yaml``
for ``data/roles.yaml`` and :data:`FOUR_ROLES_SHEETS` for the other one.

The version, the knowledge base's path and its hash are replaced by
``VERSION``, ``KB_PATH`` and ``KB_SHA256`` before the comparison, and the
report is dated :data:`DAY`, so that a release or an edit of the data alone
changes no golden file it does not show.  After an intended change regenerate
the files and review the difference::

    ROLEQUIZ_UPDATE_GOLDEN=1 python -m pytest tests/cli/test_result_golden.py
    git diff tests/golden
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from checks import check_golden
from rolequiz import __version__
from rolequiz.cli import common
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.terminal import quiz

Run = Callable[..., tuple[int, str, str]]

FIXTURES = Path(__file__).parent.parent / "fixtures"
SHIPPED = Path(__file__).resolve().parent.parent.parent / "data" / "roles.yaml"
FOUR_ROLES = FIXTURES / "four-roles.yaml"
DAY = date(2024, 10, 14)
FOUR_ROLES_SHEETS = {
    "clear": {"q1": "b", "q2": "b", "q3": 2, "q4": 1, "q5": 1, "q6": "b"},
    "blend": {"q1": "a", "q2": "a", "q3": 1, "q4": 5, "q5": 4, "q6": "c"},
}
"""Answers to ``four-roles.yaml``: a clear winner, and a blend of three roles."""
SOURCE_WORDS = ("article", "artikel", "social", "sosial", "media", "source", "sumber")
"""Words of the shipped knowledge base's source that another knowledge base must not show."""


@pytest.fixture
def run(run: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The shared ``run`` (see conftest.py), on :data:`DAY`."""
    monkeypatch.setattr(common, "today", lambda: DAY)
    return run


def normalised(text: str, kb: Path) -> bytes:
    """*text* without what changes with a release or an edit of the data."""
    sha256 = hashlib.sha256(kb.read_bytes()).hexdigest()
    for value, label in ((str(kb.resolve()), "KB_PATH"), (sha256, "KB_SHA256"),
                         (sha256[:12], "KB_SHA256"), (__version__, "VERSION")):
        text = text.replace(value, label)
    return text.encode("utf-8")


def four_roles_sheet(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump({"name": "Rina", **FOUR_ROLES_SHEETS[kind]}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("sheet", "lang"), [("clear", "en"), ("blend", "id")])
def test_score_json_matches_its_golden_file(run: Run, sheet: str, lang: str) -> None:
    """``score SHEET --json`` prints the reviewed document, key for key."""
    code, out, err = run("score", FIXTURES / "sheets" / f"{sheet}.yaml", "--json",
                         "--lang", lang)
    assert (code, err) == (0, "")
    check_golden(f"result.{sheet}.{lang}.json", normalised(out, SHIPPED),
                 command="rolequiz score --json")


@pytest.mark.parametrize(("sheet", "lang"), [("clear", "en"), ("clear", "id"),
                                             ("blend", "en")])
def test_results_screen_at_80_columns_matches_its_golden_file(
    run: Run, sheet: str, lang: str
) -> None:
    """The results screen on a plain 80-column terminal reads as reviewed."""
    code, out, err = run("score", FIXTURES / "sheets" / f"{sheet}.yaml", "--lang", lang)
    assert (code, err) == (0, "")
    check_golden(f"result.{sheet}.{lang}.txt", normalised(out, SHIPPED),
                 command="rolequiz score")


@pytest.mark.parametrize(("sheet", "lang", "fmt"), [("clear", "en", "html"),
                                                    ("clear", "id", "md"),
                                                    ("blend", "en", "md")])
def test_student_report_matches_its_golden_file(
    run: Run, tmp_path: Path, sheet: str, lang: str, fmt: str
) -> None:
    """``score SHEET --report FILE`` writes the reviewed report, dated by the fixed day."""
    target = tmp_path / f"report.{fmt}"
    code, _, _ = run("score", FIXTURES / "sheets" / f"{sheet}.yaml", "--lang", lang,
                     "--report", target)
    assert code == 0
    check_golden(f"report.{sheet}.{lang}.{fmt}",
                 normalised(target.read_text(encoding="utf-8"), SHIPPED),
                 command="rolequiz score --report")


@pytest.mark.parametrize(("sheet", "lang"), [("clear", "en"), ("clear", "id"),
                                             ("blend", "en")])
def test_four_roles_screen_at_60_columns_matches_its_golden_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sheet: str, lang: str
) -> None:
    """Another knowledge base, four roles and no source, on a 60-column terminal."""
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.chdir(FIXTURES)  # the hints show "--kb four-roles.yaml" wherever tests run
    code, out, err = run("score", four_roles_sheet(tmp_path, sheet), "--kb", FOUR_ROLES.name,
                         "--lang", lang)
    assert (code, err) == (0, "")
    check_golden(f"four-roles.{sheet}.{lang}.txt", normalised(out, FOUR_ROLES),
                 command="rolequiz score --kb four-roles.yaml")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_four_roles_screen_fits_in_60_columns(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """At 60 columns no line of the results screen is longer than 60 or cut short."""
    monkeypatch.setenv("COLUMNS", "60")
    _, out, _ = run("score", four_roles_sheet(tmp_path, "blend"), "--kb", FOUR_ROLES,
                    "--lang", lang)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "…" not in out


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_knowledge_base_without_source_shows_no_source_wording(
    run: Run, tmp_path: Path, lang: str, fmt: str
) -> None:
    """Without a ``source`` no article, social media or source is named anywhere."""
    target = tmp_path / f"report.{fmt}"
    args = ["score", four_roles_sheet(tmp_path, "clear"), "--kb", FOUR_ROLES, "--lang", lang]
    if fmt == "txt":
        code, text, _ = run(*args)
    else:
        code, _, _ = run(*args, "--report", target)
        text = re.sub(r"<style>.*</style>", "", target.read_text(encoding="utf-8"), flags=re.S)
    assert code == 0
    assert not [word for word in SOURCE_WORDS if word in text.lower()]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_four_roles_report_matches_its_golden_file(run: Run, tmp_path: Path, lang: str) -> None:
    """The report of a knowledge base without a source: the metaphor plainly labelled, no
    source in the footer."""
    target = tmp_path / "report.md"
    code, _, _ = run("score", four_roles_sheet(tmp_path, "clear"), "--kb", FOUR_ROLES,
                     "--lang", lang, "--report", target)
    assert code == 0
    check_golden(f"four-roles.clear.{lang}.md",
                 normalised(target.read_text(encoding="utf-8"), FOUR_ROLES),
                 command="rolequiz score --kb four-roles.yaml --report")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_quiz_opens_with_the_knowledge_bases_intro(
    monkeypatch: pytest.MonkeyPatch, lang: Lang
) -> None:
    """The opening frame starts with the knowledge base's ``intro``, then the count."""
    kb = knowledge.load(SHIPPED)
    assert kb.intro is not None
    shown = opening_frame(monkeypatch, kb, lang)
    assert shown[0] == kb.intro(lang)
    assert shown[1].startswith(f"{len(kb.questions)} ")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_quiz_without_intro_opens_with_the_count_alone(
    monkeypatch: pytest.MonkeyPatch, lang: Lang
) -> None:
    """A knowledge base without ``intro`` opens with the count, and names no source."""
    shown = opening_frame(monkeypatch, knowledge.load(FOUR_ROLES), lang)
    assert shown[0].startswith("6 ")
    assert not [word for word in SOURCE_WORDS if word in " ".join(shown).lower()]


def opening_frame(monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase, lang: Lang) -> list[str]:
    """The paragraphs of the frame the quiz opens with."""
    from rolequiz.terminal import prompts

    frames: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(prompts, "show_box", lambda title, paragraphs: frames.append(paragraphs))
    quiz.welcome(kb, lang)
    return [text for _, text in frames[0]]


def test_a_quiz_of_about_one_minute_says_one_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Six questions take about a minute: the opening says "about 1 minute", never
    "about 1 minutes"."""
    shown = opening_frame(monkeypatch, knowledge.load(FOUR_ROLES), "en")
    assert "about 1 minute." in shown[0]
