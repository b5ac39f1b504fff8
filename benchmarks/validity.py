"""How well the scoring finds a student's role: ``python benchmarks/validity.py``.

Simulated students of known role answer the quiz in several response styles; their sheets
are scored through the class scorer (as ``rolequiz cohort`` scores them) and the table says
how often the known role comes out on top, how many sheets are flagged or too close to
call, where sheets of random answers land and how often a "clear" result is right.  The
table goes to stdout and, with ``--readme``, into README.md ("How well it works").

The students (all on the 0..1 scale of the knowledge base, level L -> (L - 1) / 4):

* latent traits z = the role's targets + σ·N(0, 1) per trait;
* a scenario's option k appeals by β times the weighted mean of z over the traits it
  shows; the pick follows a softmax of the appeals (the Gumbel-max trick);
* a statement's answer is round(1 + 4t + Logistic(0, 1/α)) clipped to the scale, t = z
  on its trait (1 − z when reverse-keyed);
* styles change those honest answers: ``first`` picks the option shown first with
  probability 0.3 on every scenario; ``acquiescence`` agrees one or two steps more with
  every statement; ``midpoint`` answers neutral half of the time, else one step towards
  it; ``extreme`` answers only the ends and the middle; ``random`` sheets have no role;
* answer times: about 240 words a minute plus a second (log-normal).

Noise presets (σ, β, α): low (0.15, 6, 3), medium (0.25, 4, 2), high (0.35, 3, 1.5);
``varied`` draws each student's preset at random.  The generator is NumPy's, seeded.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rolequiz.core import knowledge
from rolequiz.core.cohort.scorer import Scorer
from rolequiz.core.model import KnowledgeBase

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
START, END = "<!-- validity:start -->", "<!-- validity:end -->"

NOISE = {
    "low": (0.15, 6.0, 3.0),
    "medium": (0.25, 4.0, 2.0),
    "high": (0.35, 3.0, 1.5),
}
"""(σ, β, α) of each noise preset."""
STYLES = ("honest", "first", "acquiescence", "midpoint", "extreme")
P_FIRST = 0.3
CLEAR, LEANING, TOO_CLOSE = 0, 1, 2


@dataclass(frozen=True)
class Quiz:
    """A knowledge base as the arrays the simulation needs (options in listed order)."""

    roles: tuple[str, ...]
    targets: Any
    """(roles, traits) on 0..1."""
    appeal: Any
    """(questions, options, traits): a scenario option's weights over their sum."""
    options: Any
    """(questions,): options per question."""
    is_choice: Any
    trait: Any
    """(questions,): the trait of a statement (-1 for a scenario)."""
    reverse: Any
    words: Any
    """(questions,): words to read (Indonesian), for the answer times."""


def quiz(kb: KnowledgeBase) -> Quiz:
    dims = [d.id for d in kb.dimensions]
    longest = max(len(q.options) for q in kb.questions)
    appeal = np.zeros((len(kb.questions), longest, len(dims)))
    for i, q in enumerate(kb.questions):
        if q.kind == "choice":
            for k, option in enumerate(q.options):
                for d, weight in option.weights.items():
                    appeal[i, k, dims.index(d)] = weight
    total = appeal.sum(axis=2, keepdims=True)
    appeal = np.where(total > 0, appeal / np.where(total > 0, total, 1.0), 0.0)
    return Quiz(
        roles=tuple(r.id for r in kb.roles),
        targets=np.array([[(r.levels[d] - 1) / 4 for d in dims] for r in kb.roles]),
        appeal=appeal,
        options=np.array([len(q.options) for q in kb.questions]),
        is_choice=np.array([q.kind == "choice" for q in kb.questions]),
        trait=np.array([dims.index(q.dimension) if q.dimension else -1 for q in kb.questions]),
        reverse=np.array([bool(q.reverse) for q in kb.questions]),
        words=np.array([len(q.text("id").split()) + (sum(len(o.text("id").split())
                                                         for o in q.options)
                                                     if q.kind == "choice" else 0)
                        for q in kb.questions], dtype=np.float64),
    )


