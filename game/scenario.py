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
    """A source of the scenario's numbers, cited by its ``id`` in comments."""

    id: Id = Field(description="Short id used in citations, e.g. usgs-2025; unique")
    citation: Text = Field(description="The full reference, with what it says")
    url: str | None = Field(None, description="Link, if there is one")


class Actor(Strict):
    """A country or bloc. Player actors belong to a team; npc actors follow the scenario."""

    name: Text = Field(
        description="Display name, e.g. Australia (Lynas, incl. its Malaysian plant)"
    )
    kind: Literal["player", "npc"] = Field(
        description="player if a team speaks for this actor; npc for a supplier or buyer"
    )


class Team(Strict):
    """A player team: the actor it speaks for and the resources that bound its moves."""

    name: Text = Field(description="Display name, e.g. Tokyo")
    actor: Id = Field(
        description="The actor this team speaks for: a player actor, not shared with another team"
    )
    action_points: Annotated[int, Field(ge=0, le=20), WHOLE] = Field(
        description="Action points per turn (they do not carry over)"
    )
    budget: Money = Field(description="Budget at the start, US$ million")
    income: Money = Field(
        0.0,
        description="Budget added every turn, US$ million (spendable from the next turn's orders)",
    )
    orders: list[OrderType] = Field(
        description="Order types this team may give (hold is always allowed, listed or not)"
    )
    blurb: str = Field("", description="The team's brief, shown to its players")


class Material(Strict):
    """A traded material. ``price`` is the baseline world price outside China."""

    name: Text = Field(description="Display name, e.g. NdPr oxide (light rare earths)")
    unit: str = Field(
        description="Unit of quantity, e.g. t (tonnes); all quantities of this material use it"
    )
    price: Price = Field(description="Baseline world price outside China, in price_unit")
    price_unit: str = Field(description="Unit of price, e.g. US$/kg, or index (1 = baseline)")
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
    defence_critical: bool = Field(
        False,
        description="Marks materials the defence industry depends on (read by computer players)",
    )


class Sector(Strict):
    """An industrial sector; ``sensitivity`` is output lost per unit of unmet material share."""

    name: Text = Field(description="Display name")
    sensitivity: Annotated[float, Field(ge=0.0, le=3.0), NUMBER] = Field(
        description="Output lost per unit of unmet material share: "
        "output = 100 x (1 - sensitivity x worst shortfall)"
    )


class Control(Strict):
    """An export control on (exporter, material, target). ``target`` '*' means every importer."""

    exporter: Id = Field(description="The controlling country")
    material: Id = Field(description="The controlled material")
    target: Target = Field(
        description='The importer it applies to; "*" (quoted) means every importer'
    )
    level: ControlLevel = Field(
        description="Step on the control ladder: open, licensing, military_ban or full_ban"
    )
    approval: Fraction = Field(
        0.5, description="Share of licence requests approved; used only with licensing"
    )
    extraterritorial: bool = Field(False, description="Cuts leakage through third countries")


class TradeParams(Strict):
    """Parameters of the trade rule (see docs/rules.md)."""

    leakage: Fraction = Field(
        0.15, description="Share of blocked volume that still arrives through third countries"
    )
    extraterritorial_enforcement: Fraction = Field(
        0.6,
        description="Share of the leakage through third countries an extraterritorial "
        "control stops",
    )
    military_share_floor: Fraction = Field(
        0.0,
        description="Extra share blocked by a military end-use ban beyond the defence sector's "
        "own demand",
    )
    diversion_rate: Fraction = Field(
        0.1,
        description="Share of a blocking supplier's trade share that importers move elsewhere "
        "per turn, at a full block",
    )
    restock_rate: Fraction = Field(
        0.25, description="Share of the gap to the starting working inventory reordered each turn"
    )
    licensing_friction: Fraction = Field(
        0.1, description="Share of approved licensed volume lost to delay each turn"
    )


