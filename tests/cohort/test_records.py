"""Every writer of ``rolequiz cohort`` says the same about a student as the class table.

The class table, the index of the per-student reports and the class report's list of
students to look at again are written from one record per student: a counselor who
opens any of them reads one result and one set of flags for each student, blends,
careless answering, blanks, names twice and rows not scored included, in either language.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase

Run = Callable[..., tuple[int, str, str]]

FIXTURES = Path(__file__).parent.parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
MIXED = FIXTURES / "cohort" / "mixed.csv"
ROW = re.compile(r'<tr><td><a href="[^"]*">(.*?)</a></td><td>(.*?)</td><td>(.*?)</td></tr>')
ITEM = re.compile(r"<li><strong>(.*?)</strong> \((.*?)\): (.*?)</li>")


def varied_class(path: Path, kb: KnowledgeBase) -> Path:
    """A class of the shipped knowledge base with a bit of everything: random answers (most
    fit no role strongly, some contradict themselves), a few answered to favour a role,
    a question left blank now and then, and two names that submitted twice."""
    rng = random.Random(19)  # a seed whose class has every kind of result
    names = [f"Student {n}" for n in range(24)] + ["Student 3", "Student 7"]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["student", *(q.id for q in kb.questions)])
    for n, name in enumerate(names):
        row: list[object] = [rng.randrange(len(q.options)) + 1 if n % 3 else
                             (n + i) % len(q.options) + 1
                             for i, q in enumerate(kb.questions)]
        if n % 11 == 5:
            row[2] = ""
        writer.writerow([name, *row])
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def table_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["rows"]
    return rows


def found(pattern: re.Pattern[str], markup: str) -> list[tuple[str, ...]]:
    return [tuple(html.unescape(cell) for cell in match) for match in pattern.findall(markup)]


@pytest.fixture(params=["shipped", "tiny"])
def a_class(request: pytest.FixtureRequest, tmp_path: Path,
            shipped_kb: KnowledgeBase) -> list[str | Path]:
    """The arguments of a class run: a varied class of the shipped knowledge base, or the
    tiny one's class with rows that cannot be scored."""
    if request.param == "shipped":
        return [varied_class(tmp_path / "class.csv", shipped_kb), "--duplicates", "all"]
    return [MIXED, "--kb", TINY, "--skip-bad", "--duplicates", "all"]


def test_the_varied_class_has_what_these_tests_are_about(run: Run, tmp_path: Path,
                                                         shipped_kb: KnowledgeBase) -> None:
    """The shipped class holds a blend, careless answers, a clear or leaning result, no
    fit, blanks and a name twice: else the tests below would compare little."""
    source = varied_class(tmp_path / "class.csv", shipped_kb)
    code, _, err = run("cohort", source, "-o", tmp_path / "class.json", "--duplicates", "all")
    assert code == 0, err
    rows = table_rows(tmp_path / "class.json")
    assert any(r["blend"] for r in rows) and any(r["careless"] for r in rows)
    assert any(r["top"] for r in rows)
    assert {"no_fit", "too_close"} <= {r["confidence"] for r in rows}
    said = " ".join(r["flags"] for r in rows)
    assert "left blank" in said and "duplicate name" in said


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_index_says_what_the_class_table_says_of_each_student(
        run: Run, tmp_path: Path, a_class: list[str | Path], lang: str) -> None:
    """Each student's line in the index of the reports has the result and the flags of their
    row of the class table; a row not scored is listed with the same reason."""
    folder = tmp_path / "reports"
    code, _, err = run("cohort", *a_class, "-o", tmp_path / "class.json", "--reports", folder,
                       "--lang", lang)
    assert code == 0, err
    rows = table_rows(tmp_path / "class.json")
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert Counter(found(ROW, index)) == Counter(
        (r["student"], r["result"], r["flags"]) for r in rows if r["result"])
    nameless = i18n.t(lang, "cohort.reports.no_name")
    assert Counter(found(ITEM, index)) == Counter(
        (r["student"] or nameless, i18n.t(lang, "cohort.row", row=r["row"]), r["flags"])
        for r in rows if not r["result"])


