"""Answer sheets: what a student answered, read from and written to YAML or JSON.

A sheet maps question ids to an option id or its 1-based number, with an
optional ``name``; a question missing or empty is left blank, and a sheet is scored
with up to ``settings.max_blank`` of them (see :mod:`rolequiz.core.student.blanks`).  The
answers may stand at the top level or under an ``answers`` key; rolequiz writes the
latter, with the knowledge base it was answered against and, beside the answers, how
the quiz was played: ``shown`` (the option ids in the order they were shown),
``seconds`` (how long each answer took) and ``fingerprints`` (a hash of each question's and chosen
option's texts, so that a resumed quiz keeps only answers to the same words).
All three are optional when reading; an entry that does not fit the knowledge
base is left out.  A sheet of the short quiz also lists ``asked``: the questions it asked,
in the order asked.  Only those need an answer, and only their answers count (see
:func:`rolequiz.core.student.adaptive.score`).

A sheet written for a knowledge base whose options were re-lettered (``lettering: 2``
and ``was:`` ids, see :mod:`rolequiz.core.kb.lettering`) says ``lettering: 2``.  One that
rolequiz wrote before (a ``knowledge_base`` entry, no ``lettering``) or that says
``lettering: 1`` names the options by their ``was`` ids and is read so, its answers to a
statement that said the opposite then (``was: opposite``) turned round; a sheet written by
hand without either uses today's ids.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolequiz.core.kb import lettering
from rolequiz.core.kb.inputs import read_text
from rolequiz.core.kb.model import KnowledgeBase, Question
from rolequiz.core.student import blanks, played
from rolequiz.errors import AnswerSheetError, Message, Problem, msg
from rolequiz.files import write_atomic

if TYPE_CHECKING:  # YAML is imported when a sheet is read, not when one is made
    from rolequiz.core.kb.yamlnodes import Checker, Node


@dataclass(frozen=True)
class Sheet:
    """A student's answers: question id -> 0-based option index."""

    answers: dict[str, int]
    name: str | None = None
    shown: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Question id -> the option indices in the order the quiz showed them."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Question id -> seconds the answer took (monotonic clock), for answers given in a quiz."""
    asked: tuple[str, ...] | None = None
    """The short quiz's questions in the order it asked them; None: a sheet of the full quiz."""

    @property
    def positions(self) -> dict[str, int]:
        """Question id -> 0-based position at which the chosen option was shown."""
        return {question_id: self.shown[question_id].index(index)
                for question_id, index in self.answers.items()
                if index in self.shown.get(question_id, ())}


EXTRAS = ("shown", "seconds", "fingerprints")
"""The keys that may stand beside ``answers``, ``name`` and ``knowledge_base``."""
TOP_KEYS = frozenset({"name", "answers", "knowledge_base", "lettering", "asked", *EXTRAS})


def expected_answer(question: Question) -> Message:
    count = len(question.options)
    ids = [option.id for option in question.options]
    if ids == [str(n) for n in range(1, count + 1)]:
        return msg("sheet.expected.number", count=count)
    return msg("sheet.expected.id", ids=", ".join(ids), count=count)


def load(path: Path, kb: KnowledgeBase) -> Sheet:
    """Read the sheet at *path* and check it against *kb*."""
    return parse(read_text(path, error=AnswerSheetError), file=str(path), kb=kb)


_SURROGATE_PAIR = r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})"
"""Compiled on first use (by :mod:`re`'s cache): most sheets have no escapes at all."""