class Dynamics(Strict):
    """Parameters of the index rules (tension, cohesion, posture, deterrence)."""

    tension_baseline: Index = Field(40.0, description="Level tension returns to")
    tension_decay: Fraction = Field(
        0.1, description="Share of the gap to the tension baseline closed each turn"
    )
    tension_per_control_step: NonNeg = Field(
        3.0,
        description="Tension points per step up the control ladder (half as much back per step "
        "down)",
    )
    posture_pain: NonNeg = Field(
        25.0,
        description="Posture points lost per unit of Japan's output loss (a total loss = 1)",
    )
    posture_cohesion_pull: NonNeg = Field(
        2.0,
        description="Posture points gained per turn at cohesion 100 "
        "(fewer as cohesion falls; below cohesion 50, points lost)",
    )
    cohesion_pain: NonNeg = Field(10.0, description="Cohesion lost per unit of Japan's output loss")
    cohesion_drift: Fraction = Field(
        0.05, description="Share of the gap to the cohesion baseline closed each turn"
    )
    cohesion_baseline: Index = Field(60.0, description="Level cohesion returns to")
    deterrence_from_defence: NonNeg = Field(
        30.0, description="Deterrence points lost per unit of US defence output loss"
    )
    deterrence_from_cohesion: Fraction = Field(
        0.2, description="Share of the gap between deterrence and cohesion closed each turn"
    )
    sanction_revenue_hit: Annotated[float, Field(ge=0.0, lt=1.0), NUMBER] = Field(
        0.08,
        description="Share of the target's export revenue lost each turn to broad sanctions "
        "(targeted: half); below 1, so that the ledger can tell trade's part from theirs",
    )
    tariff_diversion: Fraction = Field(
        0.3, description="Share of a supplier's trade share moved per turn by a 100% tariff"
    )


class Cost(Strict):
    """What one order of a type costs."""

    ap: Annotated[int, Field(ge=0, le=20), WHOLE] = Field(1, description="Action points")
    budget: Money = Field(0.0, description="Money, US$ million")


class InvestmentOption(Strict):
    """A project a team may fund: it adds capacity at ``host`` after ``lead_time`` turns."""

    id: Id = Field(description="Unique id, used in invest orders")
    name: Text = Field(description="Display name")
    team: Id = Field(description="The team that may fund it")
    kind: Literal[
        "offtake", "refining", "magnet_plant", "recycling", "deep_sea", "stockpile_facility"
    ] = Field(description="A label for the players; all kinds work the same way")
    material: Id = Field(description="The material whose capacity it adds")
    host: Id = Field(description="Actor where the capacity is built")
    capacity: Quantity = Field(
        description="Production added per turn at host when complete, in the material's unit"
    )
    offtake_to: Id | None = Field(
        None,
        description="If set, the buyer whose trade share shifts toward host on completion",
    )
    cost: Money = Field(description="Paid when funded, US$ million")
    lead_time: Annotated[int, Field(ge=0, le=60), WHOLE] = Field(
        description="Turns from funding to completion, without slips"
    )
    slip_chance: Fraction = Field(0.1, description="Chance per turn that the project slips a turn")
    ap: Annotated[int, Field(ge=0, le=20), WHOLE] = Field(1, description="Action points to fund it")
    locked: bool = Field(False, description="Only available once an inject unlocks it")
    source: str | None = Field(
        None, description="The id of the source it is based on (free text, not checked)"
    )


class CapacityChange(Strict):
    """Multiply ``actor``'s capacity for ``material`` by ``factor`` (0.5 = a plant fire)."""

    actor: Id = Field(description="The actor whose production capacity changes")
    material: Id = Field(description="The material whose production capacity changes")
    factor: Annotated[float, Field(ge=0.0, le=10.0), NUMBER] = Field(
        description="Multiplies the capacity, for good (0.5 = half the plant lost)"
    )


class DemandChange(Strict):
    """Multiply ``actor``'s demand for ``material`` by ``factor`` (1.2 = an EV subsidy boom)."""

    actor: Id = Field(description="The actor whose demand changes")
    material: Id = Field(description="The material whose demand changes")
    factor: Annotated[float, Field(ge=0.0, le=10.0), NUMBER] = Field(
        description="Multiplies the demand from then on (1.15 = an EV boom)"
    )


