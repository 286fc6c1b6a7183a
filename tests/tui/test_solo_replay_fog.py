"""Replaying a solo game keeps its fog while the game is in play (a solo player's audit):
opened from the start screen or with `chokepoint replay LOG`, it showed the facilitator's view,
with the computer teams' hidden scores, in the middle of the game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import Scenario
from game.tui.screens.replay import ReplayScreen

from .conftest import SIZE, logged_game, wait_for

pytestmark = pytest.mark.asyncio

SOLO = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}


@pytest.mark.parametrize("turns, only", [(3, "tokyo"), (12, None)])
async def test_a_solo_game_in_play_replays_in_the_players_view_only(
    make_app, workdir: Path, scenario: Scenario, turns: int, only: str | None
) -> None:
    log = workdir / "solo.jsonl"
    logged_game(log, scenario, SOLO, turns=turns)
    app = make_app(replay=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        assert app.screen.only == only
        if only:
            assert any("Tokyo's view only" in n.message for n in app._notifications)
            await pilot.press("v")  # the view does not switch, and says why
            await pilot.pause()
            assert app.screen.povs == ["tokyo"]


async def test_a_hot_seat_game_in_play_replays_in_every_view(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    log = workdir / "hot.jsonl"
    logged_game(log, scenario, turns=3)
    app = make_app(replay=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        assert app.screen.only is None and len(app.screen.povs) == 4


async def test_the_console_replays_every_view_of_a_hot_seat_game_with_one_human_team(
    make_app,
) -> None:
    """A hot-seat game in which the computer plays two teams has one human team too: the
    facilitator's replay from the console was cut down to that team's view."""
    from textual.widgets import Select

    from game.tui.screens.facilitator import FacilitatorScreen
    from game.tui.screens.start import StartScreen

    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        for team in ("beijing", "washington"):  # Mode stays Hot seat
            app.screen.query_one(f"#ctl-{team}", Select).value = "bot:doctrine"
            await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
        assert app.game.mode == "hotseat" and app.game.human_teams == ["tokyo"]
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        assert app.screen.only is None and len(app.screen.povs) == 4


async def test_the_replay_marks_the_teams_whose_time_ran_out(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """A facilitator's audit: the replay said 'Washington: Human' over orders the computer
    chose when Washington's time ran out."""
    from game.facilitation import timeout_note
    from game.log import write_log

    log = workdir / "timed.jsonl"
    session = logged_game(log, scenario, turns=2)
    session.add_note(timeout_note("Washington", "the computer (doctrine) chose its orders"), 1)
    write_log(session, log)
    app = make_app(replay=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        screen = app.screen
        screen.turn = 1
        screen.show_turn()
        await pilot.pause()
        bar = str(screen.query_one("#replay-bar").content)
        assert "Washington: Human (⏱ time ran out)" in bar and "Tokyo: Human," in bar
        screen.turn = 2
        screen.show_turn()
        await pilot.pause()
        assert "time ran out" not in str(screen.query_one("#replay-bar").content)
