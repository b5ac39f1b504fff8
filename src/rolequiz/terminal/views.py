"""Rich renderings of results and roles for the terminal.

Every text from the knowledge base or an answer sheet goes into a
:class:`rich.text.Text` as plain text, never through markup, so that
``[bold]`` in a name is shown as written.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from rolequiz import i18n
from rolequiz.core.invocation import PLAIN, Invocation
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.text import BAR_WIDTH, bar_cells, command_lines, printable, printable_all

if TYPE_CHECKING:  # a class summary draws bars, and loads no result's words
    from rolequiz.core.student.result import RoleInFull
    from rolequiz.export.result import ResultContent


def show(console: Console, renderable: RenderableType) -> None:
    """Print *renderable* with every control character in its text made visible.

    Texts reach the screen as :class:`~rich.text.Text`, so rich markup in them
    is already shown as written; this last step does the same for escape
    sequences from a knowledge base or an answer sheet.
    """
    segments = console.render(renderable)
    console.print(Segments(Segment(printable(seg.text), seg.style, seg.control)
                           if seg.control is None else seg for seg in segments), end="",
                  crop=False)  # a path longer than the line is wrapped by the terminal


def paragraph(text: str, *, dim: bool = False) -> Text:
    """*text* as written (never markup), wrapped to the screen; *dim* for a hint."""
    return Text(text, style="dim" if dim else "")


class Bar:
    """A bar of 0–100 that draws itself in ASCII (``#``, ``-``) where the output takes
    only ASCII, as rich's frames do: "█" there would come out as "?"."""

    def __init__(self, fit: float, width: int) -> None:
        self.fit, self.width = fit, width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        filled, empty = bar_cells(self.fit, self.width)
        if options.ascii_only:
            filled, empty = "#" * len(filled), "-" * len(empty)
        yield Text(filled, style="cyan") + Text(empty, style="dim")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def bar(fit: float, width: int = BAR_WIDTH) -> Bar:
    return Bar(fit, width)


def bar_width(room: int, labels: Iterable[str]) -> int:
    """The cells of bars drawn beside *labels* in *room* columns: :data:`BAR_WIDTH`, fewer
    where the longest label needs them, never under 8 (a label longer still wraps)."""
    return max(8, min(BAR_WIDTH, room - max(map(cell_len, labels), default=0)))


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


BULLET = 4
"""The columns before a bullet's text: two of indent, the mark and a space."""


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


def result_view(said: ResultContent, *, width: int = 80) -> RenderableType:
    """The whole result at once: the first screen, then the details (a pipe, ``--details``)."""
    first, details = result_screens(said, width=width, rows=None)
    return Group(first, Text(""), details)


def result_screens(said: ResultContent, *, width: int,
                   rows: int | None) -> tuple[RenderableType, RenderableType]:
    """The result's first screen and its details, for a terminal *width* columns wide.

    The first screen holds the headline and the bars, then as many of the reasons, the
    study programs and what to do next as fit in *rows* lines (all of them without
    *rows*); what does not fit opens the details, which go on with the answers behind each
    reason, the role in full and the source.
    """
    said = printable_all(said)  # laid out as shown: escape sequences spelled out
    t, lang = i18n.t, said.lang
    first: list[RenderableType] = [_headline(said), *_fits(said, width=width)]
    rest: list[RenderableType] = []
    if rows is not None and _height(Group(*first), width) > rows:
        # a small screen: the headline alone in its frame, what it means after the bars
        first[0] = _headline(said, notes=False)
        told = [said.uncertain] if said.uncertain is not None else list(said.notes)
        rest.append(_indent(Text("\n".join(told)), 2))
    used = _height(Group(*first), width)
    for block, brief in ((_mix(said), []), (_reasons(said), []),
                         (_programs(said), _programs(said, names_only=True)),
                         (_next(said, width=width), [])):
        for shown in (block, brief):  # the programs by name alone when they do not fit
            taller = used + _height(Group(*shown), width)
            if shown and (rows is None or taller <= rows):
                first += shown
                used = taller
                break
        else:  # a shorter block after it may still fit
            rest += block
    details: list[RenderableType] = [_heading(t(lang, "screen.details")), *rest]
    details.append(_indent(Text(t(lang, "result.fit.note"), style="dim"), 2))
    if said.why:
        details += [_heading(t(lang, "screen.answers")), why_view(said)]
    if said.role is not None:
        details += [_heading(said.role.name), role_body(said.role)]
    if said.programs:
        details += [_heading(t(lang, "result.programs")), _program_list(said)]
    if said.source is not None:
        details.append(_bullets([said.source.line]))
    return Group(*first), Group(*_spaced(details))


def _height(renderable: RenderableType, width: int) -> int:
    """How many lines *renderable* takes on a screen *width* columns wide."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return len(console.render_lines(renderable, console.options, pad=False))


def _headline(said: ResultContent, *, notes: bool = True) -> RenderableType:
    """The headline in its frame: the verdict, how far it leads (or why it is not one),
    and in a mix each role in a line."""
    t, lang = i18n.t, said.lang
    no_fit = said.role is None and said.uncertain is None  # no role fits: not a success
    head = Text(said.verdict, style="bold magenta" if said.blend or no_fit else "bold green")
    shown = said.notes if notes and said.uncertain is None else ()  # flagged: reasons follow
    for line in shown:
        head.append("\n" + line, style="not bold")
    if said.uncertain and notes:
        head.append("\n" + said.uncertain, style="not bold yellow")
    if said.answered is not None:  # questions left blank: how many answers it rests on
        head.append("\n" + said.answered, style="not bold")
        if notes and said.blanks is not None:
            head.append("\n" + said.blanks, style="not bold")
    title = t(lang, "screen.heading.named", name=said.name) if said.name \
        else t(lang, "result.heading")
    return Panel(head, title=Text(title), title_align="left", expand=True)


def _fits(said: ResultContent, *, width: int) -> list[RenderableType]:
    """The bars under what their numbers are, with the roles' short names and a shorter
    bar when the full names do not fit: a name is never cut."""
    from rolequiz.export.result import percent

    lang = said.lang
    chances = [percent(fit.fit) for fit in said.fits]
    room = width - 2 - 2 - max(len(c) for c in chances)  # indent and the columns' gaps
    names = [fit.name for fit in said.fits]
    if max(map(cell_len, names)) + BAR_WIDTH > room:
        names = [fit.short or fit.name for fit in said.fits]
    cells = bar_width(room, names)
    grid = Table.grid(padding=(0, 1))
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    for fit, name, chance in zip(said.fits, names, chances, strict=True):
        grid.add_row(Text(name), bar(fit.fit, cells), Text(chance))
    return [_heading(i18n.t(lang, "screen.fits")), _indent(grid, 2)]


def _mix(said: ResultContent) -> list[RenderableType]:
    """In a mix, each of its roles in a line: its short name and its image."""
    if not said.blend or not said.metaphors:  # careless answers point at no mix
        return []
    lines = [Text(m.label + ": ", style="bold").append(m.text, style="not bold italic")
             for m in said.metaphors]
    return [_heading(i18n.t(said.lang, "screen.roles")), _bullets(lines)]


def _reasons(said: ResultContent) -> list[RenderableType]:
    """Why the result: the reasons in words, or why there is no result yet."""
    t, lang = i18n.t, said.lang
    if said.uncertain is not None:
        return [_heading(t(lang, "screen.why.flagged")), _bullets(list(said.notes))]
    if not said.why:
        return []
    role = next((fit.short for fit in said.fits if fit.role == said.top), said.headline)
    return [_heading(t(lang, "screen.why", role=role)),
            _bullets([why.words or why.text for why in said.why])]


def _programs(said: ResultContent, *, names_only: bool = False) -> list[RenderableType]:
    """The programs by name, those with the same reason together under it (*names_only*:
    without it, for a small screen; the details give every reason)."""
    if not said.programs:
        return []
    if names_only:
        line = Text(" · ".join(program.name for program in said.programs))
        return [_heading(i18n.t(said.lang, "screen.programs")), _indent(line, 2)]
    groups: dict[str, list[str]] = {}
    for program in said.programs:
        groups.setdefault(program.words or program.reason, []).append(program.name)
    entries = []
    for words, names in groups.items():
        entry = Text(" · ".join(names), style="bold")
        entry.append("\n" + words, style="not bold dim")
        entries.append(entry)
    return [_heading(i18n.t(said.lang, "screen.programs")), _bullets(entries)]


def _program_list(said: ResultContent) -> RenderableType:
    """The programs by their label (faculty, institution) and their reason in words."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, program in enumerate(said.programs, start=1):
        entry = Text(program.label, style="bold")
        entry.append("\n" + (program.words or program.reason), style="not bold dim")
        grid.add_row(f"{number}.", entry)
    return _indent(grid, 2)


def _next(said: ResultContent, *, width: int) -> list[RenderableType]:
    """What to do next, each command laid out to run as printed (:func:`command_lines`)."""
    steps = [_command_bullet(step.text, step.command, width) if step.command
             else _bullets([step.text]) for step in said.next_steps]
    return [_heading(i18n.t(said.lang, "result.next")), *steps]


def _command_bullet(text: str, command: str, width: int, *, mark: str = "  • ",
                    style: str = "") -> Text:
    """A bullet ending with *command*, laid out as :func:`command_lines` does: never broken
    inside a shell word, a line that goes on ending in a backslash.  Not in a table, whose
    cells would cut a path longer than the line: such a word runs past the edge, for the
    terminal to wrap and to copy back as one line (see :func:`show`)."""
    lines = command_lines(text, command, width - len(mark))
    laid = "\n".join((mark if n == 0 else " " * len(mark)) + line for n, line in enumerate(lines))
    return Text(laid, style=style, no_wrap=True, overflow="ignore")


def why_view(said: ResultContent) -> RenderableType:
    """Each deciding trait, and under it the answers behind it."""
    lines: list[RenderableType] = []
    for why in said.why:
        lines.append(_bullets([why.name]))
        if why.evidence:
            lines.append(_bullets([Text(e.text, style="dim") for e in why.evidence],
                                  indent=4, mark="–"))
    return Group(*lines)


def role_body(role: RoleInFull) -> RenderableType:
    """A role in full: summary, metaphor, horizon, duties, skills, focus, tools (programs)."""
    from rolequiz.export.result import heading

    t, lang = i18n.t, role.lang
    parts: list[RenderableType] = [
        _indent(Text(role.summary), 2),
        _indent(Text(t(lang, "role.metaphor") + ": ", style="bold").append(
            role.metaphor, style="not bold italic"), 2),
        _indent(horizon(role.horizon, lang), 2),
    ]
    for section in role.sections:
        parts.append(Text("  " + heading(section.aspect, lang), style="bold"))
        parts.append(_bullets(list(section.items), indent=4))
    return Group(*parts)


def roles_overview(kb: KnowledgeBase, lang: Lang, *, invocation: Invocation = PLAIN,
                   width: int = 80) -> RenderableType:
    """Every role in a few lines: name, metaphor, horizon, summary; then how to see one in
    full, with the options of *invocation*."""
    kb = printable_all(kb)  # laid out as shown: escape sequences spelled out
    t = i18n.t
    blocks: list[RenderableType] = [_heading(t(lang, "roles.heading"))]
    for role in kb.roles:
        title = Text(role.name(lang), style="bold")
        title.append(f"  ({role.id})", style="not bold dim")
        body = Text(role.metaphor(lang), style="italic")
        body.append("\n")
        body.append_text(horizon(role.horizon(lang), lang))
        body.append("\n" + role.summary(lang), style="not italic")
        blocks += [title, _indent(body, 2)]
    # a runnable example, not "roles a|b|c": pasted into a shell, a bar is a pipe
    more = invocation.command("roles", kb.roles[0].id)
    blocks.append(_command_bullet(t(lang, "roles.more", command=more), more, width, mark="",
                                  style="dim"))
    return Group(*_spaced(blocks))


def horizon(text: str, lang: Lang) -> Text:
    """'Time horizon: Weeks', or the horizon alone when it names itself ('Long term: …'):
    two labels in a row ("Jangka waktu: Jangka panjang:") trip a reader."""
    label, colon, rest = text.partition(": ")
    if colon and len(label.split()) <= 3:
        return Text(label + ": ", style="bold").append(rest, style="not bold")
    return Text(i18n.t(lang, "role.horizon") + ": ", style="bold").append(text, style="not bold")


def role_view(role: RoleInFull) -> RenderableType:
    """One role in full, under its name (:func:`rolequiz.core.student.result.role_in_full`)."""
    role = printable_all(role)  # laid out as shown: escape sequences spelled out
    return Group(Text(role.name, style="bold"), Text(""), role_body(role))


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced and isinstance(part, Text) and str(part.style).startswith("bold"):
            spaced.append(Text(""))
        spaced.append(part)
    return spaced
