"""The scenario's safe condition language, for injects (never ``eval``).

A condition compares metrics (see ``game.metrics``) and ``turn`` with numbers::

    cover.JPN.magnets < 30
    index.tension >= 70 and turn > 2
    stockpile.JPN.dytb <= 0 or (price.ndpr > 150 and not index.cohesion > 60)

``turn`` is the number of the next turn: conditions are checked at the end of each turn, on the
state that turn produced. Operators: ``< <= > >= == !=``, ``and``, ``or``, ``not`` and
parentheses; ``and`` binds tighter than ``or``. A condition is parsed once, when the scenario
loads, into a tree of closures; an unknown metric or a syntax error is reported with the
position in the condition.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

from game.state import GameState

Check = Callable[[GameState], bool]
Value = Callable[[GameState], float]

_TOKEN = re.compile(r"\s*(?:(<=|>=|==|!=|<|>|\(|\))|([A-Za-z_][A-Za-z0-9_.\-]*)|(-?\d+(?:\.\d+)?))")
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


class ConditionError(ValueError):
    """A condition that cannot be parsed; the message says where and why."""


def parse_condition(text: str, metric_problem: Callable[[str], str | None]) -> Check:
    """Compile ``text``; ``metric_problem(path)`` says what is wrong with a metric, or None."""
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ConditionError(_unexpected(text, pos))
        op, word, num = m.groups()
        start = m.start(m.lastindex or 0)
        if op:
            tokens.append(("op", op, start))
        elif num:
            tokens.append(("num", num, start))
        else:
            assert word is not None
            kind = word if word in ("and", "or", "not") else "name"
            tokens.append((kind, word, start))
        pos = m.end()
    joins = sum(1 for kind, _, _ in tokens if kind in ("and", "or"))
    if joins > MAX_JOINS:
        raise ConditionError(f"it joins {joins} tests with and/or; at most {MAX_JOINS} are read")
    parser = _Parser(tokens, text, metric_problem)
    check = parser.expr()
    if parser.i != len(tokens):
        _, word, at = tokens[parser.i]
        raise ConditionError(
            f"unexpected '{word}' at character {at + 1}{_left_over(tokens, parser.i)}"
        )
    return check


def _left_over(tokens: list[tuple[str, str, int]], i: int) -> str:
    """A hint for a token left over after a whole condition was read: a join in capitals or a
    second comparison in a row (``30 < x < 50``). (A percent sign is answered while reading.)"""
    kind, word, _ = tokens[i]
    if word.lower() in ("and", "or"):
        return f": write '{word.lower()}' in lower case"
    if kind == "op" and word in COMPARISONS and i >= 3 and tokens[i - 2][0] == "op":
        a, op, b = (tok[1] for tok in tokens[i - 3 : i])
        c = tokens[i + 1][1] if i + 1 < len(tokens) else "..."
        return f": compare two values at a time, as in '{a} {op} {b} and {b} {word} {c}'"
    return ""


_MEANT = {
    "=<": "<=", "=>": ">=", "≤": "<=", "≥": ">=", "≠": "!=", "&&": "and", "||": "or",
    "&": "and", "|": "or", "!": "not", "=": "==",
}  # fmt: skip
"""Comparisons written another way, and the operator meant (``=`` alone last)."""


def _unexpected(text: str, pos: int) -> str:
    """What stopped the reading at ``pos``: with the operator meant for a common slip."""
    rest = text[pos:].lstrip()
    at = len(text) - len(rest) + 1
    meant = next((f"'{m}'" for w, m in _MEANT.items() if rest.startswith(w)), "")
    hint = f": did you mean {meant}?" if meant else ""
    if rest.startswith("%"):
        number = re.search(r"(\d+(?:\.\d+)?)\s*$", text[:pos])
        if number:
            n = number.group(1)
            hint = f": write {n} alone (indices and shares run from 0 to 100: {n}% is {n})"
    return f"unexpected '{rest[:12]}' at character {at}{hint}"


def _either(a: Check, b: Check) -> Check:
    return lambda s: a(s) or b(s)


def _both(a: Check, b: Check) -> Check:
    return lambda s: a(s) and b(s)


MAX_DEPTH = 32
"""Brackets and 'not' nested deeper than this are refused: the reading and the check recurse
once a level, and 328 levels stopped every command with a traceback (a fuzzing audit)."""
MAX_JOINS = 200
"""At most this many and/or in one condition: the check recurses once a join when it runs."""


class _Parser:
    def __init__(
        self, tokens: list[tuple[str, str, int]], text: str, problem: Callable[[str], str | None]
    ) -> None:
        self.tokens, self.text, self.problem, self.i = tokens, text, problem, 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            raise ConditionError("the condition ends too early")
        self.i += 1
        return tok

    def expr(self) -> Check:
        left = self.conj()
        while (tok := self.peek()) is not None and tok[0] == "or":
            self.take()
            left = _either(left, self.conj())
        return left

    def conj(self) -> Check:
        left = self.unary()
        while (tok := self.peek()) is not None and tok[0] == "and":
            self.take()
            left = _both(left, self.unary())
        return left

    def unary(self) -> Check:
        tok = self.peek()
        if tok is not None and (tok[0] == "not" or tok[1] == "("):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError(
                    f"brackets and 'not' nested more than {MAX_DEPTH} deep at character "
                    f"{tok[2] + 1}"
                )
        if tok is not None and tok[0] == "not":
            self.take()
            inner = self.unary()
            self.depth -= 1
            return lambda s: not inner(s)
        if tok is not None and tok[1] == "(":
            self.take()
            inner = self.expr()
            if self.peek() is None:
                raise ConditionError("expected ')' before the end of the condition")
            close = self.take()
            if close[1] != ")":
                raise ConditionError(f"expected ')' at character {close[2] + 1}")
            self.depth -= 1
            return inner
        left = self.value()
        op = self.take()
        if op[0] != "op" or op[1] not in COMPARISONS:
            raise ConditionError(
                f"expected a comparison (<, <=, >, >=, ==, !=) at character {op[2] + 1}"
            )
        right = self.value()
        fn = COMPARISONS[op[1]]
        return lambda s: fn(left(s), right(s))

    def value(self) -> Value:
        kind, word, at = self.take()
        if kind == "num":
            number = float(word)
            return lambda s: number
        if kind != "name":
            raise ConditionError(f"expected a metric or a number at character {at + 1}")
        if word == "turn":
            return lambda s: float(s.turn + 1)  # the next turn
        if word.lower() in ("and", "or", "not"):
            raise ConditionError(
                f"unexpected '{word}' at character {at + 1}: write '{word.lower()}' in lower case"
            )
        problem = self.problem(word)
        if problem:
            raise ConditionError(problem)
        from game.metrics import metric

        return lambda s: metric(s, word)
