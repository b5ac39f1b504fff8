"""A class on screen and on paper: the summary, the item analysis, the HTML report.

The terminal views are rich renderables built from :class:`~rich.text.Text`
(a student's ``[bold]`` stays literal; :func:`rolequiz.terminal.views.show` makes
control characters visible).  The HTML report is self-contained and
printable: the summary as charts first, then the per-student table, which is
streamed through a temporary file so that the summary, known only at the
end, can come first without holding the rows in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from io import StringIO
from typing import IO

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as Grid
from rich.text import Text

from rolequiz import __version__, i18n
from rolequiz.core.cohort.items import MIN_STUDENTS, ItemAnalysis, Reliability
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.core.table import Column, Table
from rolequiz.export.charts import svg_bars
from rolequiz.export.tables import e, page_end, page_start, write_html_table
from rolequiz.terminal.views import bar
from rolequiz.text import printable_all


def _share(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def _mix(kb: KnowledgeBase, role_ids: tuple[str, ...], lang: Lang) -> str:
    shorts = [kb.role(r).short(lang) for r in role_ids]
    return i18n.t(lang, "result.blend", roles=i18n.join(lang, shorts))


def distribution(kb: KnowledgeBase, summary: Summary, lang: Lang) -> list[tuple[str, int]]:
    """(label, students) for every role as the clear winner, then the blends."""
    bars = [(role.name(lang), summary.top[role.id]) for role in kb.roles]
    return [*bars, (i18n.t(lang, "cohort.summary.blend"), summary.blends)]


def counts_line(summary: Summary, lang: Lang) -> str:
    line = i18n.t(lang, "cohort.summary.scored", scored=summary.scored)
    if summary.skipped:
        line += " · " + i18n.t(lang, "cohort.summary.skipped", skipped=summary.skipped)
    return line


def flags_line(summary: Summary, lang: Lang) -> str:
    return i18n.t(lang, "cohort.summary.flags", blends=summary.blends,
                  uncertain=summary.uncertain, duplicates=summary.duplicates)


def _indented(renderable: RenderableType, columns: int) -> RenderableType:
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def summary_view(kb: KnowledgeBase, summary: Summary, lang: Lang) -> RenderableType:
    """The class at a glance: counts, the top roles with bars, the average profile."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    t = i18n.t
    roles = Grid.grid(padding=(0, 1))
    roles.add_column()
    roles.add_column(no_wrap=True)
    roles.add_column(justify="right", no_wrap=True)
    roles.add_column(justify="right", no_wrap=True)
    for label, count in distribution(kb, summary, lang):
        share = _share(count, summary.scored)
        roles.add_row(Text(label), bar(share), Text(str(count)), Text(f"{share:.0f}%"))
    mixes = Grid.grid(padding=(0, 1))
    mixes.add_column()
    mixes.add_column(justify="right", no_wrap=True)
    for mix, count in sorted(summary.mixes.items(), key=lambda m: -m[1]):
        mixes.add_row(Text(_mix(kb, mix, lang)), Text(str(count)))
    profile = Grid.grid(padding=(0, 1))
    profile.add_column()
    profile.add_column(no_wrap=True)
    profile.add_column(justify="right", no_wrap=True)
    average = summary.average_profile()
    for dimension in kb.dimensions:
        value = 100 * average[dimension.id]
        profile.add_row(Text(dimension.name(lang)), bar(value), Text(f"{value:.0f}"))
    return Group(
        _heading(t(lang, "cohort.summary.heading")), Text(counts_line(summary, lang)), Text(""),
        Text(t(lang, "cohort.summary.distribution"), style="bold"), _indented(roles, 2),
        Padding(mixes, (0, 0, 0, 4), style="dim", expand=False),
        Text(flags_line(summary, lang)), Text(""),
        Text(t(lang, "cohort.summary.profile"), style="bold"), _indented(profile, 2),
    )


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def answers_line(kb: KnowledgeBase, analysis: ItemAnalysis, question_id: str) -> str:
    """'a 12 · b 8 · c 15 · d 5': how often each option of a question was chosen."""
    options = kb.question(question_id).options
    counts = analysis.counts[question_id]
    return " · ".join(f"{o.id} {n}" for o, n in zip(options, counts, strict=True))


