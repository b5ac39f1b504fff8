"""The printable student report: what it says, how it is escaped, and ``--report`` on the CLI.

Expected texts come from the knowledge base, the scoring engine and the
interface strings, never written down by hand (except the two dates), so
these tests follow ``data/roles.yaml`` and fail when the report stops saying
what the results screen says.  Markdown is checked as a reader sees it,
rendered by markdown-it-py (CommonMark, which rich already depends on).
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import string
import sys
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from checks import SAMPLES, Sample, assert_headline, assert_one_error_line, flat, sample
from rolequiz import i18n
from rolequiz.cli import app as cli
from rolequiz.cli import common
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang, Text
from rolequiz.core.student import result as results
from rolequiz.core.student import scoring
from rolequiz.core.student.scoring import Result
from rolequiz.core.student.sheets import Sheet
from rolequiz.export import advice, report
from rolequiz.export import result as words
from rolequiz.text import printable

Answers = dict[str, int]
Run = Callable[..., tuple[int, str, str]]
DAY = date(2024, 10, 14)
SOURCE_DATE = {"en": "October 14, 2024", "id": "14 Oktober 2024"}
"""The article's date (2024-10-14 in the knowledge base), in words."""
HOSTILE = [
    "<script>alert(1)</script>",
    "[bold]x[/]",
    '"><img src=x onerror=alert(1)>',
    "Sari & Budi &amp; &#65; | *bold* _it_ `code`",
    "[link](javascript:alert(1)) ![img](http://example.com/x.png)",
    "# Not a heading",
    "1. not a list",
    "\x1b[31mred\x1b[0m",
]
"""Names and knowledge-base texts that must come out exactly as written."""
MARKDOWN = MarkdownIt("commonmark").enable("table")


# -- helpers -------------------------------------------------------------------


def html_report(kb: KnowledgeBase, result: Result, lang: Lang, *, name: str | None,
                date: date) -> str:
    """The HTML report of *result* for a student called *name*."""
    said = words.content(kb, results.facts(kb, result, lang, name=name))
    return report.html_report(kb, said, date=date)


def markdown_report(kb: KnowledgeBase, result: Result, lang: Lang, *, name: str | None,
                    date: date) -> str:
    """The Markdown report of *result* for a student called *name*."""
    said = words.content(kb, results.facts(kb, result, lang, name=name))
    return report.markdown_report(kb, said, date=date)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return knowledge.load()


VARIED = [drawn for drawn in SAMPLES if drawn[0] == "typical"] + \
    [("mixed", 0, 3), ("mixed", 1, 3), ("mixed", 1, 2)]
"""Samples that name a role and explain it (not flagged; a role fits)."""


def find(kb: KnowledgeBase, wanted: Callable[[Result], bool]) -> Answers:
    """The first sample sheet whose result is *wanted*."""
    for drawn in SAMPLES:
        answers = sample(kb, drawn)
        if wanted(scoring.score(kb, answers)):
            return answers
    raise AssertionError("no sample sheet gives such a result")


def clear(kb: KnowledgeBase) -> Answers:
    return find(kb, lambda r: r.confidence == "clear" and not r.flagged)


def blended(kb: KnowledgeBase) -> Answers:
    return find(kb, lambda r: bool(r.blend) and not r.flagged)


def straight(kb: KnowledgeBase) -> Answers:
    return find(kb, lambda r: r.flagged)


