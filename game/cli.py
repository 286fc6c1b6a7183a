"""The ``chokepoint`` command. Headless commands never import textual; only the app does.

    chokepoint                      open the app on its start screen
    chokepoint play [SCENARIO]      go straight into a game (--solo TEAM, --bot TEAM=KIND,
                                    --seed N, --resume LOG)
    chokepoint replay LOG           open the replay viewer
    chokepoint run SCENARIO         play a game headless (--seed, --turns, --orders, --bot, --log)
    chokepoint validate PATH        check a scenario file
    chokepoint schema               print the scenario JSON Schema
    chokepoint verify LOG           replay a log and check every hash
    chokepoint sweep SCENARIO       play many seeded games and summarise the outcomes

Exit codes: 0 success, 1 a log failed verification, 2 bad input (with a message, no traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import __version__, compiled_core
from game.errors import ChokepointError

if TYPE_CHECKING:
    from game.engine import Session, TurnRecord
    from game.plan import FacilitatorPlan, Plan

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="chokepoint",
        description="Chokepoint: a tabletop-exercise engine for critical-mineral crises. "
        "With no command, opens the app.",
    )
    core = " (compiled core)" if compiled_core() else ""
    p.add_argument("--version", action="version", version=f"chokepoint {__version__}{core}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser("play", help="start a game in the app")
    play.add_argument("scenario", nargs="?", help="scenario file or bundled id (default scenario)")
    play.add_argument("--solo", metavar="TEAM", help="play one team; the computer plays the rest")
    play.add_argument(
        "--bot",
        action="append",
        default=[],
        metavar="TEAM=KIND",
        help="the computer player of a team, e.g. beijing=search (repeatable; "
        "with --solo the other teams are played by 'doctrine' unless given)",
    )
    play.add_argument("--seed", type=int, default=None, help="random seed (default 1)")
    play.add_argument("--resume", metavar="LOG", help="resume an interrupted session from its log")
    play.add_argument("-o", "--log", metavar="OUT", help="where to write the session log")

    rep = sub.add_parser("replay", help="open a session log in the replay viewer")
    rep.add_argument("log")

    run = sub.add_parser("run", help="play a game without the app and print a summary")
    run.add_argument(
        "scenario",
        nargs="?",
        help="scenario file or bundled id, or a session log (its scenario is played)",
    )
    run.add_argument("--seed", type=int, help="random seed (required unless --from is given)")
    run.add_argument(
        "--from",
        dest="from_log",
        metavar="LOG",
        help="branch from a session log instead of starting fresh",
    )
    run.add_argument(
        "--turn",
        type=int,
        metavar="N",
        help="with --from: keep the log's first N turns, then play on",
    )
    run.add_argument("--turns", type=int, default=None, help="turns to play (default: all)")
    run.add_argument("--orders", metavar="PLAN", help="YAML plan of orders by turn and team")
    run.add_argument(
        "--bot",
        action="append",
        default=[],
        metavar="TEAM=KIND",
        help="let a bot play a team, e.g. tokyo=doctrine:hawk (repeatable); a team with "
        "no bot and no orders in the plan holds",
    )
    run.add_argument("-o", "--log", metavar="OUT", help="write the session log (JSON Lines) here")
    run.add_argument("--json", action="store_true", help="print machine-readable JSON")

    val = sub.add_parser(
        "validate",
        help="check a scenario file (and an orders plan for it)",
        description="Check a scenario file: exit 0 if valid, 2 with every problem, each with "
        "its line. With --orders, also check an orders plan against that scenario, as "
        "'run --orders' would before playing.",
    )
    val.add_argument("path", metavar="SCENARIO")
    val.add_argument("--orders", metavar="PLAN.yaml", help="an orders plan to check as well")

    sub.add_parser("schema", help="print the scenario format as JSON Schema")

    ver = sub.add_parser(
        "verify",
        help="replay a session log and check every hash",
        description="Replay a session log and check that every turn gives the state it "
        "records: exit 0 if sound, 1 if damaged (saying where, and which turns before it are "
        "sound), 2 if it is not a log at all.",
    )
    ver.add_argument("log", metavar="LOG", help="the session log (.jsonl) to check")

    for module in dict.fromkeys(EXTRA_COMMANDS.values()):
        extra = _extra_module(module)
        if extra is not None:
            extra.add_parser(sub)
    return p


# Commands whose code lives in their own module: each module has add_parser(sub) and run(args).
EXTRA_COMMANDS = {"sweep": "game.cli_sweep", "report": "game.cli_report", "diff": "game.cli_report"}


def _extra_module(name: str) -> Any:
    """A command module, imported only when present (none of them imports textual)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


