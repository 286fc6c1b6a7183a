"""What a scenario author gets wrong that the game cannot play sensibly: each is refused with the
file, the line and the field, in plain words (found by a new-user audit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.errors import ScenarioError
from game.scenario import Scenario
from game.scenario_loader import find_scenario, json_schema, load_scenario
from tests.conftest import DEFAULT

TEXT = DEFAULT.read_text(encoding="utf-8")


def refused(tmp_path: Path, *edits: tuple[str, str]) -> list[str]:
    """The problems ``validate`` lists for the default scenario with ``edits`` made to it."""
    text = TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(f"{path}: invalid scenario"), message
    return info.value.problems


def line_of(start: str, after: str = "") -> int:
    """The line of the default scenario that starts with ``start`` (after the line ``after``)."""
    lines = TEXT.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(i for i in range(first, len(lines)) if lines[i].startswith(start)) + 1


TOKYO_OBJECTIVES = TEXT[TEXT.index("  tokyo:\n    - {metric: output.JPN") :]
TOKYO_OBJECTIVES = TOKYO_OBJECTIVES.split("  washington:")[0]


def test_an_empty_objective_list_is_refused_like_a_missing_one(tmp_path: Path) -> None:
    """``tokyo: []`` validated, then run and sweep divided by zero in the scoring rule."""
    problems = refused(tmp_path, (TOKYO_OBJECTIVES, "  tokyo: []\n"))
    line = line_of("  tokyo:", after="objectives:")
    assert problems == [f"line {line}, column 10: objectives.tokyo: team 'tokyo' has no objectives"]


def test_a_zero_weight_is_refused(tmp_path: Path) -> None:
    (problem,) = refused(tmp_path, ("cover.JPN.magnets, weight: 1", "cover.JPN.magnets, weight: 0"))
    assert problem.endswith("objectives.tokyo.2.weight: should be above 0")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("weight: 1, low: 0, high: 60", "weight: 1, low: .nan, high: 60", "objectives.tokyo.2.low"),
        ("weight: 1, low: 0, high: 60", "weight: 1, low: 0, high: .inf", "objectives.tokyo.2.high"),
        ("usd_m_per_unit_price: 0.001", "usd_m_per_unit_price: .inf", "usd_m_per_unit_price"),
        ("autos: {ndpr: 200", "autos: {ndpr: -.inf", "demand.JPN.autos.ndpr"),
    ],
)
def test_infinite_and_nan_numbers_are_refused(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    """A .nan or .inf made scores nan and the session log unwritable (JSON has neither)."""
    (problem,) = refused(tmp_path, (old, new))
    assert field in problem and "line " in problem
    assert problem.endswith("should be a finite number (not .inf or .nan)")


@pytest.mark.parametrize(
    ("old", "new", "field", "limit"),
    [
        ("autos: {ndpr: 200", "autos: {ndpr: 1e308", "demand.JPN", "1,000,000,000"),
        ("  CHN: {ndpr: 7500", "  CHN: {ndpr: 1e10", "production.CHN.ndpr", "1,000,000,000"),
        ("budget: 20000", "budget: 1e12", "teams.beijing.budget", "10,000,000"),
        ("price: 85.0", "price: 1e300", "materials.ndpr.price", "1,000,000,000"),
    ],
)
def test_quantities_money_and_prices_have_a_ceiling(
    tmp_path: Path, old: str, new: str, field: str, limit: str
) -> None:
    """A demand of 1e308 passed and the game's sums overflowed to inf."""
    (problem,) = refused(tmp_path, (old, new))
    assert field in problem and "line " in problem and limit in problem, problem


def test_two_teams_cannot_speak_for_one_actor(tmp_path: Path) -> None:
    """Tokyo on the USA validated, and Washington then scored 0 all game."""
    tokyo_on_usa = ("    name: Tokyo\n    actor: JPN", "    name: Tokyo\n    actor: USA")
    (problem,) = refused(tmp_path, tokyo_on_usa)
    tokyo = line_of("    actor: JPN")
    washington = line_of("    actor: USA")
    assert problem.startswith(f"line {washington}, column 12: teams.washington.actor: ")
    assert f"actor 'USA' already speaks for team 'tokyo' (line {tokyo})" in problem


