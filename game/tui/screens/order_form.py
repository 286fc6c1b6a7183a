"""The order builder: every order type of the engine, built from choices, checked live.

The form shows what the order costs, what the team has left, and the engine's own verdict
(``Session.check``) before the order is added; it dismisses with the order, or None.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from game.metrics import metric
from game.order_checks import ALLIES, CONFLICT, order_cost
from game.orders import (
    Diplomacy,
    ExportControl,
    Hold,
    Invest,
    LicenceApproval,
    Order,
    PrioritiseDefence,
    Sanction,
    StockpileBuild,
    StockpileRelease,
    Tariff,
)
from game.rules.context import Model
from game.rules.controls import control_tension, fraction_through
from game.rules.diplomacy import chance_of, modifier_term
from game.rules.measures import SANCTION_LEVEL
from game.scenario import IndexName, Scenario
from game.state import ControlState, GameState, control_key
from game.tui.game import Game
from game.tui.screens import DIALOG_HELP, tame_cursor
from game.tui.screens.base import Dialog
from game.tui.widgets.footer import Footer
from game.tui.widgets.line_input import LineInput
from game.tui.widgets.tick_box import TickBox
from game.tui.words import (
    actor_name,
    ally_release_words,
    citation,
    cited,
    conflict_words,
    days_of_demand,
    esc,
    humanize,
    index_label,
    key_label,
    material_name,
    money,
    order_words,
    possessive,
    quantity,
    signed,
)

ORDER_LABELS = {
    "export_control": "Export control",
    "licence_approval": "Licence approvals",
    "stockpile_release": "Release from stockpile",
    "stockpile_build": "Buy for stockpile",
    "invest": "Invest in a project",
    "diplomacy": "Diplomatic move",
    "tariff": "Tariff",
    "sanction": "Sanctions",
    "prioritise_defence": "Prioritise defence",
    "hold": "Hold (do nothing)",
}
FIELDS: dict[str, tuple[str, ...]] = {
    "export_control": ("material", "target", "level", "approval", "extraterritorial"),
    "licence_approval": ("material", "target", "approval"),
    "stockpile_release": ("material", "amount", "to"),
    "stockpile_build": ("material", "amount"),
    "invest": ("option",),
    "diplomacy": ("move",),
    "tariff": ("target", "material", "rate"),
    "sanction": ("target", "severity"),
    "prioritise_defence": ("on",),
    "hold": (),
}
ALL_FIELDS = (
    "material", "target", "level", "approval", "extraterritorial", "amount", "to",
    "option", "move", "rate", "severity", "on",
)  # fmt: skip
LEVELS = [
    ("Open (lift controls)", "open"),
    ("Licensing", "licensing"),
    ("Ban on military end use", "military_ban"),
    ("Full ban", "full_ban"),
]
PERCENTS = [(f"{p}%", p / 100) for p in (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)]
RATES = [(f"{p}%", p / 100) for p in (0, 5, 10, 15, 25, 35, 50, 75, 100)]
MAX_AMOUNT = 1e9
"""The most a stockpile order may name (in the material's unit): far above any material's
world output, and below the sizes that print as '1e+20 t' and 'US$70,000,000,000,000,008,192M'."""
ONE_COUNTRY = ("tariff", "sanction")
"""Orders aimed at one country: the engine refuses them 'Everyone (*)'."""
SEVERITIES = [("Targeted", "targeted"), ("Broad", "broad"), ("Lift sanctions", "lift")]


def effects_text(s: Scenario, effects: Mapping[IndexName, float]) -> str:
    if not effects:
        return "no effect"
    return ", ".join(f"{index_label(s, k)} {signed(v, 0)}" for k, v in effects.items())


def _pct(x: float) -> str:
    """A share as the form prints it: '48%', or '7.5%' where the tenth matters."""
    p = 100 * x
    return f"{p:.0f}%" if abs(p - round(p)) < 0.05 or p >= 10 else f"{p:.1f}%"


APPROVAL_TENSION_WORDS = (
    "{step:g} for every 100 points of approval cut, three times that below 50% approved, "
    "where licensing nears a ban; a rise gives back half as much"
)
LADDER_WORDS = (
    "{step:g} a step up the ladder: licensing 1 (up to 3 as approvals near 0), military ban 2, "
    "full ban 3, extraterritorial +0.5; half back a step down"
)


def order_effect(model: Model, state: GameState, team: str, order: Order) -> str:
    """What ``order`` does, for whom, and its usual cost or side effect, in one or two plain
    sentences with the scenario's own numbers (docs/rules.md 2.1-2.3, 2.8, 2.10): the forms
    of diplomacy and investment show chances and effects; these say what the other orders do.
    Empty for the orders whose form already says it. The shares let through are the trade
    rule's own (``controls.fraction_through``)."""
    s = model.scenario
    me = s.teams[team].actor
    dyn, trade = s.dynamics, s.trade
    step = dyn.tension_per_control_step
    if isinstance(order, ExportControl | LicenceApproval):
        mat = material_name(s, order.material)
        whose = "every buyer's" if order.target == "*" else possessive(actor_name(s, order.target))
        current = state.controls.get(control_key(me, order.material, order.target))
        friction = trade.licensing_friction
        leak = trade.leakage * state.leak_factor
        licensed = fraction_through(
            model, ControlState("licensing", order.approval), order.material, order.target
        )
        if isinstance(order, LicenceApproval):
            tension = control_tension(step, current, order) if current is not None else 0.0
            moved = (
                f"tension {signed(tension)}" if abs(tension) >= 0.05 else "tension does not move"
            )
            return (
                f"Lets {_pct(licensed)} of {whose} requests for {mat} "
                f"through (approved {_pct(order.approval)}, less {_pct(friction)} lost to "
                f"delays); {moved} ({APPROVAL_TENSION_WORDS.format(step=step)})."
            )
        level = order.level
        requests = f"{whose} requests"
        if level == "open":
            general = state.controls.get(control_key(me, order.material, "*"))
            what = f"Lifting the control lets {requests} through in full" + (
                ", except where our control on everyone still binds."
                if order.target != "*" and general is not None
                else "."
            )
        elif level == "licensing":
            what = (
                f"Licensing lets {_pct(licensed)} of {requests} through "
                f"({_pct(order.approval)} approved, {_pct(friction)} of that lost to delays)"
            )
        elif level == "military_ban":
            floor = trade.military_share_floor
            if order.target == "*":
                what = f"A military end-use ban blocks each buyer's defence share + {_pct(floor)}"
            else:
                ban = ControlState("military_ban")
                blocked = 1.0 - fraction_through(model, ban, order.material, order.target)
                what = (
                    f"A military end-use ban blocks {_pct(blocked)} of {requests} "
                    f"(its defence share + {_pct(floor)} of dual-use buyers)"
                )
        else:
            what = f"A full ban blocks all of {requests}"
        if order.target != "*":
            bought = state.shares.get(order.target, {}).get(order.material, {}).get(me, 0.0)
            what = (
                f"{actor_name(s, order.target)} buys {_pct(bought)} of its {mat} imports from "
                f"us. {what}"
            )
        if level != "open":
            cut = trade.extraterritorial_enforcement
            what += f"; {_pct(leak)} of what is blocked still leaks through third countries"
            if order.extraterritorial:
                what += f", {_pct(leak * (1 - cut))} as Extraterritorial binds them too."
            else:
                what += f" (Extraterritorial binds them too and stops {_pct(cut)} of that)."
        tension = control_tension(step, current, order)
        if abs(tension) < 0.005:
            return what + " Tension unchanged."
        cost = f" Tension {signed(tension)} ({LADDER_WORDS.format(step=step)})."
        now = state.indices.get("tension", 0.0)
        if tension > 0 and now + tension > 100.0:  # the engine stops it at 100
            cost += f" Tension is at {now:.1f} and stops at 100: {signed(100.0 - now)} of it."
        if tension > 0:
            china = " (China's market share falls)" if team == "beijing" else ""
            cost += (
                f" Buyers we block shift {_pct(trade.diversion_rate)} x the blocked share to "
                f"other suppliers each turn, for good{china}."
            )
        return what + cost
    if isinstance(order, Tariff):
        mat = material_name(s, order.material)
        who = actor_name(s, order.target)
        had = control_key(me, order.material, order.target) in state.tariffs
        if order.rate == 0.0:
            return (
                f"Removes our tariff on {mat} from {who}: tension -1. Purchases it moved "
                "elsewhere stay there."
            )
        share = state.shares.get(me, {}).get(order.material, {}).get(order.target, 0.0)
        shift = dyn.tariff_diversion * order.rate
        new = " Tension does not move." if had else " Tension +1."
        return (
            f"Each turn it stands, we move {_pct(shift)} of {possessive(who)} share of our "
            f"{mat} purchases (now {_pct(share)}) to other producers. It raises no revenue and "
            f"does not change prices.{new}"
        )
    if isinstance(order, Sanction):
        who = actor_name(s, order.target)
        # as the engine moves it (measures.SANCTION_LEVEL): the change in severity, in full up
        # and by half down (the form said +2 from targeted to broad, where the engine adds 1)
        was = SANCTION_LEVEL[state.sanctions.get(f"{me}|{order.target}", "lift")]
        rise = float(SANCTION_LEVEL[order.severity] - was)
        moved = f"tension {signed(rise if rise > 0 else rise / 2)}"
        if order.severity == "lift":
            return f"Ends our sanctions on {who}: {moved}."
        broad = order.severity == "broad"
        hit = dyn.sanction_revenue_hit * (1.0 if broad else 0.5)
        half = "" if broad else " (half what broad sanctions take)"
        return (
            f"{possessive(who)} export revenue falls {_pct(hit)} each turn they stand{half}; "
            f"{moved}. They do not block trade."
        )
    if isinstance(order, PrioritiseDefence):
        if not any(q > 0 for q in s.demand.get(me, {}).get("defence", {}).values()):
            return f"{actor_name(s, me)} has no defence industry in this scenario: no effect."
        if not order.on:
            return (
                "Every sector again gets the same share of a scarce material. Defence loses "
                "its first call; the other sectors get more."
            )
        return (
            "When a material runs short, our defence sector gets all it needs first and the "
            "other sectors share what is left, so defence output holds while theirs falls "
            "further. No effect while supply is full; it stays until we stop it."
        )
    return ""


def pick(options: Sequence[tuple[str, Any]], value: Any, default: Any) -> Any:
    """``value`` if ``options`` offers it, else ``default`` (an order being edited may hold a
    value the form does not list, e.g. an approval share from a plan)."""
    return value if any(v == value for _, v in options) else default


class OrderForm(Dialog[Order | None]):
    """Build one order for ``team``; ``drafts`` are the orders it has already drafted (without
    the one being edited); ``editing``, an order to start from (Enter on a drafted order)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        DIALOG_HELP,
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "add", "Add order", priority=True),
        Binding("ctrl+s", "save", "Save the order", priority=True),  # an order being changed
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+s adds a new order, or saves the one being changed: the footer says which."""
        if action in ("add", "save"):
            return (action == "save") == (self.editing is not None)
        return True

    def __init__(
        self, game: Game, team: str, drafts: Sequence[Order], editing: Order | None = None
    ) -> None:
        super().__init__()
        self.game = game
        self.team = team
        self.drafts = list(drafts)
        self.editing = editing
        self.start: dict[str, Any] = editing.model_dump() if editing is not None else {}
        self.order: Order | None = None
        self.seen = game.view(self.team).state  # what the team sees: a move's chance reads it
        self.everyone_offered = True  # 'Everyone (*)' among the countries (not for a tariff)

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        s = self.game.scenario
        team = s.teams[self.team]
        me = team.actor
        mats = [(esc(material_name(s, m)), m) for m in sorted(s.materials)]
        made = self.game.session.state.production[me]
        # start on a material this team produces, so an export control is valid as it opens
        first_made = next((m for _, m in mats if made.get(m, 0.0) > 0.0), mats[0][1])
        # a stockpile goes to our own industry or, between the allies, to the ally's (rules
        # 2.3): the other countries were offered and always refused
        allied = {s.teams[t].actor for t in ALLIES if t in s.teams}
        allies = [(esc(actor_name(s, a)), a) for a in sorted(allied) if me in allied and a != me]
        # start on the first project the team can still fund (not one under way or done, nor
        # one already in this turn's orders, which the engine refuses as a conflict); those
        # say what became of them (a solo player picked a funded one to learn it was)
        state = self.game.session.state
        drafted = {o.option for o in self.drafts if isinstance(o, Invest)}
        taken = {*state.completed, *(p.option for p in state.projects), *drafted}

        def status(option_id: str) -> str:
            if option_id in state.completed:
                return " · completed"
            if any(p.option == option_id for p in state.projects):
                return " · under way"
            return " · in this turn's orders" if option_id in drafted else ""

        options = [
            (f"{esc(o.name)} ({money(o.cost)}, {o.ap} AP){status(o.id)}", o.id)
            for o in s.investments
            if o.team == self.team
        ]
        first_open = next(
            (
                o.id
                for o in s.investments
                if o.team == self.team
                and o.id not in taken
                and not (o.locked and o.id not in state.unlocked)
            ),
            options[0][1] if options else "",
        )
        moves = [
            (f"{esc(m.name)} ({chance_of(m, self.seen):.0%})", m.id)
            for m in s.diplomacy
            if self.team in m.teams
        ]
        types = [(ORDER_LABELS[t], t) for t in team.orders]
        # the whole dialog scrolls: at 80x24 a two-line refusal pushed the buttons off its edge
        with VerticalScroll(classes="dialog", id="order-dialog", can_focus=False):
            what = "Change the order" if self.editing is not None else "New order"
            yield Label(f"{what} for {esc(team.name)}", classes="dialog-title")
            with Vertical(id="order-body"):
                with Horizontal(classes="field"):
                    yield Label("Order")
                    yield Select(
                        types,
                        id="f-type",
                        compact=True,
                        allow_blank=False,
                        value=pick(types, self.start.get("type"), types[0][1]),
                    )
                with Vertical(id="order-fields"):
                    yield from self._field(
                        "material",
                        "Material",
                        Select(
                            mats,
                            allow_blank=False,
                            compact=True,
                            value=pick(mats, self.start.get("material"), first_made),
                        ),
                    )
                    yield from self._field(
                        "target",
                        "Country",
                        Select(
                            self.targets(),
                            allow_blank=False,
                            compact=True,
                            value=pick(self.targets(), self.start.get("target"), "*"),
                        ),
                    )
                    yield from self._field(
                        "level",
                        "Level",
                        Select(
                            LEVELS,
                            compact=True,
                            allow_blank=False,
                            value=pick(LEVELS, self.start.get("level"), "licensing"),
                        ),
                    )
                    yield from self._field(
                        "approval",
                        "Approved",
                        Select(
                            PERCENTS,
                            compact=True,
                            allow_blank=False,
                            value=pick(PERCENTS, self.start.get("approval"), 0.5),
                        ),
                    )
                    yield from self._field(
                        "extraterritorial",
                        "",
                        TickBox(
                            "Extraterritorial (binds third countries)",
                            value=bool(self.start.get("extraterritorial", False)),
                            compact=True,
                        ),
                    )
                    yield from self._field(
                        "amount",
                        "Amount",
                        LineInput(
                            f"{self.start['amount']:g}" if "amount" in self.start else "",
                            placeholder="quantity",
                            type="number",
                            compact=True,
                        ),
                    )
                    yield from self._field(
                        "to",
                        "Release to",
                        Select(
                            [("Our own industry", ""), *allies],
                            allow_blank=False,
                            compact=True,
                            value=pick(allies, self.start.get("to"), ""),
                        ),
                    )
                    yield from self._field(
                        "option",
                        "Project",
                        Select(
                            options or [("(none open to this team)", "")],
                            allow_blank=False,
                            compact=True,
                            value=pick(options, self.start.get("option"), first_open),
                        ),
                    )
                    yield from self._field(
                        "move",
                        "Move",
                        Select(
                            moves or [("(none open to this team)", "")],
                            allow_blank=False,
                            compact=True,
                            value=pick(moves, self.start.get("move"), moves[0][1] if moves else ""),
                        ),
                    )
                    yield from self._field(
                        "rate",
                        "Tariff rate",
                        Select(
                            RATES,
                            compact=True,
                            allow_blank=False,
                            value=pick(RATES, self.start.get("rate"), 0.25),
                        ),
                    )
                    yield from self._field(
                        "severity",
                        "Severity",
                        Select(
                            SEVERITIES,
                            allow_blank=False,
                            compact=True,
                            value=pick(SEVERITIES, self.start.get("severity"), "targeted"),
                        ),
                    )
                    yield from self._field(
                        "on",
                        "",
                        TickBox(
                            "Give defence first call (untick to stop)",
                            # by default the switch: off when defence already has first call
                            # (ticked, the default was refused: 'already prioritised')
                            value=bool(self.start.get("on", not self.prioritised())),
                            compact=True,
                        ),
                    )
                yield Static(id="order-detail")
            yield Static(id="order-cost")
            # the engine's verdict stays in sight with the buttons: at 80x24 it was scrolled
            # below them, and a team could add an order without seeing it refused
            with Vertical(id="order-foot"):
                yield Static(id="order-verdict")
                with Horizontal(classes="buttons"):
                    save = "Save the order" if self.editing is not None else "Add order"
                    yield Button(f"{save} (ctrl+s)", id="add", variant="primary")
                    yield Button("Cancel (esc)", id="cancel")
        yield Footer()  # the dialog's own keys, not the screen's under it

    def _field(self, name: str, label: str, widget: Any) -> ComposeResult:
        widget.id = f"f-{name}"
        yield Horizontal(Label(label), widget, classes="field", id=f"row-{name}")

    def on_mount(self) -> None:
        tame_cursor(self)
        self.query_one("#f-type", Select).focus()
        self.fit_target()
        self.refresh_form()

    def rival(self) -> str:
        """The country a sanction starts on: the first other team's (not 'everyone', which
        sanctions cannot have)."""
        s = self.game.scenario
        me = s.teams[self.team].actor
        actors = [s.teams[t].actor for t in sorted(s.teams) if s.teams[t].actor != me]
        actors += [a for a in sorted(s.actors) if a != me]
        return actors[0]

    def targets(self, everyone: bool = True) -> list[tuple[str, str]]:
        s = self.game.scenario
        me = s.teams[self.team].actor
        others = [(esc(actor_name(s, a)), a) for a in sorted(s.actors) if a != me]
        return [("Everyone (*)", "*"), *others] if everyone else others

    @on(Select.Changed, "#f-type")
    def fit_target(self) -> None:
        """Tariffs and sanctions need one country: 'Everyone (*)' is not offered for them, and
        they start on a rival; other orders offer it again, keeping the country chosen."""
        target = self.query_one("#f-target", Select)
        one = self.order_type in ONE_COUNTRY
        if one == (not self.everyone_offered):
            return
        keep = target.value
        self.everyone_offered = not one
        target.set_options(self.targets(everyone=not one))
        target.value = self.rival() if keep in (Select.NULL, "*") else keep

    # -- reading the form ---------------------------------------------------------------------

    @property
    def order_type(self) -> str:
        return str(self.query_one("#f-type", Select).value)

    def value(self, name: str) -> Any:
        w = self.query_one(f"#f-{name}")
        if isinstance(w, Select):
            v = w.value
            return None if v is Select.NULL else v
        if isinstance(w, Checkbox):
            return w.value
        if isinstance(w, Input):
            return w.value.strip()
        raise AssertionError(name)

    def build(self) -> tuple[Order | None, str | None]:
        """The order the form describes, or why it cannot be built yet."""
        t = self.order_type
        v = self.value
        s = self.game.scenario
        try:
            if t == "export_control":
                # the share approved means something under licensing only (the field is
                # hidden otherwise): other levels keep the order's default
                licensing = v("level") == "licensing"
                lifting = v("level") == "open"  # lifting binds no one: the box is hidden
                return ExportControl(
                    material=v("material"),
                    target=v("target"),
                    level=v("level"),
                    extraterritorial=v("extraterritorial") and not lifting,
                    **({"approval": v("approval")} if licensing else {}),
                ), None
            if t == "licence_approval":
                return LicenceApproval(
                    material=v("material"), target=v("target"), approval=v("approval")
                ), None
            if t in ("stockpile_release", "stockpile_build"):
                raw = v("amount")
                if not raw:
                    return None, "enter an amount"
                try:
                    amount = float(raw)
                except ValueError:
                    return None, f"'{raw}' is not a number"
                if not math.isfinite(amount):
                    return None, f"'{raw}' is not a number"
                if amount <= 0:
                    return None, "the amount must be above zero"
                if amount > MAX_AMOUNT:
                    unit = s.materials[v("material")].unit if v("material") else ""
                    return None, f"the amount can be at most {MAX_AMOUNT:,.0f} {unit}".rstrip()
                if t == "stockpile_build":
                    return StockpileBuild(material=v("material"), amount=amount), None
                amount = self.all_of_it(v("material"), amount)
                return StockpileRelease(
                    material=v("material"), amount=amount, to=v("to") or None
                ), None
            if t == "invest":
                if not v("option"):
                    return None, "no project is open to this team"
                return Invest(option=v("option")), None
            if t == "diplomacy":
                if not v("move"):
                    return None, "no diplomatic move is open to this team"
                return Diplomacy(move=v("move")), None
            if t == "tariff":
                return Tariff(target=v("target"), material=v("material"), rate=v("rate")), None
            if t == "sanction":
                return Sanction(target=v("target"), severity=v("severity")), None
            if t == "prioritise_defence":
                return PrioritiseDefence(on=v("on")), None
            return Hold(), None
        except ValidationError as exc:
            err = exc.errors()[0]
            return None, f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"

    def prioritised(self) -> bool:
        """Defence already has first call in this team's country."""
        me = self.game.scenario.teams[self.team].actor
        return bool(self.game.session.state.priority_defence.get(me, False))

    def all_of_it(self, material: str | None, amount: float) -> float:
        """``amount`` to release, or the whole stockpile where ``amount`` is the holding as the
        form prints it: 'Our stockpile: 1,025 t' of 1,024.7 t, and 1025 typed, releases it all
        (the engine refuses a tonne more than is held)."""
        if material is None:
            return amount
        me = self.game.scenario.teams[self.team].actor
        have = self.game.session.state.stockpile[me][material]
        if have < amount and quantity(amount) == quantity(have):
            return have
        return amount

    # -- live feedback ---------------------------------------------------------------------

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self.refresh_form()

    def refresh_form(self) -> None:
        wanted = set(FIELDS.get(self.order_type, ()))
        if self.order_type == "export_control" and self.value("level") != "licensing":
            wanted.discard("approval")  # only licensing approves a share of requests
        if self.order_type == "export_control" and self.value("level") == "open":
            wanted.discard("extraterritorial")  # lifting a control binds no third country
        for name in ALL_FIELDS:
            self.query_one(f"#row-{name}").set_class(name not in wanted, "hidden")
        order, problem = self.build()
        detail = self.query_one("#order-detail", Static)
        detail.update(Text(self.detail_text()))  # the scenario's words, not markup
        self.order = None
        cost = self.query_one("#order-cost", Static)
        verdict = self.query_one("#order-verdict", Static)
        add = self.query_one("#add", Button)
        g, s = self.game, self.game.scenario
        state = g.session.state
        ap_total = s.teams[self.team].action_points
        ap_used = budget_used = 0.0
        refused = {r.index for r in g.check(self.team, self.drafts)}
        for i, o in enumerate(self.drafts):
            if i not in refused:
                a, b = order_cost(s, state, o)
                ap_used += a
                budget_used += b
        left = (
            f"Left before this order: {ap_total - ap_used:.0f} of {ap_total} action points, "
            f"{money(state.budget[self.team] - budget_used)} budget."
        )
        if order is None:
            cost.update(left)
            verdict.update(Text(f"✗ {problem}"))
            verdict.set_classes("verdict-bad")
            add.disabled = True
            return
        ap, budget = order_cost(s, state, order)
        cost.update(
            Text.assemble(
                (order_words(s, order), "bold"), f"\nCosts {ap} AP and {money(budget)}. {left}"
            )
        )
        refusals = g.check(self.team, [*self.drafts, order])
        mine = [r for r in refusals if r.index == len(self.drafts)]
        if mine:
            reason = humanize(s, mine[0].reason)
            if mine[0].reason.startswith(CONFLICT):  # one order a turn on each thing
                reason += (
                    f" ({conflict_words(s, order)}): change that order instead (Enter on it in "
                    "the list), or remove it"
                )
            verdict.update(Text(f"✗ Refused: {reason}"))
            verdict.set_classes("verdict-bad")
            add.disabled = True
        else:
            verdict.update("✓ The engine accepts this order.")
            verdict.set_classes("verdict-ok")
            add.disabled = False
            self.order = order
            # what the order does (only for one the engine accepts: a refusal says what to
            # change, and at 80x24 the explanation would push it out of view)
            effect = order_effect(self.game.session.model, state, self.team, order)
            if effect:
                detail.update(Text("\n".join(p for p in (self.detail_text(), effect) if p)))

    def detail_text(self) -> str:
        s = self.game.scenario
        g = self.game
        t = self.order_type
        me = s.teams[self.team].actor
        state = g.session.state
        if t == "invest":
            opt = next((o for o in s.investments if o.id == self.value("option")), None)
            if opt is None:
                return ""
            mat = s.materials[opt.material]
            src = f" Source: {citation(s, opt.source)}." if opt.source else ""
            to = f", for {actor_name(s, opt.offtake_to)}" if opt.offtake_to else ""
            # a solo player's audit funded two projects that could not finish in the game
            done = g.session.turn + 1 + opt.lead_time
            late = (
                f" Funded now, it is finished in turn {done} at the earliest, after the game's "
                f"last turn ({s.turns}): it adds nothing in this game."
                if done > s.turns
                else ""
            )
            return (
                f"{opt.name}: adds {opt.capacity:g} {mat.unit}/turn of "
                f"{material_name(s, opt.material)} in {actor_name(s, opt.host)}{to} after "
                f"{opt.lead_time} turns; {opt.slip_chance:.0%} chance each turn of slipping."
                f"{late}{src}"
            )
        if t == "diplomacy":
            mv = next((m for m in s.diplomacy if m.id == self.value("move")), None)
            if mv is None:
                return ""
            seen = self.seen
            mods = "".join(
                f", {signed(100 * modifier_term(m, seen), 0)} points for {key_label(s, m.metric)} "
                f"at {metric(seen, m.metric):.0f}"
                for m in mv.modifiers
            )
            text = f" {cited(s, mv.text)}" if mv.text else ""
            return (
                f"Chance of success now {chance_of(mv, seen):.0%}: base {mv.base_chance:.0%}"
                f"{mods}.\nIf it succeeds: "
                f"{effects_text(s, mv.success)}.\nIf it fails: "
                f"{effects_text(s, mv.failure)}.{text}"
            )
        if t in ("stockpile_release", "stockpile_build"):
            m = self.value("material")
            if m is None:
                return ""
            mat = s.materials[m]
            have = state.stockpile[me][m]
            text = (
                f"Our stockpile of {material_name(s, m)}: {quantity(have)} {mat.unit}, "
                f"{days_of_demand(s, state, me, m, have)}. "
                f"World price {state.prices[m]:,.1f} {mat.price_unit}."
            )
            order, _ = self.build()
            if isinstance(order, StockpileRelease | StockpileBuild):
                amount, to = order.amount, getattr(order, "to", None) or me
                whose = "our" if to == me else possessive(actor_name(s, to))
                lasts = days_of_demand(s, state, to, m, amount, whose, per_turn=to != me)
                if isinstance(order, StockpileBuild):
                    what = f"Buying {quantity(amount)} {mat.unit}"
                elif amount == have:
                    what = f"Releasing all of it ({quantity(amount)} {mat.unit})"
                else:
                    what = f"Releasing {quantity(amount)} {mat.unit}"
                text += f"\n{what}: {lasts}."
                model = g.session.model
                if isinstance(order, StockpileRelease) and {me, to} == {
                    model.patron,
                    model.target,
                }:
                    text += "\n" + ally_release_words(s, state, to, m, amount)
                if isinstance(order, StockpileBuild):
                    # a purchase is filled from the world's spare supply only (rules 2.7); a
                    # player bought Dy/Tb under the ban and none arrived, with no warning
                    text += (
                        "\nPaid now; filled only from what the world has to spare once every "
                        "country's own needs are met, so under a ban often in part or not at "
                        "all, and not at all while our own industry is short of it. The rest "
                        "is refunded at this price; the turn's results say how much was bought."
                    )
            return text
        if t in ("export_control", "licence_approval"):
            m = self.value("material")
            if m is None:
                return ""
            return (
                f"We produce {quantity(state.production[me][m])} {s.materials[m].unit}/turn of "
                f"{material_name(s, m)}."
            )
        return ""

    # -- buttons ---------------------------------------------------------------------

    @on(Button.Pressed, "#add")
    def action_save(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        self.refresh_form()
        if self.order is not None:
            self.dismiss(self.order)
        else:
            self.notify(
                "The engine refuses this order; see the reason under the order, marked ✗.",
                severity="error",
            )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
