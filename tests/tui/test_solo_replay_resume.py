"""Solo play, the replay viewer, and resuming an interrupted session."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.log import replay_log
from game.scenario import Scenario
from game.tui.screens.dialogs import ConfirmScreen, JumpScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.fork import ForkScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.start import StartScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, HeldBots, logged_game, screen_text, wait_for, worker_results

pytestmark = pytest.mark.asyncio


async def test_solo_turn_resolves_against_the_computer(make_app, workdir: Path) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TeamScreen) and screen.solo and screen.team == "tokyo"
        assert app.game.computer_teams == ["beijing", "washington"]
        assert "Seal & resolve" in str(screen.query_one("#seal").label)
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game.session.turn == 1
        text = screen_text(app)
        # the player sees its own score's reasons but not the others' scores
        assert "Tokyo's score" in text
        assert "Beijing's score: unknown to you" in text
        assert "as seen by Tokyo" in app.screen.sub_title
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "turn 2 of 12" in screen.title
    log = workdir / "sessions" / "dual-use-ban-2026-seed3.jsonl"
    rep = replay_log(log)
    assert rep.ok and rep.good_turns == 1
    # the computer plays the other teams sensibly by default (the pragmatist doctrine)
    assert rep.header["controllers"] == {
        "beijing": "bot:doctrine",
        "tokyo": "human",
        "washington": "bot:doctrine",
    }
    assert rep.turn_data[0]["orders"]["beijing"]  # it gave orders, it did not just hold


async def test_play_chooses_the_computer_players_with_bot(make_app, workdir: Path) -> None:
    app = make_app(solo="tokyo", bots={"beijing": "random"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.game.session.controllers == {
            "beijing": "bot:random",
            "tokyo": "human",
            "washington": "bot:doctrine",
        }
    app = make_app(bots={"washington": "search:easy"})  # hot seat with one computer team
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.computer_teams == ["washington"]
    for bots, message in (
        ({"moscow": "random"}, "unknown team 'moscow'"),
        ({"tokyo": "random"}, "tokyo is the team you play"),
    ):
        app = make_app(solo="tokyo", bots=bots)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            assert any(message in n.message for n in app._notifications)


async def test_replay_steps_jumps_and_switches_point_of_view(make_app, played_log: Path) -> None:
    app = make_app(replay=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.turn == 3 and screen.last == 3
        assert "Verified: 3 turns replayed" in screen_text(app)
        await pilot.press("left", "left")
        assert screen.turn == 1
        text = screen_text(app)
        assert "Turn 1 of 3" in text
        assert "Tokyo: Diplomatic move: Coordinate a G7 response" in text
        assert "Coordinate a G7 response" in text and "chance" in text
        await pilot.press("left", "left")
        assert screen.turn == 0
        assert "No turn has been played yet" in screen_text(app)
        await pilot.press("right")
        assert screen.turn == 1
        # point of view: facilitator -> Beijing: Tokyo's score becomes unknown
        await pilot.press("v")
        assert screen.pov == "beijing"
        assert "Tokyo's score: unknown to you" in screen_text(app)
        await pilot.press("v", "v", "v")
        assert screen.pov == "facilitator"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, JumpScreen)
        await pilot.press("backspace", "backspace", "2", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.turn == 2


async def test_replay_says_an_unfinished_log_is_unfinished_and_a_branch_a_branch(
    make_app, played_log: Path, workdir: Path
) -> None:
    """An analyst took a log missing its last turn for a finished game ('Turn 11 of 11',
    '✓ Verified'), and could reach the State tab only with the mouse."""
    from textual.widgets import TabbedContent

    app = make_app(replay=str(played_log))  # 3 turns of 12
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "The session is not finished: 12 turns in all." in text
        assert "Turn 3 of 3 played (12 in the game)" in text
        assert "a branch of" not in text
        tabs = app.screen.query_one("#replay-tabs", TabbedContent)
        assert tabs.active == "tab-turn"
        await pilot.press("s")
        assert tabs.active == "tab-state"
        await pilot.press("s")
        assert tabs.active == "tab-turn"
        await pilot.press("f", "ctrl+s")  # fork after turn 3: a branch of the played log
        await wait_for(pilot, lambda: app.game is not None and app.game.log_path != played_log)
        fork = app.game.log_path
    app = make_app(replay=str(fork))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "a branch of" in screen_text(app) and "after turn 3" in screen_text(app)


async def test_replay_of_tampered_log_opens_at_last_good_turn(make_app, played_log: Path) -> None:
    lines = played_log.read_text().splitlines(keepends=True)
    data = json.loads(lines[3])
    data["scores"]["tokyo"] = 99.0
    lines[3] = json.dumps(data) + "\n"
    played_log.write_text("".join(lines))
    app = make_app(replay=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.last == 2
        banner = screen.query_one("#verify-banner")
        assert banner.has_class("-warning")
        text = screen_text(app)
        assert "FAILS verification" in text and "turn 3" in text
        assert "Showing the 2 good turns before it" in text


async def test_replay_of_unreadable_log_falls_back_to_start(make_app, workdir: Path) -> None:
    junk = workdir / "junk.jsonl"
    junk.write_text("not a log\n")
    app = make_app(replay=str(junk))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert any("not a Chokepoint log" in n.message for n in app._notifications)


async def test_resume_after_interruption_continues_the_log(make_app, workdir: Path) -> None:
    log = workdir / "session.jsonl"
    app = make_app(log=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press("r", "y")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
            await pilot.press("enter")
            await pilot.pause()
        # a team had sealed orders when the power went: they are not in the log
        await pilot.press("n", "enter", "s")
        await pilot.pause()
    assert replay_log(log).good_turns == 2
    app = make_app(resume=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.session.turn == 2 and app.game.log_path == log
        assert "Turn 3 of 12" in screen_text(app)
        await pilot.press("r", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
    rep = replay_log(log)
    assert rep.ok and rep.good_turns == 3


async def test_resume_of_truncated_log_keeps_the_good_turns(make_app, played_log: Path) -> None:
    text = played_log.read_text()
    played_log.write_text(text[: len(text) - 40])  # a crash mid-write of turn 3
    app = make_app(resume=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.session.turn == 2
        assert app.game.log_path.name == "played-resumed.jsonl"
        assert any("failed verification" in n.message for n in app._notifications)
    assert replay_log(played_log.with_name("played-resumed.jsonl")).good_turns == 2


async def test_resuming_a_damaged_log_again_never_writes_over_the_first_resumed_one(
    make_app, played_log: Path
) -> None:
    """An analyst's audit: the second resume of the same damaged log wrote over
    played-resumed.jsonl, a session that had been played on since (here: a finished game's
    log standing in for it)."""
    text = played_log.read_text()
    earlier = played_log.with_name("played-resumed.jsonl")
    earlier.write_text(text)  # a session someone played on after the first resume
    played_log.write_text(text[: len(text) - 40])
    app = make_app(resume=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.game.log_path.name == "played-resumed-2.jsonl"
    assert earlier.read_text() == text
    assert replay_log(played_log.with_name("played-resumed-2.jsonl")).good_turns == 2


async def test_fork_from_the_replay_viewer_starts_a_new_session(make_app, played_log) -> None:
    app = make_app(replay=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left", "f")
        await pilot.pause()
        assert isinstance(app.screen, ForkScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.session.turn == 2
        assert "fork-t2" in app.game.log_path.name
        assert replay_log(app.game.log_path).good_turns == 2
        settings = app.game.session.settings
        assert settings["branch_of"] == played_log.name and settings["branch_turn"] == 2


async def test_a_fork_can_hand_a_team_to_another_player(make_app, workdir: Path) -> None:
    """A what-if from a log the computer played: Tokyo played by people from turn 2 on, and
    Beijing by the hawk instead of the pragmatist (an analyst found no way to change a team)."""
    from textual.widgets import Select

    from game.engine import Session
    from game.log import write_log
    from game.scenario_loader import load_scenario
    from tests.conftest import DEFAULT

    scenario = load_scenario(DEFAULT)
    bots = {t: "bot:doctrine" for t in scenario.teams}
    session = Session(scenario, 4, bots)
    session.play({})
    session.play({})
    write_log(session, workdir / "bots.jsonl")
    app = make_app(replay="bots.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left", "f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ForkScreen)
        assert dialog.chosen() == bots  # who played the original, preselected
        assert "who plays from here?" in screen_text(app)
        dialog.query_one("#fork-tokyo", Select).value = "human"
        dialog.query_one("#fork-beijing", Select).value = "bot:doctrine:hawk"
        await pilot.press("ctrl+s")
        await pilot.pause()
        game = app.game
        assert game.session.controllers == {
            "beijing": "bot:doctrine:hawk",
            "tokyo": "human",
            "washington": "bot:doctrine",
        }
        assert game.mode == "solo" and game.human_teams == ["tokyo"]
        assert game.session.players_at(1) == bots  # the copied turn keeps its players
    app = make_app(replay="bots.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f", "escape")  # cancelled: still the replay of the same log
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.game is None


async def test_the_replay_of_a_branch_names_who_played_each_turn(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """Turns 1-2 of this branch were played by a hawk Beijing, turns 3-4 by a dove."""
    from game.log import write_log

    hawk = {"beijing": "bot:doctrine:hawk", "tokyo": "human", "washington": "human"}
    source = logged_game(workdir / "src.jsonl", scenario, hawk, turns=3)
    branch = source.fork(2, "src.jsonl")
    branch.controllers["beijing"] = "bot:doctrine:dove"
    branch.play({})
    branch.play({})
    write_log(branch, workdir / "branch.jsonl")
    app = make_app(replay="branch.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.turn == 4
        assert "Beijing: Computer (doctrine:dove)" in screen_text(app)
        await pilot.press("left", "left")
        await pilot.pause()
        assert app.screen.turn == 2
        assert "Beijing: Computer (doctrine:hawk)" in screen_text(app)


async def test_resuming_a_run_log_says_who_followed_a_plan(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """A `chokepoint run` log: plan-played teams pass to people, and the app says so."""
    log = workdir / "run.jsonl"
    logged_game(log, scenario, {"beijing": "plan", "tokyo": "plan", "washington": "bot:hold"})
    app = make_app(resume=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.human_teams == ["beijing", "tokyo"]
        assert app.game.computer_teams == ["washington"]
        messages = [n.message for n in app._notifications]
        assert any(
            m.startswith("Beijing and Tokyo followed an orders plan") and "people play them" in m
            for m in messages
        ), messages


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_replay_names_every_team_and_index_in_full(
    make_app, workdir: Path, scenario: Scenario, size: tuple[int, int]
) -> None:
    """In the replay's narrow left pane, after 12 turns of trend, 'Washington' stays on one
    line, and a chart legend too long for one line wraps instead of losing series (it lost
    Posture and Deterrence)."""
    log = workdir / "twelve.jsonl"
    session = logged_game(log, scenario, turns=scenario.turns, seed=21)
    app = make_app(replay=str(log))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        board = _plain(app.screen.query_one("#scoreboard"))
        rows = [line for line in board if "■" in line]
        assert [r.split()[1] for r in rows] == ["Beijing", "Tokyo", "Washington"], board
        legend = _plain(app.screen.query_one("#index-chart"))
        text = " ".join(legend)
        for label in ("Tension", "Cohesion", "Posture", "Deterrence"):
            assert f"{label[0]} {label} " in text, legend
        # at turn 3 of 12 the legends give turn 3's values, as the scoreboard does
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "3", "enter")
        await pilot.pause()
        tension = session.states[3].indices["tension"]
        assert f"T Tension {tension:.1f} " in " ".join(_plain(app.screen.query_one("#index-chart")))
        washington = session.states[3].scores["washington"]
        scores = " ".join(_plain(app.screen.query_one("#score-chart")))
        assert f"W Washington {washington:.1f}" in scores, scores


def _plain(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """The lines a widget shows on the screen, as plain text."""
    lines = widget.render_lines(widget.region.reset_offset)  # type: ignore[attr-defined]
    return ["".join(seg.text for seg in line).rstrip() for line in lines]


async def test_solo_replay_during_the_game_shows_only_the_players_view(make_app) -> None:
    """'p' on a solo player's results opens the replay as Tokyo, and 'v' does not reveal the
    computer teams' views or scores (the results keep them 'unknown to you' too)."""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("p")
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        for _ in range(4):
            assert replay.pov == "tokyo"
            text = screen_text(app)
            assert "View: Tokyo" in text and "View: Facilitator" not in text
            assert "Beijing's score: unknown to you" in text
            await pilot.press("v")
            await pilot.pause()
        # the key says why the view does not switch (it did nothing, without a word)
        assert any("your team's view only" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_seal_and_resolve_while_the_computer_teams_decide_waits_for_them(
    make_app, held_bots: HeldBots
) -> None:
    """Seal & resolve, pressed while the computer teams were still deciding in the worker the
    team screen starts on mount, started a second worker that had them decide again beside the
    first and resolved the turn; the first then sealed its turn-1 orders into turn 2. (The
    screen also starts two such workers, from on_mount and on_screen_resume: they decided side
    by side too.)"""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(held_bots.decided))  # deciding for turn 1
        await pilot.press("s", "y")
        await pilot.pause(0.3)  # the resolve is on its way
        held_bots.release()
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await wait_for(pilot, lambda: not any(w.is_running for w in app.workers))
        g = app.game
        assert g.session.turn == 1
        # the computer teams decided once for turn 1 (and, perhaps, once for turn 2)
        assert held_bots.decided in ([0], [0, 1]), held_bots.decided
        pending = {t: g.session.pending[t] for t in g.computer_teams if t in g.session.pending}
        if pending:  # anything sealed for turn 2 was decided from turn 2's state
            assert pending == held_bots.real(g.session, {t: g.bots[t] for t in pending})


