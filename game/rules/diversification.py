"""Diversification: importers move their trade shares away from suppliers that coerce or cost.

The 2010 lesson (docs/facts.md): after the embargo Japan cut China's share of its rare-earth imports
from over 90% (2008) to 68% (2011) and 60% (2014). Each turn, for every supplier whose controls
blocked a share ``b`` of an importer's requests, the importer moves ``trade.diversion_rate`` x b
of that supplier's trade share to the other suppliers, in proportion to what they can export.
A tariff at rate ``r`` moves ``dynamics.tariff_diversion`` x r of the share the same way.

Beijing's long-run market share index is China's trade share across all importers and
materials, weighted by each importer's demand at baseline prices, in %.
"""

from __future__ import annotations

from game.rules.context import Model, Table, TurnContext, demand_table
from game.scenario import Scenario
from game.state import GameState

Suppliers = list[tuple[str, float, float]]  # (exporter, production, surplus), production > 0


def suppliers_of(state: GameState, material: str, demand: Table) -> Suppliers:
    """Every actor producing ``material``, in sorted order, with its production and surplus
    beyond its own demand (``demand``: the turn's demand table, ``TurnContext.demands``)."""
    out: Suppliers = []
    for e, row in state.production.items():  # production is keyed in sorted order
        cap = row[material]
        if cap > 0.0:
            out.append((e, cap, cap - demand[e][material]))
    return out


def shift_share(
    model: Model,
    state: GameState,
    importer: str,
    material: str,
    away_from: str,
    amount: float,
    demand: Table | None = None,
    suppliers: Suppliers | None = None,
) -> float:
    """Move up to ``amount`` of ``away_from``'s share to other exporters; return what moved.

    The share goes to the other actors in proportion to what they can export (production
    beyond their own demand), or to their production if none has a surplus. ``demand`` is
    the turn's demand table (``TurnContext.demands``), worked out here if not given;
    ``suppliers`` is ``suppliers_of`` the material, likewise.
    """
    row = state.shares.get(importer, {}).get(material)
    if not row or away_from not in row:
        return 0.0
    held = row[away_from]
    moved = held if held < amount else amount  # min(amount, held): game/clamp.py
    if moved <= 0.0:
        return 0.0
    if suppliers is None:
        if demand is None:
            demand = demand_table(model, state)
        suppliers = suppliers_of(state, material, demand)
    # whom the share goes to depends only on the suppliers, which seldom change from turn to
    # turn: kept on the model and worked out again only when they differ
    key = (material, away_from, importer)
    known = model.receivers.get(key)
    if known is not None and known[0] == suppliers:
        others, total = known[1], known[2]
    else:
        others = {}
        spare: dict[str, float] = {}
        for e, cap, surplus in suppliers:
            if e != away_from and e != importer:
                others[e] = cap
                if surplus > 0.0:
                    spare[e] = surplus
        if spare:
            others = spare
        total = sum(others.values())
        if len(model.receivers) > 4096:
            model.receivers.clear()
        model.receivers[key] = (suppliers, others, total)
    if total <= 0.0:
        return 0.0
    shares = dict(row)  # a new row: the state before may share this one (``GameState.copy``)
    shares[away_from] -= moved
    for e, cap in others.items():
        shares[e] = shares.get(e, 0.0) + moved * cap / total
    # rows are kept in exporter order: a new exporter is put in its place, and a row whose
    # exporters are the ones it had keeps their order
    if len(shares) != len(row):
        shares = dict(sorted(shares.items()))
    state.shares[importer][material] = shares
    return moved


def diversify(ctx: TurnContext) -> None:
    state = ctx.state
    rate = ctx.model.scenario.trade.diversion_rate
    demand = ctx.demands()
    by_material: dict[str, Suppliers] = {}  # production does not change in this rule

    def suppliers(m: str) -> Suppliers:
        found = by_material.get(m)
        if found is None:
            found = by_material[m] = suppliers_of(state, m, demand)
        return found

    for (i, m, e), b in sorted(ctx.blocked.items()):
        if b <= 0.0:
            continue
        share = state.shares.get(i, {}).get(m, {}).get(e, 0.0)
        moved = shift_share(ctx.model, state, i, m, e, rate * b * share, demand, suppliers(m))
        if ctx.ledger.on:
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
        moved = shift_share(
            ctx.model, state, i, m, e, tariff_rate * r * share, demand, suppliers(m)
        )
        if ctx.ledger.on:
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
    coercer, weights = share_weights(scenario)
    num = den = 0.0
    for i, m, w in weights:
        num += w * state.shares.get(i, {}).get(m, {}).get(coercer, 0.0)
        den += w
    return 100.0 * num / den if den > 0 else 0.0


_WEIGHTS: dict[int, tuple[Scenario, str, list[tuple[str, str, float]]]] = {}


def share_weights(scenario: Scenario) -> tuple[str, list[tuple[str, str, float]]]:
    """The coercer and the (importer, material, weight) terms of the market-share index."""
    hit = _WEIGHTS.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1], hit[2]
    coercer = scenario.teams["beijing"].actor if "beijing" in scenario.teams else "CHN"
    own = scenario.demand.get(coercer, {})
    exported = {
        m
        for m, cap in scenario.production.get(coercer, {}).items()
        if cap > sum(row.get(m, 0.0) for row in own.values())
    }
    weights = []
    for i in sorted(scenario.trade_shares):
        if i == coercer:
            continue
        for m in sorted(scenario.trade_shares[i]):
            if m not in exported:
                continue
            w = sum(row.get(m, 0.0) for row in scenario.demand.get(i, {}).values())
            w *= scenario.materials[m].price * scenario.materials[m].usd_m_per_unit_price
            weights.append((i, m, w))
    if len(_WEIGHTS) > 64:
        _WEIGHTS.clear()
    _WEIGHTS[id(scenario)] = (scenario, coercer, weights)
    return coercer, weights
