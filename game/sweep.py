"""Seeded batch runs (sweeps): play many games of a scenario and summarise the spread of outcomes.

Game ``i`` of a sweep with base seed ``S`` is played with seed :func:`game_seed` (S, i), a
SHA-256 derivation, so a sweep is reproducible and any single game re-runs exactly with
``chokepoint run SCENARIO --seed SEED --bot TEAM=KIND ...`` (each row carries that command).

Games are played in chunks by any ``concurrent.futures.Executor``: a local process pool by
default, or a Dask cluster's executor (``distributed.Client(address).get_executor()``). Every
game depends only on (scenario, seed, bots), and rows are put back in game order, so every
executor gives identical results. Workers receive the scenario as plain data and compile it once.

Outcomes counted in the summary (thresholds are the constants below):

- ``top:TEAM``: TEAM ended with the highest score (``top:tie`` if two or more share it);
- ``posture_broke``: Japan's Taiwan posture ended below ``POSTURE_BROKE``;
- ``alliance_strained``: US-Japan cohesion ended below ``COHESION_STRAINED``;
- ``escalation``: tension reached ``TENSION_CRISIS`` in some turn;
- ``japan_industry_hit``: Japan's average industrial output ended below ``OUTPUT_HIT``;
- ``china_share_eroded``: China's market share ended ``SHARE_ERODED`` points or more below its
  start.
"""

from __future__ import annotations

import hashlib
import math
import os
import shlex
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.names import actor_name, count
from game.scenario import Scenario
from game.workers import end_pool

if TYPE_CHECKING:
    from game.engine import Session

POSTURE_BROKE = 40.0
COHESION_STRAINED = 50.0
TENSION_CRISIS = 80.0
OUTPUT_HIT = 85.0
SHARE_ERODED = 5.0
PERCENTILES = (5, 25, 50, 75, 95)
OUTCOMES = (
    "posture_broke",
    "alliance_strained",
    "escalation",
    "japan_industry_hit",
    "china_share_eroded",
)

Row = dict[str, Any]

MAX_GAMES = 1_000_000
"""The most games one sweep plays: every row is kept until the end (about 2 KB each), and a
million doctrine games already take hours on a laptop. Larger studies are several sweeps with
different base seeds."""


def games_problem(flag: str, games: int) -> str | None:
    """What is wrong with a number of games asked for with ``flag``, if anything."""
    if games < 1:
        return f"{flag} must be at least 1" + (" game" if flag == "--against" else "")
    if games > MAX_GAMES:
        more = "; for more, run several sweeps with different --seed" if flag == "--games" else ""
        return (
            f"{flag}: at most {MAX_GAMES:,} games (every game's row is kept in memory until the "
            f"end){more}"
        )
    return None


