"""The stockpile release form: the amount it shows can be typed and released, and a refusal
names the material once."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from game.orders import StockpileRelease
from game.scenario import Scenario
from game.tui.words import humanize

from .conftest import SIZE, open_builder


def test_a_refusal_that_holds_the_material_s_name_names_it_once(scenario: Scenario) -> None:
    """The engine writes the material's name, 'NdFeB magnets', whose last word is the id of
    the material: the app read 'of NdFeB NdFeB magnets' (and 'Battery Battery graphite')."""
    why = "the stockpile holds only 1,025 t of NdFeB magnets"
    assert humanize(scenario, why) == why
    assert humanize(scenario, "holds only 0 t of Battery graphite") == (
        "holds only 0 t of Battery graphite"
    )
    # identifiers alone are still named, and a name beside an identifier too
    assert humanize(scenario, "JPN short of magnets; NdFeB magnets to CHN") == (
        "Japan short of NdFeB magnets; NdFeB magnets to China"
    )


@pytest.mark.asyncio
async def test_the_stockpile_shown_can_be_released_whole(make_app) -> None:
    """The form showed 'Our stockpile of NdFeB magnets: 1,025 t' of 1,024.7 t; typing 1025 was
    refused as more than the stockpile holds (1024 was accepted)."""
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.session.state.stockpile["JPN"]["magnets"] = 1024.7
        form = await open_builder(pilot, app, "stockpile_release")
        form.query_one("#f-material", Select).value = "magnets"
        await pilot.pause()
        assert "Our stockpile of NdFeB magnets: 1,025 t" in str(
            form.query_one("#order-detail").content
        )
        form.query_one("#f-amount", Input).value = "1025"
        await pilot.pause()
        verdict = str(form.query_one("#order-verdict").content)
        assert verdict.startswith("✓"), verdict
        assert form.order == StockpileRelease(material="magnets", amount=1024.7)
        # a tonne more than shown is refused, in words that name the material once
        form.query_one("#f-amount", Input).value = "1026"
        await pilot.pause()
        verdict = str(form.query_one("#order-verdict").content)
        assert verdict == "✗ Refused: the stockpile holds only 1,025 t of NdFeB magnets"


@pytest.mark.asyncio
async def test_a_release_to_the_ally_says_what_it_does_for_cohesion(make_app) -> None:
    """A solo player learnt of the release's +3 cohesion only from the rules, and spent 1 t of
    graphite a turn on it. The form now gives the rule's own figure for the amount typed."""
    app = make_app(solo="washington")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "stockpile_release")
        form.query_one("#f-material", Select).value = "dytb"
        form.query_one("#f-to", Select).value = "JPN"
        form.query_one("#f-amount", Input).value = "1"
        await pilot.pause()
        detail = " ".join(str(form.query_one("#order-detail").content).split())
        assert "Alliance cohesion: +0.3 (the full 3 for a week of Japan's demand, 9.3 t" in detail
        assert "at most 3 a turn for all releases)." in detail
        form.query_one("#f-amount", Input).value = "20"
        await pilot.pause()
        detail = " ".join(str(form.query_one("#order-detail").content).split())
        assert "Alliance cohesion: +3.0 (" in detail
        form.query_one("#f-to", Select).value = ""  # to our own industry: no word of it
        await pilot.pause()
        assert "Alliance cohesion" not in str(form.query_one("#order-detail").content)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("team", "offered"), [("washington", ["", "JPN"]), ("tokyo", ["", "USA"]), ("beijing", [""])]
)
async def test_a_release_is_offered_only_where_the_engine_takes_it(
    make_app, team: str, offered: list[str]
) -> None:
    """Since engine 0.3.0 a stockpile goes only to our own industry or the ally's: the form
    offered every country, China and Vietnam among them, each then refused."""
    app = make_app(solo=team)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "stockpile_release")
        options = [value for _, value in form.query_one("#f-to", Select)._options]
        assert [v for v in options if v is not Select.NULL] == offered
