"""Loading and validating a knowledge base: every problem is found, located and explained.

Most tests edit the text of ``fixtures/tiny.yaml`` in one place and expect one
problem at that place.  Expected lines and columns are found in the edited
text itself, never typed in.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
import yaml

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.inputs import MAX_BYTES
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.errors import KnowledgeBaseError, Problem

FILE = Path("kb.yaml")


# -- helpers ---------------------------------------------------------------


def problems_of(text: str) -> list[Problem]:
    """The problems `parse` reports for *text*; fails the test if it loads."""
    with pytest.raises(KnowledgeBaseError) as caught:
        knowledge.parse(text, path=FILE)
    return list(caught.value.problems)


def edit(text: str, old: str, new: str) -> str:
    """*text* with its one occurrence of *old* replaced by *new*."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def place(text: str, snippet: str, *, after: str = "") -> tuple[int, int]:
    """The 1-based line and column of *snippet*, first after the one occurrence of *after*."""
    assert text.count(after) == 1 or not after, f"{after!r} must occur exactly once"
    start = text.index(after) + len(after) if after else 0
    assert after or text.count(snippet) == 1, f"{snippet!r} must occur exactly once"
    index = text.index(snippet, start)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def the_problem(problems: list[Problem], *words: str) -> Problem:
    """The one problem whose message contains all *words*."""
    found = [p for p in problems if all(w in p.says("en") for w in words)]
    assert len(found) == 1, f"expected one problem with {words}, got {problems}"
    return found[0]


def at(problem: Problem) -> tuple[int | None, int | None]:
    return problem.line, problem.column


# -- reading the file ----------------------------------------------------------


def test_yaml_syntax_error_is_located(tiny_text: str) -> None:
    """A YAML syntax error names the line and column where the parser stopped."""
    text = edit(tiny_text, "  title: Test fixture", "  title: Test: fixture: x")
    [problem] = problems_of(text)
    assert "YAML syntax error" in problem.says("en")
    assert at(problem) == place(text, ": fixture: x")


def test_unclosed_list_names_the_line_where_it_began() -> None:
    """An unclosed ``[`` on line 3, found on line 4: the problem names both lines."""
    text = "version: 1\ntitle: {id: Kuis, en: Quiz}\nroles: [alpha, beta\nquestions: []\n"
    [problem] = problems_of(text)
    assert problem.line == 4
    assert problem.says("en") == ("YAML syntax error: expected ',' or ']' here, in the list in "
                                  "[ ] that begins at line 3, column 8")


def test_unclosed_list_names_the_line_where_it_began_in_indonesian() -> None:
    """The same unclosed ``[``, told in Indonesian, names line 3 too."""
    text = "version: 1\ntitle: {id: Kuis, en: Quiz}\nroles: [alpha, beta\nquestions: []\n"
    [problem] = problems_of(text)
    assert problem.says("id") == ("kesalahan penulisan YAML: seharusnya ada ',' atau ']' di sini, "
                                  "di dalam daftar [ ] yang dimulai di baris 3, kolom 8")


def test_unclosed_quote_names_the_line_where_it_began() -> None:
    """A quote opened on line 2 and never closed: the problem names line 2."""
    text = "version: 1\ntitle: 'Quiz\nroles: []\n"
    [problem] = problems_of(text)
    assert "in the text in quotes that begins at line 2, column 8" in problem.says("en")


@pytest.mark.parametrize("text", ["", "# only a comment\n"], ids=["empty", "comment-only"])
def test_empty_file_is_refused(text: str) -> None:
    """A file with no document in it is refused as empty, without a place."""
    [problem] = problems_of(text)
    assert "empty" in problem.says("en")
    assert at(problem) == (None, None)


def test_list_where_a_mapping_belongs(tiny_text: str) -> None:
    """A list given where a mapping is expected is reported at the list."""
    text = edit(tiny_text, "title: {id: Kuis mini, en: Tiny quiz}", "title: [Kuis mini, Tiny quiz]")
    [problem] = problems_of(text)
    assert "title" in problem.says("en")
    assert "expected a mapping, found a list" in problem.says("en")
    assert at(problem) == place(text, "[Kuis mini")


def test_duplicate_key_names_the_first_line(tiny_text: str) -> None:
    """A repeated key is reported at the repeat and names the line of the first."""
    text = edit(tiny_text, "version: 1\n", "version: 1\nversion: 1\n")
    [problem] = problems_of(text)
    first_line, _ = place(text, "version: 1\nversion")
    assert "duplicate key 'version'" in problem.says("en")
    assert f"first on line {first_line}" in problem.says("en")
    assert at(problem) == (first_line + 1, 1)


