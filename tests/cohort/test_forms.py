"""``rolequiz cohort`` on form exports: Google Forms CSV, Excel CSV, Microsoft Forms workbooks.

An export must score exactly as the same answers written as ids
(``fixtures/forms/class-ids.csv``): every comparison here runs both through
the command and compares what it prints.  Exports are built from the ids with
the texts of ``data/roles.yaml`` read directly with PyYAML, not with rolequiz.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rolequiz.core.cohort.read import forms
from rolequiz.core.kb import knowledge

Run = Callable[..., tuple[int, str, str]]

pytestmark = pytest.mark.usefixtures("english")  # the words read are English

FIXTURES = Path(__file__).parent.parent / "fixtures"
FORMS = FIXTURES / "forms"
IDS = FORMS / "class-ids.csv"
SHIPPED = Path(__file__).parent.parent.parent / "data" / "roles.yaml"
FOUR = FIXTURES / "four-roles.yaml"
NOTE_COLUMNS = "Alamat email, Kelas, Skor"


def raw_kb(path: Path = SHIPPED) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def id_rows(path: Path = IDS) -> list[list[str]]:
    """The students of an id CSV: name, then an answer per question."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))[1:]


def option_text(question: dict[str, Any], answer: str, lang: str) -> str:
    option = next(o for o in question["options"] if o["id"] == answer)
    return str(option["text"][lang])


def scored(run: Run, *args: str | Path) -> str:
    """What ``cohort --format csv`` prints for a class (it must succeed)."""
    code, out, err = run("cohort", *args, "--format", "csv")
    assert code == 0, err
    return out


def untimed(table: str) -> list[list[str]]:
    """The records of a class CSV without its "Time taken" column (only a timed form has
    one), to compare a form's rows with the same answers as ids."""
    records = list(csv.reader(io.StringIO(table)))
    if "Time taken" not in records[0]:
        return records
    took = records[0].index("Time taken")
    return [r[:took] + r[took + 1:] for r in records]


def google_export(kb: dict[str, Any], rows: list[list[str]], lang: str, seed: int = 1) -> str:
    """A Google Forms CSV of *rows* with the questions in *lang*, each answer written in one of
    the ways a form or a person writes it, chosen at random."""
    pick = random.Random(seed)
    scale = kb["settings"]["scale"]
    questions = kb["questions"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Timestamp", "Nama", "Email", *(q["text"][lang] for q in questions)])
    for number, (name, *answers) in enumerate(rows):
        cells = []
        for question, answer in zip(questions, answers, strict=True):
            if question["type"] == "choice":
                text = option_text(question, answer, pick.choice(["id", "en"]))
                cells.append(pick.choice([text, text.upper(), f" {text.rstrip('.')}  ",
                                          text.replace("'", "’"), answer.upper()]))
            else:
                label = scale[int(answer) - 1][pick.choice(["id", "en"])]
                cells.append(pick.choice([answer, f"{answer}.0", label, label.lower()]))
        writer.writerow([f"28/11/2026 08:{number % 60:02d}:02", name, "x@example.org", *cells])
    return out.getvalue()


def ms_forms_workbook(path: Path, kb: dict[str, Any], rows: list[list[str]], *, lang: str,
                      seconds: float | list[float] = 600.0, name: str = "anonymous",
                      headers: tuple[str, ...] = ("ID", "Start time", "Completion time",
                                                  "Email", "Name", "Nama Lengkap")) -> Path:
    """A Microsoft Forms export of *rows*: times as dates, the form's own name question
    beside the account's Name (*name* in every row), option texts and scale labels."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    when = book.add_format({"num_format": "m/d/yy h:mm:ss"})
    questions = kb["questions"]
    sheet.write_row(0, 0, [*headers, *(q["text"][lang] for q in questions)])
    start = datetime(2026, 11, 28, 8, 0, 0)
    for number, (student, *answers) in enumerate(rows, start=1):
        took = seconds[number - 1] if isinstance(seconds, list) else seconds
        sheet.write_number(number, 0, number)
        sheet.write_datetime(number, 1, start, when)
        sheet.write_datetime(number, 2, start + timedelta(seconds=took), when)
        sheet.write_string(number, 3, "anonymous")
        sheet.write_string(number, 4, name)
        sheet.write_string(number, 5, student)
        for column, (question, answer) in enumerate(zip(questions, answers, strict=True), 6):
            if question["type"] == "choice":
                sheet.write_string(number, column, option_text(question, answer, lang))
            else:
                sheet.write_string(number, column, kb["settings"]["scale"][int(answer) - 1][lang])
    book.close()
    return path


# -- the same results ----------------------------------------------------------


@pytest.mark.parametrize("export", ["google-id.csv", "google-en.csv", "excel-id.csv"])
def test_a_shipped_export_scores_exactly_like_its_answers_as_ids(run: Run, export: str) -> None:
    """Google Forms (id, en) and an Indonesian Excel CSV (;, BOM, CRLF) give the id CSV's rows."""
    assert scored(run, FORMS / export) == scored(run, IDS)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_export_built_from_ids_scores_exactly_like_them(run: Run, tmp_path: Path,
                                                           lang: str) -> None:
    """Texts in either language, any case, curly quotes, letters, scale labels, 4.0: same rows."""
    export = tmp_path / "form.csv"
    export.write_text(google_export(raw_kb(), id_rows(), lang), encoding="utf-8")
    assert scored(run, export) == scored(run, IDS)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_microsoft_forms_workbook_scores_exactly_like_its_answers_as_ids(
    run: Run, tmp_path: Path, lang: str
) -> None:
    """A .xlsx export, read with its anonymous Name column beside the form's own, gives the
    id CSV's rows when every student took ten minutes, and the time each took."""
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows(), lang=lang)
    records = list(csv.reader(io.StringIO(scored(run, book))))
    took = records[0].index("Time taken")
    assert {r[took] for r in records[1:]} == {"10:00"}
    assert untimed(scored(run, book)) == untimed(scored(run, IDS))


