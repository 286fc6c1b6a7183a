"""The random bot: a random handful of legal orders from the team's menu, every turn.

It is the baseline the other bots must beat: it plays the game's moves, legally, with no plan.
Each turn it draws how many orders to try (0 to its action points) and which, from a generator
seeded by the game seed, the turn and the team, so a game with random bots replays exactly.
"""

from __future__ import annotations

from game.bots.common import bot_rng, candidate_orders, keep_legal
from game.fog import TeamView
from game.orders import Order
from game.scenario import Scenario


class RandomBot:
    """Random legal orders from :func:`candidate_orders`."""

    def __init__(self, team: str, scenario: Scenario, seed: int) -> None:
        self.kind = "random"
        self.team = team
        self.scenario = scenario
        self.seed = seed

    def decide(self, view: TeamView) -> list[Order]:
        state = view.state
        rng = bot_rng(self.seed, state.turn + 1, self.team, self.kind)
        menu = candidate_orders(self.scenario, state, self.team)
        ap = self.scenario.teams[self.team].action_points
        k = min(len(menu), rng.randint(0, ap))
        picks = rng.sample(menu, k)
        return keep_legal(self.scenario, state, self.team, picks)
