"""Order plans: a YAML file that scripts each team's orders by turn, for headless play.

    turns:
      2:
        beijing:
          - {type: export_control, material: ndpr, target: JPN, level: full_ban}
      4:
        tokyo:
          - {type: invest, option: lynas_offtake}

A team without orders in a turn holds.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from game.errors import PlanError
from game.orders import Order, parse_order
from game.scenario import Scenario

Plan = dict[int, dict[str, list[Order]]]


def load_plan(path: str | Path, scenario: Scenario) -> Plan:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PlanError(f"{path}: cannot read the plan: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}:" if mark else ""
        raise PlanError(
            f"{path}:{where} YAML syntax error: {getattr(exc, 'problem', exc)}"
        ) from None
    return parse_plan(data, scenario, str(path))


def parse_plan(data: object, scenario: Scenario, name: str = "<plan>") -> Plan:
    if not isinstance(data, dict) or set(data) != {"turns"} or not isinstance(data["turns"], dict):
        raise PlanError(f"{name}: a plan is a mapping with one key, 'turns'")
    plan: Plan = {}
    for turn, teams in data["turns"].items():
        if not isinstance(turn, int) or not 1 <= turn <= scenario.turns:
            raise PlanError(
                f"{name}: turn {turn!r} is not a turn of this scenario (1-{scenario.turns})"
            )
        if not isinstance(teams, dict):
            raise PlanError(f"{name}: turn {turn}: expected a mapping of team to orders")
        plan[turn] = {}
        for team, orders in teams.items():
            if team not in scenario.teams:
                raise PlanError(
                    f"{name}: turn {turn}: unknown team '{team}' "
                    f"(teams: {', '.join(sorted(scenario.teams))})"
                )
            if not isinstance(orders, list):
                raise PlanError(f"{name}: turn {turn}, {team}: expected a list of orders")
            parsed: list[Order] = []
            for i, raw in enumerate(orders, start=1):
                try:
                    parsed.append(parse_order(raw))
                except ValueError as exc:
                    raise PlanError(f"{name}: turn {turn}, {team}, order {i}: {exc}") from None
            plan[turn][team] = parsed
    return plan
