"""Load a scenario YAML file, reporting every problem with its file, line, column and field.

YAML is read with the safe loader only. The document is composed into nodes first so that each
pydantic error location (a path of keys and indices) can be mapped back to where it stands in
the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from game.errors import ScenarioError
from game.files import SCENARIO_LIMIT, read_bytes
from game.scenario import INDEX_NAMES, Loc, Scenario, reference_problems
from game.schema_words import fields_at, holders_of, is_table, plain
from game.spelling import did_you_mean
from game.yaml_source import YamlProblem, not_utf8, read_yaml_noting_repeats

DEFAULT_SCENARIO = "dual-use-ban-2026"
SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
if not (SCENARIO_DIR / f"{DEFAULT_SCENARIO}.yaml").is_file():
    # a regular install, with no checkout beside the package: the copy the build put in it
    SCENARIO_DIR = Path(__file__).resolve().parent / "bundled"


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
        raw = read_bytes(path, SCENARIO_LIMIT)
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise ScenarioError(str(path), [_not_found(path)], unread=True) from None
    except UnicodeDecodeError:
        raise ScenarioError(str(path), [not_utf8(raw)]) from None
    except OSError as exc:
        raise ScenarioError(
            str(path), [f"cannot read the file: {exc.strerror or exc}"], unread=True
        ) from None
    return parse_scenario(text, str(path))


def _not_found(path: Path) -> str:
    """A missing file; a bare name (no folder, no .yaml) was meant as a bundled scenario."""
    if len(path.parts) > 1 or path.suffix in (".yaml", ".yml"):
        return "file not found"
    names = [p.stem for p in bundled_scenarios()]
    hint = did_you_mean(path.name, names)
    return (
        "no such file, and no bundled scenario of that name "
        f"({hint + ' ' if hint else ''}bundled: {', '.join(names)})"
    )


LOG_NOT_SCENARIO = (
    "this looks like a session log, not a scenario; check a log with `chokepoint verify LOG`, "
    "or go on with it with `chokepoint play --resume LOG`"
)


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    """Parse and validate a scenario's text; :class:`ScenarioError` lists every problem found.

    A key written twice is reported with whatever else is wrong in the file (the check goes on
    with the last of the two values, as YAML reads it), so one fix-and-retry shows them all."""
    try:
        data, node, twice = read_yaml_noting_repeats(text)
    except YamlProblem as exc:
        if text.lstrip().startswith('{"') and '"hash"' in text:
            raise ScenarioError(name, [LOG_NOT_SCENARIO]) from None
        raise ScenarioError(name, [str(exc)]) from None
    repeats = [str(p) for p in twice]
    if not isinstance(data, dict) or (set(data) == {"turns"} and isinstance(data["turns"], dict)):
        raise ScenarioError(name, [*repeats, _not_a_scenario(data)])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        hints, folded = _indented_too_far(node, errors, twice)
        repeats = [str(p) for p in twice if (p.line, p.column) not in folded]
        problems = [
            _describe(node, tuple(e["loc"]), e["msg"], e)
            for e in errors
            if e["type"] != "extra_forbidden" or _key_place(node, tuple(e["loc"])) not in folded
        ]
        # the indentation hints first: they explain problems further down
        raise ScenarioError(name, [*hints, *in_file_order([*repeats, *problems])]) from None
    refs = [*reference_problems(scenario, lambda loc: _line_or_path(node, loc)), *_left_empty(data)]
    if refs or repeats:
        said = [*repeats, *(_describe(node, loc, msg, None) for loc, msg in refs)]
        raise ScenarioError(name, in_file_order(said))
    return in_key_order(scenario)


def _left_empty(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """An inject's 'turn:' or 'condition:' written with nothing after it: a slip, not a choice.
    It read as absent and made the inject one only the facilitator fires, silently (an
    author's locked project then never opened). The file only: a log's header may hold nulls."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    injects = data.get("injects")
    for i, item in enumerate(injects if isinstance(injects, list) else []):
        if not isinstance(item, dict):
            continue
        for key, example in (("turn", "3"), ("condition", "cover.JPN.magnets < 30")):
            value = item.get(key, "absent")
            if value is None or (isinstance(value, str) and not value.strip()):
                out.append(
                    (
                        ("injects", i, key),
                        f"'{key}' is empty: give one (e.g. {key}: {example}), or leave the key "
                        "out for an inject the facilitator fires by hand",
                    )
                )
    return out


def in_key_order(scenario: Scenario) -> Scenario:
    """``scenario`` with every mapping in the order of its keys, as a log's header holds it and
    a replay rebuilds it. The engine plays a scenario as its replay will: a rule that takes the
    first of a tie in a mapping's order (the material an industry lacks most) took it in the
    file's order in play and by name in the replay, and the log of a scenario with such a tie
    failed its own check (a fuzzing audit, 2026-11-30)."""
    return Scenario.model_validate(_keys_sorted(scenario_data(scenario)))


def _keys_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _keys_sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_keys_sorted(v) for v in value]
    return value


