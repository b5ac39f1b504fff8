"""The printable student report: one result as a self-contained HTML page or as Markdown.

A counselor prints it and talks it through with the student, so it carries
what the results screen shows (:func:`rolequiz.terminal.views.result_view`) plus the
student's name, the date and the article the facts come from.  Pure
functions, text in and text out: the CLI decides where the text goes.

Every text from the knowledge base or the answer sheet is untrusted: control
characters are made visible (:func:`rolequiz.text.printable`), then the text
is escaped for HTML (:func:`rolequiz.export.tables.e`) or Markdown (:func:`md`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from rolequiz import __version__, i18n
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.core.result import headline, next_steps, program_reason, source_line
from rolequiz.core.scoring import Result
from rolequiz.errors import UsageProblem
from rolequiz.export.charts import svg_bars
from rolequiz.export.tables import FORMATS, e, page_end, page_start
from rolequiz.text import bar_cells, printable

REPORT_FORMATS = ("html", "md")
NOTE_LINES = 5
"""Ruled lines left for the counselor's notes on the printed page."""
SHA_SHOWN = 12


def format_for(path: Path, lang: Lang) -> str:
    """``html`` or ``md``, from the extension of *path* (any case)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt not in REPORT_FORMATS:
        allowed = ", ".join(x for x, f in FORMATS.items() if f in REPORT_FORMATS)
        raise UsageProblem(i18n.t(lang, "report.bad_extension", path=path,
                                  extension=repr(path.suffix) if path.suffix else "(none)",
                                  allowed=allowed))
    return fmt


def render(fmt: str, kb: KnowledgeBase, result: Result, lang: Lang, *,
           name: str | None, date: Date) -> str:
    """The report in *fmt* (see :func:`format_for`)."""
    write = html_report if fmt == "html" else markdown_report
    return write(kb, result, lang, name=name, date=date)


def long_date(date: Date, lang: Lang) -> str:
    """'14 October 2024' or '14 Oktober 2024'."""
    months = i18n.t(lang, "report.months").split()
    return f"{date.day} {months[date.month - 1]} {date.year}"


# -- what the report says, whatever the format --------------------------------


@dataclass(frozen=True)
class Fit:
    role: str
    fit: float
    leading: bool


@dataclass(frozen=True)
class Why:
    line: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    """Every sentence of the report, in the report's language, not yet escaped."""

    heading: str
    subtitle: str
    name: str | None
    date: Date
    date_text: str
    result_heading: str
    headline: str
    lines: tuple[str, ...]
    metaphors: tuple[tuple[str, str], ...]
    """(label, metaphor) for each role the result points to."""
    uncertain: str | None
    fits_heading: str
    fits: tuple[Fit, ...]
    fit_note: str
    why_heading: str
    why: tuple[Why, ...]
    role_name: str
    role_summary: str
    role_facts: tuple[tuple[str, str], ...]
    """(label, text): the metaphor and the time horizon."""
    role_lists: tuple[tuple[str, tuple[str, ...]], ...]
    """(heading, items): responsibilities, skills, focus, tools; empty lists left out."""
    programs_heading: str
    programs: tuple[tuple[str, str], ...]
    """(program, reason)."""
    next_heading: str
    next_steps: tuple[str, ...]
    source: str | None
    source_author: str | None
    references_heading: str
    references: tuple[str, ...]
    notes_heading: str
    made: str


