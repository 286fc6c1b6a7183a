"""Charts drawn in the terminal: a braille line chart and text sparklines."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

SPARKS = "▁▂▃▄▅▆▇█"
SERIES_COLORS = ("#e06c75", "#61afef", "#98c379", "#e5c07b", "#c678dd", "#56b6c2")
# braille dot bits by (row, column) inside a 2x4 cell
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def sparkline(values: Sequence[float], lo: float | None = None, hi: float | None = None) -> str:
    """One character per value, from ▁ to █ over [lo, hi] (default: the values' range)."""
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    span = hi - lo
    if span <= 1e-12:
        return SPARKS[3] * len(values)
    out = []
    for v in values:
        x = (min(hi, max(lo, v)) - lo) / span
        out.append(SPARKS[min(len(SPARKS) - 1, int(x * (len(SPARKS) - 1) + 0.5))])
    return "".join(out)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    color: str


def marks(labels: Sequence[str]) -> list[str]:
    """One letter per series, told apart without colour (NO_COLOR, 16-colour terminals, colour
    blindness): the label's first letter, else the first letter of another of its words, else
    any of its letters, not used by an earlier series ('Cohesion' C, 'CN share' S)."""
    taken: set[str] = set()
    out = []
    for label in labels:
        words = label.split()
        tries = [w[0] for w in words] + [w[0] for w in reversed(words)] + list(label)
        mark = next((c.upper() for c in tries if c.isalpha() and c.upper() not in taken), "?")
        taken.add(mark)
        out.append(mark)
    return out


class LineChart(Widget):
    """Several series over turns, drawn with braille dots, with a legend of last values.

    ``None`` values (unknown to this point of view) break the line.
    """

    DEFAULT_CSS = """
    LineChart { height: 12; min-height: 6; }
    """

    series: reactive[tuple[Series, ...]] = reactive(tuple)
    marker: reactive[int | None] = reactive(None)

    def __init__(
        self,
        title: str = "",
        lo: float = 0.0,
        hi: float = 100.0,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.title = title
        self.lo, self.hi = lo, hi

    def set_series(self, series: Sequence[Series], marker: int | None = None) -> None:
        self.series = tuple(series)
        self.marker = marker

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        out = Text(no_wrap=True, overflow="crop")
        if self.title:
            out.append(self.title + "\n", style="bold")
            height -= 1
        legend = self._legend(width)
        label_w = 4
        pw = max(4, width - label_w - 1)
        ph = max(2, height - 1 - len(legend))  # the axis and the legend's lines below the plot
        dots_x, dots_y = pw * 2, ph * 4
        n = max((len(s.values) for s in self.series), default=0)
        cells: dict[tuple[int, int], list[int | str]] = {}
        lo, hi = self.lo, self.hi
        known = [v for s in self.series for v in s.values if v is not None]
        if known:  # zoom on the data, in steps of 5, within the chart's range
            lo = max(self.lo, 5.0 * math.floor((min(known) - 2.0) / 5.0))
            hi = min(self.hi, 5.0 * math.ceil((max(known) + 2.0) / 5.0))
        span = (hi - lo) or 1.0

        def px(i: int) -> int:
            return 0 if n <= 1 else round(i * (dots_x - 1) / (n - 1))

        def py(v: float) -> int:
            x = (min(hi, max(lo, v)) - lo) / span
            return round((1.0 - x) * (dots_y - 1))

        def plot(x: int, y: int, color: str) -> None:
            key = (y // 4, x // 2)
            cell = cells.setdefault(key, [0, color])
            cell[0] = int(cell[0]) | _BITS[y % 4][x % 2]

        # each line ends in its series' letter, as in the legend (lines of one colour apart)
        ends: dict[tuple[int, int], tuple[str, str]] = {}
        for s, mark in zip(self.series, marks([s.label for s in self.series]), strict=True):
            pts = [(px(i), py(v)) if v is not None else None for i, v in enumerate(s.values)]
            last = next((p for p in reversed(pts) if p is not None), None)
            if last is not None:
                ends[(last[1] // 4, last[0] // 2)] = (mark, s.color)
            for a, b in itertools.pairwise(pts):
                if a is None or b is None:
                    continue
                steps = max(abs(b[0] - a[0]), abs(b[1] - a[1]), 1)
                for k in range(steps + 1):
                    plot(
                        round(a[0] + (b[0] - a[0]) * k / steps),
                        round(a[1] + (b[1] - a[1]) * k / steps),
                        s.color,
                    )
            for p in pts:
                if p is not None:
                    plot(p[0], p[1], s.color)
        # the replay's turn as a vertical line; not at the chart's first or last column, where
        # it read as a second axis or an extra frame ('95┤ … │ │')
        marker_col = px(self.marker) // 2 if self.marker is not None and n > 0 else None
        # the turns after the replay's turn are drawn faint, in every view: the charts showed
        # the whole game alike whatever the turn, and the line alone was easy to miss
        after = marker_col if marker_col is not None else pw
        if marker_col is not None and not 0 < marker_col < pw - 1:
            marker_col = None
        for r in range(ph):
            if r == 0:
                label = f"{hi:>{label_w}.0f}"
            elif r == ph - 1:
                label = f"{lo:>{label_w}.0f}"
            elif r == ph // 2:
                label = f"{(hi + lo) / 2:>{label_w}.0f}"
            else:
                label = " " * label_w
            out.append(label, style="dim")
            out.append("┤", style="dim")
            for c in range(pw):
                cell = cells.get((r, c))
                tip = ends.get((r, c))
                if tip is not None:
                    faint = " dim" if c > after else ""
                    out.append(tip[0], style=f"bold {tip[1]}{faint}")
                elif cell is not None:
                    faint = " dim" if c > after else ""
                    out.append(chr(0x2800 + int(cell[0])), style=f"{cell[1]}{faint}")
                elif c == marker_col:
                    out.append("│", style="dim yellow")
                else:
                    out.append(" ")
            out.append("\n")
        axis = " " * label_w + "└" + "─" * pw
        if n > 1:
            end = f" {n - 1}"
            axis = axis[: len(axis) - len(end)] + end
            if marker_col is not None:  # the replay's turn under its line, when it has room
                turn = str(self.marker)
                at = label_w + 1 + marker_col
                if at + len(turn) < len(axis) - len(end):
                    axis = axis[:at] + turn + axis[at + len(turn) :]
        out.append(axis + "\n", style="dim")
        out.append(Text("\n").join(legend))
        return out

    def _legend(self, width: int) -> list[Text]:
        """'T Tension 85.4  C Cohesion 89.4 ...', wrapped to ``width``: every series named after
        the letter that ends its line, with its value at the marked turn (the replay's turn),
        else its last known value."""
        lines = [Text()]
        for s, mark in zip(self.series, marks([s.label for s in self.series]), strict=True):
            upto = s.values if self.marker is None else s.values[: self.marker + 1]
            last = next((v for v in reversed(upto) if v is not None), None)
            item = f"{s.label} {'?' if last is None else f'{last:.1f}'}  "
            if lines[-1].cell_len and lines[-1].cell_len + len(item) + 2 > width:
                lines.append(Text())
            lines[-1].append(f"{mark} ", style=f"bold {s.color}")
            lines[-1].append(item)
        return lines


def score_series(scenario, states, upto: int, pov: str) -> list[Series]:  # type: ignore[no-untyped-def]
    """Each team's score over turns 0..upto; a team sees only its own (others are unknown)."""
    from game.tui.words import hidden_keys, team_name

    hidden = hidden_keys(scenario, pov)
    out = []
    for i, team in enumerate(sorted(scenario.teams)):
        if f"score.{team}" in hidden:
            continue
        vals = tuple(s.scores[team] for s in states[: upto + 1])
        out.append(Series(team_name(scenario, team), vals, SERIES_COLORS[i % len(SERIES_COLORS)]))
    return out


def index_series(states, upto: int) -> list[Series]:  # type: ignore[no-untyped-def]
    """The public indices over turns 0..upto."""
    from game.tui.words import INDEX_ORDER

    short = {
        "tension": "Tension",
        "cohesion": "Cohesion",
        "posture": "Posture",
        "deterrence": "Deterrence",
        "market_share": "CN share",
    }
    out = []
    for i, name in enumerate(INDEX_ORDER):
        if name in states[0].indices:
            vals = tuple(s.indices[name] for s in states[: upto + 1])
            out.append(Series(short[name], vals, SERIES_COLORS[(i + 3) % len(SERIES_COLORS)]))
    return out
