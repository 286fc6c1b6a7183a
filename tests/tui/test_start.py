"""The start screen: scenario choice with summary and sources, mode, seed and players."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static
from textual.widgets.select import InvalidSelectValueError

from game.log import replay_log, write_log
from game.scenario import Scenario
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.start import StartScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, logged_game, screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def test_start_screen_shows_default_scenario_with_summary_and_sources(make_app) -> None:
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.screen.scenario is not None
        assert app.screen.scenario.id == "dual-use-ban-2026"
        text = screen_text(app)
        assert "Dual-use ban on Japan, January 2026" in text
        assert "Sources (" in text and "[mofcom-1-2026]" in text
        assert "12 monthly turns from January 2026 · 7 materials · 7 actors" in text
        for team in ("Beijing", "Tokyo", "Washington"):
            assert team in text
        log = app.screen.query_one("#log-path", Input)
        assert log.placeholder == "sessions/dual-use-ban-2026-seed1.jsonl"
        # an empty seed is the default one: the field says so (it was told by the log name only)
        assert app.screen.query_one("#seed", Input).placeholder == "1 (the default)"


async def test_start_hot_seat_game_writes_log_at_default_path(make_app, workdir: Path) -> None:
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#seed", Input).value = "42"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game is not None and app.game.session.seed == 42
        assert app.game.human_teams == ["beijing", "tokyo", "washington"]
    log = workdir / "sessions" / "dual-use-ban-2026-seed42.jsonl"
    assert log.exists()
    rep = replay_log(log)
    assert rep.ok and rep.good_turns == 0


async def test_solo_mode_makes_the_others_computer_teams(make_app) -> None:
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#mode", Select).value = "solo"
        await pilot.pause()
        screen.query_one("#solo-team", Select).value = "washington"
        await pilot.pause()
        assert not screen.query_one("#solo-field").has_class("hidden")
        ctl = screen.controllers()
        assert ctl["washington"] == "human"
        assert ctl["beijing"] == ctl["tokyo"] == "bot:doctrine"  # sensible, not holding
        assert screen.query_one("#ctl-washington", Select).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        assert app.screen.team == "washington" and app.screen.solo


async def test_back_from_solo_to_hot_seat_puts_back_the_players_chosen_before(make_app) -> None:
    """Solo makes the other teams computer players; going back to Hot seat left them so, and
    a facilitator who did not notice started a hot-seat game with two computer teams."""
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#ctl-beijing", Select).value = "bot:doctrine:hawk"
        await pilot.pause()
        before = screen.controllers()
        assert before == {"beijing": "bot:doctrine:hawk", "tokyo": "human", "washington": "human"}
        screen.query_one("#mode", Select).value = "solo"
        await pilot.pause()
        assert screen.controllers()["washington"] == "bot:doctrine"
        screen.query_one("#mode", Select).value = "hotseat"
        await pilot.pause()
        assert screen.controllers() == before
        assert not any(s.disabled for s in screen.query("#team-fields Select"))


async def test_bad_scenario_opens_start_screen_with_the_error(make_app, workdir: Path) -> None:
    bad = workdir / "bad.yaml"
    bad.write_text("id: x\ntitle: [unclosed\n")
    app = make_app(scenario=str(bad))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        messages = [n.message for n in app._notifications]
        assert any("YAML syntax error" in m for m in messages)
        assert "YAML syntax error" in screen_text(app)


async def test_start_screen_shows_the_log_file_in_full_with_its_real_name(
    make_app, workdir: Path
) -> None:
    """The Log field cut the name off ('sessions/dual-use-ban-2026-s') and so hid the -2 the
    app adds when the default file exists; the line below it shows the whole name."""
    (workdir / "sessions").mkdir()
    (workdir / "sessions" / "dual-use-ban-2026-seed1.jsonl").write_text("")
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Saved to sessions/ dual-use-ban-2026-seed1-2.jsonl" in text
        # the file's name whole on its own line (cut anywhere, it read '....json' then 'l')
        shown = str(app.screen.query_one("#log-shown", Static).content)
        assert shown.splitlines()[-1] == "dual-use-ban-2026-seed1-2.jsonl"
        app.screen.query_one("#seed", Input).value = "7"
        await pilot.pause()
        assert "Saved to sessions/ dual-use-ban-2026-seed7.jsonl" in " ".join(
            screen_text(app).split()
        )
        app.screen.query_one("#log-path", Input).value = "sessions/dual-use-ban-2026-seed1.jsonl"
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Saved to sessions/ dual-use-ban-2026-seed1.jsonl" in text
        assert "(a " not in text  # an empty file loses nothing when written over


async def test_a_saved_session_is_never_written_over_from_the_start_screen(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """A solo player typed a saved session's name in the Log field and pressed ctrl+s: the
    2-turn game was replaced by a new game's first line, with only a yellow remark before."""
    (workdir / "sessions").mkdir()
    saved = workdir / "sessions" / "mine.jsonl"
    logged_game(saved, scenario, turns=2)
    before = saved.read_bytes()
    (workdir / "notes.txt").write_text("my notes\n", encoding="utf-8")
    logged_game(workdir / "elsewhere.jsonl", scenario, turns=1)
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#log-path", Input)
        for name, why, shown in [
            (
                "sessions/mine.jsonl",
                "saved session is there, and is never written over: to go "
                "on with it, resume it from Saved sessions",
                "sessions/ mine.jsonl",  # a folder on the first line, the name below it
            ),
            # not in sessions/, so not in the list: it said to resume it from there
            (
                "./elsewhere.jsonl",
                "to go on with it, chokepoint play --resume elsewhere.jsonl "
                "(Saved sessions lists sessions/ only)",
                "elsewhere.jsonl",
            ),
            ("./notes.txt", "a file is there already", "notes.txt"),
            ("./sessions", "this is a folder", "sessions"),
            ("mine", "saved session is there", "sessions/ mine.jsonl"),  # a bare name
        ]:
            field.value = name
            await pilot.pause()
            assert why in " ".join(screen_text(app).split())
            assert f"Cannot save to {shown}" in " ".join(screen_text(app).split())
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, StartScreen), name
            assert app.game is None
    assert saved.read_bytes() == before
    assert (workdir / "notes.txt").read_text(encoding="utf-8") == "my notes\n"


