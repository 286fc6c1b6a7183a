"""Plain words for the app: identifiers in the ledger's stories become names."""

from __future__ import annotations

from game.scenario import Scenario
from game.tui.words import humanize, quantity


def test_humanize_names_teams_actors_and_moves(scenario: Scenario) -> None:
    text = "beijing's bj_pla_exercise failed; JPN's industrial losses; tokyo holds ndpr"
    out = humanize(scenario, text)
    assert out.startswith("Beijing's PLA exercise around Taiwan failed")
    assert "Japan's industrial losses" in out and "Tokyo holds NdPr" in out
    assert humanize(scenario, "beijingers") == "beijingers"  # whole words only


def test_humanize_words_control_levels(scenario: Scenario) -> None:
    story = "CHN set ndpr exports to JPN to full_ban; CHN set dytb exports to JPN to military_ban"
    assert humanize(scenario, story) == (
        "China set NdPr oxide exports to Japan to a full ban; "
        "China set Dy/Tb oxide exports to Japan to a military end-use ban"
    )


def test_quantity_keeps_the_digits_that_matter() -> None:
    assert quantity(25000) == "25,000"
    assert quantity(12) == "12"
    assert quantity(150.4) == "150"
    assert quantity(2.5) == "2.5"
    assert quantity(2.04) == "2"
    assert quantity(0.3) == "0.3"  # US germanium output a turn: ':,.0f' showed it as 0
    assert quantity(0.0125) == "0.013"
    assert quantity(0) == "0"
