"""Injects (scripted, conditional, by hand), overrides, notes, and the condition language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.conditions import ConditionError, parse_condition
from game.engine import Session
from game.errors import OrderRefused, ScenarioError
from game.facilitation import Override, manual_injects, parse_override
from game.log import replay_log, write_log
from game.metrics import metric_problem
from game.orders import Diplomacy, Invest
from game.scenario import Scenario
from game.scenario_loader import load_scenario
from game.state import initial_state
from tests.conftest import DEFAULT


def compile_(scenario, text: str):  # type: ignore[no-untyped-def]
    return parse_condition(text, lambda p: metric_problem(scenario, p))


def test_conditions_evaluate_metrics_and_logic(scenario) -> None:  # type: ignore[no-untyped-def]
    state = initial_state(scenario)  # JPN magnets 45 days, tension 65
    assert compile_(scenario, "cover.JPN.magnets < 50")(state)
    assert not compile_(scenario, "cover.JPN.magnets < 30")(state)
    assert compile_(scenario, "index.tension >= 65 and turn == 1")(state)
    assert compile_(scenario, "index.tension > 90 or not (price.ndpr > 100)")(state)
    assert not compile_(scenario, "index.tension > 90 or price.ndpr > 100 and turn > 0")(state)
    assert compile_(scenario, "stockpile.JPN.dytb != 0")(state)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cover.JPN.magnetz < 3", "unknown material 'magnetz'"),
        ("index.tension >", "ends too early"),
        ("index.tension = 3", "unexpected '= 3'"),
        ("(index.tension > 3", "expected ')'"),
        ("index.tension > 3 3", "unexpected '3'"),
        ("__import__('os')", "unexpected"),
        ("tension > 3", "unknown metric 'tension'"),
    ],
)
def test_bad_conditions_are_explained(scenario, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_(scenario, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeinortuxJPNCHcover.index<>=!() 0123456789_-", max_size=40))
def test_fuzzed_conditions_parse_or_fail_cleanly(text: str) -> None:
    scenario = load_scenario(DEFAULT)
    try:
        check = compile_(scenario, text)
    except ConditionError:
        return
    assert isinstance(check(initial_state(scenario)), bool)


def test_bad_condition_in_a_scenario_names_the_line(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(
        text.replace("condition: index.tension >= 80", "condition: index.tensoin >= 80"),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    msg = str(info.value)
    line = text.splitlines().index("    condition: index.tension >= 80") + 1
    assert f"line {line}" in msg and "injects.2.condition" in msg and "tensoin" in msg


def test_a_condition_nested_too_deep_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    """A fuzzing audit: 328 levels of brackets (or 983 'not') stopped every command that read
    the scenario, or a log holding it, with a RecursionError's traceback; 20,000 and/or would
    have done so when the condition was checked."""
    text = DEFAULT.read_text(encoding="utf-8")
    line = text.splitlines().index("    condition: index.tension >= 80") + 1
    for deep, said in [
        ("(" * 328 + "turn > 1" + ")" * 328, "nested more than 32 deep"),
        ("not " * 983 + "turn > 1", "nested more than 32 deep"),
        (" and ".join(["turn > 1"] * 20000), "joins 19999 tests with and/or; at most 200"),
    ]:
        path = tmp_path / "deep.yaml"
        path.write_text(
            text.replace("condition: index.tension >= 80", f'condition: "{deep}"'),
            encoding="utf-8",
        )
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        msg = str(info.value)
        assert f"line {line}" in msg and "injects.2.condition" in msg and said in msg, msg
    nested = "(" * 32 + "index.tension >= 80" + ")" * 32  # as deep as is read
    assert compile_(load_scenario(DEFAULT), nested)(initial_state(load_scenario(DEFAULT))) in (
        True,
        False,
    )


def test_scripted_injects_open_their_turn_once(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=1)
    record = s.resolve()  # the Chikyu inject opens turn 2: it fires at the end of turn 1
    assert [i.id for i in record.injects] == ["chikyu_mud"]
    assert [i.headline for i in s.news()] == [record.injects[0].headline]
    assert "minamitorishima" in s.state.unlocked
    assert any(e.rule == "inject" and e.key == "index.posture" for e in record.ledger)
    assert all(i.id != "chikyu_mud" for r in [s.resolve(), s.resolve()] for i in r.injects)


def test_locked_options_open_only_after_their_inject(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=1)
    [refusal] = s.check("tokyo", [Invest(option="minamitorishima")])
    assert "not available yet" in refusal.reason
    s.resolve()
    # the Chikyu inject opens turn 2, so orders for turn 2 may already use it
    assert s.check("tokyo", [Invest(option="minamitorishima")]) == []


def test_condition_injects_fire_when_the_state_calls_for_it(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=2)
    calm = s.resolve()
    assert "insurers_pull_cover" not in [i.id for i in calm.injects]
    s.undo()
    tense = Override(kind="index", subject="tension", value=90, reason="test")
    record = s.resolve(overrides=[tense])
    assert "insurers_pull_cover" in [i.id for i in record.injects]
    assert s.state.prices["magnets"] > calm.state.prices["magnets"]


def test_hand_fired_injects(scenario) -> None:  # type: ignore[no-untyped-def]
    ids = [i.id for i in manual_injects(scenario)]
    assert {
        "lib_pla_exercise",
        "lib_smuggling_ring",
        "lib_g7_summit",
        "lib_plant_fire",
        "lib_price_spike",
    } <= set(ids)
    s = Session(scenario, seed=3)
    s.queue_inject("lib_plant_fire")
    with pytest.raises(OrderRefused, match="already queued"):
        s.queue_inject("lib_plant_fire")
    with pytest.raises(OrderRefused, match="unknown inject"):
        s.queue_inject("alien_invasion")
    capacity = s.state.production["VNM"]["magnets"]
    record = s.resolve()
    assert [(i.id, i.manual) for i in record.injects] == [
        ("lib_plant_fire", True),  # fired by hand, at the start of the turn
        ("chikyu_mud", False),  # scripted to open turn 2, at the end of turn 1
    ]
    assert s.state.production["VNM"]["magnets"] == pytest.approx(capacity / 2)
    assert s.queued_injects == []


def test_library_injects_that_do_not_fit_are_left_out() -> None:
    senkaku = load_scenario(DEFAULT.parent / "senkaku-2010.yaml")
    ids = {i.id for i in manual_injects(senkaku)}
    assert "lib_plant_fire" not in ids  # Vietnam makes no magnets in 2010
    assert "lib_pla_exercise" in ids


def test_draw_override_sets_the_outcome_and_keeps_the_roll(scenario) -> None:  # type: ignore[no-untyped-def]
    for forced in (0.0, 1.0):
        s = Session(scenario, seed=4)
        s.submit("washington", [Diplomacy(move="us_g7")])
        record = s.resolve(
            overrides=[
                Override(
                    kind="draw", subject="washington:us_g7", value=forced, reason="summit fixed"
                )
            ]
        )
        [draw] = [d for d in record.draws if d.phase == "diplomacy"]
        assert draw.happened is bool(forced) and draw.override == "summit fixed"
        assert 0 <= draw.roll < 1


def test_amend_reresolves_the_last_turn_with_an_override(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=5)
    s.submit("beijing", [Diplomacy(move="bj_wedge")])
    s.resolve()
    s.add_note("wedge attempt discussed")
    record = s.amend([Override(kind="index", subject="cohesion", value=20, reason="leak")])
    assert s.turn == 1 and s.state.indices["cohesion"] == 20
    assert record.orders["beijing"] == [Diplomacy(move="bj_wedge")]
    assert s.notes[1] == ["wedge attempt discussed"]
    entry = next(e for e in record.ledger if e.rule == "override")
    assert "leak" in entry.why


def test_override_validation() -> None:
    with pytest.raises(ValueError, match="index override"):
        parse_override({"kind": "index", "subject": "happiness", "value": 3, "reason": "x"})
    with pytest.raises(ValueError, match="reason"):
        parse_override({"kind": "draw", "subject": "tokyo:tk_g7", "value": 1, "reason": ""})


def test_notes_follow_undo_fork_and_the_log(scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=6)
    s.resolve()
    s.add_note("turn one: quiet")
    s.resolve()
    s.add_note("turn two: Beijing hesitated")
    with pytest.raises(OrderRefused):
        s.add_note("  ")
    assert s.fork(1).notes == {1: ["turn one: quiet"]}
    path = tmp_path / "log.jsonl"
    write_log(s, path)
    rep = replay_log(path)
    assert rep.ok and rep.session is not None and rep.session.notes == s.notes
    s.undo()
    assert s.notes == {1: ["turn one: quiet"]}


def test_once_injects_cannot_be_fired_twice_by_hand(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=7)
    s.queue_inject("lib_g7_summit")
    s.resolve()
    with pytest.raises(OrderRefused, match="already happened"):
        s.queue_inject("lib_g7_summit")
    with pytest.raises(OrderRefused, match="already fired"):
        s.play({}, manual_injects=["lib_g7_summit"])
    assert s.turn == 1


def test_an_override_must_name_a_draw_of_the_turn(scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=7)
    s.submit("tokyo", [Diplomacy(move="tk_wto")])
    bogus = Override(kind="draw", subject="tokyo:tk_g7", value=1, reason="typo")
    with pytest.raises(OrderRefused, match=r"no draw 'tokyo:tk_g7'.*tokyo:tk_wto"):
        s.resolve(overrides=[bogus])
    assert s.turn == 0 and s.pending  # nothing was lost


def test_demand_injects_raise_what_the_rules_ask_for(scenario) -> None:  # type: ignore[no-untyped-def]
    calm, boom = Session(scenario, seed=12), Session(scenario, seed=12)
    calm.resolve()
    boom.queue_inject("lib_ev_boom")
    record = boom.resolve()
    assert boom.state.demand_factor["JPN"]["magnets"] == pytest.approx(1.15)
    entry = next(e for e in record.ledger if e.key == "demand.JPN.magnets")
    assert entry.rule == "inject" and entry.amount == pytest.approx(0.15 * 1400)
    # more demand for the same supply: Japan imports more magnets, and its cover falls
    jp = sum(boom.state.delivered["JPN"]["magnets"].values())
    assert jp > sum(calm.state.delivered["JPN"]["magnets"].values())
    assert boom.state.cover["JPN"]["magnets"] < calm.state.cover["JPN"]["magnets"]
    assert boom.state.prices["magnets"] >= calm.state.prices["magnets"]


@pytest.mark.parametrize(
    ("subject", "value", "verdict"),
    [
        ("hai_phong_magnets", 1, "made to slip a turn"),
        ("hai_phong_magnets", 0, "kept on schedule"),
        ("tokyo:tk_g7", 1, "made to succeed"),
        ("tokyo:tk_g7", 0, "made to fail"),
    ],
)
def test_a_draw_override_says_what_it_made_happen(
    scenario: Scenario, subject: str, value: int, verdict: str
) -> None:
    """A project's draw is its slipping: forcing it to happen once read 'Shin-Etsu Hai Phong
    magnet expansion made to succeed', when the project was delayed."""
    from game.report.model import override_words
    from game.tui.words import override_line

    ov = Override(kind="draw", subject=subject, value=value, reason="what-if")
    assert f" {verdict}: what-if" in override_words(scenario, ov)
    assert f" {verdict} by the facilitator. Reason: what-if" in override_line(scenario, ov)
    if subject == "hai_phong_magnets":
        assert override_words(scenario, ov).startswith("Shin-Etsu Hai Phong magnet expansion ")


