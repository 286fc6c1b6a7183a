"""Screens of the Chokepoint app."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

DIALOG_HELP = Binding("f1", "app.help", "Help", key_display="F1")
"""F1 in a dialog. The app's own F1 does not reach past a modal screen (Textual stops the keys,
and the footer's list, at the dialog), so each dialog binds it; its footer shows it first."""


def tame_cursor(node: DOMNode) -> None:
    """Stop the text cursors blinking when the app asks (for stable screenshots)."""
    if getattr(node.app, "cursor_blink", True):
        return
    from textual.widgets import Input

    for w in node.query(Input):
        w.cursor_blink = False


def has_left(screen: Screen) -> bool:  # type: ignore[type-arg]
    """True once ``screen`` is no longer one of the app's screens: popped (a new game, a fork)
    or the app closing. A worker's result that comes in then must neither redraw it (its
    widgets are being removed, some already gone) nor push a screen over what replaced it."""
    app = screen.app
    return not app.is_running or screen not in app.screen_stack
