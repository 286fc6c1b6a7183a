"""How well a team could play: a search far wider than a bot's, the opponents modelled exactly.

    .venv/bin/python benchmarks/oracle.py --team beijing [--games 15] [--first 0] [--worlds 6]
        [--pool 5] [--rounds 99] [--opponents doctrine] [--seed 2026] [--jobs 2]
        [--compare benchmarks/results/tournament-....json]

Plays the tournament's games (game *i* has seed ``game.sweep.game_seed(seed, i)``, as in
``tournament.py``) with TEAM played by an oracle and the other teams by ``--opponents``. Each
turn the oracle values every option (holding, the three doctrines' picks, every legal single
order on the team's menu, a set built greedily from the ``--pool`` best singles, then sets one
single added or swapped in, ``--rounds`` times or until nothing improves) by playing the game
to its end from the *true* state: the opponents as their real bots play (on their own fogged
views), this team on by doctrine.

- ``--worlds K`` (K > 0): an option is worth the mean of K rollouts, each with a rollout seed of
  its own (the dice, the fog's noise and the opponents' jitter all sampled, none the game's),
  this team going on with the doctrine whose own policy does best on those K rollouts (chosen
  each turn, as the search bot chooses its base). It knows the true state and the opponents'
  policy, not the dice.
- ``--worlds 0``: clairvoyant: one rollout with the game's own seed (the very dice that will
  fall), this team going on with each doctrine in turn, the best taken.

Far too slow to be a bot (each decision plays thousands of rollout turns, each with the
opponents' views and decisions): it measures the room above the bots (docs/bots.md, appendix).
With ``--compare``, a tournament file of the same games, it prints the oracle's lead over each
kind there, paired by game. Prints one JSON line per game as it finishes.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from game import sweep
from game.bots import Bot, make_bot
from game.bots.common import candidate_orders, is_legal
from game.engine import resolve_turn
from game.fog import team_view
from game.order_checks import check_orders
from game.orders import Order
from game.rules.context import Model
from game.scenario import Scenario
from game.scenario_loader import load_scenario
from game.state import GameState, start_state

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"
CONTINUE = ("hawk", "pragmatist", "dove")  # this team's doctrines after the first turn


def play_on(
    s: Scenario,
    model: Model,
    state: GameState,
    seed: int,
    team: str,
    first: list[Order] | None,
    cont: Bot,
    opponents: dict[str, Bot],
) -> float:
    """``team``'s final score: ``first`` now (None: what ``cont`` gives), then ``cont`` on, the
    opponents' bots throughout."""
    st, now = state, first
    while st.turn < s.turns:
        orders = {t: b.decide(team_view(s, st, t, seed)) for t, b in opponents.items()}
        orders[team] = now if now is not None else cont.decide(team_view(s, st, team, seed))
        now = None
        st, _ = resolve_turn(model, st, orders, seed, ledger=False)
    return st.scores[team]


def valuer(
    s: Scenario,
    model: Model,
    st: GameState,
    seed: int,
    team: str,
    opp: str,
    real: dict[str, Bot],
    worlds: int,
) -> Callable[[list[Order]], float]:
    """The worth of giving an option now in ``st`` (see the module docstring), remembered."""
    if worlds > 0:
        rng = random.Random(f"{seed}|{st.turn}")
        seeds = [rng.getrandbits(31) for _ in range(worlds)]
        opps = [{t: make_bot(opp, t, s, w) for t in real} for w in seeds]
        conts = {p: [make_bot(f"doctrine:{p}", team, s, w) for w in seeds] for p in CONTINUE}

        def policy(p: str) -> float:
            return sum(
                play_on(s, model, st, w, team, None, conts[p][k], opps[k])
                for k, w in enumerate(seeds)
            )

        base = conts[max(CONTINUE, key=policy)]

        def worth(opts: list[Order]) -> float:
            total = sum(
                play_on(s, model, st, w, team, opts, base[k], opps[k]) for k, w in enumerate(seeds)
            )
            return total / worlds

    else:
        clair = [make_bot(f"doctrine:{p}", team, s, seed) for p in CONTINUE]

        def worth(opts: list[Order]) -> float:
            return max(play_on(s, model, st, seed, team, opts, c, real) for c in clair)

    cache: dict[tuple[Order, ...], float] = {}

    def val(opts: list[Order]) -> float:
        key = tuple(opts)
        if key not in cache:
            cache[key] = worth(list(opts))
        return cache[key]

    return val


