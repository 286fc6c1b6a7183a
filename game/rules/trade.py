"""Trade: each importer's demand is met from exporters along its trade shares, through controls.

For each material, every actor first serves its own demand (plus restocking) from its own
production; the rest of its production is exportable surplus. An
importer asks each exporter for its trade share of what it still needs. The exporter's control
lets a share through (``controls.binding``); blocked volume partly leaks through third
countries (``trade.leakage``, cut by extraterritorial enforcement), which models 2010's
transshipment and the third-country clause of MOFCOM 1/2026. If the exporter lacks the surplus
for all of it, every outflow (leaks included) is scaled down pro rata. What is still unmet is
then sought from every exporter's spare surplus, in a fixed order, shared pro rata between
importers; an exporter is not asked again for what its own control refused. Stockpile
purchases come last, from what is still spare (``_fill_purchases``), so a purchase never takes
supply from anyone's industry or holds back a producer's exports.

Tightening a control therefore never raises the target's deliveries: diverted supply can at most
replace the volume that was blocked. Deliveries never exceed what exporters produced.

Also computes each actor's export revenue at world prices (US$ million) and the share of all
the exports requested of the coercer that its controls blocked (used by ``prices``: a ban on one
small buyer blocks a small share, a ban on everyone nearly all).
"""

from __future__ import annotations

from operator import itemgetter

from game.rules.context import Model, TurnContext
from game.rules.controls import binding, by_good, leak_rates
from game.rules.measures import gross_revenue
from game.state import ControlState

BY_PAIR = itemgetter(0)
"""The flows' sort key: (importer, exporter) alone, which no two flows share (sorting the items
themselves compares pairs of pairs, a third slower)."""


