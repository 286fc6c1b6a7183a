"""YAML syntax errors in plain words: what is likely wrong, how to fix it, and where the cause
is (an audit of scenario authors found PyYAML's own words, 'mapping values are not allowed
here', with no hint of the fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import PlanError, ScenarioError
from game.plan import load_full_plan
from game.scenario import Scenario
from game.scenario_loader import parse_scenario
from game.yaml_source import YamlProblem, read_yaml
from tests.conftest import DEFAULT

TEXT = DEFAULT.read_text(encoding="utf-8")


def _problem(old: str, new: str) -> str:
    assert old in TEXT, old
    with pytest.raises(ScenarioError) as err:
        parse_scenario(TEXT.replace(old, new, 1), "broken.yaml")
    [problem] = err.value.problems
    return problem


def _line(text: str) -> int:
    return TEXT.splitlines().index(text) + 1


def test_one_space_too_many_names_the_indentation() -> None:
    line = _line("    usd_m_per_unit_price: 0.001")
    problem = _problem("    usd_m_per_unit_price: 0.001", "     usd_m_per_unit_price: 0.001")
    assert problem == (
        f"line {line}, column 6: YAML syntax error: 'usd_m_per_unit_price' is indented further "
        f"than line {line - 1} (5 spaces, not 4), so it was read as more of that line's value: "
        "line it up with the fields above it"
    )
    assert "mapping values are not allowed" not in problem


def test_a_field_indented_too_little_is_named_beside_the_next_one() -> None:
    """A field indented too little between two that line up is where YAML stops only at the
    next line; the message said to move that next line, which was right where it was."""
    line = _line("    action_points: 3")
    problem = _problem("    actor: CHN\n    action_points: 3", "    actor: CHN\n  action_points: 3")
    assert problem == (
        f"line {line + 1}, column 5: YAML syntax error: 'budget' is indented further than line "
        f"{line} (4 spaces, not 2), so it was read as more of that line's value: line it up "
        f"with the fields above it, or, if line {line} is the one out of line, indent that one "
        f"as line {line - 1} (4 spaces)"
    )


def test_a_colon_inside_a_value_says_to_quote_it() -> None:
    old = "    headline: Chikyu lifts rare-earth mud from 5,600 m off Minamitorishima"
    new = "    headline: Chikyu lifts mud: 5,600 m off Minamitorishima"
    problem = _problem(old, new)
    assert problem.startswith(f"line {_line(old)}, column 31: YAML syntax error: ")
    assert "a ':' followed by a space inside a value: put the value in quotes, e.g. " in problem
    assert 'headline: "Chikyu lifts mud: 5,600 m off Minamitorishima"' in problem


def test_an_unquoted_star_is_named_as_an_alias() -> None:
    old = '  - {exporter: CHN, material: dytb, target: "*", level: licensing, approval: 0.95}'
    problem = _problem(old, old.replace('"*"', "*"))
    assert problem.startswith(f"line {_line(old)}, column 45: YAML syntax error: '*' at the ")
    assert 'put the value in quotes, e.g. target: "*"' in problem
    assert "alphabetic or numeric" not in problem


def test_a_hash_in_a_flow_value_names_its_own_line_not_the_next() -> None:
    old = "  - {id: bj_talks, name: Offer talks on condition of a posture change, teams: [beijing],"
    problem = _problem(old, old.replace("Offer talks", "Offer talks #2"))
    line = _line(old)
    assert problem.startswith(f"line {line}, column 38: YAML syntax error: '#' starts a comment")
    assert f"the rest of line {line} was not read" in problem
    assert 'e.g. name: "Offer talks #2 on condition of a posture change"' in problem
    assert f"(YAML stopped at line {line + 1}, column 6)" in problem


def test_a_bracket_not_closed_is_named_where_it_opens() -> None:
    line = _line("turns: 12")
    problem = _problem("turns: 12\n", "turns: [12\n")
    assert problem.endswith(
        f"YAML syntax error: the '[' at line {line}, column 8 is not closed before this line: "
        "add the ']' (or a ',' is missing between two entries)"
    )


def test_a_bad_date_is_a_problem_not_a_crash() -> None:
    # 2026-13-01 looks like a date to YAML, which failed to build it (ValueError, a crash)
    start = 'start: "2026-01"'
    problem = _problem(start, "start: 2026-13-01")
    assert problem == (
        f"line {_line(start)}, column 8: YAML syntax error: '2026-13-01' is "
        "written like a date (YYYY-MM-DD) but is not one: write a real date, or put the value "
        'in quotes (a month is "YYYY-MM")'
    )


def test_a_plan_gets_the_same_words(tmp_path: Path, scenario: Scenario) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("turns:\n  1:\n    tokyo:\n      - {type: diplomacy, move: *}\n")
    with pytest.raises(PlanError) as err:
        load_full_plan(plan, scenario)
    assert 'put the value in quotes, e.g. move: "*"' in str(err.value)


def test_a_bracket_open_at_the_end_of_the_file_is_named_where_it_opens() -> None:
    # PyYAML stops at the end of the file (line 3, column 1), a line that is not there
    with pytest.raises(YamlProblem) as err:
        read_yaml("a: 1\nturns: [12\n")
    assert (
        str(err.value)
        == "line 2, column 8: YAML syntax error: this '[' is never closed: add the ']'"
    )


def test_a_quote_left_open_is_blamed_where_it_opened() -> None:
    """The audit's missing closing quote was reported three lines on ('a ',' is missing'), and
    in a blurb a hundred lines on ('more text after a closing quote')."""
    old = "  CHN: {name: China, kind: player}"
    problem = _problem(old, '  CHN: {name: "China, kind: player}')
    assert problem.startswith(f"line {_line(old)}, column 15: YAML syntax error: the quote ")
    assert "is not closed on its line" in problem and "add the closing quote" in problem
    blurb = next(line for line in TEXT.splitlines() if line.startswith("    blurb: "))
    problem = _problem(blurb, blurb.replace("blurb: ", 'blurb: "'))
    assert problem.startswith(f"line {_line(blurb)}, column 12: YAML syntax error: the quote ")


@pytest.mark.parametrize(
    ("char", "name"),
    [("\f", "form feed"), ("\x00", "NUL"), ("\x0b", "vertical tab"), ("\x9f", "a control")],
)
def test_a_control_character_is_named_with_its_place(char: str, name: str) -> None:
    """A form feed pasted from a PDF (or a file of zeros) gave PyYAML's ReaderError traceback."""
    old = "  CHN: {name: China, kind: player}"
    problem = _problem(old, f"  CHN: {{name: Chi{char}na, kind: player}}")
    assert problem.startswith(f"line {_line(old)}, column 18: character U+")
    assert name in problem and "delete it" in problem


