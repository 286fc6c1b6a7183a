"""Every figure a team sees with the fog's noise is marked ≈ in the Situation panel, at 120x40
and at 80x24: the columns of other countries' days of cover and stockpiles, the rows of their
output (whole, so the mark is never cut off), other teams' budgets."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.fog import team_view
from game.scenario import Scenario
from game.tui.screens.team import TeamScreen
from game.tui.widgets.state_panel import StatePanel

from .conftest import wait_for
from .test_state_panel import panel_lines

TITLES = ("Indices", "Industrial output", "Days of working", "Prices", "Strategic", "Budgets")


def table(lines: list[str], title: str) -> list[str]:
    """The header and rows of the table titled ``title`` (up to the next title or legend)."""
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith((*TITLES, "≈ estimate", "⚠")):
            break
        if not line.startswith("─"):
            rows.append(line)
    return rows


async def team_panel(pilot) -> StatePanel:  # type: ignore[no-untyped-def]
    """The Situation panel of the solo team's screen."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TeamScreen))
    await pilot.pause()
    return pilot.app.screen.query_one(StatePanel)


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(120, 40), (119, 40), (80, 24)])
async def test_other_countries_figures_are_marked_as_estimates(make_app, size) -> None:  # type: ignore[no-untyped-def]
    """Beijing saw Japan's days of cover as 97 / 89 / 102 (true: 90) under a plain 'Japan';
    at 119 columns (a panel 57 cells wide) 'European Union ≈' was cut to 'European Union…'."""
    app = make_app(solo="beijing")
    async with app.run_test(size=size) as pilot:
        panel = await team_panel(pilot)
        lines = panel_lines(panel)
        head = table(lines, "Days of working inventory")[0]
        assert head.split("Material")[1].split() in (
            ["China", "Japan", "≈", "United", "States", "≈"],
            ["CHN", "JPN", "≈", "USA", "≈"],
        ), head
        # the output rows: every other country marked, the mark never cut with its name
        for row in table(lines, "Industrial output")[1:]:
            name = row.split()[0]
            assert "…" not in row, row
            assert ("≈" in row) == (name not in ("China", "CHN")), row
        assert any(line.startswith("≈ estimate") for line in lines)


def test_the_panel_names_countries_by_code_where_whole_names_and_marks_do_not_fit(
    scenario: Scenario,
) -> None:
    """At 57 cells 'European Union ≈' was cut to 'European Union…' and lost its mark: the
    panel uses codes until the whole names fit."""
    from game.tui.widgets.state_panel import compact_below

    state = team_view(scenario, Session(scenario, 1).state, "beijing", 1).state
    assert compact_below(scenario, state, "beijing") == 58
