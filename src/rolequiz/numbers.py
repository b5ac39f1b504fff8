"""Numbers and dates as a reader of each language writes them: ``8,6`` and
``14 Oktober 2024`` in Indonesian, ``8.6`` and ``October 14, 2024`` in English.

The rules are CLDR's, through Babel, so a third language needs no code.  Babel
is imported on the first number formatted, not at start-up: ``rolequiz --help``
never pays for it.  Machine formats (CSV, JSON, numbers in a workbook) keep
plain numbers and do not come here.
"""

from __future__ import annotations

import functools
from datetime import date as Date
from typing import TYPE_CHECKING

from rolequiz.core.kb.model import Lang
from rolequiz.i18n import FALLBACK

if TYPE_CHECKING:
    from babel.core import Locale


@functools.cache
def _locale(lang: Lang) -> Locale:
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK)  # a language CLDR does not know (a catalogue can add any)


def decimal(value: float, lang: Lang, *, digits: int = 1) -> str:
    """*value* with *digits* decimals, no grouping: ``76,4`` in ``id``, ``76.4`` in ``en``.

    Rounded by Python first, as ``f"{value:.1f}"`` rounds (46.85 is 46.9): Babel would
    round the shortest decimal of the float half to even (46.8), and the same fit would
    read differently in a report and in its JSON.
    """
    from babel.numbers import format_decimal

    pattern = "0." + "0" * digits if digits > 0 else "0"
    return format_decimal(round(value, digits), format=pattern, locale=_locale(lang))


def plain(value: float, lang: Lang) -> str:
    """*value* with the digits Python writes (``76.43``, ``76.0``) and *lang*'s decimal mark
    (``76,43``): a table cell, neither rounded nor padded.  Only the mark comes from CLDR,
    looked up once, so a class of thousands of rows costs no Babel call per cell."""
    return repr(value).replace(".", _decimal_mark(lang))


@functools.cache
def _decimal_mark(lang: Lang) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(_locale(lang))


def long_date(value: Date, lang: Lang) -> str:
    """A date in words: ``14 Oktober 2024``, ``October 14, 2024``."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=_locale(lang))


def written_date(text: str, lang: Lang) -> str:
    """A date from a file (``2024-10-14``) in words; any other text as it is."""
    try:
        value = Date.fromisoformat(text.strip())
    except ValueError:
        return text
    return long_date(value, lang)


def clock(seconds: float) -> str:
    """A duration as a stopwatch shows it, whole seconds: ``0:40``, ``6:00``, ``1:02:03``."""
    whole = max(round(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
