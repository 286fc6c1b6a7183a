"""``chokepoint sweep``: play many seeded games of a scenario and summarise the outcomes.

    chokepoint sweep SCENARIO --games N --seed S [--bot TEAM=KIND ...] [--jobs J]
                     [--out FILE.csv|FILE.json] [--scheduler ADDRESS]

Teams without ``--bot`` are played by the pragmatist doctrine bot. Games run on ``--jobs`` local
processes (default: the cores), or on a Dask cluster with ``--scheduler`` (needs the ``dask``
extra: ``pip install 'chokepoint[dask]'``); the results are the same either way. Every row of
the output file carries the game's seed and the ``chokepoint run`` command that replays it.
This module never imports textual.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shlex
import shutil
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from game.atomic import check_writable, write_text_atomic
from game.errors import ChokepointError

DEFAULT_BOT = "doctrine"
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C
JOBS_PER_CORE = 4


def add_parser(subparsers: Any) -> None:
    """Add the ``sweep`` command to the ``chokepoint`` argument parser."""
    p = subparsers.add_parser(
        "sweep",
        help="play many seeded games and summarise the outcomes",
        description="Play N seeded games of a scenario with bots and summarise the spread of "
        f"outcomes. Teams without --bot are played by the '{DEFAULT_BOT}' bot (with --compare, "
        "a team the session gave to a quick bot keeps it).",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        help="scenario file or bundled id (with --compare: the log's own if left out)",
    )
    p.add_argument("--games", type=int, required=True, metavar="N", help="games to play")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="base seed of the sweep")
    p.add_argument(
        "--bot",
        action="append",
        default=[],
        metavar="TEAM=KIND",
        help="the bot that plays a team, e.g. beijing=search (repeatable)",
    )
    p.add_argument(
        "--jobs", type=int, default=None, metavar="J", help="local processes (default: cores)"
    )
    p.add_argument(
        "-o", "--out", metavar="FILE", help="write one row per game to FILE.csv or FILE.json"
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the games on a Dask cluster, e.g. tcp://10.0.0.5:8786",
    )
    p.add_argument(
        "--compare",
        metavar="LOG",
        help="show where a finished session (its log) stands among the games; teams without "
        "--bot are played as in the session where a quick bot played them, else by the doctrine",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Run the ``sweep`` command; errors are :class:`ChokepointError` with a message."""
    from game import sweep
    from game.names import count, team_names
    from game.scenario_loader import scenario_data

    problem = sweep.games_problem("--games", args.games)
    if problem is not None:
        raise ChokepointError(problem)
    if args.jobs is not None and args.jobs < 1:
        raise ChokepointError("--jobs must be at least 1")
    if args.jobs is not None and args.scheduler:
        raise ChokepointError(
            "--jobs sets local processes; with --scheduler the cluster's workers play the games"
        )
    out_path = Path(args.out) if args.out else None
    if out_path is not None:
        from game.cli import check_output, scenario_file

        inputs = [
            ("scenario", scenario_file(args.scenario)),
            ("log given to --compare", args.compare),
        ]
        check_output(out_path, "--out", inputs, ("sweep's output", is_sweep_output))
        check_out_path(out_path)
    scenario, session = _scenario_and_session(args)
    bots = _bots(args, scenario, session)
    spec = sweep.SweepSpec(
        scenario_data=scenario_data(scenario),
        scenario_ref=_scenario_ref(args, scenario),
        bots=bots,
        base_seed=args.seed,
        games=args.games,
    )
    out_existed = out_path is not None and out_path.exists()
    started = time.perf_counter()
    rows, interrupted = _play(args, spec)
    elapsed = time.perf_counter() - started
    summary = sweep.summarise(rows)
    mine = sweep.session_row(session) if session is not None and rows else None
    ranks = sweep.standing(rows, mine) if mine is not None else {}
    # the computer's game on the session's own seed, with the command that plays it again
    # (not after Ctrl-C: the user asked to stop)
    played_on = mine is not None and not interrupted
    same = sweep.play_one(scenario, session.seed, bots, spec.scenario_ref) if played_on else None
    compare = (
        {"log": args.compare, "session": mine, "games_below": ranks, "same_seed": same}
        if mine
        else None
    )
    doc = summary_doc(scenario.id, spec, summary, interrupted, compare)
    # the file first: after a closed terminal, writing to it fails
    if out_path is not None:  # even with no rows: an older file must not pass for this sweep
        write_rows(out_path, rows, spec, doc)
    if interrupted:
        print(
            f"chokepoint: sweep interrupted after {len(rows)} of {count(args.games, 'game')}",
            file=sys.stderr,
        )
        if args.scheduler:
            print(
                "chokepoint: the games not started are cancelled on the cluster; the chunks "
                "already running there finish on their workers (Dask cannot stop a running "
                "task), and their games are left out",
                file=sys.stderr,
            )
    if not rows:
        if out_path is not None:
            was = " (what it held before is replaced)" if out_existed else ""
            print(
                f"chokepoint: no game had finished: {out_path} is written with no rows{was}",
                file=sys.stderr,
            )
        if args.json:  # a script reading the summary gets one, saying none was played
            print(json.dumps(doc, indent=2, sort_keys=True))
        return EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(doc, indent=2, sort_keys=True))
        return EXIT_INTERRUPTED if interrupted else 0
    who = ", ".join(f"{t}={k}" for t, k in bots.items())
    # an edited copy of a bundled scenario keeps its id: the file says which this is
    of = scenario.id if spec.scenario_ref == scenario.id else f"{scenario.id} ({spec.scenario_ref})"
    print(f"sweep of {of}, base seed {args.seed}, bots: {who}")
    if interrupted:
        were = "was" if len(rows) == 1 else "were"
        print(f"interrupted: only {len(rows)} of the {args.games} games {were} played")
    names = team_names(scenario)
    print(sweep.summary_text(summary, names, scenario))
    if mine is not None:
        held = set(sweep.held_teams(session))
        players = ", ".join(
            f"{t} {'held (no orders)' if t in held else c}"
            for t, c in sorted(session.controllers.items())
        )
        print(f"\n{args.compare}: seed {session.seed}, {players}")
        branch = sweep.branch_note(session, names)
        if branch:
            print(f"note: {branch}")
        for team in sorted(held):
            if bots[team] != "hold":
                print(
                    f"note: {team} gave no orders in the session, and the games play it by "
                    f"{bots[team]}; --bot {team}=hold compares like with like"
                )
        print(sweep.comparison_text(summary, mine, ranks, names, scenario, same))
    rate = len(rows) / elapsed * 60.0 if elapsed > 0 else float("inf")
    print(f"\n{count(len(rows), 'game')} in {elapsed:.1f} s ({rate:,.0f} games a minute)")
    if out_path is not None:
        print(f"rows written to {out_path}")
    return EXIT_INTERRUPTED if interrupted else 0


