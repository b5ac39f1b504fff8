"""What a class summary says, in words: shared by the screen and the class report."""

from __future__ import annotations

from rolequiz import i18n
from rolequiz.core.cohort.items import MIN_STUDENTS, ItemAnalysis, Reliability
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.numbers import decimal


def share_of(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def mix_name(kb: KnowledgeBase, role_ids: tuple[str, ...], lang: Lang) -> str:
    shorts = [kb.role(r).short(lang) for r in role_ids]
    return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))


def distribution(kb: KnowledgeBase, summary: Summary, lang: Lang) -> list[tuple[str, int]]:
    """(label, students) for every role as the clear winner, then the blends."""
    bars = [(role.name(lang), summary.top[role.id]) for role in kb.roles]
    return [*bars, (i18n.t(lang, "cohort.summary.blend"), summary.blends)]


def counts_line(summary: Summary, lang: Lang) -> str:
    line = i18n.t(lang, "cohort.summary.scored", scored=summary.scored)
    if summary.skipped:
        line += " · " + i18n.t(lang, "cohort.summary.skipped", skipped=summary.skipped)
    return line


def flags_line(summary: Summary, lang: Lang) -> str:
    return i18n.t(lang, "cohort.summary.flags", blends=summary.blends,
                  uncertain=summary.flagged, duplicates=summary.duplicates)


def two_decimals(value: float | None, lang: Lang) -> str:
    """'0.31' ('0,31' in Indonesian), or '–' for no value."""
    return "–" if value is None else decimal(value, lang, digits=2)


def answers_line(kb: KnowledgeBase, analysis: ItemAnalysis, question_id: str) -> str:
    """'a 12 · b 8 · c 15 · d 5': how often each option of a question was chosen."""
    options = kb.question(question_id).options
    counts = analysis.counts[question_id]
    return " · ".join(f"{o.id} {n}" for o, n in zip(options, counts, strict=True))


def item_rest_pairs(found: Reliability, lang: Lang) -> list[str]:
    """'q01 0.31' for each question measuring the trait."""
    pairs = zip(found.question_ids, found.item_rest, strict=True)
    return [f"{q} {two_decimals(r, lang)}" for q, r in pairs]


def too_few(analysis: ItemAnalysis, lang: Lang) -> str:
    return i18n.t(lang, "cohort.items.too_few", minimum=MIN_STUDENTS, students=analysis.students)
