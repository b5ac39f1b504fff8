"""Loading a knowledge base: read, hash, take it from the cache or validate it.

``load(path)`` returns a :class:`~rolequiz.core.kb.model.KnowledgeBase` or raises a
:class:`~rolequiz.errors.KnowledgeBaseError` listing *every* problem of the
file, each with its line and column (see :mod:`rolequiz.core.kb.schema`).  A file
that validated once is read back from :mod:`rolequiz.core.kb.cache`, keyed by the
hash of its bytes, so most commands never import the YAML parser; within
one process a file is loaded once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from rolequiz.core.kb import cache as kbcache
from rolequiz.core.kb.inputs import decode, read_bytes
from rolequiz.core.kb.model import RETIRED_SETTINGS, KnowledgeBase
from rolequiz.errors import KnowledgeBaseError, Problem

_loaded: dict[str, KnowledgeBase] = {}
"""This process's knowledge bases by the hash of their bytes."""


def shipped_path() -> Path:
    """The knowledge base that comes with rolequiz.

    In a checkout (an editable install) this is ``data/roles.yaml`` itself, so
    an edit takes effect at once; an installed wheel carries a copy inside the
    package.
    """
    here = Path(__file__).resolve().parents[2]  # the rolequiz package
    if here.parent.name == "src":
        checkout_copy = here.parent.parent / "data" / "roles.yaml"
        if checkout_copy.is_file():
            return checkout_copy
    return here / "data" / "roles.yaml"


def load(path: Path | None = None) -> KnowledgeBase:
    """Read and validate the knowledge base at *path* (the shipped one by default)."""
    path = shipped_path() if path is None else path
    data = read_bytes(path, error=KnowledgeBaseError)
    key = hashlib.sha256(data).hexdigest()
    kb = _loaded.get(key) or kbcache.read(key, path=path)
    if kb is None:
        kb = parse(decode(data, name=str(path), error=KnowledgeBaseError), path=path)
        kbcache.write(key, kb)
    _loaded[key] = kb
    return kb if kb.path == path else dataclasses.replace(kb, path=path)


def parse(text: str, *, path: Path) -> KnowledgeBase:
    """Validate YAML *text* as a knowledge base; *path* names it in messages."""
    from rolequiz.core.kb import schema

    return schema.build(text, path=path, sha256=hashlib.sha256(text.encode()).hexdigest())


def retired(path: Path | None = None) -> list[Problem]:
    """The settings of the valid knowledge base at *path* that rolequiz no longer reads,
    each where it is written: ``validate`` warns of them, every other command ignores them."""
    path = shipped_path() if path is None else path
    text = decode(read_bytes(path, error=KnowledgeBaseError), name=str(path),
                  error=KnowledgeBaseError)
    if not any(name in text for name in RETIRED_SETTINGS):
        return []  # most files: no YAML parser to import
    from rolequiz.core.kb import schema

    return schema.retired(text, path=path)