def oracle_game(
    s: Scenario, seed: int, team: str, opp: str, worlds: int, pool_n: int, rounds: int
) -> tuple[float, list[Any]]:
    """Play one game with ``team`` played by the oracle; its final score and its orders."""
    model = Model.compile(s)
    real = {t: make_bot(opp, t, s, seed) for t in sorted(s.teams) if t != team}
    st = start_state(s).copy()
    ap = s.teams[team].action_points
    played: list[Any] = []
    while st.turn < s.turns:
        val = valuer(s, model, st, seed, team, opp, real, worlds)
        view = team_view(s, st, team, seed)
        options: list[list[Order]] = [[]]
        for p in CONTINUE:
            pick = make_bot(f"doctrine:{p}", team, s, seed).decide(view)
            if pick:
                options.append(pick)
        singles = [o for o in candidate_orders(s, view.state, team) if is_legal(s, st, team, o)]
        options += [[o] for o in singles]
        hold = val([])
        ranked = sorted(singles, key=lambda o: -val([o]))
        pool = [o for o in ranked if val([o]) > hold][:pool_n]
        if pool:  # greedily from nothing, the best single added while it helps
            cur: list[Order] = []
            cur_v = hold
            while len(cur) < ap:
                trials = [[*cur, o] for o in pool if o not in cur]
                trials = [t for t in trials if not check_orders(s, st, team, t)]
                if not trials:
                    break
                top = max(trials, key=val)
                if val(top) <= cur_v + 1e-9:
                    break
                cur, cur_v = top, val(top)
            options.append(cur)
        best = max(options, key=val)
        improved, done = True, 0
        while improved and done < rounds:  # one pooled single added or swapped in
            done += 1
            improved = False
            for single in pool:
                if single in best:
                    continue
                trials = [[*best, single]] if len(best) < ap else []
                trials += [[*best[:i], single, *best[i + 1 :]] for i in range(len(best))]
                for t in trials:
                    if not check_orders(s, st, team, t) and val(t) > val(best) + 1e-9:
                        best, improved = t, True
        orders = {t: b.decide(team_view(s, st, t, seed)) for t, b in real.items()}
        orders[team] = best
        played.append([st.turn + 1, [o.model_dump(exclude_defaults=True) for o in best]])
        st, _ = resolve_turn(model, st, orders, seed, ledger=False)
    return st.scores[team], played


def _one(args: tuple[str, str, int, str, str, int, int, int]) -> dict[str, Any]:
    path, team, i, opp, base_seed, worlds, pool_n, rounds = args
    s = load_scenario(Path(path))
    seed = sweep.game_seed(int(base_seed), i)
    score, played = oracle_game(s, seed, team, opp, worlds, pool_n, rounds)
    return {"game": i, "seed": seed, "score": round(score, 4), "orders": played}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--team", required=True)
    ap.add_argument("--games", type=int, default=15)
    ap.add_argument("--first", type=int, default=0, help="the first game's index")
    ap.add_argument("--worlds", type=int, default=6, help="0: clairvoyant (the game's own dice)")
    ap.add_argument("--pool", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=99)
    ap.add_argument("--opponents", default="doctrine")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--scenario", type=Path, default=SCENARIO)
    ap.add_argument("--jobs", type=int, default=sweep.default_jobs())
    ap.add_argument("--compare", type=Path, default=None, help="a tournament.py --out file")
    a = ap.parse_args()
    tasks = [
        (str(a.scenario), a.team, i, a.opponents, str(a.seed), a.worlds, a.pool, a.rounds)
        for i in range(a.first, a.first + a.games)
    ]
    rows = []
    with ProcessPoolExecutor(a.jobs) as ex:
        for row in ex.map(_one, tasks):
            rows.append(row)
            print(json.dumps(row), flush=True)
    mean = sum(r["score"] for r in rows) / len(rows)
    print(f"oracle ({a.team}, {len(rows)} games): mean {mean:.2f}", file=sys.stderr)
    if a.compare:
        cells = json.loads(a.compare.read_text())["scores"][a.team]
        for kind, scores in cells.items():
            d = [r["score"] - scores[r["game"]] for r in rows]
            m = sum(d) / len(d)
            sd = math.sqrt(sum((x - m) ** 2 for x in d) / (len(d) - 1)) if len(d) > 1 else 0.0
            ahead = sum(x > 0 for x in d) / len(d)
            print(
                f"  vs {kind:20s} {m:+6.2f} ± {1.96 * sd / math.sqrt(len(d)):.2f} "
                f"(ahead in {ahead:.0%})",
                file=sys.stderr,
            )


if __name__ == "__main__":
    main()
