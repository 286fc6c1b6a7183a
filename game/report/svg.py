"""Inline SVG line charts for the HTML report: no scripts, no external references.

The SVG is meant to sit inside an HTML5 document, so it carries no namespace URL.
"""

from __future__ import annotations

from html import escape

PALETTE = ("#c0392b", "#1f5fa8", "#2e8b57", "#8e44ad", "#d68910", "#17808a", "#555555")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


def line_chart(
    title: str,
    x_labels: list[str],
    series: list[tuple[str, list[float]]],
    low: float = 0.0,
    high: float = 100.0,
    width: int = 720,
    height: int = 260,
) -> str:
    """A line chart of ``series`` (label, one value per x label) on a shared y axis."""
    all_vals = [v for _, vals in series for v in vals]
    lo = min([low, *all_vals])
    hi = max([high, *all_vals])
    span = hi - lo or 1.0
    # legend entries side by side, as many to a row as the longest one allows (text at 11px is
    # under 6.5px a character; the swatch and gap take 30px)
    ends = [f" ({vals[0]:.1f} → {vals[-1]:.1f})" if vals else "" for _, vals in series]
    longest = max(
        (len(label + end) for (label, _), end in zip(series, ends, strict=True)), default=0
    )
    left, right, top = 44, 28, 26  # the last x label is centred on the right edge: room for it
    pw, ph = width - left - right, height - top - 40
    per_row = max(1, min(3, int(pw // (6.5 * longest + 30)))) if longest else 3
    bottom = 40 + 18 * ((len(series) + per_row - 1) // per_row)
    n = max(1, len(x_labels) - 1)

    def x(i: int) -> float:
        return left + pw * i / n

    def y(v: float) -> float:
        return top + ph * (1 - (v - lo) / span)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + bottom - 40}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="16" class="ct">{escape(title)}</text>',
    ]
    for k in range(5):
        v = lo + span * k / 4
        parts.append(
            f'<line x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" class="yl">{v:.0f}</text>'
        )
    step = max(1, len(x_labels) // 12)
    for i, lab in enumerate(x_labels):
        if i % step == 0 or i == len(x_labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + ph + 16}" class="xl">{escape(lab)}</text>'
            )
    drawn: list[list[float]] = []
    for j, (label, vals) in enumerate(series):
        color = PALETTE[j % len(PALETTE)]
        dash = DASHES[(j // len(PALETTE)) % len(DASHES)]
        # a line on top of one already drawn (two outputs at 100 all game) would hide it: dash
        # it, so that both show
        same = [round(v, 1) for v in vals]
        if same in drawn and not dash:
            dash = "7 5"
        drawn.append(same)
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vals))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"{dash_attr}>'
            f"<title>{escape(label)}</title></polyline>"
        )
        if vals:
            parts.append(
                f'<circle cx="{x(len(vals) - 1):.1f}" cy="{y(vals[-1]):.1f}" r="3" fill="{color}"/>'
            )
        lx = left + (j % per_row) * (pw / per_row)
        ly = top + ph + 36 + 18 * (j // per_row)
        end = ends[j]
        parts.append(
            f'<line x1="{lx:.1f}" x2="{lx + 18:.1f}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{color}" stroke-width="3"{dash_attr}/>'
            f'<text x="{lx + 24:.1f}" y="{ly}" class="lg">{escape(label + end)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
