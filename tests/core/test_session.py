"""An unfinished quiz is kept on disk: read back, adapted to a changed quiz, never lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from rolequiz.core.kb import folders, knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import session, sheets
from rolequiz.core.student.sheets import Sheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


def first_answers(kb: KnowledgeBase, count: int) -> dict[str, int]:
    return {q.id: i % len(q.options) for i, q in enumerate(kb.questions[:count])}


def test_no_session_file_means_nothing_to_resume(kb: KnowledgeBase, tmp_path: Path) -> None:
    """A missing file is an empty session, not an error."""
    resumed = session.load(tmp_path / "session.yaml", kb)
    assert not resumed.found
    assert resumed.set_aside is None


def test_saved_answers_and_name_come_back(kb: KnowledgeBase, tmp_path: Path) -> None:
    """What was saved after the fifth answer is what a resume finds."""
    path = tmp_path / "deep" / "folder" / "session.yaml"
    session.save(path, kb, Sheet(first_answers(kb, 5), "Sari"))
    resumed = session.load(path, kb)
    assert (resumed.answers, resumed.name) == (first_answers(kb, 5), "Sari")
    assert (resumed.dropped, resumed.changed) == ((), False)


def test_default_session_lives_in_the_folder_tests_redirect(tmp_path: Path,
                                                            user_folders: Path) -> None:
    """The default path follows ROLEQUIZ_HOME (every test has its own)."""
    assert session.default_path().is_relative_to(user_folders)


def test_default_session_without_override_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without ROLEQUIZ_HOME the session is in the platform's user data folder."""
    monkeypatch.delenv(folders.ENV_HOME)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert session.default_path() == tmp_path / "data" / "rolequiz" / "session.yaml"


def test_changed_quiz_keeps_the_answers_that_still_fit(kb: KnowledgeBase,
                                                       tmp_path: Path) -> None:
    """After the knowledge base changed, valid answers are kept and the rest dropped."""
    path = tmp_path / "session.yaml"
    session.save(path, kb, Sheet(first_answers(kb, 6)))
    gone, shrunk = kb.questions[0], next(q for q in kb.questions[1:6] if q.kind == "choice")
    document = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    document["questions"] = [q for q in document["questions"] if q["id"] != gone.id]
    for question in document["questions"]:
        if question["id"] == shrunk.id:
            question["options"] = question["options"][:1] + question["options"][2:]
    changed_path = tmp_path / "changed.yaml"
    changed_path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    changed = knowledge.load(changed_path)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    resumed = session.load(path, changed)
    assert resumed.changed
    expected_dropped = {gone.id} | ({shrunk.id} if saved[shrunk.id] == shrunk.options[1].id
                                   else set())
    assert set(resumed.dropped) == expected_dropped
    for question_id, option_id in saved.items():
        if question_id not in expected_dropped:
            question = changed.question(question_id)
            assert question.options[resumed.answers[question_id]].id == str(option_id)


@pytest.mark.parametrize("content", [b"{unclosed", b"- a list\n", b"\xff\xfe", b""])
def test_corrupt_session_is_set_aside_not_deleted(kb: KnowledgeBase, tmp_path: Path,
                                                  content: bytes) -> None:
    """A session that cannot be read is renamed beside itself, its bytes intact."""
    path = tmp_path / "session.yaml"
    path.write_bytes(content)
    resumed = session.load(path, kb)
    assert not resumed.found
    assert resumed.set_aside is not None
    assert not path.exists()
    assert resumed.set_aside.read_bytes() == content
    assert resumed.set_aside.parent == tmp_path
    assert str(path) in str(resumed.problem)


def test_discard_forgets_the_session(kb: KnowledgeBase, tmp_path: Path) -> None:
    """After discard there is nothing to resume; discarding twice is harmless."""
    path = tmp_path / "session.yaml"
    session.save(path, kb, Sheet(first_answers(kb, 2)))
    session.discard(path)
    session.discard(path)
    assert not session.load(path, kb).found


SAVER = """
import sys
from pathlib import Path
from rolequiz.core.kb import folders
from rolequiz.core.kb import knowledge
from rolequiz.core.student import session
from rolequiz.core.student.sheets import Sheet
kb = knowledge.load()
path = Path(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    count = n % len(kb.questions) + 1
    answers = {q.id: (n + i) % len(q.options) for i, q in enumerate(kb.questions[:count])}
    session.save(path, kb, Sheet(answers, "Sari " * (n % 7)))
"""


