"""Whether a team may give its orders now: each order against the scenario and the state, then
the team's whole set against its action points, its budget and itself.

:func:`check_orders` checks a team's order set: is each order legal for this team, in range,
and affordable in action points and budget, and does it act on something an earlier order of
the turn already acts on? Each refusal carries a reason a player understands. The order types
and their parsing are :mod:`game.orders`.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.errors import OrderRefused
from game.orders import (
    Diplomacy,
    ExportControl,
    Hold,
    Invest,
    LicenceApproval,
    Order,
    PrioritiseDefence,
    Sanction,
    StockpileBuild,
    StockpileRelease,
    Tariff,
)
from game.scenario import DiplomaticMove, InvestmentOption, Scenario
from game.spelling import unknown
from game.state import CONTROL_RANK, GameState, control_key


@dataclass(frozen=True, slots=True)
class Refusal:
    index: int
    order: Order
    reason: str


def order_cost(scenario: Scenario, state: GameState, order: Order) -> tuple[int, float]:
    """Action points and budget (US$ million) that ``order`` costs."""
    if type(order) is Hold:
        return 0, 0.0
    if type(order) is Invest:
        opt = _option(scenario, order.option)
        return (opt.ap, opt.cost) if opt else (0, 0.0)
    if type(order) is Diplomacy:
        mv = _move(scenario, order.move)
        return (mv.ap, mv.budget) if mv else (0, 0.0)
    base = scenario.cost_of(order.type)
    budget = base.budget
    if type(order) is StockpileBuild and order.material in state.prices:
        mat = scenario.materials[order.material]
        budget += order.amount * state.prices[order.material] * mat.usd_m_per_unit_price
    return base.ap, budget


def _option(scenario: Scenario, oid: str) -> InvestmentOption | None:
    return scenario.option_by_id.get(oid)


def _move(scenario: Scenario, mid: str) -> DiplomaticMove | None:
    return scenario.move_by_id.get(mid)


def name_problems(scenario: Scenario, team: str, order: Order) -> list[str]:
    """What in ``order`` can never be right for ``team`` in ``scenario``, whatever the state:
    an order type the team may not give, or a material, country, investment or move that is
    not in the scenario or not open to the team. A plan is checked with this when it is loaded
    (every problem); :func:`check_order` starts with it (the first), then judges the state."""
    t = scenario.teams[team]
    if type(order) is Hold:
        return []
    if order.type not in t.orders:
        return [f"{t.name} cannot give {order.type.replace('_', ' ')} orders in this scenario"]
    out = []
    fields = order.__dict__  # the model's field values (getattr on a missing field is slow)
    material = fields.get("material")
    if material is not None and material not in scenario.materials:
        out.append(unknown("material", material, scenario.materials))
    target, to = fields.get("target"), fields.get("to")  # '*' is every country, as a target
    if target is not None and target != "*" and target not in scenario.actors:
        out.append(unknown("country", target, scenario.actors))
    if target is not None and target == t.actor:  # whatever the state: a plan is told so too
        out.append("an order cannot target your own country")
    if to is not None and to not in scenario.actors:
        out.append(unknown("country", to, scenario.actors))
    elif to is not None and to != t.actor:
        out.extend(_release_problems(scenario, t.actor, to, material))
    if type(order) is Invest:
        opt = _option(scenario, order.option)
        if opt is None:
            mine = [o.id for o in scenario.investments if o.team == team]
            out.append(unknown("investment", order.option, mine))
        elif opt.team != team:
            out.append(f"'{opt.name}' is not open to {t.name}")
    if type(order) is Diplomacy:
        mv = _move(scenario, order.move)
        if mv is None:
            mine = [m.id for m in scenario.diplomacy if team in m.teams]
            out.append(unknown("diplomatic move", order.move, mine))
        elif team not in mv.teams:
            out.append(f"'{mv.name}' is not a move open to {t.name}")
    return out


ALLIES = ("tokyo", "washington")
"""The teams whose countries are allies (target and patron): the only pair that may release a
strategic stockpile to each other's industry."""


