"""The results say what became of a stockpile purchase the market could not fill (a solo
player bought 16,000 t of graphite, got a quarter of it, and the refund came back unsaid)."""

from __future__ import annotations

import pytest

from game.orders import Diplomacy, StockpileBuild
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def test_the_results_say_how_much_of_a_purchase_was_bought(make_app) -> None:
    app = make_app(solo="tokyo", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamScreen)
        screen.drafts.append(StockpileBuild(material="graphite", amount=16000))
        screen.drafts.append(Diplomacy(move="tk_g7"))
        screen.refresh_drafts()
        g = app.game
        await wait_for(pilot, lambda: all(t in g.session.pending for t in g.computer_teams))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        text = " ".join(screen_text(app).split())
        assert "Tokyo: Buy 16,000 t of Battery graphite for the stockpile" in text
        # Japan's own industry is short of graphite (China's licensing): none is bought
        assert (
            "none of the 16,000 t of Battery graphite was bought: our own industry did not get "
            "all it needed (with its restocking), and a purchase gets only what is left once "
            "that is met" in text
        )
        assert "refunded" in text
        # under its own order, not after the team's last one
        lines = [line.strip() for line in screen_text(app).splitlines() if line.strip()]
        at = next(i for i, line in enumerate(lines) if line.startswith("Tokyo: Buy 16,000 t"))
        assert "was bought" in lines[at + 1], lines[at : at + 3]
