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

from rolequiz.errors import InputFileError, Message, Problem, Words, msg

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
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise error([Problem(file, line, column, syntax_error(exc))]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        position = exc.position
        if exc.encoding != "unicode":  # libyaml counts bytes of UTF-8
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else \
            repr(exc.character)
        raise error([Problem(file, line, column,
                             msg("yaml.bad_character", character=character))]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(file, None, None, msg("yaml.invalid", detail=exc))]) from None


_CONSTRUCTS = {
    "flow sequence": "yaml.construct.flow_sequence",
    "flow mapping": "yaml.construct.flow_mapping",
    "quoted scalar": "yaml.construct.quoted",
    "block mapping": "yaml.construct.block_mapping",
    "block collection": "yaml.construct.block_list",
    "block sequence": "yaml.construct.block_list",
    "plain scalar": "yaml.construct.plain",
    "block scalar": "yaml.construct.block_scalar",
}
"""The parser's names for what it was reading (its ``context``), as catalogue keys."""

_PROBLEMS = (
    (re.compile(r"(did not find )?expected ',' or '(?P<closer>[]}])'"), "yaml.problem.unclosed"),
    (re.compile(r"unexpected end of stream"), "yaml.problem.end"),
    (re.compile(r"mapping values are not allowed"), "yaml.problem.colon"),
    (re.compile(r"did not find expected key|expected <block end>|"
                r"did not find expected '-' indicator"), "yaml.problem.indentation"),
    (re.compile(r"undefined alias"), "yaml.problem.alias"),
    (re.compile(r"tab character|'\\\\t'"), "yaml.problem.tab"),
    (re.compile(r"cannot start any token"), "yaml.problem.token"),
)
"""The parser's complaints (libyaml's and PyYAML's words), as catalogue keys; any other
is shown as the parser words it, in English."""


def syntax_error(exc: yaml.MarkedYAMLError) -> Message:
    """What the parser found wrong, and where the construct it was reading began.

    The problem is reported where it was found (``problem_mark``); an unclosed
    ``[`` is found lines later, so the message also names the line and column
    where the list began (``context_mark``).
    """
    detail = exc.problem or exc.context or "invalid YAML"
    problem = msg("yaml.problem.other", detail=detail)
    for pattern, key in _PROBLEMS:
        if match := pattern.search(detail):
            problem = msg(key, **match.groupdict())
            break
    start, found = exc.context_mark, exc.problem_mark
    if start is None or (found is not None and (start.line, start.column) ==
                         (found.line, found.column)):
        return msg("yaml.syntax", problem=problem)
    construct = next((key for name, key in _CONSTRUCTS.items() if name in (exc.context or "")),
                     "yaml.construct.other")
    return msg("yaml.syntax.in", problem=problem, construct=msg(construct),
               line=start.line + 1, column=start.column + 1)


def kind_of(node: Node) -> Message:
    """How a node reads to a person: 'a mapping', 'a list', 'the number 3'..."""
    if isinstance(node, yaml.MappingNode):
        return msg("yaml.kind.mapping")
    if isinstance(node, yaml.SequenceNode):
        return msg("yaml.kind.list")
    value = scalar_value(node)
    if value is None:
        return msg("yaml.kind.nothing")
    if isinstance(value, bool):
        return msg("yaml.kind.boolean", value=str(value).lower())
    if isinstance(value, int | float):
        return msg("yaml.kind.number", value=value)
    if isinstance(value, str):
        return msg("yaml.kind.text", value=repr(value)) if len(value) <= 30 else \
            msg("yaml.kind.long_text")
    return msg("yaml.kind.other", kind=type(value).__name__)


Where = Words
"""Where in a file a value stands, as a problem names it: a path of keys
(``roles[2].name``), or a message (``role 'alpha'``) and a path after it."""


