"""Injects: scenario events fired at a turn, on a condition, or by the facilitator by hand.

Injects the facilitator fires by hand take effect at the start of the turn they are fired for,
before orders. Scripted injects are checked at the end of every turn but the last, after the
other rules and the facilitator's overrides, before scoring: one whose ``turn`` is the next
turn, or whose ``condition`` holds on the state this turn produced, fires then (once, unless the
scenario says otherwise), so its headline is the news that opens the next turn and its effects
are already in the state the teams see when they give their orders. Effects go through the state
like any rule's, each recorded in the ledger under the rule "inject":

- ``indices``: points added to tension, cohesion, posture or deterrence;
- ``production``: an actor's capacity for a material multiplied by a factor (a plant fire);
- ``demand``: an actor's demand for a material multiplied by a factor from now on (a boom);
- ``prices``: a material's world price multiplied by a factor (it then relaxes as usual);
- ``leakage``: third-country leakage multiplied by a factor from now on (a smuggling ring
  exposed);
- ``unlock``: locked investments or diplomatic moves become available.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.errors import OrderRefused
from game.facilitation import FiredInject, find_inject
from game.rules.context import TurnContext
from game.scenario import Inject


def fire_manual(ctx: TurnContext, manual: Sequence[str]) -> None:
    """The injects the facilitator fired by hand for this turn, in the order fired."""
    for inject_id in manual:
        try:
            inj = find_inject(ctx.model.scenario, inject_id)
        except ValueError as exc:
            raise OrderRefused("facilitator", str(exc)) from None
        if inj.once and inj.id in ctx.state.fired:
            raise OrderRefused(
                "facilitator", f"inject '{inj.id}' has already fired (it fires once)"
            )
        apply_inject(ctx, inj, manual=True)


def fire_scripted(ctx: TurnContext) -> None:
    """Scripted injects due for the next turn, judged on the state this turn produced."""
    if ctx.turn >= ctx.model.scenario.turns:
        return  # no next turn to open
    due = [
        inj
        for inj, check in ctx.model.scripted
        if not (inj.once and inj.id in ctx.state.fired)
        and (inj.turn == ctx.turn + 1 or (check is not None and check(ctx.state)))
    ]
    for inj in due:
        apply_inject(ctx, inj, manual=False)


def apply_inject(ctx: TurnContext, inj: Inject, manual: bool) -> None:
    state = ctx.state
    eff = inj.effects
    why = f"inject: {inj.headline}"
    for name, delta in sorted(eff.indices.items()):
        ctx.bump_index("inject", name, delta, why, inject=inj.id)
    for ch in eff.production:
        old = state.production[ch.actor][ch.material]
        state.production[ch.actor][ch.material] = old * ch.factor
        ctx.ledger.add(
            "inject",
            f"production.{ch.actor}.{ch.material}",
            old * (ch.factor - 1),
            why,
            inject=inj.id,
            factor=ch.factor,
        )
    if eff.demand:
        ctx.demand_changed()
    for dm in eff.demand:
        row = state.demand_factor.setdefault(dm.actor, {})
        old = row.get(dm.material, 1.0)
        row[dm.material] = old * dm.factor
        base = ctx.model.demand[dm.actor][dm.material]
        ctx.ledger.add(
            "inject",
            f"demand.{dm.actor}.{dm.material}",
            base * old * (dm.factor - 1),
            why,
            inject=inj.id,
            factor=dm.factor,
        )
        state.demand_factor = {
            a: dict(sorted(r.items())) for a, r in sorted(state.demand_factor.items())
        }
    for m, factor in sorted(eff.prices.items()):
        old = state.prices[m]
        state.prices[m] = old * factor
        ctx.ledger.add(
            "inject", f"price.{m}", old * (factor - 1), why, inject=inj.id, factor=factor
        )
    if eff.leakage is not None:
        was = state.leak_factor  # another inject this turn may have changed it already
        state.leak_factor *= eff.leakage
        ctx.ledger.add(
            "inject",
            "leakage",
            state.leak_factor - was,
            why,
            inject=inj.id,
            factor=eff.leakage,
        )
    for item in eff.unlock:
        if item not in state.unlocked:
            state.unlocked.append(item)
    state.fired.append(inj.id)
    ctx.fired.append(FiredInject(inj.id, inj.headline, manual))