def game_seed(base_seed: int, index: int) -> int:
    """The seed of game ``index`` (0-based) of a sweep with ``base_seed``: a 31-bit integer."""
    digest = hashlib.sha256(f"chokepoint-sweep|{base_seed}|{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


@dataclass(frozen=True, slots=True)
class SweepSpec:
    """What to play: the scenario (as plain data), its name for re-run commands, the bots."""

    scenario_data: dict[str, Any]
    scenario_ref: str
    bots: dict[str, str]
    base_seed: int
    games: int


_SCENARIOS: dict[str, Scenario] = {}


def _scenario(data: dict[str, Any]) -> Scenario:
    """The scenario for ``data``, built once per worker process."""
    from game.scenario_loader import scenario_from_data
    from game.state import sha256_json

    key = sha256_json(data)
    s = _SCENARIOS.get(key)
    if s is None:
        s = scenario_from_data(data, "<sweep>")
        _SCENARIOS.clear()
        _SCENARIOS[key] = s
    return s


COMPARISON_BOT = "doctrine"  # plays the session's human, scripted and search-bot teams


def comparison_bots(teams: Sequence[str], controllers: Mapping[str, str]) -> dict[str, str]:
    """Who plays each team in the computer's games that a session is set beside.

    A team the session gave to a quick bot (any kind but the search bot, whose games take
    seconds each) keeps that bot, so the games differ from the session only where people played;
    every other team (players, a scripted plan, a search bot) is played by the pragmatist
    doctrine."""
    from game.bots import BOT_KINDS
    from game.engine import bot_kind

    out: dict[str, str] = {}
    for team in sorted(teams):
        kind = bot_kind(controllers.get(team, "")) or ""
        quick = kind in BOT_KINDS and not kind.startswith("search")
        out[team] = kind if quick else COMPARISON_BOT
    return out


def bots_words(bots: Mapping[str, str], teams: Mapping[str, str] | None = None) -> str:
    """``bots`` (team -> kind) in words: 'Beijing doctrine:hawk, Tokyo doctrine, ...'."""
    return ", ".join(f"{(teams or {}).get(t, t)} {k}" for t, k in sorted(bots.items()))


def play_one(
    scenario: Scenario, seed: int, bots: Mapping[str, str], scenario_ref: str = "SCENARIO"
) -> Row:
    """Play one full game with ``bots`` (team -> kind) and return its row."""
    from game.bots import make_bot
    from game.engine import Session, bot_controller
    from game.headless import play_game

    team_bots = {t: make_bot(k, t, scenario, seed) for t, k in sorted(bots.items())}
    controllers = {t: (bot_controller(bots[t]) if t in bots else "plan") for t in scenario.teams}
    session = Session(scenario, seed, controllers, ledger=False)  # a row needs only states
    play_game(session, {}, team_bots)
    return game_row(scenario, session.states, seed, bots, scenario_ref)


def game_row(
    scenario: Scenario,
    states: Sequence[Any],
    seed: int,
    bots: Mapping[str, str],
    scenario_ref: str,
) -> Row:
    """The row of a finished game, from its states (turn 0 to the end)."""
    first, last = states[0], states[-1]
    teams = sorted(scenario.teams)
    row: Row = {"seed": seed}
    for t in teams:
        row[f"bot_{t}"] = bots.get(t, "hold")
    for t in teams:
        row[f"score_{t}"] = round(last.scores[t], 4)
    for k in sorted(last.indices):
        row[f"index_{k}"] = round(last.indices[k], 4)
    for t in teams:
        actor = scenario.teams[t].actor
        out = last.output.get(actor, {})
        row[f"output_{actor}"] = round(sum(out.values()) / len(out), 4) if out else 100.0
    row["max_tension"] = round(max(s.indices.get("tension", 0.0) for s in states), 4)
    best = max(last.scores[t] for t in teams)
    tops = [t for t in teams if abs(last.scores[t] - best) < 1e-9]
    row["top"] = tops[0] if len(tops) == 1 else "tie"
    target = scenario.teams["tokyo"].actor if "tokyo" in scenario.teams else None
    ix = last.indices
    row["posture_broke"] = ix.get("posture", 100.0) < POSTURE_BROKE
    row["alliance_strained"] = ix.get("cohesion", 100.0) < COHESION_STRAINED
    row["escalation"] = row["max_tension"] >= TENSION_CRISIS
    row["japan_industry_hit"] = (
        target is not None and row.get(f"output_{target}", 100.0) < OUTPUT_HIT
    )
    row["china_share_eroded"] = (
        ix.get("market_share", 0.0) <= first.indices.get("market_share", 0.0) - SHARE_ERODED
    )
    row["command"] = rerun_command(scenario_ref, seed, bots)
    return row


def columns(spec: SweepSpec) -> list[str]:
    """The columns of the sweep's rows, ``game`` first: the header of a file of no rows."""
    from game.engine import Session

    scenario = _scenario(spec.scenario_data)
    start = Session(scenario, 0, {t: "plan" for t in scenario.teams}, ledger=False).states[0]
    return ["game", *game_row(scenario, [start], 0, spec.bots, spec.scenario_ref)]


def rerun_command(scenario_ref: str, seed: int, bots: Mapping[str, str]) -> str:
    """The ``chokepoint run`` command that plays this game again, move for move."""
    parts = ["chokepoint", "run", scenario_ref, "--seed", str(seed)]
    for t, k in sorted(bots.items()):
        parts += ["--bot", f"{t}={k}"]
    return shlex.join(parts)  # pasted into a shell as it stands: a path with spaces is quoted


def play_chunk(
    scenario_data: dict[str, Any],
    scenario_ref: str,
    bots: dict[str, str],
    jobs: list[tuple[int, int]],
) -> list[tuple[int, Row]]:
    """Play the games ``jobs`` = [(index, seed)]: the unit of work sent to an executor."""
    scenario = _scenario(scenario_data)
    return [(i, play_one(scenario, seed, bots, scenario_ref)) for i, seed in jobs]


def chunks(spec: SweepSpec, workers: int) -> list[list[tuple[int, int]]]:
    """Split the games into chunks: about 4 per worker, at most 50 games each, and one game each
    when a search bot plays (a game then takes seconds: a chunk's games are kept only once the
    whole chunk is done, so Ctrl-C would lose minutes of play, and the progress bar would not
    move for as long)."""
    games = [(i, game_seed(spec.base_seed, i)) for i in range(spec.games)]
    if not games:
        return []
    most = 1 if any(kind.startswith("search") for kind in spec.bots.values()) else 50
    size = max(1, min(most, math.ceil(len(games) / max(1, 4 * workers))))
    return [games[i : i + size] for i in range(0, len(games), size)]


def run_sweep(
    spec: SweepSpec,
    executor: Executor | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Row]:
    """Play every game of ``spec``; rows in game order, each with its ``game`` index.

    With no executor the games are played here, one after the other.
    """
    parts = chunks(spec, workers)
    done = 0
    rows: dict[int, Row] = {}
    if progress:
        progress(0, spec.games)

    def take(result: list[tuple[int, Row]]) -> None:
        nonlocal done
        for i, row in result:
            rows[i] = row
        done += len(result)
        if progress:
            progress(done, spec.games)

    futures: list[Future[list[tuple[int, Row]]]] = []
    try:
        if executor is None:
            for part in parts:
                take(play_chunk(spec.scenario_data, spec.scenario_ref, spec.bots, part))
        else:
            futures = [
                executor.submit(play_chunk, spec.scenario_data, spec.scenario_ref, spec.bots, part)
                for part in parts
            ]
            for fut in _as_completed(futures, lambda: progress and progress(done, spec.games)):
                take(fut.result())
    except KeyboardInterrupt:
        if executor is not None:
            stop(executor, futures)
        played = [{"game": i, **rows[i]} for i in sorted(rows)]
        raise SweepInterrupted(played, spec.games) from None
    return [{"game": i, **rows[i]} for i in range(spec.games)]


class SweepInterrupted(Exception):
    """The sweep was stopped (Ctrl-C) before every game was played.

    ``rows`` are the games that were finished, in game order (not always the first ones: the
    chunks finish in any order), each with its ``game`` index and seed as usual.
    """

    def __init__(self, rows: list[Row], games: int) -> None:
        super().__init__(f"interrupted after {len(rows)} of {count(games, 'game')}")
        self.rows = rows
        self.games = games


def stop(executor: Executor, futures: Sequence[Future[Any]]) -> None:
    """Cancel the games not yet started and end the local worker processes now.

    A process pool cancels its own pending games (its manager thread does it, so it never
    meets a future cancelled behind its back), then its workers are ended (``end_pool``).
    Dask's executor cancels its running futures itself when shut down without waiting.
    """
    if isinstance(executor, ProcessPoolExecutor):
        # wait for the pool's manager thread to see its workers gone and end: a command that
        # exits at once (report --against) would otherwise meet it half-closed in Python's exit
        # handler, which prints a traceback ('Bad file descriptor') under the one-line message
        end_pool(executor, wait=5.0)
        return
    for fut in futures:
        fut.cancel()
    executor.shutdown(wait=False)


def _as_completed(
    futures: list[Future[Any]], waiting: Callable[[], object], every: float = 0.5
) -> Iterator[Future[Any]]:
    """The futures as they finish, calling ``waiting`` every ``every`` seconds in between (the
    progress bar's clock runs on while a chunk is played)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = set(futures)
    while pending:
        finished, pending = wait(pending, timeout=every, return_when=FIRST_COMPLETED)
        if not finished:
            waiting()
        # those that finished together, in submission order (rows are put in game order after)
        yield from (f for f in futures if f in finished)


def local_executor(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` local processes (forked where the platform allows it)."""
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    ctx = multiprocessing.get_context(method)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_ignore_ctrl_c)


