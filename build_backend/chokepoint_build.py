"""The build backend, named in pyproject.toml: setuptools' own, which also asks for mypy (whose
mypyc compiles) and the packages it type-checks the core against when ``CHOKEPOINT_COMPILE=1``
asks for the compiled core (see ``setup.py``). Any other build asks for no more than before."""

import os

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 (every hook, as setuptools defines it)

COMPILE_REQUIRES = ["mypy==2.4.1", "pydantic>=2.7,<3", "pyyaml>=6.0", "types-PyYAML"]


def _compile_requires() -> list[str]:
    return COMPILE_REQUIRES if os.environ.get("CHOKEPOINT_COMPILE") == "1" else []


def get_requires_for_build_wheel(config_settings: dict[str, object] | None = None) -> list[str]:
    return _setuptools.get_requires_for_build_wheel(config_settings) + _compile_requires()


def get_requires_for_build_editable(config_settings: dict[str, object] | None = None) -> list[str]:
    return _setuptools.get_requires_for_build_editable(config_settings) + _compile_requires()
