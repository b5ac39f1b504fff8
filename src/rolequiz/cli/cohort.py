"""``rolequiz cohort``: a whole class scored at once, a summary, and a file per student row."""

import collections
import contextlib
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from rolequiz import i18n
from rolequiz.cli import common
from rolequiz.cli.common import Options, chosen_lang, console, load_kb
from rolequiz.cli.common import separator as csv_separator
from rolequiz.core.cohort.read import kinds
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.table import Cell, Chunks
from rolequiz.errors import UsageProblem
from rolequiz.export import formats
from rolequiz.text import say

if TYPE_CHECKING:
    from rolequiz.core.cohort.batches import Batch
    from rolequiz.core.cohort.classes import ClassPart
    from rolequiz.core.cohort.read.kinds import Opened
    from rolequiz.core.cohort.record import Facts, Part, Student
    from rolequiz.export.student_reports import ReportFolder
    from rolequiz.terminal.progress import NoBar


CLASS_SUFFIXES = kinds.SUFFIXES
"""A class in one file: a CSV, an Excel workbook (Microsoft Forms exports one), or a zip
holding one CSV (Google Forms downloads ``NAME.csv.zip``): the kinds that have a reader."""
EMPTY_IS_A_DOWNLOAD = (".xlsx", ".zip")
"""Files that are never empty unless cut off (an empty CSV is said to be empty as it is
read, with what its header should be)."""
LOCK_PREFIX = "~$"
"""How Excel names the lock file it keeps beside a workbook while the workbook is open."""
ORDERS = ("name", "submitted")
"""``--order``: students by name (the default), or as the class file has them."""


