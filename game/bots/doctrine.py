"""Doctrine bots: rule-based opponents with a personality (hawk, dove or pragmatist).

A doctrine bot reads its team's view and gives each order on its menu a priority from its team's
interests, its personality and the situation it sees: a stockpile or working inventory running
low, tension rising, cohesion sagging, Japan's posture holding or cracking, a rival's controls,
tariffs or sanctions. It then takes the highest-priority orders that fit its action points and
budget (``keep_legal``). A small seeded jitter breaks ties, so two games with different seeds
differ a little while one seed always gives the same game.

- Beijing's hawk tightens controls on Japan while Tokyo's posture holds, stages PLA exercises
  and answers US chip-tool controls and sanctions in kind before anything else; its dove eases
  controls and offers talks when tension or the loss of market share bite; its pragmatist keeps
  pressure on while its market share holds, courts Washington separately when the alliance is
  tight, and also answers the US in kind. Retaliation stops once its steps reach (1 + aggression)
  times the US's (one turn's orders are rated together, so that turn may overshoot).
- Tokyo's hawk stands firm, rallies the G7 and controls chip tools to China; its dove seeks talks
  and, when industry is badly hurt, softens its Taiwan language; its pragmatist releases its
  stockpile when cover runs low, funds the quickest diversification projects, stands firm when
  the posture slips and joins Washington's chip-tool controls (an ally's move).
- Washington's hawk signals with carriers and controls chip tools as China squeezes Japan or when
  Tokyo does (an ally's move), and rates sanctions higher once China squeezes the US (they
  still rank below its other moves); its dove reassures
  Tokyo, builds coalitions and sends Japan what Japan runs short of; its pragmatist reassures
  when cohesion sags, prioritises defence while the defence base or its materials are short,
  keeps a reserve when it helps Japan, and escalates only when China squeezes the US.

A diplomatic move the doctrines do not know by name (an author's own) is weighed by its
expected effect on the team's score (``move_worth``).

"Running low" means under the personality's days of cover *and* under three quarters of what
the actor's firms usually hold (``running_low``), so no stockpile is spent where stocks are
thin by habit.
"""

from __future__ import annotations

import _random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from game.bots.common import Roles, bot_draws, candidate_orders
from game.clamp import clamp, positive_part
from game.fog import TeamView
from game.order_checks import OrderSet
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
from game.rules.diplomacy import chance_of
from game.rules.scoring import objective_points
from game.scenario import Scenario
from game.state import (
    CONTROL_RANK,
    ControlState,
    GameState,
    control_key,
    split_key,
    start_state,
)

PERSONALITIES = ("hawk", "dove", "pragmatist")


@dataclass(frozen=True, slots=True)
class Personality:
    """How a doctrine weighs its options: ``aggression`` 0 (dove) to 1 (hawk)."""

    name: str
    aggression: float
    low_cover_days: float  # release the stockpile below this many days of cover
    jitter: float = 0.05

    @classmethod
    def named(cls, name: str) -> Personality:
        if name == "hawk":
            return cls("hawk", 1.0, 20.0)
        if name == "dove":
            return cls("dove", 0.0, 40.0)
        if name == "pragmatist":
            return cls("pragmatist", 0.5, 30.0)
        raise ValueError(f"unknown personality '{name}' ({', '.join(PERSONALITIES)})")


@dataclass(frozen=True, slots=True)
class Situation:
    """What a doctrine looks at, read off a (viewed) state."""

    tension: float
    cohesion: float
    posture: float
    deterrence: float
    market_share: float
    turn: int
    turns: int
    output: dict[str, float]  # each actor's average industrial output (100 = normal)
    defence: dict[str, float]  # each actor's defence-sector output
    controlled: frozenset[tuple[str, str, str]]  # (exporter, material, target) under control
    steps: dict[tuple[str, str], int]  # (exporter, target) -> control steps over all materials

    def output_of(self, actor: str) -> float:
        return self.output.get(actor, 100.0)

    def defence_of(self, actor: str) -> float:
        return self.defence.get(actor, 100.0)

    @classmethod
    def of(cls, scenario: Scenario, state: GameState) -> Situation:
        ix = state.indices
        controlled, steps = _controls_in_force(state.controls)
        output: dict[str, float] = {}
        defence: dict[str, float] = {}
        for a, row in state.output.items():
            output[a] = sum(row.values()) / len(row) if row else 100.0
            defence[a] = row.get("defence", 100.0) if row else 100.0
        return cls(
            tension=ix.get("tension", 50.0),
            cohesion=ix.get("cohesion", 50.0),
            posture=ix.get("posture", 50.0),
            deterrence=ix.get("deterrence", 50.0),
            market_share=ix.get("market_share", 50.0),
            turn=state.turn + 1,
            turns=scenario.turns,
            output=output,
            defence=defence,
            controlled=controlled,
            steps=dict(steps),
        )

    def controls(self, exporter: str | None, material: str | None, target: str) -> bool:
        """A control by ``exporter`` (any if None) on ``material`` (any if None) to ``target``."""
        return any(
            t == target and exporter in (None, e) and material in (None, m)
            for e, m, t in self.controlled
        )

    @property
    def turns_left(self) -> int:
        return self.turns - self.turn + 1


