"""A hot-seat turn: hand-over hides each team's orders; the facilitator sees all and resolves."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Select

from game.log import replay_log
from game.orders import Diplomacy, ExportControl
from game.tui.screens.dialogs import ConfirmScreen, HandoverScreen
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.order_form import OrderForm
from game.tui.screens.results import ResultsScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, HeldBots, open_builder, screen_text, wait_for

pytestmark = pytest.mark.asyncio


async def add_order(pilot, app, order_type: str, **fields: object) -> None:  # type: ignore[no-untyped-def]
    """Open the order builder with 'a', choose the fields, and add with ctrl+s."""
    form = await open_builder(pilot, app, order_type)
    for name, value in fields.items():
        form.query_one(f"#f-{name}", Select).value = value
        await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_hot_seat_turn_hides_each_team_from_the_next(make_app, workdir: Path) -> None:
    log = workdir / "hs.jsonl"
    app = make_app(log=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert "BEIJING" in screen_text(app)
        # the console under the hand-over screen is hidden, not merely covered
        assert console.query_one("#fac-body").has_class("hidden")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team == "beijing"
        await add_order(pilot, app, "diplomacy", move="bj_firm_statement")
        assert app.game.drafts["beijing"] == [Diplomacy(move="bj_firm_statement")]
        await pilot.press("s")
        await pilot.pause()
        # hand-over to Tokyo: says Beijing sealed, shows none of Beijing's orders
        assert isinstance(app.screen, HandoverScreen)
        text = screen_text(app)
        assert "Beijing's orders are sealed" in text and "TOKYO" in text
        assert "Firm statement" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team == "tokyo"
        text = screen_text(app)
        assert "Firm statement" not in text
        # Tokyo sees its own budget but not Washington's (fog)
        assert "3,000" in text
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.team == "washington"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and "FACILITATOR" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is console
        assert not console.query_one("#fac-body").has_class("hidden")
        text = screen_text(app)
        assert "Every team has sealed its orders" in text
        assert "Diplomatic move: Firm statement on Taiwan" in text  # the facilitator sees it
        assert console.query_one("#next-team", Button).disabled
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game.session.turn == 1
        text = screen_text(app)
        assert "Why the scores moved" in text
        assert "Firm statement on Taiwan" in text  # the chance draw of the move
        assert "roll" in text
    rep = replay_log(log)
    assert rep.ok and rep.good_turns == 1
    assert rep.turn_data[0]["orders"]["beijing"][0]["move"] == "bj_firm_statement"


async def test_refused_order_shows_the_engines_reason_inline(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        game = app.game
        await pilot.press("n", "enter")
        await pilot.pause()
        await pilot.press("s")  # Beijing holds
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.team == "tokyo"
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-type", Select).value = "export_control"
        await pilot.pause()
        form.query_one("#f-material", Select).value = "dytb"  # Japan produces no Dy/Tb
        await pilot.pause()
        verdict = str(form.query_one("#order-verdict").content)
        assert "Refused" in verdict and "does not produce Dy/Tb oxide" in verdict
        assert form.query_one("#add", Button).disabled
        await pilot.press("ctrl+s")  # refused: the form stays open
        await pilot.pause()
        assert app.screen is form
        form.query_one("#f-material", Select).value = "magnets"
        form.query_one("#f-target", Select).value = "CHN"
        await pilot.pause()
        assert "accepts" in str(form.query_one("#order-verdict").content)
        await pilot.press("escape")
        await pilot.pause()
        # four orders for three action points: the fourth is refused in the list, sealing fails
        team = app.screen
        game.drafts["tokyo"] = [
            Diplomacy(move="tk_g7"),
            Diplomacy(move="tk_wto"),
            Diplomacy(move="tk_firm_statement"),
            ExportControl(material="magnets", target="CHN", level="full_ban"),
        ]
        team.refresh_drafts()
        await pilot.pause()
        table = team.query_one("#drafts", DataTable)
        statuses = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
        assert statuses == ["✓ ok"] * 3 + ["✗ refused"]
        # the reason under the table, so the table keeps every column in view
        verdict = str(team.query_one("#draft-verdict").content)
        assert "✗ 4. needs 1 action point, 0 left this turn" in verdict
        assert "refuses 1 order" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is team  # not sealed
        assert "tokyo" not in game.session.pending
        assert any("order 4" in n.message for n in app._notifications)


async def test_facilitator_can_resolve_with_teams_waiting_after_confirming(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.game.session.turn == 0
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert app.game.session.turn == 1
        # measured once the results are painted, after the screen comes up
        await wait_for(pilot, lambda: app.results_drawn_ms is not None)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert "Turn 2 of 12" in screen_text(app)
        # undo the turn
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.game.session.turn == 0
        assert replay_log(app.game.log_path).good_turns == 0


async def test_order_form_shows_a_moves_chance_now_and_why(make_app) -> None:
    """Court Washington: base 35%, and cohesion at 70 takes 8 points off (coef -0.4)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrderForm)
        form.query_one("#f-type", Select).value = "diplomacy"
        await pilot.pause()
        moves = dict(form.query_one("#f-move", Select)._options)  # label -> move id
        assert moves["Court Washington separately (27%)"] == "bj_wedge"
        assert moves["Firm statement on Taiwan (70%)"] == "bj_firm_statement"
        form.query_one("#f-move", Select).value = "bj_wedge"
        await pilot.pause()
        detail = str(form.query_one("#order-detail").content)
        expected = "Chance of success now 27%: base 35%, -8 points for US–Japan cohesion at 70"
        assert expected in detail
        assert "index.cohesion" not in detail


