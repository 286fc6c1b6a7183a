"""The help screen (F1): it says how to close it, scrolls with the keyboard, and lists every key
of the screen it was opened from, the console's hidden ones too."""

from __future__ import annotations

import pytest

from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.help import HelpScreen

from .conftest import SIZE, screen_text, wait_for

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
