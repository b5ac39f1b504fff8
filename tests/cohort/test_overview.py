"""A class summary as facts (ids and numbers, in no language), and the same facts in words.

:mod:`rolequiz.core.cohort.overview` says how the class divides and which questions may not
be working; :mod:`rolequiz.export.overview` words it for the screen and the class report.
"""

from __future__ import annotations

import pytest

from rolequiz.core.cohort import overview
from rolequiz.core.cohort.items import MIN_STUDENTS, ItemAnalysis
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.export import overview as words

NEUTRAL = {"q1": 0, "q2": 1, "q3": 2, "q4": 2, "q5": 2, "q6": 1}
"""A complete answer sheet of the tiny knowledge base (0-based option indices)."""


def analysed(kb: KnowledgeBase, sheets: list[dict[str, int]]) -> ItemAnalysis:
    analysis = ItemAnalysis(kb)
    for sheet in sheets:
        analysis.add(sheet)
    return analysis


def varied(count: int) -> list[dict[str, int]]:
    """*count* sheets whose every question gets at least three different answers."""
    return [{q: (i + index) % 3 for index, q in enumerate(NEUTRAL)} for i in range(count)]


def test_a_question_nearly_everyone_answered_alike_is_named_with_its_share(
        tiny_kb: KnowledgeBase) -> None:
    """Nine students of nine gave q3 the same answer: q3, at 100 percent, and no trait."""
    sheets = [{**sheet, "q3": 4} for sheet in varied(MIN_STUDENTS - 1)]
    found = overview.weak_questions(tiny_kb, analysed(tiny_kb, sheets))
    assert found == [overview.WeakQuestion("q3", 100, ())]


def test_a_question_most_but_not_nine_in_ten_answered_alike_is_not_named(
        tiny_kb: KnowledgeBase) -> None:
    """Eight of nine (89 %) is below the nine in ten that makes a question weak."""
    sheets = [{**sheet, "q3": 4 if i else 0} for i, sheet in enumerate(varied(9))]
    assert overview.weak_questions(tiny_kb, analysed(tiny_kb, sheets)) == []


def test_a_question_that_goes_against_its_trait_names_the_trait(
        tiny_kb: KnowledgeBase) -> None:
    """q5 (blue only) is answered 'blue' exactly by those whose q2 is not: it is apart
    from blue, by the trait's id."""
    sheets = [{**sheet, "q2": 2 if i % 2 else 0, "q5": 0 if i % 2 else 4}
              for i, sheet in enumerate(varied(MIN_STUDENTS))]
    found = {weak.question_id: weak for weak in
             overview.weak_questions(tiny_kb, analysed(tiny_kb, sheets))}
    assert found["q5"] == overview.WeakQuestion("q5", None, ("blue",))


def test_the_distribution_is_each_role_by_id_then_the_blends_then_no_fit(
        tiny_kb: KnowledgeBase) -> None:
    """The bars are the roles in the knowledge base's order, then the blends and no fit,
    under keys that are no role's id."""
    summary = Summary(tiny_kb)
    summary.top.update({"gamma": 3, "alpha": 1})
    summary.mixes[("alpha", "beta")] = 2
    summary.no_fit = 4
    assert overview.distribution(tiny_kb, summary) == [
        ("alpha", 1), ("beta", 0), ("gamma", 3), (overview.BLENDS, 2), (overview.NO_FIT, 4)]
    assert not {overview.BLENDS, overview.NO_FIT} & {r.id for r in tiny_kb.roles}


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["Alpha", "Beta", "Gamma", "Blend (too close to call)", "No role fits strongly"]),
    ("id", ["Alfa", "Beta", "Gama", "Perpaduan (peluang berimbang)",
            "Tidak ada peran yang benar-benar cocok"]),
])
def test_the_bars_are_named_in_the_readers_language(tiny_kb: KnowledgeBase, lang: str,
                                                      said: list[str]) -> None:
    """A role's bar is its name; the blends and no fit are the catalogue's words."""
    summary = Summary(tiny_kb)
    assert [label for label, _ in words.distribution(tiny_kb, summary, lang)] == said


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "q3: 100% of the answers were the same, so it tells people apart little"),
    ("id", "q3: 100% jawabannya sama, sehingga pertanyaan ini kurang membedakan satu orang dari"
           " yang lain"),
])
def test_a_weak_question_is_worded_in_the_readers_language(tiny_kb: KnowledgeBase, lang: str,
                                                           said: str) -> None:
    """The share of the same answer, as a sentence in the reader's language."""
    sheets = [{**sheet, "q3": 4} for sheet in varied(MIN_STUDENTS - 1)]
    [(question, reasons)] = words.weak_questions(tiny_kb, analysed(tiny_kb, sheets), lang)
    assert f"{question}: {'; '.join(reasons)}" == said
