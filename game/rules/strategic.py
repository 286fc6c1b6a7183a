"""Strategic indices: tension, US-Japan alliance cohesion, Japan's posture, deterrence.

Each turn, after industry:
- Tension decays toward its baseline by ``tension_decay`` of the gap (orders and moves raised or
  lowered it earlier in the turn).
- Cohesion drifts toward its baseline by ``cohesion_drift`` of the gap and loses
  ``cohesion_pain`` x Japan's output loss (0-1): an ally left to suffer doubts its patron. A US
  stockpile release to Japan adds ``ALLY_RELEASE_COHESION`` (3) points.
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

ALLY_RELEASE_COHESION = 3.0


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
    for giver, dest, m, amount in ctx.ally_releases:
        if {giver, dest} == {patron, target}:
            ctx.bump_index(
                "strategic",
                "cohesion",
                ALLY_RELEASE_COHESION,
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
