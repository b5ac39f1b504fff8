"""``rolequiz cohort --template FILE``: a questionnaire on paper, the texts for a form, a
workbook to type paper answers into, or the empty CSV, chosen by the extension.

Every expectation comes from the knowledge base itself (its texts, its number of options),
so the tests hold for the shipped one, the four-roles fixture and a hostile one.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Question
from rolequiz.core.table import letter

FIXTURES = Path(__file__).parent.parent / "fixtures"
SHIPPED = knowledge.shipped_path()
FOUR_ROLES = FIXTURES / "four-roles.yaml"
HOSTILE = FIXTURES / "hostile-texts.yaml"
KBS = [pytest.param(SHIPPED, id="shipped"), pytest.param(FOUR_ROLES, id="four-roles")]
LANGS = ["en", "id"]


def write(run: Any, path: Path, *args: str | Path) -> str:
    """``rolequiz cohort --template PATH ARGS``, which must succeed; its stderr."""
    code, out, err = run("cohort", "--template", path, *args)
    assert (code, out) == (0, ""), err
    return err


def one_error_line(code: int, err: str) -> str:
    """Exit 2 and one ``rolequiz: `` error line on stderr; that line."""
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def in_order(text: str, parts: list[str]) -> bool:
    """Whether every one of *parts* is in *text*, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def lines_in_order(text: str, parts: list[str]) -> bool:
    """Whether every one of *parts* is a whole line of *text*, each after the one before."""
    lines = iter(text.splitlines())
    return all(any(line == part for line in lines) for part in parts)


def every_text(kb: KnowledgeBase, lang: str) -> list[str]:
    """Each question's text followed by its options' texts, in the order of the quiz."""
    return [text for q in kb.questions for text in (q.text(lang), *(o.text(lang)
                                                                    for o in q.options))]


def marks(question: Question) -> list[str]:
    """What the paper shows beside each option, written out: 1, 2, … for a statement; A,
    B, … by place for a scenario, whatever its option ids."""
    if question.kind == "scale":
        return [str(n) for n in range(1, len(question.options) + 1)]
    return ["ABCDEFGH"[n] for n in range(len(question.options))]


