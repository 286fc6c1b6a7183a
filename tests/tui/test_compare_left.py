"""The comparison dialog drops a worker's result that comes in after it left, as the other
screens do (``has_left``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ProgressBar

from game.scenario import Scenario
from game.tui.screens.compare import CompareScreen

from .conftest import SIZE, logged_game, wait_for

pytestmark = pytest.mark.asyncio


async def test_compare_ignores_games_finishing_after_it_left(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """Taken off the screen by something other than its Close (a new game, the turn timer
    popping screens), the dialog is still mounted for a moment and ``closed`` is not yet set:
    checking ``is_mounted`` let the games' progress and result redraw it."""
    path = workdir / "done.jsonl"
    logged_game(path, scenario, turns=scenario.turns)
    app = make_app(resume=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.game.session.is_over
        first = CompareScreen(app.game, games=2)
        await app.push_screen(first)
        await wait_for(pilot, lambda: first.result is not None)
        result = first.result
        await pilot.press("escape")
        await pilot.pause()

        from game.tui.screens import compare

        compare._PLAYED.clear()  # else the same session's games are shown again at once
        second = CompareScreen(app.game, games=2)
        second.play_games = lambda: None  # type: ignore[assignment, method-assign]
        await app.push_screen(second)
        await pilot.pause()
        app.pop_screen()  # not its Close: it has left the app's screens, still mounted
        assert second.is_mounted and not second.closed
        second._progress(1)
        second._show(result)
        assert second.result is None
        assert second.query_one("#compare-progress", ProgressBar).progress == 0
        await pilot.pause()
