"""Tournament: each bot kind plays each team against fixed opponents over the same seeded games.

    .venv/bin/python benchmarks/tournament.py [--games 200] [--seed 2026] [--opponents doctrine]
        [--kinds search,doctrine:hawk,...] [--teams beijing,...] [--jobs J]
        [--scenario FILE] [--out results.json] [--reuse earlier.json]

For every team T and every kind K, T is played by K and the other teams by ``--opponents`` in
``--games`` seeded games (game i has seed ``game.sweep.game_seed(seed, i)``, the same for every
K, so the comparison is paired). Prints a Markdown table of T's mean final score (with a 95%
confidence half-width) per kind, and the share of games in which the search bot outscored each
other kind on the same seed. ``--scenario`` plays a variant of the default scenario (a changed
objective, say) to see how it moves the table.

``--reuse`` takes a cell's scores from an earlier ``--out`` file of the same games (seed,
opponents, scenario file and enough games), after playing its first ``CHECK`` games again and
finding the same scores; a cell that fails the check, or is not in the file, is played. A change
to one bot then replays only that bot's cells, and a change to the engine replays everything.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from concurrent.futures import Executor
from pathlib import Path

from game import sweep
from game.scenario_loader import load_scenario, scenario_data

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"
KINDS = ["search:hard", "doctrine:hawk", "doctrine:dove", "doctrine:pragmatist", "random", "hold"]
CHECK = 3  # games of a reused cell played again to check that its scores still hold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--opponents", default="doctrine")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--teams", default="beijing,tokyo,washington")
    ap.add_argument("--scenario", type=Path, default=SCENARIO, help="a scenario file")
    ap.add_argument("--jobs", type=int, default=sweep.default_jobs())
    ap.add_argument("--out", default=None)
    ap.add_argument("--reuse", type=Path, default=None, help="an earlier --out file")
    args = ap.parse_args()
    s = load_scenario(args.scenario)
    data = scenario_data(s)
    kinds = args.kinds.split(",")
    teams = args.teams.split(",")
    earlier = reusable(args)
    scores: dict[str, dict[str, list[float]]] = {}
    with sweep.local_executor(args.jobs) as ex:
        for team in teams:
            scores[team] = {}
            for kind in kinds:
                bots = {t: args.opponents for t in sorted(s.teams)}
                bots[team] = kind
                t0 = time.perf_counter()
                old = earlier.get(team, {}).get(kind, [])[: args.games]
                games = CHECK if len(old) == args.games else args.games
                spec = sweep.SweepSpec(data, s.id, bots, args.seed, games)
                got = team_scores(spec, team, ex, args.jobs)
                how = "played"
                if games < args.games:
                    if got == old[:games]:
                        got, how = old, f"reused after {games} games played again gave the same"
                    else:
                        spec = sweep.SweepSpec(data, s.id, bots, args.seed, args.games)
                        got = team_scores(spec, team, ex, args.jobs)
                        how = "played (the earlier scores did not hold)"
                scores[team][kind] = got
                print(
                    f"{team} as {kind}: mean {mean(got):.1f}, {how} "
                    f"({time.perf_counter() - t0:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
    print(table(scores, kinds, args))
    if args.out:
        settings = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
        Path(args.out).write_text(json.dumps({"args": settings, "scores": scores}) + "\n")


def team_scores(spec: sweep.SweepSpec, team: str, ex: Executor, jobs: int) -> list[float]:
    """``team``'s final score in each game of ``spec``, in game order."""
    return [float(r[f"score_{team}"]) for r in sweep.run_sweep(spec, ex, jobs)]


def reusable(args: argparse.Namespace) -> dict[str, dict[str, list[float]]]:
    """The scores of ``--reuse``'s file, if it played the same games; else none."""
    if args.reuse is None:
        return {}
    data = json.loads(args.reuse.read_text())
    then = data["args"]
    same = (then["seed"], then["opponents"], Path(then["scenario"]).resolve()) == (
        args.seed,
        args.opponents,
        args.scenario.resolve(),
    )
    if not same:
        print(f"{args.reuse}: other games (seed, opponents, scenario): not reused", file=sys.stderr)
        return {}
    scores: dict[str, dict[str, list[float]]] = data["scores"]
    return scores


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def ci95(xs: list[float]) -> float:
    m = mean(xs)
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / max(1, len(xs) - 1))
    return 1.96 * sd / math.sqrt(len(xs))


def table(
    scores: dict[str, dict[str, list[float]]], kinds: list[str], args: argparse.Namespace
) -> str:
    lines = [
        f"Mean final score of the team played by each kind ({args.games} seeded games per cell, "
        f"other teams: `{args.opponents}`; ± is the 95% confidence half-width).",
        "",
        "| Team | " + " | ".join(f"`{k}`" for k in kinds) + " |",
        "|---|" + "---:|" * len(kinds),
    ]
    for team, by_kind in scores.items():
        best = max(mean(v) for v in by_kind.values())
        cells = []
        for k in kinds:
            m = mean(by_kind[k])
            cell = f"{m:.1f} ± {ci95(by_kind[k]):.1f}"
            cells.append(f"**{cell}**" if m == best else cell)
        lines.append(f"| {team} | " + " | ".join(cells) + " |")
    ref = next((k for k in kinds if k.startswith("search")), None)
    if ref is not None:
        others = [k for k in kinds if k != ref]
        lines += [
            "",
            f"Share of games (same seed) in which `{ref}` outscored the other kind "
            "(ties count half), and in brackets the mean paired difference, it minus the "
            "other kind, in points ± its 95% confidence half-width:",
            "",
            "| Team | " + " | ".join(f"vs `{k}`" for k in others) + " |",
            "|---|" + "---:|" * len(others),
        ]
        for team, by_kind in scores.items():
            cells = []
            for k in others:
                pairs = list(zip(by_kind[ref], by_kind[k], strict=True))
                won = sum(
                    1.0 if a > b + 1e-9 else 0.5 if abs(a - b) <= 1e-9 else 0.0 for a, b in pairs
                )
                diffs = [a - b for a, b in pairs]
                cells.append(f"{won / len(pairs):.0%} ({mean(diffs):+.1f} ± {ci95(diffs):.1f})")
            lines.append(f"| {team} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
