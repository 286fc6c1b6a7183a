"""Full 12-turn games per minute with bots, on this machine.

    .venv/bin/python benchmarks/bench_bots.py [--games N] [--search-games M] [--jobs J]

Plays N games with doctrine bots for every team and M games with the search bot for one team
(doctrine for the others), each serially on one core and then across J processes (the way
``chokepoint sweep`` runs), and prints games per minute. Also times each team's search decision
per difficulty at the first two turns (the costliest: the longest look-ahead, and in the second
turn a menu that can be longer: Washington's ``hard`` plays 1,152 engine turns at turn 2 against
960 at turn 1), on one core and shared between J processes as ``chokepoint run`` and the app
play them.

It plays whatever ``game`` package Python finds: the checkout's with ``.venv/bin/python``, the
compiled core with the interpreter of an environment that installed it (README, "Large
sweeps"), e.g. ``.venv-fast/bin/python benchmarks/bench_bots.py``. The first line says which.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from game import compiled_core, sweep
from game.bots import make_bot, search_pool
from game.bots.search import SearchBot
from game.engine import Session
from game.fog import team_view
from game.headless import computer_orders
from game.scenario_loader import load_scenario, scenario_data

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"


def rate(bots: dict[str, str], games: int, jobs: int) -> tuple[float, float]:
    """Games per minute (serial, parallel) for ``games`` games with ``bots``."""
    s = load_scenario(SCENARIO)
    spec = sweep.SweepSpec(scenario_data(s), "dual-use-ban-2026", bots, 1, games)
    t0 = time.perf_counter()
    sweep.run_sweep(spec)
    serial = games / (time.perf_counter() - t0) * 60
    with sweep.local_executor(jobs) as ex:
        sweep.run_sweep(sweep.SweepSpec(spec.scenario_data, "x", bots, 2, min(jobs, 2)), ex, jobs)
        t0 = time.perf_counter()
        sweep.run_sweep(spec, ex, jobs)
        parallel = games / (time.perf_counter() - t0) * 60
    return serial, parallel


def decision_times(jobs: int) -> None:
    """The first two turns' search decisions, on one core and then shared between ``jobs``
    processes (``game.bots.search_pool``, as ``chokepoint run`` and the app play them). The
    second turn's decisions are made after a first turn played by the pragmatist doctrine."""
    s = load_scenario(SCENARIO)
    session = Session(s, 1)
    doctrines = {t: make_bot("doctrine", t, s, 1) for t in sorted(s.teams)}
    session.play(computer_orders(session, doctrines))
    for workers in sorted({1, jobs}):
        search_pool.set_workers(workers)
        if workers > 1:  # the helpers started and warmed up, as in a game after its first turn
            bot = make_bot("search:easy", "beijing", s, 1)
            bot.decide(team_view(s, session.state, "beijing", 1))
        where = "one core" if workers == 1 else f"{workers} processes"
        for level in ("easy", "normal", "hard"):
            worst = 0.0
            for state in session.states:
                for team in sorted(s.teams):
                    bot = make_bot(f"search:{level}", team, s, 1)
                    assert isinstance(bot, SearchBot)
                    view = team_view(s, state, team, 1)
                    t0 = time.perf_counter()
                    bot.decide(view)
                    dt = time.perf_counter() - t0
                    worst = max(worst, dt)
                    print(
                        f"  {where:11s} search:{level:6s} {team:10s} turn {state.turn + 1}: "
                        f"{dt * 1000:6.0f} ms ({bot.evaluations} engine turns)"
                    )
            slowest = f"{worst * 1000:.0f} ms"
            print(f"  {where:11s} search:{level:6s} slowest decision of turns 1-2: {slowest}")
    search_pool.set_workers(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=400)
    ap.add_argument("--search-games", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=sweep.default_jobs())
    args = ap.parse_args()
    core = "the compiled core" if compiled_core() else "the Python core (not compiled)"
    print(f"{args.jobs} processes, {core} ({Path(sweep.__file__).parent})")
    for label, bots, n in [
        ("hold (no bots)", {"beijing": "hold", "tokyo": "hold", "washington": "hold"}, args.games),
        ("doctrine x3", {t: "doctrine" for t in ("beijing", "tokyo", "washington")}, args.games),
        (
            "search (Beijing) + doctrine x2",
            {"beijing": "search", "tokyo": "doctrine", "washington": "doctrine"},
            args.search_games,
        ),
    ]:
        serial, parallel = rate(bots, n, args.jobs)
        print(
            f"{label:32s} {n:5d} games: {serial:8,.0f} games/min on 1 core, "
            f"{parallel:8,.0f} games/min on {args.jobs}"
        )
    print("search decision time at turns 1 and 2:")
    decision_times(args.jobs)


if __name__ == "__main__":
    main()
