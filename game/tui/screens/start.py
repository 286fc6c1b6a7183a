"""The start screen: choose a scenario (with its summary and sources), mode, seed and players."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from game.bots import team_named
from game.engine import bot_controller
from game.errors import ChokepointError
from game.scenario import ROLES, Scenario
from game.scenario_loader import DEFAULT_SCENARIO, bundled_scenarios, find_scenario, load_scenario
from game.tui.game import (
    DEFAULT_SEED,
    HUMAN,
    default_log_path,
    display_path,
    player_options,
    solo_opponent,
    typed_log_path,
)
from game.tui.screens import tame_cursor
from game.tui.screens.base import AppScreen
from game.tui.widgets.footer import Footer
from game.tui.widgets.header import Header
from game.tui.widgets.line_input import LineInput

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def span_words(s: Scenario) -> str:
    """'12 monthly turns from January 2026', '4 turns of 3 months from October 2010'."""
    year, month = s.start.split("-")
    when = f"{MONTHS[int(month) - 1]} {year}"
    n = s.turn_length_months
    length = "monthly turns" if n == 1 else f"turns of {n} months"
    return f"{s.turns} {length} from {when}"


def scenario_summary(s: Scenario) -> Text:
    """Title, summary, teams and sources of a scenario, for the start screen."""
    t = Text()
    t.append(s.title + "\n", style="bold")
    t.append(
        f"{span_words(s)} · {len(s.materials)} materials · {len(s.actors)} actors\n\n",
        style="dim",
    )
    t.append(s.summary.strip() + "\n\n")
    for tid in sorted(s.teams):
        team = s.teams[tid]
        t.append(f"{team.name}: ", style="bold")
        blurb = f"{team.blurb} " if team.blurb else ""
        t.append(f"{blurb}({team.action_points} action points, budget US${team.budget:,.0f}M)\n")
    t.append(f"\nSources ({len(s.sources)})\n", style="bold")
    for src in s.sources:
        t.append(f"  [{src.id}] ", style="cyan")
        t.append(src.citation + (f" <{src.url}>" if src.url else "") + "\n")
    return t


TIMER_CHOICES: list[tuple[str, int]] = [
    ("No turn timer", 0),
    *((f"{m} minutes a turn", m * 60) for m in (5, 10, 15, 20, 30, 45)),
]


def session_label(path: Path) -> Text:
    """A saved session in the list: its name, and at a glance how far it went and whether it
    is a branch (read from its lines, not verified: the replay viewer verifies)."""
    from game.log import glance

    label = Text(path.name)
    seen = glance(path)
    if seen is None:
        try:
            with path.open("rb") as fh:
                empty = not fh.read(1)
            why = "empty" if empty else "not a Chokepoint log"
        except OSError as exc:
            why = f"cannot be read ({exc.strerror or exc})"
        label.append(f" · {why}", style="red")
        return label
    played = "finished" if seen.turns >= seen.total else f"{seen.turns} of {seen.total} turns"
    label.append(f" · {played}", style="dim")
    if seen.branch_turn is not None:
        label.append(f" · branch after turn {seen.branch_turn}", style="dim")
    # who sat at it (a solo player's audit could not tell its sessions apart)
    if len(seen.people) == 1:
        label.append(f" · solo: {seen.people[0]}", style="dim")
    elif len(seen.people) == len(ROLES):  # every team
        label.append(" · hot seat", style="dim")
    elif seen.people:
        label.append(f" · hot seat: {', '.join(seen.people)}", style="dim")
    return label


def log_path_problem(path: Path) -> str | None:
    """Why a new game cannot be saved to ``path``, or None: a game's log is only ever written
    to a new file, as the commands do (a solo player's audit found a saved session replaced by
    a new game's first line when its name was typed here)."""
    from game.log import is_session_log

    if path.is_dir():
        return "this is a folder, not a file"
    if not path.exists():
        return None
    if is_session_log(path):
        listed = path.resolve().parent == (Path.cwd() / "sessions").resolve()
        where = (
            "resume it from Saved sessions"
            if listed
            else f"chokepoint play --resume {path} (Saved sessions lists sessions/ only)"
        )
        return f"a saved session is there, and is never written over: to go on with it, {where}"
    if path.stat().st_size > 0:
        return "a file is there already, and a game's log is saved only to a new file"
    return None


class StartScreen(AppScreen[None]):
    """Choose a scenario, a mode, a seed and who plays each team; or open a saved session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start game", priority=True),
        Binding("ctrl+o", "replay_selected", "Replay log"),
        Binding("ctrl+r", "resume_selected", "Resume log"),
    ]

    def __init__(
        self, scenario: str | None = None, seed: int | None = None, solo: str | None = None
    ) -> None:
        """``solo``: the team of ``chokepoint play --solo TEAM`` when the game could not start
        (the scenario could not be read): Mode starts as Solo with that team, where it is one
        of the chosen scenario's."""
        super().__init__()
        self.solo = solo
        self.paths: list[Path] = list(bundled_scenarios())
        self.errors: dict[int, str] = {}
        first = 0
        if scenario:
            p = find_scenario(scenario)
            match = [i for i, q in enumerate(self.paths) if q.resolve() == p.resolve()]
            if match:
                first = match[0]
            else:
                self.paths.insert(0, p)
        else:
            default = [i for i, q in enumerate(self.paths) if q.stem == DEFAULT_SCENARIO]
            first = default[0] if default else 0
        self.selected_index = first
        self.seed = DEFAULT_SEED if seed is None else seed
        self.scenario: Scenario | None = None
        self.sessions: list[Path] = []
        self.before_solo: dict[str, str] | None = None
        self.offered: dict[str, list[tuple[str, str]]] = {}  # a team's list: its choices
        """Who played each team when Mode went to Solo, put back when it returns to Hot
        seat (Solo makes the other teams computer players)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start-body"):
            with VerticalScroll(id="start-left"):
                opts = [Option(p.stem, id=str(i)) for i, p in enumerate(self.paths)]
                yield OptionList(*opts, id="scenario-list", classes="pane")
                with Vertical(id="settings", classes="pane"):
                    with Horizontal(classes="field"):
                        yield Label("Mode")
                        yield Select(
                            [("Hot seat", "hotseat"), ("Solo", "solo")],
                            id="mode",
                            allow_blank=False,
                            value="solo" if self.solo else "hotseat",
                            compact=True,
                        )
                    with Horizontal(classes="field hidden", id="solo-field"):
                        yield Label("You play")
                        yield Select([("-", "")], id="solo-team", allow_blank=False, compact=True)
                    with Horizontal(classes="field"):
                        yield Label("Seed")
                        yield LineInput(
                            str(self.seed),
                            id="seed",
                            type="integer",
                            compact=True,
                            # left empty, the seed is the default: say so where it is typed
                            placeholder=f"{DEFAULT_SEED} (the default)",
                        )
                    yield Vertical(id="team-fields")
                    with Horizontal(classes="field"):
                        yield Label("Timer")
                        yield Select(
                            TIMER_CHOICES, id="timer", allow_blank=False, value=0, compact=True
                        )
                    with Horizontal(classes="field hidden", id="timeout-field"):
                        yield Label("Time up")
                        yield Select(
                            [("Teams hold", "hold"), ("Computer plays", "computer")],
                            id="on-timeout",
                            allow_blank=False,
                            value="hold",
                            compact=True,
                        )
                    with Horizontal(classes="field"):
                        yield Label("Log")
                        yield LineInput(id="log-path", compact=True)
                    yield Static(id="log-shown", classes="hint")
                    with Horizontal(classes="buttons"):
                        yield Button("Start game", id="start", variant="primary", compact=True)
            with TabbedContent(id="start-tabs"):
                with TabPane("Scenario", id="tab-scenario"), VerticalScroll(id="start-right"):
                    yield Static(id="start-error", classes="banner -error hidden")
                    yield Static(id="scenario-info")
                with TabPane("Saved sessions", id="tab-sessions"), Vertical():
                    yield OptionList(id="session-list")
                    with Horizontal(classes="buttons"):
                        yield Button("Replay (ctrl+o)", id="replay", compact=True)
                        yield Button("Resume (ctrl+r)", id="resume", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenario-list").border_title = "Scenario"
        self.query_one("#settings").border_title = "Game settings"
        lst = self.query_one("#scenario-list", OptionList)
        lst.highlighted = self.selected_index
        lst.focus()
        self.load_sessions()
        self.select_scenario(self.selected_index)
        tame_cursor(self)

    # -- scenarios ---------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and int(event.option.id) != self.selected_index:
            self.select_scenario(int(event.option.id))

    def select_scenario(self, index: int) -> None:
        self.selected_index = index
        path = self.paths[index]
        err = self.query_one("#start-error", Static)
        try:
            scenario = load_scenario(path)
        except ChokepointError as exc:
            self.scenario = None
            err.update(str(exc))
            err.remove_class("hidden")
            self.query_one("#scenario-info", Static).update("")
            self.query_one("#start", Button).disabled = True
            return
        err.add_class("hidden")
        self.query_one("#start", Button).disabled = False
        self.scenario = scenario
        self.query_one("#scenario-info", Static).update(scenario_summary(scenario))
        self.build_team_fields(scenario)
        self.update_log_path()

    def build_team_fields(self, s: Scenario) -> None:
        box = self.query_one("#team-fields", Vertical)
        box.remove_children()
        options = player_options()
        rows = []
        for tid in sorted(s.teams):
            rows.append(
                Horizontal(
                    Label(s.teams[tid].name),
                    Select(options, value=HUMAN, allow_blank=False, id=f"ctl-{tid}", compact=True),
                    classes="field",
                )
            )
        mounted = box.mount_all(rows)
        self.before_solo = None  # new fields: all people
        self.offered = {f"ctl-{tid}": options for tid in s.teams}
        solo = self.query_one("#solo-team", Select)
        solo.set_options([(s.teams[t].name, t) for t in sorted(s.teams)])
        default_solo = "tokyo" if "tokyo" in s.teams else sorted(s.teams)[0]
        if self.solo is not None:
            default_solo = team_named(s.teams, self.solo)
            default_solo = default_solo if default_solo in s.teams else sorted(s.teams)[0]
        solo.value = default_solo

        async def apply_when_mounted() -> None:
            await mounted
            self.apply_mode()

        self.call_later(apply_when_mounted)

    def load_sessions(self) -> None:
        folder = Path.cwd() / "sessions"
        self.sessions = sorted(folder.glob("*.jsonl"), key=lambda p: -p.stat().st_mtime)[:50]
        lst = self.query_one("#session-list", OptionList)
        lst.clear_options()
        if not self.sessions:
            lst.add_option(Option(Text("no saved sessions yet", style="dim"), disabled=True))
        for i, p in enumerate(self.sessions):
            lst.add_option(Option(session_label(p), id=f"s{i}"))

    # -- settings ---------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return str(self.query_one("#mode", Select).value)

    @on(Select.Changed, "#mode")
    @on(Select.Changed, "#solo-team")
    def apply_mode(self) -> None:
        if self.scenario is None:
            return
        found = {s.id for s in self.query("#team-fields Select").results(Select)}
        if any(f"ctl-{tid}" not in found for tid in self.scenario.teams):
            # the fields of a newly picked scenario are still being mounted (after one that
            # could not be read, there are none yet): build_team_fields applies it once they are
            return
        if not all(s.is_mounted for s in self.query("#team-fields Select").results(Select)):
            # a list not mounted yet reads as empty, and one set then shows 'Select'
            self.call_after_refresh(self.apply_mode)
            return
        solo = self.mode == "solo"
        everyone = player_options()
        computers = [(label, c) for label, c in everyone if c != HUMAN]
        self.query_one("#solo-field").set_class(not solo, "hidden")
        player = self.query_one("#solo-team", Select).value
        if solo and self.before_solo is None:
            self.before_solo = self.controllers()
        elif not solo and self.before_solo is not None:
            for tid, controller in self.before_solo.items():
                self.set_choices(self.query_one(f"#ctl-{tid}", Select), everyone, controller)
            self.before_solo = None
        for tid in self.scenario.teams:
            sel = self.query_one(f"#ctl-{tid}", Select)
            value = sel.value
            if solo and tid == player:
                self.set_choices(sel, everyone, HUMAN)
                sel.disabled = True
            elif solo:  # the other teams are the computer's: Human is not offered; a team
                # given a computer player keeps it (the player's team changing reset them)
                keep = value if value != HUMAN else bot_controller(solo_opponent())
                self.set_choices(sel, computers, keep)
                sel.disabled = False
            else:
                self.set_choices(sel, everyone, value)
                if sel.disabled:
                    sel.disabled = False
        # in hot-seat mode the players are those chosen before Solo, or left as they are

    def set_choices(
        self, select: Select[str], options: list[tuple[str, str]], value: object
    ) -> None:
        """Offer ``options`` in ``select`` (set again only when they change), choosing
        ``value`` if it is one of them, else the first."""
        if self.offered.get(str(select.id)) != options:
            select.set_options(options)
            self.offered[str(select.id)] = options
        choices = [v for _, v in options]
        select.value = value if value in choices else choices[0]

    @on(Select.Changed, "#timer")
    def _timer_changed(self) -> None:
        self.query_one("#timeout-field").set_class(not self.timer_seconds(), "hidden")

    def timer_seconds(self) -> int:
        value = self.query_one("#timer", Select).value
        return value if isinstance(value, int) else 0

    def settings(self) -> dict[str, object]:
        """The session settings kept in the log's header (the turn timer)."""
        seconds = self.timer_seconds()
        if not seconds:
            return {}
        return {
            "timer_seconds": seconds,
            "on_timeout": str(self.query_one("#on-timeout", Select).value),
        }

    @on(Input.Changed, "#seed")
    @on(Input.Changed, "#log-path")
    def update_log_path(self) -> None:
        """Show in full the file the session will be saved to (the field is too narrow for
        it, and an existing default name gets -2, -3, ...)."""
        if self.scenario is None:
            return
        seed = self.read_seed()
        shown = self.query_one("#log-shown", Static)
        if seed is None:
            shown.update("")
            return
        path = default_log_path(self.scenario.id, seed)
        self.query_one("#log-path", Input).placeholder = display_path(path)
        self.query_one("#settings").border_subtitle = None
        raw = self.query_one("#log-path", Input).value.strip()
        typed = typed_log_path(raw) if raw else None
        problem = log_path_problem(typed) if typed else None
        text = Text("Cannot save to " if problem else "Saved to ")
        target = Path(display_path(typed or path))
        if str(target.parent) not in ("", "."):  # the name whole on a line of its own: cut
            text.append(f"{target.parent}/", style="bold")  # anywhere, it read '....json' 'l'
            text.append("\n")
        text.append(target.name, style="bold")
        if problem:
            text.append(f" ({problem})", style="bold red")
        shown.update(text)

    def read_seed(self) -> int | None:
        raw = self.query_one("#seed", Input).value.strip()
        try:
            return int(raw) if raw else DEFAULT_SEED
        except ValueError:
            return None

    def controllers(self) -> dict[str, str]:
        assert self.scenario is not None
        return {
            t: str(self.query_one(f"#ctl-{t}", Select).value) for t in sorted(self.scenario.teams)
        }

    # -- actions ---------------------------------------------------------------------

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.scenario is None:
            self.notify("Choose a scenario that loads first.", severity="error")
            return
        seed = self.read_seed()
        if seed is None:
            self.notify("The seed must be a whole number.", severity="error")
            self.query_one("#seed", Input).focus()
            return
        controllers = self.controllers()
        mode = self.mode
        humans = [t for t, c in controllers.items() if c == HUMAN]
        if mode == "solo" and len(humans) != 1:
            others = [t for t in humans if t != self.query_one("#solo-team", Select).value]
            names = ", ".join(self.scenario.teams[t].name for t in others)
            self.notify(
                f"Solo play has one human team, the one under 'You play'; {names} "
                "should be played by the computer. For several human teams, choose Hot seat.",
                title="Solo play",
                severity="error",
            )
            return
        raw = self.query_one("#log-path", Input).value.strip()
        log = typed_log_path(raw) if raw else default_log_path(self.scenario.id, seed)
        problem = log_path_problem(log)
        if problem:
            self.notify(
                f"{display_path(log)}: {problem}. Clear the field to save to a new file.",
                severity="error",
                title="Not started",
            )
            self.query_one("#log-path", Input).focus()
            return
        self.app.start_game(  # type: ignore[attr-defined]
            self.scenario, seed, controllers, log, mode, self.settings()
        )

    def _selected_session(self) -> Path | None:
        """The saved session highlighted in its tab, when that tab is showing. Otherwise the
        keys (ctrl+o, ctrl+r) open the tab on the newest session and say how to go on: a
        facilitator's audit took eleven key presses to find it after a crash."""
        tabs = self.query_one("#start-tabs", TabbedContent)
        lst = self.query_one("#session-list", OptionList)
        idx = lst.highlighted
        if not self.sessions:
            self.notify(
                "No saved sessions yet: logs are saved in the sessions folder of the folder "
                "Chokepoint was started from.",
                severity="warning",
            )
            return None
        if tabs.active != "tab-sessions" or idx is None:
            tabs.active = "tab-sessions"
            lst.focus()
            if idx is None:
                lst.highlighted = 0
            self.notify(
                "Saved sessions, newest first: pick one with ↑ ↓, then ctrl+o to replay it or "
                "ctrl+r to resume it.",
                title="Saved sessions",
            )
            return None
        opt = lst.get_option_at_index(idx)
        if opt.id is None:
            return None
        return self.sessions[int(opt.id[1:])]

    @on(Button.Pressed, "#replay")
    def action_replay_selected(self) -> None:
        path = self._selected_session()
        if path is not None:
            self.open_replay(str(path))

    def open_replay(self, path: str) -> None:
        self.app.open_replay(path)  # type: ignore[attr-defined]

    def action_resume_selected(self) -> None:
        path = self._selected_session()
        if path is not None:
            self.app.resume_game(str(path))  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#session-list")
    def _session_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_replay(str(self.sessions[int(event.option.id[1:])]))

    @on(OptionList.OptionSelected, "#scenario-list")
    def _scenario_chosen(self) -> None:
        self.query_one("#mode", Select).focus()

    @on(Button.Pressed, "#resume")
    def _resume_pressed(self) -> None:
        self.action_resume_selected()

    def palette_commands(self):  # type: ignore[no-untyped-def]
        return [
            ("Start game", "Start with the settings on this screen", self.action_start),
            ("Replay saved session", "Open the highlighted log", self.action_replay_selected),
            ("Resume saved session", "Continue the highlighted log", self.action_resume_selected),
        ]