def _release_problems(scenario: Scenario, me: str, to: str, material: str | None) -> list[str]:
    """Why a stockpile release from ``me``'s stockpile may not go to ``to``'s industry: only
    allies send each other their reserves (Washington released dysprosium to China, and
    graphite to Vietnam, which uses none, until engine 0.3.0), and only of what the receiver
    uses."""
    allies = {scenario.teams[r].actor for r in ALLIES if r in scenario.teams}
    name = scenario.actors[to].name.split(" (")[0]  # 'Australia', not '... (Lynas, ...)'
    if me not in allies or to not in allies:
        return [
            f"a stockpile can be released only to our own industry or to our ally's; "
            f"{name} is not an ally"
        ]
    if material is not None and material in scenario.materials:
        uses = sum(row.get(material, 0.0) for row in scenario.demand.get(to, {}).values())
        if uses <= 0.0:
            return [f"{name}'s industry uses no {scenario.materials[material].name}"]
    return []


_NAMED: dict[tuple[int, str, int], tuple[Scenario, Order, str | None]] = {}


def first_name_problem(scenario: Scenario, team: str, order: Order) -> str | None:
    """The first of ``name_problems``, or None, remembered for each (scenario, team, order)
    object: the bots give the same order objects turn after turn (``game.bots.common.make``),
    the engine checks them again, and neither scenarios nor orders ever change. (Working it
    out takes about 7,000 CPU instructions, mostly reading fields of pydantic models.)"""
    key = (id(scenario), team, id(order))
    hit = _NAMED.get(key)
    if hit is not None and hit[0] is scenario and hit[1] is order:
        return hit[2]
    problems = name_problems(scenario, team, order)
    first = problems[0] if problems else None
    if len(_NAMED) > 8192:
        _NAMED.clear()
    _NAMED[key] = (scenario, order, first)  # the objects kept alive: their ids stay theirs
    return first


def check_order(scenario: Scenario, state: GameState, team: str, order: Order) -> str | None:
    """Why ``team`` may not give ``order`` in ``state`` (ignoring cost), or None if it may."""
    problem = first_name_problem(scenario, team, order)
    if problem is not None:
        return problem
    if type(order) is Hold:
        return None
    me = scenario.teams[team].actor
    mats, actors = scenario.materials, scenario.actors
    fields = order.__dict__
    material = fields.get("material")
    target = fields.get("target")
    if type(order) is ExportControl or type(order) is LicenceApproval:
        assert material is not None and target is not None
        key = control_key(me, material, target)
        current = state.controls.get(key)
        # a control in force can always be changed or lifted, even once output has stopped
        if current is None and state.production[me][material] <= 0.0:
            return f"{actors[me].name} does not produce {mats[material].name}, so cannot control it"
        if isinstance(order, LicenceApproval):
            if current is None or current.level != "licensing":
                general = state.controls.get(control_key(me, material, "*"))
                if target != "*" and general is not None and general.level == "licensing":
                    return (  # a licence approval order found none of that importer's own
                        f"{target} has no licensing regime on {mats[material].name} of its "
                        "own: it is under the licensing on every buyer; to adjust that one, "
                        'give target "*"'
                    )
                return (
                    f"there is no licensing regime on {mats[material].name} to {target} to adjust"
                )
            if abs(current.approval - order.approval) < 1e-9:
                return f"licences are already approved at {order.approval:.0%}"
        elif current is None and order.level == "open":
            return f"exports of {mats[material].name} to {target} are already open"
        elif (
            current is not None
            and current.level == order.level
            and current.extraterritorial == order.extraterritorial
            # the approval share means something under licensing only
            and (order.level != "licensing" or abs(current.approval - order.approval) < 1e-9)
        ):
            return "that control is already in force"
    if type(order) is StockpileRelease:
        assert material is not None
        have = state.stockpile[me][material]
        if order.amount > have + 1e-9:
            unit = mats[material].unit
            # a small stock with its digits: 0.377 t was 'holds only 0 t' when 0.38 was asked
            held = f"{have:,.0f}" if have >= 100 or have == int(have) else f"{have:.3g}"
            return f"the stockpile holds only {held} {unit} of {mats[material].name}"
        if order.to == me:
            return "leave 'to' empty to release to your own industry"
    if type(order) is Invest:
        opt = _option(scenario, order.option)
        assert opt is not None
        if opt.locked and opt.id not in state.unlocked:
            return f"'{opt.name}' is not available yet (an event must open it)"
        if order.option in state.completed or any(p.option == order.option for p in state.projects):
            return f"'{opt.name}' is already funded"
    if type(order) is Diplomacy:
        mv = _move(scenario, order.move)
        assert mv is not None
        if mv.locked and mv.id not in state.unlocked:
            return f"'{mv.name}' is not available yet (an event must open it)"
    if type(order) is Tariff:
        key = control_key(me, order.material, order.target)
        if order.target == "*":
            return "a tariff needs one country as its target"
        if order.rate == 0.0 and key not in state.tariffs:
            return "there is no tariff to remove"
        now = state.tariffs.get(key)
        if now is not None and abs(now - order.rate) < 1e-9:
            return f"that tariff is already in force ({now:.0%})"
    if type(order) is Sanction:
        if order.target == "*":
            return "sanctions need one country as their target"
        key = f"{me}|{order.target}"
        if order.severity == "lift" and key not in state.sanctions:
            return f"there are no sanctions on {order.target} to lift"
        if state.sanctions.get(key) == order.severity:
            return "those sanctions are already in force"
    if type(order) is PrioritiseDefence and state.priority_defence.get(me, False) == order.on:
        return "defence is already prioritised" if order.on else "defence is not prioritised"
    return None


