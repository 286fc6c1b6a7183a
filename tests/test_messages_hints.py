"""Hints for the slips a scenario author's audit found answered without one: a number with
thousands separators or a unit, an American spelling, an index written as a metric without
'index.', '=<' in a condition, an actor whose declaration was deleted, and an index written
straight under an inject's effects."""

from __future__ import annotations

import pytest

from game.errors import ScenarioError
from game.scenario_loader import parse_scenario
from game.spelling import did_you_mean
from tests.conftest import DEFAULT

TEXT = DEFAULT.read_text(encoding="utf-8")
LINES = TEXT.splitlines()


def _problems(*edits: tuple[str, str]) -> list[str]:
    text = TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "broken.yaml")
    return err.value.problems


def _at(text: str) -> int:
    return next(i for i, line in enumerate(LINES, start=1) if line.startswith(text))


def test_a_number_with_thousands_separators_says_how_to_write_it() -> None:
    line = _at("    budget: 3000 ")
    assert _problems(("    budget: 3000 ", "    budget: 3,000 ")) == [
        f"line {line}, column 13: teams.tokyo.budget: should be a number: write 3000 (no "
        "thousands separators)"
    ]
    [unit] = _problems(("price: 85.0 ", 'price: "85 US$/kg" '))
    assert unit.endswith(
        "materials.ndpr.price: should be a number: write 85 alone, without 'US$/kg'"
    )


def test_an_american_spelling_is_answered_with_the_british_name() -> None:
    [order] = _problems(
        (
            "    orders: [export_control, licence_approval,",
            "    orders: [export_control, license_approval,",
        )
    )
    line = _at("    orders: [export_control, licence")
    assert order.startswith(
        f"line {line}, column 30: teams.beijing.orders.1: should be 'export_control', "
    )
    assert order.endswith("; did you mean 'licence_approval'? (British spelling)")
    [sector] = _problems(("  defence: {name: Defence", "  defense: {name: Defense"))
    assert sector.endswith(
        "sectors.defense: 'defense' is not a name allowed here: should be 'autos', 'defence', "
        "'electronics' or 'energy'; did you mean 'defence'? (British spelling)"
    )
    assert did_you_mean("prioritize_defense", ["prioritise_defence", "hold"]) == (
        "did you mean 'prioritise_defence'? (British spelling)"
    )
    assert did_you_mean("defence", ["defence"]) == "did you mean 'defence'?"


def test_a_bare_index_as_a_metric_is_answered_with_its_path() -> None:
    old = "    - {metric: index.cohesion, weight: 3"
    [problem] = _problems((old, "    - {metric: cohesion, weight: 3"))
    assert problem == (
        f"line {_at(old)}, column 16: objectives.washington.0.metric: unknown metric "
        "'cohesion' (did you mean 'index.cohesion'?): it must start with one of index, output, "
        "cover, stockpile, price, share, revenue, budget"
    )
    [condition] = _problems(("condition: index.tension >= 80", "condition: tension >= 80"))
    assert "bad condition: unknown metric 'tension' (did you mean 'index.tension'?)" in condition


def test_a_comparison_written_backwards_is_answered_with_the_right_one() -> None:
    old = "    condition: index.tension >= 80"
    assert _problems((old, "    condition: index.tension =< 80")) == [
        f"line {_at(old)}, column 16: injects.2.condition: bad condition: unexpected '=< 80' at "
        "character 15: did you mean '<='?"
    ]
    [single] = _problems((old, "    condition: index.tension = 80"))
    assert single.endswith("unexpected '= 80' at character 15: did you mean '=='?")
    # a programmer's 'and' (a scenario author's audit: '&&' was 'unexpected' and no more)
    [both] = _problems((old, "    condition: index.tension >= 80 && turn > 3"))
    assert both.endswith("unexpected '&& turn > 3' at character 21: did you mean 'and'?")


