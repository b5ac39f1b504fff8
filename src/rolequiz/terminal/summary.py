"""A class on screen: the summary and the item analysis.

Rich renderables built from :class:`~rich.text.Text` (a student's ``[bold]``
stays literal; :func:`rolequiz.terminal.views.show` makes control characters
visible).  The same summary on paper is :mod:`rolequiz.export.class_report`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as Grid
from rich.text import Text

from rolequiz import i18n
from rolequiz.core.cohort import overview
from rolequiz.core.cohort.items import ItemAnalysis
from rolequiz.core.cohort.overview import share_of
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.table import Table
from rolequiz.export.overview import (
    answers_line,
    bar_label,
    counts_line,
    duration_line,
    flags_line,
    item_rest_pairs,
    mix_name,
    too_few,
    two_decimals,
)
from rolequiz.terminal.views import bar, bar_width
from rolequiz.text import printable_all


def _indented(renderable: RenderableType, columns: int) -> RenderableType:
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def summary_view(kb: KnowledgeBase, summary: Summary, lang: Lang, *,
                 width: int = 80) -> RenderableType:
    """The class at a glance: counts, the top roles with bars, the average profile.  On a
    screen of *width* columns too narrow for whole bars the bars get shorter, so that each
    role's name stays on one line; where even then a role's full name does not fit, the
    roles go by their short names."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    t = i18n.t
    shown = [(key, count, share_of(count, summary.scored))
             for key, count in overview.distribution(kb, summary)]
    counts = [str(count) for _, count, _ in shown]
    shares = [f"{share:.0f}%" for _, _, share in shown]
    room = width - 2 - 3 - max(map(len, counts)) - max(map(len, shares))  # indent, gaps
    labels = [bar_label(kb, key, lang) for key, _, _ in shown]
    cells = bar_width(room, labels)
    roles_named = [cell_len(label) for (key, _, _), label in zip(shown, labels, strict=True)
                   if key not in (overview.BLENDS, overview.NO_FIT)]
    if max(roles_named, default=0) > room - cells:  # a role's name would wrap
        labels = [bar_label(kb, key, lang, short=True) for key, _, _ in shown]
        cells = bar_width(room, labels)
    roles = Grid.grid(padding=(0, 1))
    roles.add_column()
    roles.add_column(no_wrap=True)
    roles.add_column(justify="right", no_wrap=True)
    roles.add_column(justify="right", no_wrap=True)
    for (key, _, share), label, count, said in zip(shown, labels, counts, shares,
                                                   strict=True):
        roles.add_row(Text(label), bar(share, cells), Text(count), Text(said))
        if key == overview.BLENDS:  # each mix under the blends it counts, not under a later line
            for mix, mixed in sorted(summary.mixes.items(), key=lambda m: -m[1]):
                roles.add_row(Text("  " + mix_name(kb, mix, lang), style="dim"), Text(""),
                              Text(str(mixed), style="dim"), Text(""))
    profile = Grid.grid(padding=(0, 1))
    profile.add_column()
    profile.add_column(no_wrap=True)
    profile.add_column(justify="right", no_wrap=True)
    average = summary.average_profile()
    traits = bar_width(width - 2 - 2 - len("100"), (d.name(lang) for d in kb.dimensions))
    for dimension in kb.dimensions:
        value = 100 * average[dimension.id]
        profile.add_row(Text(dimension.name(lang)), bar(value, traits), Text(f"{value:.0f}"))
    took = duration_line(summary, lang)
    return Group(
        _heading(t(lang, f"cohort.summary.heading.{kb.audience}")),
        Text(counts_line(summary, lang, audience=kb.audience)),
        *([Text(took)] if took is not None else []), Text(""),
        Text(t(lang, "cohort.summary.distribution"), style="bold"), _indented(roles, 2),
        Text(flags_line(summary, lang)), Text(""),
        Text(t(lang, "cohort.summary.profile"), style="bold"), _indented(profile, 2),
    )


def items_view(kb: KnowledgeBase, analysis: ItemAnalysis, lang: Lang) -> RenderableType:
    """Answer counts per question, then alpha and item–rest correlations per trait."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    t = i18n.t
    answers = Grid.grid(padding=(0, 2))
    answers.add_column(no_wrap=True)
    answers.add_column()
    for question in kb.questions:
        answers.add_row(Text(question.id), Text(answers_line(kb, analysis, question.id)))
    parts: list[RenderableType] = [
        _heading(t(lang, "cohort.items.heading")),
        Text(t(lang, "cohort.items.answers"), style="bold"), _indented(answers, 2),
        Text(""), Text(t(lang, "cohort.items.reliability"), style="bold"),
    ]
    found = analysis.reliability()
    if found is None:
        parts.append(Text("  " + too_few(analysis, lang, audience=kb.audience)))
        return Group(*parts)
    grid = Grid(box=None, padding=(0, 2), show_edge=False, header_style="italic")
    grid.add_column(t(lang, "cohort.items.col.dimension"))
    grid.add_column("α", justify="right", no_wrap=True)
    grid.add_column(t(lang, "cohort.items.col.item_rest"))
    for item in found:
        pairs = Columns([Text(pair) for pair in item_rest_pairs(item, lang)], padding=(0, 2))
        grid.add_row(Text(kb.dimension(item.dimension_id).name(lang)),
                     Text(two_decimals(item.alpha, lang)), pairs)
    parts += [_indented(grid, 2), Text(t(lang, "cohort.items.note"), style="dim")]
    return Group(*parts)


def classes_view(table: Table) -> RenderableType:
    """A year group's classes (see :func:`rolequiz.core.cohort.classes.overview`), a line
    each: the class, then every count with its label, so that it wraps at any width."""
    lines = [Text(f"{row[0]}: " + " · ".join(
        f"{column.label} {value}" for column, value in zip(table.columns[1:], row[1:],
                                                             strict=True) if value is not None))
        for row in table.rows]
    return Group(_heading(table.title), *lines)