def _join_surrogate_pairs(text: str) -> str:
    """JSON spells a character beyond U+FFFF as two escapes; YAML wants one character."""
    def join(match: re.Match[str]) -> str:
        high, low = int(match[1], 16), int(match[2], 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    if "\\u" not in text and "\\U" not in text:
        return text
    return re.sub(_SURROGATE_PAIR, join, text, flags=re.IGNORECASE)


@dataclass(frozen=True)
class Partial:
    """What could be read of a sheet that may be unfinished or from another quiz."""

    sheet: Sheet
    dropped: tuple[str, ...]
    """Question ids whose answer no longer fits the knowledge base."""
    sha256: str | None
    """The hash of the knowledge base the sheet was written against, if it says."""
    fingerprints: dict[str, str] | None = None
    """Question id -> :func:`fingerprint` of the answer as given; None when the sheet has none
    (written before rolequiz kept them)."""


def parse(text: str, *, file: str, kb: KnowledgeBase) -> Sheet:
    """A complete sheet for *kb*, or an :class:`AnswerSheetError` with every problem,
    each located."""
    sheet, structural, wrong, *_ = _read(text, file=file, kb=kb, complete=True)
    problems = structural + [problem for _, problem in wrong]
    if problems:
        raise AnswerSheetError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return sheet


def parse_partial(text: str, *, file: str, kb: KnowledgeBase) -> Partial:
    """The answers of *text* that fit *kb*; only a sheet that cannot be read at all
    (not YAML, not a mapping) raises."""
    sheet, structural, wrong, sha256, fingerprints = _read(text, file=file, kb=kb,
                                                           complete=False)
    if structural:
        raise AnswerSheetError(structural)
    return Partial(sheet=sheet, dropped=tuple(q for q, _ in wrong), sha256=sha256,
                   fingerprints=fingerprints)


def _read(
    text: str, *, file: str, kb: KnowledgeBase, complete: bool
) -> tuple[Sheet, list[Problem], list[tuple[str, Problem]], str | None, dict[str, str] | None]:
    """The sheet, its structural problems, the answers that do not fit (by question
    id), the knowledge-base hash it names and its fingerprints (None without them)."""
    import yaml

    from rolequiz.core.kb.yamlnodes import Checker, compose, scalar_value

    root = compose(_join_surrogate_pairs(text), file=file, error=AnswerSheetError)
    if root is None:
        raise AnswerSheetError([Problem(file, None, None, msg("sheet.empty"))])
    check = Checker(file)
    entries = check.expect_mapping(root, msg("sheet.where.top"))
    if entries is None:
        raise AnswerSheetError(check.problems)
    name: str | None = None
    if "name" in entries:
        name = check.expect_text(entries["name"], "name")
    sha256 = _stored_hash(entries.get("knowledge_base"))
    written = check.expect_scalar(entries["lettering"], "lettering",
                                  lambda v: type(v) is int and v >= 1,
                                  msg("kb.expected.lettering")) if "lettering" in entries else \
        1 if "knowledge_base" in entries else None  # rolequiz wrote it before lettering 2
    if lettering.written_before(kb, written):
        kb = lettering.before(kb)  # the same options in the same places, under their old ids
    answer_node: Node = root
    if "answers" in entries:
        answer_node = entries["answers"]
        nested = check.expect_mapping(answer_node, "answers")
        extra = set(entries) - TOP_KEYS
        for key in sorted(extra):
            check.fail(check.key_node(root, key), msg("sheet.beside_answers", key=repr(key)))
        entries = nested or {}
    else:
        entries = {k: v for k, v in entries.items() if k not in TOP_KEYS - {"answers"}}
    extras = {key: played.entry(root, key) for key in EXTRAS}
    asked = _asked(check, played.entry(root, "asked"), kb, strict=complete)
    if entries and not any(kb.has_question(question_id) for question_id in entries):
        ids = ", ".join(list(entries)[:3]) + (", ..." if len(entries) > 3 else "")
        check.fail(answer_node, msg("sheet.other_quiz", ids=ids, span=_span(kb)))
        return Sheet(answers={}, name=name), check.problems, [], sha256, None
    answers: dict[str, int] = {}
    wrong: list[tuple[str, Problem]] = []
    empty: set[str] = set()  # "q4:" or "q4: ''": left blank, as a missing entry is
    for question_id, node in entries.items():
        if not kb.has_question(question_id):
            check.fail(check.key_node(answer_node, question_id), msg(
                "sheet.unknown_question", id=repr(question_id), span=_span(kb)))
            wrong.append((question_id, check.problems.pop()))
            continue
        question = kb.question(question_id)
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else node
        if value is None or (isinstance(value, str) and not value.strip()):
            empty.add(question_id)
            continue
        index = question.resolve(value)
        if index is None and isinstance(value, str):  # the printed letter, in either case
            index = lettering.letters(question, printed_ids=kb.printed_ids).get(
                value.strip().upper())
        if index is None:
            check.fail(node, msg("sheet.bad_answer", id=repr(question_id),
                                 expected=expected_answer(question), found=_shown(value)))
            wrong.append((question_id, check.problems.pop()))
            continue
        answers[question_id] = lettering.as_today(kb, question, index)
    if asked is None:
        missing = tuple(q.id for q in kb.questions if q.id not in entries or q.id in empty)
        said = blanks.too_many(kb, missing, name=name) if complete else None
    else:  # a short quiz's sheet: every question it asked needs its answer, the rest none
        missing = tuple(q for q in asked if q not in entries or q in empty)
        said = msg("blank.asked.one" if len(missing) == 1 else "blank.asked.many",
                   name=name or msg("blank.unnamed"), questions=blanks.named(kb, missing)) \
            if missing and complete else None
    if said is not None:
        check.fail(answer_node, said)
    shown = {question_id: tuple(lettering.as_today(kb, kb.question(question_id), index)
                                for index in order)
             for question_id, order in played.shown_orders(extras["shown"], kb).items()}
    sheet = Sheet(answers=answers, name=name, shown=shown,
                  seconds=played.seconds(extras["seconds"], answers), asked=asked)
    return sheet, check.problems, wrong, sha256, played.fingerprints(extras["fingerprints"])


def _asked(check: Checker, node: Node | None, kb: KnowledgeBase, *,
           strict: bool) -> tuple[str, ...] | None:
    """The question ids of a short quiz's ``asked`` list, in order; None without one.

    A list that names an unknown question or one twice is a problem of a sheet to score
    (*strict*); an unfinished quiz keeps the list up to its first such entry."""
    import yaml

    if node is None:
        return None
    found: list[str] = []
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        value = item.value if isinstance(item, yaml.ScalarNode) else None
        if not isinstance(value, str) or not kb.has_question(value) or value in found:
            if strict:
                check.fail(item, msg("sheet.bad_asked", found=_shown(
                    value if isinstance(item, yaml.ScalarNode) else item), span=_span(kb)))
            break
        found.append(value)
    else:
        if strict and not found:  # nothing asked is nothing to score
            check.fail(node, msg("sheet.bad_asked", found=_shown(None), span=_span(kb)))
    return tuple(found)


def _stored_hash(node: Node | None) -> str | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if getattr(key, "value", None) == "sha256" and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None


def _span(kb: KnowledgeBase) -> str:
    ids = [q.id for q in kb.questions]
    return f"{ids[0]}…{ids[-1]}" if len(ids) > 2 else ", ".join(ids)


def _shown(value: Any) -> Message | str:
    import yaml

    if isinstance(value, yaml.Node):
        return msg("yaml.kind.list" if isinstance(value, yaml.SequenceNode) else
                   "yaml.kind.mapping")
    if value is None:
        return msg("yaml.kind.nothing")
    return repr(value)


def document(kb: KnowledgeBase, sheet: Sheet, *, fingerprints: bool = False) -> dict[str, Any]:
    """The sheet as a plain mapping, as rolequiz writes it; with *fingerprints* (as a session
    is written) the words of each answer, hashed, for a resume to compare."""
    doc: dict[str, Any] = {}
    if sheet.name:
        doc["name"] = sheet.name
    title = kb.title("en") if "en" in kb.languages else kb.title.translations[0][1]
    doc["knowledge_base"] = {"title": title, "sha256": kb.sha256}
    if kb.lettering > 1:  # read as it is, not through the options' old ids
        doc["lettering"] = kb.lettering
    answered = [q for q in kb.questions if q.id in sheet.answers]
    if sheet.asked is not None:
        doc["asked"] = list(sheet.asked)
    doc["answers"] = {q.id: q.options[sheet.answers[q.id]].id for q in answered}
    if sheet.shown:
        doc["shown"] = {q.id: [q.options[i].id for i in sheet.shown[q.id]]
                        for q in kb.questions if q.id in sheet.shown}
    if sheet.seconds:
        doc["seconds"] = {q.id: round(sheet.seconds[q.id], 2) for q in answered
                          if q.id in sheet.seconds}
    if fingerprints:
        doc["fingerprints"] = {q.id: played.fingerprint(q, sheet.answers[q.id]) for q in answered}
    return doc


_YAML_UNSAFE = "[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
"""Characters JSON leaves as they are but YAML reads only escaped (or as line breaks)."""


def save(path: Path, kb: KnowledgeBase, sheet: Sheet, *, fingerprints: bool = False) -> None:
    """Write *sheet* to *path* (JSON for ``.json``, YAML otherwise), atomically."""
    doc = document(kb, sheet, fingerprints=fingerprints)
    if path.suffix.lower() == ".json":
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        # sheets are read with a YAML parser, which refuses these characters unescaped
        text = re.sub(_YAML_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
    else:
        import yaml

        text = "# rolequiz answer sheet\n" + yaml.safe_dump(
            doc, allow_unicode=True, sort_keys=False
        )
        # a character YAML keeps raw but reads back changed: read back with libyaml where
        # PyYAML has it, as the sheet will be read (yamlnodes), since a session is saved
        # after every answer and the pure-Python loader took 8 of its 18 ms (0.4 ms now)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        if yaml.load(text, Loader=loader) != doc:
            text = "# rolequiz answer sheet\n" + yaml.safe_dump(
                doc, allow_unicode=False, sort_keys=False
            )
    write_atomic(path, text)
