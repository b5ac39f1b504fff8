"""The command line: parse, call the core, print, exit.  The only module that exits."""


import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rolequiz import __version__, i18n
from rolequiz.errors import ExitCode, InputFileError, RolequizError, UsageProblem
from rolequiz.model import KnowledgeBase, Lang

HELP: dict[str, dict[Lang, str]] = {
    "app": {
        "en": "Which social-media career fits you: Officer, Specialist or Strategist?\n\n"
        "Example: rolequiz quiz --lang en",
        "id": "Karier media sosial mana yang cocok untukmu: Officer, Specialist, atau "
        "Strategist?\n\nContoh: rolequiz quiz --lang id",
    },
    "quiz": {
        "en": "Take the quiz and see which role fits you best.\n\n"
        "Example: rolequiz quiz --save my-answers.yaml\n\n"
        "Without a terminal: rolequiz quiz --answers sheet.yaml --json",
        "id": "Ikuti kuis dan lihat peran yang paling cocok untukmu.\n\n"
        "Contoh: rolequiz quiz --save jawabanku.yaml\n\n"
        "Tanpa terminal: rolequiz quiz --answers lembar.yaml --json",
    },
    "score": {
        "en": "Score a saved answer sheet (YAML or JSON).\n\nExample: rolequiz score sheet.yaml",
        "id": "Nilai lembar jawaban yang tersimpan (YAML atau JSON).\n\n"
        "Contoh: rolequiz score lembar.yaml",
    },
    "roles": {
        "en": "The roles at a glance, or one role in full.\n\nExample: rolequiz roles strategist",
        "id": "Sekilas tentang peran, atau satu peran selengkapnya.\n\n"
        "Contoh: rolequiz roles strategist",
    },
    "validate": {
        "en": "Check a knowledge base file for problems.\n\n"
        "Lists every problem with its line and column.\n\n"
        "Example: rolequiz validate my-roles.yaml",
        "id": "Periksa masalah dalam berkas basis pengetahuan.\n\n"
        "Menampilkan setiap masalah beserta baris dan kolomnya.\n\n"
        "Contoh: rolequiz validate peran-saya.yaml",
    },
    "opt.kb": {
        "en": "Knowledge base to use instead of the shipped one.",
        "id": "Basis pengetahuan yang dipakai sebagai ganti bawaan.",
    },
    "opt.lang": {
        "en": "Language: id or en (default: ROLEQUIZ_LANG, then the locale).",
        "id": "Bahasa: id atau en (bawaan: ROLEQUIZ_LANG, lalu locale).",
    },
    "opt.answers": {
        "en": "Answer sheet to use instead of asking (question id: option id or number).",
        "id": "Lembar jawaban yang dipakai alih-alih bertanya (id pertanyaan: id opsi atau nomor).",
    },
    "opt.save": {
        "en": "Write the answers to this file (YAML, or JSON for .json), after every answer.",
        "id": "Tulis jawaban ke berkas ini (YAML, atau JSON untuk .json), setiap kali menjawab.",
    },
    "opt.json": {"en": "Print the result as JSON.", "id": "Cetak hasil sebagai JSON."},
    "opt.name": {"en": "Your name, shown on the result.", "id": "Namamu, tampil di hasil."},
    "opt.version": {"en": "Show the version and exit.", "id": "Tampilkan versi lalu keluar."},
    "arg.sheet": {"en": "The answer sheet to score.", "id": "Lembar jawaban yang dinilai."},
    "arg.role": {"en": "A role id, to see that role in full.", "id": "Id peran, untuk melihatnya "
                 "selengkapnya."},
    "arg.path": {"en": "Knowledge base to check (default: the shipped one).",
                 "id": "Basis pengetahuan yang diperiksa (bawaan: yang disertakan)."},
}