def test_indonesian_microsoft_forms_headers_are_read(run: Run, tmp_path: Path) -> None:
    """Waktu mulai / Waktu penyelesaian / Nama: the Indonesian Microsoft Forms header."""
    headers = ("ID", "Waktu mulai", "Waktu penyelesaian", "Email", "Nama", "Nama lengkap")
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows(), lang="id",
                             headers=headers, seconds=5.0)
    out = scored(run, book, "--lang", "id")
    assert out.count("too_fast") == len(id_rows())


def test_a_form_of_another_knowledge_base_is_read_with_its_texts(run: Run,
                                                                 tmp_path: Path) -> None:
    """With --kb four-roles.yaml, a form of that knowledge base's questions scores as its ids."""
    kb = raw_kb(FOUR)
    questions = kb["questions"]
    rows = [[f"Siswa {n}", *(q["options"][n % 3]["id"] if q["type"] == "choice" else str(n % 5 + 1)
                             for q in questions)] for n in range(6)]
    ids = tmp_path / "ids.csv"
    ids.write_text("\n".join(",".join(r) for r in
                             [["student", *(q["id"] for q in questions)], *rows]) + "\n")
    export = tmp_path / "form.csv"
    export.write_text(google_export(kb, rows, "en"), encoding="utf-8")
    assert scored(run, export, "--kb", FOUR) == scored(run, ids, "--kb", FOUR)


# -- response times -------------------------------------------------------------


def test_a_form_filled_in_seconds_is_flagged_too_fast(run: Run, tmp_path: Path) -> None:
    """Completion minus start under the reading time of most questions raises too_fast."""
    rows = id_rows()[:2]
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), rows, lang="en",
                             seconds=[10.0, 600.0])
    records = list(csv.reader(io.StringIO(scored(run, book))))
    careless = records[0].index("Answer patterns (codes)")
    assert ["too_fast" in r[careless].split(";") for r in records[1:]] == [True, False]


def test_a_google_timestamp_is_no_duration(run: Run) -> None:
    """Google Forms records when a form was sent, not how long it took: nobody is too fast."""
    assert "too_fast" not in scored(run, FORMS / "google-id.csv")


MS_FORMS = FORMS / "ms-forms-en.csv"
"""A Microsoft Forms workbook saved as CSV by Excel (English form): Sari Dewi took 0:40,
Budi Santoso 6:00, Rina Wulandari 2:05."""


