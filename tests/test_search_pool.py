"""The search bot's rollouts shared between processes (``game.bots.search_pool``): the same
decision, to the last bit, on one core or several, and when a helper dies mid-game."""

from __future__ import annotations

import pytest

from game.bots import make_bot, search_pool
from game.bots.search import SearchBot
from game.engine import Session
from game.fog import team_view
from game.orders import Order
from game.scenario import Scenario


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


def test_a_helper_that_dies_leaves_the_decision_unchanged(scenario: Scenario) -> None:
    session = Session(scenario, 6)
    alone = decide(scenario, "search:easy", "beijing", session)
    search_pool.set_workers(2)
    decide(scenario, "search:easy", "tokyo", session)  # the helper is up
    pool = search_pool._pool
    assert pool is not None
    for process in list(pool._processes.values()):  # type: ignore[attr-defined]
        process.kill()
        process.join()
    assert decide(scenario, "search:easy", "beijing", session) == alone


def test_one_worker_starts_no_process(scenario: Scenario) -> None:
    search_pool.set_workers(1)
    decide(scenario, "search:easy", "tokyo", Session(scenario, 2))
    assert search_pool._pool is None


def test_a_batch_is_dealt_whole_and_evenly() -> None:
    shares = search_pool.deal(11, 2)
    assert shares == [[0, 2, 4, 6, 8, 10], [1, 3, 5, 7, 9]]
    assert sorted(i for share in search_pool.deal(17, 3) for i in share) == list(range(17))
