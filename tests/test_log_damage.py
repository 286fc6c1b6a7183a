"""Damage an analyst's audit found answered with a traceback, a wrong message or a lost turn:
numbers JSON does not allow, nesting too deep to read, a blank line, a record that is valid JSON
but not a record, another log's header joined on, files that are not UTF-8 text, and headers
whose seed, players or settings are of the wrong kind. Each is reported with where and why, and
the turns before it still load."""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.log import Glance, glance, replay_log
from game.state import canonical_json, sha256_json
from tests.golden.regenerate import HERE

GOOD = HERE / "default-seed7.jsonl"
LINES = GOOD.read_text(encoding="utf-8").splitlines(keepends=True)


def damaged(tmp_path: Path, mutate: Callable[[list[str]], list[str]]) -> Path:
    out = tmp_path / "damaged.jsonl"
    out.write_text("".join(mutate(list(LINES))), encoding="utf-8")
    return out


def error_of(path: Path) -> tuple[str, int]:
    rep = replay_log(path)  # never raises
    assert rep.error is not None
    return str(rep.error).removeprefix(f"{path}: "), rep.good_turns


def at(n: int, new: str) -> Callable[[list[str]], list[str]]:
    def mutate(lines: list[str]) -> list[str]:
        lines[n] = new
        return lines

    return mutate


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{"kind":"turn","turn":3,"x":NaN}\n',
            "turn 3 (line 4) is not valid JSON (it holds NaN, which no log holds)",
        ),
        (
            '{"kind":"turn","turn":3,"x":-Infinity}\n',
            "turn 3 (line 4) is not valid JSON (it holds -Infinity, which no log holds)",
        ),
        (
            "[" * 100_000 + "]" * 100_000 + "\n",
            "turn 3 (line 4) is not valid JSON (it is nested too deeply)",
        ),
        ("\n", "turn 3 (line 4) is blank"),
        ("null\n", "turn 3 (line 4) is not a turn's record (it holds null)"),
        ("[1, 2]\n", "turn 3 (line 4) is not a turn's record (it holds a list)"),
        (
            LINES[0],
            "line 4 is the header of a log (two logs joined into one?), where the record "
            "of turn 3 should be",
        ),
    ],
)
def test_a_bad_turn_line_says_what_it_holds(tmp_path: Path, line: str, message: str) -> None:
    assert error_of(damaged(tmp_path, at(3, line))) == (message, 2)


def test_a_number_too_large_for_a_log_is_caught_before_hashing(tmp_path: Path) -> None:
    path = damaged(
        tmp_path, lambda ls: [*ls[:3], ls[3].replace('"scores":{', '"scores":{"x":1e999,'), *ls[4:]]
    )
    assert error_of(path) == ("turn 3 (line 4) holds a number too large for a log", 2)


