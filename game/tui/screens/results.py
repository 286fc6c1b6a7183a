"""Turn results: what happened in plain words (from the ledger), the scoreboard and charts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from game.engine import TurnRecord
from game.tui.game import Game, display_path
from game.tui.screens.base import AppScreen
from game.tui.widgets.charts import LineChart, index_series, score_series
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.ledger_view import TurnStory
from game.tui.widgets.scoreboard import Scoreboard
from game.tui.words import FACILITATOR, team_name


class ResultsScreen(AppScreen[None]):
    """The results of one resolved turn, for the facilitator or (solo) the player's team.

    One results screen is kept per game and point of view and updated in place for each turn
    (``show``), so "resolve" does not compose, style and lay out a new screen every time.
    """

    FOOTER_DROP = ("note", "replay", "override", "more")
    """Left out of the footer, in this order, when the keys do not fit (80 columns); F1 lists
    them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,escape", "continue", "Continue"),
        Binding("p", "replay", "Replay log"),
        Binding("m", "more", "All changes"),
        Binding("v", "override", "Override"),
        Binding("c", "note", "Note"),
        Binding("g", "compare", "Against the computer"),
        Binding("d", "compare_original", "Compare this branch with its original", show=False),
    ]

    def __init__(self, game: Game, record: TurnRecord, pov: str = FACILITATOR) -> None:
        super().__init__()
        self.game = game
        self.record = record
        self.pov = pov
        self.economy = 12
        self.ready = False
        self.after_drawn: Callable[[], None] | None = None
        """Run once the results are on the screen (the app saves the log then)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="results-body"):
            with VerticalScroll(id="results-left", classes="pane"):
                yield Static(id="headline")
                yield Scoreboard(id="scoreboard")
                yield LineChart("Scores over the turns", id="score-chart")
                yield LineChart("Indices over the turns", id="index-chart")
            with VerticalScroll(id="results-right", classes="pane"):
                yield TurnStory(id="story")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results-left").border_title = "Scoreboard"
        self.query_one("#results-right").border_title = "What happened, and why"
        self.ready = True
        self.show(self.record)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.call_after_refresh(self._drawn)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("override", "note"):
            return self.pov == FACILITATOR and self.is_last
        if action == "compare":
            return self.is_last and self.game.session.is_over
        if action == "compare_original":  # the true numbers of both games: not for one team
            return self.pov == FACILITATOR or self.game.session.is_over
        return True

    @property
    def is_last(self) -> bool:
        records = self.game.session.records
        return bool(records) and records[-1] is self.record

    def show(self, record: TurnRecord) -> None:
        """Show ``record`` (a new turn, or the same turn after an override)."""
        self.record = record
        self.economy = 12
        if not self.ready:
            return
        g, s, rec = self.game, self.game.scenario, record
        turn = rec.turn
        over = turn >= s.turns
        self.title = (
            f"Final results · {s.title}"
            if over
            else f"Results of turn {turn} ({s.month_label(turn)})"
        )
        self.sub_title = f"as seen by {team_name(s, self.pov)}"
        head = Text()
        # solo: once the game is over the fog over the other teams' scores lifts (display only)
        lifted = over and self.pov != FACILITATOR
        if over:
            head.append("The game is over.\n", style="bold green")
        head.append(f"Turn {turn} of {s.turns} resolved", style="bold")
        head.append(f" · log saved to {display_path(g.log_path)}\n", style="dim")
        if rec.overrides:
            n = len(rec.overrides)
            head.append(
                f"{n} facilitator override{'s' if n > 1 else ''} applied (see right)\n",
                style="magenta",
            )
        if not over:
            enter = "back to the console" if self.pov == FACILITATOR else "next turn"
        elif not getattr(g, "report_offered", False):
            enter = "continue to the after-action report"  # the app offers it next
        else:
            enter = "continue"
        # (the footer's word for Enter is 'Continue': the final results said 'close' beside it)
        if over:
            enter += " · p: replay the whole session · g: set it beside computer games"
        head.append(f"Enter: {enter}", style="dim")
        self.query_one("#headline", Static).update(head)
        states = g.session.states[: turn + 1]
        self.query_one("#scoreboard", Scoreboard).show(s, states, turn, self.pov, lifted=lifted)
        self.query_one("#score-chart", LineChart).set_series(
            score_series(s, states, turn, FACILITATOR if lifted else self.pov)
        )
        self.query_one("#index-chart", LineChart).set_series(index_series(states, turn))
        self.show_story()
        self.query_one("#results-right", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()  # "against the computer" is offered once the game is over

    def show_story(self) -> None:
        notes = self.game.session.notes.get(self.record.turn, []) if self.is_last else []
        # the last turn's account with the fog lifted, as the scores above it (it still read
        # "Beijing's score: unknown to you" under the true final scores)
        over = self.record.turn >= self.game.scenario.turns
        pov = FACILITATOR if over else self.pov
        self.query_one("#story", TurnStory).show(
            self.game.scenario, self.record, pov, self.economy, notes
        )

    def _drawn(self) -> None:
        started = getattr(self.app, "resolve_started", None)
        if started is not None:  # timed first: the log is written after the results are shown
            now = time.perf_counter()
            self.app.results_drawn_at = now  # type: ignore[attr-defined]
            self.app.results_drawn_ms = (now - started) * 1000  # type: ignore[attr-defined]
            self.app.resolve_started = None  # type: ignore[attr-defined]
        then, self.after_drawn = self.after_drawn, None
        if then is not None:
            then()  # the app saves the log
        collector = getattr(self.app, "collector", None)
        if collector is not None:
            collector.between_turns()  # the results are on the screen: players are reading

    def action_continue(self) -> None:
        self.dismiss()

    def action_more(self) -> None:
        self.economy = 10_000 if self.economy < 10_000 else 12
        self.show_story()
        # the list is at the foot of the story, often out of view: m seemed to do nothing
        self.notify(
            "Markets and industry: every change is listed (m again: the 12 largest)."
            if self.economy > 12
            else "Markets and industry: the 12 largest changes are listed (m again: all of them).",
            timeout=4,
        )

    def action_override(self) -> None:
        from game.tui.screens.facilitation import OverrideScreen

        def done(record: TurnRecord | None) -> None:
            if record is not None:
                self.show(record)
                self.notify("The turn was resolved again with the override; log saved.")

        self.app.push_screen(OverrideScreen(self.game), done)

    def action_note(self) -> None:
        from game.tui.screens.facilitation import NoteScreen

        def done(text: str | None) -> None:
            if text:
                self.show_story()
                self.notify(f"Note saved on turn {self.record.turn}.")

        self.app.push_screen(NoteScreen(self.game, self.record.turn), done)

    def action_compare(self) -> None:
        from game.tui.screens.compare import CompareScreen

        # offered once the game is over only, when the fog has lifted: every team's score
        self.app.push_screen(CompareScreen(self.game, FACILITATOR))

    def action_compare_original(self) -> None:
        from game.tui.screens.compare_original import open_comparison

        open_comparison(self.app, self.game)

    def action_replay(self) -> None:
        # during the game a solo player replays the session from the team's own view (the
        # computer teams' scores and private numbers stay hidden, as on the results); once it
        # is over the fog has lifted, and the replay opens every view
        lifted = self.pov == FACILITATOR or self.game.session.is_over
        only = None if lifted else self.pov
        self.app.open_replay(  # type: ignore[attr-defined]
            str(self.game.log_path), only=only, facilitator=self.pov == FACILITATOR
        )
