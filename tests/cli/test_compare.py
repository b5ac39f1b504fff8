"""``rolequiz compare``: the roles side by side, in the terminal and in files.

Expected cells are read from the knowledge base (``Role`` attributes and
``programs``), never from :mod:`rolequiz.core.roles.compare` itself, so a test fails when
the comparison stops saying what the knowledge base says.

Golden files
------------
``tests/golden/compare.*`` hold the exact bytes ``rolequiz compare -o FILE``
writes for the shipped knowledge base.  After an intended change (a text in
``data/roles.yaml``, a label in ``i18n.py``, the CSS in ``tables.py``)
regenerate them and review the difference::

    ROLEQUIZ_UPDATE_GOLDEN=1 python -m pytest tests/cli/test_compare.py
    git diff tests/golden

Without ``ROLEQUIZ_UPDATE_GOLDEN=1`` a missing or different golden file is a
failure (with a diff), never a silent rewrite; with it, the golden tests
rewrite their files and report themselves as skipped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len
from rich.console import Console

from checks import assert_one_error_line, check_golden
from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang, Program, Role
from rolequiz.core.roles import compare as core
from rolequiz.core.table import Table
from rolequiz.errors import UsageProblem
from rolequiz.export import comparison as words
from rolequiz.export import tables
from rolequiz.terminal import compare as compare_view

Run = Callable[..., tuple[int, str, str]]
HEADER_ROW = 5
"""The workbook's header row (1-based): under the title, the date, the source and a gap."""

ASPECTS = ("responsibilities", "skills", "focus", "tools", "horizon", "programs")
FORMULA_STARTS = ("=", "+", "-", "@")
NOT_NAMED = {"en": "not named in the article", "id": "tidak disebut dalam artikel"}
"""An empty cell of the shipped knowledge base, whose source is an article."""
BULLET = "• "
SOURCES = Path(__file__).resolve().parent.parent.parent / "src" / "rolequiz"


# -- fixtures and helpers ----------------------------------------------------


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return knowledge.load()


def kb_copy(tmp_path: Path, kb: KnowledgeBase, edit: Callable[[dict[str, Any]], None],
            name: str = "edited.yaml") -> Path:
    """A copy of the shipped YAML changed by *edit*, written to *tmp_path*."""
    data = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def add_fourth_role(data: dict[str, Any]) -> None:
    role = dict(data["roles"][0])
    role.update(id="analyst", name={"id": "Analis Media Sosial", "en": "Social Media Analyst"},
                short={"id": "Analis", "en": "Analyst"},
                horizon={"id": "Mingguan: laporan pekan ini.", "en": "Weekly: this week's report."})
    data["roles"].append(role)
    data["programs"][0]["roles"].append("analyst")


@pytest.fixture
def four_roles(tmp_path: Path, kb: KnowledgeBase) -> KnowledgeBase:
    """A copy of the shipped YAML with a fourth role, added by editing the data only."""
    return knowledge.load(kb_copy(tmp_path, kb, add_fourth_role, "four-roles.yaml"))


HOSTILE = {
    "responsibilities": '=HYPERLINK("http://evil.example","click")',
    "skills": "+1+1",
    "focus": "-2+3",
    "tools": "@SUM(A1:A2)",
}
"""For the first role: the first text of each list, each starting like a formula."""
HORIZON = "<script>alert(1)</script> [bold]loud[/bold]"
NAME = "[bold]Officer[/bold] <b>"


def make_hostile(data: dict[str, Any]) -> None:
    role = data["roles"][0]
    for key, text in HOSTILE.items():
        role[key][0]["en"] = text
    role["horizon"]["en"] = HORIZON
    role["name"]["en"] = NAME


@pytest.fixture
def hostile(tmp_path: Path, kb: KnowledgeBase) -> Path:
    """A copy of the shipped YAML whose texts start like formulas, hold HTML and rich markup."""
    return kb_copy(tmp_path, kb, make_hostile, "hostile.yaml")


def program_line(program: Program, lang: Lang) -> str:
    where = ([program.faculty(lang)] if program.faculty else []) + [program.institution]
    return f"{program.name(lang)} ({', '.join(where)})"


