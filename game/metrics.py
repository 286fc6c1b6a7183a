"""Named metrics of a state, used by objectives, diplomatic modifiers and (later) injects.

A metric is a dotted path, checked when a scenario loads:

- ``index.NAME``: tension, cohesion, posture, deterrence (0-100) or market_share (%)
- ``output.ACTOR`` or ``output.ACTOR.SECTOR``: industrial output, 100 = normal
- ``cover.ACTOR.MATERIAL``: days of working inventory
- ``stockpile.ACTOR.MATERIAL``: strategic stockpile, in the material's unit
- ``price.MATERIAL``: world price outside China
- ``share.IMPORTER.MATERIAL.EXPORTER``: the exporter's share of the importer's supply, in %
- ``revenue.ACTOR``: export revenue last turn, US$ million
- ``budget.TEAM``: a team's budget, US$ million
"""

from __future__ import annotations

from game.scenario import INDEX_NAMES, SECTORS, Scenario
from game.state import GameState

ROOTS = ("index", "output", "cover", "stockpile", "price", "share", "revenue", "budget")


def metric_problem(s: Scenario, path: str) -> str | None:
    """None if ``path`` names a metric of scenario ``s``, else what is wrong with it."""
    parts = path.split(".")
    root, rest = parts[0], parts[1:]
    actors, mats = s.actors, s.materials
    shapes: dict[str, list[tuple[str, object]]] = {
        "index": [("index", (*INDEX_NAMES, "market_share"))],
        "output": [("actor", actors), ("sector", SECTORS)],
        "cover": [("actor", actors), ("material", mats)],
        "stockpile": [("actor", actors), ("material", mats)],
        "price": [("material", mats)],
        "share": [("actor", actors), ("material", mats), ("actor", actors)],
        "revenue": [("actor", actors)],
        "budget": [("team", s.teams)],
    }
    if root not in shapes:
        return f"unknown metric '{path}': it must start with one of {', '.join(ROOTS)}"
    shape = shapes[root]
    optional_last = root == "output"
    if len(rest) != len(shape) and not (optional_last and len(rest) == len(shape) - 1):
        return f"metric '{path}' should look like {root}." + ".".join(k.upper() for k, _ in shape)
    for part, (kind, names) in zip(rest, shape, strict=False):
        if part not in names:  # type: ignore[operator]
            return f"metric '{path}': unknown {kind} '{part}'"
    return None


def metric(state: GameState, path: str) -> float:
    """The value of a metric (see the module docstring) in ``state``."""
    parts = path.split(".")
    root = parts[0]
    if root == "index":
        return state.indices[parts[1]]
    if root == "output":
        row = state.output.get(parts[1], {})
        if len(parts) == 3:
            return row.get(parts[2], 100.0)
        return sum(row.values()) / len(row) if row else 100.0
    if root == "cover":
        return state.cover.get(parts[1], {}).get(parts[2], 0.0)
    if root == "stockpile":
        return state.stockpile[parts[1]][parts[2]]
    if root == "price":
        return state.prices[parts[1]]
    if root == "share":
        return 100.0 * state.shares.get(parts[1], {}).get(parts[2], {}).get(parts[3], 0.0)
    if root == "revenue":
        return state.revenue.get(parts[1], 0.0)
    if root == "budget":
        return state.budget[parts[1]]
    raise KeyError(path)
