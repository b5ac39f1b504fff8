"""Questions left blank: a sheet or a class row with a few is scored from the answers given
(up to the knowledge base's ``settings.max_blank``), says "19 of 20 questions answered"
wherever its result is shown, and every message names the student and each blank question
by its number and text."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml

from checks import typical
from rolequiz.core.kb.knowledge import load
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import scoring
from rolequiz.errors import KnowledgeBaseError

Run = Callable[..., tuple[int, str, str]]
FIXTURES = Path(__file__).parent.parent / "fixtures"
FORMS = FIXTURES / "forms"
GOOGLE_EN = FORMS / "google-blanks-en.csv"
GOOGLE_ID = FORMS / "google-blanks-id.csv"
"""Google Forms exports of twelve students: Budi Santoso left question 7 empty, Eka Putri
question 12, Hendra Wijaya five questions (2, 5, 9, 14 and 18)."""
FOUR = FIXTURES / "four-roles.yaml"
TINY = FIXTURES / "tiny.yaml"
HENDRA_EN = ("Hendra Wijaya left 5 questions blank, more than the 3 a result can do without: "
             "questions 2 “I enjoy replying to comments from an…”, 5 “Your school is holding "
             "an arts festival…”, 9 “I would quickly get bored if I had to…”, 14 “I would "
             "rather leave answering…” and 18 “Finding the right words for a caption…”")


def without(answers: dict[str, int], *blank: str) -> dict[str, int]:
    return {q: a for q, a in answers.items() if q not in blank}


def sheet_file(path: Path, kb: KnowledgeBase, answers: dict[str, int], *,
               name: str | None = "Budi", extra: str = "") -> Path:
    """An answer sheet as rolequiz writes one, with *answers* (0-based) and *extra* lines
    under ``answers``."""
    doc: dict[str, object] = {"name": name} if name else {}
    doc["answers"] = {q.id: q.options[answers[q.id]].id for q in kb.questions
                      if q.id in answers}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False) + extra,
                    encoding="utf-8")
    return path


def four_roles(tmp_path: Path, max_blank: int) -> Path:
    """The four-role knowledge base with ``max_blank`` set."""
    text = FOUR.read_text(encoding="utf-8").replace(
        "settings:\n", f"settings:\n  max_blank: {max_blank}\n", 1)
    path = tmp_path / "four.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- the engine ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["officer", "specialist", "strategist"])
def test_a_typical_student_who_leaves_three_blank_keeps_the_role(
    shipped_kb: KnowledgeBase, role: str
) -> None:
    """A student who answers as the role does but leaves three questions blank still gets it."""
    answers = without(typical(shipped_kb, role), "q01", "q05", "q12")
    result = scoring.score(shipped_kb, answers)
    assert (result.decided, result.blank) == (role, ("q01", "q05", "q12"))


def test_a_trait_is_measured_over_the_questions_answered(tiny_kb: KnowledgeBase) -> None:
    """Every answered question at a trait's most gives 100, a blank one takes nothing off."""
    kb = dataclasses.replace(tiny_kb, settings=tiny_kb.settings._replace(max_blank=1))
    trait = kb.dimensions[0].id
    best = {q.id: max(range(len(q.options)), key=lambda k: q.options[k].weights.get(trait, 0))
            for q in kb.questions}
    measuring = [q.id for q in kb.questions if q.max_weight(trait) > 0]
    assert scoring.score(kb, without(best, measuring[0])).profile[trait] == 1.0


def test_a_pair_with_one_side_blank_is_no_contradiction(shipped_kb: KnowledgeBase) -> None:
    """"Strongly agree" to both sides of one pair, and to one side of another whose twin is
    blank, is no contradiction (both sides of both would be)."""
    from test_flags import read  # the shipped quiz answered as if read

    answers = without({**read(shipped_kb), "q07": 4, "q20": 4, "q02": 4}, "q14")
    assert "contradiction" not in scoring.score(shipped_kb, answers).flags


def test_the_same_answer_to_every_statement_answered_is_straight(
    shipped_kb: KnowledgeBase,
) -> None:
    """"Neutral" to every statement but one left blank is still ``straight_statements``."""
    from test_flags import STATEMENT_STEPS, read

    answers = without({**read(shipped_kb), **{q: 2 for q in STATEMENT_STEPS}}, "q11")
    assert "straight_statements" in scoring.score(shipped_kb, answers).flags