def _console(*, stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _lang(value: str | None) -> Lang:
    return i18n.parse_lang(value, source="--lang") if value else i18n.default_lang()


def _load(kb_path: Path | None) -> KnowledgeBase:
    from rolequiz import knowledge

    return knowledge.load(kb_path)


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _show_result(kb: KnowledgeBase, answers: dict[str, int], lang: Lang, *,
                 name: str | None, as_json: bool) -> None:
    from rolequiz import results, scoring

    result = scoring.score(kb, answers)
    if as_json:
        _print_json(results.to_document(kb, result, lang, name=name))
        return
    from rolequiz import render

    render.show(_console(), render.result_view(kb, result, lang, name=name))


def build(lang: Lang) -> typer.Typer:
    """The Typer application, with help texts in *lang*."""
    h = {key: texts[lang] for key, texts in HELP.items()}
    app = typer.Typer(
        name="rolequiz",
        help=h["app"],
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    KbOption = Annotated[Path | None, typer.Option("--kb", help=h["opt.kb"], metavar="PATH")]
    LangOption = Annotated[str | None, typer.Option("--lang", help=h["opt.lang"],
                                                    metavar="id|en")]

    def show_version(value: bool) -> None:
        if value:
            typer.echo(f"rolequiz {__version__}")
            raise typer.Exit()

    before_command: dict[str, str] = {}  # a --lang before the command applies to the command

    @app.callback()
    def main_options(
        version: Annotated[bool, typer.Option("--version", help=h["opt.version"],
                                              callback=show_version, is_eager=True)] = False,
        lang: LangOption = None,
    ) -> None:
        if lang:
            before_command["lang"] = i18n.parse_lang(lang, source="--lang")

    @app.command(help=h["quiz"])
    def quiz(
        answers: Annotated[Path | None, typer.Option("--answers", help=h["opt.answers"],
                                                     metavar="FILE")] = None,
        save: Annotated[Path | None, typer.Option("--save", help=h["opt.save"],
                                                  metavar="FILE")] = None,
        as_json: Annotated[bool, typer.Option("--json", help=h["opt.json"])] = False,
        name: Annotated[str | None, typer.Option("--name", help=h["opt.name"],
                                                               metavar="NAME")] = None,
        kb: KbOption = None,
        lang: LangOption = None,
    ) -> None:
        chosen = _lang(lang or before_command.get("lang"))
        if name is not None:
            _check_text(name, "--name")
        knowledge_base = _load(kb)
        from rolequiz import answers as sheets

        if answers is not None:
            sheet = sheets.load(answers, knowledge_base)
            if save is not None:
                sheets.save(save, knowledge_base, sheets.Sheet(sheet.answers, name or sheet.name))
            _show_result(knowledge_base, sheet.answers, chosen, name=name or sheet.name,
                         as_json=as_json)
            return
        if not sys.stdin.isatty():
            raise UsageProblem(i18n.t(chosen, "no_terminal"))
        from rolequiz import prompts

        def keep(given: dict[str, int]) -> None:
            if save is not None:
                sheets.save(save, knowledge_base, sheets.Sheet(given, name))

        try:
            _welcome(knowledge_base, chosen)
            given = prompts.run(knowledge_base, chosen, on_answer=keep)
        except (KeyboardInterrupt, EOFError):
            # Typer turns a KeyboardInterrupt into a silent exit 130 before main() sees it.
            sys.stderr.write("\n" + i18n.t(chosen, "interrupted") + "\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if save is not None:
            _console(stderr=True).print(i18n.t(chosen, "saved", path=save))
        _show_result(knowledge_base, given, chosen, name=name, as_json=as_json)

    @app.command(help=h["score"])
    def score(
        sheet: Annotated[Path, typer.Argument(help=h["arg.sheet"], metavar="SHEET")],
        as_json: Annotated[bool, typer.Option("--json", help=h["opt.json"])] = False,
        kb: KbOption = None,
        lang: LangOption = None,
    ) -> None:
        chosen = _lang(lang or before_command.get("lang"))
        knowledge_base = _load(kb)
        from rolequiz import answers as sheets

        loaded = sheets.load(sheet, knowledge_base)
        _show_result(knowledge_base, loaded.answers, chosen, name=loaded.name, as_json=as_json)

    @app.command(help=h["roles"])
    def roles(
        role: Annotated[str | None, typer.Argument(help=h["arg.role"], metavar="ROLE")] = None,
        kb: KbOption = None,
        lang: LangOption = None,
    ) -> None:
        chosen = _lang(lang or before_command.get("lang"))
        knowledge_base = _load(kb)
        from rolequiz import render

        if role is None:
            render.show(_console(), render.roles_overview(knowledge_base, chosen))
            return
        if not knowledge_base.has_role(role):
            ids = ", ".join(r.id for r in knowledge_base.roles)
            raise UsageProblem(i18n.t(chosen, "roles.unknown", role=role, ids=ids))
        render.show(_console(), render.role_view(knowledge_base, knowledge_base.role(role), chosen))

    @app.command(help=h["validate"])
    def validate(
        path: Annotated[Path | None, typer.Argument(help=h["arg.path"], metavar="PATH")] = None,
        kb: KbOption = None,
        lang: LangOption = None,
    ) -> None:
        chosen = _lang(lang or before_command.get("lang"))
        from rolequiz import knowledge

        target = path or kb
        try:
            knowledge_base = knowledge.load(target)
        except InputFileError as error:
            for problem in error.problems:
                sys.stderr.write(f"{_one_line(str(problem))}\n")
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        questions = knowledge_base.questions
        counts = ", ".join(
            f"{d.id} {sum(1 for q in questions if q.max_weight(d.id) > 0)}"
            for d in knowledge_base.dimensions
        )
        typer.echo(i18n.t(
            chosen, "validate.ok", file=knowledge_base.path, roles=len(knowledge_base.roles),
            dimensions=len(knowledge_base.dimensions), questions=len(questions),
            choice=sum(q.kind == "choice" for q in questions),
            scale=sum(q.kind == "scale" for q in questions),
            reverse=sum(q.reverse for q in questions), programs=len(knowledge_base.programs),
        ))
        typer.echo(i18n.t(chosen, "validate.coverage", counts=counts))

    return app


def _welcome(kb: KnowledgeBase, lang: Lang) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from rolequiz.text import printable

    minutes = max(1, round(len(kb.questions) * 12 / 60))  # about 12 seconds a question
    body = Text(i18n.t(lang, "welcome", questions=len(kb.questions), minutes=minutes))
    body.append("\n" + i18n.t(lang, "welcome.keys"), style="dim")
    # with stdout redirected (quiz --json > result.json) the quiz shows on stderr, as the prompts do
    panel = Panel(body, title=Text(printable(kb.title(lang))), title_align="left")
    _console(stderr=not sys.stdout.isatty()).print(panel)


def _lang_from_argv(argv: list[str]) -> Lang:
    """The language for help texts, read before the command line is parsed."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value and value.strip().lower() in ("id", "en"):
            return value.strip().lower()  # type: ignore[return-value]
    try:
        return i18n.default_lang()
    except UsageProblem:
        return "en"


def main(argv: list[str] | None = None) -> None:
    """Run rolequiz; exit 0 on success, 2 on bad input or usage, 130 when interrupted."""
    args = sys.argv[1:] if argv is None else argv
    args = args or ["--help"]
    lang = _lang_from_argv(args)
    app = build(lang)
    try:
        code = app(args=args, prog_name="rolequiz", standalone_mode=False)
    except RolequizError as error:
        _fail(lang, str(error), error.exit_code)
    except typer.TyperException as error:  # usage errors found by the parser
        _fail(lang, _usage_message(error), getattr(error, "exit_code", ExitCode.BAD_INPUT))
    except (KeyboardInterrupt, EOFError, typer.Abort):
        sys.stderr.write("\n" + i18n.t(lang, "interrupted") + "\n")
        sys.exit(ExitCode.INTERRUPTED)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _usage_message(error: typer.TyperException) -> str:
    message = error.format_message()
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message


def _check_text(value: str, option: str) -> None:
    """Refuse bytes that were not UTF-8 on the command line: they can be neither saved nor shown."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageProblem(f"{option}: {value!r} is not UTF-8 text, check the terminal's "
                           "character encoding") from None


def _one_line(message: str) -> str:
    """*message* safe for a terminal and on one line (a YAML error may span several)."""
    from rolequiz.text import printable

    return printable(" ".join(part.strip() for part in message.splitlines() if part.strip()))


def _fail(lang: Lang, message: str, code: int) -> None:
    sys.stderr.write(f"rolequiz: {i18n.t(lang, 'error.prefix')}: {_one_line(message)}\n")
    sys.exit(code)
