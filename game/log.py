"""The session log: JSON Lines, one header then one record per turn, each chained by hash.

A log replays from the root, like a chess game record: the header holds the whole scenario, the
seed and who controlled each team; each turn record holds the orders, the draws, the ledger and
the hash of the resulting state, plus the hash of the record before it. Replaying recomputes every
turn and checks every hash, so a truncated, edited or reordered log is detected at the first bad
turn, and the turns before it still load. See docs/log-format.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import __version__
from game.atomic import write_text_atomic
from game.engine import HUMAN, Session, TurnRecord
from game.errors import ChokepointError, LogError, OrderRefused, ScenarioError
from game.facilitation import parse_override
from game.files import LOG_LIMIT, read_bytes
from game.orders import Order, order_dict, parse_order
from game.scenario_loader import scenario_data, scenario_from_data
from game.state import canonical_json, sha256_json

LOG_FORMAT = "chokepoint-log"
LOG_VERSION = 2
NOT_AS_WRITTEN = "its line is not as the engine writes it: a key repeated or moved, or spaces added"


def header_data(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "header",
        "format": LOG_FORMAT,
        "version": LOG_VERSION,
        "engine": __version__,
        "scenario": scenario_data(session.scenario),
        "seed": session.seed,
        "controllers": dict(sorted(session.controllers.items())),
        "settings": session.settings,
        "initial_hash": session.states[0].digest(),
    }
    data["hash"] = sha256_json(data)
    return data


def turn_data(session: Session, record: TurnRecord, prev: str) -> dict[str, Any]:
    state = session.states[record.turn]
    data: dict[str, Any] = {
        "kind": "turn",
        "turn": record.turn,
        "month": session.scenario.month_label(record.turn),
        "orders": record.orders_data(),
        "injects": [i.as_dict() for i in record.injects],
        "overrides": [o.model_dump(mode="json") for o in record.overrides],
        "notes": list(session.notes.get(record.turn, [])),
        "refused": {
            t: [{"order": order_dict(o), "reason": why} for o, why in rs]
            for t, rs in sorted(record.refused.items())
        },
        "draws": [d.as_dict() for d in record.draws],
        "ledger": [e.as_dict() for e in record.ledger],
        "scores": {k: round(v, 6) for k, v in sorted(state.scores.items())},
        "indices": {k: round(v, 6) for k, v in sorted(state.indices.items())},
        "state_hash": record.state_hash,
        "prev": prev,
    }
    data["hash"] = sha256_json(data)
    return data


def session_lines(session: Session) -> list[str]:
    """Every line of ``session``'s log, header first, each ending in a newline."""
    header = header_data(session)
    lines = [canonical_json(header) + "\n"]
    prev = header["hash"]
    for record in session.records:
        data = turn_data(session, record, prev)
        lines.append(canonical_json(data) + "\n")
        prev = data["hash"]
    return lines


def write_log(session: Session, path: str | Path) -> None:
    """Write the whole log atomically: a crash leaves the old file or the new, never half."""
    write_text_atomic(path, "".join(session_lines(session)))


@dataclass
class Replay:
    """A log replayed as far as it is sound: ``session`` holds every good turn."""

    path: str
    session: Session | None
    header: dict[str, Any] = field(default_factory=dict)
    turn_data: list[dict[str, Any]] = field(default_factory=list)
    error: LogError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def good_turns(self) -> int:
        return len(self.turn_data)


def _parse_orders(raw: Any) -> dict[str, list[Order]]:
    if not isinstance(raw, dict):
        raise ValueError("orders must be a mapping of team to order list")
    out: dict[str, list[Order]] = {}
    for team, items in raw.items():
        if not isinstance(items, list):
            raise ValueError(f"orders of {team} must be a list")
        out[team] = [parse_order(o) for o in items]
    return out


def _manual_injects(raw: Any) -> list[str]:
    if not isinstance(raw, list):
        raise ValueError("injects must be a list")
    manual = [i for i in raw if isinstance(i, dict) and i.get("manual")]
    if any(not isinstance(i.get("id"), str) for i in manual):
        raise ValueError("an inject fired by hand has no 'id'")
    return [i["id"] for i in manual]


