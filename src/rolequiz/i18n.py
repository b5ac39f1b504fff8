"""Interface strings in Indonesian and English, and which language to use.

Texts about roles, questions and programs come from the knowledge base; the
words around them (headings, prompts, hints, messages) live here.  Every key
has both languages; a test checks it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from rolequiz.errors import UsageProblem
from rolequiz.model import LANGUAGES, Lang

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
        "en": "See all roles side by side: rolequiz roles",
        "id": "Lihat semua peran berdampingan: rolequiz roles",
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
    "error.prefix": {"en": "error", "id": "galat"},
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
    # -- student report --
    # -- cohort --
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
