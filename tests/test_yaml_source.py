"""The YAML reader shared by scenarios and plans: repeated keys, YAML 1.2 booleans, tabs."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import PlanError, ScenarioError
from game.plan import load_full_plan
from game.scenario_loader import load_scenario, parse_scenario
from game.yaml_source import YamlProblem, read_yaml, read_yaml_noting_repeats

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"


def test_a_key_written_twice_names_both_lines() -> None:
    with pytest.raises(YamlProblem) as err:
        read_yaml("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n")
    assert (err.value.line, err.value.column) == (5, 3)
    assert "'x' is written twice in the same mapping (first at line 3)" in str(err.value)


def test_keys_written_differently_that_read_the_same_are_a_repeat() -> None:
    """A fuzzing audit: a plan's 'true:' turn took the place of turn 1 without a word (true is
    the number 1 to the data, as are 01 and 1.0)."""
    for other in ("true", "01", "1.0"):
        with pytest.raises(YamlProblem) as err:
            read_yaml(f"1: a\n{other}: b\n")
        assert (err.value.line, err.value.column) == (2, 1)
        assert f"'{other}' is the same key as '1' for YAML (first at line 1)" in str(err.value)
    data, _ = read_yaml("'1': a\n1: b\n")  # text and a number: two keys (plans read both)
    assert data == {"1": "a", 1: "b"}


def test_equal_keys_in_different_mappings_and_merge_keys_are_fine() -> None:
    data, _ = read_yaml("a: {x: 1}\nb: {x: 2}\nbase: &b {k: 1}\nc:\n  <<: *b\n  j: 2\n")
    assert data["c"] == {"k": 1, "j": 2} and data["a"]["x"] == 1


def test_only_true_and_false_are_booleans() -> None:
    data, _ = read_yaml("NO: no\non: yes\nt: true\nf: False\nn: 3\n")
    assert data == {"NO": "no", "on": "yes", "t": True, "f": False, "n": 3}


def test_a_tab_in_the_indentation_is_named() -> None:
    with pytest.raises(YamlProblem) as err:
        read_yaml("a:\n  b: 1\n\tc: 2\n")
    assert (err.value.line, err.value.column) == (3, 1)
    assert "indent with spaces" in str(err.value)
    # a tab inside a value is not a mistake
    assert read_yaml('a: "x\ty"\n')[0] == {"a": "x\ty"}


def test_empty_text_reads_as_nothing() -> None:
    assert read_yaml("") == (None, None)
    assert read_yaml("# only a comment\n") == (None, None)


def test_scenario_with_a_repeated_trade_table_is_refused_at_its_line() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    first = lines.index("  JPN:\n") + 1
    eu = next(i for i, line in enumerate(lines) if i > first and line == "  EU:\n")
    lines[eu] = "  JPN:\n"  # the EU's table becomes a second 'JPN'
    with pytest.raises(ScenarioError) as err:
        parse_scenario("".join(lines), "dup.yaml")
    assert err.value.problems == [
        f"line {eu + 1}, column 3: demand: 'JPN' is written twice in the same mapping "
        f"(first at line {first}); YAML would keep only the last one"
    ]


def test_yes_and_no_still_set_a_flag_but_a_bare_no_is_a_name() -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    assert text.count("defence_critical: true") == 3
    scenario = parse_scenario(text.replace("defence_critical: true", "defence_critical: yes"))
    assert sum(m.defence_critical for m in scenario.materials.values()) == 3
    data, _ = read_yaml("actors: {NO: {name: Norway}, 'n': x}\n")
    assert list(data["actors"]) == ["NO", "n"]


def test_a_plan_with_a_turn_written_twice_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "turns:\n  1:\n    beijing: []\n  1:\n    tokyo: []\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as err:
        load_full_plan(plan, load_scenario(DEFAULT))
    assert str(err.value) == (
        f"{plan}: invalid plan (1 problem)\n"
        "  line 4, column 3: turns: '1' is written twice in the same mapping (first at line 2);"
        " YAML would keep only the last one"
    )


def test_every_repeat_is_noted_and_the_last_value_kept() -> None:
    data, _, twice = read_yaml_noting_repeats("b:\n  x: 1\n  x: 2\na: 0\nb: {y: 3}\n  \n")
    assert data == {"b": {"y": 3}, "a": 0}
    assert [(p.line, p.column) for p in twice] == [(3, 3), (5, 1)]
    assert "'b' is written twice in the same mapping (first at line 1)" in str(twice[1])


def test_a_repeated_key_is_listed_with_the_scenarios_other_problems() -> None:
    # a newcomer fixed the repeat, ran validate again, and only then heard of the second mistake
    text = DEFAULT.read_text(encoding="utf-8")
    text = text.replace("turns: 12\n", "turns: 12\nturns: 10\n", 1)
    text = text.replace("action_points: 3\n", "action_points: three\n", 1)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "dup.yaml")
    repeat, wrong = err.value.problems
    assert repeat.startswith("line 16, column 1: 'turns' is written twice")
    assert wrong.endswith("teams.beijing.action_points: should be a whole number")
    # the value checked is the last one, as YAML reads it: 'turns: twelve' then 'turns: 10'
    text = text.replace("turns: 12\n", "turns: twelve\n", 1)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "dup.yaml")
    assert len(err.value.problems) == 2 and "turns: " not in err.value.problems[1]


def test_a_plans_problems_stand_at_the_repeat_yaml_keeps(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "turns:\n  1:\n    beijing: []\n  1:\n    tokyo:\n      - {type: diplomacy, move: nope}\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as err:
        load_full_plan(plan, load_scenario(DEFAULT))
    lines = str(err.value).splitlines()
    assert lines[0] == f"{plan}: invalid plan (2 problems)"
    assert lines[1].startswith("  line 4, column 3: turns: '1' is written twice")
    assert lines[2].startswith(
        "  line 6, column 9: turn 1, tokyo, order 1: unknown diplomatic move"
    )