def test_a_walk_is_read_over_the_scenarios_answered(shipped_kb: KnowledgeBase) -> None:
    """Places 1-2-3-4-1-2-3-4 with the last scenario blank is a ``zigzag``: a blank is no
    step out of the walk."""
    from test_flags import read

    scenarios = [q.id for q in shipped_kb.questions if q.kind == "choice"]
    answers = {**read(shipped_kb), **{q: i % 4 for i, q in enumerate(scenarios)}}
    assert "zigzag" in scoring.score(shipped_kb, without(answers, scenarios[-1])).flags


# -- the setting -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["shipped", "four roles"])
def test_sheets_with_blanks_read_together_are_as_typical_as_each_read_alone(
    shipped_kb: KnowledgeBase, name: str
) -> None:
    """A class's sheets with blanks, read together (those leaving the same questions blank
    at once), are each exactly as typical of each role as the sheet read on its own."""
    import numpy as np

    from rolequiz.core.student import adaptive

    kb = shipped_kb if name == "shipped" else load(FIXTURES / "four-roles.yaml")
    rng = np.random.default_rng(7)
    sizes = np.array([len(q.options) for q in kb.questions])
    codes = (rng.random((60, len(sizes))) * sizes).astype(np.intp)
    blanks = rng.integers(0, 4, size=(60, 3)) * 5 % len(sizes)  # a few patterns, repeated
    for row, columns in enumerate(blanks.tolist()):
        codes[row, columns] = -1
    alone = np.array([adaptive.typicality(kb, {q.id: c for q, c in
                                               zip(kb.questions, sheet, strict=True) if c >= 0})
                      for sheet in codes.tolist()])
    assert np.array_equal(adaptive.typicalities(kb, codes), alone)


def test_max_blank_must_leave_most_questions_answered(tmp_path: Path) -> None:
    """``max_blank: 3`` in a quiz of six questions is refused, with its place."""
    with pytest.raises(KnowledgeBaseError) as refused:
        load(four_roles(tmp_path, 3))
    assert "settings.max_blank: 3 is too many for 6 questions: at most 2" in \
        refused.value.render("en")


def test_without_max_blank_every_answer_is_needed(run: Run, tmp_path: Path) -> None:
    """A knowledge base that does not set ``max_blank`` scores no sheet with a blank."""
    kb = load(FOUR)
    answers = without({q.id: 0 for q in kb.questions}, kb.questions[2].id)
    code, _, err = run("score", sheet_file(tmp_path / "s.yaml", kb, answers),
                       "--kb", FOUR)
    assert code == 2
    assert "Budi left question 3 “" in err and "needs an answer to every question" in err


# -- rolequiz score ---------------------------------------------------------------------------


