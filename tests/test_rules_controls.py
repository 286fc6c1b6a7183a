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


# dytb to Japan is under licensing at 0.5 (1.5 steps): at 0.2, max(1.8, 2.4) = 2.4 steps, +0.9
# steps x 3; at 0, 3 steps (a ban); at 0.8, 1.2 steps, half of -0.3 steps back
@pytest.mark.parametrize(("approval", "points"), [(0.2, 2.7), (0.0, 4.5), (0.8, -0.45)])
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


def test_a_step_up_the_ladder_costs_a_step_from_where_the_control_stands(
    scenario: Scenario,
) -> None:
    # no control on NdPr to the US: a military ban is two steps
    order = ExportControl(material="ndpr", target="USA", level="military_ban")
    assert tension_from_controls(scenario, [order]) == pytest.approx(6.0)
    # Dy/Tb to Japan is under licensing at half approval, 1.5 steps: half a step to the ban
    order = ExportControl(material="dytb", target="JPN", level="military_ban")
    assert tension_from_controls(scenario, [order]) == pytest.approx(1.5)


def control_tension(scenario: Scenario, turns: list[list[Order]]) -> float:
    """The tension Beijing's control orders added over several turns (their ledger lines)."""
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    total = 0.0
    for orders in turns:
        record = session.play({"beijing": orders})
        assert not record.refused, record.refused
        total += sum(
            e.amount for e in record.ledger if e.key == "index.tension" and e.rule == "controls"
        )
    return total


def test_a_round_of_control_orders_ending_where_it_began_never_lowers_tension(
    scenario: Scenario,
) -> None:
    """A reviewer's cycle: licensing at approval 0, approvals raised to 1, then lifted, back to
    open trade, gave back 1.5 points of tension a round (a rise in approvals gave back in full
    what a step down gives back by half)."""
    ndpr = {"material": "ndpr", "target": "USA"}
    rounds = [
        [ExportControl(**ndpr, level="licensing", approval=0.0)],
        [LicenceApproval(**ndpr, approval=1.0)],
        [ExportControl(**ndpr, level="open")],
    ]
    # licensing at 0 is a ban in all but name (3 steps, +9); back to full approval (1 step)
    # gives back half of 2 steps; lifting it half of the last step
    assert control_tension(scenario, rounds) == pytest.approx(9.0 - 3.0 - 1.5)
    assert control_tension(scenario, rounds[:2]) == pytest.approx(9.0 - 3.0)
    up_and_down = [
        [ExportControl(**ndpr, level="full_ban")],
        [ExportControl(**ndpr, level="licensing", approval=0.0)],
        [ExportControl(**ndpr, level="licensing", approval=0.6)],
        [ExportControl(**ndpr, level="open")],
    ]
    # full ban to licensing at 0 is no step down (it blocks as much); at 0.6 it stands at
    # max(1.4, 1.2) = 1.4 steps
    assert control_tension(scenario, up_and_down) == pytest.approx(9.0 - 0.0 - 2.4 - 2.1)
    # either way, half of the way up is kept: the route does not matter
    assert control_tension(scenario, up_and_down) == pytest.approx(
        control_tension(scenario, rounds)
    )


def test_licensing_that_approves_nothing_costs_what_the_ban_it_amounts_to_costs(
    scenario: Scenario,
) -> None:
    """A rules review: licensing at approval 0 blocked exactly what a full ban blocks, for a
    third of its tension (and stepping down from a military ban to it even lowered tension)."""
    for material, target in (("ndpr", "JPN"), ("magnets", "JPN"), ("dytb", "*")):
        ban = ExportControl(material=material, target=target, level="full_ban")
        nothing = ExportControl(material=material, target=target, level="licensing", approval=0.0)
        assert tension_from_controls(scenario, [nothing]) == pytest.approx(
            tension_from_controls(scenario, [ban])
        )
    # NdPr to Japan is under a military ban (2 steps): licensing at 0 is a step up, not down
    order = ExportControl(material="ndpr", target="JPN", level="licensing", approval=0.0)
    assert tension_from_controls(scenario, [order]) == pytest.approx(3.0)


def test_making_a_control_extraterritorial_costs_half_a_step(scenario: Scenario) -> None:
    """It cuts leakage through third countries, so it tightens the control: it was free."""
    order = ExportControl(
        material="ndpr", target="JPN", level="military_ban", extraterritorial=True
    )
    assert tension_from_controls(scenario, [order]) == pytest.approx(1.5)


def test_orders_that_change_nothing_are_refused_and_a_control_can_be_lifted_without_output(
    scenario: Scenario,
) -> None:
    from game.order_checks import check_order
    from game.state import initial_state

    state = initial_state(scenario)
    state.controls["CHN|ndpr|JPN"] = state.controls["CHN|dytb|JPN"].__class__("full_ban", 0.5)
    again = ExportControl(material="ndpr", target="JPN", level="full_ban", approval=0.2)
    assert check_order(scenario, state, "beijing", again) == "that control is already in force"
    same = LicenceApproval(material="dytb", target="JPN", approval=0.5)
    assert check_order(scenario, state, "beijing", same) == "licences are already approved at 50%"
    state.production["CHN"]["ndpr"] = 0.0  # a strike: a control in force can still be lifted
    lift = ExportControl(material="ndpr", target="JPN", level="open")
    assert check_order(scenario, state, "beijing", lift) is None
    new = ExportControl(material="ndpr", target="USA", level="full_ban")
    assert "does not produce" in (check_order(scenario, state, "beijing", new) or "")


def test_leakage_never_delivers_more_under_a_ban_than_open_trade(scenario: Scenario) -> None:
    """trade.leakage x an inject's leakage factor above 1 made a ban deliver 385 t where open
    trade delivered 285 t (a reviewer's scenario: leakage 0.5 and a x3 inject)."""
    from game.rules.context import Model
    from game.rules.controls import leak_rates
    from game.state import initial_state

    loose = Scenario.model_validate(
        {**scenario.model_dump(), "trade": {**scenario.trade.model_dump(), "leakage": 0.5}}
    )
    state = initial_state(loose)
    state.leak_factor = 3.0
    plain, extraterritorial = leak_rates(Model.compile(loose), state)
    assert plain == 1.0 and extraterritorial == pytest.approx(1.0 - 0.6)
