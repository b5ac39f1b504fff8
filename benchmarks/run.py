"""How fast rolequiz is, against the floor its libraries set: ``python benchmarks/run.py``.

Every figure is a median over several runs of a fresh process, each run of
rolequiz right after one of its baseline (baseline, rolequiz, baseline, ...),
so that whatever else the machine does weighs on both alike; the ratio of
the medians is compared with the target of issue 9 (of issue 18 for
``cohort``: 10,000, 100,000 and a million rows, and for Enter to the next
question).  The baselines are the small scripts in ``benchmarks/baselines``.
The table goes to stdout and to ``benchmarks/results.md``.  This is a
measurement, not a test: nothing here fails for being slow.

Needs the package installed with its test extras (pexpect, for the quiz).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINES = HERE / "baselines"
sys.path.insert(0, str(HERE))

from make_class import write as write_class  # noqa: E402  (beside this file)
from make_form import write as write_form  # noqa: E402

Command = list[str]
REPORT_CLASS = 40
"""Students of the class whose reports are measured: a school class."""
CLASS_DAY = 36
"""Students of the class day's export (issue 16): two of them sent the form twice, an
option was edited in the form ("Ramadan" written "Ramadhan"), and three left a question
blank."""
COHORT_TARGETS = {1_000_000: 3.0, 100_000: 4.0}
"""Issue 18's targets for ``cohort`` to CSV, as a ratio to the I/O floor, by class size
(none for 10,000 rows, where start-up weighs most)."""


@dataclass
class Figure:
    """One row of the table: rolequiz and its baseline, measured the same way."""

    name: str
    target: float
    rolequiz: Command
    baseline: Command
    measure: str = "time"
    limit: float | None = None
    """A target in seconds for rolequiz itself, when the issue sets one (the ratio is shown
    but not judged)."""
    """'time' (seconds to exit), 'prompt' (seconds to the first question), 'enter' (seconds
    from Enter to the next question) or 'memory'."""
    note: str = ""
    runs: list[tuple[float, float]] = field(default_factory=list)
    """(baseline, rolequiz) of each run."""

    @property
    def medians(self) -> tuple[float, float]:
        return (statistics.median(b for b, _ in self.runs),
                statistics.median(r for _, r in self.runs))


def run_time(command: Command, env: dict[str, str]) -> float:
    """Seconds from start to exit; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def prompt_time(command: Command, env: dict[str, str]) -> float:
    """Seconds from start to '1 of 20' on a pseudo-terminal, as a student sees it."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, dimensions=(40, 100),
                          encoding="utf-8", timeout=30)
    try:
        child.expect("1 of 20")
        return time.perf_counter() - start
    finally:
        child.terminate(force=True)


def enter_time(command: Command, env: dict[str, str]) -> float:
    """Seconds from Enter on a question to the next question on screen, on a
    pseudo-terminal: the median over every answer of one quiz but the last.

    Enter is pressed once a question is fully drawn (nothing more written for a tenth of a
    second), and the clock stops when the next question's counter ("2 of 20") arrives;
    pexpect's pause before each key is off, so only the program's own work is timed.  Each
    run has a data folder of its own (where an unfinished quiz is kept), removed after it,
    so that the next run starts afresh rather than asking whether to continue.
    """
    import pexpect

    data = tempfile.mkdtemp(prefix="rolequiz-bench-data-")
    child = pexpect.spawn(command[0], command[1:], env={**env, "XDG_DATA_HOME": data},
                          dimensions=(40, 100), encoding="utf-8", timeout=30)
    child.delaybeforesend = None
    seconds: list[float] = []
    try:
        child.expect(r"1 of (\d+)")
        total = int(child.match.group(1))
        for number in range(2, total + 1):
            while True:  # the rest of the question, until the screen is still
                try:
                    child.read_nonblocking(size=65536, timeout=0.1)
                except pexpect.TIMEOUT:
                    break
            start = time.perf_counter()
            child.send("\r")
            child.expect(f"{number} of {total}")
            seconds.append(time.perf_counter() - start)
    finally:
        child.terminate(force=True)
        shutil.rmtree(data, ignore_errors=True)
    return statistics.median(seconds)


def peak_memory(command: Command, env: dict[str, str]) -> float:
    """The process's maximum resident set size, in MiB."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return usage.ru_maxrss / 1024  # KiB on Linux


