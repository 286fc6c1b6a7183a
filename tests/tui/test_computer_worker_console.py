"""The facilitator console starts the computer teams' worker once per turn, and a turn a worker
resolves is saved only if the console is still there (as on the solo team screen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.log import replay_log
from game.tui.screens.dialogs import ConfirmScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.start import StartScreen

from .conftest import SIZE, HeldBots, wait_for, worker_results

pytestmark = pytest.mark.asyncio

LOG = Path("sessions") / "dual-use-ban-2026-seed3.jsonl"


async def test_the_console_starts_the_computer_teams_once_per_turn(
    make_app, held_bots: HeldBots, monkeypatch: pytest.MonkeyPatch
) -> None:
    """on_mount and on_screen_resume (sent as the console is first shown) both started it."""
    started: list[int] = []
    real = FacilitatorScreen.seal_bots

    def counted(self):  # type: ignore[no-untyped-def]
        started.append(self.game.session.turn)
        return real(self)

    monkeypatch.setattr(FacilitatorScreen, "seal_bots", counted)
    app = make_app(bots={"washington": "doctrine"}, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(held_bots.decided))
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        await pilot.pause(0.1)
        assert started == [0]
        await pilot.press("i")  # a dialog on top and back, while the computer still thinks
        await wait_for(pilot, lambda: app.screen is not console)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is console)
        assert started == [0]
        held_bots.release()
        await pilot.pause()


async def _resolve_while_thinking(pilot, app, held_bots: HeldBots) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: bool(held_bots.decided))
    await pilot.press("r")  # Beijing and Tokyo have not sealed: resolve anyway
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    await pilot.press("y")
    await pilot.pause()


async def test_leaving_the_console_as_a_worker_resolves_does_not_save_the_turn(
    make_app, workdir: Path, held_bots: HeldBots
) -> None:
    """The facilitator resolved while Washington's computer still thought, then left for a new
    game: the worker resolved the turn and wrote it to the log all the same."""
    app = make_app(bots={"washington": "doctrine"}, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        results = worker_results(app)
        await _resolve_while_thinking(pilot, app, held_bots)
        app.action_new_game()
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        held_bots.release()
        await wait_for(pilot, lambda: "_resolved" in results)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert replay_log(workdir / LOG).good_turns == 0


async def test_a_turn_the_console_resolved_in_a_worker_is_saved(
    make_app, workdir: Path, held_bots: HeldBots
) -> None:
    app = make_app(bots={"washington": "doctrine"}, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await _resolve_while_thinking(pilot, app, held_bots)
        held_bots.release()
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await wait_for(pilot, lambda: replay_log(workdir / LOG).good_turns == 1)
