"""``chokepoint schema`` promises editors "the fields, types, ranges, defaults and descriptions"
of docs/scenario-format.md section 2: every field must carry a description for its tooltip,
and adding them must not lose a bound (a validator placed before the bounds would)."""

from __future__ import annotations

from typing import Any

import pytest

from game.scenario_loader import json_schema

SCHEMA = json_schema()
DEFS: dict[str, Any] = SCHEMA["$defs"]


def _objects() -> list[tuple[str, dict[str, Any]]]:
    """The top-level object and every model in ``$defs``, by name."""
    return [("Scenario", SCHEMA), *DEFS.items()]


def _described(prop: dict[str, Any]) -> bool:
    if str(prop.get("description", "")).strip():
        return True
    # a property that is only a reference (with its default) is described by the model it names
    ref = prop.get("$ref")
    if isinstance(ref, str) and set(prop) <= {"$ref", "default"}:
        return bool(str(DEFS[ref.rsplit("/", 1)[-1]].get("description", "")).strip())
    return False


def test_every_property_has_a_description() -> None:
    missing = [
        f"{name}.{field}"
        for name, obj in _objects()
        for field, prop in obj.get("properties", {}).items()
        if not _described(prop)
    ]
    assert missing == []
    assert sum(len(obj.get("properties", {})) for _, obj in _objects()) >= 130


def test_descriptions_are_one_short_line() -> None:
    for name, obj in _objects():
        for field, prop in obj.get("properties", {}).items():
            text = prop["description"]
            assert "\n" not in text and len(text) <= 160, f"{name}.{field}: {text}"


def _prop(where: str, field: str) -> dict[str, Any]:
    obj = SCHEMA if where == "Scenario" else DEFS[where]
    prop: dict[str, Any] = obj["properties"][field]
    return prop


@pytest.mark.parametrize(
    ("where", "field", "bounds"),
    [
        ("Scenario", "turns", {"minimum": 1, "maximum": 60, "type": "integer"}),
        ("Scenario", "turn_length_months", {"minimum": 1, "maximum": 12, "default": 1}),
        ("Team", "action_points", {"minimum": 0, "maximum": 20, "type": "integer"}),
        ("Team", "budget", {"minimum": 0, "maximum": 1e7}),
        ("Material", "price", {"exclusiveMinimum": 0, "maximum": 1e9}),
        ("Material", "price_sensitivity", {"minimum": 0, "maximum": 10, "default": 3.0}),
        ("Control", "approval", {"minimum": 0, "maximum": 1, "default": 0.5}),
        ("TradeParams", "leakage", {"minimum": 0, "maximum": 1, "default": 0.15}),
        ("Dynamics", "tension_baseline", {"minimum": 0, "maximum": 100, "default": 40.0}),
        ("Dynamics", "tension_per_control_step", {"minimum": 0, "default": 3.0}),
        ("InvestmentOption", "lead_time", {"minimum": 0, "maximum": 60}),
        ("Objective", "weight", {"exclusiveMinimum": 0, "maximum": 10}),
        ("Objective", "low", {"minimum": -1e12, "maximum": 1e12, "default": 0.0}),
        ("Objective", "direction", {"enum": ["up", "down"], "default": "up"}),
        ("Fog", "noise", {"minimum": 0, "maximum": 1, "default": 0.15}),
        ("Modifier", "coef", {"minimum": -1, "maximum": 1}),
    ],
)
def test_bounds_and_defaults_are_kept(where: str, field: str, bounds: dict[str, Any]) -> None:
    prop = _prop(where, field)
    assert {key: prop.get(key) for key in bounds} == bounds


def test_nested_bounds_are_kept() -> None:
    """A trade share (a fraction three maps deep), an inject's turn (optional) and a stockpile
    quantity keep their ranges."""
    shares = SCHEMA["properties"]["trade_shares"]
    for _ in range(3):
        (shares,) = shares["patternProperties"].values()
    assert shares == {"minimum": 0.0, "maximum": 1.0, "type": "number"}
    turn = _prop("Inject", "turn")
    assert {"minimum": 2, "maximum": 60, "type": "integer"} in turn["anyOf"]
    assert turn["default"] is None
    (row,) = SCHEMA["properties"]["stockpiles"]["patternProperties"].values()
    (quantity,) = row["patternProperties"].values()
    assert quantity["minimum"] == 0 and quantity["maximum"] == 1e9


def test_required_fields_stay_required() -> None:
    assert {"id", "title", "summary", "start", "turns", "sources"} <= set(SCHEMA["required"])
    assert "turn_length_months" not in SCHEMA["required"]
    assert set(DEFS["Objective"]["required"]) == {"metric", "weight"}
    assert "required" not in DEFS["Fog"]