def _ignore_ctrl_c() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (``stop``): a worker
    interrupted mid-chunk would break the pool and lose the rows of the games already played.
    A termination signal ends a worker at once (the main process's own handler for it, which
    a forked worker inherits, is for the main process)."""
    import signal

    from game.workers import end_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):  # the terminal closed: the main process stops the sweep
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    end_with_parent()  # the main process killed outright: a worker would wait for good


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation between order statistics."""
    xs = sorted(values)
    if not xs:
        return math.nan
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def distribution(values: Sequence[float]) -> dict[str, float]:
    """Mean, sd, percentiles, min and max of ``values``, unrounded: the terminal's tables round
    them once as they print them, and the JSON files with :func:`rounded` (rounding here first
    printed an sd of 6.0503 as 6.05, then as '6.0')."""
    n = len(values)
    mean = sum(values) / n if n else math.nan
    # the sample standard deviation (n - 1), as spreadsheets' STDEV gives it
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    out = {"mean": mean, "sd": sd if n else math.nan}
    for q in PERCENTILES:
        out[f"p{q}"] = percentile(values, q)
    out["min"] = min(values) if values else math.nan
    out["max"] = max(values) if values else math.nan
    return out


JSON_PLACES = 3  # decimals of the distributions in the JSON output


def rounded(summary: Mapping[str, Any]) -> dict[str, Any]:
    """``summary`` with its distributions rounded to ``JSON_PLACES`` decimals, for JSON."""
    dists = {
        k: {stat: round(v, JSON_PLACES) for stat, v in d.items()}
        for k, d in summary["distributions"].items()
    }
    return {**summary, "distributions": dists}


