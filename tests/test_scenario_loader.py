"""Scenario files: the bundled ones load; broken ones name the file, line, column and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario_loader import bundled_scenarios, json_schema, load_scenario, parse_scenario
from tests.conftest import DEFAULT


def test_bundled_scenarios_load() -> None:
    names = {p.stem for p in bundled_scenarios()}
    assert {"dual-use-ban-2026", "senkaku-2010"} <= names
    for path in bundled_scenarios():
        s = load_scenario(path)
        assert s.sources, f"{path} cites no sources"
        assert set(s.teams) == {"beijing", "tokyo", "washington"}


def test_default_scenario_is_the_2026_ban(scenario) -> None:  # type: ignore[no-untyped-def]
    assert scenario.start == "2026-01" and scenario.turns == 12
    assert {"ndpr", "dytb", "magnets", "gallium", "germanium", "graphite", "sme"} <= set(
        scenario.materials
    )
    banned = {(c.material, c.level) for c in scenario.controls if c.target == "JPN"}
    assert ("magnets", "military_ban") in banned


def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = DEFAULT.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return str(info.value)


def _line_of(text: str) -> int:
    return DEFAULT.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_unknown_key_names_file_line_and_field(tmp_path: Path) -> None:
    msg = _broken(tmp_path, "turns: 12\n", "turns: 12\nturn_count: 12\n")
    assert "broken.yaml" in msg
    assert f"line {_line_of('turns: 12') + 1}" in msg
    assert "turn_count" in msg and "unknown field" in msg


def test_wrong_type_names_the_nested_field(tmp_path: Path) -> None:
    msg = _broken(
        tmp_path,
        "    action_points: 3\n    budget: 20000",
        "    action_points: lots\n    budget: 20000",
    )
    assert "teams.beijing.action_points" in msg
    assert f"line {_line_of('    action_points: 3')}" in msg


def test_unknown_reference_is_reported_where_it_stands(tmp_path: Path) -> None:
    msg = _broken(
        tmp_path,
        "material: magnets, target: JPN, level: military_ban",
        "material: magnetz, target: JPN, level: military_ban",
    )
    assert "controls.1.material" in msg and "unknown material 'magnetz'" in msg
    assert "line " in msg


def test_shares_must_add_up(tmp_path: Path) -> None:
    msg = _broken(tmp_path, "dytb: {CHN: 0.90, AUS: 0.10}", "dytb: {CHN: 0.90, AUS: 0.30}")
    assert "trade_shares.JPN.dytb" in msg and "add up to 1.200" in msg


def test_bad_yaml_syntax_gives_line(tmp_path: Path) -> None:
    msg = _broken(tmp_path, "turns: 12\n", "turns: [12\n")
    assert "YAML syntax error" in msg and "line " in msg


def test_missing_required_field(tmp_path: Path) -> None:
    msg = _broken(tmp_path, "turns: 12\n", "")
    # a whole field of the top level: no line to point at (it named the first line, 'id:')
    assert "(the end of the file): turns: missing: the file has no 'turns:', which every" in msg


def test_several_problems_are_all_listed(tmp_path: Path) -> None:
    msg = _broken(tmp_path, "turns: 12\n", "turns: -1\nbogus: 1\n")
    assert "2 problems" in msg


def test_problems_are_listed_in_the_files_order() -> None:
    """An author read line 120's problem before line 116's."""
    from game.scenario_loader import in_file_order

    found = [
        "line 120, column 3: a",
        "line 116, column 9: b",
        "sectors: missing: c",
        "line 116, column 2: d",
        "line 9: e",
    ]
    assert in_file_order(found) == [
        "sectors: missing: c",
        "line 9: e",
        "line 116, column 2: d",
        "line 116, column 9: b",
        "line 120, column 3: a",
    ]


def test_safe_loader_refuses_python_objects() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("id: !!python/object/apply:os.system ['echo pwned']\n", "evil.yaml")
    assert "evil.yaml" in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario("/nonexistent/scenario.yaml")


def test_not_a_mapping() -> None:
    with pytest.raises(ScenarioError, match="mapping"):
        parse_scenario("- 1\n- 2\n", "list.yaml")


def test_json_schema_describes_the_format() -> None:
    schema = json_schema()
    assert schema["title"] == "Chokepoint scenario"
    assert {"actors", "teams", "materials", "sources"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_partial_indices_and_undeclared_sectors_are_refused(tmp_path: Path) -> None:
    msg = _broken(tmp_path, "  deterrence: 60    # assumption\n", "")
    assert "indices" in msg and "missing starting value for deterrence" in msg
    msg = _broken(tmp_path, '  energy: {name: "Energy (wind, grid)", sensitivity: 0.4}', "")
    assert "sector 'energy' is not declared" in msg


def test_teams_must_have_their_roles(tmp_path: Path) -> None:
    msg = _broken(
        tmp_path, "  washington:\n    name: Washington", "  brussels:\n    name: Washington"
    )
    assert "exactly beijing, tokyo and washington" in msg


def test_index_labels_name_only_the_indices(tmp_path: Path) -> None:
    msg = _broken(
        tmp_path,
        "  deterrence: 60    # assumption\n",
        "  deterrence: 60\nindex_labels: {postur: X}\n",
    )
    assert "broken.yaml" in msg and "index_labels.postur: 'postur' is not a name allowed" in msg
    assert "[key]" not in msg and msg.count("line ") == 1  # one problem, not one per Literal
    assert f"line {_line_of('  deterrence: 60    # assumption') + 1}" in msg
