"""The knowledge base's schema: a YAML node tree in, model objects out.

Every problem is recorded with its line and column and the walk carries on,
so that ``rolequiz validate`` lists all the problems of a file at once.  The
schema itself is documented in docs/knowledge-base.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from rolequiz.core.kb.model import (
    AUDIENCES,
    OPPOSITE,
    RETIRED_SETTINGS,
    Dimension,
    KnowledgeBase,
    Option,
    Program,
    Question,
    Role,
    Settings,
    Source,
    Text,
)
from rolequiz.core.kb.yamlnodes import ID_PATTERN, Checker, Node, Where, compose, within
from rolequiz.errors import KnowledgeBaseError, Problem, msg

RESERVED_QUESTION_IDS = frozenset({"name", "answers", "knowledge_base", "lettering", "student"})
"""Keys an answer sheet or a cohort file uses for itself."""

LEVELS = (1, 5)

MAX_ROLES = 12
MAX_QUESTIONS = 100
MAX_OPTIONS = 12
"""Options of a question, and points of the scale (the quiz reaches options past the ninth
with the arrow keys)."""
MAX_DIMENSIONS = 20
"""The sizes ``validate`` checks in seconds: it searches, for every role, the answer sheet
that favours it most against all the others (:mod:`rolequiz.core.roles.bestsheet`), which
grows with the roles squared and the questions cubed: 12 roles and 100 questions of 12
options take about 12 s; 100 roles took 30 s.  docs/exit-codes.md states them."""

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""A language code as ISO 639 writes it; a text's keys are language codes."""


def build(text: str, *, path: Path, sha256: str) -> KnowledgeBase:
    """Validate YAML *text* as a knowledge base; *path* names it in messages."""
    file = str(path)
    root = compose(text, file=file, error=KnowledgeBaseError)
    if root is None:
        raise KnowledgeBaseError([Problem(file, None, None, msg("kb.empty"))])
    builder = _Builder(Checker(file))
    kb = builder.build(root, path=path, sha256=sha256)
    if builder.check.problems or kb is None:
        raise KnowledgeBaseError(_sorted(builder.check.problems))
    return kb


def retired(text: str, *, path: Path) -> list[Problem]:
    """Where *text*, a valid knowledge base, sets one of the retired settings
    (:data:`rolequiz.core.kb.model.RETIRED_SETTINGS`)."""
    root = compose(text, file=str(path), error=KnowledgeBaseError)
    found: list[Problem] = []
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        if key.value != "settings" or not isinstance(value, yaml.MappingNode):
            continue
        for name, _ in value.value:
            if name.value in RETIRED_SETTINGS:
                mark = name.start_mark
                found.append(Problem(str(path), mark.line + 1, mark.column + 1,
                                     msg("kb.retired_setting", key=f"settings.{name.value}")))
    return found


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def declared_ids(node: Node | None) -> set[str]:
    """The ids written in a list of items, whether or not the items are valid.

    References are checked against these, so one broken dimension or role is
    one problem, not one more (and a false one) for every place that names it.
    """
    ids: set[str] = set()
    if not isinstance(node, yaml.SequenceNode):
        return ids
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "id" and \
                        isinstance(value, yaml.ScalarNode) and ID_PATTERN.fullmatch(value.value):
                    ids.add(value.value)
    return ids


