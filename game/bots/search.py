"""The search bot: tries candidate order sets and looks ahead with the engine itself.

Each turn the bot:

1. samples a few *worlds* from its team's view: what it cannot see (the others' stockpiles and
   budgets, shown as public starting values) is scaled by a random factor, and each world gets
   its own rollout seed, so the chance of diplomacy and project slips is sampled too (the bot
   never uses the game's own seed to peek at the dice);
2. predicts, in each world, what the other teams will order (the pragmatist doctrine played on
   that world's state);
3. screens every candidate order set by resolving this turn with ``game.engine.resolve_turn``
   (and ``screen - 1`` more turns in which everyone holds) on every world (common random
   numbers, so differences between candidates are not noise);
4. candidates are: holding, the three doctrines' choices, every single order on the menu, a set
   built greedily from the best-screened singles, and each doctrine's choice with one order
   swapped for (or joined by) one of the best singles;
5. looks further ahead with the best few, the doctrines' picks and holding: ``horizon`` turns in
   which everyone plays on by doctrine (the others as pragmatists, this team with whichever
   personality does best for it from here), taking its team's score at the end
   (``state.scores[team]``) averaged over the worlds; then tries swapping one of the best
   singles into the best set while that raises the value (at most ``tries`` such sets, the
   best on the screen, get the long look).

At the normal and hard levels the long look runs to the end of the game (12 turns from the
first) and is the whole of an option's value; normal looks on fewer worlds and finalists. A look
that stopped short (after turn 8 at hard, turn 7 at normal), or a value that mixed in the 2-turn
screen (where everyone holds), missed what a ban does to Japan's posture in the last turns, when
stocks run out: Beijing's search held back and scored no better than the hawk doctrine
(docs/bots.md).

The "time budget" is deterministic: a difficulty fixes the number of worlds, the horizon and how
many single orders are combined, calibrated so that a decision at the hardest level takes about
a second on a 2-core machine with its rollouts shared between the cores (``search_pool``; see
docs/bots.md and docs/performance.md). Nothing depends on the clock or on where a rollout is
played, so a game with search bots replays exactly.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from game.bots import search_pool
from game.bots.common import Roles, bot_rng, candidate_orders, is_legal, keep_legal
from game.bots.doctrine import PERSONALITIES, Personality, Situation, doctrine_orders
from game.engine import resolve_turn
from game.fog import TeamView
from game.order_checks import check_orders
from game.orders import Order
from game.rules.context import Model
from game.scenario import Scenario
from game.state import GameState

HIDDEN_SCALE = (0.5, 1.5)  # what a hidden stockpile or budget may really be, x public value


@dataclass(frozen=True, slots=True)
class Level:
    """How hard a search bot looks.

    ``worlds`` sampled; every option is first scored ``screen`` turns ahead, then the best
    ``keep`` are scored ``horizon`` turns ahead; sets are built from and changed with the
    ``pool`` best-screened single orders, in up to ``combine`` rounds of local search on the
    best set, giving the long look to the ``tries`` best-screened of each round's sets (0: all).
    A finalist's value is ``blend`` x its screen value + the rest x its long value, less
    ``penalty`` points per order. The penalty keeps the easy level, which looks at one world,
    from giving orders on the strength of that one world's luck. At normal and hard it is 0:
    every option is valued on the same worlds (common random numbers), and a penalty of 0.2
    points an order made Washington hold where reassuring Tokyo was worth 0.04-0.15 points in
    every world it drew, and holding cost it 10 points in the unlucky game (docs/bots.md).
    """

    worlds: int
    screen: int
    keep: int
    horizon: int
    combine: int
    pool: int = 4  # best-screened singles used to build and change sets
    react: bool = True
    blend: float = 0.5  # weight of the short look in a finalist's value (the rest: the long)
    penalty: float = 0.0  # points an order must earn to be given, against noise (easy only)
    tries: int = 0  # local search: long looks at this many best-screened neighbours; 0: all


LEVELS: dict[str, Level] = {
    "easy": Level(worlds=1, screen=1, keep=2, horizon=3, combine=0, pool=2, penalty=0.2),
    "normal": Level(worlds=3, screen=2, keep=3, horizon=12, combine=1, pool=3, blend=0.0, tries=2),
    "hard": Level(worlds=4, screen=2, keep=4, horizon=12, combine=1, pool=3, blend=0.0, tries=3),
}


@dataclass(slots=True)
class World:
    state: GameState
    seed: int
    others: dict[str, list[Order]]


class SearchBot:
    """Looks ahead with the engine on sampled worlds; see the module docstring."""

    def __init__(self, team: str, scenario: Scenario, seed: int, level: str = "normal") -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown search level '{level}' ({', '.join(LEVELS)})")
        self.kind = "search" if level == "normal" else f"search:{level}"
        self.team = team
        self.scenario = scenario
        self.seed = seed
        self.level = LEVELS[level]
        self.look = Look(scenario, team)
        self.roles = self.look.roles
        search_pool.warm(self.look)
        self.evaluations = 0  # engine turns resolved so far (for benchmarks)
        self._base = "pragmatist"  # this team's own doctrine in look-ahead (chosen each turn)

    def decide(self, view: TeamView) -> list[Order]:
        s, team = self.scenario, self.team
        state = view.state
        turn = state.turn + 1
        if turn > s.turns:
            return []
        rng = bot_rng(self.seed, turn, team, "search")
        worlds = [self._world(view, rng) for _ in range(self.level.worlds)]
        left = s.turns - state.turn
        lv = self.level
        screen_h, long_h = min(lv.screen, left), min(lv.horizon, left)
        caches: dict[tuple[int, bool], dict[tuple[Order, ...], float]] = {}
        self._base = "pragmatist"

        def values(sets: Sequence[Sequence[Order]], horizon: int, react: bool = False) -> None:
            """Value every set not valued yet, all in one batch (``game.bots.search_pool``
            shares a batch between cores; the values are the same wherever they are played)."""
            cache = caches.setdefault((horizon, react), {})
            todo = [k for k in dict.fromkeys(tuple(o) for o in sets) if k not in cache]
            tasks = [
                Task(w, list(key), horizon, react, self._base)
                for key in todo
                for w in range(len(worlds))
            ]
            for key, total in zip(todo, self._world_sums(worlds, tasks), strict=True):
                cache[key] = total / len(worlds)

        def value(orders: Sequence[Order], horizon: int, react: bool = False) -> float:
            key = tuple(orders)
            cache = caches.get((horizon, react), {})
            if key not in cache:
                values([orders], horizon, react)
            return caches[(horizon, react)][key]

        menu = candidate_orders(s, state, team)
        options: list[list[Order]] = [[]]
        sit = Situation.of(s, state)
        for name in PERSONALITIES:
            prng = random.Random(rng.getrandbits(64))
            pick = doctrine_orders(s, state, team, Personality.named(name), prng, self.roles, sit)
            if pick:
                options.append(pick)
        options += [[o] for o in menu if is_legal(s, state, team, o)]

        # 1. screen every option a short way ahead
        values([*options, []], screen_h)
        screened = sorted(
            ((value(o, screen_h), i, o) for i, o in enumerate(options)), key=lambda r: (-r[0], r[1])
        )
        hold_screen = value([], screen_h)
        singles = [o[0] for v, _, o in screened if len(o) == 1 and v > hold_screen]
        pool = singles[: lv.pool]
        ap = s.teams[team].action_points
        # 2. build sets from the best singles on the screen: greedily from nothing, and by
        #    swapping one order of each doctrine's pick for a better single
        built: list[list[Order]] = []
        if pool:
            cur: list[Order] = []
            cur_v = hold_screen
            while len(cur) < ap:
                trials = [[*cur, o] for o in pool if o not in cur]
                trials = [t for t in trials if not check_orders(s, state, team, t)]
                if not trials:
                    break
                values(trials, screen_h)
                v, _, t = max(
                    ((value(t, screen_h), -k, t) for k, t in enumerate(trials)),
                    key=lambda r: (r[0], r[1]),
                )
                if v <= cur_v + 1e-9:
                    break
                cur, cur_v = t, v
            if len(cur) > 1:
                built.append(cur)
        for pick in options[1 : 1 + len(PERSONALITIES)]:
            for trial in self._neighbours(pick, pool, ap, state):
                built.append(trial)
        everything = options + [o for o in built if o not in options]
        values(everything, screen_h)
        screened = sorted(
            ((value(o, screen_h), i, o) for i, o in enumerate(everything)),
            key=lambda r: (-r[0], r[1]),
        )
        # 3. look further ahead with the best few, the doctrines' picks and holding; in the
        #    look-ahead everyone goes on with a doctrine: the others with the pragmatist, this
        #    team with whichever personality does best for it from here (its base policy)
        finalists = [o for _, _, o in screened[: lv.keep]]
        for opt in options[: 1 + len(PERSONALITIES)]:
            if opt not in finalists:
                finalists.append(opt)
        if lv.react:
            tasks = [
                Task(w, None, long_h, True, p) for p in PERSONALITIES for w in range(len(worlds))
            ]
            by_base = dict(zip(PERSONALITIES, self._world_sums(worlds, tasks), strict=True))
            self._base = max(PERSONALITIES, key=lambda p: by_base[p])

        def finals(sets: Sequence[Sequence[Order]]) -> None:
            if lv.blend > 0.0:
                values(sets, screen_h)
            if lv.blend < 1.0:
                values(sets, long_h, lv.react)

        def final(orders: Sequence[Order]) -> float:
            short = value(orders, screen_h) if lv.blend > 0.0 else 0.0
            far = value(orders, long_h, lv.react) if lv.blend < 1.0 else short
            return lv.blend * short + (1.0 - lv.blend) * far - lv.penalty * len(orders)

        finals(finalists)
        scored = sorted(
            ((final(o), i, o) for i, o in enumerate(finalists)), key=lambda r: (-r[0], r[1])
        )
        best_value, _, best = scored[0]
        # 4. local search on the best set: add or swap in one of the best singles while it helps
        for _ in range(lv.combine):
            improved = False
            trials = self._neighbours(best, pool, ap, state)
            if lv.tries:
                values(trials, screen_h)
                trials = sorted(trials, key=lambda o: -value(o, screen_h))[: lv.tries]
            finals(trials)
            for trial in trials:
                v = final(trial)
                if v > best_value + 1e-9:
                    best_value, best, improved = v, trial, True
            if not improved:
                break
        return keep_legal(s, state, team, best)

    def _neighbours(
        self, orders: list[Order], pool: list[Order], ap: int, state: GameState
    ) -> list[list[Order]]:
        """Legal sets one step from ``orders``: one single from ``pool`` added or swapped in."""
        s, team = self.scenario, self.team
        out: list[list[Order]] = []
        for single in pool:
            if single in orders:
                continue
            trials = [[*orders, single]] if len(orders) < ap else []
            trials += [[*orders[:i], single, *orders[i + 1 :]] for i in range(len(orders))]
            out += [t for t in trials if not check_orders(s, state, team, t)]
        return out

    def _world(self, view: TeamView, rng: random.Random) -> World:
        """One guess at the true state behind ``view``, with a rollout seed and others' orders."""
        state = view.state.copy()
        lo, hi = HIDDEN_SCALE
        for key in sorted(view.hidden):
            kind, _, who = key.partition(".")
            if kind == "stockpile" and who in state.stockpile:
                row = state.stockpile[who]
                for m in sorted(row):
                    row[m] *= rng.uniform(lo, hi)
            elif kind == "budget" and who in state.budget:
                state.budget[who] *= rng.uniform(lo, hi)
        seed = rng.getrandbits(62)
        others: dict[str, list[Order]] = {}
        prag = Personality.named("pragmatist")
        sit = Situation.of(self.scenario, state)
        for t in sorted(self.scenario.teams):
            if t != self.team:
                orng = random.Random(rng.getrandbits(64))
                others[t] = doctrine_orders(self.scenario, state, t, prag, orng, self.roles, sit)
        return World(state, seed, others)

    def _world_sums(self, worlds: Sequence[World], tasks: Sequence[Task]) -> list[float]:
        """For tasks given world by world for each option (``len(worlds)`` in a row), the sum
        of this team's end scores over the worlds, option by option, added in world order as
        one rollout after another would."""
        self.evaluations += sum(t.horizon for t in tasks)
        scores = search_pool.scores(self.look, worlds, tasks)
        n = len(worlds)
        return [sum(scores[k : k + n]) for k in range(0, len(scores), n)]


