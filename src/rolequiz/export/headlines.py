"""What a result's headline says: the top role's name, "A mix of A and B", or that no role
fits strongly.  A student's result (:mod:`rolequiz.export.result`) and the class table
(:mod:`rolequiz.export.class_table`) say it alike; the class table loads no more than this.
"""

from __future__ import annotations

from collections.abc import Sequence

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang


def headline_of(kb: KnowledgeBase, roles: Sequence[str], lang: Lang, *, blend: bool) -> str:
    """The first role's name, or 'A mix of A and B' of every role in a blend."""
    if blend:
        shorts = [kb.role(r).short(lang) for r in roles]
        return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))
    return kb.role(roles[0]).name(lang)


def no_fit_headline(kb: KnowledgeBase, lang: Lang, *, key: str = "result.no_fit") -> str:
    """'None of the three roles fits your answers strongly', with the knowledge base's
    number of roles in words when the catalogue has them (``count.N``), else in digits;
    *key* another wording of it (a class table's, which speaks to no student)."""
    count = len(kb.roles)
    return i18n.t(lang, key,
                  count=i18n.catalogue(lang).get(f"count.{count}", str(count)))
