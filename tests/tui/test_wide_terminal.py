"""At a wide terminal the state panel and the scoreboard use the room they have: no label is
cut short while columns stay blank."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Static, TabbedContent

from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen
from game.tui.widgets.scoreboard import Scoreboard
from game.tui.widgets.state_panel import StatePanel

from .conftest import wait_for

pytestmark = pytest.mark.asyncio

FULL = "Semiconductor equipment and materials"  # the scenario's material, short of its (...)


def drawn(widget: Static) -> list[str]:
    """The widget's text as drawn at its own width."""
    buf = io.StringIO()
    Console(file=buf, width=widget.size.width, color_system=None).print(widget.content)
    return buf.getvalue().splitlines()


def table_rows(lines: list[str], title: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 3 :]:
        if line and not line.startswith(" "):
            break  # the next table's title
        rows.append(line)
    return rows


async def test_at_200x60_state_panel_and_scoreboard_labels_are_whole(make_app) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        screen = app.screen
        panel = screen.query_one(StatePanel)
        assert panel.size.width > 100
        lines = drawn(panel)
        assert not any("…" in line for line in lines), [x for x in lines if "…" in x]
        for title in ("Days of working inventory", "Prices", "Strategic stockpiles"):
            assert any(r.strip().startswith(FULL) for r in table_rows(lines, title)), title

        screen.query_one("#team-tabs", TabbedContent).active = "tab-scores"
        board = screen.query_one(Scoreboard)
        await wait_for(pilot, lambda: board.size.width > 100)
        await pilot.pause()
        rows = [line for line in drawn(board) if "Beijing" in line or "Washington" in line]
        assert len(rows) == 2 and all(r.rstrip().endswith("unknown") for r in rows), rows

        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        board = app.screen.query_one(Scoreboard)
        rows = [line for line in drawn(board) if "Beijing" in line or "Washington" in line]
        assert len(rows) == 2 and all(r.rstrip().endswith("unknown") for r in rows), rows


async def test_wide_panel_names_projects_and_controlled_materials_whole(scenario) -> None:
    """Project names were cut at 30 characters and controlled materials at 18 however wide
    the panel; narrow, Rich still cuts them to their column."""
    from rich.console import Group

    from game.engine import Session
    from game.orders import ExportControl, Invest
    from game.tui.widgets.state_panel import state_renderables

    session = Session(scenario, 3, dict.fromkeys(scenario.teams, "human"))
    session.play(
        {
            "tokyo": [Invest(option="hai_phong_magnets")],
            "beijing": [ExportControl(material="sme", target="JPN", level="full_ban")],
        }
    )

    def lines(width: int) -> list[str]:
        buf = io.StringIO()
        parts = state_renderables(scenario, session.states, 1, width=width)
        Console(file=buf, width=width, color_system=None).print(Group(*parts))
        return buf.getvalue().splitlines()

    wide = lines(138)
    assert any("Shin-Etsu Hai Phong magnet expansion" in r for r in wide)
    controls = table_rows(wide, "Export controls in force")
    assert any(FULL in r for r in controls), controls
    narrow = lines(50)
    assert all(len(r) <= 50 for r in narrow)
    assert any("Shin-Etsu Hai Phong magnet" in r and "…" in r for r in narrow), narrow
