"""Rich renderings of results and roles for the terminal.

Every text from the knowledge base or an answer sheet goes into a
:class:`rich.text.Text` as plain text, never through markup, so that
``[bold]`` in a name is shown as written.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from rolequiz import i18n
from rolequiz.core.invocation import PLAIN, Invocation
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.core.result import ResultContent, RoleInFull
from rolequiz.numbers import decimal
from rolequiz.text import bar_cells, printable, printable_all


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


def result_view(said: ResultContent) -> RenderableType:
    """The results screen: the role, the fits, why, the role itself, programs, next."""
    said = printable_all(said)  # laid out as shown: escape sequences spelled out
    t, lang = i18n.t, said.lang
    parts: list[RenderableType] = []

    head = Text()
    if said.name:
        head.append(said.name + "\n", style="bold")
    no_fit = said.role is None and said.uncertain is None  # no role fits: not a success
    head.append(said.verdict, style="bold magenta" if said.blend or no_fit else "bold green")
    for line in said.notes:
        head.append("\n")
        head.append(line)
    for metaphor in said.metaphors:
        head.append("\n")
        head.append(metaphor.text, style="italic")
    if said.uncertain:
        head.append("\n")
        head.append(said.uncertain, style="bold yellow")
    parts.append(Panel(head, title=t(lang, "result.heading"), title_align="left", expand=True))

    fits = Table.grid(padding=(0, 1))
    fits.add_column(no_wrap=False)
    fits.add_column(no_wrap=True)
    fits.add_column(justify="right", no_wrap=True)
    for fit in said.fits:
        fits.add_row(Text(fit.name), bar(fit.fit), Text(decimal(fit.fit, lang)))
    parts += [_heading(t(lang, "result.fits")), _indent(fits, 2),
              _indent(Text(t(lang, "result.fit.note"), style="dim"), 2)]

    if said.why:
        parts.append(_heading(t(lang, "result.why")))
        parts.append(why_view(said))

    if said.role is not None:
        parts.append(_heading(said.role.name))
        parts.append(role_body(said.role))

    if said.programs:
        parts.append(_heading(t(lang, "result.programs")))
        programs = Table.grid(padding=(0, 1))
        programs.add_column(no_wrap=True)
        programs.add_column()
        for number, program in enumerate(said.programs, start=1):
            entry = Text(program.label, style="bold")
            entry.append("\n" + program.reason, style="not bold dim")
            programs.add_row(f"{number}.", entry)
        parts.append(_indent(programs, 2))

    parts.append(_heading(t(lang, "result.next")))
    source = [said.source.line] if said.source else []
    parts.append(_bullets([*said.next_steps, *source]))
    return Group(*_spaced(parts))


def why_view(said: ResultContent) -> RenderableType:
    """Each deciding trait, and under it the answers behind it."""
    lines: list[RenderableType] = []
    for why in said.why:
        lines.append(_bullets([why.text]))
        if why.evidence:
            lines.append(_bullets([Text(e.text, style="dim") for e in why.evidence],
                                  indent=4, mark="–"))
    return Group(*lines)


def role_body(role: RoleInFull) -> RenderableType:
    """A role in full: summary, metaphor, horizon, duties, skills, focus, tools (programs)."""
    t, lang = i18n.t, role.lang
    parts: list[RenderableType] = [
        _indent(Text(role.summary), 2),
        _indent(Text(t(lang, "role.metaphor") + ": ", style="bold").append(
            role.metaphor, style="not bold italic"), 2),
        _indent(Text(t(lang, "role.horizon") + ": ", style="bold").append(
            role.horizon, style="not bold"), 2),
    ]
    for section in role.sections:
        parts.append(Text("  " + section.heading, style="bold"))
        parts.append(_bullets(list(section.items), indent=4))
    return Group(*parts)


def roles_overview(kb: KnowledgeBase, lang: Lang, *,
                   invocation: Invocation = PLAIN) -> RenderableType:
    """Every role in a few lines: name, metaphor, horizon, summary; then how to see one in
    full, with the options of *invocation*."""
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
    more = invocation.command("roles", choice="|".join(r.id for r in kb.roles))
    blocks.append(Text(t(lang, "roles.more", command=more), style="dim"))
    return Group(*_spaced(blocks))


def role_view(role: RoleInFull) -> RenderableType:
    """One role in full, under its name (:func:`rolequiz.core.result.role_in_full`)."""
    role = printable_all(role)  # laid out as shown: escape sequences spelled out
    return Group(Text(role.name, style="bold"), Text(""), role_body(role))


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced and isinstance(part, Text) and str(part.style).startswith("bold"):
            spaced.append(Text(""))
        spaced.append(part)
    return spaced
