"""Hypothesis strategies: order sets a team could give in a scenario (legal or not), and games
played by random orders to reach varied states."""

from __future__ import annotations

from hypothesis import strategies as st

from game.bots import make_bot
from game.engine import Session
from game.headless import play_game
from game.orders import (
    Diplomacy,
    ExportControl,
    Hold,
    Invest,
    LicenceApproval,
    Order,
    PrioritiseDefence,
    Sanction,
    StockpileBuild,
    StockpileRelease,
    Tariff,
)
from game.scenario import Scenario

LEVELS = ["open", "licensing", "military_ban", "full_ban"]


def order_strategy(scenario: Scenario, team: str) -> st.SearchStrategy[Order]:
    actor = scenario.teams[team].actor
    mats = sorted(scenario.materials)
    targets = [a for a in sorted(scenario.actors) if a != actor] + ["*"]
    others = [a for a in sorted(scenario.actors) if a != actor]
    fraction = st.floats(0.0, 1.0, allow_nan=False)
    amount = st.floats(0.5, 2000.0, allow_nan=False)
    options = [o.id for o in scenario.investments if o.team == team] or ["none"]
    moves = [m.id for m in scenario.diplomacy if team in m.teams] or ["none"]
    return st.one_of(
        st.builds(
            ExportControl,
            material=st.sampled_from(mats),
            target=st.sampled_from(targets),
            level=st.sampled_from(LEVELS),
            approval=fraction,
            extraterritorial=st.booleans(),
        ),
        st.builds(
            LicenceApproval,
            material=st.sampled_from(mats),
            target=st.sampled_from(targets),
            approval=fraction,
        ),
        st.builds(
            StockpileRelease,
            material=st.sampled_from(mats),
            amount=amount,
            to=st.one_of(st.none(), st.sampled_from(others)),
        ),
        st.builds(StockpileBuild, material=st.sampled_from(mats), amount=amount),
        st.builds(Invest, option=st.sampled_from(options)),
        st.builds(Diplomacy, move=st.sampled_from(moves)),
        st.builds(
            Tariff, target=st.sampled_from(others), material=st.sampled_from(mats), rate=fraction
        ),
        st.builds(
            Sanction,
            target=st.sampled_from(others),
            severity=st.sampled_from(["targeted", "broad", "lift"]),
        ),
        st.builds(PrioritiseDefence, on=st.booleans()),
        st.just(Hold()),
    )


def orders_by_team(scenario: Scenario) -> st.SearchStrategy[dict[str, list[Order]]]:
    return st.fixed_dictionaries(
        {t: st.lists(order_strategy(scenario, t), max_size=4) for t in sorted(scenario.teams)}
    )


def random_play(scenario: Scenario, seed: int, turns: int) -> Session:
    """A game played ``turns`` turns by random bots, so states (controls, sanctions, shortages)
    vary with the seed."""
    session = Session(scenario, seed)
    bots = {t: make_bot("random", t, scenario, seed) for t in scenario.teams}
    play_game(session, {}, bots, turns)
    return session
