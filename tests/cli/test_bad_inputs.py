"""The catalogue of bad inputs: each gets one line on stderr that names the file,
the place and what was expected, and exit code 2.

Every case is run through the real command line, in-process.  A case names
the files it writes, the arguments, and a pattern the one stderr line must
match; ``{kb}`` and ``{sheet}`` in patterns stand for the paths written.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.inputs import MAX_BYTES

SHIPPED = knowledge.shipped_path().read_text(encoding="utf-8")
KB = knowledge.load()
FIRST = KB.questions[0]
CHOICE = next(q for q in KB.questions if q.kind == "choice")
ROOT = Path(__file__).resolve().parents[2]


def complete_sheet(**changes: object) -> str:
    answers: dict[str, object] = {q.id: q.options[0].id for q in KB.questions}
    answers.update(changes)
    return yaml.safe_dump({"name": "Sari", "answers": answers}, sort_keys=False)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def edited(old: str, new: str, count: int = 1) -> str:
    assert old in SHIPPED, old
    return SHIPPED.replace(old, new, count)


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@dataclass
class Case:
    kb: str | bytes | None = None
    """Text of a knowledge base to write and pass with --kb (None: the shipped one)."""
    sheet: str | bytes | None = None
    args: tuple[str, ...] = ("roles",)
    expected: str = ""
    """A regular expression the stderr line must match in full."""
    extra: dict[str, str] = field(default_factory=dict)


ROLE = KB.roles[0]
DIMENSION = KB.dimensions[0]
PROGRAM = KB.programs[0] if KB.programs else None

KB_CASES: dict[str, Case] = {
    "empty file": Case(kb="", expected=r"{kb}: the file is empty, expected a knowledge base.*"),
    "not YAML at all": Case(kb="\x00\x01binary", expected=r"{kb}:1:1: the character U\+0000 .*"),
    "YAML syntax error": Case(
        kb="version: 1\ntitle: [unclosed\n", expected=r"{kb}:3:1: YAML syntax error: .*"),
    "a list where a mapping belongs": Case(
        kb="- version\n- 1\n", expected=r"{kb}:1:1: knowledge base: expected a mapping, "
        r"found a list"),
    "duplicate keys": Case(
        kb=SHIPPED.replace("version: 1\n", "version: 1\nversion: 1\n", 1),
        expected=r"{kb}:\d+:1: knowledge base: duplicate key 'version' \(first on line \d+\)"
        r".*"),
    "duplicate ids": Case(
        kb=edited(f"id: {KB.roles[1].id}\n", f"id: {ROLE.id}\n"),
        expected=rf"{{kb}}:\d+:\d+: roles\[2\]: duplicate id '{ROLE.id}' \(also roles\[1\]\).*"),
    "unknown dimension in a profile": Case(
        kb=edited(f"      {DIMENSION.id}: {ROLE.levels[DIMENSION.id]}",
                  f"      {DIMENSION.id}: {ROLE.levels[DIMENSION.id]}\n      telepathy: 3"),
        expected=r"{kb}:\d+:\d+: role '[a-z_]+'\.profile: unknown dimension 'telepathy'.*"),
    "unknown role in a program": Case(
        kb=edited("    roles: [", "    roles: [astronaut, "),
        expected=r"{kb}:\d+:\d+: program '[a-z_]+'\.roles: unknown role 'astronaut' .*"),
    "missing translation": Case(
        kb=edited(f'en: "{ROLE.metaphor("en")}"', "").replace(
            f'id: "{ROLE.metaphor("id")}", }}', f'id: "{ROLE.metaphor("id")}"}}'),
        expected=r"{kb}:\d+:\d+: role '[a-z_]+'\.metaphor: missing translation 'en' .*"),
    "no roles": Case(kb=yaml.safe_dump({**yaml.safe_load(SHIPPED), "roles": []}),
                     expected=r"{kb}:\d+:\d+: roles: expected at least 1 item, found 0.*"),
    "a question with one option": Case(
        kb=yaml.safe_dump({**yaml.safe_load(SHIPPED), "questions": [
            {**q, "options": q["options"][:1]} if q["type"] == "choice" else q
            for q in yaml.safe_load(SHIPPED)["questions"]]}),
        expected=r"{kb}:\d+:\d+: question '[a-z0-9_]+'\.options: expected at least 2 items, "
        r"found 1.*"),
    "weights that are not numbers": Case(
        kb=yaml.safe_dump({**yaml.safe_load(SHIPPED), "questions": [
            {**q, "options": [{**o, "weights": {k: "lots" for k in o["weights"]}}
                              for o in q["options"]]} if q["id"] == CHOICE.id else q
            for q in yaml.safe_load(SHIPPED)["questions"]]}),
        expected=rf"{{kb}}:\d+:\d+: question '{CHOICE.id}'\.options\[1\]\.weights\.[a-z_]+: "
        r"expected a number from 0 to 1, found the text 'lots'.*"),
    "an alias bomb": Case(kb=ALIAS_BOMB, expected=r"{kb}:1:1: knowledge base: missing key "
                          r"'version' \(and \d+ more\)"),
    "more values than the walk allows": Case(
        kb=re.sub(r"\n  references:[^\n]*\n(    - [^\n]*\n)+",
                  "\n  references: [" + "x, " * 100_000 + "x]\n", SHIPPED, count=1),
        expected=r"{kb}:\d+:\d+: more than 100000 values \(each use of an alias counts again\), "
        r"refused.*"),
    "an oversized file": Case(kb="# " + "x" * (MAX_BYTES + 10) + "\n",
                              expected=r"{kb}: file is larger than 2 MiB, refused"),
    "bytes that are not UTF-8": Case(kb=b"version: 1\ntitle: caf\xe9\n",
                                     expected=r"{kb}:2:11: bytes are not UTF-8 text, .*"),
    "a missing file": Case(args=("roles", "--kb", "{missing}"),
                           expected=r"{missing}: no such file"),
    "a directory": Case(args=("roles", "--kb", "{folder}"),
                        expected=r"{folder}: is a directory, expected a file"),
}

SHEET_CASES: dict[str, Case] = {
    "unknown question": Case(
        sheet=complete_sheet(q99="a"), args=("score", "{sheet}"),
        expected=r"{sheet}:\d+:3: unknown question 'q99' \(this knowledge base has .*\)"),
    "unknown option": Case(
        sheet=complete_sheet(**{CHOICE.id: "zz"}), args=("score", "{sheet}"),
        expected=rf"{{sheet}}:\d+:\d+: question '{CHOICE.id}': expected one of .* or a number "
        rf"from 1 to {len(CHOICE.options)}, found 'zz'"),
    "a number out of range": Case(
        sheet=complete_sheet(**{FIRST.id: len(FIRST.options) + 1}), args=("score", "{sheet}"),
        expected=rf"{{sheet}}:\d+:\d+: question '{FIRST.id}': expected .*a number from 1 to "
        rf"{len(FIRST.options)}, found {len(FIRST.options) + 1}"),
    "too many missing answers": Case(
        sheet=yaml.safe_dump({"answers": {q.id: 1 for q in
                                          KB.questions[KB.settings.max_blank + 1:]}}),
        args=("score", "{sheet}"),
        expected=rf"{{sheet}}:\d+:\d+: the student left {KB.settings.max_blank + 1} questions "
        rf"blank, more than the {KB.settings.max_blank} .*: questions 1 “.*” and "
        rf"{KB.settings.max_blank + 1} “.*”"),
    "a wrong type": Case(
        sheet=complete_sheet(**{FIRST.id: [1, 2]}), args=("score", "{sheet}"),
        expected=rf"{{sheet}}:\d+:\d+: question '{FIRST.id}': expected .*, found a list"),
    "the wrong knowledge base": Case(
        sheet=yaml.safe_dump({"answers": {"other_q1": "a", "other_q2": 3}}),
        args=("score", "{sheet}"),
        expected=r"{sheet}:\d+:\d+: none of its questions \(other_q1, other_q2\) is in this "
        r"knowledge base \(q01…q\d+\): is the sheet for another quiz\? use --kb"),
}

HEADER = ",".join(["student", *(q.id for q in KB.questions)])
ROW = ",".join(["Sari", *("1" for _ in KB.questions)])

COHORT_CASES: dict[str, Case] = {
    "a missing student column": Case(
        sheet=HEADER.replace("student", "pupil") + "\n" + ROW + "\n", args=("cohort", "{sheet}"),
        expected=r"{sheet}: row 1: no column of names \(such as Name or "
        r"student\); name it with --name-column"),
    "a ragged row": Case(
        sheet=HEADER + "\n" + ROW + "\n" + ROW + ",1,1\n", args=("cohort", "{sheet}"),
        expected=rf"{{sheet}}: row 3 has {len(KB.questions) + 3} cells but the header has "
        rf"{len(KB.questions) + 1}; a value containing the separator ',' must be in quotes"),
    "an empty file": Case(
        sheet="", args=("cohort", "{sheet}"),
        expected=r"{sheet}: the file is empty; expected a header row: student, then one column "
        r"per question .*"),
    "a missing question column": Case(
        sheet=HEADER.rsplit(",", 1)[0] + "\n" + ROW.rsplit(",", 1)[0] + "\n",
        args=("cohort", "{sheet}"),
        expected=rf"{{sheet}}: row 1: no column for question {KB.questions[-1].id} "
        r"\(“[^”]{1,41}”\); every question needs one, under its text or its id"),
}

CLI_CASES: dict[str, Case] = {
    "conflicting options": Case(
        sheet=complete_sheet(), args=("quiz", "--answers", "{sheet}", "--resume"),
        expected=r"rolequiz: error: --answers and --resume cannot be used together"),
    "an export format that contradicts the file name": Case(
        args=("compare", "--format", "csv", "-o", "{folder}/roles.html"),
        expected=r"rolequiz: error: --format csv conflicts with the extension of "
        r"{folder}/roles.html"),
    "unknown --lang": Case(args=("roles", "--lang", "fr"),
                           expected=r"rolequiz: error: --lang: unknown language 'fr' "
                           r"\(rolequiz has en, id\)"),
    "unknown ROLEQUIZ_LANG": Case(args=("roles",), extra={"ROLEQUIZ_LANG": "xx"},
                                  expected=r"rolequiz: error: ROLEQUIZ_LANG: unknown language "
                                  r"'xx' \(rolequiz has en, id\)"),
    "an output path in a missing folder": Case(
        sheet=complete_sheet(), args=("score", "{sheet}", "--report", "{folder}/no/r.html"),
        expected=r"rolequiz: error: {folder}/no/r.html: the folder {folder}/no does not exist, "
        r"create it first"),
    "an unknown option": Case(args=("roles", "--colour"),
                              expected=r"rolequiz: error: no such option: --colour "
                              r"\(see 'rolequiz roles --help'\)"),
    "a missing argument": Case(args=("score",),
                               expected=r"rolequiz: error: missing 'SHEET' "
                               r"\(see 'rolequiz score --help'\)"),
    "no terminal and no --answers": Case(
        args=("quiz",), expected=r"rolequiz: error: no terminal to ask questions in: give an "
        r"answer sheet with --answers FILE"),
}


def _materialise(case: Case, folder: Path) -> tuple[list[str], dict[str, str]]:
    places = {"folder": str(folder), "missing": str(folder / "missing.yaml")}
    args = list(case.args)
    if case.kb is not None:
        path = folder / "kb.yaml"
        data = case.kb.encode() if isinstance(case.kb, str) else case.kb
        path.write_bytes(data)
        places["kb"] = str(path)
        args += ["--kb", str(path)]
    if case.sheet is not None:
        path = folder / ("sheet.csv" if "cohort" in case.args else "sheet.yaml")
        path.write_bytes(case.sheet.encode() if isinstance(case.sheet, str) else case.sheet)
        places["sheet"] = str(path)
    return [arg.format(**places) for arg in args], places


Run = Callable[..., tuple[int, str, str]]


ALL = {**{f"knowledge base: {k}": v for k, v in KB_CASES.items()},
       **{f"answer sheet: {k}": v for k, v in SHEET_CASES.items()},
       **{f"cohort CSV: {k}": v for k, v in COHORT_CASES.items()},
       **{f"command line: {k}": v for k, v in CLI_CASES.items()}}


def _run_case(case: Case, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
              ) -> tuple[int, str, str, dict[str, str]]:
    """Run a catalogued case: its environment set, its files made; the exit code, stdout,
    stderr and the paths it was given."""
    for variable, value in case.extra.items():
        monkeypatch.setenv(variable, value)
    args, places = _materialise(case, tmp_path)
    code, out, err = run(*args)
    return code, out, err, places


@pytest.mark.parametrize("name", list(ALL))
def test_bad_input_gets_one_located_line_and_exit_2(
    name: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each catalogued bad input: exit 2, one stderr line, the file, the place, the expectation."""
    case = ALL[name]
    code, out, err, places = _run_case(case, run, tmp_path, monkeypatch)
    assert out == ""
    assert code == 2, err
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    expected = case.expected
    for key, value in places.items():
        expected = expected.replace("{" + key + "}", re.escape(value))
    line = err.rstrip("\n").removeprefix("rolequiz: error: ")
    assert re.fullmatch(expected.removeprefix("rolequiz: error: "), line), line


