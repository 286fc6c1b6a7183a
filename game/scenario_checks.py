"""Checks on a scenario that go beyond single names: things an author can write that the schema
accepts but that would make the game wrong, or silently drop part of the file.

Each check returns ``(field path, message)`` pairs, as :func:`game.scenario.reference_problems`
does. A message that points to a second entry (the first of two equal controls) names it with
``where``: its line when the loader knows the file, its field path otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.conditions import COMPARISONS
from game.names import count
from game.scenario import ROLES, SECTORS, Loc, Scenario
from game.state import COVER_CAP_DAYS, total_demand

Where = Callable[[Loc], str]


def field_path(loc: Loc) -> str:
    """'controls.0' for ``('controls', 0)``: where an entry stands when there is no file."""
    return ".".join(str(p) for p in loc)


def limit_problems(s: Scenario, where: Where = field_path) -> list[tuple[Loc, str]]:
    """Every problem of the checks below, in the order of the file's sections."""
    return [
        *team_actor_problems(s, where),
        *control_problems(s, where),
        *inject_turn_problems(s),
        *source_problems(s, where),
        *still_metric_problems(s),
    ]


def team_name_problems(s: Scenario) -> list[tuple[Loc, str]]:
    """The teams are exactly the three the rules give roles to (coercer, target and patron).
    One team renamed is named at its key, with the name it must have."""
    extra = [t for t in s.teams if t not in ROLES]
    missing = [r for r in ROLES if r not in s.teams]
    why = "the teams must be exactly beijing, tokyo and washington (the rules give each its role: "
    why += "coercer, target and patron)"
    if len(extra) == 1 and len(missing) == 1:
        return [(("teams", extra[0]), f"call this team '{missing[0]}': {why}")]
    said = [f"'{t}' is missing" for t in missing] + [f"'{t}' is not one of them" for t in extra]
    return [(("teams",), f"{', '.join(said)}: {why}")] if said else []


def team_actor_problems(s: Scenario, where: Where) -> list[tuple[Loc, str]]:
    """Each team speaks for its own actor: the rules score and move a team through its actor,
    so two teams on one actor would share its orders' effects and the other actor would have no
    team (Washington scored 0 when Tokyo also spoke for the USA)."""
    out: list[tuple[Loc, str]] = []
    first: dict[str, str] = {}
    for tid, team in s.teams.items():
        other = first.setdefault(team.actor, tid)
        if other != tid:
            out.append(
                (
                    ("teams", tid, "actor"),
                    f"actor '{team.actor}' already speaks for team '{other}' "
                    f"({where(('teams', other, 'actor'))}): each team needs its own actor",
                )
            )
    return out


def control_problems(s: Scenario, where: Where) -> list[tuple[Loc, str]]:
    """A starting control is one the exporter could order in the game
    (game.order_checks.check_order): on a material it produces, not on exports to itself;
    and each (exporter, material, target) is set once, since the game keeps one control per
    triple and a second entry would replace the first depending on their order in the file."""
    out: list[tuple[Loc, str]] = []
    first: dict[tuple[str, str, str], int] = {}
    for i, c in enumerate(s.controls):
        loc: Loc = ("controls", i)
        if c.target == c.exporter:
            out.append(((*loc, "target"), "an actor cannot control its exports to itself"))
        made = s.production.get(c.exporter, {}).get(c.material, 0.0)
        if c.exporter in s.actors and c.material in s.materials and made <= 0.0:
            out.append(
                (
                    (*loc, "exporter"),
                    f"{c.exporter} does not produce {c.material} (production."
                    f"{c.exporter}.{c.material} is missing or 0), so it cannot control it",
                )
            )
        key = (c.exporter, c.material, c.target)
        j = first.setdefault(key, i)
        if j != i:
            out.append(
                (
                    loc,
                    f"a second control on {c.exporter}'s {c.material} exports to {c.target} "
                    f"(the first is at {where(('controls', j))}): give each exporter, material "
                    "and target once",
                )
            )
    return out


def inject_turn_problems(s: Scenario) -> list[tuple[Loc, str]]:
    """An inject's ``turn`` is a turn of the scenario: one opening a later turn never fires on
    its own (an inject the facilitator fires by hand has no ``turn``)."""
    return [
        (
            ("injects", i, "turn"),
            f"turn {inj.turn} is after the scenario's last turn ({s.turns}), so this inject "
            "would never fire; leave 'turn' out for an inject fired by hand",
        )
        for i, inj in enumerate(s.injects)
        if inj.turn is not None and inj.turn > s.turns
    ]