def noise(preset: str, n: int, rng: np.random.Generator) -> tuple[Any, Any, Any]:
    """(σ, β, α) per student, each (n, 1)."""
    if preset == "varied":
        table = np.array(list(NOISE.values()))
        chosen = table[rng.integers(0, len(table), n)]
    else:
        chosen = np.broadcast_to(np.array(NOISE[preset]), (n, 3))
    return chosen[:, 0:1], chosen[:, 1:2], chosen[:, 2:3]


def shown_orders(q: Quiz, n: int, rng: np.random.Generator, display: str) -> Any:
    """(n, questions, options): the listed index of the option shown at each place; each
    student sees each scenario's options in an order of its own when *display* is
    ``shuffled`` (as a quiz should show them), else as listed."""
    longest = q.appeal.shape[1]
    orders = np.broadcast_to(np.arange(longest), (n, len(q.options), longest)).copy()
    if display == "shuffled":
        for i in np.flatnonzero(q.is_choice):
            m = int(q.options[i])
            orders[:, i, :m] = np.argsort(rng.random((n, m)), axis=1)
    return orders


def students(q: Quiz, role: int | None, style: str, n: int, rng: np.random.Generator,
             preset: str = "medium", display: str = "shuffled") -> tuple[Any, Any, Any]:
    """(answers, positions, seconds) of *n* students of *role* (None: random sheets)."""
    count = len(q.options)
    orders = shown_orders(q, n, rng, display)
    steps = int(q.options[~q.is_choice].max(initial=5))
    if style == "random":
        answers = np.floor(rng.random((n, count)) * q.options[None, :]).astype(np.intp)
    else:
        sigma, beta, alpha = noise(preset, n, rng)
        z = q.targets[np.full(n, role)] + sigma * rng.standard_normal((n, q.targets.shape[1]))
        util = beta[:, :, None] * np.einsum("qkd,nd->nqk", q.appeal, z)
        valid = np.arange(q.appeal.shape[1])[None, :] < q.options[:, None]
        util = np.where(valid[None], util, -np.inf)
        answers = np.argmax(util - np.log(-np.log(rng.random(util.shape))), axis=2)
        sq = np.flatnonzero(~q.is_choice)
        t = z[:, q.trait[sq]]
        t = np.where(q.reverse[sq][None], 1 - t, t)
        u = rng.random((n, len(sq)))
        y = np.clip(np.rint(1 + (steps - 1) * t + np.log(u / (1 - u)) / alpha), 1, steps)
        answers[:, sq] = y.astype(np.intp) - 1
        statement = ~q.is_choice[None, :]
        middle = (steps - 1) // 2
        if style == "first":
            hit = (rng.random((n, count)) < P_FIRST) & q.is_choice[None, :]
            answers = np.where(hit, orders[:, :, 0], answers)
        elif style == "acquiescence":
            shift = rng.integers(1, 3, (n, 1))
            answers = np.where(statement, np.minimum(answers + shift, steps - 1), answers)
        elif style == "midpoint":
            toward = answers - np.sign(answers - middle)
            mid = np.where(rng.random((n, count)) < 0.5, middle, toward)
            answers = np.where(statement, mid, answers)
        elif style == "extreme":
            ends = np.where(answers < middle, 0, np.where(answers > middle, steps - 1, middle))
            answers = np.where(statement, ends, answers)
        elif style != "honest":
            raise ValueError(style)
    seconds = np.exp(np.log(1.0 + 0.25 * q.words)[None, :] + 0.45 * rng.standard_normal(
        (n, count)))
    answers = answers.astype(np.intp)
    positions = np.argmax(orders == answers[:, :, None], axis=2).astype(np.intp)
    return answers, positions, seconds


