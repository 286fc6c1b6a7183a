"""After the last turn: how the session compares with games the computer plays from the start.

The screen plays a sweep (``game.sweep``) of the session's own scenario, every team played by
the pragmatist doctrine, seeded with the session's seed, in a worker thread with a progress bar,
then shows, for each score the viewer may see and each index, the session's value, the games'
median and 5-95% range, and the share of games that ended lower. The same table as
``chokepoint sweep --compare LOG``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar, Static
from textual.worker import get_current_worker

from game import sweep
from game.scenario_loader import scenario_data
from game.tui.game import Game
from game.tui.words import FACILITATOR, INDEX_LABELS, hidden_keys, team_name

BOT = "doctrine"  # who plays every team in the comparison games


class _Closed(Exception):
    """Raised in the worker when the screen is closed before the games are done."""


class CompareScreen(ModalScreen[None]):
    """Play ``games`` computer games of the session's scenario and set the session beside them."""

    GAMES: ClassVar[int] = 200

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "Close")]

    def __init__(self, game: Game, pov: str = FACILITATOR, games: int | None = None) -> None:
        super().__init__()
        self.game = game
        self.pov = pov
        self.games = games or self.GAMES
        self.closed = False
        self.rows: list[dict[str, Any]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="compare-box"):
            yield Label(f"This session against {self.games} computer games", classes="dialog-title")
            yield Static(
                f"The computer plays the scenario {self.games} times from the start, every team "
                "with the pragmatist doctrine, seeded from this session's seed. Below: where "
                "this session ended among those games.",
                id="compare-intro",
            )
            yield ProgressBar(total=self.games, show_eta=False, id="compare-progress")
            yield Static(id="compare-table")
            with Horizontal(classes="buttons"):
                yield Button("Close (esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.play_games()

    @work(thread=True, exclusive=True, group="compare")
    def play_games(self) -> None:
        g = self.game
        bots = {t: BOT for t in sorted(g.scenario.teams)}
        spec = sweep.SweepSpec(
            scenario_data(g.scenario), g.scenario.id, bots, g.session.seed, self.games
        )

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if self.closed or worker.is_cancelled:  # closed, or the app is quitting
                raise _Closed
            if done % 10 == 0 or done == total:  # each update waits for the screen
                self.app.call_from_thread(self._progress, done)

        try:
            rows = sweep.run_sweep(spec, None, self.games, progress)  # chunks of one game
        except _Closed:
            return
        self.app.call_from_thread(self._show, rows)

    def _progress(self, done: int) -> None:
        if self.closed or not self.is_mounted:
            return  # closed between the worker's check and this call
        self.query_one("#compare-progress", ProgressBar).update(progress=done)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        if self.closed or not self.is_mounted:
            return
        self.rows = rows
        self.query_one("#compare-progress", ProgressBar).display = False
        self.query_one("#compare-table", Static).update(self.table(rows))

    def table(self, rows: list[dict[str, Any]]) -> Group:
        """The session's scores (those the viewer may see) and indices beside the games'."""
        s = self.game.scenario
        summary = sweep.summarise(rows)
        mine = sweep.session_row(self.game.session)
        ranks = sweep.standing(rows, mine)
        hidden = hidden_keys(s, self.pov)
        shown = [k for k in ranks if k.startswith("score_") or k.startswith("index_")]
        shown = [k for k in shown if f"score.{k.removeprefix('score_')}" not in hidden]
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
        table.add_column("")
        for head in ("session", "median", "middle 90%", "games below"):
            table.add_column(head, justify="right")
        for k in shown:
            d = summary["distributions"][k]
            name = k.split("_", 1)[1]
            label = (
                f"{team_name(s, name)} score"
                if k.startswith("score_")
                else INDEX_LABELS.get(name, name.replace("_", " "))
            )
            table.add_row(
                label,
                f"{float(mine[k]):.1f}",
                f"{d['p50']:.1f}",
                f"{d['p5']:.1f}-{d['p95']:.1f}",
                Text(f"{ranks[k]:.0%}", style="bold"),
            )
        note = Text(
            "'games below': the share of the games that ended below this session "
            "(ties count half).",
            style="dim",
        )
        return Group(table, note)

    def on_unmount(self) -> None:
        self.closed = True

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.closed = True
        self.dismiss(None)
