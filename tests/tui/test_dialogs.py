"""The dialogs for a keyboard-only facilitator, at 80x24 and without colour: the order builder,
fork, "against the computer" and the footers of the dialogs (accessibility audit)."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from game.tui.screens.order_form import OrderForm

from .conftest import SIZE, open_builder, screen_text

pytestmark = pytest.mark.asyncio


async def test_a_new_investment_skips_projects_already_ordered_this_turn(make_app) -> None:
    """The builder started on the project the team had just ordered, which the engine then
    refused ('conflicts with order 1'); the guide says it starts on one the team can fund."""
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "invest")
        assert form.value("option") == "lynas_offtake"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [o.option for o in app.game.drafts["tokyo"]] == ["lynas_offtake"]
        form = await open_builder(pilot, app, "invest")
        assert form.value("option") == "lynas_heavy"
        assert "accepts" in str(form.query_one("#order-verdict").content)


async def test_a_refused_order_is_not_explained_by_colour(make_app) -> None:
    """'see the reason in red': nothing is red without colour, or for a colour-blind team."""
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "export_control")
        form.query_one("#f-material", Select).value = "dytb"  # Japan does not make it
        await pilot.pause()
        assert "✗ Refused" in str(form.query_one("#order-verdict").content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        refusal = [m for m in messages if "refuses" in m]
        assert refusal == [
            "The engine refuses this order; see the reason under the order, marked ✗."
        ]
        assert "red" not in refusal[0]


async def test_the_fork_dialog_after_turn_1_says_turn_1_is_copied(make_app, scenario) -> None:
    """After turn 1 it said 'turns 1 to 1 are copied'."""
    from game.tui.screens.fork import ForkScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for turn, words in ((1, "turn 1 is copied"), (3, "turns 1 to 3 are copied")):
            app.push_screen(ForkScreen(scenario, turn, {}))
            await pilot.pause()
            text = " ".join(screen_text(app).split())
            assert words in text and "1 to 1" not in text
            app.pop_screen()
            await pilot.pause()


def shown(app, widget) -> bool:  # type: ignore[no-untyped-def]
    """True when the middle of ``widget`` is on the screen and not hidden by anything."""
    region = widget.region
    if not region:
        return False
    x, y = region.x + region.width // 2, region.y + region.height // 2
    if not (0 <= x < app.size.width and 0 <= y < app.size.height):
        return False
    found, _ = app.screen.get_widget_at(x, y)
    return found is widget or widget in found.ancestors


async def test_at_80x24_a_two_line_refusal_leaves_the_builder_buttons_in_view(make_app) -> None:
    """The refusal pushed 'Add order' and 'Cancel' below the dialog's edge (only their top
    line showed), and Tab onto Cancel did not scroll them into view."""
    from textual.widgets import Button

    from game.tui.widgets.tick_box import TickBox

    app = make_app(solo="tokyo")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "export_control")
        form.query_one("#f-material", Select).value = "dytb"  # Japan does not make it
        form.query_one("#f-extraterritorial", TickBox).value = True
        await pilot.pause()
        verdict = form.query_one("#order-verdict")
        assert "✗ Refused" in str(verdict.content) and verdict.region.height == 2
        assert shown(app, verdict)
        for name in ("add", "cancel"):
            button = form.query_one(f"#{name}", Button)
            for _ in range(20):  # Tab onto it, as a keyboard user would
                if app.focused is button or button.disabled:
                    break
                await pilot.press("tab")
            await pilot.pause()
            assert shown(app, button), name


async def test_the_focused_drop_down_is_marked_without_colour(make_app) -> None:
    """A focused Select looked like the others but for one grey step (nothing at all under
    TERM=xterm): it is now drawn inverted and bold, and an open list is boxed."""
    from textual.widgets._select import SelectCurrent, SelectOverlay

    app = make_app(start_screen=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # from the scenario list to Mode
        await pilot.pause()
        mode = app.screen.query_one("#mode", Select)
        other = app.screen.query_one("#timer", Select)
        assert app.focused is mode
        focused, plain = mode.query_one(SelectCurrent), other.query_one(SelectCurrent)
        assert focused.styles.text_style.bold and not plain.styles.text_style.bold
        from textual.color import Color

        theme = app.get_css_variables()
        fg, bg = Color.parse(theme["foreground"]), Color.parse(theme["background"])
        assert focused.styles.background == fg and plain.styles.background != fg
        assert focused.query_one("#label").styles.color == bg
        await pilot.press("enter")  # open the list
        await pilot.pause()
        overlay = mode.query_one(SelectOverlay)
        assert overlay.display and overlay.styles.border_top[0] == "round"
        assert overlay.styles.border_bottom[0] == "round"


async def test_at_80x24_each_dialog_footer_shows_its_own_keys_with_f1_first(make_app) -> None:
    """While a dialog was open the footer showed the screen under it ('esc Hand back' while
    Escape cancelled the order builder, nothing saying ctrl+s adds the order), and F1 did
    nothing in a dialog."""
    from textual.widgets._footer import FooterKey

    from game.tui.screens.dialogs import ConfirmScreen, JumpScreen
    from game.tui.screens.facilitation import NoteScreen, ReportScreen
    from game.tui.screens.fork import ForkScreen
    from game.tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        game = app.game
        under = app.screen
        under_keys = {k.action for k in under.query(FooterKey)}
        dialogs = {
            "confirm": (ConfirmScreen("Quit?"), {"answer(True)", "answer(False)"}),
            "jump": (JumpScreen(0, 3, 1), {"cancel"}),
            "fork": (ForkScreen(game.scenario, 1, {}), {"fork", "cancel"}),
            "note": (NoteScreen(game), {"cancel"}),
            "report": (ReportScreen(game), {"choose('html')", "choose('md')"}),
        }
        for name, (dialog, own) in dialogs.items():
            app.push_screen(dialog)
            await pilot.pause()
            keys = list(dialog.query(FooterKey))
            actions = [k.action for k in keys]
            assert actions[0] == "app.help", (name, actions)
            assert own <= set(actions), (name, actions)
            assert not (set(actions) & under_keys - {"help"}), (name, actions)
            assert all(k.region.right <= 80 for k in keys), name
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), name
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is dialog
            app.pop_screen()
            await pilot.pause()
        await pilot.press("i")  # the inject dialog
        await pilot.pause()
        actions = [k.action for k in app.screen.query(FooterKey)]
        assert actions[:1] == ["app.help"] and {"cancel", "fire"} <= set(actions), actions
        await pilot.press("escape", "n", "enter")  # Beijing's team screen
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, OrderForm)
        keys = list(app.screen.query(FooterKey))
        assert [k.action for k in keys] == ["app.help", "cancel", "add"]
        assert [(k.key_display, k.description) for k in keys][1:] == [
            ("esc", "Cancel"),
            ("^s", "Add order"),
        ]
