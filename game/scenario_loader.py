"""Load a scenario YAML file, reporting every problem with its file, line, column and field.

YAML is read with the safe loader only. The document is composed into nodes first so that each
pydantic error location (a path of keys and indices) can be mapped back to where it stands in
the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from game.errors import ScenarioError
from game.scenario import Loc, Scenario, reference_problems
from game.schema_words import fields_at, plain
from game.spelling import did_you_mean
from game.yaml_source import YamlProblem, read_yaml

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
DEFAULT_SCENARIO = "dual-use-ban-2026"


def find_scenario(name_or_path: str) -> Path:
    """A path as given, or a bundled scenario by id (``senkaku-2010``)."""
    p = Path(name_or_path)
    if p.exists() or p.suffix in (".yaml", ".yml"):
        return p
    for d in (SCENARIO_DIR, Path.cwd() / "scenarios"):
        cand = d / f"{name_or_path}.yaml"
        if cand.exists():
            return cand
    return p


def bundled_scenarios() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.yaml"))


def load_scenario(path: str | Path) -> Scenario:
    """Read, parse and validate a scenario file; raise :class:`ScenarioError` on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(str(path), ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(str(path), [f"cannot read the file: {exc}"]) from None
    return parse_scenario(text, str(path))


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    try:
        data, node = read_yaml(text)
    except YamlProblem as exc:
        raise ScenarioError(name, [str(exc)]) from None
    if not isinstance(data, dict):
        raise ScenarioError(name, ["line 1: the file must be a mapping of scenario fields"])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(node, tuple(e["loc"]), e["msg"], e) for e in exc.errors()]
        raise ScenarioError(name, problems) from None
    refs = reference_problems(scenario, lambda loc: _line_or_path(node, loc))
    if refs:
        raise ScenarioError(name, [_describe(node, loc, msg, None) for loc, msg in refs])
    return scenario


def _line_or_path(root: yaml.Node | None, loc: Loc) -> str:
    """'line 12' for where ``loc`` stands in the file; its field path when not found."""
    node, exact = node_at(root, loc)
    if node is None or not exact:
        return ".".join(str(p) for p in loc)
    return f"line {node.start_mark.line + 1}"


def scenario_from_data(data: Any, name: str = "<log header>") -> Scenario:
    """Validate a scenario given as plain data (as stored in a log header).

    There are no line numbers here, so problems name the field path only.
    """
    if not isinstance(data, dict):
        raise ScenarioError(name, ["the scenario must be a mapping of scenario fields"])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(None, tuple(e["loc"]), e["msg"], e) for e in exc.errors()]
        raise ScenarioError(name, problems) from None
    refs = reference_problems(scenario)
    if refs:
        raise ScenarioError(name, [_describe(None, loc, msg, None) for loc, msg in refs])
    return scenario


def _describe(root: yaml.Node | None, loc: Loc, msg: str, error: ErrorDetails | None) -> str:
    """'line L, column C: field.path: what is wrong' for one problem (``error`` when pydantic
    found it, worded by ``game.schema_words``)."""
    key = len(loc) > 1 and loc[-1] == "[key]"  # pydantic's mark for a mapping key that is wrong
    if key:
        loc = loc[:-1]
    path = ".".join(str(p) for p in loc) or "(top level)"
    node, exact = node_at(root, loc)
    if error is not None and error["type"] == "extra_forbidden":
        guess = did_you_mean(str(loc[-1]), fields_at(loc[:-1]))
        msg = "unknown field (not part of the scenario format)" + (f"; {guess}" if guess else "")
    elif error is not None and error["type"] == "missing" and not exact:
        msg = f"missing required field '{loc[-1]}'"
    elif error is not None:
        msg = plain(error, loc)
    if key:
        msg = f"'{loc[-1]}' is not a name allowed here: {msg}"
    return f"{place(node)}{path}: {msg}"


def place(node: yaml.Node | None) -> str:
    """'line 12, column 5: ' for where ``node`` starts in its file ('' without a node)."""
    if node is None:
        return ""
    return f"line {node.start_mark.line + 1}, column {node.start_mark.column + 1}: "


def node_at(node: yaml.Node | None, loc: Loc) -> tuple[yaml.Node | None, bool]:
    """The deepest node along ``loc``; True if the whole path was found."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(part):
                    nxt = v
                    break
            if nxt is None:
                return node, False
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node, False
            node = node.value[part]
        else:
            # pydantic adds tags such as the discriminator or 'function-after'; skip them
            continue
    return node, True


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as JSON-ready data with every field, as stored in a log header.

    Fields added to the format after logs were first written are left out while they hold
    their empty default, so a game logs the same bytes as it did before they existed."""
    data = scenario.model_dump(mode="json")
    for name in LATE_FIELDS:
        if not data.get(name):
            data.pop(name, None)
    return data


LATE_FIELDS = ("index_labels",)
"""Scenario fields newer than the log format's first version (see ``scenario_data``)."""


def json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Chokepoint scenario"
    return schema
