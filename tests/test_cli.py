"""The headless command line: exit codes, messages without tracebacks, outputs."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game.cli import build_parser, main
from game.log import replay_log
from game.names import count
from tests.conftest import DEFAULT, SCENARIOS
from tests.golden.regenerate import HERE

DEFAULT_TEAMS = ("beijing", "tokyo", "washington")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(DEFAULT))
    assert code == 0 and "valid scenario 'dual-use-ban-2026'" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        DEFAULT.read_text(encoding="utf-8").replace("turns: 12", "turns: twelve"), encoding="utf-8"
    )
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 2 and "bad.yaml" in err and "turns" in err and "Traceback" not in err
    code, out, _ = run(capsys, "validate", str(DEFAULT))
    assert ": 12 turns, 3 teams, 7 materials, " in out
    assert (count(1, "source"), count(2, "source")) == ("1 source", "2 sources")  # not '1 sources'


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Chokepoint scenario"


def test_run_prints_a_table_and_writes_a_log(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "game.jsonl"
    code, out, _ = run(
        capsys,
        "run",
        "senkaku-2010",
        "--seed",
        "1",
        "--orders",
        str(SCENARIOS / "plans" / "senkaku-2010-history.yaml"),
        "--log",
        str(log),
    )
    assert code == 0
    assert "Beijing" in out and "2010-10" in out and "2011-08" in out
    code, out, _ = run(capsys, "verify", str(log))
    assert code == 0 and "12 turns replayed" in out


def test_verify_of_a_one_turn_log_says_turn(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "one.jsonl"
    code, _, _ = run(capsys, "run", str(DEFAULT), "--seed", "2", "--turns", "1", "--log", str(log))
    assert code == 0
    code, out, _ = run(capsys, "verify", str(log))
    assert code == 0 and "sound: 1 turn replayed" in out


def test_run_json_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", str(DEFAULT), "--seed", "2", "--turns", "3", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["seed"] == 2 and len(doc["turns"]) == 4
    assert set(doc["scores"]) == {"beijing", "tokyo", "washington"}
    assert doc["scores"] == doc["turns"][-1]["scores"]
    # three turns of twelve: the scores after turn 3 are not called final
    assert doc["played"] == 3 and doc["over"] is False and "final_scores" not in doc
    code, out, _ = run(capsys, "run", str(DEFAULT), "--seed", "2", "--json")
    doc = json.loads(out)
    assert doc["played"] == 12 and doc["over"] is True
    assert doc["final_scores"] == doc["scores"] == doc["turns"][-1]["scores"]


def test_run_says_which_teams_held_for_want_of_a_bot_or_a_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base = ("run", str(DEFAULT), "--seed", "2", "--turns", "2")
    code, _, err = run(capsys, *base)
    assert code == 0
    assert "note: Beijing, Tokyo and Washington held every turn (no --bot and no orders" in err
    code, _, err = run(capsys, *base, "--bot", "beijing=doctrine", "--bot", "tokyo=hold")
    assert code == 0 and "note: Washington held every turn" in err and "Tokyo" not in err
    plan = tmp_path / "plan.yaml"  # a team the plan gives orders to did not merely hold
    plan.write_text(
        "turns:\n  2:\n    tokyo:\n      - {type: diplomacy, move: tk_firm_statement}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, *base, "--orders", str(plan), "--bot", "washington=doctrine:dove")
    assert code == 0 and "note: Beijing held every turn" in err and "Tokyo" not in err
    code, _, err = run(capsys, *base, *(f"--bot={t}=doctrine" for t in DEFAULT_TEAMS))
    assert code == 0 and "held" not in err


def test_a_branch_of_a_damaged_log_says_which_logged_turns_it_leaves_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A log auditor's audit: 'run --from' a log whose turn 3 was edited played turns 3-12 as
    holds, a different game from the logged one, with only a note that the teams held 'every
    turn'; at the end of a sound log, where no turn is played, that note was said too."""
    lines = (HERE / "facilitated-seed11.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[3])
    record["scores"]["tokyo"] += 1
    lines[3] = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "run", "--from", str(edited), "--turn", "2")
    assert code == 0
    assert (
        "chokepoint: warning: " in err
        and "turn 3 has been edited (its hash does not match its content); only turns 1-2 can "
        "be trusted, so the branch uses none of the logged turns after turn 2"
        in err
    )
    assert "held every turn played (turns 3-12)" in err
    code, _, err = run(capsys, "run", "--from", str(HERE / "facilitated-seed11.jsonl"))
    # the whole game, nothing played: no note that teams held, one that no turn is played
    assert code == 0 and err.endswith("is over (all 12 turns played): no turn is played\n")
    assert "held" not in err