def test_duplicate_key_in_a_question_is_reported_once(tiny_text: str) -> None:
    """A repeated key inside a question is one problem, not one per reading of it."""
    text = edit(tiny_text, "    dimension: blue\n", "    dimension: blue\n    dimension: red\n")
    [problem] = problems_of(text)
    assert "duplicate key 'dimension'" in problem.says("en")
    assert at(problem) == place(text, "dimension: red", after="dimension: blue")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    """A path that does not exist is one problem saying so."""
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(KnowledgeBaseError) as caught:
        knowledge.load(path)
    [problem] = caught.value.problems
    assert problem.file == str(path)
    assert "no such file" in problem.says("en")


def test_directory_is_refused(tmp_path: Path) -> None:
    """A directory given as the knowledge base is refused with a reason."""
    with pytest.raises(KnowledgeBaseError) as caught:
        knowledge.load(tmp_path)
    [problem] = caught.value.problems
    assert "is a directory" in problem.says("en")


def test_non_utf8_bytes_are_located_in_characters(tiny_text: str, tmp_path: Path) -> None:
    """A byte that is not UTF-8 is located by line and by character column, not byte column."""
    marked = edit(tiny_text, "en: Tiny quiz}", "en: Tiny café <BAD> quiz}")
    path = tmp_path / "latin1.yaml"
    path.write_bytes(marked.encode("utf-8").replace(b"<BAD>", b"\xff"))
    with pytest.raises(KnowledgeBaseError) as caught:
        knowledge.load(path)
    [problem] = caught.value.problems
    assert "not UTF-8" in problem.says("en")
    assert at(problem) == place(marked, "<BAD>")


def test_oversized_file_is_refused(tiny_text: str, tmp_path: Path) -> None:
    """A file larger than MAX_BYTES is refused before it is parsed, even if valid."""
    path = tmp_path / "huge.yaml"
    padding = "#" * (MAX_BYTES + 1 - len(tiny_text.encode()))
    path.write_text(tiny_text + padding, encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES + 1
    with pytest.raises(KnowledgeBaseError) as caught:
        knowledge.load(path)
    [problem] = caught.value.problems
    assert "larger than" in problem.says("en")


def test_alias_bomb_is_refused_without_expanding(tiny_text: str) -> None:
    """Nine levels of aliases nine wide are refused with a handful of problems, not expanded."""
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    head, _, _ = tiny_text.partition("questions:\n")
    text = head + "\n".join(bomb) + "\nquestions: *i\n"
    problems = problems_of(text)
    assert len(problems) < 100
    assert any(p.says("en").startswith("questions[") for p in problems)


# -- the schema ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "duplicate"),
    [
        (
            "- id: beta\n",
            "- id: alpha\n",
            "roles[2]: duplicate id 'alpha' (also roles[1])",
        ),
        (
            "- id: q2\n",
            "- id: q1\n",
            "questions[2]: duplicate id 'q1' (also questions[1])",
        ),
        (
            "- id: b\n        text: {id: Pilihan satu B",
            "- id: a\n        text: {id: Pilihan satu B",
            "options[2]: duplicate id 'a' (also question 'q1'.options[1])",
        ),
    ],
    ids=["role", "question", "option"],
)
def test_duplicate_id_is_reported_at_the_second_item(
    tiny_text: str, old: str, new: str, duplicate: str
) -> None:
    """A repeated id of a role, question or option is reported at the item that repeats it."""
    text = edit(tiny_text, old, new)
    problem = the_problem(problems_of(text), duplicate)
    line, column = place(tiny_text, old)  # the edit keeps the place
    assert at(problem) == (line, column + len("- "))


def test_unknown_dimension_in_a_weight(tiny_text: str) -> None:
    """An option weighing a dimension that is not declared is reported at that key."""
    text = edit(tiny_text, "{red: 0.3, green: 0.6}", "{red: 0.3, purple: 0.6}")
    [problem] = problems_of(text)
    assert "weights: unknown dimension 'purple'" in problem.says("en")
    assert at(problem) == place(text, "purple")


def test_unknown_dimension_in_a_profile(tiny_text: str) -> None:
    """A role profile naming an undeclared dimension is reported at that key."""
    text = edit(tiny_text, "{red: 5, green: 1, blue: 1}", "{red: 5, green: 1, blue: 1, purple: 2}")
    [problem] = problems_of(text)
    assert "role 'alpha'.profile: unknown dimension 'purple'" in problem.says("en")
    assert at(problem) == place(text, "purple")