def kb_cell(kb: KnowledgeBase, role: Role, aspect: str, lang: Lang) -> list[str]:
    """What the knowledge base says about *role* under *aspect*."""
    if aspect == "horizon":
        return [role.horizon(lang)]
    if aspect == "programs":
        return [program_line(p, lang) for p in kb.programs if role.id in p.roles]
    return [text(lang) for text in getattr(role, aspect)]


def kb_cells(kb: KnowledgeBase, lang: Lang) -> dict[str, dict[str, list[str]]]:
    return {a: {r.id: kb_cell(kb, r, a, lang) for r in kb.roles} for a in ASPECTS}


def labels(lang: Lang) -> list[str]:
    return [i18n.t(lang, f"role.{aspect}") for aspect in ASPECTS]


def plain(texts: list[str], lang: Lang = "en") -> str:
    """A cell of a plain table (csv): its items on lines of their own, or 'not named'."""
    return "\n".join(texts) or NOT_NAMED[lang]


def bulleted(texts: list[str], lang: Lang = "en") -> str:
    """A cell of a workbook: several items each after a bullet, one as it is, none 'not
    named'."""
    if len(texts) > 1:
        return "\n".join(BULLET + text for text in texts)
    return plain(texts, lang)


def read_csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def sheet(path: Path) -> Worksheet:
    worksheet = openpyxl.load_workbook(path).active
    assert isinstance(worksheet, Worksheet)
    return worksheet


def column_width(worksheet: Worksheet, index: int) -> float | None:
    """The width set for 1-based column *index* (openpyxl groups equal neighbours)."""
    for dimension in worksheet.column_dimensions.values():
        if dimension.min is not None and dimension.min <= index <= dimension.max:
            return float(dimension.width) if dimension.customWidth else None
    return None


def rows_of(worksheet: Worksheet) -> list[list[str]]:
    return [[cell.value or "" for cell in row] for row in worksheet.iter_rows()]  # type: ignore[misc]


def flat(out: str) -> str:
    """Terminal output without box rules, every run of whitespace one space: wrapped
    lines of a cell read as one text."""
    return " ".join(re.sub(r"[│┃]", " ", out).split())


def document(run: Run, *args: str | Path) -> Any:
    code, out, err = run("compare", "--format", "json", *args)
    assert (code, err) == (0, ""), err
    return json.loads(out)


# -- the comparison as data --------------------------------------------------


def test_the_aspects_are_the_articles_sections_then_horizon_and_programs(
    kb: KnowledgeBase,
) -> None:
    """Six aspects by default, in this order, each labelled in both languages by a ``role.*``
    string; the summary and the metaphor on request."""
    assert (*ASPECTS, "summary", "metaphor") == core.ASPECT_IDS
    for lang in ("en", "id"):
        comparison = core.compare(kb, lang)
        assert [a.label for a in words.worded(comparison).aspects] == labels(lang)