ENGLISH = frozenset({
    "an", "and", "the", "of", "or", "to", "is", "not", "no", "such", "with", "from", "found",
    "expected", "missing", "unknown", "must", "use", "cannot", "file", "line", "empty",
    "exists", "already", "refused", "invalid", "duplicate", "key", "question", "answer",
    "sheet", "number", "text", "list", "mapping", "error", "see",
})
"""Common English words of the messages; none of them is an Indonesian word ("a" is left
out: option ids are echoed unquoted, "folder" is Indonesian too)."""


def english_words(line: str, places: dict[str, str]) -> list[str]:
    """The English words of *line*, leaving out what it echoes back: the paths it was
    given (and paths under them), quoted values and ids, and option names."""
    for path in sorted(places.values(), key=len, reverse=True):
        line = line.replace(path, " ")
    line = re.sub(r"'[^']*'|\"[^\"]*\"|--?[A-Za-z][\w-]*|\S*/\S*", " ", line)
    return sorted({word for word in re.findall(r"[A-Za-z]+", line) if word.lower() in ENGLISH})


def _in_indonesian(case: Case) -> tuple[tuple[str, ...], dict[str, str]]:
    """The case's arguments and environment asking for Indonesian: ``--lang id`` first, or
    the locale when the case is about the language variable itself."""
    if "ROLEQUIZ_LANG" in case.extra:
        return case.args, {**case.extra, "LANG": "id_ID.UTF-8"}
    return ("--lang", "id", *case.args), case.extra