def resolve_trade(ctx: TurnContext) -> None:
    # The sums below add the same numbers in the same order on every run (importers, then
    # exporters, as the tables list them): the floating-point results, and so the logs, depend
    # on that order.
    model, state = ctx.model, ctx.state
    actors = model.actors
    materials = model.materials
    coercer = model.coercer
    delivered: dict[str, dict[str, dict[str, float]]] = {a: {} for a in actors}
    revenue = dict.fromkeys(actors, 0.0)
    supply: dict[str, dict[str, float]] = {a: {} for a in actors}
    controlled: dict[str, dict[str, dict[str, ControlState]]] = {}  # material -> exporter -> row
    for (e, m), by_target in by_good(state).items():
        controlled.setdefault(m, {})[e] = by_target
    leak, leak_extra = leak_rates(model, state)
    ctx_blocked = ctx.blocked

    # demand (inject factors included), plus restocking: firms order ``restock_rate`` of the
    # gap between their working inventory and its target
    demands = ctx.demands()
    targets, stocks = state.inventory_target, ctx.before.inventory
    production = state.production
    restock_rate = model.scenario.trade.restock_rate
    builds = ctx.build  # stockpile purchases, usually none: filled last (``_fill_purchases``)
    # each actor's own supply first, actor by actor so that its rows are looked up once;
    # ``need`` and ``surplus`` are kept by material, each in actor order
    need_by: dict[str, dict[str, float]] = {m: {} for m in materials}
    surplus_by: dict[str, dict[str, float]] = {m: {} for m in materials}
    for a in actors:
        demand_row, target_row, stock_row = demands[a], targets[a], stocks[a]
        prod_row, own_row = production[a], supply[a]
        for m in materials:
            want = demand_row[m]
            gap = target_row[m] - stock_row[m]
            want += gap * restock_rate if gap > 0 else 0.0
            prod = prod_row[m]
            own = prod if prod < want else want
            own_row[m] = own
            surplus_by[m][a] = prod - own
            need_by[m][a] = want - own

    all_shares = state.shares
    spec = model.scenario.materials
    for m in materials:
        ctl_of = controlled.get(m, {})  # by exporter
        factor = spec[m].usd_m_per_unit_price
        price = state.prices[m]
        need = need_by[m]
        surplus = surplus_by[m]

        # 1. requests along trade shares, through controls; blocked volume partly leaks.
        # ``through[i, e]``: the share of i's requests e's control lets through (controlled
        # pairs only); ``blocked[i, e]``: the volume refused (and ``ctx.blocked[i, m, e]``
        # the share of the requests)
        through: dict[tuple[str, str], float] = {}
        blocked: dict[tuple[str, str], float] = {}
        outflow: list[tuple[str, str, float]] = []
        leaked: dict[tuple[str, str], float] = {}  # the coercer's flows: share, then volume leaked
        per_exporter: dict[str, float] = {}
        coercer_req = 0.0  # everything asked of the coercer, controlled or not
        coercer_blocked = 0.0  # what the coercer's controls refused of it
        for i in actors:
            n = need[i]
            if n <= 0.0:
                continue
            row = all_shares.get(i)
            srow = row.get(m) if row else None
            if not srow:
                continue
            for e, share in srow.items():
                req = n * share
                if req <= 0.0:
                    continue
                if e == coercer:
                    coercer_req += req
                ctl = ctl_of.get(e)
                if ctl is None:
                    out = req  # uncontrolled: all of it goes through
                else:
                    f, extra = binding(model, ctl, m, i)
                    through[i, e] = f
                    out = req * f
                    if f < 1.0:
                        b = req - out
                        blocked[i, e] = b
                        ctx_blocked[i, m, e] = b / (b + out)
                        lost = b * (leak_extra if extra else leak)
                        out += lost
                        if e == coercer:
                            coercer_blocked += b
                            if lost > 0.0:
                                leaked[i, e] = lost / out
                outflow.append((i, e, out))
                per_exporter[e] = per_exporter.get(e, 0.0) + out
        # 2. an exporter short of surplus scales every outflow, leaks included, pro rata
        # (only the short ones are kept: an outflow from any other is taken whole, as q x 1.0)
        scale = {e: surplus[e] / total for e, total in per_exporter.items() if total > surplus[e]}
        flows: dict[tuple[str, str], float] = {}
        remaining = dict(surplus)
        got_by: dict[str, float] = {}
        for i, e, q in outflow:
            got = q * scale[e] if e in scale else q
            flows[i, e] = got
            remaining[e] -= got
            got_by[i] = got_by.get(i, 0.0) + got
        for key, part in leaked.items():  # the leaked share of each such flow, as delivered
            leaked[key] = flows[key] * part

        unmet: dict[str, float] = {}
        for i, n in need.items():
            if n > 0.0:
                u = n - got_by.get(i, 0.0)
                if u > 1e-12:
                    unmet[i] = u

        # 3. diversion: unmet demand sought from every exporter's spare surplus
        if unmet:
            for e in actors:
                spare = remaining[e]
                if spare <= 1e-12:
                    continue
                # what an exporter's control already refused is not asked of it again
                wants: dict[str, float] = {}
                ctl = ctl_of.get(e)
                for i, u in unmet.items():
                    if u > 1e-12 and i != e:
                        w = u - blocked.get((i, e), 0.0)
                        w = w if w > 0.0 else 0.0  # max(0.0, w): game/clamp.py
                        if ctl is not None:
                            w *= _let_through(model, ctl, through, m, i, e)
                        wants[i] = w
                gives, used = _pro_rata(spare, wants)
                for i, give in gives.items():
                    flows[i, e] = flows.get((i, e), 0.0) + give
                    unmet[i] -= give
                remaining[e] -= used

        smuggled = 0.0  # the coercer's volume that leaked, paid at its home price
        for (i, e), q in sorted(flows.items(), key=BY_PAIR):
            if q <= 0.0:
                continue
            delivered[i].setdefault(m, {})[e] = q
            supply[i][m] += q
            leak_q = leaked.get((i, e)) if leaked else None
            if leak_q is None:
                revenue[e] += q * price * factor
            else:
                # what leaked was sold at home and re-exported: the coercer earns its home
                # price for it (step 2's scaling keeps the leaked share of the flow)
                revenue[e] += (q - leak_q) * price * factor
                smuggled += leak_q
        if smuggled > 0.0:
            revenue[coercer] += smuggled * state.china_prices[m] * factor

        # 4. stockpile purchases, from what is left once every buyer's own need is met: sales
        # for the exporter, not deliveries to the buyer's industry (``delivered`` is what its
        # industry received; a purchase there read as a drop in imports the turn after)
        if builds:
            for (i, e), q in _fill_purchases(ctx, m, remaining, unmet, ctl_of, through):
                if e != i:
                    revenue[e] += q * price * factor
        if coercer_blocked > 0.0:
            ctx.coercer_blocked_share[m] = coercer_blocked / coercer_req

    state.delivered = delivered
    ctx.supply = supply
    hit = model.scenario.dynamics.sanction_revenue_hit
    for a in actors:
        state.revenue[a] = revenue[a]
        if a == coercer and ctx.ledger.on:
            # against last turn's revenue before sanctions: their changes have their own lines
            old = gross_revenue(ctx.before, a, hit)
            shares = ctx.coercer_blocked_share
            ctx.ledger.add(
                "trade",
                f"revenue.{a}",
                revenue[a] - old,
                f"{a}'s export revenue at world prices",
                blocked_share=sum(shares.values()) / len(model.materials),
            )


