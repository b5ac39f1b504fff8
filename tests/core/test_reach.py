"""``validate`` warns about a role that no set of answers makes even "leaning".

In ``four-roles.yaml`` the Librarian (levels 4, 3, 3) is too like the Curator (5, 2, 2)
for its six questions to tell apart: of its 3,375 possible sheets, the one that favours
the Librarian most gives it 51 %, below the 75 % of "leaning".  The shipped knowledge
base and ``four-roles-validity.yaml`` let every role be reached.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import FIXTURES

from rolequiz.core.kb import knowledge
from rolequiz.core.roles import bestsheet, reach

Run = Callable[..., tuple[int, str, str]]

FOUR_ROLES = FIXTURES / "four-roles.yaml"
VALIDITY = FIXTURES / "four-roles-validity.yaml"
SHIPPED = Path(__file__).parent.parent.parent / "data" / "roles.yaml"


def test_the_librarian_of_four_roles_is_unreachable_and_the_curator_takes_it() -> None:
    """Only the Librarian (delta) is reported; its best sheet gives it 51 % and is the Curator's."""
    found = reach.unreachable(knowledge.load(FOUR_ROLES))
    assert [(r.role_id, r.rival_id) for r in found] == [("delta", "alpha")]
    assert found[0].best == pytest.approx(0.51, abs=0.01)


@pytest.mark.parametrize("path", [SHIPPED, VALIDITY], ids=["shipped", "four-roles-validity"])
def test_knowledge_bases_whose_roles_are_all_reachable_report_none(path: Path) -> None:
    """The shipped knowledge base and the four-role validity fixture: every role reachable."""
    assert reach.unreachable(knowledge.load(path)) == ()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "warning: no set of answers makes Librarian even “leaning” (at best 51%, “leaning” "
           "needs 75%): its answers are too like Curator's; add questions where they differ, "
           "or move their levels apart"),
    ("id", "peringatan: tidak ada susunan jawaban yang membuat hasil bahkan “cenderung” ke "
           "Pustakawan (paling tinggi 51%, “cenderung” perlu 75%): jawabannya terlalu mirip "
           "dengan Kurator; tambahkan pertanyaan yang membedakan keduanya, atau jauhkan level "
           "mereka"),
])
def test_validate_warns_about_the_librarian_on_stderr_and_exits_0(
    run: Run, lang: str, expected: str
) -> None:
    """``validate --kb four-roles.yaml``: exit 0, the summary, the warning on stderr first
    (the warnings about the file's letters, see test_lettering.py, and about how often each
    role is found follow)."""
    code, out, err = run("validate", "--kb", FOUR_ROLES, "--lang", lang)
    assert code == 0
    assert "".join(out.split()).startswith(f"{FOUR_ROLES}:valid")
    assert err.splitlines()[0] == f"{FOUR_ROLES}: {expected}"


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("path", [SHIPPED, VALIDITY], ids=["shipped", "four-roles-validity"])
def test_validate_gives_no_warning_when_every_role_is_reachable(
    run: Run, path: Path, lang: str
) -> None:
    """``validate`` of the shipped file and the validity fixture: exit 0, nothing on stderr."""
    code, out, err = run("validate", "--kb", path, "--lang", lang)
    assert (code, err) == (0, "")
    assert "".join(out.split()).startswith(f"{path}:valid")


def test_the_search_without_trying_every_sheet_still_finds_the_librarian_unreachable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where there are too many sheets to try (20+ questions), the search still reports the
    Librarian, and no other role: the coordinate ascent finds the sheets that reach them."""
    monkeypatch.setattr(bestsheet, "EXHAUSTIVE", 0)
    found = bestsheet.unreachable(knowledge.load(FOUR_ROLES))
    assert [(role, rival) for role, _, rival in found] == [("delta", "alpha")]


def test_a_second_validate_reads_the_warning_back_from_the_cache(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second ``validate`` of an unchanged file gives the same warning without searching
    again (the search imports NumPy, which ``validate`` otherwise never needs)."""
    first = run("validate", "--kb", FOUR_ROLES)

    def no_search(*_: object) -> None:
        raise AssertionError("searched again")

    monkeypatch.setattr(bestsheet, "unreachable", no_search)
    second = run("validate", "--kb", FOUR_ROLES)
    assert first == second
    assert "Librarian" in second[2]
