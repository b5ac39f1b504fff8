"""Interface strings in Indonesian and English, and which language to use.

Texts about roles, questions and programs come from the knowledge base; the
words around them (headings, prompts, help, hints, messages) live in one
catalogue file per language, ``locale/LANG.toml``.  Every key has every
language; a test checks it.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from rolequiz.core.model import LANGUAGES, Lang
from rolequiz.errors import UsageProblem

ENV_LANG = "ROLEQUIZ_LANG"

LOCALE = Path(__file__).resolve().parent / "locale"
"""One catalogue per language, ``LANG.toml``: every word of the interface, by key."""


@functools.cache
def catalogue(lang: Lang) -> dict[str, str]:
    """Every interface text in *lang*, by key (read once per run)."""
    with (LOCALE / f"{lang}.toml").open("rb") as handle:
        return tomllib.load(handle)


def t(lang: Lang, key: str, **values: object) -> str:
    """The interface string *key* in *lang*, filled with *values*."""
    return catalogue(lang)[key].format(**values)


def join(lang: Lang, items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in *lang*."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t(lang, 'and')} {items[-1]}"


def parse_lang(value: str, *, source: str) -> Lang:
    """*value* as a language code, or a usage error naming where it came from."""
    code = value.strip().lower()
    for lang in LANGUAGES:
        if code == lang:
            return lang
    raise UsageProblem(t("en", "bad_lang", source=source, value=value))


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``ROLEQUIZ_LANG``, else the locale (``id*`` is Indonesian), else English."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_LANG, "").strip()
    if chosen:
        return parse_lang(chosen, source=ENV_LANG)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "").strip()
        if value:
            return "id" if value.lower().startswith("id") else "en"
    return "en"
