"""The doctrine personalities do what docs/bots.md says they do, in the situations it names.

Each test sets up a situation on the default scenario's opening state (as of turn 5), asks a
personality for its orders under several seeds (the seeded jitter only breaks near-ties), and
checks the response it should give there and not give where the situation is absent.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots.common import Roles
from game.bots.doctrine import (
    PERSONALITIES,
    Personality,
    Situation,
    doctrine_orders,
    move_worth,
    rate_beijing,
    running_low,
)
from game.orders import (
    Diplomacy,
    ExportControl,
    LicenceApproval,
    Order,
    PrioritiseDefence,
    StockpileRelease,
)
from game.scenario import Scenario
from game.scenario_loader import scenario_data
from game.state import CONTROL_RANK, ControlState, GameState, initial_state
from tests.strategies import random_play

SEEDS = range(6)
Setup = Callable[[GameState], None]


def situation(scenario: Scenario, *setups: Setup) -> GameState:
    state = initial_state(scenario)
    state.turn = 4
    for setup in setups:
        setup(state)
    return state


def orders(scenario: Scenario, state: GameState, team: str, personality: str) -> list[list[Order]]:
    """The personality's orders under each seed in ``SEEDS``."""
    p = Personality.named(personality)
    return [doctrine_orders(scenario, state, team, p, random.Random(s)) for s in SEEDS]


def always(picks: list[list[Order]], test: Callable[[Order], bool]) -> bool:
    return all(any(test(o) for o in os) for os in picks)


def never(picks: list[list[Order]], test: Callable[[Order], bool]) -> bool:
    return not any(test(o) for os in picks for o in os)


def move(name: str) -> Callable[[Order], bool]:
    return lambda o: isinstance(o, Diplomacy) and o.move == name


def tightens(exporter: str, target: str, state: GameState) -> Callable[[Order], bool]:
    """An order by ``exporter`` (an actor) that tightens a control on ``target``."""

    def test(o: Order) -> bool:
        if not isinstance(o, ExportControl | LicenceApproval) or o.target != target:
            return False
        current = state.controls.get(f"{exporter}|{o.material}|{target}")
        if isinstance(o, LicenceApproval):
            return o.approval < (current.approval if current else 1.0)
        return CONTROL_RANK[o.level] > (CONTROL_RANK[current.level] if current else 0)

    return test


def eases(target: str, state: GameState) -> Callable[[Order], bool]:
    def test(o: Order) -> bool:
        if not isinstance(o, ExportControl | LicenceApproval) or o.target != target:
            return False
        return not tightens("CHN", target, state)(o)

    return test


def release(material: str | None = None, to: str | None = None) -> Callable[[Order], bool]:
    return lambda o: (
        isinstance(o, StockpileRelease)
        and (material is None or o.material == material)
        and o.to == to
    )


def control(key: str, level: str, approval: float = 0.3) -> Setup:
    return lambda st: st.controls.__setitem__(key, ControlState(level, approval))


def index(name: str, value: float) -> Setup:
    return lambda st: st.indices.__setitem__(name, value)


def cover(actor: str, material: str, days: float) -> Setup:
    return lambda st: st.cover[actor].__setitem__(material, days)


def output(actor: str, value: float, sector: str | None = None) -> Setup:
    def setup(st: GameState) -> None:
        for s in st.output[actor]:
            if sector is None or s == sector:
                st.output[actor][s] = value

    return setup


# -- stockpiles -------------------------------------------------------------------------------


@pytest.mark.parametrize("team", ["beijing", "tokyo", "washington"])
@pytest.mark.parametrize("personality", ["hawk", "dove", "pragmatist"])
def test_no_stockpile_is_released_while_stocks_are_normal(
    scenario: Scenario, team: str, personality: str
) -> None:
    # China holds 30 days of NdPr by habit and the US 30 of graphite: thin, but normal
    state = situation(scenario)
    assert never(orders(scenario, state, team, personality), release())