def test_every_aspect_has_its_label(kb: KnowledgeBase) -> None:
    """Each aspect the core can compare on is named in words, and nothing else is."""
    assert set(words.LABELS) == set(core.ASPECT_IDS)
    comparison = core.compare(kb, "en", aspects=core.ASPECT_IDS)
    assert [a.label for a in words.worded(comparison).aspects][-2:] == \
        ["In short", "In the article's words"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_comparison_holds_no_interface_words(kb: KnowledgeBase, lang: Lang) -> None:
    """The core's comparison holds ids, the knowledge base's texts and its source: the title,
    the labels and what an empty cell says are worded at the edge."""
    comparison = core.compare(kb, lang)
    assert comparison.aspects == ASPECTS
    assert comparison.source == kb.source
    held = repr(comparison)
    said = words.worded(comparison)
    assert said.title not in held and said.not_given not in held
    assert not any(a.label in held for a in said.aspects)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_cell_is_what_the_knowledge_base_says(kb: KnowledgeBase, lang: Lang) -> None:
    """Every role under every aspect, in the kb's order, with the kb's texts."""
    comparison = core.compare(kb, lang)
    assert [(r.id, r.label) for r in comparison.roles] == [(r.id, r.name(lang)) for r in kb.roles]
    cells = {a: {r: list(t) for r, t in by_role.items()} for a, by_role in comparison.cells.items()}
    assert cells == kb_cells(kb, lang)


def test_programs_are_named_with_faculty_and_institution(kb: KnowledgeBase) -> None:
    """A program reads 'Name (Faculty, Institution)', or 'Name (Institution)' without faculty."""
    cells = core.compare(kb, "en").cells["programs"]
    everything = {line for texts in cells.values() for line in texts}
    assert "Digital Public Relations (Faculty of Communication and Social Sciences, " \
           "Telkom University)" in everything
    assert "Digital Content Broadcasting (Telkom University)" in everything


def test_a_program_is_listed_under_exactly_the_roles_it_prepares_for(kb: KnowledgeBase) -> None:
    """Each program appears in the column of every role in its ``roles``, and no other."""
    cells = core.compare(kb, "en").cells["programs"]
    for program in kb.programs:
        line = program_line(program, "en")
        assert {role for role, texts in cells.items() if line in texts} == set(program.roles)


def test_roles_and_aspects_come_in_the_order_asked(kb: KnowledgeBase) -> None:
    """A subset of roles and aspects keeps the order given, not the kb's."""
    last, first = kb.roles[-1].id, kb.roles[0].id
    comparison = core.compare(kb, "en", roles=[last, first], aspects=["horizon", "skills"])
    assert [r.id for r in comparison.roles] == [last, first]
    assert list(comparison.aspects) == ["horizon", "skills"]
    assert list(comparison.cells) == ["horizon", "skills"]
    assert list(comparison.cells["skills"]) == [last, first]


def test_an_id_asked_twice_counts_once(kb: KnowledgeBase) -> None:
    """``--roles a,a`` is one column; ``--aspects x,x`` one row."""
    role = kb.roles[1].id
    comparison = core.compare(kb, "en", roles=[role, role], aspects=["tools", "tools"])
    assert [r.id for r in comparison.roles] == [role]
    assert list(comparison.aspects) == ["tools"]


@pytest.mark.parametrize(("option", "known"), [
    ("roles", lambda kb: [r.id for r in kb.roles]),
    ("aspects", lambda kb: list(ASPECTS)),
])
def test_an_unknown_id_is_a_usage_problem_naming_it_and_the_known_ones(
    kb: KnowledgeBase, option: str, known: Callable[[KnowledgeBase], list[str]]
) -> None:
    """An unknown role or aspect id is refused with its name and every known id."""
    with pytest.raises(UsageProblem) as raised:
        core.compare(kb, "en", **{option: ["nobody"]})
    assert "'nobody'" in str(raised.value)
    assert ", ".join(known(kb)) in str(raised.value)


@pytest.mark.parametrize("option", ["roles", "aspects"])
def test_an_empty_choice_is_a_usage_problem(kb: KnowledgeBase, option: str) -> None:
    """Choosing no role (or no aspect) at all is refused rather than giving an empty table."""
    with pytest.raises(UsageProblem):
        core.compare(kb, "en", **{option: []})


def test_the_table_has_the_aspect_label_then_a_column_per_role(kb: KnowledgeBase) -> None:
    """``to_table``: first column the aspect label, then a role per column; tuples of texts,
    or the words for an empty cell."""
    table = words.to_table(core.compare(kb, "id"))
    assert [c.label for c in table.columns] == \
        [i18n.t("id", "compare.aspect"), *(r.name("id") for r in kb.roles)]
    rows = list(table.rows)
    assert [row[0] for row in rows] == labels("id")
    expected = kb_cells(kb, "id")
    for aspect, row in zip(ASPECTS, rows, strict=True):
        assert row[1:] == tuple(tuple(expected[aspect][r.id]) or NOT_NAMED["id"]
                                for r in kb.roles)


# -- JSON --------------------------------------------------------------------


def test_json_document_has_stable_keys(run: Run, kb: KnowledgeBase) -> None:
    """``--format json``: lang, title, knowledge base hash, source, roles, aspects, cells, and
    the words for an empty cell (the cell itself stays an empty list)."""
    doc = document(run, "--lang", "en")
    assert set(doc) == {"lang", "title", "knowledge_base", "source", "roles", "aspects",
                        "not_given", "cells"}
    assert doc["not_given"] == NOT_NAMED["en"]
    assert doc["lang"] == "en"
    assert doc["knowledge_base"] == {"sha256": kb.sha256}
    assert kb.source is not None
    assert doc["source"]["title"] == kb.source.title
    assert doc["roles"] == [{"id": r.id, "name": r.name("en")} for r in kb.roles]
    assert doc["aspects"] == [{"id": a, "label": label}
                              for a, label in zip(ASPECTS, labels("en"), strict=True)]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_json_cells_round_trip_to_the_knowledge_base(
    run: Run, kb: KnowledgeBase, lang: Lang
) -> None:
    """The document's cells, read back, are exactly the kb's texts for every role and aspect."""
    assert document(run, "--lang", lang)["cells"] == kb_cells(kb, lang)


def test_json_file_is_the_printed_document(run: Run, tmp_path: Path) -> None:
    """``-o FILE.json`` writes the same document ``--format json`` prints."""
    path = tmp_path / "roles.json"
    assert run("compare", "-o", path)[0] == 0
    assert json.loads(path.read_text(encoding="utf-8")) == document(run)


# -- golden files ------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "lang"), [("csv", "en"), ("md", "en"), ("html", "en"),
                                           ("json", "en"), ("html", "id")])