def test_profile_missing_a_dimension(tiny_text: str) -> None:
    """A role profile without a level for every dimension names the missing one."""
    text = edit(tiny_text, "{red: 5, green: 1, blue: 1}", "{red: 5, green: 1}")
    [problem] = problems_of(text)
    assert "role 'alpha'.profile: no level for dimension blue" in problem.says("en")
    assert at(problem) == place(text, "{red: 5, green: 1}")


def test_program_pointing_at_an_unknown_role(tiny_text: str) -> None:
    """A program that prepares for a role that does not exist is reported at the reference."""
    text = edit(tiny_text, "roles: [alpha]", "roles: [omega]")
    [problem] = problems_of(text)
    assert "program 'prog-one'.roles: unknown role 'omega'" in problem.says("en")
    assert at(problem) == place(text, "omega")


def test_missing_translation(tiny_text: str) -> None:
    """A text without its English translation is reported at the text."""
    text = edit(tiny_text, "name: {id: Alfa, en: Alpha}", "name: {id: Alfa}")
    [problem] = problems_of(text)
    assert "role 'alpha'.name: missing translation 'en'" in problem.says("en")
    assert at(problem) == place(text, "{id: Alfa}")


def test_unknown_language_key(tiny_text: str) -> None:
    """A translation in a language rolequiz does not speak is reported at its key."""
    text = edit(tiny_text, "name: {id: Alfa, en: Alpha}", "name: {id: Alfa, en: Alpha, fr: Alpha}")
    [problem] = problems_of(text)
    assert "role 'alpha'.name: unknown language 'fr'" in problem.says("en")
    assert at(problem) == place(text, "fr:")


def test_every_text_has_the_languages_of_the_title(tiny_text: str) -> None:
    """A title in three languages makes a text in two a missing translation."""
    text = edit(tiny_text, "title: {id: Kuis mini, en: Tiny quiz}",
                "title: {id: Kuis mini, en: Tiny quiz, ms: Kuiz mini}")
    problems = problems_of(text)
    assert all("missing translation 'ms'" in p.says("en") for p in problems)
    assert at(the_problem(problems, "role 'alpha'.name")) == place(text, "{id: Alfa, en: Alpha}")


def test_a_text_without_language_codes_is_refused(tiny_text: str) -> None:
    """A title whose keys are no language codes: one problem, at the title."""
    text = edit(tiny_text, "title: {id: Kuis mini, en: Tiny quiz}", "title: {Title: Tiny quiz}")
    problem = the_problem(problems_of(text), "title: expected the text in each language")
    assert at(problem) == place(text, "{Title: Tiny quiz}")


def test_weight_that_is_not_a_number(tiny_text: str) -> None:
    """A weight written as words is reported at the value, saying what was expected."""
    text = edit(tiny_text, "weights: {blue: 1}", "weights: {blue: lots}")
    [problem] = problems_of(text)
    expected = "weights.blue: expected a number from 0 to 1, found the text 'lots'"
    assert expected in problem.says("en")
    assert at(problem) == place(text, "lots")


def test_weight_out_of_range(tiny_text: str) -> None:
    """A weight above 1 is reported at the value with the allowed range."""
    text = edit(tiny_text, "weights: {blue: 1}", "weights: {blue: 1.5}")
    [problem] = problems_of(text)
    assert "expected a number from 0 to 1, found the number 1.5" in problem.says("en")
    assert at(problem) == place(text, "1.5")


def test_question_with_one_option(tiny_text: str) -> None:
    """A choice question needs at least two options to choose from."""
    only_a = (
        "        weights: {red: 1}\n"
        "      - id: b\n"
        "        text: {id: Pilihan satu B, en: Option one B}\n"
        "        weights: {green: 1}\n"
        "      - id: c\n"
        "        text: {id: Pilihan satu C, en: Option one C}\n"
        "        weights: {red: 0.3, green: 0.6}\n"
    )
    text = edit(tiny_text, only_a, "        weights: {red: 1}\n")
    [problem] = problems_of(text)
    assert "question 'q1'.options: expected at least 2 items, found 1" in problem.says("en")
    assert at(problem) == place(text, "- id: a\n        text: {id: Pilihan satu A")


def test_scale_question_on_an_unknown_dimension(tiny_text: str) -> None:
    """A scale question measuring an undeclared dimension is reported at the dimension."""
    text = edit(tiny_text, "dimension: blue", "dimension: purple")
    [problem] = problems_of(text)
    assert "question 'q5'.dimension: unknown dimension 'purple'" in problem.says("en")
    assert at(problem) == place(text, "purple")


