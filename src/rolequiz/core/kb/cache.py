"""A cache of validated knowledge bases, so that a command starts without parsing YAML.

Validating ``data/roles.yaml`` means importing a YAML parser, building a
node tree and checking every node: most of the time a command like
``rolequiz roles`` would spend on its own.  The result depends only on the
file's bytes and on the rolequiz version that checked them, so it is kept
as JSON under that key in the user cache folder (``$ROLEQUIZ_HOME/cache``
when that is set) and read back instead:

- the file name carries the SHA-256 of the bytes, and the document repeats
  it with the rolequiz version; anything that does not match is a miss, so
  an edited file or an upgraded rolequiz never gets a stale knowledge base;
- only a file that validated is cached: a broken one is parsed every time,
  and its problems keep their lines and columns;
- the first line also holds the SHA-256 of the rest, so a damaged file is
  noticed; a cache file that cannot be read or decoded is ignored and
  written anew, always through a temporary file renamed into place;
- JSON, not pickle: a cache folder writable by someone else can at worst
  cost a rebuild, never run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from rolequiz import __version__
from rolequiz.core.kb import folders
from rolequiz.core.kb.model import (
    Dimension,
    KnowledgeBase,
    Option,
    Program,
    Question,
    Role,
    Settings,
    Source,
    Text,
)

FORMAT = 8
"""Bumped when the layout below changes, or a setting's default (a cached knowledge base
keeps the values it was read with; a new rolequiz version is a miss anyway)."""
KEEP = 16
"""Cache files kept; older ones go when a new one is written."""


def _file(key: str) -> Path:
    return folders.cache_folder() / f"kb-{key}.json"


def read(key: str, *, path: Path) -> KnowledgeBase | None:
    """The knowledge base cached under *key* (the SHA-256 of the file's bytes), or None."""
    try:
        head, _, body = _file(key).read_bytes().partition(b"\n")
        header = json.loads(head)
        if header != _header(key, body):
            return None  # another version, another file, or damaged on the way
        return _decode(json.loads(body), path=path)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing, unreadable or not ours: rebuilt by the caller


def write(key: str, kb: KnowledgeBase) -> None:
    """Keep *kb* under *key*, atomically; a cache that cannot be written is no error."""
    body = json.dumps(_encode(kb), ensure_ascii=False).encode("utf-8")
    head = json.dumps(_header(key, body)).encode("utf-8")
    from rolequiz.errors import UsageProblem
    from rolequiz.files import write_atomic  # only on a miss: keeps tempfile out of start-up

    target = _file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, head + b"\n" + body)
    except (OSError, UsageProblem):
        return
    _prune(target.parent)


def _header(key: str, body: bytes) -> dict[str, Any]:
    """What the first line of a cache file must say for its body to be used."""
    return {"format": FORMAT, "rolequiz": __version__, "key": key,
            "body": hashlib.sha256(body).hexdigest()}


