"""Rich renderings of results and roles for the terminal.

Every text from the knowledge base or an answer sheet goes into a
:class:`rich.text.Text` as plain text, never through markup, so that
``[bold]`` in a name is shown as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from rolequiz import i18n
from rolequiz.core.model import KnowledgeBase, Lang, Role
from rolequiz.core.result import headline, next_steps, program_reason, source_line
from rolequiz.text import bar_cells, printable, printable_all

if TYPE_CHECKING:
    from rolequiz.core.scoring import Result

def show(console: Console, renderable: RenderableType) -> None:
    """Print *renderable* with every control character in its text made visible.

    Texts reach the screen as :class:`~rich.text.Text`, so rich markup in them
    is already shown as written; this last step does the same for escape
    sequences from a knowledge base or an answer sheet.
    """
    segments = console.render(renderable)
    console.print(Segments(Segment(printable(seg.text), seg.style, seg.control)
                           if seg.control is None else seg for seg in segments), end="")


def bar(fit: float) -> Text:
    filled, empty = bar_cells(fit)
    return Text(filled, style="cyan") + Text(empty, style="dim")


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _bullets(items: list[Text] | list[str], indent: int = 2, mark: str = "•") -> RenderableType:
    """A list whose wrapped lines stay under their bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(mark, item if isinstance(item, Text) else Text(item))
    return _indent(grid, indent)


def _indent(renderable: RenderableType, columns: int) -> RenderableType:
    return Padding(renderable, (0, 0, 0, columns))


