"""Calibration: the 2010 embargo played with the historical moves matches the record.

docs/facts.md, "Calibration episode: 2010": Chinese REE exports to Japan ~2,300 t in September 2010,
under 400 t/month in October-November, back to normal in December; prices outside China rose
steeply; Japan diversified afterwards (China's share 90%+ in 2008, 68% in 2011).
"""

from __future__ import annotations

import pytest

from game.engine import Session
from game.headless import play_game
from game.plan import load_plan
from game.scenario_loader import load_scenario
from game.state import GameState
from tests.conftest import SCENARIOS

SEP, OCT, NOV, DEC = 1, 2, 3, 4


@pytest.fixture(scope="module")
def history() -> Session:
    scenario = load_scenario(SCENARIOS / "senkaku-2010.yaml")
    plan = load_plan(SCENARIOS / "plans" / "senkaku-2010-history.yaml", scenario)
    session = Session(scenario, seed=1)
    play_game(session, plan)
    return session


def china_to_japan(state: GameState) -> float:
    return state.delivered["JPN"]["ree"].get("CHN", 0.0)


def non_china_share(state: GameState) -> float:
    """Share of Japan's rare-earth supply (imports and own output) not from China."""
    imports = state.delivered["JPN"]["ree"]
    total = sum(imports.values()) + state.production["JPN"]["ree"]
    return 1.0 - imports.get("CHN", 0.0) / total


def test_baseline_deliveries_match_september_2010(history: Session) -> None:
    assert china_to_japan(history.states[SEP]) == pytest.approx(2300, rel=0.1)


def test_embargo_months_fall_to_a_fifth_or_less(history: Session) -> None:
    base = china_to_japan(history.states[SEP])
    for month in (OCT, NOV):
        assert china_to_japan(history.states[month]) <= base / 5
        assert china_to_japan(history.states[month]) < 400  # AEI: under 400 t/month


def test_deliveries_recover_after_the_embargo(history: Session) -> None:
    base = china_to_japan(history.states[SEP])
    assert china_to_japan(history.states[DEC]) >= 0.9 * base
    for state in history.states[DEC:]:
        assert china_to_japan(state) >= 0.75 * base


def test_prices_outside_china_rise_steeply(history: Session) -> None:
    start = history.states[0].prices
    peak = {m: max(s.prices[m] for s in history.states[OCT : DEC + 2]) for m in ("ree", "dytb")}
    assert peak["ree"] >= 3 * start["ree"]
    assert peak["dytb"] >= 4 * start["dytb"]
    # and China's domestic price falls while its exports are blocked
    assert history.states[NOV].china_prices["ree"] < history.states[0].china_prices["ree"]


def test_japan_diversifies_after_its_moves(history: Session) -> None:
    before = non_china_share(history.states[SEP])
    after = [non_china_share(s) for s in history.states[DEC + 2 :]]
    assert min(after) > before + 0.03
    assert non_china_share(history.states[-1]) >= before + 0.08
    trade_share = [s.shares["JPN"]["ree"]["CHN"] for s in history.states]
    assert trade_share[-1] <= trade_share[SEP] - 0.15  # 92% to 72% (history: 82% to 68%)


def test_japans_industry_rides_out_two_months_on_inventory(history: Session) -> None:
    # 2010 saw no large production stoppages in Japan: working inventory covered the gap
    assert all(min(s.output["JPN"].values()) >= 95 for s in history.states)
