"""Scoring: each team's score (0-100) is the weighted mean of its objectives, each normalised.

An objective names a metric (see ``game.metrics``), a weight, a direction and a range
[low, high]: the metric is mapped linearly onto 0-100 over that range (clipped), and reversed
when lower is better. Objectives and weights come from the scenario (the design brief: Beijing
shifts Tokyo's posture at least cost to its market share; Tokyo keeps industry running and its
posture; Washington keeps cohesion, deterrence and its defence industrial base).

The ledger records, for each objective, how much it moved the score this turn and why.
"""

from __future__ import annotations

from game.clamp import clamp
from game.metrics import metric
from game.rules.context import TurnContext
from game.scenario import Objective, Scenario
from game.state import GameState


def objective_points(obj: Objective, value: float) -> float:
    """0-100 points for ``value`` on ``obj``'s range and direction."""
    x = (value - obj.low) / (obj.high - obj.low)
    x = clamp(x, 0.0, 1.0)
    return 100.0 * (x if obj.direction == "up" else 1.0 - x)


def team_scores(scenario: Scenario, state: GameState) -> dict[str, float]:
    out: dict[str, float] = {}
    for team, objs in sorted(scenario.objectives.items()):
        total_w = sum(o.weight for o in objs)
        out[team] = (
            sum(o.weight * objective_points(o, metric(state, o.metric)) for o in objs) / total_w
        )
    return out


def update_scores(ctx: TurnContext) -> None:
    s = ctx.model.scenario
    new_scores: dict[str, float] = {}
    for team, objs in sorted(s.objectives.items()):
        total_w = sum(o.weight for o in objs)
        score = 0.0
        for o in objs:
            after = metric(ctx.state, o.metric)
            p_after = objective_points(o, after)
            score += o.weight * p_after / total_w
            if not ctx.ledger.on:
                continue  # a look-ahead: nobody reads the story
            before = metric(ctx.before, o.metric)
            p_before = objective_points(o, before)
            ctx.ledger.add(
                "scoring",
                f"score.{team}",
                o.weight * (p_after - p_before) / total_w,
                f"{o.label or o.metric} went from {before:,.1f} to {after:,.1f}",
                metric=o.metric,
                before=before,
                after=after,
                weight=o.weight,
                direction=o.direction,
            )
        new_scores[team] = score
    ctx.state.scores = new_scores