def in_file_order(problems: list[str]) -> list[str]:
    """``problems`` by the line they name ('line 116, ...' before 'line 120, ...'), those that
    name none (a whole section missing) first, otherwise in the order found."""

    def place(problem: str) -> tuple[int, int]:
        found = re.match(r"line (\d+)(?:, column (\d+))?", problem)
        return (int(found[1]), int(found[2] or 0)) if found else (0, 0)

    return sorted(problems, key=place)


def _indented_too_far(
    root: yaml.Node | None, errors: list[ErrorDetails], twice: list[YamlProblem]
) -> tuple[list[str], set[tuple[int, int]]]:
    """A block indented one step too far, taken for fields of the entry above it: a material
    under the previous material (``materials.gallium.germanium: unknown field``), a section
    under the one before (``dynamics.fog``). One message for each, at its key, and the places
    (line, column) of the problems that follow from it (its fields, read as the entry's own and
    so written twice, or unknown there), which it stands for."""
    hints: list[str] = []
    folded: set[tuple[int, int]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden" or len(loc) < 2:
            continue
        name, parent = str(loc[-1]), str(loc[-2])
        mapping, exact = node_at(root, loc[:-1])
        outer, _ = node_at(root, loc[:-2])
        if not exact or not isinstance(mapping, yaml.MappingNode) or mapping.flow_style:
            continue
        pairs = [(k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)]
        at = next((i for i, (k, _) in enumerate(pairs) if k.value == name), None)
        outer_pairs = outer.value if isinstance(outer, yaml.MappingNode) else []
        parent_key = next(
            (k for k, _ in outer_pairs if getattr(k, "value", None) == parent),
            None,
        )
        if at is None or parent_key is None:
            continue
        key, value = pairs[at]
        own = fields_at(loc[:-1])
        after = [k for k, _ in pairs[at + 1 :]] if _empty(value) else []
        places = {(k.start_mark.line + 1, k.start_mark.column + 1) for k in after}
        swallowed = [p for p in twice if (p.line, p.column) in places]
        sibling = is_table(loc[:-2]) and (
            bool(swallowed)  # the entry's fields again: the next entry's, taken in
            or (isinstance(value, yaml.MappingNode) and any(k.value in own for k, _ in value.value))
        )
        shift = key.start_mark.column - parent_key.start_mark.column
        if not (name in fields_at(loc[:-2]) or sibling) or shift <= 0:
            continue
        folded |= places
        lines = sorted(line for line, _ in places)
        also = ""
        if lines:
            span = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}-{lines[-1]}"
            # (their repeats of the entry's own fields are not listed: this explains them)
            also = f" (and so were its fields, {span})"
        spaces = "1 space" if shift == 1 else f"{shift} spaces"
        under = "and its fields then stand under it" if after else "and the lines under it too"
        hints.append(
            f"{place(key)}{'.'.join(str(p) for p in loc)}: '{name}' looks indented too far: "
            f"it was read as a field of '{parent}'{also}: move '{name}:' back {spaces}, to "
            f"line up with '{parent}:' (column {parent_key.start_mark.column + 1}), {under}"
        )
        folded.add((key.start_mark.line + 1, key.start_mark.column + 1))
    return hints, folded


