"""Answer sheets: what they may contain, and what a person is told when they are wrong.

Most tests parse a sheet against the tiny test knowledge base with
``answers.parse``; the last ones check that the CLI turns every such problem
into exactly one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import sheets as answers
from rolequiz.errors import AnswerSheetError, Problem
from rolequiz.text import printable

FILE = "sheet.yaml"

Run = Callable[..., tuple[int, str, str]]


# -- helpers -----------------------------------------------------------------


def sheet_text(entries: Mapping[str, object]) -> str:
    """One ``key: value`` line per entry, in order, values as YAML flow."""
    lines = []
    for key, value in entries.items():
        shown = yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("\n...")
        lines.append(f"{key}: {shown}")
    return "\n".join(lines) + "\n"


def first_options(kb: KnowledgeBase) -> dict[str, object]:
    """A complete sheet answering every question with its first option's id."""
    return {q.id: q.options[0].id for q in kb.questions}


def line_of(text: str, start: str) -> int:
    """The 1-based number of the only line of *text* that starts with *start*."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    assert len(numbers) == 1, numbers
    return numbers[0]


def problems_of(text: str, kb: KnowledgeBase) -> tuple[Problem, ...]:
    """The problems ``answers.parse`` reports for *text*; fails the test if there are none."""
    with pytest.raises(AnswerSheetError) as raised:
        answers.parse(text, file=FILE, kb=kb)
    return raised.value.problems


def only_problem(text: str, kb: KnowledgeBase) -> Problem:
    problems = problems_of(text, kb)
    assert len(problems) == 1, problems
    return problems[0]


def with_answer(kb: KnowledgeBase, question_id: str, value: str) -> str:
    """A complete sheet whose answer to *question_id* is the raw YAML *value*."""
    text = sheet_text(first_options(kb))
    return "\n".join(f"{question_id}: {value}" if line.startswith(f"{question_id}:") else line
                     for line in text.splitlines()) + "\n"


def complete_answers(kb: KnowledgeBase) -> st.SearchStrategy[dict[str, int]]:
    """Any complete set of answers for *kb*, as option indexes."""
    return st.fixed_dictionaries(
        {q.id: st.integers(0, len(q.options) - 1) for q in kb.questions})


# -- sheets that are read ----------------------------------------------------


def test_answers_by_option_id(tiny_kb: KnowledgeBase) -> None:
    """An option id names that option."""
    chosen = {q.id: q.options[-1].id for q in tiny_kb.questions}
    sheet = answers.parse(sheet_text(chosen), file=FILE, kb=tiny_kb)
    assert sheet == answers.Sheet({q.id: len(q.options) - 1 for q in tiny_kb.questions})


def test_answers_by_number_count_from_one(tiny_kb: KnowledgeBase) -> None:
    """A number N names the N-th option."""
    numbers = {q.id: len(q.options) for q in tiny_kb.questions}
    sheet = answers.parse(sheet_text(numbers), file=FILE, kb=tiny_kb)
    assert sheet.answers == {q.id: len(q.options) - 1 for q in tiny_kb.questions}


def test_a_number_written_as_text_is_a_number(tiny_kb: KnowledgeBase) -> None:
    """``"2"`` (quoted) names the second option when no option has the id "2"."""
    quoted = {q.id: "2" for q in tiny_kb.questions}
    assert all(q.option_index("2") in (None, 1) for q in tiny_kb.questions)
    sheet = answers.parse(sheet_text(quoted), file=FILE, kb=tiny_kb)
    assert sheet.answers == {q.id: 1 for q in tiny_kb.questions}


def test_answers_nested_under_answers_with_a_name(tiny_kb: KnowledgeBase) -> None:
    """``name`` and ``answers:`` as rolequiz writes them; the name is stripped."""
    text = yaml.safe_dump({"name": "  Sari  ", "answers": first_options(tiny_kb)})
    sheet = answers.parse(text, file=FILE, kb=tiny_kb)
    assert sheet == answers.Sheet({q.id: 0 for q in tiny_kb.questions}, name="Sari")


def test_a_json_sheet_is_read(tiny_kb: KnowledgeBase) -> None:
    """JSON is a sheet format too."""
    text = json.dumps({"name": "Sari", **first_options(tiny_kb)})
    sheet = answers.parse(text, file="sheet.json", kb=tiny_kb)
    assert sheet == answers.Sheet({q.id: 0 for q in tiny_kb.questions}, name="Sari")


def test_the_knowledge_base_entry_of_a_saved_sheet_is_ignored(tiny_kb: KnowledgeBase) -> None:
    """``knowledge_base:`` beside the answers, as ``--save`` writes it, is not an answer."""
    flat = {"knowledge_base": {"title": "x", "sha256": "0"}, **first_options(tiny_kb)}
    nested = {"knowledge_base": {"title": "x"}, "answers": first_options(tiny_kb)}
    for document in (flat, nested):
        sheet = answers.parse(yaml.safe_dump(document), file=FILE, kb=tiny_kb)
        assert sheet.answers == {q.id: 0 for q in tiny_kb.questions}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@given(data=st.data())
def test_a_saved_sheet_loads_back_the_same(
    tiny_kb: KnowledgeBase, suffix: str, data: st.DataObject
) -> None:
    """``save`` then ``load`` gives the same answers and name, whatever the name holds."""
    chosen = data.draw(complete_answers(tiny_kb))
    name = data.draw(st.none() | st.text(min_size=1).map(str.strip).filter(bool))
    sheet = answers.Sheet(chosen, name=name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"sheet{suffix}"
        answers.save(path, tiny_kb, sheet)
        assert answers.load(path, tiny_kb) == sheet


def test_a_name_with_a_next_line_character_survives_yaml(
    tiny_kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A name holding U+0085 saved as YAML loads back unchanged."""
    sheet = answers.Sheet({q.id: 0 for q in tiny_kb.questions}, name="Sari\x85Dewi")
    answers.save(tmp_path / "sheet.yaml", tiny_kb, sheet)
    assert answers.load(tmp_path / "sheet.yaml", tiny_kb) == sheet


