"""The class report: one self-contained, printable HTML page a counselor can present.

Title and date, the summary as charts, the students who need a second look
(not scored, not reliable, a name twice) with the reason, what the words
mean, how to talk the results over, then the per-student table, the item
analysis and the source.  The table is streamed through a temporary file so
that what is known only at the end (the summary, who needs a look) can come
first without holding the rows in memory.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from io import StringIO
from typing import IO, TYPE_CHECKING

from rolequiz import __version__, i18n
from rolequiz.core.cohort.classes import COLUMN as CLASS
from rolequiz.core.cohort.classes import ClassPart
from rolequiz.core.cohort.items import ItemAnalysis
from rolequiz.core.cohort.record import CONFIDENCES, NO_FIT
from rolequiz.core.cohort.rows import Summary
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import flags
from rolequiz.core.table import Cell, Column, Table
from rolequiz.export.charts import svg_bars
from rolequiz.export.class_table import Words, place
from rolequiz.export.overview import (
    answers_line,
    counts_line,
    distribution,
    duration_line,
    flags_line,
    item_rest_pairs,
    mix_name,
    short_text,
    too_few,
    two_decimals,
    weak_questions,
)
from rolequiz.export.result import source_note
from rolequiz.export.student_reports import name_key
from rolequiz.export.tables import e, page_end, page_start, write_html_table
from rolequiz.export.year_group import overview
from rolequiz.numbers import clock, long_date
from rolequiz.text import printable

if TYPE_CHECKING:
    from rolequiz.core.cohort.record import Student

Pairs = tuple[tuple[str, str], ...]
Key = tuple[str | None, Cell]
"""A student of the run: their class (None for one class) and source (row or sheet)."""

CLASS_CSS = """
dl.legend dt { font-weight: bold; margin-top: 0.4em; }
dl.legend dd { margin-left: 1.5em; }
.footnote { font-size: 0.85em; color: #444; }
table { width: calc(100% - 2px); }
table.students { font-size: 0.9em; }
table.students th, table.students td { padding: 0.3em 0.35em; }
table.students td { overflow-wrap: break-word; }
table.students td:nth-child(1) { overflow-wrap: anywhere; }
table.students td:nth-child(2) { hyphens: manual; }
@media print { table.students { font-size: 8.5pt; } }
"""
"""The table of students fits the width of the page and of the screen: its headers and
results wrap between words, the place (a long file name) anywhere; the name column gets
the room its longest word needs, so a name never breaks inside a word (only a word longer
than a line, an e-mail address given as a name, breaks, as it must); smaller type on
paper.  A table is a little narrower than the
page, as its outer border lies half outside it and Chromium cuts what passes the margin."""


@dataclass(frozen=True)
class Heading:
    """What the top of the page says: the class (``--title``) and the date."""

    title: str | None = None
    date: Date | None = None
    by_name: bool = False
    """List the students by name (as a reader sorts them), not as the class file has them."""


@dataclass(frozen=True)
class Notable:
    """A student who needs a second look, and why, in words."""

    place: str
    name: str
    reason: str


@dataclass(frozen=True)
class _Look:
    """A student to look at again, as the class is scored; worded once the run is read
    (a form's reading time, for the too-fast reason, is known only then)."""

    key: Key
    place: str
    name: str
    said: tuple[str, ...]
    """The flags in words, but a blend (see
    :meth:`rolequiz.export.class_table.Words.flag_words`)."""
    codes: tuple[str, ...]
    """The careless-answering flags raised."""
    duration: float | None
    scored: bool


class Notes:
    """Who needs a second look, who is a blend and who has one role, from each batch's
    records (:class:`rolequiz.core.cohort.record.Student`) as the class is scored: the
    students to look at again (not scored, not reliable, or any flag but a blend); every
    blend, with its result (a blend with another flag, such as a name twice, is in both:
    the summary counts every blend); the names of the students whose result is one role,
    by the role's id; and the statements each student flagged for contradiction answered
    against each other, so that the page can name them and the counselor judge."""

    def __init__(self, kb: KnowledgeBase, lang: Lang, *, duplicates: str = "latest") -> None:
        self.kb, self.lang = kb, lang
        self.words = Words(kb, lang, duplicates=duplicates)
        self.pairs: dict[Key, Pairs] = {}
        """A flagged student's class and source -> the (statement, reverse) ids."""
        self.looks: list[_Look] = []
        self.mixed: list[Notable] = []
        self.by_role: dict[str, list[str]] = {}

    def add(self, students: Sequence[Student]) -> None:
        """Note the students of a batch, in the order of the class file."""
        self._contradictions(students)
        lang = self.lang
        for student in students:
            klass = student.klass
            where = place(student.source, lang)
            where = where if klass is None else f"{klass}, {where}"
            said = self.words.flag_words(student, blend=False)
            if said or student.flags:
                self.looks.append(_Look((klass, student.source), where, student.name,
                                        tuple(said), student.flags, student.duration,
                                        student.scored))
            if student.blend and not student.flags:
                self.mixed.append(Notable(where, student.name,
                                          self.words.result_of(student)))
            elif student.top:
                self.by_role.setdefault(student.top, []).append(
                    student.name if klass is None else f"{student.name} ({klass})")

    def notable(self, summary: Summary) -> list[Notable]:
        """The students to look at again, each with the reason in words; a form filled in
        too fast says in how long, beside its reading time (*summary*'s); contradicting
        answers name their statements."""
        kb, lang = self.kb, self.lang

        def meaning(code: str, look: _Look) -> str:
            if code == "too_fast" and look.duration is not None and summary.reading:
                return i18n.t(lang, "cohort.notable.too_fast", duration=clock(look.duration),
                              reading=clock(summary.reading))
            if code == "contradiction" and self.pairs.get(look.key):
                pairs = "; ".join(i18n.t(lang, "cohort.notable.contradiction.pair",
                                         first=_quoted(kb, first, lang),
                                         second=_quoted(kb, second, lang))
                                  for first, second in self.pairs[look.key])
                return i18n.t(lang, "cohort.notable.contradiction", pairs=pairs)
            return i18n.t(lang, f"cohort.legend.{code}")

        found = []
        for look in self.looks:
            reason = "; ".join([*look.said, *(meaning(c, look) for c in look.codes)])
            if not look.scored:
                reason = i18n.t(lang, "cohort.notable.skipped", reason=reason)
            found.append(Notable(look.place, look.name, reason))
        return found

    def _contradictions(self, students: Sequence[Student]) -> None:
        """Note the pairs of the students the contradiction rule flagged."""
        import numpy as np

        flagged = [s for s in students if "contradiction" in s.flags]
        if not flagged:
            return
        codes = np.array([s.answers for s in flagged], dtype=np.intp)
        # positions: read by other rules, not this one
        sheets = flags.Sheets(codes=codes, positions=codes, seconds=None)
        for index in np.flatnonzero(flags.contradiction(self.kb, sheets)).tolist():
            self.pairs[flagged[index].klass, flagged[index].source] = flags.contradicting(
                self.kb, codes[index])


def h(text: object) -> str:
    """Untrusted *text* as HTML text: control characters visible, then escaped."""
    return e(printable(str(text)))


def write_report(handle: IO[str], kb: KnowledgeBase, students: Table, summary: Summary,
                 lang: Lang, *, analysis: ItemAnalysis | None = None,
                 heading: Heading = Heading(), notes: Notes | None = None,
                 classes: Sequence[ClassPart] = ()) -> None:
    """The class report as one HTML page.

    *students* streams into a temporary file first (this fills *summary*, and the
    summaries of *classes*, a year group's classes, and *notes*, given the students'
    records as they are scored), so a row that stops the run stops it before anything
    reaches *handle*.
    """
    t = i18n.t
    noted = Notes(kb, lang) if notes is None else notes
    rows: Iterable[tuple[Cell, ...]] = students.rows
    ids = [c.id for c in students.columns]
    if heading.by_name:
        at = ids.index("student")
        rows = sorted(rows, key=lambda row: (name_key(str(row[at] or "")), str(row[at] or "")))
    if CLASS in ids:  # a year group: class by class, in the order given
        at = ids.index(CLASS)
        order = {part.name: index for index, part in enumerate(classes)}
        rows = sorted(rows, key=lambda row: order.get(str(row[at]), len(order)))
    watched = _presented(Table(students.title, students.columns, rows, students.lang))
    name = t(lang, f"cohort.report.title.{kb.audience}")
    title = f"{name} — {heading.title}" if heading.title else name
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        write_html_table(spool, watched, css_class="students")
        start = page_start(printable(title), lang)
        handle.write(start.replace("</style>", CLASS_CSS + "</style>", 1))
        meta = [f"<em>{h(kb.title(lang))}</em>"]
        if heading.date is not None:
            meta.append(f'<time datetime="{heading.date.isoformat()}">'
                        f"{h(long_date(heading.date, lang))}</time>")
        handle.write(f'<p class="meta">{" · ".join(meta)}</p>\n')
        handle.write(_summary_html(kb, summary, lang))
        if classes:
            handle.write(_classes_html(kb, classes, lang))
        handle.write(_notable_html(noted.notable(summary), noted.mixed, lang,
                                   audience=kb.audience))
        handle.write(_roles_html(kb, noted.by_role, lang))
        handle.write(_legend_html(lang))
        handle.write(_talk_html(lang))
        handle.write(f'<h2 style="page-break-before: always">'
                     f'{e(t(lang, f"cohort.report.students.{kb.audience}"))}</h2>\n')
        spool.seek(0)
        shutil.copyfileobj(spool, handle)
    if analysis is not None:
        handle.write(_items_html(kb, analysis, lang))
    source = source_note(kb, lang)
    if source is not None:
        author = f" {h(source.author)}" if source.author else ""
        handle.write(f'<p class="source">{h(source.line)}.{author}</p>\n')
    made = t(lang, "cohort.report.made", version=__version__, title=kb.title(lang),
             sha256=kb.sha256)
    handle.write(f'<p class="note">{e(made)}</p>\n')
    handle.write(page_end())


MACHINE = ("top", "blend", "careless")
"""Columns of ids and codes, for spreadsheets and scripts: the page says the same in words
(the result, the flags and the students to look at again)."""


def worded(students: Table) -> Table:
    """*students* with the confidence in the reader's words ("jelas", not ``clear``), for a
    workbook a person reads; the other columns as they are (CSV and JSON keep the codes,
    for scripts)."""
    ids = [c.id for c in students.columns]
    if "confidence" not in ids:
        return students
    at = ids.index("confidence")
    words = {code: i18n.t(students.lang, f"cohort.confidence.{code}")
             for code in CONFIDENCES}

    def rows() -> Iterator[tuple[Cell, ...]]:
        for row in students.rows:
            said = row[at]
            yield row if not isinstance(said, str) else \
                (*row[:at], words.get(said, said), *row[at + 1:])

    return replace(students, rows=rows())


_BREAKS = re.compile(r"([.@_](?=\S))")
"""Where a name with no space to wrap at (an e-mail address given as a name) may break:
after a dot, an at sign or an underscore, marked with a zero-width space."""


def _shown(value: Cell) -> Cell:
    """A fit or margin as the page shows it: one decimal, none when it is whole ("99.6",
    "100"), still a number (right-aligned)."""
    if not isinstance(value, float):
        return value
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded


def _presented(students: Table) -> Table:
    """The per-student table as a person reads it: no id or code columns, and the
    confidence in words.  A result that is not reliable (careless answering) or that no
    role fits shows neither a confidence nor fits, as the student's report does: "clear,
    95" beside "not reliable" would contradict it."""
    lang = students.lang
    keep = [i for i, c in enumerate(students.columns) if c.id not in MACHINE]
    ids = [c.id for c in students.columns]
    confidence = ids.index("confidence") if "confidence" in ids else None
    careless = ids.index("careless") if "careless" in ids else None
    judged = [i for i, c in enumerate(ids) if c.startswith("fit_") or c == "margin"]
    name = ids.index("student") if "student" in ids else None
    words = {code: i18n.t(lang, f"cohort.confidence.{code}")
             for code in CONFIDENCES}

    def rows() -> Iterator[tuple[Cell, ...]]:
        for row in students.rows:
            cells = list(row)
            said = cells[confidence] if confidence is not None else None
            unreliable = careless is not None and bool(cells[careless])
            if confidence is not None and (unreliable or said == NO_FIT):
                cells[confidence] = None
                for i in judged:
                    cells[i] = None
            elif confidence is not None and isinstance(said, str):
                cells[confidence] = words.get(said, said)
            who = cells[name] if name is not None else None
            if name is not None and isinstance(who, str):
                cells[name] = _BREAKS.sub("\\1\u200b", who)
            for i in judged:
                cells[i] = _shown(cells[i])
            yield tuple(cells[i] for i in keep)

    return Table(students.title, tuple(students.columns[i] for i in keep), rows(), lang)


def _summary_html(kb: KnowledgeBase, summary: Summary, lang: Lang) -> str:
    t = i18n.t
    bars = distribution(kb, summary, lang)
    most = max(range(len(bars)), key=lambda i: bars[i][1])
    average = summary.average_profile()
    profile = [(d.name(lang), round(100 * average[d.id], 1)) for d in kb.dimensions]
    mixes = "".join(f"<li>{e(mix_name(kb, mix, lang))}: {count}</li>"
                    for mix, count in sorted(summary.mixes.items(), key=lambda m: -m[1]))
    took = duration_line(summary, lang)
    return "".join([
        f"<p>{e(counts_line(summary, lang, audience=kb.audience))}</p>\n",
        f"<p>{e(took)}</p>\n" if took is not None else "",
        f"<h2>{e(t(lang, 'cohort.summary.distribution'))}</h2>\n",
        svg_bars([(label, count) for label, count in bars], lang=lang,
                 maximum=max(summary.scored, 1),
                 title=t(lang, "cohort.summary.distribution"), highlight={most}) + "\n",
        f"<ul>{mixes}</ul>\n" if mixes else "",
        f"<p>{e(flags_line(summary, lang))}</p>\n",
        f"<h2>{e(t(lang, 'cohort.summary.profile'))}</h2>\n",
        svg_bars(profile, lang=lang, title=t(lang, "cohort.summary.profile")) + "\n",
    ])


def _classes_html(kb: KnowledgeBase, classes: Sequence[ClassPart], lang: Lang) -> str:
    """The classes of a year group side by side (see
    :func:`rolequiz.core.cohort.classes.overview`)."""
    table = overview(kb, classes, lang)
    out = StringIO()
    out.write(f'<section class="classes">\n<h2>{h(table.title)}</h2>\n')
    write_html_table(out, replace(table, rows=[tuple(printable(c) if isinstance(c, str) else c
                                                     for c in row) for row in table.rows]))
    out.write("</section>\n")
    return out.getvalue()


def _notable_html(notable: list[Notable], mixed: list[Notable], lang: Lang, *,
                  audience: str) -> str:
    """Every student who was not scored or whose result needs a second look, by name, with
    the reason; then the students whose result is a mix, with it."""
    t = i18n.t
    heading = t(lang, f"cohort.notable.heading.{audience}")
    out = [f'<section class="notable">\n<h2>{h(heading)}</h2>\n']
    if notable:
        out.append(_students_html(notable, lang))
    else:
        out.append(f"<p>{h(t(lang, 'cohort.notable.none'))}</p>\n")
    if mixed:
        out.append(f"<h3>{h(t(lang, 'cohort.notable.mixed'))}</h3>\n")
        out.append(_students_html(mixed, lang))
    out.append("</section>\n")
    return "".join(out)


def _roles_html(kb: KnowledgeBase, by_role: dict[str, list[str]], lang: Lang) -> str:
    """The students whose result is one role, role by role, by name (a blend and a result
    that is not reliable are in the lists above)."""
    t = i18n.t
    heading = t(lang, f"cohort.report.by_role.{kb.audience}")
    out = [f'<section class="by-role">\n<h2>{h(heading)}</h2>\n']
    for role in kb.roles:
        names = sorted(by_role.get(role.id, []), key=lambda n: (name_key(n), n))
        listed = ", ".join(h(n or t(lang, "cohort.reports.no_name")) for n in names)
        out.append(f"<h3>{h(role.name(lang))} ({len(names)})</h3>\n"
                   f"<p>{listed or h(t(lang, 'cohort.report.by_role.none'))}</p>\n")
    out.append("</section>\n")
    return "".join(out)


def _students_html(students: list[Notable], lang: Lang) -> str:
    lines = "".join(f"<li><strong>{h(s.name or i18n.t(lang, 'cohort.reports.no_name'))}"
                    f"</strong> ({h(s.place)}): {h(s.reason)}</li>\n" for s in students)
    return f"<ul>\n{lines}</ul>\n"


LEGEND = ("fit", "margin", "confidence", "blend", "uncertain", *flags.CODES, "duplicate",
          "blank", "skipped")
"""The words of the report explained in the legend, in this order."""


def _legend_html(lang: Lang) -> str:
    """What fit, the margin, a mix and each flag mean, in plain words."""
    t = i18n.t
    out = [f'<section class="legend">\n<h2>{h(t(lang, "cohort.legend.heading"))}</h2>\n'
           '<dl class="legend">\n']
    for key in LEGEND:
        out.append(f"<dt>{h(t(lang, f'cohort.legend.{key}.term'))}</dt>"
                   f"<dd>{h(t(lang, f'cohort.legend.{key}'))}</dd>\n")
    out.append("</dl>\n</section>\n")
    return "".join(out)


TALK = ("start", "strengths", "blend", "again", "programs")


def _talk_html(lang: Lang) -> str:
    """A few lines on talking the results over with the students."""
    t = i18n.t
    return (f'<section class="talk">\n<h2>{h(t(lang, "cohort.talk.heading"))}</h2>\n<ul>'
            + "".join(f"<li>{h(t(lang, f'cohort.talk.{key}'))}</li>" for key in TALK)
            + "</ul>\n</section>\n")


def _quoted(kb: KnowledgeBase, question_id: str, lang: Lang) -> str:
    """'q07 “The first words of the statement…”'."""
    return f"{question_id} “{short_text(kb.question(question_id).text(lang))}”"


def question_label(kb: KnowledgeBase, question_id: str, lang: Lang) -> str:
    """'q17 · The first words of the question…'."""
    return f"{question_id} · {short_text(kb.question(question_id).text(lang))}"


def _items_html(kb: KnowledgeBase, analysis: ItemAnalysis, lang: Lang) -> str:
    """Which questions may not be working, in words first; the figures in a footnote."""
    t = i18n.t
    out = StringIO()
    out.write(f'<h2 style="page-break-before: always">{e(t(lang, "cohort.items.heading"))}'
              f"</h2>\n<h3>{h(t(lang, 'cohort.items.weak.heading'))}</h3>\n")
    weak = weak_questions(kb, analysis, lang)
    if weak:
        out.write("<ul>\n" + "".join(
            f"<li><strong>{h(question_label(kb, q, lang))}</strong>: {h('; '.join(why))}</li>\n"
            for q, why in weak) + "</ul>\n")
    else:
        out.write(f"<p>{h(t(lang, 'cohort.items.weak.none'))}</p>\n")
    found = analysis.reliability()
    if found is None:
        out.write(f"<p>{h(too_few(analysis, lang, audience=kb.audience))}</p>\n")
    out.write(f"<h3>{e(t(lang, 'cohort.items.answers'))}</h3>\n")
    write_html_table(out, Table(
        title=t(lang, "cohort.items.answers"),
        columns=(Column("question", t(lang, "cohort.items.col.question")),
                 Column("answers", t(lang, "cohort.items.col.answers"))),
        rows=_printable([(question_label(kb, q.id, lang), answers_line(kb, analysis, q.id))
                         for q in kb.questions]), lang=lang))
    if found is None:
        return out.getvalue()
    out.write(f'<section class="footnote">\n<h3>{e(t(lang, "cohort.items.reliability"))}'
              "</h3>\n")
    write_html_table(out, Table(
        title=t(lang, "cohort.items.reliability"),
        columns=(Column("dimension", t(lang, "cohort.items.col.dimension")),
                 Column("alpha", "α"),
                 Column("item_rest", t(lang, "cohort.items.col.item_rest"))),
        rows=[(kb.dimension(r.dimension_id).name(lang),
               two_decimals(r.alpha, lang),
               ", ".join(item_rest_pairs(r, lang)))
              for r in found], lang=lang))
    out.write(f'<p class="note">{e(t(lang, "cohort.items.note"))}</p>\n</section>\n')
    return out.getvalue()


def _printable(rows: Iterable[tuple[str, str]]) -> list[tuple[Cell, ...]]:
    return [(printable(a), printable(b)) for a, b in rows]
