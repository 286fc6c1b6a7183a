"""Chokepoint: a turn-based tabletop-exercise engine for critical-mineral coercion crises.

The package is a pure, deterministic core (scenario, orders, state, rules, engine, log) with thin
shells over it: the ``chokepoint`` command (``game.cli``) and the Textual app (``game.tui``). Only
``game.tui`` imports textual.
"""

__version__ = "0.3.0"
