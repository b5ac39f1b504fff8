"""How the readers compare and quote what a class file says: a header's or a cell's text
made comparable (:func:`normal`), cut short for a message (:func:`shortened`), and the
column names the catalogues list in every language (:func:`words`).

Both the plain reader (:mod:`rolequiz.core.cohort.read.reader`) and the form reader
(:mod:`rolequiz.core.cohort.read.forms`) need these; here, they import each other in
one direction only (reader → forms).  Pure: nothing here prints.
"""

from __future__ import annotations

import re
import unicodedata

from rolequiz.core.kb.model import Question
from rolequiz.errors import Phrased, msg

STUDENT = "student"
"""The name column of a plain class file (other names: the catalogues' ``forms.match.name``)."""
SHORT = 40
"""Characters of a question's text named in an error, before an ellipsis."""
_BETWEEN_WORDS = re.compile(r"[\W_]+")
"""Punctuation, symbols and spaces: anything but letters and digits, in any script."""


def normal(text: str) -> str:
    """*text* as it is compared: NFKC, case folded, every run of punctuation, symbols
    (quotes among them) and spaces made one space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _BETWEEN_WORDS.sub(" ", folded).strip()


def shortened(text: str, size: int = SHORT) -> str:
    """The start of *text*, cut at a word, with an ellipsis when something is left out."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    cut = text[:size].rsplit(" ", 1)[0] if " " in text[:size] else text[:size]
    return cut.rstrip(" ,.;:") + "…"


def text_of(question: Question) -> Phrased:
    """The start of *question*'s text, in the language of whoever reads it."""
    return Phrased(lambda lang: shortened(question.text(lang)))


def words(key: str) -> frozenset[str]:
    """The names a catalogue's list *key* (``a|b|c``) gives, in every language, normalised."""
    found = {normal(word) for said in msg(key).in_every_language()
             for word in said.split("|")}
    return frozenset(found - {""})
