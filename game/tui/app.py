"""The Chokepoint Textual app and ``run_app``, the entry point ``chokepoint`` calls.

Screens live in ``game.tui.screens``, widgets in ``game.tui.widgets``, styles in ``app.tcss``.
The app holds at most one :class:`~game.tui.game.Game` and routes between the start screen,
the facilitator console (hot seat), the team screen (each team's turn, and solo play), the
turn results and the replay viewer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.terminal_theme import TerminalTheme
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from game.bots import named_players, player_problem
from game.engine import bot_controller
from game.errors import ChokepointError
from game.tui.collector import Collector
from game.tui.game import DEFAULT_SEED, HUMAN, Game, default_log_path

if TYPE_CHECKING:
    from game.tui.screens.results import ResultsScreen

STARTED = time.perf_counter()


def plain_ansi_theme(theme: TerminalTheme) -> TerminalTheme:
    """``theme`` with its sixteen ANSI colours set to its text colour, for NO_COLOR.

    With NO_COLOR set Textual draws in greys of each colour's brightness, and the dark theme's
    red (negative changes, refusals) came out grey 237 on 234, unreadable. Every text colour
    now reads like plain text; signs (+/-), ✓ and ✗ already carry what the colours did."""
    fg = theme.foreground_color
    text = (fg.red, fg.green, fg.blue)
    bg = theme.background_color
    return TerminalTheme((bg.red, bg.green, bg.blue), text, [text] * 8, [text] * 8)


class ChokepointApp(App[int]):
    """Facilitated sessions, solo play and the replay viewer."""

    CSS_PATH = "app.tcss"
    TITLE = "Chokepoint"
    SUB_TITLE = "critical-mineral crisis exercise"
    # unannotated: Textual's `ClassVar[...] | None` reads to mypy as an instance variable
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", key_display="F1"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        *,
        scenario: str | None = None,
        seed: int | None = None,
        solo: str | None = None,
        bots: dict[str, str] | None = None,
        resume: str | None = None,
        replay: str | None = None,
        log: str | None = None,
        start_screen: bool = False,
        cursor_blink: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        if self.no_color:  # NO_COLOR: see plain_ansi_theme
            self.ansi_theme_dark = plain_ansi_theme(self.ansi_theme_dark)
        self.clock = clock
        """The turn timer's clock (tests pass a fake one to expire it at once)."""
        self.opt_scenario = scenario
        self.opt_seed = seed
        self.opt_solo = solo
        self.opt_bots = dict(bots or {})
        self.opt_resume = resume
        self.opt_replay = replay
        self.opt_log = log
        self.opt_start = start_screen
        self.cursor_blink = cursor_blink
        self.game: Game | None = None
        self.collector = Collector()
        """Full garbage collections between turns only (``game.tui.collector``)."""
        self.first_frame_at: float | None = None
        self.resolve_started: float | None = None
        self.results_drawn_ms: float | None = None
        self._results: dict[str, ResultsScreen] = {}
        self._results_game: Game | None = None
        self._unsaved: Game | None = None

    # -- start-up -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.collector.start()
        self.call_after_refresh(self._first_frame)
        self.set_interval(0.5, self.tick_timer, name="turn-timer")
        if self.opt_replay:
            self.open_replay(self.opt_replay, base=True)
        elif self.opt_resume:
            self.resume_game(self.opt_resume, self.opt_log)
        elif self.opt_start:
            self.show_start()
        else:
            self.play_from_options()

    def _first_frame(self) -> None:
        self.first_frame_at = time.perf_counter()

    def show_start(self, error: str | None = None) -> None:
        from game.tui.screens.start import StartScreen

        self.switch_or_push(
            StartScreen(scenario=self.opt_scenario, seed=self.opt_seed, solo=self.opt_solo)
        )
        if error:
            self.notify(error, title="Could not open", severity="error", timeout=15)

    def switch_or_push(self, screen: Screen) -> None:  # type: ignore[type-arg]
        """Make ``screen`` the only screen above the app's default one."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def play_from_options(self) -> None:
        from game.scenario_loader import DEFAULT_SCENARIO, find_scenario, load_scenario

        try:
            scenario = load_scenario(find_scenario(self.opt_scenario or DEFAULT_SCENARIO))
        except ChokepointError as exc:
            self.show_start(str(exc))
            return
        seed = DEFAULT_SEED if self.opt_seed is None else self.opt_seed
        teams = sorted(scenario.teams)
        self.opt_solo, self.opt_bots = named_players(scenario.teams, self.opt_solo, self.opt_bots)
        problem = player_problem(teams, self.opt_solo, self.opt_bots)
        if problem is not None:
            self.show_start(problem)
            return
        from game.tui.game import solo_opponent

        if self.opt_solo:
            default = solo_opponent()
            controllers = {
                t: HUMAN if t == self.opt_solo else bot_controller(self.opt_bots.get(t, default))
                for t in teams
            }
        else:
            controllers = {
                t: bot_controller(self.opt_bots[t]) if t in self.opt_bots else HUMAN for t in teams
            }
        humans = [t for t, c in controllers.items() if c == HUMAN]
        mode = "solo" if len(humans) == 1 else "hotseat"
        log = Path(self.opt_log) if self.opt_log else default_log_path(scenario.id, seed)
        self.start_game(scenario, seed, controllers, log, mode)

    def start_game(self, scenario, seed, controllers, log, mode, settings=None) -> bool:  # type: ignore[no-untyped-def]
        try:
            game = Game.new(scenario, seed, controllers, log, mode, settings, clock=self.clock)
        except (ChokepointError, OSError) as exc:
            from game.tui.game import load_game_error

            self.notify(load_game_error(exc), title="Could not start", severity="error")
            return False
        self.enter_game(game)
        return True

    def resume_game(self, path: str, out: str | None = None) -> None:
        try:
            game, warning = Game.resume(path, out, clock=self.clock)
        except (ChokepointError, OSError) as exc:
            from game.tui.game import load_game_error

            self.show_start(load_game_error(exc))
            return
        self.enter_game(game)
        if warning:
            self.notify(warning, title="Log damaged", severity="warning", timeout=20)
        self.notify(
            f"Resumed after turn {game.session.turn} of {game.scenario.turns}.",
            title="Session resumed",
        )

    def enter_game(self, game: Game) -> None:
        from game.tui.game import display_path

        self.game = game
        self.sub_title = f"seed {game.session.seed} · {game.scenario.title}"
        for note in game.notes:  # who plays what from here: long enough to be read
            self.notify(note, severity="warning", timeout=20)
        if not game.session.is_over:  # a finished game saves nothing more (it said it would)
            where = display_path(game.log_path)
            self.notify(f"Session log: {where}", title="Saving every turn", timeout=4)
        if game.mode == "solo" and game.player:
            from game.tui.screens.team import TeamScreen

            self.switch_or_push(TeamScreen(game, game.player, solo=True))
        else:
            from game.tui.screens.facilitator import FacilitatorScreen

            self.switch_or_push(FacilitatorScreen(game))

    def open_replay(
        self, path: str, base: bool = False, only: str | None = None, facilitator: bool = False
    ) -> None:
        """Open the replay viewer on ``path``; ``only`` limits it to one team's view. A solo
        game still in play (one team played by a person) opens in that team's view only,
        unless the facilitator asks (``facilitator``: from the console of a hot-seat game in
        which the computer plays two teams)."""
        from game.log import replay_log
        from game.tui.screens.replay import ReplayScreen

        rep = replay_log(path)
        if rep.session is None:
            msg = str(rep.error) if rep.error else f"{path}: cannot open"
            if base:
                self.show_start(msg)
            else:
                self.notify(msg, title="Cannot replay", severity="error", timeout=15)
            return
        session = rep.session
        humans = [t for t, c in sorted(session.controllers.items()) if c == HUMAN]
        if only is None and not facilitator and len(humans) == 1 and not session.is_over:
            # a solo game still in play: the player's own view, as in the game (the facilitator
            # view showed the computer teams' hidden scores mid-game)
            only = humans[0]
            self.notify(
                f"A solo game still in play: the replay shows {session.scenario.teams[only].name}"
                "'s view only, as in the game. Every view opens once the game is finished.",
                title="Your view only",
                timeout=8,
            )
        if base:
            self.switch_or_push(ReplayScreen(rep, only=only))
        else:
            self.push_screen(ReplayScreen(rep, only=only))

    # -- results, report and timer ---------------------------------------------------------

    def show_results(self, game: Game, record, pov: str, callback=None, then=None) -> None:  # type: ignore[no-untyped-def]
        """Push the results of ``record``; one results screen per game and point of view is
        kept and updated in place (composing a new one each turn was most of the wait)."""
        from game.tui.screens.results import ResultsScreen

        if self._results_game is not game:
            for name, old in list(self._results.items()):
                if old not in self.screen_stack:
                    self.uninstall_screen(old)
                    self.call_later(old.remove)
                del self._results[name]
            self._results_game = game
        screen = self._results.get(pov)
        if screen is None or screen in self.screen_stack:
            screen = ResultsScreen(game, record, pov)
            self._results[pov] = screen
            self.install_screen(screen, name=f"results-{pov}-{id(screen)}")
        else:
            screen.show(record)
        screen.after_drawn = then
        self.push_screen(screen, callback)

    def save_after_drawing(self, game: Game) -> Callable[[], None]:
        """For a turn just resolved on the UI thread: a callback that writes the log once the
        results are on the screen (a few milliseconds later, so the fsync no longer delays
        them). Should the app close first, ``on_unmount`` writes it."""
        self._unsaved = game

        def save() -> None:
            if self._unsaved is not game:
                return
            self._unsaved = None
            try:
                game.save()
            except OSError as exc:
                from game.tui.game import load_game_error

                msg = load_game_error(exc)
                self.notify(msg, title="Log not saved", severity="error", timeout=30)

        return save

    def on_unmount(self) -> None:
        if self._unsaved is not None:
            game, self._unsaved = self._unsaved, None
            game.save()
        self.collector.stop()

    def after_results(self, game: Game) -> None:
        """When the last turn's results are closed: offer the after-action report."""
        if game.session.is_over and not getattr(game, "report_offered", False):
            game.report_offered = True  # type: ignore[attr-defined]
            self.offer_report(game)

    def offer_report(self, game: Game, over: bool = True) -> None:
        from game.tui.game import display_path
        from game.tui.screens.facilitation import ReportScreen

        def chosen(fmt: str | None) -> None:
            if not fmt:
                return
            try:
                path = game.write_report(fmt)
            except (ChokepointError, OSError) as exc:
                self.notify(str(exc), title="Report not written", severity="error", timeout=15)
                return
            game.report_written = path  # type: ignore[attr-defined]
            self.notify(
                f"After-action report written to {display_path(path)}",
                title="Report written",
                timeout=20,
            )
            refresh = getattr(self.screen, "refresh_all", None)
            if refresh is not None:
                refresh()

        self.push_screen(ReportScreen(game, over), chosen)

    def tick_timer(self) -> None:
        """Called twice a second: show the time left, and act when the turn's time is up."""
        self.collector.tick()
        game = self.game
        if game is None or game.timer is None:
            return
        if game.timer.expired():
            self.time_up(game)
        for screen in self.screen_stack:
            show = getattr(screen, "show_timer", None)
            if show is not None:
                show()

    def time_up(self, game: Game) -> None:
        """Seal every waiting team's orders (hold or its computer opponent), as chosen."""
        from game.tui.screens.dialogs import HandoverScreen
        from game.tui.screens.team import TeamScreen

        sealed = game.time_up()
        what = "its computer opponent's orders" if game.on_timeout == "computer" else "hold"
        if sealed:
            names = ", ".join(game.team_label(t) for t in sealed)
            self.notify(f"Time is up. {names}: {what}.", title="Turn timer", severity="warning")
        else:
            self.notify("Time is up; every team had sealed its orders.", title="Turn timer")
        team_screen = next((s for s in self.screen_stack if isinstance(s, TeamScreen)), None)
        if team_screen is not None:
            while self.screen is not team_screen:
                self.pop_screen()
            team_screen.time_up()
            return
        handover = next(
            (s for s in self.screen_stack if isinstance(s, HandoverScreen) and s.for_team), None
        )
        if handover is not None:
            # under a question (Quit?) too: after 'Stay', Enter gave the terminal to a team
            # whose orders the timer had sealed
            while self.screen is not handover:
                self.pop_screen()
            handover.dismiss(None)  # the console calls the facilitator back
            return
        refresh = getattr(self.screen, "refresh_all", None)
        if refresh is not None:
            refresh()

    # -- actions ---------------------------------------------------------------------

    @property
    def escape_delay(self) -> float:
        """How much later than it was typed the app reads a lone Escape: a terminal's Escape
        may begin a longer key's sequence, and Textual waits this long (``ESCDELAY``, 0.1 s)
        for more. Keys sent under Pilot (headless) come whole, with no wait."""
        from textual import constants

        return 0.0 if self.is_headless else constants.ESCAPE_DELAY

    def on_key(self, event: events.Key) -> None:
        """Drop a key typed before the full screen on top came there (``AppScreen.shown_at``):
        's' then Escape, typed fast, resolved a solo turn and closed its results before the
        player saw them; the end of a note typed on past Enter ran on the console as commands.
        An Escape is read ``escape_delay`` after it was typed: that Escape came in after the
        results when the computer teams had decided already. This runs before the app looks
        up the key's binding, on whatever screen is on top by then; the focused widget has
        seen the key already, and priority bindings (ctrl+q) never come here."""
        from game.tui.screens.base import AppScreen

        typed = event.time - (self.escape_delay if event.key == "escape" else 0.0)
        if isinstance(self.screen, AppScreen) and typed < self.screen.shown_at:
            event.prevent_default()
            event.stop()

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        # the screen's own keys and the app's, each once ('d, delete'); not the focused
        # widget's ('Press button') nor moving the focus or copying text
        generic = {"app.focus_next", "app.focus_previous", "screen.copy_text"}
        keys: dict[str, list[str]] = {}
        for ab in self.screen.active_bindings.values():
            b = ab.binding
            if not b.description or b.action in generic or ab.node not in (self, self.screen):
                continue
            if not self.offered_now(b.action):
                continue
            keys.setdefault(b.description, []).append(b.key_display or self.get_key_display(b))
        bindings = [(", ".join(k), d) for d, k in keys.items()]
        self.push_screen(HelpScreen(bindings, self.screen.__class__.__name__))

    def offered_now(self, action: str) -> bool:
        """False for a key of the current screen that does nothing useful now, so that the help
        leaves it out: one its ``check_action`` turns off (a turn's keys after the game), or
        comparing with the original (d, console and results) on a session that is no branch.
        """
        from game.tui.screens.compare_original import is_branch

        name = action.split("(", 1)[0]
        if self.screen.check_action(name, ()) is False:
            return False
        game = getattr(self.screen, "game", None)
        return not (name == "compare_original" and isinstance(game, Game) and not is_branch(game))

    def confirm_leaving(self, what: str, yes: str, then: Callable[[], None]) -> None:
        """Run ``then`` at once, or, when sealed orders would be lost, after a confirmation
        that names them ("Quit? Beijing's sealed orders for turn 3 are not saved ...")."""
        from game.tui.screens.dialogs import ConfirmScreen
        from game.tui.screens.order_form import OrderForm

        lost = self.game.unsaved_orders() if self.game is not None else None
        # an order half-built in the order builder (ctrl+q there quit at once when the team
        # had no other orders)
        building = [s for s in self.screen_stack if isinstance(s, OrderForm)]
        if building and self.game is not None:
            this = f"{self.game.team_label(building[-1].team)}'s order in the order builder"
            lost = f"{this} is not saved" if lost is None else f"{lost}, nor is {this}"
        if lost is None:
            then()
            return
        if isinstance(self.screen, ConfirmScreen) and self.screen.id == "confirm-leave":
            return  # already asking

        def answered(go: bool | None) -> None:
            if go:
                then()

        self.push_screen(
            ConfirmScreen(
                f"{what} {lost}: the log keeps resolved turns only.",
                yes=yes,
                no="Stay",
                id="confirm-leave",
            ),
            answered,
        )

    async def action_quit(self) -> None:
        self.confirm_leaving("Quit?", "Quit", self.exit)

    def action_new_game(self) -> None:
        self.confirm_leaving("Leave this session for the start screen?", "Leave", self._new_game)

    def _new_game(self) -> None:
        # after a solo game, the start screen offers solo play again, as the same team
        # (it went back to Hot seat with every team played by people)
        if self.game is not None:
            self.opt_solo = self.game.player if self.game.mode == "solo" else None
        self.game = None
        self.sub_title = self.SUB_TITLE
        self.opt_scenario = None
        self.show_start()

    def team_holds_terminal(self) -> bool:
        """True while a team of a hot-seat session is called to or holds the terminal."""
        from game.tui.screens.dialogs import HandoverScreen
        from game.tui.screens.team import TeamScreen

        return any(
            isinstance(s, HandoverScreen) or (isinstance(s, TeamScreen) and not s.solo)
            for s in self.screen_stack
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Rules summary and key bindings", self.action_help)
        if not self.team_holds_terminal():  # a team does not end the facilitator's session
            yield SystemCommand(
                "New game", "Back to the start screen to choose a scenario", self.action_new_game
            )
        extra = getattr(screen, "palette_commands", None)
        if extra is not None:
            for title, help_text, callback in extra():
                yield SystemCommand(title, help_text, callback)


def run_app(
    scenario: str | None = None,
    seed: int | None = None,
    solo: str | None = None,
    bots: dict[str, str] | None = None,
    resume: str | None = None,
    replay: str | None = None,
    log: str | None = None,
    start_screen: bool = False,
) -> int:
    """Run the app (called by ``chokepoint``, ``chokepoint play`` and ``chokepoint replay``)."""
    from game.bots import search_pool
    from game.sweep import default_jobs

    # a search bot's look-ahead on every core while the players wait (the same decisions)
    search_pool.set_workers(default_jobs())
    search_pool.prepare()  # before Textual takes the terminal's output streams
    app = ChokepointApp(
        scenario=scenario,
        seed=seed,
        solo=solo,
        bots=bots,
        resume=resume,
        replay=replay,
        log=log,
        start_screen=start_screen,
    )
    try:
        result = app.run()
    finally:
        search_pool.set_workers(1)  # stops the helpers, and a decision still running starts none
    if app.return_code:  # the app stopped on an error (Textual has printed it)
        return app.return_code
    return int(result or 0)
