"""Computer opponents: legal orders only, decided from the team's view, deterministic per seed."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots import BOT_KINDS, make_bot
from game.bots.common import candidate_orders, is_legal
from game.bots.search import SearchBot
from game.cli import main
from game.engine import Session
from game.fog import team_view
from game.headless import computer_orders, play_game
from game.log import session_lines
from game.order_checks import check_orders
from game.scenario import Scenario
from tests.strategies import random_play

FAST_KINDS = ["hold", "random", "doctrine", "doctrine:hawk", "doctrine:dove", "doctrine:pragmatist"]


def test_registry_has_every_kind() -> None:
    for kind in [
        *FAST_KINDS,
        "search",
        "search:easy",
        "search:normal",
        "search:hard",
    ]:
        assert kind in BOT_KINDS


def test_unknown_kind_names_the_known_ones(scenario: Scenario) -> None:
    with pytest.raises(ValueError, match=r"doctrine:hawk.*search:easy"):
        make_bot("grandmaster", "tokyo", scenario, 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), turn=st.integers(0, 11))
def test_fast_bots_give_only_legal_orders(scenario: Scenario, seed: int, turn: int) -> None:
    session = random_play(scenario, seed, turn)
    for team in sorted(scenario.teams):
        view = team_view(scenario, session.state, team, seed)
        for o in candidate_orders(scenario, session.state, team):
            assert is_legal(scenario, session.state, team, o), o
        for kind in FAST_KINDS:
            orders = make_bot(kind, team, scenario, seed).decide(view)
            assert check_orders(scenario, session.state, team, orders) == [], (kind, orders)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), turn=st.integers(0, 11))
def test_search_bot_gives_only_legal_orders(scenario: Scenario, seed: int, turn: int) -> None:
    session = random_play(scenario, seed, turn)
    for team in sorted(scenario.teams):
        view = team_view(scenario, session.state, team, seed)
        orders = make_bot("search:easy", team, scenario, seed).decide(view)
        assert check_orders(scenario, session.state, team, orders) == []


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), turn=st.integers(0, 11))
def test_bots_and_views_never_change_the_state_they_read(
    scenario: Scenario, seed: int, turn: int
) -> None:
    """A view is the bot's to read, not to write: deciding changes neither the view nor the true
    state behind it (the invariant any future sharing of tables between them relies on)."""
    session = random_play(scenario, seed, turn)
    truth = copy.deepcopy(session.state)
    for team in sorted(scenario.teams):
        view = team_view(scenario, session.state, team, seed)
        seen = copy.deepcopy(view.state)
        for kind in [*FAST_KINDS, "search:easy"]:
            make_bot(kind, team, scenario, seed).decide(view)
            assert view.state == seen, kind
    assert session.state == truth


def _hide_truth(session: Session, team: str) -> None:
    """Change what ``team`` cannot see in the true state: others' stockpiles and budgets."""
    state = session.states[-1].copy()
    me = session.scenario.teams[team].actor
    for actor, row in state.stockpile.items():
        if actor != me:
            for m in row:
                row[m] = row[m] * 0.25 + 7.0
    for other in state.budget:
        if other != team:
            state.budget[other] = state.budget[other] * 3.0 + 11.0
    session.states[-1] = state


@pytest.mark.parametrize("kind", ["random", "doctrine:hawk", "doctrine:pragmatist", "search:easy"])
def test_bots_decide_from_the_view_not_the_true_state(scenario: Scenario, kind: str) -> None:
    for team in sorted(scenario.teams):
        a = random_play(scenario, 5, 3)
        b = random_play(scenario, 5, 3)
        _hide_truth(b, team)
        assert a.state.digest() != b.state.digest()
        bots = {team: make_bot(kind, team, scenario, 5)}
        assert computer_orders(a, bots) == computer_orders(b, bots)


def test_bots_read_their_view(scenario: Scenario) -> None:
    """The decision follows the view: what a team sees of itself changes what it orders."""
    session = random_play(scenario, 2, 0)
    view = team_view(scenario, session.state, "tokyo", 2)
    bot = make_bot("doctrine:pragmatist", "tokyo", scenario, 2)
    calm = bot.decide(view)
    state = view.state.copy()
    state.indices["posture"] = 20.0
    state.indices["cohesion"] = 30.0
    state.cover["JPN"] = {m: 1.0 for m in state.cover["JPN"]}
    worried = bot.decide(dataclasses.replace(view, state=state))
    assert calm != worried


