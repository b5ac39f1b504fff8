"""The class report (``rolequiz cohort CLASS -o class.html``) as a counselor presents it,
and students who cannot be scored kept in every output."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from checks import flat
from rolequiz import i18n
from rolequiz.cli import common
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase, Lang

Run = Callable[..., tuple[int, str, str]]

FIXTURES = Path(__file__).parent.parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
FOUR = FIXTURES / "four-roles.yaml"
MIXED = FIXTURES / "cohort" / "mixed.csv"
DAY = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report is dated; the tests fix the day."""
    monkeypatch.setattr(common, "today", lambda: DAY)


def text_of(path: Path) -> str:
    """The page's text as a reader sees it, every run of whitespace one space."""
    markup = path.read_text(encoding="utf-8")
    markup = re.sub(r"<(style|svg)\b.*?</\1>", " ", markup, flags=re.S)
    from html import unescape

    markup = re.sub(r"</?(strong|em|a|span|time)\b[^>]*>", "", markup)  # inline: no break
    return flat(unescape(re.sub(r"<[^>]+>", " ", markup)))


def write_class(path: Path, kb: KnowledgeBase, count: int, *,
                same: str | None = None) -> Path:
    """*count* students answering at random (the same every run); every one answers the
    question *same* with its first option."""
    rng = random.Random(11)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["student", *(q.id for q in kb.questions)])
    for n in range(count):
        writer.writerow([f"Student {n}", *(1 if q.id == same else rng.randrange(len(q.options)) + 1
                                           for q in kb.questions)])
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "id"])
def test_class_report_has_title_date_legend_talk_and_source(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase, lang: Lang
) -> None:
    """The page opens with the class's title and the date, explains its words, says how to
    talk the results over and cites the knowledge base's source."""
    source = write_class(tmp_path / "class.csv", shipped_kb, 12)
    output = tmp_path / "class.html"
    code, _, err = run("cohort", source, "-o", output, "--title", "XI IPS 2", "--lang", lang)
    assert code == 0, err
    text = text_of(output)
    assert f"{i18n.t(lang, 'cohort.report.title.students')} — XI IPS 2" in text
    assert {"en": "November 28, 2026", "id": "28 November 2026"}[lang] in text  # CLDR's long date
    for key in ("fit", "margin", "blend", "uncertain", "same_position", "contradiction",
                "too_fast", "duplicate", "skipped"):
        assert flat(i18n.t(lang, f"cohort.legend.{key}")) in text
    assert i18n.t(lang, "cohort.talk.heading") in text
    assert flat(i18n.t(lang, "cohort.talk.blend")) in text
    assert shipped_kb.source is not None
    assert shipped_kb.source.title in text


def test_class_report_table_is_in_words_without_ids_or_codes(
    run: Run, tmp_path: Path, shipped_kb: KnowledgeBase
) -> None:
    """The page's table of students has no column of ids or codes (those are for the
    spreadsheet), and says how sure each result is in the reader's words."""
    source = write_class(tmp_path / "class.csv", shipped_kb, 12)
    output = tmp_path / "class.html"
    assert run("cohort", source, "-o", output, "--lang", "id")[0] == 0
    markup = output.read_text(encoding="utf-8")
    table = markup[markup.rindex("<table"):]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert "Siswa" in headers and "Hasil" in headers
    assert not [h for h in headers if "(id)" in h or "(kode)" in h]
    cells = set(re.findall(r"<td[^>]*>([^<]*)</td>", table))
    assert cells & {"jelas", "cenderung", "terlalu dekat", "tak ada yang cocok"}
    assert not cells & {"clear", "leaning", "too_close", "no_fit"}


def test_class_report_without_a_source_cites_none(run: Run, tmp_path: Path) -> None:
    """A knowledge base with no ``source`` gets no source line."""
    kb = knowledge.load(FOUR)
    output = tmp_path / "class.html"
    code, _, err = run("cohort", write_class(tmp_path / "c.csv", kb, 5), "--kb", FOUR,
                       "-o", output)
    assert code == 0, err
    assert "Source:" not in text_of(output)


