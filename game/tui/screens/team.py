"""A team's turn: its own view of the state (fog applied) and the order builder.

In a hot-seat session the screen dismisses True once the team has sealed its orders (False if
it hands the terminal back unsealed). In solo play it is the player's home screen: sealing
resolves the turn against the computer teams and shows the results.
"""

from __future__ import annotations

import textwrap
import time
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    DataTable,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import Worker

from game.engine import TurnRecord
from game.errors import ChokepointError, OrderRefused
from game.names import label_words
from game.order_checks import order_cost
from game.orders import Order
from game.tui.game import Game
from game.tui.screens import has_left
from game.tui.screens.base import AppScreen
from game.tui.screens.dialogs import ConfirmScreen
from game.tui.widgets.charts import LineChart, index_series, score_series
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.ledger_view import TurnStory
from game.tui.widgets.scoreboard import Scoreboard
from game.tui.widgets.state_panel import StatePanel
from game.tui.words import (
    FACILITATOR,
    esc,
    humanize,
    inject_effects,
    key_label,
    money,
    order_words,
)

TABS = (
    ("tab-situation", "Situation"),
    ("tab-scores", "Scores"),
    ("tab-last", "Last turn"),
    ("tab-brief", "Briefing"),
)
"""The team screen's tabs, in order: keys 1 to 4 show them, t the next one."""


def ap_range(aps: list[int]) -> str:
    """'1 AP', '1-2 AP' (by project or move)."""
    lo, hi = min(aps), max(aps)
    return f"{lo} AP" if lo == hi else f"{lo}-{hi} AP, by choice"


