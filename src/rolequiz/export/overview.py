"""What a class summary says, in words: shared by the screen and the class report.

The facts come from :mod:`rolequiz.core.cohort.overview` (and the class's
:class:`~rolequiz.core.cohort.rows.Summary`); this module words them in the reader's
language.  :mod:`rolequiz.terminal.summary` reads it too: one wording for both, and it
imports nothing that writes files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rolequiz import i18n
from rolequiz.core.cohort import overview
from rolequiz.core.cohort.items import MIN_STUDENTS
from rolequiz.numbers import clock, decimal

if TYPE_CHECKING:
    from rolequiz.core.cohort.items import ItemAnalysis, Reliability
    from rolequiz.core.cohort.rows import Summary
    from rolequiz.core.kb.model import KnowledgeBase, Lang


def mix_name(kb: KnowledgeBase, role_ids: tuple[str, ...], lang: Lang) -> str:
    shorts = [kb.role(r).short(lang) for r in role_ids]
    return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))


def bar_label(kb: KnowledgeBase, bar: str, lang: Lang, *, short: bool = False) -> str:
    """The label of a bar of :func:`rolequiz.core.cohort.overview.distribution`: a role's
    name (with *short*, its short name: a narrow screen), or the words for the blends or
    for no fit."""
    if bar == overview.BLENDS:
        return i18n.t(lang, "cohort.summary.blend")
    if bar == overview.NO_FIT:
        return i18n.t(lang, "cohort.summary.no_fit")
    role = kb.role(bar)
    return role.short(lang) if short else role.name(lang)


def distribution(kb: KnowledgeBase, summary: Summary, lang: Lang) -> list[tuple[str, int]]:
    """(label, students) for every role as the clear winner, then the blends, then the
    students no role fits strongly."""
    return [(bar_label(kb, bar, lang), count)
            for bar, count in overview.distribution(kb, summary)]


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


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """*text* on one line, cut at a word before *limit* characters, with '…' when cut."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def weak_questions(kb: KnowledgeBase, analysis: ItemAnalysis,
                   lang: Lang) -> list[tuple[str, list[str]]]:
    """(question id, reasons in plain words) for each question of
    :func:`rolequiz.core.cohort.overview.weak_questions`, in the order of the quiz."""
    said: list[tuple[str, list[str]]] = []
    for weak in overview.weak_questions(kb, analysis):
        reasons = [] if weak.same_answer is None else [
            i18n.t(lang, "cohort.items.weak.same", share=weak.same_answer)]
        if weak.apart_from:
            traits = [kb.dimension(d).name(lang).lower() for d in weak.apart_from]
            reasons.append(i18n.t(lang, "cohort.items.weak.apart",
                                  trait=i18n.join(lang, traits)))
        said.append((weak.question_id, reasons))
    return said
