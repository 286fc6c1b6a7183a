"""Order plans: a YAML file that scripts each team's orders by turn, for headless play.

    turns:
      2:
        beijing:
          - {type: export_control, material: ndpr, target: JPN, level: full_ban}
      4:
        tokyo:
          - {type: invest, option: lynas_offtake}

A team without orders in a turn holds. A turn may also script the facilitator: injects to
fire by hand, overrides and notes (what a facilitated session logs)::

      3:
        facilitator:
          injects: [lib_pla_exercise]
          overrides:
            - {kind: draw, subject: "tokyo:tk_g7", value: 1, reason: G7 sherpas agreed early}
            - {kind: index, subject: tension, value: 85, reason: incident at sea}
          notes: ["Tokyo argued for a stockpile release; outvoted."]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.errors import PlanError
from game.facilitation import Override, find_inject, parse_override
from game.orders import Order, parse_order
from game.scenario import Scenario
from game.spelling import unknown

Plan = dict[int, dict[str, list[Order]]]


@dataclass
class FacilitatorTurn:
    injects: list[str] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


FacilitatorPlan = dict[int, FacilitatorTurn]


def load_plan(path: str | Path, scenario: Scenario) -> Plan:
    """The teams' orders by turn from a plan file (see :func:`load_full_plan`)."""
    return load_full_plan(path, scenario)[0]


def load_full_plan(path: str | Path, scenario: Scenario) -> tuple[Plan, FacilitatorPlan]:
    """The teams' orders and the facilitator's injects, overrides and notes, by turn."""
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


def parse_plan(
    data: object, scenario: Scenario, name: str = "<plan>"
) -> tuple[Plan, FacilitatorPlan]:
    if not isinstance(data, dict) or set(data) != {"turns"} or not isinstance(data["turns"], dict):
        raise PlanError(f"{name}: a plan is a mapping with one key, 'turns'")
    plan: Plan = {}
    facilitator: FacilitatorPlan = {}
    for turn, teams in data["turns"].items():
        if not isinstance(turn, int) or not 1 <= turn <= scenario.turns:
            raise PlanError(
                f"{name}: turn {turn!r} is not a turn of this scenario (1-{scenario.turns})"
            )
        if not isinstance(teams, dict):
            raise PlanError(f"{name}: turn {turn}: expected a mapping of team to orders")
        plan[turn] = {}
        for team, orders in teams.items():
            if team == "facilitator":
                facilitator[turn] = _facilitator_turn(orders, scenario, f"{name}: turn {turn}")
                continue
            if team not in scenario.teams:
                raise PlanError(f"{name}: turn {turn}: {unknown('team', team, scenario.teams)}")
            if not isinstance(orders, list):
                raise PlanError(f"{name}: turn {turn}, {team}: expected a list of orders")
            parsed: list[Order] = []
            for i, raw in enumerate(orders, start=1):
                try:
                    parsed.append(parse_order(raw))
                except ValueError as exc:
                    raise PlanError(f"{name}: turn {turn}, {team}, order {i}: {exc}") from None
            plan[turn][team] = parsed
    return plan, facilitator


def _facilitator_turn(raw: object, scenario: Scenario, where: str) -> FacilitatorTurn:
    if not isinstance(raw, dict) or not set(raw) <= {"injects", "overrides", "notes"}:
        raise PlanError(f"{where}, facilitator: expected a mapping with injects, overrides, notes")
    out = FacilitatorTurn()
    for inject_id in raw.get("injects", []) or []:
        try:
            find_inject(scenario, str(inject_id))
        except ValueError as exc:
            raise PlanError(f"{where}, facilitator: {exc}") from None
        out.injects.append(str(inject_id))
    for i, ov in enumerate(raw.get("overrides", []) or [], start=1):
        try:
            out.overrides.append(parse_override(ov))
        except ValueError as exc:
            raise PlanError(f"{where}, facilitator, override {i}: {exc}") from None
    for note in raw.get("notes", []) or []:
        if not isinstance(note, str) or not note.strip():
            raise PlanError(f"{where}, facilitator: notes must be text")
        out.notes.append(note.strip())
    return out
