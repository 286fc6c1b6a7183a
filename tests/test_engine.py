"""Sessions: sealed orders, resolution, undo, fork, per-team views, and the ledger."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.errors import OrderRefused
from game.fog import team_view
from game.log import session_lines
from game.orders import Diplomacy, ExportControl, Invest, StockpileRelease
from game.rules.diplomacy import chance_of
from game.state import initial_state


def test_sealed_orders_resolve_together(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=4)
    s.submit("beijing", [ExportControl(material="ndpr", target="JPN", level="full_ban")])
    assert s.waiting_for() == ["tokyo", "washington"]
    record = s.resolve()
    assert record.turn == 1 and s.turn == 1 and s.pending == {}
    assert record.orders["tokyo"] == [] and len(record.orders["beijing"]) == 1
    assert s.state.controls["CHN|ndpr|JPN"].level == "full_ban"


def test_full_ban_cuts_china_deliveries_to_japan(scenario) -> None:  # type: ignore[no-untyped-def]
    base, ban = Session(scenario, seed=1), Session(scenario, seed=1)
    base.resolve()
    ban.submit("beijing", [ExportControl(material="ndpr", target="JPN", level="full_ban")])
    ban.resolve()
    before = base.state.delivered["JPN"]["ndpr"]["CHN"]
    after = ban.state.delivered["JPN"]["ndpr"].get("CHN", 0.0)
    assert after <= 0.2 * before
    assert ban.state.indices["tension"] > base.state.indices["tension"]


def test_sessions_of_one_scenario_start_from_equal_states_they_do_not_share(scenario) -> None:  # type: ignore[no-untyped-def]
    # the starting state is built once per scenario (``state.start_state``) and copied
    fresh = initial_state(scenario).canonical()
    a = Session(scenario, seed=1)
    a.states[0].stockpile["JPN"]["dytb"] += 500.0
    a.states[0].indices["tension"] = 99.0
    a.resolve()
    b = Session(scenario, seed=1)
    assert b.states[0].canonical() == fresh
    assert b.states[0] is not a.states[0]


def test_undo_restores_the_previous_state(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=2)
    s.resolve()
    h1 = s.state.digest()
    s.submit("tokyo", [StockpileRelease(material="dytb", amount=30)])
    s.resolve()
    assert s.state.stockpile["JPN"]["dytb"] == pytest.approx(30)
    s.undo()
    assert s.turn == 1 and s.state.digest() == h1
    with pytest.raises(OrderRefused):
        Session(scenario, seed=2).undo()


def test_fork_shares_history_and_diverges(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=3)
    for _ in range(3):
        s.resolve()
    branch = s.fork(1)
    assert branch.turn == 1 and branch.records == s.records[:1]
    branch.submit("tokyo", [StockpileRelease(material="dytb", amount=50)])
    branch.resolve()
    assert branch.state.stockpile["JPN"]["dytb"] != s.states[2].stockpile["JPN"]["dytb"]
    assert s.turn == 3  # the original is untouched
    with pytest.raises(OrderRefused):
        s.fork(7)


def test_a_fork_says_it_is_a_branch_and_who_played_before_it(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=3, controllers={"beijing": "bot:doctrine:hawk"})
    for _ in range(4):
        s.resolve()
    branch = s.fork(3, "orig.jsonl")
    assert branch.settings == {
        "branch_of": "orig.jsonl",
        "branch_turn": 3,
        "branch_players": {"beijing": "bot:doctrine:hawk", "tokyo": "human", "washington": "human"},
    }
    branch.controllers["beijing"] = "bot:doctrine:dove"
    assert branch.players_at(3)["beijing"] == "bot:doctrine:hawk"
    assert branch.players_at(4)["beijing"] == "bot:doctrine:dove"
    # a branch of the branch: turns 1-3 were still played by the hawk, turn 4 by the dove
    for _ in range(2):
        branch.resolve()
    twig = branch.fork(5)
    assert "branch_of" not in twig.settings and twig.settings["branch_turn"] == 5
    assert twig.settings["branch_players"]["beijing"] == "bot:doctrine:dove"
    twig_early = branch.fork(2)
    assert twig_early.settings["branch_players"]["beijing"] == "bot:doctrine:hawk"
    assert s.players_at(2) == dict(sorted(s.controllers.items()))  # not a branch


def test_a_branch_of_a_branch_keeps_who_played_each_earlier_turn(scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A facilitator's audit: a fork after turn 5 of a branch made after turn 2 said the
    branch's computer Beijing had played turns 1-2, which people had played."""
    from game.log import replay_log, write_log
    from game.report.model import debrief_from_log
    from game.report.text import header_facts

    people = {t: "human" for t in ("beijing", "tokyo", "washington")}
    s = Session(scenario, seed=3, controllers=dict(people))
    for _ in range(2):
        s.resolve()
    first = s.fork(2, "orig.jsonl")
    first.controllers["beijing"] = "bot:doctrine:dove"
    for _ in range(3):
        first.resolve()
    second = first.fork(5, "first.jsonl")
    dove = {**people, "beijing": "bot:doctrine:dove"}
    assert [second.players_at(t) for t in (1, 2, 3, 5, 6)] == [people, people, dove, dove, dove]
    assert second.settings["branch_earlier"] == [[2, people]]
    assert second.settings["branch_turn"] == 5 and second.settings["branch_players"] == dove
    write_log(second, tmp_path / "second.jsonl")
    rep = replay_log(tmp_path / "second.jsonl")
    replayed = rep.session
    assert rep.error is None and replayed is not None and replayed.players_at(1) == people
    assert replayed.players_at(4) == dove
    facts = dict(header_facts(debrief_from_log(tmp_path / "second.jsonl")))
    assert "turns 1-2 played by Beijing: played by people" in facts["Branch"]
    assert "turns 3-5 played by" not in facts["Branch"]  # the branch's own players: not said
    # taking back the copied turns back to turn 1 leaves one segment: people
    for _ in range(4):
        second.undo()
    assert second.settings["branch_turn"] == 1 and second.settings["branch_players"] == people
    assert "branch_earlier" not in second.settings


