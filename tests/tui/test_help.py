"""The help screen (F1): it says how to close it, scrolls with the keyboard, and lists every key
of the screen it was opened from, the console's hidden ones too."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.log import write_log
from game.scenario import Scenario
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.help import HelpScreen

from .conftest import SIZE, logged_game, screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def test_help_scrolls_with_keys_and_lists_every_console_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "Esc, q or F1 closes this help" in screen_text(app)
        keys = dict(help_screen.bindings_list)
        # the footer shows n r l i v c p; the others are found here
        assert keys["u"] == "Undo the last turn"
        assert keys["t"] == "Give the terminal to the highlighted team"
        for key in "nrlivcpoufsa":
            assert key in keys, key
        assert "Focus Next" not in keys.values()  # not the generic keys of every screen
        scroll = help_screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        await pilot.press("down")
        await wait_for(pilot, lambda: scroll.scroll_y >= 1)
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: scroll.scroll_y > 5)
        await pilot.press("end")
        await wait_for(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y)
        await pilot.press("home")
        await wait_for(pilot, lambda: scroll.scroll_y == 0)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)


async def _help_keys(pilot, app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    await pilot.press("f1")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
    keys = dict(app.screen.bindings_list)
    await pilot.press("escape")
    await pilot.pause()
    return keys


async def test_help_leaves_out_keys_that_do_nothing_now(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """Comparing with the original is listed only on a branch, and the keys that play a turn
    only while there is a turn to play."""
    plain = logged_game(workdir / "plain.jsonl", scenario, turns=1)
    branch = plain.fork(1, source="plain.jsonl")
    write_log(branch, workdir / "branch.jsonl")
    logged_game(workdir / "over.jsonl", scenario, turns=scenario.turns)
    seen: dict[str, dict[str, str]] = {}
    for name in ("plain", "branch", "over"):
        app = make_app(resume=str(workdir / f"{name}.jsonl"))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda a=app: isinstance(a.screen, FacilitatorScreen))
            seen[name] = await _help_keys(pilot, app)
    assert "d" not in seen["plain"] and "n" in seen["plain"] and "r" in seen["plain"]
    assert seen["branch"]["d"] == "Compare this branch with its original"
    assert "n" not in seen["over"] and "r" not in seen["over"]
    assert seen["over"]["p"] == "Replay log"  # what can still be done is listed


async def test_the_results_help_lists_the_comparison_on_a_branch_only(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    from game.tui.screens.results import ResultsScreen

    plain = logged_game(workdir / "plain.jsonl", scenario, turns=1)
    write_log(plain.fork(1, source="plain.jsonl"), workdir / "branch.jsonl")
    seen: dict[str, dict[str, str]] = {}
    for name in ("plain", "branch"):
        app = make_app(resume=str(workdir / f"{name}.jsonl"))
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda a=app: isinstance(a.screen, FacilitatorScreen))
            await pilot.press("l")
            await wait_for(pilot, lambda a=app: isinstance(a.screen, ResultsScreen))
            seen[name] = await _help_keys(pilot, app)
    assert "d" not in seen["plain"] and "p" in seen["plain"]
    assert seen["branch"]["d"] == "Compare this branch with its original"
