"""Packaging hook (the project's settings are in pyproject.toml).

The bundled scenarios live at the top of the repository, in ``scenarios/``, where authors find
them. A regular install (``pip install .``, as on Dask workers) has no repository beside it, so
the build copies them into the package as ``game/bundled/``; ``game.scenario_loader`` reads the
repository's folder when there is one (a checkout or ``pip install -e .``) and that copy
otherwise.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithScenarios(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "game" / "bundled"
        self.mkpath(str(target))
        for path in sorted(Path("scenarios").glob("*.yaml")):
            self.copy_file(str(path), str(target / path.name))


setup(cmdclass={"build_py": BuildWithScenarios})