def test_brackets_nested_too_deep_are_a_message_not_a_traceback() -> None:
    with pytest.raises(ScenarioError) as err:
        parse_scenario("title: " + "[" * 1000 + "]" * 1000 + "\n", "deep.yaml")
    assert "nested hundreds of levels deep" in err.value.problems[0]


def test_a_plan_that_is_not_utf8_names_its_line(tmp_path: Path, scenario: Scenario) -> None:
    plan = tmp_path / "p.yaml"
    text = 'turns:\n  2:\n    facilitator:\n      notes: ["R\xe9union"]\n'
    plan.write_bytes(text.encode("latin-1"))
    with pytest.raises(PlanError, match=r"p.yaml: line 4: byte 0xe9 is not UTF-8 text"):
        load_full_plan(plan, scenario)


def test_a_colon_with_no_space_and_a_tab_after_a_colon_say_so() -> None:
    """'turns:12' read 'line 15 has no ':' after its name'; 'tension:<tab>65' said to put a
    tab in quotes."""
    problem = _problem("turns: 12", "turns:12")
    assert problem == (
        f"line {_line('turns:12'.replace(':', ': '))}, column 6: YAML syntax error: a ':' needs "
        "a space after it: write 'turns: 12'"
    )
    old = next(line for line in TEXT.splitlines() if line.startswith("  tension: 65"))
    problem = _problem(old, old.replace("tension: ", "tension:\t"))
    assert problem.endswith("a tab after ':': separate a name from its value with a space")


def test_a_session_log_given_as_a_scenario_is_named(tmp_path: Path) -> None:
    from game.engine import Session
    from game.headless import play_game
    from game.log import write_log
    from game.scenario_loader import load_scenario

    scenario = load_scenario(DEFAULT)
    session = Session(scenario, 1)
    play_game(session, {}, {}, 1)
    log = tmp_path / "s.jsonl"
    write_log(session, log)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(log.read_text(encoding="utf-8"), str(log))
    assert err.value.problems[0].startswith("this looks like a session log, not a scenario")


@pytest.mark.parametrize(
    ("which", "new", "said", "at"),
    [
        # the second control lost its '- ': 'line 224 has no ':' after its name'
        (1, "  {", "is not a list item like the lines beside it: add '- ' at its start", 1),
        # the first lost it: 'indentation (2 spaces) does not line up with ... (2 spaces)'
        (0, "  {", "is not a list item like the lines beside it: add '- ' at its start", 0),
        (1, "  -{", "a list item needs a space after its '-': write '- ' then the item", 1),
    ],
)
def test_a_list_item_that_lost_its_dash_is_named(which: int, new: str, said: str, at: int) -> None:
    controls = [line for line in TEXT.splitlines() if line.startswith("  - {exporter: ")]
    old = controls[which]
    text = TEXT.replace(old, new + old.removeprefix("  - {"), 1)
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "broken.yaml")
    [problem] = err.value.problems
    line = _line(controls[at])
    assert problem == f"line {line}, column 3: YAML syntax error: " + (
        said if said.startswith("a list") else f"line {line} {said}"
    )