def careless_of(run: Run, book: Path, *args: str) -> list[str]:
    """Each student's ``too_fast`` code, or "" (the other careless codes are not about
    time), from ``cohort --format csv``."""
    records = list(csv.reader(io.StringIO(scored(run, book, *args))))
    careless = records[0].index("Answer patterns (codes)")
    return ["too_fast" if "too_fast" in r[careless].split(";") else "" for r in records[1:]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_forty_seconds_for_the_shipped_quiz_is_too_fast_and_six_minutes_is_not(
    run: Run, tmp_path: Path, lang: str
) -> None:
    """The form's reading time decides: 40 s for 20 questions is flagged, 6 minutes is not."""
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows()[:2], lang=lang,
                             seconds=[40.0, 360.0])
    assert careless_of(run, book) == ["too_fast", ""]


def test_a_form_is_read_at_the_pace_of_its_own_language(run: Run, tmp_path: Path) -> None:
    """90 s is under the English form's reading time (672 words, 1:41 at 400 words a minute)
    and over the Indonesian one's (564 words, 1:24)."""
    said = {lang: careless_of(run, ms_forms_workbook(tmp_path / f"{lang}.xlsx", raw_kb(),
                                                     id_rows()[:1], lang=lang, seconds=90.0))
            for lang in ("en", "id")}
    assert said == {"en": ["too_fast"], "id": [""]}


def test_the_reading_pace_is_a_setting_of_the_knowledge_base(run: Run, tmp_path: Path) -> None:
    """``settings.reading_pace: 50`` (words a minute) makes 6 minutes too fast as well."""
    text = SHIPPED.read_text(encoding="utf-8")
    slow = tmp_path / "slow.yaml"
    slow.write_text(text.replace("  too_fast_share: 0.30\n",
                                 "  too_fast_share: 0.30\n  reading_pace: 50\n", 1),
                    encoding="utf-8")
    assert "reading_pace" in slow.read_text(encoding="utf-8")
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows()[:1], lang="id",
                             seconds=360.0)
    assert careless_of(run, book, "--kb", str(slow)) == ["too_fast"]


def test_a_reading_pace_out_of_range_is_refused_with_its_place(run: Run,
                                                               tmp_path: Path) -> None:
    """``reading_pace: 5`` (under 50 words a minute): validate names the setting, exit 2."""
    text = SHIPPED.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  too_fast_share: 0.30\n",
                                "  too_fast_share: 0.30\n  reading_pace: 5\n", 1),
                   encoding="utf-8")
    code, _, err = run("validate", bad)
    assert code == 2
    assert "settings.reading_pace" in err


def test_the_class_table_shows_each_students_time_taken(run: Run) -> None:
    """A Microsoft Forms export gives a "Time taken" column, as a stopwatch shows it."""
    records = list(csv.reader(io.StringIO(scored(run, MS_FORMS))))
    took = records[0].index("Time taken")
    assert [(r[1], r[took]) for r in records[1:]] == [
        ("Sari Dewi", "0:40"), ("Budi Santoso", "6:00"), ("Rina Wulandari", "2:05")]
    assert "too_fast" in records[1][records[0].index("Answer patterns (codes)")].split(";")


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_every_class_format_shows_the_time_taken(run: Run, fmt: str) -> None:
    """JSON, Markdown and the HTML report carry the same "0:40" and "6:00"."""
    code, out, err = run("cohort", MS_FORMS, "--format", fmt)
    assert code == 0, err
    assert "0:40" in out and "6:00" in out


def test_a_workbook_output_has_the_time_taken_column(run: Run, tmp_path: Path) -> None:
    """``-o class.xlsx`` has the column and each student's time."""
    import openpyxl

    out = tmp_path / "class.xlsx"
    code, _, err = run("cohort", MS_FORMS, "-o", out)
    assert code == 0, err
    rows = [[c for c in row] for row in openpyxl.load_workbook(out).active.iter_rows(
        values_only=True)]
    header = next(r for r in rows if "Time taken" in r)
    took = header.index("Time taken")
    assert [r[took] for r in rows[rows.index(header) + 1:] if r[took]] == ["0:40", "6:00",
                                                                            "2:05"]


