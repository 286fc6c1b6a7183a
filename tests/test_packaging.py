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


def source_tree(tmp_path: Path) -> Path:
    """A copy of what a checkout holds for packaging: the package, the scenarios, the build."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "MANIFEST.in"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.so")
    for folder in ("game", "scenarios", "build_backend"):
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    return src


def wheel_names(tmp_path: Path, source: Path) -> set[str]:
    """The files in the wheel pip builds from ``source`` (a folder or an sdist)."""
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("chokepoint-*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


def test_the_wheel_carries_every_bundled_scenario(tmp_path: Path) -> None:
    names = wheel_names(tmp_path, source_tree(tmp_path))
    bundled = {p.name for p in (ROOT / "scenarios").glob("*.yaml")}
    assert bundled >= {"dual-use-ban-2026.yaml", "senkaku-2010.yaml"}
    assert {f"game/bundled/{n}" for n in bundled} <= names
    assert "game/data/injects.yaml" in names and "game/tui/app.tcss" in names


def test_a_source_distribution_builds_a_wheel_with_the_scenarios(tmp_path: Path) -> None:
    """The sdist carries what its build needs: the build backend and the scenarios to bundle."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "sdist", "-d", str(dist)],
        cwd=source_tree(tmp_path),
        check=True,
        capture_output=True,
    )
    (sdist,) = dist.glob("chokepoint-*.tar.gz")
    names = wheel_names(tmp_path, sdist)
    assert "game/bundled/dual-use-ban-2026.yaml" in names
    assert "game/engine.py" in names
