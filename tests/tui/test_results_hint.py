"""The results screen: what its hint says Enter does, and the keys that leave it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine import Session
from game.log import write_log
from game.orders import Diplomacy
from game.scenario import Scenario
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, screen_text, wait_for

pytestmark = pytest.mark.asyncio


@pytest.fixture
def eleven_turns(workdir: Path, scenario: Scenario) -> Path:
    """A solo session (Tokyo against the computer) with one turn left."""
    controllers = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}
    session = Session(scenario, 3, controllers)
    session.play({"tokyo": [Diplomacy(move="tk_g7")]})
    for _ in range(10):
        session.play({})
    path = workdir / "eleven.jsonl"
    write_log(session, path)
    return path


def enter_words(app) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(what the hint says Enter does, the footer's label for Enter)."""
    hint = next(line for line in screen_text(app).splitlines() if "Enter: " in line)
    said = hint.split("Enter: ", 1)[1].split(" · ", 1)[0]
    footer = app.screen.active_bindings["enter"].binding.description
    return said, footer


async def test_final_results_hint_and_footer_say_continue(make_app, eleven_turns: Path) -> None:
    """The final results said 'Enter: close' above a footer reading '⏎ Continue'; Enter
    goes on to the after-action report, so both say 'continue'."""
    again = eleven_turns.with_name("again.jsonl")
    shutil.copy(eleven_turns, again)
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game.session.is_over
        said, footer = enter_words(app)
        assert footer == "Continue"
        assert said.split()[0] == "continue", said
        assert said == "continue to the after-action report"
        await pilot.press("enter")  # ... which it offers
        await pilot.pause()
        assert type(app.screen).__name__ == "ReportScreen"

    # once the report has been offered, Enter on the final results just continues
    app = make_app(resume=str(again))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        app.game.report_offered = True
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert enter_words(app) == ("continue", "Continue")


async def test_escape_leaves_the_results_as_enter_does(make_app) -> None:
    """Esc did nothing on the results (a new player pressed it to close them)."""
    app = make_app(solo="tokyo", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        g = app.game
        await wait_for(pilot, lambda: all(t in g.session.pending for t in g.computer_teams))
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert g.session.turn == 1


async def test_each_turns_results_open_at_the_top(make_app) -> None:
    """The results screen is kept for the game and shown again each turn: it opened where the
    last turn's account had been scrolled to (a solo player pressed Home every turn)."""
    from textual.containers import VerticalScroll

    app = make_app(solo="tokyo", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        team = app.screen
        g = app.game
        for turn in (1, 2):
            await wait_for(pilot, lambda: all(t in g.session.pending for t in g.computer_teams))
            await pilot.press("s", "y")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
            await pilot.pause()
            right = app.screen.query_one("#results-right", VerticalScroll)
            assert right.scroll_y == 0, turn
            right.scroll_end(animate=False)  # read down to the end
            await pilot.pause()
            assert right.scroll_y > 0
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is team)
