"""The class report: one self-contained, printable HTML page.

The summary as charts first, then the per-student table, which is streamed
through a temporary file so that the summary, known only at the end, can come
first without holding the rows in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from io import StringIO
from typing import IO

from rolequiz import __version__, i18n
from rolequiz.core.cohort.items import ItemAnalysis
from rolequiz.core.cohort.overview import (
    answers_line,
    counts_line,
    distribution,
    flags_line,
    item_rest_pairs,
    mix_name,
    too_few,
    two_decimals,
)
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.core.table import Column, Table
from rolequiz.export.charts import svg_bars
from rolequiz.export.tables import e, page_end, page_start, write_html_table


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
    mixes = "".join(f"<li>{e(mix_name(kb, mix, lang))}: {count}</li>"
                    for mix, count in sorted(summary.mixes.items(), key=lambda m: -m[1]))
    return "".join([
        f"<p>{e(counts_line(summary, lang))}</p>\n",
        f"<h2>{e(t(lang, 'cohort.summary.distribution'))}</h2>\n",
        svg_bars([(label, count) for label, count in bars], lang=lang,
                 maximum=max(summary.scored, 1),
                 title=t(lang, "cohort.summary.distribution"), highlight={most}) + "\n",
        f"<ul>{mixes}</ul>\n" if mixes else "",
        f"<p>{e(flags_line(summary, lang))}</p>\n",
        f"<h2>{e(t(lang, 'cohort.summary.profile'))}</h2>\n",
        svg_bars(profile, lang=lang, title=t(lang, "cohort.summary.profile")) + "\n",
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
               two_decimals(r.alpha, lang),
               ", ".join(item_rest_pairs(r, lang)))
              for r in found], lang=lang))
    out.write(f'<p class="note">{e(t(lang, "cohort.items.note"))}</p>\n')
    return out.getvalue()
