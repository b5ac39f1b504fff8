"""The README leads to the docs/ pages, and the pages' links go where they say.

A link is followed as GitHub shows the page: a file relative to the page, and an anchor
that is one of the target page's headings (lowercase, punctuation dropped, spaces as
hyphens).  The README's start and test commands are read as ``.ci/run`` reads them.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the headings of *page* (code blocks left out)."""
    found: set[str] = set()
    fence = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = not fence
        if fence or not re.match(r"#{1,6} ", line):
            continue
        slug = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in found:
            n += 1
            anchor = f"{slug}-{n}"
        found.add(anchor)
    return found


def links(page: Path) -> list[str]:
    """The relative links of *page* (web and mail addresses left out)."""
    return [target for target in LINK.findall(page.read_text(encoding="utf-8"))
            if not re.match(r"[a-z]+:", target)]


def broken(page: Path) -> list[str]:
    """The links of *page* whose file is missing or whose anchor is no heading there."""
    bad = []
    for target in links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or (anchor and (file.suffix != ".md" or anchor not in anchors(file))):
            bad.append(target)
    return bad


def marked_block(marker: str) -> str:
    """The command under *marker* in README.md, extracted as ``.ci/run`` extracts it."""
    return subprocess.run(
        ["bash", "-c", f"sed -n '/<!-- {marker} -->/,/^```$/p' README.md"
                       " | grep -v -e '^```' -e '<!--'"],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def test_there_are_docs_pages() -> None:
    """docs/ holds pages (so the tests below are not vacuous)."""
    assert len(PAGES) >= 8


def test_every_docs_page_the_readme_links_exists() -> None:
    """Each docs/ page README.md links to is there, anchor included."""
    to_docs = [target for target in links(README) if target.startswith("docs/")]
    assert len(to_docs) >= 8
    assert broken(README) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_in_docs_resolves(page: Path) -> None:
    """Each relative link of a docs/ page names a file that exists and a heading it has."""
    assert broken(page) == []


def test_every_docs_page_is_in_the_index() -> None:
    """docs/index.md links every other docs/ page."""
    listed = set(links(DOCS / "index.md"))
    assert {page.name for page in PAGES} - {"index.md"} <= listed


def test_the_readme_is_short() -> None:
    """README.md is what a newcomer reads to the end: well under 200 lines."""
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 200


def test_the_readme_start_command_installs_and_starts_the_quiz() -> None:
    """The start command of README.md is the one newcomers and the tests rely on, word for word."""
    assert marked_block("start-command") == (
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/rolequiz quiz")


def test_the_readme_test_command_is_what_ci_runs() -> None:
    """The test command .ci/run reads from README.md installs the test extras and runs pytest."""
    assert marked_block("test-command") == (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest")


def test_the_validity_table_goes_to_a_docs_page_with_its_markers() -> None:
    """benchmarks/validity.py --docs writes into a docs/ page that has its markers."""
    path = ROOT / "benchmarks" / "validity.py"
    spec = importlib.util.spec_from_file_location("validity_page", path)
    assert spec is not None and spec.loader is not None
    validity = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = validity  # dataclasses look their module up
    spec.loader.exec_module(validity)
    page = validity.PAGE.read_text(encoding="utf-8")
    assert validity.PAGE.parent == DOCS
    assert page.index(validity.START) < page.index(validity.END)
