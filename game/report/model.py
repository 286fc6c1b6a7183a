"""The debrief computed from a replayed session log: timeline, score explanations, decision
points and the series behind the charts.

Everything here is plain data (dataclasses of text and numbers) so the Markdown and HTML
renderers only lay it out; they never compute a rule. Text taken from the log (notes, reasons,
headlines) is kept as given: the renderers escape it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import names
from game.engine import Session
from game.errors import ChokepointError
from game.facilitation import Override, timed_out_teams
from game.log import Replay, replay_log
from game.metrics import metric
from game.names import humanize, order_words, turns_words
from game.purchases import purchases, shortfall_words
from game.scenario import INDEX_NAMES, Scenario
from game.state import GameState

INDEX_LABELS = {
    "tension": "Tension",
    "cohesion": "US–Japan cohesion",  # as the app names it
    "posture": "Japan's Taiwan posture",
    "deterrence": "Deterrence credibility",
    "market_share": "China's market share (%)",
}
DECISION_POINTS = 3


def index_label(scenario: Scenario, name: str) -> str:
    """What the scenario calls the index ``name``, else the report's name for it (market
    share is a percentage, and says so under any name)."""
    label = names.index_label(scenario, name, INDEX_LABELS)
    return f"{label} (%)" if name == "market_share" and "%" not in label else label


HOLD_WORDS = "Hold"
"""A turn's orders for a team that gave none, or only orders that were refused."""


@dataclass(frozen=True)
class SeriesKey:
    """One key number tracked per turn: ``key`` is ``score.TEAM``, ``index.NAME`` or
    ``output.ACTOR``; ``label`` says it in words."""

    key: str
    label: str
    group: str  # "score", "index" or "output"


def metric_label(scenario: Scenario, path: str) -> str:
    """An objective's metric in the report's words: an index by its name, anything else as
    the scenario's names make it ('output.USA.defence' -> 'output of United States defence')."""
    if path.startswith("index."):
        return index_label(scenario, path.split(".", 1)[1])
    head, _, rest = path.partition(".")
    return f"{head.replace('_', ' ')} of {humanize(scenario, rest.replace('.', ' '))}".strip()


def key_series(scenario: Scenario) -> list[SeriesKey]:
    """The numbers a debrief and a diff track: every team's score, the indices, and each
    player actor's mean industrial output."""
    out = [
        SeriesKey(f"score.{t}", f"{scenario.teams[t].name} score", "score")
        for t in sorted(scenario.teams)
    ]
    out += [
        SeriesKey(f"index.{name}", index_label(scenario, name), "index")
        for name in (*INDEX_NAMES, "market_share")
    ]
    players = sorted({scenario.teams[t].actor for t in scenario.teams})
    out += [
        SeriesKey(f"output.{a}", f"{scenario.actors[a].name} output", "output") for a in players
    ]
    return out


def key_values(scenario: Scenario, state: GameState) -> dict[str, float]:
    """The value of every :func:`key_series` number in ``state``."""
    out: dict[str, float] = {}
    for sk in key_series(scenario):
        if sk.group == "score":
            out[sk.key] = float(state.scores.get(sk.key.split(".", 1)[1], 0.0))
        else:
            out[sk.key] = float(metric(state, sk.key))
    return out


def load_replay(path: str | Path) -> Replay:
    """Replay ``path``; a log whose header cannot be read is an error, a log damaged later
    keeps its good turns (``Replay.error`` says where it broke)."""
    rep = replay_log(path)
    if rep.session is None:
        raise ChokepointError(str(rep.error) if rep.error else f"{path}: cannot read the log")
    return rep


def override_words(scenario: Scenario, ov: Override) -> str:
    """A facilitator override in words, with its reason."""
    if ov.kind == "draw":
        label = move_name(scenario, ov.subject).removesuffix(" (on schedule?)")
        return f"{label} {names.draw_verdict(scenario, ov.subject, ov.value)}: {ov.reason}"
    label = index_label(scenario, ov.subject)
    return f"{label} set to {ov.value:g}: {ov.reason}"


