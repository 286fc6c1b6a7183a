"""What became of a team's stockpile purchases in a turn, read from the states around it.

A purchase (``stockpile_build``) is paid in full when ordered and filled from the world's spare
supply when the turn's trade settles (``game.rules.stocks``); whatever the market could not
supply is refunded at the price paid. The ledger records scores and indices, not budgets, so
the turn's story works the purchase out here: what reached the stockpile is its change over the
turn plus what the team released from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import TurnRecord
from game.names import material_name, money, quantity
from game.orders import StockpileBuild, StockpileRelease
from game.scenario import Scenario
from game.state import GameState


@dataclass(frozen=True, slots=True)
class Purchase:
    """A purchase ordered this turn: ``bought`` of ``order.amount`` delivered, ``refund``
    (US$ million) paid back for the rest."""

    order: StockpileBuild
    bought: float
    refund: float
    own_short: bool = False
    """The buyer's own industry did not get all it needed this turn, restocking included: then
    the purchase gets nothing (rules 2.6, step 5), whatever the world had to spare."""

    @property
    def short(self) -> bool:
        """Less was delivered than ordered (by more than rounding)."""
        return self.bought < self.order.amount * (1.0 - 1e-6) - 1e-9


def purchases(
    scenario: Scenario, before: GameState, record: TurnRecord, team: str
) -> list[Purchase]:
    """``team``'s purchases in the turn ``record`` resolved from ``before``, in order given."""
    actor = scenario.teams[team].actor
    orders = record.orders.get(team, [])
    out: list[Purchase] = []
    for order in orders:
        if not isinstance(order, StockpileBuild):
            continue
        m = order.material
        released = sum(
            o.amount for o in orders if isinstance(o, StockpileRelease) and o.material == m
        )
        held_before = before.stockpile.get(actor, {}).get(m, 0.0)
        held_after = record.state.stockpile.get(actor, {}).get(m, 0.0)
        bought = held_after - held_before + min(released, held_before)
        bought = min(order.amount, max(0.0, bought))
        price = before.prices.get(m, 0.0) * scenario.materials[m].usd_m_per_unit_price
        # met in full, restocking included, the inventory rose by at least the restocking
        held = before.inventory.get(actor, {}).get(m, 0.0)
        gap = before.inventory_target.get(actor, {}).get(m, 0.0) - held
        restock = gap * scenario.trade.restock_rate if gap > 0 else 0.0
        short = record.state.inventory.get(actor, {}).get(m, 0.0) < held + restock - 1e-9
        out.append(Purchase(order, bought, (order.amount - bought) * price, short))
    return out


def shortfall_words(scenario: Scenario, p: Purchase) -> tuple[str, str]:
    """What a purchase the market could not fill came to, in two parts: ('6,265 of the 20,000 t
    of Battery graphite were bought', 'US$19M refunded')."""
    unit = scenario.materials[p.order.material].unit
    what = material_name(scenario, p.order.material)
    got = (
        f"none of the {quantity(p.order.amount)} {unit} of {what} was bought"
        if p.bought <= 0.0
        else f"{quantity(p.bought)} of the {quantity(p.order.amount)} {unit} of {what} were bought"
    )
    return got, f"{money(p.refund)} refunded"
