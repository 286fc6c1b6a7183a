"""A turn in plain words: orders, chance, and why each score and index moved (the ledger)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from game.engine import TurnRecord
from game.facilitation import find_inject
from game.fog import ledger_seen_by
from game.ledger import Entry
from game.names import score_line_why
from game.purchases import purchases, shortfall_words
from game.scenario import Scenario
from game.state import GameState
from game.tui.words import (
    FACILITATOR,
    actor_name,
    draw_line,
    draw_visible,
    hidden_keys,
    humanize,
    index_label,
    key_label,
    material_name,
    order_words,
    override_line,
    possessive,
    printed_change,
    quantity,
    signed,
    team_name,
    unit_of,
    visible_orders,
)

ECONOMY_SHOWN = 12


def worth_a_line(amount: float) -> bool:
    """A change worth a line: one that does not read '+0.00' (the ledger keeps every entry,
    in the log as the engine wrote it; only the display leaves these out)."""
    return abs(amount) >= 0.005


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def _amount(amount: float, unit: str = "", digits: int = 1) -> Text:
    style = "green" if amount > 0 else "red" if amount < 0 else "dim"
    return Text(f"{signed(amount, digits)}{unit}", style=style)


def inject_lines(scenario: Scenario, record: TurnRecord) -> list[RenderableType]:
    """The injects of a turn: headline, scripted (and which turn it is news for) or fired by
    hand, and the inject's text."""
    out: list[RenderableType] = []
    for fired in record.injects:
        # a scripted inject fires at the end of the turn (its effects are in this turn's
        # numbers) and is the news that opens the next one (rules, section 7.1)
        how = "fired by the facilitator" if fired.manual else "scripted"
        if not fired.manual and record.turn < scenario.turns:
            how += f": fired at the end of this turn, news for turn {record.turn + 1}"
        row = Text("  ▶ ")
        row.append(fired.headline, style="bold")
        row.append(f"  ({how})", style="dim")
        out.append(row)
        text = inject_text(scenario, fired.id)
        if text:
            out.append(Text(f"    {text}", style="italic"))
    return out


def inject_text(scenario: Scenario, inject_id: str) -> str:
    try:
        return " ".join(find_inject(scenario, inject_id).text.split())
    except ValueError:
        return ""


def facilitator_lines(
    scenario: Scenario, record: TurnRecord, notes: Sequence[str] = (), pov: str = FACILITATOR
) -> list[RenderableType]:
    """Overrides (with their reasons) and, for the facilitator, the notes of a turn."""
    out: list[RenderableType] = []
    if record.overrides:
        out.append(_heading("Facilitator overrides"))
        for ov in record.overrides:
            out.append(Text(f"  ✎ {override_line(scenario, ov)}", style="magenta"))
    if notes and pov == FACILITATOR:
        out.append(_heading("Facilitator notes"))
        for note in notes:
            out.append(Text(f"  • {note}"))
    return out


def _move_effects(s: Scenario, move_id: object, success: object) -> dict[str, float]:
    """What the diplomatic move ``move_id`` does to the indices when it succeeds (or fails), as
    the scenario writes it; {} for no such move."""
    mv = next((m for m in s.diplomacy if m.id == move_id), None)
    if mv is None or not isinstance(success, bool):
        return {}
    return {str(k): v for k, v in (mv.success if success else mv.failure).items()}


def capped_note(s: Scenario, e: Entry) -> str:
    """' (of +3: Tension stops at 100)' after an index move that a diplomatic move's effect
    made smaller by the 0-100 scale ('Tension +1.37: Tokyo's Firm statement succeeded' read
    as a wrong sum beside the order form's 'Tension +3'); '' for any other line."""
    if e.rule != "diplomacy" or not e.key.startswith("index."):
        return ""
    index = e.key.split(".", 1)[1]
    meant = _move_effects(s, e.inputs.get("move"), e.inputs.get("success")).get(index)
    if meant is None or abs(e.amount) >= abs(meant) - 1e-6:
        return ""
    return f" (of {meant:+g}: {index_label(s, index)} stops at {100 if meant > 0 else 0})"