def test_undo_on_a_branch_logged_before_branch_players_existed(scenario) -> None:  # type: ignore[no-untyped-def]
    """Branches logged before 2026-11-29 have branch_turn and no branch_players: taking back a
    copied turn moves the branch point back, as it did, and fork works from there."""
    s = Session(scenario, seed=3, settings={"branch_of": "old.jsonl", "branch_turn": 3})
    for _ in range(3):
        s.resolve()
    s.undo()
    assert s.settings == {"branch_of": "old.jsonl", "branch_turn": 2}
    assert s.players_at(1) == dict(sorted(s.controllers.items()))
    assert s.fork(2).settings["branch_turn"] == 2


def test_redoing_a_copied_turn_moves_the_branch_point_back(scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An analyst forked after turn 6 and overrode a result of turn 6: the fork then said
    'branch from turn 6' while diff found it differing at turn 6."""
    from game.diff import diff_logs
    from game.facilitation import Override
    from game.log import write_log

    s = Session(scenario, seed=3)
    for _ in range(6):
        s.resolve()
    branch = s.fork(6, "orig.jsonl")
    branch.amend([Override(kind="index", subject="tension", value=50, reason="what-if")])
    assert branch.settings["branch_turn"] == 5 and branch.turn == 6
    assert branch.players_at(6) == dict(sorted(branch.controllers.items()))
    write_log(s, tmp_path / "a.jsonl")
    write_log(branch, tmp_path / "b.jsonl")
    assert diff_logs(str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")).divergence == 6
    branch.undo()  # a turn of its own: the branch point stays
    assert branch.settings["branch_turn"] == 5
    branch.undo()  # a copied turn: the branch point moves back with it
    assert branch.settings["branch_turn"] == 4
    assert s.fork(6).settings["branch_turn"] == 6 and s.settings == {}  # the original untouched


def test_a_fork_keeps_the_ledger_setting(scenario) -> None:  # type: ignore[no-untyped-def]
    """A session that keeps no ledger (a sweep's) forks into one that keeps none either."""
    quiet = Session(scenario, seed=3, ledger=False)
    quiet.resolve()
    branch = quiet.fork(1)
    assert not branch.ledger
    assert not branch.resolve().ledger and not quiet.records[0].ledger
    assert Session(scenario, seed=3).resolve().ledger


def test_game_ends_after_the_last_turn(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=1)
    for _ in range(scenario.turns):
        s.resolve()
    assert s.is_over
    with pytest.raises(OrderRefused, match="over"):
        s.resolve()


def test_budget_and_projects(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=5)
    start = s.state.budget["tokyo"]
    s.submit("tokyo", [Invest(option="jp_recycling")])
    s.resolve()
    income = scenario.teams["tokyo"].income
    assert s.state.budget["tokyo"] == pytest.approx(start + income - 80)
    assert [p.option for p in s.state.projects] == ["jp_recycling"]
    capacity = s.state.production["JPN"]["ndpr"]
    for _ in range(8):
        s.resolve()
    assert "jp_recycling" in s.state.completed
    assert s.state.production["JPN"]["ndpr"] == pytest.approx(capacity + 25)


def test_diplomacy_draws_are_recorded_and_seeded(scenario) -> None:  # type: ignore[no-untyped-def]
    outcomes = set()
    for seed in range(12):
        s = Session(scenario, seed=seed)
        s.submit("washington", [Diplomacy(move="us_g7")])
        record = s.resolve()
        [draw] = [d for d in record.draws if d.phase == "diplomacy"]
        assert draw.subject == "washington:us_g7" and 0.02 <= draw.chance <= 0.98
        assert draw.happened == (draw.roll < draw.chance)
        outcomes.add(draw.happened)
    assert outcomes == {True, False}


def test_the_chance_shown_before_a_move_is_the_chance_drawn(scenario) -> None:  # type: ignore[no-untyped-def]
    """``chance_of`` (what the order form shows) reads the state the turn starts from."""
    s = Session(scenario, seed=3)
    s.submit("beijing", [Diplomacy(move="bj_wedge")])  # court Washington: cohesion falls
    s.resolve()
    before = s.state
    wedge = next(m for m in scenario.diplomacy if m.id == "bj_wedge")
    shown = chance_of(wedge, before)
    assert shown == pytest.approx(0.35 - 0.4 * (before.indices["cohesion"] / 100 - 0.5))
    assert shown != pytest.approx(0.35 - 0.4 * 0.2)  # cohesion is no longer the opening 70
    s.submit("beijing", [Diplomacy(move="bj_wedge")])
    [draw] = [d for d in s.resolve().draws if d.phase == "diplomacy"]
    assert draw.chance == shown


def test_ledger_explains_every_score_change(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=9)
    s.submit("beijing", [ExportControl(material="dytb", target="JPN", level="full_ban")])
    for _ in range(6):
        before = dict(s.state.scores)
        record = s.resolve()
        for team in scenario.teams:
            explained = sum(e.amount for e in record.ledger if e.key == f"score.{team}")
            assert explained == pytest.approx(s.state.scores[team] - before[team], abs=1e-6)
        assert all(e.why for e in record.ledger)


def test_team_view_applies_fog(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=11)
    s.submit("washington", [StockpileRelease(material="dytb", amount=25)])
    s.resolve()
    truth = s.state
    view = team_view(scenario, truth, "tokyo", s.seed)
    # own numbers exact
    assert view.state.stockpile["JPN"] == truth.stockpile["JPN"]
    assert view.state.budget["tokyo"] == truth.budget["tokyo"]
    # hidden: others' stockpiles show public starting values, not the truth
    assert view.is_hidden("stockpile.USA")
    assert view.state.stockpile["USA"]["dytb"] == 40 != truth.stockpile["USA"]["dytb"]
    assert view.is_hidden("budget.washington") and view.is_hidden("score.beijing")
    # public: prices and indices exact
    assert view.state.prices == truth.prices and view.state.indices == truth.indices
    # deterministic for a seed and turn, and the truth is untouched
    assert team_view(scenario, truth, "tokyo", s.seed).state.canonical() == view.state.canonical()
    assert s.state.digest() == truth.digest()


def test_same_inputs_same_log_bytes(scenario) -> None:  # type: ignore[no-untyped-def]
    def play() -> str:
        s = Session(scenario, seed=21)
        s.submit(
            "beijing",
            [
                ExportControl(material="ndpr", target="JPN", level="full_ban"),
                Diplomacy(move="bj_pla_exercise"),
            ],
        )
        s.submit("tokyo", [Invest(option="lynas_offtake"), Diplomacy(move="tk_g7")])
        for _ in range(12):
            s.resolve()
        return "".join(session_lines(s))

    assert play() == play()


def test_orders_under_a_name_that_is_no_team_are_refused_not_dropped(scenario) -> None:  # type: ignore[no-untyped-def]
    """A reviewer's 'tokio': the orders were neither played nor logged, and nothing said so."""
    from game.errors import OrderRefused
    from game.orders import Sanction

    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    with pytest.raises(OrderRefused, match="there is no team 'tokio' in this scenario"):
        session.play({"tokio": [Sanction(target="CHN", severity="broad")]})
    assert session.turn == 0


def test_days_of_cover_of_a_material_no_longer_used_read_as_the_most(scenario) -> None:  # type: ignore[no-untyped-def]
    """With demand cut to nothing by an inject, the cover metric read 0 days: a 'cover < 30'
    inject fired and a cover objective fell to nothing though the inventory was all there."""
    from game.metrics import metric
    from game.state import COVER_CAP_DAYS

    cut = {
        "id": "no_magnets",
        "headline": "Magnet demand stops",
        "effects": {"demand": [{"actor": "JPN", "material": "magnets", "factor": 0.0}]},
    }
    data = scenario.model_dump()
    s = scenario.model_validate({**data, "injects": [*data["injects"], cut]})
    session = Session(s, seed=1)
    session.play({}, manual_injects=["no_magnets"])
    assert session.state.inventory["JPN"]["magnets"] > 0
    assert metric(session.state, "cover.JPN.magnets") == COVER_CAP_DAYS
    assert metric(session.state, "cover.AUS.magnets") == COVER_CAP_DAYS  # Australia uses none
