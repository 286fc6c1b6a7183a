"""Where a bot game's time goes: each rule of the engine, the team views and the bots' decisions.

    .venv/bin/python benchmarks/profile_game.py [--games N] [--bot KIND]

Plays N 12-turn games of the default scenario with KIND (default ``doctrine``) for every team,
the way ``chokepoint sweep`` plays them, with a timer wrapped around each rule of
``game.engine.resolve_turn``, the team view (``game.fog.team_view``) and each bot decision, and
prints milliseconds per game for each. Timers add a little overhead of their own; the total is
measured without them first.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import engine, headless, sweep
from game.rules import (
    controls,
    diplomacy,
    diversification,
    industry,
    injects,
    investment,
    measures,
    prices,
    scoring,
    stocks,
    strategic,
    trade,
)
from game.scenario_loader import load_scenario, scenario_data
from game.state import GameState

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"
RULES = [
    (controls, "apply_control_orders"),
    (measures, "apply_measures"),
    (stocks, "book_stockpile_orders"),
    (investment, "progress_projects"),
    (diplomacy, "resolve_moves"),
    (trade, "resolve_trade"),
    (measures, "apply_sanction_costs"),
    (stocks, "settle_stocks"),
    (industry, "update_output"),
    (prices, "update_prices"),
    (diversification, "diversify"),
    (strategic, "update_indices"),
    (injects, "fire_scripted"),
    (scoring, "update_scores"),
]
SPENT: dict[str, float] = {}


def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] = SPENT.get(label, 0.0) + time.perf_counter() - t0

    return wrapper


def play(spec: sweep.SweepSpec) -> float:
    t0 = time.perf_counter()
    sweep.run_sweep(spec)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--bot", default="doctrine")
    args = ap.parse_args()
    s = load_scenario(SCENARIO)
    bots = dict.fromkeys(sorted(s.teams), args.bot)
    spec = sweep.SweepSpec(scenario_data(s), "dual-use-ban-2026", bots, 1, args.games)
    play(sweep.SweepSpec(spec.scenario_data, "warm-up", bots, 2, 5))
    total = play(spec) / args.games * 1000

    for module, name in RULES:
        setattr(
            module,
            name,
            timed(f"rule {module.__name__.split('.')[-1]}.{name}", getattr(module, name)),
        )
    engine.check_orders = timed("order checks (in resolve_turn)", engine.check_orders)
    engine.resolve_turn = timed("resolve_turn (all of it)", engine.resolve_turn)
    headless.team_view = timed("team views (3 a turn)", headless.team_view)
    GameState.copy = timed("state copies", GameState.copy)  # type: ignore[method-assign]
    decide = headless.computer_orders

    def orders(session: Any, team_bots: Any) -> Any:
        for bot in team_bots.values():
            if not hasattr(bot, "_timed"):
                bot.decide = timed("bot decisions (3 a turn)", bot.decide)
                bot._timed = True
        return decide(session, team_bots)

    headless.computer_orders = orders
    timed_total = play(spec) / args.games * 1000
    print(f"{args.games} games, bots: {args.bot} for every team")
    print(f"{'whole game (no timers)':40s} {total:7.2f} ms")
    print(f"{'whole game (with timers)':40s} {timed_total:7.2f} ms")
    for label, spent in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"  {label:38s} {spent / args.games * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