class Page(HTMLParser):
    """An HTML page as a reader sees it: its text, and the tags and attributes in it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.svg_texts: list[str] = []
        self._in_svg_text = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_svg_text = tag in ("text", "tspan")

    def handle_endtag(self, tag: str) -> None:
        self._in_svg_text = False

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._in_svg_text:
            self.svg_texts.append(data)

    @property
    def text(self) -> str:
        """All the text, every run of whitespace one space."""
        return flat("".join(self.texts))


def html_text(kb: KnowledgeBase, answers: Answers, lang: Lang = "en",
              name: str | None = "Sari") -> str:
    return Page(html_report(kb, scoring.score(kb, answers), lang, name=name,
                                   date=DAY)).text


def md_text(kb: KnowledgeBase, answers: Answers, lang: Lang = "en",
            name: str | None = "Sari") -> str:
    """The Markdown report as it reads once rendered."""
    source = markdown_report(kb, scoring.score(kb, answers), lang, name=name, date=DAY)
    return Page(MARKDOWN.render(source)).text


READERS = {"html": html_text, "md": md_text}


def shown(text: str) -> str:
    """How an untrusted *text* must read in a report."""
    return flat(printable(text))


def fixed_words(key: str, lang: Lang) -> list[str]:
    """The literal pieces of an interface string, between its placeholders."""
    pieces = (literal for literal, _, _, _ in string.Formatter().parse(
        i18n.catalogue(lang)[key]))
    return [flat(piece.strip(" :;.,()")) for piece in pieces if len(piece.strip()) > 3]


# -- name, date, language ------------------------------------------------------


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_names_the_student_and_the_date(kb: KnowledgeBase, fmt: str, lang: Lang) -> None:
    """The student's name and the date, both labelled in the report's language."""
    text = READERS[fmt](kb, clear(kb), lang, "Sari Wulandari")
    assert f"{i18n.t(lang, 'report.name')}: Sari Wulandari" in text
    assert f"{i18n.t(lang, 'report.date')}: {report.long_date(DAY, lang)}" in text


@pytest.mark.parametrize(("lang", "written"), [("en", "October 14, 2024"),
                                                ("id", "14 Oktober 2024")])
def test_date_is_written_in_the_reports_language(lang: Lang, written: str) -> None:
    """``long_date`` writes the date in words as the language does (CLDR's long date)."""
    assert report.long_date(DAY, lang) == written


def test_html_date_carries_the_iso_date(kb: KnowledgeBase) -> None:
    """The date is also machine-readable: ``<time datetime="YYYY-MM-DD">``."""
    page = Page(html_report(kb, scoring.score(kb, clear(kb)), "en", name=None, date=DAY))
    assert ("time", {"datetime": "2024-10-14"}) in page.tags


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("name", [None, ""])
def test_report_without_a_name_has_no_name_line(kb: KnowledgeBase, fmt: str,
                                               name: str | None) -> None:
    """No name given: no "Name:" line at all."""
    assert f"{i18n.t('en', 'report.name')}:" not in READERS[fmt](kb, clear(kb), "en", name)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_html_report_declares_its_language(kb: KnowledgeBase, lang: Lang) -> None:
    """``<html lang="id">`` or ``<html lang="en">``, for screen readers and hyphenation."""
    page = Page(html_report(kb, scoring.score(kb, clear(kb)), lang, name=None, date=DAY))
    assert page.tags[0] == ("html", {"lang": lang})


# -- the result ----------------------------------------------------------------


@pytest.mark.parametrize("drawn", SAMPLES)
def test_html_chart_shows_every_roles_fit_from_the_engine(
    kb: KnowledgeBase, drawn: Sample
) -> None:
    """The SVG chart labels are every role, best first, each followed by its engine fit."""
    result = scoring.score(kb, sample(kb, drawn))
    page = Page(html_report(kb, result, "en", name=None, date=DAY))
    expected = []
    for fit in result.ranking:
        expected += [kb.role(fit.role_id).name("en"), f"{fit.fit:.1f}"]
    assert page.svg_texts == expected


@pytest.mark.parametrize("drawn", SAMPLES)
def test_html_chart_highlights_the_roles_of_the_result(
    kb: KnowledgeBase, drawn: Sample
) -> None:
    """The bars of the top role (or of the blend) share one colour, the others another; when
    no role fits, no bar stands out."""
    result = scoring.score(kb, sample(kb, drawn))
    page = Page(html_report(kb, result, "en", name=None, date=DAY))
    rects = [attrs["fill"] for tag, attrs in page.tags if tag == "rect"]
    bars = rects[1::2]  # each role: a background rect, then its bar
    leading = {bars[i] for i, f in enumerate(result.ranking) if f.role_id in result.leading}
    others = {bars[i] for i, f in enumerate(result.ranking) if f.role_id not in result.leading}
    assert len(bars) == len(kb.roles)
    assert len(leading) == (1 if result.leading else 0)  # no role fits: none highlighted
    assert len(others) <= 1
    assert not leading & others


@pytest.mark.parametrize("drawn", SAMPLES)
def test_markdown_table_shows_every_roles_fit_with_a_bar(
    kb: KnowledgeBase, drawn: Sample
) -> None:
    """One table row a role, best first: its name (bold when it leads), a text bar, its fit."""
    result = scoring.score(kb, sample(kb, drawn))
    source = markdown_report(kb, result, "en", name=None, date=DAY)
    rows = [line for line in source.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(result.ranking)
    for row, fit in zip(rows, result.ranking, strict=True):
        name = kb.role(fit.role_id).name("en")
        cell = f"**{name}**" if fit.role_id in result.leading else name
        assert row.startswith(f"| {cell} | `")
        assert row.endswith(f"` {fit.fit:.1f} |")
        filled = row.split("`")[1]
        assert filled.count("█") == round(len(filled) * fit.fit / 100)


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_leads_with_the_headline_of_a_clear_winner(
    kb: KnowledgeBase, fmt: str, lang: Lang
) -> None:
    """A clear winner: "Your best fit: ROLE" and how likely it is; no blend note."""
    answers = clear(kb)
    result = scoring.score(kb, answers)
    assert result.confidence == "clear"
    top = kb.role(result.top.role_id)
    text = READERS[fmt](kb, answers, lang)
    assert i18n.t(lang, "result.best", role=top.name(lang)) in text
    assert i18n.t(lang, "result.margin", first=top.short(lang), chance="{c}", second="{s}",
                  second_chance="{p}").split("{c}")[0] in text
    assert flat(top.metaphor(lang)) in text
    assert not any(words in text for words in fixed_words("result.blend.note", lang))


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_of_a_blend_has_the_blend_headline_and_note(
    kb: KnowledgeBase, fmt: str, lang: Lang
) -> None:
    """A blend: "A mix of A and B", the too-close note, and each blended role's metaphor."""
    answers = blended(kb)
    result = scoring.score(kb, answers)
    text = READERS[fmt](kb, answers, lang)
    assert_headline(text, kb, result, lang)
    roles = i18n.join(lang, [kb.role(r).short(lang) for r in result.blend])
    assert flat(i18n.t(lang, "result.blend.note", roles=roles)) in text
    for role_id in result.blend:
        role = kb.role(role_id)
        assert flat(f"{role.short(lang)}: {role.metaphor(lang)}") in text


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_of_a_straight_lined_sheet_says_it_is_uncertain(
    kb: KnowledgeBase, fmt: str, lang: Lang
) -> None:
    """Almost every answer in one position: not reliable, and what to do."""
    answers = straight(kb)
    assert "same_position" in scoring.score(kb, answers).flags
    assert i18n.t(lang, "result.uncertain") in READERS[fmt](kb, answers, lang)
    unsure = READERS[fmt](kb, clear(kb), lang)
    assert not any(words in unsure for words in fixed_words("result.uncertain", lang))


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_of_careless_answers_points_at_no_role(
    kb: KnowledgeBase, fmt: str, lang: Lang
) -> None:
    """Answers that look careless get no reasons, no role in full and no study programs:
    nothing on the page reads as "you are this role"."""
    answers = straight(kb)
    result = scoring.score(kb, answers)
    assert result.flagged
    text = READERS[fmt](kb, answers, lang)
    top = kb.role(result.top.role_id)
    assert i18n.t(lang, "result.why") not in text
    assert top.summary(lang) not in text
    assert i18n.t(lang, "result.programs") not in text
    assert not any(program.label(lang) in text for program in kb.programs)


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("drawn", VARIED)
def test_report_explains_why_with_the_students_answers(
    kb: KnowledgeBase, fmt: str, drawn: Sample
) -> None:
    """Every deciding dimension, its scores, and each answer behind it, question and option."""
    answers = sample(kb, drawn)
    result = scoring.score(kb, answers)
    text = READERS[fmt](kb, answers)
    top = kb.role(result.top.role_id)
    assert not result.flagged
    assert i18n.t("en", "result.why") in text
    assert result.drivers
    for driver in result.drivers:
        assert i18n.t("en", "result.driver",
                      dimension=kb.dimension(driver.dimension_id).name("en"),
                      score=round(100 * driver.score), role=top.short("en"),
                      target=round(100 * driver.target)) in text
        for item in driver.answers:
            question = kb.question(item.question_id)
            option = question.options[answers[question.id]]
            assert flat(i18n.t("en", "result.evidence", question=question.text("en"),
                               answer=option.text("en"))) in text


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_says_what_the_student_chose_over_the_runner_ups_option(
    kb: KnowledgeBase, fmt: str, lang: Lang
) -> None:
    """The contrast quotes the student's option and the one the runner-up's profile prefers."""
    answers = find(kb, lambda r: not r.flagged and any(d.contrast for d in r.drivers))
    result = scoring.score(kb, answers)
    (contrast,) = [d.contrast for d in result.drivers if d.contrast is not None]
    question = kb.question(contrast.question_id)
    chosen = question.options[answers[question.id]].text(lang)
    other = next(o for o in question.options if o.id == contrast.over_option_id).text(lang)
    runner_up = kb.role(result.ranking[1].role_id).short(lang)
    assert flat(i18n.t(lang, "result.contrast", chosen=chosen.removesuffix("."),
                       other=other.removesuffix("."), role=runner_up)) in READERS[fmt](
        kb, answers, lang)


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_describes_the_top_role_in_full(kb: KnowledgeBase, fmt: str, lang: Lang) -> None:
    """The top role's summary, metaphor, horizon, responsibilities, skills, focus and tools."""
    answers = blended(kb)
    top = kb.role(scoring.score(kb, answers).top.role_id)
    text = READERS[fmt](kb, answers, lang)
    assert flat(top.summary(lang)) in text
    assert flat(f"{i18n.t(lang, 'role.metaphor')}: {top.metaphor(lang)}") in text
    assert flat(f"{i18n.t(lang, 'role.horizon')}: {top.horizon(lang)}") in text
    for key, items in [("role.responsibilities", top.responsibilities),
                       ("role.skills", top.skills), ("role.focus", top.focus),
                       ("role.tools", top.tools)]:
        if items:
            assert i18n.t(lang, key) in text
        for item in items:
            assert flat(item(lang)) in text


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_suggests_the_engines_programs_with_their_reasons(
    kb: KnowledgeBase, fmt: str, lang: Lang
) -> None:
    """Each suggested program, in the engine's order, with the traits it builds."""
    answers = clear(kb)
    result = scoring.score(kb, answers)
    text = READERS[fmt](kb, answers, lang)
    places = []
    for match in result.programs:
        name = flat(kb.program(match.program_id).name(lang))
        assert name in text
        for dimension in match.dimension_ids:
            assert flat(kb.dimension(dimension).name(lang).lower()) in text
        places.append(text.index(name))
    assert result.programs
    assert places == sorted(places)


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_ends_with_next_steps_and_the_article(kb: KnowledgeBase, fmt: str,
                                                     lang: Lang) -> None:
    """What to do next in a student's words, and the article: title, publisher, date,
    author and its sources."""
    answers = clear(kb)
    top = kb.role(scoring.score(kb, answers).top.role_id)
    text = READERS[fmt](kb, answers, lang)
    assert kb.source is not None
    for line in [i18n.t(lang, "result.next"),
                 i18n.t(lang, "report.next.role", role=top.short(lang)),
                 i18n.t(lang, "report.next.compare"),
                 i18n.t(lang, "report.next.programs"),
                 i18n.t(lang, "report.next.talk.students"),
                 i18n.t(lang, "result.next.source", title=kb.source.title,
                        publisher=kb.source.publisher, date=SOURCE_DATE[lang]),
                 i18n.t(lang, "report.source.author", author=kb.source.author),
                 *kb.source.references]:
        assert flat(line) in text


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_names_the_strengths_that_decided_the_result(kb: KnowledgeBase, fmt: str,
                                                           lang: Lang) -> None:
    """The result is explained in one sentence by the student's strongest deciding traits."""
    answers = clear(kb)
    result = scoring.score(kb, answers)
    text = READERS[fmt](kb, answers, lang)
    traits = [kb.dimension(d.dimension_id).name(lang).lower() for d in result.drivers]
    assert traits
    sentence = i18n.t(lang, "report.strengths", strengths=i18n.join(lang, traits),
                      role=kb.role(result.top.role_id).short(lang))
    assert flat(sentence) in text


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_gives_next_steps_without_command_lines(kb: KnowledgeBase, fmt: str,
                                                       lang: Lang) -> None:
    """A student reads what to do next in plain words: no command to type, no option."""
    text = READERS[fmt](kb, clear(kb), lang)
    assert "rolequiz roles" not in text
    assert "rolequiz compare" not in text
    assert "--save" not in text


@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_of_careless_answers_asks_to_take_the_quiz_again(kb: KnowledgeBase,
                                                                lang: Lang) -> None:
    """No reliable result: no strengths are claimed, and the first next step is the quiz
    again."""
    said = words.content(kb, results.facts(kb, scoring.score(kb, straight(kb)), lang,
                                            name="Sari"))
    assert said.advice.strengths == ()
    assert said.advice.steps == ("again", "talk")
    assert advice.strengths(kb, said.advice, lang) is None
    first = advice.steps(kb, said.advice, lang)[0]
    assert first == i18n.t(lang, "report.next.again")
    assert flat(first) in html_text(kb, straight(kb), lang)


def test_the_advice_of_a_clear_result_is_facts_in_no_language(kb: KnowledgeBase) -> None:
    """A clear result's advice is its deciding traits and its role by id, and steps by code:
    read about the role, compare, the programs, talk it over; the same in every language."""
    result = scoring.score(kb, clear(kb))
    said = {lang: results.facts(kb, result, lang).advice for lang in ("en", "id")}
    assert said["en"] == said["id"]
    assert said["en"].strengths == tuple(d.dimension_id for d in result.drivers) != ()
    assert said["en"].leading == (result.top.role_id,)
    assert said["en"].steps == ("role", "compare", "programs", "talk")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_says_where_the_study_programs_come_from(kb: KnowledgeBase, lang: Lang) -> None:
    """The programs are credited to the knowledge base's source, in its own words."""
    assert kb.source is not None and kb.source.kind is not None
    text = html_text(kb, clear(kb), lang)
    assert flat(i18n.t(lang, "report.programs.source.kind", kind=kb.source.kind(lang),
                       title=kb.source.title, publisher=kb.source.publisher,
                       date=SOURCE_DATE[lang])) in text


def test_report_without_a_source_credits_no_one_for_the_programs() -> None:
    """A knowledge base with no ``source`` gets no sentence about where programs come from."""
    four = knowledge.load(Path(__file__).parent.parent / "fixtures" / "four-roles.yaml")
    assert four.source is None
    answers = {q.id: 0 for q in four.questions}
    said = words.content(four, results.facts(four, scoring.score(four, answers), "en",
                                            name="Sari"))
    page = report.html_report(four, said, date=DAY)
    assert said.programs_source is None
    for key in ("report.programs.source", "report.programs.source.kind"):
        assert i18n.t("en", key, kind="", title="", publisher="", date="")[:20] not in page


# -- safety ----------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_name_appears_as_text_in_html(kb: KnowledgeBase, name: str) -> None:
    """A name with markup reads literally; it adds no tag, no attribute and no control byte."""
    result = scoring.score(kb, clear(kb))
    markup = html_report(kb, result, "en", name=name, date=DAY)
    plain = html_report(kb, result, "en", name="Sari", date=DAY)
    page, plain_page = Page(markup), Page(plain)
    assert f"{i18n.t('en', 'report.name')}: {shown(name)}" in page.text
    assert [tag for tag, _ in page.tags] == [tag for tag, _ in plain_page.tags]
    assert "\x1b" not in markup


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_name_appears_as_text_in_markdown(kb: KnowledgeBase, name: str) -> None:
    """Rendered, the Markdown report shows the name as written and gains no link, tag or image."""
    result = scoring.score(kb, clear(kb))
    rendered = MARKDOWN.render(markdown_report(kb, result, "en", name=name, date=DAY))
    plain = MARKDOWN.render(markdown_report(kb, result, "en", name="Sari", date=DAY))
    page = Page(rendered)
    assert f"{i18n.t('en', 'report.name')}: {shown(name)}" in page.text
    assert [tag for tag, _ in page.tags] == [tag for tag, _ in Page(plain).tags]
    assert "\x1b" not in rendered


def hostile_kb(kb: KnowledgeBase, text: str) -> KnowledgeBase:
    """*kb* with every role's name, short name and metaphor, and the title, set to *text*."""
    hostile = Text.of(id=text, en=text)
    roles = tuple(role._replace(name=Text.of(id=f"{text} {role.id}", en=f"{text} {role.id}"),
                                short=hostile, metaphor=hostile) for role in kb.roles)
    return dataclasses.replace(kb, roles=roles, title=hostile)


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_knowledge_base_texts_appear_as_text(kb: KnowledgeBase, fmt: str,
                                                     text: str) -> None:
    """Role names, metaphors and the title from a hostile knowledge base read literally."""
    bad = hostile_kb(kb, text)
    answers = clear(kb)
    top = scoring.score(bad, answers).top.role_id
    reader = READERS[fmt]
    shown_text = reader(bad, answers)
    assert shown(bad.title("en")) in shown_text
    assert f"{i18n.t('en', 'role.metaphor')}: {shown(text)}" in shown_text
    assert shown(bad.role(top).name("en")) in shown_text
    source = (html_report if fmt == "html" else markdown_report)(
        bad, scoring.score(bad, answers), "en", name=None, date=DAY)
    rendered = source if fmt == "html" else MARKDOWN.render(source)
    assert "<script" not in rendered
    assert "<img" not in rendered


@given(st.text(max_size=40))
@example("- a list item")
@example("+ a list item")
@example("= a setext underline")
@example("2024. an ordered item")
@example("3) an ordered item")
@example("# a heading")
@example("> a quote")
@example("--- a rule")
@example("[a link](http://example.com) and ![an image](x.png)")
@example("<b>bold</b> &amp; &#65; `code` *em* _em_ ~~strike~~ a | b \\ back")
def test_markdown_escaping_reads_back_as_the_text(text: str) -> None:
    """For any text, ``md(text)`` renders as one paragraph that reads as the text."""
    page = Page(MARKDOWN.render(report.md(text)))
    assert page.text == shown(text)
    assert {tag for tag, _ in page.tags} <= {"p"}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("drawn", SAMPLES)
def test_html_report_is_self_contained(kb: KnowledgeBase, lang: Lang,
                                       drawn: Sample) -> None:
    """No script, no link, no loaded resource; "http" only in the SVG namespace and the
    article's own sources."""
    markup = html_report(kb, scoring.score(kb, sample(kb, drawn)), lang,
                                name="Sari", date=DAY)
    page = Page(markup)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "a", "base"}
    assert not any(key in attrs for _, attrs in page.tags for key in ("src", "href"))
    assert not re.search(r"url\(|@import", markup, re.IGNORECASE)
    rest = markup.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert kb.source is not None
    for reference in kb.source.references:
        rest = rest.replace(report.h(reference), "")
    assert "http" not in rest.lower()


def test_html_report_styles_live_in_the_head(kb: KnowledgeBase) -> None:
    """One ``<style>`` in the head, with the report's print rules (pages break between
    sections, not inside them)."""
    markup = html_report(kb, scoring.score(kb, clear(kb)), "en", name=None, date=DAY)
    head = markup[:markup.index("</head>")]
    assert markup.count("<style>") == 1
    assert "@page { size: A4" in head
    assert report.REPORT_CSS in head


# -- the format from the extension -------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("r.html", "html"), ("R.HTM", "html"),
                                           ("r.md", "md"), ("r.Markdown", "md")])
