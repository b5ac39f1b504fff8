"""The class scorer says facts in no language; the class table words them.

:func:`rolequiz.core.cohort.rows.scored_batches` yields each batch's facts and tells its
lines as message objects; :mod:`rolequiz.export.class_table` turns the facts into the
table's cells in the reader's language.
"""

from __future__ import annotations

import io

from rolequiz.core.cohort import batches as cohort_batches
from rolequiz.core.cohort import rows as cohort
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import SAID, Words, render
from rolequiz.export.class_table import Words as TableWords


def scored(kb: KnowledgeBase, text: str, told: list[Words]) -> list[cohort.Part]:
    """The parts of the class CSV *text*, scored with *told* collecting the lines."""
    batches = cohort_batches.csv_batches(io.BytesIO(text.encode()), file="k.csv", kb=kb,
                                         progress=lambda _: None)
    return list(cohort.scored_batches(kb, batches, summary=cohort.Summary(kb),
                                      notify=told.append, file="k.csv", skip_bad=True,
                                      duplicates="all"))


def test_the_lines_about_rows_are_told_in_no_language_yet(shipped_kb: KnowledgeBase) -> None:
    """A skipped row and a name twice are told as words the caller renders in its language."""
    kb = shipped_kb
    header = "student," + ",".join(q.id for q in kb.questions)
    sheet = ",".join("1" for _ in kb.questions)
    told: list[Words] = []
    scored(kb, f"{header}\nAni,{sheet}\nAni,{sheet}\nBudi,{','.join('9' for _ in kb.questions)}\n"
               f"Sari,{sheet}\nTono,{sheet}\nRini,{sheet}\nEko,{sheet}\nDewi,{sheet}\n"
               f"Wati,{sheet}\nJoko,{sheet}\nLina,{sheet}\n", told)
    assert told and all(isinstance(line, SAID) for line in told)
    english = [render(line, "en") for line in told]
    indonesian = [render(line, "id") for line in told]
    assert any("row 3" in line and "Ani" in line for line in english)
    assert any("baris 3" in line and "Ani" in line for line in indonesian)
    assert any("k.csv: row 4" in line for line in english)


def test_the_table_words_the_same_facts_in_either_language(shipped_kb: KnowledgeBase) -> None:
    """One batch's facts: the same ids and codes in both languages, its flags in each."""
    kb = shipped_kb
    header = "student," + ",".join(q.id for q in kb.questions)
    sheet = ",".join("1" for _ in kb.questions)
    (part,) = scored(kb, f"{header}\nAni,{sheet}\nAni,{sheet}\n", [])
    english = [list(c) for c in TableWords(kb, "en", duplicates="all").columns(part.facts)]
    indonesian = [list(c) for c in TableWords(kb, "id", duplicates="all").columns(part.facts)]
    assert english[:2] == indonesian[:2] == [[2, 3], ["Ani", "Ani"]]
    assert english[3:-1] == indonesian[3:-1]  # ids, codes and numbers: no language
    assert "row 2" in str(english[-1][1]) and "baris 2" in str(indonesian[-1][1])