_stopped_by: list[int] = []
"""The signal that stopped the command, if one did (``main``): after SIGHUP, writing to the
closed terminal fails with EIO, and the command ends quietly (what it played is saved)."""


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    args = build_parser().parse_args(argv)
    if args.command not in ("sweep", "report", "run"):
        return _dispatch_safely(args)
    # A sweep's games (sweep, report --against) run in worker processes, and so may a search
    # bot's look-ahead in a run (game.bots.search_pool). The first Ctrl-C or
    # termination signal stops them and keeps the games played; any later one is ignored while
    # that happens (a second Ctrl-C, or 'timeout -s INT', which signals the command and then
    # its process group, lost every game played without a word, or hung the command at exit),
    # and a termination signal once left the workers running with no one to stop them.
    stopping = _stopped_by
    stopping.clear()

    def stop_once(signum: int, frame: object) -> None:
        if not stopping:
            stopping.append(signum)
            raise KeyboardInterrupt

    replaced = {}
    # SIGHUP: the terminal was closed (a sweep's games are kept in its --out file)
    hangup = [signal.SIGHUP] if hasattr(signal, "SIGHUP") else []
    for signum in (signal.SIGINT, signal.SIGTERM, *hangup):
        old = signal.getsignal(signum)
        if old in (signal.default_int_handler, signal.SIG_DFL):  # not one ignored on purpose
            replaced[signum] = signal.signal(signum, stop_once)
    try:
        code = _dispatch_safely(args)
        # stopped by a signal: the shell's code for it (130 Ctrl-C, 129 a closed terminal,
        # 143 a termination), whatever the command was doing when it came
        return 128 + stopping[0] if code == 130 and stopping else code
    finally:
        for signum, old in replaced.items():
            signal.signal(signum, old)


_FILE_OPTIONS = (
    "log", "output", "out", "from_log", "path", "scenario", "log_a", "log_b", "resume", "orders",
    "compare",
)  # fmt: skip


def _empty_name(args: argparse.Namespace) -> str | None:
    """A file or scenario named by an empty word (`-o ""`): a log was silently not written,
    and `verify ""` spoke of '.'."""
    writes_log = args.command in ("run", "play")  # where 'log' is -o, not the LOG read
    names = {"output": "-o", "out": "-o", "from_log": "--from", "path": "SCENARIO"}
    for dest, value in sorted(vars(args).items()):
        if value == "" and dest in _FILE_OPTIONS:
            if dest == "log":
                name = "-o" if writes_log else "LOG"
            else:
                name = names.get(dest) or (
                    dest.upper() if dest in ("scenario", "log_a", "log_b") else f"--{dest}"
                )
            return f"{name}: an empty name; give a file name"
    return None


def _expand_home(args: argparse.Namespace) -> None:
    """'~/results/x.csv' given in quotes (so the shell left the '~' alone) means the home
    folder, as it does unquoted: it was written to a new folder named '~' under the current
    one, while the message said '~/results/x.csv'."""
    for dest in _FILE_OPTIONS:
        value = getattr(args, dest, None)
        if isinstance(value, str) and value.startswith("~"):
            setattr(args, dest, os.path.expanduser(value))