def test_a_google_export_has_no_time_column(run: Run) -> None:
    """Google Forms records only when a form was sent: no column of times at all."""
    assert "Time taken" not in scored(run, FORMS / "google-id.csv").splitlines()[0]


def test_the_summary_gives_the_class_median_time_beside_the_reading_time(run: Run) -> None:
    """The summary on screen says the median (2:05 of 0:40, 6:00, 2:05) and the reading time."""
    code, out, err = run("cohort", MS_FORMS)
    assert code == 0, err
    assert "Median time to fill in the form: 2:05" in " ".join(out.split())
    assert "1:41" in out


def test_the_too_fast_reason_in_the_class_report_says_the_time(run: Run) -> None:
    """The report's students to look at again: "filled in the whole form in 0:40" and 1:41."""
    code, out, err = run("cohort", MS_FORMS, "--format", "html", "--lang", "id")
    assert code == 0, err
    line = next(line for line in out.splitlines() if "<li><strong>Sari Dewi" in line)
    assert "mengisi seluruh formulir dalam 0:40" in line and "1:41" in line


def test_a_form_at_exactly_its_reading_time_has_no_answer_too_fast() -> None:
    """Spread, the form's reading time leaves each answer at its limit; a second less, under."""
    kb = knowledge.load()
    s = kb.settings
    reading = 60 * sum(len(q.text("id").split()) + (sum(len(o.text("id").split())
                                                         for o in q.options)
                                                     if q.kind == "choice" else 0)
                       for q in kb.questions) / 400
    limits = {q.id: 3.0 if q.kind == "choice" else 1.0 for q in kb.questions}
    assert (s.flag_setting("too_fast_choice"), s.flag_setting("too_fast_statement"),
            s.reading_pace) == (3.0, 1.0, 400)
    at = forms.spread(reading, kb.questions, s, written_in="id")
    under = forms.spread(reading - 1, kb.questions, s, written_in="id")
    assert all(at[q] >= limits[q] for q in limits)
    assert all(under[q] < limits[q] for q in limits)


@pytest.mark.parametrize(("start", "end", "seconds"), [
    ("11/28/26 8:15:02", "11/28/26 8:16:12", 70.0),
    ("2026-11-28 08:15:02", "2026-11-28 08:15:30", 28.0),
    ("28/11/2026 23:59:50", "29/11/2026 00:00:10", 20.0),
])
def test_start_and_completion_written_as_text_give_the_duration(start: str, end: str,
                                                                 seconds: float) -> None:
    """Times a spreadsheet writes as text (US, ISO, day first) give the seconds between."""
    assert forms.duration(start, end) == seconds


@pytest.mark.parametrize(("start", "end"), [
    ("01/02/2026 10:00:00", "02/02/2026 10:00:00"),  # a day or a month later?
    ("11/28/26 8:16:12", "11/28/26 8:15:02"),  # finished before it started
    ("", "11/28/26 8:15:02"),
    ("soon", "later"),
])
def test_times_that_cannot_be_told_give_no_duration(start: str, end: str) -> None:
    """Ambiguous day and month, a completion before the start, blanks: no duration, so no
    answer is called too fast on their account."""
    assert forms.duration(start, end) is None


# -- columns ----------------------------------------------------------------------


def test_other_columns_are_named_in_one_note(run: Run) -> None:
    """Email, class and score columns are not read, and one line on stderr says which."""
    code, _, err = run("cohort", FORMS / "google-id.csv", "--format", "csv")
    assert code == 0
    notes = [line for line in err.splitlines() if "columns not read" in line]
    assert notes == [f"{FORMS / 'google-id.csv'}: columns not read: {NOTE_COLUMNS}"]


def test_the_note_is_in_indonesian_under_lang_id(run: Run) -> None:
    """--lang id: the note says 'kolom yang tidak dibaca'."""
    _, _, err = run("cohort", FORMS / "google-id.csv", "--lang", "id")
    assert f"kolom yang tidak dibaca: {NOTE_COLUMNS}" in err


def test_the_column_with_names_is_chosen_over_an_anonymous_one(run: Run, tmp_path: Path) -> None:
    """Microsoft Forms' Name says "anonymous": the names come from Nama Lengkap."""
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows(), lang="id")
    records = list(csv.reader(io.StringIO(scored(run, book))))
    assert [r[1] for r in records[1:]] == [r[0] for r in id_rows()]


