"""The scenario schema: everything a scenario YAML file may say, as pydantic models.

A scenario is data only. It names the actors (three player teams plus non-player suppliers and
buyers), the materials with their units and baseline prices, who produces and needs how much,
the baseline trade shares, inventories and stockpiles, sector sensitivities, the orders each team
may give and what they cost, the investments and diplomatic moves on offer, each team's
objectives, the fog of war, and the sources the numbers come from.

Quantities are per turn (one month by default) in the material's own unit. Money is in US$
million. Indices run 0 to 100.

Loading (with file:line errors) lives in ``game.scenario_loader``; cross-references between
sections are checked by :func:`reference_problems`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from game.spelling import unknown


def _no_bool(error: str, message: str) -> BeforeValidator:
    """A check that refuses YAML's ``true``/``false`` where a number is meant (``true`` is also
    the number 1: ``approval: true`` read as 100%, ``turns: true`` as one turn), as pydantic's
    own ``error`` for a value that is not a number."""

    def check(value: object) -> object:
        if isinstance(value, bool):
            raise PydanticCustomError(error, message)
        return value

    return BeforeValidator(check)


NUMBER = _no_bool("float_type", "Input should be a valid number")
"""Put last in a number's ``Annotated[float, Field(...), NUMBER]`` (after the bounds, so that
the JSON schema keeps them): the number must be written as one, not ``true``."""
WHOLE = _no_bool("int_type", "Input should be a valid integer")
"""The same for a whole number."""
Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=40)]
Target = Annotated[str, Field(pattern=r"^(\*|[A-Za-z][A-Za-z0-9_\-]*)$", max_length=40)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0), NUMBER]
NonNeg = Annotated[float, Field(ge=0.0), NUMBER]
Index = Annotated[float, Field(ge=0.0, le=100.0), NUMBER]
Text = Annotated[str, Field(min_length=1)]
"""A name, title or headline: shown to the players, so never empty."""

MAX_QUANTITY = 1e9
"""Most of a material a scenario may name per turn (production, demand, stockpile, capacity)."""
MAX_MONEY = 1e7
"""Most money a scenario may name, US$ million (a budget, income or cost of US$10 trillion)."""
MAX_PRICE = 1e9
"""Highest price, or US$ million per unit at a price of 1, a scenario may name."""
MAX_METRIC = 1e12
"""Largest objective bound (``low``/``high``) in either direction."""
Quantity = Annotated[float, Field(ge=0.0, le=MAX_QUANTITY), NUMBER]
Money = Annotated[float, Field(ge=0.0, le=MAX_MONEY), NUMBER]
Price = Annotated[float, Field(gt=0.0, le=MAX_PRICE), NUMBER]
Days = Annotated[float, Field(ge=0.0, le=3650.0), NUMBER]

OrderType = Literal[
    "export_control",
    "licence_approval",
    "stockpile_release",
    "stockpile_build",
    "invest",
    "diplomacy",
    "tariff",
    "sanction",
    "prioritise_defence",
    "hold",
]
ControlLevel = Literal["open", "licensing", "military_ban", "full_ban"]
IndexName = Literal["tension", "cohesion", "posture", "deterrence"]
ShownIndex = Literal["tension", "cohesion", "posture", "deterrence", "market_share"]
"""The indices shown on screen: the four above and China's market share (worked out each turn)."""
SectorName = Literal["autos", "defence", "electronics", "energy"]
ORDER_TYPES: tuple[str, ...] = get_args(OrderType)
INDEX_NAMES: tuple[str, ...] = get_args(IndexName)
SECTORS: tuple[str, ...] = get_args(SectorName)


