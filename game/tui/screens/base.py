"""The app's screen classes: Textual's, except that a screen closes only once.

Textual's ``Screen.dismiss`` pops whatever screen is on top. Keys typed faster than the screens
come and go (Escape, Escape) reach a screen twice before it is gone: its second ``dismiss``
closed the screen under it too, and a solo player was left on an empty screen with the turn
unsaved. Here a screen that is no longer on top ignores its ``dismiss`` (nothing in the app
closes a screen from under another one).

A full screen also notes when it last came on top (``shown_at``), so that the app can drop a key
typed before then (``ChokepointApp.on_key``): 's' then Escape, typed fast, resolved a solo turn
and closed its results before the player saw them.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

T = TypeVar("T")


def _dismiss_once(screen: Screen[Any], result: Any, dismiss: Any) -> AwaitComplete:
    if not screen.is_active:  # closed already
        done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
        return done
    closing: AwaitComplete = dismiss(result)
    return closing


class AppScreen(Screen[T]):
    """A full screen of the app."""

    shown_at = 0.0
    """When the screen last came on top, on Textual's clock (that of key events)."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual runs this as well as a subclass's own on_screen_resume (one per class)
        self.shown_at = event.time

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        return _dismiss_once(self, result, super().dismiss)


class Dialog(ModalScreen[T]):
    """A dialog over another screen."""

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        return _dismiss_once(self, result, super().dismiss)
