"""The debrief as one self-contained HTML file: inline CSS and SVG, no scripts, no fonts or
anything else fetched, print-friendly (each section starts a page when printed).

Every text taken from the log is escaped: a log is user input.
"""

from __future__ import annotations

from html import escape

from game.report.against import SAME_SEED_WORDS, Against, against_intro
from game.report.model import Debrief, TurnEntry
from game.report.svg import line_chart
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
    who_ordered,
)

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #1b1b1b; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.warn { border: 2px solid #b00020; background: #fdecee; padding: .6rem .9rem; margin: 1rem 0; }
.facts th { width: 9rem; }
.muted { color: #555; }
.turn { border-left: 4px solid #1f5fa8; padding-left: .8rem; margin: 1.2rem 0; }
.note { border-left: 3px solid #d68910; background: #fff8ec;
  padding: .3rem .6rem; margin: .3rem 0; }
.tag { font-size: .8rem; padding: 0 .35rem; border-radius: .25rem; background: #e8e8e8; }
.tag.hand { background: #ffe3b3; }
.tag.refused { background: #f7c9cf; }
ul { margin: .3rem 0 .6rem; }
svg.chart { width: 100%; height: auto; margin: .5rem 0 1rem; }
svg .grid { stroke: #ddd; stroke-width: 1; }
svg text { font-size: 11px; fill: #333; }
svg .ct { font-size: 13px; font-weight: 600; }
svg .yl { text-anchor: end; }
svg .xl { text-anchor: middle; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  .turn, table, svg, .decision { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()

    def cell(tag: str, i: int, v: str) -> str:
        cls = ' class="n"' if i in numeric else ""
        return f"<{tag}{cls}>{v}</{tag}>"

    out = ["<table><thead><tr>", *(cell("th", i, h) for i, h in enumerate(head)), "</tr></thead>"]
    out.append("<tbody>")
    for r in rows:
        out.append("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _turn(d: Debrief, t: TurnEntry) -> str:
    out = [f'<div class="turn"><h3>Turn {t.turn} <span class="muted">({e(t.month)})</span></h3>']
    out.append("<ul>")
    for team, words in t.orders.items():
        late = t.timed_out.get(team)
        who = d.teams[team] + (f" (time ran out: {late})" if late else "")
        out.append(f"<li><b>{e(who)}:</b> " + "; ".join(e(w) for w in words) + "</li>")
    for team, items in t.refused.items():
        for order, why in items:
            out.append(
                f'<li><span class="tag refused">refused</span> <b>{e(d.teams[team])}:</b> '
                f"{e(order)}: {e(why)}</li>"
            )
    out.append("</ul>")
    if t.injects:
        out.append("<p><b>Injects</b></p><ul>")
        for i in t.injects:
            tag = (
                '<span class="tag hand">fired by hand</span>'
                if i.manual
                else f'<span class="tag">{e(inject_words(t.turn, False))}</span>'
            )
            out.append(f"<li>{e(i.headline)} {tag}</li>")
        out.append("</ul>")
    if t.overrides:
        out.append("<p><b>Facilitator overrides</b></p><ul>")
        out += [f"<li>{e(o.text)}</li>" for o in t.overrides]
        out.append("</ul>")
    if t.draws:
        out.append("<p><b>Chance draws</b></p><ul>")
        out += [f"<li>{e(draw_words(x))}</li>" for x in t.draws]
        out.append("</ul>")
    for n in t.notes:
        out.append(f'<div class="note"><b>Facilitator note:</b> {e(n)}</div>')
    scores = ", ".join(
        f"{e(d.teams[k])} {t.scores[k]:.1f} ({moved(t.scores[k] - t.score_change[k], t.scores[k])})"
        for k in d.teams
    )
    out.append(f'<p class="muted">Scores after the turn: {scores}.</p></div>')
    return "".join(out)


def _against(a: Against) -> str:
    rows = [[e(r.label), *r.numbers()] for r in a.rows]
    items = "".join(
        f"<li>{e(words)}: {share:.1%} of the games</li>" for _, words, share in a.outcomes
    )
    return (
        "<section><h2>Against the computer</h2>"
        f"<p>{e(against_intro(a))} "
        "<i>Games below</i>: the share of those games that ended lower than this session "
        f"(ties count half). {e(SAME_SEED_WORDS)}</p>"
        + _table(
            ["", "This session", "Computer, same seed", "Median", "5%-95% of games", "Games below"],
            rows,
            {1, 2, 3, 4, 5},
        )
        + "<p>This session's outcomes, and how often they occurred in the games:</p>"
        + f"<ul>{items}</ul></section>"
    )


def render_html(d: Debrief, against: Against | None = None) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>After-action report: {e(d.title)}</title>",
        f"<style>{CSS}</style></head><body>",
        '<section class="first">',
        f"<h1>After-action report: {e(d.title)}</h1>",
    ]
    if d.warning is not None:
        out.append(
            f'<div class="warn"><b>Warning: this log is damaged.</b> {e(d.status)}. '
            "The report covers the sound turns only.</div>"
        )
    out.append('<table class="facts"><tbody>')
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in header_facts(d)]
    out.append("</tbody></table>")
    out.append(f"<p>{e(d.summary)}</p>")
    title, last = scores_heading(d)
    out.append(f"<h2>{e(title)}</h2>")
    out.append(
        _table(
            ["Team", "Start", last, "Change"],
            [
                [e(s.name), f"{s.initial:.1f}", f"{s.final:.1f}", moved(s.initial, s.final)]
                for s in d.scores
            ],
            {1, 2, 3},
        )
    )
    out.append("</section>")

    if against is not None:
        out.append(_against(against))

    out.append("<section><h2>Why the scores moved</h2>")
    for s in d.scores:
        out.append(f"<h3>{e(s.name)}</h3><p>{e(explain_team(s))}</p>")
        out.append(
            _table(
                ["Objective", "Moved the score by", "Metric, start → end", "Largest single move"],
                [[e(c) for c in objective_row(o)] for o in s.objectives],
                {1},
            )
        )
    out.append("</section>")

    out.append("<section><h2>Key decision points</h2>")
    if not d.decision_points:
        out.append("<p>No turn moved the scores.</p>")
    for p in d.decision_points:
        changes = ", ".join(f"{e(d.teams[k])} {signed(v)}" for k, v in p.score_change.items())
        out.append(
            f'<div class="decision"><h3>Turn {p.turn} ({e(p.month)}): scores swung '
            f"{p.swing:.1f} points</h3><p>Score changes: {changes}.</p><ul>"
        )
        out += [
            f"<li><b>{e(who_ordered(d.teams[k], p.timed_out.get(k)))}</b>: "
            + "; ".join(e(w) for w in ws)
            + "</li>"
            for k, ws in p.orders.items()
        ]
        out += [
            f"<li>Inject: {e(i.headline)} ({e(inject_words(p.turn, i.manual))})</li>"
            for i in p.injects
        ]
        out += [f"<li>Override: {e(o.text)}</li>" for o in p.overrides]
        out.append("</ul>")
        if p.reasons:
            out.append("<p>Largest score movements this turn:</p><ul>")
            out += [
                f"<li>{e(d.teams.get(r.key.split('.', 1)[1], r.key))} "
                f"{signed(r.amount, 2)}: {e(r.why)}</li>"
                for r in p.reasons
            ]
            out.append("</ul>")
        out.append("</div>")
    out.append("</section>")

    if d.markets:
        head, rows = market_table(d)
        whose = f"{d.stocks_of}'s" if d.stocks_of else "the coerced country's"
        out.append("<section><h2>Markets and stocks</h2>")
        out.append(f"<p>{e(MARKETS_INTRO.format(whose=whose))}</p>")
        out.append(_table([e(h) for h in head], [[e(c) for c in r] for r in rows], {1, 2, 3, 4}))
        out.append("</section>")

    out.append("<section><h2>Scores and indices over time</h2>")
    for group, title in (
        ("score", "Scores (0-100)"),
        ("index", "Indices"),
        ("output", "Industrial output (100 = normal)"),
    ):
        series = [(s.label, [v[s.key] for v in d.values]) for s in d.series if s.group == group]
        out.append(line_chart(title, d.months, series))
    head = ["Turn", "Month", *(e(s.label) for s in d.series)]
    rows = [
        [str(t), e(d.months[t]), *(f"{v[s.key]:.1f}" for s in d.series)]
        for t, v in enumerate(d.values)
    ]
    out.append(_table(head, rows, set(range(2, len(head)))))
    out.append("</section>")

    out.append("<section><h2>Timeline</h2>")
    out += [_turn(d, t) for t in d.timeline]
    out.append("</section>")

    notes = [(t.turn, t.month, n) for t in d.timeline for n in t.notes]
    out.append("<section><h2>Facilitator notes</h2>")
    if notes:
        out.append("<ul>")
        out += [f"<li>Turn {t} ({e(m)}): {e(n)}</li>" for t, m, n in notes]
        out.append("</ul>")
    else:
        out.append("<p>No notes were taken.</p>")
    out.append("</section>")
    out.append(f'<p class="muted">Built from {e(d.path)} by Chokepoint.</p>')
    out.append("</body></html>\n")
    return "\n".join(out)
