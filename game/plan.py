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
from typing import cast

import yaml

from game.errors import PlanError
from game.facilitation import Override, find_inject, note_problem, parse_override
from game.files import PLAN_LIMIT, read_bytes
from game.order_checks import name_problems
from game.orders import Order, parse_order
from game.scenario import Loc, Scenario
from game.scenario_loader import key_names, node_at, place, same_type
from game.spelling import did_you_mean, unknown
from game.yaml_source import YamlProblem, not_utf8, read_yaml_noting_repeats

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
    that team (:func:`game.order_checks.name_problems`). Whether an order is allowed *when* it is
    given (affordable, not already in force) is the engine's to say at that turn.
    """
    path = Path(path)
    raw = b""
    try:
        raw = read_bytes(path, PLAN_LIMIT)
        data, root, twice = read_yaml_noting_repeats(raw.decode("utf-8"))
    except OSError as exc:
        raise PlanError(f"{path}: cannot read the plan: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise PlanError(f"{path}: {not_utf8(raw)}") from None
    except YamlProblem as exc:
        from game.log import is_session_log

        if is_session_log(path):  # a log auditor got PyYAML's "expected '<document start>'"
            raise PlanError(
                f"{path}: this is a session log, not an orders plan: to play on from it, use "
                f"chokepoint run --from {path}"
            ) from None
        raise PlanError(f"{path}: {exc}") from None
    return parse_plan(data, scenario, str(path), root, twice)


def _in_plan_words(problem: YamlProblem) -> YamlProblem:
    """A key written twice, placed as the plan's other messages place things: 'turn 1,
    tokyo, order 1' (a log auditor read 'turns.1.tokyo.0', counted from 0, beside them)."""
    parts = problem.path.split(".")
    if parts[:1] != ["turns"] or len(parts) < 2:
        return problem
    words = [f"turn {parts[1]}"]
    rest = parts[2:]
    if rest:
        words.append(rest[0])
    if len(rest) >= 2 and rest[1].isdigit():  # an order in a team's list
        words.append(f"order {int(rest[1]) + 1}")
    elif len(rest) >= 3 and rest[2].isdigit():  # a facilitator's inject, override or note
        words.append(f"{rest[1].rstrip('s')} {int(rest[2]) + 1}")
    message = f"{', '.join(words)}: {problem.message[len(problem.path) + 2 :]}"
    return YamlProblem(message, problem.line, problem.column, problem.path)


