"""How Chokepoint's worker processes end: with the process that started them, and at once when
it stops them.

A sweep's workers and the search bot's helpers wait for work from their parent. If the parent
is killed (``kill -9``, a closed terminal before it could stop them), nothing would ever tell
them to stop, and they waited for good. A daemon thread in each worker waits on the parent's
sentinel and ends the worker when the parent is gone (``end_with_parent``).

A parent that stops its pool (Ctrl-C) ends the workers without waiting for the games they are
playing (``end_pool``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor


def end_with_parent() -> None:
    """In a worker process: exit as soon as the parent process ends, however it ends."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def orphaned() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(0)

    threading.Thread(target=orphaned, name="end-with-parent", daemon=True).start()


def end_pool(pool: ProcessPoolExecutor, wait: float = 0.0) -> None:
    """Cancel ``pool``'s work not yet started and end its workers now; wait up to ``wait``
    seconds for its manager thread to see them gone.

    ``shutdown`` alone would wait for the work already running (a chunk of search games takes
    minutes). A worker ended while it sent a result leaves the manager thread reading the rest
    for good, and Python's exit waits for that thread (a sweep hung after its summary): with
    this process's end of the results pipe closed too, that read meets end-of-file once the
    workers are gone, and the manager thread ends as it does for any broken pool.
    """
    pids = list(getattr(pool, "_processes", None) or {})  # private tables of the pool
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for pid in pids:
        with contextlib.suppress(OSError):  # already gone
            os.kill(pid, signal.SIGTERM)
    if results is not None:
        results._writer.close()
    if manager is not None and wait > 0:
        manager.join(timeout=wait)
