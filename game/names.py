"""Names for the engine's identifiers: ``JPN`` -> "Japan", ``bj_pla_exercise`` -> "PLA exercise
around Taiwan", ``beijing`` -> "Beijing", ``full_ban`` -> "a full ban", in any text (the ledger's
stories are written with identifiers). Presentation only, used by the app and the after-action
report alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from game.orders import Order, StockpileBuild, StockpileRelease
from game.scenario import Scenario


def short(name: str) -> str:
    """'NdPr oxide (light rare earths)' -> 'NdPr oxide'."""
    return name.split(" (")[0]


def actor_name(s: Scenario, actor: str) -> str:
    if actor == "*":
        return "everyone"
    a = s.actors.get(actor)
    return short(a.name) if a else actor


def material_name(s: Scenario, material: str) -> str:
    m = s.materials.get(material)
    return short(m.name) if m else material


LEVEL_NAMES = {  # the control levels in the rules' stories ("... to full_ban")
    "military_ban": "a military end-use ban",
    "full_ban": "a full ban",
}


def team_names(s: Scenario) -> dict[str, str]:
    """Team id -> the team's name ('beijing' -> 'Beijing')."""
    return {t: team.name for t, team in s.teams.items()}


def index_label(s: Scenario, name: str, defaults: Mapping[str, str]) -> str:
    """What scenario ``s`` calls the index ``name`` (its ``index_labels``), else ``defaults``'
    name for it (the app and the report each have their own)."""
    labels: Mapping[str, str] = s.index_labels  # type: ignore[assignment]  # Literal keys
    return labels.get(name) or defaults.get(name, name)


def money(x: float) -> str:
    """'US$3,000M'; under 10, with the tenth that a rounding would hide ('US$1.5M')."""
    if abs(x) < 10 and round(x, 1) != round(x):
        return f"US${x:.1f}M"
    return f"US${x:,.0f}M"


def chance_text(p: float) -> str:
    """A chance as a percentage, with a tenth when it has one: '42%', '42.5%' (not '42%')."""
    tenth = round(p * 100, 1)
    return f"{tenth:.0f}%" if tenth == round(tenth) else f"{tenth:.1f}%"


def quantity(x: float) -> str:
    """A physical quantity with the digits that matter: '25,000', '12', '2.5', '0.3'."""
    if abs(x) >= 100 or x == int(x):
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:.1f}".rstrip("0").rstrip(".")
    return f"{x:.2g}"


def label_words(text: str) -> set[str]:
    """The words of a label that say what it is about (no 'the', 'of', possessives...)."""
    stop = {"the", "of", "a", "an", "and", "in", "to", "kept", "held", "us", "s"}
    return {w for w in re.findall(r"[a-z]+", text.casefold()) if w not in stop and len(w) > 2}


def score_line_why(
    s: Scenario, key: str, why: str, inputs: Mapping[str, object], measure: Callable[[str], str]
) -> str:
    """The reason of a ledger line on ``key`` in words; for a scoring line, with
    :func:`scored_why`'s note (``measure`` names a metric: the app and the report each have
    their own words)."""
    text = humanize(s, why)
    metric_path = inputs.get("metric")
    if not key.startswith("score.") or not isinstance(metric_path, str):
        return text
    label = objective_label(s, key.split(".", 1)[1], metric_path, measure)
    if why.startswith(f"{metric_path} "):  # an objective with no label: the engine's words
        # name its metric by its path (read before the names are put in: 'output.USA.defence'
        # was humanized to 'output.United States.defence' and then no longer matched)
        text = label + humanize(s, why[len(metric_path) :])
    return scored_why(text, label, measure(metric_path), inputs.get("direction"))


def objective_label(
    s: Scenario, team: str, metric_path: str, measure: Callable[[str], str] | None = None
) -> str:
    """What ``team``'s objective on ``metric_path`` is called: its label, else what
    ``measure`` calls the metric (else the path itself)."""
    label = next((o.label for o in s.objectives.get(team, []) if o.metric == metric_path), None)
    return label or (measure(metric_path) if measure is not None else metric_path)


