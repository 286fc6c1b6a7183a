"""The scoreboard: each team's score, its change this turn, and who plays it."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.scenario import Scenario
from game.state import GameState
from game.tui.widgets.charts import SERIES_COLORS, sparkline
from game.tui.words import FACILITATOR, esc, hidden_keys, printed_change, signed, team_name


class Scoreboard(Static):
    """Scores after a turn, from a point of view (others' scores are unknown to a team)."""

    DEFAULT_CSS = "Scoreboard { height: auto; }"
    _shown: tuple[Scenario, Sequence[GameState], int, str, dict[str, str] | None, bool] | None = (
        None
    )

    def show(
        self,
        scenario: Scenario,
        states: Sequence[GameState],
        upto: int,
        pov: str = FACILITATOR,
        status: dict[str, str] | None = None,
        lifted: bool = False,
    ) -> None:
        """``lifted``: the game is over and ``pov`` is a team's (solo play), so the fog over
        the other teams' scores lifts for the debrief: every true score is shown, ranked, and
        the team's own final score is set beside its start. Only the display changes."""
        self._shown = (scenario, states, upto, pov, status, lifted)
        self.update(self._board(self.size.width))

    def on_resize(self) -> None:
        if self._shown is not None:
            self.update(self._board(self.size.width))

    def _board(self, width: int) -> RenderableType:
        assert self._shown is not None
        table = self._table(width)
        scenario, states, upto, pov, _status, lifted = self._shown
        if not lifted:
            return table
        return Group(table, lifted_note(scenario, states, upto, pov))

    def _table(self, width: int) -> Table:
        assert self._shown is not None
        scenario, states, upto, pov, status, lifted = self._shown
        hidden = hidden_keys(scenario, pov)
        if lifted:
            hidden = frozenset(k for k in hidden if not k.startswith("score."))
        table = Table(box=box.SIMPLE_HEAD, expand=True, padding=(0, 1), show_edge=False)
        plain = max(len(team_name(scenario, t)) for t in scenario.teams)
        # '(you)' only where it fits: in a narrow pane (100x30) it cut 'Washington' to
        # 'Washington …'; there the player's team is in bold, and the title says whose view
        mark = not width or width >= plain + 6 + 23
        longest = max(
            len(team_name(scenario, t)) + (6 if t == pov and mark else 0) for t in scenario.teams
        )
        # the names never wrap ('■ Washington (you)'): the trend gives way, to as many of the
        # latest turns as fit (each column has a cell of padding either side and a space
        # before the next), and goes when not even five fit
        table.add_column("Team", ratio=1, min_width=longest + 2, no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True, min_width=5)
        table.add_column("Turn", justify="right", no_wrap=True, min_width=5)
        trend_w = 13 if status or not width else width - (longest + 23)
        unknown = "unknown" if trend_w >= len("unknown") else "?"
        if trend_w >= 5:
            # as wide as the whole game's trend will be (the replay passes every state), so the
            # columns stay put while the turns are stepped through; and, when a score is
            # hidden, as wide as 'unknown' (cut to 'unkno' in a five-cell column before)
            wide = max(5, min(trend_w, len(states)))
            if any(f"score.{t}" in hidden for t in scenario.teams):
                wide = max(wide, len(unknown))
            table.add_column("Trend", no_wrap=True, overflow="crop", width=wide)
        if status:
            table.add_column("Status", no_wrap=False)
        now = states[upto]
        prev = states[upto - 1] if upto > 0 else None
        for i, team in enumerate(sorted(scenario.teams)):
            color = SERIES_COLORS[i % len(SERIES_COLORS)]
            name = f"[{color}]■[/] {esc(team_name(scenario, team))}"
            if pov == team:
                name = f"{name} [dim](you)[/]" if mark else f"[b]{name}[/b]"
            if f"score.{team}" in hidden:
                cells = [name, "[dim]?[/]", "[dim]?[/]", f"[dim]{unknown}[/]"]
            else:
                score = now.scores[team]
                # the change between the printed scores (63.24 -> 64.27 reads +1.1)
                delta = printed_change(score, prev.scores[team]) if prev else 0.0
                style = "green" if delta > 0.05 else "red" if delta < -0.05 else "dim"
                values = [s.scores[team] for s in states[: upto + 1]]
                trend = sparkline(values[-trend_w:], 0, 100)
                cells = [name, f"{score:.1f}", f"[{style}]{signed(delta)}[/]", trend]
            if trend_w < 5:
                cells.pop()
            if status:
                cells.append(status.get(team, ""))
            table.add_row(*cells)
        return table


def lifted_note(scenario: Scenario, states: Sequence[GameState], upto: int, pov: str) -> Text:
    """Below a scoreboard whose fog has lifted: that it has, who scored highest, and how the
    team's final score compares with its start (the starts differ a lot: Tokyo 87.5, Beijing
    59.2, Washington 58.6 in the default scenario)."""
    now, start = states[upto].scores, states[0].scores
    ranked = sorted(scenario.teams, key=lambda t: (-round(now[t], 1), team_name(scenario, t)))

    def who(team: str) -> str:
        return team_name(scenario, team) + (" (you)" if team == pov else "")

    t = Text()
    t.append("The fog has lifted", style="bold green")
    t.append(": the game is over, so every team's true score is shown.\n")
    t.append("Ranking, highest first:\n", style="bold")
    for i, team in enumerate(ranked, 1):
        # each from its own start (a solo player read the ranking as one scale)
        t.append(f"  {i}. {who(team)} {now[team]:.1f}")
        t.append(f" (from {start[team]:.1f})\n", style="dim")
    if pov in scenario.teams:
        change = printed_change(now[pov], start[pov])
        style = "green" if change > 0.05 else "red" if change < -0.05 else ""
        t.append(f"{who(pov)}: {now[pov]:.1f} at the end, from {start[pov]:.1f} at the start (")
        t.append(signed(change), style=style)
        t.append(").\n")
        t.append(
            "Each score measures its own team's objectives, from its own start: g sets yours "
            f"beside the computer playing {team_name(scenario, pov)} from the same start.",
            style="dim",
        )
    return t