async def test_order_form_opens_on_an_order_the_engine_accepts(make_app) -> None:
    """Each team's form starts on its first order type with a material it produces (not Dy/Tb
    for Washington, which would open on a refusal), at the mildest level: a slip of ctrl+s
    should not ban a material worldwide."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # the hand-over screen for Beijing
        await pilot.pause()
        for team in ("beijing", "tokyo", "washington"):
            await pilot.press("enter")  # take the terminal
            await pilot.pause()
            assert isinstance(app.screen, TeamScreen) and app.screen.team == team
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, OrderForm)
            assert form.order_type == "export_control"
            made = app.game.session.state.production[app.game.scenario.teams[team].actor]
            assert made[form.value("material")] > 0
            assert form.value("level") == "licensing"  # the mildest control, not a full ban
            assert "accepts" in str(form.query_one("#order-verdict").content), team
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("s")  # seal (hold): the hand-over to the next team
            await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_drafts_table_wraps_long_orders_and_keeps_the_verdict_in_view(
    make_app, size: tuple[int, int]
) -> None:
    app = make_app(solo="washington")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen)
        app.game.drafts["washington"] = [Diplomacy(move="us_g7"), Diplomacy(move="us_reassure")]
        team.refresh_drafts()
        await pilot.pause()
        table = team.query_one("#drafts", DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) <= table.scrollable_content_region.width, (widths, size)
        order = str(table.get_row_at(0)[1])
        assert "\n" in order  # 'Diplomatic move: Build a G7 critical-minerals coalition'
        assert " ".join(order.split()) == (
            "Diplomatic move: Build a G7 critical-minerals coalition"
        )
        assert [str(table.get_row_at(i)[-1]) for i in range(2)] == ["✓ ok", "✓ ok"]


async def test_escape_on_a_teams_hand_over_never_opens_the_console(make_app) -> None:
    """The console lists the sealed orders: a team that presses Escape on its hand-over screen
    stays there; only the facilitator's labelled ctrl+f takes the terminal back."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        console = app.screen
        assert isinstance(console, FacilitatorScreen)
        await pilot.press("n")  # the hand-over for Beijing, straight from the console
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and "BEIJING" in screen_text(app)
        await pilot.press("enter", "a")  # Beijing adds the form's first order and seals it
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and "TOKYO" in screen_text(app)
        for key in ("escape", "escape", "q"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HandoverScreen) and app.screen.to == "Tokyo"
            assert console.query_one("#fac-body").has_class("hidden")
            assert "Export control" not in screen_text(app)
        assert "Facilitator only: ctrl+f takes the terminal back" in screen_text(app)
        await pilot.press("ctrl+f")  # the facilitator's own key
        await pilot.pause()
        assert app.screen is console and not console.query_one("#fac-body").has_class("hidden")
        assert "Sealed orders (only you see these)" in screen_text(app)


