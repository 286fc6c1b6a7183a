"""Headless play: run a whole game from a plan and bots, and summarise it per turn."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.bots import Bot, HoldBot
from game.engine import Session, TurnRecord, resolve_turn
from game.facilitation import Override, find_inject
from game.fog import team_view
from game.names import humanize, order_words
from game.orders import Order, order_dict
from game.plan import FacilitatorPlan, FacilitatorTurn, Plan


@dataclass
class GameRun:
    session: Session
    records: list[TurnRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """The facilitator actions of the plan that could not apply when their turn came (an
    inject that had already fired, a draw override naming a draw that did not happen), in
    words, each starting with its turn."""


def computer_orders(session: Session, bots: Mapping[str, Bot]) -> dict[str, list[Order]]:
    """Each bot's orders for the next turn, decided from its own team's view."""
    out: dict[str, list[Order]] = {}
    for team in sorted(bots):
        bot = bots[team]
        if isinstance(bot, HoldBot):
            out[team] = []  # it looks at nothing, so no view is built
            continue
        out[team] = bot.decide(team_view(session.scenario, session.state, team, session.seed))
    return out


def play_game(
    session: Session,
    plan: Plan | None = None,
    bots: Mapping[str, Bot] | None = None,
    turns: int | None = None,
    facilitator: FacilitatorPlan | None = None,
) -> GameRun:
    """Play ``turns`` turns (default: to the end); bots play their teams, the plan the rest,
    and the facilitator plan fires injects, overrides outcomes and adds notes."""
    plan = plan or {}
    bots = bots or {}
    facilitator = facilitator or {}
    run = GameRun(session)
    last = (
        session.scenario.turns
        if turns is None
        else min(session.scenario.turns, session.turn + turns)
    )
    while session.turn < last:
        n = session.turn + 1
        orders: dict[str, list[Order]] = {t: list(os) for t, os in plan.get(n, {}).items()}
        orders.update(computer_orders(session, bots))
        fac = facilitator.get(n)
        if fac is None:
            run.records.append(session.play(orders))
            continue
        injects, overrides = _applicable(session, orders, fac, run.skipped)
        run.records.append(session.play(orders, injects, overrides))
        for note in fac.notes:
            session.add_note(note)
    return run


def _applicable(
    session: Session, orders: Mapping[str, list[Order]], fac: FacilitatorTurn, skipped: list[str]
) -> tuple[list[str], list[Override]]:
    """The plan's injects and overrides for the next turn that can apply to it; the others are
    described in ``skipped``.

    Which injects have fired and which draws a turn makes depend on the play (bots' orders,
    conditions met), so a plan cannot always be checked for them before the run. An inject
    that fires once and has already fired is left out; so is a draw override naming a draw
    that does not happen this turn (which draws happen depends on the orders accepted, not on
    the overrides, so one resolve without the draw overrides tells)."""
    n = session.turn + 1
    injects: list[str] = []
    for inject_id in fac.injects:
        inj = find_inject(session.scenario, inject_id)
        if inj.once and (inj.id in session.state.fired or inj.id in injects):
            skipped.append(f"turn {n}: inject '{inj.id}' skipped: it has already fired")
        else:
            injects.append(inj.id)
    overrides = list(fac.overrides)
    if any(ov.kind == "draw" for ov in overrides):
        rest = [ov for ov in overrides if ov.kind != "draw"]
        _, trial = resolve_turn(
            session.model, session.state, orders, session.seed, injects, rest, ledger=False
        )
        drawn = {d.subject for d in trial.draws}
        for ov in overrides:
            if ov.kind == "draw" and ov.subject not in drawn:
                known = ", ".join(sorted(drawn)) or "none"
                skipped.append(
                    f"turn {n}: override of draw '{ov.subject}' skipped: no such draw happened "
                    f"this turn (draws: {known})"
                )
        overrides = [ov for ov in overrides if ov.kind != "draw" or ov.subject in drawn]
    return injects, overrides


def turn_summary(session: Session, turn: int) -> dict[str, Any]:
    """The key numbers after ``turn``, as plain data for tables and JSON."""
    s = session.scenario
    state = session.states[turn]
    record = session.records[turn - 1] if turn > 0 else None
    return {
        "turn": turn,
        "month": s.month_label(turn) if turn > 0 else "start",
        "scores": {k: round(v, 2) for k, v in sorted(state.scores.items())},
        "indices": {k: round(v, 2) for k, v in sorted(state.indices.items())},
        "output": {
            a: round(sum(r.values()) / len(r), 2) for a, r in sorted(state.output.items()) if r
        },
        "prices": {m: round(p, 2) for m, p in sorted(state.prices.items())},
        "orders": record.orders_data() if record else {},
        "refused": {  # in the words of the table (a log auditor's audit), and as given
            t: [
                {
                    "order": order_words(s, o),
                    "reason": humanize(s, why),
                    "given": order_dict(o),
                }
                for o, why in rs
            ]
            for t, rs in sorted(record.refused.items())
        }
        if record
        else {},
    }
