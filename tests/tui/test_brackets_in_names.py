"""Square brackets in a scenario's own words: a scenario author's audit found that '[/]' in a
team, material, unit, move or index name crashed the app (a markup error), and that '[est.]'
or '[on export controls]' silently vanished from the tables and forms, since the app read the
scenario's words as markup. They are shown as written now, on every screen a game goes
through."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Session
from game.log import write_log
from game.orders import Diplomacy, Invest
from game.scenario_loader import load_scenario
from game.tui.screens.facilitator import FacilitatorScreen
from game.tui.screens.order_form import OrderForm
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.results import ResultsScreen
from game.tui.screens.start import StartScreen
from game.tui.screens.team import TeamScreen

from .conftest import SIZE, screen_text, wait_for

pytestmark = pytest.mark.asyncio

DEFAULT = Path(__file__).resolve().parents[2] / "scenarios" / "dual-use-ban-2026.yaml"

BRACKETED = [
    ("  JPN: {name: Japan, kind: player}", '  JPN: {name: "Japan [est.] [/]", kind: player}'),
    ("    name: Tokyo\n", '    name: "Tokyo [/b]"\n'),
    ("    name: NdPr oxide (light rare earths)\n", '    name: "NdPr oxide [est.] [/]"\n'),
    ("    unit: t\n    price: 85.0", '    unit: "t [/]"\n    price: 85.0'),
    (
        "{id: tk_g7, name: Coordinate a G7 response,",
        '{id: tk_g7, name: "Coordinate a G7 [/] response [on minerals]",',
    ),
    ("label: Alliance cohesion}", 'label: "Alliance cohesion [/]"}'),
    (
        "{id: lynas_offtake, name: Lynas NdPr offtake (JOGMEC/Sojitz),",
        '{id: lynas_offtake, name: "Lynas [/] offtake [est.]",',
    ),
    (
        "    headline: Chikyu lifts rare-earth mud from 5,600 m off Minamitorishima\n",
        '    headline: "Chikyu [/] lifts mud [est.]"\n',
    ),
    (
        "    price_unit: US$/kg\n    usd_m_per_unit_price: 0.001\n    china_price: 55.0",
        '    price_unit: "US$/kg [/]"\n    usd_m_per_unit_price: 0.001\n    china_price: 55.0',
    ),
    ('title: "Dual-use ban on Japan, January 2026"', 'title: "Dual-use ban [est.] [/]"'),
    (
        "indices:\n  tension: 65",
        'index_labels:\n  cohesion: "US-Japan cohesion [on export controls] [/]"\n\n'
        "indices:\n  tension: 65",
    ),
]


@pytest.fixture
def bracketed(workdir: Path) -> Path:
    text = DEFAULT.read_text(encoding="utf-8")
    for old, new in BRACKETED:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = workdir / "brackets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_brackets_in_a_scenarios_words_are_shown_as_written(make_app, bracketed) -> None:
    app = make_app(scenario=str(bracketed), solo="tokyo", seed=3)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        team = app.screen
        assert isinstance(team, TeamScreen)
        # the bracketed move and project, in the order list
        team.drafts.extend([Diplomacy(move="tk_g7"), Invest(option="lynas_offtake")])
        team.refresh_drafts()
        await pilot.pause()
        for key in "1234":  # every tab of the team screen
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen_text(app))
        await pilot.press("enter")  # the first order, in its form
        await wait_for(pilot, lambda: isinstance(app.screen, OrderForm))
        seen.append(screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen), tries=1500)
        seen.append(screen_text(app))
        await pilot.press("m")  # every change
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamScreen))
        seen.append(screen_text(app))
    text = "\n".join(seen)
    for words in (
        "[est.]",
        "[on export controls]",
        "Tokyo [/b]",
        "Coordinate a G7 [/] response [on minerals]",
        "Lynas [/] offtake [est.]",
    ):
        assert words in text, words


async def test_the_console_the_replay_and_the_start_screen_show_them_too(
    make_app, bracketed, workdir: Path
) -> None:
    scenario = load_scenario(bracketed)
    session = Session(scenario, 5, {t: "human" for t in scenario.teams})
    session.play({"tokyo": [Diplomacy(move="tk_g7")], "washington": [Diplomacy(move="us_g7")]})
    log = workdir / "played.jsonl"
    write_log(session, log)
    seen: list[str] = []
    app = make_app(scenario=str(bracketed), log=str(workdir / "hot.jsonl"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, FacilitatorScreen))
        seen.append(screen_text(app))
    app = make_app(replay=str(log))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReplayScreen))
        await pilot.press("right")
        await pilot.pause()
        seen.append(screen_text(app))
    app = make_app(start_screen=True)
    (workdir / "sessions").mkdir(exist_ok=True)
    write_log(session, workdir / "sessions" / "played.jsonl")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("ctrl+r")  # the saved sessions
        await pilot.pause()
        seen.append(screen_text(app))
    text = "\n".join(seen)
    for words in ("Tokyo [/b]", "Coordinate a G7 [/] response [on minerals]", "[est.]"):
        assert words in text, words