def test_run_reports_refused_orders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "turns:\n  1:\n    tokyo:\n      - {type: stockpile_release, material: dytb,"
        " amount: 99999}\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "run", str(DEFAULT), "--seed", "1", "--turns", "1", "--orders", str(plan)
    )
    assert code == 0
    assert (
        "turn 1: Tokyo's order refused: Release 99,999 t of Dy/Tb oxide from the stockpile: "
        "the stockpile holds only 60 t of Dy/Tb oxide" in out
    )
    # the JSON says it in the same words (it said 'Release 99999 of dytb'), and as given
    argv = ("run", str(DEFAULT), "--seed", "1", "--turns", "1", "--orders", str(plan), "--json")
    code, out, _ = run(capsys, *argv)
    [refused] = json.loads(out)["turns"][1]["refused"]["tokyo"]
    assert refused == {
        "order": "Release 99,999 t of Dy/Tb oxide from the stockpile",
        "reason": "the stockpile holds only 60 t of Dy/Tb oxide (heavy rare earths)",
        "given": {"type": "stockpile_release", "material": "dytb", "amount": 99999.0, "to": None},
    }


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ("turns:\n  99:\n    tokyo: []\n", "turn 99 is not a turn"),
        ("turns:\n  1:\n    moscow: []\n", "unknown team 'moscow'"),
        ("turns:\n  1:\n    tokyo:\n      - {type: teleport}\n", "turn 1, tokyo, order 1"),
        ("turns: [1\n", "YAML syntax error"),
        ("orders: {}\n", "one key, 'turns'"),
    ],
)
def test_bad_plans_are_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plan: str, message: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    code, _, err = run(capsys, "run", str(DEFAULT), "--seed", "1", "--orders", str(path))
    assert code == 2 and message in err and "Traceback" not in err


def test_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", str(DEFAULT), "--seed", "1", "--bot", "tokyo")
    assert code == 2 and "TEAM=KIND" in err
    code, _, err = run(capsys, "run", str(DEFAULT), "--seed", "1", "--bot", "tokyo=genius")
    assert code == 2 and "unknown bot 'genius'" in err
    code, _, err = run(capsys, "run", str(DEFAULT), "--seed", "1", "--bot", "tokyo=doctrin:hawk")
    assert code == 2 and "unknown bot 'doctrin:hawk' (did you mean 'doctrine:hawk'?" in err
    code, _, err = run(capsys, "run", str(DEFAULT), "--seed", "1", "--turns", "40")
    assert code == 2 and "--turns" in err
    code, _, err = run(capsys, "run", str(DEFAULT))
    assert code == 2 and "needs a SCENARIO and --seed" in err
    assert "a bundled id: dual-use-ban-2026, senkaku-2010" in err
    with pytest.raises(SystemExit) as info:
        main(["run", str(DEFAULT), "--seed", "x"])
    assert info.value.code == 2


