"""A facilitated session as a state machine (hypothesis): any sequence of sealed orders,
resolves, undos, amendments with overrides, hand-fired injects, notes and forks leaves a session
whose log replays to the very same states, and undo always gives back the state before."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.bots import make_bot
from game.engine import Session
from game.errors import ChokepointError
from game.facilitation import Override, manual_injects
from game.fog import team_view
from game.log import replay_log, write_log
from game.scenario_loader import load_scenario

SCENARIO = load_scenario(
    Path(__file__).resolve().parent.parent / "scenarios" / "dual-use-ban-2026.yaml"
)
TEAMS = sorted(SCENARIO.teams)
INJECTS = [i.id for i in manual_injects(SCENARIO)]


class FacilitatedSession(RuleBasedStateMachine):
    @initialize(seed=st.integers(0, 2**31 - 1))
    def start(self, seed: int) -> None:
        self.session = Session(SCENARIO, seed, {t: "human" for t in TEAMS})
        self.digests = [self.session.state.digest()]  # the state after each turn, as played

    @precondition(lambda self: not self.session.is_over)
    @rule(team=st.sampled_from(TEAMS), bot=st.sampled_from(["random", "doctrine:hawk"]))
    def seal_orders(self, team: str, bot: str) -> None:
        s = self.session
        view = team_view(SCENARIO, s.state, team, s.seed)
        s.submit(team, make_bot(bot, team, SCENARIO, s.seed + s.turn).decide(view))

    @precondition(lambda self: not self.session.is_over)
    @rule(inject=st.sampled_from(INJECTS))
    def fire_inject(self, inject: str) -> None:
        queued = list(self.session.queued_injects)
        try:
            self.session.queue_inject(inject)
        except ChokepointError:  # already happened or queued: refused with a reason
            assert self.session.queued_injects == queued  # and nothing changed

    @precondition(lambda self: not self.session.is_over)
    @rule()
    def resolve(self) -> None:
        self.session.resolve()
        self.digests.append(self.session.state.digest())

    @precondition(lambda self: self.session.turn > 0)
    @rule()
    def undo(self) -> None:
        self.session.undo()
        self.digests.pop()
        assert self.session.state.digest() == self.digests[-1]

    @precondition(lambda self: self.session.turn > 0)
    @rule(
        index=st.sampled_from(["tension", "cohesion", "posture", "deterrence"]),
        value=st.floats(0, 100),
        use_draw=st.booleans(),
        happened=st.booleans(),
    )
    def amend(self, index: str, value: float, use_draw: bool, happened: bool) -> None:
        draws = self.session.records[-1].draws
        if use_draw and draws:
            ov = Override(
                kind="draw", subject=draws[0].subject, value=float(happened), reason="umpire"
            )
        else:
            ov = Override(kind="index", subject=index, value=value, reason="incident at sea")
        record = self.session.amend([ov])
        self.digests[-1] = self.session.state.digest()
        scripted = [i for i in record.injects if not i.manual]  # they may move it afterwards
        if ov.kind == "index" and not scripted:
            assert abs(self.session.state.indices[index] - ov.value) <= 1e-6  # states keep 6 places

    @precondition(lambda self: self.session.turn > 0)
    @rule(text=st.text(min_size=1, max_size=30).filter(str.strip))
    def note(self, text: str) -> None:
        self.session.add_note(text)

    @precondition(lambda self: self.session.turn > 0)
    @rule(data=st.data())
    def fork(self, data: st.DataObject) -> None:
        turn = data.draw(st.integers(0, self.session.turn))
        self.session = self.session.fork(turn, "earlier.jsonl")
        del self.digests[turn + 1 :]

    @invariant()
    def the_log_replays_to_the_same_states(self) -> None:
        if not hasattr(self, "session"):
            return
        with TemporaryDirectory() as tmp:
            path = Path(tmp) / "session.jsonl"
            write_log(self.session, path)
            rep = replay_log(path)
        assert rep.ok, rep.error
        assert rep.session is not None and rep.good_turns == self.session.turn
        assert [s.digest() for s in rep.session.states] == self.digests
        assert rep.session.notes == self.session.notes


FacilitatedSession.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=14,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_a_facilitated_session_round_trips_through_its_log = FacilitatedSession.TestCase