def _empty(node: yaml.Node) -> bool:
    """A key written with nothing after it (``germanium:`` then nothing more indented)."""
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value


def _key_place(root: yaml.Node | None, loc: Loc) -> tuple[int, int] | None:
    """(line, column) of the key at the end of ``loc`` in a mapping, if it is one."""
    if not loc:
        return None
    mapping, exact = node_at(root, loc[:-1])
    if not exact or not isinstance(mapping, yaml.MappingNode):
        return None
    for key, _ in reversed(mapping.value):
        if str(key.value) == str(loc[-1]):
            return key.start_mark.line + 1, key.start_mark.column + 1
    return None


def _not_a_scenario(data: Any) -> str:
    """Why a file whose top level is not a mapping of scenario fields is not a scenario."""
    if data is None:
        return "the file is empty (a scenario is a mapping of fields such as 'id:' and 'turns:')"
    if isinstance(data, dict):  # only 'turns', a mapping of turn numbers
        return (
            "this looks like an orders plan (it has only 'turns'), not a scenario; "
            "check a plan with `chokepoint validate SCENARIO --orders PLAN`"
        )
    return "line 1: the file must be a mapping of scenario fields (lines of 'field: value')"


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
    node, exact = _where(root, loc)
    if error is not None and error["type"] == "invalid_key":
        return _not_a_name(root, loc)
    if error is not None and error["type"] == "extra_forbidden":
        guess = _goes_under(loc, error.get("input"), node) or did_you_mean(
            str(loc[-1]), fields_at(loc[:-1])
        )
        msg = "unknown field (not part of the scenario format)" + (f"; {guess}" if guess else "")
    elif error is not None and error["type"] == "missing" and not exact:
        if len(loc) == 1 and root is not None:  # a whole section: the end of the file is a
            end = root.end_mark.line + (1 if root.end_mark.column else 0)  # place for it
            return (
                f"line {end} (the end of the file): {path}: missing: the file has no "
                f"'{loc[0]}:', which every scenario needs (add it here, or anywhere at the top "
                "level)"
            )
        msg = f"missing required field '{loc[-1]}'"
    elif error is not None:
        msg = plain(error, loc)
    if key:
        msg = f"'{loc[-1]}' is not a name allowed here: {msg}"
    if error is None:
        msg = _metric_hint(msg)
    value = error.get("input") if error is not None else getattr(node, "value", None)
    if isinstance(value, str) and any(c in value for c in CURLY_QUOTES):
        msg += (
            " (its quotes are curly, as a word processor or web page types them: YAML reads "
            "only straight quotes, \" or ')"
        )
    return f"{place(node)}{path}: {msg}"


CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
"""Quotation marks YAML does not read as quotes: “ ” ‘ ’ „ « »."""


def _not_a_name(root: yaml.Node | None, loc: Loc) -> str:
    """A mapping key that YAML read as a number, true/false or nothing: most often the end of a
    number written with a thousands separator inside ``{...}``, where a comma starts the next
    entry (``{action_points: 3,000}`` is action_points 3 and a second key 000)."""
    parent, _ = node_at(root, loc[:-1])
    keys = [
        k
        for k, _ in (parent.value if isinstance(parent, yaml.MappingNode) else [])
        if k.tag != "tag:yaml.org,2002:str"
    ]
    key = keys[0] if keys else parent
    path = ".".join(str(p) for p in loc[:-1]) or "(top level)"
    written = key.value if isinstance(key, yaml.ScalarNode) else str(loc[-1])
    kind = {"int": "a number", "float": "a number", "bool": "true or false", "null": "nothing"}
    read_as = kind.get(key.tag.rsplit(":", 1)[-1], "something else") if key else "something else"
    msg = f"'{written}' is read as {read_as}, not as a name: put it in quotes ('{written}')"
    if isinstance(key, yaml.ScalarNode) and isinstance(parent, yaml.MappingNode):
        pairs = parent.value
        at = next((i for i, (k, _) in enumerate(pairs) if k is key), 0)
        before = pairs[at - 1][1] if at > 0 else None
        if (
            len(written) == 3
            and written.isdigit()
            and isinstance(before, yaml.ScalarNode)
            and before.value.isdigit()
            and key.start_mark.index == before.end_mark.index + 1  # '1,000': no space
        ):
            msg = (
                f"inside {{...}} a comma starts the next entry, so '{before.value},{written}' "
                f"was read as {before.value} and a name '{written}': write "
                f"{before.value}{written} (no thousands separators)"
            )
    return f"{place(key)}{path}: {msg}"


