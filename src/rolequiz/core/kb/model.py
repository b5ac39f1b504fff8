"""The knowledge base as typed, immutable objects: what the rest of rolequiz reads.

The records are named tuples, which Python makes several times faster than
frozen dataclasses: the quiz builds them before its first question.

Nothing here knows a role, a dimension or a question by name: they all come
from ``data/roles.yaml`` (or another file given with ``--kb``).
"""


from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

Lang = str
"""A language code (``id``, ``en``): which ones there are is data, not code."""


class Text(NamedTuple):
    """A text a person reads, in every language of the knowledge base."""

    translations: tuple[tuple[Lang, str], ...]
    """(language, text) pairs, in the order the file gives them."""

    @classmethod
    def of(cls, **texts: str) -> "Text":
        """``Text.of(id="Halo", en="Hello")``."""
        return cls(tuple(texts.items()))

    def __call__(self, lang: Lang) -> str:
        for code, text in self.translations:
            if code == lang:
                return text
        raise KeyError(lang)

    @property
    def languages(self) -> tuple[Lang, ...]:
        return tuple(code for code, _ in self.translations)


class Dimension(NamedTuple):
    """A trait the quiz measures: what a role needs more or less of."""

    id: str
    name: Text
    description: Text


class Role(NamedTuple):
    """A career, as the knowledge base describes it, and its level on every trait."""

    id: str
    name: Text
    short: Text
    metaphor: Text
    summary: Text
    horizon: Text
    responsibilities: tuple[Text, ...]
    skills: tuple[Text, ...]
    focus: tuple[Text, ...]
    tools: tuple[Text, ...]
    profile: Mapping[str, float]
    """Target per dimension on a 0–1 scale (the YAML's level 1–5, as (level-1)/4)."""
    levels: Mapping[str, int]
    """The levels 1–5 as written in the YAML."""


class Program(NamedTuple):
    """A study program: the traits it builds and the roles it prepares for."""

    id: str
    name: Text
    faculty: Text | None
    institution: str
    builds: Text
    dimensions: tuple[str, ...]
    roles: tuple[str, ...]

    def label(self, lang: Lang) -> str:
        """'Name (Faculty, Institution)', as a student looks a program up."""
        where = [self.faculty(lang)] if self.faculty else []
        return f"{self.name(lang)} ({', '.join([*where, self.institution])})"


class Option(NamedTuple):
    """One answer to a question, and how much of each trait choosing it shows."""

    id: str
    text: Text
    weights: Mapping[str, float]
    """How much choosing this option shows of each dimension, 0–1."""
    was: str | None = None
    """Its id before the knowledge base's last re-lettering (YAML ``was:``): answers written
    before then name it so (see :mod:`rolequiz.core.kb.lettering`)."""


AUDIENCES = ("students", "adults")
"""Who a knowledge base's quiz is for (YAML ``audience:``): school students, whose results
go to a guidance teacher and a class, or adults, who talk theirs over with a career
counselor or a mentor.  A catalogue text that names its reader has a key per audience,
``KEY.students`` and ``KEY.adults``."""

OPPOSITE: Literal["opposite"] = "opposite"
"""A statement's ``was:`` when it was worded as its own reverse before the last lettering."""


class Question(NamedTuple):
    """A scenario (pick what you would do) or a statement (how much you agree)."""

    id: str
    kind: Literal["choice", "scale"]
    text: Text
    options: tuple[Option, ...]
    dimension: str | None = None
    """For a scale question: the dimension it measures."""
    reverse: bool = False
    """For a scale question: agreeing shows *less* of the dimension."""
    was: Literal["opposite"] | None = None
    """For a scale question: ``opposite`` when, before the knowledge base's last lettering,
    it was worded as its own reverse (YAML ``was: opposite``): an answer written before
    then stands at the other end of the scale (see :mod:`rolequiz.core.kb.lettering`)."""

    def option_index(self, option_id: str) -> int | None:
        for index, option in enumerate(self.options):
            if option.id == option_id:
                return index
        return None

    def resolve(self, value: object) -> int | None:
        """The option index an answer names, by option id or 1-based number."""
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            index = self.option_index(value.strip())
            if index is not None:
                return index
            digits = value.strip()
            value = int(digits) if digits.isascii() and digits.isdigit() else value
        if isinstance(value, int) and 1 <= value <= len(self.options):
            return value - 1
        return None

    def max_weight(self, dimension_id: str) -> float:
        return max(option.weights.get(dimension_id, 0.0) for option in self.options)

    def words(self, lang: Lang) -> int:
        """The words read to answer in *lang*: the text, and a scenario's options (a
        statement's scale is the same for every statement: read once, then known)."""
        texts = [self.text(lang), *(o.text(lang) for o in self.options
                                    if self.kind == "choice")]
        return sum(len(text.split()) for text in texts)


RETIRED_SETTINGS = ("blend_margin",)
"""Settings rolequiz once read and reads no more (a blend now comes from the
probabilities): a file that has one still loads, whatever its value, and ``rolequiz
validate`` warns that it is not used (:func:`rolequiz.core.kb.knowledge.retired`)."""