def test_a_condition_in_capitals_chained_or_in_percent_is_answered_with_how_to_write_it() -> None:
    """Three slips a scenario author met with only 'unexpected' for an answer."""
    old = "    condition: index.tension >= 80"
    [caps] = _problems((old, "    condition: index.tension >= 80 OR turn > 3"))
    assert caps.endswith("unexpected 'OR' at character 21: write 'or' in lower case")
    [neg] = _problems((old, "    condition: NOT index.tension >= 80"))
    assert neg.endswith("unexpected 'NOT' at character 1: write 'not' in lower case")
    [chain] = _problems((old, "    condition: 30 < index.tension < 80"))
    assert chain.endswith(
        "unexpected '<' at character 20: compare two values at a time, as in "
        "'30 < index.tension and index.tension < 80'"
    )
    [percent] = _problems((old, '    condition: "index.tension >= 65%"'))
    assert percent.endswith(
        "unexpected '%' at character 20: write 65 alone (indices and shares run from 0 to 100: "
        "65% is 65)"
    )


def test_an_undeclared_actor_says_to_declare_it() -> None:
    problems = _problems(
        ('  AUS: {name: "Australia (Lynas, incl. its Malaysian plant)", kind: npc}\n', "")
    )
    assert problems[0] == (
        f"line {_at('  AUS: {ndpr: 550') - 1}, column 8: production.AUS: unknown actor 'AUS' "
        "(did you mean 'USA'? or declare it under 'actors:'; known: CHN, EU, JPN, ROW, USA, VNM)"
    )
    assert all("declare it under 'actors:'" in p for p in problems)


def test_an_index_straight_under_effects_says_it_goes_under_indices() -> None:
    old = "    effects: {indices: {posture: 2}, unlock: [minamitorishima]}"
    [problem] = _problems((old, "    effects: {posture: 2, unlock: [minamitorishima]}"))
    assert problem == (
        f"line {_at(old)}, column 24: injects.0.effects.posture: unknown field (not part of the "
        "scenario format); 'posture' goes under 'indices:' (effects: {indices: {posture: 2}})"
    )


def test_a_thousands_separator_inside_braces_is_explained_not_left_to_pydantic() -> None:
    """Inside {...} a comma starts the next entry: '{ap: 1,000}' is ap 1 and a key 000, which
    pydantic reported as 'Keys should be strings' at a made-up path."""
    line = _at("  export_control: {ap: 1}")
    assert _problems(("  export_control: {ap: 1}", "  export_control: {ap: 1,000}")) == [
        f"line {line}, column 26: order_costs.export_control: inside {{...}} a comma starts the "
        "next entry, so '1,000' was read as 1 and a name '000': write 1000 (no thousands "
        "separators)"
    ]
    [number] = _problems(("  export_control: {ap: 1}", "  export_control: {ap: 1, 7: 2}"))
    assert number.endswith(
        "order_costs.export_control: '7' is read as a number, not as a name: put it in quotes ('7')"
    )


def test_a_chance_written_as_a_percentage_is_told_as_a_fraction() -> None:
    """An author wrote 'base_chance: 70%' and was told to write 70 alone; then 'should be at
    most 1', which still did not say 0.7."""
    wto = "tk_wto, name: WTO complaint, teams: [tokyo], base_chance: 0.34"
    [percent] = _problems((wto, wto.replace("0.34", "70%")))
    assert percent.endswith(
        "diplomacy.8.base_chance: should be a number: write 0.7 (a share or chance from 0 to 1: "
        "70% is 0.7)"
    )
    [number] = _problems((wto, wto.replace("0.34", "70")))
    assert number.endswith(
        "diplomacy.8.base_chance: should be at most 1 (a share or chance from 0 to 1: write 0.7 "
        "for 70%)"
    )
    # a factor written as a percentage: 130% is 1.3, not 130 (a scenario author's audit)
    [factor] = _problems(("{prices: {magnets: 1.3,", '{prices: {magnets: "130%",'))
    assert factor.endswith(
        "effects.prices.magnets: should be a number: write 1.3 (a number up to 20: 130% is 1.3)"
    )
    # a whole number is no fraction (a code review: '50%' months was told 'write 0.5')
    [months] = _problems(("turn_length_months: 1", 'turn_length_months: "50%"'))
    assert months.endswith("should be a whole number: write 50 alone, without '%'")
    # a percentage where a number from 0 to 100 goes is still told to drop the sign
    [price] = _problems(("price: 85.0 ", 'price: "85%" '))
    assert price.endswith("materials.ndpr.price: should be a number: write 85 alone, without '%'")
    [dollars] = _problems(("price: 85.0 ", "price: US$85/kg "))  # a log auditor's 'US$ /kg'
    assert dollars.endswith("write 85 alone, without 'US$' and '/kg'")