def content(kb: KnowledgeBase, result: Result, lang: Lang, *,
            name: str | None, date: Date) -> Content:
    """The report's sentences: the results screen's, in the same order, plus name and date."""
    t = i18n.t
    top = kb.role(result.top.role_id)
    lines: tuple[str, ...] = ()
    if result.blend:
        lines = (t(lang, "result.blend.note", margin=_points(result.margin),
                   threshold=_points(kb.settings.blend_margin)),)
        head = headline(kb, result, lang)
    else:
        head = t(lang, "result.best", role=top.name(lang))
        if len(result.ranking) > 1:
            second = kb.role(result.ranking[1].role_id)
            lines = (t(lang, "result.margin", first=top.short(lang), second=second.short(lang),
                       margin=_points(result.margin)),)
    leading = set(result.leading)
    sections = [("role.responsibilities", top.responsibilities), ("role.skills", top.skills),
                ("role.focus", top.focus), ("role.tools", top.tools)]
    source = kb.source
    return Content(
        heading=t(lang, "report.heading"),
        subtitle=kb.title(lang),
        name=name or None,
        date=date,
        date_text=long_date(date, lang),
        result_heading=t(lang, "result.heading"),
        headline=head,
        lines=lines,
        metaphors=tuple((kb.role(r).short(lang) if result.blend else t(lang, "result.metaphor"),
                         kb.role(r).metaphor(lang)) for r in result.leading),
        uncertain=t(lang, "result.uncertain", share=round(100 * result.straightline_share))
        if result.uncertain else None,
        fits_heading=t(lang, "result.fits"),
        fits=tuple(Fit(kb.role(f.role_id).name(lang), f.fit, f.role_id in leading)
                   for f in result.ranking),
        fit_note=t(lang, "result.fit.note"),
        why_heading=t(lang, "result.why"),
        why=_why(kb, result, lang),
        role_name=top.name(lang),
        role_summary=top.summary(lang),
        role_facts=((t(lang, "role.metaphor"), top.metaphor(lang)),
                    (t(lang, "role.horizon"), top.horizon(lang))),
        role_lists=tuple((t(lang, key), tuple(x(lang) for x in texts))
                         for key, texts in sections if texts),
        programs_heading=t(lang, "result.programs"),
        programs=tuple((kb.program(m.program_id).label(lang),
                        program_reason(kb, result, m.program_id, lang)) for m in result.programs),
        next_heading=t(lang, "result.next"),
        next_steps=next_steps(kb, result, lang),
        source=source_line(kb, lang),
        source_author=t(lang, "report.source.author", author=source.author)
        if source and source.author else None,
        references_heading=t(lang, "report.source.references"),
        references=source.references if source else (),
        notes_heading=t(lang, "report.notes"),
        made=t(lang, "report.made", version=__version__, sha256=kb.sha256[:SHA_SHOWN]),
    )


def _why(kb: KnowledgeBase, result: Result, lang: Lang) -> tuple[Why, ...]:
    """The deciding dimensions and the answers behind them, as the results screen says it."""
    t = i18n.t
    top = kb.role(result.top.role_id)
    second = kb.role(result.ranking[1].role_id) if len(result.ranking) > 1 else None
    found = []
    for driver in result.drivers:
        line = t(lang, "result.driver", dimension=kb.dimension(driver.dimension_id).name(lang),
                 score=round(100 * driver.score), role=top.short(lang),
                 target=round(100 * driver.target))
        if second is not None and driver.runner_up_target is not None:
            line += t(lang, "result.driver.other", role=second.short(lang),
                      target=round(100 * driver.runner_up_target))
        evidence = []
        for item in driver.answers:
            question = kb.question(item.question_id)
            option = question.options[question.option_index(item.option_id) or 0]
            evidence.append(t(lang, "result.evidence", question=question.text(lang),
                              answer=option.text(lang)))
        found.append(Why(line, tuple(evidence)))
    return tuple(found)




def _points(value: float) -> str:
    return f"{value:g}"


# -- HTML ---------------------------------------------------------------------

REPORT_CSS = """
.meta { margin-top: 0; color: #333; }
.headline { font-size: 1.3em; font-weight: bold; margin: 0.3em 0; }
.warning { border-left: 4px solid #b26b00; padding: 0.3em 0.7em; font-weight: bold; }
svg.chart { max-width: 100%; height: auto; }
h3 { font-size: 1em; margin: 0.9em 0 0.2em; }
li { margin: 0.15em 0; }
.why li li, .programs .note { color: #444; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
section.keep, footer, li, p, .warning { break-inside: avoid; page-break-inside: avoid; }
.lines div { border-bottom: 1px solid #999; height: 2em; }
footer { margin-top: 2em; border-top: 1px solid #ccc; }
"""
"""Added to :data:`rolequiz.export.tables.CSS`: keep headings with their text, sections whole."""


