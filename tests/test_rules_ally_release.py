"""A stockpile release between the patron and the target is worth alliance cohesion in
proportion to what it gives: the full 3 points for a week or more of the receiver's demand for
that material, less for less, at most 3 a turn (game.rules.strategic). A solo player's audit
found 1 t of graphite a turn, under a day of Japan's demand, buying 3 points each time."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.orders import Order, StockpileRelease
from game.rules.strategic import (
    ALLY_RELEASE_COHESION,
    FULL_RELEASE_DAYS,
    ally_release_points,
    full_release_amount,
)
from game.scenario import Scenario
from game.state import DAYS_PER_MONTH, total_demand


def release_gain(scenario: Scenario, orders: list[Order]) -> float:
    """The cohesion points the turn's releases to Japan earned (from the turn's ledger)."""
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    record = session.play({"washington": orders})
    assert not record.refused
    return sum(
        e.amount
        for e in record.ledger
        if e.key == "index.cohesion" and "from its stockpile to JPN" in e.why
    )


def days_of(scenario: Scenario, material: str, amount: float) -> float:
    return amount / total_demand(scenario, "JPN", material) * DAYS_PER_MONTH


def test_a_token_release_earns_almost_nothing(scenario: Scenario) -> None:
    token = release_gain(scenario, [StockpileRelease(material="graphite", amount=1, to="JPN")])
    assert token == pytest.approx(
        ALLY_RELEASE_COHESION * days_of(scenario, "graphite", 1) / FULL_RELEASE_DAYS
    )
    assert token < 0.01


def test_a_weeks_supply_earns_the_full_bonus_and_a_turn_at_most_that(scenario: Scenario) -> None:
    week = total_demand(scenario, "JPN", "dytb") * FULL_RELEASE_DAYS / DAYS_PER_MONTH
    assert release_gain(
        scenario, [StockpileRelease(material="dytb", amount=week, to="JPN")]
    ) == pytest.approx(ALLY_RELEASE_COHESION)
    half = release_gain(scenario, [StockpileRelease(material="dytb", amount=week / 2, to="JPN")])
    assert half == pytest.approx(ALLY_RELEASE_COHESION / 2)
    both = [
        StockpileRelease(material="dytb", amount=week, to="JPN"),
        StockpileRelease(material="germanium", amount=1, to="JPN"),
    ]
    assert release_gain(scenario, both) == pytest.approx(ALLY_RELEASE_COHESION)


def test_with_two_month_turns_a_week_is_still_a_week(scenario: Scenario) -> None:
    """Demand is per turn: with two-month turns a turn's demand is two months' worth, so the
    release that covers a week is half as large a share of it (the rule once took every turn
    for a month, and rated such a release at half the bonus)."""
    two = Scenario.model_validate({**scenario.model_dump(), "turn_length_months": 2})
    per_turn = total_demand(two, "JPN", "dytb")
    week = per_turn * FULL_RELEASE_DAYS / (2 * DAYS_PER_MONTH)
    assert full_release_amount(per_turn, 2) == pytest.approx(week)
    assert ally_release_points(week, per_turn, 2) == pytest.approx(ALLY_RELEASE_COHESION)
    assert release_gain(
        two, [StockpileRelease(material="dytb", amount=week / 2, to="JPN")]
    ) == pytest.approx(ALLY_RELEASE_COHESION / 2)


def test_a_material_the_ally_does_not_use_earns_nothing() -> None:
    assert ally_release_points(50.0, 0.0, 1) == 0.0
    assert ally_release_points(0.0, 10.0, 1) == 0.0
