"""``rolequiz cohort`` on a form whose texts were edited after the quiz was written: an
option or a header changed by a letter or a word, a grid question.

Exports are written as Google Forms writes them (Timestamp, Email, the form's name
question, one column per question under its text), from the id fixture and the texts
of the knowledge base read directly with PyYAML; an edit is made to those texts, as a
teacher makes it in the form.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from test_forms import FOUR, IDS, Run, id_rows, raw_kb, scored

from rolequiz.core.cohort.read import closest

pytestmark = pytest.mark.usefixtures("english")  # the words read are English


def export(path: Path, kb: dict[str, Any], rows: list[list[str]], lang: str,
           header: dict[int, str] | None = None) -> Path:
    """A Google Forms CSV of *rows* (name, then answer ids) in *lang*, every answer as the
    form writes it (an option's text, a scale label); *header* replaces the header of the
    question columns it names (0 = the first question)."""
    scale = kb["settings"]["scale"]
    questions = kb["questions"]
    titles = [(header or {}).get(n, q["text"][lang]) for n, q in enumerate(questions)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Timestamp", "Alamat email", "Nama Lengkap", *titles])
        for number, (name, *answers) in enumerate(rows):
            cells = [next(o["text"][lang] for o in q["options"] if o["id"] == answer)
                     if q["type"] == "choice" else scale[int(answer) - 1][lang]
                     for q, answer in zip(questions, answers, strict=True)]
            writer.writerow([f"28/11/2026 08:{number:02d}:02", "x@sekolah.sch.id", name, *cells])
    return path


def edited(kb: dict[str, Any], question: str, option: str, old: str, new: str) -> dict[str, Any]:
    """*kb* with *old* replaced by *new* in every language of one option's text."""
    for q in kb["questions"]:
        for o in q.get("options", []):
            if q["id"] == question and o["id"] == option:
                o["text"] = {lang: text.replace(old, new) for lang, text in o["text"].items()}
    return kb


def choosing(question: str, option: str) -> int:
    """How many students of the id fixture chose *option* of *question*."""
    header, *rows = list(csv.reader(io.StringIO(IDS.read_text(encoding="utf-8"))))
    return sum(row[header.index(question)] == option for row in rows)


# -- an edited option ------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [
    ("id", "“…Ramadhan…” dibaca sebagai “…Ramadan…” ({rows} baris)"),
    ("en", "“…Ramadhan…” read as “…Ramadan…” ({rows} rows)")])
def test_an_option_edited_by_a_letter_is_read_as_it_and_said_once(
    run: Run, tmp_path: Path, lang: str, said: str
) -> None:
    """'Ramadhan' for 'Ramadan' in q15: every student scored as with the ids, and one line
    (in the user's language) says how the text was read and in how many rows."""
    kb = edited(raw_kb(), "q15", "b", "Ramadan", "Ramadhan")
    path = export(tmp_path / "form.csv", kb, id_rows(), lang)
    code, out, err = run("cohort", path, "--format", "csv", "--lang", "en")
    assert code == 0
    assert out == scored(run, IDS, "--lang", "en")
    code, _, err = run("cohort", path, "--lang", lang)
    lines = [line for line in err.splitlines() if "Ramadhan" in line]
    assert lines == [f"{path}: q15: " + said.format(rows=choosing("q15", "b"))]


def test_an_option_edited_in_another_knowledge_base_is_read_as_it(run: Run,
                                                                   tmp_path: Path) -> None:
    """With --kb four-roles.yaml, 'Mencari tahu dari mana asal-usulnya' is q1's option a."""
    kb = edited(raw_kb(FOUR), "q1", "a", "asalnya", "asal-usulnya")
    questions = kb["questions"]
    rows = [[f"Siswa {n}", *(q["options"][n % 3]["id"] if q["type"] == "choice"
                             else str(n % 5 + 1) for q in questions)] for n in range(6)]
    ids = tmp_path / "ids.csv"
    ids.write_text("\n".join(",".join(r) for r in
                             [["student", *(q["id"] for q in questions)], *rows]) + "\n")
    path = export(tmp_path / "form.csv", kb, rows, "id")
    code, out, err = run("cohort", path, "--kb", FOUR, "--format", "csv")
    assert code == 0
    assert out == scored(run, ids, "--kb", FOUR)
    assert f"{path}: q1: “…asal-usulnya” read as “…asalnya” (2 rows)" in err.splitlines()


def test_an_option_no_longer_like_any_stops_before_anything_is_written(
    run: Run, tmp_path: Path
) -> None:
    """An option rewritten (16 students' answers, none clearly one of q15's options): exit 2,
    one line naming the column letter, the text, how many rows and the first of them, and
    the closest options; no file."""
    kb = edited(raw_kb(), "q15", "b", "paket Ramadan dan menjalankannya",
                "kampanye tujuh belasan dan mengawalnya")
    path = export(tmp_path / "form.csv", kb, id_rows() * 4, "id")
    target = tmp_path / "kelas.html"
    code, _, err = run("cohort", path, "-o", target, "--lang", "id")
    assert code == 2
    [line] = err.splitlines()
    rewritten = [number for number, row in enumerate(csv.reader(io.StringIO(
        path.read_text(encoding="utf-8"))), start=1) if "tujuh belasan" in row[17]]
    assert len(rewritten) == 4 * choosing("q15", "b") > 6
    rows = ", ".join(map(str, rewritten[:6])) + " …"  # the spreadsheet's rows, the first six
    assert re.fullmatch(
        re.escape(f"rolequiz: kesalahan: {path}: kolom R (q15): “Merancang kampanye kampanye "
                  f"tujuh…”, di {len(rewritten)} baris ({rows}), bukan salah satu pilihannya "
                  "(yang paling mirip: “Merancang kampanye paket Ramadan dan…” (")
        + r"[5-8][0-9] %\)\); perbaiki pilihan itu di formulir atau di berkasnya, atau "
        r"periksa --kb", line)
    assert not target.exists()