class Task(NamedTuple):
    """One rollout: on ``worlds[world]``, give ``orders`` now (``None``: what the ``base``
    personality would), then play ``horizon - 1`` more turns (see :meth:`Look.score`).

    A named tuple, not a frozen dataclass: helper processes receive it pickled, and the
    compiled core (setup.py) cannot unpickle a frozen dataclass."""

    world: int
    orders: list[Order] | None
    horizon: int
    react: bool
    base: str


class Look:
    """A search bot's look-ahead: what a rollout needs besides its world and task (the scenario,
    compiled once, the roles and whose score counts). A rollout is a pure function of these, its
    world and its task, so it gives the same score in any process."""

    def __init__(self, scenario: Scenario, team: str) -> None:
        self.scenario = scenario
        self.team = team
        self.model = Model.compile(scenario)
        self.roles = Roles.of(scenario)

    def score(self, world: World, task: Task) -> float:
        """This team's score ``task.horizon`` turns on, after giving ``task.orders`` now.

        Without ``react`` everyone holds after this turn. With it, the other teams go on with the
        pragmatist doctrine on the rollout's state (so a provocation meets its retaliation) and
        this team with its base personality.
        """
        scenario, team = self.scenario, self.team
        me = Personality.named(task.base)
        all_orders = dict(world.others)
        orders = task.orders
        if orders is None:
            rng0 = random.Random(world.seed)
            orders = doctrine_orders(scenario, world.state, team, me, rng0, self.roles)
        all_orders[team] = orders
        state, _ = resolve_turn(self.model, world.state, all_orders, world.seed, ledger=False)
        prag = Personality.named("pragmatist")
        for step in range(1, task.horizon):
            nxt: dict[str, list[Order]] = {}
            if task.react:
                rng = random.Random(world.seed + step)
                sit = Situation.of(scenario, state)
                for t in sorted(scenario.teams):
                    p = me if t == team else prag
                    nxt[t] = doctrine_orders(scenario, state, t, p, rng, self.roles, sit)
            state, _ = resolve_turn(self.model, state, nxt, world.seed, ledger=False)
        return state.scores[team]


def factory(level: str) -> Callable[[str, Scenario, int], SearchBot]:
    def make(team: str, scenario: Scenario, seed: int) -> SearchBot:
        return SearchBot(team, scenario, seed, level)

    return make
