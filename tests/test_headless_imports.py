"""The core and the headless commands never import textual (harlequin's architecture test)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "game.scenario",
    "game.scenario_loader",
    "game.orders",
    "game.state",
    "game.engine",
    "game.log",
    "game.fog",
    "game.plan",
    "game.headless",
    "game.cli",
    "game.bots",
    "game.sweep",
    "game.names",
    "game.report.model",
    "game.rules.trade",
    "game.rules.scoring",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    assert "textual" not in _loaded_after(f"import {module}")


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["validate", "scenarios/dual-use-ban-2026.yaml"],
        ["run", "dual-use-ban-2026", "--seed", "1", "--turns", "2"],
    ],
)
def test_headless_commands_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\nfrom game.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    )
    assert "textual" not in _loaded_after(code)
