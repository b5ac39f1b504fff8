"""Inline SVG bar charts for printable HTML: no script, no network, escaped text."""

from __future__ import annotations

from rolequiz.export.tables import e

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 70


def svg_bars(
    bars: list[tuple[str, float]],
    *,
    maximum: float = 100.0,
    unit: str = "",
    title: str = "",
    highlight: set[int] | None = None,
) -> str:
    """Horizontal bars, one per (label, value); *highlight* indexes drawn darker.

    The value is printed beside each bar, so the chart reads the same on
    paper in black and white.
    """
    highlight = highlight or set()
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">'
    ]
    if title:
        parts.append(f"<title>{e(title)}</title>")
    for index, (label, value) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        share = 0.0 if maximum <= 0 else max(0.0, min(value / maximum, 1.0))
        length = round(BAR_WIDTH * share, 1)
        colour = "#1f5fa8" if index in highlight else "#7fa7d6"
        text_y = y + BAR_HEIGHT * 0.7
        shown = f"{value:.1f}{unit}" if isinstance(value, float) else f"{value}{unit}"
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end" '
            f'font-size="13" class="bar-label">{e(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
            f'fill="#eef2f7" stroke="#c5cfdb"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"/>',
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{text_y}" font-size="13">'
            f"{e(shown)}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