def _dispatch_safely(args: argparse.Namespace) -> int:
    try:
        empty = _empty_name(args)
        if empty is not None:
            raise ChokepointError(empty)
        _expand_home(args)
        return _dispatch(args)
    except ChokepointError as exc:
        print(f"chokepoint: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` or a pager that quit early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        import errno
        import os
        import signal

        hung_up = _stopped_by == [getattr(signal, "SIGHUP", -1)]
        if exc.errno != errno.EIO or not hung_up:
            raise
        # the terminal was closed (SIGHUP): what was played is saved; nothing can be said
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, sys.stdout.fileno())
        os.dup2(quiet, sys.stderr.fileno())
        return 129


def _dispatch(args: argparse.Namespace) -> int:
    cmd = args.command
    if cmd is None or cmd in ("play", "replay"):
        return _app(args)
    if cmd == "run":
        try:
            return _run(args)
        finally:
            pool = sys.modules.get("game.bots.search_pool")
            if pool is not None:
                pool.set_workers(1)  # and stop the helpers a search bot had
    if cmd == "validate":
        return _validate(args.path, args.orders)
    if cmd == "schema":
        from game.scenario_loader import json_schema

        print(json.dumps(json_schema(), indent=2, sort_keys=True))
        return 0
    if cmd == "verify":
        return _verify(args.log)
    if cmd in EXTRA_COMMANDS:
        return int(_extra_module(EXTRA_COMMANDS[cmd]).run(args))
    raise AssertionError(cmd)


def _has_terminal() -> bool:
    """Whether the command reads keys from a terminal and draws on one, as the app needs:
    Textual draws on standard error on Linux and macOS, on standard output on Windows (so
    `chokepoint > out.txt` still shows its screens)."""
    screen = sys.stdout if sys.platform == "win32" else sys.stderr
    return sys.stdin.isatty() and screen.isatty()


def _app(args: argparse.Namespace) -> int:
    bots = parse_bot_specs(getattr(args, "bot", []))
    if getattr(args, "resume", None):
        # a resumed game keeps what its log says; these were once ignored without a word
        options = {"SCENARIO": args.scenario, "--solo": args.solo, "--seed": args.seed}
        given = [name for name, value in options.items() if value is not None]
        given += ["--bot"] if bots else []
        if given:
            raise ChokepointError(
                f"{' and '.join(given)} {'go' if len(given) > 1 else 'goes'} with a new game: "
                "a resumed one keeps the scenario, seed and players of its log"
            )
    solo = getattr(args, "solo", None)
    if solo is not None or bots:
        solo, bots = _check_teams(getattr(args, "scenario", None), solo, bots)
    opened = args.log if args.command == "replay" else getattr(args, "resume", None)
    if opened is not None:
        _check_log(opened)
    if args.command == "play" and args.log is not None:
        if args.resume is not None and _same_file(Path(args.log), args.resume):
            raise ChokepointError(
                f"--log {args.log} is the log being resumed; leave --log out to go on writing "
                "to it, or name a new file"
            )
        scenario = scenario_file(args.scenario)
        check_output(args.log, "--log", [("scenario", scenario)])
    if not _has_terminal():
        # with no terminal to read keys from, the app waited for ever at full speed
        what = "chokepoint replay" if args.command == "replay" else "the app"
        instead = (
            "chokepoint verify or chokepoint report"
            if args.command == "replay"
            else "chokepoint run"
        )
        raise ChokepointError(
            f"{what} needs a terminal to show its screens and read keys (its input, or the "
            f"output it draws on, is redirected here); without one, use {instead}"
        )
    from game.tui.app import run_app  # type: ignore[import-not-found,unused-ignore]

    # the only place the command imports textual
    return int(
        run_app(
            scenario=getattr(args, "scenario", None),
            seed=getattr(args, "seed", None),
            solo=getattr(args, "solo", None),
            bots=bots,
            resume=getattr(args, "resume", None),
            replay=getattr(args, "log", None) if args.command == "replay" else None,
            log=getattr(args, "log", None) if args.command == "play" else None,
            start_screen=args.command is None,
        )
    )


