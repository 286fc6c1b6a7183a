"""Shared fixtures: the bundled scenarios, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import Scenario
from game.scenario_loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
DEFAULT = SCENARIOS / "dual-use-ban-2026.yaml"


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario(DEFAULT)
