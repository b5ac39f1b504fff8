"""Reading YAML into located nodes, safely.

The knowledge base and answer sheets are validated against their nodes, not
against plain Python values, so that every problem can name its line and
column.  Only YAML's safe subset is understood: no tags that build objects.
Duplicate keys are reported, aliases are followed with a budget (a small
file cannot expand into a huge one) and oversized files are refused before
they are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

try:  # libyaml is several times faster; the pure parser gives the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from rolequiz.errors import InputFileError, Problem

MAX_NODES = 100_000
"""How many nodes a walk may visit, aliases included, before it gives up."""

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A whole id (used with ``fullmatch``: ``$`` would let a final newline through)."""

_scalar_constructor = yaml.constructor.SafeConstructor()

Node = yaml.Node


def compose(text: str, *, file: str, error: type[InputFileError]) -> Node | None:
    """Parse *text* into a node tree (``None`` for an empty document)."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise error([Problem(file, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        position = exc.position
        if exc.encoding != "unicode":  # libyaml counts bytes of UTF-8
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else \
            repr(exc.character)
        raise error([Problem(file, line, column, f"the character {character} is not allowed "
                             "in YAML; remove it or write it as an escape in quotes")]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(file, None, None, f"not valid YAML: {exc}")]) from None


def kind_of(node: Node) -> str:
    """How a node reads to a person: 'a mapping', 'a list', 'the number 3'..."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = scalar_value(node)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 30 else "a text"
    return f"a {type(value).__name__}"


def scalar_value(node: Node) -> Any:
    """The Python value of a scalar node, as YAML's safe loader would build it."""
    try:
        return _scalar_constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        return node.value


class Checker:
    """Walks nodes, converting them and collecting every problem on the way.

    Each ``expect_*`` method returns the converted value, or ``None`` after
    recording a problem; callers carry on, so that one run reports all the
    problems of a file.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._visits = 0

    # -- reporting ---------------------------------------------------------

    def fail(self, node: Node | None, message: str) -> None:
        if node is None:
            self.problems.append(Problem(self.file, None, None, message))
            return
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))

    def _visit(self, node: Node) -> bool:
        self._visits += 1
        if self._visits == MAX_NODES + 1:
            self.fail(node, f"more than {MAX_NODES} values (each use of an alias counts "
                      "again), refused")
        return self._visits <= MAX_NODES

    # -- shapes ------------------------------------------------------------

    def expect_mapping(self, node: Node, what: str) -> dict[str, Node] | None:
        """The entries of a mapping node by key, reporting duplicate keys."""
        if not self._visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what}: expected a mapping, found {kind_of(node)}")
            return None
        entries: dict[str, Node] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = scalar_value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                self.fail(key_node, f"{what}: expected a text key, found {kind_of(key_node)}")
                continue
            key = str(key)
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self.fail(key_node, f"{what}: duplicate key {key!r} (first on line {line})")
                continue
            first_seen[key] = key_node
            entries[key] = value_node
        return entries

    def expect_fields(
        self,
        node: Node,
        what: str,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Node] | None:
        """A mapping with these keys: missing and unknown keys are problems."""
        entries = self.expect_mapping(node, what)
        if entries is None:
            return None
        self.check_keys(node, entries, what, required=required, optional=optional)
        return entries

    def check_keys(
        self,
        node: Node,
        entries: dict[str, Node],
        what: str,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> None:
        """Report missing and unknown keys of a mapping already read with expect_mapping."""
        for key in required:
            if key not in entries:
                self.fail(node, f"{what}: missing key {key!r}")
        allowed = set(required) | set(optional)
        for key, value in entries.items():
            if key not in allowed:
                expected = ", ".join(repr(k) for k in (*required, *optional))
                self.fail(self.key_node(node, key) or value, f"{what}: unknown key {key!r} "
                          f"(expected {expected})")

    def expect_list(self, node: Node, what: str, *, min_items: int = 0) -> list[Node] | None:
        if not self._visit(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what}: expected a list, found {kind_of(node)}")
            return None
        if len(node.value) < min_items:
            self.fail(node, f"{what}: expected at least {min_items} item"
                      f"{'s' if min_items != 1 else ''}, found {len(node.value)}")
        return list(node.value)

    def expect_scalar(self, node: Node, what: str, accept: Callable[[Any], bool],
                      expected: str) -> Any:
        if not self._visit(node):
            return None
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(node, yaml.ScalarNode) or not accept(value):
            self.fail(node, f"{what}: expected {expected}, found {kind_of(node)}")
            return None
        return value

    def expect_text(self, node: Node, what: str) -> str | None:
        value = self.expect_scalar(
            node, what, lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty text"
        )
        return None if value is None else str(value).strip()

    def expect_id(self, node: Node, what: str) -> str | None:
        value = self.expect_scalar(
            node,
            what,
            lambda v: isinstance(v, str) and bool(ID_PATTERN.fullmatch(v)),
            "an id of lowercase letters, digits, '_' or '-'",
        )
        return None if value is None else str(value)

    def expect_number(self, node: Node, what: str, low: float, high: float) -> float | None:
        value = self.expect_scalar(
            node,
            what,
            lambda v: isinstance(v, int | float) and not isinstance(v, bool) and low <= v <= high,
            f"a number from {low:g} to {high:g}",
        )
        return None if value is None else float(value)

    def expect_integer(self, node: Node, what: str, low: int, high: int) -> int | None:
        value = self.expect_scalar(
            node,
            what,
            lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high,
            f"a whole number from {low} to {high}",
        )
        return None if value is None else int(value)

    def expect_bool(self, node: Node, what: str) -> bool | None:
        value = self.expect_scalar(node, what, lambda v: isinstance(v, bool), "true or false")
        return None if value is None else bool(value)

    @staticmethod
    def key_node(mapping: Node, key: str) -> Node | None:
        """The node of *key* in *mapping*, to point at the key itself."""
        for key_node, _ in mapping.value:
            if isinstance(key_node, yaml.ScalarNode) and str(key_node.value) == key:
                return key_node
        return None
