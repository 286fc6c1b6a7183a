"""A game in the app: a ``Session`` plus who plays each team, the bots and the log path.

This wraps the engine for the screens; it computes no rule. Computer teams' orders come from
``game.headless.computer_orders`` and are sealed with ``Session.submit`` like a human's; every
resolved turn is written to the log with ``game.log.write_log`` (atomically).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.bots import BOT_KINDS, Bot, make_bot
from game.engine import Session, TurnRecord
from game.errors import ChokepointError, LogError, OrderRefused
from game.fog import TeamView, team_view
from game.headless import computer_orders
from game.log import replay_log, write_log
from game.orders import Order
from game.scenario import Scenario

HUMAN = "human"
DEFAULT_SEED = 1


def bot_controller(kind: str) -> str:
    return f"bot:{kind}"


def bot_kind(controller: str) -> str | None:
    """The bot kind of a controller string ('bot:hold' or 'computer'), None for a human."""
    if controller.startswith("bot:"):
        return controller[4:]
    if controller == "computer":
        return "hold"
    return None


def controller_label(controller: str) -> str:
    kind = bot_kind(controller)
    return "Human" if kind is None else f"Computer ({kind})"


def bot_kinds() -> list[str]:
    return sorted(BOT_KINDS)


def default_log_path(scenario_id: str, seed: int, base: Path | None = None) -> Path:
    """``sessions/<scenario>-seed<N>.jsonl`` under the current directory, never an existing file."""
    folder = (base or Path.cwd()) / "sessions"
    stem = f"{scenario_id}-seed{seed}"
    path = folder / f"{stem}.jsonl"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.jsonl"
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
    bots: dict[str, Bot] = field(init=False, default_factory=dict)
    drafts: dict[str, list[Order]] = field(init=False, default_factory=dict)
    """Orders a team has drafted but not sealed this turn (kept if it leaves the screen)."""

    def __post_init__(self) -> None:
        self.log_path = Path(self.log_path)
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

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        controllers: dict[str, str],
        log_path: Path | str,
        mode: str = "hotseat",
    ) -> Game:
        game = cls(Session(scenario, seed, dict(controllers)), Path(log_path), mode)
        game.save()
        return game

    @classmethod
    def resume(cls, log: Path | str, out: Path | str | None = None) -> tuple[Game, str | None]:
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
                p = Path(log)
                target = p.with_name(f"{p.stem}-resumed{p.suffix or '.jsonl'}")
        humans = [t for t, c in rep.session.controllers.items() if bot_kind(c) is None]
        mode = "solo" if len(humans) == 1 else "hotseat"
        game = cls(rep.session, target, mode)
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
        """Unseal ``team``'s orders so it can change them before the turn resolves."""
        self.session.pending.pop(team, None)

    def seal_computer_orders(self) -> list[str]:
        """Let each bot decide and seal its orders for this turn; notes on anything refused."""
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

    def resolve(self) -> TurnRecord:
        """Resolve the turn (computer teams decide first if they have not) and save the log."""
        self.seal_computer_orders()
        record = self.session.resolve()
        self.drafts = {}
        self.save()
        return record

    def undo(self) -> TurnRecord:
        record = self.session.undo()
        self.drafts = {}
        self.save()
        return record

    def save(self) -> None:
        write_log(self.session, self.log_path)


def load_game_error(exc: Exception) -> str:
    """A user-facing message for an error raised while opening a game or a log."""
    if isinstance(exc, LogError | ChokepointError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot write the session log: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"