def test_a_json_sheet_with_an_escaped_emoji_is_read(tiny_kb: KnowledgeBase) -> None:
    """JSON written with ``ensure_ascii`` (Python's default) spells an emoji as two escapes."""
    text = json.dumps({"name": "Sari \U0001f600", **first_options(tiny_kb)})
    assert "\\ud83d\\ude00" in text
    assert answers.parse(text, file="sheet.json", kb=tiny_kb).name == "Sari \U0001f600"


# -- sheets that are refused -------------------------------------------------


def test_unknown_question_is_named_with_its_line(tiny_kb: KnowledgeBase) -> None:
    """An answer to a question the knowledge base lacks: its id and its line."""
    text = sheet_text({**first_options(tiny_kb), "q99": "a"})
    problem = only_problem(text, tiny_kb)
    assert (problem.file, problem.line, problem.column) == (FILE, line_of(text, "q99:"), 1)
    assert "unknown question 'q99'" in problem.says("en")


@pytest.mark.parametrize("value", ["4", "0", "-1", "z", "2.5"])
def test_answer_outside_the_options_says_what_was_expected(
    tiny_kb: KnowledgeBase, value: str
) -> None:
    """A number out of range or an unknown option id names the question and the choices."""
    question = next(q for q in tiny_kb.questions if q.kind == "choice" and len(q.options) < 4)
    text = with_answer(tiny_kb, question.id, value)
    problem = only_problem(text, tiny_kb)
    assert problem.line == line_of(text, f"{question.id}:")
    assert f"question {question.id!r}" in problem.says("en")
    assert answers.expected_answer(question).render("en") in problem.says("en")


