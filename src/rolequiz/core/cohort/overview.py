"""What a class summary says, in words: shared by the screen and the class report."""

from __future__ import annotations

from rolequiz import i18n
from rolequiz.core.cohort.items import MIN_STUDENTS, ItemAnalysis, Reliability
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.numbers import clock, decimal


def share_of(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def mix_name(kb: KnowledgeBase, role_ids: tuple[str, ...], lang: Lang) -> str:
    shorts = [kb.role(r).short(lang) for r in role_ids]
    return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))


def distribution(kb: KnowledgeBase, summary: Summary, lang: Lang) -> list[tuple[str, int]]:
    """(label, students) for every role as the clear winner, then the blends, then the
    students no role fits strongly."""
    bars = [(role.name(lang), summary.top[role.id]) for role in kb.roles]
    return [*bars, (i18n.t(lang, "cohort.summary.blend"), summary.blends),
            (i18n.t(lang, "cohort.summary.no_fit"), summary.no_fit)]


def counts_line(summary: Summary, lang: Lang, *, audience: str) -> str:
    line = i18n.t(lang, f"cohort.summary.scored.{audience}", scored=summary.scored)
    if summary.skipped:
        line += " · " + i18n.t(lang, "cohort.summary.skipped", skipped=summary.skipped)
    if summary.resubmitted:
        line += " · " + i18n.t(lang, "cohort.summary.resubmitted", count=summary.resubmitted)
    return line


def flags_line(summary: Summary, lang: Lang) -> str:
    return i18n.t(lang, "cohort.summary.flags", blends=summary.blends,
                  uncertain=summary.flagged, duplicates=summary.duplicates)


def duration_line(summary: Summary, lang: Lang) -> str | None:
    """The class's median time to fill in the form, beside its reading time; None when the
    input records no durations."""
    median = summary.median_duration
    if median is None or summary.reading is None:
        return None
    return i18n.t(lang, "cohort.summary.duration", median=clock(median),
                  reading=clock(summary.reading))


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


def too_few(analysis: ItemAnalysis, lang: Lang, *, audience: str) -> str:
    return i18n.t(lang, f"cohort.items.too_few.{audience}", minimum=MIN_STUDENTS,
                  students=analysis.students)


SHORT_TEXT = 70
"""Characters of a question's text shown where a question is named in a report."""
SAME_ANSWER = 0.9
"""A question that this share of the class answered the same way tells students apart little."""
LOW_ITEM_REST = 0.2
"""Below this item–rest correlation a question does not go with the others on its trait."""


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """*text* on one line, cut at a word before *limit* characters, with '…' when cut."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def weak_questions(kb: KnowledgeBase, analysis: ItemAnalysis,
                   lang: Lang) -> list[tuple[str, list[str]]]:
    """(question id, reasons in plain words) for each question that may not be working:
    nearly everyone gave the same answer, or (from :data:`MIN_STUDENTS`) it does not go
    with the other questions on a trait; in the order of the quiz."""
    reasons: dict[str, list[str]] = {}
    for question in kb.questions:
        counts = analysis.counts[question.id]
        total = sum(counts)
        if total and max(counts) >= SAME_ANSWER * total:
            reasons.setdefault(question.id, []).append(i18n.t(
                lang, "cohort.items.weak.same", share=round(100 * max(counts) / total)))
    apart: dict[str, list[str]] = {}
    for found in analysis.reliability() or ():
        trait = kb.dimension(found.dimension_id).name(lang).lower()
        for question_id, value in zip(found.question_ids, found.item_rest, strict=True):
            if value is not None and value < LOW_ITEM_REST:
                apart.setdefault(question_id, []).append(trait)
    for question_id, traits in apart.items():
        reasons.setdefault(question_id, []).append(
            i18n.t(lang, "cohort.items.weak.apart", trait=i18n.join(lang, traits)))
    return [(q.id, reasons[q.id]) for q in kb.questions if q.id in reasons]
