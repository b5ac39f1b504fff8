"""Answers are neither lost nor left behind: one quiz per session file, ``--save`` never
writes over a file that is not answers, and the session stays until the result is out,
then goes unless the student keeps the answers in a file."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rolequiz.core.kb import knowledge
from rolequiz.core.kb.model import KnowledgeBase
from rolequiz.core.student import session
from rolequiz.core.student.sheets import Sheet
from rolequiz.errors import UsageProblem

Run = Callable[..., tuple[int, str, str]]
SECOND = "rolequiz quiz --save FILE"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge.load()


def test_a_second_quiz_on_the_same_session_is_refused_with_how_to_run_one(
        tmp_path: Path) -> None:
    """While one quiz holds the session, a second is refused, told to use --save FILE."""
    path = tmp_path / "session.yaml"
    with session.locked(path, second=SECOND), \
            pytest.raises(session.Busy) as refused, session.locked(path, second=SECOND):
        pass
    said = refused.value.render("en")
    assert f"another quiz is using {path} (process {os.getpid()}" in said
    assert SECOND in said


def test_the_lock_is_gone_when_the_quiz_ends(tmp_path: Path) -> None:
    """After the block, the session can be locked again and no lock file is left."""
    path = tmp_path / "session.yaml"
    with session.locked(path, second=SECOND):
        pass
    with session.locked(path, second=SECOND):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(tmp_path: Path) -> None:
    """A lock whose process has ended (a kill -9, a power cut) does not block the next quiz."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    path = tmp_path / "session.yaml"
    lock = tmp_path / "session.yaml.lock"
    lock.write_text(f"{gone.pid} {socket.gethostname()}\n", encoding="utf-8")
    with session.locked(path, second=SECOND) as held:
        assert held.read_text(encoding="utf-8").split()[0] == str(os.getpid())


def test_a_lock_of_another_computer_is_respected(tmp_path: Path) -> None:
    """A lock written on another host (a shared home folder) is not second-guessed."""
    path = tmp_path / "session.yaml"
    (tmp_path / "session.yaml.lock").write_text("1 another-host\n", encoding="utf-8")
    with pytest.raises(session.Busy, match="another-host"), session.locked(path, second=SECOND):
        pass


def test_a_session_folder_that_cannot_be_made_is_refused_before_the_quiz(
        tmp_path: Path) -> None:
    """Where the session folder cannot be made, the refusal says to use --save FILE."""
    (tmp_path / "home").write_text("a file, not a folder", encoding="utf-8")
    where = tmp_path / "home" / "session.yaml"
    with pytest.raises(UsageProblem) as refused, session.locked(where, second=SECOND):
        pass
    assert refused.value.render("en").endswith(f"folder you can write to: {SECOND}")


@pytest.mark.parametrize(("lang", "reason"), [("en", "is a file, not a folder"),
                                              ("id", "adalah berkas, bukan folder")])
@pytest.mark.parametrize("depth", [1, 2])
def test_a_file_where_the_session_folder_should_be_is_named_in_the_students_language(
        tmp_path: Path, lang: str, reason: str, depth: int) -> None:
    """A file where one of the session's folders should be: the refusal names that file,
    in the student's words, not the system's English ("File exists", "Not a directory")."""
    (tmp_path / "home").write_text("a file, not a folder", encoding="utf-8")
    where = tmp_path / "home" / Path(*["deeper"] * (depth - 1)) / "session.yaml"
    with pytest.raises(UsageProblem) as refused, session.locked(where, second=SECOND):
        pass
    assert f"({tmp_path / 'home'} {reason})" in refused.value.render(lang)


def complete(kb: KnowledgeBase) -> dict[str, object]:
    return {"name": "Sari", "answers": {q.id: q.options[0].id for q in kb.questions}}


def test_save_refuses_to_write_over_a_file_that_is_not_answers(
        kb: KnowledgeBase, run: Run, tmp_path: Path) -> None:
    """``quiz --answers A --save notes.txt``: exit 2, one line, notes.txt as it was."""
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(complete(kb)), encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    code, out, err = run("quiz", "--answers", sheet, "--save", notes)
    assert (code, out) == (2, "")
    assert err == (f"rolequiz: error: {notes}: already exists and is not an answer sheet of "
                   "this quiz; choose another file, or use --force to replace it\n")
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_save_with_force_writes_over_any_file(kb: KnowledgeBase, run: Run,
                                              tmp_path: Path) -> None:
    """Refused without --force, the file named by --save is replaced with it."""
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(complete(kb)), encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert run("quiz", "--answers", sheet, "--save", notes)[0] == 2
    code, _, err = run("quiz", "--answers", sheet, "--save", notes, "--force")
    assert code == 0, err
    assert yaml.safe_load(notes.read_text(encoding="utf-8"))["name"] == "Sari"


