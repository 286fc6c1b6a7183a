"""Tariffs, sanctions and defence priority: the economic measures other than export controls.

A tariff (0-100%) on imports of a material from one country moves importers away from that
supplier: ``dynamics.tariff_diversion`` x rate of its share goes elsewhere each turn (see
``diversification``). It changes no price (the tariff's cost to the importer is not modelled).
A sanction costs the target ``dynamics.sanction_revenue_hit`` of its export revenue (half for
targeted sanctions). Both raise tension: a new tariff 1 point (lifting it gives 1 back);
sanctions by their rise in severity, 2 for broad, 1 for targeted, and a step down gives back
half (``SANCTION_LEVEL``). Assumptions, to tune in play. Prioritising defence gives the defence
sector first call on scarce material (``industry``).
"""

from __future__ import annotations

from game.orders import PrioritiseDefence, Sanction, Tariff
from game.rules.context import TurnContext
from game.state import GameState, control_key

SANCTION_LEVEL = {"lift": 0, "targeted": 1, "broad": 2}
"""Sanctions by severity (none, targeted, broad). Tension moves by the change in severity: in
full when it rises, by half when it falls. So imposing broad sanctions costs 2, targeted 1;
lifting broad ones gives back 1 and targeted ones 0.5; broad to targeted gives back 0.5 (it
once raised tension by 1, and targeted then broad cost 3 where broad at once cost 2)."""


def apply_measures(
    ctx: TurnContext, actor: str, orders: list[Tariff | Sanction | PrioritiseDefence]
) -> None:
    state = ctx.state
    for order in orders:
        if isinstance(order, Tariff):
            key = control_key(actor, order.material, order.target)
            had = key in state.tariffs
            if order.rate == 0.0:
                state.tariffs.pop(key, None)
            else:
                state.tariffs[key] = order.rate
            delta = 1.0 if (order.rate > 0 and not had) else (-1.0 if order.rate == 0 else 0.0)
            if delta:
                ctx.bump_index(
                    "measures",
                    "tension",
                    delta,
                    f"{actor} tariff on {order.material} from {order.target}",
                    importer=actor,
                    target=order.target,
                    rate=order.rate,
                )
        elif isinstance(order, Sanction):
            key = f"{actor}|{order.target}"
            was = SANCTION_LEVEL[state.sanctions.get(key, "lift")]
            if order.severity == "lift":
                state.sanctions.pop(key, None)
            else:
                state.sanctions[key] = order.severity
            rise = float(SANCTION_LEVEL[order.severity] - was)
            ctx.bump_index(
                "measures",
                "tension",
                rise if rise > 0 else rise / 2,
                f"{actor}: {order.severity} sanctions on {order.target}",
                sanctioner=actor,
                target=order.target,
                severity=order.severity,
            )
        else:
            state.priority_defence[actor] = order.on
    if orders:  # kept in key order (this is the only rule that changes them)
        state.tariffs = dict(sorted(state.tariffs.items()))
        state.sanctions = dict(sorted(state.sanctions.items()))


def _share(hit: float, severity: str) -> float:
    return hit if severity == "broad" else hit / 2


def sanction_cuts(
    sanctions: dict[str, str], target: str, gross: float, hit: float
) -> dict[str, float]:
    """What each sanction on ``target`` takes of its export revenue ``gross``, one after
    another in key order (each takes its share of what the ones before it left)."""
    cuts: dict[str, float] = {}
    rev = gross
    for key, severity in sanctions.items():
        if key.split("|")[1] == target:
            lost = rev * _share(hit, severity)
            cuts[key] = lost
            rev -= lost
    return cuts


def gross_revenue(state: GameState, actor: str, hit: float) -> float:
    """``actor``'s export revenue in ``state`` before the sanctions then in force took their
    share (``state.revenue`` holds it after them)."""
    keep = 1.0
    for key, severity in state.sanctions.items():
        if key.split("|")[1] == actor:
            keep *= 1.0 - _share(hit, severity)
    net = state.revenue.get(actor, 0.0)
    return net / keep if keep > 1e-9 else net


def apply_sanction_costs(ctx: TurnContext) -> None:
    """Cut each sanctioned actor's export revenue for this turn.

    The ledger gives each sanction's *change* in what it takes, against last turn's: the trade
    rule's line compares revenue before sanctions with last turn's before sanctions, so a
    sanction in force for a second turn no longer reads as a new cut beside a trade gain of
    the same size (the lines still add up to the change in revenue)."""
    hit = ctx.model.scenario.dynamics.sanction_revenue_hit
    state, before = ctx.state, ctx.before
    targets = {k.split("|")[1] for k in state.sanctions} | {
        k.split("|")[1] for k in before.sanctions
    }
    for target in sorted(targets):
        now = sanction_cuts(state.sanctions, target, state.revenue.get(target, 0.0), hit)
        for lost in now.values():
            state.revenue[target] -= lost
        if not ctx.ledger.on:
            continue
        then = sanction_cuts(before.sanctions, target, gross_revenue(before, target, hit), hit)
        for key in sorted(set(now) | set(then)):
            change = now.get(key, 0.0) - then.get(key, 0.0)
            if abs(change) < 1e-9:
                continue
            sanctioner = key.split("|")[0]
            severity = state.sanctions.get(key)
            if severity is None:
                why = f"{sanctioner}'s sanctions on {target} lifted: its export revenue recovers"
            elif key not in then:
                why = f"{severity} sanctions ({sanctioner}) cut {target}'s export revenue"
            else:
                why = (
                    f"{severity} sanctions ({sanctioner}): the change in what they take of "
                    f"{target}'s export revenue"
                )
            ctx.ledger.add(
                "measures",
                f"revenue.{target}",
                -change,
                why,
                share=_share(hit, severity or before.sanctions[key]),
            )