async def test_saved_sessions_say_how_far_each_went(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """The list showed file names only: a finished game, one stopped after turn 2, a branch,
    and a file that is not a log all looked the same."""
    from textual.widgets import OptionList

    folder = workdir / "sessions"
    folder.mkdir()
    whole = logged_game(folder / "whole.jsonl", scenario, turns=scenario.turns)
    logged_game(folder / "part.jsonl", scenario, turns=2)
    write_log(whole.fork(5, "whole.jsonl"), folder / "fork.jsonl")
    (folder / "junk.jsonl").write_text("not a log\n", encoding="utf-8")
    solo = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}
    logged_game(folder / "solo.jsonl", scenario, solo, turns=1)
    two = {**solo, "beijing": "human"}
    logged_game(folder / "two.jsonl", scenario, two, turns=1)
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listed = app.screen.query_one("#session-list", OptionList)
        labels = {
            str(listed.get_option_at_index(i).prompt).split(" · ")[0]: str(
                listed.get_option_at_index(i).prompt
            )
            for i in range(listed.option_count)
        }
        everyone = "hot seat"  # and who played (a solo player's audit)
        assert labels == {
            "whole.jsonl": f"whole.jsonl · finished · {everyone}",
            "part.jsonl": f"part.jsonl · 2 of 12 turns · {everyone}",
            "fork.jsonl": f"fork.jsonl · 5 of 12 turns · branch after turn 5 · {everyone}",
            "junk.jsonl": "junk.jsonl · not a Chokepoint log",
            "solo.jsonl": "solo.jsonl · 1 of 12 turns · solo: Tokyo",
            "two.jsonl": "two.jsonl · 1 of 12 turns · hot seat: Beijing, Tokyo",
        }


