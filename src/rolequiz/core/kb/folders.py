"""Where rolequiz keeps things for a user: unfinished quizzes and the knowledge-base cache.

``ROLEQUIZ_HOME`` puts both in one folder of your choice (tests, shared lab
machines); otherwise they follow the platform (platformdirs): on Linux
``~/.local/share/rolequiz`` and ``~/.cache/rolequiz``.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "ROLEQUIZ_HOME"


def data_folder() -> Path:
    """The folder of the default session."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home)
    import platformdirs

    return platformdirs.user_data_path("rolequiz", appauthor=False)


def cache_folder() -> Path:
    """The folder of the knowledge-base cache."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "cache"
    import platformdirs

    return platformdirs.user_cache_path("rolequiz", appauthor=False)
