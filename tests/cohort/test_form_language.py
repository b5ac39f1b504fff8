"""``rolequiz cohort`` with no language chosen follows the form's: an Indonesian Google form
gives an Indonesian class report, whatever the computer's locale; ``--lang`` (or
``ROLEQUIZ_LANG``) chosen wins.  The fixtures are the Google downloads of
``fixtures/classes`` (one form in Indonesian, one in English)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_forms import IDS
from test_year_group import IPS1, IPS2

Run = Callable[..., tuple[int, str, str]]


def test_an_indonesian_form_gives_indonesian_outputs(run: Run, tmp_path: Path) -> None:
    """No --lang: the summary, the notes on stderr and the class report are Indonesian."""
    code, out, err = run("cohort", IPS1, "-o", tmp_path / "kelas.html")
    assert code == 0, err
    assert "Ringkasan kelas" in out and "6 hasil disimpan" in err
    assert "kolom yang tidak dibaca" in err
    page = (tmp_path / "kelas.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in page


def test_the_form_decides_over_the_computers_locale(run: Run,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An English form on a computer set to Indonesian: English outputs."""
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    code, out, err = run("cohort", IPS2, "--format", "csv")
    assert code == 0, err
    assert out.startswith("Row,Student,Result")


@pytest.mark.parametrize("args", [("cohort", IPS1, "--lang", "en"),
                                  ("--lang", "en", "cohort", IPS1)])
def test_lang_chosen_wins_over_the_form(run: Run, args: tuple[str | Path, ...]) -> None:
    """--lang en, after the command or before it, gives English for an Indonesian form."""
    code, out, err = run(*args)
    assert code == 0, err
    assert "Class summary" in out and "columns not read" in err


def test_rolequiz_lang_wins_over_the_form(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """ROLEQUIZ_LANG=en is a choice too."""
    monkeypatch.setenv("ROLEQUIZ_LANG", "en")
    code, out, err = run("cohort", IPS1)
    assert code == 0, err
    assert "Class summary" in out


def test_reports_follow_the_form(run: Run, tmp_path: Path) -> None:
    """Each student's report of an Indonesian form is in Indonesian."""
    code, _, err = run("cohort", IPS1, "--reports", tmp_path / "laporan")
    assert code == 0, err
    page = (tmp_path / "laporan" / "all.html").read_text(encoding="utf-8")
    assert "<strong>Diisi pada:</strong>" in page


def test_forms_in_two_languages_keep_the_default(run: Run) -> None:
    """A year group of an Indonesian and an English form: neither decides (English here,
    as nothing else is set)."""
    code, out, err = run("cohort", IPS1, IPS2)
    assert code == 0, err
    assert "Class summary" in out and "By class" in out


def test_a_year_group_of_indonesian_forms_is_indonesian(run: Run) -> None:
    """Two Indonesian forms: the year group's summary in Indonesian."""
    code, out, err = run("cohort", IPS1, Path(__file__).parent.parent / "fixtures" / "forms" /
                         "google-id.csv")
    assert code == 0, err
    assert "Per kelas" in out


def test_a_class_table_of_ids_says_no_language(run: Run,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A table typed with question ids tells nothing: the locale's language, as before."""
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    code, out, err = run("cohort", IDS, "--format", "csv")
    assert code == 0, err
    assert out.startswith("Baris,Siswa,Hasil")


def test_a_stopped_class_says_why_in_the_forms_language(run: Run, tmp_path: Path) -> None:
    """No --lang, an Indonesian form whose one row in six is empty: the run stops with a
    last line wholly in Indonesian, its prefix too."""
    lines = IPS1.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    lines[3] = ",".join([*cells[:4], *("" for _ in cells[4:])])  # sent with no answer
    form = tmp_path / "XI IPS 1 (Respons).csv"
    form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("cohort", form)
    assert code == 2 and out == ""
    assert err.splitlines()[-1].startswith(f"rolequiz: kesalahan: {form}: 1 dari 6 baris"), err


def test_a_workbook_typed_from_the_indonesian_template_is_indonesian(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer sheet of ``--template kelas.xlsx --lang id``, typed in and saved: no --lang
    on an English computer gives Indonesian outputs, though its header is ids."""
    import openpyxl

    sheet = tmp_path / "kelas.xlsx"
    assert run("cohort", "--template", sheet, "--lang", "id")[0] == 0
    book = openpyxl.load_workbook(sheet)
    book.active.append(["Rina Wulandari", *(1 for _ in range(20))])  # "1" is A, or 1 of 5
    book.save(sheet)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, err = run("cohort", sheet)
    assert code == 0, err
    assert "Ringkasan kelas" in out