def test_report_format_follows_the_extension(name: str, fmt: str) -> None:
    """.html and .htm are HTML, .md and .markdown Markdown, in any case."""
    assert report.format_for(Path(name), "en") == fmt


# -- the command line ----------------------------------------------------------


@pytest.fixture
def run(run: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The shared ``run`` (see conftest.py), on :data:`DAY`."""
    monkeypatch.setattr(common, "today", lambda: DAY)
    return run


def by_id(kb: KnowledgeBase, answers: Answers) -> dict[str, str]:
    return {q.id: q.options[answers[q.id]].id for q in kb.questions}


@pytest.fixture
def sheet(tmp_path: Path, kb: KnowledgeBase) -> tuple[Path, Answers]:
    """A named answer sheet with a clear winner, and its answers."""
    answers = clear(kb)
    path = tmp_path / "sheet.yaml"
    path.write_text(yaml.safe_dump({"name": "Sari", "answers": by_id(kb, answers)}),
                    encoding="utf-8")
    return path, answers


@pytest.mark.parametrize("lang", ["en", "id"])
def test_score_writes_the_html_report_and_says_where(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], kb: KnowledgeBase, lang: Lang
) -> None:
    """``score S --report out.html``: the result on screen, the report in the file, one line
    on stderr naming it."""
    path, answers = sheet
    out_file = tmp_path / "out.html"
    code, out, err = run("score", path, "--report", out_file, "--lang", lang)
    assert code == 0
    result = scoring.score(kb, answers)
    written = Page(out_file.read_text(encoding="utf-8")).text
    assert_headline(written, kb, result, lang)
    assert "Sari" in written
    assert_headline(out, kb, result, lang)
    assert err == i18n.t(lang, "report.written", path=out_file) + "\n"


def test_quiz_with_answers_writes_markdown_and_prints_json(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], kb: KnowledgeBase
) -> None:
    """``quiz --answers S --report out.md --json``: the JSON on stdout and the Markdown report."""
    path, answers = sheet
    out_file = tmp_path / "out.md"
    code, out, _ = run("quiz", "--answers", path, "--report", out_file, "--json")
    assert code == 0
    result = scoring.score(kb, answers)
    assert json.loads(out) == json.loads(run("score", path, "--json")[1])
    written = out_file.read_text(encoding="utf-8")
    assert written.startswith("# Quiz report\n")
    assert_headline(written, kb, result, "en")


@pytest.mark.parametrize("filename", ["out.html", "out.md"])
def test_quiz_with_answers_and_score_write_the_same_report(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], filename: str
) -> None:
    """The report of ``quiz --answers S`` is byte for byte the one of ``score S``."""
    path, _ = sheet
    (tmp_path / "quiz").mkdir()
    (tmp_path / "score").mkdir()
    assert run("quiz", "--answers", path, "--report", tmp_path / "quiz" / filename)[0] == 0
    assert run("score", path, "--report", tmp_path / "score" / filename)[0] == 0
    assert (tmp_path / "quiz" / filename).read_bytes() == \
        (tmp_path / "score" / filename).read_bytes()


def test_report_goes_with_save_and_the_name_option(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers]
) -> None:
    """``--save`` and ``--report`` together: both written; ``--name`` is on the report."""
    path, _ = sheet
    code, _, _ = run("quiz", "--answers", path, "--save", tmp_path / "saved.yaml",
                       "--report", tmp_path / "r.html", "--name", "Budi")
    assert code == 0
    assert "Budi" in Page((tmp_path / "r.html").read_text(encoding="utf-8")).text
    assert yaml.safe_load((tmp_path / "saved.yaml").read_text(encoding="utf-8"))["name"] == "Budi"


def test_report_is_dated_today_by_default(
    tmp_path: Path, sheet: tuple[Path, Answers], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a fixed date, the report carries the day it was written."""
    path, _ = sheet
    before = date.today()
    with pytest.raises(SystemExit) as exited:
        cli.main(["score", str(path), "--report", str(tmp_path / "r.html"), "--lang", "en"])
    after = date.today()
    capsys.readouterr()
    assert exited.value.code in (0, None)
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f'datetime="{before.isoformat()}"' in text or f'datetime="{after.isoformat()}"' in text


@pytest.mark.parametrize("command", ["quiz", "score"])
def test_existing_report_is_kept_without_force(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], command: str
) -> None:
    """An existing report file: exit 2, one line naming it and ``--force``; file untouched."""
    path, _ = sheet
    existing = tmp_path / "old.html"
    existing.write_text("keep me", encoding="utf-8")
    args = ["--answers", path] if command == "quiz" else [path]
    line = assert_one_error_line(*run(command, *args, "--report", existing))
    assert str(existing) in line
    assert "--force" in line
    assert existing.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("command", ["quiz", "score"])
