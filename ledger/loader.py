"""Create a shop from a catalog file (the format of shared/eval/catalog_ae.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from .catalog import add_party, add_product
from .errors import CatalogFileError, InvalidInput
from .money import MoneyError, exponent, to_minor
from .phones import normalize_phone
from .shop import add_member, create_business
from .views import BusinessView


@dataclass(frozen=True, slots=True)
class LoadedShop:
    """What a catalog load created."""

    business: BusinessView
    products: int
    parties: int


def _decimal(
    problems: list[str],
    where: str,
    value: Any,
    *,
    required: bool = True,
    places: int | None = None,
    below: Decimal | None = None,
) -> Decimal | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        problems.append(f"{where}: expected a number as a string, got {value!r}")
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where}: {value!r} is not a number")
        return None
    if not number.is_finite() or number < 0:
        problems.append(f"{where}: {value!r} must be zero or more")
        return None
    if places is not None and number.scaleb(places) != number.scaleb(places).to_integral_value():
        # The books keep quantities to 3 decimals, rates to 2, prices to the minor unit.
        problems.append(f"{where}: {value!r} has more than {places} decimals")
        return None
    if below is not None and number >= below:
        problems.append(f"{where}: {value!r} must be less than {below}")
        return None
    return number


def _text(problems: list[str], where: str, value: Any, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}: expected text, got {value!r}")
        return ""
    return value.strip()


def validate(data: Any) -> list[str]:
    """Every problem in a catalog document (empty when it is good)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["the file must hold a JSON object"]
    biz = data.get("business")
    if not isinstance(biz, dict):
        problems.append("business: missing or not an object")
        biz = {}
    _text(problems, "business.name", biz.get("name"))
    currency = _text(problems, "business.currency", biz.get("currency"))
    if currency and (len(currency) != 3 or not currency.isalpha()):
        problems.append(f"business.currency: {currency!r} is not a 3-letter code")
    _text(problems, "business.country", biz.get("country"))
    _decimal(problems, "business.tax_rate", biz.get("tax_rate"), places=2, below=Decimal(100))
    if not isinstance(biz.get("prices_include_tax"), bool):
        problems.append("business.prices_include_tax: expected true or false")
    zone = _text(problems, "business.timezone", biz.get("timezone"))
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"business.timezone: unknown time zone {zone!r}")
    products = data.get("products")
    if not isinstance(products, list):
        problems.append("products: missing or not a list")
        products = []
    seen: set[str] = set()
    for i, item in enumerate(products):
        where = f"products[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: not an object")
            continue
        name = _text(problems, f"{where}.name", item.get("name"))
        if name.lower() in seen:
            problems.append(f"{where}.name: {name!r} appears twice")
        seen.add(name.lower())
        _text(problems, f"{where}.unit", item.get("unit"))
        places = exponent(currency) if currency else None
        price = _decimal(problems, f"{where}.unit_price", item.get("unit_price"), places=places)
        if price is not None and currency:
            try:
                to_minor(price, currency)
            except MoneyError:
                problems.append(f"{where}.unit_price: {price} is not an amount")
        _decimal(problems, f"{where}.stock", item.get("stock"), required=False, places=3)
        level = item.get("reorder_level")
        _decimal(problems, f"{where}.reorder_level", level, required=False, places=3)
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}.aliases: expected a list of text")
    parties = data.get("parties", [])
    if not isinstance(parties, list):
        problems.append("parties: not a list")
        parties = []
    for i, item in enumerate(parties):
        where = f"parties[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: not an object")
            continue
        _text(problems, f"{where}.name", item.get("name"))
        if item.get("kind") not in ("customer", "supplier"):
            problems.append(
                f"{where}.kind: expected 'customer' or 'supplier', got {item.get('kind')!r}"
            )
        phone = item.get("phone")
        if phone is not None:
            try:
                normalize_phone(str(phone))
            except InvalidInput:
                problems.append(
                    f"{where}.phone: {phone!r} is not a phone number with +country code"
                )
    return problems


def _gstin_state(gstin: str) -> str:
    """The state code a GSTIN starts with ("27AAPFU0939F1ZV" -> "27"), or ""."""
    return gstin[:2] if len(gstin) == 15 and gstin[:2].isdigit() else ""


def read_catalog(path: Path) -> dict[str, Any]:
    """Parse and validate a catalog file, reporting every bad field at once."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogFileError([f"{path}: no such file"]) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CatalogFileError([f"{path}: not valid JSON ({exc})"]) from exc
    problems = validate(data)
    if problems:
        raise CatalogFileError(problems)
    assert isinstance(data, dict)
    return data


async def load_catalog(session: AsyncSession, data: dict[str, Any], owner_phone: str) -> LoadedShop:
    """Create the business, its products with opening stock, its parties and its owner."""
    biz = data["business"]
    currency = biz["currency"].upper()
    business = await create_business(
        session,
        name=biz["name"],
        currency=currency,
        country=biz["country"],
        tax_name=biz.get("tax_name", "VAT"),
        tax_rate=Decimal(biz["tax_rate"]),
        prices_include_tax=biz["prices_include_tax"],
        timezone=biz["timezone"],
        address=biz.get("address", ""),
        phone=biz.get("phone", ""),
        tax_id=biz.get("trn") or biz.get("gstin") or biz.get("tax_id") or "",
        # India: the GSTIN's first two digits are the state's GST code; UAE: the emirate.
        state=biz.get("state") or biz.get("emirate") or _gstin_state(biz.get("gstin", "")),
        upi_id=biz.get("upi_id", ""),
        payment_link=biz.get("payment_link", ""),
    )
    for item in data["products"]:
        level = item.get("reorder_level")
        await add_product(
            session,
            business.id,
            name=item["name"],
            price_minor=to_minor(item["unit_price"], currency),
            unit=item["unit"],
            aliases=tuple(item.get("aliases", [])),
            reorder_level=Decimal(level) if level is not None else None,
            opening_stock=Decimal(item.get("stock", "0")),
            hsn=str(item.get("hsn", "")),
        )
    for item in data.get("parties", []):
        await add_party(
            session,
            business.id,
            name=item["name"],
            kind=item["kind"],
            phone=item.get("phone") or "",
            aliases=tuple(item.get("aliases", [])),
            state=item.get("state") or _gstin_state(item.get("gstin", "")),
            tax_id=item.get("gstin") or item.get("trn") or item.get("tax_id") or "",
        )
    await add_member(session, business.id, phone=owner_phone, role="owner")
    return LoadedShop(business, len(data["products"]), len(data.get("parties", [])))
