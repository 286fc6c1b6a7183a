"""After the last turn: the session set beside computer games played from the start."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from game import sweep
from game.engine import Session
from game.log import write_log
from game.orders import Diplomacy
from game.scenario import Scenario
from game.scenario_loader import scenario_data
from game.tui.screens.compare import CompareScreen
from game.tui.screens.results import ResultsScreen

from .conftest import SIZE, screen_text, wait_for

pytestmark = pytest.mark.asyncio
GAMES = 12


@pytest.fixture
def eleven_turns(workdir: Path, scenario: Scenario) -> Path:
    """A hot-seat session with one turn left (Tokyo rallied the G7 in turn 1)."""
    session = Session(scenario, 3, {t: "human" for t in scenario.teams})
    session.play({"tokyo": [Diplomacy(move="tk_g7")]})
    for _ in range(10):
        session.play({})
    path = workdir / "eleven.jsonl"
    write_log(session, path)
    return path


@pytest.fixture(autouse=True)
def few_games(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CompareScreen, "GAMES", GAMES)


def _plain(renderable: RenderableType) -> str:
    buf = io.StringIO()
    Console(file=buf, width=100, color_system=None).print(renderable)
    return buf.getvalue()


async def _final_results(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("r", "y")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResultsScreen))
    assert pilot.app.game.session.is_over


async def test_final_results_set_the_session_beside_computer_games(
    make_app, eleven_turns: Path
) -> None:
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await _final_results(pilot)
        assert "g: set it beside computer games" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        text = screen_text(app)
        session = app.game.session
        g = app.game
        spec = sweep.SweepSpec(
            scenario_data(g.scenario),
            g.scenario.id,
            dict.fromkeys(sorted(g.scenario.teams), "doctrine"),
            session.seed,
            GAMES,
        )
        rows = sweep.run_sweep(spec)  # the same games, played here
        tokyo = session.state.scores["tokyo"]
        lower = sum(r["score_tokyo"] < round(tokyo, 4) for r in rows) / GAMES
        row = re.search(r"Tokyo score\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", text)
        assert row, text
        median = sweep.percentile([r["score_tokyo"] for r in rows], 50)
        same = sweep.play_one(g.scenario, session.seed, spec.bots)["score_tokyo"]  # same seed
        assert row.groups() == (
            f"{tokyo:.1f}",
            f"{same:.1f}",
            f"{median:.1f}",
            row.group(4),
            f"{lower:.0%}",
        )
        assert "Washington score" in text and "Tension" in text  # the facilitator sees all
        assert screen.result is not None
        solo = _plain(CompareScreen(g, "tokyo").table(screen.result))  # a solo player
        assert "Tokyo score" in solo and "Tension" in solo
        assert "Beijing score" not in solo and "Washington score" not in solo
        assert "scored highest" not in solo and "scored highest" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        # pressed again: the same games, shown at once, not played again (a solo player
        # waited 7 s each time)
        first = screen.result
        await pilot.press("g")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, CompareScreen) and again.result is first
        assert again.query_one("#compare-table").content is not None


async def test_the_comparison_is_offered_only_when_the_game_is_over(
    make_app, eleven_turns: Path
) -> None:
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")  # the results of turn 11
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.screen.check_action("compare", ()) is False
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_closing_early_stops_the_games(make_app, eleven_turns: Path) -> None:
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await _final_results(pilot)
        CompareScreen.GAMES = 100_000  # far more than can be played before escape
        await pilot.press("g", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await wait_for(pilot, lambda: not any(w.is_running for w in app.workers))
        # a progress report or the table arriving after the close is dropped, not an error
        screen = CompareScreen(app.game)
        screen.closed = True
        screen._progress(5)
        screen._show(None)  # type: ignore[arg-type]


async def test_the_comparison_uses_the_apps_names_and_capitals(
    make_app, eleven_turns: Path
) -> None:
    """The table said 'Alliance cohesion' (the report's name) where the app says 'US–Japan
    cohesion', and an outcome read '• tension reached 80' beside '• Japan's output ...'."""
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await _final_results(pilot)
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        assert screen.result is not None
        text = _plain(screen.table(screen.result))
        assert "US–Japan cohesion" in text and "Alliance cohesion" not in text
        every = [(n, sweep.outcome_words(n), 0.5) for n in sweep.OUTCOMES]
        text = _plain(screen.table(dataclasses.replace(screen.result, outcomes=every)))
        bullets = [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("•")]
        assert len(bullets) == len(every) and all(b[:1].isupper() for b in bullets), bullets
        assert "Tension reached 80" in text


async def test_at_80x24_every_row_the_outcomes_and_close_can_be_scrolled_to(
    make_app, eleven_turns: Path
) -> None:
    """At 80x24 the table stopped after China's market share: the last rows, the outcomes and
    Close were below the dialog's edge, and neither Tab nor PgDn scrolled."""
    from textual.widgets import Button
    from textual.widgets._footer import FooterKey

    from .test_dialogs import shown

    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=(80, 24)) as pilot:
        await _final_results(pilot)
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        close = screen.query_one("#close", Button)
        box = screen.query_one("#compare-box")
        footer = [k.action for k in screen.query(FooterKey)]
        assert footer == ["app.help", "close"]  # its own keys (it showed the results')
        assert not shown(app, close)  # too tall for 24 rows: it scrolls
        for _ in range(10):
            await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y > 0
        assert shown(app, close)
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_y == 0 and not shown(app, close)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is close and shown(app, close)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
