"""``chokepoint diff``: divergence turn, differing orders, numbers, and refusals to compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.diff import diff_logs, render_text

GOLDEN = Path(__file__).resolve().parent / "golden"
DEFAULT = GOLDEN / "default-seed7.jsonl"
FACILITATED = GOLDEN / "facilitated-seed11.jsonl"
SENKAKU = GOLDEN / "senkaku-history-seed1.jsonl"

PLAN = """\
turns:
  4:
    tokyo:
      - {type: stockpile_release, material: dytb, amount: 30}
"""


@pytest.fixture(scope="module")
def branch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("branch")
    plan = d / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = d / "b.jsonl"
    argv = ["run", "--from", str(DEFAULT), "--turn", "3", "--orders", str(plan)]
    assert main([*argv, "--log", str(out)]) == 0
    return out


def test_log_with_itself_has_no_divergence(capsys: pytest.CaptureFixture[str]) -> None:
    d = diff_logs(str(FACILITATED), str(FACILITATED))
    assert d.divergence is None
    assert not any(t.differs for t in d.turns)
    assert main(["diff", str(FACILITATED), str(FACILITATED)]) == 0
    out = capsys.readouterr().out
    assert "No divergence" in out
    assert main(["diff", str(FACILITATED), str(FACILITATED), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["divergence"] is None
    assert all(v == 0 for t in doc["turns"] for v in t["b_minus_a"].values())


def test_branch_diverges_at_its_first_own_turn(branch: Path) -> None:
    d = diff_logs(str(DEFAULT), str(branch))
    assert d.divergence == 4
    assert all(not t.differs for t in d.turns[:3])
    t4 = d.turns[3]
    tokyo = [o for o in t4.orders if o.team == "tokyo"]
    assert tokyo and tokyo[0].only_b == ["Release 30 t of Dy/Tb oxide from the stockpile"]
    assert tokyo[0].only_a == []
    assert not t4.same_state
    # the numbers: B−A of Tokyo's score equals the logs' own scores
    lines_a = DEFAULT.read_text(encoding="utf-8").splitlines()
    lines_b = branch.read_text(encoding="utf-8").splitlines()
    sa = json.loads(lines_a[4])["scores"]["tokyo"]
    sb = json.loads(lines_b[4])["scores"]["tokyo"]
    assert t4.values_a is not None and t4.values_b is not None
    assert t4.values_a["score.tokyo"] == pytest.approx(sa, abs=1e-6)
    assert t4.values_b["score.tokyo"] == pytest.approx(sb, abs=1e-6)
    text = render_text(d)
    assert "diverge at turn 4" in text
    assert "only in B: Release 30 t of Dy/Tb oxide from the stockpile" in text
    assert "Tokyo score" in text and f"{sb - sa:+.2f}" in text


def test_diff_json_output(branch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(DEFAULT), str(branch), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["divergence"] == 4
    t4 = doc["turns"][3]
    assert t4["orders"]["tokyo"]["only_b"] == ["Release 30 t of Dy/Tb oxide from the stockpile"]
    assert t4["b_minus_a"]["score.tokyo"] == pytest.approx(
        t4["b"]["score.tokyo"] - t4["a"]["score.tokyo"], abs=1e-5
    )


def test_different_scenarios_fail_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(DEFAULT), str(SENKAKU)]) == 2
    err = capsys.readouterr().err
    assert "different scenarios" in err and "senkaku-2010" in err
    assert "Traceback" not in err


def test_missing_log_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(DEFAULT), str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_damaged_log_warns_and_uses_good_turns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "cut.jsonl"
    lines = DEFAULT.read_text(encoding="utf-8").splitlines(keepends=True)
    cut.write_text("".join(lines[:6]) + lines[6][:40], encoding="utf-8")
    d = diff_logs(str(DEFAULT), str(cut))
    assert d.turns_b == 5 and d.divergence is None
    assert d.warnings and "turn 6" in d.warnings[0]
    assert d.warnings[0].endswith("(using its sound turns 1-5)")
    assert main(["diff", str(DEFAULT), str(cut)]) == 0
    captured = capsys.readouterr()
    assert "warning" in captured.err and "A goes on for 7 more turns" in captured.out


def test_the_b_minus_a_column_is_the_difference_of_the_printed_columns(branch: Path) -> None:
    """An analyst found 'Japan output  88.21  86.72  -1.50' (the printed values differ by 1.49)."""
    rows = 0
    for line in render_text(diff_logs(str(DEFAULT), str(branch))).splitlines():
        cells = line.replace("*", "").split()
        try:
            a, b, delta = (float(c.replace("−", "-")) for c in cells[-3:])
        except ValueError:
            continue
        rows += 1
        assert f"{delta:+.2f}" == f"{b - a:+.2f}", line
    assert rows == 9 * 11  # turns 4-12, eleven numbers each


def test_turn_counts_in_words(tmp_path: Path) -> None:
    lines = DEFAULT.read_text(encoding="utf-8").splitlines(keepends=True)
    short = tmp_path / "short.jsonl"
    short.write_text("".join(lines[:-1]), encoding="utf-8")  # turns 1-11
    text = render_text(diff_logs(str(DEFAULT), str(short)))
    assert "identical over the 11 turns they share" in text
    assert "A goes on for 1 more turn." in text
    start = tmp_path / "start.jsonl"
    start.write_text(lines[0], encoding="utf-8")  # the header only: no turn played
    text = render_text(diff_logs(str(start), str(DEFAULT)))
    assert "the logs have no played turn in common to compare" in text
    assert "0 common turns" not in text and "B goes on for 12 more turns." in text
