"""A game session: sealed orders per team, one ``resolve`` per turn, undo and fork.

:func:`resolve_turn` is the pure heart of the engine: (model, state, orders, seed) -> outcome.
:class:`Session` keeps the stack of states and turn records (like python-chess's move stack) so a
turn can be undone (``undo``) and a new session forked from any earlier turn (``fork``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from game.chance import Draw
from game.errors import OrderRefused
from game.facilitation import FiredInject, Override, find_inject
from game.ledger import Entry, Ledger
from game.order_checks import Refusal, check_orders, order_cost
from game.orders import (
    Diplomacy,
    ExportControl,
    Hold,
    Invest,
    LicenceApproval,
    Order,
    PrioritiseDefence,
    Sanction,
    StockpileBuild,
    StockpileRelease,
    Tariff,
    order_dict,
)
from game.rules import (
    controls,
    diplomacy,
    diversification,
    industry,
    injects,
    investment,
    measures,
    prices,
    scoring,
    stocks,
    strategic,
    trade,
)
from game.rules.context import Model, TurnContext
from game.scenario import Scenario
from game.state import GameState, start_state

HUMAN = "human"
"""The controller of a team played by people."""
CONTROLLERS = (HUMAN, "computer")


def bot_controller(kind: str) -> str:
    """The controller string a session records for a team played by a bot of ``kind``."""
    return f"bot:{kind}"


def bot_kind(controller: str) -> str | None:
    """The bot kind of a controller string ('bot:hold' or 'computer'), None for a human or a
    scripted plan."""
    if controller.startswith("bot:"):
        return controller[4:]
    if controller == "computer":
        return "hold"
    return None


@dataclass(frozen=True)
class TurnRecord:
    """What happened in one turn: the inputs (orders, injects fired by hand, overrides) and
    what the rules made of them (refusals, scripted injects, draws, ledger, resulting state)."""

    turn: int
    orders: dict[str, list[Order]]
    refused: dict[str, list[tuple[Order, str]]]
    submitted: dict[str, list[Order]]
    draws: list[Draw]
    ledger: list[Entry]
    state: GameState
    injects: list[FiredInject] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    before: GameState | None = field(default=None, repr=False, compare=False)
    """The state the turn was resolved from (not logged: the log replays it from the root)."""

    @cached_property
    def state_hash(self) -> str:
        """SHA-256 of the resulting state (computed when first asked: sweeps never ask)."""
        return self.state.digest()

    @property
    def manual_injects(self) -> list[str]:
        return [i.id for i in self.injects if i.manual]

    def orders_data(self) -> dict[str, list[dict[str, Any]]]:
        """Every order as given, refused ones included (replay needs them to refuse again)."""
        return {t: [order_dict(o) for o in os] for t, os in sorted(self.submitted.items())}


def resolve_turn(
    model: Model,
    before: GameState,
    orders: Mapping[str, Sequence[Order]],
    seed: int,
    manual_injects: Sequence[str] = (),
    overrides: Sequence[Override] = (),
    ledger: bool = True,
) -> tuple[GameState, TurnRecord]:
    """Resolve one turn of sealed orders. Teams missing from ``orders`` hold.

    Orders that fail validation are dropped and reported in ``TurnRecord.refused``. With
    ``ledger=False`` the record's ledger stays empty (a bot's look-ahead never reads it); the
    resulting state is the same. Orders under a name that is not one of the scenario's teams
    are refused whole (``OrderRefused``): they would be neither played nor logged.
    """
    s = model.scenario
    for name in orders:
        if name not in s.teams:
            raise OrderRefused(name, f"there is no team '{name}' in this scenario")
    state = before.copy()
    state.turn = before.turn + 1
    ctx = TurnContext(
        model, before, state, seed, ledger=Ledger(on=ledger), overrides=tuple(overrides)
    )
    for team in sorted(s.teams):
        state.budget[team] += s.teams[team].income
    injects.fire_manual(ctx, manual_injects)

    accepted: dict[str, list[Order]] = {}
    refused: dict[str, list[tuple[Order, str]]] = {}
    submitted: dict[str, list[Order]] = {}
    for team in sorted(s.teams):
        given = submitted[team] = list(orders.get(team, ()))
        bad = check_orders(s, before, team, given)
        bad_idx = {r.index for r in bad}
        accepted[team] = [
            o for i, o in enumerate(given) if i not in bad_idx and type(o) is not Hold
        ]
        if bad:
            refused[team] = [(r.order, r.reason) for r in bad]
    for team in sorted(s.teams):
        for o in accepted[team]:
            state.budget[team] -= order_cost(s, before, o)[1]

    moves: dict[str, list[Diplomacy]] = {}
    for team in sorted(s.teams):
        actor = s.teams[team].actor
        ctl: list[ExportControl | LicenceApproval] = []
        meas: list[Tariff | Sanction | PrioritiseDefence] = []
        stock: list[StockpileRelease | StockpileBuild] = []
        funds: list[Invest] = []
        moves[team] = []
        for o in accepted[team]:  # each kind of order to its rule, in the order given
            if type(o) is ExportControl or type(o) is LicenceApproval:
                ctl.append(o)
            elif type(o) is Tariff or type(o) is Sanction or type(o) is PrioritiseDefence:
                meas.append(o)
            elif type(o) is StockpileRelease or type(o) is StockpileBuild:
                stock.append(o)
            elif type(o) is Invest:
                funds.append(o)
            elif type(o) is Diplomacy:
                moves[team].append(o)
        controls.apply_control_orders(ctx, actor, ctl)
        measures.apply_measures(ctx, actor, meas)
        stocks.book_stockpile_orders(ctx, actor, stock)
        investment.fund_projects(ctx, team, funds)
    investment.progress_projects(ctx)
    for team in sorted(s.teams):
        diplomacy.resolve_moves(ctx, team, moves[team])

    trade.resolve_trade(ctx)
    measures.apply_sanction_costs(ctx)
    stocks.settle_stocks(ctx)
    industry.update_output(ctx)
    prices.update_prices(ctx)
    diversification.diversify(ctx)
    strategic.update_indices(ctx)
    apply_index_overrides(ctx)
    injects.fire_scripted(ctx)
    scoring.update_scores(ctx)
    state.quantize()
    drawn = {d.subject for d in ctx.draws}
    for ov in overrides:
        if ov.kind == "draw" and ov.subject not in drawn:
            known = ", ".join(sorted(drawn)) or "none"
            raise OrderRefused(
                "facilitator", f"no draw '{ov.subject}' happened this turn (draws: {known})"
            )

    record = TurnRecord(
        turn=state.turn,
        orders=accepted,
        refused=refused,
        submitted=submitted,
        draws=ctx.draws,
        ledger=ctx.ledger.entries,
        state=state,
        injects=ctx.fired,
        overrides=list(overrides),
        before=before,
    )
    return state, record


def branch_segments(
    settings: Mapping[str, Any], controllers: Mapping[str, str]
) -> list[tuple[int, dict[str, str]]]:
    """Who played the turns a branch shares with the sessions it came from, oldest first, as
    (last turn, team -> player) pairs: ``branch_earlier`` (a branch of a branch: the turns
    each earlier session played), then ``branch_turn`` with ``branch_players``. The turns
    after the last are played by ``controllers``."""
    teams = sorted(controllers)
    out: list[tuple[int, dict[str, str]]] = []
    earlier = settings.get("branch_earlier")
    for item in earlier if isinstance(earlier, list) else []:
        if isinstance(item, list) and len(item) == 2:
            upto, players = item
            if isinstance(upto, int) and isinstance(players, dict):
                out.append((upto, {t: str(players.get(t, "?")) for t in teams}))
    cut, before = settings.get("branch_turn"), settings.get("branch_players")
    if isinstance(cut, int) and isinstance(before, dict):
        out.append((cut, {t: str(before.get(t, "?")) for t in teams}))
    return out


def _store_segments(settings: dict[str, Any], segments: list[tuple[int, dict[str, str]]]) -> None:
    """Write ``branch_segments`` back: the last as ``branch_turn`` and ``branch_players``, the
    ones before (merged where the same players went on) as ``branch_earlier``."""
    merged: list[tuple[int, dict[str, str]]] = []
    for upto, players in segments:
        if merged and merged[-1][1] == players:
            merged[-1] = (upto, players)
        else:
            merged.append((upto, players))
    settings["branch_turn"], settings["branch_players"] = merged[-1]
    if len(merged) > 1:
        settings["branch_earlier"] = [[upto, players] for upto, players in merged[:-1]]
    else:
        settings.pop("branch_earlier", None)


def apply_index_overrides(ctx: TurnContext) -> None:
    """The facilitator's index overrides, after every rule and before scoring."""
    for ov in ctx.overrides:
        if ov.kind == "index":
            old = ctx.state.indices[ov.subject]
            ctx.bump_index(
                "override",
                ov.subject,
                ov.value - old,
                f"facilitator override: {ov.reason}",
                set_to=ov.value,
            )


