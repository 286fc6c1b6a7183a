"""Plain words for the engine's identifiers, ledger entries, draws and orders.

Presentation only: nothing here computes a rule. It turns ``cover.JPN.dytb`` into "Japan: days of
cover of Dy/Tb oxide", and decides which lines of a turn a given point of view may see (the fog
says what is hidden; this module only applies it to the ledger and order lists).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.markup import escape as _escape

from game import fog, names
from game.bots.doctrine import LOW_SHARE
from game.chance import Draw
from game.facilitation import Override
from game.ledger import Entry
from game.names import actor_name as actor_name  # re-exported for the screens
from game.names import chance_text, roll_text
from game.names import humanize as _humanize
from game.names import material_name as material_name
from game.names import money as money  # re-exported for the screens
from game.names import order_words as order_words  # re-exported for the screens
from game.names import printed_change as printed_change  # re-exported for the widgets
from game.names import quantity as quantity  # re-exported for the screens
from game.order_checks import conflict_key
from game.orders import Invest, Order, StockpileBuild, StockpileRelease
from game.scenario import Scenario
from game.state import COVER_CAP_DAYS, GameState, days_of_cover, total_demand

FACILITATOR = "facilitator"


def esc(text: str) -> str:
    """``text``, holding a scenario's own words, made safe where the app reads markup (titles,
    labels, table cells): '[est.]' vanished there and '[/]' in a team's name crashed the app.
    Brackets that make no tag ('[1]') are left as they are (``rich.markup.escape``)."""
    return _escape(text)


INDEX_LABELS = {
    "tension": "Tension",
    "cohesion": "US–Japan cohesion",
    "posture": "Japan's Taiwan posture",
    "deterrence": "Deterrence credibility",
    "market_share": "China's market share",
}
INDEX_ORDER = ("tension", "cohesion", "posture", "deterrence", "market_share")


_ONE_POINT = re.compile(r"\b1 action points\b")


def humanize(s: Scenario, text: str) -> str:
    """``game.names.humanize`` (names for identifiers), and 'needs 1 action point' for the
    engine's 'needs 1 action points', 'the United States' working inventory' for 'USA's ...'
    (the texts are logged as the engine wrote them)."""
    text = _ONE_POINT.sub("1 action point", _humanize(s, text))
    for aid in s.actors:
        name = actor_name(s, aid)
        if name.endswith("s") and f"{name}'s" in text:
            text = re.sub(rf"(?<![\w'])(?:the )?{re.escape(name)}'s\b", possessive(name), text)
    return text


def index_label(s: Scenario, name: str) -> str:
    """What scenario ``s`` calls the index ``name``, else the app's name for it."""
    return names.index_label(s, name, INDEX_LABELS)


def citation(s: Scenario, source: str) -> str:
    """A source's citation, by its id in the scenario ('dod-mp' -> 'DoD-MP Materials deal,
    10 Jul 2025: ...'); the id itself when the scenario has no such source."""
    return next((src.citation for src in s.sources if src.id == source), source)


def cited(s: Scenario, text: str) -> str:
    """An author's text with each source id in brackets, '(hufbauer)', given as its citation."""
    ids = {src.id for src in s.sources}
    return re.sub(
        r"\(([\w.-]+)\)",
        lambda m: f"({citation(s, m[1])})" if m[1] in ids else m[0],
        text,
    )


def team_name(s: Scenario, team: str) -> str:
    if team == FACILITATOR:
        return "Facilitator"
    t = s.teams.get(team)
    return t.name if t else team


def possessive(name: str) -> str:
    """'Tokyo's', 'the United States'' (a name in the plural takes 'the')."""
    the = "the " if name.startswith(("United ", "European ")) else ""
    return f"{the}{name}'" if name.endswith("s") else f"{the}{name}'s"


_COMPARISONS = {
    "<": "is below",
    "<=": "is at most",
    ">": "is above",
    ">=": "is at least",
    "==": "is",
    "!=": "is not",
}
_TURN_COMPARISONS = {
    "<": "before turn {n}",
    "<=": "up to turn {n}",
    ">": "after turn {n}",
    ">=": "from turn {n}",
    "==": "in turn {n}",
    "!=": "in any turn but {n}",
}
_COMPARISON = re.compile(r"([A-Za-z_][\w.]*)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)")