def test_verify_reports_the_first_bad_turn(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = (HERE / "default-seed7.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:7]) + lines[7][:100], encoding="utf-8")
    code, _, err = run(capsys, "verify", str(cut))
    assert code == 1 and "turn 7" in err and "truncated" in err and "turns 1-6" in err
    assert "Traceback" not in err
    cut.write_text("".join(lines[:2]) + lines[2][:100], encoding="utf-8")
    code, _, err = run(capsys, "verify", str(cut))
    assert code == 1 and "turn 1 before it is sound and still loads" in err
    # a file that is no log at all is a mistake on the command line, not a damaged log: exit 2
    # (an analyst's audit could not tell 'file not found' from 'tampered' by the exit code)
    (tmp_path / "notes.txt").write_text("not a log\n", encoding="utf-8")
    for wrong in ("missing.jsonl", "notes.txt", "."):
        code, _, err = run(capsys, "verify", str(tmp_path / wrong))
        assert code == 2 and err.startswith("chokepoint: "), wrong
    header_only = tmp_path / "edited.jsonl"
    header_only.write_text(lines[0].replace('"seed":7', '"seed":8'), encoding="utf-8")
    assert run(capsys, "verify", str(header_only))[0] == 1  # a log, edited: damage


def test_run_from_a_log_branches_at_a_turn(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = HERE / "default-seed7.jsonl"
    out_log = tmp_path / "branch.jsonl"
    plan = tmp_path / "what-if.yaml"
    plan.write_text(
        "turns:\n  4:\n    tokyo:\n      - {type: stockpile_release, material: ndpr,"
        " amount: 300}\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "run",
        "--from",
        str(source),
        "--turn",
        "3",
        "--orders",
        str(plan),
        "--log",
        str(out_log),
    )
    assert code == 0 and "2026-12" in out
    original = source.read_text(encoding="utf-8").splitlines()
    branch = out_log.read_text(encoding="utf-8").splitlines()
    header = json.loads(branch[0])
    assert header["settings"] == {
        "branch_of": str(source),
        "branch_turn": 3,
        "branch_players": {"beijing": "plan", "tokyo": "plan", "washington": "plan"},
    }
    for n in (1, 2, 3):  # the shared history is the same, state for state
        assert json.loads(branch[n])["state_hash"] == json.loads(original[n])["state_hash"]
    assert json.loads(branch[4])["orders"]["tokyo"][0]["material"] == "ndpr"
    assert json.loads(branch[4])["state_hash"] != json.loads(original[4])["state_hash"]
    assert run(capsys, "verify", str(out_log))[0] == 0


def test_a_branch_changes_only_what_its_plan_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Teams people or a plan played give their logged orders after the branch, and the
    facilitator's hand-fired injects and overrides are made again, unless the plan replaces
    them in that turn: with nothing changed the branch is the logged game (an instructor's
    audit found the human teams holding from the branch on, so a what-if changed everything)."""
    source = HERE / "facilitated-seed11.jsonl"
    same, what_if = tmp_path / "same.jsonl", tmp_path / "what-if.jsonl"
    code, _, err = run(capsys, "run", "--from", str(source), "--turn", "0", "--log", str(same))
    assert code == 0
    assert "as logged in turns 1-12: the orders of Beijing, Tokyo and Washington" in err
    assert "held every turn" not in err
    original = [json.loads(line) for line in source.read_text().splitlines()[1:]]
    assert any(i["manual"] for i in original[1]["injects"]) and original[2]["overrides"]
    again = [json.loads(line) for line in same.read_text().splitlines()[1:]]
    for key in ("orders", "injects", "overrides", "state_hash"):
        assert [r[key] for r in again] == [r[key] for r in original], key

    plan = tmp_path / "what-if.yaml"
    plan.write_text("turns:\n  2:\n    tokyo: []\n", encoding="utf-8")  # Tokyo holds in turn 2
    args = ["run", "--from", str(source), "--turn", "1", "--orders", str(plan)]
    assert run(capsys, *args, "--log", str(what_if))[0] == 0
    branch = [json.loads(line) for line in what_if.read_text().splitlines()[1:]]
    assert original[1]["orders"]["tokyo"] and branch[1]["orders"]["tokyo"] == []

    def by_hand(record: dict[str, Any]) -> list[str]:
        return [i["id"] for i in record["injects"] if i["manual"]]

    assert by_hand(branch[1]) == by_hand(original[1]) == ["lib_smuggling_ring"]  # still fired
    assert branch[2]["orders"]["tokyo"] == original[2]["orders"]["tokyo"]  # back to the log
    assert branch[2]["overrides"] == original[2]["overrides"]
    assert branch[2]["state_hash"] != original[2]["state_hash"]


def test_a_branch_keeps_the_logs_computer_players(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Branching with nothing changed plays the same game again; --bot changes one team only."""
    source, same, dove = tmp_path / "s.jsonl", tmp_path / "same.jsonl", tmp_path / "dove.jsonl"
    bots = ["--bot", "beijing=doctrine:hawk", "--bot", "washington=random"]
    assert run(capsys, "run", str(DEFAULT), "--seed", "3", *bots, "--log", str(source))[0] == 0
    code, _, err = run(capsys, "run", "--from", str(source), "--turn", "6", "--log", str(same))
    assert code == 0
    assert "kept from the log: beijing=doctrine:hawk, washington=random" in err
    hashes = [json.loads(line)["state_hash"] for line in source.read_text().splitlines()[1:]]
    assert [json.loads(line)["state_hash"] for line in same.read_text().splitlines()[1:]] == hashes
    code, _, err = run(
        capsys, "run", "--from", str(source), "--turn", "6", "--bot", "beijing=doctrine:dove",
        "--log", str(dove),
    )  # fmt: skip
    assert code == 0 and "kept from the log: washington=random" in err
    header = json.loads(dove.read_text().splitlines()[0])
    assert header["controllers"] == {
        "beijing": "bot:doctrine:dove",
        "tokyo": "plan",
        "washington": "bot:random",
    }
    assert header["settings"] == {
        "branch_of": str(source),
        "branch_turn": 6,
        "branch_players": {
            "beijing": "bot:doctrine:hawk",
            "tokyo": "plan",
            "washington": "bot:random",
        },
    }
    branch = [json.loads(line)["state_hash"] for line in dove.read_text().splitlines()[1:]]
    assert branch[:6] == hashes[:6] and branch[6] != hashes[6]
    code, out, _ = run(capsys, "report", str(dove))
    assert code == 0
    assert (
        f"**Branch:** of {source} from turn 6; turns 1-6 played by Beijing: computer "
        "(doctrine:hawk), Tokyo: held (no orders), Washington: computer (random)" in out
    )


def test_run_from_refuses_bad_combinations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = str(HERE / "default-seed7.jsonl")
    assert (
        "scenario and seed come from the log"
        in run(capsys, "run", str(DEFAULT), "--from", source)[2]
    )
    assert (
        "--turn must be between 0 and 12" in run(capsys, "run", "--from", source, "--turn", "13")[2]
    )
    assert (
        "--turn goes with --from"
        in run(capsys, "run", str(DEFAULT), "--seed", "1", "--turn", "2")[2]
    )
    lines = (HERE / "default-seed7.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:6]) + lines[6][:50], encoding="utf-8")
    code, _, err = run(capsys, "run", "--from", str(cut), "--turn", "8")
    assert code == 2 and "branch from turn 5 or earlier" in err
    assert run(capsys, "run", "--from", str(cut), "--turn", "5")[0] == 0
    # no sound turn: 'branch from turn 0 or earlier', '--turn must be between 0 and 0'
    header_only = tmp_path / "header.jsonl"
    header_only.write_text(lines[0], encoding="utf-8")
    err = run(capsys, "run", "--from", str(header_only), "--turn", "3")[2]
    assert "the log holds no turn yet: --turn 0 (the scenario's start)" in err
    cut.write_text(lines[0] + lines[1][:50], encoding="utf-8")
    err = run(capsys, "run", "--from", str(cut), "--turn", "2")[2]
    assert err.rstrip().endswith("branch from --turn 0 (the scenario's start) only")


def test_run_from_a_finished_game_says_no_turn_is_left(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A facilitator's audit: '--turns must be between 1 and 0'; and without --turns the
    finished game was copied to the new log without a word."""
    source = HERE / "default-seed7.jsonl"
    assert replay_log(source).session.is_over
    code, _, err = run(capsys, "run", "--from", str(source), "--turns", "1")
    assert code == 2 and "is over (all 12 turns played): no turn is left to play" in err
    code, _, err = run(capsys, "run", "--from", str(source), "--log", str(tmp_path / "x.jsonl"))
    assert code == 0 and "is over (all 12 turns played): no turn is played" in err


def test_ctrl_c_during_a_run_keeps_the_turns_played_in_the_log(tmp_path: Path) -> None:
    log = tmp_path / "part.jsonl"
    bots = [f"--bot={team}=search:hard" for team in ("beijing", "tokyo", "washington")]
    argv = ["run", str(DEFAULT), "--seed", "4", *bots, "--log", str(log)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # three search bots take about a second a turn even on a fast machine (one search bot
        # played the whole game within 3 s there, and the test was skipped): some turns are
        # played, and not all of them (the log is written when the command stops)
        time.sleep(4.0)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    if proc.returncode == 0:
        pytest.skip("the game finished before Ctrl-C was pressed (a very fast machine)")
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    if not stderr:
        pytest.skip("Ctrl-C came while the command still loaded the scenario (a loaded machine)")
    if "interrupted before turn 1 was played" in stderr:  # a slow machine: said so
        assert f"no log written to {log}" in stderr and not log.exists()
        return
    match = re.search(r"interrupted after turn (\d+)", stderr)
    assert match, stderr
    played = int(match.group(1))
    assert f"chokepoint run --from {log}" in stderr
    rep = replay_log(log)
    assert rep.error is None and rep.good_turns == played  # sound, and resumable from there


def test_run_refuses_a_log_it_could_not_write_before_playing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    assert main(["run", str(DEFAULT), "--seed", "1", "--log", str(blocker / "x.jsonl")]) == 2
    captured = capsys.readouterr()
    assert "--log:" in captured.err and "a-file is not a folder" in captured.err
    assert captured.out == ""  # no game was played (its table would be printed)


def test_play_refuses_bad_computer_players_before_the_app_starts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["play", "--solo", "tokyo", "--bot", "beijing=wizard"]) == 2
    assert "unknown bot 'wizard'" in capsys.readouterr().err
    assert main(["play", "--bot", "beijing"]) == 2
    assert "TEAM=KIND" in capsys.readouterr().err
    log = tmp_path / "x.jsonl"
    assert main(["play", "--resume", str(log), "--bot", "beijing=random"]) == 2
    assert "--bot goes with a new game: a resumed one keeps the scenario, seed and players" in (
        capsys.readouterr().err
    )
    # a solo player's audit: --solo and --seed were ignored without a word on a resumed game
    assert main(["play", "--resume", str(log), "--solo", "beijing", "--seed", "9"]) == 2
    assert "--solo and --seed go with a new game" in capsys.readouterr().err
    assert main(["play", "senkaku-2010", "--resume", str(log)]) == 2
    assert "SCENARIO goes with a new game" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "dest"),
    [
        (["play", "-o", "x.jsonl"], "log"),
        (["run", "dual-use-ban-2026", "--seed", "1", "-o", "x.jsonl"], "log"),
        (["sweep", "dual-use-ban-2026", "--games", "2", "--seed", "1", "-o", "x.csv"], "out"),
        (["report", "x.jsonl", "-o", "x.html"], "output"),
    ],
)
def test_every_command_that_writes_a_file_takes_dash_o(argv: list[str], dest: str) -> None:
    """One short option for "write it here", whichever command: ``-o``."""
    assert getattr(build_parser().parse_args(argv), dest) == argv[-1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["play", "--solo", "moscow"], "--solo: unknown team 'moscow' (known: beijing, tokyo"),
        (["play", "senkaku-2010", "--solo", "tokio"], "(did you mean 'tokyo'?"),
        (["play", "--bot", "washinton=random"], "--bot: unknown team 'washinton'"),
        (["play", "--solo", "tokyo", "--bot", "tokyo=random"], "tokyo is the team you play"),
    ],
)
def test_play_with_a_team_the_scenario_lacks_exits_before_the_app_starts(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_teams_on_the_command_line_may_be_written_as_the_scenario_names_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """'--bot Beijing=hold' means beijing (it used to be refused with 'did you mean beijing'),
    in run and sweep alike; the same team given twice in two spellings is refused."""
    log = tmp_path / "x.jsonl"
    argv = ["run", "dual-use-ban-2026", "--seed", "3", "--turns", "1", "-o", str(log)]
    code, _, err = run(capsys, *argv, "--bot", "Beijing=doctrine:hawk", "--bot", "TOKYO=hold")
    assert code == 0, err
    header = json.loads(log.read_text().splitlines()[0])
    assert header["controllers"]["beijing"] == "bot:doctrine:hawk"
    assert header["controllers"]["tokyo"] == "bot:hold"
    code, out, err = run(
        capsys,
        "sweep",
        "dual-use-ban-2026",
        "--games",
        "2",
        "--seed",
        "1",
        "--bot",
        "Washington=hold",
    )
    assert code == 0 and "washington=hold" in out, out + err
    argv[-1] = str(tmp_path / "y.jsonl")
    code, _, err = run(capsys, *argv, "--bot", "beijing=hold", "--bot", "Beijing=random")
    assert code == 2 and "beijing is given twice (hold and random)" in err


def test_a_plans_facilitator_action_that_cannot_apply_is_skipped_not_fatal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # With Tokyo held by a bot, the plan's override of Tokyo's G7 draw has no draw to set:
    # the run used to stop there with exit 2 and write no log.
    log = tmp_path / "x.jsonl"
    plan = str(HERE / "plan-facilitated.yaml")
    argv = ["run", "dual-use-ban-2026", "--seed", "11", "--orders", plan, "--bot", "tokyo=hold"]
    code, out, err = run(capsys, *argv, "-o", str(log))
    assert code == 0 and "log written to" in out
    assert err.splitlines() == [
        f"chokepoint: {plan}, turn 1: override of draw 'tokyo:tk_g7' skipped: no such draw "
        "happened this turn (draws: beijing:bj_pla_exercise, washington:us_signal)"
    ]
    rep = replay_log(log)
    assert rep.error is None and rep.session is not None and rep.session.turn == 12
    first = rep.session.records[0]
    assert [ov.kind for ov in first.overrides] == []
    assert [ov.subject for ov in rep.session.records[2].overrides] == ["tension"]


def test_validate_checks_an_orders_plan_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = str(HERE / "plan-facilitated.yaml")
    code, out, _ = run(capsys, "validate", "dual-use-ban-2026", "--orders", plan)
    assert code == 0 and f"{plan}: valid plan for 'dual-use-ban-2026': 7 orders and 9 " in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("turns:\n  1:\n    tokio: []\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", "dual-use-ban-2026", "--orders", str(bad))
    assert code == 2 and "line 3, column 5: turn 1: unknown team 'tokio' (did you mean" in err


def test_run_table_rounds_each_number_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each figure is the state's value rounded once to 1 place, as the app and the report print
    it (the table was made from the JSON's 2-place figures: 88.351 -> 88.35 -> '88.3')."""
    log = tmp_path / "t.jsonl"
    bots = [f"--bot={t}=doctrine:hawk" for t in DEFAULT_TEAMS]
    code, out, _ = run(capsys, "run", str(DEFAULT), "--seed", "7", *bots, "--log", str(log))
    assert code == 0
    session = replay_log(log).session
    assert session is not None
    rows = [line.split() for line in out.splitlines()[2:] if line.split()[:1] != ["log"]]
    assert len(rows) == len(session.states) == 13
    for cells, state in zip(rows, session.states, strict=True):
        ix = state.indices
        want = [f"{state.scores[t]:.1f}" for t in DEFAULT_TEAMS] + [
            f"{ix[k]:.1f}" for k in ("tension", "cohesion", "posture", "deterrence")
        ]
        assert cells[2:9] == want
        assert cells[9] == f"{ix['market_share']:.1f}%"
        for cell, actor in zip(cells[10:], ("JPN", "USA"), strict=True):
            row = state.output[actor]  # Japan's output, then the US's
            assert cell == f"{sum(row.values()) / len(row):.1f}"


@pytest.mark.parametrize("command", [["replay"], ["play", "--resume"]])
def test_a_log_with_nothing_to_open_is_refused_before_the_app_starts(
    command: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It opened the start screen with the reason in a notice that faded, and exited 0."""
    import game.cli
    import game.tui.app

    def no_app(**_: object) -> int:
        raise AssertionError("the app was started")

    monkeypatch.setattr(game.tui.app, "run_app", no_app)
    monkeypatch.setattr(game.cli, "_has_terminal", lambda: True)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    cases = {
        str(tmp_path / "nope.jsonl"): "cannot read the log",
        str(empty): "the log is empty",
        str(DEFAULT): "not a Chokepoint log header (not valid JSON) (a scenario? play it with: "
        f"chokepoint play {DEFAULT})",
    }
    for path, why in cases.items():
        code, _, err = run(capsys, *command, path)
        assert code == 2 and why in err and "Traceback" not in err
    cut = tmp_path / "cut.jsonl"  # a log damaged later still opens, at its last good turn
    lines = (HERE / "default-seed7.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    cut.write_text("".join(lines[:5]) + lines[5][:30], encoding="utf-8")
    with pytest.raises(AssertionError, match="the app was started"):
        main([*command, str(cut)])


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["run", "dual-use-ban-2026", "--seed", "1", "-o", ""], "-o"),
        (["verify", ""], "LOG"),
        (["validate", ""], "SCENARIO"),
        (["sweep", "dual-use-ban-2026", "--games", "1", "--seed", "1", "-o", ""], "-o"),
        (["play", "--resume", ""], "--resume"),
    ],
)
def test_an_empty_file_name_is_refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], name: str
) -> None:
    """'run -o ""' exited 0 and wrote no log without a word; 'verify ""' spoke of '.'."""
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.strip() == f"chokepoint: {name}: an empty name; give a file name"


@pytest.mark.parametrize(
    ("command", "instead"),
    [(["play", "--solo", "tokyo"], "use chokepoint run"), (["replay"], "chokepoint verify")],
)
def test_the_app_without_a_terminal_says_so_instead_of_waiting_for_ever(
    command: list[str], instead: str, tmp_path: Path
) -> None:
    """A log auditor's 'chokepoint play' with its input redirected ran for minutes at full
    speed, reading keys from a file that had none."""
    if command == ["replay"]:
        command = ["replay", str(HERE / "default-seed7.jsonl")]
    done = subprocess.run(
        [sys.executable, "-m", "game.cli", *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "needs a terminal to show its screens and read keys" in done.stderr
    assert instead in done.stderr


def test_the_terminal_the_app_needs_is_where_textual_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """A code review: the check looked at standard output, which Textual does not draw on
    outside Windows: 'chokepoint > out.txt' at a terminal was refused, and with standard error
    redirected the screens went into the file."""
    import io

    import game.cli

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(sys, "stderr", Tty())
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # redirected to a file
    assert game.cli._has_terminal()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not game.cli._has_terminal()
    monkeypatch.setattr(sys, "platform", "win32")  # there Textual draws on standard output
    monkeypatch.setattr(sys, "stdout", Tty())
    assert game.cli._has_terminal()


def test_a_run_stopped_before_its_first_turn_says_no_log_was_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A log auditor's Ctrl-C in the first turn read 'interrupted after turn 0', with no word
    that no log was written."""
    import game.headless

    def ctrl_c(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(game.headless, "play_game", ctrl_c)
    log = tmp_path / "never.jsonl"
    code, _, err = run(capsys, "run", str(DEFAULT), "--seed", "1", "-o", str(log))
    assert code == 130 and not log.exists()
    assert f"chokepoint: interrupted before turn 1 was played; no log written to {log}" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["validate", "/dev/zero"], "cannot read the file"),
        (["verify", "/dev/zero"], "cannot read the log"),
        (["run", "senkaku-2010", "--seed", "1", "--orders", "/dev/zero"], "cannot read the plan"),
    ],
)
def test_a_file_that_never_ends_is_refused_not_read_for_ever(
    capsys: pytest.CaptureFixture[str], argv: list[str], what: str
) -> None:
    """A fuzzing audit: `chokepoint validate /dev/zero` read for ever, its memory growing until
    the machine stopped it (a traceback under a memory limit)."""
    code, _, err = run(capsys, *argv)
    assert code == 2 and f"/dev/zero: {what}: it holds more than" in err, err
    assert "MB, far more than such a file ever does" in err
