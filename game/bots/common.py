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

import _random
import math
import random
from dataclasses import dataclass

from game.chance import phase_draws, phase_rng
from game.order_checks import check_orders, order_cost
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
)
from game.scenario import ORDER_TYPES, Scenario
from game.state import CONTROL_RANK, ControlState, GameState, control_key, total_demand

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


def bot_draws(seed: int, turn: int, team: str, kind: str) -> _random.Random:
    """``bot_rng``'s generator, the same draws, for a bot that needs only ``random()``
    (``game.chance.phase_draws``)."""
    return phase_draws(seed, turn, f"bot|{team}|{kind}")


def player_actors(scenario: Scenario) -> list[str]:
    return sorted(t.actor for t in scenario.teams.values())


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


@dataclass(frozen=True, slots=True)
class MenuPlan:
    """What a team's menu takes from the scenario alone, worked out once per (scenario, team).

    Orders that do not depend on the state (investments, moves, purchases, tariffs, sanctions,
    defence priority) are built here once, with their action points and budget cost.
    """

    me: str
    allowed: frozenset[str]
    roles: Roles
    rivals: tuple[str, ...]  # player actors other than ``me``, sorted
    materials: tuple[str, ...]
    action_points: int
    own_release: dict[str, float]  # a turn of own demand (the scenario's demand is per turn;
    # it was once taken per month and multiplied by the turn's months)
    ally_release: dict[str, float]  # the same for the patron's ally
    build: dict[str, Order]  # stockpile purchase per defence-critical material
    investments: tuple[tuple[Order, str, bool, int, float], ...]  # (order, id, locked, ap, cost)
    moves: tuple[tuple[Order, str, bool, int, float], ...]  # (order, move, locked, ap, budget)
    sanctions: tuple[tuple[str, Order, Order], ...]  # (rival, impose, lift)
    priority: dict[bool, Order]  # the order that switches defence priority to the key
    base_cost: dict[str, tuple[int, float]]  # action points and budget by order type
    tariffs: dict[str, Order]  # a tariff on the coercer's goods, by material
    steps: dict[tuple[str, str, ControlState | None], list[Order]]  # control_steps, memoised
    releases: dict[tuple[str, float, str | None], Order]  # ``release``, memoised

    @classmethod
    def of(cls, scenario: Scenario, team: str) -> MenuPlan:
        key = (id(scenario), team)
        hit = _PLANS.get(key)
        if hit is not None and hit[0] is scenario:
            return hit[1]
        plan = cls._build(scenario, team)
        if len(_PLANS) > 64:
            _PLANS.clear()
        _PLANS[key] = (scenario, plan)
        return plan

    def release(self, material: str, amount: float, to: str | None = None) -> Order:
        """The stockpile release of ``amount`` of ``material`` (to ``to``'s industry, or
        our own), built by ``make`` once per plan: ``make``'s own key takes several thousand
        CPU instructions to build and look up."""
        key = (material, amount, to)
        order = self.releases.get(key)
        if order is None:
            if len(self.releases) > 4096:
                self.releases.clear()
            if to is None:
                order = make(StockpileRelease, material=material, amount=amount)
            else:
                order = make(StockpileRelease, material=material, amount=amount, to=to)
            self.releases[key] = order
        return order

    @classmethod
    def _build(cls, scenario: Scenario, team: str) -> MenuPlan:
        t = scenario.teams[team]
        me = t.actor
        roles = Roles.of(scenario)
        months = scenario.turn_length_months
        mats = tuple(sorted(scenario.materials))
        build: dict[str, Order] = {}
        for m in mats:
            want = total_demand(scenario, me, m) / months * BUILD_MONTHS  # demand is per turn
            if want > 0.0 and scenario.materials[m].defence_critical:
                # three decimals, or three significant digits for less than 0.0005 (germanium
                # in kilotonnes rounded to 0, which no order may buy: every bot failed)
                amount = round(want, 3) or float(f"{want:.3g}")
                build[m] = make(StockpileBuild, material=m, amount=amount)
        rivals = tuple(a for a in player_actors(scenario) if a != me)
        costs = {k: (c.ap, c.budget) for k in ORDER_TYPES for c in [scenario.cost_of(k)]}
        return cls(
            me=me,
            allowed=frozenset(t.orders),
            roles=roles,
            rivals=rivals,
            materials=mats,
            action_points=t.action_points,
            own_release={m: total_demand(scenario, me, m) for m in mats},
            ally_release={m: total_demand(scenario, roles.target, m) for m in mats},
            build=build,
            investments=tuple(
                (make(Invest, option=o.id), o.id, o.locked, o.ap, o.cost)
                for o in scenario.investments
                if o.team == team
            ),
            moves=tuple(
                (make(Diplomacy, move=mv.id), mv.id, mv.locked, mv.ap, mv.budget)
                for mv in scenario.diplomacy
                if team in mv.teams
            ),
            sanctions=tuple(
                (
                    r,
                    make(Sanction, target=r, severity="targeted"),
                    make(Sanction, target=r, severity="lift"),
                )
                for r in rivals
                # allies do not sanction each other
                if me == roles.coercer or r == roles.coercer
            ),
            priority={v: make(PrioritiseDefence, on=v) for v in (True, False)},
            base_cost=costs,
            tariffs={
                m: make(Tariff, target=roles.coercer, material=m, rate=TARIFF_RATE) for m in mats
            },
            steps={},
            releases={},
        )


