"""The command line: parse, call the core, print, exit.  The only module that exits.

The commands live in :mod:`rolequiz.cli.common`; this module builds the Typer
application with help in the student's language and turns every error into
one line on stderr with its exit code (0, 2, 130, or 1 for a bug; see docs/exit-codes.md).
"""

import contextlib
import difflib
import errno
import functools
import importlib
import io
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Annotated, Any

import typer

from rolequiz import __version__, i18n
from rolequiz.cli.common import Options
from rolequiz.core.kb.model import Lang
from rolequiz.errors import (
    ExitCode,
    Interrupted,
    QuizStopped,
    RolequizError,
    UsageProblem,
    os_reason,
    render,
)
from rolequiz.text import one_line, say

COMMANDS: dict[str, str] = {
    "quiz": "quiz", "score": "quiz", "roles": "roles", "validate": "roles",
    "compare": "compare", "cohort": "cohort",
}
"""Each command, and the module of :mod:`rolequiz.cli.common` that registers it.

A run imports only the module of the command it runs (a test checks this
table against what the modules register); help and errors get them all.
"""


def command_modules(command: str | None = None) -> list[ModuleType]:
    """The modules registering *command*, or every command module in help order."""
    names = [COMMANDS[command]] if command in COMMANDS else dict.fromkeys(COMMANDS.values())
    return [importlib.import_module(f"rolequiz.cli.{name}") for name in names]