def _check_log(path: str) -> None:
    """A log with no turn to show or resume (missing, empty, not a log) is refused here with
    the reason, before the app starts: the app would only show it in a passing notice over the
    start screen. A log damaged later opens at its last good turn, with a warning, in the app."""
    from game.log import replay_log

    rep = replay_log(path)
    if rep.session is None:
        why = str(rep.error or f"{path}: cannot read the log")
        if path.endswith((".yaml", ".yml")):
            why += f" (a scenario? play it with: chokepoint play {path})"
        raise ChokepointError(why)


def _check_teams(
    scenario: str | None, solo: str | None, bots: dict[str, str]
) -> tuple[str | None, dict[str, str]]:
    """The --solo and --bot teams as the scenario spells them ('Beijing' is 'beijing'). A team
    the scenario lacks is a mistake on the command line: say so and exit, as ``run`` and
    ``sweep`` do, before the app starts. (A scenario that does not load is left to the app,
    whose start screen shows why and offers the others.)"""
    from game.bots import named_players, player_problem
    from game.scenario_loader import DEFAULT_SCENARIO, find_scenario, load_scenario

    try:
        teams = load_scenario(find_scenario(scenario or DEFAULT_SCENARIO)).teams
    except ChokepointError:
        return solo, bots
    solo, bots = named_players(teams, solo, bots)
    problem = player_problem(teams, solo, bots)
    if problem is not None:
        raise ChokepointError(problem)
    return solo, bots


def _validate(path: str, orders: str | None = None) -> int:
    from game.names import count
    from game.scenario_loader import find_scenario, load_scenario

    s = load_scenario(find_scenario(path))
    counts = ", ".join(
        count(n, word)
        for n, word in [
            (s.turns, "turn"),
            (len(s.teams), "team"),
            (len(s.materials), "material"),
            (len(s.sources), "source"),
        ]
    )
    print(f"{path}: valid scenario '{s.id}' ({s.title}): {counts}")
    from game.scenario_checks import unreachable_notes

    for note in unreachable_notes(s):
        print(f"note: {note}")
    if orders is not None:
        from game.plan import load_full_plan

        plan, facilitator = load_full_plan(orders, s)
        given = sum(len(o) for per in plan.values() for o in per.values())
        acts = sum(len(f.injects) + len(f.overrides) + len(f.notes) for f in facilitator.values())
        turns = sorted({*plan, *facilitator})
        print(
            f"{orders}: valid plan for '{s.id}': {count(given, 'order')} and "
            f"{count(acts, 'facilitator action')} in {count(len(turns), 'turn')}; whether each "
            "order is allowed when its turn comes (affordable, not already in force) is for "
            "the engine to say then"
        )
    return 0


def _verify(path: str) -> int:
    from game.log import is_log_header, is_session_log, verify_log
    from game.names import count, turns_words

    rep = verify_log(path)
    if rep.error is not None:
        print(f"chokepoint: {rep.error}", file=sys.stderr)
        # missing, unreadable, not a log: not damage (a log's header cut off is damage)
        if not is_log_header(rep.header) and not is_session_log(path):
            return EXIT_BAD_INPUT
        if rep.good_turns:
            print(
                f"chokepoint: {turns_words(rep.good_turns)} before it "
                + (
                    "is sound and still loads"
                    if rep.good_turns == 1
                    else "are sound and still load"
                ),
                file=sys.stderr,
            )
        return 1
    total = rep.session.scenario.turns if rep.session else rep.good_turns
    status = "" if rep.good_turns == total else f" (session in progress: {total} turns in all)"
    played = count(rep.good_turns, "turn")
    print(f"{path}: sound: {played} replayed, every hash matches{status}")
    return 0


def bundled_words() -> str:
    """The bundled scenarios' ids: 'dual-use-ban-2026, senkaku-2010'."""
    from game.scenario_loader import bundled_scenarios

    return ", ".join(p.stem for p in bundled_scenarios())


