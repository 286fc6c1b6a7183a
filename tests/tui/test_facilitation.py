"""Facilitation in the app: injects fired by hand, overrides with reasons, notes, the turn
timer (with a fake clock), forks, and the after-action report."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Select

from game.bots import make_bot
from game.engine import Session
from game.facilitation import Override
from game.fog import team_view
from game.log import replay_log, write_log
from game.orders import Diplomacy, Invest
from game.scenario import Scenario
from game.tui.screens.dialogs import ConfirmScreen, HandoverScreen
from game.tui.screens.facilitation import InjectScreen, NoteScreen, OverrideScreen, ReportScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.fork import ForkScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, logged_game, screen_text, wait_for

pytestmark = pytest.mark.asyncio

G7 = "G7 leaders pledge a critical-minerals alliance"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def resolve(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    await pilot.pause()
    if not isinstance(app.screen, ResultsScreen):
        await pilot.press("y")
    await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
    await pilot.pause()


async def _inject_dialog(pilot, app) -> InjectScreen:  # type: ignore[no-untyped-def]
    """Press i on the console: the inject dialog."""
    await pilot.press("i")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, InjectScreen)
    return dialog


async def _open_inject(pilot, app, inject_id: str) -> InjectScreen:  # type: ignore[no-untyped-def]
    """Press i on the console and highlight ``inject_id`` in the dialog (not fired yet)."""
    dialog = await _inject_dialog(pilot, app)
    ids = [i.id for i in dialog.injects]
    dialog.query_one("#inject-list", OptionList).highlighted = ids.index(inject_id)
    await pilot.pause()
    return dialog


async def test_inject_fired_by_hand_reaches_teams_results_and_log(make_app, workdir: Path) -> None:
    log = workdir / "inj.jsonl"
    app = make_app(log=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _open_inject(pilot, app, "lib_g7_summit")
        assert "communique" in screen_text(app)  # the inject's text, before firing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.session.queued_injects == ["lib_g7_summit"]
        assert G7 in screen_text(app)
        # the teams see the headline when they build their orders
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        assert f"NEWS: {G7}" in screen_text(app)
        await pilot.press("escape")  # hand back unsealed
        await pilot.pause()
        assert "The facilitator: press Enter when you are ready." in screen_text(app)
        await pilot.press("enter")  # the facilitator takes the terminal
        await pilot.pause()
        await resolve(pilot, app)
        text = screen_text(app)
        assert G7 in text and "fired by the facilitator" in text
        # the log was written at resolve, with the inject marked as fired by hand
    rep = replay_log(log)
    assert rep.ok
    fired = rep.session.records[0].injects
    assert [(i.id, i.manual) for i in fired if i.manual] == [("lib_g7_summit", True)]


async def test_inject_refused_inline_when_already_queued(make_app, workdir: Path) -> None:
    app = make_app(log=str(workdir / "twice.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.queue_inject("lib_pla_exercise")
        await _open_inject(pilot, app, "lib_pla_exercise")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InjectScreen)
        assert "already queued" in screen_text(app)


async def test_an_inject_that_already_happened_says_so_once(make_app, workdir: Path) -> None:
    """A facilitator's audit read the reason twice: in red under the text, then again under it
    when Fire was pressed."""
    app = make_app(log=str(workdir / "once.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.session.state.fired.append("lib_pla_exercise")  # as if it fired in turn 1
        await _open_inject(pilot, app, "lib_pla_exercise")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InjectScreen)
        text = screen_text(app)
        assert text.count("already happened") == 1
        assert "This inject has already happened: it cannot fire again." in text


async def test_scripted_inject_is_news_for_the_next_turn(make_app, workdir: Path) -> None:
    app = make_app(log=str(workdir / "news.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        assert "scripted" in screen_text(app)
        news = app.game.session.news()
        assert news, "the scenario scripts an inject at the end of turn 1"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "enter")
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen)
        assert f"NEWS: {news[0].headline}" in screen_text(app)
        # the Briefing says what the news did (a solo player's audit: 'JOGMEC's dysprosium
        # reserve is exhausted' had no story there, its effects only in the ledger)
        app.game.queue_inject("lib_g7_summit")
        briefing = " ".join(team.briefing().plain.split())
        assert (
            "What it does (already): Japan's Taiwan posture +2.0 pts; makes available: "
            "Minamitorishima deep-sea mud" in briefing
        )
        assert "What it does (when this turn resolves): US–Japan cohesion +6.0 pts" in briefing
        # a solo player's audit: what a move or a project costs, and what days of cover count
        assert "• Invest in a project (2 AP)" in briefing  # Beijing's one project
        tokyo = " ".join(TeamScreen(app.game, "tokyo").briefing().plain.split())
        assert "• Invest in a project (1-2 AP, by choice)" in tokyo
        assert "• Diplomatic move (1 AP)" in tokyo
        assert "a government stockpile counts once it is released to industry" in tokyo


async def _open_override(pilot, app, kind: str, subject: str) -> OverrideScreen:  # type: ignore[no-untyped-def]
    """Press v and choose what to override."""
    await pilot.press("v")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, OverrideScreen)
    dialog.query_one("#ov-kind", Select).value = kind
    await pilot.pause()
    dialog.query_one("#ov-subject", Select).value = subject
    await pilot.pause()
    return dialog


async def _override(pilot, app, kind: str, subject: str, value: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    dialog = await _open_override(pilot, app, kind, subject)
    if kind == "draw":
        dialog.query_one("#ov-outcome", Select).value = value
    else:
        dialog.query_one("#ov-value", Input).value = value
    dialog.query_one("#ov-reason", Input).value = reason
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_an_index_override_says_which_events_still_move_the_index(
    make_app, workdir: Path
) -> None:
    """Turn 1 ends with the Chikyu news (posture +2), which comes after an override: the
    dialog says so, so that setting 70 and reading 72 is no surprise."""
    app = make_app(log=str(workdir / "ov.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        dialog = await _open_override(pilot, app, "index", "posture")
        text = screen_text(app)
        assert "fired and moved it by +2" in text and "Chikyu lifts rare-earth mud" in text
        dialog.query_one("#ov-subject", Select).value = "tension"  # not moved by it
        await pilot.pause()
        assert "fired and moved it" not in screen_text(app)
        dialog.query_one("#ov-subject", Select).value = "posture"
        dialog.query_one("#ov-value", Input).value = "70"
        dialog.query_one("#ov-reason", Input).value = "Cabinet reshuffle"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.game.session.state.indices["posture"] == pytest.approx(72, abs=0.01)


async def test_overrides_with_reasons_shown_and_logged(make_app, workdir: Path) -> None:
    log = workdir / "ov.jsonl"
    app = make_app(log=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.seal("tokyo", [Diplomacy(move="tk_g7")])
        await resolve(pilot, app)
        draw = next(d for d in app.game.session.records[-1].draws if d.subject == "tokyo:tk_g7")
        flipped = "0" if draw.happened else "1"
        # a reason is required
        await _override(pilot, app, "draw", "tokyo:tk_g7", flipped, "")
        assert isinstance(app.screen, OverrideScreen) and "Give a reason" in screen_text(app)
        app.screen.query_one("#ov-reason", Input).value = "Umpire: the summit was cancelled"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert "Umpire: the summit was cancelled" in text
        assert "override" in text
        record = app.game.session.records[-1]
        assert [d.happened for d in record.draws if d.subject == "tokyo:tk_g7"] == [
            not draw.happened
        ]
        # an index override, from the results screen too
        await _override(pilot, app, "index", "tension", "80", "Exercise control raises tension")
        assert isinstance(app.screen, ResultsScreen)
        assert "Tension set to 80 by the facilitator" in screen_text(app)
        assert app.game.session.state.indices["tension"] == pytest.approx(80, abs=0.01)
        # out of range is refused inline
        await _override(pilot, app, "index", "tension", "120", "too much")
        assert isinstance(app.screen, OverrideScreen)
        assert "Tension runs from 0 to 100: type a value in that range." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    rep = replay_log(log)
    assert rep.ok and rep.good_turns == 1
    overrides = rep.session.records[0].overrides
    assert [(o.kind, o.subject, o.reason) for o in overrides] == [
        ("draw", "tokyo:tk_g7", "Umpire: the summit was cancelled"),
        ("index", "tension", "Exercise control raises tension"),
    ]


async def test_an_override_keeps_the_orders_sealed_and_the_inject_queued_for_next_turn(
    make_app, workdir: Path
) -> None:
    """A facilitator's audit: an override unsealed every team's orders for the coming turn and
    dropped the inject queued for it, without a word; orders it makes refused are unsealed
    with a notice, back in the team's drafts."""
    app = make_app(log=str(workdir / "ov.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        game = app.game
        game.seal("tokyo", [Diplomacy(move="tk_g7")])
        smuggling = next(i.id for i in game.manual_injects() if "smuggling" in i.id)
        game.session.queue_inject(smuggling)
        option = next(o.id for o in game.scenario.investments if o.team == "washington")
        game.session.pending["washington"] = [Invest(option=option)] * 2  # refused once amended
        await _override(pilot, app, "index", "tension", "80", "Exercise control")
        assert isinstance(app.screen, ResultsScreen)
        assert game.session.pending == {"tokyo": [Diplomacy(move="tk_g7")]}
        assert game.session.queued_injects == [smuggling]
        assert game.drafts["washington"] == [Invest(option=option)] * 2
        said = [n.message for n in app._notifications]
        assert any(
            m.startswith("Washington: the orders sealed for the next turn are refused")
            for m in said
        ), said


async def test_note_is_logged_and_shown(make_app, workdir: Path) -> None:
    log = workdir / "note.jsonl"
    app = make_app(log=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Tokyo hesitated", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Tokyo hesitated" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Second note", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
    rep = replay_log(log)
    assert rep.ok and rep.session.notes == {1: ["Tokyo hesitated", "Second note"]}


async def _start_with_timer(pilot, app, seconds: int, on_timeout: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    app.screen.query_one("#timer", Select).value = seconds
    await pilot.pause()
    app.screen.query_one("#on-timeout", Select).value = on_timeout
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, FacilitatorScreen)


async def test_timer_tick_skips_a_console_not_yet_composed(make_app) -> None:
    """The half-second tick reaches every screen in the stack, also a console that has been
    pushed but not composed yet; it once raised NoMatches there (seen in CI on a slow machine)."""
    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start_with_timer(pilot, app, 600, "hold")
        fresh = FacilitatorScreen(app.game)
        fresh.show_timer()  # no banner to draw yet: nothing happens, nothing is raised
        fresh.refresh_all()  # what a time-up does to the top screen: on_mount draws it later
        assert not fresh.query("#turn-banner")
        assert "10:00 left" in screen_text(app)


async def test_timer_runs_out_and_waiting_teams_hold(make_app, workdir: Path) -> None:
    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start_with_timer(pilot, app, 600, "hold")
        game = app.game
        assert game.session.settings == {"timer_seconds": 600, "on_timeout": "hold"}
        assert "10:00 left" in screen_text(app)
        # pause: the clock moves on, the timer does not
        await pilot.press("s")
        clock.now += 5000
        app.tick_timer()
        await wait_for(pilot, lambda: "(paused)" in screen_text(app))
        assert "s resumes" in screen_text(app) and "s pauses" not in screen_text(app)
        assert game.session.pending == {}
        await pilot.press("s")
        clock.now += 300
        app.tick_timer()
        await wait_for(pilot, lambda: "5:00 left" in screen_text(app))
        # Beijing is at the terminal when time runs out
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        app.game.drafts["beijing"] = [Diplomacy(move="bj_firm_statement")]
        clock.now += 301
        app.tick_timer()
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        # what Beijing had written counts (a facilitator's audit: it was silently replaced);
        # the others, with nothing written, hold
        firm = [Diplomacy(move="bj_firm_statement")]
        assert game.session.pending == {"beijing": firm, "tokyo": [], "washington": []}
        assert "FACILITATOR" in screen_text(app)
        assert (
            "Time ran out for Beijing: the orders it had written, unsealed, were sealed as they "
            "stood." in screen_text(app)
        )
        assert "orders are sealed" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#team-table", DataTable)
        marks = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert marks == ["⏱ its drafts", "⏱ held", "⏱ held"]
        await resolve(pilot, app)
        # no time runs out while the facilitator debriefs the results
        clock.now += 10_000
        app.tick_timer()
        await pilot.pause()
        assert game.session.pending == {}
        await pilot.press("enter")  # back on the console, the next turn's clock starts
        await wait_for(pilot, lambda: "10:00 left" in screen_text(app))
        log = game.log_path
    rep = replay_log(log)
    assert rep.ok
    assert rep.session.settings == {"timer_seconds": 600, "on_timeout": "hold"}
    submitted = rep.session.records[0].submitted
    assert submitted == {"beijing": firm, "tokyo": [], "washington": []}
    assert rep.session.notes[1] == [
        "⏱ Time ran out for Beijing: the orders it had written, unsealed, were sealed as they "
        "stood.",
        *(f"⏱ Time ran out for {t}: it held (no orders)." for t in ("Tokyo", "Washington")),
    ]


async def test_timer_runs_out_and_the_computer_gives_the_orders(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start_with_timer(pilot, app, 300, "computer")
        game = app.game
        game.seal("tokyo", [])  # Tokyo sealed in time: its orders stand
        clock.now += 301
        app.tick_timer()
        await pilot.pause()
        pending = game.session.pending
        assert set(pending) == {"beijing", "tokyo", "washington"} and pending["tokyo"] == []
        state = game.session.state
        for team in ("beijing", "washington"):
            bot = make_bot("doctrine", team, scenario, game.session.seed)
            assert pending[team] == bot.decide(team_view(scenario, state, team, 1))
        assert any(pending[t] for t in ("beijing", "washington"))
        # the console says whose orders the computer gave (a facilitator's audit: they read
        # as the team's own, on the console, in the replay and in the report)
        text = screen_text(app)
        assert "⏱ time ran out: the computer (doctrine) chose its orders" in text
        assert "⏱ time is up" in text and "s pauses" not in text  # nothing left to pause
        await resolve(pilot, app)
        log = game.log_path
    rep = replay_log(log)
    assert rep.ok and rep.session.records[0].submitted["beijing"] == pending["beijing"]
    words = {t: f"⏱ Time ran out for {t.title()}: " for t in ("beijing", "washington")}
    notes = rep.session.notes[1]
    assert len(notes) == 2 and all(
        any(n.startswith(words[t]) for n in notes) for t in ("beijing", "washington")
    )
    assert all(
        n.endswith(("the computer (doctrine) chose its orders.", "it held (no orders)."))
        for n in notes
    )


async def test_reopening_a_team_the_computer_played_at_time_up_keeps_its_orders(
    make_app,
) -> None:
    """A facilitator's audit: o on a team marked '⏱ computer's' (three orders) then n showed
    the team's screen with 'No orders yet': the computer's orders were thrown away."""
    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start_with_timer(pilot, app, 300, "computer")
        game = app.game
        clock.now += 301
        app.tick_timer()
        await pilot.pause()
        chosen = game.session.pending["washington"]
        assert chosen and "washington" in game.timed_out
        game.reopen("washington")
        assert "washington" not in game.session.pending
        assert "washington" not in game.timed_out  # the mark goes
        assert game.drafts["washington"] == chosen  # the orders stay, to be changed


async def test_solo_timer_resolves_the_turn(make_app, workdir: Path) -> None:
    clock = FakeClock()
    app = make_app(solo="tokyo", clock=clock, log=str(workdir / "solo.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        game = app.game
        assert game.timer is None  # no timer unless chosen
        game.session.settings.update(timer_seconds=60, on_timeout="hold")
        from game.tui.game import TurnTimer

        game.timer = TurnTimer(60, clock)
        game.arm_timer()
        clock.now += 61
        app.tick_timer()
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.pause()
        assert game.session.turn == 1
        assert game.session.records[0].submitted["tokyo"] == []


async def test_report_offered_and_written(make_app, workdir: Path, scenario: Scenario) -> None:
    log = workdir / "late.jsonl"
    logged_game(log, scenario, turns=scenario.turns - 1)
    app = make_app(resume=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        assert "The game is over" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "late-report.md" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert "Report: late-report.md" in screen_text(app)
    text = (workdir / "late-report.md").read_text(encoding="utf-8")
    for name in ("Beijing", "Tokyo", "Washington"):
        assert name in text


async def _fork_from_console(pilot, app, turn: int) -> None:  # type: ignore[no-untyped-def]
    """f, the turn, Enter, then the players dialog kept as it is (ctrl+s)."""
    await pilot.press("f")
    await pilot.pause()
    app.screen.query_one(Input).value = str(turn)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ForkScreen)  # who plays from here: as before, unchanged
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_fork_from_the_console(make_app, workdir: Path) -> None:
    app = make_app(log=str(workdir / "orig.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await resolve(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await _fork_from_console(pilot, app, 1)
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.session.turn == 1
        assert app.game.log_path.name.startswith("dual-use-ban-2026-fork-t1")
        assert app.game.session.settings["branch_of"] == "orig.jsonl"
        assert app.game.session.settings["branch_turn"] == 1
    assert replay_log(app.game.log_path).good_turns == 1
    assert replay_log(workdir / "orig.jsonl").good_turns == 2


async def test_replay_shows_injects_overrides_and_notes(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    session = Session(scenario, 7, {t: "human" for t in scenario.teams})
    session.queue_inject("lib_plant_fire")
    session.submit("tokyo", [Diplomacy(move="tk_g7")])
    session.resolve()
    session.amend([Override(kind="index", subject="cohesion", value=90, reason="Umpire call")])
    session.add_note("Washington stayed quiet")
    path = workdir / "fac.jsonl"
    write_log(session, path)
    app = make_app(replay=path.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        text = screen_text(app)
        assert "Fire shuts a magnet plant in Vietnam" in text and "fired by the facilitator" in text
        assert "Umpire call" in text
        assert "Washington stayed quiet" in text
        await pilot.press("v")  # a team does not see the facilitator's notes
        await pilot.pause()
        text = screen_text(app)
        assert "Umpire call" in text and "Washington stayed quiet" not in text


async def test_log_written_right_after_results_drawn_or_on_exit(make_app, workdir: Path) -> None:
    """The UI-thread resolve writes the log just after the results are painted; quitting
    before that paint still writes it."""
    log = workdir / "quick.jsonl"
    app = make_app(log=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        await wait_for(pilot, lambda: replay_log(log).good_turns == 1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
    assert replay_log(log).good_turns == 2


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_console_names_each_computer_player_without_losing_a_column(
    make_app, workdir: Path, scenario: Scenario, size: tuple[int, int]
) -> None:
    """A computer team has its bot's kind under its name: a 'Played by' column with 'Computer
    (doctrine:hawk)' pushed the Orders column out of the console's pane."""
    log = workdir / "mixed.jsonl"
    players = {"beijing": "bot:doctrine:hawk", "tokyo": "human", "washington": "human"}
    logged_game(log, scenario, players)
    app = make_app(resume=str(log))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#team-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["Team (player)", "Orders"]
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) <= table.scrollable_content_region.width, widths
        teams = [str(table.get_row_at(i)[0]) for i in range(3)]
        assert teams == ["Beijing\ndoctrine:hawk", "Tokyo", "Washington"]


async def test_an_inject_fired_after_every_team_sealed_says_no_team_will_see_it(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter", "s")  # Beijing seals
        await pilot.pause()
        await pilot.press("enter", "s", "enter", "s", "enter")  # Tokyo, Washington; console
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen) and not app.game.waiting_humans()
        await _open_inject(pilot, app, "lib_g7_summit")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            f"“{G7}” fires at the start of turn 1, but every team has already sealed its "
            "orders: no team will see it before the turn resolves" in m
            for m in messages
        ), messages
        assert not any("the teams see it as news" in m for m in messages)


async def test_an_inject_fired_says_the_computer_teams_do_not_read_the_news(make_app) -> None:
    """A facilitator's audit: with Beijing played by the computer (its orders decided), the
    message said 'the teams see it as news', and Beijing never reacted to it."""
    app = make_app(bots={"beijing": "doctrine"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await _open_inject(pilot, app, "lib_g7_summit")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            "the teams played by people see it as news. Beijing is played by the computer, "
            "which does not read the news: it meets the inject's effects when the turn "
            "resolves." in m
            for m in messages
        ), messages


async def test_time_up_while_a_team_is_called_never_shows_the_console(make_app) -> None:
    """The hand-over screen calls Beijing; time runs out: the facilitator is called (Enter), the
    console with its sealed orders does not open in front of whoever holds the terminal."""
    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start_with_timer(pilot, app, 300, "hold")
        console = app.screen
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.to == "Beijing"
        clock.now += 301
        app.tick_timer()
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.to == "the facilitator"
        assert console.query_one("#fac-body").has_class("hidden")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is console and not console.query_one("#fac-body").has_class("hidden")


async def test_after_the_game_the_console_refuses_the_keys_that_play_a_turn(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """After the last turn n, t, r, o, i and s are hidden from the footer and the buttons and
    refused with a reason: n then Enter opened 'Beijing: orders for turn 13', whose s and a did
    nothing, and r did nothing, silently."""
    log = workdir / "over.jsonl"
    logged_game(log, scenario, turns=scenario.turns)
    app = make_app(resume=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        console = app.screen
        assert isinstance(console, FacilitatorScreen) and app.game.session.is_over
        shown = {k for k, ab in console.active_bindings.items() if ab.binding.show}
        assert not shown & {"n", "r", "t", "o", "i", "s"}, shown
        assert {"l", "p", "c"} <= shown
        assert not console.query_one("#next-team").display
        assert not console.query_one("#resolve").display
        for key, reason in [
            ("n", "no team has orders to give"),
            ("t", "no team has orders to give"),
            ("r", "every turn has been resolved"),
            ("o", "there are no orders to reopen"),
            ("i", "there is no coming turn to fire an inject into"),
            ("s", "there is no turn left to time"),
        ]:
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is console, key
            messages = [n.message for n in app._notifications]
            assert messages == [f"The game is over: {reason}."], (key, messages)
        await pilot.press("enter")  # the focused widget: no button that plays a turn
        await pilot.pause()
        assert app.screen is console
        palette = [c[0] for c in console.palette_commands()]
        assert "Next team" not in palette and "Resolve the turn" not in palette
        assert "Undo the last turn" in palette


async def test_a_scripted_inject_is_given_one_turn_everywhere(make_app, workdir: Path) -> None:
    """Chikyu, scripted for turn 2, fires at the end of turn 1: the dialog said 'scripted for
    turn 2' while the turn-1 results listed it as plain '(scripted)' news of turn 1."""
    chikyu = "Chikyu lifts rare-earth mud from 5,600 m off Minamitorishima"
    app = make_app(log=str(workdir / "chikyu.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _inject_dialog(pilot, app)
        lst = dialog.query_one("#inject-list", OptionList)
        prompts = [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
        assert f"{chikyu} · scripted: fires at the end of turn 1, news for turn 2" in prompts, (
            prompts
        )
        await pilot.press("escape")
        await pilot.pause()
        await resolve(pilot, app)
        assert app.screen.record.turn == 1
        flat = " ".join(screen_text(app).split())  # (the line may wrap)
        assert f"{chikyu} (scripted: fired at the end of this turn, news for turn 2)" in flat


async def test_all_changes_name_every_ledger_key_in_words(make_app, workdir: Path) -> None:
    """'m' on the results listed '• production.Vietnam.NdFeB magnets -…: inject: …': a dotted
    path and no unit. Every ledger key the app shows is in words, with its unit."""
    import re

    app = make_app(log=str(workdir / "keys.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for inject_id in ("lib_plant_fire", "lib_ev_boom"):
            app.game.queue_inject(inject_id)
        await resolve(pilot, app)
        await pilot.press("m")
        await pilot.pause()
        # the list is at the foot of the story: m says what it did (a solo player saw nothing)
        said = [n.message for n in app._notifications]
        assert "Markets and industry: every change is listed (m again: the 12 largest)." in said
        text = screen_text(app)
        assert re.search(r"Vietnam's NdFeB magnets production -[\d,.]+ t/turn: inject: ", text)
        assert re.search(r"Japan's demand for NdPr oxide \+[\d,.]+ t/turn", text), text
        for root in ("production", "demand", "output", "share", "cover", "price", "revenue"):
            assert not re.search(rf"\b{root}\.\w", text), root


async def test_the_inject_dialog_words_a_condition_and_possessives_read_well(
    make_app, workdir: Path
) -> None:
    """'Scripted to fire when: index.tension >= 80' showed the scenario's syntax; the ledger's
    'USA's working inventory' read 'United States's working inventory'."""
    app = make_app(log=str(workdir / "words.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _inject_dialog(pilot, app)
        crisis = next(i for i in dialog.injects if i.condition == "index.tension >= 80")
        dialog.query_one("#inject-list", OptionList).highlighted = dialog.injects.index(crisis)
        await pilot.pause()
        text = screen_text(app)
        assert (
            "Scripted: fires at the end of a turn in which tension is at least 80 "
            "(news for the next turn)" in text
        ), text
        assert "index.tension" not in text
        await pilot.press("escape")
        await pilot.pause()
        await resolve(pilot, app)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "States's" not in text
        assert "the United States' working inventory of" in text, text


async def _footer_keys(app) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """Each key of the footer: its action and where it starts and ends on the screen."""
    from textual.widgets._footer import FooterKey

    return [(k.action, k.region.x, k.region.right) for k in app.screen.query(FooterKey)]


async def test_at_80_columns_every_footer_shows_f1_help_and_nothing_is_cut(
    make_app, workdir: Path, scenario: Scenario
) -> None:
    """At 80x24 the console's footer ended at 'v Override' ('F1 Help' off the edge) and the
    start screen's read 'F1 He'."""
    logged_game(workdir / "over.jsonl", scenario, turns=scenario.turns)
    for kind, kw in [
        ("start", {"start_screen": True}),
        ("console", {}),
        ("team", {}),
        ("results", {}),
        ("solo", {"solo": "tokyo"}),
        ("replay", {"replay": str(workdir / "over.jsonl")}),
        ("game over", {"resume": str(workdir / "over.jsonl")}),
    ]:
        app = make_app(**kw)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            if kind == "team":
                await pilot.press("n", "enter")
            if kind == "results":
                await resolve(pilot, app)
            await pilot.pause()
            keys = await _footer_keys(app)
            actions = [a for a, _, _ in keys]
            assert "help" in actions, (kind, actions)
            palette = next(x for a, x, _ in keys if a == "command_palette")
            assert all(r <= palette for a, _, r in keys if a != "command_palette"), (kind, keys)


async def test_the_inject_dialog_at_80x24_shows_three_injects_and_the_effects(make_app) -> None:
    """At 80x24 the dialog showed two injects and an 'Effects' heading with no lines under it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await _inject_dialog(pilot, app)
        assert dialog.query_one("#inject-list").scrollable_content_region.height >= 6
        detail = dialog.query_one("#inject-detail")
        lines = [
            "".join(s.text for s in line)
            for line in detail.render_lines(detail.region.reset_offset)
        ]
        shown = dialog.query_one("#inject-scroll").scrollable_content_region.height
        effect = next(i for i, line in enumerate(lines) if "Taiwan posture +2.0 pts" in line)
        assert effect < shown, (lines, shown)


async def test_reopen_says_why_nothing_happens(make_app) -> None:
    """'o' on a computer team, or on a team with nothing sealed, did nothing and said nothing."""
    app = make_app(bots={"washington": "hold"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("o")  # Beijing, first row: nothing sealed yet
        await pilot.pause()
        app.screen.query_one("#team-table", DataTable).move_cursor(row=2)  # Washington
        await pilot.press("o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Beijing has not sealed orders: there is nothing to reopen." in messages
        assert any(
            m.startswith("Washington is played by the computer") and "fork (f)" in m
            for m in messages
        ), messages


async def test_a_projects_draw_is_overridden_as_slipping_or_on_schedule(make_app) -> None:
    """The dialog offered 'Happens / succeeds' for a project's slip draw, and the results then
    said the project was 'made to succeed' when it had been delayed."""
    from game.orders import Invest

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.seal("tokyo", [Invest(option="jp_recycling")])
        await resolve(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await resolve(pilot, app)  # turn 2: the project's first slip draw
        assert [d.subject for d in app.game.session.records[-1].draws] == ["jp_recycling"]
        dialog = await _open_override(pilot, app, "draw", "jp_recycling")
        text = screen_text(app)
        assert "Slips a turn" in text and "succeeds" not in text, text
        dialog.query_one("#ov-outcome", Select).value = "1"
        dialog.query_one("#ov-reason", Input).value = "what-if: the plant is late"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "made to slip a turn by the facilitator" in " ".join(screen_text(app).split())
        assert app.game.session.records[-1].draws[0].happened


async def test_a_branch_is_compared_with_its_original_in_the_app(make_app, workdir: Path) -> None:
    """A what-if in the app had no score diff: only `chokepoint diff` gave one."""
    from game.tui.screens.compare_original import CompareOriginalScreen

    app = make_app(log=str(workdir / "orig.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")  # not a branch: says so
        await pilot.pause()
        assert any("not a branch" in n.message for n in app._notifications)
        for _ in range(2):
            await resolve(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
        await _fork_from_console(pilot, app, 1)
        app.game.seal("tokyo", [Diplomacy(move="tk_g7")])  # the what-if: Tokyo goes to the G7
        await resolve(pilot, app)
        await pilot.press("d")  # from the results
        await pilot.pause()
        assert isinstance(app.screen, CompareOriginalScreen)
        text = " ".join(screen_text(app).split())
        assert "This branch (B) beside its original (A)" in text
        # both logs named as the facilitator sees them, not one of them as an absolute path
        # (a facilitator's audit: the title ran past the screen and lost its A/B key)
        assert "A: orig.jsonl (seed" in text and "B: sessions/" in text
        assert str(workdir) not in text
        assert "The logs diverge at turn 2 (2026-02); turn 1 is identical." in text
        assert "only in B: Diplomatic move: Coordinate a G7 response" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


async def test_a_team_sees_its_time_left_at_80_columns(make_app) -> None:
    """A facilitator's audit: at 80x24 the team header was cut before the time left."""
    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_with_timer(pilot, app, 600, "hold")
        await pilot.press("n", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        app.tick_timer()
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "⏱ 10:00 left" in top, top


async def test_quitting_with_an_inject_fired_for_the_coming_turn_asks_first(
    make_app, workdir: Path
) -> None:
    """A facilitator fired the G7 inject, pressed ctrl+q, and the app closed at once: the
    inject, logged only with the turn it opens, was gone on resume."""
    app = make_app(log=str(workdir / "fired.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.queue_inject("lib_g7_summit")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        headline = app.game.inject("lib_g7_summit").headline
        assert f"the inject fired for turn 1 ('{headline}') is not saved" in app.screen.question


async def test_time_up_under_a_question_still_calls_the_facilitator_back(make_app) -> None:
    """The timer ran out while Quit? covered a team's hand-over: the hand-over stayed, and
    after 'Stay' Enter gave the terminal to a team whose orders the timer had sealed."""
    from game.tui.screens.dialogs import ConfirmScreen, HandoverScreen

    clock = FakeClock()
    app = make_app(start_screen=True, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start_with_timer(pilot, app, 600, "hold")
        app.game.seal("beijing", [])  # sealed orders: quitting asks first
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        clock.now += 601
        app.tick_timer()
        # as without the question: the hand-over now calls the facilitator, not the team
        await wait_for(
            pilot, lambda: isinstance(app.screen, HandoverScreen) and not app.screen.for_team
        )
        assert not any(isinstance(s, ConfirmScreen) for s in app.screen_stack)
        assert [s for s in app.screen_stack if isinstance(s, HandoverScreen)] == [app.screen]
        assert set(app.game.session.pending) == {"beijing", "tokyo", "washington"}


async def test_arrows_highlight_a_team_on_a_fresh_console(make_app) -> None:
    """A facilitator's audit: on a new console ↓ ↓ t called Beijing, the first row: the arrows
    did nothing while the focus was on the buttons."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("down", "down")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert app.screen.to == "Washington"
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
        await pilot.press("up", "up", "up")  # stops at the first row
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        assert app.screen.to == "Beijing"


async def test_an_override_lets_the_computer_choose_again_from_the_amended_turn(
    scenario: Scenario, workdir: Path
) -> None:
    """A code review: keeping every sealed order across an override kept the computer teams'
    orders, chosen from the turn before the facilitator changed it; they choose again."""
    from game.engine import Session
    from game.facilitation import Override
    from game.tui.game import Game

    controllers = {"beijing": "bot:doctrine:hawk", "tokyo": "human", "washington": "human"}
    game = Game(Session(scenario, 3, controllers), workdir / "g.jsonl")
    game.seal_computer_orders()
    game.resolve()
    game.seal_computer_orders()  # Beijing's orders for turn 2, from turn 1 as played
    game.seal("tokyo", [Diplomacy(move="tk_g7")])
    assert "beijing" in game.session.pending
    game.amend([Override(kind="index", subject="tension", value=5, reason="calm")])
    assert "beijing" not in game.session.pending  # to be chosen again when the turn resolves
    assert game.session.pending["tokyo"] == [Diplomacy(move="tk_g7")]  # people's orders stay
    hawk = make_bot("doctrine:hawk", "beijing", scenario, 3)
    expected = hawk.decide(team_view(scenario, game.session.state, "beijing", 3))
    game.resolve()
    assert game.session.records[-1].submitted["beijing"] == expected


async def test_a_note_dressed_as_a_time_out_is_refused_in_the_dialog(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resolve(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(Input).value = "⏱ Time ran out for Tokyo: we gave them more time."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "a note cannot start with ⏱" in screen_text(app)
        assert app.game.session.notes == {}
