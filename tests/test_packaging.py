"""A regular install (``pip install .``, as on Dask workers) carries the bundled scenarios.

An analyst installed Chokepoint without ``-e`` and found no bundled scenario at all
("bundled: " with nothing after it): only ``game/`` was packaged, and the scenarios live at the
top of the repository. ``setup.py`` now copies them into the wheel as ``game/bundled/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_every_bundled_scenario(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "MANIFEST.in"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "build_backend", src / "build_backend", ignore=ignore)
    shutil.copytree(ROOT / "game", src / "game", ignore=ignore)
    shutil.copytree(ROOT / "scenarios", src / "scenarios")
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("chokepoint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {p.name for p in (ROOT / "scenarios").glob("*.yaml")}
    assert bundled >= {"dual-use-ban-2026.yaml", "senkaku-2010.yaml"}
    assert {f"game/bundled/{n}" for n in bundled} <= names
    assert "game/data/injects.yaml" in names and "game/tui/app.tcss" in names


def test_a_source_distribution_builds_a_wheel_with_the_scenarios(tmp_path: Path) -> None:
    """The sdist carries what its build needs: the build backend and the scenarios to bundle."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "MANIFEST.in"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("game", "scenarios", "build_backend"):
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "sdist", "-d", str(dist)],
        cwd=src,
        check=True,
        capture_output=True,
    )
    (sdist,) = dist.glob("chokepoint-*.tar.gz")
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(sdist)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("chokepoint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "game/bundled/dual-use-ban-2026.yaml" in names
    assert "game/engine.py" in names
