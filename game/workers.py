"""What every worker process Chokepoint starts does first: end when the process that started it
ends.

A sweep's workers and the search bot's helpers wait for work from their parent. If the parent
is killed (``kill -9``, a closed terminal before it could stop them), nothing would ever tell
them to stop, and they waited for good. A daemon thread in each worker waits on the parent's
sentinel and ends the worker when the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading


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
