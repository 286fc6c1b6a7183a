"""Solo: leaving the game while its turn resolves in a worker leaves the turn unsaved, as the
confirmation said; otherwise the worker's turn is saved once its results are drawn."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from game.log import replay_log
from game.tui.screens.dialogs import ConfirmScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.start import StartScreen

from .conftest import SIZE, HeldBots, wait_for, worker_results

pytestmark = pytest.mark.asyncio

LOG = Path("sessions") / "dual-use-ban-2026-seed3.jsonl"


async def test_leaving_as_the_turn_resolves_does_not_save_it(
    make_app, workdir: Path, held_bots: HeldBots
) -> None:
    """Seal & resolve waits for the computer teams; meanwhile the player leaves (New game),
    told 'Tokyo's sealed orders for turn 1 are not saved', and says Leave. The worker then
    resolved the turn and wrote it to the log all the same."""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        results = worker_results(app)
        await wait_for(pilot, lambda: bool(held_bots.decided))
        await pilot.press("s", "y")
        await pilot.pause()
        app.action_new_game()
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "Tokyo's sealed orders for turn 1 are not saved" in confirm.question
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        held_bots.release()
        await wait_for(pilot, lambda: "_show_results" in results)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    rep = replay_log(workdir / LOG)
    assert rep.ok and rep.good_turns == 0, rep.good_turns  # as the player was told


async def test_a_turn_resolved_by_the_worker_is_saved(
    make_app, workdir: Path, held_bots: HeldBots
) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(held_bots.decided))
        await pilot.press("s", "y")
        await pilot.pause()
        held_bots.release()
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await wait_for(pilot, lambda: replay_log(workdir / LOG).good_turns == 1)
        assert "log saved to" in str(app.screen.query_one("#headline").content)


async def test_quitting_as_the_turn_resolves_does_not_save_it(
    make_app, workdir: Path, held_bots: HeldBots
) -> None:
    """The same with Quit: the worker, left running as the app closed, saved the turn."""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        results = worker_results(app)
        await wait_for(pilot, lambda: bool(held_bots.decided))
        await pilot.press("s", "y")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.startswith("Quit? Tokyo's sealed orders for turn 1 are not saved")
        await pilot.press("y")
        await pilot.pause()
    held_bots.release()
    for _ in range(500):  # the worker's thread runs on after the app closed
        if "_show_results" in results:
            break
        await asyncio.sleep(0.02)
    assert "_show_results" in results
    rep = replay_log(workdir / LOG)
    assert rep.ok and rep.good_turns == 0, rep.good_turns
