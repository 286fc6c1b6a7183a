"""A whole 12-turn hot-seat game, played from the start screen by key presses alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.log import replay_log
from game.tui.screens.dialogs import HandoverScreen
from game.tui.screens.facilitation import ReportScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.order_form import OrderForm
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def test_twelve_turn_hot_seat_game_by_keys(make_app, workdir: Path) -> None:
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # start with the defaults
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        for turn in range(1, 13):
            for team in ("beijing", "tokyo", "washington"):
                await pilot.press("n" if team == "beijing" else "enter")
                await pilot.pause()
                if team != "beijing":
                    pass
                else:
                    assert isinstance(app.screen, HandoverScreen)
                    await pilot.press("enter")
                    await pilot.pause()
                assert isinstance(app.screen, TeamScreen) and app.screen.team == team
                if turn == 1 and team == "tokyo":
                    # open the builder, choose "Diplomatic move" by typing, add it
                    await pilot.press("a")
                    await pilot.pause()
                    assert isinstance(app.screen, OrderForm)
                    await pilot.press("enter", "d", "enter")
                    await pilot.pause()
                    await pilot.press("ctrl+s")
                    await pilot.pause()
                    assert isinstance(app.screen, TeamScreen)
                    assert len(app.game.drafts["tokyo"]) == 1
                await pilot.press("s")
                await pilot.pause()
                assert isinstance(app.screen, HandoverScreen)
            await pilot.press("enter")  # the facilitator takes the terminal back
            await pilot.pause()
            assert isinstance(app.screen, FacilitatorScreen)
            await pilot.press("r")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
            assert app.game.session.turn == turn
            if turn < 12:
                await pilot.press("enter")
                await pilot.pause()
        assert "The game is over" in screen_text(app)
        assert app.game.session.is_over
        await pilot.press("enter")
        await pilot.pause()
        # closing the final results offers the after-action report; "h" writes the HTML
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        text = screen_text(app)
        assert "The game is over" in text
        assert "dual-use-ban-2026-seed1-report.html" in text
        log = app.game.log_path
    assert log == workdir / "sessions" / "dual-use-ban-2026-seed1.jsonl"
    rep = replay_log(log)
    assert rep.ok and rep.good_turns == 12
    assert rep.turn_data[0]["orders"]["tokyo"][0]["type"] == "diplomacy"
    html = (workdir / "sessions" / "dual-use-ban-2026-seed1-report.html").read_text()
    for name in ("Beijing", "Tokyo", "Washington"):
        assert name in html
