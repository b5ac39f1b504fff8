"""``rolequiz compare -o FILE`` for a staff meeting: a workbook ready to print, bullets
where a cell lists several items, words where the knowledge base gives nothing, and the
summary and the metaphor on request.

Expected texts are written out here or read from the knowledge base, never from
:mod:`rolequiz.core.roles.compare`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from rolequiz.cli import common
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang

Run = Callable[..., tuple[int, str, str]]
FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"
NOT_NAMED = {"en": "not named in the article", "id": "tidak disebut dalam artikel"}
NOT_GIVEN = {"en": "not given", "id": "tidak ada keterangan"}
TITLE = {"en": "The roles side by side", "id": "Perbandingan peran"}
DATE = {"en": "Date: November 30, 2026", "id": "Tanggal: 30 November 2026"}
SOURCE_DATE = {"en": "October 14, 2024", "id": "14 Oktober 2024"}
METAPHOR = {"en": "In the article's words", "id": "Menurut artikel"}
SUMMARY = {"en": "In short", "id": "Singkatnya"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workbooks are dated 30 November 2026."""
    monkeypatch.setattr(common, "today", lambda: date(2026, 11, 30))


def workbook(run: Run, tmp_path: Path, *args: str | Path) -> Worksheet:
    path = tmp_path / "roles.xlsx"
    code, _, err = run("compare", "-o", path, *args)
    assert code == 0, err
    sheet = openpyxl.load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return sheet


def row_values(sheet: Worksheet, row: int) -> list[object]:
    return [cell.value for cell in sheet[row]]


# -- the workbook on paper ---------------------------------------------------------