@pytest.mark.parametrize("personality", ["hawk", "dove", "pragmatist"])
def test_tokyo_releases_a_material_whose_cover_runs_low(
    scenario: Scenario, personality: str
) -> None:
    low = situation(scenario, cover("JPN", "dytb", 10.0))
    assert always(orders(scenario, low, "tokyo", personality), release("dytb"))
    normal = situation(scenario)
    assert never(orders(scenario, normal, "tokyo", personality), release("dytb"))


def test_washington_sends_japan_what_japan_lacks_and_keeps_a_reserve(scenario: Scenario) -> None:
    hurt = (output("JPN", 55.0), cover("JPN", "dytb", 10.0))
    dove = orders(scenario, situation(scenario, *hurt), "washington", "dove")
    assert always(dove, release("dytb", "JPN"))
    # Japan's graphite is at its usual level: nothing to send
    assert never(dove, release("graphite", "JPN"))
    # the pragmatist keeps three months of its own defence demand (6 t of Dy/Tb) in reserve
    thin = situation(scenario, *hurt, lambda st: st.stockpile["USA"].__setitem__("dytb", 8.0))
    assert never(orders(scenario, thin, "washington", "pragmatist"), release("dytb", "JPN"))


# -- Beijing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("personality", ["hawk", "pragmatist"])
def test_beijing_retaliates_in_kind_against_us_chip_controls(
    scenario: Scenario, personality: str
) -> None:
    calm = situation(scenario)
    provoked = situation(scenario, control("USA|sme|CHN", "licensing"))
    assert never(orders(scenario, calm, "beijing", personality), tightens("CHN", "USA", calm))
    assert always(
        orders(scenario, provoked, "beijing", personality), tightens("CHN", "USA", provoked)
    )


def test_beijing_dove_does_not_retaliate(scenario: Scenario) -> None:
    provoked = situation(scenario, control("USA|sme|CHN", "licensing"))
    assert never(orders(scenario, provoked, "beijing", "dove"), tightens("CHN", "USA", provoked))


def test_beijing_retaliation_is_proportionate(scenario: Scenario) -> None:
    # one US step answered by two Chinese steps: the hawk's measure (1 + aggression) is full
    answered = situation(
        scenario,
        control("USA|sme|CHN", "licensing"),
        control("CHN|magnets|USA", "licensing"),
        control("CHN|gallium|USA", "licensing"),
    )
    picks = orders(scenario, answered, "beijing", "hawk")
    assert never(picks, tightens("CHN", "USA", answered))


def test_beijing_hawk_presses_japan_while_the_posture_holds(scenario: Scenario) -> None:
    firm = situation(scenario, index("posture", 80.0))
    assert always(orders(scenario, firm, "beijing", "hawk"), tightens("CHN", "JPN", firm))
    cracked = situation(scenario, index("posture", 35.0))
    picks = orders(scenario, cracked, "beijing", "hawk")
    assert never(picks, tightens("CHN", "JPN", cracked))
    assert always(picks, move("bj_pla_exercise"))


def test_beijing_dove_eases_once_tension_runs_high(scenario: Scenario) -> None:
    hot = situation(scenario, index("tension", 95.0))
    picks = orders(scenario, hot, "beijing", "dove")
    assert always(picks, eases("JPN", hot))
    assert always(picks, move("bj_conciliatory"))
    cool = situation(scenario, index("tension", 50.0))
    assert never(orders(scenario, cool, "beijing", "dove"), eases("JPN", cool))


def test_beijing_pragmatist_courts_washington_when_the_alliance_is_tight(
    scenario: Scenario,
) -> None:
    tight = situation(scenario, index("cohesion", 90.0))
    assert always(orders(scenario, tight, "beijing", "pragmatist"), move("bj_wedge"))
    loose = situation(scenario, index("cohesion", 50.0))
    picks = orders(scenario, loose, "beijing", "pragmatist")
    assert never(picks, move("bj_wedge"))
    assert always(picks, move("bj_talks"))