@pytest.mark.parametrize(("lang", "words"), [("en", "choose one with --name-column"),
                                             ("id", "pilih salah satu dengan --name-column")])
def test_two_columns_of_names_ask_for_name_column(run: Run, tmp_path: Path, lang: str,
                                                  words: str) -> None:
    """Name and Nama Lengkap both hold (different) names: one line listing both, exit 2."""
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows(), lang="en",
                             name="Akun Sekolah")
    code, out, err = run("cohort", book, "--lang", lang)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "“Name”, “Nama Lengkap”" in err and words in err


def test_name_column_picks_the_names(run: Run, tmp_path: Path) -> None:
    """--name-column "nama lengkap" (any case) reads the names from that column."""
    book = ms_forms_workbook(tmp_path / "form.xlsx", raw_kb(), id_rows(), lang="en",
                             name="Akun Sekolah")
    assert untimed(scored(run, book, "--name-column", "nama lengkap")) == \
        untimed(scored(run, IDS))


def test_a_name_column_that_is_not_there_is_one_line(run: Run) -> None:
    """--name-column naming no column: exit 2, one line naming it."""
    code, _, err = run("cohort", FORMS / "google-en.csv", "--name-column", "Nickname")
    assert code == 2
    assert err.splitlines() == [f"rolequiz: error: {FORMS / 'google-en.csv'}: row 1: no column "
                                "named “Nickname” (--name-column)"]


# -- short errors -----------------------------------------------------------------


def form_without(tmp_path: Path, dropped: list[int]) -> Path:
    """google-en.csv without the question columns *dropped* (0-based question numbers)."""
    records = list(csv.reader(io.StringIO((FORMS / "google-en.csv").read_text("utf-8"))))
    keep = [i for i in range(len(records[0])) if i - 3 not in dropped]
    path = tmp_path / "form.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[r[i] for i in keep] for r in records])
    return path


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "row 1: no column for question q05 (“Your school is holding an arts festival…”) "
           "(and 2 more); every question needs one, under its text or its id"),
    ("id", "baris 1: tidak ada kolom untuk pertanyaan q05 (“Sekolahmu akan mengadakan pentas "
           "seni…”) (dan 2 lainnya); setiap pertanyaan perlu kolom berjudul teks atau id-nya"),
])
def test_a_missing_question_is_named_in_a_few_words(run: Run, tmp_path: Path, lang: str,
                                                    expected: str) -> None:
    """Three questions without a column: one short line naming the first by id and a start of
    its text, in the user's language."""
    path = form_without(tmp_path, [4, 9, 16])
    code, out, err = run("cohort", path, "--lang", lang)
    assert (code, out) == (2, "")
    word = "kesalahan" if lang == "id" else "error"
    assert err.splitlines() == [f"rolequiz: {word}: {path}: {expected}"]
    assert len(err) - len(str(path)) < 200


def test_a_question_twice_is_one_line(run: Run, tmp_path: Path) -> None:
    """Two columns with one question's text: exit 2, one line naming the question and both."""
    records = list(csv.reader(io.StringIO((FORMS / "google-en.csv").read_text("utf-8"))))
    path = tmp_path / "form.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[*r, r[3]] for r in records])
    code, _, err = run("cohort", path)
    assert code == 2
    assert err.splitlines() == [f"rolequiz: error: {path}: row 1: question q01 has more than "
                                f"one column (D, {chr(ord('A') + len(records[0]))})"]


def test_a_file_that_is_not_a_workbook_is_one_line(run: Run, tmp_path: Path) -> None:
    """A .xlsx that is not a workbook: exit 2, one line, no traceback."""
    path = tmp_path / "form.xlsx"
    path.write_text("student,q01\n")
    code, _, err = run("cohort", path, "--lang", "id")
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "tidak bisa dibaca sebagai buku kerja Excel" in err


# -- hostile cells ------------------------------------------------------------------


