"""Sweeps: seeded batch runs, reproducible rows, local and Dask executors agree."""

from __future__ import annotations

import csv
import json
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game import sweep
from game.cli import main
from game.log import replay_log
from game.scenario import Scenario
from game.scenario_loader import scenario_data
from tests.conftest import wait_for_children

BOTS = {"beijing": "doctrine:hawk", "tokyo": "random", "washington": "doctrine:dove"}


@contextmanager
def _dask_executor() -> Iterator[Executor]:
    """Dask's executor on a local cluster the test starts (skipped without the dask extra)."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        client.get_executor() as ex,
    ):
        yield ex


def _spec(scenario: Scenario, games: int = 4, seed: int = 11) -> sweep.SweepSpec:
    return sweep.SweepSpec(scenario_data(scenario), "dual-use-ban-2026", BOTS, seed, games)


def test_game_seeds_are_deterministic_and_distinct() -> None:
    seeds = [sweep.game_seed(7, i) for i in range(500)]
    assert seeds == [sweep.game_seed(7, i) for i in range(500)]
    assert len(set(seeds)) == 500
    assert all(0 <= s < 2**31 for s in seeds)
    assert sweep.game_seed(8, 0) != sweep.game_seed(7, 0)


def test_percentiles_and_summary() -> None:
    assert sweep.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert sweep.percentile([0.0, 10.0], 25) == 2.5
    rows = [
        {"score_a": 1.0, "top": "a", "escalation": True},
        {"score_a": 3.0, "top": "b", "escalation": False},
    ]
    summary = sweep.summarise(rows)
    assert summary["distributions"]["score_a"]["mean"] == 2.0
    assert summary["outcomes"]["top:a"] == 0.5
    assert summary["outcomes"]["escalation"] == 0.5
    text = sweep.summary_text(summary)
    assert "escalation" in text and sweep.SUMMARY_KEY in text
    assert max(len(line) for line in text.splitlines()) <= 80  # a terminal's width


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(st.lists(finite, min_size=1, max_size=50), st.floats(0, 100), st.floats(0, 100))
def test_percentiles_are_ordered_and_within_the_data(xs: list[float], q1: float, q2: float) -> None:
    lo, hi = sorted((q1, q2))
    assert sweep.percentile(xs, 0) == min(xs)
    assert sweep.percentile(xs, 100) == max(xs)
    assert min(xs) <= sweep.percentile(xs, lo) <= sweep.percentile(xs, hi) <= max(xs)
    assert sweep.percentile(list(reversed(xs)), lo) == sweep.percentile(xs, lo)  # order-free


@given(
    st.lists(
        st.tuples(finite, st.sampled_from(["a", "b", "tie"]), st.booleans()),
        min_size=1,
        max_size=40,
    )
)
def test_summary_shares_and_distributions_are_consistent(
    games: list[tuple[float, str, bool]],
) -> None:
    rows = [{"score_a": x, "top": top, "escalation": esc} for x, top, esc in games]
    summary = sweep.summarise(rows)
    d = summary["distributions"]["score_a"]
    assert summary["games"] == len(rows)
    assert d["min"] <= d["p5"] <= d["p25"] <= d["p50"] <= d["p75"] <= d["p95"] <= d["max"]
    assert d["min"] - 1e-3 <= d["mean"] <= d["max"] + 1e-3 and d["sd"] >= 0
    tops = {k: v for k, v in summary["outcomes"].items() if k.startswith("top:")}
    assert sum(tops.values()) == pytest.approx(1.0)
    assert summary["outcomes"]["escalation"] == sum(e for _, _, e in games) / len(games)
    assert all(0.0 <= v <= 1.0 for v in summary["outcomes"].values())


def test_serial_and_process_pool_agree(scenario: Scenario) -> None:
    spec = _spec(scenario)
    serial = sweep.run_sweep(spec)
    with sweep.local_executor(2) as ex:
        pooled = sweep.run_sweep(spec, ex, 2)
    assert serial == pooled
    assert [r["game"] for r in serial] == [0, 1, 2, 3]
    assert [r["seed"] for r in serial] == [sweep.game_seed(11, i) for i in range(4)]
    tops = {k: v for k, v in sweep.summarise(serial)["outcomes"].items() if k.startswith("top:")}
    assert sum(tops.values()) == pytest.approx(1.0)


def test_dask_cluster_gives_the_same_rows(scenario: Scenario) -> None:
    spec = _spec(scenario, games=3)
    local = sweep.run_sweep(spec)
    with _dask_executor() as ex:
        remote = sweep.run_sweep(spec, ex, 2)
    assert remote == local


def test_cli_sweep_with_scheduler_matches_local(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    distributed = pytest.importorskip("distributed")
    base = ["sweep", "dual-use-ban-2026", "--games", "3", "--seed", "5", "--quiet"]
    base += ["--bot", "tokyo=doctrine:hawk"]
    local_out, dask_out = tmp_path / "local.json", tmp_path / "dask.json"
    assert main([*base, "--jobs", "1", "--out", str(local_out)]) == 0
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        assert main([*base, "--scheduler", cluster.scheduler_address, "--out", str(dask_out)]) == 0
    a, b = json.loads(local_out.read_text()), json.loads(dask_out.read_text())
    assert a["rows"] == b["rows"]
    assert (a["distributions"], a["outcomes"]) == (b["distributions"], b["outcomes"])
    assert "outcomes:" in capsys.readouterr().out


def test_sweep_rows_replay_with_run(tmp_path: Path) -> None:
    """Each CSV row's command re-runs its game: same final scores."""
    out = tmp_path / "rows.csv"
    argv = ["sweep", "dual-use-ban-2026", "--games", "2", "--seed", "3", "--jobs", "2"]
    argv += ["--bot", "beijing=random", "--bot", "washington=doctrine:hawk", "--out", str(out)]
    assert main([*argv, "--quiet"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 2
    for row in rows:
        cmd = shlex.split(row["command"])
        assert cmd[:2] == ["chokepoint", "run"] and row["seed"] in cmd
        done = subprocess.run(
            [sys.executable, "-m", "game.cli", *cmd[1:], "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        final = json.loads(done.stdout)["final_scores"]
        for team, score in final.items():
            assert float(row[f"score_{team}"]) == pytest.approx(score, abs=0.006)


def _replayed_by_command(row: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    """Run a CSV row's command as a shell would split it: the same final scores."""
    cmd = shlex.split(row["command"])
    assert cmd[:2] == ["chokepoint", "run"]
    capsys.readouterr()
    assert main([*cmd[1:], "--json"]) == 0
    final = json.loads(capsys.readouterr().out)["final_scores"]
    for team, score in final.items():
        assert float(row[f"score_{team}"]) == pytest.approx(score, abs=0.006)


def test_rows_of_an_edited_copy_replay_it_not_the_bundled_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of the bundled scenario, edited but keeping its id, in a folder whose name has a
    space: each row's command plays that copy, pasted into a shell as it stands (the command
    said 'chokepoint run dual-use-ban-2026', the bundled scenario, and its path was not quoted)."""
    from tests.conftest import DEFAULT

    folder = tmp_path / "my scenarios"
    folder.mkdir()
    copy = folder / "dual use copy.yaml"
    text = DEFAULT.read_text(encoding="utf-8")
    edited = text.replace(
        "{metric: index.posture, weight: 4,", "{metric: index.posture, weight: 5,"
    )
    assert edited != text
    copy.write_text(edited, encoding="utf-8")
    log = tmp_path / "session.jsonl"
    assert main(["run", str(copy), "--seed", "4", "--bot", "beijing=random", "-o", str(log)]) == 0
    argv = ["--games", "2", "--seed", "1", "--jobs", "1", "--quiet"]
    for how in (["--compare", str(log)], [str(copy)]):
        out = tmp_path / "rows.csv"
        assert main(["sweep", *how, *argv, "-o", str(out)]) == 0
        with out.open(newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == 2
        for row in rows:
            assert shlex.split(row["command"])[2] == how[-1]  # the log, or the copy's path
            _replayed_by_command(row, capsys)
    # a bundled scenario swept beside a log of it is still named by its id
    bundled_log = tmp_path / "bundled.jsonl"
    assert main(["run", "dual-use-ban-2026", "--seed", "4", "-o", str(bundled_log)]) == 0
    out = tmp_path / "bundled.csv"
    assert main(["sweep", "--compare", str(bundled_log), *argv, "-o", str(out)]) == 0
    with out.open(newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["command"].startswith("chokepoint run dual-use-ban-2026 --seed ")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "rows.txt"], "--out must end in .csv or .json"),
        (["--bot", "tokyo=wizard"], "unknown bot 'wizard'"),
        (["--bot", "moscow=random"], "unknown team 'moscow'"),
        (["--bot", "tokyo"], "TEAM=KIND"),
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--scheduler", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
    ],
)
def test_bad_input_is_a_message_not_a_traceback(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--scheduler" in extra:
        pytest.importorskip("distributed")
    code = main(["sweep", "dual-use-ban-2026", "--games", "1", "--seed", "1", *extra])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err


@contextmanager
def _port(reply: bytes | None) -> Iterator[str]:
    """A 127.0.0.1 port that takes connections and answers ``reply`` (garbage, for Dask), or
    nothing at all (None: as a scheduler's dashboard does to Dask's greeting)."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    taken: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed: the test is over
                return
            taken.append(conn)
            if reply is not None:
                conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()
        for conn in taken:
            conn.close()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", "not as a Dask scheduler"),
        (b"garbage!" * 64, "not as a Dask scheduler"),
        (None, "gave no Dask reply within 1 s"),
    ],
)
def test_a_scheduler_address_that_is_not_dask_is_one_line(
    reply: bytes | None,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An address that answers something else (a web server: a 49-line traceback ending in
    MemoryError) or takes the connection and says nothing (the dashboard: waited for ever) gets
    the one line an unreachable port gets, within the timeout (10 s; 1 s here)."""
    pytest.importorskip("distributed")
    from game import cli_sweep

    monkeypatch.setattr(cli_sweep, "SCHEDULER_TIMEOUT", 1.0)
    argv = ["sweep", "dual-use-ban-2026", "--games", "3", "--seed", "1", "--quiet"]
    with _port(reply) as address:
        started = time.monotonic()
        assert main([*argv, "--scheduler", address]) == 2
        took = time.monotonic() - started
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.startswith(
        f"chokepoint: --scheduler: cannot reach the Dask scheduler at {address}: "
    )
    assert message in err and err.count("\n") == 1, err
    assert took < 5.0


def test_a_scheduler_without_workers_says_so_and_still_stops_on_ctrl_c(tmp_path: Path) -> None:
    """No worker: a note on stderr after a few seconds while the sweep waits (the bar stood at
    0/3 without a word), and Ctrl-C still ends it with 130."""
    distributed = pytest.importorskip("distributed")
    code = (
        "import sys\nimport game.cli_sweep as m\nm.NO_WORKERS_NOTE_AFTER = 0.5\n"
        "from game.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    with distributed.LocalCluster(
        n_workers=0, processes=False, protocol="tcp://", dashboard_address=":0"
    ) as cluster:
        address = cluster.scheduler_address
        argv = ["sweep", "dual-use-ban-2026", "--games", "3", "--seed", "1"]
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *argv, "--scheduler", address],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        watchdog = threading.Timer(60.0, proc.kill)
        watchdog.start()
        try:
            assert proc.stderr is not None
            seen = []
            for line in proc.stderr:
                seen.append(line)
                if "has no workers yet" in line:
                    break
            proc.send_signal(signal.SIGINT)
            _, rest = proc.communicate(timeout=30)
        finally:
            watchdog.cancel()
            proc.kill()
    note = (
        f"chokepoint: the scheduler at {address} has no workers yet; start some with "
        f"`dask worker {address}`"
    )
    assert any(line.startswith(note) for line in seen), seen
    assert proc.returncode == 130, rest
    assert "sweep interrupted after 0 of 3 games" in rest and "Traceback" not in rest


def test_sweep_progress_bar_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", "dual-use-ban-2026", "--games", "2", "--seed", "1", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "2/2 games" in captured.err
    assert "score_beijing" in captured.out and "outcomes:" in captured.out
    # the outcome lines name the team that scored highest as the scenario does, not by its id
    top = [line for line in captured.out.splitlines() if "scored highest" in line]
    assert top and all(
        any(f" {name} scored highest" in line for name in ("Beijing", "Tokyo", "Washington"))
        for line in top
    )


def test_sweep_does_not_import_textual() -> None:
    code = (
        "import sys\nfrom game.cli import main\n"
        "main(['sweep', 'dual-use-ban-2026', '--games', '1', '--seed', '1', '--quiet'])\n"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def _interrupt_after(games: int) -> Callable[[int, int], None]:
    """A progress callback that presses Ctrl-C once ``games`` games are done."""

    def progress(done: int, total: int) -> None:
        if done >= games:
            raise KeyboardInterrupt

    return progress


@pytest.mark.parametrize("where", ["here", "processes", "dask"])
def test_interrupted_sweep_keeps_the_games_played(scenario: Scenario, where: str) -> None:
    spec = _spec(scenario, games=6)
    full = sweep.run_sweep(spec)
    with pytest.raises(sweep.SweepInterrupted) as caught:
        if where == "here":
            sweep.run_sweep(spec, None, 6, _interrupt_after(2))  # chunks of one game
        elif where == "processes":
            with sweep.local_executor(2) as ex:
                sweep.run_sweep(spec, ex, 6, _interrupt_after(2))
        else:
            with _dask_executor() as ex:
                sweep.run_sweep(spec, ex, 6, _interrupt_after(2))
    played = caught.value.rows
    assert caught.value.games == 6
    assert 2 <= len(played) < 6
    assert played == [full[r["game"]] for r in played]  # the same rows a whole sweep gives
    assert [r["game"] for r in played] == sorted(r["game"] for r in played)


def test_ctrl_c_stops_a_sweep_at_once_and_writes_what_was_played(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    argv = ["sweep", "dual-use-ban-2026", "--games", "100000", "--seed", "2", "--jobs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *argv, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_children(proc, settle=2.0)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)  # the whole sweep would take many minutes
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    match = re.search(r"sweep interrupted after (\d+) of 100000 games", stderr)
    assert match, stderr
    played = int(match.group(1))
    if played:
        assert "interrupted: only" in stdout
        with out.open(newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == played
        assert {int(r["seed"]) for r in rows} <= {sweep.game_seed(2, i) for i in range(100000)}
    else:  # the file is there, with no rows: nothing older passes for this sweep
        with out.open(newline="") as fh:
            assert list(csv.DictReader(fh)) == []
        assert f"no game had finished: {out} is written with no rows" in stderr


@pytest.mark.parametrize("second", ["ctrl-c again", "terminate", "hang up"])
def test_a_second_signal_while_the_sweep_stops_loses_nothing(tmp_path: Path, second: str) -> None:
    """An analyst's audit: two Ctrl-C close together (or ``timeout -s INT``, which signals the
    command, then its process group) lost every game played without a word and left an older
    file of that name in place; a termination signal left the workers running; a closed
    terminal (SIGHUP) ended the sweep with no file at all and left its workers waiting."""
    out = tmp_path / "rows.json"
    out.write_text(
        '{"bots": {}, "distributions": {}, "rows": ["an older sweep"]}', encoding="utf-8"
    )
    argv = ["sweep", "dual-use-ban-2026", "--games", "100000", "--seed", "7", "--jobs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *argv, "--quiet", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        workers = wait_for_children(proc, settle=2.0)
        if second == "terminate":
            proc.send_signal(signal.SIGTERM)
        elif second == "hang up":
            proc.send_signal(signal.SIGHUP)
        else:
            proc.send_signal(signal.SIGINT)
            time.sleep(0.01)
            proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    code = {"terminate": 128 + signal.SIGTERM, "hang up": 128 + signal.SIGHUP}.get(second, 130)
    assert proc.returncode == code and "Traceback" not in stderr, stderr
    played = int(re.search(r"sweep interrupted after (\d+) of", stderr).group(1))  # type: ignore[union-attr]
    assert len(json.loads(out.read_text(encoding="utf-8"))["rows"]) == played
    assert played == 0 or "interrupted: only" in stdout
    time.sleep(0.5)
    assert workers and not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_sweep_stopped_before_any_game_finished_leaves_no_older_rows(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    """Ctrl-C before the first game finished: FILE is written with no rows (it kept the rows of
    an older sweep, and the command said only 'sweep interrupted after 0 of 3 games')."""
    out = tmp_path / f"rows{suffix}"
    argv = ["sweep", "dual-use-ban-2026", "--games", "3", "--seed", "1", "--jobs", "1"]
    assert main([*argv, "--quiet", "-o", str(out)]) == 0
    full = out.read_text(encoding="utf-8")

    def ctrl_c(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sweep, "play_chunk", ctrl_c)
    capsys.readouterr()
    assert main([*argv, "--seed", "2", "--quiet", "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert "sweep interrupted after 0 of 3 games" in err
    assert f"no game had finished: {out} is written with no rows (what it held before" in err
    if suffix == ".csv":
        header = out.read_text(encoding="utf-8")
        assert header == full.splitlines(keepends=True)[0]  # the same columns, no row
    else:
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert (doc["played"], doc["rows"], doc["games"]) == (0, [], 3)
    # --json still prints a summary, saying none was played (a script got nothing to parse)
    assert main([*argv, "--seed", "2", "--quiet", "--json"]) == 130
    printed = json.loads(capsys.readouterr().out)
    assert (printed["played"], printed["interrupted"]) == (0, True)
    import signal

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Ctrl-C given back


def test_an_out_file_that_cannot_be_written_is_refused_before_playing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder\n")
    argv = ["sweep", "dual-use-ban-2026", "--games", "3", "--seed", "1"]
    assert main([*argv, "--out", str(blocker / "rows.csv")]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "not-a-folder" in err
    assert "games" not in err  # refused before the progress bar started: nothing was played
    assert main([*argv, "--out", str(tmp_path / "new" / "rows.json"), "--quiet"]) == 0
    doc = json.loads((tmp_path / "new" / "rows.json").read_text())
    assert doc["played"] == doc["games"] == 3 and len(doc["rows"]) == 3


def test_a_team_given_two_bots_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["sweep", "dual-use-ban-2026", "--games", "1", "--seed", "1"]
    assert main([*argv, "--bot", "tokyo=random", "--bot", "tokyo=hold"]) == 2
    assert "tokyo is given twice (random and hold)" in capsys.readouterr().err
    assert main([*argv, "--bot", "tokyo=hold", "--bot", "tokyo=hold", "--quiet"]) == 0


def test_local_jobs_are_capped_per_core(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli_sweep import JOBS_PER_CORE, local_jobs

    cores = sweep.default_jobs()
    assert local_jobs(None) == cores
    assert local_jobs(1) == 1
    assert local_jobs(JOBS_PER_CORE * cores) == JOBS_PER_CORE * cores
    assert capsys.readouterr().err == ""
    assert local_jobs(500 * cores) == JOBS_PER_CORE * cores
    assert f"--jobs {500 * cores} is more than {JOBS_PER_CORE} per core" in capsys.readouterr().err


def test_standing_counts_the_games_below_with_ties_as_half() -> None:
    rows = [{"score_a": x} for x in (1.0, 2.0, 2.0, 3.0)]
    assert sweep.standing(rows, {"score_a": 2.0}) == {"score_a": 0.5}  # 1 below, 2 ties
    assert sweep.standing(rows, {"score_a": 0.0}) == {"score_a": 0.0}
    assert sweep.standing(rows, {"score_a": 9.0}) == {"score_a": 1.0}


def test_compare_shows_where_a_session_stands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "session.jsonl"
    assert main(["run", "dual-use-ban-2026", "--seed", "4", "--log", str(log)]) == 0
    capsys.readouterr()
    argv = ["sweep", "--compare", str(log), "--games", "6", "--seed", "1", "--jobs", "1"]
    assert main([*argv, "--quiet", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    session = doc["compare"]["session"]
    replayed = replay_log(log).session
    assert replayed is not None
    assert session["score_tokyo"] == round(replayed.state.scores["tokyo"], 4)
    # who played it, from the log: a plan that gave tokyo no orders made it hold
    assert session["bot_tokyo"] == "hold" and session["bot_beijing"] == "hold"
    # a bot is named as the games' rows name it ('doctrine:hawk', not 'bot:doctrine:hawk')
    hawk = tmp_path / "hawk.jsonl"
    assert main(["run", "dual-use-ban-2026", "--seed", "4", "--bot", "beijing=doctrine:hawk",
                 "--log", str(hawk)]) == 0  # fmt: skip
    capsys.readouterr()
    hawk_session = replay_log(hawk).session
    assert hawk_session is not None
    assert sweep.session_row(hawk_session)["bot_beijing"] == "doctrine:hawk"
    below = doc["compare"]["games_below"]["score_tokyo"]
    scores = [r["score_tokyo"] for r in sweep.run_sweep(_doctrine_spec(doc, 6))]
    lower = sum(s < session["score_tokyo"] for s in scores)
    ties = sum(s == session["score_tokyo"] for s in scores)
    assert below == pytest.approx((lower + 0.5 * ties) / 6)
    assert main([*argv, "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "this session against the 6 games" in text and "games below" in text
    same = doc["compare"]["same_seed"]  # the computer's game on the session's own seed
    expected = sweep.play_one(replayed.scenario, 4, _doctrine_spec(doc, 1).bots)
    assert same["seed"] == 4 and same["score_tokyo"] == expected["score_tokyo"]
    header = next(line for line in text.splitlines() if line.lstrip().startswith("session"))
    assert "same seed" in header
    assert "(score_: final score; index_: an index at the end" in text  # the rows in words
    # every team of this run held: said so, and that the games play them otherwise
    assert "beijing held (no orders), tokyo held (no orders)" in text
    assert (
        "note: tokyo gave no orders in the session, and the games play it by doctrine; "
        "--bot tokyo=hold compares like with like"
    ) in text
    assert main([*argv, "--quiet", "--bot", "tokyo=hold"]) == 0
    assert "note: tokyo" not in capsys.readouterr().out


def test_comparison_games_keep_the_sessions_quick_bots() -> None:
    controllers = {
        "beijing": "bot:doctrine:hawk",
        "tokyo": "human",
        "washington": "bot:search:hard",
    }
    assert sweep.comparison_bots(["washington", "tokyo", "beijing"], controllers) == {
        "beijing": "doctrine:hawk",  # as in the session
        "tokyo": "doctrine",  # people played it
        "washington": "doctrine",  # the search bot would take seconds a game
    }
    assert sweep.comparison_bots(["tokyo"], {"tokyo": "plan"}) == {"tokyo": "doctrine"}


def test_compare_plays_the_logs_computer_teams_as_they_were_played(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "session.jsonl"
    bots = ["--bot", "beijing=doctrine:hawk", "--bot", "washington=random"]
    assert main(["run", "dual-use-ban-2026", "--seed", "4", *bots, "--log", str(log)]) == 0
    capsys.readouterr()
    argv = ["sweep", "--compare", str(log), "--games", "2", "--seed", "1", "--jobs", "1"]
    assert main([*argv, "--quiet", "--json"]) == 0
    played = json.loads(capsys.readouterr().out)["bots"]
    assert played == {"beijing": "doctrine:hawk", "tokyo": "doctrine", "washington": "random"}
    # an explicit --bot still wins
    assert main([*argv, "--bot", "beijing=hold", "--quiet", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bots"]["beijing"] == "hold"


def _doctrine_spec(doc: dict[str, Any], games: int) -> sweep.SweepSpec:
    from game.scenario_loader import find_scenario, load_scenario

    s = load_scenario(find_scenario(doc["scenario"]))
    return sweep.SweepSpec(scenario_data(s), doc["scenario"], doc["bots"], doc["seed"], games)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("unfinished", "has played 3 of 12 turns"),
        ("other-scenario", "was played on another scenario"),
        ("truncated", "is truncated; compare needs a sound, finished session"),
    ],
)
def test_compare_refuses_what_it_cannot_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    log = tmp_path / "session.jsonl"
    turns = ["--turns", "3"] if setup == "unfinished" else []
    assert main(["run", "dual-use-ban-2026", "--seed", "4", *turns, "--log", str(log)]) == 0
    if setup == "truncated":
        log.write_bytes(log.read_bytes()[:-500])
    scenario = ["senkaku-2010"] if setup == "other-scenario" else []
    capsys.readouterr()
    argv = ["sweep", *scenario, "--compare", str(log), "--games", "2", "--seed", "1"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_summary_sd_is_the_sample_sd_and_every_team_has_a_top_share() -> None:
    rows = [
        {"game": i, "seed": i, "score_a": v, "score_b": 0.0, "top": "a", "escalation": False}
        for i, v in enumerate([1.0, 2.0, 3.0, 4.0])
    ]
    summary = sweep.summarise(rows)
    assert summary["distributions"]["score_a"]["sd"] == pytest.approx(1.291, abs=1e-3)
    assert summary["outcomes"]["top:a"] == 1.0 and summary["outcomes"]["top:b"] == 0.0
    assert sweep.summarise(rows[:1])["distributions"]["score_a"]["sd"] == 0.0


def test_the_summary_is_printed_from_unrounded_figures(scenario: Scenario) -> None:
    """A mean of 6.0503 prints as 6.1: it was rounded to 6.05 first, then printed '6.0' (the
    JSON keeps 3 decimals)."""
    rows = [{"score_a": v, "top": "a"} for v in (6.0, 6.1006)]
    summary = sweep.summarise(rows)
    line = next(x for x in sweep.summary_text(summary).splitlines() if x.startswith("score_a"))
    assert line.split()[1:] == ["6.1", "0.1", "6.0", "6.0", "6.1", "6.1", "6.1", "6.0", "6.1"]
    assert sweep.rounded(summary)["distributions"]["score_a"]["mean"] == 6.05
    row = {"score_a": 6.0503, "top": "a"}
    table = sweep.comparison_text(summary, row, sweep.standing(rows, row))
    line = next(x for x in table.splitlines() if x.startswith("score_a"))
    assert line.split()[1:] == ["6.1", "-", "6.1", "6.0", "-", "6.1", "50%"]  # the median too


def test_sweep_json_says_games_asked_and_played_and_jobs_is_local_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["sweep", "senkaku-2010", "--games", "3", "--seed", "1", "--quiet", "--json"]
    assert main([*argv, "--jobs", "1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["games"], doc["played"]) == (3, 3)
    assert main([*argv, "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "with --scheduler the cluster's workers play the games" in capsys.readouterr().err


def test_json_on_screen_and_in_the_file_have_one_shape_and_one_game_is_a_game(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json printed top-level seed and distributions, the -o FILE.json file base_seed and
    summary.distributions; and --games 1 said '1 games'."""
    log = tmp_path / "session.jsonl"
    assert main(["run", "senkaku-2010", "--seed", "4", "-o", str(log)]) == 0
    out = tmp_path / "rows.json"
    argv = ["sweep", "--compare", str(log), "--games", "2", "--seed", "3", "--jobs", "1"]
    capsys.readouterr()
    assert main([*argv, "--quiet", "--json", "-o", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written.pop("rows") and written == printed
    assert sorted(printed) == [
        "bots", "compare", "distributions", "games", "outcomes", "played", "scenario",
        "scenario_ref", "seed",
    ]  # fmt: skip
    assert (printed["scenario"], printed["seed"], printed["games"]) == ("senkaku-2010", 3, 2)
    assert all(0.0 <= share <= 1.0 for share in printed["outcomes"].values())  # fractions
    assert main(["sweep", "senkaku-2010", "--games", "1", "--seed", "3", "--quiet"]) == 0
    text = capsys.readouterr().out
    # (not a substring test: the rate line can read '6,381 games a minute', which failed CI)
    assert not re.search(r"(?<![\d,])1 games", text), text
    assert text.count("\n1 game\n") == 1 and "\n1 game in " in text


def test_outcomes_are_worded_as_the_scenario_names_its_indices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Senkaku scenario calls posture "Japan's posture on the Senkakus"; the sweep said
    "Japan's posture" (and an author's relabelled index was ignored the same way)."""
    from game.scenario_loader import load_scenario

    senkaku = load_scenario(
        Path(__file__).resolve().parent.parent / "scenarios" / "senkaku-2010.yaml"
    )
    words = sweep.outcome_words("posture_broke", scenario=senkaku)
    assert words == "Japan's posture on the Senkakus ended below 40"
    assert sweep.outcome_words("posture_broke") == "Japan's posture ended below 40"
    renamed = senkaku.model_copy(deep=True)
    renamed.actors["JPN"] = renamed.actors["JPN"].model_copy(update={"name": "Nippon"})
    assert sweep.outcome_words("japan_industry_hit", scenario=renamed).startswith("Nippon's")
    # every index the outcomes name, as the scenario relabels it (a scenario author's audit:
    # tension and market share kept the bundled names)
    relabelled = senkaku.model_copy(
        update={"index_labels": {"tension": "Crisis heat", "market_share": "Ga/Ge share"}}
    )
    assert sweep.outcome_words("escalation", scenario=relabelled) == "Crisis heat reached 80"
    words = sweep.outcome_words("china_share_eroded", scenario=relabelled)
    assert words == "Ga/Ge share fell 5+ points"
    argv = ["sweep", "senkaku-2010", "--games", "3", "--seed", "1", "--jobs", "1", "--quiet"]
    assert main(argv) == 0
    assert "Japan's posture on the Senkakus ended below 40" in capsys.readouterr().out


def test_a_sweep_too_big_to_hold_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    """--games 100000000000 printed nothing and grew in memory until stopped: the list of
    games was built before the first was played."""
    assert main(["sweep", "dual-use-ban-2026", "--games", "100000000000", "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert "--games: at most 1,000,000 games" in err and "different --seed" in err
    assert (
        main(
            [
                "report",
                str(Path(__file__).parent / "golden" / "default-seed7.jsonl"),
                "--against",
                "99999999999",
            ]
        )
        == 2
    )
    assert "--against: at most 1,000,000 games" in capsys.readouterr().err


def _alive(pid: int) -> bool:
    """Whether ``pid`` is still running (a zombie, waiting for its new parent to reap it, is
    not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_workers_end_when_their_sweep_is_killed_outright(tmp_path: Path) -> None:
    """``kill -9`` on a sweep (or a terminal that took it down before it could stop them) left
    its worker processes waiting for work for good."""
    argv = ["sweep", "dual-use-ban-2026", "--games", "100000", "--seed", "7", "--jobs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *argv, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers = wait_for_children(proc, settle=1.0)
        proc.kill()
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10.0
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        proc.kill()
    assert workers and not [pid for pid in workers if _alive(pid)]


def test_a_search_bot_sweep_hands_out_one_game_at_a_time(scenario: Scenario) -> None:
    """A search bot's game takes seconds: in chunks of up to 50, Ctrl-C lost minutes of play
    and the progress bar stood still at 0 for as long."""
    doctrine = _spec(scenario, games=400)
    searching = sweep.SweepSpec(
        doctrine.scenario_data, "x", {**doctrine.bots, "tokyo": "search:easy"}, 11, 400
    )
    assert {len(c) for c in sweep.chunks(doctrine, 2)} == {50}
    assert {len(c) for c in sweep.chunks(searching, 2)} == {1}
    assert [g for c in sweep.chunks(searching, 2) for g in c] == [
        g for c in sweep.chunks(doctrine, 2) for g in c
    ]  # the same games, in the same order


def _send_half_a_result(marker: str) -> None:
    """A worker's task that starts sending its result and never finishes: a worker ended while
    it sent its chunk's rows leaves the pool's manager thread reading the rest."""
    import os
    import struct

    result_queue = sys._getframe(1).f_locals["result_queue"]  # concurrent.futures' worker loop
    os.write(result_queue._writer.fileno(), struct.pack("!i", 1_000_000) + b"x" * 100)
    Path(marker).touch()
    time.sleep(600)


def test_stopping_the_pool_while_a_worker_sends_its_rows_does_not_hang(tmp_path: Path) -> None:
    """CI: Ctrl-C on a sweep printed its summary and wrote its rows, then the command never
    ended. A worker stopped halfway through sending its rows left the pool's manager thread
    waiting for the rest, and Python's exit waits for that thread."""
    executor = sweep.local_executor(1)
    results = executor._result_queue  # type: ignore[attr-defined]
    manager_stopped = False
    try:
        marker = tmp_path / "sending"
        future = executor.submit(_send_half_a_result, str(marker))
        deadline = time.monotonic() + 30.0
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists()
        time.sleep(0.2)  # the manager thread is reading the half-sent result
        manager = executor._executor_manager_thread  # type: ignore[attr-defined]
        assert manager is not None and manager.is_alive()
        sweep.stop(executor, [future])
        manager.join(timeout=10.0)
        manager_stopped = not manager.is_alive()
    finally:  # never leave this test run waiting for that thread at exit
        results._writer.close()
    assert manager_stopped