def condition_words(s: Scenario, condition: str) -> str:
    """A scripted inject's condition in words: 'index.tension >= 80' -> 'tension is at least
    80', 'cover.JPN.magnets < 30' -> 'Japan's days of cover of NdFeB magnets is below 30 days'
    ('and', 'or', 'not' and parentheses stay as written)."""

    def one(m: re.Match[str]) -> str:
        key, op, number = m.group(1), m.group(2), m.group(3)
        if key == "turn":
            return _TURN_COMPARISONS[op].format(n=number)
        label = key_label(s, key)
        who, colon, what = label.partition(": ")  # 'Japan: days of cover of ...'
        if colon:
            label = f"{possessive(who)} {what}"
        first = label.split()[0]
        if first.istitle() and first.lower() in {"tension", "deterrence", "world", "price"}:
            label = label[:1].lower() + label[1:]
        unit = unit_of(s, key).strip()
        unit = "" if unit in ("pts", "pp") else f" {unit}"
        return f"{label} {_COMPARISONS[op]} {number}{unit}"

    return _COMPARISON.sub(one, " ".join(condition.split()))


def inject_effects(s: Scenario, inject_id: str) -> list[str]:
    """What an inject does through the rules, a line each ('Japan's Taiwan posture -2.0 pts',
    'world price of NdFeB magnets x1.3'); none for an id the scenario does not know."""
    from game.facilitation import find_inject

    try:
        fx = find_inject(s, inject_id).effects
    except ValueError:
        return []
    lines = [f"{index_label(s, name)} {signed(amount)} pts" for name, amount in fx.indices.items()]
    for ch in fx.production:
        lines.append(humanize(s, f"{ch.actor} production of {ch.material} x{ch.factor:g}"))
    for dm in fx.demand:
        lines.append(humanize(s, f"{dm.actor} demand for {dm.material} x{dm.factor:g}"))
    for mat, factor in fx.prices.items():
        lines.append(humanize(s, f"world price of {mat} x{factor:g}"))
    if fx.leakage is not None:
        lines.append(f"third-country leakage x{fx.leakage:g}")
    lines += [f"makes available: {humanize(s, item)}" for item in fx.unlock]
    return lines


def key_label(s: Scenario, key: str) -> str:
    """A ledger or metric key in words ('Australia's NdPr oxide production')."""
    label = _key_label(s, key)
    return label[:1].upper() + label[1:]


def sector_name(s: Scenario, sector: str) -> str:
    """A sector's name within a sentence ('output of autos and EVs')."""
    sec = next((v for k, v in s.sectors.items() if k == sector), None)
    return sec.name[:1].lower() + sec.name[1:] if sec else sector


def _key_label(s: Scenario, key: str) -> str:
    parts = key.split(".")
    root = parts[0]
    try:
        if root == "score":
            return f"{possessive(team_name(s, parts[1]))} score"
        if root == "index":
            return index_label(s, parts[1])
        if root == "cover":
            return f"{actor_name(s, parts[1])}: days of cover of {material_name(s, parts[2])}"
        if root == "inventory":
            return f"{actor_name(s, parts[1])}: inventory of {material_name(s, parts[2])}"
        if root == "stockpile":
            return f"{actor_name(s, parts[1])}: stockpile of {material_name(s, parts[2])}"
        if root == "price":
            return f"World price of {material_name(s, parts[1])}"
        if root == "china_price":
            return f"Price of {material_name(s, parts[1])} inside China"
        if root == "share":
            exp, imp, mat = actor_name(s, parts[3]), actor_name(s, parts[1]), parts[2]
            return f"{possessive(exp)} share of {possessive(imp)} {material_name(s, mat)} imports"
        if root == "revenue":
            return f"{possessive(actor_name(s, parts[1]))} export revenue"
        if root == "output":
            who = actor_name(s, parts[1])
            if len(parts) > 2:
                return f"{who}: output of {sector_name(s, parts[2])}"
            return f"{who}: industrial output"
        if root == "budget":
            return f"{possessive(team_name(s, parts[1]))} budget"
        if root == "production":
            return f"{possessive(actor_name(s, parts[1]))} {material_name(s, parts[2])} production"
        if root == "demand":
            return f"{possessive(actor_name(s, parts[1]))} demand for {material_name(s, parts[2])}"
        if root == "leakage":
            return "Third-country leakage (factor)"
        if root == "projects":
            return f"{possessive(team_name(s, parts[1]))} projects"
    except IndexError:
        pass
    return humanize(s, key)


def unit_of(s: Scenario, key: str) -> str:
    root = key.split(".")[0]
    if root in ("score", "index"):
        return " pts" if not key.endswith("market_share") else " pp"
    if root == "cover":
        return " days"
    if root in ("price", "china_price"):
        m = s.materials.get(key.split(".")[1])
        return f" {m.price_unit}" if m else ""
    if root == "share":
        return " pp"
    if root in ("revenue", "budget"):
        return " US$M"
    if root in ("stockpile", "inventory", "production", "demand"):
        parts = key.split(".")
        m = s.materials.get(parts[2]) if len(parts) > 2 else None
        per_turn = "/turn" if root in ("production", "demand") else ""  # per turn (the format)
        return f" {m.unit}{per_turn}" if m else ""
    if root == "output":
        return " pts"
    return ""


