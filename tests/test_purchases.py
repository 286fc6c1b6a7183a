"""What became of a stockpile purchase: delivered in part or not at all, and the refund; and
that a purchase only takes what the world has to spare (engine 0.3.0).

A solo player bought 16,000 t of graphite and 60 t of Dy/Tb; a quarter of the graphite and
none of the Dy/Tb arrived, and the money came back without a word anywhere. A rules review then
found that Beijing could buy China's whole magnet output for its stockpile, an embargo that no
control recorded, and that a US purchase of Dy/Tb cut Japan's deliveries.
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
    big = StockpileBuild(material="magnets", amount=16000)
    session, record = _play(scenario, {"washington": [big]})
    before, after = session.states
    (p,) = purchases(scenario, before, record, "washington")  # type: ignore[arg-type]
    assert p.short and 0.0 < p.bought < 16000
    held = after.stockpile["USA"]["magnets"] - before.stockpile["USA"]["magnets"]
    assert p.bought == pytest.approx(held)
    # the budget: income, less the whole price paid when ordered, plus the refund
    price = before.prices["magnets"] * scenario.materials["magnets"].usd_m_per_unit_price
    income = scenario.teams["washington"].income
    paid = 16000 * price + scenario.cost_of("stockpile_build").budget
    want = before.budget["washington"] + income - paid + p.refund
    assert after.budget["washington"] == pytest.approx(want)
    story = turn_story(scenario, record, "washington")  # type: ignore[arg-type]
    line = next(x for x in map(str, story) if "of the 16,000 t of" in x)
    assert "were bought" in line and "refunded" in line
    # other teams do not read it
    assert not any("refunded" in str(t) for t in turn_story(scenario, record, "beijing"))  # type: ignore[arg-type]
    assert record.before is before  # type: ignore[attr-defined]  # the state it came from


def test_a_country_short_of_a_material_buys_none_of_it_for_its_stockpile(
    scenario: Scenario,
) -> None:
    """Japan's industry is short of graphite under China's licensing: whatever could reach
    Japan goes to its industry, so its purchase is refunded in full."""
    session, record = _play(scenario, {"tokyo": [StockpileBuild(material="graphite", amount=500)]})
    (p,) = purchases(scenario, session.states[0], record, "tokyo")  # type: ignore[arg-type]
    assert p.bought == 0.0 and p.refund > 0.0
    assert (
        record.state.stockpile["JPN"]["graphite"] == session.states[0].stockpile["JPN"]["graphite"]
    )


def test_a_purchase_filled_in_full_says_nothing_more(scenario: Scenario) -> None:
    small = StockpileBuild(material="ndpr", amount=10)
    session, record = _play(scenario, {"washington": [small]})
    (p,) = purchases(scenario, session.states[0], record, "washington")  # type: ignore[arg-type]
    assert not p.short and p.refund == pytest.approx(0.0, abs=1e-9)
    story = turn_story(scenario, record, "washington")  # type: ignore[arg-type]
    assert not any("refunded" in str(t) for t in story)


def test_buying_for_the_stockpile_is_no_hidden_embargo(scenario: Scenario) -> None:
    """Beijing buys 12,000 t of magnets and 2,500 t of NdPr for three turns: China's exports,
    the world price and everyone's industry are as if it had bought nothing, and its stockpile
    gets only what was left over."""
    buy = [
        StockpileBuild(material="magnets", amount=12000),
        StockpileBuild(material="ndpr", amount=2500),
    ]
    quiet, hoard = (Session(scenario, 1, {t: "human" for t in scenario.teams}) for _ in "ab")
    for _ in range(3):
        quiet.play({})
        hoard.play({"beijing": buy})
    a, b = quiet.state, hoard.state
    for m in ("magnets", "ndpr"):
        for buyer in ("JPN", "USA", "EU"):
            assert b.delivered[buyer][m] == a.delivered[buyer][m]
        assert b.prices[m] == a.prices[m]
        assert 0.0 < b.stockpile["CHN"][m] - a.stockpile["CHN"][m] < 3 * 12000
    assert (b.output, b.cover, b.indices) == (a.output, a.cover, a.indices)


@settings(max_examples=30, deadline=None)
@given(
    team=st.sampled_from(["beijing", "tokyo", "washington"]),
    material=st.sampled_from(["graphite", "dytb", "magnets", "gallium", "germanium", "ndpr"]),
    amount=st.floats(1.0, 50000.0),
)
def test_a_purchase_takes_nothing_from_anyone_s_industry(
    scenario: Scenario, team: str, material: str, amount: float
) -> None:
    """Whoever buys whatever: every country's supply, output, cover and the prices are those of
    the same turn without the purchase (it takes only what no industry could use)."""
    order = StockpileBuild(material=material, amount=round(amount, 3))
    _, without = _play(scenario, {})
    _, bought = _play(scenario, {team: [order]})
    if bought.refused.get(team):  # type: ignore[attr-defined]
        return
    a, b = without.state, bought.state  # type: ignore[attr-defined]
    assert (b.output, b.fill, b.cover, b.inventory) == (a.output, a.fill, a.cover, a.inventory)
    assert (b.prices, b.china_prices, b.indices) == (a.prices, a.china_prices, a.indices)


@settings(max_examples=25, deadline=None)
@given(
    amount=st.floats(1.0, 50000.0),
    release=st.floats(0.0, 15.0),
    material=st.sampled_from(["graphite", "dytb", "magnets", "gallium", "ndpr"]),
)
def test_what_was_bought_and_refunded_adds_up(
    scenario: Scenario, amount: float, release: float, material: str
) -> None:
    """Bought plus refunded at the price paid is what was paid, also when the team releases
    from its stockpile in the same turn (germanium: a release of the material bought is the
    same stockpile's other order, refused as a conflict, so it never reached this check)."""
    orders: list[StockpileBuild | StockpileRelease] = [
        StockpileBuild(material=material, amount=round(amount, 3))
    ]
    if round(release, 3) > 0.0:
        orders.append(StockpileRelease(material="germanium", amount=round(release, 3)))
    session, record = _play(scenario, {"washington": orders})
    before, after = session.states
    refused = record.refused.get("washington")  # type: ignore[attr-defined]
    if refused:  # only a purchase beyond the budget may be refused
        assert [type(o) for o, why in refused if "the budget has" in why] == [StockpileBuild]
        assert len(refused) == 1
        return
    (p,) = purchases(scenario, before, record, "washington")  # type: ignore[arg-type]
    assert 0.0 <= p.bought <= p.order.amount
    price = before.prices[material] * scenario.materials[material].usd_m_per_unit_price
    assert p.bought * price + p.refund == pytest.approx(p.order.amount * price)
    spent = (
        before.budget["washington"]
        + scenario.teams["washington"].income
        - after.budget["washington"]
    )
    fee = scenario.cost_of("stockpile_build").budget + scenario.cost_of(
        "stockpile_release"
    ).budget * (round(release, 3) > 0)
    assert spent == pytest.approx(p.bought * price + fee, abs=1e-6)


def test_a_purchase_is_not_counted_as_imports(scenario: Scenario) -> None:
    """A review of engine 0.3.0: purchases were added to the buyer's deliveries, not its
    industry's supply, so the turn after one read 'NdFeB magnets: down 595 t (China -595 t)'
    while US industry got the same 1,920 t both turns."""
    from game.tui.widgets.ledger_view import import_lines

    session = Session(scenario, 1, {t: "human" for t in scenario.teams})
    session.play({"washington": [StockpileBuild(material="magnets", amount=3000)]})
    record = session.play({})
    quiet = Session(scenario, 1, {t: "human" for t in scenario.teams})
    quiet.play({})
    assert session.states[1].delivered["USA"] == quiet.state.delivered["USA"]
    assert record.before is not None
    lines = [str(t) for t in import_lines(scenario, record.before, record.state, "USA")]
    assert not any("NdFeB magnets" in line for line in lines), lines