def test_messages_that_point_elsewhere_say_where_and_what_to_write() -> None:
    """A scenario author's audit: a duplicate id did not name the first, a team on an npc
    actor did not say where to make it a player, and swapped bounds gave no way out."""
    wto = "  - {id: tk_wto,"
    [twice] = _problems((wto, "  - {id: tk_talks,"))
    assert twice.endswith(
        f"duplicate move id 'tk_talks' (first at line {_at('  - {id: tk_talks,')})"
    )
    # an inject's too (a scenario author's audit)
    [inject] = _problems(("  - id: automakers_warn", "  - id: chikyu_mud"))
    assert inject.endswith(
        f"duplicate inject id 'chikyu_mud' (first at line {_at('  - id: chikyu_mud')})"
    )
    [npc] = _problems(("  JPN: {name: Japan, kind: player}", "  JPN: {name: Japan, kind: npc}"))
    assert npc.endswith(
        "teams.tokyo.actor: actor 'JPN' is not a player actor: a team speaks for one; set "
        f"'kind: player' on JPN under actors (line {_at('  JPN: {name: Japan')})"
    )
    tension = "{metric: index.tension, weight: 2, direction: down, low: 30, high: 90"
    [bounds] = _problems((tension, tension.replace("low: 30, high: 90", "low: 90, high: 30")))
    assert bounds.endswith(
        "high must be above low (to score lower values higher, keep low below high and write "
        "'direction: down')"
    )


def test_a_move_named_like_an_investment_is_refused_with_both_places() -> None:
    """An inject's ``unlock`` names one id; a move and an investment sharing it would both open,
    and the log could not tell which was meant (noticed in the fifteenth session)."""
    [clash] = _problems(("  - {id: tk_talks,", "  - {id: jp_recycling,"))
    assert clash.endswith(
        "move id 'jp_recycling' is also an investment's id (at line "
        f"{_at('  - {id: jp_recycling,')}): give one of them another name"
    )
    assert f"line {_at('  - {id: tk_talks,')}" in clash


def test_an_inject_on_turn_1_is_told_why_not() -> None:
    [first] = _problems(("    turn: 2            # src: chikyu", "    turn: 1  # src: chikyu"))
    assert first.endswith(
        "injects.0.turn: should be at least 2 (an inject opens a turn and fires at the end of "
        "the one before: the first turn opens on the scenario's own starting state)"
    )


def test_a_misspelt_sector_in_a_metric_is_reported_once() -> None:
    """It was reported twice: as an unknown sector, then as 'not a sector of this scenario'."""
    metric = "{metric: output.USA.defence, weight: 3"
    assert _problems((metric, metric.replace("defence", "defense"))) == [
        f"line {_at('    - {metric: output.USA.defence')}, column 16: "
        "objectives.washington.2.metric: metric 'output.USA.defense': unknown sector 'defense' "
        "(did you mean 'defence'? (British spelling) known: autos, defence, electronics, energy)"
    ]


def test_a_year_in_a_note_is_not_offered_as_the_number() -> None:
    """A fuzzing audit: 'see Lynas (2011)' where a number goes was told 'write 2011 alone,
    without 'see Lynas (' and ')''."""
    from game.schema_words import _number_in_text

    assert _number_in_text("see Lynas (2011)") == ""
    assert _number_in_text("(40)") == ": write 40 alone, without '(' and ')'"
    assert _number_in_text("2.5 t") == ": write 2.5 alone, without 't'"