def test_score_says_how_many_were_answered_and_which_were_blank(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """``score`` on a sheet with question 5 blank: "19 of 20 questions answered", and the
    question by number and text."""
    answers = without(typical(shipped_kb, "officer"), "q05")
    code, out, _ = run("score", sheet_file(tmp_path / "s.yaml", shipped_kb, answers))
    assert code == 0
    text = " ".join(out.replace("│", " ").split())
    assert "19 of 20 questions answered" in text
    assert "Left blank: question 5 “Your school is holding an arts festival…”" in text


def test_score_says_it_in_indonesian(run: Run, tmp_path: Path,
                                     shipped_kb: KnowledgeBase) -> None:
    """``--lang id``: "19 dari 20 pertanyaan dijawab" and "Tidak dijawab: pertanyaan 5 …"."""
    answers = without(typical(shipped_kb, "officer"), "q05")
    code, out, _ = run("--lang", "id", "score",
                       sheet_file(tmp_path / "s.yaml", shipped_kb, answers))
    assert code == 0
    text = " ".join(out.replace("│", " ").split())
    assert "19 dari 20 pertanyaan dijawab" in text
    assert "Tidak dijawab: pertanyaan 5 “Sekolahmu akan mengadakan pentas seni…”" in text


def test_score_json_has_answered_questions_and_blank(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """``--json``: ``answered``, ``questions`` and the ids left ``blank``."""
    answers = without(typical(shipped_kb, "officer"), "q05", "q12")
    code, out, _ = run("score", sheet_file(tmp_path / "s.yaml", shipped_kb, answers),
                       "--json")
    document = json.loads(out)
    assert (code, document["answered"], document["questions"], document["blank"]) == \
        (0, 18, 20, ["q05", "q12"])


def test_an_empty_answer_is_a_blank(run: Run, tmp_path: Path,
                                    shipped_kb: KnowledgeBase) -> None:
    """``q05:`` with nothing after it is a question left blank, not a wrong answer."""
    answers = without(typical(shipped_kb, "officer"), "q05")
    path = sheet_file(tmp_path / "s.yaml", shipped_kb, answers, extra="  q05:\n")
    code, out, _ = run("score", path, "--json")
    assert (code, json.loads(out)["blank"]) == (0, ["q05"])


def test_too_many_blanks_name_the_student_and_each_question(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """Five blank: exit 2, one line naming the student and the five questions."""
    answers = without(typical(shipped_kb, "officer"), "q02", "q05", "q09", "q14", "q18")
    path = sheet_file(tmp_path / "s.yaml", shipped_kb, answers, name="Hendra Wijaya")
    code, out, err = run("score", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"rolequiz: error: {path}:") and err.endswith(f": {HENDRA_EN}\n")
    assert len(err.splitlines()) == 1


def test_too_many_blanks_in_indonesian(run: Run, tmp_path: Path,
                                       shipped_kb: KnowledgeBase) -> None:
    """The same line in Indonesian, the questions in their Indonesian words."""
    answers = without(typical(shipped_kb, "officer"), "q02", "q05", "q09", "q14", "q18")
    path = sheet_file(tmp_path / "s.yaml", shipped_kb, answers, name="Hendra Wijaya")
    code, _, err = run("--lang", "id", "score", path)
    assert code == 2
    assert ("Hendra Wijaya mengosongkan 5 pertanyaan, padahal hasil hanya bisa dihitung jika "
            "paling banyak 3 yang kosong: pertanyaan 2 “Saya senang membalas komentar dari…”"
            ) in err
    assert "dan 18 “Mencari kata-kata yang tepat untuk…”" in err


def test_another_knowledge_base_sets_its_own_limit(run: Run, tmp_path: Path) -> None:
    """The four-role quiz with ``max_blank: 1``: one blank is scored, "5 of 6"; two are not."""
    kb_path = four_roles(tmp_path, 1)
    kb = load(kb_path)
    answers = {q.id: 0 for q in kb.questions}
    one = sheet_file(tmp_path / "one.yaml", kb, without(answers, kb.questions[1].id))
    two = sheet_file(tmp_path / "two.yaml", kb, without(answers, *(q.id for q in kb.questions[:2])))
    code, out, _ = run("score", one, "--kb", kb_path)
    assert code == 0 and "5 of 6 questions answered" in out
    assert run("score", two, "--kb", kb_path)[0] == 2


def test_the_report_says_how_many_were_answered(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """``--report``: the printable page says "19 of 20 questions answered" and which not."""
    answers = without(typical(shipped_kb, "officer"), "q05")
    report = tmp_path / "report.html"
    assert run("score", sheet_file(tmp_path / "s.yaml", shipped_kb, answers),
               "--report", report)[0] == 0
    page = report.read_text(encoding="utf-8")
    assert "<strong>19 of 20 questions answered.</strong> Left blank: question 5 " \
        "“Your school is holding an arts festival…”" in page


def test_the_markdown_report_says_it_in_indonesian(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """``--report x.md --lang id``: "19 dari 20 pertanyaan dijawab" and question 5 named."""
    answers = without(typical(shipped_kb, "officer"), "q05")
    report = tmp_path / "laporan.md"
    assert run("--lang", "id", "score", sheet_file(tmp_path / "s.yaml", shipped_kb, answers),
               "--report", report)[0] == 0
    assert "**19 dari 20 pertanyaan dijawab.** Tidak dijawab: pertanyaan 5 “Sekolahmu akan " \
        "mengadakan pentas seni…”" in report.read_text(encoding="utf-8")


# -- a class ------------------------------------------------------------------------------------


def test_a_google_form_with_blanks_scores_the_few_and_skips_the_many(run: Run) -> None:
    """Two students who left one question empty are scored ("19" answered, the question
    named); the one who left five is skipped, by name, with the five questions."""
    code, out, err = run("cohort", GOOGLE_EN, "--format", "csv")
    assert code == 0
    rows = {row["Student"]: row for row in csv_rows(out)}
    assert rows["Budi Santoso"]["Answered (of 20)"] == "19"
    assert rows["Budi Santoso"]["Flags"].endswith(
        "19 of 20 answered, left blank: 7 “I want to know the engagement numbers…”")
    assert rows["Eka Putri"]["Answered (of 20)"] == "19"
    assert rows["Hendra Wijaya"]["Result"] == ""
    assert f"{GOOGLE_EN}: row 9: {HENDRA_EN}; skipped" in err


def test_a_google_form_with_blanks_in_indonesian(run: Run) -> None:
    """The Indonesian export with ``--lang id``: the column, the note and the reason in
    Indonesian."""
    code, out, err = run("--lang", "id", "cohort", GOOGLE_ID, "--format", "csv")
    assert code == 0
    rows = {row["Siswa"]: row for row in csv_rows(out)}
    assert rows["Budi Santoso"]["Dijawab (dari 20)"] == "19"
    assert rows["Budi Santoso"]["Catatan"].endswith(
        "19 dari 20 dijawab, tidak dijawab: 7 “Saya ingin tahu angka engagement…”")
    assert f"{GOOGLE_ID}: baris 9: Hendra Wijaya mengosongkan 5 pertanyaan" in err


def test_a_microsoft_form_with_a_blank_keeps_the_students_time(run: Run) -> None:
    """A Microsoft Forms export where Budi left question 10 empty: scored, "19" answered,
    his time taken still shown."""
    code, out, _ = run("cohort", FORMS / "ms-forms-blank-en.csv", "--format", "csv")
    budi = next(row for row in csv_rows(out) if row["Student"] == "Budi Santoso")
    assert (code, budi["Answered (of 20)"], budi["Time taken"]) == (0, "19", "6:00")
    assert budi["Flags"].endswith("left blank: 10 “At a meeting of the student council's…”")


def test_answer_sheets_with_a_blank_are_scored_in_a_class(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """``cohort a.yaml b.yaml``: a sheet with a blank is scored with its 19 answers."""
    whole = sheet_file(tmp_path / "a.yaml", shipped_kb, typical(shipped_kb, "officer"),
                       name="Ani")
    blank = sheet_file(tmp_path / "b.yaml", shipped_kb,
                       without(typical(shipped_kb, "strategist"), "q20"), name="Budi")
    code, out, _ = run("cohort", whole, blank, "--format", "csv")
    rows = {row["Student"]: row for row in csv_rows(out)}
    assert code == 0
    assert (rows["Ani"]["Answered (of 20)"], rows["Budi"]["Answered (of 20)"]) == ("20", "19")
    assert rows["Budi"]["Top role (id)"] == "strategist"


def test_too_many_blanks_count_toward_the_stop(run: Run, tmp_path: Path,
                                               shipped_kb: KnowledgeBase) -> None:
    """A class of five where one left five questions blank (20 %): nothing is written, and
    the line names that student."""
    ids = [q.id for q in shipped_kb.questions]
    lines = ["student," + ",".join(ids)]
    for number in range(5):
        cells = [str(1 + (number + i) % 2) for i in range(len(ids))]
        if number == 2:
            cells[1:6] = [""] * 5
        lines.append(f"Siswa {number}," + ",".join(cells))
    source = tmp_path / "class.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "out.csv"
    code, _, err = run("cohort", source, "-o", output)
    assert code == 2 and not output.exists()
    assert "1 of 5 rows could not be scored" in err
    assert "Siswa 2 left 5 questions blank" in err


def test_a_plain_class_file_with_a_blank_cell_is_scored(run: Run, tmp_path: Path,
                                                         shipped_kb: KnowledgeBase) -> None:
    """A plain class file (``student`` and the ids) with one empty cell: scored, "19"."""
    ids = [q.id for q in shipped_kb.questions]
    cells = ["1"] * len(ids)
    cells[3] = ""
    source = tmp_path / "class.csv"
    source.write_text(f"student,{','.join(ids)}\nSari,{','.join(cells)}\n", encoding="utf-8")
    code, out, _ = run("cohort", source, "--format", "csv")
    row = csv_rows(out)[0]
    assert (code, row["Answered (of 20)"]) == (0, "19")
    assert row["Flags"].endswith("left blank: 4 “I only like to plan for the week ahead.”")


def test_a_typed_paper_workbook_with_an_empty_cell_is_scored(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """The typing workbook (``--template x.xlsx``) with one cell left empty: scored."""
    workbook_path = tmp_path / "typed.xlsx"
    assert run("cohort", "--template", workbook_path)[0] == 0
    book = openpyxl.load_workbook(workbook_path)
    sheet = book.worksheets[0]
    marks = ["A" if q.kind == "choice" else "3" for q in shipped_kb.questions]
    marks[9] = None  # type: ignore[call-overload]
    for column, value in enumerate(["Rina", *marks], start=1):
        sheet.cell(row=2, column=column, value=value)
    book.save(workbook_path)
    code, out, err = run("cohort", workbook_path, "--format", "csv")
    assert code == 0, err
    assert csv_rows(out)[0]["Answered (of 20)"] == "19"


def test_each_student_report_says_how_many_were_answered(run: Run, tmp_path: Path) -> None:
    """``--reports``: Budi's report says "19 of 20 questions answered" and names question 7."""
    folder = tmp_path / "reports"
    assert run("cohort", GOOGLE_EN, "--reports", folder)[0] == 0
    budi = next(folder.glob("*budi-santoso.html")).read_text(encoding="utf-8")
    assert "<strong>19 of 20 questions answered.</strong> Left blank: question 7 " \
        "“I want to know the engagement numbers…”" in budi


def test_the_class_report_shows_the_answered_column_and_names_the_blank(
    run: Run, tmp_path: Path
) -> None:
    """The class report has the Answered column, and Budi among the students to look at,
    with how many he answered and the question he left blank."""
    output = tmp_path / "class.html"
    assert run("cohort", GOOGLE_EN, "-o", output)[0] == 0
    page = output.read_text(encoding="utf-8")
    assert '<th scope="col">Answered (of 20)</th>' in page
    assert "Budi Santoso</strong> (row 3): no role fits strongly; 19 of 20 answered, " \
        "left blank: 7 " \
        "“I want to know the engagement numbers…”" in page


def test_the_item_analysis_counts_the_answers_given(run: Run) -> None:
    """``--items`` on a class with blanks: question 7's answers count the ten students
    scored who answered it (Budi left it blank)."""
    code, out, _ = run("cohort", GOOGLE_EN, "--items")
    assert code == 0
    line = next(line for line in out.splitlines() if line.lstrip().startswith("q07"))
    assert sum(int(count) for _, count in re.findall(r"(\d+) (\d+)", line)) == 10


# -- the paper template's advice -----------------------------------------------------------------


def test_the_paper_says_how_many_may_be_left_empty(run: Run, tmp_path: Path) -> None:
    """The printed questionnaire: answer every question; more than 3 empty, no result."""
    path = tmp_path / "paper.html"
    assert run("cohort", "--template", path)[0] == 0
    assert "Answer every question: each one left empty gives the result less to go on, " \
        "and with more than 3 left empty there is no result." in path.read_text(encoding="utf-8")


def test_the_paper_says_it_in_indonesian(run: Run, tmp_path: Path) -> None:
    """The same advice on the Indonesian questionnaire."""
    path = tmp_path / "kertas.html"
    assert run("--lang", "id", "cohort", "--template", path)[0] == 0
    assert "jika lebih dari 3 yang kosong, hasilnya tidak bisa dihitung" in \
        path.read_text(encoding="utf-8")


def test_a_quiz_that_needs_every_answer_says_leave_none_empty(run: Run,
                                                              tmp_path: Path) -> None:
    """A knowledge base without ``max_blank``: "Leave none empty"."""
    path = tmp_path / "paper.html"
    assert run("cohort", "--template", path, "--kb", TINY)[0] == 0
    assert "Leave none empty: a grid with an empty row gets no result." in \
        path.read_text(encoding="utf-8")


def test_the_typing_workbook_says_how_many_cells_may_stay_empty(run: Run,
                                                                tmp_path: Path) -> None:
    """Each answer cell's input message: up to 3 empty per person are scored."""
    path = tmp_path / "typed.xlsx"
    assert run("cohort", "--template", path)[0] == 0
    sheet = openpyxl.load_workbook(path).worksheets[0]
    prompts = {v.prompt for v in sheet.data_validations.dataValidation
               if v.prompt and "answer grid" in v.prompt}
    assert prompts and all("up to 3 per person are scored" in p for p in prompts)


# -- the short quiz ----------------------------------------------------------------------------


def test_score_short_reads_a_sheet_with_blanks_without_a_replay(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """``score --short`` on a sheet with a blank says it was not replayed, and gives the
    result of the answers given."""
    answers = without(typical(shipped_kb, "specialist"), "q05")
    code, out, err = run("score", sheet_file(tmp_path / "s.yaml", shipped_kb, answers),
                         "--short")
    assert code == 0
    assert "Specialist" in out and "19 of 20 questions answered" in out
    assert "The short quiz was not replayed: the sheet leaves questions blank" in err


def test_cohort_short_scores_a_row_with_blanks_from_its_answers(run: Run) -> None:
    """``cohort --short``: a row with a blank is scored from its 19 answers, "Asked" 19."""
    code, out, _ = run("cohort", GOOGLE_EN, "--short", "--format", "csv")
    budi = next(row for row in csv_rows(out) if row["Student"] == "Budi Santoso")
    assert (code, budi["Asked"], budi["Answered (of 20)"]) == (0, "19", "19")
