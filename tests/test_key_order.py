"""Tables the rules iterate are kept in key order, turn after turn.

Trade iterates an importer's row of trade shares in its order and adds floating-point numbers
in that order, and ``diversification.shift_share`` keeps a row's order as it is when no new
exporter joins it: the order must be the sorted one from the start (``start_state``) and after
every rule that writes a row (diversification, investment offtakes). Controls, tariffs and
sanctions are sorted again by the only rules that change them, and only when an order did.
"""

from __future__ import annotations

from game.bots import make_bot
from game.engine import Session
from game.headless import play_game
from game.scenario_loader import load_scenario
from game.sweep import game_seed
from tests.conftest import SCENARIOS


def test_shares_controls_tariffs_and_sanctions_stay_in_key_order() -> None:
    for name, kind in [
        ("dual-use-ban-2026", "doctrine:hawk"),
        ("dual-use-ban-2026", "random"),
        ("senkaku-2010", "random"),
    ]:
        scenario = load_scenario(SCENARIOS / f"{name}.yaml")
        for i in range(3):
            seed = game_seed(7, i)
            bots = {t: make_bot(kind, t, scenario, seed) for t in sorted(scenario.teams)}
            session = Session(scenario, seed, {t: f"bot:{kind}" for t in scenario.teams})
            play_game(session, {}, bots)
            for state in session.states:
                for table in state.shares.values():
                    for row in table.values():
                        assert list(row) == sorted(row), (name, state.turn, row)
                for keyed in (state.controls, state.tariffs, state.sanctions):
                    assert list(keyed) == sorted(keyed), (name, state.turn, keyed)
