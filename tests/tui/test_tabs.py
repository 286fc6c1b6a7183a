"""The team screen's tabs (Situation, Scores, Last turn, Briefing) by key: 1-4 show one, t the
next; before, only Tab until the tab bar had the focus, then the arrows, and no document said
so."""

from __future__ import annotations

import pytest

from game.tui.screens.help import HelpScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, wait_for

pytestmark = pytest.mark.asyncio


async def test_keys_switch_the_team_screen_s_tabs(make_app) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        screen = app.screen
        tabs = screen.query_one("#team-tabs")
        drafts = screen.query_one("#drafts")
        assert tabs.active == "tab-situation" and app.focused is drafts
        for key, tab in (
            ("2", "tab-scores"),
            ("4", "tab-brief"),
            ("3", "tab-last"),
            ("1", "tab-situation"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab, key
        for tab in ("tab-scores", "tab-last", "tab-brief", "tab-situation"):  # and round again
            await pilot.press("t")
            await pilot.pause()
            assert tabs.active == tab
        assert app.focused is drafts  # the orders keep the focus: a, e, d, Enter still work
        assert app.game.session.turn == 0 and not app.game.drafts["tokyo"]  # no order touched
        # each key does one thing here, and says what: the footer shows t, F1 lists them all
        bindings = screen.active_bindings
        assert bindings["t"].binding.action == "next_tab" and bindings["t"].binding.show
        described = {k: bindings[k].binding.description for k in "1234"}
        assert described == {
            "1": "Situation tab",
            "2": "Scores tab",
            "3": "Last turn tab",
            "4": "Briefing tab",
        }
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        listed = dict(app.screen.bindings_list)
        assert listed["t"] == "Next tab" and listed["2"] == "Scores tab"


async def test_the_briefing_says_what_an_objective_measures_when_its_label_does_not(
    make_app,
) -> None:
    """A solo player read 'Crisis kept below the brink: weight 17%, lower is better' and then
    'Crisis kept below the brink went from 69.3 to 86.2' without learning it was tension."""
    from textual.widgets import Static

    app = make_app(solo="washington", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        text = str(app.screen.query_one("#briefing", Static).content)
        assert "• Crisis kept below the brink (Tension): weight 17%, lower is better" in text
        assert "• Alliance cohesion: weight" in text  # says it already: nothing added