def still_metric_problems(s: Scenario) -> list[tuple[Loc, str]]:
    """Objectives, move modifiers and inject conditions read metrics that can move: output of a
    sector the scenario declares and the actor has demand in, cover of a material the actor
    uses. ``output.USA.autos`` (no such sector) or ``output.CAN.defence`` (Canada has no
    demand) read a constant 100 every turn, so an objective on one gave free points; demand
    written as 0 counts as none."""
    used: list[tuple[Loc, str]] = []
    for i, mv in enumerate(s.diplomacy):
        used += [
            (("diplomacy", i, "modifiers", j, "metric"), m.metric)
            for j, m in enumerate(mv.modifiers)
        ]
    for tid, objs in s.objectives.items():
        used += [(("objectives", tid, j, "metric"), o.metric) for j, o in enumerate(objs)]
    for i, inj in enumerate(s.injects):
        if inj.condition:
            used += [(("injects", i, "condition"), p) for p in _condition_metrics(inj.condition)]
    out: list[tuple[Loc, str]] = []
    for loc, path in used:
        problem = _still_metric(s, path)
        if problem:
            out.append((loc, f"metric '{path}': {problem}"))
    return out


def _condition_metrics(text: str) -> list[str]:
    """The metric paths a condition reads ([] if it does not parse: reported elsewhere)."""
    from game.conditions import ConditionError, parse_condition

    paths: list[str] = []
    try:
        parse_condition(text, lambda p: paths.append(p))
    except ConditionError:
        return []
    return paths


def _still_metric(s: Scenario, path: str) -> str | None:
    """Why the metric ``path`` (already known to be well formed) never moves, or None."""
    parts = path.split(".")
    if parts[0] not in ("output", "cover") or len(parts) < 2 or parts[1] not in s.actors:
        return None
    actor = parts[1]
    name = s.actors[actor].name
    # a sector whose figures are all 0 uses nothing, as one left out does (an author's zeros
    # passed this check, and an objective on them gave constant points)
    demand = {sec: row for sec, row in s.demand.get(actor, {}).items() if any(row.values())}
    if parts[0] == "output":
        if len(parts) == 2:
            if not demand:
                return f"{name} has no demand in any sector, so its output stays at 100"
            return None
        sector = parts[2]
        if sector not in SECTORS:
            return None  # not a sector at all: the metric's own check says so, with a guess
        if sector not in s.sectors:
            declared = ", ".join(sorted(s.sectors))
            return f"'{sector}' is not a sector of this scenario (declared: {declared})"
        if sector not in demand:
            have = ", ".join(sorted(demand)) or "none"
            return (
                f"{name} has no demand in sector '{sector}' (its sectors: {have}), so this "
                "output stays at 100"
            )
        return None
    if len(parts) == 3 and parts[2] in s.materials:
        material = parts[2]
        if not any(row.get(material, 0.0) > 0.0 for row in demand.values()):
            return (
                f"{name} has no demand for {material} in any sector, so its days of cover "
                "never move"
            )
    return None


def source_problems(s: Scenario, where: Where) -> list[tuple[Loc, str]]:
    """Source ids are unique, so a citation ``# src: ID`` names one source."""
    out: list[tuple[Loc, str]] = []
    first: dict[str, int] = {}
    for i, src in enumerate(s.sources):
        j = first.setdefault(src.id, i)
        if j != i:
            out.append(
                (
                    ("sources", i, "id"),
                    f"duplicate source id '{src.id}' (first at {where(('sources', j, 'id'))})",
                )
            )
    return out


