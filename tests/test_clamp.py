"""``clamp`` and ``positive_part`` give the very floats ``min(hi, max(lo, x))`` and ``max(0.0, x)``
give, edge cases included."""

from __future__ import annotations

import math

from game.clamp import clamp, positive_part

VALUES = [-math.inf, -1.5, -0.0, 0.0, 1e-300, 0.5, 1.0, 99.9, 100.0, 100.5, math.inf, math.nan]


def same(a: float, b: float) -> bool:
    """The same float: equal with the same sign, or both NaN."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def test_clamp_is_min_of_max() -> None:
    for lo, hi in [(0.0, 100.0), (0.0, 1.0), (0.02, 0.98), (-0.0, 0.0)]:
        for x in VALUES:
            assert same(clamp(x, lo, hi), min(hi, max(lo, x))), (x, lo, hi)


def test_positive_part_is_max_with_zero() -> None:
    for x in VALUES:
        assert same(positive_part(x), max(0.0, x)), x