def move_name(scenario: Scenario, subject: str) -> str:
    """A draw subject in words: ``tokyo:tk_g7`` -> "Tokyo: G7 ...", an investment id -> its
    name (slippage)."""
    team, sep, move = subject.partition(":")
    if sep:
        name = next((m.name for m in scenario.diplomacy if m.id == move), move)
        tname = scenario.teams[team].name if team in scenario.teams else team
        return f"{tname}: {name}"
    inv = next((o.name for o in scenario.investments if o.id == subject), subject)
    return f"{inv} (on schedule?)"


@dataclass
class DrawInfo:
    subject: str
    label: str
    chance: float
    roll: float
    happened: bool
    override: str | None


@dataclass
class InjectInfo:
    id: str
    headline: str
    manual: bool


@dataclass
class OverrideInfo:
    kind: str
    subject: str
    value: float
    reason: str
    text: str


@dataclass
class LedgerLine:
    rule: str
    key: str
    amount: float
    why: str


@dataclass
class TurnEntry:
    """What happened in one turn, in words."""

    turn: int
    month: str
    orders: dict[str, list[str]]
    refused: dict[str, list[tuple[str, str]]]
    injects: list[InjectInfo]
    overrides: list[OverrideInfo]
    draws: list[DrawInfo]
    notes: list[str]
    scores: dict[str, float]
    score_change: dict[str, float]
    swing: float
    top_reasons: list[LedgerLine] = field(default_factory=list)
    timed_out: dict[str, str] = field(default_factory=dict)
    """Teams whose orders the turn timer sealed (id -> how, from the turn's notes)."""


@dataclass
class ObjectiveMove:
    """How much one objective moved a team's score over the whole game."""

    metric: str
    label: str
    total: float
    first: float
    last: float
    best_turn: int
    best_amount: float


@dataclass
class TeamScore:
    team: str
    name: str
    controller: str
    initial: float
    final: float
    objectives: list[ObjectiveMove]

    @property
    def ledger_total(self) -> float:
        return sum(o.total for o in self.objectives)


def _printed_changes(e: TurnEntry) -> dict[str, float]:
    """Each team's score change in turn ``e`` as printed beside its scores."""
    return {
        t: names.printed_change(e.scores[t], e.scores[t] - v) for t, v in e.score_change.items()
    }


@dataclass(frozen=True)
class MarketLine:
    """One material over the game: the world price outside China (start, peak, end) and the
    coerced country's working inventory in days of demand (start, lowest, end)."""

    material: str
    price_unit: str
    price: tuple[float, float, int, float]  # start, peak, turn of the peak, end
    cover: tuple[float, float, int, float] | None  # start, lowest, its turn, end


def market_lines(s: Scenario, states: list[GameState]) -> tuple[str, list[MarketLine]]:
    """The markets part of a debrief: whose stocks it follows (the country of the team called
    ``tokyo``, the one coerced, else none) and one line a material."""
    team = s.teams.get("tokyo")
    actor = team.actor if team is not None else None
    lines = []
    for m in sorted(s.materials):
        prices = [st.prices[m] for st in states]
        peak = max(range(len(prices)), key=lambda t: (prices[t], -t))
        cover = None
        if actor is not None and m in states[0].cover.get(actor, {}):
            days = [st.cover[actor][m] for st in states]
            low = min(range(len(days)), key=lambda t: (days[t], t))
            cover = (days[0], days[low], low, days[-1])
        lines.append(
            MarketLine(
                material=names.material_name(s, m),
                price_unit=s.materials[m].price_unit,
                price=(prices[0], prices[peak], peak, prices[-1]),
                cover=cover,
            )
        )
    return (names.actor_name(s, actor) if actor is not None else ""), lines


@dataclass
class DecisionPoint:
    """One of the turns that moved the scores most. ``score_change`` is each change as printed
    beside the scores (:func:`game.names.printed_change`: 72.0 -> 86.4 reads +14.4, whatever
    the unrounded change), as the timeline and the app print it; ``swing`` is their sum."""

    turn: int
    month: str
    swing: float
    score_change: dict[str, float]
    orders: dict[str, list[str]]
    injects: list[InjectInfo]
    overrides: list[OverrideInfo]
    reasons: list[LedgerLine]
    timed_out: dict[str, str] = field(default_factory=dict)


