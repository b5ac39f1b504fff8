"""The printable student report: one result as a self-contained HTML page or as Markdown.

A counselor prints it and talks it through with the student, so it lays out
what the results screen shows (:class:`rolequiz.export.result.ResultContent`) plus the
student's name, the date and the source the facts come from, when there is one.  Pure
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
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student.result import RoleInFull
from rolequiz.errors import UsageProblem
from rolequiz.export import advice, formats
from rolequiz.export.charts import svg_bars
from rolequiz.export.result import ResultContent, heading
from rolequiz.export.tables import e, page_end, page_start
from rolequiz.numbers import decimal, long_date
from rolequiz.text import bar_cells, printable

NOTE_LINES = 5
"""Ruled lines left for the counselor's notes on the printed page."""
SHA_SHOWN = 12


def format_for(path: Path, lang: Lang) -> str:
    """The format of a report (one that :mod:`rolequiz.export.formats` says holds one),
    from the extension of *path* (any case)."""
    found = formats.of_path(path)
    if found is None or "report" not in found.holds:
        raise UsageProblem(i18n.t(lang, "report.bad_extension", path=path,
                                  extension=repr(path.suffix) if path.suffix else "(none)",
                                  allowed=formats.extensions("report")))
    return found.name


def render(fmt: str, kb: KnowledgeBase, said: ResultContent, *, date: Date) -> str:
    """The report in *fmt* (see :func:`format_for`)."""
    write = html_report if fmt == "html" else markdown_report
    return write(kb, said, date=date)


def made(kb: KnowledgeBase, lang: Lang) -> str:
    """The last line: which rolequiz and which knowledge base made the report."""
    return i18n.t(lang, "report.made", version=__version__, sha256=kb.sha256[:SHA_SHOWN])


def _facts(role: RoleInFull) -> tuple[tuple[str, str], ...]:
    """(label, text) of the role's metaphor and time horizon."""
    return ((i18n.t(role.lang, "role.metaphor"), role.metaphor),
            (i18n.t(role.lang, "role.horizon"), role.horizon))


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
article.student + article.student { break-before: page; page-break-before: always; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 8.5pt; line-height: 1.2; }
  li { margin: 0.05em 0; }
  h1 { font-size: 1.4em; margin: 0 0 0.1em; }
  h2 { font-size: 1.1em; margin: 0.6em 0 0.2em; }
  p { margin: 0.25em 0; }
  section.role, section.next, footer .references { display: none; }
  svg.chart { max-height: 26mm; }
  .lines div { height: 1.5em; }
  footer { margin-top: 0.6em; font-size: 0.8em; }
  footer p { margin: 0.1em 0; }
}
"""
"""Added to :data:`rolequiz.export.tables.CSS`: keep headings with their text, sections whole;
on paper one A4 page a student (result, chart, why, programs, notes, the source in a short
footer: the role in full and the next steps stay on the screen), and in a file of several
students a page each."""


@dataclass(frozen=True)
class Context:
    """Where a report comes from, when it is one of a class: the class (``--title``), the
    day the student answered and how long the form took ("0:40"), when the export says."""

    title: str | None = None
    answered: Date | None = None
    duration: str | None = None


def h(text: str) -> str:
    """Untrusted *text* as HTML text: control characters visible, then escaped."""
    return e(printable(text))


def report_start(title: str, lang: Lang, *, heading: str | None = None) -> str:
    """The start of a page of reports: the page's own style added to the tables' one."""
    start = page_start(printable(title), lang, heading=heading)
    return start.replace("</style>", REPORT_CSS + "</style>", 1)


def html_report(kb: KnowledgeBase, said: ResultContent, *, date: Date,
                context: Context = Context()) -> str:
    """One self-contained, printable page: inline CSS and SVG, no script, nothing fetched."""
    return page_of(said, report_body(kb, said, date=date, context=context))


def page_of(said: ResultContent, body: str) -> str:
    """*body* (see :func:`report_body`) as its own page, titled with the student's name."""
    heading = i18n.t(said.lang, "report.heading")
    title = f"{heading} — {said.name}" if said.name else heading
    return report_start(title, said.lang, heading=printable(heading)) + body + page_end()


