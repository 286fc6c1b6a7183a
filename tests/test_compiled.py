"""The compiled core (``CHOKEPOINT_COMPILE=1``, see setup.py) plays the same games as the Python.

Builds the modules ``setup.py`` compiles, with mypyc, in a copy of the package, then plays the
same seeded games there and here, bots of every kind for every team with the ledger on, and
compares the session logs byte for byte. About a minute, most of it the C compiler's. Skipped
where there is no C compiler or no mypyc (it comes with mypy, in the test extra).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mypyc.build")
_cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
pytestmark = pytest.mark.skipif(shutil.which(_cc) is None, reason=f"no C compiler ({_cc})")

PLAY = """
import hashlib, json, sys
from importlib.machinery import EXTENSION_SUFFIXES
import game, game.engine
from game.bots import make_bot
from game.engine import Session
from game.headless import play_game
from game.log import session_lines
from game.scenario_loader import load_scenario
from game.sweep import game_seed

SETS = [
    ("dual-use-ban-2026", {"beijing": "doctrine", "tokyo": "doctrine",
                           "washington": "doctrine"}, 12),
    ("dual-use-ban-2026", {"beijing": "doctrine:hawk", "tokyo": "doctrine:dove",
                           "washington": "doctrine:hawk"}, 8),
    ("dual-use-ban-2026", {"beijing": "random", "tokyo": "random", "washington": "random"}, 8),
    ("dual-use-ban-2026", {"beijing": "search:easy", "tokyo": "doctrine:hawk",
                           "washington": "random"}, 1),
    ("senkaku-2010", {"beijing": "doctrine:dove", "tokyo": "doctrine:hawk",
                      "washington": "doctrine"}, 6),
]
out = {"compiled": game.engine.__file__.endswith(tuple(EXTENSION_SUFFIXES)),
       "says": game.compiled_core()}
for scenario_id, bots, games in SETS:
    scenario = load_scenario(f"scenarios/{scenario_id}.yaml")
    h = hashlib.sha256()
    for i in range(games):
        seed = game_seed(5, i)
        team_bots = {t: make_bot(k, t, scenario, seed) for t, k in sorted(bots.items())}
        session = Session(scenario, seed, {t: f"bot:{k}" for t, k in bots.items()})
        play_game(session, {}, team_bots)
        for line in session_lines(session):
            h.update(line.encode())
    out[f"{scenario_id} {sorted(bots.items())}"] = h.hexdigest()

# a search decision shared with a helper process, which receives its rollouts pickled
from game.bots import search_pool
from game.fog import team_view
search_pool.set_workers(2)
scenario = load_scenario("scenarios/dual-use-ban-2026.yaml")
session = Session(scenario, 3, {t: "plan" for t in scenario.teams})
bot = make_bot("search:normal", "beijing", scenario, 3)
out["search on 2 processes"] = repr(bot.decide(team_view(scenario, session.state, "beijing", 3)))
out["helper played"] = search_pool._pool is not None  # a helper that died is replaced by none
search_pool.set_workers(1)
print(json.dumps(out, sort_keys=True))
"""


def play(where: Path) -> dict[str, object]:
    """The games' log hashes, played by the package in ``where``."""
    env = {**os.environ, "PYTHONPATH": str(where), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, "-c", PLAY],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_compiled_core_plays_the_same_games_byte_for_byte(tmp_path: Path) -> None:
    build = tmp_path / "build"
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd")
    shutil.copytree(ROOT / "game", build / "game", ignore=ignore)
    shutil.copytree(ROOT / "scenarios", build / "scenarios")
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, build / name)
    done = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
        cwd=build,
        env={**os.environ, "CHOKEPOINT_COMPILE": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    compiled, python = play(build), play(ROOT)
    assert compiled.pop("compiled") is True  # the copy ran the compiled modules...
    assert python.pop("compiled") is False  # ...and the checkout its Python files
    assert (compiled.pop("says"), python.pop("says")) == (True, False)  # --version tells
    assert (compiled.pop("helper played"), python.pop("helper played")) == (True, True)
    assert compiled == python
    assert len(set(python.values())) == len(python)  # five different sets of games, a decision


def test_an_editable_install_refuses_to_compile(tmp_path: Path) -> None:
    """Compiled modules beside the Python files would run instead of a developer's edits."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "setup.py"), "editable_wheel"],
        cwd=ROOT,
        env={**os.environ, "CHOKEPOINT_COMPILE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "regular install" in done.stderr
