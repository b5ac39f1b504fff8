"""Interface strings in Indonesian and English, and which language to use.

Texts about roles, questions and programs come from the knowledge base; the
words around them (headings, prompts, hints, messages) live here.  Every key
has both languages; a test checks it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from rolequiz.core.model import LANGUAGES, Lang
from rolequiz.errors import UsageProblem

ENV_LANG = "ROLEQUIZ_LANG"

MESSAGES: dict[str, dict[Lang, str]] = {
    # welcome and prompts
    "welcome": {
        "en": "{questions} questions about how you like to work on social media, "
        "about {minutes} minutes. There are no right or wrong answers.",
        "id": "{questions} pertanyaan tentang cara kamu suka bekerja di media sosial, "
        "sekitar {minutes} menit. Tidak ada jawaban benar atau salah.",
    },
    "welcome.keys": {
        "en": "Pick an answer with the arrow keys or its number, then press Enter. "
        "Choose “0” to go back to the previous question; Ctrl-C stops.",
        "id": "Pilih jawaban dengan tombol panah atau nomornya, lalu tekan Enter. "
        "Pilih “0” untuk kembali ke pertanyaan sebelumnya; Ctrl-C untuk berhenti.",
    },
    "question.counter": {"en": "{k} of {n}", "id": "{k} dari {n}"},
    "question.scale": {"en": "How much do you agree?", "id": "Seberapa setuju kamu?"},
    "question.back": {
        "en": "Back to the previous question",
        "id": "Kembali ke pertanyaan sebelumnya",
    },
    "question.instruction": {
        "en": "(arrow keys or number, Enter)",
        "id": "(tombol panah atau nomor, Enter)",
    },
    # results
    "result.heading": {"en": "Your result", "id": "Hasil kamu"},
    "result.best": {"en": "Your best fit: {role}", "id": "Peran yang paling cocok: {role}"},
    "result.blend": {"en": "A mix of {roles}", "id": "Perpaduan {roles}"},
    "result.blend.note": {
        "en": "The top roles are only {margin} points apart (less than {threshold}), "
        "so no single role stands out: your answers fit more than one way of working.",
        "id": "Peran teratas hanya berselisih {margin} poin (kurang dari {threshold}), "
        "jadi tidak ada satu peran yang menonjol: jawabanmu cocok dengan lebih dari satu "
        "cara kerja.",
    },
    "result.margin": {
        "en": "{first} leads {second} by {margin} points.",
        "id": "{first} unggul {margin} poin dari {second}.",
    },
    "result.uncertain": {
        "en": "Almost all your answers were in the same position ({share}%), "
        "so this result is uncertain. Take the quiz again and read each question.",
        "id": "Hampir semua jawabanmu ada di posisi yang sama ({share}%), "
        "jadi hasil ini belum pasti. Ulangi kuis dan baca setiap pertanyaan.",
    },
    "result.fits": {
        "en": "Fit with each role (0–100)",
        "id": "Kecocokan dengan setiap peran (0–100)",
    },
    "result.fit.note": {
        "en": "Fit is how close your answers are to each role's profile; it is not a percentile.",
        "id": "Kecocokan menunjukkan seberapa dekat jawabanmu dengan profil setiap peran; "
        "ini bukan persentil.",
    },
    "result.why": {"en": "Why", "id": "Mengapa"},
    "result.driver": {
        "en": "{dimension}: you {score}%, like {role} ({target}%)",
        "id": "{dimension}: kamu {score}%, seperti {role} ({target}%)",
    },
    "result.driver.other": {
        "en": " rather than {role} ({target}%)",
        "id": " dan bukan {role} ({target}%)",
    },
    "result.evidence": {
        "en": "“{question}” — you answered “{answer}”",
        "id": "“{question}” — jawabanmu “{answer}”",
    },
    "result.metaphor": {"en": "In the article's words", "id": "Menurut artikel"},
    "result.programs": {"en": "Suggested study programs", "id": "Program studi yang disarankan"},
    "result.program.reason": {
        "en": "builds {dimensions}, where you scored {score}%",
        "id": "membangun {dimensions}, dengan skor kamu {score}%",
    },
    "result.program.roles": {"en": "; prepares for {roles}", "id": "; menyiapkan untuk {roles}"},
    "result.next": {"en": "What to do next", "id": "Langkah selanjutnya"},
    "result.next.role": {
        "en": "Read the full role: rolequiz roles {role}",
        "id": "Baca peran selengkapnya: rolequiz roles {role}",
    },
    "result.next.compare": {
        "en": "See all roles side by side: rolequiz compare",
        "id": "Lihat semua peran berdampingan: rolequiz compare",
    },
    "result.next.talk": {
        "en": "Talk it over with a career counselor; bring your answers (--save FILE).",
        "id": "Diskusikan dengan konselor karier; bawa jawabanmu (--save FILE).",
    },
    "result.next.source": {
        "en": "Source: {title} ({publisher}, {date})",
        "id": "Sumber: {title} ({publisher}, {date})",
    },
    "and": {"en": "and", "id": "dan"},
    # roles
    "role.responsibilities": {"en": "Roles and responsibilities", "id": "Peran dan tanggung jawab"},
    "role.skills": {"en": "Skills and expertise", "id": "Keterampilan dan keahlian"},
    "role.focus": {"en": "Focus and goals", "id": "Fokus dan tujuan"},
    "role.tools": {"en": "Tools", "id": "Alat"},
    "role.horizon": {"en": "Time horizon", "id": "Rentang waktu"},
    "role.metaphor": {"en": "Metaphor", "id": "Kiasan"},
    "role.profile": {"en": "Profile", "id": "Profil"},
    "role.programs": {"en": "Study programs", "id": "Program studi"},
    "role.column": {"en": "Role", "id": "Peran"},
    "role.summary": {"en": "In short", "id": "Singkatnya"},
    "roles.heading": {"en": "The roles at a glance", "id": "Sekilas tentang peran"},
    "roles.more": {
        "en": "One role in full: rolequiz roles {ids}",
        "id": "Satu peran selengkapnya: rolequiz roles {ids}",
    },
    "roles.unknown": {
        "en": "unknown role {role!r} (expected one of {ids})",
        "id": "peran {role!r} tidak dikenal (pilih salah satu: {ids})",
    },
    # validate
    "validate.ok": {
        "en": "{file}: valid — {roles} roles, {dimensions} dimensions, {questions} questions "
        "({choice} scenarios, {scale} agreement scales, {reverse} reverse-keyed), "
        "{programs} study programs, both languages complete.",
        "id": "{file}: valid — {roles} peran, {dimensions} dimensi, {questions} pertanyaan "
        "({choice} skenario, {scale} skala persetujuan, {reverse} terbalik), "
        "{programs} program studi, kedua bahasa lengkap.",
    },
    "validate.coverage": {
        "en": "Questions per dimension: {counts}",
        "id": "Pertanyaan per dimensi: {counts}",
    },
    # messages
    "saved": {"en": "Answers saved to {path}", "id": "Jawaban disimpan di {path}"},
    "no_terminal": {
        "en": "no terminal to ask questions in: give an answer sheet with --answers FILE",
        "id": "tidak ada terminal untuk bertanya: berikan lembar jawaban dengan --answers FILE",
    },
    "interrupted": {"en": "Interrupted.", "id": "Dihentikan."},
    "session.found": {
        "en": "You have an unfinished quiz ({answered} of {total} answered). Continue it?",
        "id": "Ada kuis yang belum selesai ({answered} dari {total} dijawab). Lanjutkan?",
    },
    "session.continuing": {
        "en": "Continuing your quiz: {answered} of {total} answered.",
        "id": "Melanjutkan kuismu: {answered} dari {total} sudah dijawab.",
    },
    "session.changed": {
        "en": "The quiz has changed since you started: {kept} of your answers still fit "
        "and are kept, {open} questions are open.",
        "id": "Kuis telah berubah sejak kamu mulai: {kept} jawabanmu masih cocok dan "
        "disimpan, {open} pertanyaan belum dijawab.",
    },
    "session.nothing": {
        "en": "There is no unfinished quiz to continue; starting a new one.",
        "id": "Tidak ada kuis yang belum selesai; memulai kuis baru.",
    },
    "session.corrupt": {
        "en": "The saved quiz {path} could not be read ({problem}); it was moved to {aside} "
        "and a new quiz starts.",
        "id": "Kuis tersimpan {path} tidak dapat dibaca ({problem}); berkas dipindahkan ke "
        "{aside} dan kuis baru dimulai.",
    },
    "session.restart": {
        "en": "Discard the saved answers in {path} and start over?",
        "id": "Buang jawaban tersimpan di {path} dan mulai dari awal?",
    },
    "session.discarded": {
        "en": "The saved answers were discarded.",
        "id": "Jawaban tersimpan sudah dibuang.",
    },
    "session.interrupted": {
        "en": "Interrupted. Your {answered} of {total} answers are kept in {path}; "
        "continue with: {command}",
        "id": "Dihentikan. {answered} dari {total} jawabanmu disimpan di {path}; "
        "lanjutkan dengan: {command}",
    },
    "session.conflict": {
        "en": "{first} and {second} cannot be used together",
        "id": "{first} dan {second} tidak dapat dipakai bersamaan",
    },
    "error.prefix": {"en": "error", "id": "galat"},
    "output.failed": {
        "en": "the output could not be written ({reason}); nothing more was written",
        "id": "keluaran tidak dapat ditulis ({reason}); tidak ada lagi yang ditulis",
    },
    "internal_error": {
        "en": "internal error ({error}); please report it, with the command you ran "
        "(ROLEQUIZ_DEBUG=1 shows the details)",
        "id": "galat internal ({error}); mohon laporkan, beserta perintah yang dijalankan "
        "(ROLEQUIZ_DEBUG=1 menampilkan rinciannya)",
    },
    "usage.no_such_option": {
        "en": "no such option: {option}",
        "id": "opsi tidak dikenal: {option}",
    },
    "usage.missing": {"en": "missing {what}", "id": "{what} belum diberikan"},
    "usage.bad_value": {
        "en": "invalid value for {what}: {problem}",
        "id": "nilai tidak sah untuk {what}: {problem}",
    },
    "usage.no_such_command": {
        "en": "no such command {command!r}",
        "id": "perintah {command!r} tidak dikenal",
    },
    "usage.extra_arguments": {
        "en": "unexpected extra arguments: {arguments}",
        "id": "argumen berlebih yang tidak diharapkan: {arguments}",
    },
    "usage.see_help": {"en": "(see '{command} --help')", "id": "(lihat '{command} --help')"},
    "bad_lang": {
        "en": "{source}: unknown language {value!r} (expected 'id' or 'en')",
        "id": "{source}: bahasa {value!r} tidak dikenal (pilih 'id' atau 'en')",
    },
    # -- compare (counselor tools) --
    "compare.title": {"en": "The roles side by side", "id": "Perbandingan peran"},
    "compare.aspect": {"en": "Aspect", "id": "Aspek"},
    "compare.empty": {"en": "(none)", "id": "(tidak ada)"},
    "compare.source": {"en": "Source: {title} ({details})", "id": "Sumber: {title} ({details})"},
    "compare.unknown_aspect": {
        "en": "unknown aspect {aspect!r} (expected one of {ids})",
        "id": "aspek {aspect!r} tidak dikenal (pilih salah satu: {ids})",
    },
    "compare.no_roles": {
        "en": "no role chosen (expected one or more of {ids}, separated by commas)",
        "id": "belum ada peran yang dipilih (pilih satu atau lebih dari {ids}, dipisah koma)",
    },
    "compare.no_aspects": {
        "en": "no aspect chosen (expected one or more of {ids}, separated by commas)",
        "id": "belum ada aspek yang dipilih (pilih satu atau lebih dari {ids}, dipisah koma)",
    },
    "export.bad_delimiter": {
        "en": "--delimiter: {value!r} is not accepted (use ',', ';' or tab)",
        "id": "--delimiter: {value!r} tidak diterima (gunakan ',', ';' atau tab)",
    },
    "compare.delimiter_not_csv": {
        "en": "--delimiter applies only to CSV (--format csv or -o FILE.csv)",
        "id": "--delimiter hanya berlaku untuk CSV (--format csv atau -o BERKAS.csv)",
    },
    "compare.xlsx_needs_output": {
        "en": "an .xlsx workbook cannot be printed: write it to a file with -o FILE.xlsx",
        "id": "buku kerja .xlsx tidak bisa dicetak: tulis ke berkas dengan -o BERKAS.xlsx",
    },
    "compare.written": {
        "en": "Comparison written to {path}",
        "id": "Perbandingan ditulis ke {path}",
    },
    # -- student report --
    "report.heading": {"en": "Quiz report", "id": "Laporan hasil kuis"},
    "report.name": {"en": "Name", "id": "Nama"},
    "report.date": {"en": "Date", "id": "Tanggal"},
    "report.months": {
        "en": "January February March April May June July August September October "
        "November December",
        "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober "
        "November Desember",
    },
    "report.fit": {"en": "Fit", "id": "Kecocokan"},
    "report.notes": {"en": "Notes from our conversation", "id": "Catatan diskusi"},
    "report.source.author": {"en": "Written by {author}.", "id": "Ditulis oleh {author}."},
    "report.source.references": {
        "en": "The article's own sources:",
        "id": "Sumber yang dikutip artikel:",
    },
    "report.made": {
        "en": "Made with rolequiz {version} (knowledge base SHA-256 {sha256}).",
        "id": "Dibuat dengan rolequiz {version} (basis pengetahuan SHA-256 {sha256}).",
    },
    "report.written": {"en": "Report written to {path}", "id": "Laporan ditulis di {path}"},
    "report.bad_extension": {
        "en": "--report {path}: cannot tell the format from the extension {extension}; "
        "use one of {allowed}",
        "id": "--report {path}: format tidak dapat ditentukan dari ekstensi {extension}; "
        "gunakan salah satu dari {allowed}",
    },
    # -- cohort --
    "cohort.title": {"en": "Class results", "id": "Hasil kelas"},
    "cohort.col.row": {"en": "Row", "id": "Baris"},
    "cohort.col.file": {"en": "File", "id": "Berkas"},
    "cohort.col.student": {"en": "Student", "id": "Siswa"},
    "cohort.col.result": {"en": "Result", "id": "Hasil"},
    "cohort.col.fit": {"en": "Fit: {role}", "id": "Kecocokan: {role}"},
    "cohort.col.margin": {"en": "Margin", "id": "Selisih"},
    "cohort.col.flags": {"en": "Flags", "id": "Catatan"},
    "cohort.flag.blend": {"en": "blend", "id": "perpaduan"},
    "cohort.flag.uncertain": {"en": "uncertain", "id": "belum pasti"},
    "cohort.flag.duplicate": {"en": "duplicate name (also {first})",
                              "id": "nama ganda (juga {first})"},
    "cohort.row": {"en": "row {row}", "id": "baris {row}"},
    "cohort.place": {"en": "{file}: row {row}", "id": "{file}: baris {row}"},
    "cohort.empty": {
        "en": "the file is empty; expected a header row: student, then one column per "
        "question ({span}); 'rolequiz cohort --template FILE.csv' writes one",
        "id": "berkas kosong; diharapkan baris kepala: student, lalu satu kolom per "
        "pertanyaan ({span}); 'rolequiz cohort --template BERKAS.csv' membuatnya",
    },
    "cohort.no_student_column": {
        "en": "row 1: no 'student' column; expected the header student, then one column per "
        "question ({span})",
        "id": "baris 1: tidak ada kolom 'student'; diharapkan kepala student, lalu satu kolom "
        "per pertanyaan ({span})",
    },
    "cohort.unknown_columns": {
        "en": "row 1: unknown column {columns} (expected student and the questions {span})",
        "id": "baris 1: kolom {columns} tidak dikenal (diharapkan student dan pertanyaan "
        "{span})",
    },
    "cohort.missing_columns": {
        "en": "row 1: no column for {columns}; every question needs one",
        "id": "baris 1: tidak ada kolom untuk {columns}; setiap pertanyaan membutuhkannya",
    },
    "cohort.duplicate_column": {
        "en": "row 1: the column {columns} appears more than once",
        "id": "baris 1: kolom {columns} muncul lebih dari sekali",
    },
    "cohort.ragged": {
        "en": "row {row} has {cells} cells but the header has {width}; a value containing "
        "the separator {delimiter!r} must be in quotes",
        "id": "baris {row} berisi {cells} sel, padahal baris kepala berisi {width}; nilai yang "
        "memuat pemisah {delimiter!r} harus diberi tanda kutip",
    },
    "cohort.not_utf8": {
        "en": "row {row}: the bytes are not UTF-8 text; save the file as “CSV UTF-8”",
        "id": "baris {row}: isinya bukan teks UTF-8; simpan berkas sebagai “CSV UTF-8”",
    },
    "cohort.bad_csv": {
        "en": "row {row}: cannot read it as CSV ({problem})",
        "id": "baris {row}: tidak dapat dibaca sebagai CSV ({problem})",
    },
    "cohort.cannot_read": {"en": "cannot read it ({reason})",
                           "id": "tidak dapat dibaca ({reason})"},
    "cohort.bad.no_name": {"en": "no name in the student column",
                           "id": "tidak ada nama di kolom student"},
    "cohort.bad.unnamed": {
        "en": "a value in column {column}, which has no name in the header",
        "id": "ada nilai di kolom {column}, yang tidak bernama di baris kepala",
    },
    "cohort.bad.answer": {"en": "{question}: expected {expected}, found {found}",
                          "id": "{question}: diharapkan {expected}, ditemukan {found}"},
    "cohort.bad.missing": {"en": "no answer for {questions}",
                           "id": "tidak ada jawaban untuk {questions}"},
    "cohort.expected.number": {"en": "a number from 1 to {count}",
                               "id": "angka 1 sampai {count}"},
    "cohort.expected.id": {"en": "one of {ids} or a number from 1 to {count}",
                           "id": "salah satu dari {ids} atau angka 1 sampai {count}"},
    "cohort.more": {"en": " (and {count} more)", "id": " (dan {count} lainnya)"},
    "cohort.skipped": {"en": "{place}: {reason}; skipped", "id": "{place}: {reason}; dilewati"},
    "cohort.strict": {
        "en": "{place}: {reason} (--strict: stopped, nothing written)",
        "id": "{place}: {reason} (--strict: dihentikan, tidak ada yang ditulis)",
    },
    "cohort.duplicate": {
        "en": "{place}: the name “{name}” is also in {first}; both kept and flagged",
        "id": "{place}: nama “{name}” juga ada di {first}; keduanya disimpan dan ditandai",
    },
    "cohort.duplicates_stopped": {
        "en": "{count} different names so far: from here on, a name not seen yet is no longer "
        "remembered, so its repeats are not flagged (names seen so far still are)",
        "id": "sudah {count} nama berbeda: mulai sekarang nama yang belum pernah muncul tidak "
        "diingat lagi, jadi pengulangannya tidak ditandai (nama yang sudah muncul tetap "
        "ditandai)",
    },
    "cohort.nothing_scored": {
        "en": "no row could be scored ({skipped} skipped); nothing written",
        "id": "tidak ada baris yang bisa dinilai ({skipped} dilewati); tidak ada yang ditulis",
    },
    "cohort.no_students": {
        "en": "no students: the input has a header but no rows",
        "id": "tidak ada siswa: masukan hanya berisi baris kepala",
    },
    "cohort.skipped_count": {"en": "Rows skipped: {skipped} (see the lines above)",
                             "id": "Baris dilewati: {skipped} (lihat baris di atas)"},
    "cohort.written": {"en": "Results of {students} students written to {path}",
                       "id": "Hasil {students} siswa ditulis ke {path}"},
    "cohort.template_written": {
        "en": "Template written to {path}: student and {questions} questions; "
        "fill in one row per student",
        "id": "Templat ditulis ke {path}: student dan {questions} pertanyaan; "
        "isi satu baris per siswa",
    },
    "cohort.hint": {
        "en": "One row per student: add -o FILE (.csv, .xlsx, .json, .md or .html).",
        "id": "Satu baris per siswa: tambahkan -o BERKAS (.csv, .xlsx, .json, .md atau .html).",
    },
    "cohort.progress": {"en": "Scoring", "id": "Menilai"},
    "cohort.no_input": {
        "en": "give a CSV file or answer sheets to score (or --template FILE.csv for an "
        "empty CSV)",
        "id": "berikan berkas CSV atau lembar jawaban untuk dinilai (atau --template "
        "BERKAS.csv untuk CSV kosong)",
    },
    "cohort.unknown_input": {
        "en": "{path}: expected a .csv file or answer sheets (.yaml, .yml, .json)",
        "id": "{path}: diharapkan berkas .csv atau lembar jawaban (.yaml, .yml, .json)",
    },
    "cohort.missing_input": {"en": "{path}: no such file", "id": "{path}: berkas tidak ada"},
    "cohort.mixed_input": {
        "en": "give one CSV file, or answer sheets (.yaml, .yml, .json): not both, "
        "not several CSV files",
        "id": "berikan satu berkas CSV, atau lembar jawaban (.yaml, .yml, .json): bukan "
        "keduanya, bukan beberapa berkas CSV",
    },
    "cohort.same_file": {
        "en": "{path} is the input; write the results to another file",
        "id": "{path} adalah masukan; tulis hasilnya ke berkas lain",
    },
    "cohort.template_with_input": {
        "en": "--template writes an empty CSV and reads no input; leave out the input files",
        "id": "--template menulis CSV kosong dan tidak membaca masukan; hapus berkas masukannya",
    },
    "cohort.xlsx_needs_output": {
        "en": "an .xlsx workbook cannot be printed: write it to a file with -o FILE.xlsx",
        "id": "buku kerja .xlsx tidak bisa dicetak: tulis ke berkas dengan -o BERKAS.xlsx",
    },
    "cohort.delimiter_not_csv": {
        "en": "--delimiter applies only to CSV (--format csv, -o FILE.csv or --template)",
        "id": "--delimiter hanya berlaku untuk CSV (--format csv, -o BERKAS.csv atau --template)",
    },
    "cohort.summary.heading": {"en": "Class summary", "id": "Ringkasan kelas"},
    "cohort.summary.scored": {"en": "Students scored: {scored}",
                              "id": "Siswa dinilai: {scored}"},
    "cohort.summary.skipped": {"en": "rows skipped: {skipped}",
                               "id": "baris dilewati: {skipped}"},
    "cohort.summary.distribution": {"en": "Top role", "id": "Peran teratas"},
    "cohort.summary.blend": {"en": "Blend (too close to call)",
                             "id": "Perpaduan (terlalu dekat)"},
    "cohort.summary.flags": {
        "en": "Blends: {blends} · uncertain: {uncertain} · duplicate names: {duplicates}",
        "id": "Perpaduan: {blends} · belum pasti: {uncertain} · nama ganda: {duplicates}",
    },
    "cohort.summary.profile": {"en": "Average profile (0–100)",
                               "id": "Profil rata-rata (0–100)"},
    "cohort.items.heading": {"en": "Item analysis", "id": "Analisis butir"},
    "cohort.items.answers": {"en": "Answers per question", "id": "Jawaban per pertanyaan"},
    "cohort.items.reliability": {
        "en": "Agreement of the questions per trait (Cronbach's alpha)",
        "id": "Kesesuaian pertanyaan per sifat (alfa Cronbach)",
    },
    "cohort.items.too_few": {
        "en": "Alpha needs at least {minimum} scored students; this class has {students}.",
        "id": "Alfa membutuhkan paling sedikit {minimum} siswa yang dinilai; kelas ini "
        "berisi {students}.",
    },
    "cohort.items.note": {
        "en": "Item scores are what each answer shows of the trait, 0–1 (reverse-keyed "
        "questions reversed). An alpha of 0.7 or more is usually read as consistent; an "
        "item–rest correlation near 0 or below marks a question that does not go with the "
        "others; – means no variation to measure.",
        "id": "Skor butir adalah seberapa besar setiap jawaban menunjukkan sifatnya, 0–1 "
        "(pertanyaan terbalik sudah dibalik). Alfa 0,7 atau lebih biasanya dianggap "
        "konsisten; korelasi butir–sisa di sekitar 0 atau di bawahnya menandai pertanyaan "
        "yang tidak sejalan dengan yang lain; – berarti tidak ada variasi untuk diukur.",
    },
    "cohort.items.col.question": {"en": "Question", "id": "Pertanyaan"},
    "cohort.items.col.answers": {"en": "Answers (option, count)",
                                 "id": "Jawaban (opsi, jumlah)"},
    "cohort.items.col.dimension": {"en": "Trait", "id": "Sifat"},
    "cohort.items.col.item_rest": {"en": "Item–rest correlation",
                                   "id": "Korelasi butir–sisa"},
    "cohort.report.title": {"en": "Class report", "id": "Laporan kelas"},
    "cohort.report.students": {"en": "Per student", "id": "Per siswa"},
    "cohort.report.made": {
        "en": "Made with rolequiz {version}; knowledge base “{title}” (SHA-256 {sha256}).",
        "id": "Dibuat dengan rolequiz {version}; basis pengetahuan “{title}” "
        "(SHA-256 {sha256}).",
    },
}


def t(lang: Lang, key: str, **values: object) -> str:
    """The interface string *key* in *lang*, filled with *values*."""
    return MESSAGES[key][lang].format(**values)


def join(lang: Lang, items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in *lang*."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t(lang, 'and')} {items[-1]}"


def parse_lang(value: str, *, source: str) -> Lang:
    """*value* as a language code, or a usage error naming where it came from."""
    code = value.strip().lower()
    for lang in LANGUAGES:
        if code == lang:
            return lang
    raise UsageProblem(t("en", "bad_lang", source=source, value=value))


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``ROLEQUIZ_LANG``, else the locale (``id*`` is Indonesian), else English."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_LANG, "").strip()
    if chosen:
        return parse_lang(chosen, source=ENV_LANG)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "").strip()
        if value:
            return "id" if value.lower().startswith("id") else "en"
    return "en"