def within(where: Where, path: str) -> Where:
    """*where*, then *path* (``.name``, ``[2]``)."""
    return where + path if isinstance(where, str) else msg("where.within", where=where, path=path)


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

    def fail(self, node: Node | None, message: Words) -> None:
        if node is None:
            self.problems.append(Problem(self.file, None, None, message))
            return
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))

    def _visit(self, node: Node) -> bool:
        self._visits += 1
        if self._visits == MAX_NODES + 1:
            self.fail(node, msg("yaml.too_many_values", limit=MAX_NODES))
        return self._visits <= MAX_NODES

    # -- shapes ------------------------------------------------------------

    def expect_mapping(self, node: Node, what: Where) -> dict[str, Node] | None:
        """The entries of a mapping node by key, reporting duplicate keys."""
        if not self._visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, msg("yaml.expected", what=what, expected=msg("yaml.kind.mapping"),
                                found=kind_of(node)))
            return None
        entries: dict[str, Node] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = scalar_value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                self.fail(key_node, msg("yaml.expected", what=what,
                                        expected=msg("yaml.kind.text_key"),
                                        found=kind_of(key_node)))
                continue
            key = str(key)
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self.fail(key_node, msg("yaml.duplicate_key", what=what, key=repr(key),
                                        line=line))
                continue
            first_seen[key] = key_node
            entries[key] = value_node
        return entries

    def expect_fields(
        self,
        node: Node,
        what: Where,
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
        what: Where,
        *,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> None:
        """Report missing and unknown keys of a mapping already read with expect_mapping."""
        for key in required:
            if key not in entries:
                self.fail(node, msg("yaml.missing_key", what=what, key=repr(key)))
        allowed = set(required) | set(optional)
        for key, value in entries.items():
            if key not in allowed:
                expected = ", ".join(repr(k) for k in (*required, *optional))
                self.fail(self.key_node(node, key) or value,
                          msg("yaml.unknown_key", what=what, key=repr(key), expected=expected))

    def expect_list(self, node: Node, what: Where, *, min_items: int = 0) -> list[Node] | None:
        if not self._visit(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, msg("yaml.expected", what=what, expected=msg("yaml.kind.list"),
                                found=kind_of(node)))
            return None
        if len(node.value) < min_items:
            key = "yaml.too_few_items.one" if min_items == 1 else "yaml.too_few_items"
            self.fail(node, msg(key, what=what, minimum=min_items, found=len(node.value)))
        return list(node.value)

    def expect_scalar(self, node: Node, what: Where, accept: Callable[[Any], bool],
                      expected: Words) -> Any:
        if not self._visit(node):
            return None
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(node, yaml.ScalarNode) or not accept(value):
            self.fail(node, msg("yaml.expected", what=what, expected=expected,
                                found=kind_of(node)))
            return None
        return value

    def expect_text(self, node: Node, what: Where) -> str | None:
        value = self.expect_scalar(
            node, what, lambda v: isinstance(v, str) and bool(v.strip()),
            msg("yaml.expected.text"),
        )
        return None if value is None else str(value).strip()

    def expect_id(self, node: Node, what: Where) -> str | None:
        value = self.expect_scalar(
            node,
            what,
            lambda v: isinstance(v, str) and bool(ID_PATTERN.fullmatch(v)),
            msg("yaml.expected.id"),
        )
        return None if value is None else str(value)

    def expect_number(self, node: Node, what: Where, low: float, high: float) -> float | None:
        value = self.expect_scalar(
            node,
            what,
            lambda v: isinstance(v, int | float) and not isinstance(v, bool) and low <= v <= high,
            msg("yaml.expected.number", low=f"{low:g}", high=f"{high:g}"),
        )
        return None if value is None else float(value)

    def expect_integer(self, node: Node, what: Where, low: int, high: int) -> int | None:
        value = self.expect_scalar(
            node,
            what,
            lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high,
            msg("yaml.expected.integer", low=low, high=high),
        )
        return None if value is None else int(value)

    def expect_bool(self, node: Node, what: Where) -> bool | None:
        value = self.expect_scalar(node, what, lambda v: isinstance(v, bool),
                                   msg("yaml.expected.bool"))
        return None if value is None else bool(value)

    @staticmethod
    def key_node(mapping: Node, key: str) -> Node | None:
        """The node of *key* in *mapping*, to point at the key itself."""
        for key_node, _ in mapping.value:
            if isinstance(key_node, yaml.ScalarNode) and str(key_node.value) == key:
                return key_node
        return None
