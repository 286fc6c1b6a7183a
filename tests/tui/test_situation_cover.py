"""A team is warned when its own days of cover run low (⚠, with a legend), and the stockpile
forms say how many days of its demand a stockpile covers."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from game.scenario import Scenario
from game.tui.screens.team import TeamScreen
from game.tui.widgets.state_panel import StatePanel

from .conftest import SIZE, open_builder, wait_for
from .test_situation_estimates import table
from .test_state_panel import panel_lines


def test_running_low_under_30_days_or_two_turns_from_empty(scenario: Scenario) -> None:
    """Japan holds 90 days of Dy/Tb oxide as a rule, China 20 of magnets."""
    from game.tui.words import running_low

    assert running_low(scenario, "JPN", "dytb", 17, 40)  # under 30 days
    assert running_low(scenario, "JPN", "dytb", 34, 52)  # gone in 2 turns at -18 a turn
    assert running_low(scenario, "JPN", "dytb", 4, 2)  # nearly out, even if rising again
    assert not running_low(scenario, "JPN", "dytb", 52, 71)  # 3 turns left at this pace
    assert not running_low(scenario, "JPN", "dytb", 90, None)
    assert not running_low(scenario, "CHN", "magnets", 20, 21)  # thin by habit, not running low


@pytest.mark.asyncio
async def test_own_cover_running_low_is_flagged_before_output_crashes(make_app) -> None:
    """Tokyo holding from the start: Dy/Tb cover fell to 0 with nothing flagged, then output
    crashed (battery graphite runs down fastest since engine 0.3.0's Dy/Tb figures)."""
    app = make_app(solo="tokyo", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        flagged = []
        for turn in range(1, 4):
            await pilot.press("s", "y")
            await pilot.pause()
            await pilot.press("enter")
            await wait_for(
                pilot,
                lambda t=turn: app.game.session.turn == t and isinstance(app.screen, TeamScreen),
                tries=3000,
            )
            lines = panel_lines(app.screen.query_one(StatePanel))
            rows = table(lines, "Days of working inventory")
            graphite = next(r for r in rows if r.split()[0] == "Battery")
            flagged.append("⚠" in graphite)  # only Japan's own cover is judged
            if flagged[-1]:
                assert any(
                    line.startswith("⚠ your cover running low: under 30 days") for line in lines
                )
        assert app.game.session.states[3].output["JPN"]["autos"] > 99  # not yet crashed
        # 34, 35 (Washington's doctrine sent graphite), then 19 days of battery graphite,
        # flagged under 30 days (and under three quarters of the 45 days firms usually hold)
        assert flagged == [False, False, True], flagged


@pytest.mark.asyncio
async def test_the_stockpile_forms_say_how_many_days_of_demand_it_covers(make_app) -> None:
    """The stockpile was shown in tonnes only, and demand nowhere: 60 t could be a week or a
    year."""
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "stockpile_release")
        form.query_one("#f-material", Select).value = "dytb"
        await pilot.pause()
        form.query_one("#f-amount", Input).value = "20"
        await pilot.pause()
        text = " ".join(str(form.query_one("#order-detail").content).split())
        # Japan's Dy/Tb demand: 40 t a month
        assert "Our stockpile of Dy/Tb oxide: 60 t, about 45 days of our demand (40 t/turn)" in text
        assert "Releasing 20 t: about 15 days of our demand." in text
        form.query_one("#f-type", Select).value = "stockpile_build"
        await pilot.pause()
        text = " ".join(str(form.query_one("#order-detail").content).split())
        assert "about 45 days of our demand" in text and "Buying 20 t: about 15 days" in text
        # and that a purchase may not fill (one bought under the ban got nothing, unwarned)
        assert "filled only from what the world has to spare" in text
        assert "The rest is refunded at this price" in text