@dataclass
class Outcome:
    """What the scoring said about the simulated students of one knowledge base."""

    roles: tuple[str, ...]
    recall: dict[tuple[str, int], float] = field(default_factory=dict)
    flagged: dict[tuple[str, int], float] = field(default_factory=dict)
    close: dict[tuple[str, int], float] = field(default_factory=dict)
    clear_right: int = 0
    clear_all: int = 0
    random_flagged: float = 0.0
    random_undecided: float = 0.0
    random_spread: list[float] = field(default_factory=list)

    @property
    def clear_precision(self) -> float:
        return self.clear_right / max(self.clear_all, 1)

    def targets(self) -> dict[str, tuple[bool, str]]:
        """Issue 10's targets: (met, the figure)."""
        count = len(self.roles)
        honest = [self.recall["honest", r] for r in range(count)]
        honest_out = float(np.mean([self.flagged["honest", r] + self.close["honest", r]
                                    for r in range(count)]))
        lowest = min(self.recall.values())
        low, high = (0.20, 0.47) if count == 3 else (0.15, 0.35)
        spread = self.random_spread
        return {
            "honest recall ≥ 90 % per role": (min(honest) >= 0.90, f"{min(honest):.3f}"),
            "honest recalls ≤ 8 points apart": (max(honest) - min(honest) <= 0.08,
                                                f"{max(honest) - min(honest):.3f}"),
            "honest flagged or too close ≤ 12 %": (honest_out <= 0.12, f"{honest_out:.3f}"),
            "every style ≥ 85 % per role": (lowest >= 0.85, f"{lowest:.3f}"),
            "random ≥ 50 % flagged or too close": (self.random_undecided >= 0.5,
                                                   f"{self.random_undecided:.3f}"),
            f"random rest none > {high:.0%} / < {low:.0%}": (
                min(spread) >= low and max(spread) <= high,
                " / ".join(f"{s:.2f}" for s in spread)),
            "“clear” right ≥ 95 %": (self.clear_precision >= 0.95,
                                     f"{self.clear_precision:.3f}"),
        }


def evaluate(kb: KnowledgeBase, n: int = 2000, seed: int = 1, preset: str = "medium",
             display: str = "shuffled") -> Outcome:
    """Score *n* students per role and style, and *n* random sheets per role."""
    rng = np.random.default_rng(seed)
    q = quiz(kb)
    scorer = Scorer(kb)
    out = Outcome(roles=q.roles)
    for style in STYLES:
        for role in range(len(q.roles)):
            answers, shown, seconds = students(q, role, style, n, rng, preset, display)
            said = scorer.score(answers, positions=shown, seconds=seconds)
            flagged = said.flags.any(axis=1)
            out.recall[style, role] = float((said.ranking[:, 0] == role).mean())
            out.flagged[style, role] = float(flagged.mean())
            out.close[style, role] = float(((said.confidence == TOO_CLOSE) & ~flagged).mean())
            clear = (said.confidence == CLEAR) & ~flagged
            out.clear_right += int((said.ranking[clear, 0] == role).sum())
            out.clear_all += int(clear.sum())
    answers, shown, seconds = students(q, None, "random", n * len(q.roles), rng, preset,
                                       display)
    said = scorer.score(answers, positions=shown, seconds=seconds)
    flagged = said.flags.any(axis=1)
    undecided = flagged | (said.confidence == TOO_CLOSE)
    rest = said.ranking[~undecided, 0]
    out.random_flagged = float(flagged.mean())
    out.random_undecided = float(undecided.mean())
    out.random_spread = [float((rest == r).mean()) if len(rest) else 0.0
                         for r in range(len(q.roles))]
    return out


CARELESS = ("straight_statements", "straight_scenarios", "first_neutral", "zigzag",
            "agree_all")
"""Careless patterns (issue 15): the statements all at one step; the scenarios all in one
shown place, one in two students straying once; the first shown option in every scenario
and "Neutral" to every statement; zig-zags (1-2-3-4 … on the scenarios, 1-2-3-4-5-4-3-2 …
on the statements, from a random start); "Agree" or "Strongly agree" to every statement
whatever it says.  Where a pattern leaves a block alone, that block is answered honestly
by a student of a random role."""


