"""The questionnaire on paper (HTML, for A4) and as texts for a Google or Microsoft Form.

Both lay out one :class:`rolequiz.core.kb.questionnaire.Questionnaire`.  Pure functions,
text in and text out: the CLI decides where the text goes.

Every knowledge-base text is untrusted.  On paper it is escaped for HTML; in the form
texts it is written as it is (the form must show the very text the knowledge base has,
since a form's export is read back by its texts), with control characters made visible,
on one line, and in Markdown inside a code block, which shows it as written.
"""

from __future__ import annotations

import re

from rolequiz import i18n
from rolequiz.core.kb.questionnaire import Item, Questionnaire
from rolequiz.export.report import h, md
from rolequiz.export.tables import page_end, page_start
from rolequiz.text import printable

PAPER_CSS = """
@page { size: A4; margin: 14mm 15mm; }
body { font-size: 10.5pt; }
h2 { break-after: avoid; page-break-after: avoid; }
table.fill { margin: 0.6em 0 1em; }
table.fill th, table.fill td { border: none; background: none; padding: 0 0.4em 0 0;
  vertical-align: bottom; white-space: nowrap; }
table.fill td { border-bottom: 1px solid #333; width: 40%; height: 1.8em; }
table.fill td.short { width: 15%; }
table.fill td + th { padding-left: 1.2em; }
.instructions { border-left: 4px solid #4a6fa5; padding: 0.2em 0.8em; }
.instructions p { margin: 0.3em 0; }
.scale { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; margin: 0.3em 0; padding: 0;
  list-style: none; }
.question { break-inside: avoid; page-break-inside: avoid; margin: 0.9em 0; }
.question .text { margin: 0 0 0.3em; font-weight: bold; }
.question .text .number { display: inline-block; min-width: 1.8em; }
.options { list-style: none; margin: 0; padding-left: 1.8em; }
.options li { margin: 0.15em 0; padding-left: 1.9em; text-indent: -1.9em; }
.mark { display: inline-block; width: 1.9em; text-indent: 0; font-weight: bold; }
.statement .options { display: flex; flex-wrap: wrap; gap: 0.2em 1em; }
.statement .options li { padding-left: 0; text-indent: 0; }
.statement .mark { width: auto; margin-right: 0.3em; }
section.grid { break-before: page; page-break-before: always; break-inside: avoid;
  page-break-inside: avoid; }
section.grid h2 { margin-top: 0; }
.rows { columns: 2; column-gap: 2em; margin-top: 0.6em; }
.row { break-inside: avoid; page-break-inside: avoid; height: 9mm; }
.row .number { display: inline-block; width: 2.2em; text-align: right; margin-right: 0.6em;
  font-weight: bold; }
.box { display: inline-block; width: 7mm; height: 7mm; line-height: 7mm; margin-right: 1.5mm;
  border: 1px solid #333; text-align: center; font-size: 8pt; color: #666;
  vertical-align: middle; }
"""
"""Added to :data:`rolequiz.export.tables.CSS`: questions kept whole, the grid on a page of
its own (with the name line again), so that it can be collected or copied apart."""


# -- on paper -----------------------------------------------------------------


def html_questionnaire(said: Questionnaire) -> str:
    """One self-contained page to print on A4: a name, class and date line, the instructions,
    the agreement scale, every question with its options marked, and the answer grid."""
    lang = said.lang
    start = page_start(printable(said.title), lang)
    out = [start.replace("</style>", PAPER_CSS + "</style>", 1)]
    out.append(_fill_line(lang, audience=said.audience))
    out.append('<section class="instructions">\n')
    if said.intro:
        out.append(f"<p>{h(said.intro)}</p>\n")
    blanks = i18n.t(lang, "template.paper.blanks", most=said.max_blank) if said.max_blank \
        else i18n.t(lang, "template.paper.blanks.none")
    out.append(f"<p>{h(i18n.t(lang, 'template.paper.instructions', blanks=blanks))}</p>\n")
    if any(not item.scale for item in said.items):
        out.append(f"<p>{h(i18n.t(lang, 'template.paper.choice'))}</p>\n")
    if any(item.scale for item in said.items):
        out.append(f"<p>{h(i18n.t(lang, 'template.paper.statement', count=len(said.scale)))}"
                   f"</p>\n<p><strong>{h(i18n.t(lang, 'template.paper.scale'))}:</strong></p>\n"
                   f'<ul class="scale">{_choices(said.scale)}</ul>\n')
    out.append("</section>\n")
    out += [_question(item) for item in said.items]
    out.append(_grid(said))
    out.append(page_end())
    return "".join(out)


