"""The bar charts of the printable reports read whole on paper: long names wrap, numbers
are written as the reader's language writes them."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
LONG_NAMES = FIXTURES / "long-names.yaml"
SHEET = "q1: a\nq2: a\nq3: 5\nq4: 5\nq5: 1\nq6: a\n"
LONG_ROLE = {"en": "Curator of the Natural History, Palaeontology and Mineralogy Collections",
             "id": "Kurator Koleksi Sejarah Alam, Paleontologi dan Mineralogi Nusantara"}
LONG_TRAIT = {"en": "Researching, cataloguing and comparing the objects of the collection",
              "id": "Meneliti, mencatat dan membandingkan benda-benda koleksi museum"}
SHORT_TRAIT = {"en": "Talking with visitors", "id": "Berbicara dengan pengunjung"}
MOST_CHARACTERS = 28
"""What the 230-pixel label column holds on a line at 13 px (about 7.6 px a character)."""

Run = Callable[..., tuple[int, str, str]]


class Labels(HTMLParser):
    """The labels of every chart on a page: each a list of its lines."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: list[list[str]] = []
        self._in_label = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "text" and ("class", "bar-label") in attrs:
            self.labels.append([])
            self._in_label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._in_label = False

    def handle_data(self, data: str) -> None:
        if self._in_label:
            self.labels[-1].append(data)


def label(page: str, name: str) -> list[str]:
    """The lines of the label that reads *name*, once joined."""
    found = [lines for lines in Labels(page).labels if " ".join(lines) == name]
    assert len(found) == 1, Labels(page).labels
    return found[0]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_long_role_name_wraps_whole_in_the_student_report(
    run: Run, tmp_path: Path, lang: str
) -> None:
    """A role name longer than the label column is on several lines, every word kept."""
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(SHEET, encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = run("score", sheet, "--kb", LONG_NAMES, "--lang", lang, "--report", report)
    assert code == 0, err
    lines = label(report.read_text(encoding="utf-8"), LONG_ROLE[lang])
    assert len(lines) >= 3
    assert all(len(line) <= MOST_CHARACTERS for line in lines)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_long_trait_name_wraps_whole_in_the_class_report(
    run: Run, tmp_path: Path, lang: str
) -> None:
    """The class profile chart shows a long trait name whole, on lines that fit its column."""
    answers = tmp_path / "class.csv"
    answers.write_text("student,q1,q2,q3,q4,q5,q6\nAni,a,a,5,5,1,a\nBudi,b,c,2,3,4,b\n",
                       encoding="utf-8")
    report = tmp_path / "class.html"
    code, _, err = run("cohort", answers, "--kb", LONG_NAMES, "--lang", lang, "-o", report)
    assert code == 0, err
    page = report.read_text(encoding="utf-8")
    lines = label(page, LONG_TRAIT[lang])
    assert len(lines) >= 3
    assert all(len(line) <= MOST_CHARACTERS for line in lines)
    assert label(page, SHORT_TRAIT[lang]) == [SHORT_TRAIT[lang]]  # a short one is not broken


@pytest.mark.parametrize(("lang", "comma"), [("en", False), ("id", True)])
def test_chart_values_use_the_languages_decimal_mark(
    run: Run, tmp_path: Path, lang: str, comma: bool
) -> None:
    """Each bar's value reads 76,1 in Indonesian and 76.1 in English."""
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(SHEET, encoding="utf-8")
    report = tmp_path / "report.html"
    assert run("score", sheet, "--kb", LONG_NAMES, "--lang", lang, "--report", report)[0] == 0
    page = report.read_text(encoding="utf-8")
    values = [part.split("<", 1)[0] for part in page.split('font-size="13">')[1:]]
    assert len(values) == 4
    for value in values:
        assert ("," in value) is comma and ("." in value) is not comma, values