def _fill_purchases(
    ctx: TurnContext,
    m: str,
    remaining: dict[str, float],
    unmet: dict[str, float],
    ctl_of: dict[str, dict[str, ControlState]],
    through: dict[tuple[str, str], float],
) -> list[tuple[tuple[str, str], float]]:
    """Fill this turn's stockpile purchases of ``m`` from what no buyer's own need could use:
    the buyer's own production left over first, then every exporter's remaining surplus, in
    actor order, shared pro rata between buyers and through the exporter's controls (no
    leakage: a government does not buy through smugglers). A buyer whose own need is still
    unmet buys nothing: its purchase is refunded in full.

    A purchase therefore never takes supply from anyone's industry, nor holds back a
    producer's exports: Beijing once bought China's whole magnet output for its stockpile, an
    embargo that no control recorded. Returns ((buyer, source), quantity) in the order filled,
    and adds each buyer's total to ``ctx.bought``.
    """
    model = ctx.model
    wanted: dict[str, float] = {}
    for a in model.actors:
        q = ctx.build.get(a, {}).get(m, 0.0)
        if q > 0.0 and unmet.get(a, 0.0) <= 1e-12:
            wanted[a] = q
    out: list[tuple[tuple[str, str], float]] = []
    for a, q in wanted.items():  # own production left over first
        take = min(q, max(0.0, remaining[a]))
        if take > 0.0:
            remaining[a] -= take
            wanted[a] = q - take
            out.append(((a, a), take))
    for e in model.actors:
        spare = remaining[e]
        if spare <= 1e-12:
            continue
        ctl = ctl_of.get(e)
        asks: dict[str, float] = {}
        for i, q in wanted.items():
            if q > 1e-12 and i != e:
                if ctl is not None:
                    q *= _let_through(model, ctl, through, m, i, e)
                if q > 0.0:
                    asks[i] = q
        gives, used = _pro_rata(spare, asks)
        for i, give in gives.items():
            wanted[i] -= give
            out.append(((i, e), give))
        remaining[e] -= used
    for (i, _), q in out:
        row = ctx.bought.setdefault(i, {})
        row[m] = row.get(m, 0.0) + q
    return out


def _let_through(
    model: Model,
    ctl: dict[str, ControlState],
    through: dict[tuple[str, str], float],
    m: str,
    importer: str,
    exporter: str,
) -> float:
    """The share of ``importer``'s requests ``exporter``'s controls (``ctl``) let through: as
    step 1 found it, or worked out now for a pair step 1 did not meet."""
    seen = through.get((importer, exporter))
    return binding(model, ctl, m, importer)[0] if seen is None else seen


def _pro_rata(spare: float, asks: dict[str, float]) -> tuple[dict[str, float], float]:
    """An exporter's ``spare`` shared between ``asks`` (buyer -> quantity): each gets what it
    asked, or its share in proportion when they ask more than there is; and how much of the
    spare went. The diversion step and the purchases' pass share spare supply alike."""
    total = sum(asks.values())
    if total <= 0.0:
        return {}, 0.0
    ratio = spare / total if total > spare else 1.0
    return {i: q * ratio for i, q in asks.items()}, total * ratio
