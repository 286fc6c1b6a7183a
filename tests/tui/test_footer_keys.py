"""The footer shows the screen's keys, and is rebuilt only when they change (rebuilding it on
every change of screen or focus cost each turn's results 40-80 ms on the 2-core machine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from game.engine import Session
from game.log import write_log
from game.scenario import Scenario
from game.tui.screens.dialogs import ConfirmScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen
from game.tui.widgets.footer import Footer

from .conftest import SIZE, wait_for

pytestmark = pytest.mark.asyncio


def keys(screen) -> list[FooterKey]:  # type: ignore[no-untyped-def]
    return list(screen.query_one(Footer).query(FooterKey))


def shown_actions(screen) -> set[str]:  # type: ignore[no-untyped-def]
    """The actions of the bindings the screen shows in its footer (the palette's aside)."""
    return {
        ab.binding.action
        for ab in screen.active_bindings.values()
        if ab.binding.show and ab.binding.action != "app.command_palette"
    }


def footer_actions(screen) -> set[str]:  # type: ignore[no-untyped-def]
    return {k.action for k in keys(screen) if "-command-palette" not in k.classes}


async def test_a_dialog_opened_and_closed_leaves_the_consoles_keys_as_they_were(make_app) -> None:
    app = make_app(seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
        console = app.screen
        await pilot.pause()
        before = keys(console)
        assert {k.action for k in before} >= {"next_team", "resolve", "help"}
        await pilot.press("r")  # no orders sealed: the console asks first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is console)
        await pilot.pause()
        assert keys(console) == before  # the same widgets: not composed again
        assert footer_actions(console) <= shown_actions(console)  # a key may drop for room


async def test_keys_that_change_are_shown(make_app, workdir: Path, scenario: Scenario) -> None:
    """After the last turn the solo team screen's keys change (no more orders; the final
    results, the report, the replay): the footer follows."""
    solo = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}
    session = Session(scenario, 1, solo)
    for _ in range(scenario.turns - 1):
        session.play({})
    path = workdir / "eleven.jsonl"
    write_log(session, path)
    app = make_app(resume=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        await pilot.pause()
        assert "seal_resolve" in footer_actions(team)
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReportScreen")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is team)
        await pilot.pause()
        await pilot.pause()
        shown = footer_actions(team)
        assert "seal_resolve" not in shown and {"final_results", "report"} <= shown
        assert shown <= shown_actions(team)
