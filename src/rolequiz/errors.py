"""The one error family of rolequiz.

Every error a person can cause (a broken knowledge base, a bad answer sheet, a
wrong option) is a :class:`RolequizError`.  It carries the exit code and a
message that names the file, the place and what was expected; the CLI prints
it as one line on stderr.  Anything else reaching the CLI is a bug.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Exit codes, documented in the README."""

    OK = 0
    INTERNAL = 1  # a bug in rolequiz: please report it
    BAD_INPUT = 2  # bad input or usage
    INTERRUPTED = 130  # Ctrl-C or a closed terminal


class Problem(NamedTuple):
    """One thing wrong with an input file, and where."""

    file: str
    line: int | None  # 1-based
    column: int | None  # 1-based
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"


class RolequizError(Exception):
    """Base of every error a user can cause; one line, exit code 2."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputFileError(RolequizError):
    """An input file has one or more located problems."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        if not problems:
            raise ValueError("an InputFileError needs at least one problem")
        self.problems = tuple(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        super().__init__(first if not more else f"{first} (and {more} more)")


class KnowledgeBaseError(InputFileError):
    """The knowledge base cannot be read or does not follow the schema."""


class AnswerSheetError(InputFileError):
    """An answer sheet cannot be read or does not fit the knowledge base."""


class UsageProblem(RolequizError):
    """The command line asks for something that cannot be done."""


class Interrupted(RolequizError):
    """The student stopped the quiz; the message says what was kept."""

    exit_code = ExitCode.INTERRUPTED