def careless(q: Quiz, pattern: str, n: int, rng: np.random.Generator,
             display: str = "shuffled") -> tuple[Any, Any, Any]:
    """(answers, positions, seconds) of *n* sheets answered in a careless *pattern*."""
    roles = rng.integers(0, len(q.roles), n)
    answers = np.zeros((n, len(q.options)), dtype=np.intp)
    seconds = np.zeros((n, len(q.options)))
    for role in range(len(q.roles)):
        mine = np.flatnonzero(roles == role)
        answers[mine], _, seconds[mine] = students(q, role, "honest", len(mine), rng)
    orders = shown_orders(q, n, rng, display)
    places = np.argmax(orders == answers[:, :, None], axis=2)
    sc, sq = np.flatnonzero(q.is_choice), np.flatnonzero(~q.is_choice)
    steps = int(q.options[sq].max(initial=5))
    fewest = int(q.options[sc].min(initial=2))
    if pattern == "straight_statements":
        places[:, sq] = rng.integers(0, steps, (n, 1))
    elif pattern == "straight_scenarios":
        places[:, sc] = rng.integers(0, fewest, (n, 1))
        stray = rng.random(n) < 0.5
        which = sc[rng.integers(0, len(sc), n)]
        moved = (places[np.arange(n), which] + rng.integers(1, fewest, n)) % fewest
        places[stray, which[stray]] = moved[stray]
    elif pattern == "first_neutral":
        places[:, sc] = 0
        places[:, sq] = (steps - 1) // 2
    elif pattern == "zigzag":
        start = rng.integers(0, 2 * steps, (n, 1))
        cycle = (start + np.arange(len(sc))[None, :]) % q.options[sc][None, :]
        places[:, sc] = cycle
        bounce = (start + np.arange(len(sq))[None, :]) % (2 * steps - 2)
        places[:, sq] = np.where(bounce < steps, bounce, 2 * steps - 2 - bounce)
    elif pattern == "agree_all":
        places[:, sq] = steps - 1 - rng.integers(0, 2, (n, len(sq)))
    else:
        raise ValueError(pattern)
    answers = np.take_along_axis(orders, places[:, :, None], axis=2)[:, :, 0]
    return answers.astype(np.intp), places.astype(np.intp), seconds


@dataclass
class Carelessness:
    """How often the flags catch careless sheets, and how often they touch honest ones."""

    caught: dict[str, float] = field(default_factory=dict)
    """Per careless pattern: the share of its sheets with any flag."""
    honest: dict[str, float] = field(default_factory=dict)
    """Per answering style (:data:`STYLES`): the share of honest students flagged."""
    codes: dict[str, float] = field(default_factory=dict)
    """Per flag code: the share of honest students (every style) it flags."""

    def targets(self) -> dict[str, tuple[bool, str]]:
        """Issue 15's targets for the flags: (met, the figure)."""
        least = min(self.caught.values())
        honest = self.honest["honest"]
        return {"every careless pattern flagged ≥ 95 %": (least >= 0.95, f"{least:.3f}"),
                "honest students flagged ≤ 1 %": (honest <= 0.01, f"{honest:.4f}")}


def evaluate_careless(kb: KnowledgeBase, n: int = 2000, seed: int = 1,
                      preset: str = "medium", display: str = "shuffled") -> Carelessness:
    """Score *n* sheets of each careless pattern and *n* students per role and style."""
    from rolequiz.core import flags

    rng = np.random.default_rng(seed)
    q = quiz(kb)
    scorer = Scorer(kb)
    out = Carelessness()
    for pattern in CARELESS:
        answers, shown, seconds = careless(q, pattern, n, rng, display)
        said = scorer.score(answers, positions=shown, seconds=seconds)
        out.caught[pattern] = float(said.flags.any(axis=1).mean())
    raised = np.zeros(len(flags.CODES))
    total = 0
    for style in STYLES:
        hits = []
        for role in range(len(q.roles)):
            answers, shown, seconds = students(q, role, style, n, rng, preset, display)
            said = scorer.score(answers, positions=shown, seconds=seconds)
            hits.append(float(said.flags.any(axis=1).mean()))
            raised += said.flags.sum(axis=0)
            total += n
        out.honest[style] = float(np.mean(hits))
    out.codes = {code: float(raised[i] / total) for i, code in enumerate(flags.CODES)}
    return out