def item_rest_pairs(found: Reliability) -> list[str]:
    """'q01 0.31' for each question measuring the trait."""
    return [f"{q} {_number(r)}" for q, r in zip(found.question_ids, found.item_rest, strict=True)]


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
        parts.append(Text("  " + too_few(analysis, lang)))
        return Group(*parts)
    grid = Grid(box=None, padding=(0, 2), show_edge=False, header_style="italic")
    grid.add_column(t(lang, "cohort.items.col.dimension"))
    grid.add_column("α", justify="right", no_wrap=True)
    grid.add_column(t(lang, "cohort.items.col.item_rest"))
    for item in found:
        pairs = Columns([Text(pair) for pair in item_rest_pairs(item)], padding=(0, 2))
        grid.add_row(Text(kb.dimension(item.dimension_id).name(lang)),
                     Text(_number(item.alpha)), pairs)
    parts += [_indented(grid, 2), Text(t(lang, "cohort.items.note"), style="dim")]
    return Group(*parts)


def too_few(analysis: ItemAnalysis, lang: Lang) -> str:
    return i18n.t(lang, "cohort.items.too_few", minimum=MIN_STUDENTS, students=analysis.students)


# -- the printable report ----------------------------------------------------


def write_report(handle: IO[str], kb: KnowledgeBase, students: Table, summary: Summary,
                 lang: Lang, *, analysis: ItemAnalysis | None = None) -> None:
    """The class report as one HTML page: summary charts, the students, the items.

    *students* streams into a temporary file first (this fills *summary*), so
    a row that stops the run stops it before anything reaches *handle*.
    """
    t = i18n.t
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        write_html_table(spool, students)
        handle.write(page_start(t(lang, "cohort.report.title"), lang))
        handle.write(_summary_html(kb, summary, lang))
        handle.write(f'<h2 style="page-break-before: always">'
                     f'{e(t(lang, "cohort.report.students"))}</h2>\n')
        spool.seek(0)
        shutil.copyfileobj(spool, handle)
    if analysis is not None:
        handle.write(_items_html(kb, analysis, lang))
    made = t(lang, "cohort.report.made", version=__version__, title=kb.title(lang),
             sha256=kb.sha256)
    handle.write(f'<p class="note">{e(made)}</p>\n')
    handle.write(page_end())


def _summary_html(kb: KnowledgeBase, summary: Summary, lang: Lang) -> str:
    t = i18n.t
    bars = distribution(kb, summary, lang)
    most = max(range(len(bars)), key=lambda i: bars[i][1])
    average = summary.average_profile()
    profile = [(d.name(lang), round(100 * average[d.id], 1)) for d in kb.dimensions]
    mixes = "".join(f"<li>{e(_mix(kb, mix, lang))}: {count}</li>"
                    for mix, count in sorted(summary.mixes.items(), key=lambda m: -m[1]))
    return "".join([
        f"<p>{e(counts_line(summary, lang))}</p>\n",
        f"<h2>{e(t(lang, 'cohort.summary.distribution'))}</h2>\n",
        svg_bars([(label, count) for label, count in bars], maximum=max(summary.scored, 1),
                 title=t(lang, "cohort.summary.distribution"), highlight={most}) + "\n",
        f"<ul>{mixes}</ul>\n" if mixes else "",
        f"<p>{e(flags_line(summary, lang))}</p>\n",
        f"<h2>{e(t(lang, 'cohort.summary.profile'))}</h2>\n",
        svg_bars(profile, title=t(lang, "cohort.summary.profile")) + "\n",
    ])


def _items_html(kb: KnowledgeBase, analysis: ItemAnalysis, lang: Lang) -> str:
    t = i18n.t
    out = StringIO()
    out.write(f'<h2 style="page-break-before: always">{e(t(lang, "cohort.items.heading"))}'
              f"</h2>\n<h3>{e(t(lang, 'cohort.items.answers'))}</h3>\n")
    write_html_table(out, Table(
        title=t(lang, "cohort.items.answers"),
        columns=(Column("question", t(lang, "cohort.items.col.question")),
                 Column("answers", t(lang, "cohort.items.col.answers"))),
        rows=[(q.id, answers_line(kb, analysis, q.id)) for q in kb.questions], lang=lang))
    out.write(f"<h3>{e(t(lang, 'cohort.items.reliability'))}</h3>\n")
    found = analysis.reliability()
    if found is None:
        out.write(f"<p>{e(too_few(analysis, lang))}</p>\n")
        return out.getvalue()
    write_html_table(out, Table(
        title=t(lang, "cohort.items.reliability"),
        columns=(Column("dimension", t(lang, "cohort.items.col.dimension")),
                 Column("alpha", "α"),
                 Column("item_rest", t(lang, "cohort.items.col.item_rest"))),
        rows=[(kb.dimension(r.dimension_id).name(lang),
               "–" if r.alpha is None else round(r.alpha, 2),
               ", ".join(item_rest_pairs(r)))
              for r in found], lang=lang))
    out.write(f'<p class="note">{e(t(lang, "cohort.items.note"))}</p>\n')
    return out.getvalue()