class _Builder:
    """Turns the node tree into model objects, recording problems as it goes."""

    def __init__(self, check: Checker) -> None:
        self.check = check
        self.languages: tuple[str, ...] | None = None
        """The languages of every text: those of the first text read (the title)."""
        self.lettering = 1
        """The knowledge base's ``lettering``: an option's ``was:`` needs 2 or more."""
        self.max_blank_node: Node | None = None
        """``settings.max_blank``, when given: checked against the number of questions."""

    def build(self, root: Node, *, path: Path, sha256: str) -> KnowledgeBase | None:
        c = self.check
        top = c.expect_fields(
            root,
            msg("kb.where.top"),
            required=("version", "title", "settings", "dimensions", "roles", "questions"),
            optional=("intro", "source", "programs", "lettering", "audience"),
        )
        if top is None:
            return None
        if "version" in top:
            c.expect_scalar(top["version"], "version", lambda v: type(v) is int and v == 1,
                            "1")
        if "lettering" in top:
            self.lettering = c.expect_scalar(
                top["lettering"], "lettering", lambda v: type(v) is int and v >= 1,
                msg("kb.expected.lettering")) or 1
        audience = c.expect_scalar(top["audience"], "audience", lambda v: v in AUDIENCES,
                                   msg("kb.expected.audience")) if "audience" in top else None
        title = self.text(top.get("title"), "title")
        intro = self.text(top["intro"], "intro") if "intro" in top else None
        source = self.source(top["source"]) if "source" in top else None
        settings = self.settings(top.get("settings"))
        dimensions = self.items(top.get("dimensions"), "dimensions", self.dimension,
                                max_items=MAX_DIMENSIONS)
        dim_ids = declared_ids(top.get("dimensions"))
        roles = self.items(top.get("roles"), "roles", lambda n, w: self.role(n, w, dim_ids),
                           max_items=MAX_ROLES)
        role_ids = declared_ids(top.get("roles"))
        programs = self.items(
            top.get("programs"), "programs", lambda n, w: self.program(n, w, dim_ids, role_ids),
            min_items=0,
        ) if "programs" in top else []
        questions = self.items(
            top.get("questions"),
            "questions",
            lambda n, w: self.question(n, w, dim_ids, settings),
            max_items=MAX_QUESTIONS,
        )
        self.check_coverage(top.get("dimensions"), dimensions, questions)
        self.check_blanks(settings, questions)
        if c.problems or title is None or settings is None:
            return None
        return KnowledgeBase(
            path=path,
            sha256=sha256,
            title=title,
            source=source,
            settings=settings,
            dimensions=tuple(dimensions),
            roles=tuple(roles),
            programs=tuple(programs),
            questions=tuple(questions),
            intro=intro,
            lettering=self.lettering,
            audience=audience or AUDIENCES[0],
        )

    def check_blanks(self, settings: Settings | None, questions: list[Question]) -> None:
        """``max_blank`` must leave most of the questions answered: a result read from
        fewer than half of them would say little, however it is worded."""
        node = self.max_blank_node
        if settings is None or node is None or not questions:
            return
        most = (len(questions) - 1) // 2
        if settings.max_blank > most:
            self.check.fail(node, msg("kb.max_blank", value=settings.max_blank,
                                      questions=len(questions), most=most))

    # -- pieces ------------------------------------------------------------

    def text(self, node: Node | None, what: Where) -> Text | None:
        """A text in every language of the knowledge base, which are those of its first
        text (the title): a translation missing or one more is a problem."""
        if node is None:
            return None
        entries = self.check.expect_mapping(node, what)
        if entries is None:
            return None
        if self.languages is None:
            codes = tuple(key for key in entries if LANGUAGE_CODE.fullmatch(key))
            if not codes:
                self.check.fail(node, msg("kb.no_languages", what=what))
                return None
            self.languages = codes
        languages = self.languages
        expected = ", ".join(languages)
        values: dict[str, str] = {}
        for lang in languages:
            if lang not in entries:
                self.check.fail(node, msg("kb.missing_translation", what=what, lang=repr(lang),
                                          languages=expected))
                continue
            value = self.check.expect_text(entries[lang], within(what, f".{lang}"))
            if value is not None:
                values[lang] = value
        for key in entries:
            if key not in languages:
                self.check.fail(self.check.key_node(node, key), msg(
                    "kb.unknown_language", what=what, lang=repr(key), languages=expected))
        if len(values) != len(languages):
            return None
        return Text(tuple((lang, values[lang]) for lang in languages))

    def texts(self, node: Node | None, what: Where, *, min_items: int = 1,
              max_items: int | None = None) -> tuple[Text, ...]:
        if node is None:
            return ()
        items = self.check.expect_list(node, what, min_items=min_items) or []
        if not self.at_most(node, items, what, max_items):
            return ()
        texts = [self.text(item, within(what, f"[{i + 1}]")) for i, item in enumerate(items)]
        return tuple(t for t in texts if t is not None)

    def items(self, node: Node | None, what: Where, build: Any, *, min_items: int = 1,
              max_items: int | None = None) -> list[Any]:
        """Build each item of a list of things with ids; duplicate ids are problems, and so
        are more than *max_items* (none is built then)."""
        if node is None:
            return []
        nodes = self.check.expect_list(node, what, min_items=min_items) or []
        if not self.at_most(node, nodes, what, max_items):
            return []
        built: list[Any] = []
        seen: dict[str, int] = {}
        for position, item in enumerate(nodes, start=1):
            thing = build(item, within(what, f"[{position}]"))
            if thing is None:
                continue
            if thing.id in seen:
                self.check.fail(item, msg("kb.duplicate_id", what=within(what, f"[{position}]"),
                                          id=repr(thing.id),
                                          other=within(what, f"[{seen[thing.id]}]")))
                continue
            seen[thing.id] = position
            built.append(thing)
        return built

    def at_most(self, node: Node, items: list[Node], what: Where, limit: int | None) -> bool:
        """Whether *items* are at most *limit*; if not, a problem says so."""
        if limit is None or len(items) <= limit:
            return True
        self.check.fail(node, msg("kb.too_many", what=what, count=len(items), limit=limit))
        return False

    def source(self, node: Node) -> Source | None:
        c = self.check
        f = c.expect_fields(node, "source", required=("title", "publisher"),
                            optional=("date", "author", "references", "kind"))
        if f is None:
            return None
        refs = c.expect_list(f["references"], "source.references") if "references" in f else []
        references = [c.expect_text(r, f"source.references[{i + 1}]")
                      for i, r in enumerate(refs or [])]
        fields = {k: c.expect_text(f[k], f"source.{k}") if k in f else "" for k in
                  ("title", "publisher", "date", "author")}
        kind = self.text(f["kind"], "source.kind") if "kind" in f else None
        if None in fields.values() or None in references or ("kind" in f and kind is None):
            return None
        return Source(references=tuple(r for r in references if r), kind=kind,
                      **fields)  # type: ignore[arg-type]

    def settings(self, node: Node | None) -> Settings | None:
        if node is None:
            return None
        c = self.check
        from rolequiz.core.student.flags import SETTINGS as FLAG_SETTINGS

        f = c.expect_fields(node, "settings",
                            required=("scale", *(s.name for s in FLAG_SETTINGS
                                                 if s.default is None)),
                            optional=("programs_to_suggest", *RETIRED_SETTINGS, "clear",
                                      "leaning", "reading_pace", "typical_least",
                                      "typical_clear", "short_clear", "short_scenarios",
                                      "short_statements", "short_pairs", "max_blank",
                                      "short_give_up",
                                      *(s.name for s in FLAG_SETTINGS
                                        if s.default is not None)))
        if f is None:
            return None
        self.max_blank_node = f.get("max_blank")
        count = c.expect_integer(f["programs_to_suggest"], "settings.programs_to_suggest", 0, 20) \
            if "programs_to_suggest" in f else 3
        scale = self.texts(f.get("scale"), "settings.scale", min_items=2, max_items=MAX_OPTIONS)
        defaults = Settings(0, ())
        tuned: dict[str, float | int | None] = {}
        for key, low, high in (("clear", 0.5, 1), ("leaning", 0.34, 1),
                               ("reading_pace", 50, 2000),
                               ("typical_least", 0, 0.5), ("typical_clear", 0, 0.9),
                               ("short_give_up", 0, 0.5)):
            tuned[key] = c.expect_number(f[key], f"settings.{key}", low, high) \
                if key in f else getattr(defaults, key)
        flagged: dict[str, float | int | None] = {}
        for setting in FLAG_SETTINGS:  # each flag's own, as the registry declares them
            where = f"settings.{setting.name}"
            if setting.name not in f:
                flagged[setting.name] = setting.default
            elif setting.whole:
                flagged[setting.name] = c.expect_integer(f[setting.name], where,
                                                         int(setting.low), int(setting.high))
            else:
                flagged[setting.name] = c.expect_number(f[setting.name], where,
                                                        setting.low, setting.high)
        for key, high in (("short_scenarios", 1000), ("short_statements", 1000),
                          ("short_pairs", 100), ("max_blank", 100)):
            tuned[key] = c.expect_integer(f[key], f"settings.{key}", 0, high) \
                if key in f else getattr(defaults, key)
        short_clear = c.expect_number(f["short_clear"], "settings.short_clear", 0.5, 1) \
            if "short_clear" in f else None
        if "short_clear" in f and short_clear is None:
            return None
        if count is None or len(scale) < 2 or None in tuned.values() \
                or None in flagged.values():
            return None
        return Settings(programs_to_suggest=count, scale=scale, short_clear=short_clear,
                        flag_settings=tuple(flagged.items()),  # type: ignore[arg-type]
                        **tuned)  # type: ignore[arg-type]

    def dimension(self, node: Node, what: Where) -> Dimension | None:
        c = self.check
        f = c.expect_fields(node, what, required=("id", "name", "description"))
        if f is None or "id" not in f:
            return None
        dim_id = c.expect_id(f["id"], within(what, ".id"))
        name = self.text(f.get("name"), within(what, ".name"))
        description = self.text(f.get("description"), within(what, ".description"))
        if dim_id is None or name is None or description is None:
            return None
        return Dimension(id=dim_id, name=name, description=description)

    def role(self, node: Node, what: Where, dim_ids: set[str]) -> Role | None:
        c = self.check
        text_keys = ("name", "short", "metaphor", "summary", "horizon")
        list_keys = ("responsibilities", "skills", "focus", "tools")
        f = c.expect_fields(node, what, required=("id", *text_keys, *list_keys[:3], "profile"),
                            optional=("tools",))
        if f is None or "id" not in f:
            return None
        role_id = c.expect_id(f["id"], within(what, ".id"))
        what = msg("kb.where.role", id=repr(role_id)) if role_id else what
        texts = {k: self.text(f.get(k), within(what, f".{k}")) for k in text_keys}
        lists = {k: self.texts(f.get(k), within(what, f".{k}"),
                               min_items=0 if k == "tools" else 1)
                 for k in list_keys}
        levels = self.levels(f.get("profile"), within(what, ".profile"), dim_ids)
        name, short, metaphor, summary, horizon = (texts[k] for k in text_keys)
        if role_id is None or levels is None or name is None or short is None or \
                metaphor is None or summary is None or horizon is None:
            return None
        low, high = LEVELS
        return Role(
            id=role_id,
            name=name,
            short=short,
            metaphor=metaphor,
            summary=summary,
            horizon=horizon,
            responsibilities=lists["responsibilities"],
            skills=lists["skills"],
            focus=lists["focus"],
            tools=lists["tools"],
            profile={d: (level - low) / (high - low) for d, level in levels.items()},
            levels=levels,
        )

    def levels(self, node: Node | None, what: Where, dim_ids: set[str]) -> dict[str, int] | None:
        if node is None:
            return None
        entries = self.check.expect_mapping(node, what)
        if entries is None:
            return None
        levels: dict[str, int] = {}
        for key, value in entries.items():
            if key not in dim_ids:
                self.check.fail(self.check.key_node(node, key), msg(
                    "kb.unknown_reference", what=what, kind=msg("kb.kind.dimension"),
                    id=repr(key), known=", ".join(sorted(dim_ids)) or "–"))
                continue
            level = self.check.expect_integer(value, within(what, f".{key}"), *LEVELS)
            if level is not None:
                levels[key] = level
        missing = [d for d in sorted(dim_ids) if d not in entries]
        if missing:
            key = "kb.no_level" if len(missing) == 1 else "kb.no_level.many"
            self.check.fail(node, msg(key, what=what, dimensions=", ".join(missing)))
            return None
        return levels if len(levels) == len(dim_ids) else None

    def program(self, node: Node, what: Where, dim_ids: set[str],
                role_ids: set[str]) -> Program | None:
        c = self.check
        f = c.expect_fields(node, what, required=("id", "name", "institution", "builds",
                                                  "dimensions", "roles"),
                            optional=("faculty",))
        if f is None or "id" not in f:
            return None
        program_id = c.expect_id(f["id"], within(what, ".id"))
        what = msg("kb.where.program", id=repr(program_id)) if program_id else what
        name = self.text(f.get("name"), within(what, ".name"))
        builds = self.text(f.get("builds"), within(what, ".builds"))
        faculty = self.text(f["faculty"], within(what, ".faculty")) if "faculty" in f else None
        institution = c.expect_text(f["institution"], within(what, ".institution")) \
            if "institution" in f else None
        dims = self.references(f.get("dimensions"), within(what, ".dimensions"), dim_ids,
                               "dimension")
        roles = self.references(f.get("roles"), within(what, ".roles"), role_ids, "role")
        if None in (program_id, name, builds, institution, dims, roles) or \
                ("faculty" in f and faculty is None):
            return None
        return Program(id=program_id, name=name, faculty=faculty,  # type: ignore[arg-type]
                       institution=institution, builds=builds,  # type: ignore[arg-type]
                       dimensions=dims, roles=roles)  # type: ignore[arg-type]

    def references(self, node: Node | None, what: Where, known: set[str],
                   kind: str) -> tuple[str, ...] | None:
        if node is None:
            return None
        items = self.check.expect_list(node, what, min_items=1)
        if items is None:
            return None
        ids: list[str] = []
        ok = True
        for item in items:
            ref = self.check.expect_id(item, what)
            if ref is None or not known:  # none declared: reported where they belong
                ok = False
            elif ref not in known:
                self.check.fail(item, msg("kb.unknown_reference", what=what,
                                          kind=msg(f"kb.kind.{kind}"), id=repr(ref),
                                          known=", ".join(sorted(known))))
                ok = False
            else:
                ids.append(ref)
        return tuple(ids) if ok else None

    def question(self, node: Node, what: Where, dim_ids: set[str],
                 settings: Settings | None) -> Question | None:
        c = self.check
        entries = c.expect_mapping(node, what)
        if entries is None:
            return None
        kind = c.expect_scalar(entries["type"], within(what, ".type"),
                               lambda v: v in ("choice", "scale"), msg("kb.expected.type")) \
            if "type" in entries else None
        if "type" not in entries:
            c.fail(node, msg("kb.missing_type", what=what))
        if kind is None:
            return None
        # the mapping is read once above: reading it again would report its problems twice
        f = entries
        if kind == "scale":
            c.check_keys(node, f, what, required=("id", "type", "text", "dimension"),
                         optional=("reverse", "was"))
        else:
            c.check_keys(node, f, what, required=("id", "type", "text", "options"),
                         optional=("was",))  # refused below, with why
        if "id" not in f:
            return None
        question_id = c.expect_id(f["id"], within(what, ".id"))
        if question_id in RESERVED_QUESTION_IDS:
            c.fail(f["id"], msg("kb.reserved_id", what=within(what, ".id"),
                                id=repr(question_id)))
            return None
        what = msg("kb.where.question", id=repr(question_id)) if question_id else what
        if kind == "choice" and "was" in f:  # its options each say their own old id
            c.fail(f["was"], msg("kb.was_opposite_statement", what=within(what, ".was")))
        text = self.text(f.get("text"), within(what, ".text"))
        if kind == "scale":
            return self.scale_question(f, what, question_id, text, dim_ids, settings)
        options = self.items(f.get("options"), within(what, ".options"),
                             lambda n, w: self.option(n, w, dim_ids), min_items=2,
                             max_items=MAX_OPTIONS)
        if "options" in f and isinstance(f["options"].value, list) and \
                len(f["options"].value) < 2:
            return None
        if question_id is None or text is None or len(options) < 2:
            return None
        if not any(weight > 0 for option in options for weight in option.weights.values()):
            c.fail(f["options"], msg("kb.no_weight", what=what))
            return None
        was = [option.was for option in options if option.was is not None]
        if len(set(was)) < len(was):
            twice = next(old for old in was if was.count(old) > 1)
            c.fail(f["options"], msg("kb.duplicate_was", what=what, id=repr(twice)))
            return None
        return Question(id=question_id, kind="choice", text=text, options=tuple(options))

    def scale_question(self, f: dict[str, Node], what: Where, question_id: str | None,
                       text: Text | None, dim_ids: set[str],
                       settings: Settings | None) -> Question | None:
        c = self.check
        dimension = c.expect_id(f["dimension"], within(what, ".dimension")) \
            if "dimension" in f else None
        if dimension is not None and dimension not in dim_ids:
            c.fail(f["dimension"], msg("kb.unknown_reference", what=within(what, ".dimension"),
                                       kind=msg("kb.kind.dimension"), id=repr(dimension),
                                       known=", ".join(sorted(dim_ids)) or "–"))
            return None
        reverse = c.expect_bool(f["reverse"], within(what, ".reverse")) if "reverse" in f else False
        was = c.expect_scalar(f["was"], within(what, ".was"), lambda v: v == OPPOSITE,
                              msg("kb.expected.was_opposite")) if "was" in f else None
        if was is not None and self.lettering < 2:
            c.fail(f["was"], msg("kb.opposite_needs_lettering", what=within(what, ".was")))
        if None in (question_id, text, dimension, reverse, settings):
            return None
        assert settings is not None and dimension is not None and text is not None
        steps = len(settings.scale) - 1
        options = tuple(
            Option(
                id=str(k + 1),
                text=label,
                weights={dimension: (steps - k if reverse else k) / steps},
            )
            for k, label in enumerate(settings.scale)
        )
        return Question(id=question_id, kind="scale", text=text,  # type: ignore[arg-type]
                        options=options, dimension=dimension, reverse=bool(reverse), was=was)

    def option(self, node: Node, what: Where, dim_ids: set[str]) -> Option | None:
        c = self.check
        f = c.expect_fields(node, what, required=("id", "text", "weights"), optional=("was",))
        if f is None or "id" not in f:
            return None
        option_id = c.expect_id(f["id"], within(what, ".id"))
        was = c.expect_id(f["was"], within(what, ".was")) if "was" in f else None
        if was is not None and self.lettering < 2:
            c.fail(f["was"], msg("kb.was_needs_lettering", what=within(what, ".was")))
        text = self.text(f.get("text"), within(what, ".text"))
        weights: dict[str, float] | None = None
        if "weights" in f:
            entries = c.expect_mapping(f["weights"], within(what, ".weights"))
            if entries is not None:
                weights = {}
                for key, value in entries.items():
                    if key not in dim_ids:
                        c.fail(c.key_node(f["weights"], key), msg(
                            "kb.unknown_reference", what=within(what, ".weights"),
                            kind=msg("kb.kind.dimension"), id=repr(key),
                            known=", ".join(sorted(dim_ids)) or "–"))
                        continue
                    weight = c.expect_number(value, within(what, f".weights.{key}"), 0, 1)
                    if weight is not None:
                        weights[key] = weight
                if len(weights) != len(entries):  # a bad weight: the option is not usable
                    weights = None
        if option_id is None or text is None or weights is None:
            return None
        return Option(id=option_id, text=text, weights=weights, was=was)

    def check_coverage(self, node: Node | None, dimensions: list[Dimension],
                       questions: list[Question]) -> None:
        """Every dimension must be measured by at least one question."""
        if self.check.problems or node is None:
            return
        for dimension in dimensions:
            if not any(q.max_weight(dimension.id) > 0 for q in questions):
                self.check.fail(node, msg("kb.unmeasured", id=repr(dimension.id)))