ControlsInForce = tuple[frozenset[tuple[str, str, str]], dict[tuple[str, str], int]]
_IN_FORCE: dict[tuple[tuple[str, ControlState], ...], ControlsInForce] = {}


def _controls_in_force(controls: dict[str, ControlState]) -> ControlsInForce:
    """Every (exporter, material, target) under control, and each (exporter, target)'s steps up
    the ladder over all materials. Controls are public, so the three teams' views of a turn,
    and often the turns after it, have the same ones: this is worked out once for each set of
    controls (the key is all of them, in order, with their levels)."""
    key = tuple(controls.items())
    hit = _IN_FORCE.get(key)
    if hit is None:
        steps: dict[tuple[str, str], int] = {}
        controlled: list[tuple[str, str, str]] = []
        for k, c in key:
            e, m, t = split_key(k)
            controlled.append((e, m, t))
            steps[e, t] = steps.get((e, t), 0) + CONTROL_RANK[c.level]
        if len(_IN_FORCE) > 256:
            _IN_FORCE.clear()
        hit = _IN_FORCE[key] = (frozenset(controlled), steps)
    return hit


Rater = Callable[[Scenario, GameState, str, Personality, Situation, Roles, Order], float]


def cover(state: GameState, actor: str, material: str) -> float:
    return state.cover.get(actor, {}).get(material, 365.0)


LOW_SHARE = 0.75  # cover under this share of the usual working inventory is running low


def running_low(
    scenario: Scenario, state: GameState, actor: str, material: str, days: float
) -> bool:
    """``actor``'s cover of ``material`` is running low: under ``days`` and under three
    quarters of the days of demand its firms usually hold (the scenario's ``inventory_days``).

    The second test keeps a personality from releasing a stockpile where stocks are normal but
    thin by habit (China holds 30 days of NdPr; a dove's threshold is 40)."""
    # no entry: the firms hold no working inventory (scenario-format.md), so none runs low
    usual = scenario.inventory_days.get(actor, {}).get(material, 0.0)
    limit = LOW_SHARE * usual
    return cover(state, actor, material) < (limit if limit < days else days)  # min(days, limit)


def squeeze(state: GameState, exporter: str, target: str, materials: tuple[str, ...]) -> int:
    """Steps up the control ladder ``exporter`` has taken against ``target`` on ``materials``."""
    return sum(_rank(state, exporter, m, target) for m in materials)


def _rank(state: GameState, exporter: str, material: str, target: str) -> int:
    c = state.controls.get(control_key(exporter, material, target))
    return CONTROL_RANK[c.level] if c else 0


def _control_delta(state: GameState, me: str, order: ExportControl | LicenceApproval) -> float:
    """+1 per step tighter, -1 per step looser (licence approvals count 0.3 as one step)."""
    key = control_key(me, order.material, order.target)
    current = state.controls.get(key)
    if type(order) is ExportControl:
        return float(CONTROL_RANK[order.level] - (CONTROL_RANK[current.level] if current else 0))
    old = current.approval if current else 1.0  # a licence approval
    return (old - order.approval) / 0.3


