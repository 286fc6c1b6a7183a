"""A game in the app: a ``Session`` plus who plays each team, the bots and the log path.

This wraps the engine for the screens; it computes no rule. Computer teams' orders come from
``game.headless.computer_orders`` and are sealed with ``Session.submit`` like a human's; every
resolved turn is written to the log with ``game.log.write_log`` (atomically).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.bots import BOT_KINDS, Bot, make_bot
from game.engine import HUMAN as HUMAN  # re-exported for the screens
from game.engine import Session, TurnRecord, bot_controller, bot_kind
from game.errors import ChokepointError, LogError, OrderRefused
from game.facilitation import (
    FiredInject,
    Override,
    find_inject,
    manual_injects,
    note_problem,
    timeout_note,
)
from game.fog import TeamView, team_view
from game.headless import computer_orders
from game.log import replay_log, write_log
from game.names import and_list as and_list  # re-exported for the screens
from game.orders import Order
from game.scenario import Inject, Scenario

DEFAULT_SEED = 1
TIMEOUT_CHOICES = ("hold", "computer")
"""What a team's orders become when the turn timer runs out."""

TIMEOUT_BOT = "doctrine"
"""The computer opponent that gives a team's orders when its time runs out (if so chosen)."""

Clock = Callable[[], float]


class TurnTimer:
    """A countdown for one turn, with pause and resume, read from an injectable clock.

    The clock only decides *when* the time is up; what gets logged is the orders that result,
    so neither tests nor logs depend on the wall clock.
    """

    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self.seconds = float(seconds)
        self.clock = clock
        self.started: float | None = None
        self.used = 0.0  # seconds spent before the last pause
        self.paused = False
        self.fired = False

    def start(self) -> None:
        """Start (or restart) the countdown for a new turn."""
        self.started = self.clock()
        self.used = 0.0
        self.paused = False
        self.fired = False

    def stop(self) -> None:
        """The turn is over (resolved or undone): the countdown stops until started again."""
        self.started = None
        self.paused = False

    @property
    def running(self) -> bool:
        return self.started is not None and not self.paused and not self.fired

    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        if self.paused:
            return self.used
        return self.used + max(0.0, self.clock() - self.started)

    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    def pause(self) -> None:
        if self.running:
            self.used = self.elapsed()
            self.paused = True

    def resume(self) -> None:
        if self.paused:
            self.started = self.clock()
            self.paused = False

    def expired(self) -> bool:
        """True once, the first time the time is found to be up."""
        if self.running and self.remaining() <= 0.0:
            self.fired = True
            return True
        return False

    def label(self) -> str:
        left = int(self.remaining() + 0.999)
        text = f"{left // 60}:{left % 60:02d}"
        if self.fired:
            return "time is up"
        return f"{text} left (paused)" if self.paused else f"{text} left"


def controller_label(controller: str) -> str:
    if controller == "plan":
        return "Scripted plan"
    kind = bot_kind(controller)
    return "Human" if kind is None else f"Computer ({kind})"


def bot_kinds() -> list[str]:
    return sorted(BOT_KINDS)


def player_options() -> list[tuple[str, str]]:
    """Who may play a team, as the start screen and the fork dialog offer it: people, or each
    computer opponent (label, controller)."""
    return [("Human", HUMAN)] + [(f"Computer: {k}", bot_controller(k)) for k in bot_kinds()]


SOLO_OPPONENT = "doctrine"
"""Who plays the other teams in solo play unless chosen: the pragmatist doctrine (sensible,
and instant; the search bot is stronger and can be chosen on the start screen or with --bot)."""


def solo_opponent() -> str:
    return SOLO_OPPONENT if SOLO_OPPONENT in BOT_KINDS else bot_kinds()[0]


DRAFTS_SEALED = "the orders it had written, unsealed, were sealed as they stood"
"""What time-up did to a team that had written orders the engine accepts (``Game.time_up``)."""


