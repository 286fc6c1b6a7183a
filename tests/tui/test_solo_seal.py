"""Solo: sealing no orders asks first, since the turn then resolves at once and cannot be taken
back (a solo player's audit lost turn 2 to a stray 's' pressed just after turn 1's results)."""

from __future__ import annotations

import pytest

from game.orders import Diplomacy
from game.tui.screens.dialogs import ConfirmScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, wait_for

pytestmark = pytest.mark.asyncio


async def test_sealing_no_orders_in_solo_asks_and_a_stray_key_does_not_answer(make_app) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "You have given no orders this turn" in app.screen.question
        await pilot.press("s", "enter")  # stray keys: 's' does nothing, enter is on "Go back"
        await wait_for(pilot, lambda: app.screen is team)
        assert app.game is not None and app.game.session.turn == 0
        assert "tokyo" not in app.game.session.pending
        await pilot.press("s", "y")  # a hold, meant
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game.session.turn == 1 and app.game.session.records[0].orders["tokyo"] == []


async def test_sealing_orders_in_solo_asks_nothing(make_app) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        assert isinstance(team, TeamScreen)
        team.drafts.append(Diplomacy(move="tk_g7"))
        team.refresh_drafts()
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game is not None
        assert [o.move for o in app.game.session.records[0].orders["tokyo"]] == ["tk_g7"]
