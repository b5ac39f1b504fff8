"""How a class travels through rolequiz's modules: ``python benchmarks/handoffs.py``.

Runs ``rolequiz cohort FORM -o class.html --reports DIR`` in this process on a
Google Forms export of a few students (``make_form.py``), with a profile hook
that sees every call of a Python function.  From the moment the export is
first read to the end, a call from one module of rolequiz to another is a
hand-off; the knowledge base's modules (``core/kb``) and the top-level helpers
(``errors``, ``i18n``, ``numbers``, ``text``, ``files``) are the ground every
module stands on, and are not counted.  It prints:

- the hand-offs (distinct caller module → called module pairs) and the modules
  they join;
- those between layers, and those from ``core`` up to an edge (core calling a function
  the edge gave it, or resuming a generator the edge made);
- the layers in the order the class passes through them (``cli``, ``core``,
  ``export``, ``terminal``; a layer named once for each stay);
- the lines of code of the modules on the path (``wc -l``).

It measures whatever rolequiz the interpreter imports: give another checkout's
``src`` first on ``PYTHONPATH`` to measure that one.  A measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import runpy
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

GROUND = ("rolequiz.errors", "rolequiz.i18n", "rolequiz.numbers", "rolequiz.text",
          "rolequiz.files", "rolequiz.__main__", "rolequiz.core.kb.",
          # the same modules before core/ had its parts
          "rolequiz.core.model", "rolequiz.core.knowledge", "rolequiz.core.cache",
          "rolequiz.core.schema", "rolequiz.core.yamlnodes", "rolequiz.core.inputs",
          "rolequiz.core.folders", "rolequiz.core.lettering", "rolequiz.core.questionnaire")
"""Modules every other stands on: calls into them are not hand-offs."""
READERS = ("batches", "reader", "forms", "responses", "kinds", "workbook", "archive")
"""The last part of a reader module's name: the class is first read there."""


def counted(module: str) -> bool:
    return module.startswith("rolequiz.") and not module.startswith(GROUND) and \
        module not in GROUND


def layer(module: str) -> str:
    return module.split(".")[1]


def trace(argv: list[str]) -> list[tuple[str, str]]:
    """Every call between two counted modules, in order, from the first read on."""
    calls: list[tuple[str, str]] = []
    reading = False

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal reading
        if event != "call" or frame.f_back is None:
            return
        callee = frame.f_globals.get("__name__", "")
        caller = frame.f_back.f_globals.get("__name__", "")
        if not reading:
            reading = callee.rsplit(".", 1)[-1] in READERS and callee.startswith("rolequiz.core")
        if reading and caller != callee and counted(caller) and counted(callee):
            calls.append((caller, callee))

    def leave(code: int = 0) -> None:  # an older rolequiz leaves with os._exit
        raise SystemExit(code)

    exit_before, os._exit = os._exit, leave  # type: ignore[assignment]
    sys.argv = ["rolequiz", *argv]
    sys.setprofile(hook)
    try:
        runpy.run_module("rolequiz", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    finally:
        sys.setprofile(None)
        os._exit = exit_before
    return calls


def source(root: Path, module: str) -> Path:
    """The file of *module* (a package's ``__init__.py``)."""
    path = root.joinpath(*module.split(".")[1:])
    return path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"


def length(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3)
    parser.add_argument("--form", type=Path, help="this export instead of a new one (an "
                        "older rolequiz cannot make one with make_form.py)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        if args.form is None:
            from make_form import write as write_form

            form = write_form(Path(work) / "form.csv", args.students)
        else:
            form = args.form
        calls = trace(["cohort", str(form), "-o", f"{work}/class.html",
                       "--reports", f"{work}/reports", "--lang", "en"])
    pairs = list(dict.fromkeys(calls))
    modules = sorted({m for pair in pairs for m in pair})
    layers: list[str] = []
    for _, callee in calls:
        if not layers or layers[-1] != layer(callee):
            layers.append(layer(callee))
    import rolequiz

    root = Path(rolequiz.__file__).parent
    lines = sum(map(length, (source(root, m) for m in modules)))
    print(f"rolequiz at {root}")
    print(f"hand-offs (caller module -> called module): {len(pairs)}, across "
          f"{len(modules)} modules of {lines:,} lines")
    across = [(a, b) for a, b in pairs if layer(a) != layer(b)]
    upward = [(a, b) for a, b in across if layer(a) == "core"]
    print(f"of them between layers: {len(across)}; from core up to an edge (a callback, or a "
          f"generator of the edge that core drives): {len(upward)}")
    print(f"layers in order ({len(layers)} stays): {' -> '.join(layers)}")
    for caller, callee in pairs:
        print(f"  {caller.removeprefix('rolequiz.')} -> {callee.removeprefix('rolequiz.')}")


if __name__ == "__main__":
    main()
