"""The shop's catalog as the parser sees it: a plain, database-free read model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from intents.errors import CatalogError

PartyKind = Literal["customer", "supplier"]


@dataclass(frozen=True, slots=True)
class CatalogProduct:
    """A product the shop sells, with the words people use for it."""

    name: str
    aliases: tuple[str, ...] = ()
    unit: str = "piece"
    unit_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CatalogParty:
    """A known customer or supplier (no phone: the parser never needs it)."""

    name: str
    kind: PartyKind = "customer"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    """Products and parties of one shop, plus its currency, country and optional clock."""

    products: tuple[CatalogProduct, ...] = ()
    parties: tuple[CatalogParty, ...] = ()
    currency: str = ""
    country: str = ""
    now: datetime | None = None
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Catalog:
        """Build a catalog from the shared/eval catalog format, reporting every problem."""
        problems: list[str] = []
        products = tuple(_product(p, i, problems) for i, p in enumerate(data.get("products", [])))
        parties = tuple(_party(p, i, problems) for i, p in enumerate(data.get("parties", [])))
        business = data.get("business") or {}
        now: datetime | None = None
        if data.get("now") is not None:
            try:
                now = datetime.fromisoformat(str(data["now"]))
            except ValueError:
                problems.append(f"now: not an ISO datetime: {data['now']!r}")
            else:
                if now.tzinfo is None:
                    problems.append("now: has no time zone")
        if problems:
            raise CatalogError(problems)
        return cls(
            products=products,
            parties=parties,
            currency=str(business.get("currency", data.get("currency", ""))),
            country=str(business.get("country", data.get("country", ""))),
            now=now,
        )


def _product(raw: Any, index: int, problems: list[str]) -> CatalogProduct:
    if not isinstance(raw, Mapping) or not str(raw.get("name", "")).strip():
        problems.append(f"products[{index}]: needs a name")
        return CatalogProduct(name=f"?{index}")
    price: Decimal | None = None
    if raw.get("unit_price") not in (None, ""):
        try:
            price = Decimal(str(raw["unit_price"]))
        except InvalidOperation:
            problems.append(f"products[{index}]: bad unit_price {raw['unit_price']!r}")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        problems.append(f"products[{index}]: aliases must be a list")
        aliases = []
    return CatalogProduct(
        name=str(raw["name"]).strip(),
        aliases=tuple(str(a) for a in aliases),
        unit=str(raw.get("unit") or "piece"),
        unit_price=price,
    )


def _party(raw: Any, index: int, problems: list[str]) -> CatalogParty:
    if not isinstance(raw, Mapping) or not str(raw.get("name", "")).strip():
        problems.append(f"parties[{index}]: needs a name")
        return CatalogParty(name=f"?{index}")
    kind = raw.get("kind", "customer")
    if kind not in ("customer", "supplier"):
        problems.append(f"parties[{index}]: kind must be customer or supplier, not {kind!r}")
        kind = "customer"
    aliases = raw.get("aliases") or []
    return CatalogParty(
        name=str(raw["name"]).strip(),
        kind=kind,
        aliases=tuple(str(a) for a in aliases) if isinstance(aliases, list) else (),
    )