def test_class_report_names_every_skipped_or_flagged_student(run: Run, tmp_path: Path) -> None:
    """Not scored, not reliable, a name twice, no role fitting: each student by name, with
    the reason, before the table; then the students whose result is a mix."""
    source = tmp_path / "class.csv"
    source.write_text(MIXED.read_text(encoding="utf-8") + "Fajar,a,a,3,5,5,a\n",
                      encoding="utf-8")
    output = tmp_path / "class.html"
    assert run("cohort", source, "--kb", TINY, "-o", output, "--skip-bad",
               "--duplicates", "all")[0] == 0
    text = text_of(output)
    section = text[text.index("Students to look at again"):text.index("A mix of roles")]
    assert "Ani (row 2): not reliable; most answers were in the same place in the list" \
        in section
    assert "Dewi (row 5): not scored: Dewi left question 4 “I avoid green.” blank, and this " \
        "quiz needs an answer to every question" in section
    assert "(no name) (row 6): not scored: no name in the student column" in section
    assert "ani (row 7): duplicate name (also row 2)" in section
    assert "Eko (row 8): no role fits strongly" in section
    assert "Fajar" not in section  # a mix is a result, not a problem: listed apart
    mixes = text[text.index("A mix of roles"):text.index("What the words mean")]
    assert "Fajar (row 9): A mix of Gamma in short and Alpha in short" in mixes


def test_item_analysis_says_first_which_questions_are_not_working(
    run: Run, tmp_path: Path, tiny_kb: KnowledgeBase
) -> None:
    """A question the whole class answered alike is named in plain words, by its text, before
    the figures; alpha comes in the footnote after."""
    source = write_class(tmp_path / "class.csv", tiny_kb, 20, same="q2")
    output = tmp_path / "class.html"
    code, _, err = run("cohort", source, "--kb", TINY, "-o", output, "--items")
    assert code == 0, err
    text = text_of(output)
    weak = text.index("Questions that may not be working")
    assert "q2 · Question two?: 100% of the answers were the same" in text[weak:]
    assert weak < text.index("Answers per question") < text.index("Cronbach's alpha")
    assert "q1 · Question one?" in text


@pytest.mark.parametrize("suffix", ["csv", "json", "md", "html", "xlsx"])
def test_a_student_with_a_missing_answer_is_in_every_output(
    run: Run, tmp_path: Path, suffix: str
) -> None:
    """Dewi left q4 empty where the quiz needs every answer: her row is there, with no result
    and the reason among the flags."""
    reason = ("Dewi left question 4 “I avoid green.” blank, and this quiz needs an answer to "
              "every question")
    output = tmp_path / f"class.{suffix}"
    assert run("cohort", MIXED, "--kb", TINY, "-o", output, "--skip-bad")[0] == 0
    if suffix == "xlsx":
        sheet = openpyxl.load_workbook(output, read_only=True).worksheets[0]
        rows = [[str(c) if c is not None else "" for c in r]
                for r in sheet.iter_rows(values_only=True)]
        dewi = next(r for r in rows if "Dewi" in r)
        assert dewi[2] == "" and dewi[-1] == reason
    elif suffix == "csv":
        rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
        dewi = next(r for r in rows if "Dewi" in r)
        assert dewi[2] == "" and dewi[-1] == reason
    elif suffix == "json":
        row = next(r for r in json.loads(output.read_text(encoding="utf-8"))["rows"]
                   if r["student"] == "Dewi")
        assert row["result"] == "" and row["flags"] == reason
    else:
        text = output.read_text(encoding="utf-8")
        assert "Dewi" in text and "Dewi left question 4" in text


MS_FORMS_ID = FIXTURES / "forms" / "ms-forms-id.csv"
"""A Microsoft Forms export in Indonesian: six submissions with start and completion
times, not in name order; Dewi Anggraini (a blend) submitted twice, Sari Dewi in 40
seconds with the first option and "Netral" throughout (not reliable)."""


def table_rows(markup: str) -> list[list[str]]:
    """The cells of each row of the page's table of students."""
    table = markup[markup.index('<table class="students">'):]
    table = table[:table.index("</table>")]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", table) if "<td" in row]


def test_a_result_that_is_not_reliable_shows_no_confidence_and_no_fits(
    run: Run, tmp_path: Path
) -> None:
    """Sari's row says "not reliable" with no confidence word and no fit beside it, as her
    own report does."""
    output = tmp_path / "kelas.html"
    assert run("cohort", MS_FORMS_ID, "-o", output, "--lang", "id")[0] == 0
    sari = next(row for row in table_rows(output.read_text(encoding="utf-8"))
                if row[1] == "Sari Dewi")
    assert sari[2] == "Belum ada hasil yang bisa dipercaya"
    assert sari[3:8] == ["", "", "", "", ""]  # confidence, three fits, margin
    assert "tidak dapat dipercaya" in sari[-1]


def test_every_blend_the_summary_counts_is_listed(run: Run, tmp_path: Path) -> None:
    """"Perpaduan: 2" lists two students, the second submission (a name twice) as well."""
    output = tmp_path / "kelas.html"
    assert run("cohort", MS_FORMS_ID, "--duplicates", "all", "-o", output, "--lang", "id")[0] == 0
    text = text_of(output)
    mixes = text[text.index("Perpaduan peran (sebuah hasil"):text.index("Siswa menurut peran")]
    assert mixes.count("Dewi Anggraini") == 2
    assert "Perpaduan: 2" in text


