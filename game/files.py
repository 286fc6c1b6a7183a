"""Reading the files a user names (scenarios, plans, logs), never more than such a file can be.

``chokepoint validate /dev/zero`` read for ever, its memory growing until the machine stopped it
(a fuzzing audit). A file is read up to a limit far above any real scenario, plan or log, and
one larger than that is refused with the limit named, as an ``OSError`` the callers already
turn into a message ("cannot read the file: ...").
"""

from __future__ import annotations

import errno
from pathlib import Path

MB = 1024 * 1024
SCENARIO_LIMIT = 16 * MB
"""The bundled scenarios are 20-40 KB."""
PLAN_LIMIT = 16 * MB
"""A plan of every team's orders for 60 turns is some hundred KB."""
LOG_LIMIT = 128 * MB
"""A 12-turn session log is about 150 KB; one of hundreds of turns stays far below this."""


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` (a file, or a device or pipe that ends), at most ``limit``."""
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(
            errno.EFBIG,
            f"it holds more than {limit // MB} MB, far more than such a file ever does "
            "(is it the file you meant?)",
        )
    return data
