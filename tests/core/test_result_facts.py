"""A result's facts are gathered once, in core, as ids, numbers and codes: only the
knowledge base's own texts depend on the language; the words come later, at the edge."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolequiz.core.invocation import Invocation
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import result, scoring, sheets

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


def scored(kb: KnowledgeBase, sheet: str) -> scoring.Result:
    """The result of ``tests/fixtures/sheets/SHEET.yaml``."""
    return scoring.score(kb, sheets.load(FIXTURES / "sheets" / f"{sheet}.yaml", kb).answers)


def codes(said: result.ResultFacts) -> tuple[object, ...]:
    """What a result's facts say apart from the knowledge base's texts."""
    return (said.standing, said.top, said.blend, said.flags, said.steps,
            [(r.dimension, r.centrality, r.shown, [(a.question, a.option, a.over)
                                                   for a in r.answers]) for r in said.reasons],
            [(p.program, p.builds, p.shown, p.score, p.roles) for p in said.programs],
            [s.aspect for s in said.role.sections] if said.role else None)


@pytest.mark.parametrize("sheet", ["clear", "blend"])
def test_a_results_facts_are_the_same_in_every_language(kb: KnowledgeBase, sheet: str) -> None:
    """English and Indonesian facts of one result differ only in the knowledge base's texts."""
    english, indonesian = (result.facts(kb, scored(kb, sheet), lang) for lang in ("en", "id"))
    assert codes(english) == codes(indonesian)
    assert [r.name for r in english.reasons] != [r.name for r in indonesian.reasons]


def test_a_clear_result_says_its_role_best_with_reasons_and_the_role_in_full(
        kb: KnowledgeBase) -> None:
    """The clear sheet: the top role fits best, for its traits, and its role is shown in full
    by the lists of the role, in order."""
    said = result.facts(kb, scored(kb, "clear"), "en")
    assert said.standing == "best"
    assert said.reasons and said.role is not None and said.role.id == said.top
    assert [s.aspect for s in said.role.sections] == list(result.ASPECTS[:4])


def test_careless_answers_point_at_no_role(kb: KnowledgeBase) -> None:
    """Every answer the same: flagged, no reasons, no role in full, no programs, and the steps
    are to compare the roles and to talk it over."""
    said = result.facts(kb, scoring.score(kb, {q.id: 0 for q in kb.questions}), "en")
    assert said.standing == "flagged" and said.flags
    assert (said.reasons, said.role, said.programs) == ((), None, ())
    assert [step.code for step in said.steps] == ["compare", "talk"]


def test_the_next_steps_repeat_the_options_given(kb: KnowledgeBase) -> None:
    """The commands to read the role and to compare repeat ``--kb`` and ``--lang``."""
    given = Invocation(program=("rolequiz",), kb=Path("my kb.yaml"), lang="id")
    said = result.facts(kb, scored(kb, "clear"), "id", invocation=given)
    commands = {step.code: step.command for step in said.steps}
    assert commands["role"] == f"rolequiz roles {said.top} --kb 'my kb.yaml' --lang id"
    assert commands["compare"] == "rolequiz compare --kb 'my kb.yaml' --lang id"
    assert commands["talk"] is None
