"""A checkbox whose box shows its state by its content, not only by its colour.

Textual's ``Checkbox`` draws ``▐X▌`` ticked or not, in two colours: on a monochrome terminal, a
projector that washes colours out, or to a colour-blind player the two look the same (a new-user
audit could not tell whether 'Extraterritorial' was on). Here the box is ``▐X▌`` when ticked and
``▐ ▌`` when not.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A ``Checkbox`` that shows an X only when ticked."""

    def on_mount(self) -> None:
        self._show(self.value)

    def watch_value(self) -> None:
        super().watch_value()
        self._show(self.value)

    def _show(self, ticked: bool) -> None:
        self.BUTTON_INNER = "X" if ticked else " "
        self.refresh()
