"""Making untrusted text harmless in the files rolequiz writes.

A student's name or a knowledge-base text ends up in spreadsheets, web pages and
Markdown, and in a terminal when those are printed.  Every output shows control
characters spelled out (:func:`rolequiz.text.printable`: an escape sequence never
styles a terminal, a carriage return never starts a table line).  Spreadsheets run a
cell that starts like a formula; OWASP's advice on CSV injection is to make such a
cell plain text with a leading apostrophe.  Web pages get every text escaped
(:func:`html.escape`); Markdown tables the same, and the brackets and pipes that
would make a link, an image or a cell (:func:`rolequiz.export.tables.write_markdown`).
"""

from __future__ import annotations

from rolequiz.text import printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """*value* as a spreadsheet cell that is always shown, never evaluated."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell_text(value: str) -> str:
    """*value* as a spreadsheet cell: control characters spelled out, never evaluated."""
    return spreadsheet_text(printable(value))
