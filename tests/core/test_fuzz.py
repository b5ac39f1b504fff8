"""Fuzzing the loader and the engine: whatever goes in, only rolequiz's own errors come out.

How much runs in CI: 1,500 random texts and 1,250 mutated knowledge bases
(1,000 of the tests' small one, 250 of the shipped one) through the loader,
1,750 answer sheets through the sheet reader and the engine, and 500 random
byte strings through the file reader: 5,000 examples, 20 to 35 seconds on the
2-core machine.  ``derandomize`` keeps each run the
same, so a failure in CI is a failure on every machine.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import budget
from rolequiz.core.kb import knowledge
from rolequiz.core.student import scoring
from rolequiz.core.student import sheets as answers
from rolequiz.errors import AnswerSheetError, KnowledgeBaseError

KB = knowledge.load()
SHIPPED = yaml.safe_load(knowledge.shipped_path().read_text(encoding="utf-8"))
TINY = yaml.safe_load((Path(__file__).parent.parent / "fixtures" / "tiny.yaml").read_text("utf-8"))
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PATH = Path("fuzz.yaml")

def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True),
    st.text(max_size=12), st.sampled_from(["id", "en", "a", "1", "q01", "officer", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=5,
)

YAML_PIECES = st.sampled_from([
    "version: 1\n", "title: {id: a, en: b}\n", "- ", ": ", "&a ", "*a ", "!!python/object ",
    "[", "]", "{", "}", "'", '"', "\n  ", "\t", "---\n", "...\n", "? ", "|\n", ">\n", "#",
    "\x00", "\ufeff", "\x85", "%YAML 1.1\n", "!!binary ", "<<: *a\n",
])


@fuzz(budget(1500))
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=6)), max_size=30).map("".join))
def test_any_text_loads_or_fails_with_a_knowledge_base_error(text: str) -> None:
    """Random text is a knowledge base or a KnowledgeBaseError, never anything else."""
    _parse_kb(text)


def _parse_kb(text: str) -> None:
    try:
        kb = knowledge.parse(text, path=PATH)
    except KnowledgeBaseError as error:
        assert error.problems
        assert all(problem.file == str(PATH) for problem in error.problems)
        return
    assert kb.roles and kb.questions


def _mutate(document: Any, path: list[Any], action: str, value: Any) -> Any:
    """Apply one mutation at *path* (indexes taken modulo the size of each level)."""
    document = copy.deepcopy(document)
    parent: Any = None
    key: Any = None
    node = document
    for step in path:
        if isinstance(node, dict) and node:
            key = list(node)[step % len(node)]
        elif isinstance(node, list) and node:
            key = step % len(node)
        else:
            break
        parent, node = node, node[key]
    if parent is None:
        return value if action == "replace" else document
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif action == "rename" and isinstance(parent, dict):
        parent[str(value)] = parent.pop(key)
    return document


MUTATIONS = st.lists(
    st.tuples(st.lists(st.integers(0, 50), min_size=1, max_size=6),
              st.sampled_from(["delete", "replace", "duplicate", "rename"]), values),
    min_size=1, max_size=3,
)


def _check_mutated(document: Any, mutations: list[tuple[list[int], str, Any]]) -> None:
    for path, action, value in mutations:
        document = _mutate(document, path, action, value)
    text = yaml.dump(document, Dumper=DUMPER, allow_unicode=True)
    try:
        kb = knowledge.parse(text, path=PATH)
    except KnowledgeBaseError as error:
        assert all(problem.line is not None for problem in error.problems), error.problems
        return
    scoring.score(kb, {q.id: 0 for q in kb.questions})


@fuzz(budget(1000))
@given(MUTATIONS)
def test_mutated_small_knowledge_base_loads_or_fails_with_located_problems(
    mutations: list[tuple[list[int], str, Any]]
) -> None:
    """The tests' small knowledge base with random edits: valid, or every problem located."""
    _check_mutated(TINY, mutations)


@fuzz(budget(250))
@given(MUTATIONS)
def test_mutated_shipped_knowledge_base_loads_or_fails_with_located_problems(
    mutations: list[tuple[list[int], str, Any]]
) -> None:
    """The shipped knowledge base with random edits: valid, or every problem located."""
    _check_mutated(SHIPPED, mutations)


answer_values = st.one_of(
    st.integers(-2, 7), st.sampled_from(["a", "b", "c", "d", "e", "1", "5", "", " 2 "]),
    st.none(), st.booleans(), st.floats(allow_nan=True), st.lists(st.integers(), max_size=2),
    st.text(max_size=5),
)
question_ids = st.one_of(st.sampled_from([q.id for q in KB.questions]),
                         st.sampled_from(["name", "answers", "knowledge_base", "q99", ""]),
                         st.text(max_size=5))


@fuzz(budget(1750))
@given(st.dictionaries(question_ids, answer_values, max_size=len(KB.questions) + 3),
       st.booleans(), st.sampled_from(["yaml", "json"]))
def test_any_answer_sheet_scores_or_fails_with_an_answer_sheet_error(
    entries: dict[str, Any], nested: bool, style: str
) -> None:
    """A random sheet is scored, or refused with an AnswerSheetError; partial reads never
    raise for answers that do not fit."""
    import json

    document: Any = {"answers": entries} if nested else entries
    text = json.dumps(document) if style == "json" else yaml.safe_dump(document)
    try:
        sheet = answers.parse(text, file="sheet", kb=KB)
    except AnswerSheetError as error:
        assert error.problems
    else:
        result = scoring.score(KB, sheet.answers)
        assert 0 <= result.top.fit <= 100
    try:
        partial = answers.parse_partial(text, file="sheet", kb=KB)
    except AnswerSheetError:
        return
    assert set(partial.sheet.answers) <= {q.id for q in KB.questions}


@fuzz(budget(500))
@given(data=st.binary(max_size=200))
def test_any_bytes_in_a_file_load_or_fail_with_a_knowledge_base_error(
    data: bytes, tmp_path: Path
) -> None:
    """Bytes on disk: decoded and validated, or one KnowledgeBaseError."""
    path = tmp_path / "kb.yaml"
    path.write_bytes(data)
    try:
        knowledge.load(path)
    except KnowledgeBaseError as error:
        assert error.problems
