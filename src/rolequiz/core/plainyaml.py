"""The plain YAML an answer sheet is usually written in, read without a YAML parser.

A sheet is a few lines of ``q01: b``; importing PyYAML costs ``rolequiz
score`` more time than all the rest it does.  So the usual sheet is read
here, and only a small subset of YAML is understood, where there is nothing
to decide:

- block mappings, at most two levels deep, indented with spaces;
- keys that are plain words (``q01``, ``name``, ``answers``);
- values that are plain texts starting with a letter (``b``, ``Sari Putri``),
  plain whole numbers without a leading zero, or texts in single quotes;
- blank lines and comments.

Anything else returns None and the caller parses the text with YAML, which
also finds and locates every problem.  A value YAML reads as a boolean or a
null (``yes``, ``No``, ``null``...), a date, an octal or sexagesimal number,
a tab, a double quote, an anchor, a flow collection or a character outside
Python's printable ones is "anything else": nothing read here is read
differently by YAML (a test checks this against PyYAML).
"""

from __future__ import annotations

import re

Value = str | int
Document = dict[str, "Value | dict[str, Value]"]

MAX_LINES = 1000
"""Longer files are left to the YAML parser (and its limits)."""

_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_NUMBER = re.compile(r"0|[1-9][0-9]*")
_NOT_TEXT = frozenset({
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "y", "Y", "n", "N"})
"""Plain words YAML reads as something other than text."""


def read(text: str) -> Document | None:
    """The mapping in *text*, or None when *text* is not in the plain subset."""
    lines = text.split("\n")
    if len(lines) > MAX_LINES or any(mark in text for mark in ("\t", "\x85", "\u2028",
                                                               "\u2029")):
        return None
    document: Document = {}
    block: dict[str, Value] | None = None  # the nested mapping being read
    indent = 0
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]
        if not line.isprintable():
            return None
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        depth = len(line) - len(content)
        entry = _entry(content)
        if entry is None:
            return None
        key, value = entry
        if depth == 0:
            if block is not None and not block:
                return None  # "key:" with nothing under it is a null
            if key in document:
                return None
            if value is None:
                block, indent = {}, 0
                document[key] = block
            else:
                block = None
                document[key] = value
        elif block is None or value is None or (indent and depth != indent) or key in block:
            return None
        else:
            indent = depth
            block[key] = value
    if block is not None and not block:
        return None
    return document


def _entry(content: str) -> tuple[str, Value | None] | None:
    """``key: value`` (or ``key:``, opening a block) as (key, value or None)."""
    key, colon, rest = content.partition(":")
    if not colon or not _KEY.fullmatch(key) or key in _NOT_TEXT:
        return None
    if rest and not rest.startswith(" "):
        return None
    rest = rest.strip(" ")
    if not rest or rest.startswith("#"):
        return key, None
    value = _scalar(rest)
    return None if value is None else (key, value)


def _scalar(text: str) -> Value | None:
    """A value in the plain subset, as YAML reads it; a comment after it is dropped."""
    if text.startswith("'"):
        end = 1
        while True:
            end = text.find("'", end)
            if end < 0:
                return None
            if text.startswith("''", end):
                end += 2
                continue
            break
        after = text[end + 1:].strip(" ")
        if after and not after.startswith("#"):
            return None
        return text[1:end].replace("''", "'")
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment].rstrip(" ")
    if _NUMBER.fullmatch(text):
        return int(text)
    if not text[0].isalpha() or ": " in text or text.endswith(":") or \
            any(mark in text for mark in "'\"#") or text in _NOT_TEXT:
        return None
    return text
