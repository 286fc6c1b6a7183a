"""Words for a name that is not known: what was written, the closest known name, the known ones.

A scenario author or plan writer who types ``magnet`` for ``magnets`` or ``JAPAN`` for ``JPN``
reads "unknown material 'magnet' (did you mean 'magnets'? known: ...)" instead of hunting
through the list. The closeness test is :func:`difflib.get_close_matches` on the names as
written and case-folded, so the suggestion is always a name the file may use as it stands. The
format spells the British way; an American spelling (``license_approval``, ``defense``) is
answered with the British name, and says so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_AMERICAN = (
    (re.compile(r"licens(?=e)", re.I), "licenc"),
    (re.compile(r"defens(?=e)", re.I), "defenc"),
    (re.compile(r"(?<=[a-z])iz(?=e|ing|ation)", re.I), "is"),
)
"""American spellings and the British ones the scenario format uses (``licence_approval``,
``defence``, ``prioritise_defence``)."""


def british(value: str) -> str:
    """``value`` with American spellings made British: 'license_approval' -> 'licence_approval'."""
    for pattern, repl in _AMERICAN:
        value = pattern.sub(repl, value)
    return value


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known name ``value`` was most likely meant to be, or None when nothing is close."""
    value = str(value)  # a YAML key may be a number or true/false
    names = sorted(known)
    folded = {n.casefold(): n for n in names}
    hit = folded.get(value.casefold()) or folded.get(british(value).casefold())
    if hit is not None:
        return hit  # only the case, or American for British spelling, differs
    tails = [n for n in names if ":" in n and n.rpartition(":")[2].casefold() == value.casefold()]
    if len(tails) == 1:
        return tails[0]  # the part after the colon alone: 'dove' for 'doctrine:dove'
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """Words like "did you mean 'magnets'?" for 'magnet'; '' when no known name is close."""
    hint = closest(value, known)
    if hint is None:
        return ""
    if hint.casefold() != value.casefold() and hint.casefold() == british(value).casefold():
        return f"did you mean '{hint}'? (British spelling)"
    return f"did you mean '{hint}'?"


def unknown(what: str, value: str, known: Iterable[str], declare: str = "") -> str:
    """Words like "unknown material 'magnet' (did you mean 'magnets'? known: dytb, ...)".

    ``declare``, the section where such names are declared ('actors'), adds how to make the
    name known: "unknown actor 'CAN' (did you mean 'CHN'? or declare it under 'actors:';
    known: ...)", for a name whose declaration was left out or deleted."""
    names = sorted(known)
    long = len(value) > LONGEST_QUOTED  # a list pasted where a name goes: not quoted whole
    guess = "" if long else did_you_mean(value, names)
    if declare:
        guess = f"{guess + ' or ' if guess else ''}declare it under '{declare}:';"
    known_words = f"known: {', '.join(names)}" if names else "there are none to choose from"
    parts = [p for p in (guess, known_words) if p]
    shown = f"{value[: LONGEST_QUOTED - 3]}..." if long else value
    return f"unknown {what} '{shown}'{hidden_characters(shown)} ({' '.join(parts)})"


LONGEST_QUOTED = 80
"""A name longer than this is quoted cut short, with no guess at what was meant: a list of a
million items given as an order's type was quoted whole, a 52 MB message (a fuzzing audit)."""


def hidden_characters(text: str) -> str:
    """' (it holds an invisible character, U+200B ZERO WIDTH SPACE)' when ``text`` holds
    characters a reader cannot see or tell from a space (pasted from a web page, say), else
    '' (a log auditor's 'tokyo' with a zero-width space inside was quoted back as if it
    were 'tokyo')."""
    import unicodedata

    odd = sorted(
        {c for c in text if unicodedata.category(c) in ("Cf", "Zs", "Cc") and c not in " \t\n"}
    )
    if not odd:
        return ""
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control character')}" for c in odd)
    what = "an invisible character" if len(odd) == 1 else "invisible characters"
    return f" (it holds {what}, {named})"
