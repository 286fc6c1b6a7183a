"""Rewrite the golden logs after an intended change of the rules.

    .venv/bin/python -m tests.golden.regenerate

Review the diff of tests/golden/*.jsonl before committing: every changed number is a changed
outcome for players.
"""

from __future__ import annotations

from pathlib import Path

from game.engine import Session
from game.headless import play_game
from game.log import session_lines
from game.plan import load_full_plan
from game.scenario_loader import load_scenario

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

GOLDEN = {
    "default-seed7.jsonl": ("scenarios/dual-use-ban-2026.yaml", HERE / "plan-default.yaml", 7),
    "facilitated-seed11.jsonl": (
        "scenarios/dual-use-ban-2026.yaml",
        HERE / "plan-facilitated.yaml",
        11,
    ),
    "senkaku-history-seed1.jsonl": (
        "scenarios/senkaku-2010.yaml",
        ROOT / "scenarios/plans/senkaku-2010-history.yaml",
        1,
    ),
}


def build(name: str) -> str:
    scenario_path, plan_path, seed = GOLDEN[name]
    scenario = load_scenario(ROOT / scenario_path)
    session = Session(scenario, seed, {t: "plan" for t in scenario.teams})
    plan, facilitator = load_full_plan(plan_path, scenario)
    play_game(session, plan, facilitator=facilitator)
    return "".join(session_lines(session))


if __name__ == "__main__":
    for name in GOLDEN:
        (HERE / name).write_text(build(name), encoding="utf-8", newline="\n")
        print(f"wrote tests/golden/{name}")