def result_view(
    kb: KnowledgeBase, result: Result, lang: Lang, *, name: str | None = None
) -> RenderableType:
    """The results screen: the role, the fits, why, the role itself, programs, next."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    t = i18n.t
    top = kb.role(result.top.role_id)
    parts: list[RenderableType] = []

    head = Text()
    if name:
        head.append(printable(name) + "\n", style="bold")
    if result.blend:
        head.append(headline(kb, result, lang), style="bold magenta")
        head.append("\n")
        head.append(t(lang, "result.blend.note", margin=_points(result.margin),
                      threshold=_points(kb.settings.blend_margin)))
    else:
        head.append(t(lang, "result.best", role=top.name(lang)), style="bold green")
        if len(result.ranking) > 1:
            second = kb.role(result.ranking[1].role_id)
            head.append("\n")
            head.append(t(lang, "result.margin", first=top.short(lang),
                          second=second.short(lang), margin=_points(result.margin)))
    for role_id in result.leading:
        role = kb.role(role_id)
        head.append("\n")
        head.append(role.metaphor(lang), style="italic")
    if result.uncertain:
        head.append("\n")
        head.append(t(lang, "result.uncertain", share=round(100 * result.straightline_share)),
                    style="bold yellow")
    parts.append(Panel(head, title=t(lang, "result.heading"), title_align="left", expand=True))

    fits = Table.grid(padding=(0, 1))
    fits.add_column(no_wrap=False)
    fits.add_column(no_wrap=True)
    fits.add_column(justify="right", no_wrap=True)
    for role_fit in result.ranking:
        role = kb.role(role_fit.role_id)
        fits.add_row(Text(role.name(lang)), bar(role_fit.fit), Text(f"{role_fit.fit:.1f}"))
    parts += [_heading(t(lang, "result.fits")), _indent(fits, 2),
              _indent(Text(t(lang, "result.fit.note"), style="dim"), 2)]

    parts.append(_heading(t(lang, "result.why")))
    parts.append(why_view(kb, result, lang))

    parts.append(_heading(top.name(lang)))
    parts.append(role_body(kb, top, lang, include_programs=False))

    parts.append(_heading(t(lang, "result.programs")))
    programs = Table.grid(padding=(0, 1))
    programs.add_column(no_wrap=True)
    programs.add_column()
    for number, match in enumerate(result.programs, start=1):
        line = Text(kb.program(match.program_id).label(lang), style="bold")
        line.append("\n" + program_reason(kb, result, match.program_id, lang), style="not bold dim")
        programs.add_row(f"{number}.", line)
    parts.append(_indent(programs, 2))

    parts.append(_heading(t(lang, "result.next")))
    source = source_line(kb, lang)
    parts.append(_bullets([*next_steps(kb, result, lang), *([source] if source else [])]))
    return Group(*_spaced(parts))


def why_view(kb: KnowledgeBase, result: Result, lang: Lang) -> RenderableType:
    t = i18n.t
    top = kb.role(result.top.role_id)
    second = kb.role(result.ranking[1].role_id) if len(result.ranking) > 1 else None
    lines: list[RenderableType] = []
    for driver in result.drivers:
        line = Text(t(lang, "result.driver", dimension=kb.dimension(driver.dimension_id).name(lang),
                      score=round(100 * driver.score), role=top.short(lang),
                      target=round(100 * driver.target)))
        if second is not None and driver.runner_up_target is not None:
            line.append(t(lang, "result.driver.other", role=second.short(lang),
                          target=round(100 * driver.runner_up_target)))
        lines.append(_bullets([line]))
        evidence = []
        for item in driver.answers:
            question = kb.question(item.question_id)
            option = question.options[question.option_index(item.option_id) or 0]
            evidence.append(Text(t(lang, "result.evidence", question=question.text(lang),
                                   answer=option.text(lang)), style="dim"))
        if evidence:
            lines.append(_bullets(evidence, indent=4, mark="–"))
    return Group(*lines)


def role_body(kb: KnowledgeBase, role: Role, lang: Lang, *,
              include_programs: bool = True) -> RenderableType:
    """A role in full: summary, metaphor, horizon, duties, skills, focus, tools."""
    t = i18n.t
    parts: list[RenderableType] = [
        _indent(Text(role.summary(lang)), 2),
        _indent(Text(t(lang, "role.metaphor") + ": ", style="bold").append(
            role.metaphor(lang), style="not bold italic"), 2),
        _indent(Text(t(lang, "role.horizon") + ": ", style="bold").append(
            role.horizon(lang), style="not bold"), 2),
    ]
    sections = [("role.responsibilities", role.responsibilities), ("role.skills", role.skills),
                ("role.focus", role.focus), ("role.tools", role.tools)]
    for key, texts in sections:
        if texts:
            parts.append(Text("  " + t(lang, key), style="bold"))
            parts.append(_bullets([x(lang) for x in texts], indent=4))
    if include_programs:
        programs = [p for p in kb.programs if role.id in p.roles]
        if programs:
            parts.append(Text("  " + t(lang, "role.programs"), style="bold"))
            parts.append(_bullets([p.label(lang) for p in programs], indent=4))
    return Group(*parts)




def roles_overview(kb: KnowledgeBase, lang: Lang) -> RenderableType:
    """Every role in a few lines: name, metaphor, horizon, summary."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    t = i18n.t
    blocks: list[RenderableType] = [_heading(t(lang, "roles.heading"))]
    for role in kb.roles:
        title = Text(role.name(lang), style="bold")
        title.append(f"  ({role.id})", style="not bold dim")
        body = Text(role.metaphor(lang), style="italic")
        body.append("\n" + t(lang, "role.horizon") + ": ", style="not italic bold")
        body.append(role.horizon(lang), style="not italic")
        body.append("\n" + role.summary(lang), style="not italic")
        blocks += [title, _indent(body, 2)]
    blocks.append(Text(t(lang, "roles.more", ids="|".join(r.id for r in kb.roles)), style="dim"))
    return Group(*_spaced(blocks))


def role_view(kb: KnowledgeBase, role: Role, lang: Lang) -> RenderableType:
    """One role in full, under its name."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    role = kb.role(role.id)
    title = Text(role.name(lang), style="bold")
    return Group(title, Text(""), role_body(kb, role, lang))


def _points(value: float) -> str:
    return f"{value:g}"


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced and isinstance(part, Text) and str(part.style).startswith("bold"):
            spaced.append(Text(""))
        spaced.append(part)
    return spaced