def test_reserved_question_id(tiny_text: str) -> None:
    """A question id that an answer sheet uses for itself ('name') is refused."""
    text = edit(tiny_text, "- id: q1", "- id: name")
    [problem] = problems_of(text)
    assert "'name' is reserved" in problem.says("en")
    assert at(problem) == place(text, "name\n")


def test_an_id_ending_in_a_newline_is_refused(tiny_text: str) -> None:
    """``id: "q1\\n"`` is not an id: it could never be typed in an answer sheet."""
    text = edit(tiny_text, "- id: q1", '- id: "q1\\n"')
    [problem] = problems_of(text)
    assert "an id of lowercase letters" in problem.says("en")


def test_no_roles(tiny_text: str) -> None:
    """An empty list of roles is refused: a quiz must point somewhere."""
    head, _, rest = tiny_text.partition("roles:\n")
    _, _, tail = rest.partition("programs:\n")
    text = head + "roles: []\nprograms:\n" + tail
    problem = the_problem(problems_of(text), "roles: expected at least 1 item, found 0")
    assert at(problem) == place(text, "[]")


@pytest.mark.parametrize("version", ["2", "true", "'1'", "1.0"])
def test_version_other_than_1_is_refused(tiny_text: str, version: str) -> None:
    """Only schema version 1 (the whole number) is understood."""
    text = edit(tiny_text, "version: 1", f"version: {version}")
    [problem] = problems_of(text)
    assert "version: expected 1" in problem.says("en")
    assert at(problem) == place(text, version, after="version: ")


def test_all_problems_are_reported_at_once_sorted_by_line(tiny_text: str) -> None:
    """Three independent mistakes give three problems, in the order of the file."""
    text = edit(tiny_text, "version: 1\n", "")  # found first, but moved to the end
    text = edit(text, "{red: 5, green: 1, blue: 1}", "{red: 5, green: 1, blue: 9}")
    text = edit(text, "weights: {blue: 1}", "weights: {blue: lots}")
    text += "version: 2\n"
    problems = problems_of(text)
    assert [at(p) for p in problems] == [
        place(text, "9}"),
        place(text, "lots"),
        place(text, "2", after="version: "),
    ]


# -- a valid file ------------------------------------------------------------------


def test_tiny_file_loads_in_file_order(tiny_kb: KnowledgeBase, tiny_text: str) -> None:
    """A valid file loads with its dimensions, roles, programs and questions in file order."""
    raw = yaml.safe_load(tiny_text)
    assert [d.id for d in tiny_kb.dimensions] == [d["id"] for d in raw["dimensions"]]
    assert [r.id for r in tiny_kb.roles] == [r["id"] for r in raw["roles"]]
    assert [p.id for p in tiny_kb.programs] == [p["id"] for p in raw["programs"]]
    assert [q.id for q in tiny_kb.questions] == [q["id"] for q in raw["questions"]]


def test_loaded_file_records_its_path_and_hash(tiny_kb: KnowledgeBase, tiny_path: Path) -> None:
    """The knowledge base remembers which file, exactly, it came from."""
    assert tiny_kb.path == tiny_path
    assert tiny_kb.sha256 == hashlib.sha256(tiny_path.read_bytes()).hexdigest()


def test_choice_question_keeps_its_options_and_weights(
    tiny_kb: KnowledgeBase, tiny_text: str
) -> None:
    """A choice question's options carry the ids and weights written in the file."""
    raw = {q["id"]: q for q in yaml.safe_load(tiny_text)["questions"]}
    for question in tiny_kb.questions:
        if question.kind == "choice":
            written = raw[question.id]["options"]
            assert [o.id for o in question.options] == [o["id"] for o in written]
            assert [dict(o.weights) for o in question.options] == [o["weights"] for o in written]


def test_scale_question_gets_one_option_per_step(tiny_kb: KnowledgeBase) -> None:
    """A scale question has options '1'..'n', option k weighing (k-1)/(n-1) of its dimension."""
    steps = len(tiny_kb.settings.scale)
    scale = [q for q in tiny_kb.questions if q.kind == "scale" and not q.reverse]
    assert scale, "the fixture needs a scale question"
    for question in scale:
        assert [o.id for o in question.options] == [str(k) for k in range(1, steps + 1)]
        assert [o.text for o in question.options] == list(tiny_kb.settings.scale)
        assert [dict(o.weights) for o in question.options] == [
            {question.dimension: (k - 1) / (steps - 1)} for k in range(1, steps + 1)
        ]