def _notes(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ValueError("notes must be a list of text")
    return list(raw)


class _NotALine(ValueError):
    """A log line that JSON cannot read, or reads as something a log never holds."""


def _refuse_constant(name: str) -> float:
    raise _NotALine(f"it holds {name}, which no log holds")


def _read_line(line: str) -> Any:
    """One line of a log as JSON, read as strictly as the engine writes it: NaN and Infinity
    are refused (the engine's JSON never holds them, and they cannot be hashed; a number beyond
    a float's range, read as infinite, is caught by :func:`_hash_of`), as is nesting too deep
    for the reader. Raises ``_NotALine`` saying why (empty when the line is simply not JSON)."""
    import json

    try:
        return json.loads(line, parse_constant=_refuse_constant)
    except _NotALine:
        raise
    except RecursionError:
        raise _NotALine("it is nested too deeply") from None
    except ValueError:
        raise _NotALine("") from None


def _hash_of(data: dict[str, Any]) -> str | None:
    """``data``'s hash without its own 'hash' key; None when it holds a number too large for
    JSON (``1e999``, read as infinite), which the engine never writes."""
    try:
        return sha256_json({k: v for k, v in data.items() if k != "hash"})
    except ValueError:
        return None


def _json_kind(value: Any) -> str:
    """'a list', 'a number'...: what a line held instead of a record."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return "a number"


def _not_text(raw: bytes) -> str:
    """Why a file's bytes cannot be a log at all, or '' when they may be: UTF-16 text (what
    Windows PowerShell 5's ``>`` writes) or a compressed file."""
    head = raw[:200]
    # UTF-16 text: a byte-order mark, or ASCII with a zero byte beside every character (a
    # program or a file of zeros has zeros too, but not every other byte)
    odd, even = head[1::2], head[0::2]
    utf16 = len(head) >= 4 and (odd.count(0) == len(odd) or even.count(0) == len(even))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (utf16 and head.strip(b"\x00")):
        return (
            "the file is UTF-16 text (as Windows PowerShell's '>' writes it), and a log is "
            "UTF-8: copy the log itself rather than redirecting it"
        )
    if head.count(0) > 20:
        return "the file is not text (a program, an image or other binary data): not a log"
    if raw.startswith(b"\x1f\x8b"):
        return "the file is compressed (gzip): unpack it first (gunzip)"
    if raw.startswith(b"PK\x03\x04"):
        return "the file is a zip archive: unpack the log from it first"
    return ""


def replay_log(path: str | Path) -> Replay:
    """Replay a log, stopping at the first bad turn (``Replay.error`` says which and why)."""

    path = Path(path)
    name = str(path)
    try:
        raw = read_bytes(path, LOG_LIMIT)
    except OSError as exc:
        return Replay(name, None, error=LogError(f"{name}: cannot read the log: {exc.strerror}"))
    wrong = _not_text(raw)
    if wrong:
        return Replay(name, None, error=LogError(f"{name}: {wrong}"))
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")  # a BOM some editors add
    if "\n" not in text:  # old Mac line ends (CR alone): line ends, not content
        text = text.replace("\r", "\n")
    ends_clean = text.rstrip(" \t").endswith(("\n", "\r"))  # the last line was written whole
    # what copying may change is not an edit: Windows line ends, blank lines at the end
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or not lines[0].strip():
        return Replay(name, None, error=LogError(f"{name}: the log is empty"))

    def bad(msg: str, turn: int, rep: Replay) -> Replay:
        rep.error = LogError(f"{name}: {msg}", turn=turn, good_turns=rep.good_turns)
        return rep

    try:
        header = _read_line(lines[0])
    except _NotALine as exc:
        if f'"format":"{LOG_FORMAT}"' in lines[0]:  # a log's header, cut off or garbled
            # whole JSON holding NaN was told 'cut off' (a fuzzing audit): say what it holds
            damage = (
                f"has been edited ({exc})"
                if str(exc)
                else "is cut off or damaged (it is not whole JSON)"
            )
            return bad(
                f"line 1, the log's header, {damage}: no turn can be replayed without it",
                0,
                Replay(name, None),
            )
        why = str(exc) or "not valid JSON"
        return bad(f"line 1 is not a Chokepoint log header ({why})", 0, Replay(name, None))
    if not isinstance(header, dict):
        return bad(
            f"line 1 is not a Chokepoint log header (it holds {_json_kind(header)})",
            0,
            Replay(name, None),
        )
    rep = Replay(name, None, header=header)
    if header.get("kind") == "turn" and "prev" in header:
        return bad(
            "line 1 is a turn's record, not the log's header: the header line is missing or "
            "the lines were reordered",
            0,
            rep,
        )
    if header.get("format") != LOG_FORMAT or header.get("kind") != "header":
        return bad("line 1 is not a Chokepoint log header", 0, rep)
    if header.get("version") != LOG_VERSION:
        given = header.get("version")
        what = (
            "the header gives no log format version"
            if "version" not in header
            else f"unknown log format version {json.dumps(given)}"
        )  # as the file writes it (null, "2"), not as Python would
        return bad(f"{what} (this engine reads version {LOG_VERSION})", 0, rep)
    digest = _hash_of(header)
    if digest is None:
        return bad("the header holds a number too large for a log", 0, rep)
    if digest != header.get("hash"):
        return bad("the header has been edited (its hash does not match)", 0, rep)
    if canonical_json(header) != lines[0]:
        return bad(f"the header has been edited ({NOT_AS_WRITTEN})", 0, rep)
    seed = header.get("seed")
    controllers = header.get("controllers", {})
    settings = header.get("settings", {})
    if "scenario" not in header:
        return bad("the header holds no scenario", 0, rep)
    if type(seed) is not int:
        if "seed" not in header:
            return bad("the header gives no seed", 0, rep)
        return bad(f"the header's seed should be a whole number, not {json.dumps(seed)}", 0, rep)
    if not isinstance(controllers, dict) or not all(
        isinstance(v, str) for v in controllers.values()
    ):
        return bad("the header's controllers should name who plays each team", 0, rep)
    if not isinstance(settings, dict):
        return bad("the header's settings should be a mapping of names to values", 0, rep)
    try:
        scenario = scenario_from_data(header["scenario"], "the header's scenario")
    except ScenarioError as exc:
        said = "; ".join(exc.problems)
        return bad(f"the header's scenario cannot be loaded: {said}", 0, rep)
    if "controllers" not in header:
        return bad("the header gives no controllers (who plays each team)", 0, rep)
    missing = sorted(set(scenario.teams) - set(controllers))
    unknown = sorted(set(controllers) - set(scenario.teams))
    if missing or unknown:  # the engine writes every team's player: the header was edited
        parts = [f"none for {', '.join(missing)}"] if missing else []
        parts += [f"one for {', '.join(unknown)}, no team of its scenario"] if unknown else []
        return bad(
            f"the header's controllers should name who plays each team ({'; '.join(parts)})",
            0,
            rep,
        )
    try:
        session = Session(scenario, seed, dict(controllers), dict(settings))
    except (ChokepointError, KeyError, TypeError, ValueError) as exc:
        return bad(f"the header cannot start a session: {exc}", 0, rep)
    rep.session = session
    if session.states[0].digest() != header.get("initial_hash"):
        return bad(
            f"the initial state does not match the header: {_why_different(header.get('engine'))}",
            0,
            rep,
        )

    prev = header["hash"]
    for n, line in enumerate(lines[1:], start=1):
        if session.is_over:  # whatever this line holds, a finished game has no turn for it
            return bad(
                f"line {n + 1} comes after the scenario's last turn ({scenario.turns}): "
                "lines were added to a finished game",
                n,
                rep,
            )
        last = n == len(lines) - 1
        if not line.strip():
            return bad(f"turn {n} (line {n + 1}) is blank", n, rep)
        try:
            data = _read_line(line)
        except _NotALine as exc:
            if last and not ends_clean:
                return bad(f"turn {n} (line {n + 1}) is truncated", n, rep)
            why = f" ({exc})" if str(exc) else ""
            return bad(f"turn {n} (line {n + 1}) is not valid JSON{why}", n, rep)
        if not isinstance(data, dict):
            return bad(
                f"turn {n} (line {n + 1}) is not a turn's record (it holds {_json_kind(data)})",
                n,
                rep,
            )
        if data.get("kind") == "header":
            return bad(
                f"line {n + 1} is the header of a log (two logs joined into one?), where the "
                f"record of turn {n} should be",
                n,
                rep,
            )
        if data.get("kind") != "turn" or data.get("turn") != n:
            return bad(f"line {n + 1} should be the record of turn {n}", n, rep)
        if data.get("prev") != prev:
            before = "the header" if n == 1 else f"turn {n - 1}"
            return bad(
                f"turn {n} does not follow {before} (a line was changed, removed or reordered)",
                n,
                rep,
            )
        stored_hash = data.get("hash")
        digest = _hash_of(data)
        if digest is None:
            return bad(f"turn {n} (line {n + 1}) holds a number too large for a log", n, rep)
        if digest != stored_hash:
            return bad(f"turn {n} has been edited (its hash does not match its content)", n, rep)
        if canonical_json(data) != line:
            return bad(f"turn {n} has been edited ({NOT_AS_WRITTEN})", n, rep)
        try:
            orders = _parse_orders(data.get("orders"))
            manual = _manual_injects(data.get("injects"))
            raw_overrides = data.get("overrides", [])
            if not isinstance(raw_overrides, list):
                raise ValueError("overrides must be a list")
            overrides = [parse_override(o) for o in raw_overrides]
            notes = _notes(data.get("notes"))
        except (ValueError, TypeError) as exc:
            return bad(f"turn {n} has an unreadable entry: {exc}", n, rep)
        try:
            record = session.play(orders, manual, overrides)
        except (ChokepointError, ValueError) as exc:
            if session.turn == n:
                session.undo()
            if isinstance(exc, OrderRefused) and exc.team == "facilitator":
                return bad(
                    f"turn {n} cannot be replayed: a facilitator's action: {exc.reason}", n, rep
                )
            return bad(f"turn {n} cannot be replayed: {exc}", n, rep)
        if notes:
            session.notes[n] = notes
        again = turn_data(session, record, prev)
        if again != data:
            session.undo()
            diff = sorted(k for k in {*data, *again} if again.get(k) != data.get(k))
            differ = "differs" if len(diff) == 1 else "differ"
            return bad(
                f"turn {n} replays differently ({', '.join(diff)} {differ}): "
                f"{_why_different(header.get('engine'))}",
                n,
                rep,
            )
        rep.turn_data.append(data)
        prev = stored_hash
    return rep


def _why_different(engine: object) -> str:
    """Why a log whose hashes hold together replays differently, as far as its header tells:
    written by another version of the rules (see docs/rules.md, "Changes between versions"), or
    altered by someone who recomputed the hashes."""
    if isinstance(engine, str) and engine != __version__:
        return (
            f"the log was written by engine version {engine} and this is {__version__}; the "
            "rules changed between them (docs/rules.md, 'Changes between versions'): replay "
            f"it with Chokepoint {engine}"
        )
    return (
        f"the log says it was written by this engine version ({__version__}), so it was "
        "altered (its hashes recomputed) or written by a development copy of the engine"
    )


@dataclass(frozen=True)
class Glance:
    """What a log's lines say about it at a glance, without replaying it (a list of saved
    sessions): turns recorded, of how many; a branch's turn. Not verified: replay does that."""

    turns: int
    total: int
    branch_turn: int | None
    people: tuple[str, ...] = ()
    """The names of the teams people played (the others: the computer or a plan)."""


def glance(path: str | Path) -> Glance | None:
    """A quick look at a log's header and line count; None when it is not a Chokepoint log."""

    try:
        raw = read_bytes(Path(path), LOG_LIMIT)
        lines = raw.decode("utf-8", errors="replace").split("\n")
        header = _read_line(lines[0].removeprefix("\ufeff"))
        total = int(header["scenario"]["turns"])
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return None
    if not isinstance(header, dict) or header.get("format") != LOG_FORMAT:
        return None
    settings = header.get("settings")  # an edited header may hold anything here
    cut = settings.get("branch_turn") if isinstance(settings, dict) else None
    # whole lines only: a last line without its line end was cut off while being written
    turns = sum(1 for line in lines[1:-1] if line.strip())
    return Glance(turns, total, cut if isinstance(cut, int) else None, _people(header))


def _people(header: dict[str, Any]) -> tuple[str, ...]:
    """The names of the teams a header's controllers give to people, in id order."""
    controllers, teams = header.get("controllers"), header["scenario"].get("teams")
    if not isinstance(controllers, dict) or not isinstance(teams, dict):
        return ()
    named = [
        str(teams[t].get("name", t)) if isinstance(teams.get(t), dict) else str(t)
        for t, who in sorted(controllers.items())
        if who == HUMAN
    ]
    return tuple(named)


def is_log_header(header: Any) -> bool:
    """Whether a log's first line, as read (``Replay.header``), is a Chokepoint log header,
    sound or not: what tells a damaged log from a file that is no log at all."""
    return isinstance(header, dict) and header.get("format") == LOG_FORMAT


def is_session_log(path: str | Path) -> bool:
    """Whether ``path`` is a Chokepoint session log, sound or damaged: a regular file whose first
    line is a log header (or, cut or edited, still carries the log's format mark). Reads the first
    line only, and changes nothing: for a command about to write a file, not to trust a log."""

    path = Path(path)
    try:
        if not path.is_file():  # a folder, a pipe, /dev/null: never a log (and not to be read)
            return False
        with path.open("rb") as fh:
            first = fh.readline(1 << 24)
    except OSError:
        return False
    text = first.decode("utf-8", errors="replace").removeprefix("\ufeff").strip()
    try:
        header = _read_line(text)
    except ValueError:
        return f'"format":"{LOG_FORMAT}"' in text
    return isinstance(header, dict) and header.get("format") == LOG_FORMAT


def verify_log(path: str | Path) -> Replay:
    """Alias of :func:`replay_log` for the ``verify`` command."""
    return replay_log(path)