def lost_to_the_scale(s: Scenario, record: TurnRecord, pov: str) -> list[str]:
    """Diplomatic moves whose effect on an index was lost whole, the index already at the end
    of its 0-100 scale (the ledger keeps no line for a change of nothing, so the move's effect
    went unexplained)."""
    moved = {
        (e.inputs.get("team"), e.inputs.get("move"), e.key)
        for e in record.ledger
        if e.rule == "diplomacy"
    }
    out: list[str] = []
    for d in record.draws:
        if d.phase != "diplomacy" or ":" not in d.subject or not draw_visible(s, pov, d):
            continue
        team, move_id = d.subject.split(":", 1)
        mv = next((m for m in s.diplomacy if m.id == move_id), None)
        if mv is None:
            continue
        for index, meant in sorted(_move_effects(s, move_id, d.happened).items()):
            if meant and (team, move_id, f"index.{index}") not in moved:
                outcome = "succeeded" if d.happened else "failed"
                why = humanize(s, f"{team}'s {mv.name} {outcome}")
                edge = 100 if meant > 0 else 0
                out.append(
                    f"{index_label(s, index)} +0.00{unit_of(s, f'index.{index}')}: {why} "
                    f"(its {meant:+g} is lost: "
                    f"{index_label(s, index)} is at {edge}, the end of its scale)"
                )
    return out


def turn_story(
    scenario: Scenario,
    record: TurnRecord,
    pov: str = FACILITATOR,
    economy: int = ECONOMY_SHOWN,
    notes: Sequence[str] = (),
) -> list[RenderableType]:
    """The turn as lines of text for ``pov``; hidden things are left out (and said to be).
    The state the turn was resolved from (``record.before``) lets it say how much of a
    stockpile purchase was delivered and what was refunded."""
    s = scenario
    hidden = hidden_keys(s, pov)
    month = s.month_label(record.turn)
    out: list[RenderableType] = [Text(f"Turn {record.turn} ({month})", style="bold")]
    entries = ledger_seen_by(s, pov, record.ledger)

    if record.injects:
        out.append(_heading("News (injects)"))
        out.extend(inject_lines(s, record))
    out.extend(facilitator_lines(s, record, notes, pov))

    # scores
    out.append(_heading("Why the scores moved"))
    by_key: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for e in entries:
        by_key[e.key].append(e)
    for team in sorted(s.teams):
        key = f"score.{team}"
        if key in hidden:
            out.append(Text(f"{possessive(team_name(s, team))} score: unknown to you", "dim"))
            continue
        items = by_key.get(key, [])
        total = sum(e.amount for e in items)
        after = record.state.scores.get(team)
        if after is not None:  # the change as the scoreboard prints it (63.2 -> 64.3: +1.1)
            total = printed_change(after, after - total)
        line = Text(f"{possessive(team_name(s, team))} score ")
        line.append_text(_amount(total, " pts"))
        out.append(line)
        moved = [e for e in items if worth_a_line(e.amount)]
        for e in sorted(moved, key=lambda e: -abs(e.amount)):
            row = Text("  • ")
            row.append_text(_amount(e.amount, "", 2))
            row.append(f"  {score_line_why(s, e.key, e.why, e.inputs, lambda m: key_label(s, m))}")
            out.append(row)
        if not moved:
            out.append(Text("  • no change", "dim"))

    # indices
    idx = [e for e in entries if e.key.startswith("index.") and worth_a_line(e.amount)]
    out.append(_heading("Why the indices moved"))
    lost_whole = lost_to_the_scale(s, record, pov)
    if not idx and not lost_whole:
        out.append(Text("  no index moved", "dim"))
    for e in idx:
        name = index_label(s, e.key.split(".", 1)[1])
        row = Text(f"  • {name} ")
        row.append_text(_amount(e.amount, unit_of(s, e.key), 2))
        row.append(f": {humanize(s, e.why)}")
        row.append(capped_note(s, e), style="dim")
        out.append(row)
    for lost in lost_whole:
        out.append(Text(f"  • {lost}", "dim"))

    # orders
    out.append(_heading("Orders carried out"))
    for team in sorted(s.teams):
        orders = record.orders.get(team, [])
        shown, n_hidden = visible_orders(s, pov, team, orders)
        if not orders:
            out.append(Text(f"  {team_name(s, team)}: held", "dim"))
        bought = (
            _purchase_lines(s, record.before, record, team)
            if record.before is not None and pov in (FACILITATOR, team)
            else {}
        )
        for o in shown:
            out.append(Text(f"  {team_name(s, team)}: {order_words(s, o)}"))
            if id(o) in bought:  # under its own order (they gathered after the last)
                out.append(bought[id(o)])
        if n_hidden:
            noun = "order" if n_hidden == 1 else "orders"
            out.append(Text(f"  {team_name(s, team)}: {n_hidden} {noun} you cannot see", "dim"))
        for o, why in record.refused.get(team, []) if pov in (FACILITATOR, team) else []:
            out.append(Text(f"  {team_name(s, team)}: REFUSED {order_words(s, o)}: {why}", "red"))

    # chance
    draws = [d for d in record.draws if draw_visible(s, pov, d)]
    out.append(_heading("Chance"))
    if not draws:
        out.append(Text("  nothing was left to chance this turn", "dim"))
    for d in draws:
        out.append(Text(f"  • {draw_line(s, d)}", "green" if d.happened else ""))

    # economy
    econ = [
        e for e in entries if not e.key.startswith(("score.", "index.")) and worth_a_line(e.amount)
    ]
    out.append(_heading("Markets and industry"))
    econ.sort(key=lambda e: -abs(e.amount))
    for e in econ[:economy]:
        row = Text(f"  • {key_label(s, e.key)} ")
        row.append_text(_amount(e.amount, unit_of(s, e.key), 2))
        row.append(f": {humanize(s, e.why)}", style="dim")
        out.append(row)
    if len(econ) > economy:
        out.append(Text(f"  … and {len(econ) - economy} smaller changes", "dim"))
    if not econ:
        out.append(Text("  nothing moved", "dim"))
    if pov in s.teams and s.fog.noise > 0:
        out.append(
            Text("  (other countries' output and stocks you see only roughly: not listed)", "dim")
        )
    if record.before is not None:
        mine = pov in s.teams
        actors = [s.teams[pov].actor] if mine else sorted(t.actor for t in s.teams.values())
        fell = [
            line
            for a in actors
            for line in import_lines(s, record.before, record.state, a, named=not mine)
        ]
        if fell:
            out.append(_heading("Imports that fell, by supplier"))
            out.extend(fell)
    return out


