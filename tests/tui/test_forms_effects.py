"""The order forms say what an export control, a tariff, sanctions and defence priority do,
with the scenario's numbers, as the diplomacy and investment forms show chances and effects."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from game.tui.widgets.tick_box import TickBox

from .conftest import SIZE, open_builder, screen_text

pytestmark = pytest.mark.asyncio


def detail(form) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(form.query_one("#order-detail").content).split())


async def choose(pilot, form, **fields: object) -> str:  # type: ignore[no-untyped-def]
    for name, value in fields.items():
        form.query_one(f"#f-{name}").value = value
        await pilot.pause()
    return detail(form)


async def test_an_export_control_says_whom_it_cuts_and_what_it_costs(make_app) -> None:
    """It showed only 'We produce 250 t/turn of Dy/Tb oxide.', its cost and the verdict."""
    app = make_app(solo="beijing")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "export_control")
        text = await choose(pilot, form, material="dytb", target="JPN", level="full_ban")
        assert "Japan buys 90% of its Dy/Tb oxide imports from us." in text
        assert "A full ban blocks all of Japan's requests" in text
        # leakage 0.15; extraterritorial enforcement 0.6; 3 tension a step, 1.5 steps up from
        # licensing at half approval (1.5 steps) to a full ban (3)
        assert "15% of what is blocked still leaks through third countries" in text
        assert "Extraterritorial binds them too and stops 60% of that" in text
        assert (
            "Tension +4.5 (3 a step up the ladder: licensing 1 (up to 3 as approvals near 0)"
            in (text)
        )
        assert "shift 6% x the blocked share to other suppliers" in text  # diversion_rate
        assert "China's market share falls" in text
        # the tick box: third countries bound, the leak cut to 15% x 0.4 = 6%
        form.query_one("#f-extraterritorial", TickBox).value = True
        await pilot.pause()
        assert "6% as Extraterritorial binds them too" in detail(form)
        assert "Tension +6.0 (" in detail(form)  # and half a step more: 2 steps in all
        # licensing says how much gets through: 50% approved, 5% lost to delays
        text = await choose(pilot, form, level="licensing", approval=0.5)
        assert "Licensing lets 48% of Japan's requests through" in text
        # Japan's Dy/Tb is under licensing at 50% already: only the tick box is new
        assert "Tension +1.5 (" in text
        # licensing again at a lower approval costs what a licence approval order would:
        # from 1.5 steps to max(1.8, 2.4) = 2.4, and 0.5 for the tick box
        text = await choose(pilot, form, level="licensing", approval=0.2)
        assert "Tension +4.2 (3 a step up the ladder" in text


async def test_tariff_sanctions_and_defence_priority_say_what_they_do(make_app) -> None:
    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "tariff")
        text = await choose(pilot, form, target="CHN", material="dytb", rate=0.25)
        # tariff_diversion 0.3 x 25% = 7.5% of China's share moved each turn
        assert "we move 7.5% of China's share of our Dy/Tb oxide purchases (now 90%)" in text
        assert "raises no revenue and does not change prices. Tension +1." in text
        form.query_one("#f-type", Select).value = "sanction"
        await pilot.pause()
        text = await choose(pilot, form, target="CHN", severity="broad")
        assert "China's export revenue falls 8% each turn they stand; tension +2.0." in text
        assert "They do not block trade." in text
        form.query_one("#f-type", Select).value = "prioritise_defence"
        await pilot.pause()
        text = detail(form)
        assert "our defence sector gets all it needs first" in text
        assert "other sectors share what is left" in text


async def test_defence_priority_defaults_to_the_switch_it_would_make(make_app) -> None:
    """With defence already prioritised, the form opened ticked ('give defence first call'), so
    its first verdict was a refusal: 'defence is already prioritised'."""
    app = make_app(solo="washington", seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_builder(pilot, app, "prioritise_defence")
        assert form.query_one("#f-on", TickBox).value is True  # not yet prioritised: turn it on
        await pilot.press("escape")
        await pilot.pause()
        app.game.session.state.priority_defence["USA"] = True
        form = await open_builder(pilot, app, "prioritise_defence")
        assert form.query_one("#f-on", TickBox).value is False
        assert "accepts this order" in " ".join(screen_text(app).split())


async def test_the_project_list_says_which_are_under_way_or_done(make_app) -> None:
    """A solo player picked an already funded project from the list to learn it was so."""
    from game.orders import Invest
    from game.tui.screens.team import TeamScreen

    app = make_app(solo="tokyo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen)
        team.drafts.append(Invest(option="jp_recycling"))
        team.refresh_drafts()
        form = await open_builder(pilot, app, "invest")
        labels = {v: str(label) for label, v in form.query_one("#f-option", Select)._options}
        assert labels["jp_recycling"].endswith(" · in this turn's orders")
        assert not labels["lynas_offtake"].endswith("orders")
        assert form.query_one("#f-option", Select).value != "jp_recycling"


async def test_a_conflict_says_what_both_orders_act_on(make_app) -> None:
    """'Refused: conflicts with order 1, which acts on the same thing' did not say what."""
    from game.orders import ExportControl
    from game.tui.screens.team import TeamScreen

    app = make_app(solo="beijing")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        team = app.screen
        assert isinstance(team, TeamScreen)
        team.drafts.append(ExportControl(material="dytb", target="JPN", level="full_ban"))
        team.refresh_drafts()
        form = await open_builder(pilot, app, "export_control")
        await choose(pilot, form, material="dytb", target="JPN", level="military_ban")
        verdict = " ".join(str(form.query_one("#order-verdict").content).split())
        assert verdict == (
            "✗ Refused: conflicts with order 1, which acts on the same thing (the control on "
            "exports of Dy/Tb oxide to Japan): change that order instead (Enter on it in the "
            "list), or remove it"
        )


async def test_a_project_that_cannot_finish_in_the_game_says_so(
    make_app, workdir, scenario
) -> None:  # type: ignore[no-untyped-def]
    """A solo player's audit funded Mt Weld (6 turns) in turn 7 and Minamitorishima (10 turns,
    half the budget) in turn 8, told nothing: neither could deliver before the game ended."""
    from .conftest import logged_game

    players = {"beijing": "bot:doctrine", "tokyo": "human", "washington": "bot:doctrine"}
    logged_game(workdir / "seven.jsonl", scenario, players, turns=7)
    app = make_app(resume=str(workdir / "seven.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "enter")  # Tokyo, the one team played by people
        await pilot.pause()
        form = await open_builder(pilot, app, "invest")
        text = await choose(pilot, form, option="hai_phong_magnets")  # 6 turns
        assert (
            "Funded now, it is finished in turn 14 at the earliest, after the game's last turn "
            "(12): it adds nothing in this game." in text
        )
        assert "adds nothing" not in await choose(pilot, form, option="jp_recycling")  # 3