@pytest.mark.slow
def test_a_kill_at_any_moment_leaves_a_session_that_loads(kb: KnowledgeBase,
                                                          tmp_path: Path) -> None:
    """SIGKILL a process that saves in a loop, 40 times: the file always loads whole."""
    path = tmp_path / "session.yaml"
    rng = random.Random(2026)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    loaded_states = set()
    for _ in range(40):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], env=env,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.2))  # a different moment of the save loop each time
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        if not path.exists():  # killed before its first rename: nothing to check yet
            continue
        resumed = session.load(path, kb)
        assert resumed.problem is None and resumed.set_aside is None
        assert resumed.answers
        count = len(resumed.answers)
        assert list(resumed.answers) == [q.id for q in kb.questions[:count]]
        loaded_states.add(count)
    assert len(loaded_states) > 1, "the kills all landed on the same state"
    leftovers = [p for p in tmp_path.iterdir() if p.name != "session.yaml"]
    assert all(p.name.startswith(".session.yaml.") for p in leftovers)


def rotated(kb: KnowledgeBase, tmp_path: Path) -> KnowledgeBase:
    """Another quiz with the same question ids: question k asks what k+1 asks in *kb*."""
    document = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    questions = document["questions"]
    document["questions"] = [{**questions[(k + 1) % len(questions)], "id": question["id"]}
                             for k, question in enumerate(questions)]
    path = tmp_path / "other.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return knowledge.load(path)


def test_answers_to_another_quiz_with_the_same_ids_are_not_kept(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    """Three answers given in another quiz whose ids collide are dropped, none kept."""
    other = rotated(kb, tmp_path)
    path = tmp_path / "session.yaml"
    session.save(path, other, Sheet(first_answers(other, 3)))
    resumed = session.load(path, kb)
    assert resumed.answers == {}
    assert sorted(resumed.dropped) == [q.id for q in kb.questions[:3]]


def test_an_answer_whose_chosen_option_now_reads_differently_is_dropped(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    """Only the answer whose chosen option's English text changed is dropped."""
    path = tmp_path / "session.yaml"
    session.save(path, kb, Sheet({q.id: 0 for q in kb.questions[:3]}))
    document = yaml.safe_load(kb.path.read_text(encoding="utf-8"))
    assert kb.questions[2].kind == "choice"
    document["questions"][2]["options"][0]["text"]["en"] = "Something else entirely."
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    resumed = session.load(path, knowledge.load(edited))
    assert resumed.answers == {kb.questions[0].id: 0, kb.questions[1].id: 0}
    assert resumed.dropped == (kb.questions[2].id,)


def test_shown_orders_and_seconds_come_back_with_the_answers(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    """A resume gets the order options were shown in and the seconds of each answer."""
    first = kb.questions[0]
    path = tmp_path / "session.yaml"
    session.save(path, kb, Sheet({first.id: 2}, shown={first.id: (3, 2, 1, 0)},
                                 seconds={first.id: 7.5}))
    resumed = session.load(path, kb)
    assert (resumed.shown, resumed.seconds) == ({first.id: (3, 2, 1, 0)}, {first.id: 7.5})


def test_a_session_without_fingerprints_of_the_same_quiz_is_kept_whole(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    """An older session (no fingerprints) written against the same sha256 keeps every answer."""
    path = tmp_path / "session.yaml"
    sheets.save(path, kb, Sheet(first_answers(kb, 4)))
    assert "fingerprints" not in path.read_text(encoding="utf-8")
    resumed = session.load(path, kb)
    assert (resumed.answers, resumed.outdated) == (first_answers(kb, 4), False)


def test_a_session_without_fingerprints_of_another_quiz_is_moved_aside(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    """An older session from another knowledge base is set aside whole, and nothing is kept."""
    other = rotated(kb, tmp_path)
    path = tmp_path / "session.yaml"
    sheets.save(path, other, Sheet(first_answers(other, 3)))
    before = path.read_bytes()
    resumed = session.load(path, kb)
    assert (resumed.found, resumed.outdated) == (False, True)
    assert resumed.set_aside is not None and resumed.set_aside.read_bytes() == before
    assert not path.exists()


def test_a_session_whose_answers_are_not_all_kept_is_copied_aside_first(
        kb: KnowledgeBase, tmp_path: Path) -> None:
    """Before the next answer rewrites it, a copy keeps the answers that were not taken."""
    other = rotated(kb, tmp_path)
    path = tmp_path / "session.yaml"
    session.save(path, other, Sheet(first_answers(other, 3)))
    before = path.read_bytes()
    resumed = session.load(path, kb)
    assert resumed.set_aside is not None and resumed.set_aside.read_bytes() == before
    assert path.read_bytes() == before
