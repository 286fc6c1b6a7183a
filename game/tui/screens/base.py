"""The app's screen classes: Textual's, except that a screen closes only once.

Textual's ``Screen.dismiss`` pops whatever screen is on top. Keys typed faster than the screens
come and go (Escape, Escape) reach a screen twice before it is gone: its second ``dismiss``
closed the screen under it too, and a solo player was left on an empty screen with the turn
unsaved. Here a screen that is no longer on top ignores its ``dismiss``.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

T = TypeVar("T")


def _nothing() -> AwaitComplete:
    done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
    return done


class AppScreen(Screen[T]):
    """A full screen of the app."""

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        if self is not self.app.screen:  # closed already (or covered: not ours to pop)
            return _nothing()
        return super().dismiss(result)


class Dialog(ModalScreen[T]):
    """A dialog over another screen."""

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        if self is not self.app.screen:  # closed already (or covered: not ours to pop)
            return _nothing()
        return super().dismiss(result)