@pytest.mark.parametrize("value", ["true", "false", "yes", "on"])
def test_boolean_answer_is_refused(tiny_kb: KnowledgeBase, value: str) -> None:
    """``true`` (or YAML 1.1's ``yes``, ``on``) is not option 1."""
    question = next(q for q in tiny_kb.questions if q.kind == "scale")
    problem = only_problem(with_answer(tiny_kb, question.id, value), tiny_kb)
    assert f"question {question.id!r}" in problem.says("en")
    assert "found True" in problem.says("en") or "found False" in problem.says("en")


@pytest.mark.parametrize(("value", "found"),
                         [("[a, b]", "a list"), ("{a: 1}", "a mapping")])
def test_answer_that_is_not_a_single_value_is_refused(
    tiny_kb: KnowledgeBase, value: str, found: str
) -> None:
    """A list or a mapping as an answer: the question and what was found."""
    question = tiny_kb.questions[0]
    problem = only_problem(with_answer(tiny_kb, question.id, value), tiny_kb)
    assert f"question {question.id!r}" in problem.says("en")
    assert f"found {found}" in problem.says("en")


def test_missing_answers_are_all_named(tiny_kb: KnowledgeBase) -> None:
    """Unanswered questions are listed by number and text, in one problem (the knowledge
    base allows no blank)."""
    last, before = tiny_kb.questions[-1], tiny_kb.questions[-2]
    count = len(tiny_kb.questions)
    kept = {k: v for k, v in first_options(tiny_kb).items() if k not in (last.id, before.id)}
    problem = only_problem(sheet_text(kept), tiny_kb)
    assert (f"left questions {count - 1} “{before.text('en')}” and {count} "
            f"“{last.text('en')}” blank") in problem.says("en")


def test_one_missing_answer_is_named_in_the_singular(tiny_kb: KnowledgeBase) -> None:
    """One unanswered question: "left question 1 “…” blank"."""
    first = tiny_kb.questions[0]
    kept = {k: v for k, v in first_options(tiny_kb).items() if k != first.id}
    problem = only_problem(sheet_text(kept), tiny_kb)
    assert problem.says("en").startswith(
        f"the student left question 1 “{first.text('en')}” blank")


@pytest.mark.parametrize("text", ["", "\n", "# nothing yet\n"])
def test_empty_sheet_is_refused(tiny_kb: KnowledgeBase, text: str) -> None:
    """An empty file says it is empty and what it should hold."""
    problem = only_problem(text, tiny_kb)
    assert "empty" in problem.says("en")


@pytest.mark.parametrize(("text", "found"),
                         [("- a\n- b\n", "a list"), ("hello\n", "the text 'hello'"),
                          ("42\n", "the number 42")])
def test_sheet_that_is_not_a_mapping_is_refused(
    tiny_kb: KnowledgeBase, text: str, found: str
) -> None:
    """A list or a single value instead of question ids: "expected a mapping"."""
    problem = only_problem(text, tiny_kb)
    assert (problem.line, problem.column) == (1, 1)
    assert f"expected a mapping, found {found}" in problem.says("en")


def test_yaml_syntax_error_has_line_and_column(tiny_kb: KnowledgeBase) -> None:
    """Broken YAML: the line and column where the parser stopped."""
    text = sheet_text(first_options(tiny_kb)).replace("\n", "\n  bad: indent\n", 1)
    problem = only_problem(text, tiny_kb)
    assert problem.line == 2
    assert problem.column is not None
    assert problem.says("en").startswith("YAML syntax error")


def test_duplicate_question_is_refused(tiny_kb: KnowledgeBase) -> None:
    """The same question twice: the second one, with the line of the first."""
    first = tiny_kb.questions[0].id
    text = sheet_text(first_options(tiny_kb)) + f"{first}: 1\n"
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{first}:")]
    problem = only_problem(text, tiny_kb)
    assert problem.line == lines[-1]
    assert f"duplicate key {first!r} (first on line {lines[0]})" in problem.says("en")