def test_a_turns_record_in_the_headers_place_is_named(tmp_path: Path) -> None:
    path = damaged(tmp_path, lambda ls: [ls[1], ls[0], *ls[2:]])
    message, good = error_of(path)
    assert message.startswith("line 1 is a turn's record, not the log's header") and good == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("\ufeffhello".encode("utf-16"), "the file is UTF-16 text"),
        (GOOD.read_text(encoding="utf-8").encode("utf-16-le"), "the file is UTF-16 text"),
        # a program or a file of zeros was called UTF-16 text
        (Path(sys.executable).resolve().read_bytes()[:5000], "the file is not text"),
        (bytes(300), "the file is not text"),
        (gzip.compress(GOOD.read_bytes(), mtime=0), "the file is compressed (gzip)"),
        (b"42\n", "line 1 is not a Chokepoint log header (it holds a number)"),
    ],
    ids=["utf16-bom", "utf16-le", "program", "zeros", "gzip", "number"],
)
def test_a_file_that_is_not_a_log_says_what_it_is(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    assert error_of(path)[0].startswith(message)


def test_old_mac_line_ends_are_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "cr.jsonl"
    path.write_bytes(GOOD.read_bytes().replace(b"\n", b"\r"))
    rep = replay_log(path)
    assert rep.ok and rep.good_turns == 12


def rehashed_header(**changes: object) -> Callable[[list[str]], list[str]]:
    """The header with ``changes`` (None: the key removed) and its own hash made to match."""
    import json

    def mutate(lines: list[str]) -> list[str]:
        header = json.loads(lines[0])
        header.pop("hash")
        for key, value in changes.items():
            if value is None:
                header.pop(key)
            else:
                header[key] = value
        header["hash"] = sha256_json(header)
        lines[0] = canonical_json(header) + "\n"
        return lines

    return mutate


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # values as the file writes them (a log auditor's audit: 'not True', 'version None')
        ({"seed": "abc"}, 'the header\'s seed should be a whole number, not "abc"'),
        ({"seed": 1.5}, "the header's seed should be a whole number, not 1.5"),
        ({"seed": True}, "the header's seed should be a whole number, not true"),
        ({"seed": None}, "the header gives no seed"),  # None: the key removed
        ({"version": None}, "the header gives no log format version (this engine reads version 2)"),
        ({"version": "2"}, 'unknown log format version "2" (this engine reads version 2)'),
        ({"controllers": [1, 2]}, "the header's controllers should name who plays each team"),
        ({"controllers": None}, "the header gives no controllers (who plays each team)"),
        (
            {"controllers": {"beijing": "human", "tokyo": "human", "moscow": "human"}},
            "the header's controllers should name who plays each team (none for washington; "
            "one for moscow, no team of its scenario)",
        ),
        ({"settings": "x"}, "the header's settings should be a mapping of names to values"),
        ({"scenario": None}, "the header holds no scenario"),
    ],
)
def test_a_header_field_of_the_wrong_kind_is_named(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    assert error_of(damaged(tmp_path, rehashed_header(**changes))) == (message, 0)


def test_a_glance_counts_whole_lines_only(tmp_path: Path) -> None:
    """The saved-sessions list said 'finished' for a log whose last line was cut off."""
    cut = damaged(tmp_path, lambda ls: [*ls[:-1], ls[-1][:100]])
    assert glance(cut) == Glance(turns=11, total=12, branch_turn=None)
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert glance(deep) is None  # not a traceback that stops the app starting


@pytest.mark.parametrize("settings", [None, [], "x", 5])
def test_a_glance_at_an_edited_header_never_stops_the_app(tmp_path: Path, settings: object) -> None:
    """One log in sessions/ with '"settings":null' (or a number of turns of 1e999) in its header
    stopped the app from opening, with an AttributeError."""
    edited = damaged(tmp_path, rehashed_header(settings=settings))
    assert glance(edited) == Glance(turns=12, total=12, branch_turn=None)
    huge = tmp_path / "huge.jsonl"
    huge.write_text(LINES[0].replace('"turns":12', '"turns":1e999', 1), encoding="utf-8")
    assert glance(huge) is None


def test_an_inject_fired_by_hand_without_an_id_is_named(tmp_path: Path) -> None:
    """Every command that reads logs stopped with a KeyError traceback."""

    def change(records: list[dict[str, object]]) -> None:
        records[3]["injects"] = [{"manual": True}]

    rep = replay_log(_rehashed(tmp_path, change))
    assert not rep.ok and rep.good_turns == 2
    assert "turn 3 has an unreadable entry: an inject fired by hand has no 'id'" in str(rep.error)


def test_a_header_cut_off_is_damage_not_another_kind_of_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log cut inside its header read 'not a Chokepoint log header (not valid JSON)', exit 2,
    while run -o refused to write over it as 'a session log'."""
    from game.cli import main

    cut = tmp_path / "cut.jsonl"
    cut.write_text(LINES[0][:10_000], encoding="utf-8")
    message, turn = error_of(cut)
    assert message.startswith("line 1, the log's header, is cut off or damaged") and turn == 0
    assert main(["verify", str(cut)]) == 1
    assert "is cut off or damaged" in capsys.readouterr().err
    # whole, but holding NaN (a fuzzing audit: it was told 'cut off')
    nan = tmp_path / "nan.jsonl"
    nan.write_text(re.sub(r'"seed":-?\d+', '"seed":NaN', LINES[0], count=1), encoding="utf-8")
    message, turn = error_of(nan)
    assert message == (
        "line 1, the log's header, has been edited (it holds NaN, which no log holds): no turn "
        "can be replayed without it"
    )


def _rehashed(tmp_path: Path, change: Callable[[list[dict[str, object]]], None]) -> Path:
    """The golden log with ``change`` made to its records and every hash recomputed."""
    import json

    from game.state import canonical_json

    records = [json.loads(line) for line in LINES]
    change(records)
    prev = None
    for i, rec in enumerate(records):
        rec.pop("hash")
        if i:
            rec["prev"] = prev
        rec["hash"] = prev = sha256_json(rec)
    path = tmp_path / "forged.jsonl"
    path.write_text("".join(canonical_json(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_override_that_is_not_a_mapping_is_said_in_words(tmp_path: Path) -> None:
    """It read "Input should be a valid dictionary or instance of Override"."""

    def change(records: list[dict[str, object]]) -> None:
        records[2]["overrides"] = [None]

    message, good = error_of(_rehashed(tmp_path, change))
    assert good == 1 and message == (
        "turn 2 has an unreadable entry: an override should be a mapping of its fields (kind, "
        "subject, value, reason), not null"
    )


def test_a_header_scenario_without_teams_is_said_in_words(tmp_path: Path) -> None:
    """It read "teams: Field required", after the file's name a second time."""

    def change(records: list[dict[str, object]]) -> None:
        scenario = records[0]["scenario"]
        assert isinstance(scenario, dict)
        del scenario["teams"]

    message, _ = error_of(_rehashed(tmp_path, change))
    assert message == (
        "the header's scenario cannot be loaded: teams: missing required field 'teams'"
    )