# -- Tokyo ------------------------------------------------------------------------------------


def test_tokyo_dove_softens_its_language_only_when_industry_is_badly_hurt(
    scenario: Scenario,
) -> None:
    hurt = situation(scenario, output("JPN", 55.0))
    assert always(orders(scenario, hurt, "tokyo", "dove"), move("tk_concession"))
    for personality in ("hawk", "pragmatist"):
        assert never(orders(scenario, hurt, "tokyo", personality), move("tk_concession"))
    bruised = situation(scenario, output("JPN", 85.0))
    assert never(orders(scenario, bruised, "tokyo", "dove"), move("tk_concession"))


def test_tokyo_dove_seeks_talks_when_tension_rises(scenario: Scenario) -> None:
    assert always(
        orders(scenario, situation(scenario, index("tension", 95.0)), "tokyo", "dove"),
        move("tk_talks"),
    )
    assert never(
        orders(scenario, situation(scenario, index("tension", 50.0)), "tokyo", "dove"),
        move("tk_talks"),
    )


def test_tokyo_pragmatist_joins_an_allys_chip_controls(scenario: Scenario) -> None:
    alone = situation(scenario)
    assert never(orders(scenario, alone, "tokyo", "pragmatist"), tightens("JPN", "CHN", alone))
    allied = situation(scenario, control("USA|sme|CHN", "licensing"))
    assert always(orders(scenario, allied, "tokyo", "pragmatist"), tightens("JPN", "CHN", allied))


# -- Washington -------------------------------------------------------------------------------


def test_washington_pragmatist_escalates_only_when_china_squeezes_the_us(
    scenario: Scenario,
) -> None:
    calm = situation(scenario)
    assert never(orders(scenario, calm, "washington", "pragmatist"), tightens("USA", "CHN", calm))
    squeezed = situation(scenario, control("CHN|dytb|USA", "full_ban", 0.0))
    assert always(
        orders(scenario, squeezed, "washington", "pragmatist"),
        tightens("USA", "CHN", squeezed),
    )


def test_washington_hawk_matches_japans_chip_controls(scenario: Scenario) -> None:
    calm = situation(scenario)
    assert never(orders(scenario, calm, "washington", "hawk"), tightens("USA", "CHN", calm))
    allied = situation(scenario, control("JPN|sme|CHN", "licensing"))
    assert always(orders(scenario, allied, "washington", "hawk"), tightens("USA", "CHN", allied))
    # the dove leaves chip tools alone whatever its ally does
    assert never(orders(scenario, allied, "washington", "dove"), tightens("USA", "CHN", allied))


@pytest.mark.parametrize("personality", ["hawk", "dove", "pragmatist"])
def test_washington_prioritises_defence_when_the_defence_base_is_short(
    scenario: Scenario, personality: str
) -> None:
    def on(o: Order) -> bool:
        return isinstance(o, PrioritiseDefence) and o.on

    short = situation(scenario, output("USA", 85.0, "defence"))
    assert always(orders(scenario, short, "washington", personality), on)
    assert never(orders(scenario, situation(scenario), "washington", personality), on)


def test_washington_keeps_defence_priority_while_its_materials_run_low(
    scenario: Scenario,
) -> None:
    def off(o: Order) -> bool:
        return isinstance(o, PrioritiseDefence) and not o.on

    def prioritised(st: GameState) -> None:
        st.priority_defence["USA"] = True

    # defence is whole again and the rest of industry pays for the priority ...
    recovered = (prioritised, output("USA", 90.0), output("USA", 100.0, "defence"))
    picks = orders(scenario, situation(scenario, *recovered), "washington", "pragmatist")
    assert always(picks, off)
    # ... but Dy/Tb is nearly gone: lifting the priority now would starve defence again
    low = situation(scenario, *recovered, cover("USA", "dytb", 5.0))
    assert never(orders(scenario, low, "washington", "pragmatist"), off)


