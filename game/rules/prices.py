"""Prices: the world price outside China rises with the shortfall; China's falls when exports stop.

World price target = baseline x exp(k x shortfall share) x (1 + tension premium), where the
shortfall share is unmet demand outside China (before inventory draws) over demand outside China,
``k`` is the material's ``price_sensitivity`` and the tension premium is up to 20% as tension
goes from 50 to 100 (buyers hoard when war talk rises). The price closes half the gap to its
target each turn, so spikes build over two or three months as in 2010-11 (Dy oxide rose ~26x
from 2009 to 2011; docs/facts.md).

China's domestic price target = baseline x (1 - 0.4 x share blocked of all the exports requested
of China): blocked exports pile up at home. It also closes half the gap each turn. Assumption.
"""

from __future__ import annotations

import math

from game.rules.context import TurnContext

ADJUST = 0.5
TENSION_PREMIUM = 0.2
CHINA_GLUT = 0.4


def update_prices(ctx: TurnContext) -> None:
    model, state = ctx.model, ctx.state
    tension = ctx.before.indices["tension"]
    premium = 1.0 + TENSION_PREMIUM * max(0.0, (tension - 50.0) / 50.0)
    demands, supply, coercer = ctx.demands(), ctx.supply, model.coercer
    for m in model.materials:
        mat = model.scenario.materials[m]
        demand = short = 0.0
        for a in model.actors:
            if a == coercer:
                continue
            d = demands[a][m]
            demand += d
            s = supply[a][m]
            if s < d:
                short += d - s
        share = short / demand if demand > 0 else 0.0
        target = mat.price * math.exp(mat.price_sensitivity * share) * premium
        old = ctx.state.prices[m]  # last turn's, or as an inject left it
        new = old + ADJUST * (target - old)
        state.prices[m] = new
        if ctx.ledger.on:
            ctx.ledger.add(
                "prices",
                f"price.{m}",
                new - old,
                f"world price of {m} moves toward its target",
                shortfall_share=share,
                target=target,
                tension=tension,
            )
        base_cn = mat.china_price or mat.price
        cn_target = base_cn * (1.0 - CHINA_GLUT * ctx.coercer_blocked_share.get(m, 0.0))
        old_cn = ctx.before.china_prices[m]
        state.china_prices[m] = old_cn + ADJUST * (cn_target - old_cn)
