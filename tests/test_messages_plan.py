"""An orders plan's mistakes in a field's value are worded as a scenario's are
(``game.schema_words.plain``), not in pydantic's words ("Input should be a valid number, unable
to parse string as a number", as a scenario author's audit found for ``amount: "2.5 t"``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import PlanError
from game.plan import load_full_plan
from game.scenario import Scenario

PLAN = """\
turns:
  1:
    tokyo:
      - {type: stockpile_release, material: ndpr, amount: "2.5 t"}
      - {type: stockpile_build, material: ndpr, amount: -1}
      - {type: diplomacy, move: 3}
    beijing:
      - {type: export_control, material: ndpr, target: JPN, level: full_ban, approval: 80}
      - {type: export_control, material: ndpr, target: USA, level: full_ban,
         extraterritorial: maybe}
"""


def test_order_fields_are_worded_for_the_plan_writer(tmp_path: Path, scenario: Scenario) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_full_plan(path, scenario)
    lines = [line.strip() for line in str(err.value).splitlines()[1:]]
    assert lines == [
        "line 4, column 9: turn 1, tokyo, order 1: amount: should be a number: write 2.5 "
        "alone, without 't'",
        "line 5, column 9: turn 1, tokyo, order 2: amount: should be above 0",
        "line 6, column 9: turn 1, tokyo, order 3: move: should be text, not the number 3: "
        "put it in quotes",
        "line 8, column 9: turn 1, beijing, order 1: approval: should be at most 1 (a share or "
        "chance from 0 to 1: write 0.8 for 80%)",
        "line 9, column 9: turn 1, beijing, order 2: extraterritorial: should be true or false",
    ]
    assert "Input should" not in str(err.value)


def test_a_turn_indented_under_the_turn_before_is_explained(
    tmp_path: Path, scenario: Scenario
) -> None:
    """'3:' indented two spaces too far is read as a team of turn 2 named 3 (a number), which
    once crashed the spelling hint with a traceback."""
    path = tmp_path / "plan.yaml"
    path.write_text(
        "turns:\n  2:\n    tokyo:\n      - {type: hold}\n    3:\n      tokyo:\n"
        "        - {type: hold}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as err:
        load_full_plan(path, scenario)
    assert str(err.value).splitlines()[1:] == [
        "  line 5, column 5: turn 2: '3' is not a team: if it is turn 3, it is indented too "
        "far, read as part of turn 2: move '3:' back to line up with '2:'"
    ]


def _plan_problems(tmp_path: Path, scenario: Scenario, text: str) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_full_plan(path, scenario)
    return str(info.value)


def test_a_key_left_empty_is_named_so_at_its_own_line(tmp_path: Path, scenario: Scenario) -> None:
    """A fuzzing audit: a plan's 'null:' team was "unknown team 'None'" placed on the line
    above; a field named 'null' or 1 in an order gave pydantic's 'None: Keys should be
    strings'."""
    said = _plan_problems(
        tmp_path,
        scenario,
        "turns:\n  1:\n    tokyo:\n      - {type: diplomacy, null: x}\n      - {type: hold, 1: x}\n"
        "    null: []\n  ~:\n    tokyo: []\n",
    )
    assert (
        "line 4, column 9: turn 1, tokyo, order 1: 'diplomacy' orders need 'move'; a "
        "field's name is left empty: 'diplomacy' orders have the fields move" in said
    )
    assert (
        "line 5, column 9: turn 1, tokyo, order 2: a field's name is 1, not a word: 'hold' "
        "orders have no fields" in said
    )
    assert "line 6, column 5: turn 1: a team's name is left empty: give one of beijing" in said
    assert "line 7, column 3: a turn's number is left empty" in said
    assert "None" not in said and "Keys should be" not in said


def test_a_number_under_its_own_turn_is_not_taken_for_a_misplaced_turn(
    tmp_path: Path, scenario: Scenario
) -> None:
    """A fuzzing audit: 'turns: {1: {1: []}}' was told to move '1:' back to line up with
    '1:'."""
    said = _plan_problems(tmp_path, scenario, "turns:\n  1:\n    1: []\n")
    assert said.endswith(
        "line 3, column 5: turn 1: '1' is not a team: a turn's orders are given under the "
        "teams' names (beijing, tokyo, washington)"
    )
