"""The state of the game from one point of view: indices, industry, cover, prices, stocks.

A team sees its own numbers exactly, others' with the fog's noise (marked ≈) and what the fog
hides as "?". The facilitator sees the true state.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import Static

from game.scenario import Scenario
from game.state import GameState, split_key
from game.tui.widgets.charts import sparkline
from game.tui.words import (
    FACILITATOR,
    INDEX_ORDER,
    LOW_MARK,
    actor_name,
    hidden_keys,
    index_label,
    low_legend,
    material_name,
    printed_change,
    quantity,
    running_low,
    signed,
    team_name,
)

SECTOR_SHORT = {"autos": "Autos", "defence": "Def.", "electronics": "Elec.", "energy": "Energy"}
SECTOR_TINY = {"autos": "Auto", "defence": "Def.", "electronics": "Elec", "energy": "Enrg"}
COMPACT_BELOW = 56  # panel width (cells) under which countries are shown by their codes
WHOLE_NAMES_FROM = 100
"""Panel width (cells) from which the export controls' materials are named in full: beside
'United States → Japan' and 'licensing 20% (extraterr.)' there is room for any of them."""


def _table(title: str, *columns: str | Text, compact: bool = False) -> Table:
    """A titled table whose first column names the rows and the rest hold numbers.

    The name column takes the slack. ``compact`` (a narrow panel) puts one space between columns
    and shares the slack among them all: Rich would otherwise squeeze the name column, or the
    last, to nothing.
    """
    t = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        expand=True,
        pad_edge=not compact,
        padding=(0, 0) if compact else (0, 1),  # the box already puts a space between columns
        show_edge=False,
    )
    for i, c in enumerate(columns):
        if i == 0:
            t.add_column(c, justify="left", min_width=6, ratio=None if compact else 1, no_wrap=True)
        else:
            t.add_column(c, justify="right", no_wrap=True)
    return t


def _cut(text: str, n: int | None = 18) -> str:
    """``text`` cut to ``n`` characters ('Semiconductor equ…'); whole when ``n`` is None."""
    return text if n is None or len(text) <= n else text[: n - 1] + "…"


COMPACT_TREND = 6
"""Turns the trend shows in a narrow panel: the whole game's 13 characters left 'Japan's T…'."""


def indices_table(
    scenario: Scenario, states: Sequence[GameState], upto: int, compact: bool = False
) -> Table:
    """The indices now, their change this turn and their trend. ``compact`` (80 columns): the
    names wrap instead of being cut to 'Deterrence credib…', and the trend shows the last
    ``COMPACT_TREND`` turns."""
    t = _table("Indices", "Index", "Now", "Turn", "Trend")
    if compact:
        t.columns[0].no_wrap = False
        t.columns[0].overflow = "fold"
    now = states[upto]
    prev = states[upto - 1] if upto > 0 else None
    for name in INDEX_ORDER:
        if name not in now.indices:
            continue
        v = now.indices[name]
        d = printed_change(v, prev.indices[name]) if prev else 0.0  # as the values read
        style = "green" if d > 0.05 else "red" if d < -0.05 else "dim"
        hist = [s.indices[name] for s in states[: upto + 1]]
        if compact:
            hist = hist[-COMPACT_TREND:]
        t.add_row(
            Text(index_label(scenario, name)),
            f"{v:.1f}",
            f"[{style}]{signed(d)}[/]",
            sparkline(hist),
        )
    return t


def output_table(
    s: Scenario, state: GameState, me: str | None, who: Callable[[str], str], compact: bool
) -> Table:
    """Industrial output by country (``who`` names a row's country) and sector."""
    heads = SECTOR_TINY if compact else SECTOR_SHORT
    sector_heads = [heads.get(sec, sec[:4] if compact else sec[:5]) for sec in sorted(s.sectors)]
    out = _table(
        "Industrial output (100 = normal)",
        "" if compact else "Country",
        *sector_heads,
        "All",
        compact=compact,
    )
    for actor in sorted(state.output):
        row = state.output[actor]
        if not row:
            continue
        avg = sum(row.values()) / len(row)
        cells = [f"{row[sec]:.0f}" if sec in row else "–" for sec in sorted(s.sectors)]
        style = "bold" if actor == me else ""
        out.add_row(
            Text(who(actor), style=style), *cells, f"{avg:.0f}" if compact else f"{avg:.1f}"
        )
    return out


def marked(s: Scenario, name: str, actor: str, me: str | None) -> str:
    """``name`` (of ``actor``'s row) with ≈ where ``me``'s team sees its figures with noise."""
    return name if me is None or actor == me or s.fog.noise <= 0 else f"{name} ≈"


_MEASURE = Console(file=io.StringIO(), width=1000, color_system=None)


def compact_below(scenario: Scenario, state: GameState, pov: str = FACILITATOR) -> int:
    """The panel width under which countries go by their codes: ``COMPACT_BELOW``, or more
    where the output table's whole names do not fit beside its numbers (Rich would cut
    'European Union ≈' to 'European Union…' at 57 cells, and the ≈ with it)."""
    me = scenario.teams[pov].actor if pov in scenario.teams else None

    def who(actor: str) -> str:
        return marked(scenario, actor_name(scenario, actor), actor, me)

    table = output_table(scenario, state, me, who, compact=False)
    return max(COMPACT_BELOW, _MEASURE.measure(table).maximum)


def state_renderables(
    scenario: Scenario,
    states: Sequence[GameState],
    upto: int,
    pov: str = FACILITATOR,
    shown: GameState | None = None,
    compact: bool = False,
    width: int | None = None,
) -> list[RenderableType]:
    """Tables describing ``shown`` (default ``states[upto]``) as ``pov`` sees it.

    ``compact`` (a narrow panel) names countries by their codes (JPN, USA) and cuts material
    names shorter, so every column still fits. Otherwise the names in a table's first column
    are whole: that column takes the room the numbers leave, and Rich ends a name with "…" only
    when it is narrower than the name (a fixed cut left "Semiconductor equ…" beside 100 blank
    columns at 200x60). ``width`` (the panel's) says whether the export controls' material
    column, which is not the first, has room for whole names too.
    """
    s = scenario
    cut = 11 if compact else None
    ctl_cut = 11 if compact else None if (width or 0) >= WHOLE_NAMES_FROM else 18

    def country(actor: str) -> str:
        return actor if compact else actor_name(s, actor)

    state = shown or states[upto]
    hidden = hidden_keys(s, pov)
    me = s.teams[pov].actor if pov in s.teams else None
    players = [s.teams[t].actor for t in sorted(s.teams)]
    mats = sorted(s.materials)

    noisy = s.fog.noise > 0

    def who(actor: str) -> str:
        return marked(s, country(actor), actor, me)

    parts: list[RenderableType] = [indices_table(s, states, upto, compact)]

    parts.append(output_table(s, state, me, who, compact))

    def head(actor: str, key: str) -> str:
        """A column of ``actor``'s numbers: marked ≈ where they carry the fog's noise."""
        return f"{country(actor)} ≈" if estimated(actor, key) else country(actor)

    def estimated(actor: str, key: str) -> bool:
        return me is not None and actor != me and noisy and f"{key}.{actor}" not in hidden

    # a team is warned of its own cover running low; the facilitator, of every team's (the
    # others' figures a team sees are noisy, and the turn before is the true state)
    watched = set(players) if me is None else {me}
    before = states[upto - 1] if upto > 0 else None
    low_seen = False
    cover = _table(
        "Days of working inventory",
        "Material",
        *[Text(head(a, "cover")) for a in players],
        compact=compact,
    )
    for m in mats:
        cells = []
        for a in players:
            if f"cover.{a}" in hidden:
                cells.append("[dim]?[/]")
            elif m in state.cover.get(a, {}):
                v = state.cover[a][m]
                style = "red" if v < 15 else "yellow" if v < 45 else ""
                # whole days, rounded down: 29.6 days is under the 30 that flags it, and
                # printed as '30 ⚠' it read as a mistake
                text = f"{math.floor(v)}"
                was = before.cover.get(a, {}).get(m) if before is not None else None
                if a in watched and running_low(s, a, m, v, was):
                    text += f" {LOW_MARK}"
                    style = "bold red"
                    low_seen = True
                cells.append(f"[{style}]{text}[/]" if style else text)
            else:
                cells.append("[dim]–[/]")
        cover.add_row(Text(_cut(material_name(s, m), cut)), *cells)
    legend = []
    if low_seen:
        legend.append(low_legend(own=me is not None))
    if me is not None and noisy:
        legend.append(f"≈ estimate: others' figures carry up to ±{s.fog.noise:.0%} noise")
    if legend:
        cover.caption = "\n".join(legend)
        cover.caption_justify = "left"
        cover.caption_style = "dim"
    parts.append(cover)

    prices = _table("Prices", "Material", "World", "China", "Unit", compact=compact)
    for m in mats:
        mat = s.materials[m]
        base = mat.price
        p = state.prices[m]
        style = "red" if p > base * 1.25 else "green" if p < base * 0.9 else ""
        prices.add_row(
            Text(_cut(material_name(s, m), cut)),
            f"[{style}]{p:,.1f}[/]" if style else f"{p:,.1f}",
            f"{state.china_prices[m]:,.1f}",
            Text(_cut(mat.price_unit, 10)),
        )
    parts.append(prices)

    stock = _table(
        "Strategic stockpiles",
        "Material",
        *[Text(head(a, "stockpile")) for a in players],
        compact=compact,
    )
    for m in mats:
        cells = []
        for a in players:
            if f"stockpile.{a}" in hidden:
                cells.append("[dim]?[/]")
            else:
                v = state.stockpile[a][m]
                cells.append(quantity(v) if v else "[dim]0[/]")
        if any(c not in ("[dim]0[/]",) for c in cells):
            stock.add_row(Text(_cut(material_name(s, m), cut)), *cells)
    parts.append(stock)

    money_t = _table("Budgets (US$ million)", "Team", "Budget", "Income/turn")
    for t in sorted(s.teams):
        if f"budget.{t}" in hidden:
            money_t.add_row(Text(team_name(s, t)), "[dim]?[/]", f"{s.teams[t].income:,.0f}")
        else:
            approx = "≈ " if me is not None and t != pov and noisy else ""
            money_t.add_row(
                Text(team_name(s, t)),
                f"{approx}{state.budget[t]:,.0f}",
                f"{s.teams[t].income:,.0f}",
            )
    parts.append(money_t)

    ctl = _table(
        "Export controls in force", "Exporter → target", "Material", "Level", compact=compact
    )
    for key, c in sorted(state.controls.items()):
        exp, good, tgt = split_key(key)
        level = c.level.replace("_", " ")
        if c.level == "licensing":
            level += f" {c.approval:.0%}"
        if c.extraterritorial:
            level += " (extraterr.)"
        ctl.add_row(
            Text(f"{country(exp)} → {country(tgt)}"),
            Text(_cut(material_name(s, good), ctl_cut)),
            level,
        )
    parts.append(ctl)

    if state.tariffs or state.sanctions or any(state.priority_defence.values()):
        meas = _table("Tariffs, sanctions, priorities", "Measure", "Setting")
        for key, rate in sorted(state.tariffs.items()):
            imp, good, tgt = split_key(key)
            goods = material_name(s, good)
            meas.add_row(
                Text(f"{actor_name(s, imp)} tariff on {goods} from {actor_name(s, tgt)}"),
                f"{rate:.0%}",
            )
        for key, sev in sorted(state.sanctions.items()):
            a, b = key.split("|")
            meas.add_row(Text(f"{actor_name(s, a)} sanctions on {actor_name(s, b)}"), sev)
        for a, on in sorted(state.priority_defence.items()):
            if on:
                meas.add_row(Text(f"{actor_name(s, a)} prioritises defence"), "on")
        parts.append(meas)

    proj = _table("Investments under way", "Project", "Team", "Turns left")
    names = {o.id: o.name for o in s.investments}
    hidden_teams = set()
    for pr in state.projects:
        if f"projects.{pr.team}" in hidden:
            hidden_teams.add(pr.team)
            continue
        slip = f" (slipped {pr.slipped})" if pr.slipped else ""
        proj.add_row(
            Text(names.get(pr.option, pr.option)),  # the first column: Rich cuts it if need be
            Text(team_name(s, pr.team)),
            f"{pr.turns_left}{slip}",
        )
    for oid in state.completed:
        opt = next((o for o in s.investments if o.id == oid), None)
        if opt and f"projects.{opt.team}" not in hidden:
            proj.add_row(Text(opt.name), Text(team_name(s, opt.team)), "[green]done[/]")
    for t in sorted(s.teams):
        if f"projects.{t}" in hidden:
            proj.add_row("[dim]unknown[/]", Text(team_name(s, t)), "[dim]?[/]")
    parts.append(proj)
    return parts


class StatePanel(Static):
    """All the state tables for one point of view, stacked (put it in a scrolling container).

    Below ``COMPACT_BELOW`` cells wide it redraws itself in the compact form (country codes).
    """

    DEFAULT_CSS = "StatePanel { height: auto; }"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Scenario, Sequence[GameState], int, str, GameState | None] | None = None
        self._compact: bool | None = None
        self._wide = False
        self._compact_below = COMPACT_BELOW

    def show(
        self,
        scenario: Scenario,
        states: Sequence[GameState],
        upto: int,
        pov: str = FACILITATOR,
        shown: GameState | None = None,
    ) -> None:
        self._shown = (scenario, states, upto, pov, shown)
        self._draw()

    def _draw(self) -> None:
        if self._shown is None:
            return
        width = self.size.width or self.app.size.width
        scenario, states, upto, pov, shown = self._shown
        self._compact_below = compact_below(scenario, shown or states[upto], pov)
        self._compact = width < self._compact_below
        self._wide = width >= WHOLE_NAMES_FROM
        self.update(Group(*state_renderables(*self._shown, compact=self._compact, width=width)))

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width
        if self._compact is not None and (
            (width < self._compact_below) != self._compact
            or (width >= WHOLE_NAMES_FROM) != self._wide
        ):
            self._draw()
