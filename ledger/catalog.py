"""Products and parties of a business."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, func
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .db import table
from .errors import InvalidInput, NotFound
from .hot import prebuilt
from .operations import record_operation
from .phones import normalize_phone
from .shop import get_business, place_code, tax_id_problem
from .tables import Party, Product, StockMove
from .views import PartyView, ProductView

UNITS_HINT = ("piece", "kg", "g", "litre", "bottle", "bag", "box", "tray", "pack", "dozen", "can")


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a for a in text.split("\n") if a)


def product_view(row: Product | Row[Any]) -> ProductView:
    """The read model of a product row: a loaded one, or a Core result row of the table."""
    assert row.id is not None
    return ProductView(
        id=row.id,
        name=row.name,
        aliases=_aliases(row.aliases),
        unit=row.unit,
        price_minor=row.price_minor,
        tax_rate=row.tax_rate,
        on_hand=row.on_hand,
        reorder_level=row.reorder_level,
        cost_minor=row.cost_minor,
        hsn=row.hsn,
    )


def party_view(row: Party | Row[Any]) -> PartyView:
    """The read model of a party row (an ORM object or a Core row of its columns)."""
    assert row.id is not None
    return PartyView(
        row.id,
        row.kind,
        row.name,
        row.phone,
        _aliases(row.aliases),
        row.balance_minor,
        state=row.state,
        tax_id=row.tax_id,
    )


def display_case(name: str) -> str:
    """A name as the books print it: as typed, or in Title Case when typed all in lower case
    ("basmati rice 5kg" -> "Basmati Rice 5kg"; words with digits stay as they are)."""
    clean = " ".join(name.split())
    if clean != clean.lower():
        return clean
    return " ".join(w[:1].upper() + w[1:] if w.isalpha() else w for w in clean.split(" "))


async def add_product(
    session: AsyncSession,
    business_id: int,
    *,
    name: str,
    price_minor: int,
    unit: str = "piece",
    aliases: tuple[str, ...] = (),
    tax_rate: Decimal | None = None,
    reorder_level: Decimal | None = None,
    opening_stock: Decimal = Decimal(0),
    member_id: int | None = None,
    hsn: str = "",
) -> ProductView:
    """Add a product to the catalog, with its opening stock as the first stock move."""
    clean = display_case(name)
    if not clean:
        raise InvalidInput("a product needs a name")
    if price_minor < 0:
        raise InvalidInput("a price cannot be negative")
    if opening_stock < 0:
        raise InvalidInput("opening stock cannot be negative")
    found = await session.execute(
        select(Product).where(
            Product.business_id == business_id, func.lower(Product.name) == clean.lower()
        )
    )
    row = found.scalars().first()
    if row is None:
        row = Product(business_id=business_id, name=clean, on_hand=Decimal(0))
    elif row.active:
        raise InvalidInput(f"there is already a product called {clean}")
    # A new product, or an undone (inactive) one that comes back with the new details.
    change = opening_stock - row.on_hand
    row.name = clean
    row.price_minor = price_minor
    row.unit = unit or "piece"
    row.aliases = "\n".join(a.strip() for a in aliases if a.strip())
    row.tax_rate = tax_rate
    row.reorder_level = reorder_level
    row.hsn = hsn.strip()
    row.on_hand = opening_stock
    row.active = True
    session.add(row)
    await session.flush()
    assert row.id is not None
    if change:
        session.add(
            StockMove(business_id=business_id, product_id=row.id, qty=change, kind="opening")
        )
        await session.flush()
    await record_operation(session, business_id, member_id, "add_product", product_id=row.id)
    return product_view(row)


async def product(
    session: AsyncSession, business_id: int, product_id: int, *, lock: bool = False
) -> Product:
    """A product row of this business, or NotFound (never another shop's); lock to change it."""
    row = await session.get(
        Product, product_id, with_for_update=True if lock else None, populate_existing=lock
    )
    if row is None or row.business_id != business_id:
        raise NotFound(f"no product {product_id}")
    return row


async def lock_products(
    session: AsyncSession, business_id: int, product_ids: list[int]
) -> dict[int, Product]:
    """Load and lock products of this business before changing stock, in id order (no deadlock).

    Without the lock two PostgreSQL transactions read the same on_hand and the later write
    loses the earlier one. Lock order across the books: invoices, products, parties, counter.
    (SQLite renders no FOR UPDATE: its BEGIN IMMEDIATE lets one writer in at a time.)
    """
    if not product_ids:
        return {}
    said = {"bid": business_id, "ids": sorted(set(product_ids))}
    rows = await session.execute(LOCK_PRODUCTS, said)
    return {row.id: row for row in rows.scalars() if row.id is not None}


# Built once: every sale locks the products it sells.
LOCK_PRODUCTS = (
    select(Product)
    .where(
        Product.business_id == bindparam("bid"),
        col(Product.id).in_(bindparam("ids", expanding=True)),
    )
    .order_by(col(Product.id))
    .with_for_update()
    .execution_options(populate_existing=True)
)


async def find_product(session: AsyncSession, business_id: int, name: str) -> ProductView | None:
    """An active product by exact name, ignoring case."""
    said = {"bid": business_id, "lowered": " ".join(name.split()).lower()}
    row = (await session.execute(PRODUCT_NAMED, said)).first()
    return None if row is None else product_view(row)


_PRODUCT = table(Product)
# Built once: a sale looks its products up by name (Core: no object loaded; the sale then
# locks the ones it sells).
PRODUCT_NAMED = prebuilt(
    sa_select(_PRODUCT)
    .where(
        _PRODUCT.c.business_id == bindparam("bid"),
        func.lower(_PRODUCT.c.name) == bindparam("lowered"),
        _PRODUCT.c.active.is_(True),
    )
    .limit(1)
)


async def products(session: AsyncSession, business_id: int) -> list[ProductView]:
    """Every active product, by name."""
    rows = await session.execute(
        select(Product)
        .where(Product.business_id == business_id, col(Product.active).is_(True))
        .order_by(col(Product.name))
    )
    return [product_view(row) for row in rows.scalars()]


async def add_party(
    session: AsyncSession,
    business_id: int,
    *,
    name: str,
    kind: str = "customer",
    phone: str = "",
    aliases: tuple[str, ...] = (),
    state: str = "",
    tax_id: str = "",
) -> PartyView:
    """Add a customer or supplier."""
    if kind not in ("customer", "supplier"):
        raise InvalidInput("a party is a customer or a supplier")
    clean = display_case(name)
    if not clean:
        raise InvalidInput("a party needs a name")
    row = Party(
        business_id=business_id,
        kind=kind,
        name=clean,
        phone=normalize_phone(phone) if phone else "",
        aliases="\n".join(a.strip() for a in aliases if a.strip()),
        state=state,
        tax_id=tax_id.strip().upper(),
    )
    session.add(row)
    await session.flush()
    return party_view(row)


async def party(
    session: AsyncSession, business_id: int, party_id: int, *, lock: bool = False
) -> Party:
    """A party row of this business, or NotFound; lock before changing its running balance."""
    row = await session.get(
        Party, party_id, with_for_update=True if lock else None, populate_existing=lock
    )
    if row is None or row.business_id != business_id:
        raise NotFound(f"no party {party_id}")
    return row


_PARTY = table(Party)
# Built once: a sale, a payment and most reads look their party up by name (Core rows: no
# object loaded, no statement built per call; #16).
_NAMED = (
    _PARTY.c.business_id == bindparam("bid"),
    func.lower(_PARTY.c.name) == bindparam("lowered"),
)
PARTY_NAMED = prebuilt(sa_select(_PARTY).where(*_NAMED).order_by(_PARTY.c.id).limit(1))
PARTY_NAMED_OF_KIND = prebuilt(
    sa_select(_PARTY)
    .where(*_NAMED, _PARTY.c.kind == bindparam("kind"))
    .order_by(_PARTY.c.id)
    .limit(1)
)


async def find_party(
    session: AsyncSession, business_id: int, name: str, kind: str | None = None
) -> PartyView | None:
    """A party by exact name, ignoring case."""
    said = {"bid": business_id, "lowered": " ".join(name.split()).lower()}
    if kind is None:
        found = await session.execute(PARTY_NAMED, said)
    else:
        found = await session.execute(PARTY_NAMED_OF_KIND, {**said, "kind": kind})
    row = found.first()
    return None if row is None else party_view(row)


async def parties(
    session: AsyncSession, business_id: int, kind: str | None = None
) -> list[PartyView]:
    """Every party (optionally of one kind), by name."""
    query = select(Party).where(
        Party.business_id == business_id, col(Party.pseudonymised).is_(False)
    )
    if kind is not None:
        query = query.where(Party.kind == kind)
    rows = await session.execute(query.order_by(col(Party.name)))
    return [party_view(row) for row in rows.scalars()]


async def parties_by_phone(session: AsyncSession, phone: str) -> list[tuple[int, PartyView]]:
    """Every (business id, customer) with this phone number, across businesses."""
    e164 = normalize_phone(phone)
    rows = await session.execute(
        select(Party).where(Party.phone == e164, Party.kind == "customer").order_by(col(Party.id))
    )
    return [(row.business_id, party_view(row)) for row in rows.scalars()]


async def customer_by_phone(
    session: AsyncSession, business_id: int, phone: str
) -> PartyView | None:
    """The shop's customer with this phone number (the first, if two share it), or None."""
    rows = await session.execute(
        select(Party)
        .where(Party.business_id == business_id, Party.phone == phone, Party.kind == "customer")
        .order_by(col(Party.id))
        .limit(1)
    )
    row = rows.scalars().first()
    return party_view(row) if row is not None else None


_HSN = re.compile(r"^(\d{4}|\d{6}|\d{8})$")


async def set_hsn(
    session: AsyncSession, business_id: int, product_id: int, hsn: str
) -> ProductView:
    """The product's HSN (goods: 4, 6 or 8 digits) or SAC (services: 6 digits) for GSTR-1."""
    clean = hsn.replace(" ", "").replace(".", "")
    if not _HSN.match(clean):
        raise InvalidInput("an HSN code has 4, 6 or 8 digits")
    row = await session.get(Product, product_id)
    if row is None or row.business_id != business_id:
        raise NotFound(f"no product {product_id}")
    row.hsn = clean
    await session.flush()
    return product_view(row)


async def set_party_tax(
    session: AsyncSession,
    business_id: int,
    party_id: int,
    *,
    tax_id: str | None = None,
    state: str | None = None,
) -> PartyView:
    """A party's GSTIN/TRN and state (India) or emirate (UAE), checked like the shop's own."""
    shop = await get_business(session, business_id)
    row = await party(session, business_id, party_id)
    if tax_id is not None:
        clean = tax_id.strip().upper()
        problem = tax_id_problem(shop.country, clean)
        if problem:
            raise InvalidInput(problem)
        row.tax_id = clean
        if shop.country == "IN" and not row.state:
            row.state = clean[:2]  # a GSTIN starts with its holder's state
    if state is not None:
        row.state = place_code(shop.country, state)
    await session.flush()
    return party_view(row)
