"""``chokepoint report`` and ``chokepoint diff``: the after-action debrief of a session log and
the comparison of two branches. A thin shell over :mod:`game.report` and :mod:`game.diff`; never
imports textual.

    chokepoint report LOG [--format md|html] [-o FILE] [--against N]
    chokepoint diff LOG_A LOG_B [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.atomic import write_text_atomic
from game.errors import ChokepointError

EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C, as sweep gives


def add_parser(subparsers: Any) -> None:
    """Add the ``report`` and ``diff`` commands to the ``chokepoint`` argument parser."""
    rep = subparsers.add_parser(
        "report",
        help="write the after-action report of a session log",
        description="Build the debrief of a session from its log alone: timeline of orders, "
        "injects and overrides, each team's score explained from the ledger, the key decision "
        "points, charts and facilitator notes. A damaged log reports its sound turns, with a "
        "warning.",
    )
    rep.add_argument("log", help="session log (JSON Lines)")
    rep.add_argument(
        "--format",
        choices=("md", "html"),
        default=None,
        help="Markdown (default) or one self-contained HTML file; "
        "taken from -o's extension when not given",
    )
    rep.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    rep.add_argument(
        "--against",
        type=int,
        metavar="N",
        help="add a section setting the finished session beside N games the computer plays "
        "from the same start (seeded from the session's seed)",
    )

    diff = subparsers.add_parser(
        "diff",
        help="compare two session logs (e.g. a branch and its original) turn by turn",
        description="Find the turn where two logs of one scenario diverge and show, turn by "
        "turn, how scores and key indices differ (A, B, B−A) and which orders differed.",
    )
    diff.add_argument("log_a", metavar="LOG_A")
    diff.add_argument("log_b", metavar="LOG_B")
    diff.add_argument("--json", action="store_true", help="print machine-readable JSON")


def run(args: argparse.Namespace) -> int:
    if args.command == "report":
        return _report(args)
    if args.command == "diff":
        return _diff(args)
    raise AssertionError(args.command)


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new, never half."""
    try:
        write_text_atomic(path, text)
    except ChokepointError as exc:
        raise ChokepointError(f"-o {exc}") from None


def _report(args: argparse.Namespace) -> int:
    from game.names import count, turns_words
    from game.report.model import build_debrief, load_replay
    from game.sweep import SweepInterrupted

    if args.output:  # first: '-o LOG' is refused for what it would destroy, not its name
        from game.cli import check_output

        check_output(
            args.output, "-o", [("log being reported on", args.log)], ("report", is_report)
        )
    fmt = args.format
    out_name = str(args.output or "").lower()
    other = "md" if fmt == "html" else "html"
    if fmt is not None and out_name.endswith((".html", ".htm") if fmt == "md" else (".md",)):
        raise ChokepointError(
            f"-o {args.output}: its name says {other}, and --format says {fmt}; give the file a "
            f".{fmt} name, or leave --format out to write what the name says"
        )
    if fmt is None:
        out = str(args.output or "").lower()
        fmt = "html" if out.endswith((".html", ".htm")) else "md"
        named = out.endswith((".html", ".htm", ".md", ".markdown", ".txt"))
        if out and not named and not Path(args.output).is_dir():  # a folder: said when written
            raise ChokepointError(
                f"-o {args.output}: a report is Markdown (.md) or a web page (.html); name the "
                "file so, or give --format md or --format html"
            )
    if args.against is not None:
        from game.sweep import games_problem

        problem = games_problem("--against", args.against)
        if problem is not None:
            raise ChokepointError(problem)
    rep = load_replay(args.log)
    debrief = build_debrief(rep)
    n = debrief.good_turns
    covers = f"the sound {turns_words(n)}" if n else "the start only: no turn is sound"
    if args.against and debrief.warning is not None:
        raise ChokepointError(
            f"--against needs a sound, finished session: {debrief.warning} (without --against, "
            f"the report covers {covers})"
        )
    if debrief.warning is not None:
        print(f"chokepoint: warning: {debrief.warning}", file=sys.stderr)
        print(f"chokepoint: the report covers {covers}{' only' if n else ''}", file=sys.stderr)
    try:
        against = _against(rep.session, args.against, rep.path) if args.against else None
    except SweepInterrupted as stop:  # Ctrl-C while the computer's games were played
        kept = f"{args.output} was not written" if args.output else "no report was printed"
        print(
            f"chokepoint: report interrupted after {len(stop.rows)} of "
            f"{count(stop.games, 'game')} against the computer; {kept}",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if fmt == "html":
        from game.report.html import render_html

        text = render_html(debrief, against)
    else:
        from game.report.markdown import render_markdown

        text = render_markdown(debrief, against)
    if args.output:
        write_atomic(args.output, text)
        print(f"report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        if sys.stdout.isatty():  # a person reading Markdown source in a terminal
            print(
                "chokepoint: this is Markdown (text typed in the session is escaped for it, "
                "e.g. &lt; for <); -o report.html writes a page to open in a browser",
                file=sys.stderr,
            )
    return 0


def _against(session: Any, games: int, log: str) -> Any:
    """The report's 'Against the computer' section: ``games`` sweep games on local processes
    (``log``: the session's log, as the section's commands name it)."""
    from game import sweep
    from game.report.against import against_computer

    if session is None:
        raise ChokepointError("--against: no turn of the log could be replayed")
    workers = min(sweep.default_jobs(), games)
    if workers < 2:
        return against_computer(session, games, log=log)
    with sweep.local_executor(workers) as ex:
        return against_computer(session, games, ex, workers, log=log)


def _diff(args: argparse.Namespace) -> int:
    from game.diff import diff_logs, render_text

    d = diff_logs(args.log_a, args.log_b)
    for w in d.warnings:
        print(f"chokepoint: warning: {w}", file=sys.stderr)
    if args.json:
        print(json.dumps(d.as_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(render_text(d))
    return 0


def is_report(head: str) -> bool:
    """Whether a file's first text is an after-action report's (Markdown or web page)."""
    return head.lstrip("\ufeff").startswith("# After-action report") or (
        "<title>After-action report" in head
    )
