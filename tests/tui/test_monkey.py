"""Random keys, as a restless player or a cat on the keyboard would press them: the app never
fails, and every session log it wrote on the way verifies."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.log import replay_log

from .conftest import SIZE

pytestmark = pytest.mark.asyncio

NAVIGATION = ["tab", "shift+tab", "enter", "escape", "up", "down", "left", "right", "space"]
EDITING = ["home", "end", "pageup", "pagedown", "backspace", "delete", "f1"]
CONTROL = ["ctrl+s", "ctrl+o", "ctrl+r", "ctrl+p", "ctrl+z", "ctrl+y"]
KEYS = NAVIGATION + EDITING + CONTROL + list("nrivlfpahmtsodxbecwkju013")
# not 'g', whose 200 computer games would outlive the test
# the keys that move a game on come up more often, so the presses reach later turns too
WEIGHTS = [8 if k in ("enter", "ctrl+s", "r", "n", "tab", "escape") else 1 for k in KEYS]
STARTS = {
    "start screen": {"start_screen": True},
    "hot seat": {"scenario": "dual-use-ban-2026"},
    "solo": {"scenario": "dual-use-ban-2026", "solo": "tokyo"},
}
PRESSES = 150


@pytest.mark.parametrize("start", sorted(STARTS))
async def test_random_keys_never_break_the_app_and_lose_nothing(
    make_app, workdir: Path, start: str
) -> None:
    rng = random.Random(start)  # the same keys every run
    app = make_app(**STARTS[start])
    async with app.run_test(size=SIZE) as pilot:  # an error in the app fails the test here
        await pilot.pause()
        for i in range(PRESSES):
            await pilot.press(rng.choices(KEYS, WEIGHTS)[0])
            if i % 10 == 9:
                await pilot.pause()
            if not app.is_running:
                break
    logs = sorted(workdir.rglob("*.jsonl"))
    assert logs or start == "start screen", "a game in progress is always saved"
    for log in logs:
        rep = replay_log(log)
        assert rep.ok, rep.error