def signed(x: float, digits: int = 1) -> str:
    if abs(x) < 0.5 * 10**-digits:
        x = 0.0
    return f"{x:+,.{digits}f}"


def entry_line(s: Scenario, e: Entry) -> str:
    """One ledger entry as a sentence: what moved, by how much, and why."""
    return f"{key_label(s, e.key)} {signed(e.amount, 2)}{unit_of(s, e.key)}: {humanize(s, e.why)}"


def override_line(s: Scenario, ov: Override) -> str:
    """A facilitator override in words, with its reason."""
    if ov.kind == "index":
        name = index_label(s, ov.subject)
        return f"{name} set to {ov.value:g} by the facilitator. Reason: {ov.reason}"
    verdict = names.draw_verdict(s, ov.subject, ov.value)
    team, _, move = ov.subject.partition(":")
    what = (
        f"{possessive(team_name(s, team))} “{humanize(s, move)}”"
        if move
        else humanize(s, ov.subject)
    )
    return f"{what} {verdict} by the facilitator. Reason: {ov.reason}"


def draw_line(s: Scenario, d: Draw) -> str:
    return _draw_line(s, d) + (f" — set by the facilitator: {d.override}" if d.override else "")


def draw_subject(s: Scenario, d: Draw) -> str:
    """What a draw decided, in words (for the override dialog)."""
    if d.phase == "diplomacy":
        team, _, move = d.subject.partition(":")
        return f"{team_name(s, team)}: “{humanize(s, move)}” succeeds"
    if d.phase == "investment":
        return f"{humanize(s, d.subject)} slips a turn"
    return f"{d.phase}: {humanize(s, d.subject)} happens"


def _draw_line(s: Scenario, d: Draw) -> str:
    if d.phase == "diplomacy":
        team, _, move = d.subject.partition(":")
        name = humanize(s, move)
        verdict = "succeeded" if d.happened else "failed"
        return (
            f"{team_name(s, team)}: “{name}” {verdict} ({chance_text(d.chance)} chance, "
            f"roll {roll_text(d.roll, d.chance)})"
        )
    if d.phase == "investment":
        name = humanize(s, d.subject)
        verdict = "slipped a turn" if d.happened else "stayed on schedule"
        roll = roll_text(d.roll, d.chance)
        return f"{name} {verdict} ({chance_text(d.chance)} chance of slipping, roll {roll})"
    verdict = "happened" if d.happened else "did not happen"
    roll = roll_text(d.roll, d.chance)
    return f"{d.phase}: {humanize(s, d.subject)} {verdict} ({chance_text(d.chance)}, roll {roll})"


# -- what a point of view may see -------------------------------------------------------------


def hidden_keys(s: Scenario, pov: str) -> frozenset[str]:
    """The fog's hidden keys for ``pov`` (the same names as ``TeamView.hidden``)."""
    return fog.hidden_keys(s, pov)


def draw_visible(s: Scenario, pov: str, d: Draw) -> bool:
    if pov == FACILITATOR:
        return True
    if d.phase == "diplomacy" and "orders" in s.fog.hidden:  # another team's move is an order
        return d.subject.partition(":")[0] == pov
    if d.phase == "investment":
        opt = next((o for o in s.investments if o.id == d.subject), None)
        return opt is None or opt.team == pov or "projects" not in s.fog.hidden
    return True


def order_visible(s: Scenario, pov: str, team: str, order: Order) -> bool:
    """May ``pov`` see ``team``'s resolved ``order``? Own orders always; others' per the fog."""
    if pov in (FACILITATOR, team):
        return True
    fog = s.fog.hidden
    if "orders" in fog:
        return False
    if isinstance(order, Invest) and "projects" in fog:
        return False
    return not (isinstance(order, StockpileRelease | StockpileBuild) and "stockpile" in fog)


def visible_orders(
    s: Scenario, pov: str, team: str, orders: Sequence[Order]
) -> tuple[list[Order], int]:
    shown = [o for o in orders if order_visible(s, pov, team, o)]
    return shown, len(orders) - len(shown)


# -- days of demand, and cover running low ----------------------------------------------------

LOW_COVER_DAYS = 30.0
"""Days of working inventory under which cover is flagged as low (⚠)."""
RUN_OUT_TURNS = 2
"""Cover that would be gone within this many turns at the last turn's fall is flagged too."""
# Cover at or above ``LOW_SHARE`` of the days the firms usually hold is never flagged, as the
# computer players judge it (``game.bots.doctrine.running_low``): stocks thin by habit are not
# running low.
LOW_MARK = "⚠"


