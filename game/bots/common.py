"""What every bot shares: the menu of sensible single orders for a team, and legality filtering.

``candidate_orders`` lists, for a team in a state, the single orders worth considering: steps up
and down the control ladder on the goods its rivals buy from it, stockpile releases (to its own
industry or, for the patron, to its ally), stockpile purchases, the investments and diplomatic
moves open to it, tariffs and sanctions on rivals, and defence priority. Every order on the menu
passes ``check_order`` and is affordable on its own; ``keep_legal`` then drops from a chosen set
whatever the engine would refuse (conflicts, action points, budget), so a bot's orders are legal.

Everything here is a pure function of (scenario, state, team): bots call it on their fogged view,
search bots on the states they imagine.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from game.chance import phase_rng
from game.orders import (
    Diplomacy,
    ExportControl,
    Invest,
    LicenceApproval,
    Order,
    PrioritiseDefence,
    Sanction,
    StockpileBuild,
    StockpileRelease,
    Tariff,
    check_orders,
    order_cost,
)
from game.scenario import Scenario
from game.state import CONTROL_RANK, GameState, control_key, total_demand

LADDER = ("open", "licensing", "military_ban", "full_ban")
LICENSING_APPROVAL = 0.3
RELEASE_MONTHS = 1.0  # a release covers about a month of the receiver's demand
BUILD_MONTHS = 0.5  # a purchase adds about half a month of demand
TARIFF_RATE = 0.25
ALLY_RELEASES = True  # the patron may release its stockpile to its ally's industry


@dataclass(frozen=True, slots=True)
class Roles:
    """Which actor plays which part: the coercer, its target and the target's patron."""

    coercer: str
    target: str
    patron: str

    @classmethod
    def of(cls, scenario: Scenario) -> Roles:
        def actor(team: str, default: str) -> str:
            t = scenario.teams.get(team)
            return t.actor if t is not None else default

        return cls(actor("beijing", "CHN"), actor("tokyo", "JPN"), actor("washington", "USA"))


def bot_rng(seed: int, turn: int, team: str, kind: str) -> random.Random:
    """The seeded generator a bot of ``kind`` uses for ``team`` when deciding turn ``turn``."""
    return phase_rng(seed, turn, f"bot|{team}|{kind}")


def player_actors(scenario: Scenario) -> list[str]:
    return sorted(t.actor for t in scenario.teams.values())


def buyers_of(scenario: Scenario, state: GameState, exporter: str, material: str) -> list[str]:
    """Player actors that import ``material`` from ``exporter`` (a trade share above zero)."""
    return [
        a
        for a in player_actors(scenario)
        if a != exporter and state.shares.get(a, {}).get(material, {}).get(exporter, 0.0) > 0.0
    ]


def control_steps(
    scenario: Scenario, state: GameState, me: str, material: str, target: str
) -> list[Order]:
    """One step up and one step down the control ladder from the control in force."""
    current = state.controls.get(control_key(me, material, target))
    rank = CONTROL_RANK[current.level] if current else 0
    out: list[Order] = []
    if rank + 1 < len(LADDER):
        level = LADDER[rank + 1]
        out.append(
            make(
                ExportControl,
                material=material,
                target=target,
                level=level,
                approval=LICENSING_APPROVAL,
            )
        )
    if rank > 0:
        down = LADDER[rank - 1]
        out.append(
            make(
                ExportControl,
                material=material,
                target=target,
                level=down,
                approval=0.8 if down == "licensing" else 0.5,
            )
        )
    if current is not None and current.level == "licensing":
        for approval in (current.approval - 0.3, current.approval + 0.3):
            a = round(min(1.0, max(0.0, approval)), 2)
            if abs(a - current.approval) > 1e-9:
                out.append(make(LicenceApproval, material=material, target=target, approval=a))
    return out


_ORDERS: dict[tuple[object, ...], Order] = {}


def make(cls: type[Order], **fields: object) -> Order:
    """The order ``cls(**fields)``, built once and shared (orders are frozen values)."""
    key = (cls, *sorted(fields.items()))
    order = _ORDERS.get(key)
    if order is None:
        if len(_ORDERS) > 20_000:
            _ORDERS.clear()
        order = cls(**fields)
        _ORDERS[key] = order
    return order


