"""Command-line values converted as Typer converts them, without importing pydantic.

Typer 0.29 converts each parameter's value through a pydantic ``TypeAdapter``
that it builds the first time the parameter is parsed, given or not: for
``rolequiz quiz`` that is about 60 ms of imports before the first question.
rolequiz's parameters are text, paths and lists of them; :func:`install`
gives each of those a converter that does what Typer's does (text stays
text, a path becomes a :class:`~pathlib.Path`, an existing path must be
readable), and leaves any other parameter to Typer.

The hook, a parameter's ``_runtime_param``, is Typer's own and private: it is
used only when Typer's converters have the shape this module imitates
(``coerce(value, param, ctx)``); on any other Typer, Typer converts as before.
A test checks that values still arrive as the commands expect.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args, get_origin

import typer

LEAVES: dict[Any, Callable[[Any], Any]] = {
    str: lambda value: value.decode("utf-8", "replace") if isinstance(value, bytes)
    else str(value),
    Path: lambda value: value if isinstance(value, Path) else Path(value),
}

DEFAULTS = {"exists": False, "file_okay": True, "dir_okay": True, "writable": False,
            "readable": True, "resolve_path": False, "allow_dash": False, "path_type": None,
            "parser": None, "click_type": None}
"""Typer's defaults for what a parameter can ask of its value; any other setting, and the
parameter keeps Typer's conversion."""


class PlainValue:
    """The conversion of one parameter: ``coerce`` is what Typer calls."""

    def __init__(self, leaf: Any, *, many: bool) -> None:
        self.leaf = leaf
        self.many = many

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = bool(getattr(param, "multiple", False)) or getattr(param, "nargs", 1) == -1
        if value is None:
            return () if multiple else None
        if multiple and isinstance(value, str):
            raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        if self.many:
            items = value if isinstance(value, (list, tuple)) else [value]
            return [self.one(item, param, ctx) for item in items]
        return self.one(value, param, ctx)

    def one(self, value: Any, param: Any, ctx: Any) -> Any:
        converted = LEAVES[self.leaf](value)
        if self.leaf is Path and _unreadable(converted):
            raise typer.BadParameter(f"path {str(value)!r} is not readable.",
                                     ctx=ctx, param=param)
        return converted


def _unreadable(path: Path) -> bool:
    try:
        return path.exists() and not os.access(path, os.R_OK)
    except (OSError, ValueError):  # a name the system refuses: for the command to report
        return False


def plain_value(param: Any) -> PlainValue | None:
    """A plain conversion for *param*, or None when it needs Typer's own."""
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if descriptor is None or info is None or getattr(descriptor, "file_annotation", None):
        return None
    if any(getattr(info, name, default) != default for name, default in DEFAULTS.items()):
        return None
    annotation = descriptor.annotation
    many = get_origin(annotation) is list
    leaf = get_args(annotation)[0] if many else annotation
    return PlainValue(leaf, many=many) if leaf in LEAVES else None


def hooked() -> bool:
    """Whether this Typer converts a value with ``param._runtime_param.coerce(value, param,
    ctx)``, as Typer 0.29 does."""
    runtime = getattr(sys.modules.get("typer._coercion"), "RuntimeParam", None)
    coerce = getattr(runtime, "coerce", None)
    return coerce is not None and \
        list(inspect.signature(coerce).parameters) == ["self", "value", "param", "ctx"]


def install(command: Any) -> Any:
    """Give every text and path parameter of *command* and its subcommands a plain
    conversion, where this Typer has the hook for it; returns *command*."""
    if hooked():
        _install(command)
    return command


def _install(command: Any) -> None:
    for param in getattr(command, "params", ()):
        plain = plain_value(param)
        if plain is not None and hasattr(param, "_runtime_param"):
            param._runtime_param = plain
    for sub in getattr(command, "commands", {}).values():
        _install(sub)