def test_force_replaces_an_existing_report(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], command: str
) -> None:
    """With ``--force`` the existing file is replaced by the report."""
    path, _ = sheet
    existing = tmp_path / "old.md"
    existing.write_text("old", encoding="utf-8")
    args = ["--answers", path] if command == "quiz" else [path]
    assert run(command, *args, "--report", existing, "--force")[0] == 0
    assert existing.read_text(encoding="utf-8").startswith(f"# {i18n.t('en', 'report.heading')}")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("filename", ["out.txt", "out.pdf", "out", "out.html.bak"])
def test_report_with_an_unknown_extension_is_one_error_line(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], filename: str, lang: Lang
) -> None:
    """Not .html or .md: exit 2, one line (in the language) naming the file; nothing written."""
    path, _ = sheet
    line = assert_one_error_line(*run("score", path, "--report", tmp_path / filename,
                                      "--lang", lang))
    assert str(tmp_path / filename) in line
    assert all(words in line for words in fixed_words("report.bad_extension", lang))
    assert not (tmp_path / filename).exists()


@pytest.mark.parametrize("command", ["quiz", "score"])
def test_report_into_a_missing_folder_is_one_error_line(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], command: str
) -> None:
    """A report in a folder that does not exist: exit 2, one line naming the folder;
    no answers saved either."""
    path, _ = sheet
    folder = tmp_path / "no" / "such"
    args = ["--answers", path, "--save", tmp_path / "s.yaml"] if command == "quiz" else [path]
    line = assert_one_error_line(*run(command, *args, "--report", folder / "r.html"))
    assert str(folder) in line
    assert not folder.exists()
    assert not (tmp_path / "s.yaml").exists()


