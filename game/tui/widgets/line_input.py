"""A one-line text field that submits what was typed before Enter, and keeps all of a paste.

Textual's ``Input`` submits on its Enter binding, which the app looks up only after the key has
gone round its screens; keys typed on in the same burst were in the field by then. A facilitator's
note typed on past Enter was saved as 'Tokyo argued the G7 linern' (notes cannot be edited once
saved). Here Enter submits the field as it stands when the key is read, and the keys of the same
burst after it are not put in the field: they belong to whatever comes next.

Textual's ``Input`` also keeps only the first line of a paste, and drops the whole paste when it
would make the field longer than its ``max_length``, both without a word. Here a paste's lines are
joined with spaces, and a paste that does not fit is cut to fit, with a notice that says so.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class LineInput(Input):
    """An ``Input`` that submits on the Enter key itself and keeps all of a paste."""

    _submitting = False
    """Enter was read and its ``Submitted`` not yet handled here: the keys in between were typed
    on past Enter."""

    async def _on_key(self, event: events.Key) -> None:
        if self._submitting and (event.is_printable or event.key in ("enter", "backspace")):
            event.prevent_default()
            event.stop()
            return
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self._submitting = True
            await self.action_submit()  # the field's value now, before later keys reach it

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        # comes after every key queued before it: those typed on past Enter are dropped above
        if event.input is self:
            self._submitting = False

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # not Textual's paste, which keeps the first line only
        event.stop()
        text = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
        if not text:
            return
        start, end = sorted(self.selection)
        if self.max_length:
            room = self.max_length - (len(self.value) - (end - start))
            if len(text) > room:
                text = text[: max(0, room)]
                self.notify(
                    f"The pasted text was cut to fit: this field holds at most "
                    f"{self.max_length} characters.",
                    severity="warning",
                )
        if text:
            self.replace(text, start, end)