def test_export_matches_its_golden_file(run: Run, tmp_path: Path, fmt: str, lang: str) -> None:
    """The shipped comparison in each text format is byte for byte the reviewed golden file."""
    path = tmp_path / f"compare.{lang}.{fmt}"
    code, out, _ = run("compare", "--lang", lang, "-o", path)
    assert (code, out) == (0, "")
    check_golden(path.name, path.read_bytes(), command="rolequiz compare")


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "json"])
def test_printed_export_is_the_file_without_the_bom(run: Run, tmp_path: Path, fmt: str) -> None:
    """``--format F`` prints what ``-o FILE.F`` writes; only the file has CSV's BOM."""
    path = tmp_path / f"roles.{fmt}"
    assert run("compare", "-o", path)[0] == 0
    code, out, err = run("compare", "--format", fmt)
    assert (code, err) == (0, "")
    written = path.read_bytes()
    if fmt == "csv":
        assert written.startswith(b"\xef\xbb\xbf")
        written = written[3:]
    assert out.encode("utf-8") == written


# -- CSV ---------------------------------------------------------------------


def test_csv_file_has_a_bom_and_one_row_per_aspect(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """UTF-8 with BOM; header: aspect label and role names; a row per aspect, items by line."""
    path = tmp_path / "roles.csv"
    assert run("compare", "-o", path, "--lang", "en")[0] == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert rows[0] == [i18n.t("en", "compare.aspect"), *(r.name("en") for r in kb.roles)]
    assert len(rows) == 1 + len(ASPECTS)
    expected = kb_cells(kb, "en")
    for aspect, label, row in zip(ASPECTS, labels("en"), rows[1:], strict=True):
        assert row == [label, *(plain(expected[aspect][r.id]) for r in kb.roles)]


@pytest.mark.parametrize(("option", "separator"), [(";", ";"), ("\t", "\t"), ("tab", "\t"),
                                                   (",", ",")])
def test_csv_delimiter_option(run: Run, tmp_path: Path, option: str, separator: str) -> None:
    """``--delimiter`` ';' or tab gives the same rows, split by that separator."""
    plain, other = tmp_path / "plain.csv", tmp_path / "other.csv"
    assert run("compare", "-o", plain)[0] == 0
    code, _, err = run("compare", "-o", other, "--delimiter", option)
    assert code == 0, err
    assert read_csv(other, separator) == read_csv(plain)
    assert other.read_text(encoding="utf-8-sig").splitlines()[0].count(separator) == \
        len(read_csv(plain)[0]) - 1


@pytest.mark.parametrize("value", ["|", ":", "", ",,"])
def test_other_delimiters_are_refused(run: Run, value: str) -> None:
    """``--delimiter`` other than ',', ';' or tab: exit 2, one line naming it."""
    line = assert_one_error_line(*run("compare", "--format", "csv", "--delimiter", value))
    assert "--delimiter" in line
    assert repr(value) in line


@pytest.mark.parametrize("args", [[], ["--format", "md"], ["--format", "json"]])
def test_delimiter_without_csv_is_refused(run: Run, args: list[str]) -> None:
    """``--delimiter`` with the terminal view or another format: exit 2, one line."""
    line = assert_one_error_line(*run("compare", *args, "--delimiter", ";"))
    assert "--delimiter" in line


# -- XLSX --------------------------------------------------------------------


def test_xlsx_puts_the_roles_side_by_side_under_a_frozen_header(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """Role names in the header row (under the title, date and source), header (and label
    column) frozen, text wrapped, widths set."""
    path = tmp_path / "roles.xlsx"
    code, out, _ = run("compare", "-o", path, "--lang", "en")
    assert (code, out) == (0, "")
    worksheet = sheet(path)
    header = [cell.value for cell in worksheet[HEADER_ROW]]
    assert header == [i18n.t("en", "compare.aspect"), *(r.name("en") for r in kb.roles)]
    assert len(header) == 1 + len(kb.roles) == 4
    assert worksheet.freeze_panes == f"B{HEADER_ROW + 1}"
    for row in worksheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + len(ASPECTS)):
        assert all(cell.alignment.wrap_text for cell in row)
    for index in range(1, len(header) + 1):
        width = column_width(worksheet, index)
        assert width is not None and width >= 10, index


def test_xlsx_cells_equal_the_json_documents_cells(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """Every workbook cell holds the document's texts for that aspect and role, one per line,
    each after a bullet when there are several (the workbook has the summary first)."""
    path = tmp_path / "roles.xlsx"
    assert run("compare", "-o", path, "--lang", "id")[0] == 0
    doc = document(run, "--lang", "id", "--aspects", ",".join(("summary", *ASPECTS)))
    rows = rows_of(sheet(path))
    table = rows[HEADER_ROW : HEADER_ROW + len(doc["aspects"])]
    assert [row[0] for row in table] == [a["label"] for a in doc["aspects"]]
    for aspect, row in zip(doc["aspects"], table, strict=True):
        assert row[1:] == [bulleted(doc["cells"][aspect["id"]][r["id"]], "id")
                           for r in doc["roles"]]
    assert len(rows) == HEADER_ROW + len(doc["aspects"]), "nothing under the table"


def test_xlsx_cannot_be_printed(run: Run) -> None:
    """``--format xlsx`` without ``-o``: exit 2, one line asking for ``-o``."""
    line = assert_one_error_line(*run("compare", "--format", "xlsx"))
    assert "-o" in line


# -- HTML --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_html_is_self_contained_printable_and_cites_the_source(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """``<html lang>``, inline CSS with an A4 page, no script or link out; the source under it."""
    path = tmp_path / "roles.html"
    assert run("compare", "-o", path, "--lang", lang)[0] == 0
    page = path.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    assert "@page { size: A4" in page
    for outside in ("<script", "<link", "src=", "href=", "@import", "url("):
        assert outside not in page
    assert kb.source is not None
    note = page.index('<p class="note">')
    assert note > page.index("</table>")
    assert kb.source.title in page[note:]
    assert page.count('<th scope="row">') == len(ASPECTS)
    for role in kb.roles:
        assert f'<th scope="col">{tables.e(role.name(lang))}</th>' in page


# -- untrusted texts ---------------------------------------------------------


def test_csv_neutralises_cells_that_start_like_a_formula(run: Run, tmp_path: Path,
                                                         hostile: Path) -> None:
    """Every cell starting with = + - @ gets a leading apostrophe; none is left bare."""
    path = tmp_path / "roles.csv"
    assert run("compare", "--kb", hostile, "-o", path, "--lang", "en")[0] == 0
    cells = [cell for row in read_csv(path) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for text in HOSTILE.values():
        assert any(cell.startswith("'" + text) for cell in cells), text


def test_xlsx_marks_cells_that_start_like_a_formula_as_text(run: Run, tmp_path: Path,
                                                            kb: KnowledgeBase) -> None:
    """Those cells keep their text, with Excel's quote prefix; the others have none."""
    def edit(data: dict[str, Any]) -> None:
        make_hostile(data)
        for key in HOSTILE:  # one item, so that no bullet comes before it
            data["roles"][0][key] = data["roles"][0][key][:1]
    hostile = kb_copy(tmp_path, kb, edit, "hostile.yaml")
    path = tmp_path / "roles.xlsx"
    assert run("compare", "--kb", hostile, "-o", path, "--lang", "en")[0] == 0
    worksheet = sheet(path)
    column = [cell for cell in worksheet["B"]]
    risky = [cell for cell in column if str(cell.value or "").startswith(FORMULA_STARTS)]
    assert len(risky) == len(HOSTILE)
    assert all(cell.quotePrefix and cell.data_type == "s" for cell in risky)
    assert not any(cell.quotePrefix for cell in column if cell not in risky)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_html_and_markdown_escape_knowledge_base_text(
    run: Run, tmp_path: Path, hostile: Path, fmt: str
) -> None:
    """A ``<script>`` or ``<b>`` in the kb is shown as text, never as a tag."""
    path = tmp_path / f"roles.{fmt}"
    assert run("compare", "--kb", hostile, "-o", path, "--lang", "en")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("columns", ["80", "200"])
def test_terminal_shows_markup_as_written(
    run: Run, monkeypatch: pytest.MonkeyPatch, hostile: Path, columns: str
) -> None:
    """``[bold]`` in a role name and a text is printed literally, in both layouts."""
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run("compare", "--kb", hostile, "--lang", "en", "--aspects", "horizon")
    assert (code, err) == (0, "")
    assert "[bold]Officer[/bold]" in out
    assert "[bold]loud[/bold]" in flat(out)


def test_escape_sequences_are_shown_not_sent(run: Run, tmp_path: Path, kb: KnowledgeBase,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """An ESC in a kb text: spelled out on screen, in the table and in a format printed to a
    terminal, without breaking the table's width."""
    def edit(data: dict[str, Any]) -> None:
        data["roles"][0]["horizon"]["en"] = "\x1b[31mred\x1b[0m " + "word " * 30
    path = kb_copy(tmp_path, kb, edit)
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run("compare", "--kb", path, "--lang", "en")
    assert code == 0
    assert "\x1b" not in out
    assert "\\x1b[31mred" in out
    assert max(cell_len(line) for line in out.splitlines()) <= 120
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run("compare", "--kb", path, "--lang", "en", "--format", "md")
    assert code == 0
    assert "\x1b" not in out
    assert "\\x1b[31mred" in out


# -- a fourth role -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "json", "xlsx"])
def test_a_fourth_role_is_a_fourth_column_in_every_format(
    run: Run, tmp_path: Path, four_roles: KnowledgeBase, fmt: str
) -> None:
    """A role added to a copy of the YAML gets its own column, with its own texts."""
    path = tmp_path / f"roles.{fmt}"
    assert run("compare", "--kb", four_roles.path, "-o", path, "--lang", "en")[0] == 0
    names = [r.name("en") for r in four_roles.roles]
    assert len(names) == 4
    horizon = four_roles.roles[3].horizon("en")
    if fmt == "csv":
        rows = read_csv(path)
        assert rows[0][1:] == names
        assert all(len(row) == 5 for row in rows)
        assert rows[1 + ASPECTS.index("horizon")][4] == horizon
    elif fmt == "xlsx":
        rows = rows_of(sheet(path))
        assert rows[HEADER_ROW - 1][1:] == names
        assert rows[HEADER_ROW + 1 + ASPECTS.index("horizon")][4] == horizon  # summary first
    elif fmt == "json":
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert [r["name"] for r in doc["roles"]] == names
        assert doc["cells"] == kb_cells(four_roles, "en")
    else:
        text = path.read_text(encoding="utf-8")
        header = text.splitlines()[2] if fmt == "md" else text
        for name in names:
            assert (tables.e(name) if fmt == "html" else name) in header
        assert (tables.e(horizon) if fmt == "html" else horizon) in text


@pytest.mark.parametrize("columns", ["80", "200"])
def test_a_fourth_role_is_shown_in_the_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch, four_roles: KnowledgeBase, columns: str
) -> None:
    """The terminal view shows the fourth role's name and texts at either width."""
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run("compare", "--kb", four_roles.path, "--lang", "en")
    assert code == 0
    for role in four_roles.roles:
        assert role.name("en") in flat(out)
    assert four_roles.roles[3].horizon("en") in flat(out)


# -- choosing roles and aspects on the command line --------------------------


def test_roles_and_aspects_options_take_commas_and_repeats(run: Run, kb: KnowledgeBase) -> None:
    """``--roles C,A --roles B --aspects horizon,skills``: that subset, in that order."""
    first, second, third = (r.id for r in kb.roles)
    doc = document(run, "--roles", f"{third},{first}", "--roles", second,
                   "--aspects", "horizon, skills")
    assert [r["id"] for r in doc["roles"]] == [third, first, second]
    assert [a["id"] for a in doc["aspects"]] == ["horizon", "skills"]
    assert list(doc["cells"]) == ["horizon", "skills"]
    assert list(doc["cells"]["skills"]) == [third, first, second]


def test_a_subset_narrows_the_spreadsheet_too(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """``--roles`` and ``--aspects`` shape every export, here the CSV."""
    role = kb.roles[-1]
    path = tmp_path / "one.csv"
    assert run("compare", "--roles", role.id, "--aspects", "tools,focus", "-o", path)[0] == 0
    rows = read_csv(path)
    assert [row[0] for row in rows] == [i18n.t("en", "compare.aspect"),
                                        i18n.t("en", "role.tools"), i18n.t("en", "role.focus")]
    assert rows[0][1:] == [role.name("en")]


@pytest.mark.parametrize(("option", "lang"), [("--roles", "en"), ("--aspects", "en"),
                                              ("--roles", "id"), ("--aspects", "id")])
def test_unknown_ids_on_the_command_line_are_one_error_line(
    run: Run, kb: KnowledgeBase, option: str, lang: str
) -> None:
    """``--roles nobody`` or ``--aspects nobody``: exit 2, one line naming it and the known ids."""
    line = assert_one_error_line(*run("compare", option, "nobody", "--lang", lang))
    assert "'nobody'" in line
    known = [r.id for r in kb.roles] if option == "--roles" else list(ASPECTS)
    assert all(item in line for item in known)
    assert line.startswith(f"rolequiz: {i18n.t(lang, 'error.prefix')}: ")  # type: ignore[arg-type]


# -- writing files -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_writing_a_file_confirms_on_stderr_in_the_language(
    run: Run, tmp_path: Path, lang: Lang
) -> None:
    """``-o FILE``: nothing on stdout, one line on stderr in the chosen language."""
    path = tmp_path / "roles.md"
    code, out, err = run("compare", "-o", path, "--lang", lang)
    assert (code, out) == (0, "")
    assert err == i18n.t(lang, "compare.written", path=path) + "\n"
    assert path.is_file()


@pytest.mark.parametrize("name", ["roles.csv", "roles.xlsx", "roles.json"])
def test_an_existing_file_is_kept_without_force(run: Run, tmp_path: Path, name: str) -> None:
    """An existing ``-o`` file: exit 2, one line naming ``--force``, the file unchanged."""
    path = tmp_path / name
    path.write_bytes(b"keep me")
    line = assert_one_error_line(*run("compare", "-o", path))
    assert "--force" in line
    assert path.read_bytes() == b"keep me"


def test_force_replaces_an_existing_file(run: Run, tmp_path: Path) -> None:
    """``--force`` replaces the file with the full export and leaves no temporary file."""
    path = tmp_path / "roles.csv"
    path.write_bytes(b"old")
    code, _, _ = run("compare", "-o", path, "--force")
    assert code == 0
    assert len(read_csv(path)) == 1 + len(ASPECTS)
    assert [p.name for p in tmp_path.iterdir()] == ["roles.csv"]


def test_a_missing_folder_is_one_error_line(run: Run, tmp_path: Path) -> None:
    """``-o`` into a folder that does not exist: exit 2, one line naming the folder."""
    folder = tmp_path / "no" / "such"
    line = assert_one_error_line(*run("compare", "-o", folder / "roles.csv"))
    assert str(folder) in line
    assert not folder.exists()


def test_a_failed_export_leaves_no_file(run: Run, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """When the writer fails half-way, neither the file nor a temporary file is left."""
    def broken(handle: io.BytesIO, table: Table) -> None:
        handle.write(b"PK half a workbook")
        raise UsageProblem("disk full (simulated)")
    monkeypatch.setattr(tables, "write_xlsx", broken)
    assert_one_error_line(*run("compare", "-o", tmp_path / "roles.xlsx"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "words"), [
    (["--format", "csv", "-o", "roles.html"], ["--format csv", "roles.html"]),
    (["-o", "roles.txt"], ["roles.txt", "--format"]),
    (["--format", "pdf"], ["'pdf'", "csv"]),
])
def test_format_and_extension_must_agree(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: list[str]
) -> None:
    """A conflicting or unknown format: exit 2, one line, nothing written."""
    monkeypatch.chdir(tmp_path)
    line = assert_one_error_line(*run("compare", *args))
    assert all(word in line for word in words), line
    assert list(tmp_path.iterdir()) == []


def test_format_with_an_extensionless_file_writes_that_format(run: Run, tmp_path: Path) -> None:
    """``--format md -o NOTES`` writes Markdown to a file without an extension."""
    path = tmp_path / "NOTES"
    assert run("compare", "--format", "md", "-o", path)[0] == 0
    assert path.read_text(encoding="utf-8").startswith("## ")


# -- the terminal view -------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("columns", [80, 200])
def test_terminal_view_fits_the_width_and_names_every_role(
    run: Run, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase, lang: Lang, columns: int
) -> None:
    """At 80 and 200 columns: no line wider, every role and aspect shown, no escape codes."""
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, err = run("compare", "--lang", lang)
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    for role in kb.roles:
        assert role.name(lang) in out
    for label in labels(lang):
        assert label in out


def test_wide_terminal_shows_one_table_with_a_column_per_role(
    run: Run, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    """At 200 columns the role names stand side by side on one header line."""
    monkeypatch.setenv("COLUMNS", "200")
    out = run("compare", "--lang", "en")[1]
    assert any(all(r.name("en") in line for r in kb.roles) for line in out.splitlines())


def test_narrow_terminal_shows_a_panel_per_role(
    run: Run, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase
) -> None:
    """At 80 columns each role has its own panel, with every aspect and its texts."""
    out = run("compare", "--lang", "en")[1]
    tops = [line for line in out.splitlines() if line.startswith("╭")]
    assert len(tops) == len(kb.roles)
    for top, role in zip(tops, kb.roles, strict=True):
        assert role.name("en") in top
    for texts in kb_cells(kb, "en").values():
        for cell in texts.values():
            assert all(" ".join(text.split()) in flat(out) for text in cell)


@pytest.mark.parametrize("width", [30, 50, 80, 100, 101, 120, 160, 200, 240])
@pytest.mark.parametrize("count", [1, 3, 4])
def test_terminal_view_never_overflows(kb: KnowledgeBase, four_roles: KnowledgeBase,
                                       width: int, count: int) -> None:
    """Whatever the width and the number of roles, no rendered line is wider than the screen."""
    source = four_roles if count == 4 else kb
    comparison = core.compare(source, "id", roles=[r.id for r in source.roles][:count])
    screen = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    screen.print(compare_view.view(comparison, width=width))
    out = screen.file.getvalue()  # type: ignore[attr-defined]
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert all(r.name("id") in flat(out) for r in source.roles[:count])


def test_an_empty_cell_says_so(run: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    """A role without tools reads 'not named in the article' in the terminal and in files."""
    def edit(data: dict[str, Any]) -> None:
        data["roles"][0]["tools"] = []
    path = kb_copy(tmp_path, kb, edit)
    role = kb.roles[0]
    out = run("compare", "--kb", path, "--roles", role.id, "--aspects", "tools")[1]
    assert NOT_NAMED["en"] in out
    out = run("compare", "--kb", path, "--roles", role.id, "--aspects", "tools",
              "--format", "csv")[1]
    assert out.splitlines()[1].endswith(NOT_NAMED["en"])
    assert document(run, "--kb", path)["cells"]["tools"][role.id] == []
