"""Write a file so that a crash leaves the old version or the new one, never half of either.

The text goes to a temporary file beside the target, is flushed to disk, then renamed over the
target. A target that exists but is not a regular file (``/dev/null``, a pipe, a terminal) is
written in place instead: renaming over it would replace the device with a plain file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from game.errors import ChokepointError


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path``; ChokepointError says what failed."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ChokepointError(f"{path}: cannot write: {exc.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ChokepointError(f"{path}: is a directory")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ChokepointError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ChokepointError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_writable(path: str | Path) -> None:
    """Raise ChokepointError now if ``path`` could not be written later by ``write_text_atomic``
    (which makes missing folders): so a long run is refused before it starts, not after."""
    path = Path(path)
    if path.is_dir():
        raise ChokepointError(f"{path}: is a directory")
    if path.exists() and not path.is_file():  # a pipe, /dev/null, /dev/fd/N: written in place
        return
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the missing folders will be made inside the first that exists
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ChokepointError(f"{path}: cannot write: {folder} is not a folder you can write in")
    # a file made and removed: os.access says yes to root in /proc and on read-only mounts,
    # and a 16-second game was played before the log could not be written
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".chokepoint-check-")
    except OSError as exc:
        raise ChokepointError(
            f"{path}: cannot write: no file can be made in {folder} ({exc.strerror or exc})"
        ) from None
    os.close(fd)
    os.unlink(probe)