def test_save_writes_over_answers_to_this_quiz_only(kb: KnowledgeBase, tiny_kb: KnowledgeBase,
                                                    run: Run, tmp_path: Path) -> None:
    """An earlier answer sheet of the same quiz is updated without --force; answers to
    another quiz are refused."""
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(complete(kb)), encoding="utf-8")
    earlier, other = tmp_path / "earlier.yaml", tmp_path / "other.yaml"
    session.save(earlier, kb, Sheet({kb.questions[0].id: 1}, "Budi"))
    session.save(other, tiny_kb, Sheet({tiny_kb.questions[0].id: 1}, "Budi"))
    assert run("quiz", "--answers", sheet, "--save", earlier)[0] == 0
    assert yaml.safe_load(earlier.read_text(encoding="utf-8"))["name"] == "Sari"
    assert run("quiz", "--answers", sheet, "--save", other)[0] == 2
    assert yaml.safe_load(other.read_text(encoding="utf-8"))["name"] == "Budi"


class Typed(io.StringIO):
    """Standard input at a terminal, with the lines a student types."""

    def isatty(self) -> bool:
        return True


def play_at_a_terminal(monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase, typed: str,
                       *, before_the_result: Callable[[], None] = lambda: None) -> None:
    """The quiz believes it runs at a terminal; its questions are answered at once (option 1
    each, kept as a student's are), then *before_the_result* runs and *typed* is read."""
    from rolequiz.terminal import prompts

    def answer_all(knowledge_base: KnowledgeBase, lang: str, *, on_answer: Any,
                   sheet: Sheet | None = None) -> Sheet:
        given: dict[str, int] = {}
        for question in knowledge_base.questions:
            given[question.id] = 0
            on_answer(Sheet(dict(given)))
        before_the_result()
        return Sheet(given)

    monkeypatch.setattr(prompts, "run", answer_all)
    monkeypatch.setattr(sys, "stdin", Typed(typed))


def test_answers_stay_in_the_session_when_the_report_cannot_be_written(
        kb: KnowledgeBase, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The --report folder gone by the end: exit 2, every answer still in the session."""
    (tmp_path / "out").mkdir()
    play_at_a_terminal(monkeypatch, kb, "n\n",
                       before_the_result=lambda: (tmp_path / "out").rmdir())
    code, _, err = run("quiz", "--report", tmp_path / "out" / "r.md")
    assert code == 2
    assert "rolequiz quiz --resume" in err
    assert len(session.load(session.default_path(), kb).answers) == len(kb.questions)


def test_the_answers_are_deleted_at_the_end_unless_the_student_keeps_them(
        kb: KnowledgeBase, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'n' at the end: no session left; 'y' and a file name: the answers are in that file."""
    play_at_a_terminal(monkeypatch, kb, "n\n")
    assert run("quiz")[0] == 0
    assert not session.default_path().exists()

    kept = tmp_path / "mine.yaml"
    play_at_a_terminal(monkeypatch, kb, f"y\n{kept}\n")
    code, _, err = run("quiz")
    assert code == 0
    assert f"Your answers are in {kept.resolve()}" in err
    assert len(session.load(kept, kb).answers) == len(kb.questions)
    assert not session.default_path().exists()


def test_a_file_that_is_there_already_is_never_replaced_at_the_end(
        kb: KnowledgeBase, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another student's kept answers under the name typed: they stay as they were, the
    student is asked for another name, and the answers go there."""
    earlier = tmp_path / "rolequiz-answers.yaml"
    earlier.write_text("name: Budi\n", encoding="utf-8")
    mine = tmp_path / "sari.yaml"
    play_at_a_terminal(monkeypatch, kb, f"y\n{earlier}\n{mine}\n")
    code, _, err = run("quiz")
    assert code == 0, err
    assert f"{earlier} is there already" in err
    assert earlier.read_text(encoding="utf-8") == "name: Budi\n"
    assert len(session.load(mine, kb).answers) == len(kb.questions)


def test_the_end_of_the_quiz_asks_in_indonesian(
        kb: KnowledgeBase, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under --lang id the question and the answer's path are Indonesian; 't' deletes."""
    play_at_a_terminal(monkeypatch, kb, "t\n")
    code, out, err = run("quiz", "--lang", "id")
    assert code == 0
    assert "Simpan jawabanmu di sebuah berkas" in out
    assert "Jawabanmu sudah dihapus dari komputer ini." in err
    assert not session.default_path().exists()