def _fill_line(lang: str, *, audience: str) -> str:
    """Name, class (or group) and date, each with a line to write on."""
    def label(key: str) -> str:
        return f'<th scope="row">{h(i18n.t(lang, key))}:</th>'

    return ('<table class="fill"><tr>'
            f'{label("template.paper.name")}<td></td>'
            f'{label(f"template.paper.class.{audience}")}<td class="short"></td>'
            f'{label("template.paper.date")}<td class="short"></td>'
            "</tr></table>\n")


def _choices(choices: tuple[tuple[str, str], ...]) -> str:
    return "".join(f'<li><span class="mark">{h(mark)}</span> {h(text)}</li>'
                   for mark, text in choices)


def _question(item: Item) -> str:
    kind = "statement" if item.scale else "situation"
    return (f'<section class="question {kind}">\n'
            f'<p class="text"><span class="number">{item.number}.</span> {h(item.text)}</p>\n'
            f'<ul class="options">{_choices(item.choices)}</ul>\n</section>\n')


def _grid(said: Questionnaire) -> str:
    """Per question its number and a box for each mark, to cross one."""
    rows = "".join(
        f'<div class="row"><span class="number">{item.number}</span>'
        + "".join(f'<span class="box">{h(mark)}</span>' for mark in item.in_order)
        + "</div>\n"
        for item in said.items)
    lang = said.lang
    return (f'<section class="grid">\n<h2>{h(i18n.t(lang, "template.paper.grid"))}</h2>\n'
            f"{_fill_line(lang, audience=said.audience)}"
            f'<p class="note">{h(i18n.t(lang, "template.paper.grid.note"))}</p>\n'
            f'<div class="rows">\n{rows}</div>\n</section>\n')


# -- for a form ---------------------------------------------------------------

_BACKTICKS = re.compile(r"`+")


def verbatim(text: str) -> str:
    """A knowledge-base text as a form must show it: on one line, control characters
    visible, otherwise unchanged."""
    return " ".join(printable(text).split())


def form_text(said: Questionnaire, *, markdown: bool) -> str:
    """The form's questions and options in order, with the settings to give them; as
    Markdown (texts in code blocks, which show them as written) or as plain text."""
    lang, count = said.lang, len(said.items)

    def t(key: str, **values: object) -> str:
        text = i18n.t(lang, key, **values)
        return md(text) if markdown else text

    def heading(level: int, text: str) -> str:
        if markdown:
            return f"{'#' * level} {text}\n\n"
        return f"{text}\n{('=' if level == 1 else '-') * len(text)}\n\n"

    def block(lines: list[str]) -> str:
        if not markdown:
            return "\n".join(lines) + "\n\n"
        longest = max((len(run) for line in lines for run in _BACKTICKS.findall(line)),
                      default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}text\n" + "\n".join(lines) + f"\n{fence}\n\n"

    name = i18n.t(lang, "template.form.name")
    scale = ", ".join(f"{mark} {verbatim(text)}" for mark, text in said.scale)
    settings = [t("template.form.setting.name", name=name),
                t("template.form.setting.items", count=count),
                t("template.form.setting.scale", scale=scale),
                t("template.form.setting.export")]
    out = [heading(1, md(verbatim(said.title)) if markdown else verbatim(said.title)),
           f"{t('template.form.heading')}. {t('template.form.about')}\n\n",
           heading(2, t("template.form.settings")),
           "".join(f"{n}. {line}\n" for n, line in enumerate(settings, start=1)) + "\n",
           f"> **{t('template.form.warning')}**\n\n" if markdown
           else f"!! {t('template.form.warning')}\n\n",
           heading(2, md(name) if markdown else name),
           f"{t('template.form.kind.name')}\n\n", block([name])]
    for item in said.items:
        out.append(heading(2, t("template.form.question", number=item.number, count=count)))
        out.append(f"{t('template.form.kind.choice')}\n\n")
        out.append(block([verbatim(item.text)]))
        out.append(f"{t('template.form.options')}\n\n")
        out.append(block([verbatim(choice.text) for choice in item.choices]))
    return "".join(out).rstrip("\n") + "\n"
