"""The facilitator's console (hot seat): the true state, every sealed order, and resolve.

From here the facilitator hands the terminal to each team in turn (an opaque hand-over screen
stands between teams), sees their orders once sealed, resolves the turn and reads the results.
"""

from __future__ import annotations

import time
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    DataTable,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import Worker

from game.engine import bot_kind
from game.errors import ChokepointError
from game.names import count
from game.tui.game import DRAFTS_SEALED, Game, and_list, controller_label, display_path
from game.tui.screens import has_left
from game.tui.screens.base import AppScreen
from game.tui.screens.dialogs import ConfirmScreen, HandoverScreen
from game.tui.widgets.charts import LineChart, index_series, score_series
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.ledger_view import TurnStory
from game.tui.widgets.scoreboard import Scoreboard
from game.tui.widgets.state_panel import StatePanel
from game.tui.words import FACILITATOR, order_words


class FacilitatorScreen(AppScreen[None]):
    """The console that sees everything. Teams never see it while they hold the terminal."""

    FOOTER_DROP = ("note", "replay", "last_results", "override")
    """Left out of the footer, in this order, when the keys do not fit (80 columns); F1 lists
    them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_team", "Next team"),
        Binding("r", "resolve", "Resolve turn"),
        # ↑ ↓ highlight a team wherever the focus is (on the buttons they did nothing, and a
        # facilitator's t or o then went to Beijing, the first row); the table's own keys and a
        # focused pane's scrolling come first
        Binding("up", "team_cursor(-1)", "Highlight the team above", show=False),
        Binding("down", "team_cursor(1)", "Highlight the team below", show=False),
        Binding("t", "team_orders", "Give the terminal to the highlighted team", show=False),
        Binding("o", "reopen", "Reopen the highlighted team's orders", show=False),
        Binding("u", "undo", "Undo the last turn", show=False),
        Binding("l", "last_results", "Last results"),
        Binding("i", "inject", "Inject"),
        Binding("v", "override", "Override"),
        Binding("c", "note", "Note"),
        Binding("s", "timer", "Pause or resume the turn timer", show=False),
        Binding("f", "fork", "Fork: a new branch after any turn", show=False),
        Binding("d", "compare_original", "Compare this branch with its original", show=False),
        Binding("a", "report", "Write the after-action report", show=False),
        Binding("p", "replay", "Replay log"),
        # after the last turn the keys above that play a turn are hidden (check_action); these
        # take their keys then and say why nothing happens ('The game is over: ...')
        *(
            Binding(k, f"game_over('{a}')", "", show=False)
            for k, a in (
                ("n", "next_team"),
                ("r", "resolve"),
                ("t", "team_orders"),
                ("o", "reopen"),
                ("i", "inject"),
                ("s", "timer"),
            )
        ),
    ]

    GAME_OVER: ClassVar[dict[str, str]] = {
        "next_team": "no team has orders to give.",
        "team_orders": "no team has orders to give.",
        "reopen": "there are no orders to reopen.",
        "resolve": "every turn has been resolved.",
        "inject": "there is no coming turn to fire an inject into.",
        "timer": "there is no turn left to time.",
    }
    """The console's actions that play a turn, refused once the game is over, and why."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.busy = False  # the computer teams are deciding
        self.resolving = False  # a turn is being resolved
        self._bots: Worker[None] | None = None
        """The computer teams' worker for this turn, while it runs (see ``prepare_turn``)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "The terminal is with a team. The console is hidden until it comes back.",
            id="fac-covered",
            classes="banner hidden",
        )
        with Horizontal(id="fac-body"):
            with Vertical(id="fac-left", classes="pane"):
                yield Static(id="turn-banner")
                yield DataTable(id="team-table", cursor_type="row")
                with VerticalScroll(id="sealed-scroll"):
                    yield Static(id="sealed")
                with Horizontal(classes="buttons"):
                    yield Button("Next team (n)", id="next-team", variant="primary", compact=True)
                    yield Button("Resolve (r)", id="resolve", variant="success", compact=True)
            with TabbedContent(id="fac-tabs"):
                with TabPane("True state", id="tab-state"), VerticalScroll():
                    yield StatePanel(id="state")
                with TabPane("Scores", id="tab-scores"), VerticalScroll():
                    yield Scoreboard(id="scoreboard")
                    yield LineChart("Scores", id="score-chart")
                    yield LineChart("Indices", id="index-chart")
                with TabPane("Last turn", id="tab-last"), VerticalScroll():
                    yield TurnStory(id="story")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        over = self.game.session.is_over
        if action == "game_over":
            return over
        return not (over and action in self.GAME_OVER)

    def action_game_over(self, action: str) -> None:
        self.notify(f"The game is over: {self.GAME_OVER[action]}")

    def refused_after_the_game(self, action: str) -> bool:
        """True, with the reason said, when ``action`` plays a turn and the game is over (the
        palette and the buttons call the actions without check_action)."""
        if self.game.session.is_over:
            self.action_game_over(action)
            return True
        return False

    def on_mount(self) -> None:
        table = self.query_one("#team-table", DataTable)
        table.add_columns("Team (player)", "Orders")
        self.query_one("#fac-left").border_title = "Facilitator console"
        self.game.arm_timer()
        self.refresh_all()
        self.query_one("#next-team").focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual sends this as the console is first shown too: the turn is prepared here only
        # (on_mount did it as well, which started the computer teams' worker twice)
        if not self.is_current:  # another screen went on top at once (e.g. the results)
            return
        self.game.arm_timer()
        self.refresh_all()
        self.prepare_turn()

    # -- computer teams ---------------------------------------------------------------------

    def prepare_turn(self) -> None:
        """Start the turn timer; let computer teams seal their orders, off the UI thread."""
        g = self.game
        g.arm_timer()
        if g.session.is_over or all(t in g.session.pending for t in g.computer_teams):
            return
        if self._bots is not None and not self._bots.is_finished:
            return  # still deciding: coming back from a dialog starts no other
        self.busy = True
        self._bots = self.seal_bots()

    @work(thread=True, exclusive=True, group="bots")
    def seal_bots(self) -> None:
        try:
            notes = self.game.seal_computer_orders()
        except ChokepointError as exc:
            notes = [str(exc)]
        self.app.call_from_thread(self._bots_done, notes)

    def _bots_done(self, notes: list[str]) -> None:
        self.busy = False
        if has_left(self):  # a new game or a fork replaced the console while the bots thought
            return
        for note in notes:
            self.notify(note, severity="warning")
        self.refresh_all()

    # -- drawing ---------------------------------------------------------------------

    def show_timer(self) -> None:
        """Redraw the banner's clock; the app's half-second tick calls this on every screen in
        the stack, also on a console pushed but not yet composed, which has no banner to draw."""
        if self.game.timer is not None:
            for banner in self.query("#turn-banner").results(Static):
                banner.update(self.banner())

    def banner(self) -> Text:
        g, s = self.game, self.game.scenario
        session = g.session
        turn = session.turn
        over = session.is_over
        waiting = g.waiting_humans()
        banner = Text()
        if over:
            banner.append("The game is over. ", style="bold")
            banner.append("Press p to replay the log, l for the final results, a for the report.\n")
            written = getattr(g, "report_written", None)
            if written is not None:
                banner.append(f"Report: {display_path(written)}\n", style="green")
        else:
            banner.append(f"Turn {turn + 1} of {s.turns}", style="bold")
            banner.append(f" · {s.month_label(turn + 1)}\n")
            if waiting:
                names = ", ".join(g.team_label(t) for t in waiting)
                banner.append(f"Waiting for: {names}\n", style="yellow")
            else:
                banner.append("Every team has sealed its orders: resolve.\n", style="green")
            left = g.timer_label()
            if left:
                what = "computer" if g.on_timeout == "computer" else "hold"
                style = "bold red" if g.timer and g.timer.remaining() < 60 else "bold"
                banner.append(f"⏱ {left}", style=style)
                if g.timer is not None and g.timer.fired:  # nothing is left to pause
                    banner.append("\n")
                else:
                    key = "s resumes" if g.timer is not None and g.timer.paused else "s pauses"
                    banner.append(f" (then waiting teams: {what}; {key})\n", style="dim")
            for fired, _text in g.news():
                how = "fired by you" if fired.manual else "scripted"
                banner.append("▶ ", style="yellow")
                banner.append(fired.headline, style="bold")
                banner.append(f" ({how})\n", style="dim")
        banner.append(f"Log: {display_path(g.log_path)}", style="dim")
        if g.damaged:
            banner.append("\n⚠ Log damaged: ", style="bold yellow")
            banner.append(g.damaged, style="yellow")
        return banner

    def refresh_all(self) -> None:
        """Redraw the console; a console not composed yet is left to its on_mount to draw, and
        one that has left the app (its widgets being removed) is not drawn."""
        if not self.query("#team-table") or has_left(self):
            return
        g, s = self.game, self.game.scenario
        session = g.session
        turn = session.turn
        over = session.is_over
        if over:
            self.title = f"Facilitator · game over after {s.turns} turns"
        else:
            self.title = f"Facilitator · turn {turn + 1} of {s.turns} ({s.month_label(turn + 1)})"
        waiting = g.waiting_humans()
        self.query_one("#turn-banner", Static).update(self.banner())

        table = self.query_one("#team-table", DataTable)
        row = table.cursor_row
        table.clear()
        for t in g.teams:
            if over:
                status = Text("–", style="dim")
            elif t in session.pending:
                n = len(session.pending[t])
                status = Text(f"sealed ({n})" if n else "sealed (hold)", style="green")
                if t in g.timed_out:
                    own = g.timed_out[t] == DRAFTS_SEALED
                    mark = "its drafts" if own else "computer's" if n else "held"
                    status = Text(f"⏱ {mark}", style="yellow")
            elif t in g.bots:
                status = Text("deciding…", style="yellow")
            else:
                status = Text("waiting", style="yellow")
            # a computer team has its bot's kind under its name: a third column did not fit
            # the console's pane ('Computer (doctrine:hawk)' pushed the orders out of view)
            kind = bot_kind(session.controllers[t])
            team = Text(g.team_label(t))
            if kind is not None:
                team.append(f"\n{kind}", style="dim")
            table.add_row(team, status, height=1 if kind is None else 2)
        table.move_cursor(row=max(0, min(row, len(g.teams) - 1)))

        sealed = Text()
        if not over:
            sealed.append("Sealed orders (only you see these)\n", style="bold")
            for t in g.teams:
                if t not in session.pending:
                    continue
                orders = session.pending[t]
                sealed.append(f"{g.team_label(t)}\n", style="bold")
                if t in g.timed_out:
                    sealed.append(f"  ⏱ time ran out: {g.timed_out[t]}\n", style="yellow")
                if not orders:
                    sealed.append("  hold\n", style="dim")
                for o in orders:
                    sealed.append(f"  • {order_words(s, o)}\n")
        self.query_one("#sealed", Static).update(sealed)

        self.query_one("#state", StatePanel).show(s, session.states, turn, FACILITATOR)
        controllers = {t: controller_label(session.controllers[t]) for t in g.teams}
        self.query_one("#scoreboard", Scoreboard).show(
            s, session.states, turn, FACILITATOR, controllers
        )
        self.query_one("#score-chart", LineChart).set_series(
            score_series(s, session.states, turn, FACILITATOR)
        )
        self.query_one("#index-chart", LineChart).set_series(index_series(session.states, turn))
        last = session.records[-1] if session.records else None
        notes = session.notes.get(turn, [])
        self.query_one("#story", TurnStory).show(s, last, FACILITATOR, notes=notes)
        self.query_one("#next-team", Button).disabled = not waiting
        for button in ("#next-team", "#resolve"):  # nothing left to play: not offered
            self.query_one(button, Button).display = not over
        self.query_one("#fac-left .buttons").display = not over
        self.refresh_bindings()

    # -- the hot-seat loop ------------------------------------------------------------------------

    @on(Button.Pressed, "#next-team")
    def action_next_team(self) -> None:
        if not self.is_current or self.refused_after_the_game("next_team"):
            return
        team = self.game.next_team()
        if team is None:
            self.notify("Every human team has sealed its orders. Press r to resolve.")
            return
        self.hand_to(team)

    def action_team_cursor(self, step: int) -> None:
        table = self.query_one("#team-table", DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_team_orders(self) -> None:
        """Give the terminal to the team highlighted in the table (to revise its orders)."""
        if self.refused_after_the_game("team_orders"):
            return
        row = self.query_one("#team-table", DataTable).cursor_row
        team = self.game.teams[row]
        if team in self.game.bots:
            self.notify(
                f"{self.game.team_label(team)} is played by the computer; to play it otherwise, "
                "fork (f) and choose who plays each team from there."
            )
            return
        self.hand_to(team)

    def hand_to(self, team: str, previous: str | None = None, timed_out: str = "") -> None:
        from game.tui.screens.team import TeamScreen

        g = self.game

        def ready(go: bool | None) -> None:
            if go:
                self.app.push_screen(TeamScreen(g, team), done)
            elif go is None:  # the turn's time ran out while the team was being called
                self.hand_back()
            else:  # the facilitator took the terminal back (ctrl+f)
                self.cover(False)

        def done(sealed: bool | None) -> None:
            nxt = g.next_team()
            late = g.timed_out.get(team, "")  # the timer sealed them, not the team
            if sealed and nxt is not None:
                self.hand_to(nxt, previous=g.team_label(team), timed_out=late)
            else:
                self.hand_back(
                    previous=g.team_label(team) if sealed else None,
                    detail=""
                    if nxt is not None
                    else "Every team's orders are in."
                    if late
                    else "Every team has sealed its orders.",
                    timed_out=late,
                )

        self.cover(True)
        self.app.clear_notifications()  # nothing said to the last team is left for the next
        self.app.push_screen(
            HandoverScreen(g.team_label(team), previous=previous, timed_out=timed_out), ready
        )

    def hand_back(self, previous: str | None = None, detail: str = "", timed_out: str = "") -> None:
        """The hand-over screen that calls the facilitator back; Enter shows the console."""
        self.cover(True)
        self.app.clear_notifications()
        self.app.push_screen(
            HandoverScreen(
                HandoverScreen.FACILITATOR, previous=previous, detail=detail, timed_out=timed_out
            ),
            lambda _: self.cover(False),
        )

    def cover(self, on: bool) -> None:
        """Hide the console while a team holds the terminal (so no frame can show it)."""
        self.query_one("#fac-body").set_class(on, "hidden")
        self.query_one("#fac-covered").set_class(not on, "hidden")

    def action_reopen(self) -> None:
        if self.refused_after_the_game("reopen"):
            return
        row = self.query_one("#team-table", DataTable).cursor_row
        team = self.game.teams[row]
        name = self.game.team_label(team)
        if team in self.game.bots:
            self.notify(
                f"{name} is played by the computer, which seals its orders each turn. To play it "
                "otherwise, fork (f) and choose who plays each team from there."
            )
        elif team not in self.game.session.pending:
            self.notify(f"{name} has not sealed orders: there is nothing to reopen.")
        else:
            self.game.reopen(team)
            self.notify(f"{name}'s orders are unsealed.")
            self.refresh_all()

    @on(Button.Pressed, "#resolve")
    def action_resolve(self) -> None:
        g = self.game
        # while the computer teams still decide, resolving waits for them (in a worker); it
        # did nothing at all, without a word, until they had sealed
        if self.resolving or not self.is_current or self.refused_after_the_game("resolve"):
            return
        waiting = g.waiting_humans()
        if waiting:
            names = ", ".join(g.team_label(t) for t in waiting)

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.do_resolve()

            self.app.push_screen(
                ConfirmScreen(
                    f"{names} {'has' if len(waiting) == 1 else 'have'} not sealed orders. "
                    "Resolve anyway? Teams without orders hold.",
                    yes="Resolve",
                    no="Wait",
                ),
                confirmed,
            )
            return
        self.do_resolve()

    def do_resolve(self) -> None:
        g = self.game
        self.resolving = True
        if g.timer is not None:
            g.timer.pause()  # no time-out while the turn resolves (s resumes it on a failure)
        self.query_one("#resolve", Button).disabled = True
        if all(t in g.session.pending for t in g.computer_teams):
            # nothing slow left (the engine resolves in milliseconds): stay on the UI thread
            self.app.resolve_started = time.perf_counter()  # type: ignore[attr-defined]
            try:
                record = g.resolve(save=False)
            except (ChokepointError, OSError) as exc:
                self._failed(str(exc))
                return
            self.resolving = False
            self.show_results(record, then=self.app.save_after_drawing(g))  # type: ignore[attr-defined]
        else:
            thinking = and_list(
                [g.team_label(t) for t in g.computer_teams if t not in g.session.pending]
            )
            self.notify(f"Resolving once the computer has decided for {thinking}.")
            self.resolve_worker()  # computer teams still deciding: wait for them off the UI

    @work(thread=True, exclusive=True, group="resolve")
    def resolve_worker(self) -> None:
        app = self.app
        app.resolve_started = time.perf_counter()  # type: ignore[attr-defined]
        try:
            record = self.game.resolve(save=False)  # saved by _resolved, unless the console left
        except (ChokepointError, OSError) as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        app.call_from_thread(self._resolved, record)

    def _failed(self, message: str) -> None:
        self.resolving = False
        if has_left(self):
            return
        self.notify(message, title="Could not resolve", severity="error")
        self.refresh_all()

    def _resolved(self, record) -> None:  # type: ignore[no-untyped-def]
        """Show the turn a worker resolved and save the log once the results are drawn; not
        if the facilitator left the session meanwhile (New game, Quit): the choice to leave
        wins, as in solo play, and nothing of the left game is drawn over what replaced it."""
        self.resolving = False
        if has_left(self):
            return
        self.show_results(record, then=self.app.save_after_drawing(self.game))  # type: ignore[attr-defined]

    def show_results(self, record, then=None) -> None:  # type: ignore[no-untyped-def]
        g = self.game
        self.app.show_results(  # type: ignore[attr-defined]
            g,
            record,
            FACILITATOR,
            lambda _: self.app.after_results(g),  # type: ignore[attr-defined]
            then,
        )

    def action_last_results(self) -> None:
        records = self.game.session.records
        if not records:
            self.notify("No turn has been resolved yet.")
            return
        self.show_results(records[-1])

    # -- facilitation ---------------------------------------------------------------------

    def action_inject(self) -> None:
        from game.tui.screens.facilitation import InjectScreen

        if self.refused_after_the_game("inject"):
            return

        def fired(inject_id: str | None) -> None:
            if inject_id:
                self.notify(self.inject_queued(inject_id), title="Inject queued", timeout=10)
                self.refresh_all()

        self.app.push_screen(InjectScreen(self.game), fired)

    def inject_queued(self, inject_id: str) -> str:
        """What firing an inject means for the teams: those that have sealed their orders see
        it only once the turn resolves."""
        g = self.game
        inj = g.inject(inject_id)
        when = f"“{inj.headline}” fires at the start of turn {g.session.turn + 1}"
        sealed, waiting = g.sealed_humans(), g.waiting_humans()
        reopen = "(o reopens the highlighted team's orders so it can react)"
        # the computer's teams decide from the state, not from the news: they meet the
        # inject's effects once the turn resolves, whether they have decided yet or not
        computer = [g.team_label(t) for t in g.computer_teams]
        if not sealed and not waiting:
            return f"{when}; every team is played by the computer, which does not read the news."
        after = (
            f" {and_list(computer)} {'is' if len(computer) == 1 else 'are'} played by the "
            "computer, which does not read the news: it meets the inject's effects when the "
            "turn resolves."
            if computer
            else ""
        )
        if sealed and not waiting:
            every = "every team" if not computer else "every team played by people"
            return (
                f"{when}, but {every} has already sealed its orders: no team will see it "
                f"before the turn resolves {reopen}.{after}"
            )
        if sealed:
            names = and_list([g.team_label(t) for t in sealed])
            has = "has" if len(sealed) == 1 else "have"
            return (
                f"{when}; the teams still to give orders see it as news. {names} {has} already "
                f"sealed and will not see it before the turn resolves {reopen}.{after}"
            )
        still = (
            "the teams see it as news"
            if not computer
            else "the teams played by people see it as news"
        )
        return f"{when}; {still}.{after}"

    def action_override(self) -> None:
        from game.tui.screens.facilitation import OverrideScreen

        if not self.game.session.records:
            self.notify("Overrides change a resolved turn: resolve one first.")
            return

        def done(record) -> None:  # type: ignore[no-untyped-def]
            if record is not None:
                unsealed = sorted(self.game.session.unsealed)
                if unsealed:
                    names = and_list([self.game.team_label(t) for t in unsealed])
                    self.notify(
                        f"{names}: the orders sealed for the next turn are refused after the "
                        "override, and are unsealed (back in the team's drafts) to be mended.",
                        title="Orders unsealed",
                        severity="warning",
                        timeout=12,
                    )
                self.refresh_all()
                self.show_results(record)

        self.app.push_screen(OverrideScreen(self.game), done)

    def action_note(self) -> None:
        from game.tui.screens.facilitation import NoteScreen

        if not self.game.session.records:
            self.notify("Notes attach to a played turn: resolve one first.")
            return

        def done(text: str | None) -> None:
            if text:
                self.notify(f"Note saved on turn {self.game.session.turn}.")
                self.refresh_all()

        self.app.push_screen(NoteScreen(self.game), done)

    def action_timer(self) -> None:
        if self.refused_after_the_game("timer"):
            return
        timer = self.game.timer
        if timer is None:
            self.notify("This session has no turn timer (choose one on the start screen).")
            return
        if timer.paused:
            timer.resume()
            self.notify("Timer running.")
        elif timer.running:
            timer.pause()
            self.notify("Timer paused.")
        self.refresh_all()

    def action_fork(self) -> None:
        """Start a new branch from any played turn, in a new log ("what if")."""
        from game.tui.game import default_log_path
        from game.tui.screens.dialogs import JumpScreen
        from game.tui.screens.fork import ForkScreen

        g = self.game
        last = min(g.session.turn, g.scenario.turns - 1)

        def chosen(turn: int | None) -> None:
            if turn is not None:
                players = ForkScreen(g.scenario, turn, g.session.controllers)
                self.app.push_screen(players, partial(with_players, turn))

        def with_players(turn: int, players: dict[str, str] | None) -> None:
            if players is not None:  # the session's sealed orders stay behind: ask first
                self.app.confirm_leaving(  # type: ignore[attr-defined]
                    f"Fork after turn {turn} and leave this session?",
                    "Fork",
                    lambda: fork(turn, players),
                )

        def fork(turn: int, players: dict[str, str]) -> None:
            path = default_log_path(f"{g.scenario.id}-fork-t{turn}", g.session.seed)
            try:
                game = g.fork(turn, path, players)
            except (ChokepointError, OSError) as exc:
                self.notify(str(exc), title="Cannot fork", severity="error")
                return
            self.app.enter_game(game)  # type: ignore[attr-defined]
            self.app.notify(f"Forked after turn {turn}: a new session, a new log.")

        self.app.push_screen(JumpScreen(0, last, last, title="Fork after turn"), chosen)

    def action_compare_original(self) -> None:
        from game.tui.screens.compare_original import open_comparison

        open_comparison(self.app, self.game)

    def action_report(self) -> None:
        if not self.game.session.records:
            self.notify("Play a turn first: the report is built from the log.")
            return
        self.app.offer_report(self.game, over=self.game.session.is_over)  # type: ignore[attr-defined]

    def action_undo(self) -> None:
        g = self.game
        if not g.session.records:
            self.notify("There is no turn to undo.")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                rec = g.undo()
                self.notify(f"Turn {rec.turn} undone; the log is rewritten.")
                self.refresh_all()
                self.prepare_turn()

        last = g.session.records[-1]
        extras = [
            count(len(last.overrides), "override") if last.overrides else "",
            count(len(last.manual_injects), "hand-fired inject") if last.manual_injects else "",
            count(len(g.session.notes.get(last.turn, [])), "note")
            if g.session.notes.get(last.turn)
            else "",
        ]
        what = and_list(["orders", "results", *(e for e in extras if e)])
        question = (
            f"Undo turn {g.session.turn}? Its {what} are discarded "
            "and the log is rewritten without it."
        )
        sealed = g.sealed_humans()
        if sealed and not g.session.is_over:
            teams = and_list([g.team_label(t) for t in sealed])
            question += (
                f" The orders {teams} {'has' if len(sealed) == 1 else 'have'} sealed for "
                f"turn {g.session.turn + 1} are discarded too: every team gives its orders "
                f"for turn {g.session.turn} again."
            )
        self.app.push_screen(
            ConfirmScreen(
                question,
                yes="Undo",
                no="Keep",
            ),
            confirmed,
        )

    def action_replay(self) -> None:
        self.app.open_replay(str(self.game.log_path), facilitator=True)  # type: ignore[attr-defined]

    def palette_commands(self):  # type: ignore[no-untyped-def]
        commands = [
            ("Resolve the turn", "Resolve every sealed order now", self.action_resolve),
            ("Next team", "Hand the terminal to the next team", self.action_next_team),
            (
                "Give the terminal to the highlighted team",
                "Let it revise its orders",
                self.action_team_orders,
            ),
            ("Reopen the highlighted team's orders", "Unseal them", self.action_reopen),
            ("Undo the last turn", "Take back the last resolved turn", self.action_undo),
            ("Replay this session's log", "Open the replay viewer", self.action_replay),
            ("Fire an inject", "Fire an inject by hand for the coming turn", self.action_inject),
            (
                "Override a result",
                "Set a chance outcome or an index of the last turn, with a reason",
                self.action_override,
            ),
            ("Add a note", "A note on the last turn, kept in the log", self.action_note),
            ("Pause or resume the turn timer", "Stop the clock", self.action_timer),
            ("Fork from a turn", "A what-if branch in a new log", self.action_fork),
            (
                "Compare with the original",
                "This branch beside the log it was forked from, turn by turn",
                self.action_compare_original,
            ),
            ("Write the after-action report", "HTML or Markdown", self.action_report),
        ]
        if not self.game.session.is_over:
            return commands
        return [c for c in commands if c[2].__name__.removeprefix("action_") not in self.GAME_OVER]
