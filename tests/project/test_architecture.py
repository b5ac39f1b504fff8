"""The layers of the package, as the file list shows them, hold in the code.

``core`` is pure (it never talks to people), ``terminal`` draws on a screen,
``export`` writes files, and ``cli`` wires them and is the only package that
exits. These tests read the imports and calls of every module with :mod:`ast`,
imports inside functions included, so a lazy import cannot slip past.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parent.parent.parent / "src" / "rolequiz"
DATA = Path(__file__).resolve().parent.parent.parent / "data" / "roles.yaml"
MODULES = sorted(PACKAGE.rglob("*.py"))
LAYERS = {"core", "terminal", "export", "cli"}
PEOPLE = {"rich", "questionary", "prompt_toolkit", "typer", "click", "xlsxwriter"}
"""Libraries that talk to people (screens, prompts, command lines, workbooks)."""


def layer(path: Path) -> str:
    """'core', 'terminal', 'export', 'cli', or 'top' for a top-level module."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "top"


def imported(path: Path) -> set[str]:
    """Every module *path* imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def rolequiz_layers(names: set[str]) -> set[str]:
    """The layers of rolequiz that *names* reach into."""
    return {name.split(".")[1] for name in names
            if name.startswith("rolequiz.") and name.count(".") >= 2} & LAYERS


def named(modules: list[Path]) -> list[str]:
    return [str(m.relative_to(PACKAGE)) for m in modules]


def in_layer(name: str) -> list[Path]:
    return [m for m in MODULES if layer(m) == name]


@pytest.mark.parametrize("module", in_layer("core"), ids=named(in_layer("core")))
def test_the_core_imports_nothing_that_talks_to_people(module: Path) -> None:
    """A core module imports no screen, prompt, CLI or workbook library, and no outer layer."""
    names = imported(module)
    assert not roots(names) & PEOPLE
    assert not rolequiz_layers(names) & {"terminal", "export", "cli"}


@pytest.mark.parametrize("module", in_layer("export"), ids=named(in_layer("export")))
def test_export_writes_files_without_a_screen_or_a_command_line(module: Path) -> None:
    """An export module draws nothing on a screen and knows no command line."""
    names = imported(module)
    assert not roots(names) & {"rich", "questionary", "prompt_toolkit", "typer", "click"}
    assert not rolequiz_layers(names) & {"terminal", "cli"}


SCORING = {"rolequiz.core.student.scoring", "rolequiz.core.student.posterior",
           "rolequiz.core.student.adaptive"}
"""The modules that score answers: a writer is handed results (the class's records), it never
works one out again."""


@pytest.mark.parametrize("module", in_layer("export"), ids=named(in_layer("export")))
def test_export_never_scores(module: Path) -> None:
    """An export module imports no scoring module: what it writes was scored once, by core."""
    reached = {name for name in imported(module)
               if name in SCORING or name.startswith(tuple(f"{s}." for s in SCORING))}
    assert not reached, reached


@pytest.mark.parametrize("module", in_layer("terminal"), ids=named(in_layer("terminal")))
def test_the_terminal_layer_knows_no_command_line(module: Path) -> None:
    """A terminal module neither parses a command line nor reaches into the CLI."""
    names = imported(module)
    assert not roots(names) & {"typer", "click"}
    assert "cli" not in rolequiz_layers(names)


SHARED_WORDS = {"rolequiz.export.comparison", "rolequiz.export.overview",
                "rolequiz.export.result"}
"""The export modules that word facts for the screen as well as for files."""


@pytest.mark.parametrize("module", in_layer("terminal"), ids=named(in_layer("terminal")))
def test_the_terminal_reads_only_the_words_export_shares(module: Path) -> None:
    """A terminal module may take its words from export (one wording for the screen and the
    files), never a file writer."""
    reached = {name for name in imported(module) if name.startswith("rolequiz.export.")}
    assert {".".join(name.split(".")[:3]) for name in reached} <= SHARED_WORDS, reached


@pytest.mark.parametrize("module", in_layer("cli"), ids=named(in_layer("cli")))
def test_a_cli_module_renders_nothing(module: Path) -> None:
    """A command wires the layers: drawing (rich) is done in ``terminal/``, never in ``cli/``."""
    assert "rich" not in roots(imported(module))


def test_no_core_module_words_anything() -> None:
    """Core imports no catalogue (``i18n``): it holds facts, ids, codes and message objects,
    and the words are chosen at the edge (``terminal/``, ``export/``, ``cli/``)."""
    translating = [name for module, name in zip(in_layer("core"), named(in_layer("core")),
                                                strict=True)
                   if "rolequiz.i18n" in imported(module)]
    assert translating == []


READERS = sorted((PACKAGE / "core" / "cohort" / "read").glob("*.py"))


@pytest.mark.parametrize("module", READERS, ids=named(READERS))
def test_a_reader_imports_no_catalogue(module: Path) -> None:
    """A class-file reader words nothing: what it says is a message, rendered by whoever
    shows it."""
    assert "rolequiz.i18n" not in imported(module)


def takes_a_language(path: Path) -> list[str]:
    """The functions of *path* with a parameter named ``lang``."""
    return [node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and any(arg.arg == "lang" for arg in (*node.args.args, *node.args.kwonlyargs))]


@pytest.mark.parametrize("module", READERS, ids=named(READERS))
def test_a_reader_takes_no_language(module: Path) -> None:
    """No function that reads a class file is told the reader's language."""
    assert takes_a_language(module) == []


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """A path that comes back to where it started, following *graph*; [] when none does."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return []
        for following in sorted(graph.get(node, ())):
            found = visit(following, [*path, node])
            if found:
                return found
        done.add(node)
        return []

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return []


def test_the_cycle_check_sees_a_cycle() -> None:
    """The check below finds a loop of imports, however long."""
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_readers_import_one_another_one_way() -> None:
    """No reader imports, even lazily, a reader that imports it back (forms and reader did)."""
    prefix = "rolequiz.core.cohort.read."
    graph = {module.stem: {name.removeprefix(prefix) for name in imported(module)
                           if name.startswith(prefix) and name.count(".") == 4}
             for module in READERS}
    assert graph["reader"] & {"forms"}, "the check reads no import between readers"
    assert cycle(graph) == []


def test_top_level_modules_use_no_outer_layer() -> None:
    """The few top-level modules (errors, words, files, text) use no screen, file or CLI layer."""
    for module in in_layer("top"):
        if module.name == "__main__.py":
            continue
        assert not rolequiz_layers(imported(module)) & {"terminal", "export", "cli"}, module.name


def test_only_the_prompt_module_imports_questionary() -> None:
    """questionary is used in one place: ``terminal/prompts.py``."""
    users = [m for m in MODULES if "questionary" in roots(imported(m))]
    assert named(users) == ["terminal/prompts.py"]


def exits(path: Path) -> bool:
    """Whether *path* ends the process: sys.exit, os._exit, SystemExit or typer.Exit."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in {"exit", "_exit", "Exit", "Abort"} \
                and isinstance(node.value, ast.Name) and node.value.id in {"sys", "os", "typer"}:
            return True
        if isinstance(node, ast.Name) and node.id == "SystemExit":
            return True
    return False


def test_only_the_cli_exits() -> None:
    """No module outside ``cli/`` (and the ``__main__`` entry point) ends the process."""
    exiting = [m for m in MODULES if exits(m)]
    assert exiting, "the check finds nothing: it must see the CLI's exits"
    assert all(layer(m) == "cli" or m.name == "__main__.py" for m in exiting), named(exiting)


def test_the_file_list_shows_the_layers() -> None:
    """At most eight modules at the top; core, terminal, export and cli are packages."""
    assert len(in_layer("top")) <= 8, named(in_layer("top"))
    for package in ("core", "terminal", "export", "cli"):
        assert (PACKAGE / package / "__init__.py").is_file()


ARCHITECTURE = PACKAGE.parent.parent / "docs" / "architecture.md"
LISTED = re.compile(r"^- `([\w/]+\.py)`: \S", re.MULTILINE)
"""A module's line on the architecture page: its path in the package, a colon, words."""


def test_the_core_shows_its_parts_in_the_file_list() -> None:
    """The core is the knowledge base, one student, the roles and the class, each a package."""
    for part in ("kb", "student", "roles", "cohort", "cohort/read"):
        assert (PACKAGE / "core" / part / "__init__.py").is_file(), part
    assert len(list((PACKAGE / "core").glob("*.py"))) <= 4, "core/ keeps its modules in its parts"


def test_every_module_has_its_line_on_the_architecture_page() -> None:
    """docs/architecture.md says in one line what each module is for; a new module adds its line."""
    listed = LISTED.findall(ARCHITECTURE.read_text(encoding="utf-8"))
    missing = sorted(set(named(MODULES)) - set(listed))
    assert not missing, f"add a line for each to docs/architecture.md: {missing}"


def test_the_architecture_page_names_only_modules_that_exist() -> None:
    """A module moved or removed takes its line on the architecture page with it, once."""
    listed = LISTED.findall(ARCHITECTURE.read_text(encoding="utf-8"))
    assert listed, "the check reads no module line: the page's format changed"
    assert sorted(set(listed) - set(named(MODULES))) == []
    assert len(listed) == len(set(listed)), "a module is listed twice"


def role_ids() -> set[str]:
    """The role ids of the shipped knowledge base."""
    document = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {role["id"] for role in document["roles"]}


SOURCES = sorted(p for p in PACKAGE.rglob("*") if p.suffix in {".py", ".toml"})


@pytest.mark.parametrize("source", SOURCES, ids=named(SOURCES))
def test_no_role_id_is_written_in_the_code(source: Path) -> None:
    """No module or catalogue names a role: the roles come from the knowledge base."""
    assert role_ids() >= {"officer", "specialist", "strategist"}
    text = source.read_text(encoding="utf-8")
    found = [r for r in sorted(role_ids()) if re.search(rf"\b{re.escape(r)}\b", text)]
    assert not found