class Strict(BaseModel):
    """Base for every scenario model: unknown keys are errors, values are frozen, and every
    number is finite (a ``.inf`` or ``.nan`` would make scores nan and logs unwritable)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(Strict):
    id: Id
    citation: Text
    url: str | None = None


class Actor(Strict):
    """A country or bloc. Player actors belong to a team; npc actors follow the scenario."""

    name: Text
    kind: Literal["player", "npc"]


class Team(Strict):
    """A player team: the actor it speaks for and the resources that bound its moves."""

    name: Text
    actor: Id
    action_points: Annotated[int, Field(ge=0, le=20), WHOLE]
    budget: Money = Field(description="Budget at the start, US$ million")
    income: Money = Field(
        0.0,
        description="Budget added every turn, US$ million (spendable from the next turn's orders)",
    )
    orders: list[OrderType] = Field(description="Order types this team may give")
    blurb: str = ""


class Material(Strict):
    """A traded material. ``price`` is the baseline world price outside China."""

    name: Text
    unit: str = Field(description="Unit of quantity, e.g. t (tonnes)")
    price: Price
    price_unit: str = Field(description="Unit of price, e.g. US$/kg")
    usd_m_per_unit_price: Price = Field(
        description="US$ million for one unit of quantity at a price of 1 (t at US$/kg: 0.001)"
    )
    china_price: Price | None = Field(
        None, description="Baseline domestic price in China; defaults to price"
    )
    price_sensitivity: Annotated[float, Field(ge=0.0, le=10.0), NUMBER] = Field(
        3.0,
        description="How steeply the price outside China climbs with the shortfall share "
        "(at most 10: a total shortfall then multiplies the price by e^10, about 22,000)",
    )
    defence_critical: bool = False


class Sector(Strict):
    """An industrial sector; ``sensitivity`` is output lost per unit of unmet material share."""

    name: Text
    sensitivity: Annotated[float, Field(ge=0.0, le=3.0), NUMBER]


class Control(Strict):
    """An export control on (exporter, material, target). ``target`` '*' means every importer."""

    exporter: Id
    material: Id
    target: Target
    level: ControlLevel
    approval: Fraction = Field(0.5, description="Share of licence requests approved (licensing)")
    extraterritorial: bool = False


class TradeParams(Strict):
    """Parameters of the trade rule (see docs/rules.md)."""

    leakage: Fraction = Field(
        0.15, description="Share of blocked flow that leaks via third countries"
    )
    extraterritorial_enforcement: Fraction = Field(
        0.6, description="Share of leakage an extraterritorial rule stops"
    )
    military_share_floor: Fraction = Field(
        0.0, description="Extra share blocked by a military end-use ban beyond the defence sector"
    )
    diversion_rate: Fraction = Field(
        0.1, description="Share of a blocked supplier's trade share that importers move per turn"
    )
    restock_rate: Fraction = Field(0.25, description="Share of the inventory gap refilled per turn")
    licensing_friction: Fraction = Field(
        0.1, description="Share of approved licensed volume lost to delay each turn"
    )


class Dynamics(Strict):
    """Parameters of the index rules (tension, cohesion, posture, deterrence)."""

    tension_baseline: Index = 40.0
    tension_decay: Fraction = 0.1
    tension_per_control_step: NonNeg = 3.0
    posture_pain: NonNeg = Field(
        25.0, description="Posture points lost per unit of Japan's output loss"
    )
    posture_cohesion_pull: NonNeg = Field(
        2.0, description="Posture points per turn at full cohesion"
    )
    cohesion_pain: NonNeg = Field(10.0, description="Cohesion lost per unit of Japan's output loss")
    cohesion_drift: Fraction = 0.05
    cohesion_baseline: Index = 60.0
    deterrence_from_defence: NonNeg = Field(
        30.0, description="Deterrence points lost per unit of US defence output loss"
    )
    deterrence_from_cohesion: Fraction = 0.2
    sanction_revenue_hit: Fraction = Field(
        0.08, description="Share of target revenue lost to a broad sanction"
    )
    tariff_diversion: Fraction = Field(0.3, description="Share shift per turn at a 100% tariff")


class Cost(Strict):
    ap: Annotated[int, Field(ge=0, le=20), WHOLE] = 1
    budget: Money = 0.0


class InvestmentOption(Strict):
    """A project a team may fund: it adds capacity at ``host`` after ``lead_time`` turns."""

    id: Id
    name: Text
    team: Id
    kind: Literal[
        "offtake", "refining", "magnet_plant", "recycling", "deep_sea", "stockpile_facility"
    ]
    material: Id
    host: Id = Field(description="Actor where the capacity is built")
    capacity: Quantity = Field(description="Capacity added per turn when complete")
    offtake_to: Id | None = Field(None, description="Importer whose trade share shifts to the host")
    cost: Money
    lead_time: Annotated[int, Field(ge=0, le=60), WHOLE]
    slip_chance: Fraction = Field(0.1, description="Chance per turn that the project slips a turn")
    ap: Annotated[int, Field(ge=0, le=20), WHOLE] = 1
    locked: bool = Field(False, description="Only available once an inject unlocks it")
    source: str | None = None


class CapacityChange(Strict):
    """Multiply ``actor``'s capacity for ``material`` by ``factor`` (0.5 = a plant fire)."""

    actor: Id
    material: Id
    factor: Annotated[float, Field(ge=0.0, le=10.0), NUMBER]


class DemandChange(Strict):
    """Multiply ``actor``'s demand for ``material`` by ``factor`` (1.2 = an EV subsidy boom)."""

    actor: Id
    material: Id
    factor: Annotated[float, Field(ge=0.0, le=10.0), NUMBER]