def test_washington_dove_seeks_talks_when_tension_is_high(scenario: Scenario) -> None:
    hot = situation(scenario, index("tension", 95.0))
    assert always(orders(scenario, hot, "washington", "dove"), move("us_talks"))
    cool = situation(scenario, index("tension", 55.0))
    assert never(orders(scenario, cool, "washington", "dove"), move("us_talks"))


# -- the same rules over states from played games ---------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    turns=st.integers(0, 11),
    personality=st.sampled_from(PERSONALITIES),
)
def test_doctrine_rules_hold_in_played_states(
    scenario: Scenario, seed: int, turns: int, personality: str
) -> None:
    state = random_play(scenario, seed, turns).state
    p = Personality.named(personality)
    for team in sorted(scenario.teams):
        me = scenario.teams[team].actor
        picks = doctrine_orders(scenario, state, team, p, random.Random(seed))
        for o in picks:
            if isinstance(o, StockpileRelease):
                # a stockpile goes only where a material is running low
                if o.to is None:
                    assert running_low(scenario, state, me, o.material, p.low_cover_days), o
                else:
                    assert running_low(scenario, state, o.to, o.material, 60.0), o
        if team == "beijing":
            provoked = any(k.startswith("USA|") and k.endswith("|CHN") for k in state.controls)
            provoked = provoked or "USA|CHN" in state.sanctions
            if not provoked:  # Beijing turns on US supply only in answer to the US
                assert not any(tightens("CHN", "USA", state)(o) for o in picks), picks


# -- aims an author's scenario gives ----------------------------------------------------------


def test_beijing_holds_a_ban_its_objectives_reward(scenario: Scenario) -> None:
    """An author scored Beijing on holding US defence output down and opened with a gallium
    ban on the US: every doctrine lifted it step by step (it had not been provoked), and Beijing
    ended with 5-7 points where holding its orders gave 47. Now the hawk and the pragmatist keep
    it; the dove still eases once market share has fallen far (its personality)."""
    aimed = scenario.model_copy(deep=True)
    aimed.objectives["beijing"].append(
        aimed.objectives["beijing"][0].model_copy(
            update={"metric": "output.USA.defence", "weight": 3.0, "direction": "down"}
        )
    )
    banned = control("CHN|gallium|USA", "full_ban")
    step_down = ExportControl(material="gallium", target="USA", level="military_ban")

    def rating(sc: Scenario, state: GameState, personality: str) -> float:
        sit = Situation.of(sc, state)
        p = Personality.named(personality)
        return rate_beijing(sc, state, "beijing", p, sit, Roles.of(sc), step_down)

    for personality in ("hawk", "pragmatist"):
        state = situation(aimed, banned)
        assert never(orders(aimed, state, "beijing", personality), eases("USA", state))
        assert rating(aimed, state, personality) < 0.0
        # the bundled scenario, where nothing scores the US's output: the unprovoked ban is
        # worth easing (after pressing Japan, which comes first)
        assert rating(scenario, situation(scenario, banned), personality) > 0.0
    calm = situation(aimed, banned)
    eroded = situation(aimed, banned, index("market_share", 50.0), index("tension", 80.0))
    assert rating(aimed, calm, "dove") < 0.0 < rating(aimed, eroded, "dove")


def renamed_moves(scenario: Scenario, team: str) -> tuple[Scenario, dict[str, str]]:
    """``scenario`` with ``team``'s diplomatic moves under ids no doctrine knows by name (an
    author's own: 'move_1', ...); returns the new id of each old one."""
    data = scenario_data(scenario)
    new_ids: dict[str, str] = {}
    for move in data["diplomacy"]:
        if team in move["teams"]:
            new_ids[move["id"]] = move["id"] = f"move_{len(new_ids) + 1}"
    for inject in data["injects"]:
        unlock = inject.get("effects", {}).get("unlock", [])
        unlock[:] = [new_ids.get(u, u) for u in unlock]
    return Scenario.model_validate(data), new_ids


