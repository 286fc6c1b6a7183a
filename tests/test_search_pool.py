"""The search bot's rollouts shared between processes (``game.bots.search_pool``): the same
decision, to the last bit, on one core or several, and when a helper dies mid-game."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.bots import make_bot, search_pool
from game.bots.search import SearchBot
from game.engine import Session
from game.fog import team_view
from game.orders import Order
from game.scenario import Scenario
from tests.conftest import DEFAULT


def decide(scenario: Scenario, kind: str, team: str, session: Session) -> tuple[list[Order], int]:
    bot = make_bot(kind, team, scenario, session.seed)
    assert isinstance(bot, SearchBot)
    orders = bot.decide(team_view(scenario, session.state, team, session.seed))
    return orders, bot.evaluations


@pytest.mark.parametrize("kind", ["search:easy", "search:hard"])
def test_a_decision_is_the_same_on_one_core_or_two(scenario: Scenario, kind: str) -> None:
    session = Session(scenario, 5)
    teams = ["washington"] if kind == "search:hard" else sorted(scenario.teams)
    alone = {t: decide(scenario, kind, t, session) for t in teams}
    search_pool.set_workers(2)
    shared = {t: decide(scenario, kind, t, session) for t in teams}
    assert search_pool._pool is not None  # the helper did play its share
    assert shared == alone
    assert all(orders for orders, _ in alone.values())


def test_a_helper_that_dies_leaves_the_decision_unchanged(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper killed while its batch is under way: the batch is played here instead."""
    session = Session(scenario, 6)
    alone = decide(scenario, "search:easy", "beijing", session)
    search_pool.set_workers(2)
    submit = search_pool._submit
    killed: list[int] = []
    fell_back: list[int] = []

    def submit_then_kill(pool, fn, *args):  # type: ignore[no-untyped-def]
        future = submit(pool, fn, *args)
        if fn is search_pool._play and not killed:
            for process in list(pool._processes.values()):
                process.kill()
                process.join()
                killed.append(process.pid)
        return future

    shutdown = search_pool.shutdown

    def counted_shutdown() -> None:
        fell_back.append(1)
        shutdown()

    monkeypatch.setattr(search_pool, "_submit", submit_then_kill)
    monkeypatch.setattr(search_pool, "shutdown", counted_shutdown)
    assert decide(scenario, "search:easy", "beijing", session) == alone
    assert killed and fell_back  # a batch's helper died, and its share was played here


def test_helpers_end_with_the_process_that_started_them(tmp_path: Path) -> None:
    """A run killed outright (SIGKILL) left its helper waiting for work for good."""
    script = tmp_path / "start.py"
    script.write_text(
        "import sys, time\n"
        "from game.bots import make_bot, search_pool\n"
        "from game.scenario_loader import load_scenario\n"
        "if __name__ == '__main__':\n"
        f"    s = load_scenario({str(DEFAULT)!r})\n"
        "    search_pool.set_workers(2)\n"
        "    make_bot('search:easy', 'tokyo', s, 1)\n"
        "    pool = search_pool._pool\n"
        "    pool.submit(search_pool._ready).result()\n"
        "    print(*pool._processes, flush=True)\n"
        "    time.sleep(60)\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    helpers = [int(pid) for pid in proc.stdout.readline().split()]
    assert helpers
    proc.kill()
    proc.wait()

    def running(pid: int) -> bool:  # a zombie waiting to be reaped has ended too
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(running(p) for p in helpers):
        time.sleep(0.1)
    alive = [p for p in helpers if running(p)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive


def test_one_worker_starts_no_process(scenario: Scenario) -> None:
    search_pool.set_workers(1)
    decide(scenario, "search:easy", "tokyo", Session(scenario, 2))
    assert search_pool._pool is None


def test_a_batch_is_dealt_whole_and_evenly() -> None:
    shares = search_pool.deal(11, 2)
    assert shares == [[0, 2, 4, 6, 8, 10], [1, 3, 5, 7, 9]]
    assert sorted(i for share in search_pool.deal(17, 3) for i in share) == list(range(17))
