"""Invariants of the rules, checked with hypothesis over random states and order sets."""

from __future__ import annotations

import copy
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import resolve_turn
from game.order_checks import check_orders
from game.orders import ExportControl, LicenceApproval, Order, StockpileRelease
from game.rules.context import Model
from game.rules.controls import fraction_through
from game.scenario import Scenario
from game.scenario_loader import load_scenario
from game.state import ControlState, GameState, initial_state
from tests.conftest import DEFAULT, SCENARIOS
from tests.strategies import LEVELS, orders_by_team

SCENARIO: Scenario = load_scenario(DEFAULT)
MODEL = Model.compile(SCENARIO)
SENKAKU = load_scenario(SCENARIOS / "senkaku-2010.yaml")
SENKAKU_MODEL = Model.compile(SENKAKU)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def game_states(draw: st.DrawFn, model: Model = MODEL) -> tuple[GameState, int]:
    """A state reached by 0-6 turns of random orders, and the seed that produced it."""
    seed = draw(st.integers(0, 2**31))
    state = initial_state(model.scenario)
    for _ in range(draw(st.integers(0, 6))):
        state, _rec = resolve_turn(model, state, draw(orders_by_team(model.scenario)), seed)
    return state, seed


def accepted(state: GameState, orders: dict[str, list[Order]]) -> dict[str, list[Order]]:
    out = {}
    for team, os in orders.items():
        bad = {r.index for r in check_orders(SCENARIO, state, team, os)}
        out[team] = [o for i, o in enumerate(os) if i not in bad]
    return out


def delivered_to(state: GameState, importer: str, material: str) -> float:
    return sum(state.delivered.get(importer, {}).get(material, {}).values())


@SETTINGS
@given(
    game_states(),
    orders_by_team(SCENARIO),
    st.sampled_from(sorted(SCENARIO.materials)),
    st.sampled_from(["JPN", "USA", "*"]),
    st.sampled_from(LEVELS),
    st.floats(0.0, 1.0),
    st.booleans(),
)
def test_tightening_a_control_never_raises_the_targets_deliveries(
    gs: tuple[GameState, int],
    orders: dict[str, list[Order]],
    material: str,
    target: str,
    level: str,
    approval: float,
    extraterritorial: bool,
) -> None:
    """A control that lets through no more, and stops no less leakage, delivers no more."""
    state, seed = gs
    if state.production["CHN"][material] <= 0:
        return
    current = state.controls.get(f"CHN|{material}|{target}") or ControlState("open")
    new = ControlState(level, approval, extraterritorial or current.extraterritorial)
    importers = sorted(SCENARIO.actors) if target == "*" else [target]
    if any(
        fraction_through(MODEL, new, material, i) > fraction_through(MODEL, current, material, i)
        for i in importers
    ):
        return
    orders = accepted(state, orders)
    others = [o for o in orders["beijing"] if not isinstance(o, ExportControl | LicenceApproval)]
    loose = dict(orders, beijing=others)
    tight = dict(
        orders,
        beijing=[
            *others[:2],
            ExportControl(
                material=material,
                target=target,
                level=new.level,
                approval=new.approval,
                extraterritorial=new.extraterritorial,
            ),
        ],
    )
    loose["beijing"] = others[:2]
    if check_orders(SCENARIO, state, "beijing", tight["beijing"]):
        return  # e.g. the control is already in force: nothing is tightened
    after_loose, _ = resolve_turn(MODEL, state, loose, seed)
    after_tight, _ = resolve_turn(MODEL, state, tight, seed)
    # a control on everyone ('*') is judged by what all importers together receive
    importers = sorted(SCENARIO.actors) if target == "*" else [target]
    tight_total = sum(delivered_to(after_tight, i, material) for i in importers)
    loose_total = sum(delivered_to(after_loose, i, material) for i in importers)
    assert tight_total <= loose_total + 1e-6