async def test_quitting_with_sealed_orders_asks_first_and_a_team_cannot_start_a_new_game(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter", "s")  # Beijing seals (holds)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen) and team.team == "tokyo"
        # the command palette offers a team no way out of the session
        titles = [c.title for c in app.get_system_commands(team)]
        assert "Help" in titles and "New game" not in titles
        await pilot.press("ctrl+q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "Beijing's sealed orders for turn 1 are not saved" in screen_text(app)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.is_running and app.screen is team
        assert app.game.session.pending == {"beijing": []}
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_undo_says_it_discards_the_orders_sealed_for_the_coming_turn(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r", "y")  # turn 1 resolves, every team holding
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "enter", "s")  # Beijing seals for turn 2
        await pilot.pause()
        await pilot.press("ctrl+f")  # the facilitator takes the terminal back
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        assert app.game.session.pending == {"beijing": []}
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = " ".join(screen_text(app).split())
        assert "Undo turn 1? Its orders and results are discarded" in text
        assert "The orders Beijing has sealed for turn 2 are discarded too" in text
        await pilot.press("n")  # keep it; with a note on turn 1 the question names it too
        await pilot.pause()
        app.game.add_note("Tokyo hesitated")
        await pilot.press("u")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Undo turn 1? Its orders, results and 1 note are discarded" in text
        await pilot.press("y")
        await pilot.pause()
        assert app.game.session.turn == 0 and app.game.session.pending == {}


async def test_a_teams_notices_are_cleared_when_it_hands_the_terminal_over(make_app) -> None:
    """Beijing tried a refused order: the TOKYO hand-over must not still say so."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrderForm)
        form.query_one("#f-type", Select).value = "stockpile_release"
        await pilot.pause()
        form.query_one("#f-amount", Input).value = "900000000"  # refused: more than it holds
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("refuses this order" in n.message for n in app._notifications)
        await pilot.press("escape", "s")  # close the form, seal (hold)
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.to == "Tokyo"
        assert not list(app._notifications)


async def test_order_form_sanctions_start_on_a_country_and_approval_is_for_licensing_only(
    make_app,
) -> None:
    app = make_app(solo="washington")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrderForm)
        approval = form.query_one("#row-approval")
        assert form.value("level") == "licensing" and approval.display  # 'Approved 50%'
        for level in ("full_ban", "military_ban", "open"):
            form.query_one("#f-level", Select).value = level
            await pilot.pause()
            assert approval.has_class("hidden"), level  # means nothing for this level
        form.query_one("#f-level", Select).value = "licensing"
        await pilot.pause()
        assert not approval.has_class("hidden")
        form.query_one("#f-type", Select).value = "sanction"
        await pilot.pause()
        assert form.value("target") == "CHN"  # not 'Everyone (*)', always refused
        assert "accepts" in str(form.query_one("#order-verdict").content)


async def test_wording_budget_left_and_a_huge_amount_refused_in_the_form(make_app) -> None:
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        team = app.screen
        resources = str(team.query_one("#resources").content)
        assert "Budget: [b]US$3,000M[/b] left of US$3,000M" in resources
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrderForm)
        form.query_one("#f-type", Select).value = "stockpile_build"
        await pilot.pause()
        form.query_one("#f-amount", Input).value = "99999999999999999999"
        await pilot.pause()
        verdict = str(form.query_one("#order-verdict").content)
        assert "the amount can be at most 1,000,000,000 t" in verdict
        cost = str(form.query_one("#order-cost").content)
        assert "e+" not in cost and "8,192" not in cost
        assert form.query_one("#add", Button).disabled
        form.query_one("#f-amount", Input).value = "inf"
        await pilot.pause()
        assert "'inf' is not a number" in str(form.query_one("#order-verdict").content)


async def test_wording_fork_dialog_says_enter_confirms_and_the_compare_players(
    make_app,
) -> None:
    from game.tui.screens.compare import CompareScreen
    from game.tui.screens.dialogs import JumpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, JumpScreen)
        assert "Enter confirms; Escape cancels." in screen_text(app)
        players = CompareScreen(app.game)._players()
        assert "the others get the pragmatist doctrine)" in players
        assert "doctrine, the pragmatist" not in players


async def test_forking_away_from_sealed_orders_asks_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter", "s")  # Beijing seals
        await pilot.pause()
        await pilot.press("ctrl+f")  # the facilitator takes the terminal back
        await pilot.pause()
        game = app.game
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # fork after turn 0
        await pilot.pause()
        await pilot.press("ctrl+s")  # with the same players
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Fork after turn 0 and leave this session? Beijing's sealed orders for turn 1" in (
            " ".join(screen_text(app).split())
        )
        await pilot.press("n")
        await pilot.pause()
        assert app.game is game and isinstance(app.screen, FacilitatorScreen)
        await pilot.press("f", "enter", "ctrl+s", "y")
        await pilot.pause()
        assert app.game is not game and app.game.session.settings["branch_turn"] == 0


async def test_order_form_starts_on_orders_the_engine_accepts(make_app) -> None:
    """A tariff started on 'Everyone (*)' (refused: it needs one country), Invest on a project
    already funded, and lifting a control ('Open') still offered 'Extraterritorial'."""
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        game = app.game
        await add_order(pilot, app, "invest")  # the first project: Lynas NdPr offtake
        assert [o.option for o in game.drafts["tokyo"]] == ["lynas_offtake"]
        await pilot.press("s")  # seal & resolve
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrderForm)
        verdict = form.query_one("#order-verdict")
        form.query_one("#f-type", Select).value = "invest"
        await pilot.pause()
        assert form.value("option") == "lynas_heavy"  # not the funded offtake
        assert "accepts" in str(verdict.content), verdict.content
        for kind in ("tariff", "sanction"):
            form.query_one("#f-type", Select).value = kind
            await pilot.pause()
            target = form.query_one("#f-target", Select)
            assert form.value("target") == "CHN", kind
            assert "*" not in [v for _, v in target._options], kind
            assert "accepts" in str(verdict.content), (kind, verdict.content)
        form.query_one("#f-type", Select).value = "export_control"
        await pilot.pause()
        assert "*" in [v for _, v in form.query_one("#f-target", Select)._options]
        extraterritorial = form.query_one("#row-extraterritorial")
        assert not extraterritorial.has_class("hidden")
        form.query_one("#f-level", Select).value = "open"
        await pilot.pause()
        assert extraterritorial.has_class("hidden")


async def test_a_tick_box_shows_its_state_without_colour(make_app) -> None:
    # Textual's checkbox drew '▐X▌' ticked or not, told apart by colour alone (facilitator audit)
    from game.tui.widgets.tick_box import TickBox

    app = make_app(solo="beijing")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        box = app.screen.query_one("#f-extraterritorial", TickBox)
        assert not box.value and str(box.render()).startswith("▐ ▌ Extraterritorial")
        box.value = True
        await pilot.pause()
        assert str(box.render()).startswith("▐X▌ Extraterritorial")


async def test_the_bots_orders_coming_in_as_the_console_is_taken_down_draw_nothing(
    make_app, held_bots: HeldBots
) -> None:
    """A new game (or a fork) replaces the console while a computer team decides. The old
    console's widgets are removed one by one, and the worker's result can come in between (seen
    with 36 of its 45 widgets left): refresh_all, finding the team table still there, redrew it
    and raised NoMatches on a widget already gone."""
    app = make_app(bots={"washington": "doctrine"})
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(held_bots.decided))
        console = app.screen
        assert isinstance(console, FacilitatorScreen) and console.busy
        await console.query_one("#story").remove()  # taking the console down has begun
        app.action_new_game()  # nothing sealed by a person: the start screen at once
        assert console not in app.screen_stack
        console._bots_done([])  # Washington's orders come in: nothing drawn, nothing raised
        assert not console.busy
        held_bots.release()
        await pilot.pause()  # the start screen mounts before the app closes


async def test_a_drafted_order_can_be_changed_in_place(make_app) -> None:
    """Orders could only be removed and added again (Enter on one did nothing)."""
    from game.orders import Diplomacy, Invest

    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await add_order(pilot, app, "invest", option="lynas_offtake")
        await add_order(pilot, app, "diplomacy", move="tk_g7")
        assert screen.drafts == [Invest(option="lynas_offtake"), Diplomacy(move="tk_g7")]
        screen.query_one("#drafts", DataTable).move_cursor(row=0)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrderForm) and form.editing == Invest(option="lynas_offtake")
        assert form.query_one("#f-type", Select).value == "invest"
        assert form.query_one("#f-option", Select).value == "lynas_offtake"
        assert "Change the order for Tokyo" in screen_text(app)
        keys = form.active_bindings  # the footer says ctrl+s saves it, not 'Add order'
        assert keys["ctrl+s"].binding.description == "Save the order" and keys["ctrl+s"].enabled
        form.query_one("#f-option", Select).value = "jp_recycling"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.drafts == [Invest(option="jp_recycling"), Diplomacy(move="tk_g7")]
        table = screen.query_one("#drafts", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")  # Enter on an order opens it too
        await pilot.pause()
        assert isinstance(app.screen, OrderForm) and app.screen.editing == Diplomacy(move="tk_g7")
        assert app.screen.query_one("#f-move", Select).value == "tk_g7"
        await pilot.press("escape")  # cancelled: unchanged
        await pilot.pause()
        assert screen.drafts == [Invest(option="jp_recycling"), Diplomacy(move="tk_g7")]


async def test_quitting_with_a_draft_not_yet_sealed_asks_first(make_app) -> None:
    """A facilitator's audit: a team added an order, pressed ctrl+q (its footer offers Quit)
    and the app closed at once, the draft lost."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        app.game.drafts["beijing"].append(Diplomacy(move="bj_firm_statement"))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Beijing's unsealed draft is not saved" in app.screen.question


async def test_quitting_from_the_order_builder_asks_first(make_app) -> None:
    """A facilitator's audit: ctrl+q with the order builder open and no other order in the
    list quit at once, the order being built lost."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, OrderForm) and not app.game.drafts["beijing"]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith(
            "Quit? Beijing's order in the order builder is not saved"
        )
        await pilot.press("escape")  # stay: back in the builder
        await pilot.pause()
        assert isinstance(app.screen, OrderForm)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_builders_verdict_is_in_view_beside_its_buttons(
    make_app, size: tuple[int, int]
) -> None:
    """A facilitator's audit at 80x24: an export control's long explanation pushed the engine's
    verdict below the buttons, out of sight, so a team could add an order without seeing it."""
    from textual.widgets import Static

    app = make_app(solo="tokyo")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "export_control")
        verdict = form.query_one("#order-verdict", Static)
        add = form.query_one("#add", Button)
        assert "The engine accepts this order" in str(verdict.content)
        box = verdict.region
        assert box.height >= 1 and box.y + box.height <= size[1], (box, size)
        assert verdict.region.y < add.region.y < size[1]
        assert form.query_one("#order-dialog").region.contains_region(box)