async def test_leaving_a_solo_game_as_it_resolves_shows_no_results_over_the_start_screen(
    make_app, held_bots: HeldBots
) -> None:
    """Seal & resolve waits for the computer teams; the player leaves for the start screen
    meanwhile (New game, Leave): the turn's results came up over the start screen when the
    resolve worker finished."""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        results = worker_results(app)
        await wait_for(pilot, lambda: bool(held_bots.decided))
        await pilot.press("s", "y")
        await pilot.pause()
        app.action_new_game()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # Tokyo's sealed orders would be lost
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        held_bots.release()
        await wait_for(pilot, lambda: "_show_results" in results)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_solo_footer_and_button_both_say_seal_and_resolve(make_app) -> None:
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen)
        assert str(team.query_one("#seal").label) == "Seal & resolve (s)"
        footer = {k: ab.binding.description for k, ab in team.active_bindings.items()}
        assert footer["s"] == "Seal & resolve"
        await pilot.press("s", "y")  # the key seals (no orders: asked first) and resolves
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game.session.turn == 1


async def test_replay_charts_draw_no_extra_bar_at_the_edge(make_app, played_log: Path) -> None:
    """At the last turn the turn marker fell on the plot's last column and read as a second
    frame ('95┤ … │ │'); inside the game it is still drawn."""
    from game.tui.widgets.charts import LineChart

    def rows() -> list[str]:
        chart = app.screen.query_one("#score-chart", LineChart)
        return [line for line in chart.render().plain.splitlines() if "┤" in line]

    app = make_app(replay=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.turn == 3
        assert rows() and not any("│" in row for row in rows())
        await pilot.press("left")  # turn 2 of 3: the marker stands inside the plot
        await pilot.pause()
        assert sum("│" in row for row in rows()) >= len(rows()) // 2
        await pilot.press("home")  # turn 0: against the axis, no marker either
        await pilot.pause()
        assert not any("│" in row for row in rows())


async def test_resume_of_a_damaged_log_says_so_on_the_console_for_good(
    make_app, played_log: Path
) -> None:
    """The warning toast goes after a few seconds; the console keeps a line about it."""
    text = played_log.read_text()
    played_log.write_text(text[: len(text) - 40])
    app = make_app(resume=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.clear_notifications()  # the toasts have gone
        await pilot.pause()
        expected = (
            "⚠ Log damaged: played.jsonl failed verification at turn 3; play resumed after "
            "turn 2, the last good turn, in played-resumed.jsonl."
        )
        assert expected in " ".join(screen_text(app).split())
        await pilot.press("r", "y")  # still there a turn later
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert "⚠ Log damaged" in screen_text(app)


async def test_resume_of_a_damaged_solo_log_says_so_on_the_team_screen(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    log = workdir / "solo.jsonl"
    controllers = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}
    logged_game(log, scenario, controllers, turns=3)
    text = log.read_text()
    log.write_text(text[: len(text) - 40])
    app = make_app(resume=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.solo
        assert "⚠ Log damaged: solo.jsonl failed verification at turn 3" in " ".join(
            screen_text(app).split()
        )


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_replay_keys_step_through_the_turns_at_any_size(
    make_app, workdir: Path, scenario: Scenario, size: tuple[int, int]
) -> None:
    """At 80x24 the focused score pane scrolls, and it took Home and End (and ← →) for itself:
    the replay stayed on turn 12 until Tab was pressed."""
    log = workdir / "twelve.jsonl"
    logged_game(log, scenario, turns=scenario.turns)
    app = make_app(replay=str(log))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen) and replay.turn == 12
        for key, turn in [("home", 0), ("right", 1), ("l", 2), ("end", 12), ("left", 11)]:
            await pilot.press(key)
            await pilot.pause()
            assert replay.turn == turn, (key, replay.turn)
        await pilot.press("tab")  # the tabs of the right-hand pane: the keys still step turns
        await pilot.pause()
        await pilot.press("home", "right")
        await pilot.pause()
        assert replay.turn == 1


async def test_a_change_is_the_difference_of_the_printed_values(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """Beijing's score went 59.16 -> 57.33 in turn 1 (59.17 -> 57.34 since engine 0.3.0):
    printed 59.2 and 57.3, its change read
    -1.8 (the exact values') in the scoreboard and the story; the indices likewise."""
    log = workdir / "rounding.jsonl"
    session = logged_game(log, scenario, turns=2)
    before, after = session.states[0], session.states[1]
    assert (before.scores["beijing"], after.scores["beijing"]) == pytest.approx(
        (59.17, 57.34), abs=0.01
    )
    app = make_app(replay=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("home", "right")
        await pilot.pause()
        board = " ".join(_plain(app.screen.query_one("#scoreboard")))
        assert re.search(r"Beijing\s+57\.3\s+-1\.9", board), board
        assert "Beijing's score -1.9 pts" in screen_text(app)
        app.screen.query_one("#replay-tabs").active = "tab-state"
        await pilot.pause()
        indices = " ".join(_plain(app.screen.query_one("#state")))
        share = after.indices["market_share"]  # 82.206 -> 82.055: printed 82.2 -> 82.1
        assert re.search(rf"China's market share\s+{share:.1f}\s+-0\.1\b", indices), indices


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_replay_charts_mark_the_turn_shown_in_every_view(
    make_app, workdir: Path, scenario: Scenario, size: tuple[int, int]
) -> None:
    """The charts drew the whole game alike whatever the turn: the turns after the one shown
    are now faint, and the turn's number stands under its line, in the facilitator's view as
    in a team's."""
    log = workdir / "twelve.jsonl"
    logged_game(log, scenario, turns=scenario.turns)
    app = make_app(replay=str(log))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("home", *["right"] * 5)
        await pilot.pause()
        for view in ("Facilitator", "Beijing"):
            assert app.screen.pov.lower() == view.lower(), view
            chart = app.screen.query_one("#score-chart")
            rows = chart.render().split("\n")  # the chart's text, with the styles of its dots
            texts = [row.plain for row in rows]
            marker = next(t.index("│") for t in texts if "│" in t)
            axis = next(t for t in texts if "└" in t)
            assert axis[marker] == "5", (view, axis)
            bright, faint = 0, 0
            for row in rows:
                for span in row.spans:
                    for col in range(span.start, span.end):
                        if 0x2800 < ord(row.plain[col]) <= 0x28FF:
                            dim = "dim" in str(span.style).split()
                            assert dim == (col > marker), (view, col, marker)
                            bright, faint = bright + (not dim), faint + dim
            assert bright and faint, view
            await pilot.press("v")
            await pilot.pause()


async def test_the_replay_scoreboard_columns_stay_put_from_turn_to_turn(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """The scores sat at column ~24 at turn 0 and ~17 at turn 12: the trend column widened."""
    log = workdir / "twelve.jsonl"
    logged_game(log, scenario, turns=scenario.turns, seed=21)
    app = make_app(replay=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def score_columns() -> list[int]:
            rows = [r for r in _plain(app.screen.query_one("#scoreboard")) if "■" in r]
            return [r.index(r.split()[2]) for r in rows]  # where each score starts

        at_end = score_columns()
        await pilot.press("home")
        await pilot.pause()
        assert app.screen.turn == 0 and score_columns() == at_end
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert score_columns() == at_end


async def test_chart_series_are_told_apart_without_colour(make_app, played_log: Path) -> None:
    """Under NO_COLOR or 16 colours some lines were the same grey, told apart by nothing: each
    line now ends in its series' letter, which the legend names."""
    from game.tui.widgets.charts import marks

    assert marks(["Beijing", "Tokyo", "Washington"]) == ["B", "T", "W"]
    indices = ["Tension", "Cohesion", "Posture", "Deterrence", "CN share"]
    assert marks(indices) == ["T", "C", "P", "D", "S"]
    app = make_app(replay=str(played_log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = _plain(app.screen.query_one("#score-chart"))
        plot = [line.split("┤", 1)[1] for line in lines if "┤" in line]
        letters = {c for line in plot for c in line if c.isalpha()}
        assert letters == {"B", "T", "W"}, plot
        legend = " ".join(lines)
        for team in ("Beijing", "Tokyo", "Washington"):
            assert f"{team[0]} {team} " in legend, legend


async def test_a_fork_from_the_replay_keeps_the_apps_clock(make_app, played_log: Path) -> None:
    """The replay's fork built its game on the wall clock, not the app's (the turn timer's)."""

    def clock() -> float:
        return 0.0

    app = make_app(replay=str(played_log), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f", "ctrl+s")
        await wait_for(pilot, lambda: app.game is not None)
        assert app.game.clock is clock