@SETTINGS
@given(
    game_states(),
    orders_by_team(SCENARIO),
    st.sampled_from(["tokyo", "washington"]),
    st.sampled_from(sorted(SCENARIO.materials)),
    st.floats(0.01, 1.0),
)
def test_releasing_a_stockpile_never_lowers_the_releasers_output(
    gs: tuple[GameState, int],
    orders: dict[str, list[Order]],
    team: str,
    material: str,
    fraction: float,
) -> None:
    state, seed = gs
    actor = SCENARIO.teams[team].actor
    held = state.stockpile[actor][material]
    if held <= 0:
        return
    orders = accepted(state, orders)
    mine = [o for o in orders[team] if getattr(o, "material", None) != material][:2]
    without = dict(orders, **{team: mine})
    with_release = dict(
        orders, **{team: [*mine, StockpileRelease(material=material, amount=held * fraction)]}
    )
    a, _ = resolve_turn(MODEL, state, without, seed)
    b, _ = resolve_turn(MODEL, state, with_release, seed)
    for sector, value in a.output[actor].items():
        assert b.output[actor][sector] >= value - 1e-9


@SETTINGS
@given(game_states(), orders_by_team(SCENARIO))
def test_deliveries_never_exceed_production(
    gs: tuple[GameState, int], orders: dict[str, list[Order]]
) -> None:
    state, seed = gs
    after, _ = resolve_turn(MODEL, state, orders, seed)
    for m in SCENARIO.materials:
        exported: dict[str, float] = {}
        for by_mat in after.delivered.values():
            for e, q in by_mat.get(m, {}).items():
                assert q >= 0
                exported[e] = exported.get(e, 0.0) + q
        for e, q in exported.items():
            assert q <= after.production[e][m] + 1e-6, (m, e)


@SETTINGS
@given(game_states(), orders_by_team(SCENARIO))
def test_scores_and_indices_stay_finite_and_in_range(
    gs: tuple[GameState, int], orders: dict[str, list[Order]]
) -> None:
    state, seed = gs
    after, record = resolve_turn(MODEL, state, orders, seed)
    for name, value in after.indices.items():
        upper = 100.0
        assert math.isfinite(value) and 0.0 <= value <= upper, name
    for team, score in after.scores.items():
        assert math.isfinite(score) and 0.0 <= score <= 100.0, team
    for actor, row in after.output.items():
        assert all(0.0 <= v <= 100.0 for v in row.values()), actor
    for table in (after.inventory, after.stockpile, after.cover):
        for row in table.values():
            assert all(math.isfinite(v) and v >= -1e-9 for v in row.values())
    assert all(p > 0 and math.isfinite(p) for p in after.prices.values())
    for by_mat in after.shares.values():
        for shares in by_mat.values():
            assert abs(sum(shares.values()) - 1.0) < 1e-6
            assert all(v >= -1e-12 for v in shares.values())
    assert all(math.isfinite(e.amount) for e in record.ledger)
    assert all(math.isfinite(v) for v in after.budget.values())
    assert all(v >= -1e-6 for v in after.budget.values())


@SETTINGS
@given(game_states(SENKAKU_MODEL), orders_by_team(SENKAKU))
def test_same_inputs_give_the_same_result(
    gs: tuple[GameState, int], orders: dict[str, list[Order]]
) -> None:
    state, seed = gs
    a, ra = resolve_turn(SENKAKU_MODEL, state, orders, seed)
    b, rb = resolve_turn(SENKAKU_MODEL, state.copy(), orders, seed)
    assert a.digest() == b.digest()
    assert [d.as_dict() for d in ra.draws] == [d.as_dict() for d in rb.draws]
    assert [e.as_dict() for e in ra.ledger] == [e.as_dict() for e in rb.ledger]


@SETTINGS
@given(game_states(), orders_by_team(SCENARIO))
def test_resolving_never_mutates_the_previous_state(
    gs: tuple[GameState, int], orders: dict[str, list[Order]]
) -> None:
    state, seed = gs
    before = state.digest()
    snapshot = copy.deepcopy(state)  # every field, the unhashed ones (delivered, fill) too
    resolve_turn(MODEL, state, orders, seed)
    assert state.digest() == before
    assert state == snapshot


@SETTINGS
@given(game_states(), orders_by_team(SCENARIO))
def test_keeping_no_ledger_gives_the_same_state(
    gs: tuple[GameState, int], orders: dict[str, list[Order]]
) -> None:
    """Sweeps and the search bot's look-ahead resolve with ``ledger=False``: only the story
    is skipped, never a number."""
    state, seed = gs
    a, ra = resolve_turn(MODEL, state, orders, seed)
    b, rb = resolve_turn(MODEL, state, orders, seed, ledger=False)
    assert a.digest() == b.digest()
    assert [d.as_dict() for d in ra.draws] == [d.as_dict() for d in rb.draws]
    assert ra.ledger and not rb.ledger
