"""Each team's view of the state: its own numbers exact, the others' as the scenario's fog says.

A view is a full :class:`GameState` (so a bot can run the engine on it) in which other actors'
numbers carry seeded relative noise (``fog.noise``) and the categories in ``fog.hidden`` are
replaced by what is public knowledge, the scenario's starting values. ``hidden`` lists those keys
so a screen can show them as unknown. Prices, controls, tariffs, sanctions and the strategic
indices are public. The facilitator's view is the true state.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.chance import phase_rng
from game.scenario import Scenario
from game.state import GameState, initial_state


@dataclass(frozen=True, slots=True)
class TeamView:
    team: str
    state: GameState
    hidden: frozenset[str]

    def is_hidden(self, key: str) -> bool:
        """``key`` like 'stockpile.USA' or 'budget.washington'."""
        return key in self.hidden


def team_view(scenario: Scenario, state: GameState, team: str, seed: int) -> TeamView:
    """What ``team`` sees of ``state`` (deterministic for a given seed and turn)."""
    me = scenario.teams[team].actor
    fog = scenario.fog
    view = state.copy()
    hidden: set[str] = set()
    rng = phase_rng(seed, state.turn, f"fog|{team}")
    noise = fog.noise
    draw = rng.random

    def jittered(row: dict[str, float], cap: float | None = None) -> dict[str, float]:
        """``row`` with each value times (1 +/- noise), one draw per value in row order,
        and at most ``cap``."""
        if noise <= 0:
            out = dict(row)
        else:
            out = {k: v * (1.0 + noise * (2.0 * draw() - 1.0)) for k, v in row.items()}
        if cap is not None:
            for k, v in out.items():
                if v > cap:
                    out[k] = cap
        return out

    def jitter(x: float) -> float:
        return x * (1.0 + noise * (2.0 * draw() - 1.0)) if noise > 0 else x

    def public_start() -> GameState:
        return _public_start(scenario)

    for actor in sorted(view.output):
        if actor != me:
            view.output[actor] = jittered(view.output[actor], 100.0)
    for actor in sorted(view.cover):
        if actor == me:
            continue
        if "inventory" in fog.hidden:
            hidden.add(f"cover.{actor}")
            hidden.add(f"inventory.{actor}")
            view.cover[actor] = dict(public_start().cover.get(actor, {}))
            view.inventory[actor] = dict(public_start().inventory[actor])
        else:
            view.cover[actor] = jittered(view.cover[actor])
            view.inventory[actor] = jittered(view.inventory[actor])
    for actor in sorted(view.stockpile):
        if actor == me:
            continue
        if "stockpile" in fog.hidden:
            hidden.add(f"stockpile.{actor}")
            view.stockpile[actor] = dict(public_start().stockpile[actor])
        else:
            view.stockpile[actor] = jittered(view.stockpile[actor])
    for other in sorted(view.budget):
        if other == team:
            continue
        if "budget" in fog.hidden:
            hidden.add(f"budget.{other}")
            view.budget[other] = public_start().budget[other]
        else:
            view.budget[other] = jitter(view.budget[other])
    if "projects" in fog.hidden:
        view.projects = [p for p in view.projects if p.team == team]
        hidden.update(f"projects.{t}" for t in scenario.teams if t != team)
    for t in sorted(view.scores):
        if t != team:
            hidden.add(f"score.{t}")
            view.scores[t] = public_start().scores[t]
    return TeamView(team, view, frozenset(hidden))


_START: dict[int, tuple[Scenario, GameState]] = {}


def _public_start(scenario: Scenario) -> GameState:
    """The scenario's starting state (public knowledge), built once per scenario object.

    Callers only read it, so one copy serves every view."""
    hit = _START.get(id(scenario))
    if hit is None or hit[0] is not scenario:
        if len(_START) > 32:
            _START.clear()
        hit = _START[id(scenario)] = (scenario, initial_state(scenario))
    return hit[1]
