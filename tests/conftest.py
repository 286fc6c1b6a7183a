"""Shared fixtures: the bundled scenarios, loaded once per test session; and how the property
and fuzz tests draw their examples.

They draw the same examples on every run (Hypothesis's ``derandomize``, seeded by each test's
name), so the suite passes or fails alike on every machine and in CI: a CI run once went red on
a case no earlier run had drawn, unrelated to the change under test. A failure found is kept as
an explicit ``@example``. To search afresh, with new random examples on each run:

    CHOKEPOINT_EXPLORE=1 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from game.scenario import Scenario
from game.scenario_loader import load_scenario

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("explore" if os.environ.get("CHOKEPOINT_EXPLORE") else "repeatable")

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
DEFAULT = SCENARIOS / "dual-use-ban-2026.yaml"


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario(DEFAULT)


def children_of(pid: int) -> list[int]:
    """The processes ``pid`` has started (Linux)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(c) for c in task.read_text().split()]
    return found


def wait_for_children(proc: subprocess.Popen[str], settle: float) -> list[int]:
    """The processes ``proc`` has started (its sweep's workers: its games have begun), waited
    for up to a minute, then ``settle`` seconds more for them to play a few games.

    A fixed wait sent Ctrl-C to a command still loading its scenario on a loaded machine.
    """
    deadline = time.monotonic() + 60.0
    while not children_of(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    time.sleep(settle)
    return children_of(proc.pid)


@pytest.fixture(autouse=True)
def _search_on_one_core() -> Iterator[None]:
    """A test that turned on the search bot's helper processes (``chokepoint run`` with a
    search bot does) leaves none running for the tests after it."""
    yield
    pool = sys.modules.get("game.bots.search_pool")
    if pool is not None and pool.workers() != 1:
        pool.set_workers(1)
