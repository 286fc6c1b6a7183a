"""The replay viewer: step through a saved session from any point of view.

The log is replayed by the engine (``game.log.replay_log``), which recomputes every turn and
checks every hash. The banner says whether the log verified; a log that fails verification
opens up to its last good turn, with the reason shown.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from game.facilitation import timed_out_teams
from game.log import Replay
from game.names import count
from game.tui.game import controller_label, display_path
from game.tui.screens.base import AppScreen
from game.tui.screens.dialogs import JumpScreen
from game.tui.widgets.charts import LineChart, index_series, score_series
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.ledger_view import TurnStory
from game.tui.widgets.scoreboard import Scoreboard
from game.tui.widgets.state_panel import StatePanel
from game.tui.words import FACILITATOR, team_name


class ReplayScreen(AppScreen[None]):
    """Step forward and back through a log; switch the point of view."""

    FOOTER_DROP = ("fork", "jump", "switch_tab")
    """Left out of the footer, in this order, when the keys do not fit (80 columns); F1 lists
    them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: a focused pane that scrolls (the scores at 80x24) or the tabs took these
        Binding("left,h", "step(-1)", "Back", priority=True),
        Binding("right,l", "step(1)", "Forward", priority=True),
        Binding("home", "goto(0)", "Start", show=False, priority=True),
        Binding("end", "goto(-1)", "End", show=False, priority=True),
        Binding("g", "jump", "Jump to turn"),
        Binding("v", "cycle_view", "Switch view"),
        Binding("v", "view_locked", "Switch view", show=False),  # one view only: says why
        Binding("s", "switch_tab", "Turn/State"),
        Binding("f", "fork", "Play on from here"),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self, replay: Replay, turn: int | None = None, only: str | None = None) -> None:
        """``only``: the one point of view allowed (solo play, during the game: the player's
        team); None gives every view, the facilitator's first."""
        super().__init__()
        assert replay.session is not None
        self.replay = replay
        self.session = replay.session
        self.scenario = replay.session.scenario
        self.last = self.session.turn
        self.turn = self.last if turn is None else max(0, min(turn, self.last))
        self.only = only
        self.povs = [only] if only else [FACILITATOR, *sorted(self.scenario.teams)]
        self.pov = self.povs[0]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="verify-banner", classes="banner")
        yield Static(id="replay-bar")
        with Horizontal(id="replay-body"):
            with VerticalScroll(id="replay-left", classes="pane"):
                yield Scoreboard(id="scoreboard")
                yield LineChart("Scores", id="score-chart")
                yield LineChart("Indices", id="index-chart")
            with TabbedContent(id="replay-tabs"):
                with TabPane("Turn", id="tab-turn"), VerticalScroll():
                    yield TurnStory(id="story")
                with TabPane("State", id="tab-state"), VerticalScroll():
                    yield StatePanel(id="state")
        yield Footer()

    def on_mount(self) -> None:
        rep = self.replay
        s = self.scenario
        self.title = f"Replay · {display_path(rep.path)}"
        self.sub_title = f"seed {self.session.seed} · {s.title}"
        banner = self.query_one("#verify-banner", Static)
        if rep.ok:
            unfinished = (
                f" The session is not finished: {s.turns} turns in all."
                if not self.session.is_over
                else ""
            )
            banner.update(
                f"✓ Verified: {count(rep.good_turns, 'turn')} replayed by the engine, every "
                "hash "
                f"matches.{unfinished}"
            )
            banner.add_class("-ok")
        else:
            banner.update(
                f"⚠ This log FAILS verification: {rep.error}\n"
                + (
                    f"Showing the {count(rep.good_turns, 'good turn')} before it."
                    if rep.good_turns
                    else "No turn before it is sound: showing the start only."
                )
            )
            banner.add_class("-warning")
        self.query_one("#replay-left").border_title = "Scores"
        self.show_turn()

    # -- drawing ---------------------------------------------------------------------

    def show_turn(self) -> None:
        s, session, n = self.scenario, self.session, self.turn
        month = s.month_label(n) if n > 0 else f"start ({s.start})"
        bar = Text()
        bar.append(f"Turn {n} of {self.last}", style="bold")
        if self.last < s.turns:  # unfinished, or damaged after turn ``last``
            bar.append(f" played ({s.turns} in the game)")
        bar.append(f" · {month} · ")
        bar.append(f"View: {team_name(s, self.pov)}", style="bold cyan")
        if self.only:
            bar.append(" (solo play: your view only)", style="cyan")
        track = "".join("●" if i == n else "─" for i in range(self.last + 1))
        bar.append(f"  {track}", style="dim")
        names = {t: team_name(s, t) for t in session.controllers}
        # whose orders the turn timer sealed this turn (a facilitator's audit: 'Washington:
        # Human' for orders the computer chose)
        late = timed_out_teams(session.notes.get(n, []), names) if n > 0 else {}
        players = ", ".join(
            f"{names[t]}: {controller_label(c)}" + (" (⏱ time ran out)" if t in late else "")
            for t, c in session.players_at(max(n, 1)).items()
        )
        bar.append(f"\n{players}", style="dim")
        cut = session.settings.get("branch_turn")
        if isinstance(cut, int):
            source = session.settings.get("branch_of", "another session")
            bar.append(f" · a branch of {source} after turn {cut}", style="dim")
        self.query_one("#replay-bar", Static).update(bar)
        states = session.states
        self.query_one("#scoreboard", Scoreboard).show(s, states, n, self.pov)
        self.query_one("#score-chart", LineChart).set_series(
            score_series(s, states, self.last, self.pov), marker=n
        )
        self.query_one("#index-chart", LineChart).set_series(
            index_series(states, self.last), marker=n
        )
        record = session.records[n - 1] if n > 0 else None
        notes = session.notes.get(n, []) if n > 0 else []
        self.query_one("#story", TurnStory).show(s, record, self.pov, economy=40, notes=notes)
        if self.pov == FACILITATOR:
            shown = states[n]
        else:
            from game.fog import team_view

            shown = team_view(s, states[n], self.pov, session.seed).state
        self.query_one("#state", StatePanel).show(s, states, n, self.pov, shown)

    # -- actions ---------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self.turn = max(0, min(self.last, self.turn + delta))
        self.show_turn()

    def action_goto(self, turn: int) -> None:
        self.turn = self.last if turn < 0 else min(turn, self.last)
        self.show_turn()

    def action_jump(self) -> None:
        def chosen(n: int | None) -> None:
            if n is not None:
                self.action_goto(n)

        self.app.push_screen(JumpScreen(0, self.last, self.turn), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # one view only (solo play): the key says why it does not switch
        if action == "cycle_view":
            return not self.only
        if action == "view_locked":
            return bool(self.only)
        return True

    def action_view_locked(self) -> None:
        """A solo player pressed v during the game and nothing happened, without a word."""
        self.notify(
            "During a solo game the replay shows your team's view only: the other teams' "
            "views open once the game is over.",
            timeout=4,
        )

    def action_cycle_view(self) -> None:
        if self.only:
            return
        i = self.povs.index(self.pov)
        self.pov = self.povs[(i + 1) % len(self.povs)]
        self.notify(f"Point of view: {team_name(self.scenario, self.pov)}", timeout=2)
        self.show_turn()

    def action_switch_tab(self) -> None:
        """The Turn and State tabs by key (left and right step the turns, even on the tabs)."""
        tabs = self.query_one("#replay-tabs", TabbedContent)
        tabs.active = "tab-state" if tabs.active == "tab-turn" else "tab-turn"

    def set_view(self, pov: str) -> None:
        self.pov = pov
        self.show_turn()

    def action_fork(self) -> None:
        """Start a new game from this turn ('what if'), written to a new log."""

        if self.turn >= self.scenario.turns:
            self.notify("The game ended at this turn: step back to fork earlier.")
            return
        from game.tui.screens.fork import ForkScreen

        def with_players(players: dict[str, str] | None) -> None:
            if players is not None:
                self.app.confirm_leaving(  # type: ignore[attr-defined]
                    f"Fork after turn {self.turn} and leave this session?",
                    "Fork",
                    partial(self._fork, players),
                )

        turn, controllers = self.turn, self.session.controllers
        self.app.push_screen(ForkScreen(self.scenario, turn, controllers), with_players)

    def _fork(self, players: dict[str, str]) -> None:
        from game.tui.game import Game, default_log_path

        path = default_log_path(f"{self.scenario.id}-fork-t{self.turn}", self.session.seed)
        source = display_path(self.replay.path)
        clock = self.app.clock  # type: ignore[attr-defined]
        try:
            game = Game.branch(self.session, self.turn, source, path, players, clock)
        except OSError as exc:
            self.notify(f"cannot write the log: {exc}", severity="error")
            return
        self.app.enter_game(game)  # type: ignore[attr-defined]
        self.app.notify(f"Forked after turn {self.turn}: a new session, a new log.")

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss()
        else:
            self.app.action_new_game()  # type: ignore[attr-defined]

    def palette_commands(self):  # type: ignore[no-untyped-def]
        cmds = [("Jump to turn…", "Go to any turn of the log", self.action_jump)]
        for pov in self.povs:
            cmds.append(
                (
                    f"View as {team_name(self.scenario, pov)}",
                    "Switch the point of view",
                    partial(self.set_view, pov),
                )
            )
        cmds.append(("Turn or State tab", "Switch the right-hand pane", self.action_switch_tab))
        cmds.append(("Fork from this turn", "Play on from here in a new log", self.action_fork))
        return cmds
