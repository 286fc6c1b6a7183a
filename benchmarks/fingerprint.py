"""A fingerprint of the engine's behaviour, for speed work that must not change a single result.

    .venv/bin/python benchmarks/fingerprint.py > before.txt
    # ... change the code ...
    .venv/bin/python benchmarks/fingerprint.py | diff before.txt - && echo same

Plays 390 bot games over both bundled scenarios (doctrine personalities against each other and
random orders, seeds from ``game.sweep.game_seed(99, i)``) and prints, for each set, the SHA-256
of every game's full session log: states, state hashes, orders, draws and the ledger's story. Any
change to what the engine computes, or to what a doctrine or random bot decides, changes a line.
The engine's version string and the header's copy of the scenario are left out (with the lines'
own hashes and links, which depend on them), so raising the version or rewording a scenario's
labels does not change a fingerprint; a changed number in a scenario still does, through the
states. The search bot is left out: it is
slow, and it only calls the engine and the doctrines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from game.bots import make_bot
from game.engine import Session
from game.headless import play_game
from game.log import session_lines
from game.scenario_loader import load_scenario
from game.state import canonical_json
from game.sweep import game_seed

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
SETS: list[tuple[str, dict[str, str], int]] = [
    (
        "dual-use-ban-2026",
        {"beijing": "doctrine", "tokyo": "doctrine", "washington": "doctrine"},
        150,
    ),
    (
        "dual-use-ban-2026",
        {"beijing": "doctrine:hawk", "tokyo": "doctrine:dove", "washington": "doctrine:hawk"},
        60,
    ),
    (
        "dual-use-ban-2026",
        {"beijing": "doctrine:dove", "tokyo": "doctrine:hawk", "washington": "doctrine:dove"},
        60,
    ),
    ("dual-use-ban-2026", {"beijing": "random", "tokyo": "random", "washington": "random"}, 80),
    ("senkaku-2010", {"beijing": "doctrine", "tokyo": "doctrine:hawk", "washington": "random"}, 40),
]


def fingerprint(scenario_id: str, bots: dict[str, str], games: int, base: int) -> str:
    """SHA-256 (first 16 hex digits) of the session logs of ``games`` seeded games."""
    scenario = load_scenario(SCENARIOS / f"{scenario_id}.yaml")
    h = hashlib.sha256()
    for i in range(games):
        seed = game_seed(base, i)
        team_bots = {t: make_bot(k, t, scenario, seed) for t, k in sorted(bots.items())}
        session = Session(scenario, seed, {t: f"bot:{k}" for t, k in bots.items()})
        play_game(session, {}, team_bots)
        for line in session_lines(session):
            record = json.loads(line)
            for key in ("engine", "hash", "prev", "scenario"):
                record.pop(key, None)
            h.update(canonical_json(record).encode())
            h.update(b"\n")
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=99, help="base seed of every set")
    args = parser.parse_args()
    for scenario_id, bots, games in SETS:
        kinds = ",".join(f"{t}={k}" for t, k in sorted(bots.items()))
        print(f"{scenario_id} {kinds} {games} {fingerprint(scenario_id, bots, games, args.seed)}")


if __name__ == "__main__":
    main()
