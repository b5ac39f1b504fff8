"""A profiler sees the whole run: ``python -m cProfile -o FILE -m rolequiz ...`` saves FILE.

rolequiz leaves with :func:`os._exit` to skip tearing the interpreter down; under a
profiler it exits normally instead, or the profile would never be written.
"""

from __future__ import annotations

import pstats
import subprocess
import sys
from pathlib import Path


def test_cprofile_saves_the_profile_of_a_command(tmp_path: Path) -> None:
    """The profile file is written and holds rolequiz's own functions."""
    saved = tmp_path / "prof.out"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(saved), "-m", "rolequiz",
                           "--lang", "en", "roles"], capture_output=True, text=True,
                          cwd=tmp_path, stdin=subprocess.DEVNULL, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    functions = pstats.Stats(str(saved)).stats  # type: ignore[attr-defined]
    assert any("rolequiz" in file for file, _, _ in functions)
