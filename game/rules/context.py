"""What the rules share during one turn: the compiled scenario, the states, ledger and draws."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.chance import Draw, first_roll
from game.clamp import clamp
from game.conditions import Check, parse_condition
from game.facilitation import FiredInject, Override
from game.ledger import Ledger
from game.scenario import DiplomaticMove, Inject, InvestmentOption, Scenario
from game.state import GameState, total_demand

Table = dict[str, dict[str, float]]


@dataclass(slots=True)
class Model:
    """A scenario compiled once into the lookups the rules need on every turn."""

    scenario: Scenario
    actors: list[str]
    materials: list[str]
    months: int
    demand: Table
    sector_demand: dict[str, Table]
    options: dict[str, InvestmentOption]
    moves: dict[str, DiplomaticMove]
    coercer: str
    target: str
    patron: str
    scripted: list[tuple[Inject, Check | None]]
    # (control on the importer, control on everyone, material, importer) -> (share let
    # through, extraterritorial?): ``controls.binding`` works each one out once per model
    through: dict[tuple[object, object, str, str], tuple[float, bool]] = field(default_factory=dict)
    # (material, supplier moved away from, importer) -> (the material's suppliers, receivers,
    # their total): ``diversification.shift_share`` reuses them while the suppliers are the same
    receivers: dict[
        tuple[str, str, str], tuple[list[tuple[str, float, float]], dict[str, float], float]
    ] = field(default_factory=dict)

    @classmethod
    def of(cls, scenario: Scenario) -> Model:
        """``Model.compile(scenario)``, built once per scenario object (scenarios are frozen)
        and shared by every session of it: a sweep plays thousands of games of one scenario,
        and compiling it costs about 0.7 million CPU instructions, most of a percent of a
        doctrine game. The caches it carries (``through``, ``receivers``) are keyed on
        everything their values depend on, so games may share them."""
        hit = _MODELS.get(id(scenario))
        if hit is None or hit[0] is not scenario:
            if len(_MODELS) > 32:
                _MODELS.clear()
            hit = _MODELS[id(scenario)] = (scenario, cls.compile(scenario))
        return hit[1]

    @classmethod
    def compile(cls, s: Scenario) -> Model:
        actors, mats = sorted(s.actors), sorted(s.materials)
        demand = {a: {m: total_demand(s, a, m) for m in mats} for a in actors}
        sector_demand: dict[str, Table] = {
            a: {str(sec): dict(row) for sec, row in sorted(secs.items())}
            for a, secs in sorted(s.demand.items())
        }
        team_actor = {t: team.actor for t, team in s.teams.items()}
        from game.metrics import metric_problem

        scripted = [
            (
                inj,
                parse_condition(inj.condition, lambda p: metric_problem(s, p))
                if inj.condition
                else None,
            )
            for inj in s.injects
            if not inj.manual
        ]
        return cls(
            scenario=s,
            actors=actors,
            materials=mats,
            months=s.turn_length_months,
            demand=demand,
            sector_demand=sector_demand,
            options={o.id: o for o in s.investments},
            moves={m.id: m for m in s.diplomacy},
            coercer=team_actor.get("beijing", "CHN"),
            target=team_actor.get("tokyo", "JPN"),
            patron=team_actor.get("washington", "USA"),
            scripted=scripted,
        )


_MODELS: dict[int, tuple[Scenario, Model]] = {}


@dataclass(slots=True)
class TurnContext:
    """The turn being resolved. Rules read ``before`` and write ``state``, ``ledger``, ``draws``."""

    model: Model
    before: GameState
    state: GameState
    seed: int
    ledger: Ledger = field(default_factory=Ledger)
    draws: list[Draw] = field(default_factory=list)
    release: Table = field(default_factory=dict)
    build: Table = field(default_factory=dict)
    build_price: dict[str, float] = field(default_factory=dict)
    bought: Table = field(default_factory=dict)  # what the purchases got (trade, step 4)
    ally_releases: list[tuple[str, str, str, float]] = field(default_factory=list)
    supply: Table = field(default_factory=dict)
    unmet: Table = field(default_factory=dict)
    blocked: dict[tuple[str, str, str], float] = field(default_factory=dict)
    coercer_blocked_share: dict[str, float] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    fired: list[FiredInject] = field(default_factory=list)
    demand_now: Table | None = None  # see ``demands``

    @property
    def turn(self) -> int:
        return self.state.turn

    def draw(self, phase: str, subject: str, chance: float) -> bool:
        """Draw once against ``chance`` from this turn's generator for ``phase``; record it."""
        roll = first_roll(self.seed, self.turn, f"{phase}|{subject}")
        happened = roll < chance
        reason = None
        for ov in self.overrides:
            if ov.kind == "draw" and ov.subject == subject:
                happened, reason = ov.value >= 0.5, ov.reason
        self.draws.append(Draw(phase, subject, chance, roll, happened, reason))
        return happened

    def demand(self, actor: str, material: str) -> float:
        """``actor``'s demand for ``material`` now: the scenario's times any inject's factor."""
        return self.demands()[actor][material]

    def demands(self) -> Table:
        """Every actor's demand now (``current_demand`` for each), worked out once per turn.

        An inject that changes demand calls ``demand_changed`` so the next call recomputes it.
        """
        table = self.demand_now
        if table is None:
            table = self.demand_now = demand_table(self.model, self.state)
        return table

    def demand_changed(self) -> None:
        self.demand_now = None

    def bump_index(self, rule: str, name: str, delta: float, why: str, /, **inputs: object) -> None:
        """Move an index by ``delta`` (kept within 0-100) and record the move in the ledger."""
        old = self.state.indices[name]
        new = clamp(old + delta, 0.0, 100.0)
        self.state.indices[name] = new
        if self.ledger.on:
            self.ledger.add(rule, f"index.{name}", new - old, why, **inputs)


def current_demand(model: Model, state: GameState, actor: str, material: str) -> float:
    """Demand of ``actor`` for ``material`` in ``state``, inject factors included."""
    base = model.demand[actor][material]
    row = state.demand_factor.get(actor)
    return base * row.get(material, 1.0) if row else base


def demand_table(model: Model, state: GameState) -> Table:
    """``current_demand`` of every actor for every material (the model's own table when no
    inject has changed demand: then it is the same numbers, and nothing needs computing)."""
    if not state.demand_factor:
        return model.demand
    return {
        a: {m: current_demand(model, state, a, m) for m in row} for a, row in model.demand.items()
    }
