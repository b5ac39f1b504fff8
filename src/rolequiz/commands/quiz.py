"""``rolequiz quiz`` and ``rolequiz score``: a student's answers to a result."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from rolequiz import i18n
from rolequiz.commands import Options, chosen_lang, console, load_kb, print_json
from rolequiz.errors import ExitCode, UsageProblem
from rolequiz.model import KnowledgeBase, Lang

HELP: dict[str, dict[Lang, str]] = {
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
    "opt.answers": {
        "en": "Answer sheet to use instead of asking (question id: option id or number).",
        "id": "Lembar jawaban yang dipakai alih-alih bertanya (id pertanyaan: id opsi atau nomor).",
    },
    "opt.save": {
        "en": "Write the answers to this file (YAML, or JSON for .json), after every answer.",
        "id": "Tulis jawaban ke berkas ini (YAML, atau JSON untuk .json), setiap kali menjawab.",
    },
    "opt.name": {"en": "Your name, shown on the result.", "id": "Namamu, tampil di hasil."},
    "arg.sheet": {"en": "The answer sheet to score.", "id": "Lembar jawaban yang dinilai."},
}


def register(app: typer.Typer, lang: Lang) -> None:
    o = Options(lang)

    @app.command(help=o.text("quiz", HELP))
    def quiz(
        ctx: typer.Context,
        answers: Annotated[Path | None, typer.Option(
            "--answers", help=o.text("opt.answers", HELP), metavar="FILE")] = None,
        save: Annotated[Path | None, typer.Option(
            "--save", help=o.text("opt.save", HELP), metavar="FILE")] = None,
        as_json: Annotated[bool, o.json()] = False,
        name: Annotated[str | None, typer.Option(
            "--name", help=o.text("opt.name", HELP), metavar="NAME")] = None,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        if name is not None:
            _check_text(name, "--name")
        knowledge_base = load_kb(kb)
        from rolequiz import answers as sheets

        if answers is not None:
            sheet = sheets.load(answers, knowledge_base)
            if save is not None:
                sheets.save(save, knowledge_base, sheets.Sheet(sheet.answers, name or sheet.name))
            show_result(knowledge_base, sheet.answers, chosen, name=name or sheet.name,
                        as_json=as_json)
            return
        if not sys.stdin.isatty():
            raise UsageProblem(i18n.t(chosen, "no_terminal"))
        from rolequiz import prompts

        def keep(given: dict[str, int]) -> None:
            if save is not None:
                sheets.save(save, knowledge_base, sheets.Sheet(given, name))

        try:
            welcome(knowledge_base, chosen)
            given = prompts.run(knowledge_base, chosen, on_answer=keep)
        except (KeyboardInterrupt, EOFError):
            # Typer turns a KeyboardInterrupt into a silent exit 130 before main() sees it.
            sys.stderr.write("\n" + i18n.t(chosen, "interrupted") + "\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if save is not None:
            console(stderr=True).print(i18n.t(chosen, "saved", path=save))
        show_result(knowledge_base, given, chosen, name=name, as_json=as_json)

    @app.command(help=o.text("score", HELP))
    def score(
        ctx: typer.Context,
        sheet: Annotated[Path, typer.Argument(help=o.text("arg.sheet", HELP), metavar="SHEET")],
        as_json: Annotated[bool, o.json()] = False,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        knowledge_base = load_kb(kb)
        from rolequiz import answers as sheets

        loaded = sheets.load(sheet, knowledge_base)
        show_result(knowledge_base, loaded.answers, chosen, name=loaded.name, as_json=as_json)


def show_result(kb: KnowledgeBase, answers: dict[str, int], lang: Lang, *,
                name: str | None, as_json: bool) -> None:
    from rolequiz import results, scoring

    result = scoring.score(kb, answers)
    if as_json:
        print_json(results.to_document(kb, result, lang, name=name))
        return
    from rolequiz import render

    render.show(console(), render.result_view(kb, result, lang, name=name))


def welcome(kb: KnowledgeBase, lang: Lang) -> None:
    from rich.panel import Panel
    from rich.text import Text

    from rolequiz.text import printable

    minutes = max(1, round(len(kb.questions) * 12 / 60))  # about 12 seconds a question
    body = Text(i18n.t(lang, "welcome", questions=len(kb.questions), minutes=minutes))
    body.append("\n" + i18n.t(lang, "welcome.keys"), style="dim")
    # with stdout redirected (quiz --json > result.json) the quiz shows on stderr, as the prompts do
    panel = Panel(body, title=Text(printable(kb.title(lang))), title_align="left")
    console(stderr=not sys.stdout.isatty()).print(panel)


def _check_text(value: str, option: str) -> None:
    """Refuse bytes that were not UTF-8 on the command line: they can be neither saved nor shown."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageProblem(f"{option}: {value!r} is not UTF-8 text, check the terminal's "
                           "character encoding") from None
