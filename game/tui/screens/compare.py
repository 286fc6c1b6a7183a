"""After the last turn: how the session compares with games the computer plays from the start.

The screen runs ``game.report.against`` (the same games and figures as ``chokepoint report LOG
--against N`` and ``chokepoint sweep --compare LOG``) in a worker thread with a progress bar, then
shows, for each score the viewer may see and each index, the session's value, the games' median
and 5-95% range, and the share of games that ended lower, and the session's outcomes.
"""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, ProgressBar, Static
from textual.worker import get_current_worker

from game.names import team_names
from game.report.against import Against, against_computer, players_words
from game.sweep import branch_note, comparison_bots
from game.tui.game import Game
from game.tui.screens import DIALOG_HELP, has_left
from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer
from game.tui.words import FACILITATOR, esc, hidden_keys, index_label


class _Closed(Exception):
    """Raised in the worker when the screen is closed before the games are done."""


_PLAYED: dict[int, tuple[Game, tuple[int, int, int], Against]] = {}
"""The last comparison played, by game: a solo player pressed g again after closing it and
waited 7 s for the same 200 games (they depend only on the session, which had not changed)."""


class CompareScreen(Dialog[None]):
    """Play ``games`` computer games of the session's scenario and set the session beside them."""

    GAMES: ClassVar[int] = 200

    BINDINGS: ClassVar[list[BindingType]] = [DIALOG_HELP, Binding("escape,enter", "close", "Close")]

    def __init__(self, game: Game, pov: str = FACILITATOR, games: int | None = None) -> None:
        super().__init__()
        self.game = game
        self.pov = pov
        self.games = games or self.GAMES
        self.closed = False
        self.result: Against | None = None

    def compose(self) -> ComposeResult:
        # the whole dialog scrolls (↑ ↓ PgUp PgDn, and Tab to Close): at 80x24 the last rows,
        # the outcomes and Close were below its edge
        with VerticalScroll(classes="dialog", id="compare-box"):
            yield Label(f"This session against {self.games} computer games", classes="dialog-title")
            yield Static(
                f"The computer plays the scenario {self.games} times from the start, seeded "
                f"from this session's seed, {esc(self._players())}. Below: where this session "
                "ended among those games." + esc(self._branch()),
                id="compare-intro",
            )
            yield ProgressBar(total=self.games, show_eta=False, id="compare-progress")
            yield Static(id="compare-table")
            with Horizontal(classes="buttons"):
                yield Button("Close (esc)", id="close", variant="primary")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def _players(self) -> str:
        session = self.game.session
        bots = comparison_bots(list(session.scenario.teams), session.controllers)
        return players_words(bots, team_names(session.scenario))

    def _branch(self) -> str:
        note = branch_note(self.game.session, team_names(self.game.session.scenario))
        return f" {note}" if note else ""

    def _key(self) -> tuple[int, int, int]:
        """What the games depend on: the session as last resolved, and how many games."""
        records = self.game.session.records
        return (len(records), id(records[-1]) if records else 0, self.games)

    def on_mount(self) -> None:
        self.query_one("#compare-box").focus()
        cached = _PLAYED.get(id(self.game))
        if cached is not None and cached[0] is self.game and cached[1] == self._key():
            self._show(cached[2])  # the same session as last time: the same games, at once
            return
        self.play_games()

    @work(thread=True, exclusive=True, group="compare")
    def play_games(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if self.closed or worker.is_cancelled:  # closed, or the app is quitting
                raise _Closed
            if done % 10 == 0 or done == total:  # each update waits for the screen
                self.app.call_from_thread(self._progress, done)

        try:  # as many workers as games: chunks of one game, so progress comes game by game
            result = against_computer(self.game.session, self.games, None, self.games, progress)
        except _Closed:
            return
        self.app.call_from_thread(self._show, result)

    def _progress(self, done: int) -> None:
        if has_left(self):
            return  # closed (or taken off by a new game) between the worker's check and this
        self.query_one("#compare-progress", ProgressBar).update(progress=done)

    def _show(self, result: Against) -> None:
        _PLAYED.clear()  # one session's games kept: pressing g again shows them at once
        _PLAYED[id(self.game)] = (self.game, self._key(), result)
        if has_left(self):  # the games finished after the dialog left: nothing to draw
            return
        self.result = result
        self.query_one("#compare-progress", ProgressBar).display = False
        self.query_one("#compare-table", Static).update(self.table(result))

    def table(self, result: Against) -> Group:
        """The session's scores (those the viewer may see) and indices beside the games'."""
        hidden = hidden_keys(self.game.scenario, self.pov)
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
        table.add_column("")
        for column in ("session", "same seed", "median", "middle 90%", "games below"):
            table.add_column(column, justify="right")
        for r in result.rows:
            if f"score.{r.key.removeprefix('score_')}" in hidden:
                continue  # another team's score: unknown to a solo player
            *figures, below = r.numbers()
            label = r.label  # an index by the name the rest of the app gives it
            if r.key.startswith("index_"):
                label = index_label(self.game.scenario, r.key.removeprefix("index_"))
            table.add_row(Text(label), *figures, Text(below, style="bold"))
        note = Text(
            "'games below': the share of the games that ended below this session "
            "(ties count half). 'same seed': the computer's game on this session's "
            "own seed, the fairest single comparison (some seeds are kinder than others).",
            style="dim",
        )
        intro = Text("\nThis session's outcomes, and how often they occurred in the games:")
        outcomes = Table.grid(padding=(0, 2))
        outcomes.add_column()
        outcomes.add_column(justify="right")  # (a line's leading spaces would not be shown)
        for name, words, share in result.outcomes:
            if name.startswith("top:") and hidden:
                continue  # who scored highest would tell a solo player the others' scores
            outcomes.add_row(Text(f"• {words}"), f"{share:.1%}")
        return Group(table, note, intro, outcomes)

    def on_unmount(self) -> None:
        self.closed = True

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.closed = True
        self.dismiss(None)