IMPORT_DROP = 0.05
"""A fall in a material's imports worth a line: this share of the turn before's, or more."""


def import_lines(
    s: Scenario, before: GameState, after: GameState, actor: str, named: bool = True
) -> list[Text]:
    """Each material whose imports to ``actor`` fell this turn, with the suppliers that sent
    less: 'NdFeB magnets: 1,100 t, down 900 t (China -900 t)'. A solo player's US lost its
    magnets to a Chinese stockpile purchase (China's own buying leaves less to export) and no
    line said which supplier had sent less. A country always knows its own imports, so no fog."""
    lines: list[Text] = []
    was, now = before.delivered.get(actor, {}), after.delivered.get(actor, {})
    for m in sorted(set(was) | set(now)):
        old_row, new_row = was.get(m, {}), now.get(m, {})
        total_before, total_now = sum(old_row.values()), sum(new_row.values())
        drop = total_before - total_now
        if total_before <= 0.0 or drop < IMPORT_DROP * total_before:
            continue
        unit = s.materials[m].unit
        by = [
            (new_row.get(e, 0.0) - old_row.get(e, 0.0), e)
            for e in sorted(set(old_row) | set(new_row))
        ]
        less = ", ".join(
            f"{actor_name(s, e)} -{quantity(-d)} {unit}"
            for d, e in sorted(by)
            if d < -IMPORT_DROP * total_before / 2
        )
        who = f"{actor_name(s, actor)}, " if named else ""
        line = Text(f"  • {who}{material_name(s, m)}: {quantity(total_now)} {unit}, down ")
        line.append(f"{quantity(drop)} {unit}", style="red")
        line.append(f" ({less})" if less else "")
        lines.append(line)
    return lines


def _purchase_lines(
    s: Scenario, before: GameState, record: TurnRecord, team: str
) -> dict[int, RenderableType]:
    """For each purchase the market could not fill (by the order's id), what was bought and
    the refund (the money came back without a word, and a player could not tell what had been
    bought)."""
    lines: dict[int, RenderableType] = {}
    for p in purchases(s, before, record, team):
        if p.short:
            got, refund = shortfall_words(s, p)
            why = (
                "our own industry did not get all it needed (with its restocking), and a "
                "purchase gets only what is left once that is met"
                if p.bought <= 0.0 and p.own_short
                else "the world had no more to spare once every country's own needs were met"
            )
            lines[id(p.order)] = Text(f"    {got}: {why}; {refund}", "yellow")
    return lines


class TurnStory(Static):
    """The plain-words account of one turn (put it in a scrolling container)."""

    DEFAULT_CSS = "TurnStory { height: auto; }"

    def show(
        self,
        scenario: Scenario,
        record: TurnRecord | None,
        pov: str = FACILITATOR,
        economy: int = ECONOMY_SHOWN,
        notes: Sequence[str] = (),
    ) -> None:
        if record is None:
            self.update(Text("No turn has been played yet.", style="dim"))
            return
        parts = turn_story(scenario, record, pov, economy, notes)
        if all(isinstance(p, Text) for p in parts):  # one Text renders far faster than a Group
            self.update(Text("\n").join(parts))  # type: ignore[arg-type]
        else:
            self.update(Group(*parts))
