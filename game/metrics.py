"""Named metrics of a state, used by objectives, diplomatic modifiers and (later) injects.

A metric is a dotted path, checked when a scenario loads:

- ``index.NAME``: tension, cohesion, posture, deterrence (0-100) or market_share (%)
- ``output.ACTOR`` or ``output.ACTOR.SECTOR``: industrial output, 100 = normal
- ``cover.ACTOR.MATERIAL``: days of working inventory (365, the most counted, for a material the
  actor does not use, or no longer uses after an inject: nothing can run out; it read 0, so a
  "cover < 30" condition fired and a cover objective fell to nothing when demand stopped)
- ``stockpile.ACTOR.MATERIAL``: strategic stockpile, in the material's unit
- ``price.MATERIAL``: world price outside China
- ``share.IMPORTER.MATERIAL.EXPORTER``: the exporter's share of the importer's supply, in %
- ``revenue.ACTOR``: export revenue last turn, US$ million
- ``budget.TEAM``: a team's budget, US$ million
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache

from game.scenario import INDEX_NAMES, SECTORS, Scenario
from game.spelling import did_you_mean, unknown
from game.state import COVER_CAP_DAYS, GameState

ROOTS = ("index", "output", "cover", "stockpile", "price", "share", "revenue", "budget")


def metric_problem(s: Scenario, path: str) -> str | None:
    """None if ``path`` names a metric of scenario ``s``, else what is wrong with it."""
    parts = path.split(".")
    root, rest = parts[0], parts[1:]
    actors, mats = s.actors, s.materials
    shapes: dict[str, list[tuple[str, Collection[str]]]] = {
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
        guess = did_you_mean(root, ROOTS)
        guess = f" ({guess})" if guess else ""
        return f"unknown metric '{path}'{guess}: it must start with one of {', '.join(ROOTS)}"
    shape = shapes[root]
    optional_last = root == "output"
    if len(rest) != len(shape) and not (optional_last and len(rest) == len(shape) - 1):
        return f"metric '{path}' should look like {root}." + ".".join(k.upper() for k, _ in shape)
    for part, (kind, names) in zip(rest, shape, strict=False):
        if part not in names:
            return f"metric '{path}': {unknown(kind, part, names)}"
    return None


def metric(state: GameState, path: str) -> float:
    """The value of a metric (see the module docstring) in ``state``."""
    return reader(path)(state)


@lru_cache(maxsize=4096)
def reader(path: str) -> Callable[[GameState], float]:
    """A function that reads the metric ``path`` from a state (the path is parsed once)."""
    parts = path.split(".")
    root = parts[0]
    if root == "index":
        name = parts[1]
        return lambda s: s.indices[name]
    if root == "output":
        actor = parts[1]
        if len(parts) == 3:
            sector = parts[2]
            return lambda s: s.output.get(actor, {}).get(sector, 100.0)

        def average(s: GameState) -> float:
            row = s.output.get(actor, {})
            return sum(row.values()) / len(row) if row else 100.0

        return average
    if root == "cover":
        actor, material = parts[1], parts[2]
        return lambda s: s.cover.get(actor, {}).get(material, COVER_CAP_DAYS)
    if root == "stockpile":
        actor, material = parts[1], parts[2]
        return lambda s: s.stockpile[actor][material]
    if root == "price":
        material = parts[1]
        return lambda s: s.prices[material]
    if root == "share":
        importer, material, exporter = parts[1], parts[2], parts[3]
        return lambda s: 100.0 * s.shares.get(importer, {}).get(material, {}).get(exporter, 0.0)
    if root == "revenue":
        actor = parts[1]
        return lambda s: s.revenue.get(actor, 0.0)
    if root == "budget":
        team = parts[1]
        return lambda s: s.budget[team]
    raise KeyError(path)
