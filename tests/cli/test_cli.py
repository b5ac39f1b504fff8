"""The command line as a person meets it: exit codes, output and error lines.

Every expected result is derived from the knowledge base and the scoring
engine, never written down by hand, so these tests keep passing when
``data/roles.yaml`` changes and fail when the CLI stops telling the truth.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from rich.cells import cell_len

from checks import (
    SAMPLES,
    Sample,
    assert_headline,
    assert_one_error_line,
    flat,
    mixed,
    sample,
    typical,
)
from rolequiz import __version__, i18n
from rolequiz.cli import app as cli
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import scoring

Run = Callable[..., tuple[int, str, str]]
Answers = dict[str, int]

EXAMPLE = {"en": "Example:", "id": "Contoh:"}
LOCALE_VARIABLES = ("ROLEQUIZ_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


# -- fixtures and helpers ----------------------------------------------------


def by_id(kb: KnowledgeBase, answers: Answers) -> dict[str, str]:
    return {q.id: q.options[answers[q.id]].id for q in kb.questions}


def by_number(kb: KnowledgeBase, answers: Answers) -> dict[str, int]:
    return {q.id: answers[q.id] + 1 for q in kb.questions}


def write_sheet(path: Path, document: dict[str, Any]) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(document), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def engine_ranking(kb: KnowledgeBase, answers: Answers, *, lang: Lang = "en") -> Any:
    """``top``, ``blend`` and ``fits`` as ``--json`` must print them: the engine's ranking
    with each role's name from the knowledge base."""
    result = scoring.score(kb, answers)
    fits = [{"role": f.role_id, "name": kb.role(f.role_id).name(lang), "fit": f.fit,
             "probability": round(f.fit / 100, 4), "typicality": round(f.typicality, 3)}
            for f in result.ranking]
    return result.decided, list(result.blend), fits


