"""A workbook to type a class's paper answers into, one row per student.

Its header is the class table's (``student``, then the question ids, as the CSV template
has it), so that the filled-in sheet is read back like any class file.  Every answer cell
offers a drop-down of the marks the paper answer grid has: the letters of a scenario's
options (their places, ``A`` the first listed, as on paper), or the numbers of the
agreement scale, so that what is typed is what was crossed (a letter in either case: see
:func:`rolequiz.core.kb.lettering.letters`).  Each question's text and options are a note
on its header cell, and an input message says what to type.
"""

from __future__ import annotations

from typing import IO

from rolequiz import i18n
from rolequiz.core.kb.questionnaire import Item, Questionnaire
from rolequiz.errors import UsageProblem, msg
from rolequiz.export.questionnaire import verbatim

ROWS = 500
"""Students rows with drop-downs: a whole year group."""
TITLE_LIMIT = 32
MESSAGE_LIMIT = 255
ERROR_LIMIT = 224
"""Excel's limits for a data validation's titles, input message and error message."""
NAME_WIDTH = 32
ANSWER_WIDTH = 7


def clip(text: str, limit: int) -> str:
    """*text* cut to *limit* characters, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def note(item: Item) -> str:
    """The header note: the question as on paper, then each mark and its option."""
    return "\n".join([f"{item.number}. {verbatim(item.text)}", "",
                      *(f"{mark}. {verbatim(text)}" for mark, text in item.choices)])


def validation(item: Item, said: Questionnaire) -> dict[str, object]:
    """The drop-down of *item*'s marks, with what to type and what went wrong."""
    lang = said.lang
    marks = list(item.in_order)
    shown = ", ".join(marks)
    empty = i18n.t(lang, "template.sheet.empty", most=said.max_blank) if said.max_blank \
        else i18n.t(lang, "template.sheet.empty.none")
    if item.scale:
        message = i18n.t(lang, "template.sheet.input.scale", count=len(marks),
                         low=verbatim(item.choices[0].text), high=verbatim(item.choices[-1].text),
                         empty=empty)
    else:
        message = i18n.t(lang, "template.sheet.input.choice", marks=shown, empty=empty)
    return {
        "validate": "list", "source": marks, "ignore_blank": True, "dropdown": True,
        "input_title": clip(i18n.t(lang, "template.sheet.input.title", number=item.number),
                            TITLE_LIMIT),
        "input_message": clip(message, MESSAGE_LIMIT),
        "error_title": clip(i18n.t(lang, "template.sheet.error.title", number=item.number),
                            TITLE_LIMIT),
        "error_message": clip(i18n.t(lang, "template.sheet.error", marks=shown), ERROR_LIMIT),
        "error_type": "stop",
    }


def lettering_keyword(lettering: int, lang: str) -> str:
    """The workbook's keywords: which lettering its letters are and the language it speaks
    (read back by :func:`rolequiz.core.cohort.read.workbook.made_under` and ``made_in``)."""
    return f"rolequiz lettering {lettering} language {lang}"


def write_entry_sheet(handle: IO[bytes], said: Questionnaire, *, rows: int = ROWS) -> None:
    """The workbook, written to *handle*."""
    try:
        import xlsxwriter  # imported only here: it is needed only for .xlsx
    except ImportError:  # pragma: no cover - XlsxWriter is a dependency
        raise UsageProblem(msg("export.xlsx_missing")) from None

    lang = said.lang
    workbook = xlsxwriter.Workbook(handle, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False,
                                            "strings_to_numbers": False})
    workbook.set_properties({"keywords": lettering_keyword(said.lettering, lang)})
    sheet = workbook.add_worksheet(clip(i18n.t(lang, "template.sheet.name"), 31))
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF6", "border": 1,
                                  "align": "center", "valign": "top"})
    answer = workbook.add_format({"align": "center"})
    sheet.set_column(0, 0, NAME_WIDTH)
    sheet.set_column(1, len(said.items), ANSWER_WIDTH, answer)
    sheet.freeze_panes(1, 1)
    sheet.write_string(0, 0, i18n.t(lang, "cohort.template.student"), header)
    sheet.data_validation(1, 0, rows, 0, {
        "validate": "any",
        "input_title": clip(i18n.t(lang, "template.sheet.student.title"), TITLE_LIMIT),
        "input_message": clip(i18n.t(lang, "template.sheet.student.message"), MESSAGE_LIMIT)})
    for column, item in enumerate(said.items, start=1):
        sheet.write_string(0, column, item.id, header)
        text = note(item)
        lines = sum(1 + len(line) // 48 for line in text.splitlines())
        sheet.write_comment(0, column, text, {"author": "rolequiz", "width": 360,
                                              "height": 20 + 15 * lines})
        sheet.data_validation(1, column, rows, column, validation(item, said))
    workbook.close()