@dataclass
class Debrief:
    path: str
    scenario_id: str
    title: str
    summary: str
    seed: int
    engine: str
    teams: dict[str, str]
    controllers: dict[str, str]  # as logged, but "held" for a scripted team that gave no order
    settings: dict[str, Any]
    turns_total: int
    good_turns: int
    warning: str | None
    series: list[SeriesKey]
    values: list[dict[str, float]]  # index = turn (0 = start)
    months: list[str]  # index = turn
    timeline: list[TurnEntry]
    scores: list[TeamScore]
    decision_points: list[DecisionPoint]
    stocks_of: str = ""  # whose working inventory ``markets`` follows
    markets: list[MarketLine] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return self.warning is None

    @property
    def status(self) -> str:
        if self.warning is not None:
            return (
                f"DAMAGED: only {turns_words(self.good_turns)} could be verified ({self.warning})"
                if self.good_turns
                else f"DAMAGED: no turn could be verified ({self.warning})"
            )
        done = "complete" if self.good_turns >= self.turns_total else "in progress"
        return (
            f"verified: {self.good_turns} of {self.turns_total} turns replayed by the engine "
            f"give the numbers saved in the log ({done})"
        )


def _orders_in_words(session: Session, turn: int) -> dict[str, list[str]]:
    rec = session.records[turn - 1]
    s, before = session.scenario, session.states[turn - 1]
    out: dict[str, list[str]] = {}
    for team in session.teams:
        # a purchase the market could not fill says what it came to (a solo player read
        # 'Buy 20,000 t' where 6,265 t were bought and the rest refunded)
        short = {
            id(p.order): "; ".join(shortfall_words(s, p))
            for p in purchases(s, before, rec, team)
            if p.short
        }
        accepted = [
            order_words(s, o) + (f" ({short[id(o)]})" if short.get(id(o)) else "")
            for o in rec.orders.get(team, [])
        ]
        out[team] = accepted or [HOLD_WORDS]
    return out


def _score_reasons(s: Scenario, ledger: list[dict[str, Any]], n: int) -> list[LedgerLine]:
    lines = [
        LedgerLine(
            str(e["rule"]),
            str(e["key"]),
            float(e["amount"]),
            names.score_line_why(
                s, str(e["key"]), str(e["why"]), e.get("inputs") or {}, lambda m: metric_label(s, m)
            ),
        )
        for e in ledger
        if str(e.get("key", "")).startswith("score.")
    ]
    lines.sort(key=lambda e: -abs(e.amount))
    return lines[:n]