class TeamScreen(AppScreen[bool]):
    """One team builds and seals its orders, seeing only what its fog allows."""

    FOOTER_DROP = ("next_tab", "remove_order", "new_game", "compare")
    """Left out of the footer, in this order, when the keys do not fit (80 columns); F1 lists
    them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_order", "Add order"),
        Binding("e", "edit_order", "Change the highlighted order (or Enter on it)", show=False),
        Binding("d,delete", "remove_order", "Remove"),
        Binding("s", "seal", "Seal orders"),
        Binding("s", "seal_resolve", "Seal & resolve"),  # solo: the turn resolves at once
        Binding("escape", "leave", "Hand back", show=True),
        # solo, once the game is over, the keys above that give orders are hidden (check_action)
        # and these are offered instead; a key that gave orders says why nothing happens (last)
        Binding("l", "final_results", "Final results"),
        Binding("a", "report", "Report"),
        Binding("p", "replay", "Replay"),
        Binding("g", "compare", "Against the computer"),
        Binding("n", "new_game", "New game"),
        # the tabs on the right by key, whatever has the focus (as s in the replay viewer)
        Binding("t", "next_tab", "Next tab"),
        *(
            Binding(str(i), f"show_tab('{tab}')", f"{label} tab", show=False)
            for i, (tab, label) in enumerate(TABS, 1)
        ),
        *(Binding(k, "game_over", "", show=False) for k in ("s", "d", "delete", "e")),
    ]

    ORDER_ACTIONS = frozenset({"add_order", "edit_order", "remove_order", "seal", "seal_resolve"})
    """The actions that give orders: none once the game is over."""
    AFTER_GAME = frozenset({"final_results", "report", "replay", "compare", "new_game"})
    """What a solo player can do once the game is over (and only then)."""

    def __init__(self, game: Game, team: str, solo: bool = False) -> None:
        super().__init__()
        self.game = game
        self.team = team
        self.solo = solo
        sealed = game.session.pending.get(team)
        if team not in game.drafts:
            game.drafts[team] = list(sealed) if sealed is not None else []
        self.busy = False
        self._bots: Worker[None] | None = None
        """The computer teams' worker for this turn, while it runs (see ``prepare_turn``)."""

    @property
    def drafts(self) -> list[Order]:
        return self.game.drafts.setdefault(self.team, [])

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="team-body"):
            with Vertical(id="team-left", classes="pane"):
                yield Static(id="news", classes="news hidden")
                yield Static(id="resources")
                yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
                yield Static(id="draft-verdict")
                with Horizontal(id="order-buttons", classes="buttons"):
                    yield Button("Add order (a)", id="add", variant="primary", compact=True)
                    label = "Seal & resolve (s)" if self.solo else "Seal orders (s)"
                    yield Button(label, id="seal", variant="success", compact=True)
            with TabbedContent(id="team-tabs"):
                with TabPane(TABS[0][1], id=TABS[0][0]), VerticalScroll():
                    yield StatePanel(id="state")
                with TabPane(TABS[1][1], id=TABS[1][0]), VerticalScroll():
                    yield Scoreboard(id="scoreboard")
                    yield LineChart("Score", id="score-chart")
                    yield LineChart("Indices", id="index-chart")
                with TabPane(TABS[2][1], id=TABS[2][0]), VerticalScroll():
                    yield TurnStory(id="story")
                with TabPane(TABS[3][1], id=TABS[3][0]), VerticalScroll():
                    yield Static(id="briefing")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_all()
        self.query_one("#drafts").focus()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual sends this as the screen is first shown too, so the turn is prepared here
        # only (on_mount did it as well: two workers for the first turn)
        self.refresh_all()
        self.prepare_turn()
        # the orders were wrapped to a pane not laid out yet (16 characters: a facilitator's
        # audit saw 'Invest in' / 'Indigenous' / 'chip-tool' beside an empty half-pane):
        # wrap them again once it is
        self.call_after_refresh(self.rewrap_drafts)

    def rewrap_drafts(self) -> None:
        """``refresh_drafts`` once laid out, if the screen is still the one shown (a player
        leaving as the turn resolves had it taken down by then)."""
        if self.is_attached and self.is_current:
            self.refresh_drafts()

    def show_timer(self) -> None:
        """The turn timer in the header (nothing when the session has no timer)."""
        # short: 'Washington · turn 12 of 12 (2026-12) — ⏱ 10:00 left (paused) · …' fits 120
        base = "solo" if self.solo else "hidden from the other teams"
        left = self.game.timer_label()
        # the time first: at 80 columns the header's end is cut off
        self.sub_title = f"⏱ {left} · {base}" if left else base

    def time_up(self) -> None:
        """The turn's time ran out: the orders were sealed for this team (hold or computer)."""
        g = self.game
        self.game.drafts[self.team] = list(g.session.pending.get(self.team, []))
        if not self.solo:
            self.dismiss(True)
            return
        if self.busy or g.session.is_over:
            return
        self.refresh_drafts()
        self.seal_now()

    def prepare_turn(self) -> None:
        """Solo: let the computer teams decide off the UI thread while the player thinks."""
        g = self.game
        if self.solo:
            g.arm_timer()
        if not self.solo or g.session.is_over:
            return
        if all(t in g.session.pending for t in g.computer_teams):
            return
        if self._bots is not None and not self._bots.is_finished:
            return  # still deciding: coming back from the order builder starts no other
        self._bots = self.seal_bots()

    @work(thread=True, exclusive=True, group="bots")
    def seal_bots(self) -> None:
        try:
            notes = self.game.seal_computer_orders()
        except ChokepointError as exc:
            notes = [str(exc)]
        if notes:
            self.app.call_from_thread(self._bots_done, notes)

    def _bots_done(self, notes: list[str]) -> None:
        if has_left(self):  # the player left the game while the computer teams thought
            return
        for note in notes:
            self.notify(note, severity="warning")

    # -- drawing ---------------------------------------------------------------------

    def refresh_all(self) -> None:
        g, s = self.game, self.game.scenario
        session = g.session
        turn = session.turn
        name = s.teams[self.team].name
        if session.is_over:
            self.title = f"{name} · game over"
        else:
            self.title = f"{name} · turn {turn + 1} of {s.turns} ({s.month_label(turn + 1)})"
        self.show_timer()
        self.query_one("#team-left").border_title = (
            f"{esc(name)}: the game is over"
            if session.is_over
            else f"{esc(name)}: orders for turn {turn + 1}"
        )
        # once the game is over the fog lifts (display only): the Situation tab too, which
        # still showed others' stockpiles as '?' under "the fog has lifted"
        lifted = session.is_over
        if lifted:
            self.query_one("#state", StatePanel).show(s, session.states, turn, FACILITATOR)
        else:
            view = g.view(self.team)
            states = [*session.states[:-1], view.state]
            self.query_one("#state", StatePanel).show(s, states, turn, self.team)
        self.query_one("#scoreboard", Scoreboard).show(
            s, session.states, turn, self.team, lifted=lifted
        )
        self.query_one("#score-chart", LineChart).set_series(
            score_series(s, session.states, turn, FACILITATOR if lifted else self.team)
        )
        self.query_one("#index-chart", LineChart).set_series(index_series(session.states, turn))
        last = session.records[-1] if session.records else None
        # the Last turn tab too: after the game its account is the final results' (it still
        # read "Beijing's score: unknown to you" under the lifted fog)
        self.query_one("#story", TurnStory).show(s, last, FACILITATOR if lifted else self.team)
        self.query_one("#briefing", Static).update(self.briefing())
        self.show_news()
        self.refresh_drafts()

    def show_news(self) -> None:
        """Injects that open this turn: headlines above the orders, full text in the Briefing."""
        news = [] if self.game.session.is_over else self.game.news()
        damaged = self.game.damaged if self.solo else None  # (a hot seat's console says so)
        widget = self.query_one("#news", Static)
        widget.set_class(not news and not damaged, "hidden")
        t = Text()
        if damaged:
            t.append("⚠ Log damaged: ", style="bold yellow")
            t.append(damaged + ("\n" if news else ""), style="yellow")
        if not news:
            widget.update(t)
            return
        for fired, _text in news:
            t.append("▶ NEWS: ", style="bold yellow")
            t.append(f"{fired.headline}\n", style="bold")
        t.append("(the story and what it does are in the Briefing tab)", style="dim")
        widget.update(t)

    def refresh_drafts(self) -> None:
        g, s = self.game, self.game.scenario
        over = g.session.is_over
        self.query_one("#drafts").display = not over
        self.query_one("#order-buttons").display = not over
        if over:
            self.show_game_over()
            return
        state = g.session.state
        table = self.query_one("#drafts", DataTable)
        row = table.cursor_row
        table.clear(columns=True)  # columns keep their widest content otherwise
        refusals = {r.index: r.reason for r in g.check(self.team, self.drafts)}
        ap_used = 0
        spent = 0.0
        rows: list[tuple[str, str, Text]] = []
        for i, o in enumerate(self.drafts):
            ap, budget = order_cost(s, state, o)
            if i in refusals:
                status = Text("✗ refused", style="red")
            else:
                status = Text("✓ ok", style="green")
                ap_used += ap
                spent += budget
            rows.append(
                (order_words(s, o), f"{ap} AP" + (f", {money(budget)}" if budget else ""), status)
            )
        width = self.order_width(rows)
        # widths given, not worked out by the table: in a real terminal, closing the order
        # builder with Escape left them at the headers' widths ('Expor' / 't' / 'contr')
        table.add_column("#", width=max(1, len(str(len(rows)))))
        wrapped = [
            textwrap.wrap(words, width, break_on_hyphens=False, break_long_words=False)
            for words, _, _ in rows
        ]
        table.add_column("Order", width=max([5, *(len(x) for lines in wrapped for x in lines)]))
        table.add_column("Cost", width=max([4, *(len(c) for _, c, _ in rows)]))
        table.add_column("Engine", width=max([6, *(len(e) for _, _, e in rows)]))
        for i, ((_, cost, status), lines) in enumerate(zip(rows, wrapped, strict=True)):
            table.add_row(  # the order's words as text: a scenario's '[/]' is not markup
                str(i + 1), Text("\n".join(lines)), cost, status, height=max(1, len(lines))
            )
        if self.drafts:
            table.move_cursor(row=min(row, len(self.drafts) - 1))
        team = s.teams[self.team]
        ap_left = team.action_points - ap_used
        budget = state.budget[self.team]
        sealed = self.team in g.session.pending
        seal_note = " · [green]sealed[/]" if sealed else ""
        # no income after the last turn (it read '+US$500M next turn' on turn 12)
        last = g.session.turn + 1 >= s.turns
        income = "" if last else f" (+{money(team.income)} next turn)"
        self.query_one("#resources", Static).update(
            f"Action points: [b]{ap_left}[/b] of {team.action_points} left · "
            f"Budget: [b]{money(budget - spent)}[/b] left of {money(budget)}"
            f"{income}{seal_note}"
        )
        verdict = self.query_one("#draft-verdict", Static)
        if not self.drafts:
            verdict.update("[dim]No orders yet: sealing now means this team holds.[/]")
        elif refusals:
            why = Text(
                f"The engine refuses {len(refusals)} order(s): fix or remove them before sealing.",
                style="red",
            )
            for i, reason in sorted(refusals.items()):
                why.append(f"\n  ✗ {i + 1}. {humanize(s, reason)}", style="red")
            verdict.update(why)
        else:
            verdict.update("[green]The engine accepts every order.[/]")
        self.query_one("#seal", Button).disabled = self.busy
        self.query_one("#add", Button).disabled = self.busy

    def show_game_over(self) -> None:
        """In place of the orders: the game is over, and what can be done now."""
        from game.tui.game import display_path

        g, s = self.game, self.game.scenario
        scores = g.session.states
        now, start = scores[-1].scores[self.team], scores[0].scores[self.team]
        self.query_one("#resources", Static).update(
            Text.assemble(
                ("The game is over: ", "bold green"),
                f"all {s.turns} turns have been resolved; there are no more orders to give.\n",
                f"Your final score: {now:.1f}, from {start:.1f} at the start. ",
                ("The fog has lifted: ", "bold"),
                "every team's true score is in the Scores tab.",
            )
        )
        title = Text("\nWhat you can do now:", style="bold")
        if not self.solo:
            title.append("\n  Esc: hand the terminal back to the facilitator", style="")
            self.query_one("#draft-verdict", Static).update(title)
            return
        keys = Table.grid(padding=(0, 1))
        keys.add_column(style="bold cyan", no_wrap=True)
        keys.add_column()
        for key, words in (
            ("l", "the final results again"),
            ("a", "write the after-action report (HTML or Markdown)"),
            ("p", "replay the session, turn by turn, from every team's view"),
            ("g", "set your game beside computer games played from the same start"),
            ("n", "a new game (the start screen)"),
            ("ctrl+q", "quit"),
        ):
            keys.add_row(f"  {key}", words)
        end = Text()
        written = getattr(g, "report_written", None)
        if written is not None:
            end.append(f"Report: {display_path(written)}\n", style="green")
        end.append(f"Log: {display_path(g.log_path)}", style="dim")
        self.query_one("#draft-verdict", Static).update(Group(title, keys, Text(), end))

    def order_width(self, rows: list[tuple[str, str, Text]]) -> int:
        """Characters an order may take in the drafts table before it wraps: what the pane
        leaves beside the number, cost and verdict columns, so that those stay in view."""
        pane = self.query_one("#team-left").content_size.width
        cost = max((len(c) for _, c, _ in rows), default=0)
        engine = max((len(e) for _, _, e in rows), default=0)
        # each column has one cell of padding either side; 2 for the scrollbar
        used = (1 + 2) + (max(cost, 4) + 2) + (max(engine, 6) + 2) + 2 + 2
        return max(16, pane - used)

    def on_resize(self) -> None:
        # rewrap the orders once the panes have their new widths
        self.call_after_refresh(self.refresh_drafts)

    def briefing(self) -> Text:
        s = self.game.scenario
        team = s.teams[self.team]
        t = Text()
        news = [] if self.game.session.is_over else self.game.news()
        if news:
            t.append("This turn's news\n", style="bold yellow")
            for fired, text in news:
                t.append(f"  ▶ {fired.headline}\n", style="bold")
                if text:
                    t.append(f"    {' '.join(text.split())}\n", style="italic")
                effects = inject_effects(s, fired.id)
                if effects:  # a scripted one opened the turn: done; one fired by hand: to come
                    when = "when this turn resolves" if fired.manual else "already"
                    t.append(f"    What it does ({when}): {'; '.join(effects)}\n", style="dim")
            t.append("\n")
        t.append(f"{team.name}\n", style="bold")
        if team.blurb:
            t.append(f"{team.blurb}\n")
        t.append("\n")
        t.append("How your score is made (0–100)\n", style="bold")
        objs = s.objectives.get(self.team, [])
        total = sum(o.weight for o in objs) or 1.0
        for o in objs:
            arrow = "higher is better" if o.direction == "up" else "lower is better"
            measured = key_label(s, o.metric)
            name = o.label or measured
            if not label_words(name) & label_words(measured):  # the author's words say not what is
                name += f" ({measured})"  # measured: 'Crisis kept below the brink (Tension)'
            t.append(
                f"  • {name}: weight {o.weight / total:.0%}, "
                f"{arrow} (scored from {o.low:g} to {o.high:g})\n"
            )
        if any(o.metric.startswith("cover.") for o in objs):
            # a solo player bought 1,221 t of magnets for the stockpile and saw the score fall
            t.append(
                "  Days of cover count industry's working inventory: a government stockpile "
                "counts once it is released to industry.\n",
                style="dim",
            )
        t.append("\nOrders open to you\n", style="bold")
        from game.tui.screens.order_form import ORDER_LABELS

        own_moves = [m.ap for m in s.diplomacy if self.team in m.teams]
        own_projects = [o.ap for o in s.investments if o.team == self.team]
        for kind in team.orders:
            cost = s.cost_of(kind)
            # a project's or a move's own cost: the list said nothing of them
            aps = {"invest": own_projects, "diplomacy": own_moves}.get(kind, [cost.ap])
            extra = "" if kind == "hold" or not aps else f" ({ap_range(aps)})"
            t.append(f"  • {ORDER_LABELS.get(kind, kind)}{extra}\n")
        t.append(
            f"\nEach turn: {team.action_points} action points; income {money(team.income)}.\n",
            style="dim",
        )
        return t

    # -- actions ---------------------------------------------------------------------

    @on(Button.Pressed, "#add")
    def action_add_order(self) -> None:
        if self.game.session.is_over or self.busy:
            return
        from game.tui.screens.order_form import OrderForm

        def added(order: Order | None) -> None:
            if order is not None:
                self.drafts.append(order)
                self.game.reopen(self.team)
                self.refresh_drafts()
                self.query_one("#drafts", DataTable).move_cursor(row=len(self.drafts) - 1)

        self.app.push_screen(OrderForm(self.game, self.team, self.drafts), added)

    @on(DataTable.RowSelected, "#drafts")
    def action_edit_order(self) -> None:
        """Open the highlighted order in the order builder; saving it replaces it in place."""
        if not self.drafts or self.busy or self.game.session.is_over:
            return
        from game.tui.screens.order_form import OrderForm

        row = self.query_one("#drafts", DataTable).cursor_row
        if not 0 <= row < len(self.drafts):
            return
        others = self.drafts[:row] + self.drafts[row + 1 :]

        def saved(order: Order | None) -> None:
            if order is not None and row < len(self.drafts):
                self.drafts[row] = order
                self.game.reopen(self.team)
                self.refresh_drafts()
                self.query_one("#drafts", DataTable).move_cursor(row=row)

        self.app.push_screen(OrderForm(self.game, self.team, others, self.drafts[row]), saved)

    def action_remove_order(self) -> None:
        if not self.drafts or self.busy:
            return
        row = self.query_one("#drafts", DataTable).cursor_row
        if 0 <= row < len(self.drafts):
            removed = self.drafts.pop(row)
            self.game.reopen(self.team)
            self.notify(f"Removed: {order_words(self.game.scenario, removed)}")
            self.refresh_drafts()

    @on(Button.Pressed, "#seal")
    def action_seal(self) -> None:
        """Seal the drafts (a key, the button or the palette). In solo play, sealing no orders
        asks first: the turn resolves at once and cannot be taken back, and a solo player's
        audit lost turn 2 to a stray 's' pressed just after the results of turn 1."""
        if self.busy or self.game.session.is_over:
            return
        if self.solo and not self.drafts:
            self.app.push_screen(
                ConfirmScreen(
                    "You have given no orders this turn. Hold (give none) and resolve the turn "
                    "now? It cannot be taken back.",
                    yes="Hold and resolve",
                    no="Go back",
                ),
                lambda yes: self.seal_now() if yes else None,
            )
            return
        self.seal_now()

    def seal_now(self) -> None:
        """Seal the drafts as they are and, in solo play, resolve the turn."""
        if self.busy or self.game.session.is_over:
            return
        try:
            self.game.seal(self.team, self.drafts)
        except OrderRefused as exc:
            self.notify(humanize(self.game.scenario, exc.reason), title="Refused", severity="error")
            self.refresh_drafts()
            return
        if self.solo:
            g = self.game
            if g.timer is not None:
                g.timer.pause()  # no time-out while the turn resolves
            if all(t in g.session.pending for t in g.computer_teams):
                self.app.resolve_started = time.perf_counter()  # type: ignore[attr-defined]
                try:
                    record = g.resolve(save=False)
                except (ChokepointError, OSError) as exc:
                    self._resolve_failed(str(exc))
                    return
                self._show_results(record)
                return
            self.busy = True
            self.refresh_drafts()
            self.notify("Orders sealed. The computer teams are deciding…", timeout=3)
            self.resolve_turn()
        else:
            self.dismiss(True)

    @work(thread=True, exclusive=True, group="resolve")
    def resolve_turn(self) -> None:
        app = self.app
        app.resolve_started = time.perf_counter()  # type: ignore[attr-defined]
        try:
            record = self.game.resolve(save=False)  # saved by _show_results, unless the player left
        except (ChokepointError, OSError) as exc:
            app.call_from_thread(self._resolve_failed, str(exc))
            return
        app.call_from_thread(self._show_results, record)

    def _resolve_failed(self, message: str) -> None:
        self.busy = False
        if has_left(self):
            return
        self.notify(message, title="Could not resolve", severity="error")
        self.refresh_drafts()

    def _show_results(self, record: TurnRecord) -> None:
        """Show the turn just resolved and save the log once the results are drawn.

        Not if the player left the game while a worker resolved the turn (New game, then Leave,
        or Quit, each after being told the sealed orders are not saved): the turn is neither
        shown over what replaced the game nor written to its log; the choice to leave wins.
        """
        self.busy = False
        if has_left(self):
            return
        g = self.game
        self.app.show_results(  # type: ignore[attr-defined]
            g,
            record,
            self.team,
            lambda _: self.app.after_results(g),  # type: ignore[attr-defined]
            self.app.save_after_drawing(g),  # type: ignore[attr-defined]
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        over = self.game.session.is_over
        if action in self.AFTER_GAME:
            return over and self.solo
        if action == "game_over":
            return over
        if over and action in self.ORDER_ACTIONS:
            return False
        if action == "seal":
            return not self.solo
        if action == "seal_resolve":
            return self.solo
        return not (action == "leave" and self.solo)

    def action_seal_resolve(self) -> None:
        self.action_seal()

    def action_leave(self) -> None:
        if not self.solo:
            self.dismiss(False)

    def action_next_tab(self) -> None:
        """Situation, Scores, Last turn, Briefing, and round again; the focus stays put."""
        tabs = self.query_one("#team-tabs", TabbedContent)
        ids = [tab for tab, _ in TABS]
        at = ids.index(tabs.active) if tabs.active in ids else -1
        tabs.active = ids[(at + 1) % len(ids)]

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#team-tabs", TabbedContent).active = tab

    # -- after the game (solo) ------------------------------------------------------------

    def action_game_over(self) -> None:
        self.notify("The game is over: every turn has been resolved, there are no orders to give.")

    def action_final_results(self) -> None:
        g = self.game
        if not g.session.records:
            return
        self.app.show_results(  # type: ignore[attr-defined]
            g,
            g.session.records[-1],
            self.team,
            lambda _: self.app.after_results(g),  # type: ignore[attr-defined]
        )

    def action_report(self) -> None:
        self.app.offer_report(self.game)  # type: ignore[attr-defined]

    def action_replay(self) -> None:
        # the player's own view during the game, as from the results (the computer teams'
        # private numbers stay hidden); every view once it is over and the fog has lifted
        only = None if self.game.session.is_over else self.team
        self.app.open_replay(str(self.game.log_path), only=only)  # type: ignore[attr-defined]

    def action_compare(self) -> None:
        from game.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.game, FACILITATOR))  # the fog has lifted

    def action_new_game(self) -> None:
        self.app.action_new_game()  # type: ignore[attr-defined]

    def palette_commands(self):  # type: ignore[no-untyped-def]
        if self.game.session.is_over:
            if not self.solo:
                return []
            return [
                ("Final results", "Show the final results again", self.action_final_results),
                ("After-action report", "Write the debrief (HTML or Markdown)", self.action_report),
                ("Replay the session", "Step through the game, every view", self.action_replay),
                (
                    "Against the computer",
                    "Set your game beside games the computer plays",
                    self.action_compare,
                ),
            ]
        return [
            ("Add an order", "Open the order builder", self.action_add_order),
            (
                "Seal & resolve" if self.solo else "Seal orders",
                "Seal your orders and resolve the turn now"
                if self.solo
                else "Seal this team's orders for the turn",
                self.action_seal,
            ),
        ]
