"""The app's header (``game.tui.widgets.header``)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets._header import HeaderTitle

from game.tui.widgets.header import Header

pytestmark = pytest.mark.asyncio


class OneHeader(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()


async def test_the_header_shows_the_screens_title_and_sub_title() -> None:
    app = OneHeader()
    async with app.run_test() as pilot:
        app.screen.title = "Results of turn 1"
        app.screen.sub_title = "as seen by Tokyo"
        await pilot.pause()
        shown = str(app.screen.query_one(HeaderTitle).render())
        assert "Results of turn 1" in shown and "as seen by Tokyo" in shown


async def test_a_header_being_taken_down_ignores_a_title_change() -> None:
    """Textual's header raised NoMatches (ending the app) when a title change reached it after
    its HeaderTitle was removed: a screen taken down just after it was pushed, as when a test
    ended right after the results came up (seen 4 times in 6 runs of one test)."""
    app = OneHeader()
    async with app.run_test() as pilot:
        header = app.screen.query_one(Header)
        await header.query_one(HeaderTitle).remove()  # the first step of taking a header down
        app.title = "Chokepoint"
        app.screen.sub_title = "turn 2"
        await pilot.pause()
        assert not header.query(HeaderTitle)
