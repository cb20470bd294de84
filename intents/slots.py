"""Slot types shared by the intent models: names resolved against the catalog, items, enums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

INTERNAL: dict[str, Any] = {"internal": True}  # engines fill these; never the LLM, never graded
Method = Literal["cash", "card", "upi", "bank"]
# Numbers a message can plausibly carry: anything larger is a misreading, never a write.
MAX_AMOUNT = Decimal("1e12")
MAX_QTY = Decimal("1e7")
Paid = Literal["full", "credit"] | Annotated[Decimal, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
PeriodName = Literal[
    "today",
    "yesterday",
    "this_week",
    "last_week",
    "this_month",
    "last_month",
    "this_quarter",
    "last_quarter",
    "this_year",
    "last_year",
]
Period = PeriodName | date
Reason = Literal["damaged", "expired", "count", "other"]
Category = Literal["rent", "utilities", "salary", "transport", "supplies", "other"]
GroupBy = Literal["product", "party"]
PartyKind = Literal["customer", "supplier"]
ExportFormat = Literal["xlsx", "csv", "tally"]
ExportWhat = Literal["sales", "purchases", "expenses", "all"]


def decimal_str(value: Decimal) -> str:
    """A plain decimal string without exponent or trailing zeros ("1500", "0.5")."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def is_internal(info: Any) -> bool:
    """Whether a pydantic field is engine-internal (left out of the contract and LLM schema)."""
    extra = getattr(info, "json_schema_extra", None)
    return isinstance(extra, dict) and bool(extra.get("internal"))


class Frozen(BaseModel):
    """Immutable model that renders its public fields in the contract's normal form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def contract_fields(self) -> dict[str, Any]:
        """Public fields as contract values, absent ones left out."""
        out: dict[str, Any] = {}
        for key, info in type(self).model_fields.items():
            if key == "intent" or is_internal(info):
                continue
            value = contract_value(getattr(self, key))
            if value is not None and value != []:
                out[key] = value
        return out


class NameRef(Frozen):
    """A name, and how it was resolved against the catalog."""

    name: str = Field(min_length=1, max_length=120)
    matched: bool = Field(default=False, json_schema_extra=INTERNAL)
    score: float = Field(default=0.0, ge=0.0, le=1.0, json_schema_extra=INTERNAL)

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: Any) -> Any:
        # The LLM and the contract give plain strings: wrap them as unresolved names.
        return {"name": value} if isinstance(value, str) else value


class ProductRef(NameRef):
    """A product: the catalog's canonical name when matched, else as written."""


class PartyRef(NameRef):
    """A party: canonical name when matched, else as written; candidates when ambiguous."""

    candidates: tuple[str, ...] = Field(default=(), json_schema_extra=INTERNAL)


class ItemSlot(Frozen):
    """One line of a sale; `product` is canonical when `matched`."""

    product: str = Field(min_length=1, max_length=120)
    qty: Decimal = Field(ge=-MAX_QTY, le=MAX_QTY)  # the books explain zero and negatives
    unit_price: Decimal | None = Field(default=None, ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    matched: bool = Field(default=False, json_schema_extra=INTERNAL)
    score: float = Field(default=0.0, ge=0.0, le=1.0, json_schema_extra=INTERNAL)


class StockItemSlot(Frozen):
    """One line of a stock delivery; `product` is canonical when `matched`."""

    product: str = Field(min_length=1, max_length=120)
    qty: Decimal = Field(ge=-MAX_QTY, le=MAX_QTY)  # the books explain zero and negatives
    unit_cost: Decimal | None = Field(default=None, ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    matched: bool = Field(default=False, json_schema_extra=INTERNAL)
    score: float = Field(default=0.0, ge=0.0, le=1.0, json_schema_extra=INTERNAL)


def contract_value(value: Any) -> Any:
    """One slot value in the contract's normal form (None when absent)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else None
    if isinstance(value, Decimal):
        return decimal_str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, NameRef):
        return value.name
    if isinstance(value, Frozen):
        return value.contract_fields()
    if isinstance(value, tuple | list):
        return [contract_value(v) for v in value]
    if isinstance(value, dict):
        return None  # free-form extras (e.g. what `unknown` understood) are not graded slots
    return value
