"""The state panel keeps every column readable on a small terminal (country codes when narrow)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from game.tui.screens.team import TeamScreen
from game.tui.widgets.state_panel import StatePanel

from .conftest import wait_for

pytestmark = pytest.mark.asyncio


def panel_lines(panel: StatePanel) -> list[str]:
    """The panel's text as drawn at its own width."""
    buf = io.StringIO()
    Console(file=buf, width=panel.size.width, color_system=None).print(panel.content)
    return buf.getvalue().splitlines()


def output_rows(lines: list[str]) -> list[str]:
    """The rows of the industrial-output table (between its rule and the next title)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Industrial output"))
    rows = []
    for line in lines[start + 3 :]:
        if line.startswith("Days of working inventory"):
            break
        rows.append(line)
    return rows


async def open_team_screen(pilot) -> tuple[StatePanel, str]:  # type: ignore[no-untyped-def]
    """A new hot-seat game, through the hand-over, to a team's screen: its panel and actor."""
    await pilot.press("n", "enter", "s", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TeamScreen))
    await pilot.pause()
    screen = pilot.app.screen
    return screen.query_one(StatePanel), pilot.app.game.scenario.teams[screen.team].actor


async def test_narrow_panel_names_every_country_by_code(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel, me = await open_team_screen(pilot)
        assert panel.size.width < 56
        rows = output_rows(panel_lines(panel))
        firsts = [r.split()[0] for r in rows]
        assert firsts == ["CHN", "EU", "JPN", "ROW", "USA", "VNM"]
        # a team sees its own output exactly and the others' with noise (≈)
        for r in rows:
            assert ("≈" in r) == (r.split()[0] != me), r
        # every sector column and the average are there, uncut: 5 numbers or dashes per row
        for r in rows:
            assert len(r.replace("≈", "").split()) == 6, r
            assert "…" not in r, r
        lines = panel_lines(panel)
        head = lines[next(i for i, x in enumerate(lines) if x.startswith("Industrial")) + 1]
        assert head.split() == ["Auto", "Def.", "Elec", "Enrg", "All"]


async def test_panel_switches_to_full_names_when_the_terminal_grows(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel, _ = await open_team_screen(pilot)
        assert any(line.startswith("JPN") for line in output_rows(panel_lines(panel)))
        await pilot.resize_terminal(150, 45)
        await wait_for(pilot, lambda: panel.size.width >= 56)
        await pilot.pause()
        rows = output_rows(panel_lines(panel))
        assert any(r.strip().startswith("Japan") for r in rows)
        assert any(r.strip().startswith("Vietnam ≈") for r in rows)


async def test_under_no_color_negative_changes_read_like_plain_text(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR Textual draws each colour as a grey of its brightness: the dark theme's
    red (negative changes, refusals) came out grey 237 on 234, about 1.5:1, unreadable."""

    def brightness(app, ansi: int) -> float:  # type: ignore[no-untyped-def]
        c = app.ansi_theme_dark.ansi_colors[ansi]
        return 0.299 * c.red + 0.587 * c.green + 0.114 * c.blue

    plain = make_app()
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color and not plain.no_color
    red, green, yellow, bright_red = 1, 2, 3, 9
    assert brightness(plain, red) < 100  # the reason for the change
    for ansi in (red, green, yellow, bright_red):
        assert brightness(app, ansi) >= 180, ansi  # light grey, like the text
