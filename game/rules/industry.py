"""Sector output: each sector's output falls with the share of its materials it could not get.

Output of a sector (100 = normal) = 100 x (1 - sensitivity x worst shortfall), where the worst
shortfall is the largest unmet share among the materials the sector uses (a bottleneck: a car
line stops for want of magnets whatever else it has). Sensitivities per sector come from the
scenario (assumptions anchored on the April 2025 licensing shock, when Suzuki stopped the Swift
line within weeks; docs/facts.md).

A government that prioritises defence gives its defence sector first call on available material;
the other sectors share what is left.
"""

from __future__ import annotations

from game.rules.context import TurnContext


def sector_fills(ctx: TurnContext, actor: str) -> dict[str, dict[str, float]]:
    """For each sector of ``actor``, the share of each material's demand it received."""
    model = ctx.model
    sectors = model.sector_demand.get(actor, {})
    fill = ctx.state.fill[actor]
    prioritise = ctx.state.priority_defence.get(actor, False) and "defence" in sectors
    out: dict[str, dict[str, float]] = {}
    for sec, row in sectors.items():
        out[sec] = {m: fill[m] for m, q in row.items() if q > 0}
    if prioritise:
        for m, q_def in sectors["defence"].items():
            total = model.demand[actor][m]
            if q_def <= 0 or fill[m] >= 1.0:
                continue
            available = fill[m] * total
            f_def = min(1.0, available / q_def)
            rest = total - q_def
            f_rest = (available - f_def * q_def) / rest if rest > 0 else 1.0
            for sec in out:
                if m in out[sec]:
                    out[sec][m] = f_def if sec == "defence" else max(0.0, f_rest)
    return out


def update_output(ctx: TurnContext) -> None:
    model, state = ctx.model, ctx.state
    sectors_cfg = model.scenario.sectors
    players = (model.coercer, model.target, model.patron)
    ledger_on = ctx.ledger.on
    for actor, sectors in model.sector_demand.items():
        # without a defence priority every sector gets the actor's own fill of each material
        # (``sector_fills``), read here straight from the sector rows
        prioritised = state.priority_defence.get(actor, False) and "defence" in sectors
        fills = sector_fills(ctx, actor) if prioritised else None
        fill = state.fill[actor]
        row = state.output.setdefault(actor, {})
        story = ledger_on and actor in players
        for sec, uses in sectors.items():
            worst_m, worst = "", 0.0
            if fills is None:
                for m, q in uses.items():
                    if q > 0:
                        short = 1.0 - fill[m]
                        if short > worst:
                            worst_m, worst = m, short
            else:
                for m, f in fills[sec].items():
                    short = 1.0 - f
                    if short > worst:
                        worst_m, worst = m, short
            sens = sectors_cfg[sec].sensitivity if sec in sectors_cfg else 1.0
            left = 1.0 - sens * worst
            new = 100.0 * (left if left > 0.0 else 0.0)  # max(0.0, left): game/clamp.py
            old = row.get(sec, 100.0)
            row[sec] = new
            if story and abs(new - old) > 1e-6:
                why = (
                    f"{actor} {sec} short of {worst_m}"
                    if worst_m
                    else f"{actor} {sec} fully supplied"
                )
                ctx.ledger.add(
                    "industry",
                    f"output.{actor}.{sec}",
                    new - old,
                    why,
                    material=worst_m,
                    shortfall=worst,
                    sensitivity=sens,
                )
