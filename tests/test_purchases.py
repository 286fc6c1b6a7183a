"""What became of a stockpile purchase: delivered in part or not at all, and the refund.

A solo player bought 16,000 t of graphite and 60 t of Dy/Tb; a quarter of the graphite and
none of the Dy/Tb arrived, and the money came back without a word anywhere.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Session
from game.orders import StockpileBuild, StockpileRelease
from game.purchases import purchases
from game.scenario import Scenario
from game.tui.widgets.ledger_view import turn_story


def _play(scenario: Scenario, orders: dict) -> tuple[Session, object]:  # type: ignore[type-arg]
    session = Session(scenario, 1, {t: "human" for t in scenario.teams})
    record = session.play(orders)
    return session, record


def test_a_purchase_the_market_cannot_fill_is_refunded_for_the_rest(scenario: Scenario) -> None:
    big = StockpileBuild(material="graphite", amount=16000)
    session, record = _play(scenario, {"tokyo": [big]})
    before, after = session.states
    (p,) = purchases(scenario, before, record, "tokyo")  # type: ignore[arg-type]
    assert p.short and 0.0 < p.bought < 16000
    held = after.stockpile["JPN"]["graphite"] - before.stockpile["JPN"]["graphite"]
    assert p.bought == pytest.approx(held)
    # the budget: income, less the whole price paid when ordered, plus the refund
    price = before.prices["graphite"] * scenario.materials["graphite"].usd_m_per_unit_price
    income = scenario.teams["tokyo"].income
    paid = 16000 * price + scenario.cost_of("stockpile_build").budget
    want = before.budget["tokyo"] + income - paid + p.refund
    assert after.budget["tokyo"] == pytest.approx(want)
    lines = [str(t) for t in turn_story(scenario, record, "tokyo")]  # type: ignore[arg-type]
    line = next(x for x in lines if "of the 16,000 t of" in x)
    assert "were bought" in line and "refunded" in line
    # other teams do not read it
    assert not any("refunded" in str(t) for t in turn_story(scenario, record, "beijing"))  # type: ignore[arg-type]
    assert record.before is before  # type: ignore[attr-defined]  # the state it came from


def test_a_purchase_filled_in_full_says_nothing_more(scenario: Scenario) -> None:
    small = StockpileBuild(material="ndpr", amount=10)
    session, record = _play(scenario, {"tokyo": [small]})
    (p,) = purchases(scenario, session.states[0], record, "tokyo")  # type: ignore[arg-type]
    assert not p.short and p.refund == pytest.approx(0.0, abs=1e-9)
    story = turn_story(scenario, record, "tokyo")  # type: ignore[arg-type]
    assert not any("refunded" in str(t) for t in story)


@settings(max_examples=25, deadline=None)
@given(
    amount=st.floats(1.0, 50000.0),
    release=st.floats(0.0, 3000.0),
    material=st.sampled_from(["graphite", "dytb", "magnets", "gallium", "ndpr"]),
)
def test_what_was_bought_and_refunded_adds_up(
    scenario: Scenario, amount: float, release: float, material: str
) -> None:
    """Bought plus refunded at the price paid is what was paid, also when the team releases
    from the same stockpile in the same turn."""
    orders = [StockpileBuild(material=material, amount=round(amount, 3))]
    if round(release, 3) > 0.0:
        orders.append(StockpileRelease(material=material, amount=round(release, 3)))
    session, record = _play(scenario, {"tokyo": orders})
    before, after = session.states
    if record.refused.get("tokyo"):  # type: ignore[attr-defined]
        return
    (p,) = purchases(scenario, before, record, "tokyo")  # type: ignore[arg-type]
    assert 0.0 <= p.bought <= p.order.amount
    price = before.prices[material] * scenario.materials[material].usd_m_per_unit_price
    assert p.bought * price + p.refund == pytest.approx(p.order.amount * price)
    spent = before.budget["tokyo"] + scenario.teams["tokyo"].income - after.budget["tokyo"]
    fee = scenario.cost_of("stockpile_build").budget + scenario.cost_of(
        "stockpile_release"
    ).budget * (release > 0)
    assert spent == pytest.approx(p.bought * price + fee, abs=1e-6)
