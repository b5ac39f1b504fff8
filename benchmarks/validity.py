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
from dataclasses import dataclass, field, replace
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
CLEAR, LEANING, TOO_CLOSE, NO_FIT = 0, 1, 2, 3
MOSTLY = 0.7
"""A mixture student's traits: this share of one role's targets, the rest another's."""


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
    no_fit: dict[tuple[str, int], float] = field(default_factory=dict)
    """Students told that no role fits them strongly, per style and role."""
    random_no_fit: float = 0.0
    profiles: Profiles | None = None
    mixtures: Mixtures | None = None

    @property
    def clear_precision(self) -> float:
        return self.clear_right / max(self.clear_all, 1)

    no_fit_found: dict[tuple[str, int], float] = field(default_factory=dict)
    """Students whose role is the closest but who are told that no role fits them."""

    def targets(self) -> dict[str, tuple[bool, str]]:
        """Issue 10's and 15's targets: (met, the figure)."""
        count = len(self.roles)
        honest = [self.recall["honest", r] for r in range(count)]
        honest_out = float(np.mean([self.flagged["honest", r] + self.close["honest", r]
                                    for r in range(count)]))
        lowest = min(self.recall.values())
        spread = self.random_spread
        named = [self.recall["honest", r] - self.no_fit_found["honest", r] for r in range(count)]
        least_named = min(self.recall[key] - self.no_fit_found[key] for key in self.recall)
        found: dict[str, tuple[bool, str]] = {
            "honest recall ≥ 90 % per role": (min(honest) >= 0.90, f"{min(honest):.3f}"),
            "honest named (a role fits) ≥ 90 % per role": (min(named) >= 0.90,
                                                            f"{min(named):.3f}"),
            "honest recalls ≤ 8 points apart": (max(honest) - min(honest) <= 0.08,
                                                f"{max(honest) - min(honest):.3f}"),
            "honest flagged or too close ≤ 12 %": (honest_out <= 0.12, f"{honest_out:.3f}"),
            "every style ≥ 85 % per role": (lowest >= 0.85, f"{lowest:.3f}"),
            "every style named (a role fits) ≥ 85 % per role": (
                least_named >= 0.85, f"{least_named:.3f}"),
            "random ≥ 50 % flagged or too close": (self.random_undecided >= 0.5,
                                                   f"{self.random_undecided:.3f}"),
            "no role named for > 10 % of random sheets": (
                max(spread) * (1 - self.random_undecided) <= 0.10,
                f"{max(spread) * (1 - self.random_undecided):.3f}"),
            "“clear” right ≥ 98 %": (self.clear_precision >= 0.98,
                                     f"{self.clear_precision:.3f}"),
            "random sheets get a role ≤ 25 %": (1 - self.random_undecided <= 0.25,
                                               f"{1 - self.random_undecided:.3f}"),
        }
        if self.profiles is not None:
            found["random profiles “clear” ≤ 15 %"] = (self.profiles.clear <= 0.15,
                                                       f"{self.profiles.clear:.3f}")
        if self.mixtures is not None:
            worst = max(self.mixtures.clear_minority.values())
            found["70/30 mixture told “clear” minority ≤ 1 %"] = (worst <= 0.01,
                                                                  f"{worst:.3f}")
        return found


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
            no_fit = (said.confidence == NO_FIT) & ~flagged
            out.no_fit[style, role] = float(no_fit.mean())
            out.no_fit_found[style, role] = float((no_fit & (said.ranking[:, 0] == role)).mean())
            clear = (said.confidence == CLEAR) & ~flagged
            out.clear_right += int((said.ranking[clear, 0] == role).sum())
            out.clear_all += int(clear.sum())
    answers, shown, seconds = students(q, None, "random", n * len(q.roles), rng, preset,
                                       display)
    said = scorer.score(answers, positions=shown, seconds=seconds)
    flagged = said.flags.any(axis=1)
    undecided = flagged | (said.confidence == TOO_CLOSE) | (said.confidence == NO_FIT)
    rest = said.ranking[~undecided, 0]
    out.random_flagged = float(flagged.mean())
    out.random_no_fit = float(((said.confidence == NO_FIT) & ~flagged).mean())
    out.random_undecided = float(undecided.mean())
    out.random_spread = [float((rest == r).mean()) if len(rest) else 0.0
                         for r in range(len(q.roles))]
    out.profiles = random_profiles(q, scorer, n * len(q.roles), rng, preset, display)
    out.mixtures = mixtures(q, scorer, n, rng, preset, display)
    return out


@dataclass(frozen=True)
class Profiles:
    """What students whose every trait level is drawn at random (1–5, uniformly) are told."""

    clear: float
    """Share told "clear" (any role)."""
    named: float
    """Share told a role (clear or leaning)."""
    no_fit: float
    """Share told that no role fits them strongly."""


