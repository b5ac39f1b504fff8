"""Every kind of class file is read through the same calls
(:mod:`rolequiz.core.cohort.read.kinds`): its students, and the language of its header."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from rolequiz.core.cohort.read import kinds
from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import InputFileError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CLASS = FIXTURES / "cohort" / "clear-class.csv"
FORMS = {"id": FIXTURES / "classes" / "XI IPS 1 (Respons).csv",
         "en": FIXTURES / "classes" / "XI IPS 2 (Responses).csv"}
"""A Google form's download in each language, its questions in that language's words."""


def as_workbook(rows: list[list[str]], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    book.save(path)
    return path


def as_zip(path: Path, csv_file: Path = CLASS) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(csv_file, "Respons.csv")
    return path


def in_kind(csv_file: Path, suffix: str, folder: Path) -> Path:
    """The class of *csv_file* in a class file of the kind *suffix* names."""
    if suffix == ".csv":
        return csv_file
    if suffix == ".zip":
        return as_zip(folder / "kelas.csv.zip", csv_file)
    assert suffix == ".xlsx"
    rows = list(csv.reader(csv_file.read_text(encoding="utf-8").splitlines()))
    return as_workbook(rows, folder / "kelas.xlsx")


def students(path: Path, kb: KnowledgeBase) -> tuple[list[str], list[list[int]], int]:
    """The names and answer codes the reader of *path*'s kind gives, and the bytes told."""
    told: list[int] = []
    names: list[str] = []
    codes: list[list[int]] = []
    with kinds.reader_of(path)(path, kb=kb, name_column=None, advance=told.append) as found:
        for batch in found:
            names += batch.names
            codes += batch.codes.tolist()
    return names, codes, sum(told)


@pytest.mark.parametrize("kind", [".xlsx", ".zip"])
def test_the_same_class_gives_the_same_students_in_any_kind_of_file(tmp_path: Path,
                                                                    kind: str) -> None:
    """A class in a workbook or zipped gives the students its CSV gives, every byte told."""
    kb = knowledge.load()
    rows = list(csv.reader(CLASS.read_text(encoding="utf-8").splitlines()))
    other = as_workbook(rows, tmp_path / "kelas.xlsx") if kind == ".xlsx" else \
        as_zip(tmp_path / "kelas.csv.zip")
    names, codes, _ = students(CLASS, kb)
    assert names and students(other, kb) == (names, codes, other.stat().st_size)


def test_a_class_file_that_cannot_be_opened_is_one_problem(tmp_path: Path) -> None:
    """A class CSV that cannot be opened names the file and why, in the catalogues' words."""
    missing = tmp_path / "kelas.csv"
    with pytest.raises(InputFileError) as raised:
        kinds.reader_of(missing)(missing, kb=knowledge.load(), name_column=None,
                                 advance=lambda _: None).__enter__()
    assert raised.value.render("en").startswith(f"{missing}: ")
    assert raised.value.render("en") != raised.value.render("id")


@pytest.mark.parametrize("lang", sorted(FORMS))
@pytest.mark.parametrize("suffix", kinds.SUFFIXES)
def test_every_kind_of_class_file_tells_the_language_of_its_form(tmp_path: Path, suffix: str,
                                                                 lang: str) -> None:
    """A form's download says the language its questions are written in, in every kind of
    class file the table lists (a new kind must say it too)."""
    path = in_kind(FORMS[lang], suffix, tmp_path)
    kind = kinds.kind_of(path)
    assert kind is not None
    assert kind.written_in(path, kb=knowledge.load(), name_column=None) == lang


@pytest.mark.parametrize("suffix", kinds.SUFFIXES)
def test_a_class_of_question_ids_tells_no_language(tmp_path: Path, suffix: str) -> None:
    """A plain class file (``student`` and question ids) says no language, in any kind."""
    path = in_kind(CLASS, suffix, tmp_path)
    kind = kinds.kind_of(path)
    assert kind is not None
    assert kind.written_in(path, kb=knowledge.load(), name_column=None) is None

