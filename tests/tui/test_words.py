"""Plain words for the app: identifiers in the ledger's stories become names."""

from __future__ import annotations

from pathlib import Path

from game.report.model import key_series
from game.scenario import Scenario
from game.scenario_loader import find_scenario, load_scenario
from game.tui.game import default_log_path
from game.tui.words import humanize, key_label, quantity


def test_humanize_names_teams_actors_and_moves(scenario: Scenario) -> None:
    text = "beijing's bj_pla_exercise failed; JPN's industrial losses; tokyo holds ndpr"
    out = humanize(scenario, text)
    assert out.startswith("Beijing's “PLA exercise around Taiwan” failed")
    assert "Japan's industrial losses" in out and "Tokyo holds NdPr" in out
    assert humanize(scenario, "beijingers") == "beijingers"  # whole words only


def test_humanize_words_control_levels(scenario: Scenario) -> None:
    story = "CHN set ndpr exports to JPN to full_ban; CHN set dytb exports to JPN to military_ban"
    assert humanize(scenario, story) == (
        "China set NdPr oxide exports to Japan to a full ban; "
        "China set Dy/Tb oxide exports to Japan to a military end-use ban"
    )


def test_humanize_quotes_a_move_that_succeeded_or_failed(scenario: Scenario) -> None:
    """'Beijing's Offer talks on condition of a posture change failed' read as one phrase."""
    story = "beijing's Offer talks on condition of a posture change failed"
    assert humanize(scenario, story) == (
        "Beijing's “Offer talks on condition of a posture change” failed"
    )
    assert humanize(scenario, "Firm statement on Taiwan succeeded") == (
        "Firm statement on Taiwan succeeded"  # not a team's move: left as it is
    )


def test_humanize_says_everyone_for_a_star(scenario: Scenario) -> None:
    """A control on every country is written '*' in the ledger; the turn story said 'to *'."""
    assert humanize(scenario, "CHN set dytb exports to * to full_ban") == (
        "China set Dy/Tb oxide exports to everyone to a full ban"
    )
    assert humanize(scenario, "Tariff of 25% on magnets from *") == (
        "Tariff of 25% on NdFeB magnets from everyone"
    )
    assert humanize(scenario, "2 * 3 to *x") == "2 * 3 to *x"  # only a lone '*' after a preposition


def test_quantity_keeps_the_digits_that_matter() -> None:
    assert quantity(25000) == "25,000"
    assert quantity(12) == "12"
    assert quantity(150.4) == "150"
    assert quantity(2.5) == "2.5"
    assert quantity(2.04) == "2"
    assert quantity(0.3) == "0.3"  # US germanium output a turn: ':,.0f' showed it as 0
    assert quantity(0.0125) == "0.013"
    assert quantity(0) == "0"


def test_a_scenario_names_its_own_indices(scenario: Scenario) -> None:
    """The 2010 crisis is not about Taiwan: its scenario names the posture index itself, and
    the app and the report both use that name; the 2026 scenario keeps the default."""
    senkaku = load_scenario(find_scenario("senkaku-2010"))
    assert key_label(senkaku, "index.posture") == "Japan's posture on the Senkakus"
    assert key_label(senkaku, "index.cohesion") == "US–Japan cohesion"  # not renamed: default
    assert key_label(scenario, "index.posture") == "Japan's Taiwan posture"
    labels = {k.key: k.label for k in key_series(senkaku)}
    assert labels["index.posture"] == "Japan's posture on the Senkakus"
    assert {k.key: k.label for k in key_series(scenario)}["index.posture"] == (
        "Japan's Taiwan posture"
    )


def test_a_scenario_span_is_said_in_months_and_years() -> None:
    from game.tui.screens.start import span_words

    s = load_scenario(find_scenario("dual-use-ban-2026"))
    assert span_words(s) == "12 monthly turns from January 2026"
    quarterly = s.model_copy(update={"turn_length_months": 3, "turns": 4, "start": "2010-10"})
    assert span_words(quarterly) == "4 turns of 3 months from October 2010"


