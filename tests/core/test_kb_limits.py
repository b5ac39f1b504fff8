"""A knowledge base past the sizes rolequiz checks and scores (issue 20: ``validate`` ran
into an OverflowError at about 530 questions and took 30 s with 100 roles): one located
line, exit 2.  The table of limits in docs/exit-codes.md states them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rolequiz.core.kb import schema

Run = Callable[..., tuple[int, str, str]]


def sized(tiny_text: str, *, roles: int = 3, questions: int = 6, options: int = 3) -> str:
    """The tiny knowledge base grown to *roles* roles, *questions* questions and *options*
    options per choice question (copies of its own, renamed)."""
    data: dict[str, Any] = yaml.safe_load(tiny_text)
    base = data["roles"]
    data["roles"] = [dict(copy.deepcopy(base[n % len(base)]), id=f"role{n}",
                          name={"id": f"Peran {n}", "en": f"Role {n}"},
                          profile={"red": 1 + n % 5, "green": 1 + n // 5 % 5, "blue": 3})
                     for n in range(roles)]
    for program in data["programs"]:
        program["roles"] = ["role0"]
    asked = data["questions"]
    data["questions"] = [dict(copy.deepcopy(asked[n % len(asked)]), id=f"q{n + 1}")
                         for n in range(questions)]
    for question in data["questions"]:
        if question["type"] == "choice":
            given = question["options"]
            question["options"] = [dict(copy.deepcopy(given[n % len(given)]), id=f"o{n}")
                                   for n in range(options)]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def validate(run: Run, tmp_path: Path, text: str) -> tuple[int, str]:
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("validate", path, "--lang", "en")
    return code, out + err


def line_of(text: str, key: str) -> int:
    return text.splitlines().index(key) + 1


def test_530_questions_are_one_located_line(run: Run, tmp_path: Path, tiny_text: str) -> None:
    """Past the question limit: where the list starts, the count and the limit."""
    text = sized(tiny_text, questions=530)
    code, said = validate(run, tmp_path, text)
    assert code == 2
    assert f"kb.yaml:{line_of(text, '- id: q1')}:1: questions: 530 of them, more than the " \
           f"{schema.MAX_QUESTIONS} rolequiz checks and scores" in said
    assert "OverflowError" not in said and "internal error" not in said


def test_more_roles_than_the_limit_are_refused(run: Run, tmp_path: Path,
                                               tiny_text: str) -> None:
    """One role past the limit: refused before the search that would take minutes."""
    code, said = validate(run, tmp_path, sized(tiny_text, roles=schema.MAX_ROLES + 1))
    assert code == 2
    assert f"roles: {schema.MAX_ROLES + 1} of them, more than the {schema.MAX_ROLES}" in said


def test_more_options_than_the_limit_are_refused(run: Run, tmp_path: Path,
                                                 tiny_text: str) -> None:
    """A choice question with one option past the limit names the question."""
    code, said = validate(run, tmp_path, sized(tiny_text, options=schema.MAX_OPTIONS + 1))
    assert code == 2
    assert f"question 'q1'.options: {schema.MAX_OPTIONS + 1} of them" in said


def test_a_scale_longer_than_the_limit_is_refused(run: Run, tmp_path: Path,
                                                  tiny_text: str) -> None:
    """A scale of more points than a question may have options."""
    data = yaml.safe_load(tiny_text)
    data["settings"]["scale"] = [{"id": f"{n}", "en": f"{n}"}
                                 for n in range(schema.MAX_OPTIONS + 1)]
    code, said = validate(run, tmp_path, yaml.safe_dump(data, sort_keys=False))
    assert code == 2
    assert f"settings.scale: {schema.MAX_OPTIONS + 1} of them" in said


@pytest.mark.parametrize("size", [{"questions": schema.MAX_QUESTIONS},
                                  {"roles": schema.MAX_ROLES},
                                  {"options": schema.MAX_OPTIONS}],
                         ids=["questions", "roles", "options"])
def test_a_knowledge_base_at_the_limits_validates(run: Run, tmp_path: Path, tiny_text: str,
                                                  size: dict[str, int]) -> None:
    """Exactly at each limit: checked like any other (exit 0)."""
    code, said = validate(run, tmp_path, sized(tiny_text, **size))
    assert code == 0, said
