"""Plain words for the app: identifiers in the ledger's stories become names."""

from __future__ import annotations

from game.scenario import Scenario
from game.tui.words import humanize


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