def test_two_leakage_injects_in_one_turn_each_log_their_own_change(scenario) -> None:  # type: ignore[no-untyped-def]
    """The ledger gave each the turn's change so far: -0.6 and -0.8 for a change of -0.8."""
    extra = {"id": "ports_shut", "headline": "Ports shut", "effects": {"leakage": 0.5}}
    s = Scenario.model_validate(
        {**scenario.model_dump(), "injects": [*scenario.model_dump()["injects"], extra]}
    )
    session = Session(s, seed=7)
    record = session.play({}, manual_injects=["lib_smuggling_ring", "ports_shut"])
    lines = [e.amount for e in record.ledger if e.key == "leakage"]
    assert lines == pytest.approx([0.4 - 1.0, 0.2 - 0.4])
    assert sum(lines) == pytest.approx(session.state.leak_factor - 1.0)


def test_a_library_inject_that_does_not_fit_says_why_it_is_not_offered() -> None:
    """A scenario author's audit: 'lib_plant_fire' in a scenario without Vietnam or magnets
    was an 'unknown inject', though the docs list it in the library."""
    from game.facilitation import find_inject
    from game.scenario_loader import load_scenario

    senkaku = load_scenario(
        Path(__file__).resolve().parent.parent / "scenarios" / "senkaku-2010.yaml"
    )
    with pytest.raises(ValueError) as err:
        find_inject(senkaku, "lib_plant_fire")
    said = str(err.value)
    assert said.startswith(
        "inject 'lib_plant_fire' is in the built-in library but not offered in this scenario "
        "(it needs what this scenario lacks: unknown actor 'VNM'"
    )
    assert "unknown material 'magnets'" in said and "(available: " in said
    off = senkaku.model_copy(update={"use_inject_library": False})
    with pytest.raises(ValueError, match="the scenario sets use_inject_library: false"):
        find_inject(off, "lib_g7_summit")
    with pytest.raises(ValueError, match=r"^unknown inject 'lib_nothing'"):
        find_inject(senkaku, "lib_nothing")


