"""Investments: offtakes, refineries, magnet plants, recycling, deep-sea mining.

Each option in the scenario has a cost (paid when funded), a lead time in turns, the capacity it
adds at its host country when complete, and a chance each turn to slip a turn (drawn from the
seeded generator and logged). Lead times and capacities come from the projects in docs/facts.md:
Lynas's JOGMEC/Sojitz deal (2011), Shin-Etsu's Hai Phong plant (2013-17), MP Materials' 10X magnet
plant (2025-28), Japan's Minamitorishima mud (tests from 2027).

When a project with an offtake completes, the offtaker's trade share of the host rises by the new
capacity over the offtaker's demand (capped at all of it), other shares shrinking in proportion.
"""

from __future__ import annotations

from game.orders import Invest
from game.rules.context import TurnContext
from game.state import Project


def fund_projects(ctx: TurnContext, team: str, orders: list[Invest]) -> None:
    for order in orders:
        opt = ctx.model.options[order.option]
        ctx.state.projects.append(Project(opt.id, team, ctx.turn, opt.lead_time))


def progress_projects(ctx: TurnContext) -> None:
    """Advance every project by a turn unless it slips; complete those that reach zero."""
    state = ctx.state
    still: list[Project] = []
    for p in state.projects:
        opt = ctx.model.options[p.option]
        if p.started < ctx.turn and p.turns_left > 0:
            if opt.slip_chance > 0 and ctx.draw("investment", p.option, opt.slip_chance):
                p.slipped += 1
            else:
                p.turns_left -= 1
        if p.turns_left <= 0:
            complete(ctx, p.option)
        else:
            still.append(p)
    state.projects = still


def complete(ctx: TurnContext, option: str) -> None:
    state = ctx.state
    opt = ctx.model.options[option]
    state.production[opt.host][opt.material] += opt.capacity
    state.completed.append(option)
    ctx.ledger.add(
        "investment",
        f"production.{opt.host}.{opt.material}",
        opt.capacity,
        f"{opt.name} completed",
        lead_time=opt.lead_time,
    )
    buyer = opt.offtake_to
    if buyer is None:
        return
    demand = ctx.demand(buyer, opt.material)
    row = state.shares.setdefault(buyer, {}).setdefault(opt.material, {})
    if demand <= 0 or buyer == opt.host:
        return
    shares = dict(row)  # a new row: the state before may share this one (``GameState.copy``)
    # a buyer that imported none of it before buys all its imports from the host (its shares
    # must add up to 1: they once added up to the weight alone)
    weight = min(1.0, opt.capacity / demand) if shares else 1.0
    before = shares.get(opt.host, 0.0)
    for e in list(shares):
        shares[e] *= 1.0 - weight
    shares[opt.host] = shares.get(opt.host, 0.0) + weight
    state.shares[buyer][opt.material] = dict(sorted(shares.items()))
    ctx.ledger.add(
        "investment",
        f"share.{buyer}.{opt.material}.{opt.host}",
        100.0 * (shares[opt.host] - before),
        f"{opt.name}: offtake moves {buyer}'s purchases to {opt.host}",
        capacity=opt.capacity,
        demand=demand,
    )
