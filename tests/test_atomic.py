"""Atomic writes: whole files or nothing, and devices are written in place, never replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from game.atomic import write_text_atomic
from game.errors import ChokepointError


def test_writes_and_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "log.jsonl"
    write_text_atomic(target, "one\n")
    write_text_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["log.jsonl"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_device_is_written_in_place_not_replaced() -> None:
    before = os.stat(os.devnull)
    write_text_atomic(os.devnull, "discarded\n")
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_errors_are_user_messages(tmp_path: Path) -> None:
    with pytest.raises(ChokepointError, match="is a directory"):
        write_text_atomic(tmp_path, "x")
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(ChokepointError, match="cannot write"):
        write_text_atomic(plain / "inside.txt", "x")  # a file is not a folder


def test_a_folder_no_file_can_be_made_in_is_found_before_the_work(tmp_path: Path) -> None:
    """Run as root, 'run ... -o /proc/x.jsonl' played a whole game before it found it could not
    write the log (os.access says yes to root there); the check now makes and removes a file."""
    from game.atomic import check_writable

    # as root, os.access says yes and the trial file finds it; as anyone else, os.access
    with pytest.raises(ChokepointError, match=r"/proc/x.jsonl: cannot write: .*/proc"):
        check_writable("/proc/x.jsonl")
    check_writable(tmp_path / "ok.jsonl")
    assert list(tmp_path.iterdir()) == []  # the trial file is gone
    check_writable(os.devnull)  # a device is written in place: nothing is made beside it


def test_a_pipe_is_writable_as_it_stands(tmp_path: Path) -> None:
    """'run -o >(wc -c)' (a /dev/fd pipe) was refused by the trial file."""
    from game.atomic import check_writable

    read, write = os.pipe()
    try:
        check_writable(f"/dev/fd/{write}")
    finally:
        os.close(read)
        os.close(write)