def test_hostile_cells_skip_their_rows_with_short_reasons(run: Run) -> None:
    """Unknown answers, 300 characters, no name: each row skipped (kept with no result) with a
    short reason naming the question by id; one blank answer is scored, and said; formulas
    and markup in names are kept as text."""
    path = FORMS / "google-hostile.csv"
    code, out, err = run("cohort", path, "--format", "csv", "--skip-bad")
    assert code == 0
    assert f"{path}: row 4: q05: “Mungkin saja” is not one of its options; skipped" in err
    assert f"{path}: row 5:" not in err
    assert f"{path}: row 6: q01: “{'x' * 40}…” is not one of its options; skipped" in err
    assert f"{path}: row 7: no name in the column “Nama Lengkap”; skipped" in err
    assert f"{path}: row 10: q03: “Membalas komentar setiap hari” is not one" in err
    assert max(map(len, err.splitlines())) < 200
    records = list(csv.reader(io.StringIO(out)))[1:]
    assert [r[1] for r in records if r[2]] == ["'=HYPERLINK(\"http://x\",\"klik\")",
                                               "<script>alert(1)</script>", "Dimas Pratama",
                                               "Gita  Maharani"]
    assert [r[1] for r in records if not r[2]] == ["Citra Dewi", "Eka Putri", "",
                                                   "Hendra Wijaya"]
    dimas = next(r for r in records if r[1] == "Dimas Pratama")
    assert dimas[-2:] == ["19", "19 of 20 answered, left blank: 7 "
                                "“I want to know the engagement numbers…”"]


def test_a_form_of_another_quiz_is_one_line(run: Run) -> None:
    """An export whose columns are none of the knowledge base's questions: exit 2, one line
    that says so and points at --kb."""
    code, _, err = run("cohort", FORMS / "google-en.csv", "--kb", FOUR)
    assert code == 2
    assert err.splitlines() == [f"rolequiz: error: {FORMS / 'google-en.csv'}: row 1: no column "
                                "is a question of the knowledge base (q1…q6), by its id or its "
                                "text; is the file for this quiz (--kb)?"]


def test_a_typed_workbook_with_ids_numbers_and_letters_scores_like_the_csv(
    run: Run, tmp_path: Path
) -> None:
    """A sheet headed student and question ids, with numbers stored as numbers (4.0) and
    the paper's capital letters for the options, scores as the id CSV."""
    kb = raw_kb()
    path = tmp_path / "typed.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["student", *(q["id"] for q in kb["questions"])])
    for number, (name, *answers) in enumerate(id_rows(), start=1):
        sheet.write_string(number, 0, name)
        for column, (question, answer) in enumerate(zip(kb["questions"], answers, strict=True), 1):
            if question["type"] == "choice":  # the paper's letter: the option's id, a capital
                sheet.write_string(number, column, answer.upper())
            else:
                sheet.write_number(number, column, float(answer))
    book.close()
    assert scored(run, path) == scored(run, IDS)


def test_the_answer_workbook_of_template_filled_in_scores_like_the_csv(
    run: Run, tmp_path: Path
) -> None:
    """The sheet ``--template FILE.xlsx`` writes, typed in with the paper's letters and scale
    numbers, scores as the same answers written as ids."""
    import openpyxl

    template = tmp_path / "answers.xlsx"
    assert run("cohort", "--template", template)[0] == 0
    kb = raw_kb()
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for number, (name, *answers) in enumerate(id_rows(), start=2):
        sheet.cell(row=number, column=1, value=name)
        for column, (question, answer) in enumerate(zip(kb["questions"], answers, strict=True), 2):
            value = answer.upper() if question["type"] == "choice" else int(answer)
            sheet.cell(row=number, column=column, value=value)
    book.save(template)
    assert scored(run, template) == scored(run, IDS)


def test_the_note_stays_short_with_a_column_per_question_more(run: Run, tmp_path: Path) -> None:
    """A quiz export with a 'Points - question' column beside every question: the note names
    eight, each by the start of its header, and counts the rest."""
    records = list(csv.reader(io.StringIO((FORMS / "google-en.csv").read_text("utf-8"))))
    points = [f"Points - {header}" for header in records[0][3:-1]]
    path = tmp_path / "quiz.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([records[0] + points] +
                                     [r + ["0"] * len(points) for r in records[1:]])
    code, _, err = run("cohort", path)
    (note,) = [line for line in err.splitlines() if "columns not read" in line]
    assert code == 0
    assert note.endswith(f"(and {2 + len(points) - 8} more)")
    assert len(note) - len(str(path)) < 8 * 45 + 60