MEASURES: dict[str, Callable[[Command, dict[str, str]], float]] = {
    "time": run_time, "prompt": prompt_time, "enter": enter_time, "memory": peak_memory}


def machine() -> str:
    """nproc, the CPU model, Python and NumPy, as docs/benchmarks.md shows them."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numpy

    return (f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}, "
            f"NumPy {numpy.__version__}, {platform.system()} {platform.release()}")


def sheet(path: Path) -> Path:
    """A complete answer sheet for the shipped quiz: every question's second option."""
    from rolequiz.core.kb import knowledge

    kb = knowledge.load()
    lines = ["name: Sari"] + [f"{q.id}: {q.options[1].id}" for q in kb.questions]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def figures(work: Path, args: argparse.Namespace) -> list[Figure]:
    rolequiz = shutil.which("rolequiz", path=str(Path(sys.executable).parent)) or "rolequiz"
    python = sys.executable
    from rolequiz.core.kb import knowledge

    base = str(BASELINES)
    answers = sheet(work / "sheet.yaml")
    questions = len(knowledge.load().questions)
    classes = {n: write_class(work / f"class-{n}.csv", n)
               for n in dict.fromkeys((*args.sizes, args.small, args.large))}
    cohort = [rolequiz, "cohort", "--force", "-o"]
    reports_class = write_form(work / f"form-{REPORT_CLASS}.csv", REPORT_CLASS)
    class_day = write_form(work / f"day-{CLASS_DAY}.csv", CLASS_DAY, again=2,
                           edit=("Ramadan", "Ramadhan"), blank=3)
    clean_day = write_form(work / f"clean-{CLASS_DAY}.csv", CLASS_DAY)
    table = [python, f"{base}/option_table.py"]
    return [
        Figure("`rolequiz --help`", 1.10, [rolequiz, "--help"], [*table, "--help"],
               note="a Typer app whose command takes `--lang` and prints a one-row rich "
                    "Table, `--help`"),
        Figure("`rolequiz roles`", 1.20, [rolequiz, "roles"], [*table, "table", "--lang", "en"],
               note="a Typer command that takes `--lang` and prints a one-row rich Table"),
        Figure("`rolequiz compare`", 1.20, [rolequiz, "compare"],
               [*table, "table", "--lang", "en"], note="the same command"),
        Figure("`rolequiz score SHEET --json`", 1.50,
               [rolequiz, "score", str(answers), "--json"], [*table, "table", "--lang", "en"],
               note="the same command; issue 18 sets 1.5 (NumPy's import accepted for the "
                    "scoring)"),
        Figure("`rolequiz quiz`: first question on screen", 1.20, [rolequiz, "quiz"],
               [python, f"{base}/select_command.py", "quiz", "--lang", "en"], measure="prompt",
               note="a Typer command that takes `--lang` and shows one questionary select "
                    "prompt (pexpect, pseudo-terminal)"),
        Figure("`rolequiz quiz`: Enter to the next question on screen", 1.50,
               [rolequiz, "quiz"],
               [python, f"{base}/select_in_a_row.py", "quiz", "--lang", "en", "--questions",
                str(questions)], measure="enter",
               note=f"a Typer command that takes `--lang` and shows {questions} questionary "
                    "select prompts in a row, nothing between them (pexpect, pseudo-terminal; "
                    "each run's median over its answers)"),
        *(Figure(f"`rolequiz cohort`, {size:,} rows to CSV", COHORT_TARGETS.get(size, 0.0),
                 [*cohort, str(work / "results.csv"), str(classes[size])],
                 [python, f"{base}/io_floor.py", str(classes[size]), str(work / "floor.csv")],
                 note="csv.reader in, csv.writer out, one row per row (the I/O floor)")
          for size in args.sizes),
        Figure(f"`rolequiz cohort`: peak memory, {args.large:,} rows over {args.small:,}",
               1.25, [*cohort, str(work / "large.csv"), str(classes[args.large])],
               [*cohort, str(work / "small.csv"), str(classes[args.small])],
               measure="memory", note="max RSS of the same command on the small class"),
        Figure(f"`rolequiz cohort`: a Google Forms export of {REPORT_CLASS} students to the "
               f"class report and {REPORT_CLASS} student reports", 0.0,
               [*cohort, str(work / "class40.html"), str(reports_class), "--items",
                "--reports", str(work / "reports")],
               [*cohort, str(work / "class40-only.html"), str(reports_class), "--items"],
               limit=3.0,
               note="the same command without --reports (the class report alone); issue 11's "
                    "target is under 3 s for rolequiz, whatever the baseline"),
        Figure(f"`rolequiz cohort`: a class day, a Google Forms export of {CLASS_DAY} "
               "students (2 sent twice, an option edited, 3 blanks) to the class report, "
               f"{CLASS_DAY} student reports and all.html", 0.0,
               [*cohort, str(work / "day.html"), str(class_day), "--reports",
                str(work / "day-reports")],
               [*cohort, str(work / "clean.html"), str(clean_day), "--reports",
                str(work / "clean-reports")],
               limit=3.0,
               note=f"the same command on the export of the same {CLASS_DAY} students sent "
                    "once each, unedited; issue 16's target is under 3 s for rolequiz"),
    ]