def random_profiles(q: Quiz, scorer: Scorer, n: int, rng: np.random.Generator,
                    preset: str = "medium", display: str = "shuffled") -> Profiles:
    """*n* honest students, each with a profile of its own: every trait level drawn at random
    from 1 to 5, then answering as :func:`students` does around it."""
    levels = rng.integers(1, 6, (n, q.targets.shape[1]))
    own = replace(q, targets=(levels - 1) / 4)
    answers, shown, seconds = students(own, np.arange(n), "honest", n, rng,  # type: ignore[arg-type]
                                       preset, display)
    said = scorer.score(answers, positions=shown, seconds=seconds)
    ok = ~said.flags.any(axis=1)
    return Profiles(clear=float(((said.confidence == CLEAR) & ok).mean()),
                    named=float(((said.confidence <= LEANING) & ok).mean()),
                    no_fit=float(((said.confidence == NO_FIT) & ok).mean()))


@dataclass(frozen=True)
class Mixtures:
    """What students whose traits are :data:`MOSTLY` one role and the rest another are told,
    per (majority role, minority role)."""

    majority: dict[tuple[int, int], float]
    """Share told the majority role (clear or leaning)."""
    clear_minority: dict[tuple[int, int], float]
    """Share told "clear" the minority role."""
    no_fit: dict[tuple[int, int], float]


def mixtures(q: Quiz, scorer: Scorer, n: int, rng: np.random.Generator,
             preset: str = "medium", display: str = "shuffled") -> Mixtures:
    """*n* honest students for every ordered pair of roles, their traits 70 % the first
    role's targets and 30 % the second's (then the preset's noise, as :func:`students`)."""
    majority, minority, no_fit = {}, {}, {}
    count = len(q.roles)
    for first in range(count):
        for second in range(count):
            if first == second:
                continue
            blend = MOSTLY * q.targets[first] + (1 - MOSTLY) * q.targets[second]
            answers, shown, seconds = students(replace(q, targets=blend[None, :]), 0, "honest",
                                               n, rng, preset, display)
            said = scorer.score(answers, positions=shown, seconds=seconds)
            ok = ~said.flags.any(axis=1)
            top = said.ranking[:, 0]
            majority[first, second] = float(((said.confidence <= LEANING) & ok
                                             & (top == first)).mean())
            minority[first, second] = float(((said.confidence == CLEAR) & ok
                                             & (top == second)).mean())
            no_fit[first, second] = float(((said.confidence == NO_FIT) & ok).mean())
    return Mixtures(majority=majority, clear_minority=minority, no_fit=no_fit)


def table(kb: KnowledgeBase, out: Outcome, title: str) -> str:
    """The outcome as Markdown."""
    names = [r.name("en") for r in kb.roles]
    count = len(names)
    lines = [f"**{title}**", "",
             "| answering style | " + " | ".join(f"{n} found" for n in names)
             + " | flagged | too close | no role fits |",
             "|---|" + "---:|" * (count + 3)]
    for style in STYLES:
        recall = " | ".join(f"{out.recall[style, r]:.0%}" for r in range(count))
        flagged = np.mean([out.flagged[style, r] for r in range(count)])
        close = np.mean([out.close[style, r] for r in range(count)])
        no_fit = np.mean([out.no_fit[style, r] for r in range(count)])
        lines.append(f"| {style} | {recall} | {flagged:.0%} | {close:.0%} | {no_fit:.0%} |")
    lines += ["",
              f"Random sheets: {out.random_undecided:.0%} flagged, too close to call or fitting "
              f"no role ({out.random_flagged:.0%} flagged, {out.random_no_fit:.0%} no role "
              f"fits); the rest land on "
              + ", ".join(f"{n} {s:.0%}" for n, s in zip(names, out.random_spread, strict=True))
              + ".",
              f"A “clear” result names the student's role {out.clear_precision:.1%} of the "
              f"time ({out.clear_all} clear results)."]
    if out.profiles is not None:
        p = out.profiles
        lines.append(f"Students with a random profile (every trait level drawn from 1 to 5): "
                     f"{p.clear:.0%} “clear”, {p.named:.0%} told a role, {p.no_fit:.0%} told "
                     f"that no role fits.")
    if out.mixtures is not None:
        m = out.mixtures
        lines.append(f"Students {MOSTLY:.0%} one role and {1 - MOSTLY:.0%} another: told the "
                     f"majority role {min(m.majority.values()):.0%}–"
                     f"{max(m.majority.values()):.0%} of the time, “clear” the minority role "
                     f"at most {max(m.clear_minority.values()):.1%}, no role fits "
                     f"{min(m.no_fit.values()):.0%}–{max(m.no_fit.values()):.0%}.")
    lines += ["", "| target (issues 10 and 15) | figure | met |", "|---|---:|---|"]
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
    text = "\n\n".join(parts)
    print(text)
    if args.readme:
        into_readme(text)


if __name__ == "__main__":
    main()
