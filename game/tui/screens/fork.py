"""The "what if" dialog: who plays each team in a new branch of a session.

A fork (from the console or the replay viewer) plays on from a turn in a new log. Its point is
often to change a player: Tokyo played by people instead of the computer, or Beijing by the hawk
instead of the pragmatist. The dialog lists each team with who played it in the original
(people, or a computer opponent) preselected, and returns the players chosen for the branch;
the turns copied from the original keep their own players (``branch_players`` in the log).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, Static

from game.engine import bot_controller, bot_kind
from game.scenario import Scenario
from game.tui.game import HUMAN, bot_kinds, player_options
from game.tui.screens import DIALOG_HELP
from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer


def branch_player(controller: str) -> str:
    """The option that carries on ``controller`` in a branch: its bot, or people (a team that
    followed a plan in `chokepoint run`, or one played by a bot this version lacks)."""
    kind = bot_kind(controller)
    return bot_controller(kind) if kind in bot_kinds() else HUMAN


class ForkScreen(Dialog[dict[str, str] | None]):
    """Choose who plays each team after turn ``turn`` of a branch; None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        DIALOG_HELP,
        Binding("ctrl+s", "fork", "Fork"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, scenario: Scenario, turn: int, controllers: dict[str, str]) -> None:
        super().__init__()
        self.scenario = scenario
        self.turn = turn
        self.players = {t: branch_player(controllers.get(t, HUMAN)) for t in scenario.teams}

    def compose(self) -> ComposeResult:
        s = self.scenario
        with Vertical(classes="dialog", id="fork-dialog"):
            yield Label(
                f"Fork after turn {self.turn}: who plays from here?", classes="dialog-title"
            )
            copied = "turn 1 is" if self.turn == 1 else f"turns 1 to {self.turn} are"
            yield Static(
                f"The new branch is a new log; {copied} copied with their players. Change a "
                "player to ask 'what if this team had played otherwise?'."
                if self.turn
                else "The new branch is a new game from the start, in a new log.",
                classes="hint",
            )
            options = player_options()
            for team in sorted(s.teams):
                with Horizontal(classes="field"):
                    yield Label(s.teams[team].name)
                    yield Select(
                        options,
                        value=self.players[team],
                        allow_blank=False,
                        id=f"fork-{team}",
                        compact=True,
                    )
            with Horizontal(classes="buttons"):
                yield Button("Fork (ctrl+s)", id="fork", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        self.query_one(f"#fork-{min(self.scenario.teams)}", Select).focus()

    def chosen(self) -> dict[str, str]:
        return {
            t: str(self.query_one(f"#fork-{t}", Select).value) for t in sorted(self.scenario.teams)
        }

    @on(Button.Pressed, "#fork")
    def action_fork(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
