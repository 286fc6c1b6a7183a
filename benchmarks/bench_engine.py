"""Engine speed: one turn's resolution, whole headless games, `chokepoint --help`, `verify`.

    .venv/bin/python benchmarks/bench_engine.py

Prints the figures recorded in docs/performance.md. Timings are medians over repeated runs on
whatever machine runs it; nothing here is a test.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.engine import Session, resolve_turn
from game.headless import play_game
from game.log import verify_log, write_log
from game.orders import Diplomacy, ExportControl, StockpileRelease
from game.scenario_loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "dual-use-ban-2026.yaml"


# New processes run as on a user's machine: with compiled modules cached in __pycache__. A
# development shell that sets PYTHONDONTWRITEBYTECODE would make every run compile Chokepoint's
# modules again (about 50 ms more per `chokepoint verify`).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def command(argv: list[str], *args: str) -> None:
    """Run a new process the way a user would, output discarded."""
    subprocess.run([*argv, *args], check=True, capture_output=True, env=USER_ENV)


def median_ms(fn, repeat: int, inner: int = 1) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t) / inner * 1000)
    return statistics.median(samples)


def main() -> None:
    scenario = load_scenario(SCENARIO)
    session = Session(scenario, seed=1)
    orders = {
        "beijing": [
            ExportControl(material="dytb", target="JPN", level="full_ban"),
            Diplomacy(move="bj_pla_exercise"),
        ],
        "tokyo": [StockpileRelease(material="dytb", amount=20), Diplomacy(move="tk_g7")],
        "washington": [Diplomacy(move="us_reassure")],
    }
    for _ in range(3):
        session.play(orders)
    state = session.state
    hold = median_ms(lambda: resolve_turn(session.model, state, {}, 1), 50, 40)
    busy = median_ms(lambda: resolve_turn(session.model, state, orders, 1), 50, 40)
    hashed = median_ms(lambda: resolve_turn(session.model, state, orders, 1)[1].state_hash, 50, 40)
    print(f"turn resolution, all teams hold:            {hold:.3f} ms median")
    print(f"turn resolution, 5 orders incl. draws:      {busy:.3f} ms median")
    print(f"  ... plus the state hash for the log:      {hashed:.3f} ms median")

    def game() -> None:
        play_game(Session(scenario, seed=2))

    per_game = median_ms(game, 20, 5)
    print(
        f"whole 12-turn game (holding), one process:  {per_game:.2f} ms = "
        f"{1000 / per_game:.0f} games/s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "game.jsonl"
        s = Session(scenario, seed=3)
        s.submit("beijing", orders["beijing"])
        play_game(s)
        write_log(s, log)
        verify = median_ms(lambda: verify_log(log), 20)
        print(f"verify a 12-turn log (in process):          {verify:.1f} ms median")
        cmd = [str(Path(sys.executable).parent / "chokepoint")]
        verify_cli = median_ms(lambda: command(cmd, "verify", str(log)), 10)
        print(f"`chokepoint verify` of a 12-turn log:       {verify_cli:.0f} ms median (process)")
        floor = median_ms(lambda: command([sys.executable, "-c", "import pydantic.main"]), 10)
        print(f"  (a process that only imports pydantic:    {floor:.0f} ms median)")
    help_ms = median_ms(lambda: command(cmd, "--help"), 10)
    print(f"`chokepoint --help`:                        {help_ms:.0f} ms median (process)")


if __name__ == "__main__":
    main()
