"""Compare two session logs of one scenario: where they diverge and how the key numbers and
orders differ turn by turn (``chokepoint diff``). Never imports textual.

Two logs *diverge* at the first turn whose inputs (orders, injects fired by hand, overrides) or
resulting state hash differ; a branch made by ``chokepoint run --from LOG --turn N`` shares its
first N turns with the log it came from, so it diverges at turn N + 1 at the earliest.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.errors import ChokepointError
from game.facilitation import parse_override
from game.log import Replay
from game.names import order_words, printed_change, turns_words
from game.orders import parse_order
from game.report.model import (
    SeriesKey,
    key_series,
    key_values,
    load_replay,
    override_words,
)
from game.scenario import Scenario


@dataclass
class TeamOrderDiff:
    team: str
    name: str
    only_a: list[str]
    only_b: list[str]


@dataclass
class TurnDiff:
    turn: int
    month: str
    values_a: dict[str, float] | None  # None: the log has no such turn
    values_b: dict[str, float] | None
    orders: list[TeamOrderDiff] = field(default_factory=list)
    injects_a: list[str] = field(default_factory=list)  # only in A
    injects_b: list[str] = field(default_factory=list)
    overrides_a: list[str] = field(default_factory=list)
    overrides_b: list[str] = field(default_factory=list)
    same_state: bool = True

    @property
    def differs(self) -> bool:
        return bool(
            self.orders
            or self.injects_a
            or self.injects_b
            or self.overrides_a
            or self.overrides_b
            or not self.same_state
        )


@dataclass
class LogDiff:
    path_a: str
    path_b: str
    scenario_id: str
    title: str
    seed_a: int
    seed_b: int
    turns_a: int
    turns_b: int
    warnings: list[str]
    divergence: int | None  # first differing turn; None: identical over the common turns
    series: list[SeriesKey]
    turns: list[TurnDiff]  # turn 1 .. max(turns_a, turns_b)

    def as_dict(self) -> dict[str, Any]:
        def delta(t: TurnDiff) -> dict[str, float] | None:
            if t.values_a is None or t.values_b is None:
                return None
            return {k: round(t.values_b[k] - t.values_a[k], 6) for k in t.values_a}

        def rounded(v: dict[str, float] | None) -> dict[str, float] | None:
            return None if v is None else {k: round(x, 6) for k, x in v.items()}

        return {
            "a": {"log": self.path_a, "seed": self.seed_a, "turns": self.turns_a},
            "b": {"log": self.path_b, "seed": self.seed_b, "turns": self.turns_b},
            "scenario": self.scenario_id,
            "warnings": self.warnings,
            "divergence": self.divergence,
            "series": {s.key: s.label for s in self.series},
            "turns": [
                {
                    "turn": t.turn,
                    "month": t.month,
                    "a": rounded(t.values_a),
                    "b": rounded(t.values_b),
                    "b_minus_a": delta(t),
                    "same_state": t.same_state,
                    "orders": {o.team: {"only_a": o.only_a, "only_b": o.only_b} for o in t.orders},
                    "injects": {"only_a": t.injects_a, "only_b": t.injects_b},
                    "overrides": {"only_a": t.overrides_a, "only_b": t.overrides_b},
                }
                for t in self.turns
            ],
        }


def _orders_words(scenario: Scenario, raw: list[Any], refused: list[Any]) -> list[str]:
    """A team's submitted orders in words (holds left out), refused ones marked with why."""
    pending = [r for r in refused if isinstance(r, dict)]
    out = []
    for o in raw:
        if isinstance(o, dict) and o.get("type") == "hold":
            continue
        try:
            words = order_words(scenario, parse_order(o))
        except ValueError:
            words = json.dumps(o, sort_keys=True)
        for r in pending:
            if r.get("order") == o:
                words += f" (refused: {r.get('reason', '')})"
                pending.remove(r)
                break
        out.append(words)
    return out