FIRST_CONTROL = "  - {exporter: CHN, material: ndpr, target: JPN, level: military_ban}\n"


def test_a_control_given_twice_names_both_lines(tmp_path: Path) -> None:
    """Two entries for one (exporter, material, target): which won depended on their order."""
    second = FIRST_CONTROL.replace("military_ban", "full_ban")
    (problem,) = refused(tmp_path, (FIRST_CONTROL, FIRST_CONTROL + second))
    first = line_of(FIRST_CONTROL.rstrip())
    assert problem.startswith(f"line {first + 1}, column 5: controls.1: a second control")
    assert f"CHN's ndpr exports to JPN (the first is at line {first})" in problem


def test_a_control_on_exports_to_oneself_is_refused(tmp_path: Path) -> None:
    (problem,) = refused(tmp_path, (FIRST_CONTROL, FIRST_CONTROL.replace("JPN", "CHN")))
    assert problem.startswith(f"line {line_of(FIRST_CONTROL.rstrip())}, column ")
    assert "controls.0.target: an actor cannot control its exports to itself" in problem


def test_only_a_producer_can_control_a_material(tmp_path: Path) -> None:
    """As in the game, where an export control on a material the team does not produce is
    refused (game.order_checks.check_order)."""
    bad = "  - {exporter: JPN, material: ndpr, target: USA, level: full_ban}\n"
    (problem,) = refused(tmp_path, (FIRST_CONTROL, FIRST_CONTROL + bad))
    assert problem.startswith(f"line {line_of(FIRST_CONTROL.rstrip()) + 1}, column ")
    assert "controls.1.exporter: JPN does not produce ndpr" in problem


def test_an_inject_after_the_last_turn_is_refused(tmp_path: Path) -> None:
    (problem,) = refused(tmp_path, ("    turn: 10 ", "    turn: 13 "))
    assert problem.startswith(f"line {line_of('    turn: 10 ')}, column 11: injects.4.turn: ")
    assert "after the scenario's last turn (12)" in problem and "never fire" in problem


def test_source_ids_are_unique(tmp_path: Path) -> None:
    (problem,) = refused(tmp_path, ("  - {id: wsj-2026,", "  - {id: mofcom-1-2026,"))
    first = line_of("  - {id: mofcom-1-2026,")
    assert problem.startswith(f"line {first + 1}, column 10: sources.1.id: ")
    assert f"duplicate source id 'mofcom-1-2026' (first at line {first})" in problem


