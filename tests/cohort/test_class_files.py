"""``rolequiz cohort`` given the files a counselor has after a download: Google's
``.csv.zip``, a name typed without its extension, Excel's lock file, a download that did
not finish, a class typed in Indonesian (``nama``).  Every refusal is one line in the
user's language, never the system's or a library's English."""

from __future__ import annotations

import csv
import errno
import io
import zipfile
from pathlib import Path

import pytest
from test_forms import FORMS, FOUR, IDS, Run, raw_kb, scored

from rolequiz.core.cohort.read import reader
from rolequiz.core.kb import knowledge
from rolequiz.errors import OS_REASONS, os_reason

GOOGLE = FORMS / "google-id.csv"
ENGLISH = ("File is not a zip file", "Errno", "No such file", "File too large", "Bad ")


def zipped(path: Path, *members: tuple[str, bytes]) -> Path:
    """A zip holding *members* (name, bytes), compressed as Google's download is."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def refused(run: Run, *args: str | Path) -> str:
    """The one line a refused run prints (exit 2), checked to carry no English of the
    system or a library."""
    code, out, err = run("cohort", *args)
    assert code == 2, err
    assert out == ""
    [line] = err.splitlines()
    assert not any(english in line for english in ENGLISH), line
    return line


# -- Google's .csv.zip ------------------------------------------------------------


def test_googles_zip_download_is_read_as_the_csv_inside(run: Run, tmp_path: Path) -> None:
    """'Kelas XI.csv.zip' holding 'Kelas XI.csv': the same rows as the CSV itself."""
    path = zipped(tmp_path / "Kelas XI.csv.zip", ("Kelas XI.csv", GOOGLE.read_bytes()))
    assert scored(run, path) == scored(run, GOOGLE)


def test_a_zip_of_another_knowledge_bases_class_is_read(run: Run, tmp_path: Path) -> None:
    """With --kb four-roles.yaml, a zipped id CSV of that quiz scores as the CSV."""
    questions = raw_kb(FOUR)["questions"]
    lines = ["student," + ",".join(q["id"] for q in questions),
             *(f"Siswa {n}," + ",".join(q["options"][n % 3]["id"] if q["type"] == "choice"
                                        else str(n % 5 + 1) for q in questions)
               for n in range(5))]
    plain = tmp_path / "kelas.csv"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = zipped(tmp_path / "kelas.csv.zip", ("kelas.csv", plain.read_bytes()))
    assert scored(run, path, "--kb", FOUR) == scored(run, plain, "--kb", FOUR)


@pytest.mark.parametrize(("lang", "said"), [
    ("id", "tidak bisa dibaca sebagai berkas zip; unduh lagi, atau ekstrak"),
    ("en", "cannot read it as a zip file; download it again, or extract it")])
def test_a_zip_that_is_no_zip_says_so_in_the_users_words(run: Run, tmp_path: Path,
                                                         lang: str, said: str) -> None:
    """A .zip that is not one: one line in the user's language, not zipfile's English."""
    path = tmp_path / "kelas.csv.zip"
    path.write_bytes(b"Timestamp,Nama\n")
    assert said in refused(run, path, "--lang", lang)


def test_a_zip_without_one_csv_says_to_extract_it(run: Run, tmp_path: Path) -> None:
    """No CSV, or two: one line that counts them and says to extract the file."""
    none = zipped(tmp_path / "a.zip", ("kelas.xlsx", b"x"))
    assert "berkas zip ini tidak berisi berkas CSV; ekstrak" in refused(run, none, "--lang", "id")
    two = zipped(tmp_path / "b.zip", ("9A.csv", b"x"), ("9B.csv", b"y"))
    assert "holds 2 CSV files (9A.csv, 9B.csv); extract it" in refused(run, two)


def test_a_zip_whose_csv_unpacks_past_the_limit_is_refused_unread(run: Run,
                                                                   tmp_path: Path) -> None:
    """A CSV that unpacks to 33 MiB (a few KiB zipped): refused by its stated size."""
    path = zipped(tmp_path / "kelas.csv.zip", ("kelas.csv", b"0," * (33 * 1024 * 512)))
    assert "unpacks to 33 MiB, more than 32 MiB" in refused(run, path)


# -- names and files that are not the class ----------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("id", "berkas tidak ada; maksudnya"),
                                            ("en", "no such file; did you mean")])
def test_a_name_without_its_extension_asks_did_you_mean(run: Run, tmp_path: Path,
                                                        lang: str, said: str) -> None:
    """'kelas' when kelas.csv exists: one line that names kelas.csv."""
    (tmp_path / "kelas.csv").write_bytes(IDS.read_bytes())
    line = refused(run, tmp_path / "kelas", "--lang", lang)
    assert line.endswith(f"{tmp_path / 'kelas'}: {said} {tmp_path / 'kelas.csv'}?")


def test_excels_lock_file_is_named_as_such(run: Run, tmp_path: Path) -> None:
    """'~$kelas.xlsx' beside kelas.xlsx: it is Excel's lock file; close Excel, use kelas.xlsx."""
    (tmp_path / "kelas.xlsx").write_bytes(b"PK")
    lock = tmp_path / "~$kelas.xlsx"
    lock.write_bytes(b"\x0bSari Dewi" + b" " * 40)
    line = refused(run, lock, "--lang", "id")
    assert "ini berkas kunci Excel" in line
    assert "tutup Excel" in line
    assert line.endswith(f"({tmp_path / 'kelas.xlsx'})")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv.zip"])