def test_turn_story_leaves_out_changes_that_read_zero(scenario: Scenario) -> None:
    """'+0.00 Crisis kept below the brink went from 53.9 to 53.9' is not worth a line; the
    record (and the log) keep the entry."""
    from dataclasses import replace

    from rich.console import Console

    from game.engine import Session
    from game.ledger import Entry
    from game.tui.widgets.ledger_view import turn_story

    session = Session(scenario, 1, {t: "human" for t in scenario.teams})
    for _ in range(3):
        record = session.play({})
    tiny = [e for e in record.ledger if abs(e.amount) < 0.005]
    assert tiny  # turn 3: graphite's price moves by +0.0024
    zero = Entry(
        "score", "score.washington", 0.001, {}, "Crisis kept below the brink went from 53.9 to 53.9"
    )
    record = replace(record, ledger=[*record.ledger, zero])
    console = Console(width=200, color_system=None, record=True)
    for part in turn_story(scenario, record, economy=10_000):
        console.print(part)
    text = console.export_text()
    assert "+0.00" not in text and "-0.00" not in text
    assert "went from 53.9 to 53.9" not in text
    assert "Markets and industry" in text and "• " in text  # the real changes are still there
    assert zero in record.ledger


def test_every_ledger_key_root_has_words_and_a_unit(scenario: Scenario) -> None:
    """The engine's ledger keys (production, demand, leakage ...) read as dotted paths."""
    from game.tui.words import unit_of

    assert key_label(scenario, "production.AUS.ndpr") == "Australia's NdPr oxide production"
    assert unit_of(scenario, "production.AUS.ndpr") == " t/turn"
    assert key_label(scenario, "demand.JPN.magnets") == "Japan's demand for NdFeB magnets"
    assert unit_of(scenario, "demand.JPN.magnets") == " t/turn"
    assert key_label(scenario, "output.JPN.autos") == "Japan: output of autos and EVs"
    assert "." not in key_label(scenario, "leakage")


def test_the_low_cover_key_speaks_to_a_team_or_to_the_facilitator() -> None:
    """The facilitator's console said 'your cover running low ... what your firms usually
    hold' over every country's cover."""
    from game.tui.words import low_legend

    assert low_legend(own=True).startswith("⚠ your cover running low: under 30 days")
    room = low_legend(own=False)
    assert room.startswith("⚠ cover running low: under 30 days") and "your" not in room
    assert room.endswith("under 3/4 of what the country's firms usually hold")


def test_source_ids_in_an_authors_text_are_given_as_citations(scenario: Scenario) -> None:
    """A player read 'Source: dod-mp.' and '(hufbauer)' in the order builder."""
    from game.tui.words import citation, cited

    assert citation(scenario, "dod-mp").startswith("DoD-MP Materials deal, 10 Jul 2025")
    assert citation(scenario, "no-such-source") == "no-such-source"
    assert cited(scenario, "34% success rate (hufbauer).") == (
        "34% success rate (Hufbauer, Schott and Elliott: 40 of 115 sanctions cases succeeded "
        "(34%))."
    )
    assert cited(scenario, "left alone (not a source)") == "left alone (not a source)"


def test_a_turns_story_names_the_suppliers_that_sent_less(scenario: Scenario) -> None:
    """A solo player's US lost most of its magnets when Beijing bought 7,500 t for its own
    stockpile and no line said which supplier sent less (since engine 0.3.0 a purchase no
    longer holds exports back: a ban does it here)."""
    from game.engine import Session
    from game.orders import ExportControl
    from game.tui.widgets.ledger_view import import_lines, turn_story

    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    session.play({})
    ban = ExportControl(material="magnets", target="USA", level="full_ban")
    record = session.play({"beijing": [ban]})
    assert record.before is not None
    [us] = [str(t) for t in import_lines(scenario, record.before, record.state, "USA")]
    assert us.startswith("  • United States, NdFeB magnets: ") and "(China -" in us
    story = [str(t) for t in turn_story(scenario, record, "washington")]
    at = story.index("\nImports that fell, by supplier")
    assert story[at + 1].startswith("  • NdFeB magnets: ") and "(China -" in story[at + 1]
    # a turn with nothing new bought or banned: no such heading
    calm = [str(t) for t in turn_story(scenario, session.records[0], "washington")]
    assert "\nImports that fell, by supplier" not in calm


