"""Exception types raised at the boundaries of the core (scenario files, orders, logs).

Every error a user can cause is one of these, with a message written for a person, so the
command line and the app can show it without a traceback.
"""

from __future__ import annotations


class ChokepointError(Exception):
    """Base class of every error caused by user input."""


class ScenarioError(ChokepointError):
    """A scenario file is unreadable, malformed YAML, or breaks the schema.

    ``str(err)`` names the file, line, column and field path of each problem.
    """

    def __init__(self, path: str, problems: list[str], unread: bool = False) -> None:
        self.path = path
        self.problems = problems
        if unread:  # no scenario was read: the file is missing or cannot be opened
            super().__init__(f"{path}: {'; '.join(problems)}")
            return
        lines = "\n".join(f"  {p}" for p in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{path}: invalid scenario ({len(problems)} {noun})\n{lines}")


class PlanError(ChokepointError):
    """An orders plan file (``--orders PLAN.yaml``) is malformed."""


class OrderRefused(ChokepointError):
    """An order was refused by validation; ``reason`` says why in player terms."""

    def __init__(self, team: str, reason: str) -> None:
        self.team = team
        self.reason = reason
        super().__init__(f"{team}: {reason}")


class LogError(ChokepointError):
    """A session log cannot be trusted past some point.

    ``turn`` is the first bad turn (0 for the header); ``good_turns`` how many turns before it
    replayed soundly.
    """

    def __init__(self, message: str, turn: int = 0, good_turns: int = 0) -> None:
        self.turn = turn
        self.good_turns = good_turns
        super().__init__(message)