def _invest_value(
    scenario: Scenario, state: GameState, team: str, sit: Situation, oid: str
) -> float:
    """Worth of funding an investment now: it must finish in time and hit a scarce material."""
    opt = scenario.option_by_id[oid]
    left = sit.turns_left - opt.lead_time - 1
    if left <= 0:
        return -1.0
    me = scenario.teams[team].actor
    beneficiary = opt.offtake_to or opt.host
    short = 1.0 if cover(state, beneficiary, opt.material) < 60.0 else 0.4
    if beneficiary != me:
        short *= 0.5
    budget = state.budget[team]
    thrift = 1.0 if opt.cost <= 0.3 * budget else 0.3
    return (0.4 + 0.1 * left) * short * thrift


KNOWN_PREFIXES = ("bj_", "tk_", "us_")
KNOWN_MOVES = frozenset(
    {"firm_statement", "conciliatory", "talks", "pla_exercise", "wedge", "g7", "wto"}
    | {"concession", "reassure", "signal"}
)


def known_move(move_id: str) -> str:
    """The bundled move a doctrine knows by name ('firm_statement' for 'bj_firm_statement' or
    'tk_firm_statement'), or '' for any other id, which ``move_worth`` weighs by its effects.
    Only the exact ids count: an author's 'us_signal_drawdown' (cohesion -10) was once rated
    as a carrier signal, and 'cn_quiet_talks' as talks, for words inside their ids."""
    prefix, rest = move_id[:3], move_id[3:]
    return rest if prefix in KNOWN_PREFIXES and rest in KNOWN_MOVES else ""


def move_worth(scenario: Scenario, state: GameState, team: str, move_id: str, a: float) -> float:
    """A diplomatic move the doctrines do not know by name (an author's own), rated by what it
    is expected to do to ``team``'s score: each outcome's index changes put through the team's
    objectives on those indices, weighted by the move's chance of success in ``state``. A point
    of expected score is worth 0.5 (about a firm statement's worth when the posture holds);
    the less aggressive the personality (``a``: 0 dove, 1 hawk), the more it also values
    lowering tension, 0.05 a point for the dove. A move that does nothing to the score or to
    tension rates 0.05, taken only with action points to spare."""
    move = scenario.move_by_id[move_id]
    objectives = scenario.objectives.get(team, [])
    total_w = sum(o.weight for o in objectives) or 1.0
    indices = state.indices

    def gain(outcome: Mapping[Any, float]) -> float:
        effects: dict[str, float] = {str(k): v for k, v in outcome.items()}
        points = 0.0
        for obj in objectives:
            root, _, name = obj.metric.partition(".")
            if root != "index" or name not in effects:
                continue
            now = indices.get(name, 50.0)
            then = clamp(now + effects[name], 0.0, 100.0)
            before = objective_points(obj, now)
            points += obj.weight * (objective_points(obj, then) - before) / total_w
        return points

    p = chance_of(move, state)
    score = p * gain(move.success) + (1.0 - p) * gain(move.failure)
    calm = -(p * move.success.get("tension", 0.0) + (1.0 - p) * move.failure.get("tension", 0.0))
    return 0.05 + 0.5 * score + 0.05 * (1.0 - a) * calm


@dataclass(frozen=True, slots=True)
class Aims:
    """What a team's objectives say it wants from others, beyond what its doctrine assumes."""

    hurt: dict[str, float]  # actor -> weight of holding its output down, against market share
    start_share: float  # the coercer's market share at the start of the game


_AIMS: dict[tuple[int, str], tuple[Scenario, Aims]] = {}


def aims(scenario: Scenario, team: str) -> Aims:
    """The other actors whose industrial output ``team``'s objectives want down
    (``output.USA.defence``, direction down), each with the weight of those objectives over the
    weight of market share (1 when the team is not scored on market share; at most 2), worked
    out once per scenario.

    The bundled scenarios have none (Beijing's aim there is Tokyo's posture); an author's
    scenario may score Beijing on, say, US defence output under a gallium ban, and then the
    doctrine holds that ban as it holds its controls on Tokyo, instead of easing controls on
    an actor that never provoked it (a scenario author found every doctrine lifting it)."""
    key = (id(scenario), team)
    hit = _AIMS.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    me = scenario.teams[team].actor
    objectives = scenario.objectives.get(team, [])
    weights: dict[str, float] = {}
    for obj in objectives:
        parts = obj.metric.split(".")
        if parts[0] == "output" and obj.direction == "down" and parts[1] != me:
            weights[parts[1]] = weights.get(parts[1], 0.0) + obj.weight
    share = sum(
        o.weight for o in objectives if o.metric == "index.market_share" and o.direction == "up"
    )
    hurt = {a: min(2.0, w / share) if share else 1.0 for a, w in weights.items()}
    start = start_state(scenario).indices.get("market_share", 50.0) if hurt else 50.0
    found = Aims(hurt, start)
    if len(_AIMS) > 64:
        _AIMS.clear()
    _AIMS[key] = (scenario, found)
    return found