class InjectEffects(Strict):
    """What an inject does, through the rules: every change is recorded in the ledger."""

    indices: dict[IndexName, Annotated[float, Field(ge=-50, le=50), NUMBER]] = {}
    production: list[CapacityChange] = []
    demand: list[DemandChange] = []
    prices: dict[Id, Annotated[float, Field(gt=0.0, le=20.0), NUMBER]] = Field(
        {}, description="Multiply the world price of each material by this factor"
    )
    leakage: Annotated[float, Field(ge=0.0, le=5.0), NUMBER] | None = Field(
        None, description="Multiply third-country leakage by this factor from now on"
    )
    unlock: list[Id] = Field(
        [], description="Locked investments or diplomatic moves made available"
    )


class Inject(Strict):
    """A scenario event with a headline for the teams.

    Fired so that it opens a given ``turn`` (at the end of the turn before), when its
    ``condition`` holds at the end of a turn, or by the facilitator by hand (``manual``, the
    default when neither is given).
    """

    id: Id
    headline: Text
    text: str = ""
    turn: Annotated[int, Field(ge=2, le=60), WHOLE] | None = Field(
        None, description="The turn this inject opens (it fires at the end of the one before)"
    )
    condition: str | None = None
    once: bool = True
    effects: InjectEffects = InjectEffects()

    @property
    def manual(self) -> bool:
        return self.turn is None and self.condition is None


class Modifier(Strict):
    """Adds ``coef`` x (metric/100 - 0.5) to a move's chance of success."""

    metric: str
    coef: Annotated[float, Field(ge=-1.0, le=1.0), NUMBER]


class DiplomaticMove(Strict):
    """A diplomatic move with an uncertain outcome (matrix-game style)."""

    id: Id
    name: Text
    teams: list[Id] = Field(min_length=1, description="The teams that may play it")
    base_chance: Fraction
    modifiers: list[Modifier] = []
    ap: Annotated[int, Field(ge=0, le=20), WHOLE] = 1
    budget: Money = 0.0
    success: dict[IndexName, Annotated[float, Field(ge=-50, le=50), NUMBER]] = {}
    failure: dict[IndexName, Annotated[float, Field(ge=-50, le=50), NUMBER]] = {}
    locked: bool = Field(False, description="Only available once an inject unlocks it")
    text: str = ""


class Objective(Strict):
    """One term of a team's score: a metric, normalised to 0-100 on [low, high], times a weight."""

    metric: str
    weight: Annotated[float, Field(gt=0.0, le=10.0), NUMBER]
    direction: Literal["up", "down"] = "up"
    low: Annotated[float, Field(ge=-MAX_METRIC, le=MAX_METRIC), NUMBER] = 0.0
    high: Annotated[float, Field(ge=-MAX_METRIC, le=MAX_METRIC), NUMBER] = 100.0
    label: str = ""


class Fog(Strict):
    """What a team sees of the others. Own numbers are always exact."""

    noise: Annotated[float, Field(ge=0.0, le=1.0), NUMBER] = Field(
        0.15, description="Relative noise on other actors' numbers"
    )
    hidden: list[Literal["stockpile", "inventory", "budget", "projects", "orders"]] = [
        "stockpile",
        "budget",
        "projects",
    ]