def report_body(kb: KnowledgeBase, said: ResultContent, *, date: Date,
                context: Context = Context()) -> str:
    """A report without its page: what :func:`html_report` shows under the page's heading,
    and what each student's ``<article>`` of a class's combined file holds."""
    t, lang, role = i18n.t, said.lang, said.role
    meta = [f"<em>{h(kb.title(lang))}</em>"]
    if said.name:
        meta.append(f"<strong>{h(t(lang, 'report.name'))}:</strong> {h(said.name)}")
    if context.title:
        group = t(lang, f"report.class.{kb.audience}")
        meta.append(f"<strong>{h(group)}:</strong> {h(context.title)}")
    if context.answered is not None:
        meta.append(f"<strong>{h(t(lang, 'report.answered'))}:</strong> "
                    f'<time datetime="{context.answered.isoformat()}">'
                    f"{h(long_date(context.answered, lang))}</time>")
    if context.duration:
        meta.append(f"<strong>{h(t(lang, 'report.duration'))}:</strong> "
                    f"{h(context.duration)}")
    meta.append(f"<strong>{h(t(lang, 'report.date'))}:</strong> "
                f'<time datetime="{date.isoformat()}">{h(long_date(date, lang))}</time>')
    out = ['<p class="meta">' + "<br>\n".join(meta) + "</p>\n"]

    out.append(f'<section class="keep result">\n<h2>{h(t(lang, "result.heading"))}</h2>\n'
               f'<p class="headline">{h(said.verdict)}</p>\n')
    out += [f"<p>{h(line)}</p>\n" for line in said.notes]
    out += [f"<p><strong>{h(m.label)}:</strong> <em>{h(m.text)}</em></p>\n"
            for m in said.metaphors]
    if said.uncertain:
        out.append(f'<p class="warning">{h(said.uncertain)}</p>\n')
    if said.answered is not None:
        out.append(f'<p class="blank"><strong>{h(said.answered)}.</strong> '
                   f"{h(said.blanks or '')}</p>\n")
    out.append("</section>\n")

    fits_heading = t(lang, "result.fits")
    chart = svg_bars([(printable(f.name), f.fit) for f in said.fits], lang=lang,
                     title=printable(fits_heading),
                     highlight={i for i, f in enumerate(said.fits) if f.leading})
    out.append(f'<section class="keep fits">\n<h2>{h(fits_heading)}</h2>\n{chart}\n'
               f'<p class="note">{h(t(lang, "result.fit.note"))}</p>\n</section>\n')

    if said.why:
        out.append(f'<section class="why">\n<h2>{h(t(lang, "result.why"))}</h2>\n')
        strengths = advice.strengths(kb, said.advice, lang)
        if strengths:
            out.append(f"<p>{h(strengths)}</p>\n")
        out.append("<ul>\n")
        for why in said.why:
            out.append(f"<li>{h(why.text)}")
            if why.evidence:
                out.append("<ul>" + "".join(f"<li>{h(e.text)}</li>" for e in why.evidence)
                           + "</ul>")
            out.append("</li>\n")
        out.append("</ul>\n</section>\n")

    if role is not None:
        out.append(f'<section class="role">\n<h2>{h(role.name)}</h2>\n'
                   f"<p>{h(role.summary)}</p>\n")
        out += [f"<p><strong>{h(label)}:</strong> {h(text)}</p>\n"
                for label, text in _facts(role)]
        for section in role.sections:
            out.append(f"<h3>{h(heading(section.aspect, lang))}</h3>\n<ul>"
                       + "".join(f"<li>{h(x)}</li>" for x in section.items) + "</ul>\n")
        out.append("</section>\n")

    if said.programs:
        out.append(f'<section class="keep programs">\n<h2>{h(t(lang, "result.programs"))}'
                   "</h2>\n<ol>\n")
        out += [f'<li><strong>{h(p.label)}</strong><br><span class="note">{h(p.reason)}</span>'
                "</li>\n" for p in said.programs]
        out.append("</ol>\n")
        if said.programs_source:
            out.append(f'<p class="note">{h(said.programs_source)}</p>\n')
        out.append("</section>\n")

    out.append(f'<section class="keep next">\n<h2>{h(t(lang, "result.next"))}</h2>\n<ul>'
               + "".join(f"<li>{h(x)}</li>" for x in _steps(kb, said)) + "</ul>\n</section>\n")
    out.append(f'<section class="keep notes">\n<h2>{h(t(lang, "report.notes"))}</h2>\n'
               f'<div class="lines">{"<div></div>" * NOTE_LINES}</div>\n</section>\n')

    out.append('<footer class="note">\n')
    source = said.source
    if source:
        author = f". {h(source.author)}" if source.author else ""
        out.append(f"<p>{h(source.line)}{author}</p>\n")
        if source.references:
            out.append(f'<div class="references"><p>{h(source.references_heading)}</p>\n<ul>'
                       + "".join(f"<li>{h(x)}</li>" for x in source.references)
                       + "</ul></div>\n")
    out.append(f"<p>{h(made(kb, lang))}</p>\n</footer>\n")
    return "".join(out)


