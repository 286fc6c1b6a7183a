"""Solo play after the last turn: the team screen says the game is over and offers what can be
done; the fog over the other teams' scores lifts for the debrief."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Session
from game.log import write_log
from game.scenario import Scenario
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.start import StartScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, screen_text, wait_for

pytestmark = pytest.mark.asyncio

SOLO = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}


@pytest.fixture
def eleven_turns(workdir: Path, scenario: Scenario) -> Path:
    """A solo session (Tokyo against the computer) with one turn left."""
    session = Session(scenario, 1, SOLO)
    for _ in range(scenario.turns - 1):
        session.play({})
    path = workdir / "eleven.jsonl"
    write_log(session, path)
    return path


async def finish(pilot) -> TeamScreen:  # type: ignore[no-untyped-def]
    """Play the last turn, close the final results and decline the report: the team screen."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
    team = app.screen
    await pilot.press("s", "y")
    await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
    assert app.game.session.is_over
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "ReportScreen")
    await pilot.press("n")
    await wait_for(pilot, lambda: app.screen is team)
    await pilot.pause()
    return team


def footer_actions(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {ab.binding.action for ab in app.screen.active_bindings.values() if ab.binding.show}


async def test_the_team_screen_says_the_game_is_over_and_offers_what_can_be_done(
    make_app, eleven_turns: Path
) -> None:
    """It read 'Tokyo: orders for turn 13', 'Action points: 3 of 3 left', 'No orders yet:
    sealing now means this team holds', with 'a Add order ... s Seal & resolve' in the footer
    (doing nothing) under a title saying 'game over'."""
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        team = await finish(pilot)
        assert "game over" in team.title
        left = team.query_one("#team-left")
        assert "turn 13" not in str(left.border_title)
        assert "game is over" in str(left.border_title)
        text = screen_text(app)
        assert "The game is over" in text
        for stale in ("Action points", "No orders yet", "sealing now", "turn 13"):
            assert stale not in text, stale
        assert not team.query_one("#drafts").display
        assert not team.query_one("#order-buttons").display
        shown = footer_actions(app)
        assert not shown & {"add_order", "remove_order", "seal", "seal_resolve"}, shown
        assert {"final_results", "report", "replay", "compare", "new_game"} <= shown
        assert {"l", "a", "p", "g", "n"} <= set(app.screen.active_bindings)
        # a key that gave orders says why nothing happens, and gives none
        await pilot.press("s")
        await pilot.pause()
        assert any("The game is over" in n.message for n in app._notifications)
        assert app.screen is team and app.game.session.turn == app.game.scenario.turns
        # each key does what the footer says
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert "Final results" in app.screen.title
        await pilot.press("enter")  # the report was offered already: back to the team screen
        await wait_for(pilot, lambda: app.screen is team)
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReportScreen")
        await pilot.press("m")
        await wait_for(pilot, lambda: app.screen is team)
        await pilot.pause()
        assert "Report: " in screen_text(app)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is team)
        await pilot.press("g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CompareScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is team)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        # another solo game is offered, as the same team (it went back to Hot seat)
        start = app.screen
        await wait_for(pilot, lambda: len(start.query("#team-fields Select")) == 3)
        await pilot.pause()
        assert start.mode == "solo" and start.controllers()["tokyo"] == "human"


def rendered(widget) -> str:  # type: ignore[no-untyped-def]
    """A widget's content as text, whether or not its tab is the one shown."""
    import io

    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=70, color_system=None).print(widget.content)
    return buf.getvalue()


async def test_the_fog_over_the_scores_lifts_once_the_game_is_over(
    make_app, eleven_turns: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The final results, the Scores tab and the comparison showed the other teams' scores as
    '? ? unknown' after the game: the player never learned who scored highest. During the
    game they stay unknown, as the fog rules say."""
    from game.tui.screens.compare import CompareScreen
    from game.tui.widgets.scoreboard import Scoreboard
    from game.tui.words import FACILITATOR

    monkeypatch.setattr(CompareScreen, "GAMES", 4)
    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        during = rendered(team.query_one("#scoreboard", Scoreboard))
        assert during.count("unknown") == 2 and "fog has lifted" not in during
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        # the last turn's account too: it read "Beijing's score: unknown to you" under the
        # true final scores
        story = " ".join(screen_text(app).split())
        assert "unknown to you" not in story and "Beijing's score" in story
        g = app.game
        final, start = g.session.states[-1].scores, g.session.states[0].scores
        ranked = sorted(final, key=lambda t: -final[t])
        names = {"beijing": "Beijing", "tokyo": "Tokyo (you)", "washington": "Washington"}
        ranking = " ".join(
            f"{i}. {names[t]} {final[t]:.1f} (from {start[t]:.1f})" for i, t in enumerate(ranked, 1)
        )
        mine = (
            f"Tokyo (you): {final['tokyo']:.1f} at the end, from {start['tokyo']:.1f} at the start"
        )
        for board in (
            rendered(app.screen.query_one("#scoreboard", Scoreboard)),
            None,  # the team screen's Scores tab, below
        ):
            if board is None:
                await pilot.press("enter")
                await wait_for(pilot, lambda: type(app.screen).__name__ == "ReportScreen")
                await pilot.press("n")
                await wait_for(pilot, lambda: app.screen is team)
                await pilot.pause()
                board = rendered(team.query_one("#scoreboard", Scoreboard))
            flat = " ".join(board.split())
            assert "unknown" not in board and "?" not in board, board
            for t in ("beijing", "washington"):
                assert f"{final[t]:.1f}" in board
            assert "The fog has lifted" in flat
            assert f"Ranking, highest first: {ranking}" in flat, flat
            assert mine in flat, flat
            assert "g sets yours beside the computer playing Tokyo" in flat
        chart = {s.label for s in team.query_one("#score-chart").series}
        assert chart == {"Beijing", "Tokyo", "Washington"}
        # the comparison with computer games shows every team's score too
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert app.screen.pov == FACILITATOR
        await pilot.press("escape")
        # the Situation tab too: others' stockpiles, hidden during the game, are shown
        from game.tui.widgets.state_panel import StatePanel

        await pilot.press("1")
        await pilot.pause()
        situation = rendered(team.query_one("#state", StatePanel))
        assert "?" not in situation and "≈" not in situation, situation
        # the Last turn tab tells the last turn with the fog lifted too
        await pilot.press("3")
        await pilot.pause()
        last_turn = " ".join(screen_text(app).split())
        assert "unknown to you" not in last_turn and "Beijing's score" in last_turn
        # and the replay opens every view (during the game, the player's own)
        opened: list[str | None] = []
        monkeypatch.setattr(app, "open_replay", lambda path, only=None: opened.append(only))
        await wait_for(pilot, lambda: app.screen is team)
        await pilot.press("p")
        assert opened == [None]
    # the fog's rules and the log are untouched: the team's own view still hides them
    from game.fog import hidden_keys

    assert "score.beijing" in hidden_keys(g.scenario, "tokyo")


async def test_the_last_turn_promises_no_more_income(make_app, eleven_turns: Path) -> None:
    """Turn 12's budget line still read '(+US$200M next turn)'."""
    from textual.widgets import Static

    app = make_app(resume=str(eleven_turns))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        line = str(app.screen.query_one("#resources", Static).content)
        assert "Budget:" in line and "next turn" not in line, line
    fresh = make_app(solo="tokyo", seed=3)
    async with fresh.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(fresh.screen, TeamScreen))
        line = str(fresh.screen.query_one("#resources", Static).content)
        assert "(+US$200M next turn)" in line, line