def _multiset_diff(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    ca, cb = Counter(a), Counter(b)
    only_a = [x for x in dict.fromkeys(a) for _ in range(ca[x] - cb[x])]
    only_b = [x for x in dict.fromkeys(b) for _ in range(cb[x] - ca[x])]
    return only_a, only_b


def _inject_words(data: dict[str, Any]) -> list[str]:
    out = []
    for i in data.get("injects", []):
        how = "fired by hand" if i.get("manual") else "scripted"
        out.append(f"{i.get('headline', i.get('id'))} ({how})")
    return out


def _override_words(scenario: Scenario, data: dict[str, Any]) -> list[str]:
    out = []
    for o in data.get("overrides", []):
        try:
            out.append(override_words(scenario, parse_override(o)))
        except ValueError:
            out.append(json.dumps(o, sort_keys=True))
    return out


def _same_scenario(a: Replay, b: Replay) -> None:
    sa, sb = a.header.get("scenario", {}), b.header.get("scenario", {})
    ida, idb = sa.get("id"), sb.get("id")
    if ida != idb:
        raise ChokepointError(
            f"{a.path} and {b.path} are games of different scenarios ('{ida}' and '{idb}'): "
            "only branches of one scenario can be compared"
        )
    if sa != sb:
        raise ChokepointError(
            f"{a.path} and {b.path} both play '{ida}' but with different scenario contents "
            "(the scenario file was edited between them): they cannot be compared turn by turn"
        )


def sound_turns(n: int) -> str:
    """'its sound turn 1', 'its sound turns 1-3', 'the start only: no turn is sound'."""
    return f"its sound {turns_words(n)}" if n else "the start only: no turn is sound"


def diff_replays(a: Replay, b: Replay) -> LogDiff:
    """Compare two replayed logs (good turns only); raises :class:`ChokepointError` when they
    are not games of the same scenario."""
    assert a.session is not None and b.session is not None
    _same_scenario(a, b)
    s = a.session.scenario
    warnings = [
        f"{r.error} (using {sound_turns(r.good_turns)})" for r in (a, b) if r.error is not None
    ]
    if a.session.seed != b.session.seed:
        warnings.append(
            f"the logs have different seeds ({a.session.seed} and {b.session.seed}): chance "
            "draws differ from turn 1"
        )
    na, nb = a.good_turns, b.good_turns
    divergence: int | None = 1 if a.session.seed != b.session.seed else None
    turns: list[TurnDiff] = []
    for t in range(1, max(na, nb) + 1):
        da = a.turn_data[t - 1] if t <= na else None
        db = b.turn_data[t - 1] if t <= nb else None
        td = TurnDiff(
            turn=t,
            month=s.month_label(t),
            values_a=key_values(s, a.session.states[t]) if da is not None else None,
            values_b=key_values(s, b.session.states[t]) if db is not None else None,
        )
        if da is not None and db is not None:
            oa, ob = da.get("orders", {}), db.get("orders", {})
            for team in sorted(set(oa) | set(ob)):
                ra, rb = da.get("refused", {}), db.get("refused", {})
                only_a, only_b = _multiset_diff(
                    _orders_words(s, oa.get(team, []), ra.get(team, [])),
                    _orders_words(s, ob.get(team, []), rb.get(team, [])),
                )
                if only_a or only_b:
                    name = s.teams[team].name if team in s.teams else team
                    td.orders.append(TeamOrderDiff(team, name, only_a, only_b))
            td.injects_a, td.injects_b = _multiset_diff(_inject_words(da), _inject_words(db))
            td.overrides_a, td.overrides_b = _multiset_diff(
                _override_words(s, da), _override_words(s, db)
            )
            td.same_state = da.get("state_hash") == db.get("state_hash")
            if divergence is None and td.differs:
                divergence = t
        turns.append(td)
    return LogDiff(
        path_a=a.path,
        path_b=b.path,
        scenario_id=s.id,
        title=s.title,
        seed_a=a.session.seed,
        seed_b=b.session.seed,
        turns_a=na,
        turns_b=nb,
        warnings=warnings,
        divergence=divergence,
        series=key_series(s),
        turns=turns,
    )


def diff_logs(path_a: str, path_b: str) -> LogDiff:
    return diff_replays(load_replay(path_a), load_replay(path_b))


def _fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def render_text(d: LogDiff) -> str:
    """The diff as a terminal table: the shared turns in one line, then, from the divergence,
    each turn's numbers (A, B, B−A) and what differed in its inputs."""
    out: list[str] = [
        f"Comparing two games of '{d.title}' ({d.scenario_id})",
        f"  A: {d.path_a} (seed {d.seed_a}, {d.turns_a} turns)",
        f"  B: {d.path_b} (seed {d.seed_b}, {d.turns_b} turns)",
    ]
    out += [f"  warning: {w}" for w in d.warnings]
    common = min(d.turns_a, d.turns_b)
    if d.divergence is None:
        if common:
            turns = "the one turn" if common == 1 else f"the {common} turns"
            out.append(
                f"No divergence: the logs are identical over {turns} they share "
                "(same orders, injects, overrides and state)."
            )
        else:
            out.append("No divergence: the logs have no played turn in common to compare.")
        if d.turns_a != d.turns_b:
            longer = "A" if d.turns_a > d.turns_b else "B"
            more = abs(d.turns_a - d.turns_b)
            out.append(f"{longer} goes on for {more} more turn{'' if more == 1 else 's'}.")
        start = common + 1
    else:
        shared = d.divergence - 1
        out.append(
            f"The logs diverge at turn {d.divergence} ({d.turns[d.divergence - 1].month}); "
            + (
                f"{turns_words(shared)} {'is' if shared == 1 else 'are'} identical."
                if shared
                else "no turn is shared."
            )
        )
        start = d.divergence
    label_w = max(len(s.label) for s in d.series)
    for td in d.turns[start - 1 :]:
        out.append("")
        out.append(f"Turn {td.turn} ({td.month})" + ("" if td.same_state else ": states differ"))
        head = f"  {'':<{label_w}}  {'A':>9}  {'B':>9}  {'B−A':>9}"
        out.append(head)
        out.append("  " + "-" * (len(head) - 2))
        for sk in d.series:
            va = td.values_a[sk.key] if td.values_a is not None else None
            vb = td.values_b[sk.key] if td.values_b is not None else None
            # the difference of the printed A and B, so that the columns add up
            dv = printed_change(vb, va, 2) if va is not None and vb is not None else None
            mark = " *" if dv is not None and abs(dv) >= 0.005 else ""
            delta = "—" if dv is None else f"{dv:+.2f}"
            out.append(f"  {sk.label:<{label_w}}  {_fmt(va):>9}  {_fmt(vb):>9}  {delta:>9}{mark}")
        for od in td.orders:
            out.append(f"  {od.name}'s orders differ:")
            out += [f"    only in A: {o}" for o in od.only_a]
            out += [f"    only in B: {o}" for o in od.only_b]
        if td.injects_a or td.injects_b:
            out.append("  Injects differ:")
            out += [f"    only in A: {x}" for x in td.injects_a]
            out += [f"    only in B: {x}" for x in td.injects_b]
        if td.overrides_a or td.overrides_b:
            out.append("  Overrides differ:")
            out += [f"    only in A: {x}" for x in td.overrides_a]
            out += [f"    only in B: {x}" for x in td.overrides_b]
    return "\n".join(out)