def _goes_under(loc: Loc, value: Any, node: yaml.Node | None) -> str:
    """Words for a name written one level too high: "'tension' goes under 'indices:'
    (effects: {indices: {tension: -3}})"; '' when it belongs under no field here."""
    name = str(loc[-1])
    holders = holders_of(loc[:-1], name, value)
    if not holders:
        return ""
    if len(holders) > 1:
        return f"'{name}' goes under " + " or ".join(f"'{h}:'" for h in holders)
    example = ""
    if isinstance(node, yaml.ScalarNode) and node.value:
        example = f"{holders[0]}: {{{name}: {node.value}}}"
        if len(loc) > 1 and isinstance(loc[-2], str):
            example = f"{loc[-2]}: {{{example}}}"
        example = f" ({example})"
    return f"'{name}' goes under '{holders[0]}:'{example}"


def _metric_hint(msg: str) -> str:
    """An index written as a metric without its 'index.' ('cohesion'): the metric meant."""
    found = re.search(r"unknown metric '([^'.]+)'(?! \()", msg)
    if found is None or found[1] not in (*INDEX_NAMES, "market_share"):
        return msg
    return f"{msg[: found.end()]} (did you mean 'index.{found[1]}'?){msg[found.end() :]}"


def _where(root: yaml.Node | None, loc: Loc) -> tuple[yaml.Node | None, bool]:
    """The node a problem at ``loc`` is reported at: as :func:`node_at`, but the key of a block
    mapping or list (which starts on the key's line, not on the line after)."""
    node, exact = node_at(root, loc)
    # a key with nothing after it: its empty value "starts" wherever the next token does
    block = (isinstance(node, yaml.CollectionNode) and not node.flow_style) or (
        node is not None and _empty(node)
    )
    parent = node_at(root, loc[:-1])[0] if exact and block and loc else None
    if isinstance(parent, yaml.MappingNode):
        for key, value in parent.value:
            if value is node:
                return key, True
    return node, exact


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
            for k, v in node.value:  # the last of a key written twice, as YAML keeps it
                if key_names(k, part) and (nxt is None or same_type(k, part)):
                    nxt = v
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


def key_names(key: yaml.Node, part: object) -> bool:
    """Whether the key ``key`` is written for ``part``: a key left empty (``~:``, ``null:``)
    is read as None, and a problem with it was placed on the line of the mapping above."""
    if part is None:
        return key.tag.endswith(":null")
    return str(key.value) == str(part)


def same_type(key: yaml.Node, part: str | int) -> bool:
    """Whether ``key`` was written as the type of ``part``: of a plan's ``2:`` and ``'2':``,
    turn 2 (a number) is the first and the text '2' the second."""
    return key.tag.endswith(":int") == isinstance(part, int)


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
    _name_keys(schema)
    return schema


def _name_keys(schema: Any) -> None:
    """Make an editor check map keys (actor codes, material codes, team names) as names.

    Pydantic writes ``dict[Id, X]`` as ``patternProperties`` (a key matching the id pattern
    gets X), which lets any other key through unchecked; ``propertyNames`` refuses it."""
    if isinstance(schema, dict):
        patterns = list(schema.get("patternProperties", {}))
        if len(patterns) == 1:
            schema.setdefault("propertyNames", {})["pattern"] = patterns[0]
        for value in schema.values():
            _name_keys(value)
    elif isinstance(schema, list):
        for value in schema:
            _name_keys(value)
