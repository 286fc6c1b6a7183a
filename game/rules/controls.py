"""Export controls: which share of an importer's requests an exporter lets through.

Models China's control ladder as seen 2023-2026 (docs/facts.md, "China's export-control timeline"):
open trade; licensing, where a share of requests is approved and the rest waits (MOFCOM 2023-25
gallium, germanium, graphite and heavy-REE licensing); a ban on military end uses (MOFCOM
announcement 1/2026 against Japan); and a full ban (the 2010 informal embargo). A control may be
extraterritorial (the October 2025 rule on foreign goods with Chinese-origin content), which cuts
leakage through third countries.

Parameters: ``trade.licensing_friction`` (share of approved volume lost to delay each turn),
``trade.military_share_floor`` (extra share caught by a military end-use ban beyond the defence
sector's own demand) and ``dynamics.tension_per_control_step`` (tension added per step up the
ladder). A step down the ladder lowers tension by half as much. A cut in the approval share of
licensing raises tension by ``tension_per_control_step`` x the cut (from 1 to 0 as much as a
step), whether by a licence approval order or by setting licensing again at another approval;
a rise lowers it by half as much, as a step down does, so that no round of orders ending where
it began lowers tension.
"""

from __future__ import annotations

from game.orders import ExportControl, LicenceApproval, rank_change
from game.rules.context import Model, TurnContext
from game.state import ControlState, GameState, control_key, split_key


def fraction_through(model: Model, c: ControlState, material: str, importer: str) -> float:
    """Share of requests one control lets through."""
    if c.level == "open":
        return 1.0
    if c.level == "full_ban":
        return 0.0
    if c.level == "licensing":
        return c.approval * (1.0 - model.scenario.trade.licensing_friction)
    total = model.demand[importer][material]
    defence = model.sector_demand.get(importer, {}).get("defence", {}).get(material, 0.0)
    military = defence / total if total > 0 else 0.0
    return max(0.0, 1.0 - military - model.scenario.trade.military_share_floor)


def by_good(state: GameState) -> dict[tuple[str, str], dict[str, ControlState]]:
    """The controls in force by (exporter, material), then by target ('*' for everyone)."""
    out: dict[tuple[str, str], dict[str, ControlState]] = {}
    for key, c in state.controls.items():
        e, m, t = split_key(key)
        out.setdefault((e, m), {})[t] = c
    return out


def binding(
    model: Model, row: dict[str, ControlState], material: str, importer: str
) -> tuple[float, bool]:
    """For ``importer``, under the controls ``row`` (one ``by_good`` row): the share of its
    requests let through, and whether a binding control is extraterritorial.

    Where a control on the importer and one on everyone both apply, the tighter one binds.
    Worked out once a game for each (controls, material, importer) (``Model.through``).
    """
    own, general = row.get(importer), row.get("*")
    key = (own, general, material, importer)
    hit = model.through.get(key)
    if hit is None:
        if len(model.through) > 4096:  # approvals typed by hand could make many
            model.through.clear()
        bound = [c for c in (own, general) if c is not None]
        f = 1.0
        for c in bound:
            f = min(f, fraction_through(model, c, material, importer))
        hit = model.through[key] = (f, any(c.extraterritorial for c in bound))
    return hit


def leak_rates(model: Model, state: GameState) -> tuple[float, float]:
    """The share of blocked volume that still arrives through third countries this turn:
    (under an ordinary control, under an extraterritorial one, whose enforcement cuts it)."""
    # at most all of it: a rate above 1 would deliver more under a ban than open trade does
    base = min(1.0, model.scenario.trade.leakage * state.leak_factor)
    return base, base * (1.0 - model.scenario.trade.extraterritorial_enforcement)


def control_tension(
    per_step: float, current: ControlState | None, order: ExportControl | LicenceApproval
) -> float:
    """The tension ``order`` adds (less than 0: takes away) where ``current`` is in force."""
    if isinstance(order, LicenceApproval):
        assert current is not None
        change = current.approval - order.approval  # in steps: a cut from 1 to 0 is one
    else:
        change = float(rank_change(current.level if current else None, order.level))
        if change == 0 and current is not None and order.level == "licensing":
            # licensing set again at another approval: as a licence approval order, so that
            # approvals cannot be cut without the tension the other order costs
            change = current.approval - order.approval
    # up the ladder costs in full, down it gives back half: no round of orders that ends where
    # it began lowers tension
    return per_step * (change if change > 0 else change / 2)


def apply_control_orders(
    ctx: TurnContext, actor: str, orders: list[ExportControl | LicenceApproval]
) -> None:
    """Put this turn's control orders in force and move tension by the steps taken."""
    state = ctx.state
    per_step = ctx.model.scenario.dynamics.tension_per_control_step
    for order in orders:
        key = control_key(actor, order.material, order.target)
        current = state.controls.get(key)
        if isinstance(order, LicenceApproval):
            assert current is not None
            new = ControlState("licensing", order.approval, current.extraterritorial)
            steps = 0
        else:
            new = ControlState(order.level, order.approval, order.extraterritorial)
            steps = rank_change(current.level if current else None, order.level)
        tension = control_tension(per_step, current, order)
        if new.level == "open":
            state.controls.pop(key, None)
        else:
            state.controls[key] = new
        if tension:
            ctx.bump_index(
                "controls",
                "tension",
                tension,
                f"{actor} set {order.material} exports to {order.target} to {new.level}",
                exporter=actor,
                material=order.material,
                target=order.target,
                steps=steps,
                per_step=per_step,
            )
    state.controls = dict(sorted(state.controls.items()))
