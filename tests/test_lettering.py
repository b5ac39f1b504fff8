"""Letters are printed places: ``1``, ``A`` and ``a`` are the first option listed, and
answers written before the shipped quiz's re-lettering (lettering 2) keep their meaning.

Before lettering 2 the shipped options had ids that went with roles (``a`` the Officer's
side in every scenario) and paper printed them in the listed order (``C``, ``A``, ``B``,
``D``).  The old sheets, sessions and class files here are written out by hand as rolequiz
and counselors wrote them then: ``OLD_SHEET`` is ``tests/fixtures/sheets/clear.yaml``
under the old ids, ``OLD_CLASS`` the start of ``tests/fixtures/forms/class-ids.csv``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rolequiz.core import knowledge, lettering, played, session, sheets

Run = Callable[..., tuple[int, str, str]]

FIXTURES = Path(__file__).parent / "fixtures"
NEW_SHEET = FIXTURES / "sheets" / "clear.yaml"
OLD_SHA256 = "a654b486d72a325baac77671ea17b48e4e91c220c05051bfa38670512af5d559"
"""The hash of ``data/roles.yaml`` before lettering 2, as sheets of that time name it."""
OLD_ANSWERS = {
    "q01": "a", "q02": "2", "q03": "c", "q04": "4", "q05": "a", "q06": "1", "q07": "2",
    "q08": "d", "q09": "4", "q10": "b", "q11": "1", "q12": "d", "q13": "3", "q14": "4",
    "q15": "c", "q16": "1", "q17": "a", "q18": "3", "q19": "c", "q20": "5"}
"""Sari's clear sheet under the ids before lettering 2."""
NEW_SCENARIOS = {"q01": "b", "q03": "a", "q05": "a", "q08": "d", "q10": "c", "q12": "c",
                 "q15": "c", "q17": "a", "q19": "c"}
"""The same options under today's ids, their listed letters."""
HEADER = "student," + ",".join(f"q{n:02}" for n in range(1, 21)) + "\n"
OLD_CLASS = HEADER + """\
Ani Lestari,D,5,B,4,C,2,5,D,5,C,1,B,3,2,D,5,A,5,A,4
Budi Santoso,A,5,C,5,A,1,1,B,2,A,4,D,4,5,B,5,B,3,A,1
Citra Dewi,C,4,A,4,A,3,3,B,5,B,1,C,5,1,A,1,D,4,D,1
"""
"""Three students typed from paper printed before lettering 2 (its letters were the ids)."""
NEW_CLASS = HEADER + """\
Ani Lestari,D,5,D,4,B,2,5,D,5,B,1,D,3,2,A,5,A,5,D,4
Budi Santoso,B,5,A,5,A,1,1,B,2,A,4,C,4,5,B,5,B,3,D,1
Citra Dewi,A,4,C,4,A,3,3,B,5,C,1,A,5,1,D,1,C,4,A,1
"""
"""The same three students typed from today's paper (letters are places)."""


def old_sheet_text(*, session_extras: bool = False) -> str:
    """Sari's sheet as rolequiz wrote it before lettering 2 (a session with *session_extras*:
    the order shown and the fingerprints of the words answered)."""
    kb = knowledge.load()
    doc: dict[str, object] = {
        "name": "Sari",
        "knowledge_base": {"title": kb.title("en"), "sha256": OLD_SHA256},
        "answers": OLD_ANSWERS}
    if session_extras:
        doc["shown"] = {"q01": ["d", "c", "b", "a"]}
        doc["fingerprints"] = {
            q.id: played.fingerprint(q, sheets.parse(NEW_SHEET.read_text("utf-8"), file="x",
                                                     kb=kb).answers[q.id])
            for q in kb.questions}
    return "# rolequiz answer sheet\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_the_new_sheet_fixture_names_the_old_sheets_options_by_their_listed_letters() -> None:
    """The fixture of today's ids is the old sheet re-lettered, option for option."""
    new = yaml.safe_load(NEW_SHEET.read_text("utf-8"))
    assert {q: new[q] for q in NEW_SCENARIOS} == NEW_SCENARIOS
    assert {q: str(v) for q, v in new.items() if q not in NEW_SCENARIOS and q != "name"} == \
        {q: v for q, v in OLD_ANSWERS.items() if q not in NEW_SCENARIOS}


def test_an_old_answer_sheet_scores_exactly_like_the_same_answers_under_the_new_letters(
    run: Run, tmp_path: Path
) -> None:
    """``score --json`` of a sheet written before lettering 2 is that of today's sheet."""
    old = tmp_path / "old.yaml"
    old.write_text(old_sheet_text(), encoding="utf-8")
    assert run("score", old, "--json") == run("score", NEW_SHEET, "--json")