# -- Markdown -----------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#]|&(?=#?\w+;))")
_MD_ORDINAL = re.compile(r"^(\d+)([.)])")


def _steps(kb: KnowledgeBase, said: ResultContent) -> tuple[str, ...]:
    return advice.steps(kb, said.advice, said.lang)


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


def markdown_report(kb: KnowledgeBase, said: ResultContent, *, date: Date) -> str:
    """The same report as Markdown, for a counselor's notes or a repository."""
    t, lang, role = i18n.t, said.lang, said.role
    out = [f"# {md(t(lang, 'report.heading'))}\n\n", f"*{md(kb.title(lang))}*  \n"]
    if said.name:
        out.append(f"**{md(t(lang, 'report.name'))}:** {md(said.name)}  \n")
    out.append(f"**{md(t(lang, 'report.date'))}:** {md(long_date(date, lang))}\n\n")

    out.append(f"## {md(t(lang, 'result.heading'))}\n\n**{md(said.verdict)}**\n\n")
    out += [f"{md(line)}\n\n" for line in said.notes]
    out += [f"**{md(m.label)}:** *{md(m.text)}*\n\n" for m in said.metaphors]
    if said.uncertain:
        out.append(f"> **{md(said.uncertain)}**\n\n")
    if said.answered is not None:
        out.append(f"**{md(said.answered)}.** {md(said.blanks or '')}\n\n")

    out.append(f"## {md(t(lang, 'result.fits'))}\n\n")
    out.append(f"| {md(t(lang, 'role.column'))} | {md(t(lang, 'report.fit'))} |\n| --- | --- |\n")
    for fit in said.fits:
        name = f"**{md(fit.name)}**" if fit.leading else md(fit.name)
        out.append(f"| {name} | `{''.join(bar_cells(fit.fit))}` {decimal(fit.fit, lang)} |\n")
    out.append(f"\n*{md(t(lang, 'result.fit.note'))}*\n\n")

    if said.why:
        out.append(f"## {md(t(lang, 'result.why'))}\n\n")
        strengths = advice.strengths(kb, said.advice, lang)
        if strengths:
            out.append(f"{md(strengths)}\n\n")
        for why in said.why:
            out.append(f"- {md(why.text)}\n")
            out += [f"  - {md(e.text)}\n" for e in why.evidence]
        out.append("\n")

    if role is not None:
        out.append(f"## {md(role.name)}\n\n{md(role.summary)}\n\n")
        out.append("  \n".join(f"**{md(label)}:** {md(text)}" for label, text in _facts(role))
                   + "\n\n")
        for section in role.sections:
            out.append(f"### {md(heading(section.aspect, lang))}\n\n"
                       + "".join(f"- {md(x)}\n" for x in section.items) + "\n")

    if said.programs:
        out.append(f"## {md(t(lang, 'result.programs'))}\n\n")
        out += [f"{number}. **{md(p.label)}**  \n   {md(p.reason)}\n"
                for number, p in enumerate(said.programs, start=1)]
        if said.programs_source:
            out.append(f"\n*{md(said.programs_source)}*\n")
    out.append(f"\n## {md(t(lang, 'result.next'))}\n\n"
               + "".join(f"- {md(x)}\n" for x in _steps(kb, said)))

    out.append("\n---\n\n")
    source = said.source
    if source:
        author = f". {md(source.author)}" if source.author else ""
        out.append(f"{md(source.line)}{author}\n\n")
        if source.references:
            out.append(f"{md(source.references_heading)}\n\n"
                       + "".join(f"- {md(x)}\n" for x in source.references) + "\n")
    out.append(f"{md(made(kb, lang))}\n")
    return "".join(out)
