"""The terminal comparison wraps its lists itself, exactly as a grid of bullets would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import Lang
from rolequiz.core.roles import compare as core
from rolequiz.terminal import compare as compare_view
from rolequiz.terminal import views as render


def shown(view: RenderableType, width: int) -> str:
    out = io.StringIO()
    render.show(Console(file=out, width=width, color_system=None, highlight=False), view)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("kb_path", [None, Path(__file__).parent.parent / "fixtures" / "tiny.yaml"],
                         ids=["shipped", "tiny"])
def test_lists_wrapped_as_text_look_like_the_grid_of_bullets(
        lang: Lang, kb_path: Path | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """At every width from 40 to 240 columns, character for character."""
    comparison = core.compare(knowledge.load(kb_path), lang)
    fast = {width: shown(compare_view.view(comparison, width=width), width)
            for width in range(40, 241, 3)}
    items = compare_view._items
    monkeypatch.setattr(compare_view, "_items", lambda texts, lang, wrap=None: items(texts, lang))
    for width, text in fast.items():
        assert text == shown(compare_view.view(comparison, width=width), width), width