def test_the_report_lists_the_students_of_each_role(run: Run, tmp_path: Path) -> None:
    """Under "Students by role", each role with its students by name (a blend and a result
    that is not reliable are listed above, not here)."""
    output = tmp_path / "kelas.html"
    assert run("cohort", MS_FORMS_ID, "-o", output, "--lang", "id")[0] == 0
    text = text_of(output)
    roles = text[text.index("Siswa menurut peran"):text.index("Arti istilah")]
    assert "Social Media Officer (1) Ahmad Fauzi" in roles
    assert "Social Media Specialist (1) Bayu Saputra" in roles
    assert "Social Media Strategist (1) Rina Wulandari" in roles
    assert "Sari" not in roles and "Dewi Anggraini" not in roles


def test_the_table_of_students_is_in_name_order_unless_asked(run: Run, tmp_path: Path) -> None:
    """By name by default; ``--order submitted`` keeps the export's order."""
    by_name, submitted = tmp_path / "a.html", tmp_path / "b.html"
    assert run("cohort", MS_FORMS_ID, "-o", by_name)[0] == 0
    assert run("cohort", MS_FORMS_ID, "-o", submitted, "--order", "submitted")[0] == 0
    assert [r[1] for r in table_rows(by_name.read_text(encoding="utf-8"))] == [
        "Ahmad Fauzi", "Bayu Saputra", "Dewi Anggraini", "Dewi Anggraini", "Rina Wulandari",
        "Sari Dewi"]
    assert [r[1] for r in table_rows(submitted.read_text(encoding="utf-8"))] == [
        "Rina Wulandari", "Ahmad Fauzi", "Bayu Saputra", "Dewi Anggraini", "Sari Dewi",
        "Dewi Anggraini"]


def test_a_contradiction_names_the_statements_answered_alike(run: Run, tmp_path: Path) -> None:
    """Ani's reason quotes each pair of opposite statements she agreed with alike, so the
    counselor can judge; the legend's general words are not repeated."""
    output = tmp_path / "kelas.html"
    assert run("cohort", FIXTURES / "forms" / "google-id.csv", "-o", output,
               "--lang", "id")[0] == 0
    text = text_of(output)
    ani = text[text.index("Ani Lestari (baris 2)"):text.index("Budi Santoso (baris 3)")]
    assert ("menjawab searah pernyataan-pernyataan yang saling berlawanan: "
            "q02 “Saya senang membalas komentar dari pengikut sebuah akun.” dan "
            "q14 “Saya lebih suka orang lain yang menanggapi pesan dari pengikut.”; q06") in ani
    assert "q07 “Saya ingin tahu angka engagement" in ani
    assert flat(i18n.t("id", "cohort.legend.contradiction")) not in ani


def test_the_workbook_speaks_the_readers_language(run: Run, tmp_path: Path) -> None:
    """``--lang id -o kelas.xlsx``: confidence in words ("jelas", never ``clear``), code
    columns marked "(kode)" (not "(id)", which reads as "Indonesian"), no "asal-asalan" on a
    sheet parents may see, and "Halaman 1 dari 2" at the foot of each page."""
    import openpyxl

    output = tmp_path / "kelas.xlsx"
    assert run("cohort", MS_FORMS_ID, "--duplicates", "all", "-o", output, "--lang", "id")[0] == 0
    sheet = openpyxl.load_workbook(output).active
    assert sheet is not None
    header = [str(cell.value) for cell in sheet[1]]
    assert "Peran teratas (kode)" in header and "Pola jawaban (kode)" in header
    assert not [h for h in header if "(id)" in h or "asal-asalan" in h]
    confidence = header.index("Keyakinan")
    said = {row[confidence] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert said <= {"jelas", "cenderung", "terlalu dekat", "tak ada yang cocok"}
    assert "jelas" in said
    assert sheet.oddFooter.center.text == "Halaman &P dari &N"


def test_fits_in_the_table_have_no_needless_decimals(run: Run, tmp_path: Path) -> None:
    """A fit or margin is shown with one decimal at most, none when whole: "99,6", "100",
    "0", never "0,0" or "99,61234"."""
    output = tmp_path / "kelas.html"
    assert run("cohort", MS_FORMS_ID, "-o", output, "--lang", "id")[0] == 0
    shown = [cell for row in table_rows(output.read_text(encoding="utf-8"))
             for cell in row[4:8] if cell]  # three fits and the margin
    assert shown
    assert all(re.fullmatch(r"[0-9]{1,3}(,[1-9])?", cell) for cell in shown), shown