def test_a_diplomatic_move_needs_a_team(tmp_path: Path) -> None:
    no_team = ("teams: [tokyo], base_chance: 0.5", "teams: [], base_chance: 0.5")
    (problem,) = refused(tmp_path, no_team)
    line = line_of("  - {id: tk_g7")
    assert problem.startswith(f"line {line}, column ")
    assert problem.endswith("diplomacy.9.teams: at least one team is needed")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("id: dual-use-ban-2026", "id: 2026-ban", "id: an id is a letter followed by letters, "
         "digits, '_' or '-' (not '2026-ban')"),
        ("  beijing:\n    name: Beijing", "  bei jing:\n    name: Beijing", "teams.bei jing: "
         "'bei jing' is not a name allowed here: an id is a letter followed by letters, digits, "
         "'_' or '-' (not 'bei jing')"),
        ('start: "2026-01"', 'start: "Dec 2024"', 'start: write the month as "YYYY-MM" in '
         'quotes, e.g. "2026-01"'),
        ('start: "2026-01"', "start: 2024-12-03", 'start: write the month as "YYYY-MM" in '
         'quotes, e.g. "2026-01"'),
        ("    blurb: Keep Japanese", "  blurb: Keep Japanese", "teams.blurb: 'blurb' was read "
         "as a team: check its indentation ('blurb' is a field of a team, written under one)"),
        ("sources:\n", "sources: []\nold_sources:\n", "sources: at least one source is needed"),
        ("condition: cover.JPN.magnets < 30", "condition: 1", "injects.1.condition: should be "
         "text, not the number 1: put it in quotes"),
        ("    action_points: 3\n    budget: 20000", "    action_points: 2.5\n    budget: 20000",
         "teams.beijing.action_points: should be a whole number"),
        ("  CHN: {name: China, kind: player}", "  CHN: China", "actors.CHN: should be a mapping "
         "of the fields of an actor (name, kind), not the text 'China'"),
    ],
)  # fmt: skip
def test_schema_problems_are_worded_for_authors(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    """Not pydantic's "String should match pattern '^[A-Za-z]...'", "Input should be a valid
    dictionary or instance of Team" or "List should have at least 1 item after validation"."""
    problems = refused(tmp_path, (old, new))
    line = TEXT[: TEXT.index(old)].count("\n") + 1
    assert problems[0].startswith(f"line {line}, column ")
    assert problems[0].endswith(problem)


def test_a_renamed_team_is_named_once_at_its_key(tmp_path: Path) -> None:
    """Renaming washington: to washington_dc: gave a first message, then ten lines "unknown team
    'washington' (did you mean 'washington_dc'?)" at every use of the right name."""
    renamed = ("  washington:\n    name: Washington", "  washington_dc:\n    name: Washington")
    assert refused(tmp_path, renamed) == [
        f"line {line_of('  washington:')}, column 3: teams.washington_dc: call this team "
        "'washington': the teams must be exactly beijing, tokyo and washington (the rules give "
        "each its role: coercer, target and patron)"
    ]


def test_yaml_1_1_words_stay_text(tmp_path: Path) -> None:
    """Norway's code NO and the name 'No' are text, not false; 'on' under a team is a field
    the format does not have, not the boolean true."""
    text = TEXT.replace(
        "  USA: {name: United States, kind: player}\n",
        "  USA: {name: United States, kind: player}\n  NO: {name: No, kind: npc}\n",
    )
    path = tmp_path / "norway.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_scenario(path).actors["NO"].name == "No"
    (problem,) = refused(tmp_path, ("    name: Tokyo\n", "    name: Tokyo\n    on: true\n"))
    assert problem.startswith(f"line {line_of('    name: Tokyo') + 1}, column 9: teams.tokyo.on: ")
    assert problem.endswith("unknown field (not part of the scenario format)")


def problem_with(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(find_scenario(str(path)))
    (problem,) = info.value.problems
    return problem


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: Caf\u00e9\n".encode("latin-1"))
    assert problem_with(path) == "line 2: byte 0xe9 is not UTF-8 text: save the file as UTF-8"
    path.write_bytes("id: x\n".encode("utf-16"))
    assert problem_with(path) == "line 1: the file is saved as UTF-16: save the file as UTF-8"


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert problem_with(path).startswith("the file is empty")


def test_an_orders_plan_is_recognised(tmp_path: Path) -> None:
    """validate on a plan listed 15 missing required fields."""
    path = tmp_path / "plan.yaml"
    path.write_text("turns:\n  1:\n    tokyo: [{type: hold}]\n", encoding="utf-8")
    assert problem_with(path) == (
        "this looks like an orders plan (it has only 'turns'), not a scenario; "
        "check a plan with `chokepoint validate SCENARIO --orders PLAN`"
    )


@pytest.mark.parametrize(
    ("name", "meant"), [("senkaku-201", "senkaku-2010"), ("dual-use-ban", "dual-use-ban-2026")]
)
def test_a_misspelt_bundled_name_says_which_was_meant(
    capsys: pytest.CaptureFixture[str], name: str, meant: str
) -> None:
    assert main(["validate", name]) == 2
    assert capsys.readouterr().err == (
        f"chokepoint: {name}: no such file, and no bundled scenario of that name (did you mean "
        f"'{meant}'? bundled: dual-use-ban-2026, senkaku-2010)\n"
    )


DOC = (DEFAULT.parent.parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "edits",
    [
        [
            ("price: 85.0", "price: -85.0"),
            ("  tension_decay: 0.1", "  tension_decy: 0.1"),
            ("ndpr: {CHN: 0.65, AUS: 0.30", "ndpr: {CHN: 0.70, AUS: 0.30"),
        ],
        [
            ("ndpr: {CHN: 0.65, AUS: 0.30", "ndpr: {CHN: 0.70, AUS: 0.30"),
            ("team: washington, kind: magnet_plant", "team: washington_dc, kind: magnet_plant"),
            ("metric: cover.JPN.magnets, weight: 1", "metric: cover.JPN.magnet, weight: 1"),
        ],
        [
            ("unlock: [minamitorishima]", "unlock: [minamitorishma]"),
            ("condition: cover.JPN.magnets < 30", "condition: cover.JPN.magnet < 30"),
            ("condition: index.tension >= 80", "condition: index.tension => 80"),
        ],
        [(FIRST_CONTROL, FIRST_CONTROL + FIRST_CONTROL.replace("military_ban", "full_ban"))],
    ],
)
def test_the_format_guide_quotes_real_messages(
    tmp_path: Path, edits: list[tuple[str, str]]
) -> None:
    """docs/scenario-format.md sections 2.19 and 6 show what validate says for these mistakes,
    with the lines of the default scenario as it is (they had drifted by three to five)."""
    for problem in refused(tmp_path, *edits):
        assert f"    {problem}\n" in DOC or f"      {problem}\n" in DOC, problem


def test_the_json_schema_checks_map_keys() -> None:
    """An editor using ``chokepoint schema`` let any actor or material code through: pydantic
    writes the id pattern as ``patternProperties``, which does not refuse other keys."""
    schema = json_schema()
    keys = schema["properties"]["production"]["propertyNames"]
    assert re.fullmatch(keys["pattern"], "CHN") and not re.search(keys["pattern"], "bei jing")

    def maps(node: object) -> list[dict[str, object]]:
        if isinstance(node, dict):
            here = [node] if "patternProperties" in node else []
            return here + [m for v in node.values() for m in maps(v)]
        return [m for v in node for m in maps(v)] if isinstance(node, list) else []

    assert len(maps(schema)) > 10
    for node in maps(schema):
        (pattern,) = node["patternProperties"]  # type: ignore[misc]
        assert node["propertyNames"]["pattern"] == pattern  # type: ignore[index]


def test_a_metric_that_can_never_move_is_refused(tmp_path: Path) -> None:
    """A scenario author's objective on ``output.USA.autos`` (a sector their scenario did not
    declare) or ``output.CAN.defence`` (Canada had no demand) read 100 every turn: Washington
    scored free points while US output halved. Objectives, move modifiers and inject conditions
    must read a metric that moves."""
    problems = refused(
        tmp_path,
        ("metric: output.USA.defence, weight: 3", "metric: output.EU.defence, weight: 3"),
        ("metric: output.USA, weight: 1", "metric: output.AUS, weight: 1"),
        ("condition: cover.JPN.magnets < 30", "condition: cover.VNM.graphite < 30"),
    )
    assert problems == [
        f"line {line_of('    - {metric: output.USA.defence')}, column 16: "
        "objectives.washington.2.metric: metric 'output.EU.defence': European Union has no "
        "demand in sector 'defence' (its sectors: autos, electronics, energy), so this output "
        "stays at 100",
        f"line {line_of('    - {metric: output.USA, weight: 1')}, column 16: "
        "objectives.washington.3.metric: metric 'output.AUS': Australia (Lynas, incl. its "
        "Malaysian plant) has no demand in any sector, so its output stays at 100",
        f"line {line_of('    condition: cover.JPN.magnets < 30')}, column 16: "
        "injects.1.condition: metric 'cover.VNM.graphite': Vietnam has no demand for graphite "
        "in any sector, so its days of cover never move",
    ]


def test_an_output_metric_names_a_declared_sector(tmp_path: Path) -> None:
    """Without an autos sector (as in a scenario about defence supply chains only), an
    objective on ``output.USA.autos`` is refused with the sectors that are declared."""
    lines = [
        line
        for line in TEXT.splitlines(keepends=True)
        if not line.startswith(("    autos: {", "  autos: {name: Autos"))
    ]
    path = tmp_path / "no-autos.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    load_scenario(path)  # valid without autos
    text = "".join(lines).replace(
        "metric: output.USA, weight: 1", "metric: output.USA.autos, weight: 1"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (problem,) = info.value.problems
    assert problem.endswith(
        "objectives.washington.3.metric: metric 'output.USA.autos': 'autos' is not a sector of "
        "this scenario (declared: defence, electronics, energy)"
    )


def test_validate_notes_what_no_one_can_ever_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario author's Seoul had moves and projects but no 'diplomacy' or 'invest' in its
    orders, and a locked move nothing unlocked: validate said 'valid' and nothing else. Now it
    notes each (still valid: a draft may hold them on purpose)."""
    text = TEXT.replace(
        "effects: {indices: {posture: 2}, unlock: [minamitorishima]}",
        "effects: {indices: {posture: 2}}",
        1,
    )
    tokyo_orders = "    orders: [export_control, stockpile_release, stockpile_build, "
    text = text.replace(f"{tokyo_orders}invest, diplomacy, tariff,", f"{tokyo_orders}tariff,", 1)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert notes[0].startswith("note: investments.") and notes[0].endswith(
        "'minamitorishima' is locked and no inject unlocks it: no one can ever fund it"
    )
    assert re.fullmatch(
        r"note: teams\.tokyo: \d+ diplomatic moves are open to Tokyo, but 'diplomacy' is not in "
        r"its orders, so it can play none of them",
        notes[1],
    )
    assert (
        notes[2].startswith("note: teams.tokyo: ") and "'invest' is not in its orders" in notes[2]
    )
    assert len(notes) == 3
    assert main(["validate", str(DEFAULT)]) == 0
    assert "note:" not in capsys.readouterr().out  # the bundled scenario uses all it offers


def test_validate_notes_trade_and_projects_that_quietly_shape_the_game(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario author's audit: Japan with no gallium suppliers (its gallium ran out by turn
    4), a share on a country that makes none, a project longer than the game and an inject
    unlocking what was never locked all gave 'valid' and nothing else."""
    text = TEXT.replace(
        "    gallium: {CHN: 0.85, ROW: 0.15}              # assumption\n", "", 1
    ).replace("germanium: {CHN: 0.70, ROW: 0.20, EU: 0.10}", "germanium: {CHN: 0.70, AUS: 0.30}")
    text = text.replace(
        "capacity: 100, cost: 1500, lead_time: 10,", "capacity: 100, cost: 1500, lead_time: 12,"
    )
    text = text.replace("unlock: [minamitorishima]", "unlock: [minamitorishima, us_reassure]")
    lynas = "material: dytb, host: AUS, capacity: 6, offtake_to: JPN,"
    assert lynas in text
    text = text.replace(lynas, lynas.replace("offtake_to: JPN", "offtake_to: AUS"))
    share = "{metric: index.market_share, weight: 3, low: 50, high: 90"
    assert share in text
    text = text.replace(share, "{metric: index.market_share, weight: 3, low: 0.5, high: 0.9")
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note: ")]
    assert notes == [
        "note: trade_shares.JPN: no suppliers of gallium, though JPN needs 8 t a turn and "
        "produces 1: it can buy only from spare supply left over, if any",
        "note: trade_shares.JPN.germanium.AUS: AUS produces no germanium, so that share brings "
        "nothing",
        "note: objectives.beijing.1: 'index.market_share' is a percentage (0-100), but low and "
        "high are 0.5 and 0.9: for 50% to 100%, write low: 50, high: 100",
        "note: investments.4 'minamitorishima' takes 12 turns to complete and the game has 12 "
        "turns: even funded in the first turn, it never completes",
        "note: investments.1 'lynas_heavy': offtake_to is its own host (AUS): the output "
        "stays there, as it would with no offtake_to (an offtake moves another buyer's "
        "purchases to the host)",
        "note: injects.0 'chikyu_mud' unlocks 'us_reassure', which is not locked: it is open "
        "from the start (add 'locked: true' to it if the inject should open it)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # a share written as a percentage, in a table (its bound was not found there)
        (
            "ndpr: {CHN: 0.65",
            "ndpr: {CHN: 65%",
            "should be a number: write 0.65 (a share or chance from 0 to 1: 65% is 0.65)",
        ),
        ("ndpr: {CHN: 0.65", "ndpr: {CHN: 65", "write 0.65 for 65%"),
        # a share a little over 1 is not 1.05%
        ("ndpr: {CHN: 0.65", "ndpr: {CHN: 1.05", "trade_shares.JPN.ndpr.CHN: should be at most 1"),
        # an empty entry was 'should be a mapping of the fields of an actor, not a mapping'
        ("  VNM: {name: Vietnam, kind: npc}", "  VNM:", "actors.VNM: is empty: give the fields"),
        ("id: dual-use-ban-2026", "id: " + "x" * 50, "id: should be at most 40 characters long"),
    ],
)
def test_an_authors_slips_are_said_in_an_authors_words(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    [problem] = refused(tmp_path, (old, new))
    assert problem.endswith(said) or said in problem, problem
    assert "String should" not in problem and "not a mapping" not in problem
    if "1.05" in new:
        assert "%" not in problem


def test_a_missing_team_is_named(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8")
    start, end = text.index("  tokyo:\n"), text.index("  washington:\n")
    path = tmp_path / "s.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert problem_with(path).endswith(
        "teams: 'tokyo' is missing: the teams must be exactly beijing, tokyo and washington (the "
        "rules give each its role: coercer, target and patron)"
    )


def test_an_empty_name_is_refused(tmp_path: Path) -> None:
    """'name: ""' was accepted and showed as a blank in the app and the report."""
    [problem] = refused(tmp_path, ("  JPN: {name: Japan,", '  JPN: {name: "",'))
    assert problem.endswith("actors.JPN.name: is empty: the players read it, so write it")


def test_a_fourth_team_is_refused_once_without_advice_to_make_its_actor_a_player(
    tmp_path: Path,
) -> None:
    """A fourth team on an npc actor also got "set 'kind: player' on VNM", which would not
    have made the scenario valid."""
    fourth = (
        "  washington:\n    name: Washington",
        "  seoul:\n    name: Seoul\n    actor: VNM\n    action_points: 3\n    budget: 100\n"
        "    income: 10\n    orders: [hold]\n    blurb: Seoul.\n"
        "  washington:\n    name: Washington",
    )
    problems = refused(tmp_path, fourth)
    assert len(problems) == 1 and "'seoul' is not one of them" in problems[0], problems


def test_demand_written_as_zero_counts_as_none(tmp_path: Path) -> None:
    """A scenario author set US defence demand to 0 (and Japan's gallium): validate said the
    scenario was fine, and the objectives on them were a constant 100 and a constant 0."""
    problems = refused(
        tmp_path,
        (
            "    defence: {ndpr: 40, dytb: 6, magnets: 150, gallium: 1, germanium: 1}",
            "    defence: {ndpr: 0, dytb: 0, magnets: 0, gallium: 0, germanium: 0}",
        ),
    )
    assert any(
        "metric 'output.USA.defence': United States has no demand in sector 'defence'" in p
        for p in problems
    ), problems


@pytest.mark.parametrize("key", ["turn", "condition"])
def test_an_injects_turn_or_condition_left_empty_is_named(tmp_path: Path, key: str) -> None:
    """'condition:' with nothing after it read as no condition: the inject silently became one
    only the facilitator fires, and the project it unlocked never opened."""
    old = "condition: cover.JPN.magnets < 30" if key == "condition" else "turn: 2 "
    new = "condition:" if key == "condition" else "turn:   "
    (problem,) = refused(tmp_path, (old, new))
    assert f"'{key}' is empty: give one" in problem and "fires by hand" in problem
    assert problem.startswith(f"line {line_of('    ' + new.strip(), 'injects:')}")


@pytest.mark.parametrize(
    ("condition", "why"),
    [
        ("index.tension > 150", "index.tension stays within 0-100"),
        ("cover.JPN.magnets < 0", "cover.JPN.magnets stays within 0-365"),
        ("turn > 12", "turn runs from 2 to 12 when it is checked"),
        ("turn == 1", "turn runs from 2 to 12 when it is checked"),
    ],
)
def test_a_condition_that_can_never_hold_is_noted(
    scenario: Scenario, condition: str, why: str
) -> None:
    """A scenario author's 'turn > 9' in a 9-turn game and 'index.tension > 150' passed
    silently: the inject could never fire."""
    from game.scenario_checks import unreachable_notes

    edited = scenario.model_copy(deep=True)
    object.__setattr__(edited.injects[1], "condition", condition)
    notes = unreachable_notes(edited)
    assert f"injects.1 '{edited.injects[1].id}': its condition can never hold ({why})" in notes
    # conditions that can hold say nothing
    object.__setattr__(edited.injects[1], "condition", "turn == 12")
    assert not any("can never hold" in n for n in unreachable_notes(edited))
