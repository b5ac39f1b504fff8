"""An honest "no role fits you strongly": how typical a sheet is of each role, against
sheets simulated from that role's own model, and what a result says when it is typical of
none (``confidence: no_fit``).

The sheets: each role's typical student (:func:`checks.typical`, every answer the role's
own) and mechanical patterns (:func:`checks.patterned`, a zigzag through the options),
which answer like no one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml

from checks import NONE_FITS, patterned, typical
from rolequiz.core.cohort.scorer import Scorer
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import posterior, scoring
from rolequiz.core.student import result as results
from rolequiz.export import result as words

Run = Callable[..., tuple[int, str, str]]
FIXTURES = Path(__file__).parent.parent / "fixtures"
FOUR_ROLES = FIXTURES / "four-roles-validity.yaml"
ZIGZAG = (1, 0)
"""Question *i* answered with option *i* (wrapped): no role's student answers so."""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


def write_sheet(path: Path, kb: KnowledgeBase, answers: dict[str, int]) -> Path:
    """*answers* as an answer sheet of option ids."""
    document = {"name": "Sari", "answers": {q.id: q.options[answers[q.id]].id
                                            for q in kb.questions}}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", [None, FOUR_ROLES], ids=["shipped", "four-roles"])
def test_a_typical_student_of_every_role_gets_a_clear_result(path: Path | None) -> None:
    """A student who answers as the role's own profile does is told that role, "clear", and
    is more typical of it than most of its simulated students."""
    kb = knowledge.load(path) if path else knowledge.load()
    for role in kb.roles:
        result = scoring.score(kb, typical(kb, role.id))
        assert (result.decided, result.confidence) == (role.id, "clear")
        assert result.typicality >= 0.5


def test_answers_like_no_roles_get_no_fit_and_name_no_role(kb: KnowledgeBase) -> None:
    """A zigzag through the options is typical of no role: ``no_fit``, no role named, no
    blend, every role's typicality under ``typical_least``."""
    result = scoring.score(kb, patterned(kb, *ZIGZAG))
    assert result.confidence == "no_fit"
    assert (result.decided, result.blend, result.leading) == (None, (), ())
    assert max(f.typicality for f in result.ranking) < kb.settings.typical_least


def test_typical_least_zero_turns_the_check_off(tmp_path: Path, kb: KnowledgeBase) -> None:
    """``settings.typical_least: 0`` and ``typical_clear: 0``: the zigzag gets the result it
    got before, a role or a blend by the probabilities alone."""
    data = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    data["settings"].update(typical_least=0, typical_clear=0)
    path = tmp_path / "roles.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    other = knowledge.load(path)
    result = scoring.score(other, patterned(other, *ZIGZAG))
    assert result.confidence in ("clear", "leaning", "too_close")


@pytest.mark.parametrize(("key", "value"), [("typical_least", 0.6), ("typical_clear", -0.1)])
def test_a_typicality_setting_out_of_range_is_one_error_line(
    run: Run, tmp_path: Path, kb: KnowledgeBase, key: str, value: float
) -> None:
    """``validate`` names the setting and the range it expects."""
    data = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    data["settings"][key] = value
    path = tmp_path / "roles.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = run("validate", path)
    assert code == 2
    assert f"settings.{key}" in err


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_screen_says_no_role_fits_and_names_the_closest(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: str
) -> None:
    """No "best fit" headline and no role in full: that none of the three roles fits
    strongly, and which one is closest."""
    answers = patterned(kb, *ZIGZAG)
    result = scoring.score(kb, answers)
    closest = kb.role(result.top.role_id)
    code, out, _ = run("score", write_sheet(tmp_path / "s.yaml", kb, answers), "--lang", lang)
    flat = " ".join(out.split())
    assert code == 0
    assert NONE_FITS[lang] in flat
    assert {"en": "three roles", "id": "tiga peran"}[lang] in flat
    assert closest.short(lang) in flat
    assert {"en": "Your best fit", "id": "Peran yang paling cocok"}[lang] not in flat
    assert closest.summary(lang) not in flat  # the role in full is not shown


def test_the_headline_counts_the_roles_of_the_knowledge_base(kb: KnowledgeBase) -> None:
    """With four roles the result says "None of the four roles"."""
    four = knowledge.load(FOUR_ROLES)
    result = scoring.score(four, patterned(four, *ZIGZAG))
    assert result.confidence == "no_fit"
    said = words.content(four, results.facts(four, result, "en"))
    assert said.headline.startswith("None of the four roles fits")


def test_json_gives_no_fit_and_every_roles_typicality(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--json``: ``confidence`` ``no_fit``, ``top`` null, no explanation, a typicality
    0–1 for the top role and for every fit."""
    path = write_sheet(tmp_path / "s.yaml", kb, patterned(kb, *ZIGZAG))
    code, out, _ = run("score", path, "--json")
    document = json.loads(out)
    assert code == 0
    assert (document["confidence"], document["top"], document["blend"]) == ("no_fit", None, [])
    assert document["explanation"] == []
    assert 0 <= document["typicality"] < kb.settings.typical_least
    assert all(0 <= f["typicality"] <= 1 for f in document["fits"])


def test_the_class_scorer_gives_every_sheet_the_engines_typicality(kb: KnowledgeBase) -> None:
    """A batch of 300 random sheets: each sheet's typicality and confidence are the ones the
    one-sheet engine gives it."""
    rng = np.random.default_rng(3)
    options = np.array([len(q.options) for q in kb.questions])
    sheets = np.floor(rng.random((300, len(options))) * options).astype(np.intp)
    scores = Scorer(kb).score(sheets)
    assert scores.typicality is not None
    for row, sheet in enumerate(sheets.tolist()):
        result = scoring.score(kb, {q.id: a for q, a in zip(kb.questions, sheet, strict=True)})
        by_role = {f.role_id: f.typicality for f in result.ranking}
        assert [by_role[r.id] for r in kb.roles] == scores.typicality[row].tolist()
        assert scoring.CONFIDENCES[scores.confidence[row]] == result.confidence


def test_what_is_typical_is_calibrated_once_and_read_back(kb: KnowledgeBase) -> None:
    """The simulated students' figures are kept in the cache and read back the same: a fresh
    build of the model gives the same typicality to the same sheet."""
    sheet = [patterned(kb, 2, 1)[q.id] for q in kb.questions]
    before = posterior.score(kb, [sheet]).typicality
    posterior._MODELS.clear()
    after = posterior.score(kb, [sheet]).typicality
    assert np.array_equal(before, after)


def test_a_class_summary_counts_the_students_no_role_fits(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``cohort``: a student no role fits is counted on their own line of the summary, and
    the table says ``no_fit`` and why."""
    rows = ["student," + ",".join(q.id for q in kb.questions)]
    for name, answers in (("Ani", typical(kb, kb.roles[0].id)),
                          ("Budi", patterned(kb, *ZIGZAG))):
        rows.append(name + "," + ",".join(str(answers[q.id] + 1) for q in kb.questions))
    source = tmp_path / "class.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = tmp_path / "class.json"
    code, out, _ = run("cohort", source, "-o", output)
    assert code == 0
    assert "No role fits strongly" in out
    table = json.loads(output.read_text(encoding="utf-8"))["rows"]
    assert [(r["student"], r["confidence"]) for r in table] == [("Ani", "clear"),
                                                                ("Budi", "no_fit")]
    assert table[1]["flags"] == "no role fits strongly"
    assert table[1]["top"] == ""
