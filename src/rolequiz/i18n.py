"""Interface strings in every language rolequiz has, and which language to use.

Texts about roles, questions and programs come from the knowledge base; the
words around them (headings, prompts, help, hints, messages) live in one
catalogue file per language, ``locale/LANG.toml``.  A language is data: the
languages are the catalogue files there are, in the package and in the folder
``ROLEQUIZ_LOCALE_DIR`` names (a catalogue there is added to, or replaces keys
of, the shipped one).  The shipped catalogues have every key; a key missing
from an added catalogue is read in English.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from rolequiz.core.model import Lang
from rolequiz.errors import Message, UsageProblem, msg

ENV_LANG = "ROLEQUIZ_LANG"
ENV_LOCALE_DIR = "ROLEQUIZ_LOCALE_DIR"
FALLBACK = "en"
"""The language of last resort: the default, and where a missing key is read."""

LOCALE = Path(__file__).resolve().parent / "locale"
"""One catalogue per language, ``LANG.toml``: every word of the interface, by key."""

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""A language code as ISO 639 writes it: ``id``, ``en``, ``ms``."""


def folders() -> tuple[Path, ...]:
    """Where catalogues are read from, later ones adding to earlier ones."""
    extra = os.environ.get(ENV_LOCALE_DIR, "").strip()
    return (LOCALE, Path(extra)) if extra else (LOCALE,)


def languages() -> tuple[Lang, ...]:
    """Every language with a catalogue, in alphabetical order."""
    return _languages(folders())


@functools.cache
def _languages(where: tuple[Path, ...]) -> tuple[Lang, ...]:
    found = {path.stem for folder in where if folder.is_dir() for path in folder.glob("*.toml")}
    return tuple(sorted(code for code in found if LANGUAGE_CODE.fullmatch(code)))


def catalogue(lang: Lang) -> dict[str, str]:
    """Every interface text in *lang*, by key (read once per run)."""
    return _catalogue(folders(), lang)


@functools.cache
def _catalogue(where: tuple[Path, ...], lang: Lang) -> dict[str, str]:
    texts: dict[str, str] = {}
    for folder in where:
        path = folder / f"{lang}.toml"
        if path.is_file():
            with path.open("rb") as handle:
                texts.update(tomllib.load(handle))
    return texts


def t(lang: Lang, key: str, /, **values: object) -> str:
    """The interface string *key* in *lang*, filled with *values* (messages among them
    rendered in *lang* too)."""
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(FALLBACK)[key]
    filled = {name: value.render(lang) if isinstance(value, Message) else value
              for name, value in values.items()}
    return text.format(**filled)


def join(lang: Lang, items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in *lang*."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t(lang, 'and')} {items[-1]}"


def parse_lang(value: str, *, source: str) -> Lang:
    """*value* as a language code, or a usage error naming where it came from."""
    code = value.strip().lower()
    if code in languages():
        return code
    raise UsageProblem(msg("bad_lang", source=source, value=value,
                           languages=", ".join(languages())))


def locale_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``ms_MY.UTF-8``
    is ``ms``) when rolequiz has it, else English."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "").strip()
        if value:
            code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
            return code if code in languages() else FALLBACK
    return FALLBACK


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``ROLEQUIZ_LANG``, else the locale's language, else English."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_LANG, "").strip()
    if chosen:
        return parse_lang(chosen, source=ENV_LANG)
    return locale_lang(env)
