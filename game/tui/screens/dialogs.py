"""Small modal dialogs: confirm, jump to a turn, and the hot-seat hand-over."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from game.tui.screens import DIALOG_HELP, tame_cursor
from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer
from game.tui.widgets.line_input import LineInput


class ConfirmScreen(Dialog[bool]):
    """Ask a yes/no question; dismiss with True for yes. "No" has the focus from the start
    (Enter goes back): Enter typed right after the key that asked once found "Yes" focused
    for a moment and held a solo turn for good."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        DIALOG_HELP,
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(
        self, question: str, yes: str = "Yes", no: str = "No", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class JumpScreen(Dialog[int | None]):
    """Ask for a turn number between ``lo`` and ``hi``."""

    BINDINGS: ClassVar[list[BindingType]] = [DIALOG_HELP, Binding("escape", "cancel", "Cancel")]

    def __init__(self, lo: int, hi: int, current: int, title: str = "Jump to turn") -> None:
        super().__init__()
        self.lo, self.hi, self.current = lo, hi, current
        self.prompt = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"{self.prompt} ({self.lo}–{self.hi}; 0 is the start)", classes="dialog-title"
            )
            yield LineInput(str(self.current), id="turn", type="integer")
            yield Static("Enter confirms; Escape cancels.", classes="hint")
            yield Static(id="jump-error", classes="verdict-bad")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        tame_cursor(self)
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            n = int(event.value)
        except ValueError:
            n = -1
        if not self.lo <= n <= self.hi:
            self.query_one("#jump-error", Static).update(
                f"Type a turn from {self.lo} to {self.hi}."
            )
            return
        self.dismiss(n)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HandoverScreen(Dialog[bool | None]):
    """Hot seat: an opaque screen between teams, so nobody sees the previous team's orders.

    Dismisses True when the named team (or the facilitator) says it is ready, and False when
    the facilitator takes the terminal back with ctrl+f (labelled for the facilitator only).
    No generic key (Escape, the command palette) leaves it: the console behind it lists the
    teams' sealed orders. The app dismisses it with None when the turn's time runs out.
    """

    FACILITATOR = "the facilitator"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "ready", "I am ready", priority=True),
        Binding("ctrl+f", "back", "Facilitator: back to the console"),
    ]

    def __init__(
        self, to: str, previous: str | None = None, detail: str = "", timed_out: str = ""
    ) -> None:
        """``timed_out``: what happened to ``previous``'s orders when its time ran out ('the
        computer (doctrine) chose its orders'); it did not seal them itself."""
        super().__init__()
        self.to, self.previous, self.detail = to, previous, detail
        self.timed_out = timed_out

    @property
    def for_team(self) -> bool:
        """True when a team (not the facilitator) is called to the terminal."""
        return self.to != self.FACILITATOR

    def compose(self) -> ComposeResult:
        with Vertical(id="handover-box"):
            if self.previous and self.timed_out:
                held = "held" in self.timed_out  # no orders to keep from anyone
                yield Static(
                    f"Time ran out for {self.previous}: {self.timed_out}."
                    + (
                        ""
                        if held
                        else " They are not shown to the other teams until the turn resolves."
                    )
                )
            elif self.previous:
                yield Static(
                    f"{self.previous}'s orders are sealed. They are not shown to the other teams "
                    "until the turn resolves."
                )
            yield Static("Please pass the terminal to")
            yield Static(self.to.upper(), id="handover-team")
            if self.detail:
                yield Static(self.detail, classes="hint")
            who = self.to[:1].upper() + self.to[1:]  # 'the facilitator' opens the sentence
            yield Static(f"\n{who}: press Enter when you are ready.", classes="hint")
            if self.for_team:
                yield Static(
                    "(Facilitator only: ctrl+f takes the terminal back to the console.)",
                    classes="hint",
                )

    def action_ready(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
