"""Playing the quiz in a terminal, with its session: resume, restart, interruption.

Every answer is kept at once (in the user data folder, or in the ``--save``
file), so a student who is interrupted continues where they stopped with
``rolequiz quiz --resume``.  A session written against another version of
the quiz keeps the answers that still fit; one that cannot be read is moved
aside, never deleted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from rolequiz import i18n
from rolequiz.core.invocation import Invocation
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import session
from rolequiz.core.student.sheets import Sheet
from rolequiz.errors import Interrupted, QuizStopped, RolequizError, UsageProblem, msg
from rolequiz.text import printable, say


class Play(NamedTuple):
    """How this quiz was started, to tell the student how to come back to it."""

    kb: KnowledgeBase
    lang: Lang
    name: str | None
    save: Path | None
    kb_option: Path | None
    resume: bool = False
    restart: bool = False
    program: tuple[str, ...] = ("rolequiz",)
    """The words that start rolequiz in the student's shell (see :mod:`rolequiz.cli.program`)."""
    short: bool = False
    """The short quiz (``--short``); an unfinished quiz goes on as the kind it was."""

    @property
    def given(self) -> Invocation:
        """``--kb`` and the language of this quiz, for the commands it suggests."""
        return Invocation(self.kb_option, self.lang, self.program)

    @property
    def path(self) -> Path:
        return self.save if self.save is not None else session.default_path()

    def resume_command(self) -> str:
        """The command that continues this quiz, with its ``--save``, ``--kb`` and ``--lang``."""
        save = ["--save", str(self.save)] if self.save is not None else []
        short = ["--short"] if self.short else []
        return self.given.command("quiz", "--resume", *short, *save)

    def elsewhere_command(self, *, resume: bool = False) -> str:
        """The command that keeps a quiz in a file of the student's choice: a second quiz
        beside this one, or this one where its folder cannot be written."""
        words = ["quiz", "--resume"] if resume else ["quiz"]
        return self.given.command(*words, "--save", choice="FILE")


def play(game: Play) -> tuple[Play, Sheet]:
    """Ask the questions still open; the game as played (a resumed quiz goes on as the
    kind it was, short or full) and the complete sheet (answers, the order options were
    shown in, seconds per answer, the short quiz's questions in order) with the student's
    name."""
    from rolequiz.terminal import prompts

    t, lang = i18n.t, game.lang
    total = len(game.kb.questions)
    kept = Sheet({}, game.name)  # what is on disk now

    def keep(so_far: Sheet) -> None:
        nonlocal kept
        so_far = replace(so_far, name=kept.name)
        try:
            session.save(game.path, game.kb, so_far)
        except RolequizError as error:  # a full disk, a folder made read-only mid-quiz
            raise not_kept(game, kept, reason=error) from None
        kept = so_far

    _hang_up_like_ctrl_c()
    try:
        if game.restart and game.path.exists() and prompts.confirm(
                t(lang, "session.restart", path=game.path), lang=lang, default=False):
            session.discard(game.path)
            say(t(lang, "session.discarded"))
        resumed = session.load(game.path, game.kb)
        if resumed.outdated:
            say(t(lang, "session.outdated", path=game.path, aside=resumed.set_aside))
        elif resumed.problem is not None:
            say(t(lang, "session.corrupt", path=game.path, aside=resumed.set_aside,
                  problem=resumed.problem.render(lang) if resumed.problem else ""))
        saved = len(resumed.answers) + len(resumed.dropped)
        if resumed.found and (game.resume or prompts.confirm(
                t(lang, "session.found", answered=saved, total=total),
                lang=lang, default=True)):
            kept = Sheet(dict(resumed.answers), game.name or resumed.name,
                         shown=dict(resumed.shown), seconds=dict(resumed.seconds),
                         asked=resumed.asked)
            if game.short != (resumed.asked is not None):
                game = game._replace(short=resumed.asked is not None)
                say(t(lang, "session.kind.short" if game.short else "session.kind.full"))
            if resumed.dropped:
                say(t(lang, "session.kept", kept=len(kept.answers), saved=saved,
                      open=total - len(kept.answers), aside=resumed.set_aside))
            elif resumed.changed:
                say(t(lang, "session.changed", kept=len(kept.answers),
                      open=total - len(kept.answers)))
            else:
                say(t(lang, "session.continuing", answered=len(kept.answers), total=total))
        elif resumed.found:  # not continued: a new quiz, and the earlier answers kept aside
            say(t(lang, "session.put_aside", aside=session.put_aside(game.path)))
        elif game.resume:
            say(t(lang, "session.nothing"))
        welcome(game.kb, lang, short=game.short)
        if game.short:
            from rolequiz.terminal import short

            complete = short.run(game.kb, lang, sheet=kept, on_answer=keep)
        else:
            complete = prompts.run(game.kb, lang, sheet=kept, on_answer=keep)
    except (KeyboardInterrupt, EOFError):
        if kept.answers:
            command = game.resume_command()
            raise Interrupted(t(lang, "session.interrupted", answered=len(kept.answers),
                                total=total, path=game.path, command=command),
                              command=command) from None
        raise Interrupted(t(lang, "interrupted")) from None
    # the session stays until the result is out: see finish()
    return game, replace(complete, name=kept.name)