def test_unknown_key_beside_answers_is_refused(tiny_kb: KnowledgeBase) -> None:
    """Next to ``answers:`` only ``name`` and ``knowledge_base`` may stand."""
    text = yaml.safe_dump({"answers": first_options(tiny_kb), "student": "Sari"})
    problem = only_problem(text, tiny_kb)
    assert problem.line == line_of(text, "student:")
    assert "unknown key 'student'" in problem.says("en")


@pytest.mark.parametrize("value", ["[a, b]", "{first: Sari}", "''", "42"])
def test_name_must_be_a_text(tiny_kb: KnowledgeBase, value: str) -> None:
    """``name`` that is not a non-empty text is refused."""
    text = f"name: {value}\n" + sheet_text(first_options(tiny_kb))
    problem = only_problem(text, tiny_kb)
    assert (problem.line, problem.column) == (1, 7)
    assert problem.says("en").startswith("name: expected a non-empty text")


def test_answers_that_are_not_a_mapping_are_refused(tiny_kb: KnowledgeBase) -> None:
    """``answers:`` holding a list is refused, pointing at the list."""
    problem = problems_of("answers:\n  - a\n  - b\n", tiny_kb)[0]
    assert problem.line == 2
    assert "answers: expected a mapping, found a list" in problem.says("en")


def test_every_problem_is_reported_in_file_order(tiny_kb: KnowledgeBase) -> None:
    """Two bad answers give two problems, first line first; the message counts the rest."""
    late, early = tiny_kb.questions[-1], tiny_kb.questions[0]
    text = with_answer(tiny_kb, late.id, "99")
    text = text.replace(f"{early.id}: ", f"{early.id}: [", 1).replace("\n", "]\n", 1)
    with pytest.raises(AnswerSheetError) as raised:
        answers.parse(text, file=FILE, kb=tiny_kb)
    lines = [problem.line for problem in raised.value.problems]
    assert lines == [line_of(text, f"{early.id}:"), line_of(text, f"{late.id}:")]
    assert str(raised.value).endswith("(and 1 more)")
    assert raised.value.exit_code == 2


def test_sheet_that_is_not_utf8_is_refused(tiny_kb: KnowledgeBase, tmp_path: Path) -> None:
    """Bytes that are not UTF-8: the line and column of the first bad byte."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(sheet_text(first_options(tiny_kb)).encode() + b"name: Jos\xe9\n")
    with pytest.raises(AnswerSheetError) as raised:
        answers.load(path, tiny_kb)
    problem = raised.value.problems[0]
    assert (problem.line, problem.column) == (len(tiny_kb.questions) + 1, 10)
    assert "UTF-8" in problem.says("en")


def test_a_folder_is_not_a_sheet(tiny_kb: KnowledgeBase, tmp_path: Path) -> None:
    """``load`` of a folder says it is a folder."""
    with pytest.raises(AnswerSheetError, match="is a directory"):
        answers.load(tmp_path, tiny_kb)


# -- the same problems through the command line ------------------------------


def _complete(kb: KnowledgeBase) -> str:
    return sheet_text(first_options(kb))


BAD_SHEETS: dict[str, Callable[[KnowledgeBase], str]] = {
    "unknown question": lambda kb: _complete(kb) + "q99: a\n",
    "out of range": lambda kb: with_answer(kb, kb.questions[0].id, "99"),
    "unknown option id": lambda kb: with_answer(kb, kb.questions[0].id, "zz"),
    "missing answer": lambda kb: _complete(kb).split("\n", 1)[1],
    "a list as an answer": lambda kb: with_answer(kb, kb.questions[0].id, "[a, b]"),
    "boolean answer": lambda kb: with_answer(kb, kb.questions[0].id, "true"),
    "empty file": lambda kb: "",
    "not a mapping": lambda kb: "- a\n- b\n",
    "YAML syntax error": lambda kb: _complete(kb).replace("\n", "\n  bad: indent\n", 1),
    "two problems": lambda kb: with_answer(kb, kb.questions[0].id, "99") + "q99: a\n",
    "escape sequence in an unknown id": lambda kb: _complete(kb) + '"q\\e[31m": a\n',
    "a raw control character": lambda kb: _complete(kb) + "name: Sari\x7f\n",
}


@pytest.mark.parametrize("command", ["score", "quiz"])
@pytest.mark.parametrize("case", BAD_SHEETS)
def test_cli_prints_a_bad_sheet_as_one_line(
    run: Run, tiny_kb: KnowledgeBase, tiny_path: Path, tmp_path: Path,
    case: str, command: str,
) -> None:
    """``score`` and ``quiz --answers``: exit 2, the parser's message on one stderr line."""
    text = BAD_SHEETS[case](tiny_kb)
    path = tmp_path / "sheet.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswerSheetError) as raised:
        answers.parse(text, file=str(path), kb=tiny_kb)
    args = [path] if command == "score" else ["--answers", path]

    code, out, err = run(command, *args, "--kb", tiny_path)

    assert (code, out) == (2, "")
    assert "Traceback" not in err
    assert "\x1b" not in err
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1
    assert err.split() == f"rolequiz: error: {printable(str(raised.value))}".split()