def test_cover_just_under_the_low_mark_is_not_printed_as_the_mark(scenario: Scenario) -> None:
    """An audit read '30 ⚠' for 29.6 days beside a key saying 'under 30 days': cover is printed
    in whole days rounded down, so a flagged figure is below the line the key names."""
    import io

    from rich.console import Console

    from game.engine import Session
    from game.tui.widgets.state_panel import state_renderables

    state = Session(scenario, 1).state.copy()
    actor = scenario.teams["tokyo"].actor
    material = next(m for m in sorted(scenario.materials) if m in state.cover[actor])
    state.cover[actor][material] = 29.6
    out = io.StringIO()
    console = Console(file=out, width=160, color_system=None)
    for part in state_renderables(scenario, [state], 0):
        console.print(part)
    row = next(line for line in out.getvalue().splitlines() if "29" in line and "⚠" in line)
    assert "29 ⚠" in row and "30 ⚠" not in row


def test_a_narrow_panel_wraps_index_names_instead_of_cutting_them(scenario: Scenario) -> None:
    """At 80x24 a facilitator read 'Japan's Taiwan po…' and, once the trend was long, 'Japan's
    T…': in a narrow panel the names wrap and the trend shows the last six turns."""
    import io

    from rich.console import Console

    from game.engine import Session
    from game.tui.widgets.state_panel import indices_table

    session = Session(scenario, 1)
    states = [session.state] * 13  # twelve turns played
    out = io.StringIO()
    Console(file=out, width=42, color_system=None).print(indices_table(scenario, states, 12, True))
    text = out.getvalue()
    assert "…" not in text
    assert "Japan's Taiwan" in text and "posture" in text
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 42


def test_a_conflict_says_what_both_orders_act_on(scenario: Scenario) -> None:
    """The builder refused with 'conflicts with order 1, which acts on the same thing',
    without saying what the thing was."""
    from game.orders import Diplomacy, ExportControl, Invest, Sanction, StockpileBuild
    from game.tui.words import conflict_words

    ctl = ExportControl(material="gallium", target="*", level="licensing")
    assert conflict_words(scenario, ctl) == "the control on exports of Gallium to everyone"
    assert conflict_words(scenario, Sanction(target="CHN", severity="broad")) == (
        "sanctions on China"
    )
    assert conflict_words(scenario, StockpileBuild(material="ndpr", amount=5.0)) == (
        "the stockpile of NdPr oxide"
    )
    assert conflict_words(scenario, Diplomacy(move="tk_g7")) == "this diplomatic move"
    assert conflict_words(scenario, Invest(option="lynas_offtake")).startswith("the investment ")


def test_one_day_is_a_day(scenario: Scenario) -> None:
    """'Releasing 1.5 t: about 1 days of our demand'."""
    from game.state import initial_state
    from game.tui.words import days_of_demand

    state = initial_state(scenario)
    demand = sum(row.get("dytb", 0.0) for row in scenario.demand["JPN"].values())
    one = days_of_demand(scenario, state, "JPN", "dytb", demand / 30.0, per_turn=False)
    two = days_of_demand(scenario, state, "JPN", "dytb", demand / 15.0, per_turn=False)
    assert (one, two) == ("about 1 day of our demand", "about 2 days of our demand")