def build(lang: Lang, *, command: str | None = None) -> typer.Typer:
    """The Typer application, with help texts in *lang*: every command, or only *command*."""
    o = Options(lang)
    app = typer.Typer(
        name="rolequiz",
        help=o.text("app"),
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={
            "help_option_names": [],  # our own -h/--help, in *lang*
            # click never goes below 50 columns on its own; a 40-column terminal gets 40
            "terminal_width": min(shutil.get_terminal_size().columns, 80) - 2,
        },
    )

    def show_version(value: bool) -> None:
        if value:
            typer.echo(f"rolequiz {__version__}")
            raise typer.Exit()

    @app.callback()
    def main_options(
        ctx: typer.Context,
        version: Annotated[bool, typer.Option("--version", help=o.text("opt.version"),
                                              callback=show_version, is_eager=True)] = False,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        if lang:  # a --lang before the command applies to the command
            ctx.obj["lang_option"] = i18n.parse_lang(lang, source="--lang")

    for module in command_modules(command):
        module.register(app, lang)
    if command is not None:  # nor the other command of the same module
        app.registered_commands = [c for c in app.registered_commands if c.callback is not None
                                   and (c.name or c.callback.__name__) == command]
    for registered in app.registered_commands:
        if registered.callback is not None:
            registered.callback = _reader_gone_ends(registered.callback)
    return app


class ReaderGone(Exception):
    """The reader of stdout has gone (``| head`` had enough): a quiet end, exit 0.

    Not an :class:`OSError`, which the parser would turn into exit 1 on its own.
    """


def _reader_gone_ends(callback: Callable[..., Any]) -> Callable[..., Any]:
    """*callback*, with a closed pipe on stdout raised as :class:`ReaderGone`."""

    @functools.wraps(callback)
    def command(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except BrokenPipeError:
            raise ReaderGone from None

    return command


def invoked(argv: list[str]) -> str | None:
    """The command named on the command line, if any: its first word that is not an option
    of ``rolequiz`` itself (``--lang id``, ``--version``, ``--help``)."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _lang_from_argv(argv: list[str]) -> Lang:
    """The language for help texts, read before the command line is parsed."""
    given = _lang_given(argv)
    if given is not None:
        return given
    try:
        return i18n.default_lang()
    except UsageProblem:  # a ROLEQUIZ_LANG we do not have: say so in the locale's language
        return i18n.locale_lang()


def _lang_given(argv: list[str]) -> Lang | None:
    """The language ``--lang`` names on the command line, if it names one we have."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        code = (value or "").strip().lower()
        if code in i18n.languages():
            return code
    return None


def main(argv: list[str] | None = None) -> None:
    """Run rolequiz; exit 0 on success, 2 on bad input or usage, 130 when interrupted."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(args)
    command = invoked(args)
    app = build(lang, command=command)
    if not set(args) & {*COMMANDS, "--version", "--help", "-h"}:
        args.append("--help")  # `rolequiz` or `rolequiz --lang id` alone: the help page
    parser = typer.main.get_command(app)
    said = {"lang": lang}  # a command may find the language its outputs speak (a form's)
    try:
        i18n.check(lang, i18n.FALLBACK)  # a catalogue that is not TOML: one located line
        code = parser.main(args=args, prog_name="rolequiz", standalone_mode=False, obj=said)
    except Interrupted as error:  # not an error: the student stopped, and what was kept is said
        say("")
        say(error.render(lang), command=error.command)
        sys.exit(error.exit_code)
    except QuizStopped as error:  # below the last prompt, never glued to it
        say("")
        _fail(lang, error.render(lang), error.exit_code)
    except RolequizError as error:
        _fail(said["lang"], error.render(said["lang"]), error.exit_code)
    except typer.TyperException as error:  # usage errors found by the parser
        _fail(lang, usage_message(error, lang, given=_lang_given(args)),
              getattr(error, "exit_code", ExitCode.BAD_INPUT))
    except (KeyboardInterrupt, EOFError, typer.Abort):
        _say_interrupted(said["lang"])
        sys.exit(ExitCode.INTERRUPTED)
    except (ReaderGone, BrokenPipeError):  # the reader has gone (| head): it wanted no more
        _quiet_stdout()
        sys.exit(ExitCode.OK)
    except Exception as error:
        if isinstance(error, OSError) and error.errno in OUTPUT_FAILURES:
            _fail(lang, i18n.t(lang, "output.failed", reason=render(os_reason(error), lang)),
                  ExitCode.BAD_INPUT)
        if os.environ.get("ROLEQUIZ_DEBUG"):  # a bug: one line, the traceback on request
            raise
        _fail(lang, i18n.t(lang, "internal_error", error=f"{type(error).__name__}: {error}"),
              ExitCode.INTERNAL)
    if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C in a command into Exit(130), unsaid
        _say_interrupted(said["lang"])
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _say_interrupted(lang: Lang) -> None:
    """Ctrl-C, or a signal that stops the run as Ctrl-C does: one line on stderr, on a line
    of its own on a terminal (where the ``^C`` it echoed ends none)."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        if sys.stderr.isatty():
            say("")
    say(i18n.t(lang, "interrupted"))


OUTPUT_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EBADF}
"""Why output cannot be written when it is nobody's bug: a full disk, a quota, a file too
large for the file system, an output closed before rolequiz started (``>&-``)."""


class ClosedOutput(io.TextIOBase):
    """Standard output that was closed before rolequiz started (``>&-``).

    Python leaves ``sys.stdout`` as ``None`` then, and rich writes to nothing without a
    word: a command whose output is lost would exit 0.  Writing here fails as writing to
    a closed descriptor does, so the command exits 2 with one line saying so.
    """

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def standard_streams() -> None:
    """Make the three standard streams safe to use, whatever they are.

    A closed stdin reads as empty (the quiz then asks for ``--answers``), a closed stderr
    swallows what is said, a closed stdout fails on the first write (:class:`ClosedOutput`),
    and a character the output's encoding cannot take (``PYTHONIOENCODING=cp437``, a
    Windows code page) is written as ``?`` instead of ending the command.
    """
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at nothing, so that the last flush does not fail
    again (as Python's documentation of SIGPIPE advises)."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run() -> None:
    """The ``rolequiz`` command: :func:`main`, then out without tearing the interpreter down.

    Freeing every object of NumPy, rich and Typer one by one takes tens of
    milliseconds, for memory the system frees anyway; like mypy, rolequiz
    flushes what it wrote and leaves with :func:`os._exit`.  Files are closed
    (and renamed into place) before :func:`main` returns.  Under a profiler (see
    :func:`observed`) it exits normally instead, so that the profile is saved.
    """
    code: int = ExitCode.OK
    try:
        standard_streams()
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else \
            (ExitCode.OK if done.code is None else ExitCode.INTERNAL)
    except OSError:  # stderr itself failed while saying what went wrong (2>&1 on a full disk)
        code = ExitCode.BAD_INPUT
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (ReaderGone, BrokenPipeError):  # the reader has gone (| head): it wanted no more
        pass
    except (OSError, ValueError) as error:  # the last of the output is lost: never exit 0
        if code == ExitCode.OK:
            lang = _lang_from_argv(sys.argv[1:])
            reason = render(os_reason(error), lang) if isinstance(error, OSError) else str(error)
            say(_error_line(lang, i18n.t(lang, "output.failed", reason=reason)))
            code = ExitCode.BAD_INPUT
    with contextlib.suppress(AttributeError, OSError, ValueError):
        sys.stderr.flush()
    if observed():  # the profiler writes its file as the interpreter ends
        raise SystemExit(code)
    os._exit(code)


def observed() -> bool:
    """Whether a profiler, a debugger or a coverage tool watches this process
    (``python -m cProfile -o prof.out -m rolequiz ...``): each keeps what it saw until
    the interpreter ends normally, which :func:`os._exit` would skip."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12: cProfile registers here
    return monitoring is not None and any(monitoring.get_tool(tool) is not None
                                          for tool in range(6))


_NO_SUCH_COMMAND = re.compile(r"No such command '(?P<name>[^']*)'")
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)")


def usage_message(error: typer.TyperException, lang: Lang, *, given: Lang | None = None) -> str:
    """The parser's complaint in *lang*, with where to read more: the command's help, in
    the language *given* with ``--lang`` (the environment's needs no option)."""
    kind = type(error).__name__
    message = error.format_message()
    param = getattr(error, "param", None)
    ctx = getattr(error, "ctx", None)
    hint = param.get_error_hint() if param is not None else ""
    if kind == "NoSuchOption":
        message = i18n.t(lang, "usage.no_such_option", option=getattr(error, "option_name", ""))
        message += _suggestion(lang, getattr(error, "possibilities", None) or [])
    elif kind == "MissingParameter" and hint:
        message = i18n.t(lang, "usage.missing", what=hint)
    elif kind == "BadParameter" and hint:
        message = i18n.t(lang, "usage.bad_value", what=hint, problem=getattr(error, "message", ""))
    elif match := _NO_SUCH_COMMAND.search(message):
        message = i18n.t(lang, "usage.no_such_command", command=match["name"])
        message += _suggestion(lang, difflib.get_close_matches(match["name"], COMMANDS, n=1))
    elif match := _EXTRA_ARGUMENTS.search(message):
        message = i18n.t(lang, "usage.extra_arguments", arguments=match["args"])
    if ctx is not None:
        from rolequiz.cli import program

        words = [*program.words(), *ctx.command_path.split()[1:], "--help",
                 *(["--lang", given] if given else [])]
        message += " " + i18n.t(lang, "usage.see_help", command=shlex.join(words))
    return message


def _suggestion(lang: Lang, close: list[str]) -> str:
    """'; did you mean cohort?' for the closest of *close* (the parser's, or difflib's,
    best first), or nothing."""
    if not close:
        return ""
    return "; " + i18n.t(lang, "usage.did_you_mean", suggestion=close[0])


def _fail(lang: Lang, message: str, code: int) -> None:
    say(_error_line(lang, message))
    sys.exit(code)


def _error_line(lang: Lang, message: str) -> str:
    """``rolequiz: error: MESSAGE``, on one line and safe for a terminal."""
    return f"rolequiz: {i18n.t(lang, 'error.prefix')}: {one_line(message)}"
