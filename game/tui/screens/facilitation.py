"""The facilitator's dialogs: fire an inject by hand, override an outcome or an index, write a
note, and write the after-action report.

Each dialog asks the engine (through :class:`~game.tui.game.Game`) and shows its refusal inline;
none computes a rule.
"""

from __future__ import annotations

import math
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.engine import TurnRecord
from game.errors import OrderRefused
from game.facilitation import parse_override
from game.names import chance_text, roll_text
from game.tui.game import Game, display_path
from game.tui.screens import DIALOG_HELP, tame_cursor
from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer
from game.tui.widgets.line_input import LineInput
from game.tui.words import (
    cited,
    condition_words,
    draw_subject,
    index_label,
    inject_effects,
)


def effects_text(game: Game, inject_id: str) -> Text:
    """An inject's headline, text and effects, for the facilitator choosing one."""
    inj = game.inject(inject_id)
    s = game.scenario
    t = Text()
    t.append(inj.headline + "\n", style="bold")
    if inj.condition:
        t.append(
            f"Scripted: fires at the end of a turn in which {condition_words(s, inj.condition)}"
            " (news for the next turn)\n",
            style="dim",
        )
    lines = inject_effects(s, inj.id)
    if lines:
        t.append("Effects (through the rules, at the start of the coming turn):\n", style="dim")
        for line in lines:
            t.append(f"  • {line}\n", style="dim")
    if inj.text:  # after the effects, which decide: at 80x24 they show without scrolling
        t.append(cited(game.scenario, " ".join(inj.text.split())) + "\n", style="italic")
    if inj.id in game.session.state.fired and inj.once:
        t.append("This inject has already happened: it cannot fire again.\n", style="red")
    return t


