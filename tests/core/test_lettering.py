"""Letters are printed places: ``1``, ``A`` and ``a`` are the first option listed, and
answers written before the shipped quiz's re-lettering (lettering 2) keep their meaning.

Before lettering 2 the shipped options had ids that went with roles (``a`` the Officer's
side in every scenario) and paper printed them in the listed order (``C``, ``A``, ``B``,
``D``).  The old sheets, sessions and class files here are written out by hand as rolequiz
and counselors wrote them then: ``OLD_SHEET`` is ``tests/fixtures/sheets/relettered.yaml``
under the old ids, ``OLD_CLASS`` the start of ``tests/fixtures/forms/class-ids.csv``.
Both answer q14 and q18 as their students did the words of that time, each the reverse of
today's (``was: opposite``): an answer k then is 6 - k now.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rolequiz.core.kb import knowledge, lettering
from rolequiz.core.kb.model import Question, Text
from rolequiz.core.student import played, session, sheets

Run = Callable[..., tuple[int, str, str]]

FIXTURES = Path(__file__).parent.parent / "fixtures"
NEW_SHEET = FIXTURES / "sheets" / "relettered.yaml"
OLD_SHA256 = "a654b486d72a325baac77671ea17b48e4e91c220c05051bfa38670512af5d559"
"""The hash of ``data/roles.yaml`` before lettering 2, as sheets of that time name it."""
OLD_ANSWERS = {
    "q01": "a", "q02": "2", "q03": "c", "q04": "4", "q05": "a", "q06": "1", "q07": "2",
    "q08": "d", "q09": "4", "q10": "b", "q11": "1", "q12": "d", "q13": "3", "q14": "5",
    "q15": "c", "q16": "1", "q17": "a", "q18": "3", "q19": "c", "q20": "5"}
"""Sari's clear sheet under the ids before lettering 2: q14 ``5`` agrees with "I like being
the first to respond when followers send a message", as today's ``1`` disagrees with "I would
rather leave answering followers' messages to someone else"."""
OLD_WORDING = {
    "q14": {"id": "Saya suka menjadi orang pertama yang menanggapi pesan dari pengikut.",
            "en": "I like being the first to respond when followers send a message."},
    "q18": {"id": "Saya senang mencari kata-kata yang tepat untuk sebuah caption.",
            "en": "I enjoy finding the right words for a caption."}}
"""The statements' words before lettering 2 (their comments in ``data/roles.yaml``)."""
NEW_SCENARIOS = {"q01": "b", "q03": "a", "q05": "a", "q08": "d", "q10": "c", "q12": "c",
                 "q15": "c", "q17": "a", "q19": "c"}
"""The same options under today's ids, their listed letters."""
HEADER = "student," + ",".join(f"q{n:02}" for n in range(1, 21)) + "\n"
OLD_CLASS = HEADER + """\
Ani Lestari,D,5,B,4,C,2,5,D,5,C,1,B,3,4,D,5,A,1,A,4
Budi Santoso,A,5,C,5,A,1,1,B,2,A,4,D,4,1,B,5,B,3,A,1
Citra Dewi,C,4,A,4,A,3,3,B,5,B,1,C,5,5,A,1,D,2,D,1
"""
"""Three students typed from paper printed before lettering 2 (its letters were the ids, its
q14 and q18 the old words)."""
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
        today = sheets.parse(NEW_SHEET.read_text("utf-8"), file="x", kb=kb).answers
        doc["fingerprints"] = {  # the words the student answered: q14 and q18 the old ones
            q.id: played.fingerprint(old_words(q), int(OLD_ANSWERS[q.id]) - 1
                                     if q.id in OLD_WORDING else today[q.id])
            for q in kb.questions}
    return "# rolequiz answer sheet\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def old_words(question: Question) -> Question:
    """*question* as it read before lettering 2."""
    if question.id not in OLD_WORDING:
        return question
    return question._replace(text=Text.of(**OLD_WORDING[question.id]))