def h(text: str) -> str:
    """Untrusted *text* as HTML text: control characters visible, then escaped."""
    return e(printable(text))


def html_report(kb: KnowledgeBase, result: Result, lang: Lang, *,
                name: str | None, date: Date) -> str:
    """One self-contained, printable page: inline CSS and SVG, no script, nothing fetched."""
    c = content(kb, result, lang, name=name, date=date)
    title = f"{c.heading} — {c.name}" if c.name else c.heading
    start = page_start(printable(title), lang, heading=printable(c.heading))
    out = [start.replace("</style>", REPORT_CSS + "</style>", 1)]
    meta = [f"<em>{h(c.subtitle)}</em>"]
    if c.name:
        meta.append(f"<strong>{h(i18n.t(lang, 'report.name'))}:</strong> {h(c.name)}")
    meta.append(f"<strong>{h(i18n.t(lang, 'report.date'))}:</strong> "
                f'<time datetime="{c.date.isoformat()}">{h(c.date_text)}</time>')
    out.append('<p class="meta">' + "<br>\n".join(meta) + "</p>\n")

    out.append(f'<section class="keep result">\n<h2>{h(c.result_heading)}</h2>\n'
               f'<p class="headline">{h(c.headline)}</p>\n')
    out += [f"<p>{h(line)}</p>\n" for line in c.lines]
    out += [f"<p><strong>{h(label)}:</strong> <em>{h(text)}</em></p>\n"
            for label, text in c.metaphors]
    if c.uncertain:
        out.append(f'<p class="warning">{h(c.uncertain)}</p>\n')
    out.append("</section>\n")

    chart = svg_bars([(printable(f.role), f.fit) for f in c.fits], title=printable(c.fits_heading),
                     highlight={i for i, f in enumerate(c.fits) if f.leading})
    out.append(f'<section class="keep fits">\n<h2>{h(c.fits_heading)}</h2>\n{chart}\n'
               f'<p class="note">{h(c.fit_note)}</p>\n</section>\n')

    out.append(f'<section class="why">\n<h2>{h(c.why_heading)}</h2>\n<ul>\n')
    for why in c.why:
        out.append(f"<li>{h(why.line)}")
        if why.evidence:
            out.append("<ul>" + "".join(f"<li>{h(x)}</li>" for x in why.evidence) + "</ul>")
        out.append("</li>\n")
    out.append("</ul>\n</section>\n")

    out.append(f'<section class="role">\n<h2>{h(c.role_name)}</h2>\n'
               f"<p>{h(c.role_summary)}</p>\n")
    out += [f"<p><strong>{h(label)}:</strong> {h(text)}</p>\n" for label, text in c.role_facts]
    for heading, items in c.role_lists:
        out.append(f"<h3>{h(heading)}</h3>\n<ul>"
                   + "".join(f"<li>{h(x)}</li>" for x in items) + "</ul>\n")
    out.append("</section>\n")

    out.append(f'<section class="keep programs">\n<h2>{h(c.programs_heading)}</h2>\n<ol>\n')
    out += [f'<li><strong>{h(program)}</strong><br><span class="note">{h(reason)}</span></li>\n'
            for program, reason in c.programs]
    out.append("</ol>\n</section>\n")

    out.append(f'<section class="keep next">\n<h2>{h(c.next_heading)}</h2>\n<ul>'
               + "".join(f"<li>{h(x)}</li>" for x in c.next_steps) + "</ul>\n</section>\n")
    out.append(f'<section class="keep notes">\n<h2>{h(c.notes_heading)}</h2>\n'
               f'<div class="lines">{"<div></div>" * NOTE_LINES}</div>\n</section>\n')

    out.append('<footer class="note">\n')
    if c.source:
        author = f". {h(c.source_author)}" if c.source_author else ""
        out.append(f"<p>{h(c.source)}{author}</p>\n")
    if c.references:
        out.append(f"<p>{h(c.references_heading)}</p>\n<ul>"
                   + "".join(f"<li>{h(x)}</li>" for x in c.references) + "</ul>\n")
    out.append(f"<p>{h(c.made)}</p>\n</footer>\n")
    out.append(page_end())
    return "".join(out)