@pytest.mark.parametrize("kind", ["random", "doctrine:dove", "search:easy"])
def test_same_seed_same_game_byte_for_byte(scenario: Scenario, kind: str) -> None:
    logs = []
    for _ in range(2):
        session = Session(scenario, 42, {t: f"bot:{kind}" for t in scenario.teams})
        bots = {t: make_bot(kind, t, scenario, 42) for t in scenario.teams}
        play_game(session, {}, bots, 4 if kind.startswith("search") else None)
        logs.append("".join(session_lines(session)))
    assert logs[0] == logs[1]
    other = Session(scenario, 43)
    play_game(other, {}, {t: make_bot(kind, t, scenario, 43) for t in scenario.teams}, 4)
    assert "".join(session_lines(other)) != logs[0]


def test_bot_orders_are_logged_and_replay(scenario: Scenario, tmp_path: object) -> None:
    from pathlib import Path

    from game.log import verify_log, write_log

    session = Session(scenario, 9, {t: "bot:doctrine" for t in scenario.teams})
    play_game(session, {}, {t: make_bot("doctrine", t, scenario, 9) for t in scenario.teams})
    path = Path(str(tmp_path)) / "game.jsonl"
    write_log(session, path)
    assert any(r.orders.get("beijing") for r in session.records)
    report = verify_log(path)
    assert report.error is None and report.good_turns == scenario.turns


def test_search_budget_is_deterministic_and_bounded(scenario: Scenario) -> None:
    """The 'time budget' is a count of engine turns, the same on every run."""
    session = Session(scenario, 3)
    counts = []
    for _ in range(2):
        bot = make_bot("search:hard", "washington", scenario, 3)
        assert isinstance(bot, SearchBot)
        bot.decide(team_view(scenario, session.state, "washington", 3))
        counts.append(bot.evaluations)
    assert counts[0] == counts[1] and 0 < counts[0] < 1500


def test_doctrines_beat_random_on_average(scenario: Scenario) -> None:
    """A small sanity tournament: the pragmatist Beijing outscores random orders."""

    def score(kind: str) -> float:
        total = 0.0
        for seed in range(4):
            session = Session(scenario, seed)
            bots = {t: make_bot("doctrine", t, scenario, seed) for t in scenario.teams}
            bots["beijing"] = make_bot(kind, "beijing", scenario, seed)
            play_game(session, {}, bots)
            total += session.state.scores["beijing"]
        return total / 4

    assert score("doctrine:hawk") > score("random") + 5


def test_run_accepts_bot_kinds(scenario: Scenario, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "dual-use-ban-2026", "--seed", "4", "--turns", "2"]
    argv += [
        "--bot",
        "beijing=doctrine:hawk",
        "--bot",
        "tokyo=random",
        "--bot",
        "washington=search:easy",
    ]
    assert main(argv) == 0
    assert main([*argv[:6], "--bot", "tokyo=wizard"]) == 2
    assert "unknown bot 'wizard'" in capsys.readouterr().err


def test_bot_amounts_follow_the_scenarios_per_turn_demand(scenario: Scenario) -> None:
    """The scenario's demand is per turn; the bots took it per month and multiplied it by the
    turn's months, so with three-month turns a release was three turns of demand."""
    from game.bots.common import BUILD_MONTHS, MenuPlan
    from game.orders import StockpileBuild
    from game.state import total_demand

    for months in (1, 3):
        s = Scenario.model_validate({**scenario.model_dump(), "turn_length_months": months})
        plan = MenuPlan.of(s, "washington")
        assert plan.own_release["dytb"] == pytest.approx(total_demand(s, "USA", "dytb"))
        assert plan.ally_release["dytb"] == pytest.approx(total_demand(s, "JPN", "dytb"))
        build = plan.build["dytb"]
        assert isinstance(build, StockpileBuild)
        per_month = total_demand(s, "USA", "dytb") / months
        assert build.amount == pytest.approx(per_month * BUILD_MONTHS, abs=1e-3)


def test_a_tiny_demand_still_gives_a_purchase_an_order_can_make(scenario: Scenario) -> None:
    """A scenario author wrote germanium in kilotonnes: the US's need, 0.0003 kt a month,
    rounded to a purchase of 0, which no order may be, and every computer player failed with a
    traceback (run, sweep and the app)."""
    from game.bots.common import MenuPlan

    edited = scenario.model_copy(deep=True)
    for row in edited.demand["USA"].values():
        if "germanium" in row:
            row["germanium"] = 0.0001
    plan = MenuPlan.of(edited, "washington")
    assert 0.0 < plan.build["germanium"].amount < 0.0005  # type: ignore[attr-defined]
    session = Session(edited, 1)
    bots = {t: make_bot("doctrine", t, edited, 1) for t in edited.teams}
    play_game(session, {}, bots, 3)
    assert session.turn == 3
