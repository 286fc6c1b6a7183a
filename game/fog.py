"""Each team's view of the state: its own numbers exact, the others' as the scenario's fog says.

A view is a full :class:`GameState` (so a bot can run the engine on it) in which other actors'
numbers carry seeded relative noise (``fog.noise``) and the categories in ``fog.hidden`` are
replaced by what is public knowledge, the scenario's starting values. ``hidden`` lists those keys
so a screen can show them as unknown. Prices, controls, tariffs, sanctions and the strategic
indices are public. The facilitator's view is the true state.

The ledger a team reads is fogged the same way (:func:`ledger_seen_by`): exact changes of numbers
it sees only with noise would undo the noise, and a public index that moved because of an order
the team cannot see must not name that order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from game.chance import phase_draws
from game.clamp import clamp
from game.ledger import Entry
from game.scenario import InvestmentOption, Scenario
from game.state import GameState, start_state


@dataclass(frozen=True, slots=True)
class TeamView:
    team: str
    state: GameState
    hidden: frozenset[str]

    def is_hidden(self, key: str) -> bool:
        """``key`` like 'stockpile.USA' or 'budget.washington'."""
        return key in self.hidden


def team_view(scenario: Scenario, state: GameState, team: str, seed: int) -> TeamView:
    """What ``team`` sees of ``state`` (deterministic for a given seed and turn)."""
    me = scenario.teams[team].actor
    fog = scenario.fog
    hidden: set[str] = set()
    rng = phase_draws(seed, state.turn, f"fog|{team}")
    noise = fog.noise
    draw = rng.random

    def jittered(row: dict[str, float]) -> dict[str, float]:
        """``row`` with each value times (1 +/- noise), one draw per value in row order."""
        if noise <= 0:
            return dict(row)
        return {k: v * (1.0 + noise * (2.0 * draw() - 1.0)) for k, v in row.items()}

    def jitter(x: float) -> float:
        return x * (1.0 + noise * (2.0 * draw() - 1.0)) if noise > 0 else x

    start = start_state(scenario)  # public knowledge: the scenario's opening numbers (shared)

    # the view's tables of output, inventory and stockpile are built here, each row once: the
    # team's own copied, every other actor's as the team sees it (in the state's order)
    output = dict(state.output)
    for actor in sorted(output):
        row = output[actor]
        output[actor] = row.copy() if actor == me else estimated_output(row, noise, draw)
    cover = dict(state.cover)  # rows are replaced whole, never changed in place
    # another actor's row of inventory is replaced below, with its cover
    inventory = {a: r if a in cover and a != me else r.copy() for a, r in state.inventory.items()}
    for actor in sorted(cover):
        if actor == me:
            continue
        if "inventory" in fog.hidden:
            hidden.add(f"cover.{actor}")
            hidden.add(f"inventory.{actor}")
            cover[actor] = dict(start.cover.get(actor, {}))
            inventory[actor] = dict(start.inventory[actor])
        else:
            cover[actor] = jittered(cover[actor])
            inventory[actor] = jittered(inventory[actor])
    stockpile = dict(state.stockpile)
    for actor in sorted(stockpile):
        if actor == me:
            stockpile[actor] = stockpile[actor].copy()
        elif "stockpile" in fog.hidden:
            hidden.add(f"stockpile.{actor}")
            stockpile[actor] = dict(start.stockpile[actor])
        else:
            stockpile[actor] = jittered(stockpile[actor])
    view = state.copy(inventory=inventory, stockpile=stockpile, output=output)
    view.cover = cover
    for other in sorted(view.budget):
        if other == team:
            continue
        if "budget" in fog.hidden:
            hidden.add(f"budget.{other}")
            view.budget[other] = start.budget[other]
        else:
            view.budget[other] = jitter(view.budget[other])
    if "projects" in fog.hidden:
        view.projects = [p for p in view.projects if p.team == team]
        hidden.update(f"projects.{t}" for t in scenario.teams if t != team)
    for t in sorted(view.scores):
        if t != team:
            hidden.add(f"score.{t}")
            view.scores[t] = start.scores[t]
    return TeamView(team, view, frozenset(hidden))


def estimated_output(
    row: dict[str, float], noise: float, draw: Callable[[], float]
) -> dict[str, float]:
    """Another country's sector output as a team sees it: the *loss* (100 - output) carries the
    noise, one draw per sector in row order, so a sector running normally is seen at 100 and
    damage is seen roughly to scale. (The noise was on the output itself, capped at 100: a
    solo player saw every undamaged country at 88-91 before anything had happened, and the
    estimates could only err downward.)"""
    if noise <= 0:
        return dict(row)
    out: dict[str, float] = {}
    for sector, value in row.items():
        seen = 100.0 - (100.0 - value) * (1.0 + noise * (2.0 * draw() - 1.0))
        out[sector] = clamp(seen, 0.0, 100.0)
    return out


def hidden_keys(scenario: Scenario, team: str) -> frozenset[str]:
    """The keys ``team`` cannot see at all (the names of ``TeamView.hidden``); none for anyone
    who is not a team (the facilitator)."""
    if team not in scenario.teams:
        return frozenset()
    me = scenario.teams[team].actor
    fog = scenario.fog.hidden
    hidden: set[str] = set()
    for actor in scenario.actors:
        if actor == me:
            continue
        if "inventory" in fog:
            hidden.update({f"cover.{actor}", f"inventory.{actor}"})
        if "stockpile" in fog:
            hidden.add(f"stockpile.{actor}")
    for t in scenario.teams:
        if t == team:
            continue
        if "budget" in fog:
            hidden.add(f"budget.{t}")
        if "projects" in fog:
            hidden.add(f"projects.{t}")
        hidden.add(f"score.{t}")
    return frozenset(hidden)


def key_hidden(hidden: AbstractSet[str], key: str) -> bool:
    """Is ``key`` ('stockpile.USA.dytb') under one of the ``hidden`` keys ('stockpile.USA')?"""
    parts = key.split(".")
    return any(".".join(parts[:n]) in hidden for n in range(1, len(parts) + 1))


NOISY = ("output", "cover", "inventory")
"""The ledger keys of numbers a team sees of other actors only with noise (``fog.noise``)."""

UNSEEN_ORDER = "an order you cannot see"
"""The reason a team reads for a public change caused by another team's hidden order."""


