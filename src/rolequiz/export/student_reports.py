"""A printable report per student of a class, in one folder, and an index that links them.

Each report is the very page ``rolequiz score --report`` writes, made from the student's
record (:class:`rolequiz.core.cohort.record.Student`) and the result explained from the
class scorer's own row for them: nobody is scored twice.  The reports are first written
into a hidden folder inside the target (or beside it, until it exists); only when the
class is read to its end, and no report or index would replace a file without
``--force``, are they moved into place, each by one rename (a file is there completely
or not at all).  A run that stops leaves the folder as it was, or absent.

Beside them, one file to print for a parents' evening (:data:`ALL`): every report, a page
each, in the order of the index (by name, or as submitted).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import quote

from rolequiz import i18n
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student.result import facts
from rolequiz.core.table import Cell
from rolequiz.errors import UsageProblem, msg, os_reason
from rolequiz.export import report
from rolequiz.export.class_table import Words, place
from rolequiz.export.report import h
from rolequiz.export.result import content
from rolequiz.export.tables import page_end, page_start
from rolequiz.files import write_atomic
from rolequiz.numbers import clock, long_date

if TYPE_CHECKING:
    from rolequiz.core.cohort.record import Student

INDEX = "index.html"
ALL = "all.html"
"""Every student's report in one file, a page each, to print at once."""
NAME_CHARS = 40
"""Characters of the student's name kept in a file name: enough to tell students apart."""
NUMBER_DIGITS = 3
"""Row numbers are written with at least this many digits, so that files sort in order."""
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def file_stem(number: int, name: str) -> str:
    """'012-siti-aminah': the row (or sheet) number, then the name folded to ASCII letters
    and digits; never a path separator or a leading dot, at most :data:`NAME_CHARS` of the
    name."""
    number_part = f"{number:0{NUMBER_DIGITS}d}"
    said = slug(name)
    return f"{number_part}-{said}" if said else number_part


def slug(text: str) -> str:
    """*text* folded to ASCII letters and digits between dashes, at most
    :data:`NAME_CHARS` of it ("" when nothing is left)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SAFE.sub("-", folded.lower()).strip("-")[:NAME_CHARS].strip("-")


@dataclass(frozen=True)
class Listed:
    """A student as the index lists them: a report's file, or why there is none."""

    source: Cell
    name: str
    result: str
    flags: str
    file: str | None
    duration: str | None = None
    klass: str | None = None
    """The student's class, in a run of several classes (see
    :mod:`rolequiz.core.cohort.classes`)."""


