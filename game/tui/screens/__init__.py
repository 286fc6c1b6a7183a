"""Screens of the Chokepoint app."""

from __future__ import annotations

from textual.dom import DOMNode


def tame_cursor(node: DOMNode) -> None:
    """Stop the text cursors blinking when the app asks (for stable screenshots)."""
    if getattr(node.app, "cursor_blink", True):
        return
    from textual.widgets import Input

    for w in node.query(Input):
        w.cursor_blink = False