def rate_beijing(
    s: Scenario,
    st: GameState,
    team: str,
    p: Personality,
    sit: Situation,
    roles: Roles,
    o: Order,
) -> float:
    a = p.aggression
    me = roles.coercer
    if type(o) is ExportControl or type(o) is LicenceApproval:
        d = _control_delta(st, me, o)
        if o.target == roles.target:
            # coercion of Tokyo: worth it while the posture holds and the market share too
            pressure = (sit.posture - 40.0) / 40.0 + a - 0.5
            erosion = (80.0 - sit.market_share) / 10.0
            heat = positive_part(sit.tension - 70.0) / 15.0 * (1.0 - a)
            return d * (pressure - positive_part(erosion) - heat) * 0.8
        aim = aims(s, team)
        if o.target in aim.hurt:
            # the scenario scores Beijing on holding this actor's output down (a ban on the
            # US's gallium, say), which recovers as soon as the pressure stops: worth keeping,
            # the more so the more that aim weighs against market share; the dove eases as the
            # loss of market share since the start of the game, or tension, bite
            pressure = (0.5 + a) * aim.hurt[o.target]
            erosion = (aim.start_share - sit.market_share) / 20.0
            heat = positive_part(sit.tension - 70.0) / 15.0 * (1.0 - a)
            return d * (pressure - positive_part(erosion) - heat) * 0.8
        if o.target == roles.patron:
            # retaliation in kind for US controls and sanctions on China, up to (1 + aggression)
            # times the steps the US has taken; for the hawk, before anything else
            provoked = sit.steps.get((roles.patron, me), 0) + 2 * (
                f"{roles.patron}|{me}" in st.sanctions
            )
            answered = sit.steps.get((me, roles.patron), 0)
            if d > 0 and answered < provoked * (1.0 + a):
                return d * (0.4 + 0.6 * a) * (1.0 + a * a)
            return -abs(d) * 0.3 + (d < 0) * (0.1 + 0.3 * (answered > provoked * (1.0 + a)))
        return -0.5
    if type(o) is Diplomacy:
        m = o.move
        kind = known_move(m)
        if kind == "pla_exercise":
            return 1.2 * a - 0.3 + (0.3 if sit.deterrence > 60 else 0.0) - (sit.tension > 85) * 1.0
        if kind == "firm_statement":
            return 0.5 + 0.4 * a
        if kind == "conciliatory":
            return 0.2 + 0.8 * (1.0 - a) * positive_part(sit.tension - 55.0) / 30.0
        if kind == "talks":
            return 0.3 + 0.5 * (1.0 - a) + (0.3 if sit.cohesion < 55 else 0.0)
        if kind == "wedge":
            return 0.3 + 0.6 * positive_part(sit.cohesion - 55.0) / 30.0
        return move_worth(s, st, team, m, a)
    if type(o) is StockpileRelease:
        return 1.0 if running_low(s, st, me, o.material, p.low_cover_days) else -0.5
    if type(o) is StockpileBuild:
        return -0.4
    if type(o) is Invest:
        controlled = sit.controls(None, "sme", me)
        return (0.5 if controlled else -0.3) * (0.5 + a)
    if type(o) is Sanction:
        if o.severity == "lift":
            return 0.2 * (1.0 - a)
        sanctioned = f"{o.target}|{me}" in st.sanctions
        return (0.6 * a if sanctioned else -0.2) + (0.2 * a if o.target == roles.target else 0.0)
    if type(o) is Tariff:
        return -0.5
    return -0.5


def _pain(sit: Situation, actor: str) -> float:
    """How badly ``actor``'s industry is hurt: 0 at full output, 1 at 60."""
    return positive_part(100.0 - sit.output_of(actor)) / 40.0


