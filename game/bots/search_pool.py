"""Sharing a search decision's rollouts between cores.

A search bot values dozens of order sets by rollouts (``game.bots.search.Look.score``), each a
pure function of its world and its task, so they may be played anywhere. With
``set_workers(n)``, n > 1, a batch of rollouts is dealt out: every n-th to this process, the rest
to n - 1 helper processes started once (spawned, not forked, so that the app's threads are never
copied), and the scores are put back in the batch's order. The bot sums them in the same order
as before, so its decision is the same, to the last bit, with one worker or several: only the
time it takes changes.

The default is one worker (no helper): a sweep's games already keep every core busy, and the
tests and the golden logs need no processes. The commands that play a search bot while someone
waits (``chokepoint run`` and the app) ask for as many workers as the machine has cores
(``game.sweep.default_jobs``, at most ``MAX_WORKERS``). If a helper dies, its share of the batch
is played here instead. Helpers ignore Ctrl-C from their start (the command that asked handles
it), print nothing, and end when the process that started them ends, however it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from game.workers import end_pool, end_with_parent

if TYPE_CHECKING:
    from game.bots.search import Look, Task, World
    from game.scenario import Scenario

_workers = 1
_pool: ProcessPoolExecutor | None = None
_pool_for: Scenario | None = None  # the scenario the helpers were started with
_helper_looks: dict[str, Look] = {}  # in a helper: one look-ahead per team
_helper_scenario: Scenario | None = None


_failures = 0  # helper starts that failed in a row


MIN_SHARED_TURNS = 40
"""A batch of fewer engine turns than this (about 40 ms) is played here: sending it off and
back costs a few milliseconds, which a small batch (the easy level's one world) does not repay."""

MAX_WORKERS = 4
"""At most this many processes share a decision: a decision is about eight batches, so more
cores gain little, and each helper holds a copy of the engine (about 40 MB)."""


def set_workers(n: int) -> None:
    """Play each batch of rollouts on ``n`` processes (this one included); 1 turns sharing off
    and stops the helpers."""
    global _workers
    _workers = max(1, min(n, MAX_WORKERS))
    if _workers == 1:
        shutdown()


def workers() -> int:
    return _workers


def shutdown() -> None:
    """Stop the helper processes now, if any, without waiting for a batch they are playing
    (waiting kept a quitting command in Python's exit, where a second Ctrl-C printed a
    traceback). They also stop when this process ends, however it ends (``_start``).

    It then waits (up to 2 s, a few milliseconds in practice) for the pool's manager thread to
    see them gone: a command that ended at once met that thread half-closed in Python's exit
    handler, which printed a traceback ('Bad file descriptor') after a finished game, as
    ``sweep.stop`` once did after a sweep."""
    global _pool, _pool_for
    pool, _pool, _pool_for = _pool, None, None
    if pool is not None:
        end_pool(pool, wait=2.0)


def prepare() -> None:
    """Start multiprocessing's resource tracker now, while this process's standard error is
    still the terminal: it is started with the first helper otherwise, and inside the app,
    whose standard error is captured and has no file descriptor, that start fails."""
    if _workers > 1:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()


def warm(look: Look) -> None:
    """Start the helpers for ``look``'s scenario now, so that the first decision does not wait
    for them to start (a spawned process imports the engine: about half a second)."""
    if _workers > 1:
        try:
            _submit(_helpers(look.scenario), _ready)
        except (BrokenProcessPool, RuntimeError, OSError):
            shutdown()  # started again at the next batch


def scores(look: Look, worlds: Sequence[World], tasks: Sequence[Task]) -> list[float]:
    """``look.score`` of every task, in order, shared between the workers."""
    global _failures
    n = min(_workers, len(tasks))
    if n < 2 or sum(t.horizon for t in tasks) < MIN_SHARED_TURNS:
        return _here(look, worlds, tasks)
    shares = deal(len(tasks), n)
    futures: list[Future[list[float]]] = []
    for _ in range(2):  # a helper that died is replaced once
        try:
            pool = _helpers(look.scenario)
            futures = [
                _submit(pool, _play, look.team, list(worlds), [tasks[i] for i in share])
                for share in shares[1:]
            ]
            _failures = 0
            break
        except (BrokenProcessPool, RuntimeError, OSError):
            shutdown()
    else:
        _give_up()
        return _here(look, worlds, tasks)
    out: list[float] = [0.0] * len(tasks)
    for i, score in zip(shares[0], _here(look, worlds, [tasks[i] for i in shares[0]]), strict=True):
        out[i] = score
    for share, future in zip(shares[1:], futures, strict=True):
        try:
            got = future.result()
        except (BrokenProcessPool, CancelledError):  # died, or stopped by another thread
            shutdown()
            got = _here(look, worlds, [tasks[i] for i in share])
        for i, score in zip(share, got, strict=True):
            out[i] = score
    return out


def _here(look: Look, worlds: Sequence[World], tasks: Sequence[Task]) -> list[float]:
    """The scores of ``tasks``, played in this process."""
    return [look.score(worlds[t.world], t) for t in tasks]


def _give_up() -> None:
    """Helpers that cannot be started twice running will not start: play on one core."""
    global _failures
    _failures += 1
    if _failures >= 2:
        set_workers(1)


def _submit(pool: ProcessPoolExecutor, fn: Any, *args: Any) -> Future[Any]:
    """``pool.submit``, with Ctrl-C ignored while it may start a helper (in the main thread):
    a spawned process keeps that setting from its first instruction, so a Ctrl-C while it is
    still importing the engine no longer prints its traceback on the terminal."""
    if threading.current_thread() is not threading.main_thread():
        return pool.submit(fn, *args)
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return pool.submit(fn, *args)
    finally:
        signal.signal(signal.SIGINT, old)


def deal(count: int, workers: int) -> list[list[int]]:
    """Task indices 0..count-1 dealt round in turn, the first to this process: a batch's tasks
    look equally far ahead, so each worker gets as much to do; and neighbouring tasks (the
    worlds of one option) go to different workers. (Dealing this process fewer, for the work it
    does between batches, measured no faster: that work is about 1% of a decision.)"""
    return [list(range(k, count, workers)) for k in range(workers)]


def _forgotten() -> None:
    """In a forked child (a sweep's worker): no helpers of its own, one worker."""
    global _workers, _pool, _pool_for
    _workers, _pool, _pool_for = 1, None, None


os.register_at_fork(after_in_child=_forgotten)


def _helpers(scenario: Scenario) -> ProcessPoolExecutor:
    global _pool, _pool_for
    if _pool is None or _pool_for is not scenario:
        shutdown()
        context = multiprocessing.get_context("spawn")
        _pool = ProcessPoolExecutor(
            _workers - 1, mp_context=context, initializer=_start, initargs=(scenario,)
        )
        _pool_for = scenario
    return _pool


def _start(scenario: Scenario) -> None:
    """A helper's start: keep the scenario; leave Ctrl-C to the process that asked (the
    terminal sends it to every process of the group, and a helper has nothing to save)."""
    global _helper_scenario
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with_parent()  # a helper left behind (its parent killed) waited for work for good
    # nothing a helper might print belongs on the terminal (the app draws there); what goes
    # wrong in a helper comes back to the asking process with its batch
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.close(quiet)
    _helper_scenario = scenario
    _helper_looks.clear()


def _ready() -> None:
    """Nothing: submitted once to start the helpers early."""


def _play(team: str, worlds: list[World], tasks: list[Task]) -> list[float]:
    """In a helper: the scores of ``tasks``."""
    from game.bots.search import Look

    look = _helper_looks.get(team)
    if look is None:
        assert _helper_scenario is not None
        look = _helper_looks[team] = Look(_helper_scenario, team)
    return _here(look, worlds, tasks)
