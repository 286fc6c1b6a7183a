"""Strategic indices: tension, US-Japan alliance cohesion, Japan's posture, deterrence.

Each turn, after industry:
- Tension decays toward its baseline by ``tension_decay`` of the gap (orders and moves raised or
  lowered it earlier in the turn).
- Cohesion drifts toward its baseline by ``cohesion_drift`` of the gap and loses
  ``cohesion_pain`` x Japan's output loss (0-1): an ally left to suffer doubts its patron. A US
  stockpile release to Japan (or Japan's to the US) adds up to ``ALLY_RELEASE_COHESION`` (3)
  points, in proportion to what it is worth to the receiver: the full 3 for a week or more of
  its demand for that material (``FULL_RELEASE_DAYS``), less for less, and never more than 3 in
  a turn however many releases. (It was 3 for every release, so a solo player's 1 t of graphite
  a turn, under a day of Japan's demand, bought 3 points of cohesion each time.)
- Japan's Taiwan posture (100 = firm) gains ``posture_cohesion_pull`` x (cohesion - 50)/50 and
  loses ``posture_pain`` x Japan's output loss: coercion bites through industrial pain, resisted
  by alliance backing (CNAS "Containing Crisis": alliances favour the US).
- Deterrence credibility moves ``deterrence_from_cohesion`` of the way toward cohesion and loses
  ``deterrence_from_defence`` x the US defence sector's output loss (rare earths per F-35 ~417 kg,
  per DDG-51 ~2,360 kg; CRS R41744 via docs/facts.md).
All values are assumptions set in the scenario's ``dynamics`` section.
"""

from __future__ import annotations

from game.rules.context import TurnContext
from game.state import DAYS_PER_MONTH, days_of_cover

ALLY_RELEASE_COHESION = 3.0
FULL_RELEASE_DAYS = 7.0
"""Days of the receiver's demand a release must cover to earn the full cohesion bonus
(an assumption: a week's supply is a gesture an ally notices)."""


def ally_release_points(amount: float, demand: float, months: int) -> float:
    """The cohesion one release of ``amount`` to the ally is worth, when the receiver's demand
    for the material is ``demand`` per turn of ``months`` months (before the cap of
    ``ALLY_RELEASE_COHESION`` for a whole turn's releases). Nothing if it uses none."""
    if demand <= 0.0 or amount <= 0.0:
        return 0.0
    days = days_of_cover(amount, demand, months)
    return ALLY_RELEASE_COHESION * min(1.0, days / FULL_RELEASE_DAYS)


def full_release_amount(demand: float, months: int) -> float:
    """The release that earns the full bonus: ``FULL_RELEASE_DAYS`` of ``demand`` (per turn of
    ``months`` months)."""
    return demand * FULL_RELEASE_DAYS / (DAYS_PER_MONTH * months)


def output_loss(ctx: TurnContext, actor: str, sector: str | None = None) -> float:
    row = ctx.state.output.get(actor, {})
    if not row:
        return 0.0
    if sector is not None:
        return 1.0 - row.get(sector, 100.0) / 100.0
    return 1.0 - sum(row.values()) / len(row) / 100.0


def update_indices(ctx: TurnContext) -> None:
    d = ctx.model.scenario.dynamics
    idx = ctx.state.indices
    target, patron = ctx.model.target, ctx.model.patron
    jp_loss = output_loss(ctx, target)
    us_def_loss = output_loss(ctx, patron, "defence")

    ctx.bump_index(
        "strategic",
        "tension",
        d.tension_decay * (d.tension_baseline - idx["tension"]),
        "tension eases back toward its baseline",
        baseline=d.tension_baseline,
        decay=d.tension_decay,
    )

    ctx.bump_index(
        "strategic",
        "cohesion",
        d.cohesion_drift * (d.cohesion_baseline - idx["cohesion"]),
        "cohesion drifts toward its baseline",
        baseline=d.cohesion_baseline,
    )
    if jp_loss > 0:
        ctx.bump_index(
            "strategic",
            "cohesion",
            -d.cohesion_pain * jp_loss,
            f"{target}'s industrial losses strain the alliance",
            output_loss=jp_loss,
        )
    months = ctx.model.scenario.turn_length_months
    left = ALLY_RELEASE_COHESION  # the most all of a turn's releases can add
    for giver, dest, m, amount in ctx.ally_releases:
        if {giver, dest} == {patron, target} and left > 0.0:
            demand = ctx.demands()[dest][m]  # per turn
            gain = min(left, ally_release_points(amount, demand, months))
            left -= gain
            if gain > 0.0:
                ctx.bump_index(
                    "strategic",
                    "cohesion",
                    gain,
                    f"{giver} released {m} from its stockpile to {dest}",
                    amount=amount,
                )

    pull = d.posture_cohesion_pull * (idx["cohesion"] - 50.0) / 50.0
    ctx.bump_index(
        "strategic",
        "posture",
        pull,
        "alliance backing steadies Japan's posture",
        cohesion=idx["cohesion"],
    )
    if jp_loss > 0:
        ctx.bump_index(
            "strategic",
            "posture",
            -d.posture_pain * jp_loss,
            f"industrial pain in {target} softens its posture",
            output_loss=jp_loss,
        )

    ctx.bump_index(
        "strategic",
        "deterrence",
        d.deterrence_from_cohesion * (idx["cohesion"] - idx["deterrence"]),
        "deterrence follows alliance cohesion",
        cohesion=idx["cohesion"],
    )
    if us_def_loss > 0:
        ctx.bump_index(
            "strategic",
            "deterrence",
            -d.deterrence_from_defence * us_def_loss,
            f"{patron}'s defence industry is short of materials",
            output_loss=us_def_loss,
        )