def test_numbered_question_headers_are_found(run: Run, tmp_path: Path) -> None:
    """A form whose questions are numbered ("1. …", "q02 …") is read by the rest of the text."""
    text = google_export(raw_kb(), id_rows(), "id")
    records = list(csv.reader(io.StringIO(text)))
    records[0] = records[0][:3] + [f"{n}. {h}" if n % 2 else f"q{n:02d} {h}"
                                   for n, h in enumerate(records[0][3:], start=1)]
    path = tmp_path / "numbered.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(records)
    assert scored(run, path) == scored(run, IDS)


def test_an_extra_column_in_a_plain_csv_is_named_not_fatal(run: Run, tmp_path: Path) -> None:
    """student, the question ids and a class column: scored as the ids, the column named."""
    records = list(csv.reader(io.StringIO(IDS.read_text("utf-8"))))
    path = tmp_path / "with-class.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[*records[0], "kelas"]] +
                                     [[*r, "XI IPS 2"] for r in records[1:]])
    code, out, err = run("cohort", path, "--format", "csv")
    assert (code, out) == (0, scored(run, IDS))
    assert f"{path}: columns not read: kelas" in err


# -- matching, as a property ------------------------------------------------------

SHIPPED_KB = knowledge.load()
OPTIONS = [(question, index, lang) for question in SHIPPED_KB.questions
           for index in range(len(question.options)) for lang in SHIPPED_KB.languages]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(OPTIONS), st.lists(st.sampled_from(["upper", "lower", "title", "space",
                                                            "quote", "bang", "dot"]),
                                           max_size=4))
def test_an_option_text_however_retyped_names_its_option(
    option: tuple[Any, int, str], changes: list[str]
) -> None:
    """Case, doubled spaces, curly quotes and punctuation added or lost never change which
    option a text names."""
    question, index, lang = option
    text = question.options[index].text(lang)
    for change in changes:
        text = {"upper": text.upper(), "lower": text.lower(), "title": text.title(),
                "space": "  " + text.replace(" ", "   ") + " ",
                "quote": text.replace("'", "’").replace('"', "“"),
                "bang": text.rstrip(".") + "!", "dot": text.replace(",", "")}[change]
    assert forms.Choices(SHIPPED_KB).index(question, text) == index


def test_a_letter_from_paper_reads_the_same_in_either_case(run: Run, tmp_path: Path) -> None:
    """The shipped quiz prints each scenario option beside its own id as a capital, so a
    class typed in from paper reads the same with ``C`` or ``c``, and as the id CSV."""
    kb = raw_kb()
    rows = id_rows()
    for case in (str.upper, str.lower):
        path = tmp_path / f"typed-{case.__name__}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", *(q["id"] for q in kb["questions"])])
            writer.writerows([name, *(case(a) for a in answers)] for name, *answers in rows)
        assert scored(run, path) == scored(run, IDS)


def test_options_without_letter_ids_are_lettered_by_place_in_either_case(
    run: Run, tmp_path: Path
) -> None:
    """In a knowledge base whose option ids are words, ``A`` and ``a`` both name the first
    option listed, on paper and in a class file."""
    raw = yaml.safe_load(FOUR.read_text(encoding="utf-8"))
    for question in raw["questions"]:
        for option in question.get("options", []):
            option["id"] = f"option_{option['id']}"
    worded = tmp_path / "worded.yaml"
    worded.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    def write(path: Path, cell: Callable[[dict[str, Any], int], str]) -> Path:
        """Two students: the first crosses every scenario's first option, the second its
        second; both agree 1 and 2 with the statements."""
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student", *(q["id"] for q in raw["questions"])])
            for n in range(2):
                writer.writerow([f"S{n}", *(cell(q, n) if q["type"] == "choice" else str(n + 1)
                                            for q in raw["questions"])])
        return path

    expected = scored(run, write(tmp_path / "ids.csv", lambda q, n: q["options"][n]["id"]),
                      "--kb", worded)
    for letters in ("AB", "ab"):
        path = write(tmp_path / f"{letters}.csv", lambda q, n, letters=letters: letters[n])
        assert scored(run, path, "--kb", worded) == expected