class ReportFolder:
    """The reports of one class run: staged while the class is scored, then committed."""

    def __init__(self, folder: Path, kb: KnowledgeBase, lang: Lang, *, force: bool,
                 date: Date, title: str | None = None, order: str = "name",
                 duplicates: str = "latest") -> None:
        self.folder, self.kb, self.lang = folder, kb, lang
        self.words = Words(kb, lang, duplicates=duplicates)
        """The result and flags of a student as the class table says them."""
        self.force, self.date, self.title, self.order = force, date, title, order
        self.files: dict[tuple[str | None, Cell], str] = {}
        """Each scored student's class (None for one class) and source (row or sheet) ->
        the report's file name."""
        self.listed: list[Listed] = []
        self.combined = ALL
        self._taken: set[str] = {INDEX.casefold(), ALL.casefold()}
        self._stage: Path | None = None
        self._sheets = 0

    def __enter__(self) -> ReportFolder:
        if self.folder.exists() and not self.folder.is_dir():
            raise UsageProblem(i18n.t(self.lang, "cohort.reports.not_folder", path=self.folder))
        parent = self.folder.parent
        if not parent.is_dir():
            raise UsageProblem(msg("file.no_folder", path=self.folder, folder=parent))
        # staged inside the folder, or beside it while it does not exist: a run that stops
        # leaves no empty folder behind
        near = self.folder if self.folder.is_dir() else parent
        try:
            self._stage = Path(tempfile.mkdtemp(prefix=".rolequiz-reports-", dir=near))
        except OSError as error:
            raise UsageProblem(msg("file.cannot_write_there", path=self.folder,
                                   reason=os_reason(error))) from None
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None

    def add(self, students: Iterable[Student]) -> None:
        """Stage the report of each scored student of *students*, from their explained
        result (see :func:`rolequiz.core.cohort.rows.scored_batches`), and list every
        student for the index, scored or not."""
        assert self._stage is not None, "use ReportFolder as a context manager"
        for student in students:
            said_result, said_flags = self.words.result_of(student), self.words.flags_of(student)
            if student.result is None:  # not scored: the index says why
                self.listed.append(Listed(student.source, student.name, said_result,
                                          said_flags, None, None, student.klass))
                continue
            said = content(self.kb, facts(self.kb, student.result, self.lang, name=student.name))
            file = self._file_name(student.source, student.name, student.klass)
            took = None if student.duration is None else clock(student.duration)
            # a year group: the student's class names it, instead of --title
            context = report.Context(title=student.klass or self.title, duration=took,
                                     answered=student.answered)
            body = report.report_body(self.kb, said, date=self.date, context=context)
            page = report.page_of(said, body)  # the very page score --report writes
            write_atomic(self._stage / file, page)  # on disk before it is moved into place
            write_atomic(self._stage / f".body-{file}", body)  # for the combined file
            self.files[student.klass, student.source] = file
            self.listed.append(Listed(student.source, student.name, said_result, said_flags,
                                      file, took, student.klass))

    def in_order(self) -> list[Listed]:
        """The students listed, by name (as a reader sorts them: case and accents aside,
        then as written) or, with ``order="submitted"``, as the class file has them; in a
        run of several classes, class by class (in the order given) first."""
        classes = {klass: index for index, klass in
                   enumerate(dict.fromkeys(s.klass for s in self.listed))}
        if self.order == "submitted":
            return sorted(self.listed, key=lambda s: classes[s.klass])
        return sorted(self.listed, key=lambda s: (classes[s.klass], name_key(s.name), s.name))

    def targets(self) -> list[Path]:
        """Every file this run writes in the folder: the reports, the combined file, then
        the index."""
        return [self.folder / file for file in (*self.files.values(), ALL, INDEX)]

    def check(self, output: Path | None = None) -> None:
        """Refuse, before anything is written, to replace a file without ``--force``, or
        to write the class file (*output*) where a report or the index goes."""
        targets = self.targets()
        if output is not None and output.resolve() in {p.resolve() for p in targets}:
            raise UsageProblem(i18n.t(self.lang, "cohort.reports.same_file", path=output))
        folders = [path for path in targets if path.is_dir()]
        if folders:  # not even --force replaces a folder
            raise UsageProblem(i18n.t(self.lang, "cohort.reports.folder_in_way",
                                      path=folders[0]))
        if self.force:
            return
        taken = [path for path in targets if path.exists()]
        if taken:
            raise UsageProblem(i18n.t(self.lang, "cohort.reports.exist", path=taken[0],
                                      count=len(taken)))

    def commit(self) -> Path:
        """Move the reports into place, one rename each, then write the index; its path.

        All or nothing: a report or the index that cannot be written (a full disk, a
        folder made meanwhile) puts back every report moved and every file it replaced.
        """
        stage = self._stage
        assert stage is not None, "use ReportFolder as a context manager"
        self.check()
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError as error:
            raise UsageProblem(msg("file.cannot_write_there", path=self.folder,
                                   reason=os_reason(error))) from None
        moved: list[tuple[Path, Path | None]] = []
        """Each report moved in, and where the file it replaced is kept meanwhile."""
        index = self.folder / INDEX
        try:
            for number, file in enumerate(self.files.values()):
                target = self.folder / file
                try:
                    kept = _keep(target, stage / f".replaced-{number}")
                    os.replace(stage / file, target)
                except OSError as error:
                    raise UsageProblem(msg("file.cannot_write", path=target,
                                           reason=os_reason(error))) from None
                moved.append((target, kept))
            combined = self.folder / ALL
            kept = _keep(combined, stage / ".replaced-all")
            write_atomic(combined, self.combined_page(stage), force=True)
            moved.append((combined, kept))
            write_atomic(index, self.index_page(), force=True)
        except BaseException:
            for target, kept in reversed(moved):
                with contextlib.suppress(OSError):
                    if kept is None:
                        os.unlink(target)
                    else:
                        os.replace(kept, target)
            raise
        return index

    def combined_page(self, stage: Path) -> str:
        """Every report in one page, each in an ``<article>`` that starts a printed page, in
        the order of the index."""
        t, lang = i18n.t, self.lang
        heading = t(lang, "report.heading")
        title = f"{heading} — {self.title}" if self.title else heading
        start = report.report_start(title, lang)
        out = [start[:start.rindex("<h1>")]]  # each report has its own heading
        for student in self.in_order():
            if student.file is None:
                continue
            who = f"{heading} — {student.name}" if student.name else heading
            body = (stage / f".body-{student.file}").read_text(encoding="utf-8")
            out.append(f'<article class="student">\n<h1>{h(who)}</h1>\n{body}</article>\n')
        out.append(page_end())
        return "".join(out)

    def index_page(self) -> str:
        """The index: every report linked with the student's result and flags, then the
        students who could not be scored, with the reason."""
        t, lang = i18n.t, self.lang
        heading = t(lang, f"cohort.reports.title.{self.kb.audience}")
        title = f"{heading} — {self.title}" if self.title else heading
        out = [page_start(title, lang)]
        listed = self.in_order()
        scored = [s for s in listed if s.file is not None]
        skipped = [s for s in listed if s.file is None]
        timed = any(s.duration for s in scored)
        classes = any(s.klass for s in listed)
        out.append(f"<p>{h(long_date(self.date, lang))} · "
                   f"{h(t(lang, 'cohort.reports.count', students=len(scored)))} · "
                   f'<a href="{ALL}">{h(t(lang, "cohort.reports.all"))}</a></p>\n')
        keys = (f"cohort.col.student.{self.kb.audience}",
                *((f"cohort.col.class.{self.kb.audience}",) if classes else ()),
                "cohort.col.result", *(("cohort.col.duration",) if timed else ()),
                "cohort.col.flags")
        out.append("<table>\n<thead><tr>" + "".join(
            f'<th scope="col">{h(t(lang, key))}</th>' for key in keys)
            + "</tr></thead>\n<tbody>\n")
        for student in scored:
            link = f'<a href="{h(quote(student.file or ""))}">{h(student.name)}</a>'
            took = f'<td class="num">{h(student.duration or "")}</td>' if timed else ""
            klass = f"<td>{h(student.klass or '')}</td>" if classes else ""
            out.append(f"<tr><td>{link}</td>{klass}<td>{h(student.result)}</td>{took}"
                       f"<td>{h(student.flags)}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
        if skipped:
            out.append(f'<h2 id="skipped">{h(t(lang, "cohort.reports.skipped"))}</h2>\n<ul>\n')
            for student in skipped:
                who = student.name or t(lang, "cohort.reports.no_name")
                where = place(student.source, lang)
                where = f"{student.klass}, {where}" if student.klass else where
                out.append(f"<li><strong>{h(who)}</strong> ({h(where)}): "
                           f"{h(student.flags)}</li>\n")
            out.append("</ul>\n")
        out.append(f'<p class="note">{h(report.made(self.kb, lang))}</p>\n')
        out.append(page_end())
        return "".join(out)

    def _file_name(self, source: Cell, name: str, klass: str | None) -> str:
        """A safe file name, unique in this run (and never the index's)."""
        if isinstance(source, int):
            number = source
        else:
            self._sheets += 1
            number = self._sheets
        stem = file_stem(number, name)
        if klass:  # a year group: the class first, so that a class's files sort together
            stem = f"{slug(klass) or 'class'}-{stem}"
        file, again = f"{stem}.html", 1
        while file.casefold() in self._taken:
            again += 1
            file = f"{stem}-{again}.html"
        self._taken.add(file.casefold())
        return file


def name_key(name: str) -> str:
    """*name* as a reader sorts it: accents and case aside ("Élan" beside "Elan")."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _keep(target: Path, copy: Path) -> Path | None:
    """Keep the file at *target* (if any) as *copy*, a hard link where the file system has
    them; *copy*, or None when there is nothing to keep."""
    if not (target.is_symlink() or target.exists()):
        return None
    try:
        os.link(target, copy, follow_symlinks=False)
    except OSError:  # no hard links (a FAT memory stick)
        shutil.copy2(target, copy, follow_symlinks=False)
    return copy
