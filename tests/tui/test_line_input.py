"""The app's one-line fields (``LineInput``): Enter submits what was typed before it, and a
paste is kept whole, or cut to fit with a notice (a facilitator's audit, 2026-11-30)."""

from __future__ import annotations

import pytest
from textual import events, on
from textual.app import App, ComposeResult
from textual.widgets import Input

from game.tui.widgets.line_input import LineInput

pytestmark = pytest.mark.asyncio


class OneField(App[None]):
    def __init__(self, max_length: int = 0) -> None:
        super().__init__()
        self.max_length = max_length
        self.submitted: list[str] = []

    def compose(self) -> ComposeResult:
        yield LineInput(id="field", max_length=self.max_length)

    @on(Input.Submitted)
    def _keep(self, event: Input.Submitted) -> None:
        self.submitted.append(event.value)


def field(app: OneField) -> LineInput:
    return app.query_one("#field", LineInput)


async def test_enter_submits_what_was_typed_before_it_once() -> None:
    app = OneField()
    async with app.run_test() as pilot:
        for key in ["a", "b", "enter", "c", "d"]:  # one burst: no wait between the keys
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await pilot.pause(0.2)
        assert app.submitted == ["ab"]
        assert field(app).value == "ab"  # 'c', 'd' were typed on past Enter
        await pilot.press("e", "enter")  # typed later, the field takes keys again
        assert app.submitted == ["ab", "abe"]


async def test_a_paste_of_several_lines_is_kept_whole_on_one_line() -> None:
    """Textual kept the first line of a paste and dropped the rest without a word."""
    app = OneField()
    async with app.run_test() as pilot:
        field(app).focus()
        app.post_message(events.Paste("gamma line\n  delta line\n\n"))
        await pilot.pause()
        assert field(app).value == "gamma line delta line"
        assert app.submitted == []  # a paste's line ends are not Enter


async def test_a_paste_too_long_for_the_field_is_cut_to_fit_and_said_so() -> None:
    """An override's reason (at most 500 characters): a longer paste was dropped whole, with
    no message."""
    app = OneField(max_length=10)
    async with app.run_test() as pilot:
        field(app).focus()
        await pilot.press("a", "b", "c")
        app.post_message(events.Paste("0123456789"))
        await pilot.pause()
        assert field(app).value == "abc0123456"
        notes = [n.message for n in app._notifications]
        assert any("cut to fit" in n and "at most 10 characters" in n for n in notes), notes