def _scenario_and_session(args: argparse.Namespace) -> tuple[Any, Any]:
    """The scenario to sweep, and the finished session of ``--compare LOG`` (or None).

    With ``--compare`` and no SCENARIO, the log's own scenario is swept; with both, they must
    be the same scenario, to the last number."""
    from game.log import replay_log
    from game.scenario_loader import find_scenario, load_scenario, scenario_data
    from game.state import sha256_json

    if args.compare is None:
        if args.scenario is None:
            from game.cli import bundled_words

            raise ChokepointError(
                "sweep needs a SCENARIO (or --compare LOG); SCENARIO is a file or a bundled "
                f"id: {bundled_words()}"
            )
        from game.errors import ScenarioError
        from game.scenario_loader import LOG_NOT_SCENARIO

        try:
            return load_scenario(find_scenario(args.scenario)), None
        except ScenarioError as exc:
            if exc.problems != [LOG_NOT_SCENARIO]:
                raise
            raise ChokepointError(
                f"{args.scenario} is a session log, not a scenario: to set the session beside "
                f"computer games, give it to --compare (chokepoint sweep --compare "
                f"{shlex.quote(str(args.scenario))} --games N --seed S)"
            ) from None
    rep = replay_log(args.compare)
    if rep.error is not None:
        raise ChokepointError(f"--compare: {rep.error}; compare needs a sound, finished session")
    session = rep.session
    assert session is not None  # a log without an error replays to a session
    if not session.is_over:
        raise ChokepointError(
            f"--compare: {args.compare} has played {session.turn} of "
            f"{session.scenario.turns} turns; a sweep's games are played to the end, so "
            "compare a finished session"
        )
    scenario = session.scenario
    if args.scenario is not None:
        given = load_scenario(find_scenario(args.scenario))
        if sha256_json(scenario_data(given)) != sha256_json(scenario_data(scenario)):
            raise ChokepointError(
                f"--compare: {args.compare} was played on another scenario (or another version "
                f"of it) than {args.scenario}; leave SCENARIO out to sweep the log's own"
            )
    return scenario, session