def parse_plan(
    data: object,
    scenario: Scenario,
    name: str = "<plan>",
    root: yaml.Node | None = None,
    repeated: list[YamlProblem] | None = None,
) -> tuple[Plan, FacilitatorPlan]:
    """The plan in ``data``; :class:`PlanError` lists every problem, with the keys written
    twice in the file (``repeated``, from ``read_yaml_noting_repeats``) among them."""
    repeated = repeated or []
    if not isinstance(data, dict) or set(data) != {"turns"} or not isinstance(data["turns"], dict):
        if repeated:
            raise PlanError(f"{name}: {repeated[0]}")
        raise PlanError(f"{name}: {_not_a_plan(data, root)}")
    plan: Plan = {}
    facilitator: FacilitatorPlan = {}
    problems: list[tuple[Loc, str]] = []
    seen: set[int] = set()
    for key, teams in data["turns"].items():
        here: Loc = ("turns", key)
        # '2' (quoted, as JSON writes every key) is turn 2; 'true' is no turn, though YAML's
        # true is also the number 1
        digits = key.strip() if isinstance(key, str) else ""
        turn = int(digits) if digits.isascii() and digits.isdecimal() else key
        if isinstance(turn, bool) or not isinstance(turn, int):
            said = str(key).lower() if isinstance(key, bool) else key
            what = "a turn's number is left empty" if key is None else f"'{said}' is not a turn"
            problems.append(((*here, KEY), f"{what}: a turn is a number, 1-{scenario.turns}"))
            continue
        if not 1 <= turn <= scenario.turns:
            problems.append(
                (here, f"turn {turn!r} is not a turn of this scenario (1-{scenario.turns})")
            )
            continue
        if turn in seen:
            problems.append(((*here, KEY), f"turn {turn} is given twice ('{turn}' and {turn})"))
            continue
        seen.add(turn)
        if not isinstance(teams, dict):
            problems.append(((*here, KEY), f"turn {turn}: expected a mapping of team to orders"))
            continue
        plan[turn] = {}
        for team, orders in teams.items():
            if team == "facilitator":
                fac, wrong = _facilitator_turn(orders, scenario, f"turn {turn}")
                facilitator[turn] = fac
                problems.extend(((*here, team, *loc), text) for loc, text in wrong)
                continue
            if isinstance(team, int) and not isinstance(team, bool):
                teams_named = ", ".join(sorted(scenario.teams))
                why = (
                    f"if it is turn {team}, it is indented too far, read as part of turn "
                    f"{turn}: move '{team}:' back to line up with '{turn}:'"
                    if team != turn  # (turn 1 inside turn 1 is no misplaced turn)
                    else f"a turn's orders are given under the teams' names ({teams_named})"
                )
                problems.append(((*here, team, KEY), f"turn {turn}: '{team}' is not a team: {why}"))
                continue
            if team is None:  # '~:' or 'null:' (placed at that key: ``key_names``)
                problems.append(
                    (
                        (*here, cast(str, team), KEY),
                        f"turn {turn}: a team's name is left empty: "
                        f"give one of {', '.join(sorted(scenario.teams))}",
                    )
                )
                continue
            if team not in scenario.teams:
                problems.append(
                    (
                        (*here, team, KEY),
                        f"turn {turn}: {unknown('team', str(team), scenario.teams)}",
                    )
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
    problems.extend(_fired_twice(facilitator, scenario))
    if problems or repeated:
        nodes = [(_node_of(root, loc), text) for loc, text in problems]
        placed = [(_line_of(node), f"{place(node)}{text}") for node, text in nodes]
        placed += [(p.line - 1, str(_in_plan_words(p))) for p in repeated]  # 0-based lines
        lines = [text for _, text in sorted(placed, key=lambda pair: pair[0])]
        noun = "problem" if len(lines) == 1 else "problems"
        listed = "\n".join(f"  {line}" for line in lines)
        raise PlanError(f"{name}: invalid plan ({len(lines)} {noun})\n{listed}")
    return plan, facilitator


KEY = "[key]"
"""The last part of a problem's place when it is about a name (a team, a turn) rather than
what is written under it: the problem is reported at the name's own line."""


def _node_of(root: yaml.Node | None, loc: Loc) -> yaml.Node | None:
    if not loc or loc[-1] != KEY:
        return node_at(root, loc)[0]
    parent, _ = node_at(root, loc[:-2])
    if isinstance(parent, yaml.MappingNode):
        keys = [
            k for k, _ in parent.value if isinstance(k, yaml.ScalarNode) and key_names(k, loc[-2])
        ]
        typed = [k for k in keys if same_type(k, loc[-2])]  # of 2: and '2':, the one meant
        if keys:
            return (typed or keys)[0]
    return node_at(root, loc[:-1])[0]


def _line_of(node: yaml.Node | None) -> int:
    return node.start_mark.line if node is not None else -1


def _not_a_plan(data: object, root: yaml.Node | None) -> str:
    """Why ``data`` is not a plan, where, in words."""
    shape = "a plan is a mapping with one key, 'turns', holding the turns by number"
    if not isinstance(data, dict):
        return f"{'the file is empty' if data is None else 'not a mapping'}: {shape}"
    for key in data:
        if key != "turns":
            guess = did_you_mean(str(key), ["turns"])
            keys = [k for k, _ in root.value] if isinstance(root, yaml.MappingNode) else []
            where = next((place(k) for k in keys if k.value == str(key)), "")
            return f"{where}'{key}' is not part of a plan ({shape})" + (
                f"; {guess}" if guess else ""
            )
    if "turns" not in data:
        return shape
    return f"{place(node_at(root, ('turns',))[0])}'turns' must map turn numbers to orders"


FACILITATOR_KEYS = ("injects", "overrides", "notes")


def _facilitator_turn(
    raw: object, scenario: Scenario, where: str
) -> tuple[FacilitatorTurn, list[tuple[Loc, str]]]:
    """One turn's facilitator actions, and every problem with them (each with its place
    below ``facilitator``)."""
    out = FacilitatorTurn()
    problems: list[tuple[Loc, str]] = []
    if not isinstance(raw, dict):
        keys = ", ".join(FACILITATOR_KEYS)
        return out, [((), f"{where}, facilitator: expected a mapping with any of {keys}")]
    for key in raw:
        if key not in FACILITATOR_KEYS:
            problems.append(
                ((key,), f"{where}, facilitator: {unknown('key', key, FACILITATOR_KEYS)}")
            )
    lists: dict[str, list[object]] = {}
    for key in FACILITATOR_KEYS:
        value = raw.get(key) or []
        if isinstance(value, list):
            lists[key] = value
        else:
            problems.append(
                ((key,), f"{where}, facilitator: {key} must be a list, e.g. {key}: [{value!r}]")
            )
            lists[key] = []
    for i, inject_id in enumerate(lists["injects"]):
        try:
            find_inject(scenario, str(inject_id))
        except ValueError as exc:
            problems.append((("injects", i), f"{where}, facilitator: {exc}"))
            continue
        out.injects.append(str(inject_id))
    for i, ov in enumerate(lists["overrides"]):
        try:
            out.overrides.append(parse_override(ov))
        except ValueError as exc:
            problems.append((("overrides", i), f"{where}, facilitator, override {i + 1}: {exc}"))
    for i, note in enumerate(lists["notes"]):
        if not isinstance(note, str) or not note.strip():
            problems.append((("notes", i), f"{where}, facilitator: notes must be text"))
            continue
        refused = note_problem(note)
        if refused is not None:
            problems.append((("notes", i), f"{where}, facilitator: {refused}"))
            continue
        out.notes.append(note.strip())
    return out, problems


def _fired_twice(facilitator: FacilitatorPlan, scenario: Scenario) -> list[tuple[Loc, str]]:
    """A hand-fired inject that fires once, listed again in a later place of the plan."""
    problems: list[tuple[Loc, str]] = []
    first: dict[str, int] = {}
    for turn in sorted(facilitator):
        for i, inject_id in enumerate(facilitator[turn].injects):
            if not find_inject(scenario, inject_id).once:
                continue
            if inject_id in first:
                problems.append(
                    (
                        ("turns", turn, "facilitator", "injects", i),
                        f"turn {turn}, facilitator: inject '{inject_id}' fires once and is "
                        f"already fired in turn {first[inject_id]}",
                    )
                )
            else:
                first[inject_id] = turn
    return problems
