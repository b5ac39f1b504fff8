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
from rolequiz.core import session
from rolequiz.core.invocation import Invocation
from rolequiz.core.model import KnowledgeBase, Lang
from rolequiz.core.sheets import Sheet
from rolequiz.errors import Interrupted
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

    @property
    def path(self) -> Path:
        return self.save if self.save is not None else session.default_path()

    def resume_command(self) -> str:
        """The command that continues this quiz, with its ``--save``, ``--kb`` and ``--lang``."""
        save = ["--save", str(self.save)] if self.save is not None else []
        return Invocation(self.kb_option, self.lang).command("quiz", "--resume", *save)


def play(game: Play) -> Sheet:
    """Ask the questions still open; the complete sheet (answers, the order options were
    shown in, seconds per answer) with the student's name."""
    from rolequiz.terminal import prompts

    t, lang = i18n.t, game.lang
    total = len(game.kb.questions)
    kept = Sheet({}, game.name)  # what is on disk now

    def keep(so_far: Sheet) -> None:
        nonlocal kept
        so_far = replace(so_far, name=kept.name)
        session.save(game.path, game.kb, so_far)
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
                         shown=dict(resumed.shown), seconds=dict(resumed.seconds))
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
        welcome(game.kb, lang)
        complete = prompts.run(game.kb, lang, sheet=kept, on_answer=keep)
    except (KeyboardInterrupt, EOFError):
        if kept.answers:
            raise Interrupted(t(lang, "session.interrupted", answered=len(kept.answers),
                                total=total, path=game.path,
                                command=game.resume_command())) from None
        raise Interrupted(t(lang, "interrupted")) from None
    if game.save is None:
        session.discard(game.path)  # finished: the result is what counts now
    return replace(complete, name=kept.name)


def _hang_up_like_ctrl_c() -> None:
    """A closed terminal (SIGHUP) ends the quiz as Ctrl-C does: answers kept, exit 130."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, interrupt)


def welcome(kb: KnowledgeBase, lang: Lang) -> None:
    """The frame the quiz opens with: what it is about (the knowledge base's ``intro``),
    how many questions, how long."""
    from rolequiz.terminal import prompts

    minutes = max(1, round(len(kb.questions) * 12 / 60))  # about 12 seconds a question
    about = [("", printable(kb.intro(lang)))] if kb.intro is not None else []
    prompts.show_box(printable(kb.title(lang)), [
        *about,
        ("", i18n.t(lang, "welcome", questions=len(kb.questions), minutes=minutes)),
        ("dim", i18n.t(lang, "welcome.keys"))])
