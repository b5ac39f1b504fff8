"""Interface strings in every language rolequiz has, and which language to use.

Texts about roles, questions and programs come from the knowledge base; the
words around them (headings, prompts, help, hints, messages) live in one
catalogue file per language, ``locale/LANG.toml``.  A language is data: the
languages are the catalogue files there are, in the package and in the folder
``ROLEQUIZ_LOCALE_DIR`` names (a catalogue there is added to, or replaces keys
of, the shipped one).  The shipped catalogues have every key; a key missing
from an added catalogue is read in English.
"""

from __future__ import annotations

import functools
import os
import re
import string
import tomllib
from collections.abc import Mapping
from pathlib import Path

from rolequiz.core.kb.model import Lang
from rolequiz.errors import SAID, CatalogueError, Message, Problem, UsageProblem, msg, os_reason

ENV_LANG = "ROLEQUIZ_LANG"
ENV_LOCALE_DIR = "ROLEQUIZ_LOCALE_DIR"
FALLBACK = "en"
"""The language of last resort: the default, and where a missing key is read."""

LOCALE = Path(__file__).resolve().parent / "locale"
"""One catalogue per language, ``LANG.toml``: every word of the interface, by key."""

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""A language code as ISO 639 writes it: ``id``, ``en``, ``ms``."""


def folders() -> tuple[Path, ...]:
    """Where catalogues are read from, later ones adding to earlier ones."""
    extra = os.environ.get(ENV_LOCALE_DIR, "").strip()
    return (LOCALE, Path(extra)) if extra else (LOCALE,)


def languages() -> tuple[Lang, ...]:
    """Every language with a catalogue, in alphabetical order."""
    return _languages(folders())


@functools.cache
def _languages(where: tuple[Path, ...]) -> tuple[Lang, ...]:
    found = {path.stem for folder in where if folder.is_dir() for path in folder.glob("*.toml")}
    return tuple(sorted(code for code in found if LANGUAGE_CODE.fullmatch(code)))


def catalogue(lang: Lang) -> dict[str, str]:
    """Every interface text in *lang*, by key (read once per run); a catalogue file that
    cannot be read adds nothing (:func:`check` says why)."""
    return _catalogue(folders(), lang)[0]


def check(*langs: Lang) -> None:
    """Refuse catalogues of *langs* that cannot be read (TOML syntax, not UTF-8) with
    :class:`CatalogueError`, each problem located: rather one line at the start than a
    traceback, or an English word in the middle of Indonesian ones."""
    problems = [problem for lang in dict.fromkeys(langs)
                for problem in _catalogue(folders(), lang)[1]]
    if problems:
        raise CatalogueError(problems)


@functools.cache
def _catalogue(where: tuple[Path, ...], lang: Lang) -> tuple[dict[str, str], tuple[Problem, ...]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for folder in where:
        path = folder / f"{lang}.toml"
        if path.is_file():
            try:
                document = read(path)
            except CatalogueError as error:
                problems.extend(error.problems)
                continue
            texts.update((key, value) for key, value in document.items()
                         if isinstance(value, str))
    return texts, tuple(problems)


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def read(path: Path) -> dict[str, object]:
    """The keys and values of the catalogue file *path*, or :class:`CatalogueError`
    with the file, line and column of what is wrong."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.search(str(exc))
        line, column = (int(place[1]), int(place[2])) if place else (None, None)
        detail = _TOML_PLACE.sub("", str(exc))
        raise CatalogueError([Problem(str(path), line, column,
                                      msg("catalogue.not_toml", detail=detail))]) from None
    except UnicodeDecodeError:
        raise CatalogueError.about(str(path), msg("file.not_utf8")) from None
    except OSError as exc:
        raise CatalogueError.about(str(path), msg("file.unreadable",
                                                  reason=os_reason(exc))) from None


def placeholders(text: str) -> frozenset[str]:
    """The names a text fills in (``{path}``, ``{count:,}``); ValueError for braces that do
    not pair up."""
    return frozenset(re.split(r"[.\[]", field)[0] for _, field, _, _ in
                     string.Formatter().parse(text) if field is not None)