def test_workbook_prints_landscape_one_page_wide_with_the_header_on_every_page(
    run: Run, tmp_path: Path
) -> None:
    """Landscape A4, fitted to one page wide (any length), the header row repeated."""
    sheet = workbook(run, tmp_path, "--lang", "en")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$5:$5"
    assert row_values(sheet, 5)[0] == "Aspect"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_workbook_starts_with_title_date_and_source(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """Above the table: the title in large bold type, the date in words, the source."""
    sheet = workbook(run, tmp_path, "--lang", lang)
    assert kb.source is not None
    assert sheet["A1"].value == TITLE[lang]
    assert sheet["A1"].font.b and sheet["A1"].font.sz >= 14
    assert sheet["A2"].value == DATE[lang]
    source = str(sheet["A3"].value)
    assert kb.source.title in source and SOURCE_DATE[lang] in source
    assert sheet["A4"].value is None


def test_workbook_of_a_knowledge_base_without_source_names_none(
    run: Run, tmp_path: Path
) -> None:
    """No source: the title and the date only, then the table."""
    sheet = workbook(run, tmp_path, "--kb", FOUR_ROLES, "--lang", "en")
    assert [sheet["A1"].value, sheet["A2"].value, sheet["A3"].value] == \
        [TITLE["en"], DATE["en"], None]
    assert row_values(sheet, 4)[0] == "Aspect"
    assert sheet.print_title_rows == "$4:$4"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_workbook_bullets_several_items_and_not_one(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """A cell with several items has one line each after a bullet; a single item has none."""
    sheet = workbook(run, tmp_path, "--lang", lang, "--aspects", "tools,horizon")
    officer, specialist = kb.roles[0], kb.roles[1]
    tools = row_values(sheet, 6)
    assert tools[1] == "\n".join("• " + tool(lang) for tool in officer.tools)
    assert len(specialist.tools) == 1 and tools[2] == specialist.tools[0](lang)
    assert row_values(sheet, 7)[1] == officer.horizon(lang)


# -- empty cells -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "md", "html"])
def test_an_aspect_the_article_does_not_give_says_so_in_every_format(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang, fmt: str
) -> None:
    """The strategist's tools (the article names none) read 'not named in the article'."""
    strategist = kb.roles[2]
    assert strategist.tools == ()
    path = tmp_path / f"roles.{fmt}"
    code, _, err = run("compare", "-o", path, "--lang", lang, "--aspects", "tools",
                       "--roles", strategist.id)
    assert code == 0, err
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        assert isinstance(sheet, Worksheet)
        cells = [sheet.cell(row, 2).value for row in range(1, 8)]
    elif fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells = [row[1] for row in csv.reader(handle)]
    else:
        cells = [path.read_text(encoding="utf-8")]
    assert any(NOT_NAMED[lang] in str(cell) for cell in cells)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_empty_cell_is_neutral_without_a_source(run: Run, lang: Lang) -> None:
    """A knowledge base without a source says 'not given', and nothing about an article."""
    code, out, _ = run("compare", "--kb", FOUR_ROLES, "--lang", lang, "--aspects", "tools",
                       "--format", "md")
    assert code == 0
    assert NOT_GIVEN[lang] in out
    assert NOT_NAMED[lang] not in out


def test_the_terminal_says_so_too_at_60_columns(
    run: Run, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a narrow screen, in Indonesian, the empty cell reads 'tidak disebut dalam artikel'."""
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run("compare", "--lang", "id", "--aspects", "tools")
    assert code == 0
    assert NOT_NAMED["id"] in out
    assert max(len(line) for line in out.splitlines()) <= 60


# -- plain tables ------------------------------------------------------------------


def test_csv_and_json_stay_plain(run: Run, kb: KnowledgeBase) -> None:
    """csv keeps an item per line without bullets; json keeps lists (an empty one empty)."""
    out = run("compare", "--format", "csv", "--aspects", "tools")[1]
    assert "•" not in out
    officer = kb.roles[0]
    assert "\n".join(t("en") for t in officer.tools) in out.replace("\r\n", "\n")
    doc = json.loads(run("compare", "--format", "json", "--aspects", "tools")[1])
    assert doc["cells"]["tools"][officer.id] == [t("en") for t in officer.tools]
    assert doc["cells"]["tools"][kb.roles[2].id] == []
    assert doc["not_given"] == NOT_NAMED["en"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_markdown_and_html_bullet_several_items(
    run: Run, kb: KnowledgeBase, lang: Lang
) -> None:
    """Markdown: '• ' before each item, joined by <br>; HTML: a list."""
    officer = kb.roles[0]
    md = run("compare", "--format", "md", "--lang", lang, "--aspects", "tools")[1]
    assert "<br>".join("• " + t(lang) for t in officer.tools) in md
    page = run("compare", "--format", "html", "--lang", lang, "--aspects", "tools")[1]
    assert "<ul>" + "".join(f"<li>{t(lang)}</li>" for t in officer.tools) + "</ul>" in page


# -- more aspects ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_summary_and_metaphor_are_offered(run: Run, kb: KnowledgeBase, lang: Lang) -> None:
    """``--aspects summary,metaphor``: each role's one-line summary and the article's words."""
    doc = json.loads(run("compare", "--format", "json", "--lang", lang,
                         "--aspects", "summary,metaphor")[1])
    assert doc["aspects"] == [{"id": "summary", "label": SUMMARY[lang]},
                              {"id": "metaphor", "label": METAPHOR[lang]}]
    for role in kb.roles:
        assert doc["cells"]["summary"][role.id] == [role.summary(lang)]
        assert doc["cells"]["metaphor"][role.id] == [role.metaphor(lang)]


def test_the_default_is_still_the_articles_table(run: Run) -> None:
    """Without ``--aspects`` the six aspects of the article's table, not the new two."""
    doc = json.loads(run("compare", "--format", "json")[1])
    assert [a["id"] for a in doc["aspects"]] == \
        ["responsibilities", "skills", "focus", "tools", "horizon", "programs"]


def test_the_metaphor_is_plainly_labelled_without_a_source(run: Run) -> None:
    """A knowledge base without a source labels the row 'Metaphor'."""
    doc = json.loads(run("compare", "--format", "json", "--kb", FOUR_ROLES,
                         "--aspects", "metaphor")[1])
    assert doc["aspects"] == [{"id": "metaphor", "label": "Metaphor"}]


def test_help_lists_the_new_aspects(run: Run) -> None:
    """``compare --help`` names summary and metaphor among the aspects."""
    out = run("compare", "--help")[1]
    assert "summary" in out and "metaphor" in out


@pytest.mark.parametrize(("lang", "footer"), [("en", "&CPage &P of &N"),
                                              ("id", "&CHalaman &P dari &N")])
def test_workbook_numbers_its_pages_in_the_footer(
    run: Run, tmp_path: Path, lang: Lang, footer: str
) -> None:
    """Each printed page says "Page 2 of 3" at its foot, in the reader's language."""
    sheet = workbook(run, tmp_path, "--lang", lang)
    assert sheet.oddFooter.center.text == footer.removeprefix("&C")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_workbook_has_the_summary_row_first_unless_aspects_are_chosen(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """Without ``--aspects`` the workbook's first row is each role in short; with them, only
    the aspects asked for."""
    sheet = workbook(run, tmp_path, "--lang", lang)
    first = row_values(sheet, 6)
    assert first[0] == SUMMARY[lang]
    assert first[1] == kb.roles[0].summary(lang)
    chosen = workbook(run, tmp_path, "--lang", lang, "--aspects", "tools", "--force")
    assert row_values(chosen, 6)[0] != SUMMARY[lang]
    assert chosen.max_row == 6
