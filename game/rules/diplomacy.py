"""Diplomacy: statements, talks, coalitions, WTO complaints, reassurance, signalling, concessions.

Outcomes are uncertain, matrix-game style: each move has a base chance of success from the
scenario, plus modifiers, each ``coef`` x (metric/100 - 0.5), so a move is easier when, say,
alliance cohesion is high. The chance is kept within 2%-98% and drawn once from the seeded
generator; the draw is logged. Success and failure each move indices by the scenario's amounts.
Base chances are anchored on sanctions' historical success rates (Hufbauer/Schott/Elliott: 34%;
docs/facts.md) and on CNAS's "Containing Crisis" exercises (allies reluctant).
"""

from __future__ import annotations

from game.clamp import clamp
from game.metrics import metric
from game.orders import Diplomacy
from game.rules.context import TurnContext
from game.scenario import DiplomaticMove, Modifier
from game.state import GameState

MIN_CHANCE, MAX_CHANCE = 0.02, 0.98


def modifier_term(mod: Modifier, state: GameState) -> float:
    """What one modifier adds to a move's chance in ``state``: coef x (metric/100 - 0.5)."""
    return mod.coef * (metric(state, mod.metric) / 100.0 - 0.5)


def chance_of(move: DiplomaticMove, state: GameState) -> float:
    """The chance that ``move`` succeeds when the last resolved state is ``state``."""
    chance = move.base_chance
    for mod in move.modifiers:
        chance += modifier_term(mod, state)
    return clamp(chance, MIN_CHANCE, MAX_CHANCE)


def move_chance(ctx: TurnContext, move_id: str) -> float:
    return chance_of(ctx.model.moves[move_id], ctx.before)


def resolve_moves(ctx: TurnContext, team: str, orders: list[Diplomacy]) -> None:
    for order in orders:
        mv = ctx.model.moves[order.move]
        chance = move_chance(ctx, order.move)
        ok = ctx.draw("diplomacy", f"{team}:{mv.id}", chance)
        effects = mv.success if ok else mv.failure
        outcome = "succeeded" if ok else "failed"
        for name, delta in sorted(effects.items()):
            ctx.bump_index(
                "diplomacy",
                name,
                delta,
                f"{team}'s {mv.name} {outcome}",
                team=team,
                move=mv.id,
                chance=chance,
                success=ok,
            )