def check_output(
    path: str | Path,
    option: str,
    inputs: Sequence[tuple[str, str | Path | None]],  # (what it is, its path)
    replace: tuple[str, Callable[[str], bool]] | None = None,
) -> None:
    """Refuse, before anything is played, an output file that would destroy something.

    Never written over: any of the command's own input files (``inputs``: what it is, e.g. 'log
    (--from)', and its path) and an existing session log. A command whose output can be made
    again (a report, a sweep's rows) gives ``replace``: (what it writes, in words; a test of a
    file's first 4 KB of text) and replaces an earlier file of its own kind, as a re-run should;
    any other file that is there and not empty is refused (a sweep once wrote over a budget
    spreadsheet named by mistake). Folders, ``/dev/null`` and pipes are left to the writer."""
    from game.log import is_session_log

    target = Path(path)
    if not target.exists():
        return
    for what, source in inputs:
        if source is not None and _same_file(target, source):
            raise ChokepointError(
                f"{option} {path} is also the {what}: writing there would replace it; "
                "choose another name for the output"
            )
    if not target.is_file():
        return
    if is_session_log(target):
        raise ChokepointError(
            f"{option} {path} is a session log, which would be replaced and lost; choose "
            "another name, or delete it first"
        )
    if target.stat().st_size == 0:
        return
    if replace is None:
        raise ChokepointError(
            f"{option} {path} already exists (it is not a session log); a session log is "
            "written only to a new file: choose another name, or delete it first"
        )
    kind, own = replace
    try:
        with target.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return  # left to the writer, which says why it cannot
    if not own(head):
        raise ChokepointError(
            f"{option} {path} already exists and is not an earlier {kind}: it would be replaced "
            "and lost; choose another name, or delete it first"
        )


