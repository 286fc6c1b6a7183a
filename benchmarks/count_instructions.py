"""CPU instructions per bot game, counted by valgrind: a speed measure machine noise cannot move.

    .venv/bin/python benchmarks/count_instructions.py [--games N] [--warmup W] [--bot KIND]

Runs a child Python under ``valgrind --tool=cachegrind --cache-sim=no`` that loads the default
scenario (``scenarios/dual-use-ban-2026.yaml``) and plays W warm-up games (seeds 0 to W-1), then
N more, each with KIND (default ``doctrine``) for every team, the way ``chokepoint sweep`` plays
them (``game.sweep.play_one``). It does so twice, once with the W games alone and once with all
W+N, and prints the marginal instructions per game, ``(I refs(W+N) - I refs(W)) / N``: starting
Python, imports, loading the scenario and the first games' caches cancel out. The child runs
with ``PYTHONHASHSEED=0``, so two runs of the same code give the same figure within a fraction
of a percent; wall-clock time on the development machine drifts by up to half from one minute
to the next. Compare a speed change by this count before and after it (about 20-30 s for 20
games). Needs ``valgrind`` on the path (or at ``/usr/bin/valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "dual-use-ban-2026.yaml"

CHILD = """
import sys
from game.scenario_loader import load_scenario
from game.sweep import play_one

scenario = load_scenario(sys.argv[1])
bots = dict.fromkeys(sorted(scenario.teams), sys.argv[2])
for seed in range(int(sys.argv[3])):
    play_one(scenario, seed, bots)
"""


def instructions(games: int, bot: str) -> int:
    """Instructions (valgrind's ``I refs``) of a child process that plays ``games`` games."""
    valgrind = shutil.which("valgrind") or "/usr/bin/valgrind"
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [
        valgrind,
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-c",
        CHILD,
        str(SCENARIO),
        bot,
        str(games),
    ]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"valgrind run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        sys.exit(f"no 'I refs:' line in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=10, help="games counted (default 10)")
    ap.add_argument("--warmup", type=int, default=10, help="warm-up games (default 10)")
    ap.add_argument("--bot", default="doctrine", help="bot kind for every team")
    args = ap.parse_args()
    if args.games < 1 or args.warmup < 0:
        ap.error("--games must be at least 1 and --warmup at least 0")
    base = instructions(args.warmup, args.bot)
    full = instructions(args.warmup + args.games, args.bot)
    per_game = (full - base) / args.games
    print(
        f"{args.bot} bots, {args.games} games after {args.warmup} warm-up games: "
        f"{per_game / 1e6:.2f}M instructions a game "
        f"({base:,} instructions for {args.warmup} games, {full:,} for {args.warmup + args.games})"
    )


if __name__ == "__main__":
    main()