def test_a_sheet_that_says_lettering_1_is_read_through_the_old_ids(
    run: Run, tmp_path: Path
) -> None:
    """A sheet copied by hand from older paper says ``lettering: 1`` and means the old ids."""
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump({"name": "Sari", "lettering": 1, **OLD_ANSWERS}),
                   encoding="utf-8")
    assert run("score", old, "--json") == run("score", NEW_SHEET, "--json")


def test_a_hand_written_sheet_without_a_lettering_uses_todays_ids() -> None:
    """Without ``knowledge_base`` or ``lettering``, ``q01: a`` is the first option listed."""
    kb = knowledge.load()
    sheet = sheets.parse(NEW_SHEET.read_text("utf-8"), file="clear.yaml", kb=kb)
    assert sheet.answers["q01"] == 1 and sheet.answers["q08"] == 3


def test_a_saved_sheet_says_the_lettering_it_was_written_under(tmp_path: Path) -> None:
    """A sheet rolequiz writes now says ``lettering: 2`` and reads back as it was."""
    kb = knowledge.load()
    sheet = sheets.parse(NEW_SHEET.read_text("utf-8"), file="clear.yaml", kb=kb)
    path = tmp_path / "saved.yaml"
    sheets.save(path, kb, sheet)
    written = yaml.safe_load(path.read_text("utf-8"))
    assert written["lettering"] == 2 and written["answers"]["q01"] == "b"
    assert sheets.load(path, kb).answers == sheet.answers


def test_an_old_session_keeps_every_answer_and_the_order_it_showed(tmp_path: Path) -> None:
    """A session written before lettering 2 resumes with the options its student chose."""
    kb = knowledge.load()
    path = tmp_path / "session.yaml"
    path.write_text(old_sheet_text(session_extras=True), encoding="utf-8")
    resumed = session.load(path, kb)
    expected = sheets.parse(NEW_SHEET.read_text("utf-8"), file="clear.yaml", kb=kb).answers
    assert (resumed.answers, resumed.dropped) == (expected, ())
    assert resumed.shown == {"q01": (3, 0, 2, 1)}  # d, c, b, a were listed 4th, 1st, 3rd, 2nd


def test_an_old_class_file_read_with_old_letters_scores_like_the_class_on_new_paper(
    run: Run, tmp_path: Path
) -> None:
    """``cohort --old-letters`` of letters typed from older paper gives today's rows."""
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(OLD_CLASS, encoding="utf-8")
    new.write_text(NEW_CLASS, encoding="utf-8")
    before = run("cohort", old, "--old-letters", "--format", "csv")
    today = run("cohort", new, "--format", "csv")
    assert before[0] == today[0] == 0
    assert before[1] == today[1]


@pytest.mark.parametrize("kb_path", [None, FIXTURES / "four-roles.yaml"])
def test_a_number_a_capital_and_a_small_letter_name_the_same_printed_option(
    run: Run, tmp_path: Path, kb_path: Path | None
) -> None:
    """In a class file ``2``, ``B`` and ``b`` are all the second option listed."""
    kb = knowledge.load(kb_path)
    rows = []
    for name, answer in (("Ani", "2"), ("Budi", "B"), ("Citra", "b")):
        rows.append([name, *(answer if q.kind == "choice" else "3" for q in kb.questions)])
    path = tmp_path / "class.csv"
    path.write_text("\n".join(",".join(r) for r in
                              [["student", *(q.id for q in kb.questions)], *rows]) + "\n",
                    encoding="utf-8")
    kb_args = ["--kb", kb_path] if kb_path else []
    code, out, err = run("cohort", path, "--format", "csv", *kb_args)
    assert code == 0, err
    results = [line.split(",")[2:] for line in out.splitlines()[1:]]
    assert len(results) == 3 and results[0] == results[1] == results[2]


def test_old_letters_is_refused_for_answer_sheets(run: Run, tmp_path: Path) -> None:
    """Sheets say their own lettering: ``--old-letters`` with sheets is one line, exit 2."""
    code, _, err = run("cohort", NEW_SHEET, "--old-letters")
    assert code == 2 and len(err.splitlines()) == 1 and "lettering: 1" in err


