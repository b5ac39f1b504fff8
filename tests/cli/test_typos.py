"""A mistyped command or option gets the closest real one suggested, in the user's
language: one line on stderr, exit 2."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checks import assert_one_error_line

Run = Callable[..., tuple[int, str, str]]
SUGGEST = {"en": "did you mean {}?", "id": "mungkin maksudnya {}?"}


@pytest.fixture(autouse=True)
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 60-column terminal: the line is still one line."""
    monkeypatch.setenv("COLUMNS", "60")


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(("typed", "typo", "meant"), [
    (["cohrot", "class.csv"], "cohrot", "cohort"),
    (["compair"], "compair", "compare"),
    (["rols"], "rols", "roles"),
    (["compare", "--ouput", "x.csv"], "--ouput", "--output"),
    (["compare", "--format", "csv", "--delimeter", ";"], "--delimeter", "--delimiter"),
    (["score", "sheet.yaml", "--jsno"], "--jsno", "--json"),
    (["cohort", "--templat", "x.csv"], "--templat", "--template"),
])
def test_a_typo_is_answered_with_the_closest_name(
    run: Run, lang: str, typed: list[str], typo: str, meant: str
) -> None:
    """`cohrot` suggests `cohort`, `--ouput` suggests `--output`, in the user's language."""
    line = assert_one_error_line(*run("--lang", lang, *typed))
    assert typo in line
    assert SUGGEST[lang].format(meant) in line


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_name_close_to_nothing_gets_no_suggestion(run: Run, lang: str) -> None:
    """A word like no command at all is refused without a guess."""
    line = assert_one_error_line(*run("--lang", lang, "xyzzy"))
    assert "xyzzy" in line
    assert SUGGEST[lang].format("")[:8] not in line


def test_the_language_of_the_environment_is_used(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ROLEQUIZ_LANG=id`` without ``--lang``: the suggestion is in Indonesian."""
    monkeypatch.setenv("ROLEQUIZ_LANG", "id")
    line = assert_one_error_line(*run("compare", "--ouput", "x.csv"))
    assert line == ("rolequiz: kesalahan: opsi tidak dikenal: --ouput; "
                    "mungkin maksudnya --output? (lihat 'rolequiz compare --help')")


def test_the_whole_line_in_english(run: Run) -> None:
    """The line names what was typed, the suggestion and where to read more."""
    line = assert_one_error_line(*run("cohrot"))
    assert line == ("rolequiz: error: no such command 'cohrot'; did you mean cohort? "
                    "(see 'rolequiz --help')")
