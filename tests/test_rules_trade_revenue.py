"""China's export revenue under its own bans and under sanctions (game.rules.trade, measures).

A rules review found that a total Chinese ban on Dy/Tb raised China's export revenue, since the
volume that leaked through third countries was credited to China at the world price the ban
drove up; and that in the second turn of sanctions the ledger showed the full cut again beside
a trade gain of the same size (engine 0.3.0 fixes both).
"""

from __future__ import annotations

import pytest

from game.engine import Session
from game.orders import ExportControl, Order, Sanction
from game.scenario import Scenario


def revenues(
    scenario: Scenario, orders: dict[int, dict[str, list[Order]]], turns: int
) -> list[float]:
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    for turn in range(1, turns + 1):
        session.play(orders.get(turn, {}))
    return [s.revenue["CHN"] for s in session.states]


def test_a_ban_on_everyone_costs_china_revenue_even_as_the_price_soars(scenario: Scenario) -> None:
    ban = ExportControl(material="dytb", target="*", level="full_ban")
    quiet = revenues(scenario, {}, 6)
    banned = revenues(scenario, {1: {"beijing": [ban]}}, 6)
    assert all(b < q for b, q in zip(banned[1:], quiet[1:], strict=True))


def test_smuggled_volume_earns_china_its_home_price(scenario: Scenario) -> None:
    """With no control in force but a full ban on magnets to Japan, every Chinese tonne Japan
    gets has leaked through third countries: China earns its home price for those, the world
    price for everything else it sells."""
    edited = scenario.model_copy(update={"controls": []})
    session = Session(edited, 1, {t: "plan" for t in edited.teams})
    session.play({"beijing": [ExportControl(material="magnets", target="JPN", level="full_ban")]})
    before, after = session.states
    at_world = sum(
        row.get("CHN", 0.0) * before.prices[m] * edited.materials[m].usd_m_per_unit_price
        for by_material in after.delivered.values()
        for m, row in by_material.items()
    )
    leaked = after.delivered["JPN"]["magnets"]["CHN"]
    world, home = before.prices["magnets"], before.china_prices["magnets"]
    assert leaked > 0.0 and home < world
    factor = edited.materials["magnets"].usd_m_per_unit_price
    assert after.revenue["CHN"] == pytest.approx(at_world - leaked * (world - home) * factor)


def test_the_ledger_gives_a_sanction_its_change_not_its_whole_cut_each_turn(
    scenario: Scenario,
) -> None:
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    broad = Sanction(target="CHN", severity="broad")
    hit = scenario.dynamics.sanction_revenue_hit
    lines = []
    for orders in (
        {"tokyo": [broad]},
        {},
        {},
        {"tokyo": [Sanction(target="CHN", severity="lift")]},
    ):
        record = session.play(orders)
        before, after = session.states[-2], session.states[-1]
        mine = [e for e in record.ledger if e.key == "revenue.CHN"]
        # the lines add up to the change
        assert sum(e.amount for e in mine) == pytest.approx(
            after.revenue["CHN"] - before.revenue["CHN"], abs=1e-6
        )
        lines.append({e.rule: e.amount for e in mine})
    first, second, _, lifted = lines
    assert first["measures"] == pytest.approx(-hit * session.states[1].revenue["CHN"] / (1 - hit))
    # in force for a second turn, the sanction only takes its share of the change in revenue,
    # and the trade line is what trade did, as in the same game without sanctions
    assert abs(second["measures"]) < 0.1 * abs(first["measures"])
    quiet = revenues(scenario, {}, 2)
    assert second["trade"] == pytest.approx(quiet[2] - quiet[1])
    # lifted: the revenue recovers, on the sanctions' line
    assert lifted["measures"] == pytest.approx(-first["measures"], rel=0.2)