def default_log_path(scenario_id: str, seed: int, base: Path | None = None) -> Path:
    """``sessions/<scenario>-seed<N>.jsonl`` under the current directory, never an existing file
    (a second game of that seed is ``...-seed<N>-2.jsonl``, so seed -3 is written
    ``seed-minus3``: ``seed-3`` would read as seed 3)."""
    folder = (base or Path.cwd()) / "sessions"
    stem = f"{scenario_id}-seed{seed}" if seed >= 0 else f"{scenario_id}-seed-minus{-seed}"
    path = folder / f"{stem}.jsonl"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.jsonl"
        n += 1
    return path


def typed_log_path(raw: str, base: Path | None = None) -> Path:
    """The log file a name typed on the start screen stands for: a name with no folder is put
    in ``sessions/`` (which the Saved sessions tab lists), and a name with no extension gets
    ``.jsonl``. 'Exercise Alpha' was saved as a file of that name beside the app, where the
    app never showed it again."""
    path = Path(raw).expanduser()
    if path.name in ("", ".", "..") or path.is_dir():
        return path  # a folder: refused as one (``log_path_problem``)
    if not path.suffix:
        path = path.with_name(f"{path.name}.jsonl")
    if not any(sep in raw for sep in ("/", os.sep, "~")):
        path = (base or Path.cwd()) / "sessions" / path
    return path


def resumed_path(log: Path) -> Path:
    """Where play on from a damaged ``log`` is written: ``<name>-resumed.jsonl`` beside it, or
    ``-resumed-2``, ``-3``... : never an existing file (resuming the same damaged log twice
    once wrote over the first resumed session, finished or not)."""
    suffix = log.suffix or ".jsonl"
    path = log.with_name(f"{log.stem}-resumed{suffix}")
    n = 2
    while path.exists():
        path = log.with_name(f"{log.stem}-resumed-{n}{suffix}")
        n += 1
    return path


