"""Order plans: every problem in a plan is reported at once, with its line and the name meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import PlanError
from game.orders import Diplomacy, StockpileRelease
from game.plan import load_full_plan
from game.scenario_loader import load_scenario

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"

BAD = """\
turns:
  1:
    beijing:
      - {type: export_contrl, material: dytb, target: JPN, level: full_ban}
      - {type: diplomacy, move: bj_firm_statment}
    tokyo:
      - {type: stockpile_release, material: dytbb, amount: 30}
      - {type: invest, option: lynas_heavy, amout: 3}
      - {type: diplomacy, move: us_reassure}
  2:
    washington:
      - {type: stockpile_release, material: dytb, amount: 20, to: JAPAN}
      - {type: invest}
  13:
    tokyo: []
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_full_plan(path, load_scenario(DEFAULT))
    head, *lines = str(err.value).splitlines()
    noun = "problem" if len(lines) == 1 else "problems"
    assert head.endswith(f"invalid plan ({len(lines)} {noun})")
    return [line.strip() for line in lines]


def test_every_problem_is_listed_with_its_line_and_the_name_meant(tmp_path: Path) -> None:
    assert problems(tmp_path, BAD) == [
        "line 4, column 9: turn 1, beijing, order 1: unknown order type 'export_contrl' "
        "(did you mean 'export_control'? known: diplomacy, export_control, hold, invest, "
        "licence_approval, prioritise_defence, sanction, stockpile_build, stockpile_release, "
        "tariff)",
        "line 5, column 9: turn 1, beijing, order 2: unknown diplomatic move 'bj_firm_statment' "
        "(did you mean 'bj_firm_statement'? known: bj_conciliatory, bj_firm_statement, "
        "bj_pla_exercise, bj_talks, bj_wedge)",
        "line 7, column 9: turn 1, tokyo, order 1: unknown material 'dytbb' (did you mean "
        "'dytb'? known: dytb, gallium, germanium, graphite, magnets, ndpr, sme)",
        "line 8, column 9: turn 1, tokyo, order 2: 'amout' is not a field of 'invest' orders "
        "(their fields: option)",
        "line 9, column 9: turn 1, tokyo, order 3: 'Reassure Tokyo (2+2 statement)' is not a "
        "move open to Tokyo",
        "line 12, column 9: turn 2, washington, order 1: unknown country 'JAPAN' (did you mean "
        "'JPN'? known: AUS, CHN, EU, JPN, ROW, USA, VNM)",
        "line 13, column 9: turn 2, washington, order 2: 'invest' orders need 'option'",
        "line 15, column 5: turn 13 is not a turn of this scenario (1-12)",
    ]


def test_what_depends_on_the_state_is_left_to_the_engine(tmp_path: Path) -> None:
    """A release bigger than the stockpile, or a move an event has not opened yet, may be
    fine by the turn it is given: the plan loads, and the engine judges it then."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        "turns:\n  1:\n    tokyo:\n"
        "      - {type: stockpile_release, material: dytb, amount: 99999}\n"
        "      - {type: invest, option: minamitorishima}\n",
        encoding="utf-8",
    )
    plan, _ = load_full_plan(path, load_scenario(DEFAULT))
    assert isinstance(plan[1]["tokyo"][0], StockpileRelease)
    assert [o.type for o in plan[1]["tokyo"]] == ["stockpile_release", "invest"]


def test_a_good_plan_loads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "turns:\n  3:\n    washington:\n      - {type: diplomacy, move: us_reassure}\n",
        encoding="utf-8",
    )
    plan, facilitator = load_full_plan(path, load_scenario(DEFAULT))
    assert plan == {3: {"washington": [Diplomacy(move="us_reassure")]}} and facilitator == {}


FACILITATOR_MISTAKES = """\
turns:
  1:
    facilitator:
      notes: hello
      injects: lib_pla_exercise
      overides: []
      overrides:
        - {kind: index, subject: market_share, value: 50, reason: x}
        - {kind: index, subject: tension, value: 50}
  2:
    facilitator:
      injects: [lib_pla_exercise]
  3:
    facilitator:
      injects: [lib_pla_exercise]