def build_debrief(rep: Replay) -> Debrief:
    """The whole debrief of a replayed log (its good turns only)."""
    session = rep.session
    if session is None:
        raise ChokepointError(str(rep.error) if rep.error else f"{rep.path}: unreadable log")
    s = session.scenario
    teams = session.teams
    series = key_series(s)
    n_turns = rep.good_turns
    values = [key_values(s, session.states[t]) for t in range(n_turns + 1)]
    months = ["start"] + [s.month_label(t) for t in range(1, n_turns + 1)]

    timeline: list[TurnEntry] = []
    per_objective: dict[str, dict[str, list[tuple[int, float, float, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for t in range(1, n_turns + 1):
        data = rep.turn_data[t - 1]
        rec = session.records[t - 1]
        before = session.states[t - 1].scores
        after = session.states[t].scores
        change = {team: after[team] - before[team] for team in teams}
        for e in data.get("ledger", []):
            key = str(e.get("key", ""))
            if e.get("rule") == "scoring" and key.startswith("score."):
                inputs = e.get("inputs", {})
                per_objective[key.split(".", 1)[1]][str(inputs.get("metric", "?"))].append(
                    (
                        t,
                        float(e["amount"]),
                        float(inputs.get("before", 0.0)),
                        float(inputs.get("after", 0.0)),
                    )
                )
        timeline.append(
            TurnEntry(
                turn=t,
                month=str(data.get("month", s.month_label(t))),
                orders=_orders_in_words(session, t),
                refused={
                    team: [(order_words(s, o), why) for o, why in rs]
                    for team, rs in sorted(rec.refused.items())
                },
                injects=[InjectInfo(i.id, i.headline, i.manual) for i in rec.injects],
                overrides=[
                    OverrideInfo(o.kind, o.subject, o.value, o.reason, override_words(s, o))
                    for o in rec.overrides
                ],
                draws=[
                    DrawInfo(
                        d.subject,
                        move_name(s, d.subject),
                        d.chance,
                        d.roll,
                        d.happened,
                        d.override,
                    )
                    for d in rec.draws
                ],
                notes=list(session.notes.get(t, [])),
                timed_out=timed_out_teams(
                    session.notes.get(t, []), {team: s.teams[team].name for team in teams}
                ),
                scores=dict(after),
                score_change=change,
                swing=sum(abs(v) for v in change.values()),
                top_reasons=_score_reasons(s, data.get("ledger", []), 5),
            )
        )

    scores: list[TeamScore] = []
    for team in teams:
        objs: list[ObjectiveMove] = []
        metrics = [o.metric for o in s.objectives.get(team, [])]
        metrics += [m for m in per_objective[team] if m not in metrics]
        for metric_path in dict.fromkeys(metrics):
            moves = per_objective[team].get(metric_path, [])
            if not moves:
                value = metric(session.states[n_turns], metric_path)
                objs.append(
                    ObjectiveMove(
                        metric_path,
                        names.objective_label(s, team, metric_path, lambda p: metric_label(s, p)),
                        0.0,
                        value,
                        value,
                        0,
                        0.0,
                    )
                )
                continue
            best = max(moves, key=lambda m: abs(m[1]))
            objs.append(
                ObjectiveMove(
                    metric=metric_path,
                    label=names.objective_label(s, team, metric_path, lambda p: metric_label(s, p)),
                    total=sum(m[1] for m in moves),
                    # the metric's true start and end: the ledger stops recording it once the
                    # score is at the end of its range, while the metric may move on
                    first=metric(session.states[0], metric_path),
                    last=metric(session.states[n_turns], metric_path),
                    best_turn=best[0],
                    best_amount=best[1],
                )
            )
        objs.sort(key=lambda o: -abs(o.total))
        scores.append(
            TeamScore(
                team=team,
                name=s.teams[team].name,
                controller=session.controllers.get(team, "?"),
                initial=session.states[0].scores[team],
                final=session.states[n_turns].scores[team],
                objectives=objs,
            )
        )

    ranked = sorted(timeline, key=lambda e: (-e.swing, e.turn))[:DECISION_POINTS]
    points = []
    for e in ranked:
        if e.swing <= 0:
            continue
        shown = _printed_changes(e)
        points.append(
            DecisionPoint(
                turn=e.turn,
                month=e.month,
                swing=sum(abs(v) for v in shown.values()),
                score_change=shown,
                orders=e.orders,
                injects=e.injects,
                overrides=e.overrides,
                reasons=e.top_reasons,
                timed_out=e.timed_out,
            )
        )

    stocks_of, markets = market_lines(s, session.states[: n_turns + 1])
    return Debrief(
        path=rep.path,
        scenario_id=s.id,
        title=s.title,
        summary=s.summary,
        seed=session.seed,
        engine=str(rep.header.get("engine", "?")),
        teams={t: s.teams[t].name for t in teams},
        controllers={
            # a scripted team that gave no order in the turns played held: said so
            t: "held"
            if c == "plan"
            and session.records
            and not any(r.submitted.get(t) for r in session.records)
            else c
            for t, c in session.controllers.items()
        },
        settings=dict(session.settings),
        turns_total=s.turns,
        good_turns=n_turns,
        warning=str(rep.error) if rep.error is not None else None,
        series=series,
        values=values,
        months=months,
        timeline=timeline,
        scores=scores,
        decision_points=points,
        stocks_of=stocks_of,
        markets=markets,
    )


def debrief_from_log(path: str | Path) -> Debrief:
    return build_debrief(load_replay(path))
