"""The session beside games the computer plays from the same start (``report --against N``).

A sweep (``game.sweep``) of the log's own scenario, game ``i`` seeded ``game_seed(session seed,
i)``: the same games as ``chokepoint sweep --compare LOG --games N --seed SEED``. A team the
session gave to a quick bot keeps it; the others (players, plans, search bots) are played by the
pragmatist doctrine (``game.sweep.comparison_bots``). For each team's final score and each
index: the session's value, the value in the computer's game on the session's own seed (the
like-for-like comparison: the same scripted events and, as far as the orders allow, the same
chances), the games' median and 5th-95th percentiles, and the share of games that ended lower
(ties count half); then the session's outcomes and how often each occurred. (A solo player beat
98% of the games and took it for skill; on the same seed the computer in his seat scored 95.4
to his 78.7: his seed was a lenient one.)
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

from game import sweep
from game.engine import Session
from game.errors import ChokepointError
from game.names import team_names
from game.report.model import index_label
from game.scenario_loader import scenario_data


@dataclass(frozen=True, slots=True)
class AgainstRow:
    key: str  # the sweep row's column: "score_tokyo", "index_tension", ...
    label: str
    session: float
    same_seed: float  # the computer's game on the session's own seed
    median: float
    p5: float
    p95: float
    below: float  # share of the games that ended lower (ties half)

    def numbers(self) -> list[str]:
        """The row's figures as table cells: session, same seed, median, 5%-95%, games below."""
        return [
            f"{self.session:.1f}",
            f"{self.same_seed:.1f}",
            f"{self.median:.1f}",
            f"{self.p5:.1f}-{self.p95:.1f}",
            f"{self.below:.0%}",
        ]


@dataclass(frozen=True, slots=True)
class Against:
    games: int
    seed: int
    bots: dict[str, str]  # team -> bot kind in the computer's games
    rows: list[AgainstRow]
    outcomes: list[tuple[str, str, float]]  # the session's outcomes: name, words, share of games
    teams: dict[str, str]  # team -> name
    held: tuple[str, ...] = ()  # teams that gave no orders in the session (sweep.held_teams)
    log: str = "LOG"  # the session's log, as the commands in the text name it
    branch: str = ""  # who else played a branch's first turns (sweep.branch_note), or ''


def against_intro(a: Against) -> str:
    """The section's first sentence, in plain words: what the games are and who played them."""
    sweep_command = shlex.join(
        ["chokepoint", "sweep", "--compare", a.log, "--games", str(a.games), "--seed", str(a.seed)]
    )
    return (
        f"The same scenario played {'once' if a.games == 1 else f'{a.games} times'} by the "
        "computer from the start (each game "
        f"with its own seed, drawn from the session's seed {a.seed}, so the report always "
        f"compares with the same games), {players_words(a.bots, a.teams)}."
        + "".join(
            f" {a.teams[t]} gave no orders in the session, while the computer plays it in these "
            f"games: its place among them says nothing about how it was played ({sweep_command} "
            f"--bot {t}=hold compares like with like)."
            for t in a.held
            if a.bots.get(t) != "hold"
        )
        + (f" {a.branch}" if a.branch else "")
    )


SAME_SEED_WORDS = (
    "Computer, same seed: the computer's game on the session's own seed, the same scripted "
    "events and, as far as the orders allow, the same chances: the fairest single comparison, "
    "since some seeds are kinder than others."
)


def players_words(bots: dict[str, str], teams: dict[str, str]) -> str:
    """Who plays each team in the computer's games, in words for the reader."""
    return (
        f"with these players: {sweep.bots_words(bots, teams)} (a team the computer played in "
        "the session keeps its bot, unless it was the slow search bot; the others get the "
        "pragmatist doctrine)"
    )


def against_computer(
    session: Session,
    games: int,
    executor: Executor | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    log: str = "LOG",
) -> Against:
    """Play ``games`` computer games of ``session``'s scenario and set the session beside them.

    ``progress(done, total)`` is called as games finish (``game.sweep.run_sweep``); an
    exception it raises stops the games and comes out of here."""
    if not session.is_over:
        raise ChokepointError(
            f"--against: the session has played {session.turn} of {session.scenario.turns} "
            "turns; the computer's games are played to the end, so it needs a finished session"
        )
    s = session.scenario
    bots = sweep.comparison_bots(list(s.teams), session.controllers)
    spec = sweep.SweepSpec(scenario_data(s), s.id, bots, session.seed, games)
    rows = sweep.run_sweep(spec, executor, workers, progress)
    summary = sweep.summarise(rows)
    mine = sweep.session_row(session)
    same = sweep.play_one(s, session.seed, bots)
    ranks = sweep.standing(rows, mine)
    out: list[AgainstRow] = []
    for key, share in ranks.items():
        kind, _, name = key.partition("_")
        if kind == "score":
            label = f"{s.teams[name].name} score"
        elif kind == "index":
            label = index_label(s, name)
        else:
            continue  # outputs and peak tension: in the sweep's own summary
        d = summary["distributions"][key]
        row = AgainstRow(
            key, label, float(mine[key]), float(same[key]), d["p50"], d["p5"], d["p95"], share
        )
        out.append(row)
    names = team_names(s)
    shares = summary["outcomes"]
    outcomes = [
        (name, sweep.outcome_words(name, names, s), shares.get(name, 0.0))
        for name in sweep.row_outcomes(mine)
    ]
    held = tuple(sweep.held_teams(session))
    branch = sweep.branch_note(session, names)
    return Against(games, session.seed, bots, out, outcomes, names, held, log, branch)