"""


def test_every_facilitator_mistake_is_reported_with_its_line(tmp_path: Path) -> None:
    # before: the first mistake stopped the check, a single string of notes was read as a
    # list of characters, and an inject fired by hand twice was found only at its turn
    assert problems(tmp_path, FACILITATOR_MISTAKES) == [
        "line 4, column 14: turn 1, facilitator: notes must be a list, e.g. notes: ['hello']",
        "line 5, column 16: turn 1, facilitator: injects must be a list, e.g. "
        "injects: ['lib_pla_exercise']",
        "line 6, column 17: turn 1, facilitator: unknown key 'overides' (did you mean "
        "'overrides'? known: injects, notes, overrides)",
        "line 8, column 11: turn 1, facilitator, override 1: an index override sets one of "
        "tension, cohesion, posture, deterrence to 0-100",
        "line 9, column 11: turn 1, facilitator, override 2: 'reason' is missing",
        "line 15, column 17: turn 3, facilitator: inject 'lib_pla_exercise' fires once and is "
        "already fired in turn 2",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "turn:\n  1:\n    beijing: []\n",
            "line 1, column 1: 'turn' is not part of a plan (a plan is a mapping with one key, "
            "'turns', holding the turns by number); did you mean 'turns'?",
        ),
        ("", "the file is empty: a plan is a mapping with one key, 'turns', holding the turns"),
        ("turns: [1, 2]\n", "line 1, column 8: 'turns' must map turn numbers to orders"),
    ],
)
def test_a_file_that_is_not_a_plan_says_where_and_why(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_full_plan(path, load_scenario(DEFAULT))
    assert str(err.value).startswith(f"{path}: {message}")


def test_an_inject_that_already_fired_in_play_is_skipped_with_a_word(tmp_path: Path) -> None:
    from game.engine import Session
    from game.headless import play_game

    # chikyu_mud is scripted for turn 2; the plan also fires it by hand in turn 3
    path = tmp_path / "plan.yaml"
    path.write_text("turns:\n  3:\n    facilitator:\n      injects: [chikyu_mud]\n", "utf-8")
    scenario = load_scenario(DEFAULT)
    plan, facilitator = load_full_plan(path, scenario)
    session = Session(scenario, 5, {t: "plan" for t in scenario.teams})
    run = play_game(session, plan, {}, 4, facilitator)
    assert run.skipped == ["turn 3: inject 'chikyu_mud' skipped: it has already fired"]
    assert session.turn == 4
    assert [i.id for r in session.records for i in r.injects].count("chikyu_mud") == 1


def test_a_draw_override_is_one_or_zero(tmp_path: Path) -> None:
    text = (
        "turns:\n  1:\n    facilitator:\n      overrides:\n"
        "        - {kind: draw, subject: 'tokyo:tk_g7', value: 0.5, reason: maybe}\n"
    )
    assert problems(tmp_path, text) == [
        "line 5, column 11: turn 1, facilitator, override 1: a draw override's value is 1 (it "
        "happens) or 0 (it does not)"
    ]


def test_a_turn_written_in_quotes_is_that_turn_and_true_is_none(tmp_path: Path) -> None:
    """JSON writes every key in quotes: '"2":' was refused as "turn '2' is not a turn of this
    scenario"; 'true:' was taken for turn 1 without a word (YAML's true is also 1)."""
    path = tmp_path / "quoted.json"
    path.write_text('{"turns": {"2": {"tokyo": [{"type": "diplomacy", "move": "tk_g7"}]}}}')
    plan, _ = load_full_plan(path, load_scenario(DEFAULT))
    assert plan == {2: {"tokyo": [Diplomacy(move="tk_g7")]}}
    assert problems(tmp_path, "turns:\n  true:\n    tokyo: []\n") == [
        "line 2, column 3: 'true' is not a turn: a turn is a number, 1-12"
    ]
    twice = "turns:\n  '2':\n    tokyo: []\n  2:\n    beijing: []\n"
    assert problems(tmp_path, twice)[0].endswith("turn 2 is given twice ('2' and 2)")


def test_an_order_on_your_own_country_is_refused_when_the_plan_is_read(tmp_path: Path) -> None:
    """validate --orders passed Beijing's export control on China, which the engine refuses
    at every turn."""
    text = (
        "turns:\n  1:\n    beijing: [{type: export_control, material: dytb, target: CHN, "
        "level: full_ban}]\n"
    )
    assert problems(tmp_path, text) == [
        "line 3, column 15: turn 1, beijing, order 1: an order cannot target your own country"
    ]


def test_an_empty_turn_then_the_same_turn_quoted_is_given_twice(tmp_path: Path) -> None:
    """A turn left empty was refused but not remembered, so the same turn written again in
    quotes was taken without a word about the first."""
    text = "turns:\n  2:\n  '2':\n    tokyo: []\n"
    assert problems(tmp_path, text) == [
        "line 2, column 3: turn 2: expected a mapping of team to orders",
        "line 3, column 3: turn 2 is given twice ('2' and 2)",
    ]


def test_a_number_written_as_true_is_refused(tmp_path: Path) -> None:
    """YAML's true is also the number 1: 'approval: true' was read as 100% approval."""
    text = (
        "turns:\n  1:\n    beijing:\n      - {type: export_control, material: ndpr, target: JPN,"
        " level: licensing, approval: true}\n"
        "      - {type: stockpile_release, material: ndpr, amount: true}\n"
    )
    assert problems(tmp_path, text) == [
        "line 4, column 9: turn 1, beijing, order 1: approval: should be a number",
        "line 5, column 9: turn 1, beijing, order 2: amount: should be a number",
    ]