def test_a_negative_seed_names_its_log_unmistakably(tmp_path: Path) -> None:
    """Seed -3 was saved as '...-seed-3.jsonl', which reads as seed 3 (and a second game of
    seed 3 is '...-seed3-2.jsonl')."""
    assert default_log_path("x", -3, tmp_path).name == "x-seed-minus3.jsonl"
    assert default_log_path("x", 3, tmp_path).name == "x-seed3.jsonl"
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "x-seed-minus3.jsonl").write_text("")
    assert default_log_path("x", -3, tmp_path).name == "x-seed-minus3-2.jsonl"


def test_a_moves_effect_cut_or_lost_at_the_end_of_the_scale_says_so(scenario: Scenario) -> None:
    """A solo player's audit: the order form said 'Tension +3' for a firm statement, and the
    results 'Tension +1.37: Tokyo's Firm statement on Taiwan succeeded' with no reason (tension
    stopped at 100); a move whose effect was lost whole left no line at all."""
    from rich.console import Console

    from game.engine import Session
    from game.facilitation import Override
    from game.orders import Diplomacy
    from game.tui.widgets.ledger_view import turn_story

    session = Session(scenario, 1, {t: "human" for t in scenario.teams})
    session.state.indices["tension"] = 98.63
    session.submit("tokyo", [Diplomacy(move="tk_firm_statement")])
    session.submit("washington", [Diplomacy(move="us_signal")])  # +6 tension, lost whole
    happen = [
        Override(kind="draw", subject=f"{team}:{move}", value=1, reason="test")
        for team, move in (("tokyo", "tk_firm_statement"), ("washington", "us_signal"))
    ]
    record = session.resolve(happen)
    console = Console(width=300, color_system=None, record=True)
    for part in turn_story(scenario, record):
        console.print(part)
    text = console.export_text()
    cut = [line for line in text.splitlines() if "Firm statement on Taiwan” succeeded" in line]
    tension = [line for line in cut if "Tension +1.37 pts" in line]
    assert tension and tension[0].endswith("(of +3: Tension stops at 100)"), cut
    assert "(of" not in " ".join(line for line in cut if "cohesion" in line)  # not cut
    assert (
        "Tension +0.00 pts: Washington's “Carrier group signalling” succeeded" in text
        and "(its +6 is lost: Tension is at 100, the end of its scale)" in text
    ), text


def test_sanctions_say_the_tension_the_engine_moves(scenario: Scenario) -> None:
    """A review of engine 0.3.0: the form said +2 from targeted to broad sanctions (the engine
    adds 1), +1 from broad to targeted (it takes 0.5 off) and -1 for lifting targeted ones
    (-0.5)."""
    from game.engine import Session
    from game.orders import Sanction
    from game.tui.screens.order_form import order_effect

    session = Session(scenario, 1)

    def said(severity: str) -> str:
        order = Sanction(target="CHN", severity=severity)  # type: ignore[arg-type]
        return order_effect(session.model, session.state, "washington", order)

    assert "tension +1.0." in said("targeted")
    session.play({"washington": [Sanction(target="CHN", severity="targeted")]})
    assert "tension +1.0." in said("broad")
    assert "tension -0.5." in said("lift")
    session.play({"washington": [Sanction(target="CHN", severity="broad")]})
    assert "tension -0.5." in said("targeted")
    assert "tension -1.0." in said("lift")


def test_the_form_says_when_a_step_up_would_pass_100(scenario: Scenario) -> None:
    """A review of engine 0.3.0: at tension 99 the form said +4.5 for a ban the engine let add
    only 1.0 (tension stops at 100)."""
    from game.engine import Session
    from game.orders import ExportControl
    from game.tui.screens.order_form import order_effect

    session = Session(scenario, 1)
    state = session.state.copy()
    state.indices["tension"] = 99.0
    ban = ExportControl(material="dytb", target="JPN", level="full_ban")
    text = order_effect(session.model, state, "beijing", ban)
    assert "Tension +4.5 (" in text and "Tension is at 99.0 and stops at 100: +1.0 of it." in text
    assert "stops at 100" not in order_effect(session.model, session.state, "beijing", ban)