def test_an_empty_download_may_not_have_finished(run: Run, tmp_path: Path, suffix: str) -> None:
    """An empty workbook or zip: one line saying the download may not have finished."""
    path = tmp_path / f"kelas{suffix}"
    path.touch()
    assert "mungkin unduhannya belum selesai" in refused(run, path, "--lang", "id")


def test_an_empty_csv_also_suggests_the_download(run: Run, tmp_path: Path) -> None:
    """An empty CSV: what its header should be, and that a download may be unfinished."""
    path = tmp_path / "kelas.csv"
    path.touch()
    assert "a download that is empty may not have finished" in refused(run, path)


def test_a_download_cut_off_inside_a_row_is_not_read_as_blanks(run: Run,
                                                               tmp_path: Path) -> None:
    """A Google export whose last row stops after the fourth cell: that row is named as
    cut off (download it again), never scored as a student who left questions blank."""
    whole = GOOGLE.read_text(encoding="utf-8").splitlines()
    columns = len(next(csv.reader([whole[0]])))
    last = io.StringIO()
    csv.writer(last).writerow(next(csv.reader([whole[-1]]))[:4])
    cut = tmp_path / "kelas.csv"
    cut.write_text("\n".join([*whole[:-1], last.getvalue().rstrip("\r\n")]),
                   encoding="utf-8")
    code, _, err = run("cohort", cut, "--lang", "id", "--skip-bad")
    assert code == 0, err
    [said] = [line for line in err.splitlines() if f"baris {len(whole)}" in line]
    assert f"berhenti setelah 4 dari {columns} kolom" in said and "unduh lagi" in said
    assert "kosong" not in said and "tidak dijawab" not in said


def test_a_damaged_workbook_is_said_in_indonesian(run: Run, tmp_path: Path) -> None:
    """A .xlsx that is no workbook: Indonesian words, not openpyxl's or zipfile's English."""
    path = tmp_path / "kelas.xlsx"
    path.write_text("student,q01\n")
    assert "berkasnya rusak atau bukan buku kerja" in refused(run, path, "--lang", "id")


@pytest.mark.parametrize(("code", "lang", "said"), [
    (errno.EFBIG, "id", "berkasnya lebih besar dari yang diizinkan sistem"),
    (errno.ENOSPC, "en", "the disk is full"),
    (errno.ENOEXEC, "id", f"galat sistem {errno.ENOEXEC}")])
def test_the_systems_reasons_are_said_in_the_catalogues_words(code: int, lang: str,
                                                              said: str) -> None:
    """'File too large' and the like reach a person in their language, or as a number."""
    assert os_reason(OSError(code, "English words")).render(lang) == said


def test_every_reason_named_has_words_of_its_own_in_each_language() -> None:
    """No system reason the catalogues are said to word reaches a person as a key, a number,
    the system's English or, in Indonesian, the English words."""
    for name in OS_REASONS:
        reason = os_reason(OSError(getattr(errno, name), "English words"))
        english, indonesian = reason.render("en"), reason.render("id")
        for said in (english, indonesian):
            assert said and "os." not in said and "English" not in said and not any(
                char.isdigit() for char in said), name
        assert indonesian != english, name


# -- words -----------------------------------------------------------------------


@pytest.mark.parametrize("header", ["nama", "Nama siswa", "Name"])
def test_a_class_typed_with_a_nama_column_is_a_plain_class(header: str) -> None:
    """A class file whose names are under 'nama' (or another name word) is read as a plain
    class, line by line as 'student' is (a form export is held whole), its names and
    answers where the header puts them."""
    text = IDS.read_text(encoding="utf-8")
    data = (header + text.removeprefix("student")).encode("utf-8")
    layout, records, _ = reader.open_csv(io.BytesIO(data), file="kelas.csv",
                                         kb=knowledge.load())
    assert layout.form is None and layout.columns is not None
    entry = reader.record(next(records), 2, layout, kb=knowledge.load())
    assert isinstance(entry, reader.Entry)
    assert (entry.name, entry.answers["q01"]) == ("Ani Lestari", 3)
