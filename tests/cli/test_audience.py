"""A knowledge base names who takes its quiz (``audience: students | adults``), and the
interface talks to them so: a school student hears of a guidance teacher (guru BK) and a
class, an adult of a career counselor, a mentor and a group."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
import yaml

from rolequiz import i18n
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import AUDIENCES

Run = Callable[..., tuple[int, str, str]]

FOUR_ROLES = Path(__file__).parent.parent / "fixtures" / "four-roles.yaml"
SHEET = {"name": "Rina", "q1": "b", "q2": "b", "q3": 2, "q4": 1, "q5": 1, "q6": "b"}
"""A clear answer sheet for four-roles.yaml."""
CLASS = "nama,q1,q2,q3,q4,q5,q6\nRina,b,b,2,1,1,b\nBudi,a,a,1,5,4,c\nSari,a,c,4,2,3,a\n"
"""Three people's answers to four-roles.yaml, as a counselor types them."""
SCHOOL_WORDS = {
    "en": re.compile(r"\b(students?|pupils?|class(es)?|schools?|teachers?|parents)\b", re.I),
    "id": re.compile(r"\b(siswa|murid|pelajar|kelas|sekolah|guru|orang ?tua\w*)\b", re.I),
}
"""Words that take the reader for a school student."""


def with_audience(folder: Path, audience: str) -> Path:
    """four-roles.yaml with a top-level ``audience:``."""
    path = folder / f"{audience}.yaml"
    text = FOUR_ROLES.read_text(encoding="utf-8")
    path.write_text(f"audience: {audience}\n{text}", encoding="utf-8")
    return path


