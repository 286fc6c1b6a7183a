"""What a command's ``-o`` may write over: never a file the command reads, never a session log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.log import is_session_log
from tests.conftest import DEFAULT
from tests.golden.regenerate import HERE

GOLDEN = HERE / "default-seed7.jsonl"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "session.jsonl"
    shutil.copy(GOLDEN, path)
    return path


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], path: Path, *words: str) -> None:
    """The command exits 2 with one line naming ``path``, and ``path`` is left as it was."""
    before = path.read_bytes()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], err
    assert all(w in lines[0] for w in words), err
    assert path.read_bytes() == before


def test_no_command_writes_over_the_file_it_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path
) -> None:
    branch = ["run", "--from", str(log), "--turn", "3", "--bot", "tokyo=doctrine:hawk"]
    _refused(capsys, [*branch, "-o", str(log)], log, "log given to --from", "another name")
    # the same file by another spelling of its path is the same file
    _refused(capsys, [*branch, "-o", str(tmp_path / "." / log.name)], log, "log given to --from")
    _refused(capsys, ["report", str(log), "--format", "md", "-o", str(log)], log, "reported on")
    # without --format: refused for what it would destroy, not for a name that is not .md
    _refused(capsys, ["report", str(log), "-o", str(log)], log, "reported on")
    scenario = tmp_path / "my copy.yaml"
    shutil.copy(DEFAULT, scenario)
    run = ["run", str(scenario), "--seed", "1", "--turns", "1"]
    _refused(capsys, [*run, "-o", str(scenario)], scenario, "is also the scenario")
    plan = tmp_path / "plan.yaml"
    plan.write_text("turns: {}\n", encoding="utf-8")
    _refused(capsys, [*run, "--orders", str(plan), "-o", str(plan)], plan, "orders plan")
    compared = tmp_path / "session.json"  # a log may be named anything
    shutil.copy(GOLDEN, compared)
    sweep = ["sweep", "--compare", str(compared), "--games", "1", "--seed", "1", "--quiet"]
    _refused(capsys, [*sweep, "-o", str(compared)], compared, "log given to --compare")


def test_a_session_log_is_never_written_over(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path
) -> None:
    run = ["run", "dual-use-ban-2026", "--seed", "2", "--turns", "1"]
    _refused(capsys, [*run, "-o", str(log)], log, "is a session log", "delete it first")
    _refused(capsys, ["report", str(GOLDEN), "--format", "md", "-o", str(log)], log, "session log")
    as_json = tmp_path / "old.json"
    shutil.copy(GOLDEN, as_json)
    sweep = ["sweep", "dual-use-ban-2026", "--games", "1", "--seed", "1", "--quiet"]
    _refused(capsys, [*sweep, "-o", str(as_json)], as_json, "is a session log")
    # a damaged log is still a log: its header cut short, or an empty line first
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(GOLDEN.read_bytes()[:400])
    assert is_session_log(cut)
    _refused(capsys, [*run, "-o", str(cut)], cut, "is a session log")
    # the app is not started over a log either (refused before textual is imported)
    _refused(capsys, ["play", "-o", str(log)], log, "is a session log")
    _refused(capsys, ["play", "--resume", str(log), "-o", str(log)], log, "leave --log out")


def test_a_log_goes_to_a_new_file_and_reruns_replace_their_own_outputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = tmp_path / "keep.csv"
    rows.write_text("game,seed\n0,1\n", encoding="utf-8")
    run = ["run", "dual-use-ban-2026", "--seed", "2", "--turns", "1"]
    _refused(capsys, [*run, "-o", str(rows)], rows, "already exists", "not a session log")
    new = tmp_path / "new.jsonl"
    assert main([*run, "-o", str(new)]) == 0 and is_session_log(new)
    empty = tmp_path / "empty.jsonl"
    empty.touch()  # an empty file holds nothing to lose
    assert main([*run, "-o", str(empty)]) == 0 and is_session_log(empty)
    # a sweep's rows and a report are made again by a re-run: the older file is replaced
    sweep = ["sweep", "dual-use-ban-2026", "--games", "1", "--seed", "1", "--quiet"]
    assert main([*sweep, "-o", str(rows)]) == 0
    assert rows.read_text(encoding="utf-8").startswith("game,seed,bot_beijing")
    report = tmp_path / "r.md"
    for _ in range(2):  # the second time over the first report
        assert main(["report", str(new), "-o", str(report)]) == 0
        assert report.read_text(encoding="utf-8").startswith("# After-action report")
    capsys.readouterr()
    # ... but not any other file named by mistake (a sweep wrote over a budget spreadsheet)
    budget = tmp_path / "budget.csv"
    budget.write_text("name,salary\nalice,100\n", encoding="utf-8")
    _refused(capsys, [*sweep, "-o", str(budget)], budget, "is not an earlier sweep's output")
    notes = tmp_path / "notes.md"
    notes.write_text("my notes\n", encoding="utf-8")
    _refused(capsys, ["report", str(new), "-o", str(notes)], notes, "is not an earlier report")
    assert not is_session_log(rows) and not is_session_log(tmp_path)