class Grid(HTMLParser):
    """The answer grid of a paper questionnaire: each row's texts (number, then marks)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif ("class", "row") in attrs:
            self.depth = 1
            self.rows.append([])

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.rows[-1].append(data.strip())


# -- the paper questionnaire ---------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kb_path", KBS)
def test_paper_questionnaire_has_every_question_and_option_in_order(
    run: Any, tmp_path: Path, kb_path: Path, lang: str
) -> None:
    """The HTML questionnaire shows the title and every question, then its options, in order."""
    kb = knowledge.load(kb_path)
    page = tmp_path / "questionnaire.html"
    write(run, page, "--kb", kb_path, "--lang", lang)
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in text
    assert html.escape(kb.title(lang)) in text
    assert in_order(text, [html.escape(part) for part in every_text(kb, lang)])


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Name:", "Class:", "Date:", "Answer grid", "Strongly disagree", "Strongly agree"]),
    ("id", ["Nama:", "Kelas:", "Tanggal:", "Lembar jawaban", "Sangat tidak setuju",
            "Sangat setuju"]),
])
def test_paper_questionnaire_has_a_name_line_the_scale_and_a_grid(
    run: Any, tmp_path: Path, lang: str, words: list[str]
) -> None:
    """Name, class and date to fill in, the agreement scale spelled out, an answer grid."""
    page = tmp_path / "questionnaire.html"
    write(run, page, "--lang", lang)
    text = page.read_text(encoding="utf-8")
    for word in words:
        assert word in text


@pytest.mark.parametrize(("lang", "cross", "grid"), [("en", "cross", "answer grid"),
                                                     ("id", "silang", "lembar jawaban")])
def test_paper_instructions_say_to_cross_only_in_the_answer_grid(
    run: Any, tmp_path: Path, lang: str, cross: str, grid: str
) -> None:
    """Every instruction that says to cross something says to cross it in the answer grid:
    the student is never told to mark the question pages too."""
    page = tmp_path / "questionnaire.html"
    write(run, page, "--lang", lang)
    markup = page.read_text(encoding="utf-8")
    section = markup[markup.index('<section class="instructions">'):]
    section = section[:section.index("</section>")]
    said = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", section)]
    crossing = [p for p in said if cross in p.lower()]
    assert len(crossing) >= 3, said  # how to answer, a situation, a statement
    for instruction in crossing:
        assert grid in instruction.lower(), instruction


@pytest.mark.parametrize("kb_path", KBS)
def test_answer_grid_has_a_box_per_option_for_every_question(
    run: Any, tmp_path: Path, kb_path: Path
) -> None:
    """Row n of the grid is question n: a letter per scenario option, a number per scale step."""
    kb = knowledge.load(kb_path)
    page = tmp_path / "questionnaire.html"
    write(run, page, "--kb", kb_path)
    grid = Grid()
    grid.feed(page.read_text(encoding="utf-8"))
    assert grid.rows == [[str(n), *sorted(marks(q))] for n, q in enumerate(kb.questions, start=1)]


def test_paper_questionnaire_is_self_contained_and_sized_for_a4(
    run: Any, tmp_path: Path
) -> None:
    """One file that prints on A4: no script, nothing fetched from elsewhere."""
    page = tmp_path / "questionnaire.html"
    write(run, page)
    text = page.read_text(encoding="utf-8")
    assert "@page { size: A4" in text
    assert not re.search(r"<script|<link|<img|src=|https?://", text, re.IGNORECASE)


def test_hostile_texts_are_printed_as_written_on_paper(run: Any, tmp_path: Path) -> None:
    """Markup in the knowledge base's title, questions and options is escaped, never run."""
    kb = knowledge.load(HOSTILE)
    page = tmp_path / "questionnaire.html"
    write(run, page, "--kb", HOSTILE)
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert text.count("</title>") == 1
    for part in [kb.title("en"), *every_text(kb, "en")]:
        assert html.escape(part) in text


# -- the texts for a form ------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".txt"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kb_path", KBS)
def test_form_texts_have_every_question_and_option_as_written_in_order(
    run: Any, tmp_path: Path, kb_path: Path, lang: str, suffix: str
) -> None:
    """Each question's and option's text on a line of its own, unchanged, in the quiz's order."""
    kb = knowledge.load(kb_path)
    path = tmp_path / f"form{suffix}"
    write(run, path, "--kb", kb_path, "--lang", lang)
    text = path.read_text(encoding="utf-8")
    assert lines_in_order(text, every_text(kb, lang))


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Full name", "Short answer", "Multiple choice", "Required", "Do not change"]),
    ("id", ["Nama lengkap", "Jawaban singkat", "Pilihan ganda", "Wajib diisi",
            "Jangan ubah"]),
])
def test_form_texts_say_which_settings_to_use(
    run: Any, tmp_path: Path, lang: str, words: list[str]
) -> None:
    """A name question first, multiple choice and required, and a warning to keep the texts."""
    path = tmp_path / "form.md"
    write(run, path, "--lang", lang)
    text = path.read_text(encoding="utf-8")
    for word in words:
        assert word in text
    assert text.index(words[0]) < text.index(knowledge.load().questions[0].text(lang))


def test_form_texts_keep_hostile_texts_inside_code_blocks(run: Any, tmp_path: Path) -> None:
    """Markup and backticks of the knowledge base stay in a code block longer than them,
    which Markdown shows as written."""
    kb = knowledge.load(HOSTILE)
    path = tmp_path / "form.md"
    write(run, path, "--kb", HOSTILE)
    text = path.read_text(encoding="utf-8")
    option = kb.questions[0].options[1].text("en")
    block = re.search(r"^(`{4,})text\n(.*?)^\1$", text, re.MULTILINE | re.DOTALL)
    assert block is not None and option in block.group(2).splitlines()
    assert "<script>" not in text.split("```")[0]  # the title, outside any block: escaped


