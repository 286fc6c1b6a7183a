"""``chokepoint report``: content of the debrief (teams, scores, swings, overrides, injects,
notes), the HTML's self-containment and escaping, damaged logs, and no textual import."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.bots import make_bot
from game.cli import main
from game.engine import Session
from game.headless import play_game
from game.log import replay_log, write_log
from game.report.html import render_html
from game.report.markdown import render_markdown
from game.report.model import Debrief, build_debrief, debrief_from_log
from game.report.svg import line_chart
from game.report.text import header_facts, moved, signed
from game.scenario import Scenario
from tests.conftest import wait_for_children

GOLDEN = Path(__file__).resolve().parent / "golden"
FACILITATED = GOLDEN / "facilitated-seed11.jsonl"
DEFAULT = GOLDEN / "default-seed7.jsonl"


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def _largest_swing_turn(path: Path) -> int:
    """Computed independently from the log's own per-turn scores (turn 0 from the replay)."""
    rep = replay_log(path)
    assert rep.session is not None
    prev = {k: round(v, 6) for k, v in rep.session.states[0].scores.items()}
    best, best_turn = -1.0, 0
    for rec in _records(path):
        scores = rec["scores"]
        assert isinstance(scores, dict)
        swing = sum(abs(scores[t] - prev[t]) for t in scores)
        if swing > best + 1e-9:
            best, best_turn = swing, int(str(rec["turn"]))
        prev = scores
    return best_turn


@pytest.fixture(scope="module")
def fac() -> Debrief:
    return debrief_from_log(FACILITATED)


@pytest.mark.parametrize("path", [FACILITATED, DEFAULT])
def test_final_scores_equal_the_log(path: Path) -> None:
    d = debrief_from_log(path)
    last = _records(path)[-1]["scores"]
    assert isinstance(last, dict)
    assert {s.team: round(s.final, 6) for s in d.scores} == pytest.approx(last, abs=1e-6)
    md = render_markdown(d)
    html = render_html(d)
    for s in d.scores:
        assert s.name in md and s.name in html
        assert f"{last[s.team]:.1f}" in md and f"{last[s.team]:.1f}" in html
        # the ledger explains the whole change of the score
        assert s.initial + s.ledger_total == pytest.approx(s.final, abs=1e-3)


@pytest.mark.parametrize("path", [FACILITATED, DEFAULT])
def test_largest_swing_is_the_first_decision_point(path: Path) -> None:
    d = debrief_from_log(path)
    turn = _largest_swing_turn(path)
    assert d.decision_points[0].turn == turn
    md = render_markdown(d)
    month = d.months[turn]
    assert f"### Turn {turn} ({month}): scores swung" in md
    # the first decision point is listed before the others
    assert md.index(f"### Turn {turn} ({month}): scores swung") < md.index(
        f"### Turn {d.decision_points[1].turn} ({d.decision_points[1].month}): scores swung"
    )


def test_facilitation_appears(fac: Debrief) -> None:
    md = render_markdown(fac)
    html = render_html(fac)
    for text in (md, html):
        # an override's reason, a hand-fired inject's headline, a note
        assert "Coast-guard collision near the Senkakus" in text
        assert "G7 sherpas had pre-agreed the text" in text
        assert "Rare-earth smuggling ring exposed in Southeast Asia" in text
        assert "Tension set by hand after the collision inject was discussed." in text
        assert "Dual-use ban on Japan, January 2026" in text
        assert "Seed" in text and "11" in text
    assert "Rare-earth smuggling ring exposed in Southeast Asia (fired by hand)" in md
    assert (
        "Japanese automakers warn of line stoppages (scripted: fired at the end of this turn, "
        "news for turn 3)" in md
    )
    # the turn-6 decision point names Washington's order behind it
    six = next(p for p in fac.decision_points if p.turn == 6)
    assert "Release 150 t of NdFeB magnets from the stockpile to Japan" in six.orders["washington"]
    # draws with chance and outcome
    assert re.search(
        r"Coordinate a G7 response: \d+% chance, succeeded \(set by the facilitator", md
    )
    assert "verified: 12 of 12 turns" in md


