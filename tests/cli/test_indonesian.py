"""The Indonesian catalogue reads as a native reader writes: the words a school uses,
one way of addressing the student, numbers with a decimal comma."""

from __future__ import annotations

import re

import pytest

from rolequiz import i18n

STIFF = {
    "kepala": "a CSV header is a 'judul kolom', not a 'kepala' (head)",
    "skor kamu": "the student is addressed with -mu: 'skormu'",
    "hasil kamu": "'Hasilmu', as 'jawabanmu' and 'skormu'",
    "menyiapkan untuk": "a program 'membekali calon …', it does not 'menyiapkan untuk' a role",
    "jawabanmu tampak tidak dibaca": "it is the questions that were not read",
    "jawabannya tidak tampak dibaca": "it is the questions that were not read",
    "terlalu dekat untuk dipilih": "peluangnya 'terlalu berimbang', not 'too close' word for word",
    "rolequiz punya": "the languages 'yang tersedia'",
}


@pytest.mark.parametrize("phrase", sorted(STIFF))
def test_no_stiff_or_wrong_phrase(phrase: str) -> None:
    """None of the phrases a native reader found stiff or wrong is back."""
    texts = [text.lower() for text in i18n.catalogue("id").values()]
    assert not [text for text in texts if phrase in text], STIFF[phrase]


def test_a_header_is_a_judul_kolom() -> None:
    """The messages about a class file's first row call it 'judul kolom'."""
    assert "judul kolom" in i18n.t("id", "cohort.no_student_column", span="q01–q20")
    assert "judul kolom" in i18n.t("id", "cohort.empty", span="q01–q20")


def test_numbers_in_the_catalogue_use_a_decimal_comma() -> None:
    """A decimal written in an Indonesian text has a comma: 'Alfa 0,7'."""
    decimals = [match for text in i18n.catalogue("id").values()
                for match in re.findall(r"\b\d+[.,]\d+\b", text)]
    assert decimals
    assert all("," in number for number in decimals), decimals


def test_the_typo_hint_is_indonesian() -> None:
    """'did you mean --output?' reads 'mungkin maksudnya --output?'."""
    assert i18n.t("id", "usage.did_you_mean", suggestion="--output") == \
        "mungkin maksudnya --output?"