def test_the_new_sheet_fixture_names_the_old_sheets_options_by_their_listed_letters() -> None:
    """The fixture of today's ids is the old sheet re-lettered, option for option, and its
    q14 and q18 the same opinions of the reworded statements."""
    new = yaml.safe_load(NEW_SHEET.read_text("utf-8"))
    assert {q: new[q] for q in NEW_SCENARIOS} == NEW_SCENARIOS
    assert {q: str(v) for q, v in new.items() if q not in NEW_SCENARIOS and q != "name"} == \
        {q: str(6 - int(v)) if q in OLD_WORDING else v for q, v in OLD_ANSWERS.items()
         if q not in NEW_SCENARIOS}


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
    sheet = sheets.parse(NEW_SHEET.read_text("utf-8"), file="relettered.yaml", kb=kb)
    assert sheet.answers["q01"] == 1 and sheet.answers["q08"] == 3


def test_a_saved_sheet_says_the_lettering_it_was_written_under(tmp_path: Path) -> None:
    """A sheet rolequiz writes now says ``lettering: 2`` and reads back as it was."""
    kb = knowledge.load()
    sheet = sheets.parse(NEW_SHEET.read_text("utf-8"), file="relettered.yaml", kb=kb)
    path = tmp_path / "saved.yaml"
    sheets.save(path, kb, sheet)
    written = yaml.safe_load(path.read_text("utf-8"))
    assert written["lettering"] == 2 and written["answers"]["q01"] == "b"
    assert sheets.load(path, kb).answers == sheet.answers


def test_an_old_session_keeps_every_answer_and_the_order_it_showed(tmp_path: Path) -> None:
    """A session written before lettering 2 resumes with the options its student chose, but
    for the statements reworded since, which are asked again."""
    kb = knowledge.load()
    path = tmp_path / "session.yaml"
    path.write_text(old_sheet_text(session_extras=True), encoding="utf-8")
    resumed = session.load(path, kb)
    expected = sheets.parse(NEW_SHEET.read_text("utf-8"), file="relettered.yaml", kb=kb).answers
    assert resumed.answers == {q: i for q, i in expected.items() if q not in OLD_WORDING}
    assert resumed.dropped == ("q14", "q18")
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


@pytest.mark.parametrize("mark", [{"knowledge_base": {"title": "x", "sha256": OLD_SHA256}},
                                  {"lettering": 1}], ids=["written-by-rolequiz", "lettering-1"])
def test_an_old_sheets_answers_to_the_reworded_statements_mean_the_same_opinions_today(
    run: Run, tmp_path: Path, mark: dict[str, object]
) -> None:
    """Agreeing (4) with q14's old words and strongly disagreeing (1) with q18's scores as
    disagreeing (2) with today's q14 and strongly agreeing (5) with today's q18."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump({**mark, "name": "Sari",
                                   "answers": {**OLD_ANSWERS, "q14": "4", "q18": "1"}}),
                   encoding="utf-8")
    today = yaml.safe_load(NEW_SHEET.read_text("utf-8"))
    new.write_text(yaml.safe_dump({**today, "q14": "2", "q18": "5"}), encoding="utf-8")
    assert run("score", old, "--json") == run("score", new, "--json")


def test_an_old_sheet_keeps_the_place_a_reworded_statements_answer_was_shown_in() -> None:
    """The step chosen was shown where it was: turned round, ``shown`` turns with it."""
    kb = knowledge.load()
    text = yaml.safe_dump({"lettering": 1, "answers": {**OLD_ANSWERS, "q14": "2"},
                           "shown": {"q14": ["1", "2", "3", "4", "5"]}})
    sheet = sheets.parse(text, file="old.yaml", kb=kb)
    assert (sheet.answers["q14"], sheet.positions["q14"]) == (3, 1)


def _class_as_words(text: str) -> str:
    """*text* with each q14 and q18 answer written as its label (``Agree``), as a clerk may."""
    scale = knowledge.load().settings.scale
    lines = text.splitlines()
    columns = lines[0].split(",")
    rows = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        for question_id in OLD_WORDING:
            at = columns.index(question_id)
            cells[at] = scale[int(cells[at]) - 1]("en")
        rows.append(",".join(cells))
    return "\n".join(rows) + "\n"


def test_an_old_class_file_with_answers_in_words_is_turned_round_too(
    run: Run, tmp_path: Path
) -> None:
    """``--old-letters`` reads ``Agree`` to q14's old words as ``Disagree`` today, as it reads
    ``4`` as ``2`` (the rows read one by one, not through the table of single characters)."""
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(_class_as_words(OLD_CLASS), encoding="utf-8")
    new.write_text(NEW_CLASS, encoding="utf-8")
    before = run("cohort", old, "--old-letters", "--format", "csv")
    assert before[0] == 0 and before[1] == run("cohort", new, "--format", "csv")[1]


def test_an_old_class_workbook_read_with_old_letters_scores_like_the_class_on_new_paper(
    run: Run, tmp_path: Path
) -> None:
    """A workbook typed from older paper: its q14 and q18 turned round as a CSV's are."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in OLD_CLASS.splitlines():
        sheet.append(line.split(","))
    old, new = tmp_path / "old.xlsx", tmp_path / "new.csv"
    book.save(old)
    new.write_text(NEW_CLASS, encoding="utf-8")
    before = run("cohort", old, "--old-letters", "--format", "csv")
    assert before[0] == 0 and before[1] == run("cohort", new, "--format", "csv")[1]