def ranking(document: Any) -> Any:
    """``top``, ``blend`` and ``fits`` of a ``--json`` document."""
    return document["top"], document["blend"], document["fits"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return knowledge.load()


@pytest.fixture
def sheet(tmp_path: Path, kb: KnowledgeBase) -> tuple[Path, Answers]:
    """A complete answer sheet for the shipped knowledge base, by option id, and its answers."""
    answers = typical(kb, kb.roles[0].id)
    return write_sheet(tmp_path / "sheet.yaml", by_id(kb, answers)), answers


@pytest.fixture
def kb_with_fourth_role(tmp_path: Path, kb: KnowledgeBase) -> Path:
    """A copy of the shipped YAML with one more role, added by editing the data only."""
    data = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    new_role = dict(data["roles"][0])
    new_role.update(
        id="analyst",
        name={"id": "Analis Media Sosial", "en": "Social Media Analyst"},
        short={"id": "Analis", "en": "Analyst"},
        profile={dimension["id"]: 1 + index % 5
                 for index, dimension in enumerate(data["dimensions"])},
    )
    data["roles"].append(new_role)
    path = tmp_path / "four-roles.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


BREAKS = [("version: ", "1", "7"), ("clear: ", "0.90", "7"),
          ("straightline_share: ", "0.75", "3")]
"""Three located problems for a copy of the shipped knowledge base: (key, old, new)."""


@pytest.fixture
def broken_kb(tmp_path: Path, kb: KnowledgeBase) -> tuple[Path, list[tuple[int, int]]]:
    """A copy of the shipped YAML with three bad values, and the (line, column) of each."""
    text = kb.path.read_text(encoding="utf-8")
    places = []
    for key, old, new in BREAKS:
        assert text.count(f"{key}{old}\n") == 1, key
        start = text.index(f"{key}{old}\n") + len(key)
        text = text[:start] + new + text[start + len(old):]
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        places.append((line, column))
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path, sorted(places)


def commands() -> list[str]:
    return list(typer.main.get_command(cli.build("en")).commands)  # type: ignore[attr-defined]


# -- version and help --------------------------------------------------------


def shell_env() -> dict[str, str]:
    """This environment as a user's shell has it for a subprocess: no locale of ours, and
    output buffered (no PYTHONUNBUFFERED), so that lost output would show."""
    return {key: value for key, value in os.environ.items()
            if key not in (*LOCALE_VARIABLES, "PYTHONUNBUFFERED")}


@pytest.mark.parametrize("args", [["compare", "--format", "json", "--lang", "en"],
                                  ["score", "sheet.yaml", "--json", "--lang", "en"],
                                  ["roles", "nobody", "--lang", "en"], ["--version"]],
                         ids=" ".join)
def test_the_installed_command_says_what_main_says(args: list[str], run: Run, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``rolequiz`` leaves without tearing the interpreter down (cli.run): the same exit
    code and every byte of output, as when main() returns normally."""
    import subprocess

    monkeypatch.chdir(tmp_path)
    kb = knowledge.load()
    (tmp_path / "sheet.yaml").write_text("".join(f"{q.id}: 1\n" for q in kb.questions),
                                         encoding="utf-8")

    done = subprocess.run([sys.executable, "-m", "rolequiz", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=tmp_path, env={
                              **shell_env(), "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "80"},
                          check=False)
    assert (done.returncode, done.stdout, done.stderr) == run(*args)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("students", [0, 400], ids=["at the last flush", "on the way"])
def test_output_that_cannot_be_written_is_said_and_never_exits_0(students: int,
                                                                 tmp_path: Path) -> None:
    """A full disk under ``> file``: one line on stderr and exit 2, whether the output
    fails at the end (a short table) or on the way (a class of 400)."""
    import subprocess

    kb = knowledge.load()
    args = ["compare", "--format", "csv"]
    if students:
        source = tmp_path / "class.csv"
        source.write_text("student," + ",".join(q.id for q in kb.questions) + "\n" + "".join(
            f"Student {n}," + ",".join("1" for _ in kb.questions) + "\n"
            for n in range(students)), encoding="utf-8")
        args = ["cohort", str(source), "--format", "csv"]
    env = shell_env()
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run([sys.executable, "-m", "rolequiz", *args, "--lang", "en"],
                              stdout=full, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8", env=env, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["rolequiz: error: " + i18n.t(
        "en", "output.failed", reason="the disk is full")]
    with open("/dev/full", "w", encoding="utf-8") as full:  # 2>&1: nowhere to say it
        done = subprocess.run([sys.executable, "-m", "rolequiz", *args, "--lang", "en"],
                              stdout=full, stderr=full, env=env, check=False)
    assert done.returncode == 2


def test_version_prints_the_package_version(run: Run) -> None:
    """``--version`` prints ``rolequiz`` and ``rolequiz.__version__``, exit 0."""
    code, out, err = run("--version")
    assert (code, out, err) == (0, f"rolequiz {__version__}\n", "")


def test_no_arguments_prints_the_help(run: Run) -> None:
    """A bare ``rolequiz`` prints the help with every command, exit 0."""
    code, out, _ = run()
    assert code == 0
    assert out.startswith("Usage: rolequiz")
    for command in commands():
        assert f"  {command} " in out


USAGE = {"en": "Usage:", "id": "Penggunaan:"}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_app_help_has_an_example_in_each_language(run: Run, lang: Lang) -> None:
    """``rolequiz --lang LANG --help`` is in that language and shows an example."""
    code, out, err = run("--lang", lang, "--help")
    assert (code, err) == (0, "")
    assert EXAMPLE[lang] in out
    assert flat(i18n.t(lang, "help.app").splitlines()[0]) in flat(out)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("command", commands())
def test_command_help_has_an_example_in_each_language(run: Run, command: str, lang: Lang) -> None:
    """``rolequiz COMMAND --help --lang LANG`` exits 0, in that language, with an example."""
    code, out, err = run(command, "--help", "--lang", lang)
    assert (code, err) == (0, "")
    assert out.startswith(f"{USAGE[lang]} rolequiz {command}")
    assert EXAMPLE[lang] in out
    assert flat(i18n.t(lang, f"help.{command}").splitlines()[0]) in flat(out)


def test_help_follows_rolequiz_lang(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``ROLEQUIZ_LANG=id`` and no ``--lang``, the help is Indonesian."""
    monkeypatch.setenv("ROLEQUIZ_LANG", "id")
    code, out, _ = run("--help")
    assert code == 0
    assert EXAMPLE["id"] in out
    assert EXAMPLE["en"] not in out


def test_unknown_command_is_one_error_line(run: Run) -> None:
    """A command that does not exist: exit 2, one line naming it."""
    line = assert_one_error_line(*run("quizz"))
    assert "quizz" in line


# -- quiz without a terminal -------------------------------------------------


def test_quiz_without_a_terminal_asks_for_an_answer_sheet(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``quiz`` with no terminal on stdin and no ``--answers``: exit 2, one line naming it."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    line = assert_one_error_line(*run("quiz"))
    assert "--answers" in line


# -- answer sheets: quiz --answers, score ------------------------------------

SHEET_FORMATS: dict[str, Callable[[KnowledgeBase, Answers, str | None], tuple[str, Any]]] = {
    "ids, flat YAML": lambda kb, a, name: (".yaml", by_id(kb, a)),
    "numbers, flat YAML": lambda kb, a, name: (".yaml", by_number(kb, a)),
    "numbers as text, flat YAML": lambda kb, a, name: (
        ".yaml", {k: str(v) for k, v in by_number(kb, a).items()}),
    "ids, nested YAML, with name": lambda kb, a, name: (
        ".yml", {"name": name, "answers": by_id(kb, a)}),
    "numbers, nested JSON, with name": lambda kb, a, name: (
        ".json", {"name": name, "answers": by_number(kb, a)}),
    "ids, flat JSON, with name": lambda kb, a, name: (".json", {"name": name, **by_id(kb, a)}),
}


@pytest.mark.parametrize("form", SHEET_FORMATS)
def test_quiz_with_answers_and_score_print_the_engines_result(
    run: Run, tmp_path: Path, kb: KnowledgeBase, form: str
) -> None:
    """``quiz --answers S --json`` and ``score S --json`` both print ``scoring.score`` of S."""
    answers = mixed(kb, 0, 3)
    suffix, document = SHEET_FORMATS[form](kb, answers, "Sari")
    path = write_sheet(tmp_path / f"sheet{suffix}", document)
    name = "Sari" if "name" in document else None

    quiz = run("quiz", "--answers", path, "--json")
    score = run("score", path, "--json")

    assert quiz[0] == score[0] == 0
    assert json.loads(quiz[1]) == json.loads(score[1])
    assert ranking(json.loads(score[1])) == engine_ranking(kb, answers)
    assert json.loads(score[1])["name"] == name


@pytest.mark.parametrize("drawn", SAMPLES)
def test_score_json_agrees_with_the_engine_for_many_sheets(
    run: Run, tmp_path: Path, kb: KnowledgeBase, drawn: Sample
) -> None:
    """The JSON ``top``, ``blend`` and ``fits`` are the engine's for every sample sheet."""
    answers = sample(kb, drawn)
    path = write_sheet(tmp_path / "sheet.yaml", by_id(kb, answers))
    code, out, _ = run("score", path, "--json")
    assert code == 0
    assert ranking(json.loads(out)) == engine_ranking(kb, answers)


def test_name_option_overrides_the_sheets_name(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``quiz --answers S --name N`` shows N even when S has a name of its own."""
    answers = mixed(kb, 1, 3)
    path = write_sheet(tmp_path / "s.yaml", {"name": "Sari", "answers": by_id(kb, answers)})
    code, out, _ = run("quiz", "--answers", path, "--name", "Budi", "--json")
    assert code == 0
    assert json.loads(out)["name"] == "Budi"


def test_score_json_is_in_the_chosen_language(
    run: Run, sheet: tuple[Path, Answers], kb: KnowledgeBase
) -> None:
    """``score --json --lang id`` gives the Indonesian names and headline."""
    path, answers = sheet
    code, out, _ = run("score", path, "--json", "--lang", "id")
    assert code == 0
    document = json.loads(out)
    assert document["lang"] == "id"
    assert ranking(document) == engine_ranking(kb, answers, lang="id")
    assert_headline(document["headline"], kb, scoring.score(kb, answers), "id")


@pytest.mark.parametrize("drawn", SAMPLES)
def test_score_json_codes_and_numbers_do_not_change_with_the_language(
    run: Run, tmp_path: Path, kb: KnowledgeBase, drawn: Sample
) -> None:
    """``--lang`` changes the words of ``--json``, never its codes and numbers."""
    path = write_sheet(tmp_path / "sheet.yaml", by_id(kb, sample(kb, drawn)))

    def codes(lang: str) -> Any:
        code, out, _ = run("score", path, "--json", "--lang", lang)
        assert code == 0
        document = json.loads(out)
        return ([document[k] for k in ("top", "blend", "confidence", "flags", "margin")],
                [(f["role"], f["fit"], f["probability"]) for f in document["fits"]],
                sorted(document))

    assert codes("en") == codes("id")


def test_score_of_a_missing_file_is_one_error_line(run: Run, tmp_path: Path) -> None:
    """``score`` of a file that does not exist: exit 2, one line naming the file."""
    missing = tmp_path / "nowhere.yaml"
    line = assert_one_error_line(*run("score", missing))
    assert str(missing) in line


# -- --save ------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["saved.yaml", "saved.yml", "saved.json", "SAVED.JSON"])
def test_saved_sheet_scores_to_the_same_result(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], filename: str
) -> None:
    """``quiz --answers S --save F``: ``score F`` gives the same result as S, name included."""
    path, _ = sheet
    saved = tmp_path / filename
    first = run("quiz", "--answers", path, "--save", saved, "--name", "Sari", "--json")
    again = run("score", saved, "--json")
    assert first[0] == again[0] == 0
    assert json.loads(again[1]) == json.loads(first[1])
    assert json.loads(again[1])["name"] == "Sari"


@pytest.mark.parametrize(("filename", "is_json"),
                         [("saved.json", True), ("SAVED.JSON", True),
                          ("saved.yaml", False), ("saved.txt", False)])
def test_saved_sheet_is_json_or_yaml_by_extension(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers], kb: KnowledgeBase,
    filename: str, is_json: bool,
) -> None:
    """``--save`` writes JSON for ``.json`` (any case) and YAML for anything else."""
    path, answers = sheet
    saved = tmp_path / filename
    assert run("quiz", "--answers", path, "--save", saved, "--json")[0] == 0
    text = saved.read_text(encoding="utf-8")
    if is_json:
        document = json.loads(text)
    else:
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
        document = yaml.safe_load(text)
    assert document["answers"] == by_id(kb, answers)


def test_save_into_a_missing_folder_is_one_error_line(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers]
) -> None:
    """``--save`` into a folder that does not exist: exit 2, one line naming the folder."""
    path, _ = sheet
    folder = tmp_path / "no" / "such"
    line = assert_one_error_line(*run("quiz", "--answers", path, "--save", folder / "s.yaml"))
    assert str(folder) in line
    assert not folder.exists()


def test_name_that_is_not_utf8_is_one_error_line(
    run: Run, tmp_path: Path, sheet: tuple[Path, Answers]
) -> None:
    """``--name`` with bytes that were not UTF-8 (a surrogate escape): exit 2, nothing saved."""
    path, _ = sheet
    saved = tmp_path / "saved.json"
    line = assert_one_error_line(*run("quiz", "--answers", path, "--name", "Jos\udce9",
                                      "--save", saved))
    assert "--name" in line
    assert not saved.exists()


# -- the result as text ------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("drawn", SAMPLES)
def test_text_result_names_the_top_role_or_the_blend(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang, drawn: Sample
) -> None:
    """The text result leads with the engine's top role, the blend's headline, says that no
    role fits, or that it is not reliable."""
    answers = sample(kb, drawn)
    result = scoring.score(kb, answers)
    path = write_sheet(tmp_path / "sheet.yaml", by_id(kb, answers))
    code, out, _ = run("score", path, "--lang", lang)
    assert code == 0
    if result.flagged or result.blend or result.confidence == "no_fit":
        assert_headline(out, kb, result, lang)
    else:
        key = "result.leaning" if result.confidence == "leaning" else "result.best"
        assert i18n.t(lang, key, role=kb.role(result.top.role_id).name(lang)) in out


def test_sample_sheets_include_every_kind_of_result(kb: KnowledgeBase) -> None:
    """The samples exercise every headline of the text result: a role, a blend, no role
    fitting and no reliable result."""
    results = [scoring.score(kb, sample(kb, drawn)) for drawn in SAMPLES]
    assert any(r.decided for r in results)
    assert any(r.blend and not r.flagged for r in results)
    assert any(r.confidence == "no_fit" and not r.flagged for r in results)
    assert any(r.flagged for r in results)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_text_result_shows_every_fit_why_and_programs(
    run: Run, sheet: tuple[Path, Answers], kb: KnowledgeBase, lang: Lang
) -> None:
    """The text result has a fit line for every role (a whole number, never 0 or 100), the
    answers behind each reason and the programs."""
    path, answers = sheet
    result = scoring.score(kb, answers)
    code, out, _ = run("score", path, "--lang", lang)
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    for role_fit in result.ranking:
        name = kb.role(role_fit.role_id).name(lang)
        written = (">99" if role_fit.fit >= 99.5 else "<1" if role_fit.fit < 0.5
                   else str(round(role_fit.fit)))
        assert any(line.startswith(name) and line.endswith(written)
                   for line in lines), name
    assert i18n.t(lang, "screen.answers") in lines
    assert i18n.t(lang, "result.programs") in lines
    other: Lang = "id" if lang == "en" else "en"
    assert i18n.t(other, "result.programs") not in lines
    for match in result.programs:
        assert kb.program(match.program_id).name(lang) in flat(out)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_text_result_is_plain_and_fits_80_columns(
    run: Run, tmp_path: Path, kb: KnowledgeBase, lang: Lang
) -> None:
    """With ``TERM=dumb`` and ``NO_COLOR`` the result has no escape codes and no line over 80."""
    for drawn in SAMPLES:
        path = write_sheet(tmp_path / "sheet.yaml", by_id(kb, sample(kb, drawn)))
        code, out, err = run("score", path, "--lang", lang)
        assert (code, err) == (0, "")
        assert "\x1b" not in out
        assert max(cell_len(line) for line in out.splitlines()) <= 80


def test_markup_and_escapes_in_a_name_are_shown_as_written(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A name with rich markup and an ESC byte: markup shown literally, no raw ESC printed."""
    path = tmp_path / "sheet.yaml"
    lines = ['name: "[bold red]Sari[/] \\e[31m"']
    answers = by_number(kb, typical(kb, kb.roles[0].id))
    lines += [f"{qid}: {option}" for qid, option in answers.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "\x1b" in yaml.safe_load(path.read_text(encoding="utf-8"))["name"]

    code, out, err = run("score", path)

    assert (code, err) == (0, "")
    assert "[bold red]Sari[/]" in out
    assert "\x1b" not in out


def test_escape_in_a_name_stays_escaped_in_json(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """``--json`` keeps an ESC in the name as ``\\u001b``: the name survives, the terminal too."""
    path = write_sheet(tmp_path / "sheet.json",
                       {"name": "Sari\x1b[31m", "answers": by_id(kb, typical(kb, kb.roles[0].id))})
    code, out, _ = run("score", path, "--json")
    assert code == 0
    assert "\x1b" not in out
    assert json.loads(out)["name"] == "Sari\x1b[31m"


# -- choosing the language ---------------------------------------------------

ROLES_HEADING = {lang: i18n.t(lang, "roles.heading") for lang in ("en", "id")}


@pytest.mark.parametrize(
    ("variable", "value", "lang"),
    [
        ("ROLEQUIZ_LANG", "id", "id"),
        ("ROLEQUIZ_LANG", "EN", "en"),
        ("LANG", "id_ID.UTF-8", "id"),
        ("LANG", "de_DE.UTF-8", "en"),
        ("LC_ALL", "id_ID.UTF-8", "id"),
    ],
)
def test_language_comes_from_the_environment(
    run: Run, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, lang: Lang
) -> None:
    """Without ``--lang`` the language follows ROLEQUIZ_LANG, then the locale; else English."""
    monkeypatch.setenv(variable, value)
    code, out, _ = run("roles")
    assert code == 0
    assert out.startswith(ROLES_HEADING[lang])


def test_lang_option_beats_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--lang en`` wins over ``ROLEQUIZ_LANG=id``."""
    monkeypatch.setenv("ROLEQUIZ_LANG", "id")
    code, out, _ = run("roles", "--lang", "en")
    assert code == 0
    assert out.startswith(ROLES_HEADING["en"])


def test_lang_before_the_command_applies_to_it(run: Run) -> None:
    """``rolequiz --lang id roles`` is Indonesian, like ``rolequiz roles --lang id``."""
    code, out, _ = run("--lang", "id", "roles")
    assert code == 0
    assert out.startswith(ROLES_HEADING["id"])


@pytest.mark.parametrize("args", [("roles", "--lang", "fr"), ("--lang", "fr", "roles")])
def test_unknown_lang_option_is_one_error_line(run: Run, args: tuple[str, ...]) -> None:
    """``--lang fr``: exit 2, one line naming the value and the choices."""
    line = assert_one_error_line(*run(*args))
    assert "'fr'" in line
    assert "--lang" in line


def test_unknown_rolequiz_lang_is_one_error_line(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ROLEQUIZ_LANG=xx``: exit 2, one line naming the variable and the value."""
    monkeypatch.setenv("ROLEQUIZ_LANG", "xx")
    line = assert_one_error_line(*run("roles"))
    assert "ROLEQUIZ_LANG" in line
    assert "'xx'" in line


# -- roles -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_roles_lists_every_role_of_the_knowledge_base(
    run: Run, kb: KnowledgeBase, lang: Lang
) -> None:
    """``roles`` shows each role's name, id and metaphor."""
    code, out, _ = run("roles", "--lang", lang)
    assert code == 0
    for role in kb.roles:
        assert f"{role.name(lang)}  ({role.id})" in out
        assert flat(role.metaphor(lang)) in flat(out)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_roles_with_an_id_shows_that_role_in_full(
    run: Run, kb: KnowledgeBase, lang: Lang
) -> None:
    """``roles ID`` shows the role's responsibilities, skills and focus."""
    for role in kb.roles:
        code, out, _ = run("roles", role.id, "--lang", lang)
        assert code == 0
        assert out.startswith(role.name(lang))
        for text in (*role.responsibilities, *role.skills, *role.focus):
            assert flat(text(lang)) in flat(out)


def test_roles_of_an_unknown_role_is_one_error_line(run: Run, kb: KnowledgeBase) -> None:
    """``roles nobody``: exit 2, one line naming it and the known ids."""
    line = assert_one_error_line(*run("roles", "nobody"))
    assert "'nobody'" in line
    for role in kb.roles:
        assert role.id in line


def test_a_fourth_role_needs_only_yaml(
    run: Run, tmp_path: Path, kb: KnowledgeBase, kb_with_fourth_role: Path
) -> None:
    """A role added to a copy of the YAML is listed by ``roles`` and scored by ``score``."""
    bigger = knowledge.load(kb_with_fourth_role)
    assert len(bigger.roles) == len(kb.roles) + 1 == 4

    code, out, _ = run("roles", "--kb", kb_with_fourth_role)
    assert code == 0
    for role in bigger.roles:
        assert f"{role.name('en')}  ({role.id})" in out

    answers = typical(bigger, bigger.roles[-1].id)
    path = write_sheet(tmp_path / "sheet.yaml", by_id(bigger, answers))
    code, out, _ = run("score", path, "--json", "--kb", kb_with_fourth_role)
    assert code == 0
    document = json.loads(out)
    assert {fit["role"] for fit in document["fits"]} == {role.id for role in bigger.roles}
    assert ranking(document) == engine_ranking(bigger, answers)


# -- validate and a broken knowledge base ------------------------------------


def test_validate_the_shipped_knowledge_base(run: Run, kb: KnowledgeBase) -> None:
    """``validate`` of the shipped file: exit 0 and a summary with its counts."""
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    summary = " ".join(out.split())  # wrapped to the terminal's width
    assert summary.startswith(f"{kb.path}: valid")
    assert f"{len(kb.roles)} roles" in summary
    assert f"{len(kb.questions)} questions" in summary
    assert f"{len(kb.programs)} study programs" in summary


def test_validate_with_kb_option_checks_that_file(
    run: Run, kb_with_fourth_role: Path
) -> None:
    """``validate --kb FILE`` checks FILE, like ``validate FILE``."""
    code, out, _ = run("validate", "--kb", kb_with_fourth_role)
    assert code == 0
    unwrapped = "".join(out.split())  # rich folds a path longer than the terminal
    assert unwrapped.startswith(f"{kb_with_fourth_role}:valid")
    assert "4roles" in unwrapped


RETIRED_WORDS = {"en": "settings.blend_margin is no longer used",
                 "id": "settings.blend_margin sudah tidak dipakai"}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_validate_warns_that_blend_margin_is_no_longer_used(
    run: Run, tmp_path: Path, tiny_text: str, lang: Lang
) -> None:
    """A file that still sets ``blend_margin`` is valid (exit 0); a warning names its place."""
    path = tmp_path / "old.yaml"
    path.write_text(tiny_text.replace("settings:\n", "settings:\n  blend_margin: 5\n"),
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  blend_margin: 5") + 1
    code, _, err = run("validate", path, "--lang", lang)
    assert code == 0
    (warning,) = [w for w in err.splitlines() if "blend_margin" in w]
    assert warning.startswith(f"{path}:{line}:3: ")
    assert RETIRED_WORDS[lang] in warning


def test_validate_says_nothing_of_blend_margin_when_it_is_not_set(
    run: Run, tiny_path: Path
) -> None:
    """The warning is for a file that sets the retired setting, not for every file."""
    code, _, err = run("validate", tiny_path)
    assert code == 0
    assert "blend_margin" not in err


def test_validate_lists_every_problem_with_its_place(
    run: Run, broken_kb: tuple[Path, list[tuple[int, int]]]
) -> None:
    """``validate`` of a file with three problems: exit 2, three ``file:line:col: message``."""
    path, places = broken_kb
    code, out, err = run("validate", path)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == len(places) == 3
    for line, (row, column) in zip(lines, places, strict=True):
        assert line.startswith(f"{path}:{row}:{column}: ")
        assert len(line) > len(f"{path}:{row}:{column}: ")


def test_validate_keeps_a_multi_line_parser_message_on_one_line(
    run: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A raw control character (a parser error of several lines) is still one stderr line."""
    path = tmp_path / "control.yaml"
    path.write_text(kb.path.read_text(encoding="utf-8") + "# \x7f\n", encoding="utf-8")
    code, out, err = run("validate", path)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    text = path.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("\x7f")) + 1
    assert err.startswith(f"{path}:{line}:")
    assert "U+007F" in err
    assert "\x7f" not in err


@pytest.mark.parametrize("command", [["roles"], ["roles", "strategy"], ["score", "SHEET"],
                                     ["quiz", "--answers", "SHEET"], ["score", "SHEET", "--json"]])
def test_other_commands_on_a_broken_knowledge_base_print_one_line(
    run: Run, broken_kb: tuple[Path, list[tuple[int, int]]], sheet: tuple[Path, Answers],
    command: list[str],
) -> None:
    """Any other command on a broken kb: exit 2, the first problem and "(and N more)"."""
    path, places = broken_kb
    args = [str(sheet[0]) if arg == "SHEET" else arg for arg in command]
    line = assert_one_error_line(*run(*args, "--kb", path))
    row, column = places[0]
    assert f"{path}:{row}:{column}: " in line
    assert line.endswith(f"(and {len(places) - 1} more)")


def test_kb_that_does_not_exist_is_one_error_line(run: Run, tmp_path: Path) -> None:
    """``--kb`` naming a missing file: exit 2, one line naming it."""
    missing = tmp_path / "missing.yaml"
    line = assert_one_error_line(*run("roles", "--kb", missing))
    assert str(missing) in line


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_screen_of_careless_answers_points_at_no_role(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase, lang: Lang
) -> None:
    """Every answer the first listed: flagged, so the screen says why there is no result and
    gives no reasons for a role, no role in full and no study programs, only the fits and
    what to do."""
    answers = {q.id: q.options[0].id for q in shipped_kb.questions}
    result = scoring.score(shipped_kb, {q.id: 0 for q in shipped_kb.questions})
    assert result.flagged
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(answers), encoding="utf-8")
    code, out, err = run("score", sheet, "--lang", lang)
    assert code == 0, err
    text = flat(out)
    assert i18n.t(lang, "result.flagged") in text
    assert i18n.t(lang, "screen.fits") in text
    assert i18n.t(lang, "screen.why.flagged") in text
    assert i18n.t(lang, "screen.answers") not in text
    assert i18n.t(lang, "screen.programs") not in text
    assert i18n.t(lang, "result.programs") not in text
    assert flat(shipped_kb.role(result.top.role_id).summary(lang)) not in text


@pytest.mark.parametrize(("lang", "line"), [("en", "Interrupted."), ("id", "Dihentikan.")])
def test_ctrl_c_during_a_class_is_one_line_and_exit_130(run: Run, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path, lang: Lang,
                                                        line: str) -> None:
    """Ctrl-C (or kill) while a class is scored: exit 130, one line on stderr saying so in
    --lang, nothing on stdout, no file."""
    from rolequiz.core.cohort import resubmitted

    def stopped(*args: object, **kwargs: object) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(resubmitted, "once_each", stopped)
    target = tmp_path / "kelas.csv"
    ids = Path(__file__).parent.parent / "fixtures" / "forms" / "class-ids.csv"
    code, out, err = run("cohort", ids, "-o", target, "--lang", lang)
    assert (code, out, err) == (130, "", line + "\n")
    assert not target.exists()
