"""Inventories and strategic stockpiles.

Firms hold working inventory, set in the scenario as days of cover; governments hold strategic
stockpiles (Japan's JOGMEC target of 60 days, the US National Defense Stockpile; docs/facts.md).

- A stockpile release (an order) moves material from the government's stockpile straight to its
  own industry or an ally's, this turn.
- A stockpile purchase is filled last, from what the world has to spare once every country's
  own demand and restocking are met (rules.md 2.6, step 5); what arrives goes to the stockpile and
  the money for the rest is refunded.
- Supply (own production, imports, releases) meets demand first. A shortfall is drawn from
  working inventory; only what inventory cannot cover is unmet and hurts industry. A surplus
  refills inventory (restocking is ordered at ``trade.restock_rate`` of the gap each turn).
- Days of cover = inventory / demand per day.
"""

from __future__ import annotations

from game.orders import StockpileBuild, StockpileRelease
from game.rules.context import TurnContext
from game.state import COVER_CAP_DAYS, DAYS_PER_MONTH


def book_stockpile_orders(
    ctx: TurnContext, actor: str, orders: list[StockpileRelease | StockpileBuild]
) -> None:
    """Take releases out of the stockpile now; queue purchases for the trade rule."""
    state = ctx.state
    for order in orders:
        m = order.material
        if isinstance(order, StockpileRelease):
            amount = min(order.amount, state.stockpile[actor][m])
            state.stockpile[actor][m] -= amount
            dest = order.to or actor
            row = ctx.release.setdefault(dest, {})
            row[m] = row.get(m, 0.0) + amount
            if dest != actor:
                ctx.ally_releases.append((actor, dest, m, amount))
        else:
            row = ctx.build.setdefault(actor, {})
            row[m] = row.get(m, 0.0) + order.amount
            ctx.build_price[m] = ctx.before.prices[m]  # the price it was paid at


def settle_stocks(ctx: TurnContext) -> None:
    """Meet demand from supply, then inventory; stock what purchases got; compute cover."""
    model, state = ctx.model, ctx.state
    demands, months = ctx.demands(), model.months
    players = (model.coercer, model.target, model.patron)
    ledger_on = ctx.ledger.on
    unmet_all: dict[str, dict[str, float]] = {}
    for a in model.actors:
        unmet_row: dict[str, float] = {}
        cover_row: dict[str, float] = {}
        fill_row: dict[str, float] = {}
        supplied, released = ctx.supply[a], ctx.release.get(a, {})
        wanted_row, bought_row = ctx.build.get(a, {}), ctx.bought.get(a, {})
        inventory, needs = state.inventory[a], demands[a]
        story = ledger_on and a in players
        for m in model.materials:
            demand = needs[m]
            supply = supplied[m] + released.get(m, 0.0)
            supplied[m] = supply
            inv = inventory[m]
            unmet = 0.0
            wanted = wanted_row.get(m, 0.0)
            if wanted > 0.0:
                bought = bought_row.get(m, 0.0)
                state.stockpile[a][m] += bought
                _refund(ctx, a, m, wanted - bought)
            if supply >= demand:
                inv += supply - demand
            else:
                short = demand - supply
                draw = short if short < inv else inv
                inv -= draw
                unmet = short - draw
            inventory[m] = inv
            unmet_row[m] = unmet
            fill_row[m] = (demand - unmet) / demand if demand > 0 else 1.0
            if demand > 0:
                # ``state.days_of_cover``, written out here because it runs for every actor
                # and material (the same expression, so the same numbers)
                cover = inv / demand * DAYS_PER_MONTH * months
                if not cover < COVER_CAP_DAYS:
                    cover = COVER_CAP_DAYS
                cover_row[m] = cover
                if story:
                    old = ctx.before.cover.get(a, {}).get(m, cover)
                    if abs(cover - old) >= 0.5:
                        ctx.ledger.add(
                            "stocks",
                            f"cover.{a}.{m}",
                            cover - old,
                            f"{a}'s working inventory of {m} in days of demand",
                            supply=supply,
                            demand=demand,
                            unmet=unmet,
                        )
        unmet_all[a] = unmet_row
        state.cover[a] = cover_row
        state.fill[a] = fill_row
    ctx.unmet = unmet_all


def _refund(ctx: TurnContext, actor: str, material: str, undelivered: float) -> None:
    if undelivered <= 0.0:
        return
    team = ctx.model.scenario.team_of_actor(actor)
    if team is None:
        return
    factor = ctx.model.scenario.materials[material].usd_m_per_unit_price
    ctx.state.budget[team] += undelivered * ctx.build_price[material] * factor
