"""Every kind of class file is read through one call (:mod:`rolequiz.core.cohort.read.kinds`)."""

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

CLASS = Path(__file__).resolve().parent.parent / "fixtures" / "cohort" / "clear-class.csv"


def as_workbook(rows: list[list[str]], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    book.save(path)
    return path


def as_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(CLASS, "Respons.csv")
    return path


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