def _prune(where: Path) -> None:
    """Keep the :data:`KEEP` most recently written cache files."""
    with contextlib.suppress(OSError):
        files = sorted(where.glob("kb-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink()


def read_extra(name: str) -> Any:
    """A value kept with :func:`write_extra` by this rolequiz version, or None."""
    try:
        doc = json.loads((folders.cache_folder() / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("rolequiz") != __version__:
        return None
    return doc.get("value")


def write_extra(name: str, value: Any) -> None:
    """Keep *value* (JSON) under *name*, for values computed from a knowledge base that
    cost more than reading them back (the scoring's calibrated offsets)."""
    from rolequiz.errors import UsageProblem
    from rolequiz.files import write_atomic

    target = folders.cache_folder() / f"{name}.json"
    body = json.dumps({"rolequiz": __version__, "value": value}).encode("utf-8")
    with contextlib.suppress(OSError, UsageProblem):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, body)


# -- the model as JSON and back ----------------------------------------------


def _text(text: Text) -> list[list[str]]:
    return [list(pair) for pair in text.translations]


def _texts(texts: tuple[Text, ...]) -> list[list[list[str]]]:
    return [_text(t) for t in texts]


def _encode(kb: KnowledgeBase) -> dict[str, Any]:
    source = kb.source
    return {
        "sha256": kb.sha256,
        "title": _text(kb.title),
        "intro": None if kb.intro is None else _text(kb.intro),
        "lettering": kb.lettering,
        "audience": kb.audience,
        "source": None if source is None else [source.title, source.publisher, source.date,
                                               source.author, list(source.references),
                                               None if source.kind is None
                                               else _text(source.kind)],
        "settings": {**kb.settings._asdict(), "scale": _texts(kb.settings.scale),
                     "flag_settings": [list(pair) for pair in kb.settings.flag_settings]},
        "dimensions": [[d.id, _text(d.name), _text(d.description)] for d in kb.dimensions],
        "roles": [[r.id, _text(r.name), _text(r.short), _text(r.metaphor), _text(r.summary),
                   _text(r.horizon), _texts(r.responsibilities), _texts(r.skills),
                   _texts(r.focus), _texts(r.tools), dict(r.profile), dict(r.levels)]
                  for r in kb.roles],
        "programs": [[p.id, _text(p.name), None if p.faculty is None else _text(p.faculty),
                      p.institution, _text(p.builds), list(p.dimensions), list(p.roles)]
                     for p in kb.programs],
        "questions": [[q.id, q.kind, _text(q.text),
                       [[o.id, _text(o.text), dict(o.weights), o.was] for o in q.options],
                       q.dimension, q.reverse, q.was]
                      for q in kb.questions],
    }


def _t(pairs: list[list[str]]) -> Text:
    return Text(tuple((lang, text) for lang, text in pairs))


def _ts(texts: list[list[list[str]]]) -> tuple[Text, ...]:
    return tuple(_t(pairs) for pairs in texts)


def _decode(doc: dict[str, Any], *, path: Path) -> KnowledgeBase:
    settings = doc["settings"]
    source = doc["source"]
    return KnowledgeBase(
        path=path,
        sha256=doc["sha256"],
        title=_t(doc["title"]),
        source=None if source is None else Source(
            title=source[0], publisher=source[1], date=source[2], author=source[3],
            references=tuple(source[4]), kind=None if source[5] is None else _t(source[5])),
        settings=Settings(**{**settings, "scale": _ts(settings["scale"]),
                             "flag_settings": tuple((name, value) for name, value
                                                    in settings["flag_settings"])}),
        dimensions=tuple(Dimension(id=i, name=_t(n), description=_t(d))
                         for i, n, d in doc["dimensions"]),
        roles=tuple(Role(id=r[0], name=_t(r[1]), short=_t(r[2]), metaphor=_t(r[3]),
                         summary=_t(r[4]), horizon=_t(r[5]), responsibilities=_ts(r[6]),
                         skills=_ts(r[7]), focus=_ts(r[8]), tools=_ts(r[9]), profile=r[10],
                         levels=r[11])
                    for r in doc["roles"]),
        programs=tuple(Program(id=p[0], name=_t(p[1]),
                               faculty=None if p[2] is None else _t(p[2]), institution=p[3],
                               builds=_t(p[4]), dimensions=tuple(p[5]), roles=tuple(p[6]))
                       for p in doc["programs"]),
        questions=tuple(Question(id=q[0], kind=q[1], text=_t(q[2]),
                                 options=tuple(Option(id=o[0], text=_t(o[1]), weights=o[2],
                                                      was=o[3])
                                               for o in q[3]),
                                 dimension=q[4], reverse=q[5], was=q[6])
                        for q in doc["questions"]),
        intro=None if doc["intro"] is None else _t(doc["intro"]),
        lettering=doc["lettering"],
        audience=doc["audience"],
    )
