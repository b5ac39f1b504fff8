"""``rolequiz roles`` and ``rolequiz validate``: reading the knowledge base."""

from pathlib import Path
from typing import Annotated

import typer

from rolequiz import i18n
from rolequiz.cli.common import Options, chosen_lang, console, invocation, load_kb
from rolequiz.core.kb.model import Lang
from rolequiz.errors import ExitCode, InputFileError, UsageProblem
from rolequiz.text import say


def register(app: typer.Typer, lang: Lang) -> None:
    o = Options(lang)

    @app.command(help=o.text("roles"))
    def roles(
        ctx: typer.Context,
        role: Annotated[str | None, typer.Argument(help=o.text("arg.role"),
                                                   metavar="ROLE")] = None,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        knowledge_base = load_kb(kb, chosen)
        from rolequiz.core.student.result import role_in_full
        from rolequiz.terminal import views as render

        if role is None:
            render.show(console(), render.roles_overview(
                knowledge_base, chosen, invocation=invocation(ctx, kb, lang),
                width=console().width))
            return
        if not knowledge_base.has_role(role):
            ids = ", ".join(r.id for r in knowledge_base.roles)
            raise UsageProblem(i18n.t(chosen, "roles.unknown", role=role, ids=ids))
        render.show(console(), render.role_view(role_in_full(
            knowledge_base, knowledge_base.role(role), chosen, programs=True)))

    @app.command(help=o.text("validate"))
    def validate(
        ctx: typer.Context,
        path: Annotated[Path | None, typer.Argument(help=o.text("arg.path"),
                                                    metavar="PATH")] = None,
        kb: Annotated[Path | None, o.kb()] = None,
        lang: Annotated[str | None, o.lang_option()] = None,
        help_: Annotated[bool, o.help()] = False,
    ) -> None:
        chosen = chosen_lang(ctx, lang)
        from rolequiz.core.kb import knowledge

        catalogues_wrong, catalogues_warn = i18n.audit()  # the words around the knowledge base
        for problem in (*catalogues_wrong, *catalogues_warn):
            say(problem.render(chosen))
        try:
            knowledge_base = knowledge.load(path or kb)
        except InputFileError as error:
            for problem in error.problems:
                say(problem.render(chosen))
            raise typer.Exit(ExitCode.BAD_INPUT) from None
        for problem in knowledge.retired(path or kb):
            say(problem.render(chosen))  # a warning, not an error: the file still loads
        questions = knowledge_base.questions
        counts = ", ".join(
            f"{d.id} {sum(1 for q in questions if q.max_weight(d.id) > 0)}"
            for d in knowledge_base.dimensions
        )
        from rolequiz.terminal import views as render

        summary = i18n.t(
            chosen, "validate.ok", file=knowledge_base.path, roles=len(knowledge_base.roles),
            dimensions=len(knowledge_base.dimensions), questions=len(questions),
            choice=sum(q.kind == "choice" for q in questions),
            scale=sum(q.kind == "scale" for q in questions),
            reverse=sum(q.reverse for q in questions), programs=len(knowledge_base.programs),
            languages=", ".join(knowledge_base.languages),
        )
        coverage = i18n.t(chosen, "validate.coverage", counts=counts)
        render.show(console(), render.paragraph(summary + "\n" + coverage))
        from rolequiz.core.roles import reach

        # a warning, not an error: the file is valid, but some role no student can reach
        for role in reach.unreachable(knowledge_base):
            say(i18n.t(
                chosen, "validate.unreachable", file=knowledge_base.path,
                role=knowledge_base.role(role.role_id).short(chosen),
                rival=knowledge_base.role(role.rival_id).short(chosen),
                best=round(role.best * 100), leaning=round(knowledge_base.settings.leaning * 100),
            ))
        from rolequiz.core.kb import lettering

        # letters that give a role away, or that could name two options
        for found in lettering.attractors(knowledge_base):
            say(i18n.t(chosen, "validate.letter_side", file=knowledge_base.path,
                       letter=found.letter, role=knowledge_base.role(found.role_id).short(chosen),
                       count=found.scenarios_as_side, scenarios=found.scenarios))
        out_of_place = lettering.out_of_place(knowledge_base)
        if out_of_place:
            say(i18n.t(chosen, "validate.letters_out_of_place", file=knowledge_base.path,
                       questions=", ".join(out_of_place)))
        from rolequiz.core.roles import separation
        from rolequiz.terminal import separation as apart

        separated = separation.separation(knowledge_base)
        render.show(console(), render.paragraph(apart.table(knowledge_base, separated, chosen)))
        for line in apart.warnings(knowledge_base, separated, chosen, knowledge_base.path):
            say(line)  # a warning, not an error: exit 0
        if catalogues_wrong:
            raise typer.Exit(ExitCode.BAD_INPUT)
