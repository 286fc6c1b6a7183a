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
from game.orders import Order, name_problems, parse_order
from game.scenario import Loc, Scenario
from game.scenario_loader import node_at, place
from game.spelling import unknown
from game.yaml_source import YamlProblem, read_yaml

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
    """The teams' orders and the facilitator's injects, overrides and notes, by turn.

    Every problem in the file is reported at once, each with its line: the shape of each
    order, and every name an order uses that this scenario does not have or does not open to
    that team (:func:`game.orders.name_problems`). Whether an order is allowed *when* it is
    given (affordable, not already in force) is the engine's to say at that turn.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data, root = read_yaml(text)
    except OSError as exc:
        raise PlanError(f"{path}: cannot read the plan: {exc.strerror}") from None
    except YamlProblem as exc:
        raise PlanError(f"{path}: {exc}") from None
    return parse_plan(data, scenario, str(path), root)


def parse_plan(
    data: object, scenario: Scenario, name: str = "<plan>", root: yaml.Node | None = None
) -> tuple[Plan, FacilitatorPlan]:
    if not isinstance(data, dict) or set(data) != {"turns"} or not isinstance(data["turns"], dict):
        raise PlanError(f"{name}: a plan is a mapping with one key, 'turns'")
    plan: Plan = {}
    facilitator: FacilitatorPlan = {}
    problems: list[tuple[Loc, str]] = []
    for turn, teams in data["turns"].items():
        here: Loc = ("turns", turn)
        if not isinstance(turn, int) or not 1 <= turn <= scenario.turns:
            problems.append(
                (here, f"turn {turn!r} is not a turn of this scenario (1-{scenario.turns})")
            )
            continue
        if not isinstance(teams, dict):
            problems.append((here, f"turn {turn}: expected a mapping of team to orders"))
            continue
        plan[turn] = {}
        for team, orders in teams.items():
            if team == "facilitator":
                try:
                    facilitator[turn] = _facilitator_turn(orders, scenario, f"turn {turn}")
                except PlanError as exc:
                    problems.append(((*here, team), str(exc)))
                continue
            if team not in scenario.teams:
                problems.append(
                    ((*here, team), f"turn {turn}: {unknown('team', team, scenario.teams)}")
                )
                continue
            if not isinstance(orders, list):
                problems.append(((*here, team), f"turn {turn}, {team}: expected a list of orders"))
                continue
            parsed: list[Order] = []
            for i, raw in enumerate(orders):
                where = f"turn {turn}, {team}, order {i + 1}"
                try:
                    order = parse_order(raw)
                except ValueError as exc:
                    problems.append(((*here, team, i), f"{where}: {exc}"))
                    continue
                problems.extend(
                    ((*here, team, i), f"{where}: {p}")
                    for p in name_problems(scenario, team, order)
                )
                parsed.append(order)
            plan[turn][team] = parsed
    if problems:
        lines = [f"{place(node_at(root, loc)[0])}{text}" for loc, text in problems]
        noun = "problem" if len(lines) == 1 else "problems"
        listed = "\n".join(f"  {line}" for line in lines)
        raise PlanError(f"{name}: invalid plan ({len(lines)} {noun})\n{listed}")
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