class InjectEffects(Strict):
    """What an inject does, through the rules: every change is recorded in the ledger."""

    indices: dict[IndexName, Annotated[float, Field(ge=-50, le=50), NUMBER]] = Field(
        {},
        description="Points added to tension, cohesion, posture or deterrence (kept within 0-100)",
    )
    production: list[CapacityChange] = Field(
        [], description="Changes to production capacity, each {actor, material, factor}"
    )
    demand: list[DemandChange] = Field(
        [], description="Changes to demand, each {actor, material, factor}"
    )
    prices: dict[Id, Annotated[float, Field(gt=0.0, le=20.0), NUMBER]] = Field(
        {},
        description="Multiply the world price of each material by this factor "
        "(it then moves back by the price rule)",
    )
    leakage: Annotated[float, Field(ge=0.0, le=5.0), NUMBER] | None = Field(
        None,
        description="Multiply third-country leakage by this factor from now on "
        "(0.4 = a smuggling ring broken)",
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

    id: Id = Field(description="Unique id; shown in the log and used to fire the inject by hand")
    headline: Text = Field(description="The news the teams read")
    text: str = Field("", description="More detail for the briefing")
    turn: Annotated[int, Field(ge=2, le=60), WHOLE] | None = Field(
        None, description="The turn this inject opens (it fires at the end of the one before)"
    )
    condition: str | None = Field(
        None,
        description="Fire at the end of any turn (but the last) when this holds, "
        "e.g. cover.JPN.magnets < 30",
    )
    once: bool = Field(
        True,
        description="Fire at most once; if false, fire again every turn the condition holds",
    )
    effects: InjectEffects = Field(
        InjectEffects(), description="What the inject does when it fires"
    )

    @property
    def manual(self) -> bool:
        return self.turn is None and self.condition is None


class Modifier(Strict):
    """Adds ``coef`` x (metric/100 - 0.5) to a move's chance of success."""

    metric: str = Field(description="The metric read at the end of last turn, e.g. index.cohesion")
    coef: Annotated[float, Field(ge=-1.0, le=1.0), NUMBER] = Field(
        description="Adds coef x (metric / 100 - 0.5) to the chance of success"
    )


class DiplomaticMove(Strict):
    """A diplomatic move with an uncertain outcome (matrix-game style)."""

    id: Id = Field(description="Unique id, used in diplomacy orders")
    name: Text = Field(description="Display name")
    teams: list[Id] = Field(min_length=1, description="The teams that may play it")
    base_chance: Fraction = Field(description="Chance of success before modifiers")
    modifiers: list[Modifier] = Field(
        [],
        description="Metrics that raise or lower the chance; it is kept within 0.02-0.98",
    )
    ap: Annotated[int, Field(ge=0, le=20), WHOLE] = Field(1, description="Action points")
    budget: Money = Field(0.0, description="Money, US$ million")
    success: dict[IndexName, Annotated[float, Field(ge=-50, le=50), NUMBER]] = Field(
        {}, description="Index changes on success"
    )
    failure: dict[IndexName, Annotated[float, Field(ge=-50, le=50), NUMBER]] = Field(
        {}, description="Index changes on failure"
    )
    locked: bool = Field(False, description="Only available once an inject unlocks it")
    text: str = Field(
        "",
        description="A note for the players or facilitator (e.g. where the base chance comes from)",
    )


class Objective(Strict):
    """One term of a team's score: a metric, normalised to 0-100 on [low, high], times a weight."""

    metric: str = Field(description="What is measured, a metric path, e.g. index.posture")
    weight: Annotated[float, Field(gt=0.0, le=10.0), NUMBER] = Field(
        description="Relative weight within the team's objectives"
    )
    direction: Literal["up", "down"] = Field(
        "up", description="down when lower is better (e.g. Beijing on Tokyo's posture)"
    )
    low: Annotated[float, Field(ge=-MAX_METRIC, le=MAX_METRIC), NUMBER] = Field(
        0.0, description="Metric value worth 0 points (100 if direction is down)"
    )
    high: Annotated[float, Field(ge=-MAX_METRIC, le=MAX_METRIC), NUMBER] = Field(
        100.0,
        description="Metric value worth 100 points (0 if direction is down); must be above low",
    )
    label: str = Field(
        "", description="Wording used in the ledger and reports; the metric path if empty"
    )


class Fog(Strict):
    """What a team sees of the others. Own numbers are always exact."""

    noise: Annotated[float, Field(ge=0.0, le=1.0), NUMBER] = Field(
        0.15,
        description="Relative noise on other actors' output, inventory and (if not hidden) "
        "stockpiles and budgets",
    )
    hidden: list[Literal["stockpile", "inventory", "budget", "projects", "orders"]] = Field(
        ["stockpile", "budget", "projects"],
        description="What other teams cannot see at all (orders hides their orders in the app)",
    )


class Scenario(Strict):
    """A whole scenario file."""

    id: Id = Field(
        description="Short identifier; also the name of a bundled scenario on the command line"
    )
    title: Text = Field(description="Title shown in the app and reports")
    summary: Text = Field(description="The situation in a few sentences, shown to the players")
    start: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = Field(
        description='Month of turn 1, written YYYY-MM and quoted, e.g. "2026-01"'
    )
    turn_length_months: Annotated[int, Field(ge=1, le=12), WHOLE] = Field(
        1, description="Months per turn (flows, rates and action points stay per turn)"
    )
    turns: Annotated[int, Field(ge=1, le=60), WHOLE] = Field(description="Number of turns")
    actors: dict[Id, Actor] = Field(
        description="Every country or bloc in the scenario, keyed by its code"
    )
    teams: dict[Id, Team] = Field(
        description="The player teams, keyed by team name: exactly beijing, tokyo and washington"
    )
    materials: dict[Id, Material] = Field(description="Every traded material, keyed by its code")
    sectors: dict[SectorName, Sector] = Field(
        description="The industrial sectors, keyed by autos, defence, electronics or energy"
    )
    production: dict[Id, dict[Id, Quantity]] = Field(
        description="Production capacity per turn, by actor and material, in the material's "
        "unit (left out = 0)"
    )
    demand: dict[Id, dict[SectorName, dict[Id, Quantity]]] = Field(
        description="Demand per turn at full output, by actor, then sector, then material"
    )
    trade_shares: dict[Id, dict[Id, dict[Id, Fraction]]] = Field(
        description="Each importer's sources: importer, then material, then exporter with its "
        "share (0-1, adding up to 1)"
    )
    inventory_days: dict[Id, dict[Id, Days]] = Field(
        {},
        description="Working inventory firms hold, by actor and material, in days of demand "
        "(left out = 0)",
    )
    stockpiles: dict[Id, dict[Id, Quantity]] = Field(
        {},
        description="Government strategic stockpiles, by actor and material, in the "
        "material's unit (left out = 0)",
    )
    controls: list[Control] = Field(
        [], description="Export controls in force when the game opens (none: all trade open)"
    )
    indices: dict[IndexName, Index] = Field(
        description="Starting values (0-100) of tension, cohesion, posture and deterrence: "
        "all four are needed"
    )
    index_labels: dict[ShownIndex, Text] = Field(
        {},
        description="What this scenario calls its strategic indices on screen and in reports, "
        'e.g. {posture: "Japan\'s posture on the Senkakus"}; unnamed ones keep the defaults',
    )
    trade: TradeParams = Field(
        TradeParams(),
        description="Parameters of the trade, controls and diversification rules",
    )
    dynamics: Dynamics = Field(
        Dynamics(),
        description="Parameters of the strategic indices and economic measures",
    )
    order_costs: dict[OrderType, Cost] = Field(
        {},
        description="What each order type costs (one not listed: 1 action point, no money)",
    )
    investments: list[InvestmentOption] = Field([], description="The projects teams can fund")
    diplomacy: list[DiplomaticMove] = Field(
        [], description="The diplomatic moves on offer, each with an uncertain outcome"
    )
    objectives: dict[Id, list[Objective]] = Field(
        description="Each team's score terms, keyed by team name; every team needs at least one"
    )
    fog: Fog = Field(Fog(), description="What a team sees of the others")
    injects: list[Inject] = Field(
        [], description="Events that can happen during the game, with a headline and effects"
    )
    use_inject_library: bool = Field(
        True, description="Offer the built-in library of hand-fired injects that fit"
    )
    sources: list[Source] = Field(
        min_length=1, description="The sources of the scenario's numbers, at least one"
    )

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
    invested = dict(seen)  # investment id -> index
    seen = {}
    for i, mv in enumerate(s.diplomacy):
        if mv.id in seen:
            first = at(("diplomacy", seen[mv.id]))
            out.append((("diplomacy", i, "id"), f"duplicate move id '{mv.id}' (first at {first})"))
        elif mv.id in invested:
            # one name for two things: an inject's `unlock` would open both, and the log, the
            # order form and the story could not tell which was meant
            first = at(("investments", invested[mv.id]))
            out.append(
                (
                    ("diplomacy", i, "id"),
                    f"move id '{mv.id}' is also an investment's id (at {first}): give one of "
                    "them another name",
                )
            )
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
    out.extend(inject_problems(s, s.injects, ("injects",), at))
    for tid in ROLES:
        if tid in s.teams and not s.objectives.get(tid):
            loc: Loc = ("objectives", tid) if tid in s.objectives else ("objectives",)
            out.append((loc, f"team '{tid}' has no objectives"))
    out.extend(limit_problems(s, at))
    return out


def inject_problems(
    s: Scenario, injects: list[Inject], root: Loc, where: Callable[[Loc], str] | None = None
) -> list[tuple[Loc, str]]:
    """What is wrong with ``injects`` in scenario ``s`` (names, conditions, unlocks);
    ``where`` says where a place in the file is (``field_path`` if not given)."""
    from game.conditions import ConditionError, parse_condition
    from game.metrics import metric_problem

    out: list[tuple[Loc, str]] = []
    unlockable = {o.id for o in s.investments} | {m.id for m in s.diplomacy}

    def unknown_actor(name: str) -> str:
        return unknown("actor", name, s.actors, "actors")

    def unknown_material(name: str) -> str:
        return unknown("material", name, s.materials, "materials")

    seen: dict[str, int] = {}
    for i, inj in enumerate(injects):
        loc = (*root, i)
        if inj.id in seen:
            first_at = (*root, seen[inj.id])
            first = where(first_at) if where else ".".join(str(p) for p in first_at)
            out.append(((*loc, "id"), f"duplicate inject id '{inj.id}' (first at {first})"))
        seen.setdefault(inj.id, i)
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