def rate_tokyo(
    s: Scenario,
    st: GameState,
    team: str,
    p: Personality,
    sit: Situation,
    roles: Roles,
    o: Order,
) -> float:
    a = p.aggression
    me = roles.target
    if type(o) is Diplomacy:
        m = o.move
        kind = known_move(m)
        if kind == "firm_statement":
            return 0.95 + 0.6 * (a - 0.5) + positive_part(75.0 - sit.posture) / 50.0
        if kind == "g7":
            return 0.7 + positive_part(75.0 - sit.cohesion) / 30.0 + 0.2 * a
        if kind == "wto":
            return 0.3 + 0.2 * a
        if kind == "talks":
            return 0.2 + 0.6 * (1.0 - a) * positive_part(sit.tension - 55.0) / 30.0
        if kind == "conciliatory":
            return -0.2 + 0.6 * (1.0 - a) * positive_part(sit.tension - 60.0) / 30.0
        if kind == "concession":  # the dove's, once industry is badly hurt (output ~60 or less)
            return -1.0 + (1.0 - a) * 1.6 * _pain(sit, me)
        return move_worth(s, st, team, m, a)
    if type(o) is StockpileRelease:
        if running_low(s, st, me, o.material, p.low_cover_days):
            return 1.3
        return 0.3 * _pain(sit, me) if cover(st, me, o.material) < 60 else -0.5
    if type(o) is StockpileBuild:
        return -0.3 + (0.3 if st.budget[team] > 2000 else 0.0)
    if type(o) is Invest:
        return _invest_value(s, st, team, sit, o.option)
    if type(o) is ExportControl or type(o) is LicenceApproval:
        d = _control_delta(st, me, o)
        if o.target == roles.coercer:
            squeezed = squeeze(st, roles.coercer, me, ("magnets", "ndpr"))
            # an ally's move: the patron's own control on the same good invites a matching one
            allied = 0.3 * a if _rank(st, roles.patron, o.material, roles.coercer) else 0.0
            return d * (0.6 * a - 0.3 + 0.1 * squeezed + allied)
        return -0.5
    if type(o) is Tariff:
        return -0.6 + 0.4 * a
    if type(o) is Sanction:
        return -0.6 + 0.5 * a if o.severity != "lift" else -0.2 + 0.4 * (1.0 - a)
    if type(o) is PrioritiseDefence:
        return (0.2 * a - 0.4) if o.on else 0.2
    return -0.5


DEFENCE_GOODS = ("dytb", "gallium", "magnets")  # what a Chinese squeeze on the US bites first


def rate_washington(
    s: Scenario,
    st: GameState,
    team: str,
    p: Personality,
    sit: Situation,
    roles: Roles,
    o: Order,
) -> float:
    a = p.aggression
    me = roles.patron
    if type(o) is Diplomacy:
        m = o.move
        kind = known_move(m)
        if kind == "reassure":
            return 0.8 + positive_part(80.0 - sit.cohesion) / 20.0 + 0.3 * (1.0 - a)
        if kind == "g7":
            return 0.6 + positive_part(75.0 - sit.cohesion) / 30.0
        if kind == "signal":
            return 0.3 + 0.7 * a + positive_part(60.0 - sit.deterrence) / 30.0 - (sit.tension > 85)
        if kind == "talks":
            return -0.1 + 0.8 * (1.0 - a) * positive_part(sit.tension - 60.0) / 30.0
        return move_worth(s, st, team, m, a)
    if type(o) is StockpileRelease:
        if o.to is not None:  # to the ally, in what the ally runs short of, keeping a reserve
            if not running_low(s, st, o.to, o.material, 60.0):
                return -0.3
            reserve = 6.0 * a * s.demand.get(me, {}).get("defence", {}).get(o.material, 0.0)
            if st.stockpile[me][o.material] - o.amount < reserve:
                return -0.3
            ally = sit.output_of(roles.target)
            return 0.4 + positive_part(90.0 - ally) / 30.0 + 0.2 * (1.0 - a)
        if running_low(s, st, me, o.material, p.low_cover_days):
            return 1.0 + (0.5 if sit.defence_of(me) < 100 else 0.0)
        return -0.4
    if type(o) is StockpileBuild:
        return -0.4
    if type(o) is PrioritiseDefence:
        defence = sit.defence_of(me)
        if o.on:
            return 0.9 if defence < 98 else -0.2
        # lift the priority only once nothing defence needs is running low
        short = any(
            running_low(s, st, me, m, 60.0) for m in s.demand.get(me, {}).get("defence", {})
        )
        out = sit.output_of(me)
        return 0.5 + (95.0 - out) / 10.0 if defence >= 100 and out < 95 and not short else -0.5
    if type(o) is Invest:
        return _invest_value(s, st, team, sit, o.option)
    if type(o) is ExportControl or type(o) is LicenceApproval:
        d = _control_delta(st, me, o)
        if o.target == roles.coercer:
            # China squeezing the US calls for controls on chip tools; for the hawk alone, so
            # do China's coercion of Japan and Japan's own control on the good (an ally's move)
            squeezed = squeeze(st, roles.coercer, me, DEFENCE_GOODS)
            on_ally = squeeze(st, roles.coercer, roles.target, (*DEFENCE_GOODS, "ndpr"))
            allied = 0.3 if _rank(st, roles.target, o.material, roles.coercer) else 0.0
            hawkish = positive_part(2.0 * a - 1.0)  # 1 for the hawk, 0 for the others
            pressed = 0.25 * squeezed * (0.5 + a) + hawkish * (0.05 * on_ally + allied)
            return d * (0.6 * a - 0.35 + pressed)
        return -0.5
    if type(o) is Sanction:
        if o.severity == "lift":
            return -0.2 + 0.4 * (1.0 - a)
        squeezed = squeeze(st, roles.coercer, me, DEFENCE_GOODS)
        return -0.6 + 0.6 * a + (0.4 * a if squeezed else 0.0)
    if type(o) is Tariff:
        return -0.7 + 0.3 * a
    return -0.5