def careless_table(out: Carelessness) -> str:
    """The flags' figures as Markdown."""
    lines = ["| careless pattern | " + " | ".join(CARELESS) + " |",
             "|---|" + "---:|" * len(CARELESS),
             "| flagged | " + " | ".join(f"{out.caught[p]:.1%}" for p in CARELESS) + " |",
             "", "| honest students, answering style | " + " | ".join(STYLES) + " |",
             "|---|" + "---:|" * len(STYLES),
             "| flagged | " + " | ".join(f"{out.honest[s]:.1%}" for s in STYLES) + " |", "",
             "Honest students of every style flagged, by flag: "
             + ", ".join(f"`{code}` {share:.2%}" for code, share in out.codes.items()) + ".",
             "", "| target (issue 15) | figure | met |", "|---|---:|---|"]
    lines += [f"| {name} | {figure} | {'yes' if met else 'NO'} |"
              for name, (met, figure) in out.targets().items()]
    return "\n".join(lines)


def table(kb: KnowledgeBase, out: Outcome, title: str) -> str:
    """The outcome as Markdown."""
    names = [r.name("en") for r in kb.roles]
    count = len(names)
    lines = [f"**{title}**", "",
             "| answering style | " + " | ".join(f"{n} found" for n in names)
             + " | flagged | too close |",
             "|---|" + "---:|" * (count + 2)]
    for style in STYLES:
        recall = " | ".join(f"{out.recall[style, r]:.0%}" for r in range(count))
        flagged = np.mean([out.flagged[style, r] for r in range(count)])
        close = np.mean([out.close[style, r] for r in range(count)])
        lines.append(f"| {style} | {recall} | {flagged:.0%} | {close:.0%} |")
    lines += ["",
              f"Random sheets: {out.random_undecided:.0%} flagged or too close to call "
              f"({out.random_flagged:.0%} flagged); the rest land on "
              + ", ".join(f"{n} {s:.0%}" for n, s in zip(names, out.random_spread, strict=True))
              + ".",
              f"A “clear” result names the student's role {out.clear_precision:.1%} of the "
              f"time ({out.clear_all} clear results).", "",
              "| target (issue 10) | figure | met |", "|---|---:|---|"]
    lines += [f"| {name} | {figure} | {'yes' if met else 'NO'} |"
              for name, (met, figure) in out.targets().items()]
    return "\n".join(lines)


def into_readme(text: str, readme: Path = README) -> None:
    """Put *text* between the validity markers of README.md."""
    page = readme.read_text(encoding="utf-8")
    if START not in page or END not in page:
        sys.exit(f"{readme}: no {START} … {END} markers")
    block = f"{START}\n{text}\n{END}"
    page = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, page,
                  flags=re.DOTALL)
    readme.write_text(page, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="students per role and style")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--noise", default="medium", choices=[*NOISE, "varied"])
    parser.add_argument("--display", default="shuffled", choices=["shuffled", "listed"])
    parser.add_argument("--kb", type=Path, action="append",
                        help="knowledge bases (default: the shipped one and the four-role "
                             "fixture)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    paths = args.kb or [None, HERE.parent / "tests" / "fixtures" / "four-roles-validity.yaml"]
    parts = []
    for path in paths:
        kb = knowledge.load(path) if path else knowledge.load()
        label = "the shipped knowledge base" if path is None else f"`{path.name}`"
        out = evaluate(kb, args.n, args.seed, args.noise, args.display)
        parts.append(table(kb, out, f"{label}: {args.n} students per role and style, "
                                    f"noise {args.noise}, options {args.display}, "
                                    f"seed {args.seed}"))
        parts.append(careless_table(evaluate_careless(kb, args.n, args.seed, args.noise,
                                                      args.display)))
    text = "\n\n".join(parts)
    print(text)
    if args.readme:
        into_readme(text)


if __name__ == "__main__":
    main()