async def test_the_replay_and_resume_keys_lead_to_the_saved_sessions(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """A facilitator resuming after a crash pressed ctrl+r on the start screen and was told to
    'highlight a saved session in the list first', on a tab no key led to. Now the key opens
    the tab on the newest session, and pressed again resumes it."""
    from textual.widgets import OptionList, TabbedContent

    folder = workdir / "sessions"
    folder.mkdir()
    logged_game(folder / "part.jsonl", scenario, turns=2)
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#start-tabs", TabbedContent).active == "tab-sessions"
        listed = app.screen.query_one("#session-list", OptionList)
        assert listed.has_focus and listed.highlighted == 0
        assert any("ctrl+r to resume it" in n.message for n in app._notifications)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
        assert app.game.session.turn == 2


@pytest.mark.parametrize("mode", ["hotseat", "solo"])
async def test_another_scenario_can_be_picked_after_one_that_could_not_be_read(
    make_app, workdir: Path, mode: str
) -> None:
    """After `chokepoint play nosuch.yaml`, the guide says to pick another scenario on the start
    screen: moving to one ended the app with a traceback (NoMatches '#ctl-beijing')."""
    app = make_app(scenario=str(workdir / "nosuch.yaml"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        screen = app.screen
        assert screen.scenario is None
        screen.query_one("#mode", Select).value = mode
        await pilot.pause()
        screen.query_one("#scenario-list").focus()
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.scenario is not None)
        await wait_for(pilot, lambda: len(screen.query("#team-fields Select")) == 3)
        await pilot.pause()
        ctl = screen.controllers()
        if mode == "solo":
            assert ctl["tokyo"] == "human" and ctl["beijing"] == ctl["washington"] == "bot:doctrine"
        else:
            assert set(ctl.values()) == {"human"}
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, StartScreen))
        assert app.game is not None and app.game.session.scenario.id == screen.scenario.id


async def test_solo_is_kept_when_the_scenario_could_not_be_read(make_app, workdir: Path) -> None:
    """`chokepoint play nosuch.yaml --solo washington` dropped --solo on the way to the start
    screen: Mode showed Hot seat."""
    app = make_app(scenario=str(workdir / "nosuch.yaml"), solo="washington")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        screen = app.screen
        assert screen.mode == "solo"
        screen.query_one("#scenario-list").focus()
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.scenario is not None)
        await wait_for(pilot, lambda: len(screen.query("#team-fields Select")) == 3)
        await pilot.pause()
        assert screen.controllers()["washington"] == "human"
        assert screen.controllers()["tokyo"] == "bot:doctrine"


async def test_solo_mode_offers_the_other_teams_to_the_computer_only(make_app) -> None:
    """In Solo mode the other teams' lists offered Human, which the start then refused; they
    now offer the computer players only, and Hot seat offers Human again."""
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen

        def offered(tid: str) -> list[object]:
            return [v for _, v in screen.query_one(f"#ctl-{tid}", Select)._options]

        def shown() -> list[str]:  # what each team's list shows, as the screen reads
            return [
                str(screen.query_one(f"#ctl-{tid} SelectCurrent #label", Static).content)
                for tid in ("beijing", "tokyo", "washington")
            ]

        assert "human" in offered("beijing")
        # lists set before they were mounted showed 'Select', though they held Human
        assert shown() == ["Human", "Human", "Human"]
        screen.query_one("#mode", Select).value = "solo"
        await pilot.pause()
        assert "human" not in offered("beijing") and "human" not in offered("washington")
        assert "bot:doctrine:hawk" in offered("beijing")
        with pytest.raises(InvalidSelectValueError):
            screen.query_one("#ctl-beijing", Select).value = "human"
        # another team to play: it is the human one, the one before goes to the computer,
        # and a computer player chosen for a third team stays (a code review)
        screen.query_one("#ctl-washington", Select).value = "bot:doctrine:hawk"
        await pilot.pause()
        screen.query_one("#solo-team", Select).value = "beijing"
        await pilot.pause()
        assert screen.controllers() == {
            "beijing": "human",
            "tokyo": "bot:doctrine",
            "washington": "bot:doctrine:hawk",
        }
        assert "human" not in offered("tokyo")
        assert shown() == ["Human", "Computer: doctrine", "Computer: doctrine:hawk"]
        screen.query_one("#mode", Select).value = "hotseat"
        await pilot.pause()
        assert all("human" in offered(t) for t in ("beijing", "tokyo", "washington"))
        await pilot.press("ctrl+s")  # the players chosen before Solo: every team human
        await pilot.pause()
        assert app.game is not None
        assert set(app.game.session.controllers.values()) == {"human"}


async def test_a_bare_log_name_is_saved_in_sessions_as_a_log(make_app, workdir: Path) -> None:
    """A facilitator's audit: 'Exercise Alpha' typed as the log was saved as a file of that
    name (no .jsonl) beside the app, which the Saved sessions tab never listed."""
    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#log-path", Input).value = "Exercise Alpha"
        await pilot.pause()
        assert "Saved to sessions/ Exercise Alpha.jsonl" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
    log = workdir / "sessions" / "Exercise Alpha.jsonl"
    assert replay_log(log).ok and not (workdir / "Exercise Alpha").exists()