RATERS: dict[str, Rater] = {
    "beijing": rate_beijing,
    "tokyo": rate_tokyo,
    "washington": rate_washington,
}


def _generic(
    s: Scenario,
    st: GameState,
    team: str,
    p: Personality,
    sit: Situation,
    roles: Roles,
    o: Order,
) -> float:
    """A team the doctrines do not know: diplomacy by its worth to the team's score, and
    investments; nothing escalatory."""
    if type(o) is Diplomacy:
        return move_worth(s, st, team, o.move, p.aggression)
    if type(o) is Invest:
        return _invest_value(s, st, team, sit, o.option)
    return -0.5


VALUE = itemgetter(0)  # a rated order's value


def doctrine_orders(
    scenario: Scenario,
    state: GameState,
    team: str,
    personality: Personality,
    rng: _random.Random,
    roles: Roles | None = None,
    sit: Situation | None = None,
) -> list[Order]:
    """The orders a doctrine of ``personality`` gives for ``team`` in ``state``; ``sit``, if
    given, must be ``Situation.of(scenario, state)`` (callers deciding several teams on one
    state work it out once)."""
    roles = roles or Roles.of(scenario)
    sit = sit or Situation.of(scenario, state)
    rate = RATERS.get(team, _generic)
    menu = candidate_orders(scenario, state, team)
    jitter, draw = personality.jitter, rng.random
    rated = [
        (rate(scenario, state, team, personality, sit, roles, o) + jitter * draw(), o) for o in menu
    ]
    # the highest value first; equal values stay in the menu's order (``reverse`` keeps a
    # sort stable)
    rated.sort(key=VALUE, reverse=True)
    chosen: list[Order] = []
    ap = scenario.teams[team].action_points
    accepted = OrderSet(scenario, state, team)
    for value, o in rated:
        if value <= 0.0 or len(chosen) >= ap:
            break
        # the engine's own check of ``chosen + [o]``: ``o`` joins only if nothing is refused
        if accepted.add(o) is None:
            chosen.append(o)
    return chosen


class DoctrineBot:
    """A rule-based opponent; see the module docstring for each personality."""

    def __init__(self, team: str, scenario: Scenario, seed: int, personality: str) -> None:
        self.personality = Personality.named(personality)
        self.kind = f"doctrine:{personality}"
        self.team = team
        self.scenario = scenario
        self.seed = seed
        self.roles = Roles.of(scenario)

    def decide(self, view: TeamView) -> list[Order]:
        rng = bot_draws(self.seed, view.state.turn + 1, self.team, self.kind)
        return doctrine_orders(
            self.scenario, view.state, self.team, self.personality, rng, self.roles
        )


def factory(personality: str) -> Callable[[str, Scenario, int], DoctrineBot]:
    def make(team: str, scenario: Scenario, seed: int) -> DoctrineBot:
        return DoctrineBot(team, scenario, seed, personality)

    return make