PLAYED = """\
answers: {q1: b, q2: c, q3: '4', q4: '1', q5: '2', q6: a}
shown:
  q1: [c, b, a]
  q2: [a, c]
seconds: {q1: 4.25, q2: 12, q3: -1, q4: many}
"""


def test_shown_orders_beside_the_answers_are_read_as_option_indexes(
        tiny_kb: KnowledgeBase) -> None:
    """``shown: {q1: [c, b, a]}`` reads as (2, 1, 0); an order missing an option is left out."""
    sheet = answers.parse(PLAYED, file=FILE, kb=tiny_kb)
    assert sheet.shown == {"q1": (2, 1, 0)}


def test_seconds_beside_the_answers_are_read_when_they_are_numbers_not_below_zero(
        tiny_kb: KnowledgeBase) -> None:
    """``seconds`` keeps 4.25 and 12 and leaves out -1 and a word."""
    sheet = answers.parse(PLAYED, file=FILE, kb=tiny_kb)
    assert sheet.seconds == {"q1": 4.25, "q2": 12.0}


def test_a_sheet_without_shown_or_seconds_has_neither(tiny_kb: KnowledgeBase) -> None:
    """Both keys are optional: a plain sheet reads with empty mappings."""
    sheet = answers.parse(sheet_text(first_options(tiny_kb)), file=FILE, kb=tiny_kb)
    assert (sheet.shown, sheet.seconds, sheet.positions) == ({}, {}, {})


def test_positions_are_where_the_chosen_option_was_shown(tiny_kb: KnowledgeBase) -> None:
    """q1 answered b, shown as c, b, a: position 1; q2 has no order, so no position."""
    sheet = answers.parse(PLAYED, file=FILE, kb=tiny_kb)
    assert sheet.positions == {"q1": 1}


def test_shown_and_seconds_written_by_rolequiz_read_back_the_same(
        tiny_kb: KnowledgeBase, tmp_path: Path) -> None:
    """``save`` writes option ids in the order shown and the seconds; ``load`` reads them."""
    written = answers.Sheet({"q1": 0, "q2": 2}, shown={"q1": (1, 0, 2), "q2": (2, 1, 0)},
                            seconds={"q1": 3.5, "q2": 0.75})
    answers.save(tmp_path / "s.yaml", tiny_kb, written)
    saved = yaml.safe_load((tmp_path / "s.yaml").read_text(encoding="utf-8"))
    assert saved["shown"] == {"q1": ["b", "a", "c"], "q2": ["c", "b", "a"]}
    assert saved["seconds"] == {"q1": 3.5, "q2": 0.75}
    partial = answers.parse_partial((tmp_path / "s.yaml").read_text(encoding="utf-8"),
                                    file=FILE, kb=tiny_kb)
    assert partial.sheet == written
