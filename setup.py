"""Packaging hook (the project's settings are in pyproject.toml).

The bundled scenarios live at the top of the repository, in ``scenarios/``, where authors find
them. A regular install (``pip install .``, as on Dask workers) has no repository beside it, so
the build copies them into the package as ``game/bundled/``; ``game.scenario_loader`` reads the
repository's folder when there is one (a checkout or ``pip install -e .``) and that copy
otherwise.

The compiled core, for large sweeps: ``CHOKEPOINT_COMPILE=1 pip install .`` compiles the
modules in ``COMPILED`` to C with mypyc (from their type annotations; the build backend,
``build_backend/chokepoint_build.py``, then asks for mypy and what it checks against) and
plays the same games in a third less time. The Python files stay the source: every other install
runs them, and ``tests/test_compiled.py`` builds the compiled core and checks that it plays
the same games, byte for byte, as they do (docs/performance.md has the figures).
"""

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COMPILED = [
    # the engine and its rules: a game's turns
    *sorted(str(p) for p in Path("game/rules").glob("*.py")),
    "game/engine.py",
    "game/order_checks.py",
    "game/state.py",
    "game/chance.py",
    "game/clamp.py",
    "game/conditions.py",
    "game/metrics.py",
    # what a bot game adds: the team views and the bots
    "game/fog.py",
    "game/headless.py",
    "game/bots/common.py",
    "game/bots/doctrine.py",
    "game/bots/random_bot.py",
    "game/bots/search.py",
    "game/bots/search_pool.py",
]
"""The modules compiled. Not those whose classes are pydantic models (the order types, the
scenario), which mypyc cannot compile (the checks of orders, in a module of their own, are);
nor the ledger, whose ``add`` takes an input named ``amount`` beside its positional-only
``amount``, which compiled code refuses; nor the app, the command line and the loaders, where
the time does not go."""


class BuildWithScenarios(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "game" / "bundled"
        self.mkpath(str(target))
        for path in sorted(Path("scenarios").glob("*.yaml")):
            self.copy_file(str(path), str(target / path.name))


def compiled_core() -> list:  # list[Extension]
    """The compiled modules' extensions, when ``CHOKEPOINT_COMPILE=1`` asks for them."""
    if os.environ.get("CHOKEPOINT_COMPILE") != "1" or "egg_info" in sys.argv:
        return []  # (egg_info: the build asking what it needs, mypy among it, before building)
    if "editable_wheel" in sys.argv:
        sys.exit(
            "CHOKEPOINT_COMPILE=1 is for a regular install (pip install .): in an editable one the"
            " compiled modules would run instead of your edits to the Python files"
        )
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.exit("CHOKEPOINT_COMPILE=1 needs mypy (pip install mypy) to compile the core")

    extensions = mypycify(COMPILED, opt_level="3")
    for ext in extensions:
        # no fused multiply-add: the compiled arithmetic rounds as Python's does, so the logs
        # are the same byte for byte (x86-64's baseline has no FMA; ARM's has)
        ext.extra_compile_args = [*ext.extra_compile_args, "-ffp-contract=off"]
    return extensions


setup(cmdclass={"build_py": BuildWithScenarios}, ext_modules=compiled_core())