@dataclass
class Session:
    """A game in progress: collect sealed orders, resolve, undo, fork.

    ``controllers`` says who plays each team ("human", "computer", a bot kind, "plan").
    ``settings`` holds session choices worth keeping in the log (e.g. the turn timer).
    ``ledger=False`` keeps no ledger in the turn records, for a sweep that only reads the
    states (they are the same either way).
    """

    scenario: Scenario
    seed: int
    controllers: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    ledger: bool = True
    model: Model = field(init=False)
    states: list[GameState] = field(init=False)
    records: list[TurnRecord] = field(init=False, default_factory=list)
    pending: dict[str, list[Order]] = field(init=False, default_factory=dict)
    queued_injects: list[str] = field(init=False, default_factory=list)
    notes: dict[int, list[str]] = field(init=False, default_factory=dict)
    unsealed: dict[str, list[Order]] = field(init=False, default_factory=dict)
    """Orders sealed for the next turn that the last ``amend`` made refused (by team)."""

    def __post_init__(self) -> None:
        self.model = Model.of(self.scenario)
        self.states = [start_state(self.scenario).copy()]
        self.controllers = {t: self.controllers.get(t, HUMAN) for t in sorted(self.scenario.teams)}

    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def turn(self) -> int:
        """Turns resolved so far; the next turn to play is ``turn + 1``."""
        return self.state.turn

    @property
    def is_over(self) -> bool:
        return self.turn >= self.scenario.turns

    @property
    def teams(self) -> list[str]:
        return sorted(self.scenario.teams)

    def news(self) -> list[FiredInject]:
        """The scripted injects that fired at the end of the last turn: the news that opens the
        next one."""
        if not self.records:
            return []
        return [i for i in self.records[-1].injects if not i.manual]

    def queue_inject(self, inject_id: str) -> None:
        """Fire one of the manual injects (``game.facilitation.manual_injects``) next turn."""
        try:
            inj = find_inject(self.scenario, inject_id)
        except ValueError as exc:
            raise OrderRefused("facilitator", str(exc)) from None
        if inj.once and inj.id in self.state.fired:
            raise OrderRefused("facilitator", f"'{inj.headline}' has already happened")
        if inject_id in self.queued_injects:
            raise OrderRefused("facilitator", f"inject '{inject_id}' is already queued")
        self.queued_injects.append(inject_id)

    def check(self, team: str, orders: Sequence[Order]) -> list[Refusal]:
        """Refusals the engine would give ``team``'s orders now (nothing is stored)."""
        return check_orders(self.scenario, self.state, team, list(orders))

    def submit(self, team: str, orders: Sequence[Order]) -> None:
        """Seal ``team``'s orders for this turn, replacing any it sealed before.

        Raises :class:`OrderRefused` naming the first refused order, and stores nothing then.
        """
        if self.is_over:
            raise OrderRefused(team, "the game is over")
        refusals = self.check(team, orders)
        if refusals:
            r = refusals[0]
            raise OrderRefused(team, f"order {r.index + 1} ({r.order.describe()}): {r.reason}")
        self.pending[team] = list(orders)

    def waiting_for(self) -> list[str]:
        return [t for t in self.teams if t not in self.pending]

    def resolve(self, overrides: Sequence[Override] = ()) -> TurnRecord:
        """Resolve the turn with every sealed order set; teams that sealed nothing hold."""
        if self.is_over:
            raise OrderRefused("facilitator", "the game is over: all turns have been played")
        return self.play(self.pending, self.queued_injects, overrides)

    def play(
        self,
        orders: Mapping[str, Sequence[Order]],
        manual_injects: Sequence[str] = (),
        overrides: Sequence[Override] = (),
    ) -> TurnRecord:
        """Resolve one turn with ``orders`` directly (refused orders are dropped and reported)."""
        if self.is_over:
            raise OrderRefused("facilitator", "the game is over: all turns have been played")
        state, record = resolve_turn(
            self.model, self.state, orders, self.seed, manual_injects, overrides, self.ledger
        )
        self.states.append(state)
        self.records.append(record)
        self.pending = {}
        self.queued_injects = []
        return record

    def amend(self, overrides: Sequence[Override]) -> TurnRecord:
        """Resolve the last turn again, same orders and injects, with the facilitator's
        overrides added (e.g. a diplomatic outcome set by hand).

        What was already sealed and queued for the next turn stays (a facilitator's audit:
        an override unsealed every team and dropped a queued inject without a word), except
        orders the amended turn no longer allows: those teams are unsealed, and their orders
        are in ``unsealed`` until the next amend."""
        notes = self.notes.get(self.turn)
        pending, queued = dict(self.pending), list(self.queued_injects)
        last = self.undo()
        record = self.play(last.submitted, last.manual_injects, [*last.overrides, *overrides])
        if notes:
            self.notes[last.turn] = notes
        self.unsealed = {}
        for team, orders in pending.items():
            if self.check(team, orders):
                self.unsealed[team] = orders
            else:
                self.pending[team] = orders
        fired = set(self.state.fired)
        self.queued_injects = [
            i for i in queued if not (find_inject(self.scenario, i).once and i in fired)
        ]
        return record

    def players_at(self, turn: int) -> dict[str, str]:
        """Who played each team in ``turn``: ``controllers``, except on a branch, whose turns
        up to ``branch_turn`` were played by the players of the sessions it came from
        (:func:`branch_segments`)."""
        for upto, players in branch_segments(self.settings, self.controllers):
            if turn <= upto:
                return players
        return dict(sorted(self.controllers.items()))

    def _segments_upto(self, turn: int) -> list[tuple[int, dict[str, str]]]:
        """The branch's player segments cut at ``turn`` (those after it dropped)."""
        out: list[tuple[int, dict[str, str]]] = []
        last = 0
        for upto, players in branch_segments(self.settings, self.controllers):
            if out and last >= turn:
                break
            out.append((min(upto, turn), players))
            last = upto
        return out

    def add_note(self, text: str, turn: int | None = None) -> None:
        """Attach a facilitator note to a resolved turn (the last one by default)."""
        turn = self.turn if turn is None else turn
        if not 1 <= turn <= self.turn:
            raise OrderRefused("facilitator", f"notes attach to a played turn (1-{self.turn})")
        if not text.strip():
            raise OrderRefused("facilitator", "a note needs some text")
        self.notes.setdefault(turn, []).append(text.strip())

    def undo(self) -> TurnRecord:
        """Take back the last resolved turn; return its record.

        On a branch, taking back a turn copied from the original game moves the branch point
        back with it (``branch_turn``): what is played next in its place is the branch's own.
        Amending a copied turn (:meth:`amend`) does the same."""
        if not self.records:
            raise OrderRefused("facilitator", "there is no turn to undo")
        self.states.pop()
        self.pending = {}
        self.notes.pop(self.turn + 1, None)
        cut = self.settings.get("branch_turn")
        if isinstance(cut, int) and cut > self.turn:
            segments = self._segments_upto(self.turn)
            if segments:
                _store_segments(self.settings, segments)
            else:  # a branch logged before branch_players existed (2026-11-29) names none
                self.settings["branch_turn"] = self.turn
        return self.records.pop()

    def fork(self, turn: int, source: str | None = None) -> Session:
        """A new session sharing this one's first ``turn`` turns, ready to play turn + 1.

        Its settings say it is a branch: ``branch_turn`` (``turn``), ``branch_players`` (who
        played each team in those turns, see :meth:`players_at`) and, when ``source`` (the
        log this session was read from) is given, ``branch_of``.
        """
        if not 0 <= turn <= self.turn:
            raise OrderRefused("facilitator", f"cannot fork at turn {turn}: turns 0-{self.turn}")
        settings = {k: v for k, v in self.settings.items() if not k.startswith("branch_")}
        if source is not None:
            settings["branch_of"] = source
        segments = self._segments_upto(turn)
        if turn > (segments[-1][0] if segments else 0):  # turns this session played itself
            segments.append((turn, dict(sorted(self.controllers.items()))))
        _store_segments(settings, segments or [(turn, self.players_at(turn))])
        other = Session(self.scenario, self.seed, dict(self.controllers), settings, self.ledger)
        other.model = self.model
        other.states = self.states[: turn + 1]
        other.records = self.records[:turn]
        other.notes = {t: list(ns) for t, ns in self.notes.items() if t <= turn}
        return other
