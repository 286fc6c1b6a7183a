"""Benchmark the app: start-up to first frame, and "resolve turn" to results drawn.

    .venv/bin/python benchmarks/bench_tui.py [--runs 5]

1. First frame: runs the real ``chokepoint`` command in a pseudo-terminal (120x40) and times
   from process start until the start screen's scenario list has been written to the terminal.
2. Resolve to results: drives the app headless (Textual's pilot) through a 12-turn hot-seat game;
   for each turn, times from the moment the resolve starts (the facilitator pressed r) until the
   results screen has been laid out and painted (``ResultsScreen`` records it after its first
   refresh). The engine's resolve and the drawing are included; the atomic log write (with
   fsync) follows right after the paint, so it is not (it is written before the next key is
   read, and on quitting). The first turn composes the results screen; later turns update it.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHOKEPOINT = Path(sys.executable).parent / "chokepoint"
MARKER = b"dual-use-ban-2026"


def first_frame_once(cwd: str) -> float:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(CHOKEPOINT)], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
        close_fds=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    deadline = start + 20
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                if MARKER in seen:
                    elapsed = time.perf_counter() - start
                    break
        os.write(master, b"\x11")  # ctrl+q
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    finally:
        os.close(master)
    return elapsed


async def resolve_times(turns: int = 12) -> list[float]:
    from game.tui.app import ChokepointApp
    from game.tui.screens.results import ResultsScreen

    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = ChokepointApp(log=str(Path(tmp) / "bench.jsonl"), seed=1)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(turns):
                app.results_drawn_ms = None
                await pilot.press("r", "y")
                for _ in range(500):
                    if isinstance(app.screen, ResultsScreen) and app.results_drawn_ms is not None:
                        break
                    await pilot.pause(0.005)
                assert app.results_drawn_ms is not None
                times.append(app.results_drawn_ms)
                await pilot.press("enter")
                await pilot.pause()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cwd:
        first_frame_once(cwd)  # warm the file cache and bytecode
        frames = [first_frame_once(cwd) for _ in range(args.runs)]
    print(
        f"chokepoint -> first frame (120x40, {args.runs} runs): "
        f"median {statistics.median(frames):.2f} s, min {min(frames):.2f} s, "
        f"max {max(frames):.2f} s"
    )
    times = asyncio.run(resolve_times())
    print(
        f"resolve turn -> results drawn (12 turns, headless 120x40): "
        f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, "
        f"max {max(times):.0f} ms; first turn {times[0]:.0f} ms, "
        f"turns 2-12 median {statistics.median(times[1:]):.0f} ms"
    )
    print("per turn (ms): " + " ".join(f"{t:.0f}" for t in times))


if __name__ == "__main__":
    main()