def test_an_override_keeps_what_is_sealed_and_queued_for_the_next_turn(scenario) -> None:  # type: ignore[no-untyped-def]
    """A facilitator's audit: an override on the last turn unsealed every team's orders for
    the next one and dropped the inject queued for it, without a word."""
    s = Session(scenario, seed=5)
    s.resolve()
    s.submit("tokyo", [Diplomacy(move="tk_g7")])
    dear = Invest(option=next(o.id for o in scenario.investments if o.team == "washington"))
    s.submit("washington", [dear])
    smuggling = next(i for i in manual_injects(scenario) if "smuggling" in i.id)
    s.queue_inject(smuggling.id)
    s.amend([Override(kind="index", subject="cohesion", value=20, reason="leak")])
    assert s.pending == {"tokyo": [Diplomacy(move="tk_g7")], "washington": [dear]}
    assert s.queued_injects == [smuggling.id] and s.unsealed == {}
    # orders the state after the amended turn refuses are unsealed, and kept for the team
    s.pending["washington"] = [dear, dear]  # refused: the same project funded twice
    s.amend([Override(kind="index", subject="tension", value=50, reason="calm")])
    assert s.unsealed == {"washington": [dear, dear]} and "washington" not in s.pending
    assert s.pending["tokyo"] == [Diplomacy(move="tk_g7")]
