"""The debrief as Markdown: readable as plain text in a terminal, and rendered anywhere."""

from __future__ import annotations

import re

from game.report.against import SAME_SEED_WORDS, Against, against_intro
from game.report.model import Debrief, TurnEntry
from game.report.text import (
    MARKETS_INTRO,
    draw_words,
    explain_team,
    header_facts,
    inject_words,
    market_table,
    moved,
    objective_row,
    scores_heading,
    signed,
    sparkline,
    who_ordered,
)

_SPECIAL = "\\`*|[]<>"
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md(text: str) -> str:
    """Text from the log made inert in Markdown, and still readable as plain text: no raw HTML
    (angle brackets backslashed, as an ampersand that would start an entity such as ``&lt;``),
    no links, emphasis or table breaks, one line. (Entities, ``&lt;b&gt;``, were safe too but
    read as codes in a terminal or on paper.)"""
    out = _ENTITY.sub(r"\\&", "".join("\\" + c if c in _SPECIAL else c for c in str(text)))
    return " ".join(out.splitlines())


def _table(head: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    right = right or set()
    sep = ["---:" if i in right else "---" for i in range(len(head))]
    return [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(sep) + " |",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]


def _turn(d: Debrief, e: TurnEntry) -> list[str]:
    out = [f"### Turn {e.turn} ({e.month})", ""]
    out.append("**Orders**")
    out.append("")
    for team, words in e.orders.items():
        late = e.timed_out.get(team)
        who = d.teams[team] + (f" (time ran out: {late})" if late else "")
        out.append(f"- {md(who)}: " + "; ".join(md(w) for w in words))
    for team, items in e.refused.items():
        for order, why in items:
            out.append(f"- {md(d.teams[team])}, refused: {md(order)} ({md(why)})")
    out.append("")
    if e.injects:
        out += ["**Injects**", ""]
        out += [f"- {md(i.headline)} ({inject_words(e.turn, i.manual)})" for i in e.injects]
        out.append("")
    if e.overrides:
        out += ["**Facilitator overrides**", ""]
        out += [f"- {md(o.text)}" for o in e.overrides]
        out.append("")
    if e.draws:
        out += ["**Chance draws**", ""]
        out += [f"- {md(draw_words(x))}" for x in e.draws]
        out.append("")
    if e.notes:
        out += ["**Facilitator notes**", ""]
        out += [f"> {md(n)}" for n in e.notes]
        out.append("")
    scores = ", ".join(
        f"{md(d.teams[t])} {e.scores[t]:.1f} "
        f"({moved(e.scores[t] - e.score_change[t], e.scores[t])})"
        for t in d.teams
    )
    out += [f"Scores after the turn: {scores}.", ""]
    return out


def _against(a: Against) -> list[str]:
    out = ["## Against the computer", ""]
    out += [
        f"{md(against_intro(a))} *Games below*: the share of those games that ended lower "
        f"than this session (ties count half). {md(SAME_SEED_WORDS)}",
        "",
    ]
    out += _table(
        ["", "This session", "Computer, same seed", "Median", "5%-95% of games", "Games below"],
        [[md(r.label), *r.numbers()] for r in a.rows],
        {1, 2, 3, 4, 5},
    )
    out += ["", "This session's outcomes, and how often they occurred in the games:", ""]
    out += [f"- {md(words)}: {share:.1%} of the games" for _, words, share in a.outcomes]
    out.append("")
    return out


def render_markdown(d: Debrief, against: Against | None = None) -> str:
    out: list[str] = [f"# After-action report: {md(d.title)}", ""]
    if d.warning is not None:
        out += [
            f"> **Warning: this log is damaged.** {md(d.status)}. The report covers the "
            "sound turns only.",
            "",
        ]
    out += [f"- **{k}:** {md(v)}" for k, v in header_facts(d)]
    out += ["", md(d.summary), ""]

    title, last = scores_heading(d)
    out += [f"## {title}", ""]
    out += _table(
        ["Team", "Start", last, "Change"],
        [
            [md(ts.name), f"{ts.initial:.1f}", f"{ts.final:.1f}", moved(ts.initial, ts.final)]
            for ts in d.scores
        ],
        {1, 2, 3},
    )
    out.append("")

    if against is not None:
        out += _against(against)

    out += ["## Why the scores moved", ""]
    for ts in d.scores:
        out += [f"### {md(ts.name)}", "", md(explain_team(ts)), ""]
        out += _table(
            ["Objective", "Moved the score by", "Metric, start → end", "Largest single move"],
            [[md(c) for c in objective_row(o)] for o in ts.objectives],
            {1},
        )
        out.append("")

    out += ["## Key decision points", ""]
    if not d.decision_points:
        out += ["No turn moved the scores.", ""]
    for p in d.decision_points:
        changes = ", ".join(f"{md(d.teams[t])} {signed(v)}" for t, v in p.score_change.items())
        out += [f"### Turn {p.turn} ({p.month}): scores swung {p.swing:.1f} points", ""]
        out += [f"Score changes: {changes}.", ""]
        out += [
            f"- {md(who_ordered(d.teams[t], p.timed_out.get(t)))}: " + "; ".join(md(w) for w in ws)
            for t, ws in p.orders.items()
        ]
        out += [f"- Inject: {md(i.headline)} ({inject_words(p.turn, i.manual)})" for i in p.injects]
        out += [f"- Override: {md(o.text)}" for o in p.overrides]
        if p.reasons:
            out += ["", "Largest score movements this turn:", ""]
            out += [
                f"- {md(d.teams.get(r.key.split('.', 1)[1], r.key))} {signed(r.amount, 2)}: "
                f"{md(r.why)}"
                for r in p.reasons
            ]
        out.append("")

    if d.markets:
        head, rows = market_table(d)
        whose = f"{d.stocks_of}'s" if d.stocks_of else "the coerced country's"
        out += ["## Markets and stocks", "", md(MARKETS_INTRO.format(whose=whose)), ""]
        out += _table([md(h) for h in head], [[md(c) for c in r] for r in rows], {1, 2, 3, 4})
        out.append("")

    out += ["## Scores and indices over time", "", "```"]
    width = max(len(s.label) for s in d.series)
    for s in d.series:
        vals = [v[s.key] for v in d.values]
        out.append(f"{s.label:<{width}}  {sparkline(vals)}  {vals[0]:6.1f} → {vals[-1]:6.1f}")
    out += ["```", ""]
    head = ["Turn", "Month", *(md(s.label) for s in d.series)]
    rows = [
        [str(t), d.months[t], *(f"{v[s.key]:.1f}" for s in d.series)]
        for t, v in enumerate(d.values)
    ]
    out += _table(head, rows, set(range(2, len(head))))
    out.append("")

    out += ["## Timeline", ""]
    for e in d.timeline:
        out += _turn(d, e)

    notes = [(e.turn, e.month, n) for e in d.timeline for n in e.notes]
    out += ["## Facilitator notes", ""]
    if not notes:
        out += ["No notes were taken.", ""]
    out += [f"- Turn {t} ({m}): {md(n)}" for t, m, n in notes]
    if notes:
        out.append("")
    return "\n".join(out)
