"""The one error family of rolequiz.

Every error a person can cause (a broken knowledge base, a bad answer sheet, a
wrong option) is a :class:`RolequizError`.  It carries the exit code and a
message that names the file, the place and what was expected; the CLI prints
it as one line on stderr.  Anything else reaching the CLI is a bug.

The core does not know who reads: it says what is wrong as a :class:`Message`,
a catalogue key and the values to fill in, and the edge renders it with
:func:`rolequiz.i18n.t` in the reader's language (``error.render(lang)``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from typing import NamedTuple, Self


class ExitCode(IntEnum):
    """Exit codes, documented in docs/exit-codes.md."""

    OK = 0
    INTERNAL = 1  # a bug in rolequiz: please report it
    BAD_INPUT = 2  # bad input or usage
    INTERRUPTED = 130  # Ctrl-C or a closed terminal


class Message(NamedTuple):
    """Words for a person, in no language yet: a catalogue key and the values to fill in.

    A value may itself be a :class:`Message` (``expected {expected}``), rendered in
    the same language.
    """

    key: str
    values: Mapping[str, object]

    def render(self, lang: str) -> str:
        from rolequiz import i18n

        return i18n.t(lang, self.key, **self.values)

    def in_every_language(self) -> tuple[str, ...]:
        """The message in each language there is a catalogue for: to recognise words a
        person may have written in any of them (a form's column names), not to show.

        The class-file readers (:func:`rolequiz.core.cohort.read.texts.words`) are its one
        user: they must know the names the catalogues list (a catalogue dropped into
        ``ROLEQUIZ_LOCALE_DIR`` adds its language's), yet may not import them (the layer
        test), and handing them a vocabulary from the edge would thread it through every
        reader, as ``lang`` was.  A message is what the core already hands to the
        catalogues, so it stays here."""
        from rolequiz import i18n

        return tuple(self.render(lang) for lang in i18n.languages())


def msg(key: str, /, **values: object) -> Message:
    """The message *key* of the catalogues, with *values* to fill in."""
    return Message(key, values)


class Joined(NamedTuple):
    """Words said one after another, in no language yet: several reasons (``a; b``), or a
    reason and how many more there are."""

    parts: tuple[Words, ...]
    between: str = ""

    def render(self, lang: str) -> str:
        return self.between.join(render(part, lang) for part in self.parts)


def joined(parts: Sequence[Words], between: str = "") -> Words:
    """*parts* said one after another (one part as it is)."""
    return parts[0] if len(parts) == 1 else Joined(tuple(parts), between)


class Phrased(NamedTuple):
    """Words the knowledge base gives in each of its languages (a question's text), said
    in the reader's when it is known."""

    say: Callable[[str], str]

    def render(self, lang: str) -> str:
        return self.say(lang)


Words = str | Message | Joined | Phrased
"""A text already in the reader's language, or words to render in it."""
SAID = (Message, Joined, Phrased)
"""The kinds of words that wait for a language."""


def render(words: Words, lang: str) -> str:
    return words if isinstance(words, str) else words.render(lang)


def listed(words: Sequence[Words], lang: str) -> str:
    """*words* rendered and joined as the reader's language lists things ("a, b and c")."""
    from rolequiz import i18n

    return i18n.join(lang, [render(w, lang) for w in words])


OS_REASONS = ("ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EDQUOT", "EFBIG",
              "EROFS", "ENAMETOOLONG", "EIO", "EBADF", "EBUSY", "ELOOP", "EEXIST")
"""The system's reasons that have their own words in the catalogues (``os.ENOSPC``…)."""


def os_reason(error: OSError) -> Message:
    """Why the system refused, in the catalogues' words: never the system's own English
    ("File too large", "No such file or directory")."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if name in OS_REASONS:
        return msg(f"os.{name}")
    return msg("os.other", code=error.errno or 0)


class Problem(NamedTuple):
    """One thing wrong with an input file, and where."""

    file: str
    line: int | None  # 1-based
    column: int | None  # 1-based
    message: Words

    def place(self) -> str:
        """``FILE``, ``FILE:LINE`` or ``FILE:LINE:COLUMN``."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def says(self, lang: str) -> str:
        """What is wrong, in *lang*, without the place."""
        return render(self.message, lang)

    def render(self, lang: str) -> str:
        """``PLACE: what is wrong``, in *lang*."""
        return f"{self.place()}: {self.says(lang)}"

    def __str__(self) -> str:
        return self.render("en")


class RolequizError(Exception):
    """Base of every error a user can cause; one line, exit code 2."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: Words) -> None:
        super().__init__(message)
        self.message = message

    def render(self, lang: str) -> str:
        """The message in *lang*."""
        return render(self.message, lang)

    def __str__(self) -> str:
        return self.render("en")


class InputFileError(RolequizError):
    """An input file has one or more located problems."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        if not problems:
            raise ValueError("an InputFileError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__(self.problems[0].message)

    @classmethod
    def about(cls, file: str, message: Words) -> Self:
        """One problem with *file* as a whole, at no line or column (what a reader says of
        a file it refuses: too wide, empty, not a zip)."""
        return cls([Problem(file, None, None, message)])

    def render(self, lang: str) -> str:
        """The first problem, and how many more there are."""
        first = self.problems[0].render(lang)
        more = len(self.problems) - 1
        if not more:
            return first
        from rolequiz import i18n

        return i18n.t(lang, "error.more", first=first, more=more)


class KnowledgeBaseError(InputFileError):
    """The knowledge base cannot be read or does not follow the schema."""


class AnswerSheetError(InputFileError):
    """An answer sheet cannot be read or does not fit the knowledge base."""


class CatalogueError(InputFileError):
    """A catalogue of interface words (``locale/LANG.toml``) cannot be read or is wrong."""


class UsageProblem(RolequizError):
    """The command line asks for something that cannot be done."""


class QuizStopped(RolequizError):
    """The quiz cannot go on (its answers cannot be kept); the message says where the
    answers so far are and how to go on."""


class Interrupted(RolequizError):
    """The student stopped the quiz; the message says what was kept, and may end with the
    *command* that continues the quiz (laid out so that a terminal does not cut it)."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, message: Words, *, command: str | None = None) -> None:
        super().__init__(message)
        self.command = command