_PLANS: dict[tuple[int, str], tuple[Scenario, MenuPlan]] = {}


def candidate_orders(scenario: Scenario, state: GameState, team: str) -> list[Order]:
    """Every sensible single order ``team`` may give now, each legal and affordable alone.

    The menu, in order: steps on the control ladder (by material, then buyer), then for each
    material a release to its own industry, a release to the ally (the patron only) and a
    purchase, then investments, diplomatic moves, tariffs, sanctions and defence priority.
    """
    plan = MenuPlan.of(scenario, team)
    me, allowed, roles = plan.me, plan.allowed, plan.roles
    ap_max, money = plan.action_points, state.budget[team] + 1e-9
    base = plan.base_cost
    out: list[Order] = []

    def affordable(kind: str) -> bool:
        """An order of ``kind`` at its base cost fits the action points and the budget (the
        same for every order of the kind, so asked once for each)."""
        ap, cost = base[kind]
        return ap <= ap_max and cost <= money

    if "export_control" in allowed:
        shares = state.shares
        controls_ok = affordable("export_control")
        approvals_ok = "licence_approval" in allowed and affordable("licence_approval")
        for m in plan.materials:
            if state.production[me][m] <= 0.0:
                continue
            for buyer in plan.rivals:
                if shares.get(buyer, {}).get(m, {}).get(me, 0.0) <= 0.0:
                    continue
                current = state.controls.get(control_key(me, m, buyer))
                steps = plan.steps.get((m, buyer, current))
                if steps is None:
                    if len(plan.steps) > 4096:
                        plan.steps.clear()
                    steps = plan.steps[m, buyer, current] = control_steps(
                        scenario, state, me, m, buyer
                    )
                for o in steps:
                    if approvals_ok if type(o) is LicenceApproval else controls_ok:
                        out.append(o)
    releases = "stockpile_release" in allowed and affordable("stockpile_release")
    to_ally = ALLY_RELEASES and me == roles.patron
    builds = "stockpile_build" in allowed
    stock = state.stockpile[me]
    for m in plan.materials:
        have = stock[m]
        if releases and have > 0.0:
            usual = plan.own_release[m]
            amount = floor3(usual if usual < have else have)  # min(have, usual): game/clamp.py
            if amount > 0.0:
                out.append(plan.release(m, amount))
            if to_ally:
                usual = plan.ally_release[m]
                amount = floor3(usual if usual < have else have)
                if amount > 0.0:
                    out.append(plan.release(m, amount, roles.target))
        if builds and m in plan.build:
            o = plan.build[m]
            ap, cost = order_cost(scenario, state, o)  # the price moves
            if ap <= ap_max and cost <= money:
                out.append(o)
    if "invest" in allowed:
        busy = {p.option for p in state.projects}
        for o, oid, locked, ap, cost in plan.investments:
            if locked and oid not in state.unlocked:
                continue
            if oid in state.completed or oid in busy:
                continue  # already funded
            if ap <= ap_max and cost <= money:
                out.append(o)
    if "diplomacy" in allowed:
        for o, mid, locked, ap, cost in plan.moves:
            if (not locked or mid in state.unlocked) and ap <= ap_max and cost <= money:
                out.append(o)
    if "tariff" in allowed and me != roles.coercer and affordable("tariff"):
        mine = state.shares.get(me, {})
        for m in plan.materials:
            share = mine.get(m, {}).get(roles.coercer, 0.0)
            if share > 0.3 and control_key(me, m, roles.coercer) not in state.tariffs:
                out.append(plan.tariffs[m])
    if "sanction" in allowed and affordable("sanction"):
        for r, impose, lift in plan.sanctions:
            out.append(lift if f"{me}|{r}" in state.sanctions else impose)
    if "prioritise_defence" in allowed and affordable("prioritise_defence"):
        out.append(plan.priority[not state.priority_defence.get(me, False)])
    return out


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
