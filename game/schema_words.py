"""Pydantic's complaints about a scenario, in a scenario author's words.

Pydantic says "String should match pattern '^[A-Za-z][A-Za-z0-9_\\-]*$'" or "Input should be a
valid dictionary or instance of Team"; an author needs "an id is a letter followed by letters,
digits, '_' or '-'" or "'blurb' was read as a team: check its indentation". :func:`plain` gives
those words for one pydantic error, from its type, its context, the value and where it stands
in the scenario format (:func:`kind_at`).
"""

from __future__ import annotations

import datetime
import re
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from game.scenario import Loc, Scenario
from game.spelling import did_you_mean

ID_WORDS = "an id is a letter followed by letters, digits, '_' or '-'"
MONTH_WORDS = 'write the month as "YYYY-MM" in quotes, e.g. "2026-01"'
_BOUNDS = {
    "less_than_equal": ("le", "should be at most"),
    "greater_than_equal": ("ge", "should be at least"),
    "greater_than": ("gt", "should be above"),
    "less_than": ("lt", "should be below"),
}
_TYPES = {
    "finite_number": "should be a finite number (not .inf or .nan)",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "dict_type": "should be a mapping (lines of 'name: value', or {name: value, ...})",
    "list_type": "should be a list (lines starting '- ', or [a, b, ...])",
}


def plain(error: ErrorDetails, loc: Loc, root: Any = None) -> str:
    """What ``error`` (at field path ``loc``, without pydantic's tags) means, in plain words.

    ``loc`` is a path in a scenario, or in a ``root`` model (an order's class, an override)."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        said = f"{words} {_number(ctx[key])}"
        if loc[:1] == ("injects",) and loc[-1] == "turn" and kind == "greater_than_equal":
            said += (
                " (an inject opens a turn and fires at the end of the one before: the first "
                "turn opens on the scenario's own starting state)"
            )
        fraction = kind == "less_than_equal" and ctx[key] == 1
        # a percentage (2 to 100: 1.05 is a share a little too big, not 1.05%)
        if fraction and isinstance(value, int | float) and 2 <= value <= 100:
            said += f" (a share or chance from 0 to 1: write {value / 100:g} for {value:g}%)"
        return said
    if kind in ("float_parsing", "int_parsing") and isinstance(value, str):
        percent = re.fullmatch(r"\s*([-+]?\d+(?:\.\d+)?)\s*%\s*", value)
        bound = _upper_bound(loc, root)
        # a share or chance (at most 1), or a factor (at most 10 or 20): 70% is 0.7 in both;
        # an index or its change is on a 0-100 scale, where 70% is 70, and a whole number
        # (months, action points) is no fraction
        if percent and kind == "float_parsing" and bound is not None and bound <= 20.0:
            share = float(percent[1]) / 100
            what = "a share or chance from 0 to 1" if bound == 1.0 else f"a number up to {bound:g}"
            return f"{_TYPES[kind]}: write {share:g} ({what}: {value.strip()} is {share:g})"
        return f"{_TYPES[kind]}{_number_in_text(value)}"
    if kind in _TYPES:
        return _TYPES[kind]
    if kind == "literal_error":
        words = re.sub(r"^Input should", "should", error["msg"])
        guess = did_you_mean(str(value), re.findall(r"'([^']*)'", str(ctx.get("expected"))))
        return f"{words}; {guess}" if guess else words
    if kind == "string_pattern_mismatch":
        if loc == ("start",):
            return MONTH_WORDS
        star = ', or "*" for every importer' if "\\*" in str(ctx.get("pattern")) else ""
        return f"{ID_WORDS}{star} (not '{value}')"
    if kind == "string_type":
        if loc == ("start",):
            return MONTH_WORDS
        return f"should be text, not {_what(value)}: put it in quotes"
    if kind == "missing" and loc:
        return f"missing required field '{loc[-1]}'"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "more"
        return f"should be at most {ctx.get('max_length')} characters long (not {length})"
    if kind == "string_too_short":
        return "is empty: the players read it, so write it"
    if kind == "too_short":
        return f"at least one {_singular(str(loc[-1]))} is needed"
    if kind == "model_type":
        return _not_a_model(loc, value)
    return re.sub(r"^Input should", "should", error["msg"])


def _upper_bound(loc: Loc, root: Any = None) -> float | None:
    """The largest value the field at ``loc`` allows (``le``), None when it has no such bound."""
    if not loc:
        return None
    model = _unwrap(kind_at(loc[:-1], root))
    if isinstance(model, type) and issubclass(model, BaseModel):
        info = model.model_fields.get(str(loc[-1]))
        return _le(info.metadata) if info is not None else None
    # a value in a table (``trade_shares.JPN.ndpr.CHN``): its type carries the bound
    kind = kind_at(loc, root)
    return _le(list(get_args(kind)[1:])) if get_origin(kind) is Annotated else None


def _le(metadata: list[Any]) -> float | None:
    """The ``le`` bound among a field's constraints (a ``Field(...)`` holds its own list)."""
    for meta in metadata:
        bound = getattr(meta, "le", None)
        if isinstance(bound, int | float):
            return float(bound)
        inner = _le(list(getattr(meta, "metadata", None) or []))
        if inner is not None:
            return inner
    return None