def _scenario_ref(args: argparse.Namespace, scenario: Any) -> str:
    """How the rows' ``chokepoint run`` commands name the scenario: as SCENARIO was given; with
    ``--compare`` and no SCENARIO, the bundled id if the log's scenario is that one to the last
    number, else the log itself (``run`` plays a log's scenario), so that an edited copy that
    kept the bundled id is replayed as it was swept, not as the bundled one."""
    from game.scenario_loader import find_scenario, load_scenario, scenario_data
    from game.state import sha256_json

    if args.scenario is not None:
        return str(args.scenario)
    bundled = find_scenario(scenario.id)
    try:
        same = bundled.exists() and sha256_json(
            scenario_data(load_scenario(bundled))
        ) == sha256_json(scenario_data(scenario))
    except ChokepointError:
        same = False
    return str(scenario.id) if same else str(args.compare)


def _bots(args: argparse.Namespace, scenario: Any, session: Any = None) -> dict[str, str]:
    """Each team's bot kind: ``--bot`` where given, else the default doctrine; with
    ``--compare``, a team the session gave to a quick bot keeps it
    (``game.sweep.comparison_bots``)."""
    from game import sweep
    from game.bots import named_players, player_problem
    from game.cli import parse_bot_specs

    specs = named_players(scenario.teams, None, parse_bot_specs(args.bot))[1]
    problem = player_problem(scenario.teams, None, specs)
    if problem is not None:
        raise ChokepointError(problem)
    if session is not None:
        default = sweep.comparison_bots(list(scenario.teams), session.controllers)
    else:
        default = dict.fromkeys(scenario.teams, DEFAULT_BOT)
    return {t: specs.get(t, default[t]) for t in sorted(scenario.teams)}


def _play(args: argparse.Namespace, spec: Any) -> tuple[list[dict[str, Any]], bool]:
    """Play the sweep's games with a progress bar: (rows, whether Ctrl-C stopped it early)."""
    from game import sweep

    bar = None if args.quiet else ProgressBar(sys.stderr)
    interrupted = False
    started = threading.Event()  # set once a game has finished (or the sweep is over)

    def progress(done: int, total: int) -> None:
        if done:
            started.set()
        if bar:
            bar.update(done, total)

    with ExitStack() as stack:
        stack.callback(started.set)
        if args.scheduler:
            executor, workers, client = _dask_executor(args.scheduler, stack)
            _note_when_no_workers(client, args.scheduler, started)
        else:
            workers = min(local_jobs(args.jobs), args.games)
            executor = stack.enter_context(sweep.local_executor(workers)) if workers > 1 else None
        try:
            rows = sweep.run_sweep(spec, executor, workers, progress)
        except sweep.SweepInterrupted as stop:  # Ctrl-C: keep the games already played
            rows, interrupted = stop.rows, True
    if bar:
        bar.close()
    return rows, interrupted


def local_jobs(asked: int | None) -> int:
    """Local processes to use: the cores by default; at most ``JOBS_PER_CORE`` x the cores (more
    only adds memory and switching: 500 processes would fill this machine's memory)."""
    from game import sweep

    cores = sweep.default_jobs()
    if asked is None:
        return cores
    cap = JOBS_PER_CORE * cores
    if asked > cap:
        print(
            f"chokepoint: --jobs {asked} is more than {JOBS_PER_CORE} per core on this "
            f"{cores}-core machine; using {cap}",
            file=sys.stderr,
        )
        return cap
    return asked


