"""Plain words for identifiers, shared by the app, the report and the command line."""

from __future__ import annotations

from game.names import humanize
from game.scenario import Scenario


def test_a_name_that_holds_an_identifier_is_not_named_twice(scenario: Scenario) -> None:
    """The engine's refusal 'the stockpile holds only 1,025 t of NdFeB magnets' read 'NdFeB
    NdFeB magnets' (the material's id is 'magnets'), in the app, the report and run."""
    text = "the stockpile holds only 1,025 t of NdFeB magnets; Battery graphite too"
    assert humanize(scenario, text) == text
    assert humanize(scenario, "JPN short of magnets and graphite") == (
        "Japan short of NdFeB magnets and Battery graphite"
    )
