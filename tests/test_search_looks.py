"""How far the search bot looks (to the game's end, at normal and hard) and at how many options.

Each batch of rollouts a decision asks for is recorded (``search_pool.scores``, which every
batch goes through), so these tests read what the bot looked at, not only what it chose.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from game.bots import search, search_pool
from game.bots.search import Look, SearchBot, Task, World
from game.engine import Session
from game.fog import team_view
from game.headless import play_game
from game.orders import Diplomacy
from game.scenario import Scenario


def batches(
    monkeypatch: pytest.MonkeyPatch,
    scenario: Scenario,
    team: str,
    turns_played: int,
    seed: int = 5,
    level: str = "hard",
) -> list[list[Task]]:
    """The batches of one ``search:LEVEL`` decision for ``team`` after ``turns_played`` turns."""
    session = Session(scenario, seed)
    play_game(session, {}, {}, turns=turns_played)
    seen: list[list[Task]] = []
    real = search_pool.scores

    def record(look: Look, worlds: Sequence[World], tasks: Sequence[Task]) -> list[float]:
        seen.append(list(tasks))
        return real(look, worlds, tasks)

    monkeypatch.setattr(search_pool, "scores", record)
    bot = SearchBot(team, scenario, seed, level)
    bot.decide(team_view(scenario, session.state, team, seed))
    return [b for b in seen if b]


def long_batches(seen: list[list[Task]]) -> list[list[Task]]:
    return [b for b in seen if b[0].react]


@pytest.mark.parametrize("level", ["normal", "hard"])
def test_the_search_looks_to_the_end_of_the_game_from_the_first_turn(
    monkeypatch: pytest.MonkeyPatch, scenario: Scenario, level: str
) -> None:
    """Japan's posture gives way turns after a ban bites, so a look that stopped short of the
    last turn undervalued coercion (Beijing's hawk doctrine scored as well as the search)."""
    seen = batches(monkeypatch, scenario, "beijing", 0, level=level)
    assert {t.horizon for b in long_batches(seen) for t in b} == {scenario.turns}
    assert {t.horizon for b in seen if not b[0].react for t in b} == {2}  # the screen


@pytest.mark.parametrize("level", ["normal", "hard"])
def test_the_long_look_shortens_as_the_game_runs_out(
    monkeypatch: pytest.MonkeyPatch, scenario: Scenario, level: str
) -> None:
    seen = batches(monkeypatch, scenario, "beijing", scenario.turns - 3, level=level)
    assert {t.horizon for b in long_batches(seen) for t in b} == {3}


def test_normal_looks_at_fewer_worlds_than_hard(
    monkeypatch: pytest.MonkeyPatch, scenario: Scenario
) -> None:
    """The levels differ in how many guesses at the hidden state they weigh, not how far."""
    worlds = {
        level: {t.world for b in batches(monkeypatch, scenario, "tokyo", 2, level=level) for t in b}
        for level in ("normal", "hard")
    }
    assert len(worlds["normal"]) == search.LEVELS["normal"].worlds == 3
    assert len(worlds["hard"]) == search.LEVELS["hard"].worlds == 4


def test_local_search_looks_far_only_at_its_best_screened_neighbours(
    monkeypatch: pytest.MonkeyPatch, scenario: Scenario
) -> None:
    """The last long batch is the local search's: ``tries`` options on every world. Without
    the cap, the same decision (Beijing's first, seed 1) looks far at more of them."""
    hard = search.LEVELS["hard"]
    capped = long_batches(batches(monkeypatch, scenario, "beijing", 0, seed=1))[-1]
    assert len(capped) == hard.tries * hard.worlds
    monkeypatch.setitem(search.LEVELS, "hard", dataclasses.replace(hard, tries=0))
    uncapped = long_batches(batches(monkeypatch, scenario, "beijing", 0, seed=1))[-1]
    assert len(uncapped) > len(capped)


@pytest.mark.parametrize(("level", "gives"), [("easy", False), ("normal", True), ("hard", True)])
def test_an_order_worth_a_little_in_every_world_is_given_above_the_easy_level(
    monkeypatch: pytest.MonkeyPatch, scenario: Scenario, level: str, gives: bool
) -> None:
    """With rollouts that value reassuring Tokyo 0.1 points above anything else in every world,
    normal and hard reassure; easy, which sees one world and so asks 0.2 points of each order,
    holds. A penalty of 0.2 at hard had Washington hold while a wedge cost it 10 points."""
    reassure = Diplomacy(type="diplomacy", move="us_reassure")

    def fake(look: Look, worlds: Sequence[World], tasks: Sequence[Task]) -> list[float]:
        return [80.0 + (0.1 if t.orders and reassure in t.orders else 0.0) for t in tasks]

    monkeypatch.setattr(search_pool, "scores", fake)
    bot = SearchBot("washington", scenario, 5, level)
    session = Session(scenario, 5)
    chosen = bot.decide(team_view(scenario, session.state, "washington", 5))
    assert (reassure in chosen) is gives
    if not gives:
        assert chosen == []