_COMMON_WORDS = {
    "Budget", "Cover", "Days", "Deterrence", "Industrial", "Output", "Price", "Revenue", "Score",
    "Share", "Stockpile", "Tension", "Working",
}  # fmt: skip
"""First words of the engine's own names for metrics, lower-cased inside a sentence."""


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: the engine's own 'Tension' -> 'tension', while a
    scenario's name stays as written ('Taiwan posture', 'US Chip Controls': only the scenario
    knows which of its words are proper names)."""
    first = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first in _COMMON_WORDS else name


def scored_why(why: str, label: str, measured: str, direction: object) -> str:
    """A scoring line's reason ('Crisis kept below the brink went from 78.8 to 94.5') with
    which way is better when lower is, and what is measured when the objective's label does
    not say: '... (tension: lower is better)'. A solo player read Washington's tension going
    up as the crisis kept below the brink."""
    unclear = not label_words(label) & label_words(measured)
    said = in_sentence(measured)
    if direction == "down":
        return f"{why} ({said + ': ' if unclear else ''}lower is better)"
    return f"{why} ({said})" if unclear else why


def _names(s: Scenario) -> dict[str, str]:
    out: dict[str, str] = dict(LEVEL_NAMES)
    for tid, team in s.teams.items():
        out[tid] = team.name  # "beijing's PLA exercise" -> "Beijing's PLA exercise"
    for aid in s.actors:
        out[aid] = actor_name(s, aid)
    for mid in s.materials:
        out[mid] = material_name(s, mid)
    for opt in s.investments:
        out[opt.id] = opt.name
    for mv in s.diplomacy:
        out[mv.id] = mv.name
    return out


EVERYONE = re.compile(r"\b(to|from|on|for) \*(?=\W|$)")  # 'exports to *': every country

_NAME_CACHE: dict[
    int, tuple[Scenario, dict[str, str], re.Pattern[str] | None, re.Pattern[str] | None]
] = {}


def _named_ids(s: Scenario) -> list[str]:
    """The scenario's names (materials, countries, projects, moves; whole and short) that hold
    one of its identifiers as a word: 'NdFeB magnets' holds the material id 'magnets',
    'Battery graphite' the id 'graphite'. Longest first."""
    ids = {*s.teams, *s.actors, *s.materials, *(o.id for o in s.investments)}
    ids |= {m.id for m in s.diplomacy}
    full = [m.name for m in s.materials.values()] + [a.name for a in s.actors.values()]
    full += [o.name for o in s.investments] + [m.name for m in s.diplomacy]
    found = set()
    for name in full:
        for n in (name, short(name)):
            if n not in ids and any(re.search(rf"\b{re.escape(i)}\b", n) for i in ids):
                found.add(n)
    return sorted(found, key=len, reverse=True)


_NAMED: dict[int, tuple[Scenario, list[str]]] = {}


def _protect(s: Scenario, text: str) -> tuple[str, list[str]]:
    """``text`` with each name of ``_named_ids`` it holds put aside (a private-use character
    in its place, which no identifier matches), so that humanize does not name its identifier
    again: the engine's 'holds only 1,025 t of NdFeB magnets' read 'NdFeB NdFeB magnets'."""
    hit = _NAMED.get(id(s))
    if hit is None or hit[0] is not s:
        if len(_NAMED) > 32:
            _NAMED.clear()
        hit = _NAMED[id(s)] = (s, _named_ids(s))
    kept: list[str] = []
    for name in hit[1]:
        if name in text:
            text = text.replace(name, chr(0xE000 + len(kept)))
            kept.append(name)
    return text, kept