def measure(figure: Figure, runs: int, env: dict[str, str]) -> None:
    how = MEASURES[figure.measure]
    for _ in range(runs):
        figure.runs.append((how(figure.baseline, env), how(figure.rolequiz, env)))


def table(results: list[Figure]) -> str:
    lines = ["| figure | rolequiz | baseline | ratio | target | met |",
             "| --- | ---: | ---: | ---: | ---: | :---: |"]
    for figure in results:
        baseline, rolequiz = figure.medians
        ratio = rolequiz / baseline
        unit = (lambda v: f"{v:.1f} MiB") if figure.measure == "memory" else \
            (lambda v: f"{v * 1000:.0f} ms")
        if figure.limit is not None:
            target = f"< {figure.limit:.0f} s"
            met = "yes" if rolequiz < figure.limit else "**no**"
        else:
            target = f"≤ {figure.target:.2f}" if figure.target else "–"
            met = ("yes" if ratio <= figure.target else "**no**") if figure.target else "–"
        lines.append(f"| {figure.name} | {unit(rolequiz)} | {unit(baseline)} | {ratio:.2f} | "
                     f"{target} | {met} |")
    notes = [f"- {figure.name}: baseline is {figure.note}; {len(figure.runs)} runs"
             for figure in results]
    return "\n".join([*lines, "", "Medians of interleaved runs (baseline, rolequiz, ...).",
                      *notes])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each start-up figure")
    parser.add_argument("--prompt-runs", type=int, default=41,
                        help="runs of each time-to-first-question figure (the noisiest)")
    parser.add_argument("--enter-runs", type=int, default=11,
                        help="runs of the Enter-to-next-question figure (a quiz's answers each)")
    parser.add_argument("--cohort-runs", type=int, default=11)
    parser.add_argument("--memory-runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="classes (rows) whose cohort to CSV is set beside the floor")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--only", metavar="WORDS", default="",
                        help="measure only the figures whose name contains WORDS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rolequiz-bench-") as folder:
        work = Path(folder)
        env = {**os.environ, "ROLEQUIZ_LANG": "en", "COLUMNS": "120", "TERM": "xterm",
               "PROMPT_TOOLKIT_NO_CPR": "1", "HOME": str(work),
               **{v: str(work / v.lower()) for v in
                  ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}}
        env.pop("ROLEQUIZ_HOME", None)
        # as installed: byte-code written once (by the warm-up) and read after; with
        # PYTHONDONTWRITEBYTECODE a checkout's modules would be compiled on every run
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONUNBUFFERED", None)  # output buffered, as in a user's shell
        print("writing the classes...", file=sys.stderr)
        results = [f for f in figures(work, args) if args.only in f.name]
        for figure in results:  # warm up: byte-code, the knowledge-base cache, the disk cache
            MEASURES[figure.measure](figure.baseline, env)
            MEASURES[figure.measure](figure.rolequiz, env)
        runs = {"time": args.runs, "prompt": args.prompt_runs, "enter": args.enter_runs,
                "memory": args.memory_runs}
        load_before = os.getloadavg()[0]
        for figure in results:
            count = args.cohort_runs if figure.measure == "time" and "cohort" in \
                figure.rolequiz else runs[figure.measure]
            print(f"measuring {figure.name} ({count} runs)...", file=sys.stderr)
            measure(figure, count, env)
        load_after = os.getloadavg()[0]
    text = "\n".join([f"Measured {date.today().isoformat()} on {machine()}; load average "
                      f"{load_before:.1f} before the runs and {load_after:.1f} after them.", "",
                      table(results)]) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
