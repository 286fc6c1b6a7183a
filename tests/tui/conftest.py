"""Fixtures for the app's tests: a clean working directory and helpers to drive the app."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.engine import Session
from game.log import write_log
from game.orders import Diplomacy
from game.scenario import Scenario
from game.tui import game as tui_game
from game.tui.app import ChokepointApp

SIZE = (120, 40)


def logged_game(
    path: Path,
    scenario: Scenario,
    controllers: dict[str, str] | None = None,
    turns: int = 1,
    seed: int = 3,
) -> Session:
    """A game of ``turns`` turns in which every team holds, written as a log at ``path``
    (played by people unless ``controllers`` says otherwise)."""
    session = Session(scenario, seed, controllers or {t: "human" for t in scenario.teams})
    for _ in range(turns):
        session.play({})
    write_log(session, path)
    return session


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run each test in its own directory, so default session logs land in tmp."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def make_app(workdir: Path) -> Callable[..., ChokepointApp]:
    def make(**kw: object) -> ChokepointApp:
        kw.setdefault("cursor_blink", False)
        return ChokepointApp(**kw)  # type: ignore[arg-type]

    return make


@pytest.fixture
def played_log(workdir: Path, scenario: Scenario) -> Path:
    """A sound log of a 3-turn hot-seat game (turn 1: Tokyo coordinates a G7 response)."""
    session = Session(scenario, 7, {t: "human" for t in scenario.teams})
    session.play({"tokyo": [Diplomacy(move="tk_g7")]})
    session.play({})
    session.play({"washington": [Diplomacy(move="us_reassure")]})
    path = workdir / "played.jsonl"
    write_log(session, path)
    return path


def screen_text(app: ChokepointApp) -> str:
    """All the text of the widgets on the current screen (what a person could read)."""
    import io

    from rich.console import Console
    from textual.widgets import Static

    parts: list[str] = []
    for w in app.screen.query(Static):
        if not w.display or any(not a.display for a in w.ancestors if hasattr(a, "display")):
            continue
        content = w.content
        if isinstance(content, str):
            parts.append(content)
            continue
        buf = io.StringIO()
        Console(file=buf, width=200, color_system=None).print(content)
        parts.append(buf.getvalue())
    return "\n".join(parts)


async def wait_for(pilot, predicate: Callable[[], bool], tries: int = 500) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``predicate`` holds (workers finish off the UI thread); give up
    after about ten seconds (a busy 2-core machine can take a few).

    Then let the screen on top take what is queued for it: a screen a worker pushed a moment
    ago (the results, when Seal & resolve waited for the computer teams) is on top before it
    is composed and mounted, and reading it at once found its widgets empty."""
    for _ in range(tries):
        if predicate():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never became true")


class HeldBots:
    """The computer teams' first decision of a test held until ``release()``: the worker that
    makes it keeps thinking as long as the test needs. ``decided`` lists the turn each decision
    was made from (``Session.turn``), ``real`` is the unheld ``computer_orders``."""

    def __init__(self) -> None:
        self.real = tui_game.computer_orders
        self.gate = threading.Event()
        self.decided: list[int] = []

    def __call__(self, session, bots):  # type: ignore[no-untyped-def]
        self.decided.append(session.turn)
        if len(self.decided) == 1:
            self.gate.wait(10)
        return self.real(session, bots)

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def held_bots(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldBots]:
    held = HeldBots()
    monkeypatch.setattr(tui_game, "computer_orders", held)
    yield held
    held.release()  # no thread is left waiting after the test


def worker_results(app: ChokepointApp) -> list[str]:
    """The names of the callbacks worker threads have run on the UI thread (call_from_thread),
    each added once it has returned: a test can wait for a worker that was cancelled (its
    screen removed: Textual forgets it, its thread runs on)."""
    done: list[str] = []
    call = app.call_from_thread

    def recorded(callback, *args, **kw):  # type: ignore[no-untyped-def]
        try:
            return call(callback, *args, **kw)
        finally:
            done.append(getattr(callback, "__name__", repr(callback)))

    app.call_from_thread = recorded  # type: ignore[method-assign]
    return done


async def open_builder(pilot, app, order_type: str):  # type: ignore[no-untyped-def]
    """Open the order builder with 'a' and choose the order's type; the builder."""
    from textual.widgets import Select

    from game.tui.screens.order_form import OrderForm

    await pilot.press("a")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, OrderForm)
    form.query_one("#f-type", Select).value = order_type
    await pilot.pause()
    return form