def test_another_knowledge_base_turns_its_own_reworded_statement_round(tmp_path: Path) -> None:
    """``four-roles.yaml`` with ``lettering: 2`` and ``was: opposite`` on q4 (no option
    re-lettered): an old sheet's ``q4: 1`` is today's 5."""
    text = "lettering: 2\n" + (FIXTURES / "four-roles.yaml").read_text("utf-8")
    text = text.replace("    reverse: true\n", "    reverse: true\n    was: opposite\n", 1)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    kb = knowledge.load(path)
    answers = {q.id: "1" if q.kind == "scale" else q.options[0].id for q in kb.questions}
    old = sheets.parse(yaml.safe_dump({"lettering": 1, **answers}), file="old.yaml", kb=kb)
    new = sheets.parse(yaml.safe_dump(answers), file="new.yaml", kb=kb)
    assert (old.answers["q4"], new.answers["q4"]) == (4, 0)
    assert {q: i for q, i in old.answers.items() if q != "q4"} == \
        {q: i for q, i in new.answers.items() if q != "q4"}


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


def _with_was(line: str, *, after: str, lettering: bool = True) -> str:
    """``four-roles.yaml`` with *line* added under the first *after*."""
    text = (FIXTURES / "four-roles.yaml").read_text("utf-8")
    text = text.replace(after, after + line, 1)
    return ("lettering: 2\n" if lettering else "") + text


@pytest.mark.parametrize(("text", "expected"), [
    (_with_was("    was: opposite\n", after="    dimension: red\n", lettering=False),
     "lettering"),
    (_with_was("    was: opposite\n", after="    type: choice\n"), "statement"),
    (_with_was("    was: reversed\n", after="    dimension: red\n"), "'opposite'"),
], ids=["without-lettering-2", "on-a-scenario", "another-word"])
def test_was_opposite_only_on_a_statement_under_lettering_2(
    run: Run, tmp_path: Path, text: str, expected: str
) -> None:
    """A question's ``was:`` is ``opposite``, on a statement, under ``lettering: 2``:
    anything else is one located line, exit 2."""
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"{path}:") and expected in err and ".was" in err


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


def test_a_role_with_a_flat_profile_is_no_letters_side(tmp_path: Path) -> None:
    """The Specialist at level 3 on every trait likes every option alike: no letter is said
    to give it away (its trouble is told by validate's table of roles found instead)."""
    text = (Path(__file__).parent.parent.parent / "data" / "roles.yaml").read_text("utf-8")
    flat = text.replace("""      daily_operations: 2
      audience_interaction: 3
      creative_content: 5
      campaigns: 5
      data_analysis: 5
      long_term_planning: 2
      brand_positioning: 2
      trend_research: 3
""", "".join(f"      {d}: 3\n" for d in (
        "daily_operations", "audience_interaction", "creative_content", "campaigns",
        "data_analysis", "long_term_planning", "brand_positioning", "trend_research")), 1)
    assert flat != text
    path = tmp_path / "flat.yaml"
    path.write_text(flat, encoding="utf-8")
    assert lettering.attractors(knowledge.load(path)) == ()