@pytest.mark.parametrize("name", list(ALL))
def test_bad_input_in_indonesian_has_no_english_words(
    name: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each catalogued bad input, asked for in Indonesian: one line without English words."""
    args, extra = _in_indonesian(ALL[name])
    case = dataclasses.replace(ALL[name], args=args, extra=extra)
    code, out, err, places = _run_case(case, run, tmp_path, monkeypatch)
    assert (code, out, len(err.splitlines())) == (2, "", 1), err
    assert english_words(err, places) == [], err


@pytest.mark.parametrize("name", list(ALL))
def test_the_english_word_check_finds_the_english_line(
    name: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same inputs in English do show English words: the check above can fail."""
    _, _, err, places = _run_case(ALL[name], run, tmp_path, monkeypatch)
    assert english_words(err, places), err


def test_unreadable_knowledge_base_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the system will not let us read: one line saying so.

    The tests run as root in CI, where permission bits do not stop a read, so
    the refusal is the operating system's answer, simulated.
    """
    path = tmp_path / "kb.yaml"
    path.write_text(SHIPPED, encoding="utf-8")
    path.chmod(0)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = run("roles", "--kb", str(path))
    assert (code, err) == (2, f"rolequiz: error: {path}: permission denied, cannot read it\n")


def test_alias_bomb_is_refused_within_bounded_memory(tmp_path: Path) -> None:
    """An alias bomb is refused in a process limited to 512 MiB of address space."""
    import resource

    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))

    result = subprocess.run(
        [sys.executable, "-m", "rolequiz", "validate", str(path)],
        capture_output=True, text=True, preexec_fn=limit,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{path}:1:1: knowledge base: missing key 'version'")


ACCEPTED_QUIRKS = {
    "a BOM": "\ufeff" + HEADER + "\n" + ROW + "\n",
    "semicolons": HEADER.replace(",", ";") + "\n" + ROW.replace(",", ";") + "\n",
    "duplicate student names": HEADER + "\n" + ROW + "\n" + ROW + "\n",
}


@pytest.mark.parametrize("quirk", list(ACCEPTED_QUIRKS))
def test_cohort_csv_quirks_of_spreadsheets_are_accepted(quirk: str, run: Run,
                                                        tmp_path: Path) -> None:
    """What Excel and forms produce is read, not refused: every student scored, exit 0.

    Duplicate names are both scored and the later one flagged on stderr (the class
    summary goes to stderr too, as the table is on stdout).
    """
    path = tmp_path / "class.csv"
    path.write_text(ACCEPTED_QUIRKS[quirk], encoding="utf-8")
    code, out, err = run("cohort", str(path), "--format", "json")
    assert code == 0, err
    import json

    rows = json.loads(out)["rows"]
    assert [row["student"] for row in rows] == ["Sari"] * (2 if "duplicate" in quirk else 1)
    assert "error" not in err
    assert ("row 3" in err) == ("duplicate" in quirk)
