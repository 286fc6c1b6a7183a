"""Investments (game.rules.investment): an offtake moves the buyer's trade shares to the host,
and the shares still add up to 1 (rules.md 2.4)."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.orders import Invest
from game.scenario import Scenario


def test_an_offtake_for_a_buyer_that_imported_none_of_it_gives_the_host_all_of_it(
    scenario: Scenario,
) -> None:
    """A reviewer's project (chip tools made in the US for Japan, which imported none) left
    Japan's shares at {USA: 0.167}, adding up to 0.167."""
    assert not scenario.trade_shares.get("JPN", {}).get("sme")
    option = {
        "id": "us_sme_for_japan",
        "name": "US tool line for Japan",
        "team": "tokyo",
        "kind": "offtake",
        "material": "sme",
        "host": "USA",
        "capacity": 100,
        "offtake_to": "JPN",
        "cost": 10,
        "lead_time": 0,
        "slip_chance": 0,
    }
    data = scenario.model_dump()
    s = Scenario.model_validate({**data, "investments": [*data["investments"], option]})
    session = Session(s, seed=1)
    record = session.play({"tokyo": [Invest(option="us_sme_for_japan")]})
    assert not record.refused
    for _ in range(2):
        session.play({})
    assert "us_sme_for_japan" in session.state.completed
    assert session.state.shares["JPN"]["sme"] == pytest.approx({"USA": 1.0})
