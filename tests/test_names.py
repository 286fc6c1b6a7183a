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


def test_an_amount_is_written_with_thousands_separated(scenario: Scenario) -> None:
    """Orders read 'Buy 100000 t' where the forms showed '100,000 t'."""
    from game.names import order_words
    from game.orders import StockpileBuild, StockpileRelease

    buy = StockpileBuild(material="graphite", amount=100000)
    assert order_words(scenario, buy) == "Buy 100,000 t of Battery graphite for the stockpile"
    part = StockpileRelease(material="dytb", amount=3310.67, to="JPN")
    assert order_words(scenario, part).startswith("Release 3,310.67 t of Dy/Tb oxide")
    tiny = StockpileBuild(material="dytb", amount=0.0001)  # it read 'Buy 0 t'
    assert order_words(scenario, tiny) == "Buy 0.0001 t of Dy/Tb oxide for the stockpile"


def test_a_roll_is_shown_to_the_places_that_tell_it_from_its_chance() -> None:
    """An analyst read 'slipped a turn (20% chance of slipping, roll 0.20)': 0.199702 came in
    under 0.2, which two places hid."""
    from game.names import roll_text

    assert roll_text(0.822183, 0.58) == "0.82"
    assert roll_text(0.199702, 0.2) == "0.1997"
    assert roll_text(0.2000004, 0.2) == "0.200000"  # six places at most


def test_money_chances_and_rolls_keep_the_digit_a_reader_needs() -> None:
    """A debriefer's audit: 'US$2M refunded' for US$1.5M, '42% chance' for 42.5%, and a roll
    of 0.997 shown as 1.00 (a roll is always below 1)."""
    from game.names import chance_text, money, roll_text

    assert [money(1.5), money(19.4), money(3000), money(2.0)] == [
        "US$1.5M",
        "US$19M",
        "US$3,000M",
        "US$2M",
    ]
    assert [chance_text(0.425), chance_text(0.42), chance_text(0.5)] == ["42.5%", "42%", "50%"]
    assert roll_text(0.997, 0.425) == "0.997"
    assert roll_text(0.1997, 0.2) == "0.1997"  # told apart from the chance, as before
    assert roll_text(0.31, 0.5) == "0.31"


def test_a_name_keeps_its_capitals_inside_a_sentence_unless_it_is_the_engines_own() -> None:
    """A code review: 'Taiwan posture' (a scenario's label) read 'taiwan posture'."""
    from game.names import in_sentence

    assert in_sentence("Tension") == "tension"
    assert in_sentence("Deterrence credibility") == "deterrence credibility"
    assert in_sentence("Taiwan posture") == "Taiwan posture"
    assert in_sentence("US–Japan cohesion") == "US–Japan cohesion"
    assert in_sentence("Japan's Taiwan posture") == "Japan's Taiwan posture"


def test_an_objective_with_no_label_is_named_by_its_metric_in_words(scenario: Scenario) -> None:
    """A scenario author's report read 'output.United States.defence went from 51.0 to 100.0'
    (the path humanized halfway) where its tables said 'output of United States defence'."""
    from game.names import score_line_why
    from game.report.model import metric_label

    edited = scenario.model_copy(deep=True)
    for o in edited.objectives["washington"]:
        if o.metric == "output.USA.defence":
            object.__setattr__(o, "label", None)
    why = "output.USA.defence went from 51.0 to 100.0"
    inputs = {"metric": "output.USA.defence", "direction": "up"}
    line = score_line_why(
        edited, "score.washington", why, inputs, lambda m: metric_label(edited, m)
    )
    assert line == "output of United States defence went from 51.0 to 100.0"
