"""Sanctions and tension (game.rules.measures): tension moves by the change in severity, in
full up and by half down. A reviewer found broad-to-targeted raising tension by 1 and
targeted-then-broad costing 3 where broad at once cost 2."""

from __future__ import annotations

import pytest

from game.engine import Session
from game.orders import Sanction
from game.scenario import Scenario


def sanction_tension(scenario: Scenario, severities: list[str]) -> list[float]:
    """The tension Washington's sanctions on China added, turn by turn."""
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    out = []
    for severity in severities:
        record = session.play({"washington": [Sanction(target="CHN", severity=severity)]})  # type: ignore[arg-type]
        assert not record.refused, record.refused
        lines = [e for e in record.ledger if e.key == "index.tension" and e.rule == "measures"]
        out.append(sum(e.amount for e in lines))
    return out


@pytest.mark.parametrize(
    ("severities", "tension"),
    [
        (["broad"], [2.0]),
        (["targeted", "broad"], [1.0, 1.0]),
        (["broad", "targeted"], [2.0, -0.5]),
        (["broad", "lift"], [2.0, -1.0]),
        (["targeted", "lift"], [1.0, -0.5]),
    ],
)
def test_sanction_tension_follows_the_change_in_severity(
    scenario: Scenario, severities: list[str], tension: list[float]
) -> None:
    assert sanction_tension(scenario, severities) == pytest.approx(tension)