def test_a_score_line_says_which_way_is_better_where_its_label_does_not() -> None:
    """A solo player read 'Crisis kept below the brink went from 78.8 to 94.5' as good news:
    it is tension, and lower is better for Washington."""
    text = render_markdown(debrief_from_log(DEFAULT))
    reasons = [line for line in text.splitlines() if line.startswith("- ") and "went from" in line]
    brink = [line for line in reasons if "Crisis kept below the brink" in line]
    assert brink and all(line.endswith("(tension: lower is better)") for line in brink)
    posture = [line for line in reasons if line.startswith("- Beijing") and "posture" in line]
    assert posture and all(line.endswith("(lower is better)") for line in posture)
    cohesion = [line for line in reasons if "Alliance cohesion went from" in line]
    assert cohesion and not any("better" in line for line in cohesion)  # higher, and it says so


def test_a_purchase_the_market_could_not_fill_says_what_it_came_to(tmp_path: Path) -> None:
    """The report listed 'Buy 20,000 t ...' where 6,265 t were bought and the rest refunded."""
    from game.orders import StockpileBuild

    scenario = replay_log(DEFAULT).session.scenario  # type: ignore[union-attr]
    session = Session(scenario, 1, {t: "plan" for t in scenario.teams})
    session.play({"washington": [StockpileBuild(material="magnets", amount=16000)]})
    held = session.state.stockpile["USA"]["magnets"] - session.states[0].stockpile["USA"]["magnets"]
    assert 0 < held < 16000
    log = tmp_path / "buy.jsonl"
    write_log(session, log)
    text = render_markdown(debrief_from_log(log))
    assert "of the 16,000 t of NdFeB magnets were bought; US$" in text
    assert f"{held:,.0f} of the 16,000 t" in text


def test_refused_orders_are_reported_with_reasons(tmp_path: Path) -> None:
    rep = replay_log(DEFAULT)
    assert rep.session is not None
    branch = rep.session.fork(3)
    from game.orders import StockpileRelease

    branch.play({"tokyo": [StockpileRelease(material="magnets", amount=100.0)]})
    out = tmp_path / "refused.jsonl"
    write_log(branch, out)
    md = render_markdown(debrief_from_log(out))
    assert "Tokyo, refused: Release 100 t of NdFeB magnets from the stockpile" in md
    assert "the stockpile holds only 0 t" in md


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    rep = replay_log(FACILITATED)
    assert rep.session is not None
    session: Session = rep.session
    session.add_note('Beijing said <b>& "no"</b> <script>alert(1)</script>', turn=2)
    log = tmp_path / "noted.jsonl"
    write_log(session, log)
    html = render_html(debrief_from_log(log))
    assert "<svg" in html
    assert "<script" not in html.lower()
    assert "http://" not in html and "https://" not in html
    assert "<b>&" not in html
    assert "&lt;b&gt;&amp; &quot;no&quot;&lt;/b&gt;" in html
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "@media print" in html and "page-break-before" in html
    # every inline SVG chart is well-formed XML
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        ET.fromstring(svg)
    md = render_markdown(debrief_from_log(log))
    assert not re.search(r"(?<!\\)<", md)  # every '<' backslashed: no raw HTML
    # readable as plain text (a facilitator's audit printed '&lt;b&gt;'), inert when rendered
    assert 'Beijing said \\<b\\>& "no"\\</b\\>' in md
    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").render(md)
    assert "<b>" not in page and "<script" not in page
    assert "Beijing said &lt;b&gt;&amp; &quot;no&quot;&lt;/b&gt; &lt;script&gt;" in page


