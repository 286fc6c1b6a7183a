"""Sweeps: seeded batch runs, reproducible rows, local and Dask executors agree."""

from __future__ import annotations

import csv
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from game import sweep
from game.cli import main
from game.scenario import Scenario
from game.scenario_loader import scenario_data

BOTS = {"beijing": "doctrine:hawk", "tokyo": "random", "washington": "doctrine:dove"}


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
    assert "escalation" in sweep.summary_text(summary)


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
    distributed = pytest.importorskip("distributed")
    spec = _spec(scenario, games=3)
    local = sweep.run_sweep(spec)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        client.get_executor() as ex,
    ):
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
    assert a["rows"] == b["rows"] and a["summary"] == b["summary"]
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


def test_sweep_progress_bar_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", "dual-use-ban-2026", "--games", "2", "--seed", "1", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "2/2 games" in captured.err
    assert "score_beijing" in captured.out and "outcomes:" in captured.out


def test_sweep_does_not_import_textual() -> None:
    code = (
        "import sys\nfrom game.cli import main\n"
        "main(['sweep', 'dual-use-ban-2026', '--games', '1', '--seed', '1', '--quiet'])\n"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
