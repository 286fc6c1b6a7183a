"""Small wording helpers shared by the Markdown and HTML renderers (plain text, unescaped)."""

from __future__ import annotations

from game.engine import branch_segments
from game.names import chance_text, printed_change, quantity, roll_text
from game.report.model import (
    HOLD_WORDS,
    Debrief,
    DrawInfo,
    ObjectiveMove,
    TeamScore,
    TurnEntry,
)

SPARKS = "▁▂▃▄▅▆▇█"


def signed(x: float, digits: int = 1) -> str:
    s = f"{x:+.{digits}f}"
    return s.replace("-", "−")


def inject_words(turn: int, manual: bool) -> str:
    """How an inject listed under ``turn`` came to fire: by hand at its start, or scripted, at
    its end, as the news that opens the next turn (rules.md section 7)."""
    return (
        "fired by hand"
        if manual
        else f"scripted: fired at the end of this turn, news for turn {turn + 1}"
    )


def moved(before: float, after: float, digits: int = 1) -> str:
    """The change from ``before`` to ``after`` as printed beside them (``printed_change``)."""
    return signed(printed_change(after, before, digits), digits)


def _held_or(controller: str, team: str, turns: list[TurnEntry]) -> str:
    """'held' for a scripted team that gave no order in ``turns`` (a branch's report called
    a Washington that held through turns 1-5 a 'scripted plan'), else ``controller``."""
    if controller == "plan" and all(
        e.orders.get(team, [HOLD_WORDS]) == [HOLD_WORDS] and not e.refused.get(team) for e in turns
    ):
        return "held"
    return controller


def controller_words(c: str) -> str:
    if c.startswith("bot:"):
        return f"computer ({c[4:]})"
    # "human": one player in solo play, a team of players in a hot seat
    words = {"plan": "scripted plan", "held": "held (no orders)", "human": "played by people"}
    return words.get(c, c)


def draw_words(d: DrawInfo) -> str:
    outcome = "succeeded" if d.happened else "failed"
    if d.subject.partition(":")[1] == "":
        outcome = "slipped a turn" if d.happened else "stayed on schedule"
        label = d.label.replace(" (on schedule?)", "")
        text = f"{label}: {chance_text(d.chance)} chance of slipping, {outcome}"
    else:
        text = f"{d.label}: {chance_text(d.chance)} chance, {outcome}"
    if d.override is not None:
        return f"{text} (set by the facilitator: {d.override})"
    return f"{text} (roll {roll_text(d.roll, d.chance)})"


def sparkline(values: list[float], low: float = 0.0, high: float = 100.0) -> str:
    lo = min(low, *values) if values else low
    hi = max(high, *values) if values else high
    span = hi - lo or 1.0
    return "".join(SPARKS[min(7, max(0, int((v - lo) / span * 7.999)))] for v in values)


def explain_team(ts: TeamScore) -> str:
    """One sentence: what moved this team's score most."""
    movers = [o for o in ts.objectives if abs(o.total) >= 0.05][:2]
    head = (
        f"{ts.name} went from {ts.initial:.1f} to {ts.final:.1f} "
        f"({moved(ts.initial, ts.final)} points)."
    )
    if not movers:
        return head + " No objective moved it noticeably."
    parts = [f"{o.label} ({signed(o.total)}, {o.first:,.1f} → {o.last:,.1f})" for o in movers]
    return head + " It moved most with " + " and ".join(parts) + "."


def objective_row(o: ObjectiveMove) -> list[str]:
    return [
        o.label,
        signed(o.total, 2),
        f"{o.first:,.1f} → {o.last:,.1f}",
        f"turn {o.best_turn} ({signed(o.best_amount, 2)})" if o.best_turn else "never moved",
    ]


def header_facts(d: Debrief) -> list[tuple[str, str]]:
    facts = [
        ("Scenario", f"{d.title} ({d.scenario_id})"),
        ("Seed", str(d.seed)),
        ("Log", d.path),
        (
            "Turns",
            f"{d.good_turns} of {d.turns_total} ({d.months[1]} to {d.months[-1]})"
            if d.good_turns > 1
            else f"1 of {d.turns_total} ({d.months[1]})"
            if d.good_turns
            else f"0 of {d.turns_total} (none played yet)",
        ),
        (
            "Teams",
            "; ".join(
                f"{name}: {controller_words(d.controllers.get(t, '?'))}"
                for t, name in d.teams.items()
            ),
        ),
        ("Verification", d.status),
    ]
    if "branch_turn" in d.settings:
        cut = d.settings["branch_turn"]
        words = f"of {d.settings.get('branch_of', 'another session')} from turn {cut}"
        first = 1
        for upto, players in branch_segments(d.settings, d.controllers):
            # the turns it shares with the sessions it came from, and who played them (a
            # branch of a branch: each earlier session's turns with its own players)
            if upto >= first and players != d.controllers:
                shared = f"turn {upto}" if upto == first else f"turns {first}-{upto}"
                span = [e for e in d.timeline if first <= e.turn <= upto]
                words += f"; {shared} played by " + ", ".join(
                    f"{name}: {controller_words(_held_or(players.get(t, '?'), t, span))}"
                    for t, name in d.teams.items()
                )
            first = upto + 1
        facts.append(("Branch", words))
    return facts


def scores_heading(d: Debrief) -> tuple[str, str]:
    """The score table's title and its last column's: 'Final scores' / 'Final' for a finished
    game, 'Scores after turn 7 of 12' / 'Turn 7' for one that stopped early or whose later
    turns are damaged (an analyst read 'Final' over turn 2 of a damaged log)."""
    if d.good_turns >= d.turns_total:
        return "Final scores", "Final"
    return f"Scores after turn {d.good_turns} of {d.turns_total}", f"Turn {d.good_turns}"


MARKETS_INTRO = (
    "World prices outside China (as the rules move them with the shortfall) and {whose} "
    "working inventory in days of its demand. A dash: it never went above (prices) or below "
    "(days) where it started."
)


def market_table(d: Debrief) -> tuple[list[str], list[list[str]]]:
    """The markets part of a debrief as a table (head, rows): a material a row."""
    whose = f"{d.stocks_of}'s days" if d.stocks_of else "Days"
    head = ["Material", "World price, start → end", "Peak", f"{whose}, start → end", "Lowest"]
    rows = []
    for line in d.markets:
        start, peak, peak_turn, end = line.price
        price = f"{quantity(start)} → {quantity(end)} {line.price_unit}"
        top = f"{quantity(peak)} (turn {peak_turn})" if peak_turn else "–"
        days, lowest = "–", "–"
        if line.cover is not None:
            first, low, low_turn, last = line.cover
            days = f"{first:.0f} → {last:.0f}"
            lowest = f"{low:.0f} (turn {low_turn})" if low_turn else "–"
        rows.append([line.material, price, top, days, lowest])
    return head, rows


def who_ordered(name: str, timed_out: str | None) -> str:
    """'Beijing ordered', or, when the turn timer sealed the team's orders, how it did:
    'Beijing, when time ran out (the computer (doctrine) chose its orders)' (a facilitator's
    audit: the debrief said a team ordered what the computer chose)."""
    return f"{name} ordered" if timed_out is None else f"{name}, when time ran out ({timed_out})"