def unreachable_notes(s: Scenario) -> list[str]:
    """Parts of a valid scenario no one can ever use, in words, for ``chokepoint validate`` to
    note (not refuse: a draft may hold them on purpose). A locked move or investment that no
    inject unlocks; moves or investments open to a team whose ``orders`` leave out
    ``diplomacy`` or ``invest`` (a scenario author's Seoul had four moves and three projects it
    could never order, and validate said nothing)."""
    unlocked = {u for inj in s.injects for u in inj.effects.unlock}
    notes: list[str] = []
    for i, move in enumerate(s.diplomacy):
        if move.locked and move.id not in unlocked:
            notes.append(
                f"diplomacy.{i} '{move.id}' is locked and no inject unlocks it: no one can "
                "ever play it"
            )
    for i, option in enumerate(s.investments):
        if option.locked and option.id not in unlocked:
            notes.append(
                f"investments.{i} '{option.id}' is locked and no inject unlocks it: no one can "
                "ever fund it"
            )
    for team_id, team in sorted(s.teams.items()):
        moves = [m.id for m in s.diplomacy if team_id in m.teams]
        if moves and "diplomacy" not in team.orders:
            notes.append(
                f"teams.{team_id}: {count(len(moves), 'diplomatic move')} "
                f"{'is' if len(moves) == 1 else 'are'} open to {team.name}, but "
                "'diplomacy' is not in its orders, so it can play none of them"
            )
        options = [o.id for o in s.investments if o.team == team_id]
        if options and "invest" not in team.orders:
            notes.append(
                f"teams.{team_id}: {count(len(options), 'investment')} "
                f"{'is' if len(options) == 1 else 'are'} open to {team.name}, but "
                "'invest' is not in its orders, so it can fund none of them"
            )
    notes += supply_notes(s)
    for team_id, objectives in sorted(s.objectives.items()):
        for i, o in enumerate(objectives):
            share = o.metric.startswith("share.") or o.metric == "index.market_share"
            if share and o.high <= 1.0:
                notes.append(
                    f"objectives.{team_id}.{i}: '{o.metric}' is a percentage (0-100), but "
                    f"low and high are {o.low:g} and {o.high:g}: for 50% to 100%, write low: "
                    "50, high: 100"
                )
    turns = s.turns
    for i, option in enumerate(s.investments):
        if option.lead_time >= turns:
            notes.append(
                f"investments.{i} '{option.id}' takes {count(option.lead_time, 'turn')} to "
                f"complete and the game has {count(turns, 'turn')}: even funded in the first "
                "turn, it never completes"
            )
    for i, option in enumerate(s.investments):
        if option.offtake_to is not None and option.offtake_to == option.host:
            notes.append(
                f"investments.{i} '{option.id}': offtake_to is its own host "
                f"({option.host}): the output stays there, as it would with no offtake_to "
                "(an offtake moves another buyer's purchases to the host)"
            )
    for i, inj in enumerate(s.injects):
        never = _never_true(s, inj.condition) if inj.condition else None
        if never:
            notes.append(f"injects.{i} '{inj.id}': its condition can never hold ({never})")
    locked = {m.id for m in s.diplomacy if m.locked} | {o.id for o in s.investments if o.locked}
    for i, inj in enumerate(s.injects):
        for item in inj.effects.unlock:
            if item not in locked:
                notes.append(
                    f"injects.{i} '{inj.id}' unlocks '{item}', which is not locked: it is "
                    "open from the start (add 'locked: true' to it if the inject should open it)"
                )
    return notes


_ONE_TEST = re.compile(r"^\s*([A-Za-z_][\w.\-]*)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")


def _never_true(s: Scenario, condition: str) -> str | None:
    """Why a condition that is one comparison, 'index.tension > 150', can never hold: the
    values it reads stay within a range (an index 0-100, cover 0-365 days, output 0-100; turn
    from 2 to the last turn, as conditions are checked at the end of each turn), or None. A
    scenario author's 'turn > 9' in a 9-turn game, or 'cover.USA.gallium < 0', passed silently.
    """
    found = _ONE_TEST.match(condition)
    if found is None:
        return None
    path, op, number = found[1], found[2], float(found[3])
    head = path.split(".", 1)[0]
    ranges = {"index": (0.0, 100.0), "output": (0.0, 100.0), "cover": (0.0, COVER_CAP_DAYS)}
    if path == "turn":
        low, high, what = 2.0, float(s.turns), f"turn runs from 2 to {s.turns} when it is checked"
    elif head in ranges:
        low, high = ranges[head]
        what = f"{path} stays within {low:g}-{high:g}"
    else:
        return None
    if path == "turn":  # whole turns only
        values = [float(t) for t in range(int(low), int(high) + 1)]
        holds = any(COMPARISONS[op](v, number) for v in values)
    else:
        holds = {
            "<": low < number,
            "<=": low <= number,
            ">": high > number,
            ">=": high >= number,
            "==": low <= number <= high,
            "!=": True,
        }[op]
    return None if holds else what


def supply_notes(s: Scenario) -> list[str]:
    """Trade set-ups that quietly change a game: an importer that needs a material it neither
    produces enough of nor has any supplier for, and a share on a supplier that produces none
    of it (a scenario author's audit: Japan's gallium ran out by turn 4 and validate said
    nothing)."""
    notes: list[str] = []
    for actor in sorted(s.actors):
        for m in sorted(s.materials):
            need = total_demand(s, actor, m)
            made = s.production.get(actor, {}).get(m, 0.0)
            suppliers = s.trade_shares.get(actor, {}).get(m, {})
            if need > made and not suppliers:
                notes.append(
                    f"trade_shares.{actor}: no suppliers of {m}, though {actor} needs "
                    f"{need:g} {s.materials[m].unit} a turn and produces {made:g}: it can buy "
                    "only from spare supply left over, if any"
                )
            for exporter in sorted(suppliers):
                if suppliers[exporter] > 0 and s.production.get(exporter, {}).get(m, 0.0) <= 0:
                    notes.append(
                        f"trade_shares.{actor}.{m}.{exporter}: {exporter} produces no {m}, so "
                        "that share brings nothing"
                    )
    return notes
