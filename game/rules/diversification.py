"""Diversification: importers move their trade shares away from suppliers that coerce or cost.

The 2010 lesson (FACTS.md): after the embargo Japan cut China's share of its rare-earth imports
from over 90% (2008) to 68% (2011) and 60% (2014). Each turn, for every supplier whose controls
blocked a share ``b`` of an importer's requests, the importer moves ``trade.diversion_rate`` x b
of that supplier's trade share to the other suppliers, in proportion to their production
capacity. A tariff at rate ``r`` moves ``dynamics.tariff_diversion`` x r of the share the same
way.

Beijing's long-run market share index is China's trade share across all importers and
materials, weighted by each importer's demand at baseline prices, in %.
"""

from __future__ import annotations

from game.rules.context import TurnContext
from game.scenario import Scenario
from game.state import GameState


def shift_share(
    state: GameState, importer: str, material: str, away_from: str, amount: float
) -> float:
    """Move up to ``amount`` of ``away_from``'s share to other producers; return what moved."""
    shares = state.shares.get(importer, {}).get(material)
    if not shares or away_from not in shares:
        return 0.0
    moved = min(amount, shares[away_from])
    if moved <= 0.0:
        return 0.0
    others = {
        e: state.production[e][material]
        for e in sorted(state.production)
        if e not in (away_from, importer) and state.production[e][material] > 0.0
    }
    total = sum(others.values())
    if total <= 0.0:
        return 0.0
    shares[away_from] -= moved
    for e, cap in others.items():
        shares[e] = shares.get(e, 0.0) + moved * cap / total
    state.shares[importer][material] = dict(sorted(shares.items()))
    return moved


def diversify(ctx: TurnContext) -> None:
    state = ctx.state
    rate = ctx.model.scenario.trade.diversion_rate
    for (i, m, e), b in sorted(ctx.blocked.items()):
        if b <= 0.0:
            continue
        share = state.shares.get(i, {}).get(m, {}).get(e, 0.0)
        moved = shift_share(state, i, m, e, rate * b * share)
        ctx.ledger.add(
            "diversification",
            f"share.{i}.{m}.{e}",
            -100.0 * moved,
            f"{i} buys {m} elsewhere after {e} blocked {b:.0%} of its requests",
            blocked=b,
            rate=rate,
        )
    tariff_rate = ctx.model.scenario.dynamics.tariff_diversion
    for key, r in state.tariffs.items():
        i, m, e = key.split("|")
        share = state.shares.get(i, {}).get(m, {}).get(e, 0.0)
        moved = shift_share(state, i, m, e, tariff_rate * r * share)
        ctx.ledger.add(
            "diversification",
            f"share.{i}.{m}.{e}",
            -100.0 * moved,
            f"{i}'s tariff on {m} from {e} shifts purchases",
            tariff=r,
        )
    old = ctx.before.indices["market_share"]
    new = market_share(ctx.model.scenario, state)
    state.indices["market_share"] = new
    ctx.ledger.add(
        "diversification",
        "index.market_share",
        new - old,
        f"{ctx.model.coercer}'s weighted share of other countries' imports",
    )


def market_share(scenario: Scenario, state: GameState) -> float:
    """The coercer's share of other actors' imports of what it exports, in %.

    Weighted by each importer's demand at baseline prices, over the materials the coercer
    produces beyond its own demand at the start (its export goods).
    """
    coercer = scenario.teams["beijing"].actor if "beijing" in scenario.teams else "CHN"
    exported = {
        m
        for m, cap in scenario.production.get(coercer, {}).items()
        if cap > sum(row.get(m, 0.0) for row in scenario.demand.get(coercer, {}).values())
    }
    num = den = 0.0
    for i, by_mat in state.shares.items():
        if i == coercer:
            continue
        for m, shares in by_mat.items():
            if m not in exported:
                continue
            w = sum(row.get(m, 0.0) for row in scenario.demand.get(i, {}).values())
            w *= scenario.materials[m].price * scenario.materials[m].usd_m_per_unit_price
            num += w * shares.get(coercer, 0.0)
            den += w
    return 100.0 * num / den if den > 0 else 0.0