def register(app: typer.Typer, lang: Lang) -> None:
    o = Options(lang)

    @app.command(help=o.text("cohort"))
    def cohort(
        ctx: typer.Context,
        inputs: Annotated[list[Path] | None, typer.Argument(
            help=o.text("cohort.arg.inputs"), metavar=o.text("metavar.file"),
            show_default=False)] = None,
        output: Annotated[Path | None, o.table_output("cohort")] = None,
        fmt: Annotated[str | None, o.table_format("cohort")] = None,
        force: Annotated[bool, typer.Option(
            "--force", help=o.text("cohort.opt.force"))] = False,
        strict: Annotated[bool, typer.Option(
            "--strict", help=o.text("cohort.opt.strict"))] = False,
        skip_bad: Annotated[bool, typer.Option(
            "--skip-bad", help=o.text("cohort.opt.skip_bad"))] = False,
        duplicates: Annotated[str, typer.Option(
            "--duplicates", help=o.text("cohort.opt.duplicates"),
            metavar="latest|first|all")] = "latest",
        items: Annotated[bool, typer.Option(
            "--items", help=o.text("cohort.opt.items"))] = False,
        template: Annotated[Path | None, typer.Option(
            "--template", help=o.text("cohort.opt.template", kinds=formats.templates(lang)),
            metavar=o.text("metavar.file"))] = None,
        delimiter: Annotated[str | None, typer.Option(
            "--delimiter", help=o.text("cohort.opt.delimiter"), metavar="','|';'|tab",
        )] = None,
        reports: Annotated[Path | None, typer.Option(
            "--reports", help=o.text("cohort.opt.reports"),
            metavar=o.text("metavar.dir"))] = None,
        title: Annotated[str | None, typer.Option(
            "--title", help=o.text("cohort.opt.title"), metavar="TEXT")] = None,
        order: Annotated[str, typer.Option(
            "--order", help=o.text("cohort.opt.order"), metavar="name|submitted",
            show_default=False)] = "name",
        name_column: Annotated[str | None, typer.Option(
            "--name-column", help=o.text("cohort.opt.name_column"), metavar="COLUMN",
        )] = None,
        old_letters: Annotated[bool, typer.Option(
            "--old-letters", help=o.text("cohort.opt.old_letters"))] = False,
        short: Annotated[bool, typer.Option("--short", help=o.text("cohort.opt.short"))] = False,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        from rolequiz.core.cohort.resubmitted import KEPT

        if duplicates not in KEPT:
            raise UsageProblem(i18n.t(chosen, "cohort.bad_duplicates", value=duplicates))
        if order not in ORDERS:
            raise UsageProblem(i18n.t(chosen, "cohort.bad_order", order=order,
                                      orders=", ".join(ORDERS)))
        if template is not None and old_letters:
            raise UsageProblem(i18n.t(chosen, "cohort.old_letters_template"))
        if short and (template is not None or reports is not None):
            raise UsageProblem(i18n.t(chosen, "cohort.short_alone"))
        ctx.call_on_close(stop_as_by_ctrl_c())
        if template is not None:
            write_template(template, inputs or [], load_kb(kb, chosen), chosen, force=force,
                           delimiter=delimiter)
            return
        from rolequiz.export import tables

        chosen_format = tables.format_for(output, fmt)
        separator = csv_separator(delimiter, chosen_format, chosen,
                                  not_csv="cohort.delimiter_not_csv")
        class_files, sheets = _inputs(inputs or [], output, chosen)
        if old_letters and not class_files:
            raise UsageProblem(i18n.t(chosen, "cohort.old_letters_sheets"))
        if output is not None:
            from rolequiz.files import check_target

            check_target(output, force=force)  # before scoring, not after
        knowledge_base = load_kb(kb, chosen)
        if class_files and not _lang_given(ctx, lang):  # the outputs follow the form
            from rolequiz.core.cohort.read.language import form_language

            chosen = form_language(class_files, knowledge_base,
                                   name_column=name_column) or chosen
            if isinstance(ctx.obj, dict):  # an error from here on speaks the form's language
                ctx.obj["lang"] = chosen
        for csv_file in class_files if old_letters else []:
            from rolequiz.core.cohort.read.workbook import made_under

            if csv_file.suffix.lower() == ".xlsx" and \
                    (made_under(csv_file) or 0) >= knowledge_base.lettering:
                raise UsageProblem(i18n.t(chosen, "cohort.old_letters_new_workbook",
                                          path=csv_file))
        score_class(knowledge_base, class_files, sheets, chosen, output=output, fmt=chosen_format,
                    separator=separator, force=force, strict=strict, items=items,
                    reports=reports, title=title, name_column=name_column,
                    old_letters=old_letters, skip_bad=skip_bad, duplicates=duplicates,
                    order=order, short=short)


def _lang_given(ctx: typer.Context, value: str | None) -> bool:
    """Whether someone chose the language: ``--lang`` (after the command or before it) or
    ``ROLEQUIZ_LANG``; the locale of the computer is no choice about one class."""
    import os

    return bool(value or (ctx.obj or {}).get("lang_option")
                or os.environ.get(i18n.ENV_LANG, "").strip())


STOPPING = ("SIGTERM", "SIGHUP")
"""Signals that stop a run (a shutdown, ``kill``, a closed terminal)."""


def stop_as_by_ctrl_c() -> Callable[[], None]:
    """Make :data:`STOPPING` signals stop the run as Ctrl-C does, so that every file
    staged or half-written is removed on the way out (by the same ``finally`` blocks)
    and the run exits 130; the function returned puts the handlers back."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = {}
    for name in STOPPING:
        if hasattr(signal, name):
            number = getattr(signal, name)
            before[number] = signal.signal(number, stop)

    def restore() -> None:
        for number, handler in before.items():
            signal.signal(number, handler)

    return restore


def write_template(path: Path, inputs: list[Path], kb: KnowledgeBase, lang: Lang, *,
                   force: bool, delimiter: str | None) -> None:
    """An empty class table (CSV), a questionnaire to print (HTML), the texts for a form
    (Markdown or text) or a workbook to type paper answers into (XLSX)."""
    if inputs:
        raise UsageProblem(i18n.t(lang, "cohort.template_with_input"))
    from rolequiz.export import tables

    found = formats.of_path(path)
    if found is None or "template" not in found.holds:
        raise UsageProblem(i18n.t(lang, "template.bad_kind", path=path,
                                  kinds=formats.templates(lang)))
    kind = found.name
    separator = csv_separator(delimiter, kind, lang, not_csv="cohort.delimiter_not_csv")
    if kind == "csv":
        from rolequiz.export.class_table import template

        tables.export(template(kb, lang), path, "csv", force=force, delimiter=separator)
        say(i18n.t(lang, "cohort.template_written", path=path, questions=len(kb.questions)))
        return
    from rolequiz.core.kb.questionnaire import questionnaire
    from rolequiz.files import atomic_output

    said = questionnaire(kb, lang)
    if kind == "xlsx":
        from rolequiz.export.entry_sheet import ROWS, write_entry_sheet

        with atomic_output(path, force=force, binary=True) as handle:
            write_entry_sheet(handle, said)
        say(i18n.t(lang, "template.written.xlsx", path=path, questions=len(said.items),
                   rows=ROWS))
        return
    from rolequiz.export import questionnaire as paper

    with atomic_output(path, force=force) as handle:
        if kind == "html":
            handle.write(paper.html_questionnaire(said))
        else:
            handle.write(paper.form_text(said, markdown=kind == "md"))
    say(i18n.t(lang, f"template.written.{'html' if kind == 'html' else 'form'}", path=path,
               questions=len(said.items)))


def score_class(kb: KnowledgeBase, class_files: list[Path], sheets: list[Path], lang: Lang, *,
                output: Path | None, fmt: str | None, separator: str, force: bool,
                strict: bool, items: bool, reports: Path | None = None,
                title: str | None = None, name_column: str | None = None,
                old_letters: bool = False, skip_bad: bool = False,
                duplicates: str = "latest", order: str = "name",
                short: bool = False) -> None:
    """Read, score and write one student at a time; then the summary; *class_files* are
    class CSVs or workbooks (several: a year group, see
    :func:`rolequiz.core.cohort.classes.year_rows`), their letters
    read as paper printed them before the knowledge base's last re-lettering with
    *old_letters*; with *short*, the short quiz is replayed on each sheet (a column says
    how many questions it asked).

    With *reports*, a report per student goes into that folder too; the rows are then
    kept until the end, so that every file the run writes is checked before any is.
    The class report, the index and the combined file of the reports list the students
    by name, or with *order* ``"submitted"`` as the file has them; the other formats keep
    the file's order (they stream, and a spreadsheet sorts itself).
    """
    from rolequiz.core.cohort import rows as cohort
    from rolequiz.core.cohort.items import ItemAnalysis
    from rolequiz.core.kb import lettering
    from rolequiz.errors import Words
    from rolequiz.errors import render as rendered
    from rolequiz.export import class_table, tables
    from rolequiz.files import atomic_output
    from rolequiz.terminal import progress as progress_bar
    from rolequiz.terminal import summary as cohort_view
    from rolequiz.terminal import views as render

    summary = cohort.Summary(kb)
    analysis = ItemAnalysis(kb) if items else None
    paths = class_files or sheets
    parts: list[ClassPart] = []
    folder = _report_folder(reports, kb, lang, force=force, title=title, order=order,
                            duplicates=duplicates)
    readers: list[Callable[[Sequence[Student]], None]] = \
        [folder.add] if folder is not None else []
    """The writers that read the students as records, as each batch is scored."""
    class_page = fmt is not None and formats.named(fmt).pages  # the class report
    if class_page or fmt == "xlsx":  # the others never load the class report's module
        from rolequiz.export import class_report
    if class_page:
        heading = class_report.Heading(title=title, date=common.today(),
                                       by_name=order == "name")
        notes = class_report.Notes(kb, lang, duplicates=duplicates)
        readers.append(notes.add)
    index = None
    read_as = lettering.before(kb) if old_letters else kb
    with contextlib.ExitStack() as stack:
        progress = stack.enter_context(progress_bar.progress(sum(_size(p) for p in paths), lang))
        opened = [_timed(stack.enter_context(_batches(read_as, path, [], progress,
                                                      name_column)))
                  for path in class_files] or \
            [_timed(stack.enter_context(_batches(read_as, None, sheets, progress)))]
        timed = any(told for _, told in opened)
        stack.enter_context(folder or contextlib.nullcontext())
        words = class_table.Words(kb, lang, timed=timed, short=short, duplicates=duplicates)

        def told(said: Words) -> None:
            progress.say(rendered(said, lang))

        def scored(batches: Iterator["Batch"], part: cohort.Summary, file: Path | None,
                   klass: str | None = None) -> Iterable[tuple[Cell, ...]]:
            return Chunks(map(words.columns, _handed(cohort.scored_batches(
                kb, batches, summary=part, notify=told, strict=strict,
                analysis=analysis, file=str(file) if file is not None else "",
                skip_bad=skip_bad, duplicates=duplicates, short=short,
                records=bool(readers), explained=folder is not None, klass=klass), readers)))

        rows: Iterable[tuple[Cell, ...]]
        several = len(opened) > 1
        if several:
            from rolequiz.core.cohort.classes import year_rows

            rows = year_rows(kb, class_files, [b for b, _ in opened], scored, summary=summary,
                             parts=parts)
        else:
            rows = scored(opened[0][0], summary, class_files[0] if class_files else None)
        if folder is not None:  # every file is known before any is written
            rows = list(rows)
            folder.check(output)
        students = class_table.table(kb, lang, rows, source="row" if class_files else "file",
                                     timed=timed, short=short)
        if several:
            from rolequiz.export.year_group import with_class

            students = with_class(students, lang, audience=kb.audience)
        if class_page and output is not None:
            with atomic_output(output, force=force) as handle:
                class_report.write_report(handle, kb, students, summary, lang,
                                          analysis=analysis, heading=heading,
                                          notes=notes, classes=parts)
        elif class_page:
            with _held_stdout() as handle:
                class_report.write_report(handle, kb, students, summary, lang,
                                          analysis=analysis, heading=heading,
                                          notes=notes, classes=parts)
        elif fmt == "xlsx" and output is not None:  # for a person: words, not codes
            tables.export(class_report.worded(students), output, fmt, force=force)
        elif fmt is not None and output is not None:
            tables.export(students, output, fmt, force=force, delimiter=separator)
        elif fmt is not None:
            with _held_stdout() as handle:
                tables.write_text(handle, students, fmt, delimiter=separator)
        else:
            collections.deque(rows, maxlen=0)  # only the summary: score and count
        if folder is not None:
            index = folder.commit()
    if summary.skipped:
        say(i18n.t(lang, "cohort.skipped_count", skipped=summary.skipped))
    if output is not None:
        say(i18n.t(lang, "cohort.written", path=output, students=summary.scored))
    if folder is not None and index is not None:
        say(i18n.t(lang, "cohort.reports.written", count=len(folder.files), path=index,
                   all=folder.folder / folder.combined))
    screen = console(stderr=fmt is not None and output is None)
    render.show(screen, cohort_view.summary_view(kb, summary, lang, width=screen.width))
    if parts:
        from rolequiz.export.year_group import overview

        screen.print()
        render.show(screen, cohort_view.classes_view(overview(kb, parts, lang)))
    if analysis is not None:
        screen.print()
        render.show(screen, cohort_view.items_view(kb, analysis, lang))
    if fmt is None:
        render.show(screen, render.paragraph("\n" + i18n.t(
            lang, "cohort.hint", extensions=formats.extensions("table")), dim=True))


HELD_IN_MEMORY = 1024 * 1024
"""Bytes of a class written to stdout kept in memory; the rest waits in a temporary file."""


@contextlib.contextmanager
def _held_stdout() -> Iterator[IO[str]]:
    """Where a class written to stdout waits until it is whole: a run that stops at the end
    (too many rows skipped, see :data:`rolequiz.core.cohort.rows.SKIPPED_MOST`) writes
    nothing, as it writes no file; memory stays flat however long the class."""
    import shutil
    import tempfile

    with tempfile.SpooledTemporaryFile(HELD_IN_MEMORY, mode="w+", encoding="utf-8",
                                       newline="") as held:
        yield held
        held.seek(0)
        shutil.copyfileobj(held, sys.stdout)


def _handed(parts: Iterator["Part"], readers: list[Callable[[Sequence["Student"]], None]]
            ) -> Iterator["Facts"]:
    """Each scored batch's facts, for the class table, once *readers* (the reports, the
    class report's notes) have its students as records."""
    for part in parts:
        for read in readers:
            read(part.students)
        yield part.facts


def _timed(batches: Iterator["Batch"]) -> tuple[Iterator["Batch"], bool]:
    """The batches as they come, and whether the input records each student's duration (a
    form export with start and completion times): told by the first batch, so that the
    table's columns are known before its first row is written."""
    first = next(batches, None)
    if first is None:
        return iter(()), False
    return itertools.chain([first], batches), first.durations is not None


def _report_folder(path: Path | None, kb: KnowledgeBase, lang: Lang, *, force: bool,
                   title: str | None, order: str, duplicates: str) -> "ReportFolder | None":
    """Where ``--reports`` go: staged while the class is scored, moved in at the end (the
    folder is made then, if missing)."""
    if path is None:
        return None
    from rolequiz.export.student_reports import ReportFolder

    return ReportFolder(path, kb, lang, force=force, date=common.today(), title=title,
                        order=order, duplicates=duplicates)


def _inputs(inputs: list[Path], output: Path | None,
            lang: Lang) -> tuple[list[Path], list[Path]]:
    """Class files (CSVs or workbooks: several are a year group), or answer sheets; every
    file there, none of them the output, no class file given twice."""
    from rolequiz.core.cohort.read.reader import SHEET_SUFFIXES

    if not inputs:
        raise UsageProblem(i18n.t(lang, "cohort.no_input",
                                  extensions=formats.extensions("template")))
    for path in inputs:
        if path.name.startswith(LOCK_PREFIX):
            raise UsageProblem(i18n.t(lang, "file.lock", path=path, real=_locked(path)))
        meant = [] if path.exists() else _meant(path)
        if meant:
            raise UsageProblem(i18n.t(lang, "file.did_you_mean", path=path,
                                      found=" / ".join(map(str, meant))))
        if path.suffix.lower() not in (*CLASS_SUFFIXES, *SHEET_SUFFIXES):
            raise UsageProblem(i18n.t(lang, "forms.unknown_input", path=path))
        if not path.exists():
            raise UsageProblem(i18n.t(lang, "cohort.missing_input", path=path))
        if path.suffix.lower() in EMPTY_IS_A_DOWNLOAD and path.is_file() and _size(path) == 0:
            raise UsageProblem(i18n.t(lang, "file.empty_download", path=path))
        if output is not None and output.exists() and output.resolve() == path.resolve():
            raise UsageProblem(i18n.t(lang, "cohort.same_file", path=path))
    csvs = [p for p in inputs if p.suffix.lower() in CLASS_SUFFIXES]
    if csvs and len(csvs) < len(inputs):
        raise UsageProblem(i18n.t(lang, "cohort.mixed_input"))
    seen: dict[Path, Path] = {}
    for path in csvs:
        twice = seen.setdefault(path.resolve(), path)
        if twice is not path:
            raise UsageProblem(i18n.t(lang, "cohort.class_twice", path=path, first=twice))
    return (csvs, []) if csvs else ([], inputs)

def _locked(path: Path) -> Path:
    """The workbook whose lock file is *path*: Excel names it ``~$`` and the workbook's name,
    its first two letters replaced when the name is long."""
    rest = path.name[len(LOCK_PREFIX):]
    with contextlib.suppress(OSError):
        for sibling in sorted(path.parent.iterdir()):
            if sibling.name.endswith(rest) and not sibling.name.startswith(LOCK_PREFIX):
                return sibling
    return path.with_name(rest)


def _meant(path: Path) -> list[Path]:
    """The class files that exist where *path* (which does not) names one without its
    extension, or with another: ``kelas`` for ``kelas.csv``."""
    found = [path.with_name(path.name + suffix) for suffix in (".csv", ".xlsx", ".csv.zip")]
    if path.suffix.lower() in CLASS_SUFFIXES:
        found += [path.with_suffix(suffix) for suffix in CLASS_SUFFIXES]
    return [p for p in dict.fromkeys(found) if p != path and p.is_file()]


def _size(path: Path) -> int:
    with contextlib.suppress(OSError):
        return path.stat().st_size
    return 0


def _batches(kb: KnowledgeBase, csv_file: Path | None, sheets: list[Path],
             progress: "NoBar", name_column: str | None = None) -> "Opened":
    """The students to score, from the class file (opened by the reader of its kind) or the
    sheets, advancing the bar by the bytes read."""
    if csv_file is None:
        return kinds.answer_sheets(sheets, kb=kb, advance=progress.advance)
    return kinds.reader_of(csv_file)(csv_file, kb=kb, name_column=name_column,
                                     advance=progress.advance)