# -- the workbook --------------------------------------------------------------


def workbook(path: Path) -> Any:
    return openpyxl.load_workbook(path).worksheets[0]


def validations(sheet: Any) -> dict[str, Any]:
    """The data validations of *sheet*, by the first cell of their range."""
    return {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kb_path", KBS)
def test_workbook_has_the_class_header_and_a_drop_down_in_every_answer_cell(
    run: Any, tmp_path: Path, kb_path: Path, lang: str
) -> None:
    """The name column in the reader's word (``student``, ``nama``) and the question ids, as
    in the CSV template; each question's column offers exactly the marks of the paper grid,
    for at least 60 students."""
    kb = knowledge.load(kb_path)
    path = tmp_path / "class.xlsx"
    write(run, path, "--kb", kb_path, "--lang", lang)
    sheet = workbook(path)
    header = [cell.value for cell in sheet[1]]
    assert header == [{"en": "student", "id": "nama"}[lang], *(q.id for q in kb.questions)]
    found = validations(sheet)
    for column, question in enumerate(kb.questions, start=2):
        letter = openpyxl.utils.get_column_letter(column)
        rule = found[f"{letter}2"]
        assert rule.type == "list"
        assert rule.formula1 == '"' + ",".join(sorted(marks(question))) + '"'
        last = int(str(rule.sqref).split(":")[1][len(letter):])
        assert last >= 61
        assert rule.prompt and rule.promptTitle and rule.error


@pytest.mark.parametrize("lang", LANGS)
def test_workbook_notes_give_each_question_and_its_options_by_mark(
    run: Any, tmp_path: Path, lang: str
) -> None:
    """The note on a question's header is its text and each option after its paper mark,
    so the letter typed names the option in that place."""
    kb = knowledge.load()
    path = tmp_path / "class.xlsx"
    write(run, path, "--lang", lang)
    sheet = workbook(path)
    for column, question in enumerate(kb.questions, start=2):
        note = sheet.cell(row=1, column=column).comment.text
        assert question.text(lang) in note
        lines = [f"{mark}. {option.text(lang)}"
                 for mark, option in zip(marks(question), question.options, strict=True)]
        assert in_order(note, lines)


def test_workbook_freezes_the_header_and_sizes_the_columns(run: Any, tmp_path: Path) -> None:
    """The header row and the names stay in view; names get a wide column, answers narrow."""
    path = tmp_path / "class.xlsx"
    write(run, path)
    sheet = workbook(path)
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width > 3 * sheet.column_dimensions["B"].width


def test_workbook_scale_answers_are_numbers_cohort_reads(run: Any, tmp_path: Path) -> None:
    """Every number a statement's drop-down offers is an answer ``cohort`` takes today."""
    kb = knowledge.load()
    path = tmp_path / "class.xlsx"
    write(run, path)
    found = validations(workbook(path))
    for column, question in enumerate(kb.questions, start=2):
        offered = found[f"{openpyxl.utils.get_column_letter(column)}2"].formula1
        if question.kind == "scale":
            values = offered.strip('"').split(",")
            assert [question.resolve(v) for v in values] == list(range(len(question.options)))


def test_hostile_texts_are_plain_notes_in_the_workbook(run: Any, tmp_path: Path) -> None:
    """A question that looks like markup or a formula is a note as written; the header stays
    the ids."""
    kb = knowledge.load(HOSTILE)
    path = tmp_path / "class.xlsx"
    write(run, path, "--kb", HOSTILE)
    sheet = workbook(path)
    assert [cell.value for cell in sheet[1]] == ["student", *(q.id for q in kb.questions)]
    assert kb.questions[0].text("en") in sheet["B1"].comment.text
    assert kb.questions[1].options[0].text("en") in sheet["C1"].comment.text


# -- every kind ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["paper.html", "form.md", "form.txt", "class.xlsx"])
def test_no_template_is_written_over_an_existing_file(
    run: Any, tmp_path: Path, name: str
) -> None:
    """An existing file stays as it was without ``--force``, and is replaced with it."""
    path = tmp_path / name
    path.write_bytes(b"answers collected so far\n")
    line = one_error_line(*run("cohort", "--template", path)[::2])
    assert "--force" in line
    assert path.read_bytes() == b"answers collected so far\n"
    write(run, path, "--force")
    assert path.read_bytes() != b"answers collected so far\n"


@pytest.mark.parametrize(("lang", "words"), [("en", "a questionnaire to print"),
                                             ("id", "kuesioner untuk dicetak")])
def test_an_unknown_extension_is_one_line_listing_the_kinds(
    run: Any, tmp_path: Path, lang: str, words: str
) -> None:
    """``--template x.pdf`` says, in the user's language, which kinds there are."""
    path = tmp_path / "questionnaire.pdf"
    line = one_error_line(*run("cohort", "--template", path, "--lang", lang)[::2])
    assert str(path) in line and words in line
    for extension in (".html", ".md", ".txt", ".xlsx", ".csv"):
        assert extension in line
    assert not path.exists()


def test_a_delimiter_is_for_the_csv_template_only(run: Any, tmp_path: Path) -> None:
    """``--delimiter`` with a questionnaire is a usage error, and nothing is written."""
    path = tmp_path / "questionnaire.html"
    line = one_error_line(*run("cohort", "--template", path, "--delimiter", ";")[::2])
    assert "--delimiter" in line
    assert not path.exists()


@pytest.mark.parametrize(("name", "words"), [("paper.html", "Questionnaire"),
                                             ("form.md", "Form texts"),
                                             ("class.xlsx", "Answer sheet")])
def test_stderr_says_what_was_written_where(
    run: Any, tmp_path: Path, name: str, words: str
) -> None:
    """One line on stderr names the file and what it is."""
    path = tmp_path / name
    err = write(run, path)
    assert err.count("\n") == 1 and str(path) in err and words in err


def test_options_past_z_are_lettered_like_spreadsheet_columns() -> None:
    """A question with more than 26 options goes on from Z to AA, AB, … on paper."""
    assert [letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == \
        ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_indonesian_templates_name_the_column_nama_and_are_read_back(
    run: Any, tmp_path: Path, kind: str
) -> None:
    """``--lang id`` writes ``nama`` (not the English ``student``) over the names, and a class
    typed into that template is scored."""
    kb = knowledge.load()
    path = tmp_path / f"kelas.{kind}"
    write(run, path, "--lang", "id")
    answers = [str(i % len(q.options) + 1) for i, q in enumerate(kb.questions)]
    if kind == "csv":
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        assert header.split(",")[0] == "nama"
        path.write_text(f"{header}\r\nSiti Aminah,{','.join(answers)}\r\n", encoding="utf-8")
    else:
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        assert sheet["A1"].value == "nama"
        for column, value in enumerate(["Siti Aminah", *answers], start=1):
            sheet.cell(row=2, column=column, value=value)
        book.save(path)
    code, _, err = run("cohort", path, "-o", tmp_path / "hasil.json", "--lang", "id")
    assert code == 0, err
    assert "Siti Aminah" in (tmp_path / "hasil.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["kelas.csv", "kelas.xlsx"])
def test_indonesian_stderr_names_the_names_column_as_the_file_heads_it(
    run: Any, tmp_path: Path, name: str
) -> None:
    """Under --lang id the template's column of names is ``nama``, and the line says nama."""
    path = tmp_path / name
    code, _, err = run("cohort", "--template", path, "--lang", "id")
    assert code == 0
    assert ": nama dan 20 pertanyaan" in err and "student" not in err
