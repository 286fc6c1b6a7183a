"""What a sweep says to the analyst running it: the progress bar, the header, the summary's
legend and the notes (an analyst's audit of 2026-11-30)."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.cli_sweep import ProgressBar, duration
from game.engine import Session
from game.log import write_log
from game.orders import Diplomacy
from game.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class ClosedTerminal(Terminal):
    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")


def test_durations_read_as_a_person_reads_them() -> None:
    assert duration(8.24) == "8.2s"
    assert duration(185) == "3m 05s"
    assert duration(59.96) == "1m 00s"
    assert duration(36288) == "10h 04m"  # it said 'eta 36288.0s'


def test_the_bar_says_it_cannot_guess_before_the_first_game(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before any game had finished it read 'eta 0.0s', as if it were about done."""
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((120, 40)))
    out = Terminal()
    bar = ProgressBar(out)
    bar.update(0, 200)
    bar.update(0, 200)  # the clock runs on while the first chunk is played: drawn again
    assert out.getvalue().count("\r") == 2
    assert out.getvalue().endswith("0/200 games  0.0s  eta --")


def test_the_bar_fits_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 60 columns the line wrapped, and every redraw added a line."""
    out = Terminal()
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((60, 20)))
    bar = ProgressBar(out)
    bar.update(500, 100000)
    line = out.getvalue().removeprefix("\r")
    assert len(line) <= 59 and line.startswith("[") and "500/100000 games" in line
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((30, 20)))
    bar.update(600, 100000)
    assert "[" not in out.getvalue().rsplit("\r", 1)[1]  # no room for a bar: none


def test_the_bar_stops_drawing_once_the_terminal_is_closed() -> None:
    """A closed terminal made the bar's write fail, and the sweep ended with no --out file."""
    bar = ProgressBar(ClosedTerminal())
    bar.update(10, 100)  # no exception
    assert bar.gone
    bar.update(20, 100)
    bar.close()


def test_bot_kinds_are_read_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    """Teams were read in any case and kinds not: 'beijing=HOLD' was an unknown bot."""
    argv = ["sweep", "dual-use-ban-2026", "--games", "1", "--seed", "1", "--quiet", "--json"]
    assert main([*argv, "--bot", "Beijing=HOLD", "--bot", "tokyo=Doctrine:Hawk"]) == 0
    bots = json.loads(capsys.readouterr().out)["bots"]
    assert bots == {"beijing": "hold", "tokyo": "doctrine:hawk", "washington": "doctrine"}


def test_a_log_given_as_the_scenario_points_to_compare(
    tmp_path: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "session.jsonl"
    session = Session(scenario, 3)
    session.play({})
    write_log(session, log)
    assert main(["sweep", str(log), "--games", "5", "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{log} is a session log, not a scenario" in err
    assert f"chokepoint sweep --compare {log} --games N --seed S" in err


def test_the_header_names_the_file_of_an_edited_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edited copy keeps the bundled id, and the header named only the id: the analyst
    could take the results for the bundled scenario's."""
    text = (ROOT / "scenarios" / "dual-use-ban-2026.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "low tension.yaml"
    mine.write_text(text.replace("tension: 65", "tension: 55", 1), encoding="utf-8")
    assert main(["sweep", str(mine), "--games", "1", "--seed", "1", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"sweep of dual-use-ban-2026 ({mine}), base seed 1")
    assert "\n1 game\n" in out
    assert out.split("score_beijing", 1)[1].split()[1] == "–"  # no spread in one game


def test_the_legend_says_at_or_below(capsys: pytest.CaptureFixture[str]) -> None:
    """With many games ending on the same value (an output of 100), 'ended below it' was
    false: the p50 of US output was 100 with 27% of the games below it."""
    assert main(["sweep", "dual-use-ban-2026", "--games", "3", "--seed", "1", "--quiet"]) == 0
    legend = " ".join(capsys.readouterr().out.split())
    assert "half ... of the games ended at or below it" in legend


def test_the_report_says_when_a_team_gave_no_orders(tmp_path: Path, scenario: Scenario) -> None:
    """sweep --compare noted that a team which held all game is set beside games the computer
    plays for it; the report's comparison did not, and read as that team playing badly."""
    session = Session(scenario, 5, {"beijing": "plan", "tokyo": "plan", "washington": "plan"})
    session.play({"tokyo": [Diplomacy(move="tk_g7")]})
    while not session.is_over:
        session.play({})
    log, report = tmp_path / "held.jsonl", tmp_path / "r.md"
    write_log(session, log)
    assert main(["report", str(log), "--against", "2", "-o", str(report)]) == 0
    text = " ".join(report.read_text(encoding="utf-8").split())
    for team in ("Beijing", "Washington"):
        assert f"{team} gave no orders in the session, while the computer plays it" in text
    assert "Tokyo gave no orders" not in text
    # a command that runs as it stands (it said 'sweep --compare LOG', without --games and --seed)
    command = f"chokepoint sweep --compare {log} --games 2 --seed 5 --bot washington=hold"
    assert f"{command} compares like with like" in text


def test_an_io_error_is_said_unless_the_terminal_was_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a closed terminal (SIGHUP), writing to it fails with EIO and the command ends
    quietly; any other EIO (a failing disk) is not silenced."""
    import errno

    import game.cli

    def failing(args: object) -> int:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(game.cli, "_dispatch", failing)
    with pytest.raises(OSError):
        main(["verify", "x.jsonl"])
