"""Branches and what-ifs from the command line, as an analyst's audit found them: a branch set
beside computer games without a word about who played its first turns, a plan's orders for
turns the branch keeps silently dropped, a game played on from a log and not saved, a quoted
'~' that made a folder named '~', and a tie of three called a tie of two."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game import sweep
from game.cli import main
from game.log import replay_log
from game.report.model import debrief_from_log
from game.report.text import header_facts


@pytest.fixture(scope="module")
def branch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tokyo played random orders and Washington held for turns 1-5; then Washington was
    given the doctrine; from turn 8 Tokyo too."""
    d = tmp_path_factory.mktemp("branch")
    first, second, third = d / "a.jsonl", d / "b.jsonl", d / "c.jsonl"
    bots = ["--bot", "beijing=doctrine:hawk", "--bot", "tokyo=random"]
    assert main(["run", "dual-use-ban-2026", "--seed", "42", *bots, "-o", str(first)]) == 0
    w = ["--bot", "washington=doctrine"]
    assert main(["run", "--from", str(first), "--turn", "5", *w, "-o", str(second)]) == 0
    t = ["--bot", "tokyo=doctrine"]
    assert main(["run", "--from", str(second), "--turn", "8", *t, "-o", str(third)]) == 0
    return third


def test_a_branch_set_beside_computer_games_says_who_played_its_first_turns(
    branch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = replay_log(branch).session
    assert session is not None
    note = sweep.branch_note(session, {"tokyo": "Tokyo", "washington": "Washington"})
    assert "turns 1-5 Tokyo by random, Washington held (no orders); turns 6-8 Tokyo by random" in (
        note
    )
    capsys.readouterr()
    argv = ["sweep", "--compare", str(branch), "--games", "2", "--seed", "1", "--jobs", "1"]
    assert main(argv) == 0
    assert "note: This session is a branch: other players played its first turns" in (
        capsys.readouterr().out
    )
    # a session its last players played from the start says nothing of the kind
    fresh = replay_log(branch.with_name("a.jsonl")).session
    assert fresh is not None and sweep.branch_note(fresh) == ""


def test_a_branchs_report_says_a_team_that_gave_no_orders_held(branch: Path) -> None:
    facts = dict(header_facts(debrief_from_log(branch)))
    assert (
        "turns 1-5 played by Beijing: computer (doctrine:hawk), Tokyo: computer (random), "
        "Washington: held (no orders)" in facts["Branch"]
    )


def test_a_plans_orders_for_turns_a_branch_keeps_are_named(
    branch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "early.yaml"
    plan.write_text("turns:\n  2:\n    washington:\n      - {type: diplomacy, move: us_reassure}\n")
    argv = ["run", "--from", str(branch.with_name("a.jsonl")), "--turn", "5", "--orders", str(plan)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert (
        f"note: {plan} has orders for turn 2, which this branch keeps as logged: a plan is "
        "used from turn 6 on" in err
    )
    # and, with no -o, that the game played on was not saved
    assert "note: no log was written: give -o FILE.jsonl to keep the game played on" in err


def test_a_quoted_home_folder_is_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert main(["run", "dual-use-ban-2026", "--seed", "1", "--turns", "1", "-o", "~/g.jsonl"]) == 0
    assert (home / "g.jsonl").is_file() and not (tmp_path / "~").exists()
    assert f"log written to {home / 'g.jsonl'}" in capsys.readouterr().out


def test_a_tie_of_three_is_not_called_a_tie_of_two() -> None:
    assert sweep.outcome_words("top:tie") == "Two or more teams shared the highest score"


def test_the_next_free_log_name_is_offered_after_ctrl_c(tmp_path: Path) -> None:
    from game.cli import _next_name

    log = tmp_path / "s.jsonl"
    assert _next_name(log) == str(tmp_path / "s-2.jsonl")
    (tmp_path / "s-2.jsonl").write_text("")
    assert _next_name(log) == str(tmp_path / "s-3.jsonl")
    assert os.path.basename(_next_name(tmp_path / "game")) == "game-2.jsonl"


def test_a_report_whose_name_and_format_disagree_is_refused(
    branch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Markdown was written into 'a.html' without a word."""
    out = tmp_path / "a.html"
    assert main(["report", str(branch), "--format", "md", "-o", str(out)]) == 2
    assert "its name says html, and --format says md" in capsys.readouterr().err
    assert not out.exists()
    assert main(["report", str(branch), "--format", "html", "-o", str(out)]) == 0
