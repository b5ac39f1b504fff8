"""Interface strings in every language, and how the language is chosen."""

from __future__ import annotations

import string

import pytest

from rolequiz import i18n
from rolequiz.errors import UsageProblem

LANGUAGES = i18n.languages()


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a format string fills in."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


KEYS = sorted(set().union(*(i18n.catalogue(lang) for lang in LANGUAGES)))
HELP_KEYS = [key for key in KEYS if key.startswith("help.")]


@pytest.mark.parametrize("key", KEYS)
def test_every_text_is_in_every_catalogue(key: str) -> None:
    """Each interface text exists, non-empty, in the catalogue of every language."""
    assert all(i18n.catalogue(lang).get(key, "").strip() for lang in LANGUAGES)


@pytest.mark.parametrize("key", KEYS)
def test_every_language_fills_the_same_placeholders(key: str) -> None:
    """Every language's text of a key takes the same ``{placeholders}``."""
    assert len({frozenset(placeholders(i18n.catalogue(lang)[key])) for lang in LANGUAGES}) == 1


@pytest.mark.parametrize("key", HELP_KEYS)
def test_help_texts_differ_between_languages(key: str) -> None:
    """A help text is translated, not copied: the two languages differ."""
    assert i18n.catalogue("id")[key] != i18n.catalogue("en")[key]


def test_t_fills_in_the_values() -> None:
    """``t`` picks the language and fills the placeholders."""
    assert i18n.t("id", "saved", path="a.yaml") == "Jawaban disimpan di a.yaml"
    assert i18n.t("en", "saved", path="a.yaml") == "Answers saved to a.yaml"


@pytest.mark.parametrize(("items", "lang", "joined"), [
    ([], "en", ""),
    (["A"], "en", "A"),
    (["A", "B"], "en", "A and B"),
    (["A", "B", "C"], "id", "A, B dan C"),
])
def test_join_lists_in_each_language(items: list[str], lang: str, joined: str) -> None:
    """``join`` writes 'A, B and C' with the language's word for "and"."""
    assert i18n.join(lang, items) == joined  # type: ignore[arg-type]


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "en"),
    ({"LANG": "id_ID.UTF-8"}, "id"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "id_ID", "LANG": "en_US.UTF-8"}, "id"),
    ({"LC_MESSAGES": "en_US", "LANG": "id_ID.UTF-8"}, "en"),
    ({"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"}, "id"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "id_ID", "LANG": "id_ID"}, "en"),
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "id_ID"}, "id"),
    ({"ROLEQUIZ_LANG": "en", "LC_ALL": "id_ID.UTF-8"}, "en"),
    ({"ROLEQUIZ_LANG": "id", "LC_ALL": "en_US.UTF-8"}, "id"),
    ({"ROLEQUIZ_LANG": " ID ", "LANG": "en_US"}, "id"),
    ({"ROLEQUIZ_LANG": "", "LANG": "id_ID"}, "id"),
])
def test_default_language_order(environ: dict[str, str], lang: str) -> None:
    """ROLEQUIZ_LANG, then LC_ALL, LC_MESSAGES and LANG (``id_ID`` is ``id``), then English."""
    assert i18n.default_lang(environ) == lang


def test_unknown_rolequiz_lang_is_a_usage_problem() -> None:
    """``ROLEQUIZ_LANG=xx`` is refused, naming the variable and the value."""
    with pytest.raises(UsageProblem, match=r"ROLEQUIZ_LANG: unknown language 'xx'"):
        i18n.default_lang({"ROLEQUIZ_LANG": "xx", "LANG": "id_ID"})


@pytest.mark.parametrize("value", ["fr", "", "indonesian", "e n"])
def test_parse_lang_refuses_a_language_without_a_catalogue(value: str) -> None:
    """Only the languages with a catalogue (``id`` and ``en`` shipped) are languages."""
    with pytest.raises(UsageProblem, match="--lang"):
        i18n.parse_lang(value, source="--lang")


@pytest.mark.parametrize(("value", "lang"), [("id", "id"), ("EN", "en"), (" Id\n", "id")])
def test_parse_lang_accepts_any_case_and_spaces(value: str, lang: str) -> None:
    """``EN`` and `` Id `` are English and Indonesian."""
    assert i18n.parse_lang(value, source="--lang") == lang