def summarise(rows: Sequence[Row]) -> dict[str, Any]:
    """Distributions of scores, indices and outputs, and how often each outcome occurred."""
    if not rows:
        return {"games": 0, "distributions": {}, "outcomes": {}}
    numeric = numeric_columns(rows[0])
    dists = {k: distribution([float(r[k]) for r in rows]) for k in numeric}
    n = len(rows)
    outcomes: dict[str, float] = {}
    # every team, also one that never came top (0% is said, not left out)
    teams = [k.removeprefix("score_") for k in rows[0] if k.startswith("score_")]
    tops = sorted({*teams, *(str(r["top"]) for r in rows)} - {"tie"})
    tops += ["tie"] if any(r["top"] == "tie" for r in rows) else []
    for t in tops:
        outcomes[f"top:{t}"] = sum(1 for r in rows if r["top"] == t) / n
    for name in OUTCOMES:
        outcomes[name] = sum(1 for r in rows if r.get(name)) / n
    return {"games": n, "distributions": dists, "outcomes": outcomes}


def numeric_columns(row: Row) -> list[str]:
    """The columns of a row that the summary shows as distributions."""
    return [
        k
        for k, v in row.items()
        if (k.startswith(("score_", "index_", "output_")) or k == "max_tension")
        and isinstance(v, int | float)
        and not isinstance(v, bool)
    ]


def session_row(session: Session) -> Row:
    """A finished session (``game.engine.Session``) as a sweep row, to set beside a sweep."""
    from game.engine import bot_kind

    # named as the games' rows name their players ('doctrine:hawk', not 'bot:doctrine:hawk')
    players = {t: bot_kind(c) or c for t, c in session.controllers.items()}
    for team in held_teams(session):  # a plan that gave it no orders: it held
        players[team] = "hold"
    row = game_row(session.scenario, session.states, session.seed, players, "")
    del row["command"]  # a session is replayed from its log, not re-run with bots
    return row


