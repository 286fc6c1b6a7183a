"""Orders: parsing at the boundary, and refusals with reasons a player understands."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.errors import OrderRefused
from game.order_checks import check_orders, order_cost
from game.orders import (
    ORDER_CLASSES,
    Diplomacy,
    ExportControl,
    Invest,
    LicenceApproval,
    PrioritiseDefence,
    Sanction,
    StockpileBuild,
    StockpileRelease,
    Tariff,
    parse_order,
)


@pytest.fixture
def session(scenario):  # type: ignore[no-untyped-def]
    return Session(scenario, seed=1)


def reasons(session: Session, team: str, orders: list) -> list[str]:  # type: ignore[type-arg]
    return [r.reason for r in check_orders(session.scenario, session.state, team, orders)]


def test_parse_order_rejects_unknown_type_and_fields() -> None:
    with pytest.raises(ValueError, match="type"):
        parse_order({"type": "nuke"})
    with pytest.raises(ValueError, match="colour"):
        parse_order({"type": "hold", "colour": "red"})
    with pytest.raises(ValueError, match="approval"):
        parse_order(
            {"type": "licence_approval", "material": "ndpr", "target": "JPN", "approval": 1.5}
        )


def test_legal_orders_are_accepted(session: Session) -> None:
    orders = [
        ExportControl(material="ndpr", target="JPN", level="full_ban"),
        Diplomacy(move="bj_firm_statement"),
        LicenceApproval(material="dytb", target="JPN", approval=0.0),
    ]
    assert reasons(session, "beijing", orders) == []


def test_only_producers_can_control_exports(session: Session) -> None:
    [why] = reasons(
        session, "tokyo", [ExportControl(material="ndpr", target="CHN", level="full_ban")]
    )
    assert "does not produce" in why


def test_order_types_are_limited_per_team(session: Session) -> None:
    [why] = reasons(session, "beijing", [PrioritiseDefence()])
    assert "cannot give prioritise defence orders" in why


def test_action_points_run_out(session: Session) -> None:
    moves = ["tk_firm_statement", "tk_g7", "tk_wto", "tk_talks"]
    out = check_orders(session.scenario, session.state, "tokyo", [Diplomacy(move=m) for m in moves])
    assert [r.index for r in out] == [3]
    assert "needs 1 action points, 0 left" in out[0].reason


def test_budget_is_checked(session: Session) -> None:
    # Washington has US$10,000M: the 10X plant (1,000) fits, then a vast purchase does not
    out = reasons(
        session,
        "washington",
        [Invest(option="mp_10x"), StockpileBuild(material="germanium", amount=5000)],
    )
    assert len(out) == 1 and "budget has US$9,000M left" in out[0]


def test_stockpile_release_is_bounded(session: Session) -> None:
    [why] = reasons(session, "tokyo", [StockpileRelease(material="dytb", amount=1e6)])
    assert "stockpile holds only 60 t" in why
    # a solo player's audit: 0.377 t left, 0.38 asked, 'holds only 0 t'
    session.state.stockpile["JPN"]["dytb"] = 0.377
    [why] = reasons(session, "tokyo", [StockpileRelease(material="dytb", amount=0.38)])
    assert "stockpile holds only 0.377 t" in why
    session.state.stockpile["JPN"]["dytb"] = 12.345
    [why] = reasons(session, "tokyo", [StockpileRelease(material="dytb", amount=20)])
    assert "stockpile holds only 12.3 t" in why


def test_conflicting_orders_are_refused(session: Session) -> None:
    out = reasons(
        session,
        "beijing",
        [
            ExportControl(material="ndpr", target="JPN", level="full_ban"),
            ExportControl(material="ndpr", target="JPN", level="licensing"),
        ],
    )
    assert out == ["conflicts with order 1, which acts on the same thing"]


def test_investment_rules(session: Session) -> None:
    assert "not open to Beijing" in reasons(session, "beijing", [Invest(option="lynas_offtake")])[0]
    assert "unknown investment" in reasons(session, "tokyo", [Invest(option="moon_base")])[0]
    session.submit("tokyo", [Invest(option="lynas_offtake")])
    session.resolve()
    assert "already funded" in reasons(session, "tokyo", [Invest(option="lynas_offtake")])[0]


def test_targets_and_no_ops(session: Session) -> None:
    assert (
        "own country"
        in reasons(session, "washington", [Sanction(target="USA", severity="broad")])[0]
    )
    assert (
        "no sanctions"
        in reasons(session, "washington", [Sanction(target="CHN", severity="lift")])[0]
    )
    assert (
        "no tariff to remove"
        in reasons(session, "tokyo", [Tariff(target="CHN", material="ndpr", rate=0.0)])[0]
    )
    assert (
        "unknown country"
        in reasons(
            session, "beijing", [ExportControl(material="ndpr", target="XXX", level="full_ban")]
        )[0]
    )
    assert (
        "already in force"
        in reasons(
            session,
            "beijing",
            [ExportControl(material="magnets", target="JPN", level="military_ban", approval=0.5)],
        )[0]
    )
    assert (
        "no licensing regime"
        in reasons(
            session, "beijing", [LicenceApproval(material="ndpr", target="USA", approval=0.5)]
        )[0]
    )
    # an importer under the licensing on every buyer only: the order is pointed there
    assert reasons(
        session, "beijing", [LicenceApproval(material="gallium", target="USA", approval=0.5)]
    ) == [
        "USA has no licensing regime on Gallium of its own: it is under the licensing on "
        'every buyer; to adjust that one, give target "*"'
    ]


def test_costs(session: Session) -> None:
    s, st = session.scenario, session.state
    assert order_cost(s, st, Invest(option="mp_10x")) == (2, 1000.0)
    ap, budget = order_cost(s, st, StockpileBuild(material="ndpr", amount=100))
    assert ap == 1 and budget == pytest.approx(100 * 85.0 * 0.001)
    assert order_cost(s, st, Sanction(target="CHN", severity="broad"))[0] == 2


def test_submit_refuses_with_the_reason_and_stores_nothing(session: Session) -> None:
    with pytest.raises(OrderRefused, match=r"order 1 .*stockpile holds only"):
        session.submit("tokyo", [StockpileRelease(material="dytb", amount=1e6)])
    assert session.pending == {}


def test_unknown_team_is_refused(session: Session) -> None:
    with pytest.raises(OrderRefused, match="unknown team"):
        session.check("moscow", [])


def test_prioritise_defence_reads_on_as_well_as_active() -> None:
    from game.yaml_source import read_yaml

    for text, on in [("on: false", False), ("active: false", False), ("on: true", True)]:
        order = parse_order(read_yaml(f"{{type: prioritise_defence, {text}}}")[0])
        assert isinstance(order, PrioritiseDefence) and order.on is on


def test_a_stockpile_goes_only_to_an_allys_industry_and_only_what_it_uses(
    session: Session,
) -> None:
    """A rules review: Washington released Dy/Tb to China, the coercer, and graphite to
    Vietnam, which uses none (engine 0.3.0 refuses both)."""
    to_china = StockpileRelease(material="dytb", amount=10, to="CHN")
    assert reasons(session, "washington", [to_china]) == [
        "a stockpile can be released only to our own industry or to our ally's; "
        "China is not an ally"
    ]
    to_vietnam = StockpileRelease(material="graphite", amount=100, to="VNM")
    assert "Vietnam is not an ally" in reasons(session, "washington", [to_vietnam])[0]
    to_us = StockpileRelease(material="dytb", amount=10, to="USA")
    assert "United States is not an ally" in reasons(session, "beijing", [to_us])[0]
    # between the allies, of what the receiver uses: accepted
    to_japan = StockpileRelease(material="dytb", amount=10, to="JPN")
    assert reasons(session, "washington", [to_japan]) == []
    assert reasons(session, "tokyo", [to_us]) == []
    # in a scenario where Japan's industry uses no magnets, the US cannot send it any
    edited = session.scenario.model_copy(deep=True)
    for row in edited.demand["JPN"].values():
        row.pop("magnets", None)
    magnets = StockpileRelease(material="magnets", amount=10, to="JPN")
    assert reasons(Session(edited, seed=1), "washington", [magnets]) == [
        "Japan's industry uses no NdFeB magnets"
    ]


def test_a_tariff_already_in_force_at_that_rate_is_refused(session: Session) -> None:
    """It cost an action point and did nothing (0.2.0 refuses orders that change nothing)."""
    tariff = Tariff(target="CHN", material="ndpr", rate=0.25)
    session.play({"tokyo": [tariff]})
    assert reasons(session, "tokyo", [tariff]) == ["that tariff is already in force (25%)"]
    assert reasons(session, "tokyo", [Tariff(target="CHN", material="ndpr", rate=0.5)]) == []


def test_no_order_type_has_a_subclass() -> None:
    """The checks and the bots test an order's type by identity (``type(o) is Invest``), which
    a subclass would slip past: every order type is final."""
    assert len(ORDER_CLASSES) == 10
    for cls in ORDER_CLASSES.values():
        assert cls.__subclasses__() == [], cls.__name__