def humanize(s: Scenario, text: str) -> str:
    """Replace identifiers (teams, actors, materials, options, moves) in ``text`` by names. A
    name the text already holds is left as it is, even where it contains an identifier ('NdFeB
    magnets', id 'magnets': the engine's 'holds only 1,025 t of NdFeB magnets' read 'NdFeB
    NdFeB magnets' in the app, the report and run)."""
    text, kept = _protect(s, text)
    cached = _NAME_CACHE.get(id(s))
    if cached is None or cached[0] is not s:  # (an id can be reused once a scenario is gone)
        names = _names(s)
        keys = sorted(names, key=len, reverse=True)
        pattern = (
            re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b") if keys else None
        )
        moves = sorted((mv.name for mv in s.diplomacy), key=len, reverse=True)
        quoted = (
            re.compile(r"(?<='s )(" + "|".join(map(re.escape, moves)) + r") (succeeded|failed)\b")
            if moves
            else None
        )
        if len(_NAME_CACHE) > 32:
            _NAME_CACHE.clear()
        cached = _NAME_CACHE[id(s)] = (s, names, pattern, quoted)
    _, names, pattern, quoted = cached
    text = EVERYONE.sub(r"\1 everyone", text)  # 'exports to *': a control on every country
    if pattern is not None:
        text = pattern.sub(lambda m: names[m.group(1)], text)
    if quoted is not None:  # "Beijing's 'Offer talks on condition …' failed": a move's name
        text = quoted.sub(r"“\1” \2", text)
    for i, name in enumerate(kept):
        text = text.replace(chr(0xE000 + i), name)
    return text


def order_words(s: Scenario, order: Order) -> str:
    """An order in plain words: its description, with the scenario's names, units, and '*' as
    everyone ('Export control on Dy/Tb oxide to Japan: full ban', 'Release 150 t of NdFeB
    magnets from the stockpile to Japan')."""
    text = order.describe()
    if isinstance(order, StockpileRelease | StockpileBuild) and order.material in s.materials:
        # 'Release 150 t of NdFeB magnets', with the material's unit
        # ... and thousands separated, as the forms show it ('Buy 100,000 t', not '100000')
        unit = s.materials[order.material].unit
        amount = f"{order.amount:,.3f}".rstrip("0").rstrip(".")
        if amount == "0":  # 0.0001 t read 'Buy 0 t'
            amount = f"{order.amount:.2g}"
        text = text.replace(f" {order.amount:g} of ", f" {amount} {unit} of ", 1)
    return humanize(s, text)


def printed_change(now: float, before: float, digits: int = 1) -> float:
    """The change between two values as printed with ``digits`` decimals: 63.24 -> 64.27 is
    printed '63.2' -> '64.3', so its change is +1.1, not the +1.0 the exact values give. The app
    and the report print every change beside its value this way, so the columns add up."""
    return round(now, digits) - round(before, digits)


def and_list(words: list[str]) -> str:
    """'Beijing', 'Beijing and Tokyo', 'Beijing, Tokyo and Washington'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def count(n: int, noun: str) -> str:
    """'1 turn', '2 turns', '0 turns'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def turns_words(n: int) -> str:
    """'turn 1', 'turns 1-3'."""
    return "turn 1" if n == 1 else f"turns 1-{n}"


def draw_verdict(s: Scenario, subject: str, value: float) -> str:
    """What a facilitator's override of a draw did, in words. For a project the draw is its
    slipping, so "happened" (1) reads "made to slip a turn", not "made to succeed"."""
    happened = value >= 0.5
    if any(o.id == subject for o in s.investments):
        return "made to slip a turn" if happened else "kept on schedule"
    return "made to succeed" if happened else "made to fail"


def roll_text(roll: float, chance: float) -> str:
    """A draw's roll to as many places as it takes to tell it from the chance it was drawn
    against ('0.20' beside a 20% chance hid that 0.1997 came in under it): two, or more."""
    digits = 2
    # and never '1.00' for a roll, which is always below 1
    while digits < 6 and (
        round(roll, digits) == round(chance, digits) or round(roll, digits) >= 1.0
    ):
        digits += 1
    return f"{roll:.{digits}f}"