def test_reverse_scale_question_weighs_agreement_as_less(tiny_kb: KnowledgeBase) -> None:
    """With reverse: true, option k weighs (n-k)/(n-1): agreeing shows less of the dimension."""
    steps = len(tiny_kb.settings.scale)
    reverse = [q for q in tiny_kb.questions if q.reverse]
    assert reverse, "the fixture needs a reverse-keyed question"
    for question in reverse:
        assert question.kind == "scale"
        assert [dict(o.weights) for o in question.options] == [
            {question.dimension: (steps - k) / (steps - 1)} for k in range(1, steps + 1)
        ]


def test_role_level_becomes_a_share(tiny_kb: KnowledgeBase, tiny_text: str) -> None:
    """A profile level L from 1 to 5 in the file becomes the target (L-1)/4."""
    raw = {r["id"]: r["profile"] for r in yaml.safe_load(tiny_text)["roles"]}
    for role in tiny_kb.roles:
        assert dict(role.levels) == raw[role.id]
        assert dict(role.profile) == {d: (level - 1) / 4 for d, level in raw[role.id].items()}


def test_optional_fields_may_be_left_out(tiny_kb: KnowledgeBase, tiny_text: str) -> None:
    """A role without tools and a program without a faculty load with none of them."""
    raw = yaml.safe_load(tiny_text)
    no_tools = [r["id"] for r in raw["roles"] if "tools" not in r]
    no_faculty = [p["id"] for p in raw["programs"] if "faculty" not in p]
    assert no_tools and no_faculty, "the fixture needs both cases"
    assert all(tiny_kb.role(r).tools == () for r in no_tools)
    assert all(tiny_kb.program(p).faculty is None for p in no_faculty)


# -- the shipped knowledge base -------------------------------------------------


def test_shipped_path_is_the_checkout_file() -> None:
    """Run from a checkout, the shipped knowledge base is data/roles.yaml itself."""
    checkout_file = Path(__file__).resolve().parents[2] / "data" / "roles.yaml"
    assert knowledge.shipped_path() == checkout_file


def test_shipped_knowledge_base_validates() -> None:
    """The knowledge base rolequiz ships loads without a problem, from the file on disk."""
    kb = knowledge.load()
    assert kb.path == knowledge.shipped_path()
    assert kb.sha256 == hashlib.sha256(kb.path.read_bytes()).hexdigest()


def test_shipped_knowledge_base_reads_the_same_without_libyaml() -> None:
    """PyYAML's pure parser (used where libyaml is missing) reads the shipped file identically."""
    text = knowledge.shipped_path().read_text(encoding="utf-8")
    with_libyaml = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert yaml.load(text, Loader=yaml.SafeLoader) == with_libyaml


# -- the model ---------------------------------------------------------------------


def test_replace_builds_a_fresh_index(tiny_kb: KnowledgeBase) -> None:
    """A copy made with dataclasses.replace indexes its own questions, leaving the original's."""
    kept = tiny_kb.questions[:1]
    copy = dataclasses.replace(tiny_kb, questions=kept)
    dropped = tiny_kb.questions[-1].id
    assert not copy.has_question(dropped)
    assert tiny_kb.has_question(dropped)
    assert tiny_kb.question(dropped) is tiny_kb.questions[-1]


# -- optional texts: intro and source.kind -------------------------------------


def test_intro_and_source_kind_are_read_in_both_languages(tiny_text: str) -> None:
    """``intro`` and ``source.kind`` are optional texts, loaded as written."""
    text = edit(tiny_text, "source:\n", "intro: {id: Tentang warna, en: About colours}\n"
                "source:\n  kind: {id: buku, en: book}\n")
    kb = knowledge.parse(text, path=FILE)
    assert kb.intro is not None
    assert (kb.intro("id"), kb.intro("en")) == ("Tentang warna", "About colours")
    assert kb.source is not None and kb.source.kind is not None
    assert (kb.source.kind("id"), kb.source.kind("en")) == ("buku", "book")


def test_without_intro_and_kind_both_are_none(tiny_kb: KnowledgeBase) -> None:
    """A knowledge base that leaves them out has neither."""
    assert tiny_kb.intro is None
    assert tiny_kb.source is not None
    assert tiny_kb.source.kind is None


def test_source_kind_missing_a_translation_is_reported_at_it(tiny_text: str) -> None:
    """``source.kind`` without its Indonesian text is one problem, at the text."""
    text = edit(tiny_text, "source:\n", "source:\n  kind: {en: book}\n")
    [problem] = problems_of(text)
    assert "source.kind: missing translation 'id'" in problem.says("en")
    assert at(problem) == place(text, "{en: book}")
