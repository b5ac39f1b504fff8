"""The file formats rolequiz writes, in one table: each format's extensions, its table
writer and what it can hold.

Every command that writes a file reads :data:`FORMATS`: ``compare -o`` and ``cohort -o``
(a table), ``score``/``quiz --report`` (one student's report), ``cohort --template``
(something to collect answers with), and so do their help texts and the errors that list
the extensions a command accepts.  Adding a format touches this table, the catalogues
(``template.kind.NAME`` when it holds a template) and the tests.

Importing this module imports no writer: the help pages read it at start-up, and a
writer's module is imported only when a file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from rolequiz.core.kb.model import Lang
from rolequiz.core.table import Table

Holds = Literal["table", "report", "template"]
"""What a command writes: a table of rows (``compare``, ``cohort``), one student's report
(``--report``), or a template to collect answers with (``cohort --template``)."""

TableWriter = Callable[[IO[Any], Table, str, bool], None]
"""(handle, table, CSV delimiter, row headers): writes a table in one format."""


def _csv(handle: IO[Any], table: Table, delimiter: str, row_headers: bool) -> None:
    from rolequiz.export.tables import write_csv

    write_csv(handle, table, delimiter=delimiter)


def _markdown(handle: IO[Any], table: Table, delimiter: str, row_headers: bool) -> None:
    from rolequiz.export.tables import write_markdown

    write_markdown(handle, table)


def _html(handle: IO[Any], table: Table, delimiter: str, row_headers: bool) -> None:
    from rolequiz.export.tables import write_html

    write_html(handle, table, row_headers=row_headers)


def _json(handle: IO[Any], table: Table, delimiter: str, row_headers: bool) -> None:
    from rolequiz.export.tables import write_json

    write_json(handle, table)


def _xlsx(handle: IO[Any], table: Table, delimiter: str, row_headers: bool) -> None:
    from rolequiz.export.tables import write_xlsx

    write_xlsx(handle, table)


@dataclass(frozen=True)
class Format:
    """One file format rolequiz writes."""

    name: str
    """What ``--format`` takes, and what the code dispatches on."""
    extensions: tuple[str, ...]
    """Lower case, the usual one first; a file's extension is read in any case."""
    holds: frozenset[Holds]
    """What the commands write in it."""
    writer: TableWriter | None = None
    """How a table is written in it (None: it holds no table)."""
    binary: bool = False
    """Bytes, not text: it cannot be printed on a terminal, only written to a file."""
    pages: bool = False
    """Printable pages with charts: ``cohort`` writes the class report in it (the
    summary, charts of the class, the students to look at) rather than a bare table."""
    bom: bool = False
    """A byte-order mark first in a file (never on stdout), so that Excel reads UTF-8."""


FORMATS: tuple[Format, ...] = (
    Format("csv", (".csv",), frozenset({"table", "template"}), _csv, bom=True),
    Format("xlsx", (".xlsx",), frozenset({"table", "template"}), _xlsx, binary=True),
    Format("json", (".json",), frozenset({"table"}), _json),
    Format("md", (".md", ".markdown"), frozenset({"table", "report", "template"}), _markdown),
    Format("html", (".html", ".htm"), frozenset({"table", "report", "template"}), _html,
           pages=True),
    Format("txt", (".txt",), frozenset({"template"})),
)
"""Every format, in the order the help texts and messages list them."""


def holding(what: Holds) -> tuple[Format, ...]:
    """The formats that hold *what*, in the order of :data:`FORMATS`."""
    return tuple(f for f in FORMATS if what in f.holds)


def names(what: Holds) -> tuple[str, ...]:
    """The ``--format`` names of the formats that hold *what*."""
    return tuple(f.name for f in holding(what))


def extensions(what: Holds) -> str:
    """Every extension a file holding *what* may have, as messages list them."""
    return ", ".join(e for f in holding(what) for e in f.extensions)


def named(name: str) -> Format:
    """The format called *name* (one of :data:`FORMATS`)."""
    return next(f for f in FORMATS if f.name == name)


def of_path(path: Path) -> Format | None:
    """The format *path*'s extension (any case) names, or None."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.extensions), None)


def templates(lang: Lang) -> str:
    """Each format a template can be written in, its extensions and what it gives, as the
    help of ``--template`` and its error list them (``template.kind.NAME``)."""
    from rolequiz import i18n

    return "; ".join(i18n.t(lang, f"template.kind.{f.name}", extensions=", ".join(f.extensions))
                     for f in holding("template"))