def display_path(path: Path | str) -> str:
    """``path`` relative to the current directory when it lies under it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


@dataclass
class Game:
    """A session being played: hot seat (``mode='hotseat'``) or solo (``mode='solo'``)."""

    session: Session
    log_path: Path
    mode: str = "hotseat"
    notes: list[str] = field(default_factory=list)
    clock: Clock = time.monotonic
    timer: TurnTimer | None = field(init=False, default=None)
    timer_turn: int = field(init=False, default=0)
    """The turn the timer was last started for."""
    bots: dict[str, Bot] = field(init=False, default_factory=dict)
    damaged: str | None = field(init=False, default=None)
    """Set when the game was resumed from a log that failed verification: what happened, for a
    lasting line on the console ('Log damaged: ... play resumed after turn 3 ...')."""
    drafts: dict[str, list[Order]] = field(init=False, default_factory=dict)
    """Orders a team has drafted but not sealed this turn (kept if it leaves the screen)."""
    timed_out: dict[str, str] = field(init=False, default_factory=dict)
    """The teams whose orders this turn were sealed for them when the timer ran out, each with
    what that gave them ('the computer chose its orders (doctrine)', 'it held'): noted in the
    turn's record when it resolves, so the log, the replay and the report say whose orders
    they were not."""
    lock: threading.RLock = field(
        init=False, default_factory=threading.RLock, repr=False, compare=False
    )
    """Held while the computer teams decide and seal, and while the turn resolves or is taken
    back: the screens run these in worker threads, and a second worker (Seal & resolve pressed
    while the computer teams were still deciding) must wait for the first, not decide again
    beside it and seal the old turn's orders into the next one."""

    def __post_init__(self) -> None:
        self.log_path = Path(self.log_path)
        planned = [
            self.team_label(t) for t, c in sorted(self.session.controllers.items()) if c == "plan"
        ]
        if planned and self.session.turn < self.session.scenario.turns:
            who = and_list(planned)
            self.notes.append(
                f"{who} followed an orders plan in `chokepoint run`; the app cannot read plans, "
                f"so people play {'it' if len(planned) == 1 else 'them'} from here"
            )
        for team, ctl in self.session.controllers.items():
            kind = bot_kind(ctl)
            if kind is None:
                continue
            if kind not in BOT_KINDS:
                self.notes.append(
                    f"{self.team_label(team)} was played by the '{kind}' bot, which this version "
                    f"lacks: the 'hold' bot plays it now"
                )
                kind = "hold"
            self.bots[team] = make_bot(kind, team, self.session.scenario, self.session.seed)
        seconds = self.session.settings.get("timer_seconds")
        if isinstance(seconds, int | float) and seconds > 0:
            self.timer = TurnTimer(seconds, self.clock)

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        controllers: dict[str, str],
        log_path: Path | str,
        mode: str = "hotseat",
        settings: dict[str, object] | None = None,
        clock: Clock = time.monotonic,
    ) -> Game:
        session = Session(scenario, seed, dict(controllers), dict(settings or {}))
        game = cls(session, Path(log_path), mode, clock=clock)
        game.save()
        return game

    @classmethod
    def resume(
        cls, log: Path | str, out: Path | str | None = None, clock: Clock = time.monotonic
    ) -> tuple[Game, str | None]:
        """Reopen an interrupted session from its log; return the game and a warning, if any.

        A sound log is continued in place (or at ``out``). A log that fails verification opens
        at its last good turn and, unless ``out`` is given, continues in a new file beside it so
        the damaged log is kept as evidence.
        """
        rep = replay_log(log)
        if rep.session is None:
            assert rep.error is not None
            raise rep.error
        warning = None
        target = Path(out) if out else Path(log)
        if rep.error is not None:
            warning = (
                f"The log failed verification: {rep.error}. "
                f"Resuming after turn {rep.good_turns}, the last good turn."
            )
            if out is None:
                target = resumed_path(Path(log))
        humans = [t for t, c in rep.session.controllers.items() if bot_kind(c) is None]
        mode = "solo" if len(humans) == 1 else "hotseat"
        game = cls(rep.session, target, mode, clock=clock)
        if rep.error is not None:
            game.damaged = (
                f"{display_path(log)} failed verification at turn {rep.error.turn}; "
                f"play resumed after turn {rep.good_turns}, the last good turn"
                + (f", in {display_path(target)}" if Path(target) != Path(log) else "")
                + "."
            )
        game.save()
        return game, warning

    # -- who plays ---------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def teams(self) -> list[str]:
        return self.session.teams

    def team_label(self, team: str) -> str:
        t = self.session.scenario.teams.get(team)
        return t.name if t else team

    @property
    def human_teams(self) -> list[str]:
        return [t for t in self.teams if t not in self.bots]

    @property
    def computer_teams(self) -> list[str]:
        return [t for t in self.teams if t in self.bots]

    @property
    def player(self) -> str | None:
        """The human team in solo play."""
        humans = self.human_teams
        return humans[0] if self.mode == "solo" and humans else None

    def unsaved_orders(self) -> str | None:
        """What leaving the session now would lose, in words ("Beijing's sealed orders for
        turn 3 are not saved", "Tokyo's unsealed draft is not saved", "the inject fired for
        turn 4 ('G7 leaders ...') is not saved"), or None. The log holds resolved turns only;
        the computer teams decide again when the session is resumed."""
        s = self.session
        if s.is_over:
            return None
        teams = self.sealed_humans()
        drafted = [
            t for t in self.human_teams if t not in s.pending and self.drafts.get(t)
        ]  # orders being written, not yet sealed
        lost: list[str] = []
        if teams:
            owners = and_list([f"{self.team_label(t)}'s" for t in teams])
            lost.append(f"{owners} sealed orders for turn {s.turn + 1}")
        if drafted:
            owners = and_list([f"{self.team_label(t)}'s" for t in drafted])
            lost.append(f"{owners} unsealed draft{'s' if len(drafted) > 1 else ''}")
        fired = [self.inject(i).headline for i in s.queued_injects if self._known_inject(i)]
        if fired:
            # an inject fired by hand is logged with the turn it opens, so it is kept only
            # once that turn resolves (a facilitator lost one this way without a word)
            said = and_list([f"'{h}'" for h in fired])
            lost.append(
                f"the inject{'s' if len(fired) > 1 else ''} fired for turn {s.turn + 1} ({said})"
            )
        if not lost:
            return None
        one = len(lost) == 1 and (
            (len(drafted) == 1 and not teams) or (len(fired) == 1 and not teams and not drafted)
        )
        return f"{' and '.join(lost)} {'is' if one else 'are'} not saved"

    def _known_inject(self, inject_id: str) -> bool:
        try:
            self.inject(inject_id)
        except ValueError:
            return False
        return True

    def sealed_humans(self) -> list[str]:
        """The human teams whose orders for the coming turn are sealed."""
        return [t for t in self.human_teams if t in self.session.pending]

    def waiting_humans(self) -> list[str]:
        return [t for t in self.human_teams if t not in self.session.pending]

    def next_team(self) -> str | None:
        waiting = self.waiting_humans()
        return waiting[0] if waiting else None

    # -- a turn ---------------------------------------------------------------------

    def view(self, team: str) -> TeamView:
        return team_view(self.scenario, self.session.state, team, self.session.seed)

    def check(self, team: str, orders: Sequence[Order]):  # type: ignore[no-untyped-def]
        return self.session.check(team, orders)

    def seal(self, team: str, orders: Sequence[Order]) -> None:
        """Seal ``team``'s orders (``OrderRefused`` if the engine refuses any)."""
        self.session.submit(team, list(orders))

    def reopen(self, team: str) -> None:
        """Unseal ``team``'s orders so it can change them before the turn resolves. Orders the
        timer sealed for it (the computer's) become its drafts: reopening them once left the
        team with none, the computer's choice thrown away without a word."""
        orders = self.session.pending.pop(team, None)
        self.timed_out.pop(team, None)
        if orders and not self.drafts.get(team):
            self.drafts[team] = list(orders)

    def seal_computer_orders(self) -> list[str]:
        """Let each bot decide and seal its orders for this turn; notes on anything refused."""
        with self.lock:
            return self._seal_computer_orders()

    def _seal_computer_orders(self) -> list[str]:
        todo = {t: b for t, b in self.bots.items() if t not in self.session.pending}
        if not todo or self.session.is_over:
            return []
        notes: list[str] = []
        decided = computer_orders(self.session, todo)
        for team, orders in decided.items():
            refusals = self.session.check(team, orders)
            if refusals:
                bad = {r.index for r in refusals}
                for r in refusals:
                    notes.append(f"{self.team_label(team)}'s bot order dropped: {r.reason}")
                orders = [o for i, o in enumerate(orders) if i not in bad]
            try:
                self.session.submit(team, orders)
            except OrderRefused as exc:  # the remaining set can still clash: hold instead
                notes.append(f"{self.team_label(team)}'s bot holds: {exc.reason}")
                self.session.submit(team, [])
        return notes

    def resolve(self, save: bool = True) -> TurnRecord:
        """Resolve the turn (computer teams decide first if they have not) and save the log
        (unless ``save`` is False: the caller saves it, e.g. right after drawing the results)."""
        with self.lock:
            self.seal_computer_orders()
            record = self.session.resolve()
            for team, what in sorted(self.timed_out.items()):
                self.session.add_note(timeout_note(self.team_label(team), what))
            self.timed_out = {}
            self.drafts = {}
            self.stop_timer()
            if save:
                self.save()
        return record

    def stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer_turn = 0

    def undo(self) -> TurnRecord:
        with self.lock:
            record = self.session.undo()
            self.drafts = {}
            self.timed_out = {}
            self.stop_timer()
            self.save()
        return record

    # -- facilitation ---------------------------------------------------------------------

    def manual_injects(self) -> list[Inject]:
        """Injects the facilitator may fire by hand (the scenario's own, then the library's)."""
        return manual_injects(self.scenario)

    def inject(self, inject_id: str) -> Inject:
        return find_inject(self.scenario, inject_id)

    def queue_inject(self, inject_id: str) -> Inject:
        """Fire an inject by hand for the coming turn (``OrderRefused`` says why not)."""
        self.session.queue_inject(inject_id)
        return self.inject(inject_id)

    def unqueue_inject(self, inject_id: str) -> None:
        if inject_id in self.session.queued_injects:
            self.session.queued_injects.remove(inject_id)

    def news(self) -> list[tuple[FiredInject, str]]:
        """What the teams are told when they build orders: the scripted injects that opened
        this turn, then the injects the facilitator has fired for it; each with its text."""
        out: list[tuple[FiredInject, str]] = []
        for fired in self.session.news():
            out.append((fired, self.inject_text(fired.id)))
        for iid in self.session.queued_injects:
            try:
                inj = self.inject(iid)
            except ValueError:
                continue
            out.append((FiredInject(inj.id, inj.headline, True), inj.text))
        return out

    def inject_text(self, inject_id: str) -> str:
        try:
            return self.inject(inject_id).text
        except ValueError:
            return ""

    def amend(self, overrides: Sequence[Override]) -> TurnRecord:
        """Resolve the last turn again with the facilitator's overrides; save the log. What is
        sealed and queued for the next turn stays, except orders the amended turn refuses
        (``Session.unsealed``: those teams give theirs again)."""
        with self.lock:
            record = self.session.amend(list(overrides))
            for team, orders in self.session.unsealed.items():
                self.timed_out.pop(team, None)
                if team in self.human_teams:  # back on the team's screen, to be mended
                    self.drafts[team] = list(orders)
            # orders the computer chose were chosen from the turn before the override: it
            # chooses again, from the turn as amended (a computer team when the turn resolves,
            # a team whose time ran out now)
            for team in self.bots:
                self.session.pending.pop(team, None)
            for team, how in sorted(self.timed_out.items()):
                if how != DRAFTS_SEALED and team in self.session.pending:
                    self.session.pending[team] = self.timeout_orders(team)
            self.save()
        return record

    def add_note(self, text: str, turn: int | None = None) -> None:
        """A facilitator's note (``OrderRefused`` for one dressed as the app's time-out note:
        the report would read it as one)."""
        refused = note_problem(text)
        if refused is not None:
            raise OrderRefused("facilitator", refused)
        self.session.add_note(text, turn)
        self.save()

    def fork(
        self, turn: int, log_path: Path | str, players: Mapping[str, str] | None = None
    ) -> Game:
        """A new game from after ``turn`` of this one, written to ``log_path``; ``players``
        (team -> controller) changes who plays teams from there (the fork dialog)."""
        source = display_path(self.log_path)
        solo = self.mode == "solo"
        return Game.branch(self.session, turn, source, log_path, players, self.clock, solo)

    @classmethod
    def branch(
        cls,
        session: Session,
        turn: int,
        source: str,
        log_path: Path | str,
        players: Mapping[str, str] | None = None,
        clock: Clock = time.monotonic,
        solo: bool = True,
    ) -> Game:
        """A new game after ``turn`` of ``session`` (read from ``source``), written to
        ``log_path``, with ``players`` (team -> controller) from there; solo play when one
        team is left to people (and ``solo`` allows it), else hot seat."""
        forked = session.fork(turn, source)
        forked.controllers.update(players or {})
        humans = [t for t, c in forked.controllers.items() if bot_kind(c) is None]
        mode = "solo" if solo and len(humans) == 1 else "hotseat"
        game = cls(forked, Path(log_path), mode, clock=clock)
        game.save()
        return game

    # -- the turn timer ---------------------------------------------------------------------

    @property
    def on_timeout(self) -> str:
        choice = self.session.settings.get("on_timeout", "hold")
        return choice if choice in TIMEOUT_CHOICES else "hold"

    def arm_timer(self) -> None:
        """Start the turn timer, once per turn (the first time a turn's orders are asked for)."""
        turn = self.session.turn + 1
        if self.timer is not None and not self.session.is_over and self.timer_turn != turn:
            self.timer.start()
            self.timer_turn = turn

    def timer_label(self) -> str:
        """'9:32 left', '… (paused)', 'time is up', or '' when there is no timer."""
        if self.timer is None or self.session.is_over or self.timer_turn != self.session.turn + 1:
            return ""
        if self.timer.started is None:
            return ""
        return self.timer.label()

    @property
    def timeout_bot(self) -> str:
        kind = str(self.session.settings.get("timeout_bot", TIMEOUT_BOT))
        if kind not in BOT_KINDS:
            kind = TIMEOUT_BOT if TIMEOUT_BOT in BOT_KINDS else "hold"
        return kind

    def timeout_orders(self, team: str) -> list[Order]:
        """The orders a team gets when time runs out: hold, or what its computer opponent
        decides from the team's own view."""
        if self.on_timeout != "computer":
            return []
        kind = self.timeout_bot
        bot = make_bot(kind, team, self.scenario, self.session.seed)
        orders = computer_orders(self.session, {team: bot})[team]
        refusals = {r.index for r in self.session.check(team, orders)}
        return [o for i, o in enumerate(orders) if i not in refusals]

    def time_up(self) -> list[str]:
        """Seal the orders of every human team still waiting; return their names."""
        with self.lock:
            return self._time_up()

    def _time_up(self) -> list[str]:
        sealed: list[str] = []
        for team in self.waiting_humans():
            drafts = self.drafts.get(team)
            if drafts and not self.session.check(team, drafts):
                # the orders the team had written count, as a table's written orders do when
                # time is called (the computer's once replaced them without a word)
                self.session.submit(team, list(drafts))
                self.drafts.pop(team, None)
                self.timed_out[team] = DRAFTS_SEALED
                sealed.append(team)
                continue
            orders = self.timeout_orders(team)
            try:
                self.session.submit(team, orders)
            except OrderRefused:
                orders = []
                self.session.submit(team, [])
            self.drafts.pop(team, None)
            self.timed_out[team] = (
                f"the computer ({self.timeout_bot}) chose its orders"
                if self.on_timeout == "computer" and orders
                else "it held (no orders)"
            )
            sealed.append(team)
        return sealed

    # -- the after-action report ---------------------------------------------------------

    def report_path(self, fmt: str) -> Path:
        suffix = ".html" if fmt == "html" else ".md"
        return self.log_path.with_name(f"{self.log_path.stem}-report{suffix}")

    def write_report(self, fmt: str = "html") -> Path:
        """Write the after-action report (built from the log alone) next to the log."""
        from game.cli_report import write_atomic
        from game.report.model import debrief_from_log

        debrief = debrief_from_log(self.log_path)
        if fmt == "html":
            from game.report.html import render_html

            text = render_html(debrief)
        else:
            from game.report.markdown import render_markdown

            text = render_markdown(debrief)
        path = self.report_path(fmt)
        write_atomic(path, text)
        return path

    def save(self) -> None:
        write_log(self.session, self.log_path)


def load_game_error(exc: Exception) -> str:
    """A user-facing message for an error raised while opening a game or a log."""
    if isinstance(exc, LogError | ChokepointError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot write the session log: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"