class Scenario(Strict):
    """A whole scenario file."""

    id: Id
    title: Text
    summary: Text
    start: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    turn_length_months: Annotated[int, Field(ge=1, le=12), WHOLE] = 1
    turns: Annotated[int, Field(ge=1, le=60), WHOLE]
    actors: dict[Id, Actor]
    teams: dict[Id, Team]
    materials: dict[Id, Material]
    sectors: dict[SectorName, Sector]
    production: dict[Id, dict[Id, Quantity]]
    demand: dict[Id, dict[SectorName, dict[Id, Quantity]]]
    trade_shares: dict[Id, dict[Id, dict[Id, Fraction]]]
    inventory_days: dict[Id, dict[Id, Days]] = {}
    stockpiles: dict[Id, dict[Id, Quantity]] = {}
    controls: list[Control] = []
    indices: dict[IndexName, Index]
    index_labels: dict[ShownIndex, Text] = Field(
        {},
        description="What this scenario calls its strategic indices on screen and in reports, "
        'e.g. {posture: "Japan\'s posture on the Senkakus"}; unnamed ones keep the defaults',
    )
    trade: TradeParams = TradeParams()
    dynamics: Dynamics = Dynamics()
    order_costs: dict[OrderType, Cost] = {}
    investments: list[InvestmentOption] = []
    diplomacy: list[DiplomaticMove] = []
    objectives: dict[Id, list[Objective]]
    fog: Fog = Fog()
    injects: list[Inject] = []
    use_inject_library: bool = Field(
        True, description="Offer the built-in library of hand-fired injects that fit"
    )
    sources: list[Source] = Field(min_length=1)

    def cost_of(self, order_type: str) -> Cost:
        costs: dict[str, Cost] = self.order_costs  # type: ignore[assignment]
        return costs.get(order_type, DEFAULT_COST)

    @cached_property
    def option_by_id(self) -> dict[str, InvestmentOption]:
        """Investment options by id (built on first use; a scenario never changes)."""
        return {o.id: o for o in self.investments}

    @cached_property
    def move_by_id(self) -> dict[str, DiplomaticMove]:
        """Diplomatic moves by id (built on first use)."""
        return {m.id: m for m in self.diplomacy}

    def team_of_actor(self, actor: str) -> str | None:
        for tid, team in self.teams.items():
            if team.actor == actor:
                return tid
        return None

    def month_label(self, turn: int) -> str:
        """'2026-03' for turn 3 of a scenario starting 2026-01 with monthly turns."""
        year, month = (int(x) for x in self.start.split("-"))
        m0 = month - 1 + (turn - 1) * self.turn_length_months
        return f"{year + m0 // 12:04d}-{m0 % 12 + 1:02d}"


DEFAULT_COST = Cost(ap=1, budget=0.0)

Loc = tuple[str | int, ...]


DECLARED = {"actor": "actors", "material": "materials"}
"""Where a scenario declares the names an unknown-name message tells the author to add."""

ROLES = ("beijing", "tokyo", "washington")
"""The team names the rules give roles to: coercer, target and patron."""


def reference_problems(
    s: Scenario, where: Callable[[Loc], str] | None = None
) -> list[tuple[Loc, str]]:
    """Cross-references the schema cannot check alone: every name must be declared; and the
    limits of ``game.scenario_checks``. ``where`` names another entry a message points to (its
    line, from the loader); by default its field path.

    Team names used elsewhere are checked against the three role names, which the teams must
    be: a renamed team is then reported once, not at every use of its right name."""
    from game.metrics import metric_problem
    from game.scenario_checks import field_path, limit_problems, team_name_problems

    out: list[tuple[Loc, str]] = []
    actors, mats, teams = set(s.actors), set(s.materials), set(ROLES)
    at = where or field_path

    def need(names: set[str], value: str, loc: Loc, what: str) -> None:
        if value not in names:
            out.append((loc, unknown(what, value, names, DECLARED.get(what, ""))))

    out.extend(team_name_problems(s))
    missing = [k for k in INDEX_NAMES if k not in s.indices]
    if missing:
        out.append((("indices",), f"missing starting value for {', '.join(missing)}"))
    for a, sectors in s.demand.items():
        for sec in sectors:
            if sec not in s.sectors:
                out.append((("demand", a, sec), f"sector '{sec}' is not declared under sectors"))
    for tid, team in s.teams.items():
        need(actors, team.actor, ("teams", tid, "actor"), "actor")
        # (a team that is not one of the three roles is refused as such: making its actor
        # a player would not help)
        if tid in teams and team.actor in s.actors and s.actors[team.actor].kind != "player":
            out.append(
                (
                    ("teams", tid, "actor"),
                    f"actor '{team.actor}' is not a player actor: a team speaks for one; set "
                    f"'kind: player' on {team.actor} under actors ({at(('actors', team.actor))})",
                )
            )
    for a, row in s.production.items():
        need(actors, a, ("production", a), "actor")
        for m in row:
            need(mats, m, ("production", a, m), "material")
    for a, sectors in s.demand.items():
        need(actors, a, ("demand", a), "actor")
        for sec, row in sectors.items():
            for m in row:
                need(mats, m, ("demand", a, sec, m), "material")
    for imp, by_mat in s.trade_shares.items():
        need(actors, imp, ("trade_shares", imp), "actor")
        for m, shares in by_mat.items():
            need(mats, m, ("trade_shares", imp, m), "material")
            for e in shares:
                need(actors, e, ("trade_shares", imp, m, e), "actor")
                if e == imp:
                    out.append((("trade_shares", imp, m, e), "an actor cannot import from itself"))
            total = sum(shares.values())
            if shares and abs(total - 1.0) > 0.011:
                out.append((("trade_shares", imp, m), f"shares add up to {total:.3f}, not 1"))
    for section in ("inventory_days", "stockpiles"):
        table: dict[str, dict[str, float]] = getattr(s, section)
        for a, row in table.items():
            need(actors, a, (section, a), "actor")
            for m in row:
                need(mats, m, (section, a, m), "material")
    for i, c in enumerate(s.controls):
        need(actors, c.exporter, ("controls", i, "exporter"), "actor")
        need(mats, c.material, ("controls", i, "material"), "material")
        if c.target != "*":
            need(actors, c.target, ("controls", i, "target"), "actor")
    seen: dict[str, int] = {}
    for i, inv in enumerate(s.investments):
        if inv.id in seen:
            first = at(("investments", seen[inv.id]))
            out.append(
                (("investments", i, "id"), f"duplicate investment id '{inv.id}' (first at {first})")
            )
        seen.setdefault(inv.id, i)
        need(teams, inv.team, ("investments", i, "team"), "team")
        need(mats, inv.material, ("investments", i, "material"), "material")
        need(actors, inv.host, ("investments", i, "host"), "actor")
        if inv.offtake_to is not None:
            need(actors, inv.offtake_to, ("investments", i, "offtake_to"), "actor")
    seen = {}
    for i, mv in enumerate(s.diplomacy):
        if mv.id in seen:
            first = at(("diplomacy", seen[mv.id]))
            out.append((("diplomacy", i, "id"), f"duplicate move id '{mv.id}' (first at {first})"))
        seen.setdefault(mv.id, i)
        for j, t in enumerate(mv.teams):
            need(teams, t, ("diplomacy", i, "teams", j), "team")
        for j, mod in enumerate(mv.modifiers):
            problem = metric_problem(s, mod.metric)
            if problem:
                out.append((("diplomacy", i, "modifiers", j, "metric"), problem))
    for tid, objs in s.objectives.items():
        need(teams, tid, ("objectives", tid), "team")
        for j, obj in enumerate(objs):
            problem = metric_problem(s, obj.metric)
            if problem:
                out.append((("objectives", tid, j, "metric"), problem))
            if obj.high <= obj.low:
                out.append(
                    (
                        ("objectives", tid, j, "high"),
                        "high must be above low (to score lower values higher, keep low below "
                        "high and write 'direction: down')",
                    )
                )
    out.extend(inject_problems(s, s.injects, ("injects",)))
    for tid in ROLES:
        if tid in s.teams and not s.objectives.get(tid):
            loc: Loc = ("objectives", tid) if tid in s.objectives else ("objectives",)
            out.append((loc, f"team '{tid}' has no objectives"))
    out.extend(limit_problems(s, at))
    return out


