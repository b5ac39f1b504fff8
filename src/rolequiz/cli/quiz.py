"""``rolequiz quiz`` and ``rolequiz score``: a student's answers to a result."""

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from rolequiz import i18n
from rolequiz.cli import common
from rolequiz.cli.common import Options, chosen_lang, console, invocation, load_kb, print_json
from rolequiz.core.invocation import PLAIN, Invocation
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.errors import UsageProblem, msg
from rolequiz.text import say

if TYPE_CHECKING:
    from rolequiz.core.student.sheets import Sheet
    from rolequiz.export.result import ResultContent



def register(app: typer.Typer, lang: Lang) -> None:
    o = Options(lang)

    @app.command(help=o.text("quiz"))
    def quiz(
        ctx: typer.Context,
        answers: Annotated[Path | None, typer.Option(
            "--answers", help=o.text("opt.answers"), metavar="FILE")] = None,
        save: Annotated[Path | None, typer.Option(
            "--save", help=o.text("opt.save"), metavar="FILE")] = None,
        as_json: Annotated[bool, o.json()] = False,
        details: Annotated[bool, details_option(o)] = False,
        name: Annotated[str | None, typer.Option(
            "--name", help=o.text("opt.name"), metavar="NAME")] = None,
        report: Annotated[Path | None, report_option(o)] = None,
        force: Annotated[bool, force_option(o)] = False,
        resume: Annotated[bool, typer.Option(
            "--resume", help=o.text("opt.resume"))] = False,
        restart: Annotated[bool, typer.Option(
            "--restart", help=o.text("opt.restart"))] = False,
        short: Annotated[bool, typer.Option("--short", help=o.text("quiz.opt.short"))] = False,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        for first, second, both in (("--resume", "--restart", resume and restart),
                                    ("--answers", "--resume", answers is not None and resume),
                                    ("--answers", "--restart", answers is not None and restart)):
            if both:
                raise UsageProblem(i18n.t(chosen, "session.conflict", first=first,
                                          second=second))
        if name is not None:
            _check_text(name, "--name")
        # before the first question: a bad --report path must not cost the student the quiz
        target = report_target(report, force=force, lang=chosen, answers=(answers, save))
        knowledge_base = load_kb(kb, chosen)
        from rolequiz.terminal import quiz as interactive

        if save is not None:  # nor may --save write over a file that is not answers
            interactive.save_target(save, knowledge_base, force=force)
        if answers is not None:
            from rolequiz.core.student import sheets

            sheet = sheets.load(answers, knowledge_base)
            sheet = replace(sheet, name=name or sheet.name)
            if save is not None:
                sheets.save(save, knowledge_base, sheet)
            show_result(knowledge_base, sheet, chosen, as_json=as_json, report=target,
                        given=invocation(ctx, kb, lang), details=details, short=short)
            return
        if not sys.stdin.isatty():
            raise UsageProblem(i18n.t(chosen, "no_terminal"))
        from rolequiz.core.student import session

        game = interactive.Play(kb=knowledge_base, lang=chosen, name=name, save=save,
                                kb_option=kb, resume=resume, restart=restart,
                                program=invocation(ctx, kb, lang).program, short=short)
        with session.locked(game.path, second=game.elsewhere_command()):
            game, played = interactive.play(game)
            if save is not None:
                say(i18n.t(chosen, "saved", path=save))
            try:  # the answers stay on disk until the result is out
                show_result(knowledge_base, played, chosen, as_json=as_json, report=target,
                            given=invocation(ctx, kb, lang), details=details,
                            below=interactive.after_result(game, width=console().width))
            except BaseException:
                say(i18n.t(chosen, "session.result_failed", path=game.path,
                           command=game.resume_command()), command=game.resume_command())
                raise
            interactive.finish(game, played)

    @app.command(help=o.text("score"))
    def score(
        ctx: typer.Context,
        sheet: Annotated[Path, typer.Argument(help=o.text("arg.sheet"), metavar="SHEET")],
        as_json: Annotated[bool, o.json()] = False,
        details: Annotated[bool, details_option(o)] = False,
        report: Annotated[Path | None, report_option(o)] = None,
        force: Annotated[bool, force_option(o)] = False,
        short: Annotated[bool, typer.Option("--short", help=o.text("score.opt.short"))] = False,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        target = report_target(report, force=force, lang=chosen, answers=(sheet,))
        knowledge_base = load_kb(kb, chosen)
        from rolequiz.core.student import sheets

        loaded = sheets.load(sheet, knowledge_base)
        show_result(knowledge_base, loaded, chosen, as_json=as_json, report=target,
                    given=invocation(ctx, kb, lang), details=details, short=short)


def report_option(o: Options) -> Any:
    from rolequiz.export import formats

    return typer.Option("--report", help=o.text(
        "quiz.opt.report", extensions=formats.extensions("report")), metavar="FILE")


def details_option(o: Options) -> Any:
    return typer.Option("--details", help=o.text("quiz.opt.details"))


def force_option(o: Options) -> Any:
    return typer.Option("--force", help=o.text("quiz.opt.force"))


class ReportTarget(NamedTuple):
    """Where ``--report`` goes, checked: its format and a folder that exists."""

    path: Path
    fmt: str
    force: bool


def report_target(path: Path | None, *, force: bool, lang: Lang,
                  answers: tuple[Path | None, ...]) -> ReportTarget | None:
    """Check ``--report`` before anything is asked, scored or written.

    It must not be one of the *answers* files either: ``--force`` would replace
    the student's answers with the report.
    """
    if path is None:
        return None
    from rolequiz import files
    from rolequiz.export import report

    fmt = report.format_for(path, lang)
    if any(other is not None and other.resolve() == path.resolve() for other in answers):
        raise UsageProblem(i18n.t(lang, "report.same_as_sheet", path=path))
    files.check_target(path, force=force)
    return ReportTarget(path, fmt, force)


def show_result(kb: KnowledgeBase, sheet: "Sheet", lang: Lang, *, as_json: bool,
                report: ReportTarget | None = None, given: Invocation = PLAIN,
                details: bool = False, below: int = 0, short: bool = False) -> None:
    """Score *sheet* and show (or write) its result: the one place every answer sheet,
    from the quiz, ``--answers`` or ``score``, is scored.  With *short*, the short quiz is
    replayed on it: its questions asked in the short quiz's order, up to where it stops.

    A sheet of the short quiz (``asked``) is scored on the questions it asked, with or
    without *short*.

    On a terminal the first screen comes alone, *below* lines left free for what follows
    it, and the details on a key; with *details*, or to a pipe, everything at once."""
    from rolequiz.core.student import result as results
    from rolequiz.core.student import scoring
    from rolequiz.export import result as words

    # where the chosen options were shown and how long each answer took: the careless-
    # answering flags read them (a sheet without them is scored by its listed order)
    whole = len(sheet.answers) == len(kb.questions)
    if short and not whole and sheet.asked is None:  # blanks: no replay, the answers given
        asked = tuple(q.id for q in kb.questions if q.id in sheet.answers)
    if sheet.asked is not None or (short and whole):
        from rolequiz.core.student import adaptive

        short = True
        asked = sheet.asked if sheet.asked is not None else adaptive.order(
            kb, sheet.answers, adaptive.Seen(positions=sheet.positions or {},
                                             seconds=sheet.seconds or None))
        result = adaptive.score(kb, asked, sheet.answers, positions=sheet.positions or None,
                                seconds=sheet.seconds or None)
    else:
        result = scoring.score(kb, sheet.answers, positions=sheet.positions or None,
                               seconds=sheet.seconds or None)
    facts = results.facts(kb, result, lang, name=sheet.name, invocation=given)
    said = words.content(kb, facts)
    if as_json:
        document = words.to_document(kb, facts, said)
        if short:
            document["asked"] = list(asked)
        print_json(document)
    else:
        from rolequiz.terminal import result as screen

        screen.present(console(), said, details=details, below=below)
        if short:
            said_short = "short.asked" if sheet.asked is not None or whole else "short.not_replayed"
            say(i18n.t(lang, said_short, asked=len(asked), total=len(kb.questions)),
                paragraph=True)
    if report is not None:
        write_report(report, kb, said)


def write_report(target: ReportTarget, kb: KnowledgeBase, said: "ResultContent") -> None:
    """Write the report completely or not at all, then say where it is on stderr."""
    from rolequiz import files
    from rolequiz.export import report

    text = report.render(target.fmt, kb, said, date=common.today())
    files.write_atomic(target.path, text, force=target.force)
    say(i18n.t(said.lang, "report.written", path=target.path))


def _check_text(value: str, option: str) -> None:
    """Refuse bytes that were not UTF-8 on the command line: they can be neither saved nor shown."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageProblem(msg("usage.not_utf8", option=option, value=repr(value))) from None
