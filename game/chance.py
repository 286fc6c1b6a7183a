"""The game's only source of chance: a generator derived from (seed, turn, phase).

Each phase of each turn draws from its own ``random.Random``, seeded from a SHA-256 of the game
seed, the turn number and the phase name, so adding a draw in one phase never shifts the draws of
another. Every draw that decides something is recorded (``Draw``) and logged.
"""

from __future__ import annotations

import _random
import hashlib
import random
from dataclasses import dataclass


def phase_seed(seed: int, turn: int, phase: str) -> int:
    """The integer that seeds ``phase``'s generator in turn ``turn`` of game ``seed``."""
    digest = hashlib.sha256(f"chokepoint|{seed}|{turn}|{phase}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def phase_rng(seed: int, turn: int, phase: str) -> random.Random:
    return random.Random(phase_seed(seed, turn, phase))


def phase_draws(seed: int, turn: int, phase: str) -> _random.Random:
    """The same generator as ``phase_rng``, the same draws, for a phase that needs only
    ``random()``: the C generator that ``random.Random`` extends, seeded in C, where
    ``random.Random`` first passes the seed through its Python ``seed`` method (a seventh of
    the cost of a generator, and the game makes nearly 200 of them)."""
    return _random.Random(phase_seed(seed, turn, phase))


_FIRST: dict[tuple[int, int, str], float] = {}


def first_roll(seed: int, turn: int, phase: str) -> float:
    """The first ``random()`` of ``phase_rng(seed, turn, phase)``, remembered: a search bot
    resolves the same turn with the same seed many times, and seeding a generator is slow."""
    key = (seed, turn, phase)
    roll = _FIRST.get(key)
    if roll is None:
        if len(_FIRST) > 4096:
            _FIRST.clear()
        roll = _FIRST[key] = phase_draws(seed, turn, phase).random()
    return roll


@dataclass(frozen=True, slots=True)
class Draw:
    """One recorded chance event: ``roll`` < ``chance`` means the event happened.

    ``override`` is the facilitator's reason when the outcome was set by hand instead.
    """

    phase: str
    subject: str
    chance: float
    roll: float
    happened: bool
    override: str | None = None

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "phase": self.phase,
            "subject": self.subject,
            "chance": round(self.chance, 6),
            "roll": round(self.roll, 6),
            "happened": self.happened,
        }
        if self.override is not None:
            data["override"] = self.override
        return data