def test_paper_letters_run_a_b_c_whatever_the_option_ids(run: Run, tmp_path: Path) -> None:
    """Options with ids ``c``, ``a``, ``b`` are printed A, B, C top to bottom."""
    text = (FIXTURES / "four-roles.yaml").read_text("utf-8")
    text = text.replace("      - id: a\n", "      - id: x\n", 1)
    text = text.replace("      - id: c\n", "      - id: a\n", 1)
    text = text.replace("      - id: x\n", "      - id: c\n", 1)
    kb_path = tmp_path / "kb.yaml"
    kb_path.write_text(text, encoding="utf-8")
    kb = knowledge.load(kb_path)
    assert [o.id for o in kb.questions[0].options] == ["c", "b", "a"]
    page = tmp_path / "paper.html"
    code, _, err = run("cohort", "--template", page, "--kb", kb_path, "--lang", "en")
    assert code == 0, err
    written = page.read_text("utf-8")
    printed = "".join(f'<li><span class="mark">{mark}</span> {html.escape(option.text("en"))}'
                      f"</li>" for mark, option in zip("ABC", kb.questions[0].options,
                                                      strict=True))
    assert printed in written


# -- validate -----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "warning: letter A is Alpha in short's side in 3 of 3 scenarios"),
    ("id", "peringatan: huruf A adalah pilihan khas Alfa singkat di 3 dari 3 skenario"),
])
def test_validate_warns_about_a_letter_that_is_one_roles_side_in_most_scenarios(
    run: Run, tiny_path: Path, lang: str, expected: str
) -> None:
    """``tiny.yaml`` lists Alpha's option first in all three scenarios: exit 0, a line
    naming the letter and the role, and how to fix it."""
    code, _, err = run("validate", tiny_path, "--lang", lang)
    assert code == 0
    line = next(line for line in err.splitlines() if expected in line)
    assert line.startswith(f"{tiny_path}: ") and "was:" in line


def test_the_shipped_quiz_has_no_letter_that_gives_a_role_away() -> None:
    """No (letter, role) pair is the role's side in more than half of the nine scenarios."""
    assert lettering.attractors(knowledge.load()) == ()


def test_validate_warns_about_option_ids_that_are_other_options_letters(
    run: Run, tmp_path: Path
) -> None:
    """Ids ``c``, ``b``, ``a`` listed in that order: one line naming the question."""
    text = (FIXTURES / "four-roles.yaml").read_text("utf-8")
    text = text.replace("      - id: a\n", "      - id: x\n", 1)
    text = text.replace("      - id: c\n", "      - id: a\n", 1)
    text = text.replace("      - id: x\n", "      - id: c\n", 1)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 0
    lines = [line for line in err.splitlines() if "a typed letter could mean either" in line]
    assert len(lines) == 1 and " q1 " in lines[0]


# -- the schema ---------------------------------------------------------------


def test_was_without_a_lettering_of_2_is_a_located_error(run: Run, tmp_path: Path) -> None:
    """An option's ``was`` in a knowledge base without ``lettering: 2``: exit 2, file:line."""
    text = (FIXTURES / "four-roles.yaml").read_text("utf-8")
    text = text.replace("      - id: a\n", "      - id: a\n        was: z\n", 1)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"{path}:") and "lettering" in err


def test_two_options_that_were_the_same_id_are_an_error(run: Run, tmp_path: Path) -> None:
    """Two options of a question saying ``was: z``: exit 2, one line."""
    text = "lettering: 2\n" + (FIXTURES / "four-roles.yaml").read_text("utf-8")
    text = text.replace("      - id: a\n", "      - id: a\n        was: z\n", 1)
    text = text.replace("      - id: b\n", "      - id: b\n        was: z\n", 1)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 2 and len(err.splitlines()) == 1 and "'z'" in err


def test_a_workbook_made_with_todays_letters_is_never_read_as_older_paper(
    run: Run, tmp_path: Path
) -> None:
    """``--old-letters`` on a workbook from ``--template`` (which records its lettering):
    one line saying to leave the option out, exit 2."""
    path = tmp_path / "class.xlsx"
    assert run("cohort", "--template", path)[0] == 0
    code, _, err = run("cohort", path, "--old-letters", "--lang", "en")
    assert code == 2 and len(err.splitlines()) == 1
    assert str(path) in err and "leave out --old-letters" in err


def test_a_sheet_may_give_the_printed_letter_in_either_case_or_the_number() -> None:
    """In an answer sheet ``2``, ``B`` and ``b`` are all the second option listed."""
    kb = knowledge.load()
    read = [sheets.parse(yaml.safe_dump({q.id: answer if q.kind == "choice" else "3"
                                         for q in kb.questions}), file="s.yaml", kb=kb)
            for answer in ("2", "B", "b")]
    assert read[0].answers == read[1].answers == read[2].answers
    assert {read[0].answers[q.id] for q in kb.questions if q.kind == "choice"} == {1}
