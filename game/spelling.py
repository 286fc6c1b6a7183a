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
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def unknown(what: str, value: str, known: Iterable[str], *, listed: bool = True) -> str:
    """Words like "unknown material 'magnet' (did you mean 'magnets'? known: dytb, ...)"."""
    names = sorted(known)
    hint = closest(value, names)
    parts = []
    if hint is not None:
        parts.append(f"did you mean '{hint}'?")
    if listed:
        parts.append(f"known: {', '.join(names)}")
    return f"unknown {what} '{value}'" + (f" ({' '.join(parts)})" if parts else "")


def not_one_of(value: str, what: str, known: Iterable[str]) -> str:
    """Words like "'bj_firm_statment' is not one of Beijing's diplomatic moves (did you mean
    'bj_firm_statement'? they are: ...)"."""
    names = sorted(known)
    hint = closest(value, names)
    guess = f"did you mean '{hint}'? " if hint else ""
    return f"'{value}' is not one of {what} ({guess}they are: {', '.join(names) or 'none'})"