class Settings(NamedTuple):
    """How results are called: how sure is clear, when answers look careless, the scale."""

    programs_to_suggest: int
    scale: tuple[Text, ...]
    clear: float = 0.90
    """A top probability from here on is a clear result."""
    leaning: float = 0.75
    """From here (below :attr:`clear`) the result leans to its top role; below, too close."""
    reading_pace: float = 400.0
    """Words a minute of a fast reader: a form finished sooner than its questions' words
    take at this pace was not read (see :func:`rolequiz.core.cohort.read.forms.spread`)."""
    typical_least: float = 0.01
    """Below this typicality for every role (the share of the role's own simulated
    students whose answers it explains less well), no role fits the answers strongly."""
    typical_clear: float = 0.20
    """A clear result also needs this typicality of its top role; below, it is leaning."""
    short_clear: float | None = None
    """The short quiz stops once its top role reaches this probability (and
    :attr:`typical_clear`); None: the full quiz's :attr:`clear`."""
    short_scenarios: int = 3
    short_statements: int = 3
    """The short quiz asks at least this many scenarios and statements (all there are, when
    there are fewer): a few answers' times for the ``too_fast`` check.  The straight-line
    and zigzag checks need no minimum: the short quiz asks on while the questions left
    could still raise them (:func:`rolequiz.core.student.adaptive.lacking`); 5 each made the
    shipped quiz's mean 12 questions where 3 make it under 10."""
    short_pairs: int = 1
    """The short quiz asks at least this many reverse-keyed pairs of statements whole (all
    the knowledge base has, when it has fewer), so that contradictions can be seen."""
    short_give_up: float = 0.2
    """The short quiz also stops, without a clear result, once fewer than this share of
    the students the model simulates from the answers so far would end clear if they
    answered the questions left; 0: it never gives up (it goes on to the last question).
    0.2 brought the shipped quiz's 90th percentile from 20 questions to 12, at 1–2 % of
    honest students not told "clear" whom the full quiz tells it (0.05: 13–14)."""
    max_blank: int = 0
    """Questions a sheet or a class row may leave blank and still be scored (over the
    questions answered, see :mod:`rolequiz.core.student.blanks`); more, and it gets no result.
    0: every question needs an answer."""
    flag_settings: tuple[tuple[str, float], ...] = ()
    """(name, value) of every setting of the careless flags (how many answers in one
    place, how fast is too fast …), as :data:`rolequiz.core.student.flags.FLAGS` declares them:
    read through :meth:`flag_setting`."""

    def reading_time(self, kind: str) -> float:
        """The seconds a question of *kind* (``choice`` or ``scale``) needs to be read:
        an answer given sooner was given without reading it."""
        return self.flag_setting("too_fast_choice" if kind == "choice"
                                 else "too_fast_statement")

    def flag_setting(self, name: str) -> float:
        """The value of the careless flags' setting *name*: each flag declares its own in
        :data:`rolequiz.core.student.flags.FLAGS`, and the schema fills in every one."""
        return dict(self.flag_settings)[name]

    def words_time(self, questions: Sequence[Question], lang: Lang) -> float:
        """The seconds a fast reader (:attr:`reading_pace`) takes to read *questions* in
        *lang*: what a whole form's duration is set against."""
        return 60.0 * sum(question.words(lang) for question in questions) / self.reading_pace


class Source(NamedTuple):
    """Where the facts come from, shown under comparisons and reports."""

    title: str
    publisher: str
    date: str
    author: str
    references: tuple[str, ...]
    kind: Text | None = None
    """What the source is (a book, say), for 'In the book's words'; optional."""


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the quiz knows, validated; looked up by id through ``_index``."""

    path: Path
    sha256: str
    title: Text
    source: Source | None
    settings: Settings
    dimensions: tuple[Dimension, ...]
    roles: tuple[Role, ...]
    programs: tuple[Program, ...]
    questions: tuple[Question, ...]
    intro: Text | None = None
    """What the quiz is about, in a sentence for its opening frame; optional."""
    lettering: int = 1
    """How many times its option ids were given (YAML ``lettering``): sheets written from
    lettering 2 on say which they were written under; older ones are read through ``was:``."""
    audience: str = AUDIENCES[0]
    """Who takes the quiz (YAML ``audience``, one of :data:`AUDIENCES`): the words the
    interface uses for its reader, their group and the person to talk to."""
    printed_ids: bool = False
    """True only for :func:`rolequiz.core.kb.lettering.before`'s view: the paper of that time
    printed each option's id as its letter (``C``, ``A``, ``B``, ``D``), not its place."""
    _index: dict[str, dict[str, object]] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )
    """Built from the fields; not an argument, so ``dataclasses.replace`` builds a fresh one."""

    def __post_init__(self) -> None:
        self._index.update(
            dimension={d.id: d for d in self.dimensions},
            role={r.id: r for r in self.roles},
            program={p.id: p for p in self.programs},
            question={q.id: q for q in self.questions},
        )

    def dimension(self, dimension_id: str) -> Dimension:
        return self._index["dimension"][dimension_id]  # type: ignore[return-value]

    def role(self, role_id: str) -> Role:
        return self._index["role"][role_id]  # type: ignore[return-value]

    def program(self, program_id: str) -> Program:
        return self._index["program"][program_id]  # type: ignore[return-value]

    def question(self, question_id: str) -> Question:
        return self._index["question"][question_id]  # type: ignore[return-value]

    def has_role(self, role_id: str) -> bool:
        return role_id in self._index["role"]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._index["question"]

    @property
    def languages(self) -> tuple[Lang, ...]:
        """The languages of its texts: every text has the same ones (the schema checks it)."""
        return self.title.languages