def inject_problems(s: Scenario, injects: list[Inject], root: Loc) -> list[tuple[Loc, str]]:
    """What is wrong with ``injects`` in scenario ``s`` (names, conditions, unlocks)."""
    from game.conditions import ConditionError, parse_condition
    from game.metrics import metric_problem

    out: list[tuple[Loc, str]] = []
    unlockable = {o.id for o in s.investments} | {m.id for m in s.diplomacy}

    def unknown_actor(name: str) -> str:
        return unknown("actor", name, s.actors, "actors")

    def unknown_material(name: str) -> str:
        return unknown("material", name, s.materials, "materials")

    seen: set[str] = set()
    for i, inj in enumerate(injects):
        loc = (*root, i)
        if inj.id in seen:
            out.append(((*loc, "id"), f"duplicate inject id '{inj.id}'"))
        seen.add(inj.id)
        if inj.condition is not None:
            try:
                parse_condition(inj.condition, lambda p: metric_problem(s, p))
            except ConditionError as exc:
                out.append(((*loc, "condition"), f"bad condition: {exc}"))
        eff = inj.effects
        for j, dm in enumerate(eff.demand):
            if dm.actor not in s.actors:
                out.append(((*loc, "effects", "demand", j, "actor"), unknown_actor(dm.actor)))
            if dm.material not in s.materials:
                out.append(
                    (
                        (*loc, "effects", "demand", j, "material"),
                        unknown_material(dm.material),
                    )
                )
        for j, ch in enumerate(eff.production):
            if ch.actor not in s.actors:
                out.append(((*loc, "effects", "production", j, "actor"), unknown_actor(ch.actor)))
            if ch.material not in s.materials:
                out.append(
                    (
                        (*loc, "effects", "production", j, "material"),
                        unknown_material(ch.material),
                    )
                )
        for m in eff.prices:
            if m not in s.materials:
                out.append(((*loc, "effects", "prices", m), unknown_material(m)))
        for j, u in enumerate(eff.unlock):
            if u not in unlockable:
                out.append(
                    (
                        (*loc, "effects", "unlock", j),
                        f"'{u}' is neither an investment nor a diplomatic move",
                    )
                )
    return out
