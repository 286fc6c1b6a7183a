"""Chokepoint: a turn-based tabletop-exercise engine for critical-mineral coercion crises.

The package is a pure, deterministic core (scenario, orders, state, rules, engine, log) with thin
shells over it: the ``chokepoint`` command (``game.cli``) and the Textual app (``game.tui``). Only
``game.tui`` imports textual.
"""

__version__ = "0.3.0"


def compiled_core() -> bool:
    """Whether this install runs the compiled core (``CHOKEPOINT_COMPILE=1 pip install .``, see
    setup.py): the engine is then a C extension, not a Python file. It plays the same games."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    spec = find_spec("game.engine")
    return spec is not None and (spec.origin or "").endswith(tuple(EXTENSION_SUFFIXES))
