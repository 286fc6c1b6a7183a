"""The state of a game after a turn, as plain typed data, and its canonical hash.

The rules mutate a fresh copy of the state each turn (``GameState.copy``); everything else treats
states as values. ``canonical`` gives the sorted, rounded dictionary that is hashed and logged, so
the same game gives the same bytes on every run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from game.scenario import Scenario

CONTROL_RANK = {"open": 0, "licensing": 1, "military_ban": 2, "full_ban": 3}
COVER_CAP_DAYS = 365.0
DAYS_PER_MONTH = 30.0

Table = dict[str, dict[str, float]]


class ControlState(NamedTuple):
    """An export control in force on one (exporter, material, target).

    A named tuple rather than a frozen dataclass: the rules and the bots look controls up in
    dictionaries keyed on them (``controls.binding``, the bots' menus), and a tuple's hash and
    equality are worked out in C, where a dataclass's ran as Python (about 2,000 CPU
    instructions a hash)."""

    level: str
    approval: float = 0.5
    extraterritorial: bool = False

    @property
    def rank(self) -> int:
        return CONTROL_RANK[self.level]


@dataclass(slots=True)
class Project:
    """An investment under way: it completes when ``turns_left`` reaches 0."""

    option: str
    team: str
    started: int
    turns_left: int
    slipped: int = 0


def control_key(exporter: str, material: str, target: str) -> str:
    return f"{exporter}|{material}|{target}"


def split_key(key: str) -> tuple[str, str, str]:
    a, b, c = key.split("|")
    return a, b, c


@dataclass(slots=True)
class GameState:
    """Everything that changes during a game. ``turn`` counts the turns resolved so far."""

    turn: int
    production: Table
    inventory: Table
    inventory_target: Table
    stockpile: Table
    shares: dict[str, Table]
    controls: dict[str, ControlState]
    tariffs: dict[str, float]
    sanctions: dict[str, str]
    prices: dict[str, float]
    china_prices: dict[str, float]
    indices: dict[str, float]
    revenue: dict[str, float]
    output: Table
    cover: Table
    fill: Table
    delivered: dict[str, Table]
    budget: dict[str, float]
    projects: list[Project] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)
    priority_defence: dict[str, bool] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    fired: list[str] = field(default_factory=list)
    unlocked: list[str] = field(default_factory=list)
    leak_factor: float = 1.0
    demand_factor: Table = field(default_factory=dict)

    def copy(
        self,
        *,
        inventory: Table | None = None,
        stockpile: Table | None = None,
        output: Table | None = None,
    ) -> GameState:
        """A deep copy, written out by hand because ``copy.deepcopy`` is ten times slower (and
        with ``dict.copy``, a fifth cheaper than ``dict(...)`` for a small table).

        Some tables are shared, not copied, because the rules replace them whole and never
        change them in place: ``delivered`` (trade), each actor's ``cover`` and ``fill`` rows
        (stocks), and each importer's row of trade shares of a material (diversification and
        investment offtakes build a new row). ``tests/test_rules_properties.py`` checks that
        resolving a turn leaves every field of the previous state as it was.

        ``inventory``, ``stockpile`` and ``output``, if given, are new tables the caller built
        for the copy (a team's view, ``game.fog``), taken as they are instead of copies of this
        state's.
        """
        return GameState(
            turn=self.turn,
            production={a: r.copy() for a, r in self.production.items()},
            inventory=(
                {a: r.copy() for a, r in self.inventory.items()} if inventory is None else inventory
            ),
            inventory_target=self.inventory_target,  # never changes during a game
            stockpile=(
                {a: r.copy() for a, r in self.stockpile.items()} if stockpile is None else stockpile
            ),
            shares={i: t.copy() for i, t in self.shares.items()},  # rows replaced whole
            controls=self.controls.copy(),
            tariffs=self.tariffs.copy(),
            sanctions=self.sanctions.copy(),
            prices=self.prices.copy(),
            china_prices=self.china_prices.copy(),
            indices=self.indices.copy(),
            revenue=self.revenue.copy(),
            output={a: r.copy() for a, r in self.output.items()} if output is None else output,
            cover=self.cover.copy(),  # rows are replaced whole, never changed in place
            fill=self.fill.copy(),  # rows are replaced whole, never changed in place
            delivered=self.delivered,  # replaced whole by the trade rule
            budget=self.budget.copy(),
            projects=[
                Project(p.option, p.team, p.started, p.turns_left, p.slipped) for p in self.projects
            ],
            completed=self.completed.copy(),
            priority_defence=self.priority_defence.copy(),
            scores=self.scores.copy(),
            fired=self.fired.copy(),
            unlocked=self.unlocked.copy(),
            leak_factor=self.leak_factor,
            demand_factor={a: r.copy() for a, r in self.demand_factor.items()},
        )

    def canonical(self) -> dict[str, Any]:
        """The state as sorted, rounded JSON-ready data: what is hashed and logged."""
        return {
            "turn": self.turn,
            "production": _round_table(self.production),
            "inventory": _round_table(self.inventory),
            "stockpile": _round_table(self.stockpile),
            "shares": {i: _round_table(t) for i, t in sorted(self.shares.items())},
            "controls": {
                k: [c.level, round(c.approval, 6), c.extraterritorial]
                for k, c in sorted(self.controls.items())
            },
            "tariffs": _round_row(self.tariffs),
            "sanctions": dict(sorted(self.sanctions.items())),
            "prices": _round_row(self.prices),
            "china_prices": _round_row(self.china_prices),
            "indices": _round_row(self.indices),
            "revenue": _round_row(self.revenue),
            "output": _round_table(self.output),
            "cover": _round_table(self.cover),
            "budget": _round_row(self.budget),
            "projects": [
                [p.option, p.team, p.started, p.turns_left, p.slipped] for p in self.projects
            ],
            "completed": list(self.completed),
            "priority_defence": dict(sorted(self.priority_defence.items())),
            "scores": _round_row(self.scores),
            "fired": list(self.fired),
            "unlocked": list(self.unlocked),
            "leak_factor": round(self.leak_factor, 6),
            "demand_factor": _round_table(self.demand_factor),
        }

    def digest(self) -> str:
        """SHA-256 of the canonical state, the hash each log record carries."""
        return sha256_json(self.canonical())

    def quantize(self) -> None:
        """Round prices and indices in place (6 decimals).

        Prices are the only values computed with a transcendental function (``math.exp``),
        whose last bit may differ between C libraries; rounding them keeps replays identical
        across platforms. Everything else is plain IEEE arithmetic.
        """
        for row in (self.prices, self.china_prices, self.indices):
            for k, v in row.items():
                row[k] = round(v, 6)


def _round_row(row: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 6) for k, v in sorted(row.items())}


def _round_table(table: Table) -> dict[str, dict[str, float]]:
    return {a: _round_row(r) for a, r in sorted(table.items())}


def canonical_json(data: Any) -> str:
    """The one JSON encoding used for hashing and logging: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def sha256_json(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def total_demand(scenario: Scenario, actor: str, material: str) -> float:
    """Demand of ``actor`` for ``material`` per turn (the scenario's figures are per turn, of
    ``turn_length_months`` months), summed over its sectors."""
    sectors = scenario.demand.get(actor, {})
    return sum(row.get(material, 0.0) for row in sectors.values())


def days_of_cover(quantity: float, demand_per_turn: float, months: int) -> float:
    if demand_per_turn <= 0.0:
        return COVER_CAP_DAYS
    return min(COVER_CAP_DAYS, quantity / demand_per_turn * DAYS_PER_MONTH * months)


_START: dict[int, tuple[Scenario, GameState]] = {}


def start_state(scenario: Scenario) -> GameState:
    """``initial_state(scenario)``, built once per scenario object (scenarios are frozen) and
    shared: callers must only read it, or ``copy()`` it. A sweep starts thousands of games
    from it, and building it costs about a millisecond."""
    hit = _START.get(id(scenario))
    if hit is None or hit[0] is not scenario:
        if len(_START) > 32:
            _START.clear()
        hit = _START[id(scenario)] = (scenario, initial_state(scenario))
    return hit[1]


def initial_state(scenario: Scenario) -> GameState:
    """The state at turn 0, straight from the scenario."""
    actors = sorted(scenario.actors)
    mats = sorted(scenario.materials)
    months = scenario.turn_length_months
    production = {a: {m: scenario.production.get(a, {}).get(m, 0.0) for m in mats} for a in actors}
    inventory: Table = {}
    for a in actors:
        days = scenario.inventory_days.get(a, {})
        inventory[a] = {
            m: days.get(m, 0.0) / (DAYS_PER_MONTH * months) * total_demand(scenario, a, m)
            for m in mats
        }
    stockpile = {a: {m: scenario.stockpiles.get(a, {}).get(m, 0.0) for m in mats} for a in actors}
    shares = {
        i: {m: dict(sorted(r.items())) for m, r in sorted(t.items())}
        for i, t in scenario.trade_shares.items()
    }
    controls = {
        control_key(c.exporter, c.material, c.target): ControlState(
            c.level, c.approval, c.extraterritorial
        )
        for c in scenario.controls
        if c.level != "open"
    }
    output: Table = {
        a: {str(s): 100.0 for s in sorted(scenario.demand[a])}
        for a in actors
        if a in scenario.demand
    }
    cover = {
        a: {
            m: days_of_cover(inventory[a][m], total_demand(scenario, a, m), months)
            for m in mats
            if total_demand(scenario, a, m) > 0
        }
        for a in actors
    }
    indices: dict[str, float] = {str(k): float(v) for k, v in sorted(scenario.indices.items())}
    state = GameState(
        turn=0,
        production=production,
        inventory=inventory,
        inventory_target={a: dict(r) for a, r in inventory.items()},
        stockpile=stockpile,
        shares=shares,
        controls=dict(sorted(controls.items())),
        tariffs={},
        sanctions={},
        prices={m: scenario.materials[m].price for m in mats},
        china_prices={
            m: scenario.materials[m].china_price or scenario.materials[m].price for m in mats
        },
        indices=indices,
        revenue={a: 0.0 for a in actors},
        output=output,
        cover=cover,
        fill={a: {m: 1.0 for m in mats} for a in actors},
        delivered={},
        budget={t: team.budget for t, team in sorted(scenario.teams.items())},
        priority_defence={a: False for a in actors},
    )
    from game.rules.diversification import market_share

    state.indices["market_share"] = market_share(scenario, state)
    state.revenue = baseline_revenue(scenario, state)
    from game.rules.scoring import team_scores

    state.scores = team_scores(scenario, state)
    state.quantize()
    return state


def baseline_revenue(scenario: Scenario, state: GameState) -> dict[str, float]:
    """Each actor's export revenue in a quiet month at the start (trade as the scenario opens),
    so that the first turn's revenue is compared with a real baseline, not with zero."""
    from game.rules.context import Model, TurnContext
    from game.rules.trade import resolve_trade

    ctx = TurnContext(Model.compile(scenario), state, state.copy(), seed=0)
    resolve_trade(ctx)
    return dict(sorted(ctx.state.revenue.items()))
