"""Numbers kept within bounds, as ``min`` and ``max`` give them, without calling either.

A call of the builtin ``min`` or ``max`` parses its arguments as a general function does (about
a thousand CPU instructions, ten times a comparison), and the engine, the team views and the
doctrine bots clamp some three thousand numbers a game. ``clamp`` and ``positive_part`` give
the very float the builtins would, in every case (ties, signed zeros and NaN included); in the
engine's loops, where one bound alone matters, the code compares inline, ``x if x > 0.0 else
0.0`` for ``max(0.0, x)``.
"""

from __future__ import annotations


def clamp(x: float, lo: float, hi: float) -> float:
    """``min(hi, max(lo, x))``: ``x`` within [``lo``, ``hi``] (NaN gives ``lo``)."""
    if not x > lo:  # max(lo, x) keeps its first argument unless the second is larger
        x = lo
    return x if x < hi else hi


def positive_part(x: float) -> float:
    """``max(0.0, x)``: ``x`` if above 0, else 0.0 (NaN gives 0.0)."""
    return x if x > 0.0 else 0.0