def low_legend(own: bool) -> str:
    """The ⚠ mark's key: a team's own cover (``own``), or everyone's on the true state."""
    whose, firms = ("your ", "your firms") if own else ("", "the country's firms")
    return (
        f"{LOW_MARK} {whose}cover running low: under {LOW_COVER_DAYS:.0f} days or gone in "
        f"{RUN_OUT_TURNS} turns at this pace, and under 3/4 of what {firms} usually hold"
    )


def demand_now(s: Scenario, state: GameState, actor: str, material: str) -> float:
    """``actor``'s demand for ``material`` per turn in ``state`` (an inject's factor included)."""
    factor = state.demand_factor.get(actor, {}).get(material, 1.0)
    return total_demand(s, actor, material) * factor


def days_of_demand(
    s: Scenario,
    state: GameState,
    actor: str,
    material: str,
    amount: float,
    whose: str = "our",
    per_turn: bool = True,
) -> str:
    """How long ``amount`` of ``material`` lasts ``actor``'s industry, in words: 'about 14
    days of our demand (130 t/turn)', 'over a year of ...', or that it does not use it."""
    demand = demand_now(s, state, actor, material)
    if demand <= 0.0:
        return f"{whose} industry does not use it"
    days = days_of_cover(amount, demand, s.turn_length_months)
    per = f" ({quantity(demand)} {s.materials[material].unit}/turn)" if per_turn else ""
    if days >= COVER_CAP_DAYS:
        return f"over a year of {whose} demand{per}"
    if days < 1.0:
        return f"{'none' if amount <= 0 else 'under a day'} of {whose} demand{per}"
    whole = round(days)
    return f"about {whole} day{'' if whole == 1 else 's'} of {whose} demand{per}"


def conflict_words(s: Scenario, order: Order) -> str:
    """What two orders of one turn both act on, for the order builder's refusal ('conflicts
    with order 1, which acts on the same thing' said nothing of what the thing was)."""
    kind = (conflict_key(order) or "").split("|")[0]  # the engine's own grouping
    material = material_name(s, getattr(order, "material", ""))
    target = actor_name(s, getattr(order, "target", ""))
    words = {
        "control": f"the control on exports of {material} to {target}",
        "tariff": f"the tariff on {material} from {target}",
        "sanction": f"sanctions on {target}",
        "invest": f"the investment {order_words(s, order).removeprefix('Invest in ')}",
        "diplomacy": "this diplomatic move",
        "priority": "defence priority",
        "stockpile": f"the stockpile of {material}",
    }
    return words.get(kind, "the same thing")


def ally_release_words(s: Scenario, state: GameState, to: str, material: str, amount: float) -> str:
    """What a release to the ally does for alliance cohesion, in words, by the rule's own
    reckoning (``game.rules.strategic.ally_release_points``): a solo player found the +3 only
    in the rules, and a token release bought as much as a real one."""
    from game.rules.strategic import (
        ALLY_RELEASE_COHESION,
        ally_release_points,
        full_release_amount,
    )

    demand = demand_now(s, state, to, material)
    months = s.turn_length_months
    week = full_release_amount(demand, months)
    full = (
        f"the full {ALLY_RELEASE_COHESION:g} for a week of {possessive(actor_name(s, to))} "
        f"demand, {quantity(week)} {s.materials[material].unit}"
        if demand > 0.0
        else f"{actor_name(s, to)} does not use it, so nothing"
    )
    return (
        f"Alliance cohesion: +{ally_release_points(amount, demand, months):.1f} ({full}; at most "
        f"{ALLY_RELEASE_COHESION:g} a turn for all releases)."
    )


def running_low(s: Scenario, actor: str, material: str, now: float, before: float | None) -> bool:
    """Is ``actor``'s cover of ``material`` (``now`` days; ``before``, a turn earlier, if
    known) running low? Under ``LOW_COVER_DAYS``, or falling fast enough to be gone within
    ``RUN_OUT_TURNS`` turns; and in either case under ``LOW_SHARE`` of the days its firms
    usually hold (the scenario's ``inventory_days``)."""
    # no entry: the firms hold no working inventory (scenario-format.md), so none runs low
    usual = s.inventory_days.get(actor, {}).get(material, 0.0)
    if now >= LOW_SHARE * usual:
        return False
    fall = before - now if before is not None else 0.0
    return now < LOW_COVER_DAYS or (fall > 0.0 and now < RUN_OUT_TURNS * fall)