def test_damaged_log_reports_good_turns_with_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = FACILITATED.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = json.loads(lines[5])
    bad["notes"] = ["edited afterwards"]
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("".join(lines[:5]) + json.dumps(bad) + "\n" + "".join(lines[6:]))
    d = debrief_from_log(damaged)
    assert d.good_turns == 4 and not d.verified
    md = render_markdown(d)
    assert "Warning: this log is damaged" in md and "turns 1-4" in md
    assert "### Turn 4 (2026-04)" in md and "### Turn 5 " not in md
    # its scores are those after turn 4, not 'Final' (an analyst's audit)
    assert "## Scores after turn 4 of 12" in md and "Final scores" not in md
    assert "| Team | Start | Turn 4 | Change |" in md
    out = tmp_path / "damaged.html"
    assert main(["report", str(damaged), "--format", "html", "-o", str(out)]) == 0
    assert "Warning: this log is damaged" in out.read_text(encoding="utf-8")
    assert "<h2>Scores after turn 4 of 12</h2>" in out.read_text(encoding="utf-8")
    assert "## Final scores" in render_markdown(debrief_from_log(FACILITATED))
    assert "warning" in capsys.readouterr().err


def test_cli_report_writes_file_and_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(FACILITATED)]) == 0
    assert capsys.readouterr().out.startswith("# After-action report: Dual-use ban on Japan")
    out = tmp_path / "sub" / "r.html"
    assert main(["report", str(FACILITATED), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["r.html"]  # no temporary file left
    md = tmp_path / "r.md"
    assert main(["report", str(FACILITATED), "--format", "md", "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8") == render_markdown(build_debrief(replay_log(FACILITATED)))


def test_cli_report_errors_are_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "cannot read the log" in err and "Traceback" not in err
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json\n")
    assert main(["report", str(junk)]) == 2
    assert "not a Chokepoint log header" in capsys.readouterr().err
    assert main(["report", str(FACILITATED), "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["report", str(FACILITATED), "--format", "pdf"])
    assert exc.value.code == 2


@pytest.mark.parametrize(
    "module",
    [
        "game.report.model",
        "game.report.html",
        "game.report.against",
        "game.diff",
        "game.cli_report",
    ],
)
def test_report_modules_do_not_import_textual(module: str) -> None:
    code = (
        f"import {module}\nfrom game.cli import main\n"
        f"main(['report', {str(FACILITATED)!r}, '--format', 'html', '-o', '/dev/null'])\n"
        "import sys\nprint('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_report_against_the_computer_matches_the_sweep_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report --against N`` sets the session beside the same games as
    ``sweep --compare LOG --games N --seed <the session's seed>``."""
    assert main(["report", str(DEFAULT), "--against", "8", "-o", str(tmp_path / "r.md")]) == 0
    text = (tmp_path / "r.md").read_text()
    section = text.split("## Against the computer", 1)[1].split("## Why the scores moved")[0]
    seed = replay_log(DEFAULT).header["seed"]
    capsys.readouterr()
    argv = ["sweep", "--compare", str(DEFAULT), "--games", "8", "--seed", str(seed)]
    assert main([*argv, "--jobs", "1", "--quiet", "--json"]) == 0
    compare = json.loads(capsys.readouterr().out)["compare"]
    cells = r"\| ([\d.]+) \| ([\d.]+) \| [\d.]+ \| [\d.-]+ \| (\d+)% \|"
    for team, name in (("beijing", "Beijing"), ("tokyo", "Tokyo"), ("washington", "Washington")):
        row = re.search(rf"\| {name} score {cells}", section)
        assert row, section
        assert float(row.group(1)) == pytest.approx(compare["session"][f"score_{team}"], abs=0.05)
        # the computer's game on the session's own seed (a solo player's lenient seed made 98%
        # of games look beaten where the computer in his seat did far better)
        same = compare["same_seed"][f"score_{team}"]
        assert float(row.group(2)) == pytest.approx(same, abs=0.05)
        assert compare["same_seed"]["seed"] == seed
        assert int(row.group(3)) == round(100 * compare["games_below"][f"score_{team}"])
    assert "Computer, same seed" in section
    assert "of the games" in section  # the session's outcomes and how often they occurred
    html = tmp_path / "r.html"
    assert main(["report", str(DEFAULT), "--against", "4", "-o", str(html)]) == 0
    assert "<h2>Against the computer</h2>" in html.read_text()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_during_against_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """Ctrl-C while the computer's games are played: one line, exit 130 as sweep gives, and no
    report written (it was a 40-line traceback ending in game.sweep.SweepInterrupted)."""
    out = tmp_path / "x.md"
    argv = ["report", str(DEFAULT), "--against", "100000", "-o", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for_children(proc, settle=1.5)  # the games have begun
        os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the command and its workers
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert stdout == ""
    assert re.fullmatch(
        rf"chokepoint: report interrupted after \d+ of 100000 games against the computer; "
        rf"{re.escape(str(out))} was not written\n",
        stderr,
    ), stderr
    assert not out.exists()


def test_report_against_needs_a_finished_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "three.jsonl"
    assert main(["run", "dual-use-ban-2026", "--seed", "2", "--turns", "3", "--log", str(log)]) == 0
    capsys.readouterr()
    assert main(["report", str(log), "--against", "5"]) == 2
    assert "has played 3 of 12 turns" in capsys.readouterr().err
    assert main(["report", str(log), "--against", "0"]) == 2
    assert "--against must be at least 1" in capsys.readouterr().err
    # a damaged log: said as such, not as a session still in progress (it was 'has played
    # 11 of 12 turns' after 'the report covers the sound turns 1-11 only')
    full = tmp_path / "full.jsonl"
    assert main(["run", "dual-use-ban-2026", "--seed", "2", "--log", str(full)]) == 0
    capsys.readouterr()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(full.read_bytes()[:-200])
    assert main(["report", str(cut), "--against", "5"]) == 2
    assert capsys.readouterr().err == (
        f"chokepoint: --against needs a sound, finished session: {cut}: turn 12 (line 13) is "
        "truncated (without --against, the report covers the sound turns 1-11)\n"
    )


def test_chart_legends_and_labels_stay_apart_and_inside() -> None:
    """Legend entries of long labels (an index chart's) do not run into each other, and the
    last month's label is not cut at the right edge (both happened at 720 px)."""
    labels = [f"2026-{m:02d}" for m in range(1, 13)]
    series = [
        ("Tension", [65.0] * 12),
        ("Alliance cohesion", [70.0] * 12),
        ("Japan's Taiwan posture", [75.0] * 12),
        ("Deterrence credibility", [60.0] * 12),
        ("China's market share (%)", [82.2] * 12),
    ]
    svg = ET.fromstring(line_chart("Indices", labels, series))
    width = float(svg.attrib["viewBox"].split()[2])
    char = 6.5  # px a character at the legend's 11px, generously

    legend = [
        (float(t.attrib["x"]), float(t.attrib["y"]), t.text or "")
        for t in svg.iter("text")
        if t.attrib.get("class") == "lg"
    ]
    assert len(legend) == 5
    for (x1, y1, text), (x2, y2, _) in itertools.pairwise(legend):
        if y1 == y2:
            assert x1 + char * len(text) < x2, (text, x1, x2)
    assert all(x + char * len(text) <= width for x, _, text in legend)
    last = [t for t in svg.iter("text") if t.attrib.get("class") == "xl"][-1]
    assert last.text == "2026-12"
    assert float(last.attrib["x"]) + char * len(last.text) / 2 <= width


def test_an_objectives_start_and_end_are_the_metrics_true_values(tmp_path: Path) -> None:
    # Tokyo's posture hits 0 after Beijing's score from it is already at its cap: the ledger
    # stops recording the metric there, and the report used to show the value at the last
    # recorded move (22.7) as the end.
    from game.bots import make_bot
    from game.headless import play_game
    from game.metrics import metric
    from game.scenario_loader import find_scenario, load_scenario

    scenario = load_scenario(find_scenario("dual-use-ban-2026"))
    session = Session(scenario, 4, {t: "plan" for t in scenario.teams})
    kinds = {"beijing": "doctrine:hawk", "tokyo": "random"}
    play_game(session, {}, {t: make_bot(k, t, scenario, 4) for t, k in kinds.items()})
    write_log(session, tmp_path / "g.jsonl")
    d = debrief_from_log(tmp_path / "g.jsonl")
    final, start = session.states[-1], session.states[0]
    seen = 0
    for team in d.scores:
        for o in team.objectives:
            assert (o.first, o.last) == (metric(start, o.metric), metric(final, o.metric))
            seen += 1
    assert seen >= 9
    posture = next(o for o in d.scores[0].objectives if o.metric == "index.posture")
    assert posture.last == 0.0 and posture.total == pytest.approx(30.0)


def test_a_scripted_team_that_never_ordered_reads_held(tmp_path: Path) -> None:
    log = tmp_path / "g.jsonl"
    argv = ["run", "dual-use-ban-2026", "--seed", "4", "--bot", "beijing=doctrine:hawk"]
    assert main([*argv, "-o", str(log)]) == 0
    text = render_markdown(debrief_from_log(log))
    assert "Beijing: computer (doctrine:hawk); Tokyo: held (no orders); Washington: held" in text


def test_a_printed_change_is_the_difference_of_the_printed_scores() -> None:
    # 63.24 -> 64.27 prints as '63.2' then '64.3 (+1.1)', not '+1.0' (found by an audit)
    text = render_markdown(debrief_from_log(DEFAULT))
    lines = [ln for ln in text.splitlines() if ln.startswith("Scores after the turn: ")]
    assert len(lines) == 12
    before = {"Beijing": None, "Tokyo": None, "Washington": None}
    differ = 0
    for line in lines:
        for name, score, change in re.findall(r"(\w+) (\d+\.\d) \(([+−]\d+\.\d)\)", line):
            value, delta = float(score), float(change.replace("−", "-"))
            if before[name] is not None:
                assert round(value - before[name], 1) == delta, line
            before[name] = value
            differ += 1
    assert differ == 36


def test_markdown_to_a_terminal_says_what_it_is(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # raw Markdown in a terminal shows notes escaped ('\\<b\\>'): say why, and how to get a page
    assert main(["report", str(DEFAULT)]) == 0
    assert "this is Markdown" not in capsys.readouterr().err  # piped or captured: no word
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["report", str(DEFAULT)]) == 0
    assert "-o report.html writes a page to open in a browser" in capsys.readouterr().err


def test_a_log_cut_in_its_first_turn_reports_the_start_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # it said 'the report covers the sound turns 1-0 only' (found trying it as a new user)
    cut = tmp_path / "cut.jsonl"
    lines = DEFAULT.read_bytes().splitlines(keepends=True)
    cut.write_bytes(lines[0] + lines[1][:-300])
    assert main(["report", str(cut), "-o", str(tmp_path / "r.md")]) == 0
    assert "chokepoint: the report covers the start only: no turn is sound\n" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("seed", range(6))
def test_decision_points_print_the_same_changes_as_the_timeline(
    seed: int, tmp_path: Path, scenario: Scenario
) -> None:
    """A turn's score changes under "Key decision points" are the differences of the printed
    scores, as in the timeline and the app (an analyst found 'Beijing +14.5' in one section of
    a report and '86.2 (+14.4)' in the other, for the same turn)."""
    session = Session(scenario, seed, {t: "bot:doctrine:hawk" for t in scenario.teams})
    play_game(
        session, bots={t: make_bot("doctrine:hawk", t, scenario, seed) for t in scenario.teams}
    )
    log = tmp_path / "hawks.jsonl"
    write_log(session, log)
    d = debrief_from_log(log)
    timeline = {e.turn: e for e in d.timeline}
    md = render_markdown(d)
    for p in d.decision_points:
        e = timeline[p.turn]
        for team, change in p.score_change.items():
            before = e.scores[team] - e.score_change[team]
            assert signed(change) == moved(before, e.scores[team])
        assert p.swing == pytest.approx(sum(abs(v) for v in p.score_change.values()))
        for team, change in p.score_change.items():
            assert f"{d.teams[team]} {signed(change)}" in md


def test_a_log_with_no_turn_played_yet(tmp_path: Path, scenario: Scenario) -> None:
    """A fork after turn 0 read 'Turns: 0 of 12 (- to -)', its teams 'held (no orders)'."""
    log = tmp_path / "start.jsonl"
    write_log(Session(scenario, 3, {t: "plan" for t in scenario.teams}), log)
    facts = dict(header_facts(debrief_from_log(log)))
    assert facts["Turns"] == "0 of 12 (none played yet)"
    assert "held" not in facts["Teams"] and "scripted plan" in facts["Teams"]


def test_report_refuses_a_file_name_it_would_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o r.pdf wrote Markdown into a file named .pdf."""
    assert main(["report", str(DEFAULT), "-o", str(tmp_path / "r.pdf")]) == 2
    assert "a report is Markdown (.md) or a web page (.html)" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
    assert main(["report", str(DEFAULT), "-o", str(tmp_path / "r.pdf"), "--format", "md"]) == 0
    assert main(["report", str(DEFAULT), "-o", str(tmp_path / "r.txt")]) == 0
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("# ")


def test_one_game_against_the_computer_reads_once(tmp_path: Path) -> None:
    """``--against 1`` read 'played 1 times by the computer'."""
    assert main(["report", str(DEFAULT), "--against", "1", "-o", str(tmp_path / "r.md")]) == 0
    text = (tmp_path / "r.md").read_text()
    assert "The same scenario played once by the computer" in text and "played 1 times" not in text
    assert main(["report", str(DEFAULT), "--against", "2", "-o", str(tmp_path / "r.md")]) == 0
    assert "played 2 times by the computer" in (tmp_path / "r.md").read_text()


def test_a_team_played_by_people_reads_so_in_solo_and_hot_seat(tmp_path: Path) -> None:
    """A solo game's report said 'Washington: players' for its one player."""
    from game.report.text import controller_words

    assert controller_words("human") == "played by people"
    assert controller_words("bot:doctrine") == "computer (doctrine)"


def test_a_log_with_one_sound_turn_says_turn_1_not_turns_1_1(tmp_path: Path) -> None:
    lines = DEFAULT.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:2]) + lines[2][:50], encoding="utf-8")
    text = render_markdown(debrief_from_log(cut))
    assert "DAMAGED: only turn 1 could be verified" in text
    assert "- **Turns:** 1 of 12 (2026-01)" in text and "1-1" not in text


def test_an_objective_without_a_label_is_named_by_its_index_as_the_scenario_calls_it(
    tmp_path: Path,
) -> None:
    """A scenario author's audit: with no label, the report said 'index.posture went from 61.0
    to 53.8 (japan's support for us chip controls)': the path, and the scenario's name for the
    index lower-cased."""
    senkaku = Path(__file__).resolve().parent.parent / "scenarios" / "senkaku-2010.yaml"
    text = senkaku.read_text(encoding="utf-8")
    old = (
        "{metric: index.posture, weight: 3, direction: down, low: 30, high: 90, "
        "label: Japan's posture}"
    )
    assert old in text
    text = text.replace(old, old.replace(", label: Japan's posture", ""))
    text = text.replace("posture: Japan's posture on the Senkakus", "posture: US Chip Controls")
    path = tmp_path / "unlabelled.yaml"
    path.write_text(text, encoding="utf-8")
    log = tmp_path / "s.jsonl"
    argv = ["run", str(path), "--seed", "2", "--bot", "beijing=doctrine:hawk", "-o", str(log)]
    assert main(argv) == 0
    md = render_markdown(debrief_from_log(log))
    assert "index.posture" not in md
    assert "US Chip Controls went from" in md  # the scenario's name, as written
    assert "us chip controls" not in md


def test_the_debrief_shows_prices_and_the_coerced_countrys_stocks() -> None:
    """A debriefer's audit: the report never said what happened to prices or to Japan's
    stocks (a price up sevenfold showed only inside an inject's headline)."""
    log = GOLDEN / "default-seed7.jsonl"
    d = debrief_from_log(log)
    session = replay_log(log).session
    assert session is not None
    states = session.states
    assert d.stocks_of == "Japan" and len(d.markets) == len(session.scenario.materials)
    gallium = next(m for m in d.markets if m.material == "Gallium")
    prices = [st.prices["gallium"] for st in states]
    peak = prices.index(max(prices))
    assert gallium.price == (prices[0], max(prices), peak, prices[-1])
    days = [st.cover["JPN"]["gallium"] for st in states]
    assert gallium.cover is not None
    assert gallium.cover[0] == days[0] and gallium.cover[1] == min(days)
    assert gallium.cover[3] == days[-1]
    md = render_markdown(d)
    assert "## Markets and stocks" in md and "Japan's days, start → end" in md
    assert "| Gallium | 700 → 1,363 US$/kg | 1,623 (turn 4) | 90 → 0 | 0 (turn 5) |" in md
    assert peak == 4
    # Japan's semiconductor-equipment stocks never fell: no lowest turn to name
    assert (
        "| Semiconductor equipment and materials | 1 → 1 index | 1.1 (turn 5) | 60 → 60 | – |" in md
    )
    assert "<h2>Markets and stocks</h2>" in render_html(d)


def test_a_line_on_top_of_another_is_dashed_so_both_show() -> None:
    """A debriefer's audit: China's and Japan's output lines were the same all game, and the
    chart showed one."""
    from game.report.svg import line_chart

    svg = line_chart("Output", ["start", "1", "2"], [("A", [100.0] * 3), ("B", [100.0] * 3)])
    lines = re.findall(r"<polyline [^>]*>", svg)
    assert len(lines) == 2
    assert "stroke-dasharray" not in lines[0] and 'stroke-dasharray="7 5"' in lines[1]
    other = line_chart("Output", ["start", "1"], [("A", [100.0, 90.0]), ("B", [100.0, 95.0])])
    assert "stroke-dasharray" not in other


def test_orders_the_timer_sealed_are_not_said_to_be_the_teams(tmp_path: Path) -> None:
    """A facilitator's audit: the report's key decision points said 'Washington ordered' what
    the computer chose when Washington's time ran out (only a note further down said so)."""
    from game.facilitation import timeout_note
    from game.orders import Diplomacy
    from game.scenario_loader import find_scenario, load_scenario

    session = Session(load_scenario(find_scenario("dual-use-ban-2026")), 3)
    session.submit("washington", [Diplomacy(move="us_reassure")])
    session.submit("beijing", [Diplomacy(move="bj_firm_statement")])
    session.resolve()
    session.add_note(timeout_note("Washington", "the computer (doctrine) chose its orders"))
    log = tmp_path / "timed.jsonl"
    write_log(session, log)
    d = debrief_from_log(log)
    assert d.timeline[0].timed_out == {"washington": "the computer (doctrine) chose its orders"}
    md = render_markdown(d)
    late = "Washington, when time ran out (the computer (doctrine) chose its orders): "
    assert f"- {late}" in md and "- Beijing ordered: " in md
    assert "- Washington (time ran out: the computer (doctrine) chose its orders): " in md
    assert "Washington ordered" not in md
    assert f"<b>{late[:-2]}</b>: " in render_html(d)


def test_a_facilitators_note_is_never_read_as_a_time_out(tmp_path: Path) -> None:
    """A code review: a note typed 'Time ran out for Tokyo: we gave them two more minutes.'
    made the report say Tokyo's orders were sealed by the timer. The app's time-out notes carry
    a mark the note dialog and plans refuse."""
    from game.errors import PlanError
    from game.facilitation import note_problem, timed_out_teams, timeout_note
    from game.plan import parse_plan
    from game.scenario_loader import find_scenario, load_scenario

    names = {"tokyo": "Tokyo"}
    typed = "Time ran out for Tokyo: we gave them two more minutes."
    assert timed_out_teams([typed], names) == {}
    assert timed_out_teams([timeout_note("Tokyo", "it held (no orders)")], names) == {
        "tokyo": "it held (no orders)"
    }
    scenario = load_scenario(find_scenario("dual-use-ban-2026"))
    with pytest.raises(PlanError, match=re.escape(str(note_problem("⏱")))):
        parse_plan({"turns": {1: {"facilitator": {"notes": ["⏱ Time ran out"]}}}}, scenario)
