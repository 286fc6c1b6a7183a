"""Computer opponents. Every bot decides from its team's fogged view, never the true state.

``make_bot("hold", team, scenario, seed)`` builds a bot by kind; the kinds are listed in
``BOT_KINDS``. A bot's orders are submitted and logged like a human's, so logs replay exactly.

Kinds: ``hold`` (gives no orders), ``random`` (random legal orders), ``doctrine:hawk``,
``doctrine:dove``, ``doctrine:pragmatist`` (rule-based personalities; ``doctrine`` is the
pragmatist), ``search`` and ``search:easy|normal|hard`` (looks ahead with the engine; ``search``
is ``search:normal``). Every bot draws its chance from ``game.chance.phase_rng`` (or
``phase_draws``, the same generator) seeded by the game seed, the turn and the team, never from
the clock, so a game replays exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Protocol

from game.errors import ChokepointError
from game.fog import TeamView
from game.orders import Order
from game.scenario import Scenario, Team
from game.spelling import unknown


class Bot(Protocol):
    kind: str
    team: str

    def decide(self, view: TeamView) -> list[Order]:
        """This turn's orders for ``self.team`` given its view (turn = view.state.turn + 1)."""
        ...


class HoldBot:
    """Gives no orders: the team holds every turn."""

    def __init__(self, team: str, scenario: Scenario, seed: int) -> None:
        self.kind = "hold"
        self.team = team

    def decide(self, view: TeamView) -> list[Order]:
        return []


BotFactory = Callable[[str, Scenario, int], Bot]
BOT_KINDS: dict[str, BotFactory] = {"hold": HoldBot}


def _register() -> None:
    from game.bots import doctrine, random_bot, search

    BOT_KINDS["random"] = random_bot.RandomBot
    for name in doctrine.PERSONALITIES:
        BOT_KINDS[f"doctrine:{name}"] = doctrine.factory(name)
    BOT_KINDS["doctrine"] = doctrine.factory("pragmatist")
    for level in search.LEVELS:
        BOT_KINDS[f"search:{level}"] = search.factory(level)
    BOT_KINDS["search"] = search.factory("normal")


_register()


def team_named(teams: Mapping[str, Team], name: str) -> str:
    """The team ``name`` means: itself if it is a team id, else the one team whose id or name
    it matches ignoring case ('Beijing', 'TOKYO'); ``name`` unchanged if none does, for
    :func:`player_problem` to report."""
    if name in teams:
        return name
    folded = name.casefold()
    found = [t for t, team in teams.items() if folded in (t.casefold(), team.name.casefold())]
    return found[0] if len(found) == 1 else name


def named_players(
    teams: Mapping[str, Team], solo: str | None, bots: Mapping[str, str]
) -> tuple[str | None, dict[str, str]]:
    """``--solo`` and ``--bot`` teams as the scenario spells them (see :func:`team_named`);
    ``ChokepointError`` if two ``--bot`` options name one team ('beijing' and 'Beijing')."""
    named: dict[str, str] = {}
    for given, kind in bots.items():
        team = team_named(teams, given)
        if team in named:
            raise ChokepointError(
                f"--bot: {team} is given twice ({named[team]} and {kind}); give each team once"
            )
        named[team] = kind
    return (None if solo is None else team_named(teams, solo)), named


def player_problem(teams: Collection[str], solo: str | None, bots: Mapping[str, str]) -> str | None:
    """What is wrong with the players asked for (``--solo TEAM``, ``--bot TEAM=KIND``), if
    anything: a team the scenario lacks, or the solo player's own team given to a bot."""
    for flag, team in [("--solo", solo), *(("--bot", t) for t in sorted(bots))]:
        if team is not None and team not in teams:
            return f"{flag}: {unknown('team', team, teams)}"
    if solo is not None and solo in bots:
        return f"--bot: {solo} is the team you play (--solo)"
    return None


def make_bot(kind: str, team: str, scenario: Scenario, seed: int) -> Bot:
    """Build a bot of ``kind`` for ``team``; ``ValueError`` names the known kinds."""
    if team not in scenario.teams:
        raise ValueError(unknown("team", team, scenario.teams))
    factory = BOT_KINDS.get(kind)
    if factory is None:
        raise ValueError(unknown("bot", kind, BOT_KINDS))
    return factory(team, scenario, seed)
