"""The game's chance: ``phase_draws`` is the generator ``phase_rng`` is, seeded in C.

Fog, the doctrines and the engine's draws use ``phase_draws`` (``_random.Random``, the C class
``random.Random`` extends) to skip the Python seed method; a game's draws, and so every log,
depend on it giving exactly the numbers ``phase_rng`` gives.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.chance import first_roll, phase_draws, phase_rng


@given(
    seed=st.integers(min_value=-(2**63), max_value=2**63),
    turn=st.integers(min_value=0, max_value=40),
    phase=st.text(max_size=30),
)
def test_phase_draws_are_phase_rngs_draws(seed: int, turn: int, phase: str) -> None:
    fast, slow = phase_draws(seed, turn, phase), phase_rng(seed, turn, phase)
    assert [fast.random() for _ in range(50)] == [slow.random() for _ in range(50)]
    assert first_roll(seed, turn, phase) == phase_rng(seed, turn, phase).random()


def test_phases_and_turns_draw_apart() -> None:
    rolls = {phase_rng(7, t, p).random() for t in range(3) for p in ("fog|tokyo", "diplomacy|x")}
    assert len(rolls) == 6
