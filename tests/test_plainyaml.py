"""The plain-YAML reader never reads a sheet differently from PyYAML.

Whatever it reads, PyYAML reads the same; whatever it cannot read, it says
so (None), and the sheet is then parsed with PyYAML as before.  Sheets are
generated from pieces that are in the subset and pieces that are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rolequiz.core import plainyaml
from rolequiz.core import sheets as answers
from rolequiz.core.model import KnowledgeBase
from rolequiz.errors import AnswerSheetError

GOOD_KEYS = st.sampled_from(["q1", "q2", "q3", "q4", "q5", "q6", "name", "answers",
                             "knowledge_base", "sha256", "title", "x_1"])
ODD_KEYS = st.sampled_from(["on", "Yes", "n", "1", "a b", "-q1", "q1 ", "é"])
KEYS = st.one_of(GOOD_KEYS, GOOD_KEYS, GOOD_KEYS, ODD_KEYS)
GOOD_VALUES = st.sampled_from(["a", "b", "c", "1", "2", "5", "0", "12", "Sari", "Sari Putri",
                               "Çağla", "'4'", "'it''s'", "b # note", "b #", "  c  "])
ODD_VALUES = st.one_of(
    st.sampled_from(["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "false", "FALSE",
                     "on", "Off", "OFF", "null", "Null", "NULL", "~", "y", "n", "Y", "N",
                     "01", "007", "010", "08", "1_000", "3.5", "1e3", "+1", "-1", "O'Brien",
                     "'open",
                     '"2"', "b#c", "[1, 2]", "{a: 1}", "&x b", "*x", "!!str 2", "2024-10-14",
                     "12:30", "0x1f", ".inf", "- a", "? a", "a: b", "a:b", "|", ">", "%", "@",
                     "Sari, Putri?", "ab\tc", "é", "\u00a0x", "x\u200d", "'a' b"]),
    st.text(max_size=6))
VALUES = st.one_of(GOOD_VALUES, GOOD_VALUES, ODD_VALUES)
INDENTS = st.one_of(st.just(""), st.just(""), st.just("  "), st.sampled_from(["    ", " ",
                                                                             "\t"]))


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A sheet-like text: mostly plain lines, now and then one YAML reads otherwise, or
    refuses."""
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from("cgggvvoob"))
        if kind == "c":
            lines.append(draw(st.one_of(st.sampled_from(["", "# comment", "  # a comment"]),
                                        st.sampled_from(["---", "...", "%YAML 1.1"]))))
        elif kind == "g":
            lines.append(draw(GOOD_KEYS) + ": " + draw(GOOD_VALUES))
        elif kind == "v":
            lines.append(draw(GOOD_KEYS) + ": " + draw(ODD_VALUES))
        elif kind == "o":
            lines.append(draw(INDENTS) + draw(KEYS) + draw(st.sampled_from([": ", ":  ", ":"]))
                         + draw(VALUES))
        else:
            lines.append(draw(GOOD_KEYS) + ":")
            lines += [draw(st.sampled_from(["  ", "  ", "    ", ""])) + draw(GOOD_KEYS) + ": "
                      + draw(VALUES) for _ in range(draw(st.integers(0, 2)))]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=2000, deadline=None)
@given(texts())
@example("q1: b\nq2: 2\nname: Sari Putri\n")
@example("name: Sari\nanswers:\n  q1: a\n  q2: '4'\nknowledge_base:\n  sha256: abc\n")
@example("answers:\nq1: a\n")
@example("name: No\n")
def test_what_is_read_is_what_pyyaml_reads(text: str) -> None:
    """Same keys, same values, same types; None where the subset ends."""
    found = plainyaml.read(text)
    if found is None:
        return
    expected = yaml.safe_load(text)
    assert typed(found) == typed({} if expected is None else expected)


def typed(value: object) -> object:
    """*value* with the type of everything in it, so that 1 and True differ."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    return (type(value).__name__, value)


@st.composite
def sheets(draw: st.DrawFn, kb: KnowledgeBase) -> str:
    """Complete sheets for *kb*, written the ways people write them, now and then spoiled."""
    values = [draw(st.sampled_from([*(o.id for o in q.options),
                                    *(str(n) for n in range(1, len(q.options) + 1)),
                                    f"'{q.options[0].id}'", "0", "yes", "9", "01"]))
              for q in kb.questions]
    nested = draw(st.booleans())
    lines = [f"{'  ' if nested else ''}{q.id}: {v}{draw(st.sampled_from(['', '  # ok']))}"
             for q, v in zip(kb.questions, values, strict=True)]
    lines = draw(st.permutations(lines))
    if nested:
        lines = ["answers:", *lines]
    if draw(st.booleans()):
        lines.insert(0, "name: " + draw(VALUES))
    if draw(st.booleans()):
        lines += ["knowledge_base:", "  sha256: " + draw(st.sampled_from(["abc", "'x'", "1"]))]
    if draw(st.integers(0, 4)) == 0:  # spoil it
        lines.insert(draw(st.integers(0, len(lines))), draw(INDENTS) + draw(KEYS) + ": "
                     + draw(VALUES))
    return "\n".join(lines) + "\n"


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_a_sheet_reads_the_same_with_or_without_pyyaml(tiny_kb: KnowledgeBase,
                                                       data: st.DataObject) -> None:
    """The same sheet or the same error, whichever way it was read."""
    text = data.draw(st.one_of(texts(), sheets(tiny_kb), sheets(tiny_kb)))
    def by_yaml() -> object:
        try:
            sheet, structural, wrong, *_ = answers._read(text, file="s.yaml", kb=tiny_kb,
                                                         complete=True)
        except AnswerSheetError as error:
            return str(error)
        problems = sorted(structural + [p for _, p in wrong],
                          key=lambda p: (p.line or 0, p.column or 0))
        return str(AnswerSheetError(problems)) if problems else sheet

    try:
        found: object = answers.parse(text, file="s.yaml", kb=tiny_kb)
    except AnswerSheetError as error:
        found = str(error)
    assert found == by_yaml()


def test_a_plain_sheet_gives_the_sheet_pyyaml_gives(tiny_kb: KnowledgeBase,
                                                    tmp_path: Path) -> None:
    """Option ids, numbers, a name, nested answers with a comment: one sheet."""
    ids = [q.id for q in tiny_kb.questions]
    text = "# mine\nname: Sari Putri\nanswers:\n" + "".join(
        f"  {q}: {'2' if i % 2 else tiny_kb.questions[i].options[0].id}  # ok\n"
        for i, q in enumerate(ids))
    assert plainyaml.read(text) is not None
    sheet = answers.parse(text, file="s.yaml", kb=tiny_kb)
    by_yaml = answers._read(text, file="s.yaml", kb=tiny_kb, complete=True)[0]
    assert sheet == by_yaml and sheet.name == "Sari Putri"


@pytest.mark.parametrize("text", ["name: No\n", "q1: yes\n", "name: 'Sari'\nq1: 007\n",
                                  "q1: b\nq1: c\n", "answers:\n  q1: b\n    q2: c\n"])
def test_anything_doubtful_is_left_to_pyyaml(text: str) -> None:
    """Booleans, octals, duplicate keys, deeper nesting: not read here."""
    assert plainyaml.read(text) is None
