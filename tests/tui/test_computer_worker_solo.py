"""The team screen starts the computer teams' worker once per turn."""

from __future__ import annotations

import pytest

from game.tui.screens.order_form import OrderForm
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, HeldBots, wait_for

pytestmark = pytest.mark.asyncio


async def test_solo_screen_starts_the_computer_teams_once_per_turn(
    make_app, held_bots: HeldBots, monkeypatch: pytest.MonkeyPatch
) -> None:
    """on_mount and on_screen_resume (which Textual sends as the screen is first shown, and
    each time the player comes back to it) both started the worker: two at once for the
    first turn, and one more each time the order builder closed while the first still
    thought. (The game's lock kept them from deciding twice: they queued up, wasted.)"""
    started: list[int] = []
    real = TeamScreen.seal_bots

    def counted(self):  # type: ignore[no-untyped-def]
        started.append(self.game.session.turn)
        return real(self)

    monkeypatch.setattr(TeamScreen, "seal_bots", counted)
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(held_bots.decided))  # thinking about turn 1
        screen = app.screen
        assert isinstance(screen, TeamScreen)
        await pilot.pause(0.1)
        assert started == [0]
        for _ in range(2):  # back from the order builder while the computer still thinks
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, OrderForm))
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen)
        assert started == [0]
        held_bots.release()
        g = app.game
        await wait_for(pilot, lambda: all(t in g.session.pending for t in g.computer_teams))
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("enter")  # back to the team screen for turn 2: one start for it
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: all(t in g.session.pending for t in g.computer_teams))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, OrderForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert started == [0, 1]
        assert held_bots.decided == [0, 1]