@pytest.mark.parametrize("command", ["quiz --save", "quiz --answers", "score"])
def test_report_never_replaces_the_answer_sheet(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], command: str
) -> None:
    """``--report`` naming the sheet read or saved is refused, even with ``--force``."""
    path, _ = sheet
    same = tmp_path / "answers.md"
    same.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    before = same.read_bytes()
    args = {"quiz --save": ["quiz", "--answers", path, "--save", same],
            "quiz --answers": ["quiz", "--answers", same],
            "score": ["score", same]}[command]
    line = assert_one_error_line(*run(*args, "--report", tmp_path / "." / "answers.md",
                                      "--force"))
    assert "answers.md" in line
    assert same.read_bytes() == before


class Terminal(io.StringIO):
    """Standard input that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """``rolequiz quiz`` believes it runs at a terminal (the prompts themselves are replaced)."""
    monkeypatch.setattr(sys, "stdin", Terminal())


@pytest.mark.usefixtures("at_a_terminal")
@pytest.mark.parametrize("bad", ["no/r.html", "r.docx", "taken.html"])
def test_bad_report_path_is_refused_before_the_first_question(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    """At a terminal, ``quiz --report`` with a bad path fails before any question is asked."""
    from rolequiz.terminal import prompts

    started: list[bool] = []
    monkeypatch.setattr(prompts, "run", lambda *args, **kwargs: started.append(True) or {})
    (tmp_path / "taken.html").write_text("x", encoding="utf-8")
    assert_one_error_line(*run("quiz", "--report", tmp_path / bad))
    assert started == []


@pytest.mark.usefixtures("at_a_terminal")
def test_interactive_quiz_writes_the_report_after_the_last_answer(
    run: Run, tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answers given at the prompts: the report is theirs, with the ``--name`` given."""
    from rolequiz.terminal import prompts

    answers = blended(kb)
    monkeypatch.setattr(prompts, "run", lambda *args, **kwargs: Sheet(dict(answers)))
    code, _, err = run("quiz", "--report", tmp_path / "r.md", "--name", "Sari")
    assert code == 0
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump({"name": "Sari", **by_id(kb, answers)}), encoding="utf-8")
    assert run("score", sheet, "--report", tmp_path / "scored.md")[0] == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == (
        tmp_path / "scored.md").read_text(encoding="utf-8")
    assert i18n.t("en", "report.written", path=tmp_path / "r.md") in err.splitlines()


@pytest.mark.usefixtures("at_a_terminal")
def test_answers_are_saved_even_when_the_report_cannot_be_written(
    run: Run, tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the report file appears during the quiz, exit 2, but ``--save`` kept every answer."""
    from rolequiz.core.student import sheets
    from rolequiz.terminal import prompts

    planned = clear(kb)
    target = tmp_path / "r.html"

    def play(knowledge_base: KnowledgeBase, lang: Lang, *, on_answer: Any,
             sheet: Sheet | None = None) -> Sheet:
        given: Answers = {}
        for question in knowledge_base.questions:
            given[question.id] = planned[question.id]
            on_answer(Sheet(dict(given)))
        target.write_text("someone else's", encoding="utf-8")
        return Sheet(given)

    monkeypatch.setattr(prompts, "run", play)
    code, _, err = run("quiz", "--save", tmp_path / "s.yaml", "--report", target)
    assert code == 2
    assert str(target) in err.splitlines()[-1]
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert sheets.load(tmp_path / "s.yaml", kb).answers == planned
