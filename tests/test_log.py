"""The session log: byte-identical output, replay of golden logs, and detection of damage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import Session
from game.log import LOG_VERSION, replay_log, session_lines, write_log
from game.orders import Diplomacy, ExportControl
from tests.golden.regenerate import GOLDEN, HERE, build

GOOD = HERE / "default-seed7.jsonl"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_log_replays_soundly(name: str) -> None:
    rep = replay_log(HERE / name)
    assert rep.ok, rep.error
    assert rep.session is not None and rep.session.is_over
    assert rep.good_turns == rep.session.scenario.turns


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_log_is_reproduced_byte_for_byte(name: str) -> None:
    assert build(name) == (HERE / name).read_text(encoding="utf-8"), (
        "the engine no longer reproduces this golden log; if the rules changed on purpose, "
        "run `python -m tests.golden.regenerate` and review the diff"
    )


def test_log_records_orders_draws_ledger_and_hash_chain() -> None:
    lines = GOOD.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "chokepoint-log" and header["version"] == LOG_VERSION
    assert header["seed"] == 7 and header["scenario"]["id"] == "dual-use-ban-2026"
    assert set(header["controllers"]) == {"beijing", "tokyo", "washington"}
    prev = header["hash"]
    for n, line in enumerate(lines[1:], start=1):
        rec = json.loads(line)
        assert rec["turn"] == n and rec["prev"] == prev
        assert {"orders", "draws", "ledger", "state_hash", "scores"} <= set(rec)
        prev = rec["hash"]
    first = json.loads(lines[1])
    assert first["orders"]["tokyo"][0]["type"] == "stockpile_release"
    assert any(d["subject"] == "tokyo:tk_g7" for d in first["draws"])
    assert any(e["rule"] == "scoring" for e in first["ledger"])


def _damaged(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    lines = GOOD.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "damaged.jsonl"
    out.write_text("".join(mutate(lines)), encoding="utf-8")
    return out


def test_truncated_log_keeps_its_good_turns(tmp_path: Path) -> None:
    path = _damaged(tmp_path, lambda ls: [*ls[:-1], ls[-1][: len(ls[-1]) // 2]])
    rep = replay_log(path)
    assert rep.error is not None and rep.error.turn == 12
    assert "turn 12" in str(rep.error) and "truncated" in str(rep.error)
    assert rep.good_turns == 11 and rep.session is not None and rep.session.turn == 11


def test_edited_turn_is_detected(tmp_path: Path) -> None:
    def edit(ls: list[str]) -> list[str]:
        rec = json.loads(ls[3])
        assert rec["orders"]["tokyo"]
        rec["orders"]["tokyo"] = []  # someone rewrites history
        ls[3] = json.dumps(rec) + "\n"
        return ls

    rep = replay_log(_damaged(tmp_path, edit))
    assert rep.error is not None and rep.error.turn == 3 and "edited" in str(rep.error)
    assert rep.good_turns == 2


def test_edit_with_recomputed_hash_still_fails_replay(tmp_path: Path) -> None:
    from game.state import canonical_json, sha256_json

    def forge(ls: list[str]) -> list[str]:
        rec = json.loads(ls[2])
        rec["scores"]["tokyo"] = 99.0
        del rec["hash"]
        rec["hash"] = sha256_json(rec)
        ls[2] = canonical_json(rec) + "\n"
        return ls

    rep = replay_log(_damaged(tmp_path, forge))
    assert rep.error is not None and rep.error.turn == 2
    assert "replays differently" in str(rep.error) and "scores" in str(rep.error)


def test_a_log_that_replays_differently_says_which_engine_wrote_it(tmp_path: Path) -> None:
    """A turn that comes out otherwise than logged, its hashes intact, is either a log of an
    older version of the rules or a forgery: the message tells which the header claims."""
    from game import __version__

    def older(recs: list[dict[str, Any]]) -> None:
        recs[0]["engine"] = "0.1.0"
        recs[4]["scores"]["tokyo"] += 1.0

    rep = replay_log(_forged(tmp_path, older))
    assert rep.error is not None and rep.error.turn == 4 and rep.good_turns == 3
    assert f"written by engine version 0.1.0 and this is {__version__}; the rules changed" in str(
        rep.error
    )
    assert __version__ != "0.1.0"  # the rules changed in 0.2.0 (docs/rules.md)

    def forged(recs: list[dict[str, Any]]) -> None:
        older(recs)
        recs[0]["engine"] = __version__

    rep = replay_log(_forged(tmp_path, forged))
    assert rep.error is not None and rep.error.turn == 4
    assert "so it was altered (its hashes recomputed)" in str(rep.error)


def test_a_key_written_twice_is_an_edit_even_when_json_keeps_the_right_value(
    tmp_path: Path,
) -> None:
    """JSON readers keep the last of two equal keys, so '"seed":99,' put before the real seed
    leaves the parsed header, and its hash, as they were: the line itself gives it away."""

    def forge(ls: list[str]) -> list[str]:
        ls[0] = ls[0].replace('"seed":7', '"seed":99,"seed":7')
        ls[5] = ls[5].replace('"kind":"turn"', '"kind":"header","kind":"turn"')
        return ls

    rep = replay_log(_damaged(tmp_path, forge))
    assert rep.error is not None and rep.error.turn == 0 and rep.good_turns == 0
    assert "the header has been edited (its line is not as the engine writes it" in str(rep.error)
    rep = replay_log(_damaged(tmp_path, lambda ls: [ls[0], *forge(ls)[1:]]))
    assert rep.error is not None and rep.error.turn == 5 and rep.good_turns == 4


def test_a_copy_with_windows_line_ends_or_blank_lines_at_the_end_still_verifies(
    tmp_path: Path,
) -> None:
    crlf = _damaged(tmp_path, lambda ls: [line.replace("\n", "\r\n") for line in ls])
    assert replay_log(crlf).ok
    trailing = _damaged(tmp_path, lambda ls: [*ls, "\n", "  \n"])
    assert replay_log(trailing).ok and replay_log(trailing).good_turns == 12
    no_final_newline = _damaged(tmp_path, lambda ls: [*ls[:-1], ls[-1].rstrip("\n")])
    assert replay_log(no_final_newline).ok
    bom = _damaged(tmp_path, lambda ls: ["\ufeff" + ls[0], *ls[1:]])  # saved by a Windows tool
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert replay_log(bom).ok and replay_log(bom).good_turns == 12


@pytest.mark.parametrize(
    "extra", ["garbage\n", "", '{"kind": "turn"}\n'], ids=["garbage", "repeat", "json"]
)
def test_lines_after_the_last_turn_are_named_as_such(tmp_path: Path, extra: str) -> None:
    log = _damaged(tmp_path, lambda ls: [*ls, extra or ls[-1]])
    rep = replay_log(log)
    assert rep.error is not None and rep.good_turns == 12
    assert str(rep.error).endswith(
        "line 14 comes after the scenario's last turn (12): lines were added to a finished game"
    )
    assert "turn 13" not in str(rep.error)


def test_removed_turn_is_detected(tmp_path: Path) -> None:
    rep = replay_log(_damaged(tmp_path, lambda ls: ls[:3] + ls[4:]))
    assert rep.error is not None and rep.error.turn == 3 and rep.good_turns == 2


def test_unknown_version_is_refused(tmp_path: Path) -> None:
    def bump(ls: list[str]) -> list[str]:
        head = json.loads(ls[0])
        head["version"] = 99
        ls[0] = json.dumps(head) + "\n"
        return ls

    rep = replay_log(_damaged(tmp_path, bump))
    assert rep.error is not None and "unknown log format version 99" in str(rep.error)


def test_not_a_log(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n", encoding="utf-8")
    assert "not a Chokepoint log" in str(replay_log(path).error)
    assert "cannot read" in str(replay_log(tmp_path / "missing.jsonl").error)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert "empty" in str(replay_log(empty).error)


def test_write_log_is_atomic_and_complete(tmp_path: Path, scenario) -> None:  # type: ignore[no-untyped-def]
    s = Session(scenario, seed=5, controllers={"tokyo": "computer"})
    s.submit(
        "beijing",
        [
            ExportControl(material="gallium", target="JPN", level="full_ban"),
            Diplomacy(move="bj_wedge"),
        ],
    )
    s.resolve()
    s.resolve()
    path = tmp_path / "sub" / "session.jsonl"
    write_log(s, path)
    assert path.read_text(encoding="utf-8") == "".join(session_lines(s))
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    rep = replay_log(path)
    assert rep.ok and rep.session is not None
    assert rep.session.controllers["tokyo"] == "computer"
    assert rep.session.state.digest() == s.state.digest()


def test_logs_with_refused_orders_replay(scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.orders import Hold, StockpileRelease

    s = Session(scenario, seed=8)
    record = s.play({"tokyo": [StockpileRelease(material="dytb", amount=1e6), Hold()]})
    assert record.refused["tokyo"][0][1].startswith("the stockpile holds only")
    path = tmp_path / "refused.jsonl"
    write_log(s, path)
    rep = replay_log(path)
    assert rep.ok, rep.error
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[1])
    assert len(first["orders"]["tokyo"]) == 2 and len(first["refused"]["tokyo"]) == 1


def _forged(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """The facilitated golden log with ``change(records)`` applied and every hash recomputed,
    as a forger would."""
    from game.state import canonical_json, sha256_json

    recs = [json.loads(line) for line in (HERE / "facilitated-seed11.jsonl").open()]
    change(recs)
    prev = None
    for i, rec in enumerate(recs):
        if i:
            rec["prev"] = prev
        rec.pop("hash")
        rec["hash"] = prev = sha256_json(rec)
    out = tmp_path / "forged.jsonl"
    out.write_text("".join(canonical_json(r) + "\n" for r in recs), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # the header's seed changed and only its own hash recomputed
        (None, "turn 1 does not follow the header (a line was changed, removed or reordered)"),
        (
            lambda rs: rs[3]["injects"].insert(0, {"id": "nope", "headline": "x", "manual": True}),
            "turn 3 cannot be replayed: a facilitator's action: unknown inject 'nope' (available: ",
        ),
        (
            lambda rs: rs[1]["overrides"][0].update(reason=""),
            "turn 1 has an unreadable entry: 'reason' is empty",
        ),
    ],
)
def test_a_forged_log_is_refused_in_plain_words(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    from game.state import canonical_json, sha256_json

    if change is None:
        lines = (HERE / "facilitated-seed11.jsonl").read_text(encoding="utf-8").splitlines()
        head = json.loads(lines[0])
        head["seed"] = 12
        head.pop("hash")
        head["hash"] = sha256_json(head)
        path = tmp_path / "seed.jsonl"
        path.write_text("\n".join([canonical_json(head), *lines[1:]]) + "\n", encoding="utf-8")
    else:
        path = _forged(tmp_path, change)
    rep = replay_log(path)
    assert rep.error is not None and str(rep.error).startswith(f"{path}: {message}")


def test_the_log_format_guide_quotes_hashes_of_the_golden_log() -> None:
    """docs/log-format.md shows a real header and turn record; when the engine's numbers change
    (and the golden logs are regenerated), its hashes must be taken again from the new log."""
    import re

    doc = (HERE.parent.parent / "docs" / "log-format.md").read_text(encoding="utf-8")
    quoted = set(re.findall(r"\b[0-9a-f]{64}\b", doc))
    golden = (HERE / "facilitated-seed11.jsonl").read_text(encoding="utf-8")
    assert len(quoted) >= 4 and all(h in golden for h in quoted)


def test_a_glance_at_a_log_reads_its_lines_without_replaying(tmp_path: Path) -> None:
    from game.log import Glance, glance

    assert glance(GOOD) == Glance(turns=12, total=12, branch_turn=None)
    cut = _damaged(tmp_path, lambda ls: ls[:4])
    assert glance(cut) == Glance(turns=3, total=12, branch_turn=None)
    for text in ("", "not json\n", '{"format": "other"}\n', "[1, 2]\n"):
        (tmp_path / "x.jsonl").write_text(text, encoding="utf-8")
        assert glance(tmp_path / "x.jsonl") is None
    assert glance(tmp_path / "missing.jsonl") is None


def test_a_scenario_whose_mappings_are_not_in_key_order_logs_a_game_that_verifies(
    tmp_path: Path,
) -> None:
    """A fuzzing audit: the Senkaku scenario with the US autos' rare-earth use set to 0 gave a
    game whose log 'replays differently' at turn 7. US electronics lacked rare earths and Dy/Tb
    alike; the game took the first in the file's order (ree), the replay, rebuilt from the
    header (keys in order), the first by name (dytb)."""
    from game.cli import main
    from tests.conftest import SCENARIOS

    text = (SCENARIOS / "senkaku-2010.yaml").read_text(encoding="utf-8")
    edited = text.replace("autos: {ree: 300, dytb: 5}", "autos: {ree: 0, dytb: 5}", 1)
    assert edited != text
    scenario = tmp_path / "tie.yaml"
    scenario.write_text(edited, encoding="utf-8")
    log = tmp_path / "tie.jsonl"
    bots = ["--bot", "beijing=doctrine", "--bot", "washington=random"]
    assert main(["run", str(scenario), "--seed", "1273", *bots, "--log", str(log)]) == 0
    rep = replay_log(log)
    assert rep.ok, rep.error
    assert any("short of" in e.why for r in rep.session.records for e in r.ledger)