def audit() -> tuple[list[Problem], list[Problem]]:
    """What is wrong with the catalogues of every language, in every folder, each located;
    and, as warnings, the texts an added language leaves in English.

    Wrong: a file that is not TOML, a value that is not a text, braces that do not pair
    up, placeholders other than the shipped English text's (those texts are read in
    English, see :func:`t`).
    """
    english = shipped_english()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for lang in languages():
        files = [folder / f"{lang}.toml" for folder in folders()]
        for path in (path for path in files if path.is_file()):
            try:
                document = read(path)
            except CatalogueError as error:
                problems.extend(error.problems)
                continue
            source = path.read_text(encoding="utf-8")
            for key, value in document.items():
                problem = _key_problem(key, value, english)
                if problem is not None:
                    problems.append(Problem(str(path), _line_of(source, key), None, problem))
        missing = [key for key in english if key not in catalogue(lang)]
        if missing:
            shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
            warnings.append(Problem(str(next(p for p in reversed(files) if p.is_file())),
                                    None, None, msg("catalogue.missing", count=len(missing),
                                                    keys=shown)))
    return problems, warnings


def _key_problem(key: str, value: object, english: dict[str, str]) -> Message | None:
    """What is wrong with *value* as the text of *key*, if anything."""
    if not isinstance(value, str):
        return msg("catalogue.not_text", key=key)
    try:
        found = placeholders(value)
    except ValueError as exc:
        return msg("catalogue.braces", key=key, detail=str(exc))
    if key in english and found != placeholders(english[key]):
        def spelled(names: frozenset[str]) -> str:
            return " ".join(f"{{{name}}}" for name in sorted(names)) or "-"

        return msg("catalogue.placeholders", key=key, found=spelled(found),
                   expected=spelled(placeholders(english[key])))
    return None


def _line_of(source: str, key: str) -> int | None:
    """The line where *key* is given in the TOML text *source*."""
    quoted = re.escape(key)
    found = re.search(rf"^[ \t]*(?:\"{quoted}\"|'{quoted}'|{quoted})[ \t]*=", source,
                      re.MULTILINE)
    return source[:found.start()].count("\n") + 1 if found else None


def t(lang: Lang, key: str, /, **values: object) -> str:
    """The interface string *key* in *lang*, filled with *values* (messages among them
    rendered in *lang* too).

    A key *lang* lacks, or whose placeholders are not the shipped English text's (a
    translator's ``{nmae}``), is read in English: a broken catalogue never breaks the
    screen it is on.
    """
    filled = {name: value.render(lang) if isinstance(value, SAID) else value
              for name, value in values.items()}
    for language in (lang, FALLBACK):
        text = catalogue(language).get(key)
        if text is not None and _fits(folders(), language, key):
            return text.format(**filled)
    return shipped_english()[key].format(**filled)


def shipped_english() -> dict[str, str]:
    """The English catalogue rolequiz ships: every key, every placeholder as the code fills it."""
    return _catalogue((LOCALE,), FALLBACK)[0]


@functools.cache
def _fits(where: tuple[Path, ...], lang: Lang, key: str) -> bool:
    """Whether *key* of *lang* fills the placeholders the shipped English text does."""
    try:
        return placeholders(_catalogue(where, lang)[0][key]) == \
            placeholders(shipped_english()[key])
    except (KeyError, ValueError):
        return False


def join(lang: Lang, items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in *lang*."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t(lang, 'and')} {items[-1]}"


def parse_lang(value: str, *, source: str) -> Lang:
    """*value* as a language code, or a usage error naming where it came from."""
    code = value.strip().lower()
    if code in languages():
        return code
    raise UsageProblem(msg("bad_lang", source=source, value=value,
                           languages=", ".join(languages())))


def locale_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``ms_MY.UTF-8``
    is ``ms``) when rolequiz has it, else English."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "").strip()
        if value:
            code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
            return code if code in languages() else FALLBACK
    return FALLBACK


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``ROLEQUIZ_LANG``, else the locale's language, else English."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_LANG, "").strip()
    if chosen:
        return parse_lang(chosen, source=ENV_LANG)
    return locale_lang(env)