class InjectScreen(Dialog[str | None]):
    """Choose an inject to fire for the coming turn; dismisses with its id (queued) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        DIALOG_HELP,
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "fire", "Fire", priority=True),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.injects = game.manual_injects()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="inject-dialog"):
            yield Label(
                f"Fire an inject for turn {self.game.session.turn + 1}", classes="dialog-title"
            )
            opts = []
            for inj in self.injects:
                mark = ""
                if inj.id in self.game.session.queued_injects:
                    mark = " (queued)"
                elif inj.once and inj.id in self.game.session.state.fired:
                    mark = " (happened)"
                if inj.turn is not None:  # rules, section 7.1: it opens turn N
                    mark += (
                        f" · scripted: fires at the end of turn {inj.turn - 1},"
                        f" news for turn {inj.turn}"
                    )
                elif inj.condition:
                    mark += " · scripted on a condition"
                opts.append(Option(f"{inj.headline}{mark}", id=inj.id))
            yield OptionList(*opts, id="inject-list")
            with VerticalScroll(id="inject-scroll"):
                yield Static(id="inject-detail")
            yield Static(id="inject-error", classes="verdict-bad")
            with Horizontal(classes="buttons"):
                yield Button("Fire (ctrl+s)", id="fire", variant="warning", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        lst = self.query_one("#inject-list", OptionList)
        lst.focus()
        if self.injects:
            lst.highlighted = 0
            self.show_detail(self.injects[0].id)

    @on(OptionList.OptionHighlighted, "#inject-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_detail(event.option.id)

    def show_detail(self, inject_id: str) -> None:
        self.query_one("#inject-detail", Static).update(effects_text(self.game, inject_id))
        self.query_one("#inject-error", Static).update("")

    @on(OptionList.OptionSelected, "#inject-list")
    @on(Button.Pressed, "#fire")
    def action_fire(self) -> None:
        lst = self.query_one("#inject-list", OptionList)
        if lst.highlighted is None:
            return
        inject_id = lst.get_option_at_index(lst.highlighted).id
        assert inject_id is not None
        try:
            self.game.queue_inject(inject_id)
        except OrderRefused as exc:
            inj = self.game.inject(inject_id)
            if inj.once and inj.id in self.game.session.state.fired:
                return  # its description says so already, in red: not a second time
            self.query_one("#inject-error", Static).update(exc.reason)
            return
        self.dismiss(inject_id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class OverrideScreen(Dialog[TurnRecord | None]):
    """Override a drawn outcome or an index of the last turn, with a reason.

    The engine resolves the turn again with the same orders and the override
    (``Session.amend``); the dialog dismisses with the new record, or None.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        DIALOG_HELP,
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply", priority=True),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.record = game.session.records[-1]
        self.outcomes = self.MOVE_OUTCOMES

    MOVE_OUTCOMES: ClassVar[list[tuple[str, str]]] = [
        ("Happens / succeeds", "1"),
        ("Does not happen / fails", "0"),
    ]
    SLIP_OUTCOMES: ClassVar[list[tuple[str, str]]] = [
        ("Slips a turn", "1"),
        ("Stays on schedule", "0"),
    ]

    def outcome_options(self, subject: str) -> list[tuple[str, str]]:
        """The outcomes of ``subject``'s draw: a project's draw is whether it slips."""
        slips = any(o.id == subject for o in self.game.scenario.investments)
        return self.SLIP_OUTCOMES if slips else self.MOVE_OUTCOMES

    def draw_options(self) -> list[tuple[str, str]]:
        s = self.game.scenario
        return [(draw_subject(s, d), d.subject) for d in self.record.draws]

    def compose(self) -> ComposeResult:
        draws = self.draw_options()
        kinds = ([("A chance outcome", "draw")] if draws else []) + [("An index", "index")]
        with Vertical(classes="dialog", id="override-dialog"):
            yield Label(f"Override a result of turn {self.record.turn}", classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("Override")
                yield Select(kinds, id="ov-kind", allow_blank=False, compact=True)
            with Horizontal(classes="field"):
                yield Label("What")
                yield Select(draws or [("-", "")], id="ov-subject", allow_blank=False, compact=True)
            with Horizontal(classes="field", id="ov-outcome-field"):
                yield Label("Outcome")
                yield Select(
                    self.outcomes,
                    id="ov-outcome",
                    allow_blank=False,
                    compact=True,
                )
            with Horizontal(classes="field hidden", id="ov-value-field"):
                yield Label("Set to")
                yield LineInput(id="ov-value", type="number", placeholder="0-100", compact=True)
            with Horizontal(classes="field"):
                yield Label("Reason")
                yield LineInput(
                    id="ov-reason",
                    placeholder="why (logged and shown in the results and the report)",
                    max_length=500,
                    compact=True,
                )
            yield Static(id="ov-current", classes="hint")
            yield Static(id="ov-error", classes="verdict-bad")
            yield Static(
                "The turn is resolved again with the same orders and this override. Orders "
                "sealed and injects queued for the next turn stay.",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="warning", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        tame_cursor(self)
        self.query_one("#ov-kind", Select).focus()
        self.apply_kind()

    @property
    def kind(self) -> str:
        return str(self.query_one("#ov-kind", Select).value)

    @on(Select.Changed, "#ov-kind")
    def apply_kind(self) -> None:
        subject = self.query_one("#ov-subject", Select)
        is_draw = self.kind == "draw"
        if is_draw:
            subject.set_options(self.draw_options())
        else:
            state = self.record.state
            subject.set_options(
                [
                    (index_label(self.game.scenario, n), n)
                    for n in ("tension", "cohesion", "posture", "deterrence")
                    if n in state.indices
                ]
            )
        self.query_one("#ov-outcome-field").set_class(not is_draw, "hidden")
        self.query_one("#ov-value-field").set_class(is_draw, "hidden")
        self.show_current()

    @on(Select.Changed, "#ov-subject")
    def show_current(self) -> None:
        value = self.query_one("#ov-subject", Select).value
        current = self.query_one("#ov-current", Static)
        if not isinstance(value, str) or not value:
            current.update("")
            return
        if self.kind == "draw":
            options = self.outcome_options(value)
            if options is not self.outcomes:  # a project's draw is its slipping: say so
                self.outcomes = options
                outcome = self.query_one("#ov-outcome", Select)
                outcome.set_options(options)
                # the same values ("1", "0") under new words: Select redraws its current
                # choice only when the value changes, so move it away and back
                outcome.value, outcome.value = options[1][1], options[0][1]
            d = next((d for d in self.record.draws if d.subject == value), None)
            if d is not None:
                verdict = "happened" if d.happened else "did not happen"
                current.update(
                    f"Drawn: {verdict} ({chance_text(d.chance)} chance, "
                    f"roll {roll_text(d.roll, d.chance)})"
                )
        else:
            now = self.record.state.indices.get(value)
            text = f"Now: {now:.1f}" if now is not None else ""
            for headline, delta in self.scripted_moves(value):
                text += (
                    f"\nAt the end of this turn “{headline}” fired and moved it by {delta:+g}: "
                    "events like it still move an index after the value you set."
                )
            current.update(text)

    def scripted_moves(self, index: str) -> list[tuple[str, float]]:
        """The scripted injects that fired at the end of this turn and moved ``index``."""
        from game.facilitation import find_inject

        out = []
        for fired in self.record.injects:
            if fired.manual:
                continue
            effects = find_inject(self.game.scenario, fired.id).effects
            moves = {str(name): delta for name, delta in effects.indices.items()}
            if moves.get(index):
                out.append((fired.headline, moves[index]))
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        error = self.query_one("#ov-error", Static)
        subject = self.query_one("#ov-subject", Select).value
        reason = self.query_one("#ov-reason", Input).value.strip()
        if self.kind == "draw":
            raw = str(self.query_one("#ov-outcome", Select).value)
        else:
            raw = self.query_one("#ov-value", Input).value.strip()
        if not reason:
            error.update("Give a reason: it is logged and shown to everyone in the debrief.")
            self.query_one("#ov-reason", Input).focus()
            return
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or (self.kind == "index" and not 0 <= value <= 100):
            what = index_label(self.game.scenario, str(subject)) if self.kind == "index" else ""
            error.update(
                f"{what or 'An index'} runs from 0 to 100: type a value in that range."
                if math.isfinite(value)
                else "Type the value to set, from 0 to 100."
            )
            return
        try:
            override = parse_override(
                {"kind": self.kind, "subject": subject, "value": value, "reason": reason}
            )
            record = self.game.amend([override])
        except (ValueError, OrderRefused) as exc:
            error.update(exc.reason if isinstance(exc, OrderRefused) else str(exc))
            return
        self.dismiss(record)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteScreen(Dialog[str | None]):
    """Write a facilitator note on a played turn; dismisses with the text (saved) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [DIALOG_HELP, Binding("escape", "cancel", "Cancel")]

    def __init__(self, game: Game, turn: int | None = None) -> None:
        super().__init__()
        self.game = game
        self.turn = game.session.turn if turn is None else turn

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Note on turn {self.turn}", classes="dialog-title")
            notes = self.game.session.notes.get(self.turn, [])
            if notes:
                yield Static("\n".join(f"• {n}" for n in notes), classes="hint")
            yield LineInput(id="note-text", placeholder="what to remember for the debrief")
            yield Static(
                "Enter saves the note in the log; Escape cancels. Only the facilitator and "
                "the report see notes.",
                classes="hint",
            )
            yield Static(id="note-error", classes="verdict-bad")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        tame_cursor(self)
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        try:
            self.game.add_note(event.value, self.turn)
        except OrderRefused as exc:
            self.query_one("#note-error", Static).update(exc.reason)
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportScreen(Dialog[str | None]):
    """Offer the after-action report; dismisses with "html", "md" or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        DIALOG_HELP,
        Binding("h", "choose('html')", "HTML"),
        Binding("m", "choose('md')", "Markdown"),
        Binding("n,escape", "choose('')", "Not now"),
    ]

    def __init__(self, game: Game, over: bool = True) -> None:
        super().__init__()
        self.game = game
        self.over = over

    def compose(self) -> ComposeResult:
        g = self.game
        with Vertical(classes="dialog"):
            yield Label(
                "The session is over: write the after-action report?"
                if self.over
                else "Write the after-action report of the turns so far?",
                classes="dialog-title",
            )
            yield Static(
                "The debrief is built from the log alone: the timeline of orders, injects and "
                "overrides, each team's score explained, the key decision points, charts and "
                "your notes. It is written next to the log:\n"
                f"  {display_path(g.report_path('html'))}  (one file, prints well)\n"
                f"  {display_path(g.report_path('md'))}"
            )
            with Horizontal(classes="buttons"):
                yield Button("HTML (h)", id="html", variant="primary")
                yield Button("Markdown (m)", id="md")
                yield Button("Not now (n)", id="none")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def on_mount(self) -> None:
        self.query_one("#html", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose("" if event.button.id == "none" else str(event.button.id))

    def action_choose(self, fmt: str) -> None:
        self.dismiss(fmt or None)