# -- Markdown -----------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#]|&(?=#?\w+;))")
_MD_ORDINAL = re.compile(r"^(\d+)([.)])")


def md(text: str) -> str:
    """Untrusted *text* as one line of Markdown that renders as written.

    Backslash escapes (CommonMark) for what could start emphasis, a link, an
    HTML tag, an entity, a heading or a table cell, and for what would make
    the line a list item; newlines become spaces.
    """
    line = _MD_INLINE.sub(r"\\\1", " ".join(printable(text).split()))
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    return _MD_ORDINAL.sub(r"\1\\\2", line)


def markdown_report(kb: KnowledgeBase, result: Result, lang: Lang, *,
                    name: str | None, date: Date) -> str:
    """The same report as Markdown, for a counselor's notes or a repository."""
    c = content(kb, result, lang, name=name, date=date)
    t = i18n.t
    out = [f"# {md(c.heading)}\n\n", f"*{md(c.subtitle)}*  \n"]
    if c.name:
        out.append(f"**{md(t(lang, 'report.name'))}:** {md(c.name)}  \n")
    out.append(f"**{md(t(lang, 'report.date'))}:** {md(c.date_text)}\n\n")

    out.append(f"## {md(c.result_heading)}\n\n**{md(c.headline)}**\n\n")
    out += [f"{md(line)}\n\n" for line in c.lines]
    out += [f"**{md(label)}:** *{md(text)}*\n\n" for label, text in c.metaphors]
    if c.uncertain:
        out.append(f"> **{md(c.uncertain)}**\n\n")

    out.append(f"## {md(c.fits_heading)}\n\n")
    out.append(f"| {md(t(lang, 'role.column'))} | {md(t(lang, 'report.fit'))} |\n| --- | --- |\n")
    for fit in c.fits:
        role = f"**{md(fit.role)}**" if fit.leading else md(fit.role)
        out.append(f"| {role} | `{''.join(bar_cells(fit.fit))}` {fit.fit:.1f} |\n")
    out.append(f"\n*{md(c.fit_note)}*\n\n")

    out.append(f"## {md(c.why_heading)}\n\n")
    for why in c.why:
        out.append(f"- {md(why.line)}\n")
        out += [f"  - {md(x)}\n" for x in why.evidence]
    out.append("\n")

    out.append(f"## {md(c.role_name)}\n\n{md(c.role_summary)}\n\n")
    out.append("  \n".join(f"**{md(label)}:** {md(text)}" for label, text in c.role_facts)
               + "\n\n")
    for heading, items in c.role_lists:
        out.append(f"### {md(heading)}\n\n" + "".join(f"- {md(x)}\n" for x in items) + "\n")

    out.append(f"## {md(c.programs_heading)}\n\n")
    out += [f"{number}. **{md(program)}**  \n   {md(reason)}\n"
            for number, (program, reason) in enumerate(c.programs, start=1)]
    out.append(f"\n## {md(c.next_heading)}\n\n" + "".join(f"- {md(x)}\n" for x in c.next_steps))

    out.append("\n---\n\n")
    if c.source:
        author = f". {md(c.source_author)}" if c.source_author else ""
        out.append(f"{md(c.source)}{author}\n\n")
    if c.references:
        out.append(f"{md(c.references_heading)}\n\n"
                   + "".join(f"- {md(x)}\n" for x in c.references) + "\n")
    out.append(f"{md(c.made)}\n")
    return "".join(out)
