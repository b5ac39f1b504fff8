"""The class table in words: a batch's facts (:class:`rolequiz.core.cohort.record.Facts`)
turned into the cells of its rows, in the reader's language, and the table's columns.

The scorer (:mod:`rolequiz.core.cohort.rows`) says what each student's result is, in ids,
codes and numbers; this module says it as the class table does: the result's headline
("A mix of A and B"), the flags in words, the place of a row not scored and why.  The
per-student reports and the class report word a student's record here too
(:meth:`Words.result_of`, :meth:`Words.flag_words`), so every writer says what the table
says.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rolequiz import i18n
from rolequiz.core.cohort.read.reader import STUDENT, Skipped
from rolequiz.core.cohort.record import CONFIDENCES, Facts, Student
from rolequiz.core.kb.model import KnowledgeBase, Lang
from rolequiz.core.student import flags as careless
from rolequiz.core.table import Cell, Column, Table
from rolequiz.errors import render
from rolequiz.export.tables import Coded, Hundredths, coded_values
from rolequiz.numbers import clock

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class Words:
    """The texts of the result and flags columns, made once for each combination: of a
    batch's facts (:meth:`columns`), or of one student's record (:meth:`result_of`,
    :meth:`flags_of`), so that a writer that reads records says what the class table says."""

    def __init__(self, kb: KnowledgeBase, lang: Lang, *, timed: bool = False,
                 short: bool = False, duplicates: str = "latest") -> None:
        self.kb, self.lang, self.timed, self.short = kb, lang, timed, short
        self.duplicates = duplicates
        self.headlines: dict[tuple[int, ...], str] = {}
        import numpy as np

        blend, uncertain = i18n.t(lang, "cohort.flag.blend"), i18n.t(lang, "cohort.flag.uncertain")
        self.flags = np.array(["", blend, uncertain, f"{blend}; {uncertain}"], dtype=object)
        self.unreliable = i18n.t(lang, "result.flagged")
        from rolequiz.export.headlines import no_fit_headline

        self.no_fit = no_fit_headline(kb, lang, key="cohort.result.no_fit")  # to a counselor
        self.no_fit_flag = i18n.t(lang, "cohort.flag.no_fit")
        self.ids = coded_values(["", *(role.id for role in kb.roles)])
        self.confidences = coded_values(CONFIDENCES)
        self.answered = coded_values(range(len(kb.questions) + 1))
        self.hundredths = Hundredths()
        self.careless = np.array([";".join(code for bit, code in enumerate(careless.CODES)
                                           if mask >> bit & 1)
                                  for mask in range(1 << len(careless.CODES))], dtype=object)

    def result_of(self, student: Student) -> str:
        """The result column of *student*'s row: empty for a row not scored."""
        if not student.scored:
            return ""
        if student.flags:
            return self.unreliable
        if student.no_fit:
            return self.no_fit
        index = {role.id: r for r, role in enumerate(self.kb.roles)}
        if student.blend:
            return self.headline(tuple(index[r] for r in student.blend), True)
        return self.headline((index[student.top],), False)

    def flags_of(self, student: Student) -> str:
        """The flags column of *student*'s row: the reason for a row not scored."""
        return "; ".join(self.flag_words(student))

    def flag_words(self, student: Student, *, blend: bool = True) -> list[str]:
        """Each flag of *student*'s row in words, in the column's order; without *blend*,
        all but the word for a blend (what else there is to look at again)."""
        if student.skipped is not None:
            return [render(student.skipped.reason, self.lang)]
        said: list[str] = []
        if student.no_fit:
            said.append(self.no_fit_flag)
        elif student.flags:
            said.append(str(self.flags[2]))
        elif student.blend and blend:
            said.append(str(self.flags[1]))
        if student.blank:
            said.append(self.blank_flag(student.blank))
        if student.duplicate_of is not None:
            said.append(self.duplicate_flag(place(student.duplicate_of, self.lang)))
        if student.resubmitted:
            said.append(self.resubmitted_flag(student.resubmitted))
        return said

    def duplicate_flag(self, first: str) -> str:
        """'duplicate name (also row 3)', for a name seen before (``--duplicates all``)."""
        return i18n.t(self.lang, "cohort.flag.duplicate", first=first)

    def resubmitted_flag(self, others: Sequence[int | str]) -> str:
        """'resubmitted: earlier submission at row 3 left out', for the one counted, as
        ``--duplicates`` kept it (``"latest"`` or ``"first"``)."""
        which = "earlier" if self.duplicates == "latest" else "later"
        return i18n.t(self.lang, f"cohort.flag.resubmitted.{which}",
                      others=i18n.join(self.lang, [place(o, self.lang) for o in others]))

    def skipped_row(self, entry: Skipped) -> tuple[Cell, ...]:
        """A student who could not be scored: no result, and the reason among the flags."""
        empty: list[Cell] = [None] * (len(self.kb.roles) + 2 + self.short + self.timed)
        return (entry.source if entry.source is not None else render(entry.place, self.lang),
                entry.name, "", "", "", "", "", *empty, render(entry.reason, self.lang))

    def headline(self, roles: tuple[int, ...], blended: bool) -> str:
        """The top role's name, or 'A mix of A and B' (best first), as a result says it."""
        key = roles if blended else roles[:1]
        if key not in self.headlines:
            from rolequiz.export.headlines import headline_of

            self.headlines[key] = headline_of(self.kb, [self.kb.roles[r].id for r in key],
                                              self.lang, blend=blended)
        return self.headlines[key]

    def columns(self, facts: Facts) -> list[Sequence[Cell]]:
        """The columns of a batch's rows, in the class file's order: its students scored,
        a name seen before or sent again flagged, and its rows not scored in their places
        (none at all for a batch of nobody).  The columns of few values (results, ids,
        codes, flags, fits) are :class:`~rolequiz.export.tables.Coded`."""
        table = self._scored(facts) if len(facts.names) else []
        if facts.skipped:  # every student is in the table, scored or not
            scored = list(zip(*table, strict=True))
            ordered: list[tuple[Cell, ...]] = []
            at = 0
            for index, entry in facts.skipped:
                ordered += scored[at:index]
                ordered.append(self.skipped_row(entry))
                at = index
            table = [list(column) for column in zip(*ordered, *scored[at:], strict=True)]
        return table

    def _scored(self, facts: Facts) -> list[Sequence[Cell]]:
        """The columns of the students scored."""
        import numpy as np

        ranking, blend = facts.ranking, facts.blend
        members = np.take_along_axis(blend, ranking, axis=1)  # the blend, best first
        blended = members[:, 0]
        kinds = (ranking + 1) * members  # role + 1 where in the blend, else 0
        kinds[~blended, 0] = ranking[~blended, 0] + 1  # a clear winner: the top role alone
        keys, inverse = self._combinations(kinds)
        flagged, no_fit = facts.flagged, facts.no_fit
        # no headline for careless answers, nor a role where none fits: say so
        said = coded_values([*map(self._headline, keys), self.unreliable, self.no_fit])
        results = inverse.copy()
        results[flagged] = len(keys)
        results[no_fit] = len(keys) + 1
        blends = Coded(np.where(blended, inverse, len(keys)), coded_values(
            [*(";".join(self.ids[r] for r in key if r) for key in keys), ""]))
        # a sheet with no reliable result is no mix either: "not reliable" alone
        flags = (blended & ~flagged).astype(np.intp) + 2 * flagged
        flags[no_fit] = len(self.flags)
        flag_words = [*self.flags.tolist(), self.no_fit_flag]
        top = Coded(np.where(facts.decided, ranking[:, 0] + 1, 0), self.ids)
        raised = facts.careless @ (1 << np.arange(facts.careless.shape[1]))
        took: list[list[Cell]] = []
        if self.timed:
            known = facts.durations.tolist() if facts.durations is not None else \
                [math.nan] * len(facts.names)
            took.append([None if math.isnan(s) else clock(s) for s in known])
        counted = [facts.asked.tolist()] if facts.asked is not None else []
        blank = facts.blank
        answered = len(self.kb.questions) - blank.sum(axis=1)
        more: dict[int, list[str]] = {}  # a row's flags after the first: its own words
        for row in np.flatnonzero(blank.any(axis=1)).tolist():  # which, by number and text
            more[row] = [self.blank_flag(tuple(
                q.id for q, b in zip(self.kb.questions, blank[row].tolist(), strict=True)
                if b))]
        for row, earlier in facts.duplicate_of.items():
            more.setdefault(row, []).append(self.duplicate_flag(place(earlier, self.lang)))
        for row, others in facts.resubmitted.items():
            more.setdefault(row, []).append(self.resubmitted_flag(others))
        if more:
            found = {text: code for code, text in enumerate(flag_words)}
            for row, said_more in more.items():
                first = flag_words[flags[row]]
                text = "; ".join([first, *said_more] if first else said_more)
                flags[row] = found.setdefault(text, len(found))
            flag_words = list(found)
        return [facts.sources, facts.names, Coded(results, said), top,
                Coded(facts.confidence, self.confidences), blends,
                Coded(raised, self.careless), *map(self.hundredths.column, facts.fits.T),
                self.hundredths.column(facts.margin), Coded(answered, self.answered),
                *counted, *took, Coded(flags, coded_values(flag_words))]

    def blank_flag(self, blank: tuple[str, ...]) -> str:
        """'19 of 20 answered, left blank: 5 “…”', for a student who left questions blank:
        the count a student's report gives, wherever the flags are read."""
        from rolequiz.core.student.blanks import named

        total = len(self.kb.questions)
        return i18n.t(self.lang, "cohort.flag.blank", answered=total - len(blank), total=total,
                      questions=named(self.kb, blank))

    def _combinations(self, kinds: npt.NDArray[np.int64]
                      ) -> tuple[list[list[int]], npt.NDArray[np.intp]]:
        """The combinations of *kinds* (rows of roles + 1 in the blend, or the winner,
        else 0) found, and each row's among them."""
        import numpy as np

        roles = len(self.kb.roles)
        base = roles + 1
        if base ** roles >= 1 << 62:  # too many roles for one number per combination
            unique, inverse = np.unique(kinds, axis=0, return_inverse=True)
            found = unique.tolist()
        else:
            keys = kinds @ (base ** np.arange(roles, dtype=np.int64))
            unique, inverse = np.unique(keys, return_inverse=True)  # the keys found
            found = [[key // base**j % base for j in range(roles)] for key in unique.tolist()]
        return found, inverse.reshape(-1)

    def _headline(self, key: list[int]) -> str:
        """The result for a combination: each role + 1 in the blend (or the winner), else 0."""
        return self.headline(tuple(r - 1 for r in key if r), sum(map(bool, key)) > 1)


def place(source: Cell, lang: Lang) -> str:
    """Where a student of the class table is, in words: "row 12" for a CSV row (its first
    column holds the number), the answer sheet's file as it is."""
    return i18n.t(lang, "cohort.row", row=source) if isinstance(source, int) else str(source)


def columns(kb: KnowledgeBase, lang: Lang, *, source: str,
            timed: bool = False, short: bool = False) -> tuple[Column, ...]:
    """The per-student columns; *source* is ``"row"`` (CSV) or ``"file"`` (answer sheets);
    ``answered`` is how many questions the student answered (see ``settings.max_blank``);
    *timed* adds ``duration`` ("0:40"), for a form export that records it; *short*,
    ``asked``, the questions the short quiz asked (``cohort --short``)."""
    return (
        Column(source, i18n.t(lang, f"cohort.col.{source}")),
        Column("student", i18n.t(lang, f"cohort.col.student.{kb.audience}")),
        Column("result", i18n.t(lang, "cohort.col.result")),
        Column("top", i18n.t(lang, "cohort.col.top")),
        Column("confidence", i18n.t(lang, "cohort.col.confidence")),
        Column("blend", i18n.t(lang, "cohort.col.blend")),
        Column("careless", i18n.t(lang, "cohort.col.careless")),
        *(Column(f"fit_{role.id}", i18n.t(lang, "cohort.col.fit", role=role.short(lang)))
          for role in kb.roles),
        Column("margin", i18n.t(lang, "cohort.col.margin")),
        Column("answered", i18n.t(lang, "cohort.col.answered", total=len(kb.questions))),
        *([Column("asked", i18n.t(lang, "cohort.col.asked"))] if short else []),
        *([Column("duration", i18n.t(lang, "cohort.col.duration"))] if timed else []),
        Column("flags", i18n.t(lang, "cohort.col.flags")),
    )


def table(kb: KnowledgeBase, lang: Lang, rows: Iterable[tuple[Cell, ...]], *,
          source: str, timed: bool = False, short: bool = False) -> Table:
    """The per-student table; *rows* is consumed once, by whichever writer gets it."""
    return Table(title=i18n.t(lang, f"cohort.title.{kb.audience}"),
                 columns=columns(kb, lang, source=source, timed=timed, short=short), rows=rows,
                 lang=lang)


def template(kb: KnowledgeBase, lang: Lang) -> Table:
    """The empty answer table: the name column (``student``, ``nama`` in Indonesian: the
    reader's word, read in either language) and the question ids, in the order of the quiz."""
    return Table(title=i18n.t(lang, f"cohort.title.{kb.audience}"),
                 columns=(Column(STUDENT, i18n.t(lang, "cohort.template.student")),
                          *(Column(q.id, q.id) for q in kb.questions)),
                 rows=(), lang=lang)
