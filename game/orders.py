"""Order types (a discriminated union on ``type``) and their parsing.

Parsing checks the shape of an order (pydantic, at the boundary): its type, its fields and
their ranges, with messages a plan writer understands. Whether a team may give an order in a
given state, and afford it, is :mod:`game.order_checks`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.scenario import NUMBER, ControlLevel
from game.schema_words import plain
from game.spelling import did_you_mean, unknown


class _Order(BaseModel):
    """The base of every order type. Nothing subclasses an order type, so the checks and the
    bots test an order's type by identity (``type(o) is Diplomacy``): an ``isinstance`` that
    fails costs about a thousand CPU instructions on a pydantic model, twenty-five times as
    much (``tests/test_orders.py`` checks that no order type has a subclass)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ExportControl(_Order):
    """Set the control on exports of ``material`` to ``target`` ('*' for everyone)."""

    type: Literal["export_control"] = "export_control"
    material: str
    target: str
    level: ControlLevel
    approval: Annotated[float, Field(ge=0.0, le=1.0), NUMBER] = 0.5
    extraterritorial: bool = False

    def describe(self) -> str:
        scope = " (extraterritorial)" if self.extraterritorial else ""
        level = self.level.replace("_", " ")
        extra = f", {self.approval:.0%} approved" if self.level == "licensing" else ""
        return f"Export control on {self.material} to {self.target}: {level}{extra}{scope}"


class LicenceApproval(_Order):
    """Change the share of licence requests approved under an existing licensing control."""

    type: Literal["licence_approval"] = "licence_approval"
    material: str
    target: str
    approval: Annotated[float, Field(ge=0.0, le=1.0), NUMBER]

    def describe(self) -> str:
        return f"Approve {self.approval:.0%} of {self.material} licences for {self.target}"


class StockpileRelease(_Order):
    """Release ``amount`` from the strategic stockpile to industry (own, or an ally's)."""

    type: Literal["stockpile_release"] = "stockpile_release"
    material: str
    amount: Annotated[float, Field(gt=0.0, allow_inf_nan=False), NUMBER]
    to: str | None = None

    def describe(self) -> str:
        dest = f" to {self.to}" if self.to else ""
        return f"Release {self.amount:g} of {self.material} from the stockpile{dest}"


class StockpileBuild(_Order):
    """Buy ``amount`` of ``material`` on the world market into the strategic stockpile."""

    type: Literal["stockpile_build"] = "stockpile_build"
    material: str
    amount: Annotated[float, Field(gt=0.0, allow_inf_nan=False), NUMBER]

    def describe(self) -> str:
        return f"Buy {self.amount:g} of {self.material} for the stockpile"


class Invest(_Order):
    """Fund one of the scenario's investment options."""

    type: Literal["invest"] = "invest"
    option: str

    def describe(self) -> str:
        return f"Invest in {self.option}"


class Diplomacy(_Order):
    """Make one of the scenario's diplomatic moves."""

    type: Literal["diplomacy"] = "diplomacy"
    move: str

    def describe(self) -> str:
        return f"Diplomatic move: {self.move}"


class Tariff(_Order):
    """Set a tariff (0 to 1 = 0-100%) on imports of ``material`` from ``target``."""

    type: Literal["tariff"] = "tariff"
    target: str
    material: str
    rate: Annotated[float, Field(ge=0.0, le=1.0), NUMBER]

    def describe(self) -> str:
        return f"Tariff of {self.rate:.0%} on {self.material} from {self.target}"


class Sanction(_Order):
    """Impose (targeted or broad) or lift sanctions on ``target``."""

    type: Literal["sanction"] = "sanction"
    target: str
    severity: Literal["targeted", "broad", "lift"]

    def describe(self) -> str:
        if self.severity == "lift":
            return f"Lift sanctions on {self.target}"
        return f"{self.severity.capitalize()} sanctions on {self.target}"


class PrioritiseDefence(_Order):
    """Give the defence sector first call on scarce materials (or stop doing so)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: Literal["prioritise_defence"] = "prioritise_defence"
    # written "active" in files and logs (YAML 1.1 readers take a bare key `on` for the
    # boolean true); plans may also write `on`, which game.yaml_source reads as text
    on: bool = Field(True, alias="active")

    def describe(self) -> str:
        return "Prioritise defence industry" if self.on else "Stop prioritising defence"


class Hold(_Order):
    """Do nothing this turn."""

    type: Literal["hold"] = "hold"

    def describe(self) -> str:
        return "Hold"


Order = Annotated[
    ExportControl
    | LicenceApproval
    | StockpileRelease
    | StockpileBuild
    | Invest
    | Diplomacy
    | Tariff
    | Sanction
    | PrioritiseDefence
    | Hold,
    Field(discriminator="type"),
]
ORDER_ADAPTER: TypeAdapter[Order] = TypeAdapter(Order)
ORDER_LIST_ADAPTER: TypeAdapter[list[Order]] = TypeAdapter(list[Order])


def parse_order(data: Any) -> Order:
    """Parse one order from plain data, raising ``ValueError`` with a readable message."""
    try:
        return ORDER_ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise ValueError("; ".join(_error_words(e) for e in exc.errors())) from None


ORDER_CLASSES: dict[str, type[_Order]] = {
    cls.model_fields["type"].default: cls for cls in get_args(get_args(Order)[0])
}


def _error_words(err: Any) -> str:
    """One of pydantic's errors about an order, in a plan writer's words (a field's value in
    the words scenario messages use, :func:`game.schema_words.plain`)."""
    kind, loc, ctx = err["type"], err["loc"], err.get("ctx") or {}
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag"))
        if tag.startswith(("[", "{")) or tag == "None":  # a list, a mapping, an empty value
            return f"an order's type is one word: one of {', '.join(ORDER_CLASSES)}"
        return unknown("order type", tag, ORDER_CLASSES)
    if kind == "union_tag_not_found":
        return f"an order needs a 'type': one of {', '.join(ORDER_CLASSES)}"
    if kind == "model_type" or not loc:
        return "an order is a mapping such as {type: diplomacy, move: us_reassure}"
    cls = ORDER_CLASSES.get(str(loc[0]))
    field = ".".join(str(p) for p in loc[1:])
    if cls is None or not field:
        return f"{'.'.join(str(p) for p in loc)}: {plain(err, tuple(loc))}"
    allowed = [f.alias or name for name, f in cls.model_fields.items() if name != "type"]
    if kind == "invalid_key":  # 'null:' or '1:' as a field's name (pydantic: 'Keys should be...')
        given = "left empty" if err.get("input") is None else f"{err.get('input')}, not a word"
        fields = f"the fields {', '.join(allowed)}" if allowed else "no fields"
        return f"a field's name is {given}: '{loc[0]}' orders have {fields}"
    if kind == "extra_forbidden":
        said = [did_you_mean(field, allowed), f"their fields: {', '.join(allowed) or 'none'}"]
        return f"'{field}' is not a field of '{loc[0]}' orders ({' '.join(p for p in said if p)})"
    if kind == "missing":
        return f"'{loc[0]}' orders need '{field}'"
    return f"{field}: {plain(err, tuple(loc[1:]), cls)}"


def order_dict(order: Order) -> dict[str, Any]:
    """The order as plain data, with every field, as it is logged."""
    return order.model_dump(mode="json", by_alias=True)
