"""A scored result as plain data: for ``--json`` and for anything that exports it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolequiz import __version__, i18n
from rolequiz.core.model import KnowledgeBase, Lang

if TYPE_CHECKING:
    from rolequiz.core.scoring import Result


def headline(kb: KnowledgeBase, result: Result, lang: Lang) -> str:
    """'Social Media Strategist', or 'A mix of Specialist and Strategist'."""
    if result.blend:
        shorts = [kb.role(r).short(lang) for r in result.blend]
        return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))
    return kb.role(result.top.role_id).name(lang)


def to_document(
    kb: KnowledgeBase, result: Result, lang: Lang, *, name: str | None = None
) -> dict[str, Any]:
    """Stable keys, ids beside display names, numbers as numbers."""
    return {
        "rolequiz": __version__,
        "knowledge_base": {"path": str(kb.path), "sha256": kb.sha256},
        "lang": lang,
        "name": name,
        "headline": headline(kb, result, lang),
        "top": result.top.role_id,
        "blend": list(result.blend),
        "margin": result.margin,
        "uncertain": result.uncertain,
        "straightline_share": round(result.straightline_share, 3),
        "fits": [
            {"role": r.role_id, "name": kb.role(r.role_id).name(lang), "fit": r.fit}
            for r in result.ranking
        ],
        "profile": {
            d.id: {"name": d.name(lang), "score": round(100 * result.profile[d.id], 1)}
            for d in kb.dimensions
        },
        "explanation": [
            {
                "dimension": driver.dimension_id,
                "name": kb.dimension(driver.dimension_id).name(lang),
                "score": round(100 * driver.score, 1),
                "top_role_level": round(100 * driver.target, 1),
                "runner_up_level": None
                if driver.runner_up_target is None
                else round(100 * driver.runner_up_target, 1),
                "answers": [
                    {"question": e.question_id, "option": e.option_id} for e in driver.answers
                ],
            }
            for driver in result.drivers
        ],
        "programs": [
            {
                "program": match.program_id,
                "name": kb.program(match.program_id).name(lang),
                "match": match.match,
                "builds": list(match.dimension_ids),
                "roles": list(match.role_ids),
                "reason": program_reason(kb, result, match.program_id, lang),
            }
            for match in result.programs
        ],
    }


def program_reason(kb: KnowledgeBase, result: Result, program_id: str, lang: Lang) -> str:
    """One line: which of the student's traits the program builds, and for which role."""
    match = next(m for m in result.programs if m.program_id == program_id)
    names = [kb.dimension(d).name(lang).lower() for d in match.dimension_ids]
    score = round(100 * sum(result.profile[d] for d in match.dimension_ids)
                  / len(match.dimension_ids))
    reason = i18n.t(lang, "result.program.reason", dimensions=i18n.join(lang, names), score=score)
    if match.role_ids:
        roles = [kb.role(r).short(lang) for r in match.role_ids]
        reason += i18n.t(lang, "result.program.roles", roles=i18n.join(lang, roles))
    return reason


def next_steps(kb: KnowledgeBase, result: Result, lang: Lang) -> tuple[str, ...]:
    """What a student can do after the result, as the screen and the report list it."""
    return (
        i18n.t(lang, "result.next.role", role=result.top.role_id),
        i18n.t(lang, "result.next.compare"),
        i18n.t(lang, "result.next.talk"),
    )


def source_line(kb: KnowledgeBase, lang: Lang) -> str | None:
    """'Source: title (publisher, date)', when the knowledge base names its source."""
    if kb.source is None:
        return None
    return i18n.t(lang, "result.next.source", title=kb.source.title,
                  publisher=kb.source.publisher, date=kb.source.date)