@pytest.mark.parametrize("lang", ["en", "id"])
def test_each_report_states_the_result_of_the_class_table(
        run: Run, tmp_path: Path, a_class: list[str | Path], lang: str) -> None:
    """A student's own report, and their page of all.html, say the result their row of the
    class table says: a blend as the same mix, careless answers as not reliable, no fit as
    none fitting their answers."""
    folder = tmp_path / "reports"
    code, _, err = run("cohort", *a_class, "-o", tmp_path / "class.json", "--reports", folder,
                       "--lang", lang)
    assert code == 0, err
    rows = [r for r in table_rows(tmp_path / "class.json") if r["result"]]
    files = sorted(p for p in folder.iterdir() if p.name not in ("index.html", "all.html"))
    assert len(files) == len(rows)
    combined = html.unescape((folder / "all.html").read_text(encoding="utf-8"))
    for row, file in zip(rows, files, strict=True):
        assert file.name.startswith(f"{row['row']:03d}-")
        said = to_the_student(row["result"], lang)
        assert html.escape(said, quote=False) in file.read_text(encoding="utf-8")
        assert said in combined


def to_the_student(result: str, lang: str) -> str:
    """*result* as a student's own report words it: where the class table tells a counselor
    that no role fits strongly, the report tells the student that none fits their answers."""
    for roles in range(2, 13):
        count = i18n.catalogue(lang).get(f"count.{roles}", str(roles))
        if result == i18n.t(lang, "cohort.result.no_fit", count=count):
            return i18n.t(lang, "result.no_fit", count=count)
    return result


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_class_report_looks_again_at_exactly_the_flagged_students(
        run: Run, tmp_path: Path, a_class: list[str | Path], lang: str) -> None:
    """The class report's students to look at again are those whose row of the table has a
    flag other than a blend, or careless answers; its mixes are the blends the table
    gives a result to, with that result."""
    code, _, err = run("cohort", *a_class, "-o", tmp_path / "class.json", "--lang", lang)
    assert code == 0, err
    code, _, err = run("cohort", *a_class, "-o", tmp_path / "class.html", "--lang", lang,
                       "--force")
    assert code == 0, err
    rows = table_rows(tmp_path / "class.json")
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    section = page[page.index('<section class="notable">'):page.index("</section>")]
    looked, _, mixes = section.partition("<h3>")
    blend = i18n.t(lang, "cohort.flag.blend")

    def place(row: dict[str, Any]) -> str:
        return i18n.t(lang, "cohort.row", row=row["row"])

    again = [r for r in rows
             if r["careless"] or [f for f in r["flags"].split("; ") if f and f != blend]]
    assert again, "nobody to look at again: the class tests nothing"
    nameless = i18n.t(lang, "cohort.reports.no_name")
    assert Counter(item[:2] for item in found(ITEM, looked)) == Counter(
        (r["student"] or nameless, place(r)) for r in again)
    assert Counter(found(ITEM, mixes)) == Counter(
        (r["student"], place(r), r["result"]) for r in rows if r["blend"] and not r["careless"])


def test_records_work_with_another_knowledge_base(run: Run, tmp_path: Path) -> None:
    """Four roles and no source: the index still says what the table says."""
    kb = knowledge.load(FIXTURES / "four-roles.yaml")
    source = varied_class(tmp_path / "class.csv", kb)
    folder = tmp_path / "reports"
    code, _, err = run("cohort", source, "--kb", FIXTURES / "four-roles.yaml", "-o",
                       tmp_path / "class.json", "--reports", folder, "--duplicates", "all")
    assert code == 0, err
    rows = table_rows(tmp_path / "class.json")
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert Counter(found(ROW, index)) == Counter(
        (r["student"], r["result"], r["flags"]) for r in rows if r["result"])
