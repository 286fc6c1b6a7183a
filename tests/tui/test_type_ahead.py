"""Keys typed faster than the screens come and go (a solo player's audit, 2026-11-30): each key
must reach the screen that is there when it is read, and a screen must close only once."""

from __future__ import annotations

import pytest
from textual import events

from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, wait_for

pytestmark = pytest.mark.asyncio


def burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue ``keys`` all at once, without waiting for the app between them."""
    chars = {"enter": "\r", "escape": "\x1b"}
    for key in keys:
        app.post_message(events.Key(key, chars.get(key, key)))


async def tokyo_with_an_order(pilot, app) -> TeamScreen:  # type: ignore[no-untyped-def]
    """Solo Tokyo's screen with one order drafted (so 's' resolves without a question)."""
    from game.orders import Diplomacy

    await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
    team = app.screen
    assert isinstance(team, TeamScreen)
    team.drafts.append(Diplomacy(move="tk_g7"))
    team.refresh_drafts()
    await pilot.pause()
    return team


def one_turn_played(make_app, workdir, scenario):  # type: ignore[no-untyped-def]
    """The app on a hot-seat session resumed after one turn (every team held)."""
    from .conftest import logged_game

    logged_game(workdir / "one.jsonl", scenario, turns=1)
    return make_app(resume=str(workdir / "one.jsonl"))


async def note_from_the_console(pilot, app):  # type: ignore[no-untyped-def]
    """Press c on the console; the console, once the note dialog is up."""
    from game.tui.screens.facilitation import NoteScreen
    from game.tui.screens.facilitator import FacilitatorScreen

    await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
    console = app.screen
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, NoteScreen))
    return console


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(20):
        await pilot.pause(0.05)


async def test_seal_enter_escape_escape_never_leaves_an_empty_screen(make_app) -> None:
    """'s', Enter, Escape, Escape in one burst left the app on an empty screen, the turn
    unresolved and unsaved, with ctrl+q quitting without a word."""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        burst(app, "s", "enter", "escape", "escape")
        await settle(pilot)
        assert app.screen is team or isinstance(app.screen, ResultsScreen), app.screen_stack
        assert len(app.screen_stack) >= 2  # the default screen and the game's


async def test_enter_right_after_seal_goes_back_rather_than_holding(make_app) -> None:
    """'s' then Enter within 50 ms held and resolved the turn: the dialog says Enter goes
    back (its focused button), and a turn cannot be taken back."""
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        burst(app, "s", "enter")
        await settle(pilot)
        assert app.screen is team
        assert app.game.session.turn == 0


async def test_a_key_typed_while_the_turn_resolves_does_not_skip_the_results(make_app) -> None:
    """With orders given, 's' then Escape showed the results and closed them at once."""

    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        team = await tokyo_with_an_order(pilot, app)
        burst(app, "s", "escape")
        await wait_for(pilot, lambda: app.game.session.turn == 1)
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")  # once seen, a key closes them
        await wait_for(pilot, lambda: app.screen is team)


async def test_an_escape_typed_with_seal_does_not_close_the_results_it_reached_late(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a terminal, 's' and Escape typed together still closed the results when the computer
    teams had decided already: Textual reads a lone Escape 0.1 s after it comes (it might begin
    a longer key), by when the results were up. Pilot sends keys with no such wait, so the
    terminal's wait is put back here."""
    from game.tui.app import ChokepointApp

    monkeypatch.setattr(ChokepointApp, "escape_delay", 0.1)
    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        team = await tokyo_with_an_order(pilot, app)
        burst(app, "s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        results = app.screen

        def escape(after: float) -> None:  # read ``after`` seconds after the results came up
            key = events.Key("escape", "\x1b")
            key.time = results.shown_at + after
            app.post_message(key)

        escape(0.05)  # typed 0.05 s before they came up
        await settle(pilot)
        assert app.screen is results
        escape(0.15)  # typed once they were up
        await wait_for(pilot, lambda: app.screen is team)


async def test_the_orders_table_keeps_its_widths_after_the_builder_is_closed(make_app) -> None:
    """In a real terminal, Escape out of the builder (editing an order) left the table at its
    headers' widths: 'Expor' / 't' / 'contr'. The widths are now given, not left to the table
    (the narrow layout itself only showed in a terminal, not under Pilot)."""
    from textual.widgets import DataTable

    from game.orders import ExportControl
    from game.tui.screens.order_form import OrderForm

    app = make_app(solo="tokyo", seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        team.drafts.append(ExportControl(material="gallium", target="*", level="licensing"))
        team.refresh_drafts()
        table = team.query_one("#drafts", DataTable)
        table.focus()
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OrderForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is team)
        columns = list(table.columns.values())
        assert not any(c.auto_width for c in columns)
        order_lines = str(table.get_row_at(0)[1]).split("\n")
        assert columns[1].width == max(len(x) for x in order_lines) > 16


async def test_text_typed_on_after_a_note_is_not_run_as_commands(
    make_app, workdir, scenario
) -> None:  # type: ignore[no-untyped-def]
    """A facilitator typing a note on past Enter: the letters after it reached the console as
    commands ('n' called the next team, 'r' asked to resolve the turn)."""
    app = one_turn_played(make_app, workdir, scenario)
    async with app.run_test(size=SIZE) as pilot:
        console = await note_from_the_console(pilot, app)
        await pilot.press("o", "k")
        # typed on after Enter, read by the app only once the console is back
        typed_on = [events.Key(k, k) for k in "n"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is console)
        for key in typed_on:
            app.post_message(key)
        await settle(pilot)
        assert app.screen is console  # 'n' called no team
        assert app.game.session.notes[1] == ["ok"]
        await pilot.press("n")  # a key typed now is a command as before
        await wait_for(pilot, lambda: app.screen is not console)


async def test_orders_waiting_for_a_team_are_wrapped_to_its_pane_not_a_narrow_guess(
    make_app,
) -> None:
    """A facilitator's audit: orders put back in a team's drafts (after an override) showed as
    'Invest in' / 'Indigenous' / 'chip-tool' beside an empty half-pane when the team's screen
    opened: they were wrapped before the pane had its width."""
    from textual.widgets import DataTable

    from game.orders import Invest

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.game.drafts["beijing"] = [Invest(option="cn_sme")]
        await pilot.press("n", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        await settle(pilot)
        table = app.screen.query_one("#drafts", DataTable)
        order = table.get_row_at(0)[1]
        # two lines at 120 columns, as wide as the pane leaves: not four of 16 characters
        assert str(order).splitlines() == ["Invest in Indigenous", "chip-tool programme"]


async def test_a_note_keeps_what_was_typed_before_enter_not_what_came_after(
    make_app, workdir, scenario
) -> None:  # type: ignore[no-untyped-def]
    """A facilitator's audit: a note typed on past Enter in one burst was saved as 'Tokyo
    argued the G7 linern': Enter went round the app before it submitted the field, and the
    letters after it were in the field by then. Notes cannot be edited once saved."""
    app = one_turn_played(make_app, workdir, scenario)
    async with app.run_test(size=SIZE) as pilot:
        console = await note_from_the_console(pilot, app)
        burst(app, *"G7 line", "enter", "r", "n")
        await settle(pilot)
        assert app.game.session.notes[1] == ["G7 line"]
        assert app.screen is console  # and 'r', 'n' ran nothing there