def branch_note(session: Session, teams: Mapping[str, str] | None = None) -> str:
    """'' for a session its last players played from turn 1; for a branch whose earlier turns
    others played, what they were, in words: the computer's games play the session's last
    players from the start, so an analyst read a branch in which Tokyo played random orders
    for 8 turns as a collapse of the doctrine that played its last 4."""
    from game.engine import bot_kind, branch_segments

    def how(team: str, player: str, first: int, upto: int) -> str:
        if player == "plan" and not any(
            r.submitted.get(team) for r in session.records[first - 1 : upto]
        ):
            return "held (no orders)"
        return f"by {bot_kind(player) or player}"

    parts: list[str] = []
    first = 1
    for upto, players in branch_segments(session.settings, session.controllers):
        changed = [
            f"{(teams or {}).get(t, t)} {how(t, p, first, upto)}"
            for t, p in sorted(players.items())
            if p != session.controllers.get(t)
        ]
        if changed and upto >= first:
            span = f"turn {first}" if first == upto else f"turns {first}-{upto}"
            parts.append(f"{span} {', '.join(changed)}")
        first = upto + 1
    if not parts:
        return ""
    return (
        f"This session is a branch: other players played its first turns ({'; '.join(parts)}), "
        "while the computer's games play the players named here from turn 1, so they differ "
        "from the session in more than the choices made since it branched."
    )


def held_teams(session: Session) -> list[str]:
    """The teams that gave no orders in the whole session though no one played them (a
    ``chokepoint run`` team given neither a plan nor a bot): set beside games in which a bot
    plays them, their place says nothing about how they were played."""
    return sorted(
        t
        for t, c in session.controllers.items()
        if c == "plan" and not any(r.submitted.get(t) for r in session.records)
    )


def standing(rows: Sequence[Row], row: Row) -> dict[str, float]:
    """For each numeric column: the share of ``rows`` with a lower value than ``row`` (ties
    count half), i.e. where a session stands among the sweep's games (0 = lowest, 1 = highest).
    """
    out: dict[str, float] = {}
    for k in numeric_columns(row):
        v = float(row[k])
        below = sum(1 for r in rows if float(r[k]) < v)
        ties = sum(1 for r in rows if float(r[k]) == v)
        out[k] = (below + 0.5 * ties) / len(rows) if rows else math.nan
    return out


def comparison_text(
    summary: Mapping[str, Any],
    row: Row,
    ranks: Mapping[str, float],
    teams: Mapping[str, str] | None = None,
    scenario: Scenario | None = None,
    same: Row | None = None,
) -> str:
    """Where a session's result stands among a sweep's games, as a plain-text table, beside
    ``same``, the computer's game on the session's own seed; ``teams`` (id -> name) names the
    teams in the outcomes."""
    n = summary["games"]
    dists = summary["distributions"]
    table = [["", "session", "same seed", "median", "5%-95% of games", "games below"]]
    for k, share in ranks.items():
        d = dists[k]
        table.append(
            [
                k,
                f"{float(row[k]):.1f}",
                f"{float(same[k]):.1f}" if same is not None else "-",
                f"{d['p50']:.1f}",
                f"{d['p5']:.1f} - {d['p95']:.1f}",
                f"{share:.0%}",
            ]
        )
    lines = [f"this session against the {count(n, 'game')} (games below: share of games with less)"]
    lines += _aligned(table)
    lines.append(ROWS_KEY)
    lines.append(SAME_SEED_KEY)
    shares = summary["outcomes"]
    lines.append("")
    lines.append("outcomes of this session, and how often they occurred in the games:")
    for name in row_outcomes(row):
        words = outcome_words(name, teams, scenario)
        lines.append(f"  {shares.get(name, 0.0):6.1%}  {name:20s} {words}")
    return "\n".join(lines)


OUTCOME_TEXT = {
    "posture_broke": f"Japan's posture ended below {POSTURE_BROKE:g}",
    "alliance_strained": f"US–Japan cohesion ended below {COHESION_STRAINED:g}",
    "escalation": f"Tension reached {TENSION_CRISIS:g}",
    "japan_industry_hit": f"Japan's output ended below {OUTPUT_HIT:g}",
    "china_share_eroded": f"China's market share fell {SHARE_ERODED:g}+ points",
}