def check_out_path(path: Path) -> None:
    """Refuse an ``--out`` that could not be written, before any game is played."""
    if path.suffix.lower() not in (".csv", ".json"):
        raise ChokepointError(f"--out must end in .csv or .json, not '{path.name}'")
    try:
        check_writable(path)
    except ChokepointError as exc:
        raise ChokepointError(f"--out: {exc}") from None


SCHEDULER_TIMEOUT = 10.0  # seconds to wait for a --scheduler address to answer as Dask does
NO_WORKERS_NOTE_AFTER = 5.0  # seconds without a game or a worker before saying so


def _dask_executor(address: str, stack: ExitStack) -> tuple[Any, int, Any]:
    """Dask's executor on the cluster at ``address``, its threads, and its client; an address
    that does not answer as a Dask scheduler within ``SCHEDULER_TIMEOUT`` is refused with why."""
    try:
        import distributed
    except ImportError:
        raise ChokepointError(
            "--scheduler needs Dask: pip install 'chokepoint[dask]' (dask[distributed])"
        ) from None
    problem = _scheduler_problem(address, SCHEDULER_TIMEOUT)
    if problem is None:
        try:
            client_cls: Any = distributed.Client
            client = stack.enter_context(client_cls(address, timeout=f"{SCHEDULER_TIMEOUT:g}s"))
        except Exception as exc:  # whatever Dask raises, the user gets one line
            problem = str(exc) or type(exc).__name__
    if problem is not None:
        raise ChokepointError(
            f"--scheduler: cannot reach the Dask scheduler at {address}: {problem}"
        )
    workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
    return stack.enter_context(client.get_executor()), workers, client


def _scheduler_problem(address: str, timeout: float) -> str | None:
    """Why ``address`` is not a Dask scheduler to use, or None when it is one.

    Asked before Dask's own client is made: that client waits for ever on a port that takes the
    connection and says nothing (a scheduler's dashboard), and fails with a MemoryError on one
    that answers something else (it reads the reply's first bytes as a message length)."""
    import asyncio
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.core import connect
    from distributed.comm.registry import get_backend

    hint = "(the dashboard's port? a scheduler's own port is usually 8786)"
    try:
        scheme, loc = parse_address(address)
        get_backend(scheme)
        host, port = parse_host_port(loc) if scheme == "tcp" else ("", 0)
    except (ValueError, TypeError) as exc:
        return f"not an address such as tcp://HOST:8786 ({exc})"
    if scheme != "tcp":  # tls:// and the others need Dask's security settings: left to it
        return None
    try:  # unreachable, or nothing listening: said at once
        socket.create_connection((host, port), timeout=timeout).close()
    except TimeoutError:
        return f"no answer within {timeout:g} s"
    except OSError as exc:
        return exc.strerror or str(exc)

    async def identity() -> Any:
        comm = await connect(address, timeout=timeout)  # type: ignore[no-untyped-call]
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    try:
        answer = asyncio.run(asyncio.wait_for(identity(), timeout))
    except TimeoutError:
        return f"it took the connection but gave no Dask reply within {timeout:g} s {hint}"
    except Exception as exc:  # garbage in reply: Dask reads a length from it (MemoryError), ...
        if isinstance(exc, OSError):
            return f"it took the connection but closed it {hint}"
        return f"it answered, but not as a Dask scheduler does {hint}"
    kind = answer.get("type") if isinstance(answer, dict) else None
    if kind != "Scheduler":
        return f"that is a Dask {kind}, not the scheduler" if kind else f"not Dask {hint}"
    return None


def _note_when_no_workers(client: Any, address: str, started: threading.Event) -> None:
    """Say on stderr, once, if no game has finished after ``NO_WORKERS_NOTE_AFTER`` seconds and
    the scheduler has no workers: the sweep would otherwise wait at 0 games without a word."""

    def watch() -> None:
        if started.wait(NO_WORKERS_NOTE_AFTER):
            return
        try:
            workers = len(client.nthreads())
        except Exception:  # the client closing as the sweep ends
            return
        if workers == 0 and not started.is_set():
            lead = "\n" if sys.stderr.isatty() else ""  # below the progress bar
            print(
                f"{lead}chokepoint: the scheduler at {address} has no workers yet; start some "
                f"with `dask worker {address}` (the games wait for them; Ctrl-C stops)",
                file=sys.stderr,
                flush=True,
            )

    threading.Thread(target=watch, name="no-workers-note", daemon=True).start()


