"""The cache of validated knowledge bases: used when it may be, never when it may not.

A command reads the validated knowledge base from the user cache folder
instead of parsing YAML; the key is the hash of the file's bytes and the
rolequiz version.  A stale, damaged or foreign cache file is never served.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rolequiz.core.kb import cache as kbcache
from rolequiz.core.kb import folders, knowledge, schema
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import KnowledgeBaseError


def fresh(path: Path) -> KnowledgeBase:
    """Load *path* as a new process would: nothing remembered in memory."""
    knowledge._loaded.clear()
    return knowledge.load(path)


def cache_files() -> list[Path]:
    return sorted(folders.cache_folder().glob("kb-*.json"))


def copy_of(tiny_text: str, tmp_path: Path, name: str = "roles.yaml") -> Path:
    path = tmp_path / name
    path.write_text(tiny_text, encoding="utf-8")
    return path


def test_a_validated_knowledge_base_is_read_back_from_the_cache(
        tiny_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second load parses nothing and gives an equal knowledge base."""
    path = copy_of(tiny_text, tmp_path)
    first = fresh(path)
    assert len(cache_files()) == 1
    monkeypatch.setattr(schema, "build", lambda *a, **k: pytest.fail("parsed again"))
    assert fresh(path) == first


def test_the_shipped_knowledge_base_survives_the_cache_unchanged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every field, every float and every order is as parsed (dataclass equality)."""
    path = knowledge.shipped_path()
    parsed = knowledge.parse(path.read_text(encoding="utf-8"), path=path)
    fresh(path)
    monkeypatch.setattr(schema, "build", lambda *a, **k: pytest.fail("parsed again"))
    assert fresh(path) == parsed


def test_an_edited_file_is_never_served_from_the_cache(tiny_text: str, tmp_path: Path) -> None:
    """Changing the file changes the key: the new text is what is loaded."""
    path = copy_of(tiny_text, tmp_path)
    assert fresh(path).roles[0].name("en") == "Alpha"
    path.write_text(tiny_text.replace("en: Alpha}", "en: Alpha edited}", 1), encoding="utf-8")
    assert fresh(path).roles[0].name("en") == "Alpha edited"


def test_another_rolequiz_version_does_not_read_the_cache(
        tiny_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache written by another version is a miss, parsed again and written anew."""
    path = copy_of(tiny_text, tmp_path)
    fresh(path)
    monkeypatch.setattr(kbcache, "__version__", "999.0")
    parsed: list[Path] = []
    build = schema.build

    def counting(text: str, *, path: Path, sha256: str) -> KnowledgeBase:
        parsed.append(path)
        return build(text, path=path, sha256=sha256)

    monkeypatch.setattr(schema, "build", counting)
    fresh(path)
    assert parsed == [path]
    header = json.loads(cache_files()[0].read_bytes().partition(b"\n")[0])
    assert header["rolequiz"] == "999.0"


DAMAGE = {
    "garbage": lambda data: b"\x00\xff not json",
    "empty": lambda data: b"",
    "cut short": lambda data: data[: len(data) // 2],
    "a changed byte in the body": lambda data: data.replace(b"Alpha", b"Alphb", 1),
    "another key": lambda data: data.replace(b'"key": "', b'"key": "0', 1),
    "valid JSON, wrong shape": lambda data: data.partition(b"\n")[0] + b"\n[1, 2, 3]",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_file_is_ignored_and_written_anew(
        tiny_text: str, tmp_path: Path, damage: str) -> None:
    """Whatever happened to the file, the knowledge base is parsed and the cache repaired."""
    path = copy_of(tiny_text, tmp_path)
    expected = fresh(path)
    (cached,) = cache_files()
    cached.write_bytes(DAMAGE[damage](cached.read_bytes()))
    assert fresh(path) == expected
    header, _, body = cached.read_bytes().partition(b"\n")
    assert json.loads(header)["key"] in cached.name and json.loads(body)


def test_a_broken_knowledge_base_is_not_cached_and_keeps_its_lines(
        tiny_text: str, tmp_path: Path) -> None:
    """Problems are found by parsing every time, each with its line and column."""
    path = copy_of(tiny_text.replace("programs_to_suggest: 1", "programs_to_suggest: many"),
                   tmp_path)
    for _ in range(2):
        with pytest.raises(KnowledgeBaseError) as raised:
            fresh(path)
        (problem,) = raised.value.problems
        assert problem.line is not None and problem.column is not None
        assert "programs_to_suggest" in problem.says("en")
    assert cache_files() == []


def test_the_cache_lives_under_rolequiz_home_or_the_user_cache_folder(
        tiny_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``$ROLEQUIZ_HOME/cache`` when set, else the platform's user cache folder."""
    path = copy_of(tiny_text, tmp_path)
    fresh(path)
    assert cache_files()[0].parent == Path(os.environ["ROLEQUIZ_HOME"]) / "cache"
    monkeypatch.delenv("ROLEQUIZ_HOME")
    fresh(path)
    assert cache_files()[0].parent == Path(os.environ["XDG_CACHE_HOME"]) / "rolequiz"


def test_an_unwritable_cache_folder_costs_nothing_but_time(
        tiny_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the folder cannot be made, the knowledge base still loads, and no file is left."""
    blocker = tmp_path / "home"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("ROLEQUIZ_HOME", str(blocker))
    path = copy_of(tiny_text, tmp_path)
    assert fresh(path).title("en") == "Tiny quiz"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "roles.yaml"]


def test_writing_leaves_no_temporary_file_and_old_files_are_pruned(
        tiny_text: str, tmp_path: Path) -> None:
    """Only complete cache files stay, at most :data:`kbcache.KEEP` of them."""
    for number in range(kbcache.KEEP + 3):
        fresh(copy_of(tiny_text + f"\n# copy {number}\n", tmp_path, f"kb{number}.yaml"))
    names = [p.name for p in folders.cache_folder().iterdir()]
    assert len(names) == kbcache.KEEP
    assert all(name.startswith("kb-") and name.endswith(".json") for name in names)


def test_two_paths_with_the_same_bytes_each_get_their_own_path(
        tiny_text: str, tmp_path: Path) -> None:
    """The cache is keyed by content, but a knowledge base names the file it came from."""
    one, two = copy_of(tiny_text, tmp_path, "one.yaml"), copy_of(tiny_text, tmp_path, "two.yaml")
    assert fresh(one).path == one
    assert knowledge.load(two).path == two
    assert len(cache_files()) == 1
