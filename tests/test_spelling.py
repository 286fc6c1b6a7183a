"""A name that is not known is answered with the closest known one, wherever it was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario_loader import load_scenario
from game.spelling import closest, did_you_mean, unknown

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("magnet", "magnets"), ("JAPAN", "JPN"), ("jpn", "JPN"), ("galium", "gallium"), ("oil", None)],
)
def test_closest_name(typed: str, meant: str | None) -> None:
    known = ["dytb", "gallium", "magnets", "ndpr", "JPN", "USA", "CHN"]
    assert closest(typed, known) == meant


def test_unknown_words_the_guess_and_the_known_names() -> None:
    assert unknown("material", "magnet", ["ndpr", "magnets"]) == (
        "unknown material 'magnet' (did you mean 'magnets'? known: magnets, ndpr)"
    )
    assert unknown("team", "moscow", ["tokyo"]) == "unknown team 'moscow' (known: tokyo)"
    assert unknown("team", "Tokyo", ["tokyo"]) == (
        "unknown team 'Tokyo' (did you mean 'tokyo'? known: tokyo)"
    )
    assert did_you_mean("Tokyo", ["tokyo"]) == "did you mean 'tokyo'?"
    assert did_you_mean("oil", ["tokyo"]) == ""


def test_a_bot_named_by_its_personality_alone_is_answered_with_its_full_name() -> None:
    from game.bots import BOT_KINDS

    assert closest("dove", BOT_KINDS) == "doctrine:dove"
    assert closest("HARD", BOT_KINDS) == "search:hard"


def test_a_misspelt_scenario_name_is_answered_with_the_right_one(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    bad = tmp_path / "typo.yaml"
    bad.write_text(
        text.replace(
            "condition: cover.JPN.magnets < 30", "condition: cover.JPN.magnet < 30"
        ).replace("{metric: output.JPN, weight: 4", "{metric: outptu.JPN, weight: 4"),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    msg = str(err.value)
    assert "unknown material 'magnet' (did you mean 'magnets'?" in msg
    assert "unknown metric 'outptu.JPN' (did you mean 'output'?)" in msg


def test_a_misspelt_field_is_answered_with_the_field_meant(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    bad = tmp_path / "fields.yaml"
    bad.write_text(
        text.replace("  tension_decay: 0.1", "  tension_decy: 0.1")
        .replace("{metric: output.JPN, weight: 4", "{metric: output.JPN, wieght: 4")
        .replace("\nturns: 12", "\nturn: 12"),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    msg = str(err.value)
    hint = "unknown field (not part of the scenario format); did you mean"
    assert f"dynamics.tension_decy: {hint} 'tension_decay'?" in msg
    assert f"objectives.tokyo.0.wieght: {hint} 'weight'?" in msg
    assert f"turn: {hint} 'turns'?" in msg
    # a field nothing like any allowed one gets no guess
    bad.write_text(text.replace("  tension_decay: 0.1", "  tension_decay: 0.1\n  zzz: 1"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    lines = str(err.value).splitlines()
    plain = "dynamics.zzz: unknown field (not part of the scenario format)"
    assert any(line.endswith(plain) for line in lines)
