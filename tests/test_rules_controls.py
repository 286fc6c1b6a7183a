"""Export controls and tension (game.rules.controls): every way of cutting licence approvals
costs the same tension. An instructor's audit found that setting licensing again at a lower
approval cost nothing, while the licence approval order cost 3 points per unit of approval."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.orders import ExportControl, LicenceApproval, Order
from game.scenario import Scenario


def tension_from_controls(scenario: Scenario, orders: list[Order]) -> float:
    """The tension Beijing's control orders added in turn 1 (from the turn's ledger)."""
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    record = session.play({"beijing": orders})
    assert not record.refused
    return sum(e.amount for e in record.ledger if e.key == "index.tension" and e.rule == "controls")


@pytest.mark.parametrize(("approval", "points"), [(0.2, 0.9), (0.0, 1.5), (0.8, -0.9)])
def test_setting_licensing_again_moves_tension_as_an_approval_order_does(
    scenario: Scenario, approval: float, points: float
) -> None:
    per_step = scenario.dynamics.tension_per_control_step
    assert per_step == 3  # the default scenario: dytb to Japan is under licensing at 0.5
    by_level = tension_from_controls(
        scenario,
        [ExportControl(material="dytb", target="JPN", level="licensing", approval=approval)],
    )
    by_approval = tension_from_controls(
        scenario, [LicenceApproval(material="dytb", target="JPN", approval=approval)]
    )
    assert by_level == pytest.approx(points) and by_approval == pytest.approx(points)


def test_a_step_up_the_ladder_still_costs_a_whole_step(scenario: Scenario) -> None:
    order = ExportControl(material="dytb", target="JPN", level="military_ban")
    assert tension_from_controls(scenario, [order]) == pytest.approx(3.0)
