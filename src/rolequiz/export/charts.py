"""Inline SVG bar charts for printable HTML: no script, no network, escaped text.

SVG text never wraps on its own: a label longer than its column is broken
between words here, one ``<tspan>`` a line, and its bar row grows to hold it,
so that a long role or trait name is read whole rather than cut at its start.
"""

from __future__ import annotations

import textwrap

from rolequiz.core.kb.model import Lang
from rolequiz.export.tables import e
from rolequiz.numbers import decimal

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 70
FONT_SIZE = 13
LINE_HEIGHT = 15
CHARACTER_WIDTH = 7.6
"""A generous average width of a character at FONT_SIZE (DejaVu Sans, Arial): a line of
LABEL_CHARACTERS never reaches the left edge."""
LABEL_CHARACTERS = int((LABEL_WIDTH - 10) / CHARACTER_WIDTH)
"""The most characters on one line of a label."""


def label_lines(label: str) -> list[str]:
    """*label* broken between words into lines of at most LABEL_CHARACTERS (a longer word
    broken too); never nothing."""
    return textwrap.wrap(label, LABEL_CHARACTERS, break_on_hyphens=False) or [""]


def svg_bars(
    bars: list[tuple[str, float]],
    *,
    lang: Lang,
    maximum: float = 100.0,
    unit: str = "",
    title: str = "",
    highlight: set[int] | None = None,
) -> str:
    """Horizontal bars, one per (label, value); *highlight* indexes drawn darker.

    The value is printed beside each bar, in *lang*'s way of writing numbers, so the
    chart reads the same on paper in black and white.
    """
    highlight = highlight or set()
    labels = [label_lines(label) for label, _ in bars]
    rows = [max(BAR_HEIGHT, len(lines) * LINE_HEIGHT + 4) for lines in labels]
    height = sum(rows) + GAP * (len(bars) + 1)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">'
    ]
    if title:
        parts.append(f"<title>{e(title)}</title>")
    y = GAP
    for index, ((_, value), lines, row) in enumerate(zip(bars, labels, rows, strict=True)):
        bar_y = y + (row - BAR_HEIGHT) / 2
        share = 0.0 if maximum <= 0 else max(0.0, min(value / maximum, 1.0))
        length = round(BAR_WIDTH * share, 1)
        colour = "#1f5fa8" if index in highlight else "#7fa7d6"
        text_y = bar_y + BAR_HEIGHT * 0.7
        first_y = text_y - (len(lines) - 1) * LINE_HEIGHT / 2
        shown = (decimal(value, lang) if isinstance(value, float) else str(value)) + unit
        spans = "".join(f'<tspan x="{LABEL_WIDTH - 8}" y="{first_y + n * LINE_HEIGHT:g}">'
                        f"{e(line)}</tspan>" for n, line in enumerate(lines))
        parts += [
            f'<text text-anchor="end" font-size="{FONT_SIZE}" class="bar-label">{spans}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{bar_y:g}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            f'fill="#eef2f7" stroke="#c5cfdb"/>',
            f'<rect x="{LABEL_WIDTH}" y="{bar_y:g}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"/>',
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{text_y:g}" font-size="{FONT_SIZE}">'
            f"{e(shown)}</text>",
        ]
        y += row + GAP
    parts.append("</svg>")
    return "".join(parts)
