"""When Python's cyclic garbage collector may stop the app: between turns, not during one.

A full (generation 2) collection of the app's heap takes 50-120 ms on the 2-core development
machine. Left to Python's thresholds, one fell inside "resolve -> results drawn" in about one
turn in six: the slow turns 8-10 that ``benchmarks/bench_tui.py`` kept showing (docs/
performance.md), 120-190 ms against 65-85 ms for the others. While the app runs, automatic full
collections are off; the app collects once a turn's results are on the screen, while the players
read them. The young generations are still collected automatically: they are cheap. So that a
long time without a turn (browsing a replay, say) does not let cyclic garbage pile up, the app
also collects when it has not for ``IDLE_SECONDS``.
"""

from __future__ import annotations

import gc
import time

NEVER = 1_000_000_000  # a generation-2 threshold that is never reached
IDLE_SECONDS = 60.0


class Collector:
    """Owns the collector's thresholds while the app runs, and gives them back on exit."""

    def __init__(self) -> None:
        self.saved: tuple[int, int, int] | None = None
        self.last = time.monotonic()

    def start(self) -> None:
        if self.saved is None:
            self.saved = gc.get_threshold()
            young, middle, _ = self.saved
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None

    def between_turns(self) -> None:
        """A full collection now, at a moment chosen by the app."""
        gc.collect()
        self.last = time.monotonic()

    def tick(self) -> None:
        """Called now and then (the app's half-second timer): collect if it has been a while."""
        if time.monotonic() - self.last >= IDLE_SECONDS:
            self.between_turns()