def floor3(x: float) -> float:
    """``x`` rounded down to 3 decimals (an amount never above what is held)."""
    return math.floor(x * 1000.0) / 1000.0


def candidate_orders(scenario: Scenario, state: GameState, team: str) -> list[Order]:
    """Every sensible single order ``team`` may give now, each legal and affordable alone."""
    t = scenario.teams[team]
    me = t.actor
    roles = Roles.of(scenario)
    allowed = set(t.orders)
    months = scenario.turn_length_months
    rivals = [a for a in player_actors(scenario) if a != me]
    out: list[Order] = []

    if "export_control" in allowed:
        for m in sorted(scenario.materials):
            if state.production[me][m] <= 0.0:
                continue
            for buyer in buyers_of(scenario, state, me, m):
                for o in control_steps(scenario, state, me, m, buyer):
                    if isinstance(o, LicenceApproval) and "licence_approval" not in allowed:
                        continue
                    out.append(o)
    for m in sorted(scenario.materials):
        have = state.stockpile[me][m]
        if "stockpile_release" in allowed and have > 0.0:
            own = total_demand(scenario, me, m) * months
            amount = floor3(min(have, own))
            if amount > 0.0:
                out.append(make(StockpileRelease, material=m, amount=amount))
            if ALLY_RELEASES and me == roles.patron:
                amount = floor3(min(have, total_demand(scenario, roles.target, m) * months))
                if amount > 0.0:
                    out.append(make(StockpileRelease, material=m, amount=amount, to=roles.target))
        if "stockpile_build" in allowed:
            want = total_demand(scenario, me, m) * months * BUILD_MONTHS
            if want > 0.0 and scenario.materials[m].defence_critical:
                out.append(make(StockpileBuild, material=m, amount=round(want, 3)))
    if "invest" in allowed:
        for opt in scenario.investments:
            if opt.team == team and (not opt.locked or opt.id in state.unlocked):
                out.append(make(Invest, option=opt.id))
    if "diplomacy" in allowed:
        for mv in scenario.diplomacy:
            if team in mv.teams and (not mv.locked or mv.id in state.unlocked):
                out.append(make(Diplomacy, move=mv.id))
    if "tariff" in allowed and me != roles.coercer:
        for m in sorted(scenario.materials):
            share = state.shares.get(me, {}).get(m, {}).get(roles.coercer, 0.0)
            key = control_key(me, m, roles.coercer)
            if share > 0.3 and key not in state.tariffs:
                out.append(make(Tariff, target=roles.coercer, material=m, rate=TARIFF_RATE))
    if "sanction" in allowed:
        for r in rivals:
            if me != roles.coercer and r != roles.coercer:
                continue  # allies do not sanction each other
            key = f"{me}|{r}"
            if key in state.sanctions:
                out.append(make(Sanction, target=r, severity="lift"))
            else:
                out.append(make(Sanction, target=r, severity="targeted"))
    if "prioritise_defence" in allowed:
        on = state.priority_defence.get(me, False)
        out.append(make(PrioritiseDefence, on=not on))
    return [o for o in out if affordable(scenario, state, team, o)]


def affordable(scenario: Scenario, state: GameState, team: str, order: Order) -> bool:
    """``order`` is worth offering: within the team's action points and budget on its own.

    The menu is built to hold only legal orders; ``keep_legal`` (``check_orders``, the engine's
    own validation) has the last word on every order set a bot gives.
    """
    if isinstance(order, Invest) and (
        order.option in state.completed or any(p.option == order.option for p in state.projects)
    ):
        return False
    ap, cost = order_cost(scenario, state, order)
    return ap <= scenario.teams[team].action_points and cost <= state.budget[team] + 1e-9


def is_legal(scenario: Scenario, state: GameState, team: str, order: Order) -> bool:
    """``order`` alone passes the engine's validation for ``team`` in ``state``."""
    return not check_orders(scenario, state, team, [order])


def keep_legal(scenario: Scenario, state: GameState, team: str, orders: list[Order]) -> list[Order]:
    """``orders`` without those the engine would refuse (in order: the first come first)."""
    orders = list(orders)
    while True:
        refused = {r.index for r in check_orders(scenario, state, team, orders)}
        if not refused:
            return orders
        orders = [o for i, o in enumerate(orders) if i not in refused]