@pytest.mark.parametrize("personality", PERSONALITIES)
def test_moves_not_known_by_name_are_weighed_by_what_they_do_to_the_score(
    scenario: Scenario, personality: str
) -> None:
    """An author's own diplomatic moves: once rated 0 (Tokyo, Washington) or 0.1 (Beijing)
    whatever they did, so taken at random with action points to spare: Tokyo softened its
    Taiwan language, which costs it posture, as often as it stood firm. Now a move is worth
    what it is expected to do to the team's score."""
    tokyo, ids = renamed_moves(scenario, "tokyo")
    picks = orders(tokyo, situation(tokyo), "tokyo", personality)
    moves = [{o.move for o in os if isinstance(o, Diplomacy)} for os in picks]
    assert all(ids["tk_firm_statement"] in m for m in moves)  # posture +3 at 70%
    assert not any(ids["tk_concession"] in m for m in moves)  # posture -12 at 70%
    washington, ids = renamed_moves(scenario, "washington")
    low = situation(washington, index("cohesion", 55.0))
    picks = orders(washington, low, "washington", personality)
    assert always(picks, lambda o: isinstance(o, Diplomacy) and o.move == ids["us_reassure"])


def test_a_dove_values_calm_in_a_move_the_doctrines_do_not_know(scenario: Scenario) -> None:
    tokyo, ids = renamed_moves(scenario, "tokyo")
    state = situation(tokyo)
    talks = ids["tk_talks"]  # tension -8 at 35%, posture -2 if it fails

    def worth(personality: str) -> float:
        return move_worth(tokyo, state, "tokyo", talks, Personality.named(personality).aggression)

    assert worth("dove") > worth("pragmatist") > worth("hawk")


def test_a_word_inside_an_authors_move_id_does_not_make_it_a_known_move(
    scenario: Scenario,
) -> None:
    """A scenario author's 'us_signal_drawdown' (cohesion -10, deterrence -8 on success) was
    rated as the bundled carrier signal for the word 'signal' in its id: the hawk played it
    every turn and drove cohesion to 3. Only the bundled ids themselves are known by name."""
    from game.bots.doctrine import known_move

    assert known_move("us_signal") == "signal" and known_move("bj_talks") == "talks"
    assert known_move("us_signal_drawdown") == "" and known_move("cn_quiet_talks") == ""
    data = scenario_data(scenario)
    data["diplomacy"].append(
        {
            "id": "us_signal_drawdown",
            "name": "Signal a troop drawdown",
            "teams": ["washington"],
            "base_chance": 0.8,
            "success": {"cohesion": -10, "deterrence": -8},
            "failure": {"cohesion": -3},
        }
    )
    authored = Scenario.model_validate(data)
    for personality in PERSONALITIES:
        picks = orders(authored, situation(authored), "washington", personality)
        assert never(picks, lambda o: isinstance(o, Diplomacy) and o.move == "us_signal_drawdown")


def test_cover_with_no_usual_inventory_never_runs_low(scenario: Scenario) -> None:
    """No 'inventory_days' entry means the firms hold none (scenario-format.md): an author's
    China, which makes all its own graphite, was marked ⚠ at 0 days and could be seen as
    running low by the doctrines, which took a missing entry for a year's worth."""
    from game.tui.words import running_low as marked_low

    data = scenario_data(scenario)
    del data["inventory_days"]["CHN"]["graphite"]
    authored = Scenario.model_validate(data)
    state = initial_state(authored)
    assert state.cover["CHN"].get("graphite", 0.0) == 0.0
    for personality in PERSONALITIES:
        days = Personality.named(personality).low_cover_days
        assert not running_low(authored, state, "CHN", "graphite", days)
    assert not marked_low(authored, "CHN", "graphite", 0.0, None)
    assert marked_low(authored, "JPN", "ndpr", 5.0, None)  # an entry, and far under it
