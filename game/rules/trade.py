"""Trade: each importer's demand is met from exporters along its trade shares, through controls.

For each material, every actor first serves its own demand (plus restocking and stockpile
purchases) from its own production; the rest of its production is exportable surplus. An
importer asks each exporter for its trade share of what it still needs. The exporter's control
lets a share through (``controls.through_and_leak``); blocked volume partly leaks through third
countries (``trade.leakage``, cut by extraterritorial enforcement), which models 2010's
transshipment and the third-country clause of MOFCOM 1/2026. If the exporter lacks the surplus
for all of it, every outflow (leaks included) is scaled down pro rata. What is still unmet is
then sought from every exporter's spare surplus, in a fixed order, shared pro rata between
importers; an exporter is not asked again for what its own control refused.

Tightening a control therefore never raises the target's deliveries: diverted supply can at most
replace the volume that was blocked. Deliveries never exceed what exporters produced.

Also computes each actor's export revenue at world prices (US$ million) and the share of the
coercer's requested exports that its controls blocked (used by ``prices``).
"""

from __future__ import annotations

from game.rules.context import TurnContext
from game.rules.controls import by_good, through_and_leak


def resolve_trade(ctx: TurnContext) -> None:
    model, state = ctx.model, ctx.state
    actors = model.actors
    delivered: dict[str, dict[str, dict[str, float]]] = {a: {} for a in actors}
    revenue = dict.fromkeys(actors, 0.0)
    supply: dict[str, dict[str, float]] = {a: {} for a in actors}
    controlled = by_good(state)
    rates: dict[tuple[str, str, str], tuple[float, float]] = {}

    def through(e: str, m: str, i: str) -> float:
        """Share of ``i``'s requests that ``e``'s controls on ``m`` let through."""
        return rated(e, m, i)[0] if (e, m) in controlled else 1.0

    def rated(e: str, m: str, i: str) -> tuple[float, float]:
        """(share let through, leak rate of the rest) for a controlled (e, m)."""
        r = rates.get((e, m, i))
        if r is None:
            r = rates[e, m, i] = through_and_leak(model, state, controlled[e, m], m, i)
        return r

    # demand (inject factors included), plus restocking: firms order ``restock_rate`` of the
    # gap between their working inventory and its target
    demands = ctx.demands()
    targets, stocks = state.inventory_target, ctx.before.inventory
    restock_rate = model.scenario.trade.restock_rate
    all_shares = state.shares
    builds = ctx.build  # stockpile purchases, usually none
    for m in model.materials:
        factor = model.scenario.materials[m].usd_m_per_unit_price
        price = ctx.state.prices[m]
        need: dict[str, float] = {}
        surplus: dict[str, float] = {}
        for a in actors:
            want = demands[a][m]
            gap = targets[a][m] - stocks[a][m]
            want += gap * restock_rate if gap > 0 else 0.0
            if builds:
                build = builds.get(a)
                if build:
                    want += build.get(m, 0.0)
            prod = state.production[a][m]
            own = prod if prod < want else want
            supply[a][m] = own
            surplus[a] = prod - own
            need[a] = want - own

        # 1. requests along trade shares, through controls; blocked volume partly leaks
        allowed: dict[tuple[str, str], float] = {}
        blocked: dict[tuple[str, str], float] = {}
        outflow: dict[tuple[str, str], float] = {}
        per_exporter: dict[str, float] = {}
        for i in actors:
            n = need[i]
            if n <= 0.0:
                continue
            row = all_shares.get(i)
            for e, share in (row.get(m, {}) if row else {}).items():
                req = n * share
                if req <= 0.0:
                    continue
                if (e, m) in controlled:
                    f, leak = rated(e, m, i)
                    out = allowed[i, e] = req * f
                    if f < 1.0:
                        b = blocked[i, e] = req - out
                        out += b * leak
                else:
                    out = allowed[i, e] = req  # uncontrolled: all of it goes through
                outflow[i, e] = out
                per_exporter[e] = per_exporter.get(e, 0.0) + out
        # 2. an exporter short of surplus scales every outflow, leaks included, pro rata
        scale = {
            e: (surplus[e] / total if total > surplus[e] else 1.0)
            for e, total in per_exporter.items()
        }
        flows: dict[tuple[str, str], float] = {}
        remaining = dict(surplus)
        for (i, e), q in outflow.items():
            got = q * scale[e]
            flows[i, e] = got
            remaining[e] -= got
        for (i, e), q in blocked.items():
            ctx.blocked[i, m, e] = q / (q + allowed[i, e])

        got_by: dict[str, float] = {}
        for (i, _), q in flows.items():
            got_by[i] = got_by.get(i, 0.0) + q
        unmet = {
            i: n - got_by.get(i, 0.0)
            for i, n in need.items()
            if n > 0.0 and n - got_by.get(i, 0.0) > 1e-12
        }

        # 3. diversion: unmet demand sought from every exporter's spare surplus
        if unmet:
            for e in actors:
                spare = remaining[e]
                if spare <= 1e-12:
                    continue
                # what an exporter's control already refused is not asked of it again
                wants = {
                    i: max(0.0, u - blocked.get((i, e), 0.0)) * through(e, m, i)
                    for i, u in unmet.items()
                    if u > 1e-12 and i != e
                }
                total = sum(wants.values())
                if total <= 0.0:
                    continue
                ratio = spare / total if total > spare else 1.0
                for i, w in wants.items():
                    give = w * ratio
                    flows[i, e] = flows.get((i, e), 0.0) + give
                    unmet[i] -= give
                remaining[e] -= total * ratio

        for (i, e), q in sorted(flows.items()):
            if q <= 0.0:
                continue
            delivered[i].setdefault(m, {})[e] = q
            supply[i][m] += q
            revenue[e] += q * price * factor
        coercer_req = coercer_blocked = 0.0
        for (i, e), q in blocked.items():
            if e == model.coercer:
                coercer_req += q + allowed[i, e]
                coercer_blocked += q
        if coercer_blocked > 0.0:
            ctx.coercer_blocked_share[m] = coercer_blocked / coercer_req

    state.delivered = delivered
    ctx.supply = supply
    for a in actors:
        old = ctx.before.revenue.get(a, 0.0)
        state.revenue[a] = revenue[a]
        if a == model.coercer:
            shares = ctx.coercer_blocked_share
            ctx.ledger.add(
                "trade",
                f"revenue.{a}",
                revenue[a] - old,
                f"{a}'s export revenue at world prices",
                blocked_share=sum(shares.values()) / len(model.materials),
            )
