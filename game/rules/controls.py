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
ladder).

Tension follows a control's place on the ladder (``severity``): open 0, licensing 1, a military
end-use ban 2, a full ban 3. Licensing that approves little counts as the ban it amounts to:
licensing at approval ``a`` stands at the larger of 1 + (1 - a) and 3 x (1 - a), so 1 at full
approval, 1.5 at half, 2.25 at a quarter and 3, a full ban, at none (before engine 0.3.0,
licensing at approval 0 blocked as much as a full ban for a third of its tension). Making a
control extraterritorial adds half a step. A move up the ladder adds
``tension_per_control_step`` per step; a move down takes away half as much, so that no round
of orders ending where it began lowers tension. Every order that changes a control, a licence
approval included, is priced the same way, so the cost does not depend on the route taken.
"""

from __future__ import annotations

from game.orders import ExportControl, LicenceApproval
from game.rules.context import Model, TurnContext
from game.state import CONTROL_RANK, ControlState, GameState, control_key, split_key


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
    Worked out once for each (controls, material, importer) and kept on the model
    (``Model.through``), which the sessions of a scenario share (``Model.of``).
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


EXTRATERRITORIAL_STEP = 0.5
"""Steps on the ladder that making a control extraterritorial adds (an assumption: it cuts
leakage through third countries by ``trade.extraterritorial_enforcement``, a ban's reach
widened rather than a new ban)."""


def severity(c: ControlState | None) -> float:
    """A control's place on the escalation ladder, in steps (see the module's docstring)."""
    if c is None or c.level == "open":
        return 0.0
    if c.level == "licensing":
        cut = 1.0 - c.approval
        rank = max(1.0 + cut, 3.0 * cut)
    else:
        rank = float(CONTROL_RANK[c.level])
    return rank + (EXTRATERRITORIAL_STEP if c.extraterritorial else 0.0)


def ordered_control(
    current: ControlState | None, order: ExportControl | LicenceApproval
) -> ControlState:
    """The control ``order`` puts in force where ``current`` stands (open: level 'open')."""
    if isinstance(order, LicenceApproval):
        assert current is not None
        return ControlState("licensing", order.approval, current.extraterritorial)
    return ControlState(order.level, order.approval, order.extraterritorial)


def ladder_steps(current: ControlState | None, order: ExportControl | LicenceApproval) -> float:
    """Steps up (positive) or down the ladder that ``order`` takes where ``current`` stands."""
    return severity(ordered_control(current, order)) - severity(current)


def control_tension(
    per_step: float, current: ControlState | None, order: ExportControl | LicenceApproval
) -> float:
    """The tension ``order`` adds (less than 0: takes away) where ``current`` is in force:
    ``per_step`` per step up the ladder, half that per step down."""
    change = ladder_steps(current, order)
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
        new = ordered_control(current, order)
        steps = round(ladder_steps(current, order), 6)
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
    if orders:  # kept in key order (this is the only rule that changes them)
        state.controls = dict(sorted(state.controls.items()))
