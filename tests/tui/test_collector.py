"""Full garbage collections happen between turns, not while a turn resolves and draws."""

from __future__ import annotations

import gc

import pytest

from game.tui.collector import NEVER
from game.tui.screens.results import ResultsScreen

from .conftest import SIZE, wait_for


@pytest.mark.asyncio
async def test_full_collections_wait_for_the_results_and_thresholds_come_back(make_app) -> None:
    before = gc.get_threshold()
    full: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    app = make_app(seed=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.get_threshold() == (before[0], before[1], NEVER)  # no automatic full ones
        gc.callbacks.append(count)
        try:
            await pilot.press("r", "y")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
            await wait_for(pilot, lambda: bool(full))  # one, once the results are drawn
        finally:
            gc.callbacks.remove(count)
        assert getattr(app, "results_drawn_at", None) is not None
    assert gc.get_threshold() == before


def test_a_long_time_without_a_turn_still_collects(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.tui import collector as mod

    c = mod.Collector()
    clock = [1000.0]
    monkeypatch.setattr(mod.time, "monotonic", lambda: clock[0])
    ran: list[int] = []
    monkeypatch.setattr(mod.gc, "collect", lambda: ran.append(1) or 0)
    c.between_turns()
    c.tick()
    assert ran == [1]  # just collected: nothing more
    clock[0] += mod.IDLE_SECONDS
    c.tick()
    assert ran == [1, 1]
