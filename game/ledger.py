"""The ledger: every change of a score or index, with the rule, its inputs and the amount.

The debrief asks "why did my score move?"; the answer is the ledger entries of that turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Entry:
    """``key`` moved by ``amount`` because of ``rule`` given ``inputs``; ``why`` in words."""

    rule: str
    key: str
    amount: float
    inputs: dict[str, Any]
    why: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "key": self.key,
            "amount": round(self.amount, 6),
            "inputs": {k: _r(v) for k, v in sorted(self.inputs.items())},
            "why": self.why,
        }


def _r(v: Any) -> Any:
    return round(v, 6) if isinstance(v, float) else v


@dataclass(slots=True)
class Ledger:
    """A turn's entries. ``on=False`` keeps none: for look-ahead, where no one reads them."""

    entries: list[Entry] = field(default_factory=list)
    on: bool = True

    def add(self, rule: str, key: str, amount: float, why: str, /, **inputs: Any) -> None:
        if self.on and abs(amount) >= 1e-6:
            self.entries.append(Entry(rule, key, amount, inputs, why))

    def for_key(self, prefix: str) -> list[Entry]:
        return [e for e in self.entries if e.key.startswith(prefix)]