def _number_in_text(text: str) -> str:
    """How to write ``text`` (a number with more around it) as the number it means: ': write
    3000 (no thousands separators)' for '3,000', ": write 2.5 alone, without 't'" for '2.5 t';
    '' when no number is in it."""
    text = text.strip()
    if re.fullmatch(r"[-+]?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?", text):
        return f": write {re.sub(r'[, ]', '', text)} (no thousands separators)"
    found = re.fullmatch(r"(\D*?)\s*([-+]?\d+(?:\.\d+)?)\s*(\D*)", text)
    if found is None or not (found[1] or found[3]):
        return ""
    bracketed = found[1].rstrip().endswith(("(", "[")) and found[3].lstrip().startswith((")", "]"))
    if bracketed and re.search(r"[^\W\d_]", found[1]):
        return ""  # a number in brackets after words is a note's ('see Lynas (2011)')
    extra = "' and '".join(p.strip() for p in (found[1], found[3]) if p.strip())
    return f": write {found[2]} alone, without '{extra}'"  # 'US$' and '/kg', not 'US$ /kg'


def _number(x: Any) -> str:
    """1000000000.0 -> '1,000,000,000'; 0.5 -> '0.5'."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    return "a list" if isinstance(value, list) else "a mapping"


def _singular(field: str) -> str:
    return field[:-1] if field.endswith("s") else field


def _not_a_model(loc: Loc, value: Any) -> str:
    """A plain value where a mapping of a model's fields should be. Under ``teams`` (say), a
    team's field indented one step too little (``blurb:``) is read as a team of that name."""
    model = _unwrap(kind_at(loc))
    noun = _noun(model)
    fields = (
        list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []
    )
    inside = _unwrap(kind_at(loc[:-1])) if loc else None
    if get_origin(inside) is dict and str(loc[-1]) in fields:
        return (
            f"'{loc[-1]}' was read as {noun}: check its indentation "
            f"('{loc[-1]}' is a field of {noun}, written under one)"
        )
    listed = f" ({', '.join(fields)})" if fields else ""
    if value is None:  # 'AUS:' with nothing after it, or a '-' alone
        return f"is empty: give the fields of {noun}{listed}"
    return f"should be a mapping of the fields of {noun}{listed}, not {_what(value)}"


def _noun(model: Any) -> str:
    """'an investment option' for InvestmentOption."""
    name = re.sub(r"(?<!^)([A-Z])", r" \1", getattr(model, "__name__", "entry")).lower()
    if name.endswith("s"):
        return name  # 'inject effects'
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def fields_at(loc: Loc) -> list[str]:
    """The field names the scenario format allows at ``loc`` (empty when it cannot tell)."""
    kind = _unwrap(kind_at(loc))
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return list(kind.model_fields)
    return []


def holders_of(loc: Loc, name: str, value: Any) -> list[str]:
    """The fields of the model at ``loc`` under which ``name`` is a key allowed (``indices``
    for 'tension' in inject effects): where a field written one level too high belongs. A
    field whose entries are text is left out for a number, and the other way round."""
    model = _unwrap(kind_at(loc))
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    found = []
    for field, info in model.model_fields.items():
        kind = _unwrap(info.annotation)
        if get_origin(kind) is not dict:
            continue
        keys, entry = (_unwrap(k) for k in get_args(kind))
        if get_origin(keys) is not Literal or name not in get_args(keys):
            continue
        if (entry is str) != isinstance(value, str):
            continue
        found.append(field)
    return found


def is_table(loc: Loc) -> bool:
    """True if the scenario format has a mapping of names at ``loc`` (materials, teams, ...)."""
    return get_origin(_unwrap(kind_at(loc))) is dict


def kind_at(loc: Loc, root: Any = None) -> Any:
    """The type the scenario format (or the ``root`` model) expects at ``loc`` (None when it
    cannot tell)."""
    kind: Any = Scenario if root is None else root
    for part in loc:
        kind = _unwrap(kind)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            field = kind.model_fields.get(str(part))
            if field is None:
                return None
            kind = field.annotation
        elif get_origin(kind) in (dict, list, tuple):
            kind = get_args(kind)[-1]
        else:
            return None
    return kind


def _unwrap(kind: Any) -> Any:
    """``Annotated[X, ...]`` and ``X | None`` -> ``X``."""
    while True:
        if get_origin(kind) is Annotated:
            kind = get_args(kind)[0]
            continue
        args = [a for a in get_args(kind) if a is not type(None)]
        if get_origin(kind) in (Union, UnionType) and len(args) == 1:
            kind = args[0]
            continue
        return kind
