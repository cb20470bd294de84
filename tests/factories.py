"""Factories for shops and catalogs, so tests read as sentences."""

from __future__ import annotations

import itertools
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ledger import BusinessView, add_member, add_party, add_product, create_business

_phones = itertools.count(1000)


def new_phone(prefix: str = "+97150") -> str:
    """A phone number no other test uses."""
    return f"{prefix}{next(_phones):07d}"


async def uae_shop(
    session: AsyncSession, *, inclusive: bool = True, name: str = "Test Grocery"
) -> BusinessView:
    """A Dubai shop with VAT 5%, rice, milk and soap in stock, and a customer Ahmed."""
    shop = await create_business(
        session,
        name=name,
        currency="AED",
        country="AE",
        tax_name="VAT",
        tax_rate=Decimal(5),
        prices_include_tax=inclusive,
        timezone="Asia/Dubai",
        tax_id="100234567800003",
    )
    await add_product(
        session,
        shop.id,
        name="Rice 5kg",
        price_minor=4000,
        unit="bag",
        aliases=("rice",),
        opening_stock=Decimal(25),
    )
    await add_product(
        session,
        shop.id,
        name="Milk 1L",
        price_minor=650,
        unit="bottle",
        aliases=("milk",),
        opening_stock=Decimal(40),
        reorder_level=Decimal(10),
    )
    await add_product(session, shop.id, name="Soap", price_minor=300, opening_stock=Decimal(45))
    await add_party(session, shop.id, name="Ahmed Khan", phone=new_phone())
    await add_party(session, shop.id, name="Gulf Dairy", kind="supplier", phone=new_phone("+9714"))
    await add_member(session, shop.id, phone=new_phone(), role="owner")
    return shop


async def india_shop(session: AsyncSession, *, state: str = "MH") -> BusinessView:
    """A Mumbai kirana with GST 5% exclusive prices and a UPI id."""
    shop = await create_business(
        session,
        name="Sharma Kirana",
        currency="INR",
        country="IN",
        tax_name="GST",
        tax_rate=Decimal(5),
        prices_include_tax=False,
        timezone="Asia/Kolkata",
        tax_id="27AAPFU0939F1ZV",
        state=state,
        upi_id="sharma@upi",
    )
    await add_product(
        session, shop.id, name="Sugar", price_minor=4500, unit="kg", opening_stock=Decimal(100)
    )
    await add_product(
        session, shop.id, name="Toor Dal", price_minor=333, unit="kg", opening_stock=Decimal(50)
    )
    await add_party(session, shop.id, name="Ravi Kumar", phone=new_phone("+9198"), state=state)
    await add_party(session, shop.id, name="Delhi Traders", phone=new_phone("+9199"), state="DL")
    return shop
