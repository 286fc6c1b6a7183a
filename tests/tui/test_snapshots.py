"""SVG snapshots of the main screens at fixed sizes and seed (cursor blink off).

Update them after a deliberate change of the look with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.tui.screens.results import ResultsScreen

from .conftest import wait_for


@pytest.fixture
def make_app(make_app):  # type: ignore[no-untyped-def]
    """The app with toasts switched off: they come and go on timers, so they make snapshots
    depend on the machine's speed. (Notifications are tested in the functional tests.)"""

    def make(**kwargs):  # type: ignore[no-untyped-def]
        app = make_app(**kwargs)
        app.notify = lambda *a, **k: None
        return app

    return make


async def _quiet(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_start_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app(start_screen=True), terminal_size=(120, 40), run_before=_quiet)


def test_start_screen_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(start_screen=True), terminal_size=(80, 24), run_before=_quiet)


def test_facilitator_console_with_sealed_orders(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n", "enter", "s")  # Beijing holds
        await pilot.pause()
        await pilot.press("enter", "s", "enter", "s", "enter")
        await _quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_handover_screen(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n", "enter", "s")
        await _quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_order_builder(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n", "enter", "s", "enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        pilot.app.screen.query_one("#f-type").value = "diplomacy"
        pilot.app.screen.query_one("#f-move").value = "tk_g7"
        await pilot.pause(0.2)
        await wait_for(
            pilot, lambda: "G7" in str(pilot.app.screen.query_one("#order-cost").content)
        )
        await _quiet(pilot)
        await pilot.pause(0.2)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_team_screen_solo(snap_compare, make_app) -> None:
    assert snap_compare(make_app(solo="tokyo"), terminal_size=(120, 40), run_before=_quiet)


def test_team_screen_solo_80x24(snap_compare, make_app) -> None:
    """On a small terminal the state panel names countries by code and keeps every column."""
    assert snap_compare(make_app(solo="tokyo"), terminal_size=(80, 24), run_before=_quiet)


def test_results_screen(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("r", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResultsScreen))
        await _quiet(pilot)

    assert snap_compare(make_app(seed=5), terminal_size=(120, 40), run_before=run_before)


def test_replay_viewer(snap_compare, make_app, played_log: Path) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("left", "left")
        await _quiet(pilot)

    app = make_app(replay=played_log.name)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _quiet(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_inject_dialog(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _quiet(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "down", "down", "down")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_results_with_override_and_note(snap_compare, make_app) -> None:
    from game.facilitation import Override
    from game.orders import Diplomacy

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        game = pilot.app.game
        game.queue_inject("lib_g7_summit")
        game.seal("tokyo", [Diplomacy(move="tk_g7")])
        await pilot.press("r", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResultsScreen))
        game.add_note("Tokyo's team split over the G7 call")
        record = game.amend(
            [
                Override(
                    kind="draw", subject="tokyo:tk_g7", value=0, reason="Umpire: summit cancelled"
                )
            ]
        )
        pilot.app.screen.show(record)
        await _quiet(pilot)

    assert snap_compare(make_app(seed=5), terminal_size=(120, 40), run_before=run_before)


def test_timer_on_console(snap_compare, make_app) -> None:
    class Clock:
        now = 0.0

        def __call__(self) -> float:
            return self.now

    clock = Clock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        from textual.widgets import Select

        await pilot.pause()
        pilot.app.screen.query_one("#timer", Select).value = 600
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        clock.now += 95
        pilot.app.tick_timer()
        await _quiet(pilot)

    app = make_app(start_screen=True, clock=clock)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_compare_with_computer_games(
    snap_compare, make_app, workdir: Path, scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.engine import Session
    from game.log import write_log
    from game.tui.screens.compare import CompareScreen

    monkeypatch.setattr(CompareScreen, "GAMES", 20)
    session = Session(scenario, 3, {t: "human" for t in scenario.teams})
    for _ in range(11):
        session.play({})
    write_log(session, workdir / "eleven.jsonl")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press("r", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResultsScreen))
        await pilot.press("g")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
        await _quiet(pilot)

    app = make_app(resume=str(workdir / "eleven.jsonl"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_the_guides_screenshots_are_the_current_snapshots() -> None:
    """docs/img holds copies of these snapshots for the facilitator guide (five had fallen
    behind the app)."""
    from tests.tui.docs_images import stale

    behind = stale()
    assert not behind, (
        f"docs/img is behind the snapshots: {behind}; run .venv/bin/python -m tests.tui.docs_images"
    )
