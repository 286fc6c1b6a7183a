"""A block indented one step too far is named as such, first, and the messages that follow
from it are folded into that one (a scenario author's audit: a material indented two spaces
under the previous one gave eight "'name' is written twice" messages and, last, the real
cause, 'materials.ndpr.dytb: unknown field', with no word of indentation)."""

from __future__ import annotations

import pytest

from game.errors import ScenarioError
from game.scenario_loader import parse_scenario
from tests.conftest import DEFAULT

TEXT = DEFAULT.read_text(encoding="utf-8")
LINES = TEXT.splitlines()


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "broken.yaml")
    return err.value.problems


def test_a_material_indented_under_the_one_before_is_one_message() -> None:
    line = LINES.index("  dytb:") + 1
    problems = _problems(TEXT.replace("\n  dytb:\n", "\n    dytb:\n", 1))
    last = next(i for i in range(line, len(LINES)) if not LINES[i].startswith("    "))
    assert problems == [
        f"line {line}, column 5: materials.ndpr.dytb: 'dytb' looks indented too far: it was "
        f"read as a field of 'ndpr' (and so were its fields, lines {line + 1}-{last}): move "
        "'dytb:' back 2 spaces, to line up with 'ndpr:' (column 3), and its fields then stand "
        "under it"
    ]


def test_the_hint_comes_first_and_other_problems_stay() -> None:
    text = TEXT.replace("\n  dytb:\n", "\n    dytb:\n", 1).replace("turns: 12\n", "turns: 0\n")
    problems = _problems(text)
    assert len(problems) == 2
    assert "'dytb' looks indented too far" in problems[0]
    assert problems[1].endswith("turns: should be at least 1")


def test_a_section_indented_under_the_one_before() -> None:
    # fog moved up to follow dynamics, with its first line indented as dynamics' fields
    text = TEXT.replace("\nfog:\n  noise: 0.15\n  hidden: [stockpile, budget, projects]\n", "\n")
    text = text.replace(
        "  tariff_diversion: 0.3\n",
        "  tariff_diversion: 0.3\n  fog:\n  noise: 0.15\n  hidden: [stockpile, budget, projects]\n",
    )
    line = LINES.index("  tariff_diversion: 0.3") + 2
    assert _problems(text) == [
        f"line {line}, column 3: dynamics.fog: 'fog' looks indented too far: it was read as a "
        f"field of 'dynamics' (and so were its fields, lines {line + 1}-{line + 2}): move 'fog:' "
        "back 2 spaces, to line up with 'dynamics:' (column 1), and its fields then stand under "
        "it"
    ]


def test_an_unknown_field_of_its_own_is_still_an_unknown_field() -> None:
    problems = _problems(
        TEXT.replace("    defence_critical: true\n", "    colour:\n    defence_critical: true\n", 1)
    )
    assert len(problems) == 1
    assert problems[0].endswith(
        "materials.dytb.colour: unknown field (not part of the scenario format)"
    )