SUMMARY_KEY = """\
(sd: standard deviation; p5, p25, p50 ...: 5%, 25%, half ... of the games ended
 at or below it; score_: final score; index_: an index at the end; output_:
 industrial output at the end, % of normal; max_tension: the highest tension in
 the game)"""
"""Under the summary table: its column and row names in words (80 columns wide at most)."""

SAME_SEED_KEY = """\
(same seed: the computer's game on the session's own seed, the same scripted events
 and, as far as the orders allow, the same chances: some seeds are kinder than others)"""

ROWS_KEY = """\
(score_: final score; index_: an index at the end; output_: industrial output at
 the end, % of normal; max_tension: the highest tension in the game)"""
"""Under a session's comparison with the games: its row names in words."""


def summary_text(
    summary: Mapping[str, Any],
    teams: Mapping[str, str] | None = None,
    scenario: Scenario | None = None,
) -> str:
    """The summary as a plain-text table for the terminal; ``teams`` (id -> name) names the
    teams in the outcomes, ``scenario`` its countries and indices (``outcome_words``)."""
    n = summary["games"]
    lines = [count(n, "game")]
    if not n:
        return lines[0]
    head = ["", "mean", "sd", *(f"p{q}" for q in PERCENTILES), "min", "max"]
    table = [head]
    for k, d in summary["distributions"].items():
        table.append(
            [
                k,
                *(
                    "–" if c == "sd" and n == 1 else f"{d[c]:.1f}"  # no spread in one game
                    for c in ("mean", "sd", *(f"p{q}" for q in PERCENTILES), "min", "max")
                ),
            ]
        )
    lines += _aligned(table)
    lines.append(SUMMARY_KEY)
    lines.append("")
    lines.append("outcomes:")
    for k, share in summary["outcomes"].items():
        lines.append(f"  {share:6.1%}  {k:20s} {outcome_words(k, teams, scenario)}")
    return "\n".join(lines)


def outcome_words(
    name: str, teams: Mapping[str, str] | None = None, scenario: Scenario | None = None
) -> str:
    """An outcome in words; ``teams`` (id -> name) names the team that scored highest, and
    ``scenario``, if given, the countries and indices as it calls them (its ``index_labels``;
    Tokyo's and Beijing's countries), else as the bundled scenarios do."""
    if name == "top:tie":
        return "Two or more teams shared the highest score"
    if name.startswith("top:"):
        team = name.split(":", 1)[1]
        return f"{(teams or {}).get(team, team)} scored highest"
    if scenario is None:
        return OUTCOME_TEXT[name]
    labels: Mapping[str, str] = scenario.index_labels  # type: ignore[assignment]  # Literal keys
    country = {t: actor_name(scenario, scenario.teams[t].actor) for t in scenario.teams}
    if name == "posture_broke" and labels.get("posture"):
        return f"{labels['posture']} ended below {POSTURE_BROKE:g}"
    if name == "alliance_strained" and labels.get("cohesion"):
        return f"{labels['cohesion']} ended below {COHESION_STRAINED:g}"
    if name == "escalation" and labels.get("tension"):
        return f"{labels['tension']} reached {TENSION_CRISIS:g}"
    if name == "china_share_eroded" and labels.get("market_share"):
        return f"{labels['market_share']} fell {SHARE_ERODED:g}+ points"
    if name == "japan_industry_hit" and "tokyo" in country:
        return f"{country['tokyo']}'s output ended below {OUTPUT_HIT:g}"
    if name == "china_share_eroded" and "beijing" in country:
        return f"{country['beijing']}'s market share fell {SHARE_ERODED:g}+ points"
    return OUTCOME_TEXT[name]


def row_outcomes(row: Row) -> list[str]:
    """The outcomes a game (a sweep row, or a session's ``session_row``) had, in summary order."""
    return [f"top:{row['top']}", *(name for name in OUTCOMES if row.get(name))]


def _aligned(table: Sequence[Sequence[str]]) -> list[str]:
    """The rows of ``table`` as lines: the first column to the left, the others to the right."""
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in table
    ]