def test_one_students_own_words_stay_one_skipped_row(run: Run, tmp_path: Path) -> None:
    """A text only one row gives, like no option in particular, skips that row alone, named."""
    path = export(tmp_path / "form.csv", raw_kb(), id_rows(), "en")
    text = path.read_text(encoding="utf-8")
    first = re.search(r"Designing a Ramadan package campaign[^,]*", text)
    assert first is not None
    path.write_text(text.replace(first.group(0), "I would rather plan a bazaar", 1),
                    encoding="utf-8")
    code, _, err = run("cohort", path)
    assert code == 0
    assert "q15: “I would rather plan a bazaar” is not one of its options; skipped" in err


def test_a_text_as_close_to_two_options_is_neither() -> None:
    """The rule: taken only when at least 0.85 alike and 0.10 closer than the next."""
    two = [(0, "setuju", "Setuju"), (1, "sangat setuju", "Sangat setuju")]
    assert closest.closest("setujuu", two).clear == 0
    assert closest.closest("sangat setujuu", two).clear == 1
    assert closest.closest("tidak setuju", [(0, "tidak setujuu", ""), (1, "tidak setuju!", "")]
                           ).clear is None


# -- headers -------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("id", "dibaca sebagai"), ("en", "read as")])
def test_a_header_edited_by_a_word_is_read_and_named_by_its_column(
    run: Run, tmp_path: Path, lang: str, said: str
) -> None:
    """q02's header with a word added is read as q02, and one line names column E."""
    text = raw_kb()["questions"][1]["text"]["id"]
    changed = text.replace("membalas", "membalas semua")
    path = export(tmp_path / "form.csv", raw_kb(), id_rows(), "id", header={1: changed})
    assert scored(run, path) == scored(run, IDS)
    _, _, err = run("cohort", path, "--lang", lang)
    assert f"{path}: {'kolom' if lang == 'id' else 'column'} E: “Saya senang membalas semua " \
           f"komentar…” {said} q02 (“" in err


def test_a_header_too_different_names_the_closest_column(run: Run, tmp_path: Path) -> None:
    """A header rewritten: exit 2, one line naming the question and the closest column."""
    path = export(tmp_path / "form.csv", raw_kb(), id_rows(), "en",
                  header={1: "I like reading the comments of an account"})
    code, _, err = run("cohort", path)
    assert code == 2
    [line] = err.splitlines()
    assert re.fullmatch(
        re.escape(f"rolequiz: error: {path}: row 1: no column for question q02 (“I enjoy "
                  "replying to comments from an…”); the closest header is column E (“I like "
                  "reading the comments of an…”, ")
        + r"[5-8][0-9] %\), too different to be read as it: correct that header", line)


def test_a_grid_question_is_read_by_its_rows(run: Run, tmp_path: Path) -> None:
    """Statements asked as one grid ('Seberapa setuju kamu…? [statement]') score as the ids."""
    questions = raw_kb()["questions"]
    header = {n: f"Seberapa setuju kamu dengan pernyataan berikut? [{q['text']['id']}]"
              for n, q in enumerate(questions) if q["type"] == "scale"}
    path = export(tmp_path / "form.csv", raw_kb(), id_rows(), "id", header=header)
    assert scored(run, path) == scored(run, IDS)


@pytest.mark.parametrize(("lang", "said"), [("id", "pertanyaan petak"), ("en", "grid question")])
def test_a_grid_of_other_statements_is_refused_with_what_to_use(
    run: Run, tmp_path: Path, lang: str, said: str
) -> None:
    """A grid row that is no question: exit 2, one line saying grids need the questions'
    texts and to ask each statement on its own."""
    path = export(tmp_path / "form.csv", raw_kb(), id_rows(), "id",
                  header={1: "Seberapa setuju kamu? [Saya suka kucing]"})
    code, _, err = run("cohort", path, "--lang", lang)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "E (“Saya suka kucing”)" in err
    assert said in err
    assert "--template" in err


def test_a_wrong_letter_typed_twice_skips_its_rows(run: Run, tmp_path: Path) -> None:
    """A workbook typed from paper with 'Z' for q01 in two rows: a typing slip, not an
    option of a form; both rows are skipped, named, and the rest of the class is scored."""
    import xlsxwriter

    header, *rows = list(csv.reader(io.StringIO(IDS.read_text(encoding="utf-8"))))
    for row in rows[:2]:
        row[1] = "Z"
    path = tmp_path / "kelas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for number, row in enumerate([header, *rows]):
        sheet.write_row(number, 0, row)
    book.close()
    code, out, err = run("cohort", path, "--format", "csv", "--skip-bad")  # 2 of 12
    assert code == 0
    assert err.count("q01: “Z” is not one of its options; skipped") == 2
    assert len(out.splitlines()) == len(rows) + 1