def _same_file(a: Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def scenario_file(name: str | None) -> Path | None:
    """The file a SCENARIO argument names (a path or a bundled id), if there is one."""
    if name is None:
        return None
    from game.scenario_loader import find_scenario

    path = find_scenario(name)
    return path if path.exists() else None


def parse_bot_specs(specs: Sequence[str]) -> dict[str, str]:
    """``--bot TEAM=KIND`` options as team -> kind; each kind must be a known bot (in any case,
    as teams are: ``Beijing=HOLD``), each team given once (which teams exist is for the caller,
    who has the scenario)."""
    out: dict[str, str] = {}
    for spec in specs:
        team, sep, kind = spec.partition("=")
        if not sep or not team or not kind:
            raise ChokepointError(f"--bot expects TEAM=KIND, e.g. beijing=hold, not '{spec}'")
        team, kind = team.strip(), kind.strip().lower()
        if out.get(team, kind) != kind:
            raise ChokepointError(
                f"--bot: {team} is given twice ({out[team]} and {kind}); give each team once"
            )
        out[team] = kind
    if out:
        from game.bots import BOT_KINDS
        from game.spelling import unknown

        for kind in out.values():
            if kind not in BOT_KINDS:
                raise ChokepointError(f"--bot: {unknown('bot', kind, BOT_KINDS)}")
    return out


def _run(args: argparse.Namespace) -> int:
    from game.atomic import check_writable
    from game.bots import make_bot, named_players
    from game.engine import bot_controller
    from game.headless import play_game, turn_summary
    from game.log import write_log
    from game.names import and_list, humanize, order_words
    from game.plan import load_full_plan

    if args.log:
        inputs = [
            ("scenario", scenario_file(args.scenario)),
            ("orders plan (--orders)", args.orders),
            ("log given to --from", args.from_log),
        ]
        check_output(args.log, "--log", inputs)
    session, logged = _start_session(args)
    scenario = session.scenario
    plan, facilitator = load_full_plan(args.orders, scenario) if args.orders else ({}, {})
    specs = named_players(scenario.teams, None, parse_bot_specs(args.bot))[1]
    followed: list[str] = []
    if args.from_log is not None:
        early = sorted(t for t in set(plan) | set(facilitator) if t <= session.turn)
        if early:
            which = (
                f"turn {early[0]}"
                if len(early) == 1
                else f"turns {and_list([str(t) for t in early])}"
            )
            print(
                f"note: {args.orders} has orders for {which}, which this branch keeps as "
                f"logged: a plan is used from turn {session.turn + 1} on (give --turn N to "
                "branch earlier)",
                file=sys.stderr,
            )
        kept = _keep_logged_bots(session, plan, specs)
        if kept:
            print(
                f"kept from the log: {', '.join(f'{t}={k}' for t, k in kept.items())} "
                "(give --bot TEAM=KIND to change one)",
                file=sys.stderr,
            )
        followed = _follow_logged_orders(session, logged, plan, facilitator, specs)
        if followed:
            first, last = session.turn + 1, len(logged)
            span = f"turn {first}" if first == last else f"turns {first}-{last}"
            who = and_list([humanize(scenario, t) for t in followed])
            print(
                f"as logged in {span}: the orders of {who} and the facilitator's actions (a "
                "plan's part for a team or the facilitator in a turn, or --bot TEAM=KIND, "
                "replaces them)",
                file=sys.stderr,
            )
    left = scenario.turns - session.turn
    if args.turns is not None and left == 0:
        raise ChokepointError(
            f"--turns: the game in {args.from_log} is over (all {scenario.turns} turns "
            "played): no turn is left to play"
        )
    if args.turns is not None and not 1 <= args.turns <= left:
        raise ChokepointError(f"--turns must be between 1 and {left}")
    if left == 0:
        print(
            f"chokepoint: the game in {args.from_log} is over (all {scenario.turns} turns "
            "played): no turn is played",
            file=sys.stderr,
        )
    if args.log:
        try:
            check_writable(args.log)
        except ChokepointError as exc:
            raise ChokepointError(f"--log: {exc}") from None
    # the bots last: a search bot starts its helper processes (half a second) as it is made
    if any(k.startswith("search") for k in specs.values()):
        from game.bots import search_pool
        from game.sweep import default_jobs

        search_pool.set_workers(default_jobs())  # the same decisions, on every core
    try:
        bots = {t: make_bot(k, t, scenario, session.seed) for t, k in specs.items()}
    except ValueError as exc:
        raise ChokepointError(f"--bot: {exc}") from None
    for team in session.controllers:
        session.controllers[team] = bot_controller(specs[team]) if team in specs else "plan"
    started = session.turn
    try:
        skipped = play_game(session, plan, bots, args.turns, facilitator).skipped
    except KeyboardInterrupt:  # keep the turns already played
        del session.states[len(session.records) + 1 :]  # Ctrl-C between the two appends
        if session.turn == started:
            nothing = f"; no log written to {args.log}" if args.log else ""
            print(
                f"chokepoint: interrupted before turn {started + 1} was played{nothing}",
                file=sys.stderr,
            )
            return 130
        print(f"chokepoint: interrupted after turn {session.turn}", file=sys.stderr)
        if args.log and session.turn > started:
            write_log(session, args.log)
            print(
                f"the log of turns 1-{session.turn} is in {args.log}; go on with "
                f"chokepoint run --from {args.log}"
                + (f" --orders {args.orders}" if args.orders else "")
                + f" -o {_next_name(Path(args.log))}",
                file=sys.stderr,
            )
        return 130
    for what in skipped:
        print(f"chokepoint: {args.orders}, {what}", file=sys.stderr)
    held = [
        humanize(scenario, t)
        for t, c in session.controllers.items()
        if c == "plan"
        and t not in followed
        and not any(r.submitted.get(t) for r in session.records[started:])
    ]
    if held and session.turn > started:  # no turn played (a branch at the log's end): no note
        them = "them" if len(held) > 1 else "it"
        first, last = started + 1, session.turn
        span = f"turn {first}" if first == last else f"turns {first}-{last}"
        every = "every turn" if started == 0 else f"every turn played ({span})"
        print(
            f"note: {and_list(held)} held {every} (no --bot and no orders in a plan for "
            f"{them}); give --bot TEAM=KIND to have a team played",
            file=sys.stderr,
        )
    if args.log:
        write_log(session, args.log)
    elif args.from_log is not None and session.turn > started:
        print(
            f"note: no log was written: give -o FILE.jsonl to keep the game played on from "
            f"{args.from_log}",
            file=sys.stderr,
        )
    summaries = [turn_summary(session, t) for t in range(session.turn + 1)]
    if args.json:
        doc: dict[str, Any] = {
            "scenario": scenario.id,
            "seed": session.seed,
            "played": session.turn,
            "over": session.is_over,
            "scores": summaries[-1]["scores"],
            "turns": summaries,
        }
        if session.is_over:  # a game stopped short (--turns) has no final scores yet
            doc["final_scores"] = summaries[-1]["scores"]
        print(json.dumps(doc, indent=2, sort_keys=True))
    else:
        print(_table(session))
        for record in session.records:
            for team, refusals in sorted(record.refused.items()):
                who = humanize(scenario, team)
                for order, why in refusals:
                    what, reason = order_words(scenario, order), humanize(scenario, why)
                    print(f"turn {record.turn}: {who}'s order refused: {what}: {reason}")
        if args.log:
            print(f"log written to {args.log}")
    return 0


def _next_name(log: Path) -> str:
    """A log name beside ``log`` that is not taken: 'game-2.jsonl', 'game-3.jsonl'..."""
    n = 2
    while (path := log.with_name(f"{log.stem}-{n}{log.suffix or '.jsonl'}")).exists():
        n += 1
    return str(path)


def _keep_logged_bots(session: Session, plan: Plan, specs: dict[str, str]) -> dict[str, str]:
    """On a branch, the computer players of the log go on playing their teams, unless ``--bot``
    names another or the plan scripts the team after the branch; adds them to ``specs`` and
    returns them. A bot this version lacks is left out (its team holds)."""
    from game.bots import BOT_KINDS
    from game.engine import bot_kind

    scripted = {t for n, per in plan.items() if n > session.turn for t in per}
    kept: dict[str, str] = {}
    for team, ctl in sorted(session.controllers.items()):
        kind = bot_kind(ctl)
        if kind in BOT_KINDS and team not in specs and team not in scripted:
            kept[team] = specs[team] = kind
    return kept


def _follow_logged_orders(
    session: Session,
    logged: Sequence[TurnRecord],
    plan: Plan,
    facilitator: FacilitatorPlan,
    specs: Mapping[str, str],
) -> list[str]:
    """On a branch, the log's later turns are played again as far as nothing replaces them, so
    that a branch changes only what its plan and bots change (with nothing changed it is the
    logged game). Each team a bot does not play gives its logged orders (every order it
    submitted, refused ones included) in each turn after the branch for which the plan gives
    it none; each such turn of the plan with no facilitator part gets the facilitator's logged
    injects fired by hand and overrides. Fills ``plan`` and ``facilitator``; returns the
    teams that follow the log in at least one turn."""
    from game.plan import FacilitatorTurn

    followed: set[str] = set()
    for record in logged[session.turn :]:
        n = record.turn
        per = plan.setdefault(n, {})
        for team in sorted(session.scenario.teams):
            if team not in specs and team not in per:
                per[team] = list(record.submitted.get(team, []))
                followed.add(team)
        manual = [f.id for f in record.injects if f.manual]
        if n not in facilitator and (manual or record.overrides):
            facilitator[n] = FacilitatorTurn(injects=manual, overrides=list(record.overrides))
    return sorted(followed)


def _start_session(args: argparse.Namespace) -> tuple[Session, list[TurnRecord]]:
    """A fresh session, or a branch of a logged one (``--from LOG --turn N``), with the
    records of the log's sound turns (none for a fresh session)."""
    from game.engine import Session
    from game.log import replay_log

    if args.from_log is None:
        if args.scenario is None or args.seed is None:
            raise ChokepointError(
                "run needs a SCENARIO and --seed (or --from LOG --turn N); SCENARIO is a file "
                f"or a bundled id: {bundled_words()}"
            )
        if args.turn is not None:
            raise ChokepointError("--turn goes with --from LOG")
        scenario = run_scenario(args.scenario)
        return Session(scenario, args.seed, {t: "plan" for t in scenario.teams}), []
    if args.scenario is not None or args.seed is not None:
        raise ChokepointError("with --from, the scenario and seed come from the log")
    rep = replay_log(args.from_log)
    if rep.session is None:
        raise ChokepointError(str(rep.error))
    turn = rep.good_turns if args.turn is None else args.turn
    good = rep.good_turns
    # 'turn 0' is the scenario's start: a branch from there replays nothing of the log
    start = "--turn 0 (the scenario's start)"
    if rep.error is not None and turn > good:
        where = f"turn {good} or earlier" if good else f"{start} only"
        raise ChokepointError(f"{rep.error}; branch from {where}")
    if not 0 <= turn <= good:
        raise ChokepointError(
            f"--turn must be between 0 and {good}"
            if good
            else f"the log holds no turn yet: {start}"
        )
    if rep.error is not None:  # a log auditor's branch of a damaged log was another game, unsaid
        sound = (
            f"only turns 1-{good} can be trusted"
            if good > 1
            else "only turn 1 can be trusted"
            if good == 1
            else "no turn can be trusted"
        )
        print(
            f"chokepoint: warning: {rep.error}; {sound}, so the branch uses "
            f"none of the logged turns after turn {good} (their orders and the facilitator's "
            "actions are not played again)",
            file=sys.stderr,
        )
    return rep.session.fork(turn, str(args.from_log)), list(rep.session.records)


def run_scenario(name: str) -> Any:
    """The scenario ``run SCENARIO`` plays: a scenario file, a bundled id, or a session log,
    whose header holds the whole scenario (a sweep's ``--compare`` rows replay with it, edited
    copies of a bundled scenario included)."""
    from game.log import is_session_log, replay_log
    from game.scenario_loader import find_scenario, load_scenario

    path = find_scenario(name)
    if not is_session_log(path):
        return load_scenario(path)
    rep = replay_log(path)
    if rep.session is None:
        raise ChokepointError(f"{rep.error}; its scenario cannot be read")
    return rep.session.scenario


def _table(session: Session) -> str:
    """The key numbers after each turn, each rounded once from the state (the JSON's figures
    are rounded to 2 places already: formatting those to 1 would round twice, 88.351 -> 88.35
    -> '88.3', where the app and the report print 88.4)."""
    scenario = session.scenario
    teams = sorted(scenario.teams)
    # the output of every team's country but the coercer's, target first (a scenario whose
    # ban falls on the US showed only Japan's)
    hit = [scenario.teams[t].actor for t in ("tokyo", "washington") if t in scenario.teams]
    head = (
        ["Turn", "Month"]
        + [scenario.teams[t].name for t in teams]
        + ["Tension", "Cohesion", "Posture", "Deterr.", "CN share"]
        + [f"{actor} output" for actor in hit]
    )
    lines = []
    for turn, state in enumerate(session.states):
        ix = state.indices
        cells = (
            [str(turn), scenario.month_label(turn) if turn > 0 else "start"]
            + [f"{state.scores[t]:.1f}" for t in teams]
            + [f"{ix[k]:.1f}" for k in ("tension", "cohesion", "posture", "deterrence")]
            + [f"{ix['market_share']:.1f}%"]
        )
        for actor in hit:
            row = state.output.get(actor)
            cells.append(f"{sum(row.values()) / len(row):.1f}" if row else "100.0")
        lines.append(cells)
    widths = [max(len(h), *(len(c[i]) for c in lines)) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    out = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*c) for c in lines]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
