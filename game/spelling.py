"""Words for a name that is not known: what was written, the closest known name, the known ones.

A scenario author or plan writer who types ``magnet`` for ``magnets`` or ``JAPAN`` for ``JPN``
reads "unknown material 'magnet' (did you mean 'magnets'? known: ...)" instead of hunting
through the list. The closeness test is :func:`difflib.get_close_matches` on the names as
written and case-folded, so the suggestion is always a name the file may use as it stands.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known name ``value`` was most likely meant to be, or None when nothing is close."""
    names = sorted(known)
    folded = {n.casefold(): n for n in names}
    hit = folded.get(value.casefold())
    if hit is not None:
        return hit  # only the case differs
    tails = [n for n in names if ":" in n and n.rpartition(":")[2].casefold() == value.casefold()]
    if len(tails) == 1:
        return tails[0]  # the part after the colon alone: 'dove' for 'doctrine:dove'
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """Words like "did you mean 'magnets'?" for 'magnet'; '' when no known name is close."""
    hint = closest(value, known)
    return f"did you mean '{hint}'?" if hint is not None else ""


def unknown(what: str, value: str, known: Iterable[str]) -> str:
    """Words like "unknown material 'magnet' (did you mean 'magnets'? known: dytb, ...)"."""
    names = sorted(known)
    parts = [p for p in (did_you_mean(value, names), f"known: {', '.join(names)}") if p]
    return f"unknown {what} '{value}' ({' '.join(parts)})"