def test_an_index_override_of_true_is_refused_and_a_draw_of_true_happens(tmp_path: Path) -> None:
    """'value: true' set tension to 1; for a draw, true (it happens) is the natural word."""
    text = (
        "turns:\n  1:\n    facilitator:\n      overrides:\n"
        "        - {kind: index, subject: tension, value: true, reason: typo}\n"
    )
    assert problems(tmp_path, text) == [
        "line 5, column 11: turn 1, facilitator, override 1: an index override's value is a "
        "number 0-100, not true or false"
    ]
    from game.facilitation import parse_override

    ov = parse_override({"kind": "draw", "subject": "tokyo:tk_g7", "value": True, "reason": "x"})
    assert ov.value == 1.0


def test_a_percentage_in_an_order_is_told_as_the_fraction_it_means(tmp_path: Path) -> None:
    """A scenario author's audit: 'approval: 30%' was told 'write 30 alone, without '%'', and
    30 was then refused as more than 1."""
    text = (
        "turns:\n  1:\n    beijing:\n      - {type: export_control, material: ndpr, target: JPN,"
        " level: licensing, approval: 30%}\n"
        "      - {type: tariff, material: ndpr, target: JPN, rate: 25%}\n"
        "      - {type: stockpile_release, material: ndpr, amount: 5%}\n"
    )
    assert problems(tmp_path, text) == [
        "line 4, column 9: turn 1, beijing, order 1: approval: should be a number: write 0.3 "
        "(a share or chance from 0 to 1: 30% is 0.3)",
        "line 5, column 9: turn 1, beijing, order 2: rate: should be a number: write 0.25 "
        "(a share or chance from 0 to 1: 25% is 0.25)",
        # an amount has no upper bound: a percentage of it is not a fraction
        "line 6, column 9: turn 1, beijing, order 3: amount: should be a number: write 5 "
        "alone, without '%'",
    ]


def test_a_key_written_twice_is_placed_as_the_plans_other_messages(tmp_path: Path) -> None:
    """A log auditor's audit: most plan messages say 'turn 1, tokyo, order 1', a key written
    twice said 'turns.1.tokyo.0', counting from 0."""
    text = (
        "turns:\n  1:\n    tokyo:\n      - {type: diplomacy, move: tk_g7, move: tk_wto}\n"
        "    facilitator:\n      overrides:\n"
        "        - {kind: index, subject: tension, value: 50, reason: a, reason: b}\n"
    )
    assert problems(tmp_path, text) == [
        "line 4, column 40: turn 1, tokyo, order 1: 'move' is written twice in the same "
        "mapping (first at line 4); YAML would keep only the last one",
        "line 7, column 65: turn 1, facilitator, override 1: 'reason' is written twice in the "
        "same mapping (first at line 7); YAML would keep only the last one",
    ]


def test_a_session_log_given_as_a_plan_says_so(tmp_path: Path) -> None:
    """'--orders session.jsonl' gave PyYAML's "expected '<document start>', but found '{'"."""
    log = Path(__file__).resolve().parent / "golden" / "default-seed7.jsonl"
    with pytest.raises(PlanError) as err:
        load_full_plan(log, load_scenario(DEFAULT))
    assert str(err.value) == (
        f"{log}: this is a session log, not an orders plan: to play on from it, use chokepoint "
        f"run --from {log}"
    )


def _bomb(levels: int, last: str) -> str:
    """A plan whose aliases of aliases hold 10 ** (levels + 1) values once expanded."""
    lines = [
        "turns:",
        "  1:",
        "    beijing:",
        "      - {type: hold, x: &l0 [a, a, a, a, a, a, a, a, a, a]}",
    ]
    for i in range(1, levels + 1):
        lines.append(f"      - {{type: hold, x: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]}}")
    return "\n".join([*lines, f"      - {last}"]) + "\n"


def test_aliases_that_expand_a_plan_beyond_reason_are_refused_at_once(tmp_path: Path) -> None:
    """A fuzzing audit: a 585-byte plan of aliases of aliases took 31 s and printed a 52 MB
    message (the expanded list quoted whole as an unknown order type)."""
    scenario = load_scenario("scenarios/senkaku-2010.yaml")
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(6, "{type: *l6}"), encoding="utf-8")
    with pytest.raises(PlanError, match=r"line 9, column 25: its aliases \(\*name\) make this "):
        load_full_plan(path, scenario)
    # fewer levels are read, and what is wrong is said in a line, not quoted whole
    path.write_text(_bomb(3, "{type: *l3}") + "      - {type: tarif}\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_full_plan(path, scenario)
    said = str(info.value)
    assert len(said) < 2000, len(said)
    assert "order 5: an order's type is one word: one of export_control" in said
    assert "unknown order type 'tarif' (did you mean 'tariff'?" in said


def test_a_long_unknown_name_is_quoted_cut_short_and_an_empty_choice_said() -> None:
    from game.spelling import unknown

    said = unknown("material", "x" * 5000, ["ree", "dytb"])
    assert len(said) < 200 and "'xxx" in said and "...'" in said
    assert unknown("investment", "foo", []) == (
        "unknown investment 'foo' (there are none to choose from)"
    )