def test_a_number_of_thousands_of_digits_is_called_too_large_not_a_tag() -> None:
    """A log auditor's 5,000-digit 'turns' was told "cannot be read as its '!!' type: remove
    the tag", with all 5,000 digits echoed back."""
    line = _line("turns: 12")
    problem = _problem("turns: 12", "turns: " + "9" * 5000)
    assert problem == (
        f"line {line}, column 8: YAML syntax error: '{'9' * 20}…' is a number of 5,000 digits, "
        "far too large for any field"
    )


def test_pasted_and_stray_text_is_named_for_what_it_is() -> None:
    """A log auditor's audit: a no-break space after 'turns:' was 'no ':' after its name', a
    second document was PyYAML's 'but found another document', and a comment after a number
    inside {...} was told to quote the number (making it text)."""
    line = _line("turns: 12")
    nbsp = _problem("turns: 12", "turns:\u00a012")
    assert nbsp == (
        f"line {line}, column 1: YAML syntax error: line {line} holds an invisible character, "
        "U+00A0 NO-BREAK SPACE, which YAML does not read as a space: type an ordinary space in "
        "its place"
    )
    last = len(TEXT.splitlines())
    second = _problem(TEXT.splitlines()[-1], TEXT.splitlines()[-1] + "\n---\nx: 1")
    assert second == (
        f"line {last + 1}, column 1: YAML syntax error: a second document begins here ('---'): "
        "the file holds one; remove the '---' line (and what follows, if it is another file "
        "pasted in)"
    )
    old = '  - {exporter: CHN, material: dytb, target: "*", level: licensing, approval: 0.95}'
    comment = _problem(old, old[:-1] + " # note}")
    assert comment.startswith(f"line {_line(old)}, column 83: YAML syntax error: '#' starts")
    assert "the closing '}' with it: move the comment after the '}'" in comment
    after_comma = _problem(old, old.replace("approval:", "# note approval:"))
    assert after_comma == (
        f"line {_line(old)}, column 68: YAML syntax error: '#' starts a comment, so the rest "
        f"of line {_line(old)} was not read, the closing '}}' with it: move the comment after "
        "the '}'"
    )


def test_an_invisible_character_in_a_name_is_shown() -> None:
    """A zero-width space inside 'tokyo' was quoted back looking like 'tokyo'."""
    from game.spelling import unknown

    said = unknown("team", "tok\u200byo", ["tokyo", "beijing"])
    assert "(it holds an invisible character, U+200B ZERO WIDTH SPACE)" in said
    assert unknown("team", "tokio", ["tokyo"]) == (
        "unknown team 'tokio' (did you mean 'tokyo'? known: tokyo)"
    )


def test_the_new_hints_keep_to_their_own_cases() -> None:
    """A code review: a comment inside a [...] that goes on below was blamed for a ',,' there;
    a hidden character anywhere on a line without ':' was told to be a space after ':'; a tab
    counted as invisible."""
    from game.spelling import hidden_characters

    with pytest.raises(YamlProblem) as err:
        read_yaml("a: [1,  # one]\n  2,, 3]\n")
    assert "two ',' with nothing between them" in str(err.value)
    with pytest.raises(YamlProblem) as err:
        read_yaml("a: 1\nnote the plan\u00a0here\nb: 2\n")
    assert "ordinary space" not in str(err.value)
    assert hidden_characters("a\tb") == ""


def test_a_value_glued_to_its_colon_is_named_on_its_own_line() -> None:
    """'name:Tokyo' is one word to YAML, so the error came on the next line, with the advice to
    quote that line's value (a scenario author's audit)."""
    line = _line("    name: Tokyo")
    assert _problem("    name: Tokyo", "    name:Tokyo") == (
        f"line {line}, column 9: YAML syntax error: no space after the ':' in 'name:Tokyo': "
        "write 'name: Tokyo' (YAML reads the whole of it as one word, and the next line no "
        "longer fits)"
    )


def test_an_indentation_of_no_break_spaces_is_named() -> None:
    """Pasted from a web page: the message spoke of '4 spaces, not 0' on a line that looked
    indented by 4."""
    line = _line("    action_points: 3")
    problem = _problem("    action_points: 3", "\u00a0\u00a0\u00a0\u00a0action_points: 3")
    assert problem == (
        f"line {line}, column 1: YAML syntax error: line {line} is indented with invisible "
        "no-break spaces (U+00A0, as pasted from a web page or a word processor): indent it "
        "with ordinary spaces"
    )


def test_curly_quotes_are_named() -> None:
    """Typed in a word processor: 'start: “2026-01”' was told to put the month in quotes,
    which it seemed to be in (a scenario author's audit)."""
    problem = _problem('start: "2026-01"', "start: \u201c2026-01\u201d")
    assert problem.endswith(
        "(its quotes are curly, as a word processor or web page types them: YAML reads only "
        "straight quotes, \" or ')"
    )
    assert "write the month" in problem
