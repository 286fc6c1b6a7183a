"""The footer: the screen's keys, with F1 Help first, and room made for it at 80 columns."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as _Footer
from textual.widgets._footer import FooterKey

PALETTE = 14
"""The columns the command palette's key takes at the right ('▏^p palette')."""


class Footer(_Footer):
    """Textual's footer with the help key first (the app's keys came after the screen's, and
    at 80 columns the console's ran past the edge, taking 'F1 Help' with them). When the keys
    do not fit, the screen's ``FOOTER_DROP`` actions go first, in that order; F1 lists every
    key whatever the footer shows."""

    _shown: tuple[object, ...] | None = None
    """What the keys were last composed from (``_keys_signature``)."""

    def _keys_signature(self) -> tuple[object, ...]:
        """Everything the footer's keys are made from: the screen's shown bindings (key, how
        it is displayed, description, action, enabled, tooltip), the width they must fit and
        whether the footer is compact."""
        app = self.app
        shown = tuple(
            (b.key, app.get_key_display(b), b.description, b.action, enabled, tooltip)
            for (_, b, enabled, tooltip) in self.screen.active_bindings.values()
            if b.show
        )
        return shown, self.size.width or app.size.width, self.compact

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Recompose only when the keys would change: Textual recomposes on every change of
        focus or screen, and mounting its keys again cost each turn's results 40-80 ms."""
        same_screen = screen is self.screen and self.is_attached
        if same_screen and self._shown is not None and self._keys_signature() == self._shown:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_signature()
        widgets = list(super().compose())  # FooterKeys only: no binding here has a group
        keys = [
            w for w in widgets if isinstance(w, FooterKey) and "-command-palette" not in w.classes
        ]
        first = [w for w in keys if w.action in ("help", "app.help")]  # app.help: a dialog's
        keys = first + [w for w in keys if w not in first]
        room = (self.size.width or self.app.size.width) - PALETTE
        for action in getattr(self.screen, "FOOTER_DROP", ()):
            if sum(len(w.key_display) + len(w.description) + 3 for w in keys) <= room:
                break
            keys = [w for w in keys if w.action != action]
        yield from keys
        yield from (w for w in widgets if w not in keys and "-command-palette" in w.classes)

    def on_resize(self) -> None:
        self.refresh(recompose=True)