def tell(message: str) -> None:
    """What the quiz tells the student as it ends: a terminal shows it broken between
    words, never inside one, at any width."""
    say(message, paragraph=True)

def not_kept(game: Play, kept: Sheet, *, reason: RolequizError) -> QuizStopped:
    """The quiz cannot go on: where the answers kept so far are, and how to go on."""
    if kept.answers:
        return QuizStopped(msg("session.not_kept.some", problem=reason.message,
                               answered=len(kept.answers), total=len(game.kb.questions),
                               kept=game.path, command=game.elsewhere_command(resume=True)))
    return QuizStopped(msg("session.not_kept", problem=reason.message,
                           command=game.elsewhere_command()))


def finish(game: Play, sheet: Sheet) -> None:
    """After the result has been shown (and written): keep the answers in a file if the
    student wants them, then forget the session.

    Schools share lab computers and accounts: answers left in the user data folder would
    greet the next student.  A ``--save`` file is the student's own and stays.
    """
    if game.save is not None:
        return
    from rolequiz.terminal import prompts

    t, lang = i18n.t, game.lang
    kept: Path | None = None
    try:
        if prompts.confirm(t(lang, f"finish.keep.{game.kb.audience}"), lang=lang, default=False):
            while kept is None:
                offered = str(_free_name(Path.cwd()))
                typed = prompts.text(t(lang, "finish.where", default=offered), lang=lang,
                                     default=offered)
                target = Path(typed).expanduser()
                if target.exists():  # another student's answers, or a file of its own
                    tell(t(lang, "finish.exists", path=target))
                    continue
                try:
                    save_target(target, game.kb, force=False)
                    session.save(target, game.kb, sheet)
                except RolequizError as error:  # a notes.txt, a missing folder: ask again
                    say(error.render(lang))
                    continue
                kept = target.resolve()
            command = game.given.command("score", str(kept))
            say(t(lang, "finish.kept", path=kept, command=command), command=command)
            return
        tell(t(lang, "finish.deleted"))
    except (KeyboardInterrupt, EOFError):  # walked away: nothing is left behind
        tell(t(lang, "finish.deleted"))
    finally:
        if kept != game.path.resolve():  # unless the student named the session itself
            session.discard(game.path)


def after_result(game: Play, *, width: int) -> int:
    """The lines :func:`finish` takes on a screen *width* columns wide, and the short
    quiz's count of questions asked: the result's first screen leaves them free, so that
    its headline is still on screen at the end."""
    def lines(size: int) -> int:
        return -(-size // max(1, width))

    counted = lines(len(i18n.t(game.lang, "short.asked", asked=len(game.kb.questions),
                               total=len(game.kb.questions)))) if game.short else 0
    if game.save is not None:
        return counted
    keep = i18n.t(game.lang, f"finish.keep.{game.kb.audience}")
    asked = len(keep) + 10  # and "(y or n, Enter)"-like hints
    told = len(i18n.t(game.lang, "finish.deleted"))
    return counted + lines(asked) + lines(told)


def save_target(path: Path, kb: KnowledgeBase, *, force: bool) -> None:
    """Refuse to write answers over a file that is not an answer sheet of *kb* (a
    ``notes.txt``), unless *force*, or over a folder."""
    if path.is_dir():
        raise UsageProblem(msg("file.target_is_folder", path=path))
    if not force and path.exists() and not session.of_this_quiz(path, kb):
        raise UsageProblem(msg("save.not_a_sheet", path=path))


def _free_name(folder: Path) -> Path:
    """``rolequiz-answers.yaml`` in *folder*, or ``-2``, ``-3``… when that one is taken."""
    candidate = Path("rolequiz-answers.yaml")
    counter = 1
    while (folder / candidate).exists():
        counter += 1
        candidate = Path(f"rolequiz-answers-{counter}.yaml")
    return candidate


def _hang_up_like_ctrl_c() -> None:
    """A closed terminal (SIGHUP) or a polite ``kill`` (SIGTERM) ends the quiz as Ctrl-C
    does: answers kept, the lock released, exit 130."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)


def welcome(kb: KnowledgeBase, lang: Lang, *, short: bool = False) -> None:
    """The frame the quiz opens with: what it is about (the knowledge base's ``intro``),
    how many questions, how long (the short quiz: at most how many, and that it stops
    when it is sure)."""
    from rolequiz.terminal import prompts

    minutes = max(1, round(len(kb.questions) * 12 / 60))  # about 12 seconds a question
    about = [("", printable(kb.intro(lang)))] if kb.intro is not None else []
    prompts.show_box(printable(kb.title(lang)), [
        *about,
        ("", i18n.t(lang, "welcome.short", questions=len(kb.questions)) if short else
         i18n.t(lang, "welcome" if minutes > 1 else "welcome.one", questions=len(kb.questions),
                minutes=minutes)),
        ("dim", i18n.t(lang, "welcome.keys"))])
