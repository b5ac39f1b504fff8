"""The shipped questions: balanced listed order and letters, and texts that never change.

These tests read ``data/roles.yaml`` with PyYAML, not with rolequiz's loader,
and compare it with a snapshot written by hand (``fixtures/question-texts.yaml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent.parent
SNAPSHOT = Path(__file__).parent.parent / "fixtures" / "question-texts.yaml"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    """The shipped knowledge base as plain YAML."""
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "data" / "roles.yaml").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    """Question id -> its text and, for a scenario, option id -> option text."""
    loaded: dict[str, Any] = yaml.safe_load(SNAPSHOT.read_text("utf-8"))["questions"]
    return loaded


def side(option: dict[str, Any], roles: list[dict[str, Any]]) -> str:
    """The role an option points to: the one whose targets its weights average highest."""
    weights: dict[str, float] = option["weights"]

    def appeal(role: dict[str, Any]) -> float:
        targets = {d: (level - 1) / 4 for d, level in role["profile"].items()}
        return sum(w * targets[d] for d, w in weights.items()) / sum(weights.values())

    return max(roles, key=appeal)["id"]


def test_each_role_is_listed_first_about_equally_often(data: dict[str, Any]) -> None:
    """Per role, the scenarios listing its side first are within one of the mean."""
    roles = data["roles"]
    firsts = [side(q["options"][0], roles)
              for q in data["questions"] if q["type"] == "choice"]
    counts = {role["id"]: firsts.count(role["id"]) for role in roles}
    mean = len(firsts) / len(roles)
    assert all(abs(count - mean) <= 1 for count in counts.values()), counts


def test_question_ids_and_order_are_the_snapshot(
    data: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    """The twenty questions keep their ids, in their order."""
    assert [q["id"] for q in data["questions"]] == list(snapshot)


def test_question_texts_are_the_snapshot(data: dict[str, Any], snapshot: dict[str, Any]) -> None:
    """No question text changed, in either language."""
    assert {q["id"]: q["text"] for q in data["questions"]} == {
        qid: entry["text"] for qid, entry in snapshot.items()}


def test_every_option_id_before_lettering_2_names_its_snapshot_text(
    data: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    """Each option's id before the re-lettering (``was``, else its id) keeps its text, so
    that sheets written earlier still name what their students chose."""
    found = {q["id"]: {o.get("was", o["id"]): o["text"] for o in q["options"]}
             for q in data["questions"] if q["type"] == "choice"}
    assert found == {qid: entry["options"] for qid, entry in snapshot.items() if "options" in entry}


def test_every_option_id_is_its_listed_letter(data: dict[str, Any]) -> None:
    """A scenario's options are ``a``, ``b``, ``c``, ``d`` in the order they are listed."""
    ids = [[o["id"] for o in q["options"]] for q in data["questions"] if q["type"] == "choice"]
    assert ids == [["a", "b", "c", "d"]] * 9


def test_no_letter_is_one_roles_side_in_more_than_4_of_the_9_scenarios(
    data: dict[str, Any]
) -> None:
    """Per role and letter, the scenarios where that letter is among the options the role's
    levels favour most (weighted mean, ties counted for each) are at most 4."""
    counts: dict[tuple[str, str], int] = {}
    for question in (q for q in data["questions"] if q["type"] == "choice"):
        for role in data["roles"]:
            appeal = [sum(w * role["profile"][d] for d, w in o["weights"].items())
                      / sum(o["weights"].values()) for o in question["options"]]
            for option, value in zip(question["options"], appeal, strict=True):
                if value == max(appeal):
                    key = (option["id"], role["id"])
                    counts[key] = counts.get(key, 0) + 1
    assert max(counts.values()) <= 4, counts