def summary_doc(
    scenario_id: str,
    spec: Any,
    summary: dict[str, Any],
    interrupted: bool,
    compare: dict[str, Any] | None,
) -> dict[str, Any]:
    """The sweep as JSON: what ``--json`` prints and, with its rows added, what ``--out
    FILE.json`` holds (the same keys in both; see docs/bots.md, Sweeps)."""
    from game import sweep

    doc: dict[str, Any] = {
        "scenario": scenario_id,
        "scenario_ref": spec.scenario_ref,
        "seed": spec.base_seed,
        "bots": spec.bots,
        "games": spec.games,
        "played": summary["games"],
        "distributions": sweep.rounded(summary)["distributions"],
        "outcomes": summary["outcomes"],
    }
    if interrupted:
        doc["interrupted"] = True
    if compare is not None:
        doc["compare"] = compare
    return doc


def write_rows(path: Path, rows: list[dict[str, Any]], spec: Any, doc: dict[str, Any]) -> None:
    """One row per game: CSV with a header line, or JSON: the summary ``doc`` and the rows.

    Written atomically: an interrupted write leaves the old file or the new one."""
    from game import sweep

    fh = io.StringIO(newline="")
    if path.suffix.lower() == ".csv":
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else sweep.columns(spec))
        writer.writeheader()
        writer.writerows(rows)
    else:
        json.dump({**doc, "rows": rows}, fh, indent=1, sort_keys=True)
        fh.write("\n")
    try:
        write_text_atomic(path, fh.getvalue())
    except ChokepointError as exc:
        raise ChokepointError(f"--out: {exc}") from None


class ProgressBar:
    """A one-line progress bar on a stream: redrawn in place on a terminal (also between games,
    so the time keeps running while the first games are played), a line every tenth of the way
    otherwise. It fits the terminal's width, and stops drawing once the terminal is gone."""

    def __init__(self, stream: IO[str], width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.started = time.perf_counter()
        self.last = -1
        self.drawn = 0  # the length of the line last drawn on a terminal
        self.gone = False

    def update(self, done: int, total: int) -> None:
        if self.gone:
            return
        if not self.tty and done not in (total,) and done - self.last < max(1, total // 10):
            return
        self.last = done
        elapsed = time.perf_counter() - self.started
        eta = duration(elapsed / done * (total - done)) if done else "--"
        tail = f"{done}/{total} games  {duration(elapsed)}  eta {eta}"
        text = tail
        room = shutil.get_terminal_size((80, 24)).columns - 1 if self.tty else 80
        width = min(self.width, room - len(tail) - 3)
        if width >= 5:  # a bar too narrow to read is left out
            filled = width * done // total if total else width
            text = f"[{'#' * filled}{'-' * (width - filled)}] {tail}"
        try:
            if self.tty:
                self.stream.write("\r" + text.ljust(self.drawn))
                self.drawn = len(text)
            else:
                self.stream.write(text + "\n")
            self.stream.flush()
        except OSError:  # the terminal was closed: the games go on to the --out file
            self.gone = True

    def close(self) -> None:
        if self.tty and not self.gone:
            try:
                self.stream.write("\n")
                self.stream.flush()
            except OSError:
                self.gone = True


def duration(seconds: float) -> str:
    """'8.2s', '3m 05s', '2h 10m': a time to wait, in the units a person reads."""
    if round(seconds, 1) < 60:  # 59.96 s read '60.0s'
        return f"{seconds:.1f}s"
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60}m {whole % 60:02d}s"
    return f"{whole // 3600}h {whole % 3600 // 60:02d}m"


def is_sweep_output(head: str) -> bool:
    """Whether a file's first text is a sweep's rows (CSV) or summary and rows (JSON)."""
    head = head.lstrip("\ufeff")
    return head.startswith("game,seed") or (
        head.startswith("{") and '"bots"' in head and '"distributions"' in head
    )
