"""A branch set beside its original, turn by turn: ``chokepoint diff`` inside the app.

A fork ("what if") is played to see what a different choice changes. From a branch's console,
**d** shows where it diverged from the log it was forked from and, for each turn since, every
team's score and each index in both games and their difference, with the orders, injects and
overrides that differ (``game.diff``, the same table the command prints).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from game.errors import ChokepointError
from game.tui.game import Game, display_path
from game.tui.screens import DIALOG_HELP
from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer


def compare_with_original(game: Game) -> tuple[str, str]:
    """(title, text) of the branch ``game`` beside its original; ChokepointError with the
    reason when it is not a branch or the original cannot be read."""
    from game.diff import diff_logs, render_text

    source = game.session.settings.get("branch_of")
    if not is_branch(game):
        raise ChokepointError(
            "This session is not a branch: fork one (f) to play a what-if, then compare."
        )
    if not isinstance(source, str) or not Path(source).is_file():
        where = f"'{source}'" if isinstance(source, str) else "its original"
        raise ChokepointError(
            f"The original log {where} is not found from here ({Path.cwd()}): compare them "
            f"with chokepoint diff ORIGINAL {game.log_path}"
        )
    with game.lock:  # the branch as played so far (a worker may be resolving a turn)
        game.save()
    diff = diff_logs(source, display_path(game.log_path))  # both as the facilitator sees them
    # the files are named in the table's first lines (a long name cut off the A/B key here)
    return "This branch (B) beside its original (A)", render_text(diff)


def is_branch(game: Game) -> bool:
    """Whether ``game`` was forked from another session (only a branch has an original to be
    compared with: the help leaves the key out otherwise)."""
    return "branch_turn" in game.session.settings


def open_comparison(app: App[object], game: Game) -> None:
    """Show the branch ``game`` beside its original, or say why it cannot be."""
    try:
        title, text = compare_with_original(game)
    except ChokepointError as exc:
        app.notify(str(exc), title="Compare with the original")
        return
    app.push_screen(CompareOriginalScreen(title, text))


class CompareOriginalScreen(Dialog[None]):
    """The branch-versus-original table, scrolled with the arrow keys and PgUp/PgDn."""

    DEFAULT_CSS = """
    CompareOriginalScreen .dialog { width: 110; height: 90%; }
    CompareOriginalScreen #diff-scroll { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [DIALOG_HELP, Binding("escape,q", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Static("Esc or q closes · ↑ ↓ PgUp PgDn scroll", classes="hint")
            with VerticalScroll(id="diff-scroll"):
                yield Static(Text(self.text, no_wrap=True, overflow="crop"), id="diff-text")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()

    def action_close(self) -> None:
        self.dismiss()