CONFLICT = "conflicts with order"
"""How a refusal for acting on what an earlier order of the turn acts on begins (logged as
written: the app adds what the thing is, ``game.tui.words.conflict_words``)."""


def conflict_key(order: Order) -> str | None:
    """What ``order`` acts on ('control|gallium|*'): a turn's orders may act on a thing once.
    None for an order that conflicts with nothing (holding)."""
    if type(order) is ExportControl or type(order) is LicenceApproval:
        return f"control|{order.material}|{order.target}"
    if type(order) is Tariff:
        return f"tariff|{order.material}|{order.target}"
    if type(order) is Sanction:
        return f"sanction|{order.target}"
    if type(order) is Invest:
        return f"invest|{order.option}"
    if type(order) is Diplomacy:
        return f"diplomacy|{order.move}"
    if type(order) is PrioritiseDefence:
        return "priority"
    if type(order) is StockpileRelease or type(order) is StockpileBuild:
        return f"stockpile|{order.material}"
    return None


class OrderSet:
    """A team's order set built one order at a time, each checked against those accepted so far.

    ``add`` returns why an order is refused (and leaves the set as it was) or None (and keeps
    it), exactly as :func:`check_orders` judges the same order at the end of the same list: the
    rule of "first come, first served" on action points, budget and conflicts.
    """

    __slots__ = ("ap_left", "budget_left", "count", "scenario", "seen", "state", "team")

    def __init__(self, scenario: Scenario, state: GameState, team: str) -> None:
        if team not in scenario.teams:
            raise OrderRefused(team, f"unknown team '{team}'")
        self.scenario, self.state, self.team = scenario, state, team
        self.ap_left = scenario.teams[team].action_points
        self.budget_left = state.budget[team]
        self.seen: dict[str, int] = {}
        self.count = 0  # orders offered so far (accepted or not): the next order's index

    def add(self, order: Order) -> str | None:
        i = self.count
        self.count += 1
        reason = check_order(self.scenario, self.state, self.team, order)
        key = conflict_key(order)
        if reason is None and key is not None and key in self.seen:
            reason = f"{CONFLICT} {self.seen[key] + 1}, which acts on the same thing"
        if reason is None:
            ap, budget = order_cost(self.scenario, self.state, order)
            if ap > self.ap_left:
                reason = f"needs {ap} action points, {self.ap_left} left this turn"
            elif budget > self.budget_left + 1e-9:
                reason = f"costs US${budget:,.0f}M, the budget has US${self.budget_left:,.0f}M left"
            else:
                self.ap_left -= ap
                self.budget_left -= budget
        if reason is None and key is not None:
            self.seen[key] = i
        return reason


def check_orders(
    scenario: Scenario, state: GameState, team: str, orders: list[Order]
) -> list[Refusal]:
    """Every refusal in ``team``'s order set, in order; an empty list means all are accepted.

    Orders are checked one by one, then against each other (two orders on the same thing) and
    against the team's action points and budget, in the order given.
    """
    checker = OrderSet(scenario, state, team)
    refusals: list[Refusal] = []
    for i, order in enumerate(orders):
        reason = checker.add(order)
        if reason is not None:
            refusals.append(Refusal(i, order, reason))
    return refusals


def rank_change(before: str | None, after: str) -> int:
    """Steps up (positive) or down the control ladder from ``before`` to ``after``."""
    return CONTROL_RANK[after] - CONTROL_RANK[before or "open"]
