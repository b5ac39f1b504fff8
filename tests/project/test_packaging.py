"""The knowledge base reaches users both from a wheel and from an editable checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rolequiz.core.kb import knowledge

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout (hatchling comes with the test extras)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("rolequiz-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_the_knowledge_base_as_it_is_in_the_checkout(wheel: Path) -> None:
    """The wheel holds rolequiz/data/roles.yaml, byte for byte data/roles.yaml."""
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("rolequiz/data/roles.yaml")
    assert shipped == (ROOT / "data" / "roles.yaml").read_bytes()


@pytest.mark.slow
def test_installed_wheel_lists_the_roles_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    """`rolequiz roles` works from a wheel installed outside the checkout."""
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
         str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "TERM": "dumb", "ROLEQUIZ_LANG": "en"}
    probe = subprocess.run(
        [sys.executable, "-c",
         "import rolequiz, rolequiz.core.kb.knowledge as k; print(rolequiz.__file__); "
         "print(k.shipped_path())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )
    package_file, kb_path = probe.stdout.split()
    assert Path(package_file).is_relative_to(site)
    assert Path(kb_path).is_relative_to(site)
    shown = subprocess.run(
        [sys.executable, "-m", "rolequiz", "roles"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert shown.returncode == 0, shown.stderr
    for role in knowledge.load().roles:
        assert role.name("en") in shown.stdout


def test_checkout_reads_data_roles_yaml_itself() -> None:
    """In a checkout the shipped knowledge base is data/roles.yaml, so edits apply at once."""
    assert knowledge.shipped_path() == ROOT / "data" / "roles.yaml"


def test_edit_to_the_checkout_file_takes_effect_without_reinstalling(tmp_path: Path) -> None:
    """A copy of the checkout layout reads its own data/roles.yaml, edited or not."""
    package = tmp_path / "src" / "rolequiz"
    package.parent.mkdir(parents=True)
    subprocess.run(["cp", "-r", str(ROOT / "src" / "rolequiz"), str(package)], check=True)
    (tmp_path / "data").mkdir()
    text = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
    first_role = knowledge.load().roles[0]
    assert text.count(first_role.metaphor("en")) == 1
    edited = text.replace(first_role.metaphor("en"), "Edited metaphor")
    (tmp_path / "data" / "roles.yaml").write_text(edited, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "TERM": "dumb"}
    shown = subprocess.run(
        [sys.executable, "-m", "rolequiz", "roles", "--lang", "en"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Edited metaphor" in shown.stdout
