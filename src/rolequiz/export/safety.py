"""Making untrusted text harmless in the files rolequiz writes.

A student's name or a knowledge-base text ends up in spreadsheets and web
pages.  Spreadsheets run a cell that starts like a formula; OWASP's advice on
CSV injection is to make such a cell plain text with a leading apostrophe.
Web pages get every text escaped (:func:`html.escape`).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """*value* as a spreadsheet cell that is always shown, never evaluated."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