def ledger_seen_by(scenario: Scenario, team: str, entries: Iterable[Entry]) -> list[Entry]:
    """The ledger entries ``team`` may read, in their order; all of them for the facilitator.

    Left out: changes of what the team cannot see at all (other teams' scores, stockpiles,
    budgets, projects...), and exact changes of other actors' numbers it sees only with noise
    (sector output, days of cover, inventory), which would let it undo the noise. Kept with
    their reason replaced by :data:`UNSEEN_ORDER`: public changes caused by another team's hidden
    order, a stockpile release to an ally (which moves US-Japan cohesion) when stockpiles are
    hidden and a completed investment (new production, an offtake's shift of purchases) when
    projects are, and another team's diplomatic move when ``orders`` is hidden (controls,
    tariffs and sanctions stay named: they are public in the state). The amounts stay, so a
    team's lines still add up to the public change.

    The reasons are matched on the words the rules write (``strategic``, ``investment``),
    which the log format fixes.
    """
    if team not in scenario.teams:
        return list(entries)
    hidden = hidden_keys(scenario, team)
    me = scenario.teams[team].actor
    fog = scenario.fog
    noisy = fog.noise > 0
    team_of = {t.actor: name for name, t in scenario.teams.items()}
    theirs = [o for o in scenario.investments if o.team != team] if "projects" in fog.hidden else []
    categories: set[str] = set(fog.hidden)
    seen: list[Entry] = []
    for e in entries:
        if key_hidden(hidden, e.key):
            continue
        parts = e.key.split(".")
        if noisy and parts[0] in NOISY and len(parts) > 1 and parts[1] != me:
            continue
        if _caused_by_hidden_order(e, team, team_of, theirs, categories):
            e = dataclasses.replace(e, why=UNSEEN_ORDER, inputs={})  # they name it too
        seen.append(e)
    return seen


def _caused_by_hidden_order(
    e: Entry,
    team: str,
    team_of: dict[str, str],
    theirs: list[InvestmentOption],
    hidden: set[str],
) -> bool:
    if e.rule == "diplomacy" and "orders" in hidden:  # a move is an order; its team is logged
        return bool(e.inputs.get("team", team) != team)
    if e.rule == "strategic" and "stockpile" in hidden and " from its stockpile to " in e.why:
        giver = e.why.split(" released ", 1)[0]
        return team_of.get(giver, team) != team
    if e.rule == "investment":
        return any(
            e.why == f"{o.name} completed" or e.why.startswith(f"{o.name}: ") for o in theirs
        )
    return False