def page_text(path: Path) -> str:
    """An HTML page's words as a reader sees them."""
    markup = re.sub(r"<(style|svg)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def kb_texts(path: Path, lang: str) -> list[str]:
    """Every text of the knowledge base at *path* in *lang*, longest first: its author's
    words, not the interface's."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if set(node) <= set(i18n.languages()) and isinstance(node.get(lang), str):
                # a text in each language; not a role's or an option's ``id``
                found.append(" ".join(node[lang].split()))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return sorted(found, key=len, reverse=True)


def school_words(text: str, kb: Path, lang: str) -> list[str]:
    """The school words of *text* outside the knowledge base's own texts (four-roles.yaml
    has "a class of students" in a question)."""
    flat = " ".join(text.split())
    for own in kb_texts(kb, lang):
        flat = flat.replace(own, " ")
    return [match.group() for match in SCHOOL_WORDS[lang].finditer(flat)]


def test_every_audience_text_is_written_for_every_audience() -> None:
    """A catalogue key with a text per audience has one for each of them, in each language."""
    english = i18n.shipped_english()
    stems = {key.rsplit(".", 1)[0] for key in english if key.rsplit(".", 1)[-1] in AUDIENCES}
    assert stems  # the catalogue does have texts that depend on the audience
    for lang in ("en", "id"):
        texts = i18n.catalogue(lang)
        assert {f"{stem}.{a}" for stem in stems for a in AUDIENCES} <= texts.keys(), lang


def test_a_knowledge_base_without_audience_is_for_students() -> None:
    """Leaving out ``audience`` keeps the school words (students is the default)."""
    assert knowledge.load(FOUR_ROLES).audience == "students"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_unknown_audience_is_one_located_line(run: Run, tmp_path: Path, lang: str) -> None:
    """``audience: teachers`` is refused in one line naming the place and both values."""
    path = with_audience(tmp_path, "teachers")
    code, out, err = run("validate", "--kb", path, "--lang", lang)
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"{path}:1:11: audience: ")
    assert "students (" in line and "adults (" in line and "'teachers'" in line


@pytest.mark.parametrize(("lang", "talk"), [
    ("en", "Talk it over with a career counselor or a mentor"),
    ("id", "Bahas hasilnya dengan konselor karier atau mentor"),
])
def test_an_adult_result_points_to_a_career_counselor(run: Run, tmp_path: Path, lang: str,
                                                      talk: str) -> None:
    """The result screen of an adult audience sends its reader to a counselor or mentor,
    and says nothing of school."""
    kb = with_audience(tmp_path, "adults")
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(SHEET), encoding="utf-8")
    code, out, err = run("score", sheet, "--kb", kb, "--lang", lang, "--details")
    assert code == 0, err
    assert talk in " ".join(out.split())
    assert school_words(out, kb, lang) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_student_result_still_points_to_the_school(run: Run, tmp_path: Path,
                                                     lang: str) -> None:
    """Without ``audience``, the Indonesian screen names the guru BK, as before."""
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(SHEET), encoding="utf-8")
    code, out, _ = run("score", sheet, "--kb", FOUR_ROLES, "--lang", lang)
    assert code == 0
    assert i18n.t(lang, "result.next.talk.students") in " ".join(out.split())


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_adult_report_says_nothing_of_school(run: Run, tmp_path: Path, lang: str) -> None:
    """``score --report`` for an adult audience: next steps without teachers or parents."""
    kb = with_audience(tmp_path, "adults")
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(SHEET), encoding="utf-8")
    report = tmp_path / "report.html"
    assert run("score", sheet, "--kb", kb, "--lang", lang, "--report", report)[0] == 0
    text = page_text(report)
    assert i18n.t(lang, "report.next.talk.adults") in text
    assert school_words(text, kb, lang) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_adult_group_report_speaks_of_participants(run: Run, tmp_path: Path,
                                                       lang: str) -> None:
    """The class report, its index and each report of an adult group: a group of
    participants, no class and no students."""
    kb = with_audience(tmp_path, "adults")
    answers = tmp_path / "group.csv"
    answers.write_text(CLASS, encoding="utf-8")
    output, folder = tmp_path / "group.html", tmp_path / "reports"
    code, _, err = run("cohort", answers, "--kb", kb, "--lang", lang, "-o", output,
                       "--title", "Batch 3", "--reports", folder)
    assert code == 0, err
    text = page_text(output)
    assert f"{i18n.t(lang, 'cohort.report.title.adults')} — Batch 3" in text
    assert i18n.t(lang, "cohort.report.by_role.adults") in text
    for page in (output, folder / "index.html", *sorted(folder.glob("0*.html"))):
        assert school_words(page_text(page), kb, lang) == [], page.name
    assert school_words(err, kb, lang) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_two_adult_groups_together_are_groups_of_participants(run: Run, tmp_path: Path,
                                                               lang: str) -> None:
    """Two groups' files in one run, with --items: the summary, the report and the index
    set the groups side by side and count participants, never classes or students."""
    kb = with_audience(tmp_path, "adults")
    files = [tmp_path / "Batch 3.csv", tmp_path / "Batch 4.csv"]
    for answers in files:
        answers.write_text(CLASS, encoding="utf-8")
    output, folder = tmp_path / "groups.html", tmp_path / "reports"
    code, out, err = run("cohort", *files, "--kb", kb, "--lang", lang, "--items", "-o", output,
                         "--reports", folder)
    assert code == 0, err
    assert i18n.t(lang, "cohort.classes.heading.adults") in out
    for page in (output, folder / "index.html"):
        assert school_words(page_text(page), kb, lang) == [], page.name
    assert school_words(out, kb, lang) == []


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("table", ["q1,q2,q3,q4,q5,q6\nb,b,2,1,1,b\n", "nama,q1,q2,q3,q4,q5,q6\n"],
                         ids=["no-names", "no-rows"])
def test_an_adult_groups_file_that_stops_the_run_says_nothing_of_school(
    run: Run, tmp_path: Path, lang: str, table: str
) -> None:
    """No column of names, or nothing under the header: the one line speaks of no student."""
    kb = with_audience(tmp_path, "adults")
    answers = tmp_path / "group.csv"
    answers.write_text(table, encoding="utf-8")
    code, _, err = run("cohort", answers, "--kb", kb, "--lang", lang)
    assert code == 2 and err.count("\n") == 1 and str(answers) in err
    said = re.sub(r"\([^)]*\)", "", err)  # the headers that would be read, not words to a reader
    assert school_words(said, kb, lang) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_adult_paper_questionnaire_asks_for_a_group(run: Run, tmp_path: Path,
                                                       lang: str) -> None:
    """``cohort --template x.html`` for adults: name, group and date, no class."""
    kb = with_audience(tmp_path, "adults")
    paper = tmp_path / "paper.html"
    assert run("cohort", "--kb", kb, "--lang", lang, "--template", paper)[0] == 0
    text = page_text(paper)
    assert f"{i18n.t(lang, 'template.paper.class.adults')}:" in text
    assert school_words(text, kb, lang) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_several_adult_groups_are_told_apart_as_groups(run: Run, tmp_path: Path,
                                                       lang: str) -> None:
    """Two groups' files in one run: the report's column and its table of the groups side by
    side speak of groups and participants, in the report, the index and each report."""
    kb = with_audience(tmp_path, "adults")
    for name in ("Batch 3", "Batch 4"):
        (tmp_path / f"{name}.csv").write_text(CLASS, encoding="utf-8")
    output, folder = tmp_path / "groups.html", tmp_path / "reports"
    code, _, err = run("cohort", tmp_path / "Batch 3.csv", tmp_path / "Batch 4.csv", "--kb", kb,
                       "--lang", lang, "-o", output, "--reports", folder)
    assert code == 0, err
    text = page_text(output)
    assert i18n.t(lang, "cohort.classes.heading.adults") in text
    assert i18n.t(lang, "cohort.col.class.adults") in text
    for page in (output, folder / "index.html"):
        assert school_words(page_text(page), kb, lang) == [], page.name
