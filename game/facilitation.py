"""What a facilitator adds to a turn besides the teams' orders: injects, overrides and notes.

These are inputs of a turn like orders: they are logged, and replay applies them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.scenario import INDEX_NAMES, Inject, Scenario, inject_problems
from game.schema_words import plain

LIBRARY_FILE = Path(__file__).resolve().parent / "data" / "injects.yaml"


class Override(BaseModel):
    """Set a drawn outcome or an index by hand, with the reason the facilitator gave.

    ``kind="draw"``: the draw whose subject is ``subject`` (e.g. ``tokyo:tk_g7``, or an
    investment id for slippage) comes out as ``value`` (1 = happened, 0 = did not).
    ``kind="index"``: index ``subject`` (tension, cohesion, posture, deterrence) is set to
    ``value`` at the end of the turn, before scoring.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["draw", "index"]
    subject: Annotated[str, Field(min_length=1, max_length=80)]
    value: Annotated[float, Field(allow_inf_nan=False)]
    reason: Annotated[str, Field(min_length=1, max_length=500)]


def parse_override(data: Any) -> Override:
    if not isinstance(data, dict):  # pydantic's 'valid dictionary or instance of Override'
        raise ValueError(
            "an override should be a mapping of its fields (kind, subject, value, reason), "
            f"not {type(data).__name__ if data is not None else 'null'}"
        )
    try:
        ov = Override.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        if err["type"] == "missing":
            raise ValueError(f"'{where}' is missing") from None
        if err["type"] == "string_too_short":
            raise ValueError(f"'{where}' is empty") from None
        raise ValueError(
            f"{where}: {plain(err, tuple(err['loc']), Override)}" if where else err["msg"]
        ) from None
    if ov.kind == "draw" and ov.value not in (0.0, 1.0):
        raise ValueError("a draw override's value is 1 (it happens) or 0 (it does not)")
    if ov.kind == "index" and isinstance(data.get("value"), bool):  # YAML's true is also 1
        raise ValueError("an index override's value is a number 0-100, not true or false")
    if ov.kind == "index" and (ov.subject not in INDEX_NAMES or not 0 <= ov.value <= 100):
        raise ValueError(f"an index override sets one of {', '.join(INDEX_NAMES)} to 0-100")
    return ov


TIMEOUT_MARK = "⏱ "
"""What starts the app's time-out notes, and no note a facilitator types (the note dialog and
plans refuse it): a note written 'Time ran out for Tokyo: ...' by hand is only a note."""


def note_problem(text: str) -> str | None:
    """Why a facilitator's note (typed in the app or written in a plan) is refused, or None:
    one starting with ``TIMEOUT_MARK`` would be read as the timer's."""
    if text.strip().startswith(TIMEOUT_MARK.strip()):
        return "a note cannot start with ⏱: the app marks its own time-out notes so"
    return None


def timeout_note(team_name: str, what: str) -> str:
    """The note the app adds to a turn in which the timer sealed ``team_name``'s orders:
    ``what`` says how ('the computer (doctrine) chose its orders')."""
    return f"{TIMEOUT_MARK}Time ran out for {team_name}: {what}."


def timed_out_teams(notes: list[str], names: dict[str, str]) -> dict[str, str]:
    """Which teams (id -> how) a turn's ``notes`` say the timer sealed (``timeout_note``);
    ``names`` is team id -> name."""
    out: dict[str, str] = {}
    for note in notes:
        for team, name in names.items():
            head = f"{TIMEOUT_MARK}Time ran out for {name}: "
            if note.startswith(head) and note.endswith("."):
                out[team] = note[len(head) : -1]
    return out


@dataclass(frozen=True, slots=True)
class FiredInject:
    id: str
    headline: str
    manual: bool

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "headline": self.headline, "manual": self.manual}


@cache
def inject_library() -> tuple[Inject, ...]:
    """The built-in injects (game/data/injects.yaml)."""
    data = yaml.safe_load(LIBRARY_FILE.read_text(encoding="utf-8"))
    return tuple(Inject.model_validate(d) for d in data["injects"])


def manual_injects(scenario: Scenario) -> list[Inject]:
    """Injects a facilitator may fire by hand: the scenario's own, then the library's that fit."""
    own = [i for i in scenario.injects]
    if not scenario.use_inject_library:
        return own
    taken = {i.id for i in own}
    fits = [
        inj
        for inj in inject_library()
        if inj.id not in taken and not inject_problems(scenario, [inj], ("library",))
    ]
    return own + fits


def find_inject(scenario: Scenario, inject_id: str) -> Inject:
    for inj in manual_injects(scenario):
        if inj.id == inject_id:
            return inj
    known = ", ".join(i.id for i in manual_injects(scenario))
    lib = next((i for i in inject_library() if i.id == inject_id), None)
    if lib is not None:  # the library's, but it does not fit this scenario (or is switched off)
        if not scenario.use_inject_library:
            why = "the scenario sets use_inject_library: false"
        else:
            problems = inject_problems(scenario, [lib], ("library",))
            why = "it needs what this scenario lacks: " + "; ".join(msg for _, msg in problems)
        raise ValueError(
            f"inject '{inject_id}' is in the built-in library but not offered in this scenario "
            f"({why}) (available: {known})"
        )
    raise ValueError(f"unknown inject '{inject_id}' (available: {known})")
