"""Helpers for job tests: a shop with an owner, customers who owe, consents, and the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.jobs import JobContext
from bot.settings import Settings
from bot.tables import OutboxRow
from consent.crypto import Cipher
from consent.tables import ConsentRow, NoticeRow
from ledger import (
    Database,
    SaleItem,
    add_member,
    add_party,
    add_product,
    create_business,
    sell,
)
from ledger.tables import Business, Member
from tests.factories import new_phone


def context(db: Database, tmp_path: Path) -> JobContext:
    """Jobs against the test database, sending on WhatsApp, with a fresh key."""
    settings = Settings(
        hisaab_data_dir=tmp_path / "data",
        database_url=db.url,
        _env_file=None,  # pydantic-settings: ignore a developer's .env
    )
    return JobContext(db, Cipher(Fernet.generate_key()), settings, frozenset({"whatsapp"}))


@dataclass(frozen=True, slots=True)
class Shop:
    """A shop of one test: its id, owner phone and products by name."""

    id: int
    owner: str
    products: dict[str, int]


async def open_shop(
    db: Database,
    *,
    timezone: str = "Asia/Dubai",
    closing: str = "21:00",
    currency: str = "AED",
    summary: bool = False,
    language: str = "en",
) -> Shop:
    """A shop with an owner, rice (25 bags), milk (40, reorder at 10) and soap (45)."""
    owner = new_phone()
    async with db.session() as session:
        shop = await create_business(
            session,
            name="Jobs Grocery",
            currency=currency,
            country="AE",
            tax_name="VAT",
            tax_rate=Decimal(5),
            prices_include_tax=True,
            timezone=timezone,
        )
        row = await session.get(Business, shop.id)
        assert row is not None
        row.closing_time = closing
        member = await add_member(session, shop.id, phone=owner, role="owner", language=language)
        await set_summary(session, member.id, summary)
        products = {}
        for name, stock, level in (
            ("Rice 5kg", 25, None),
            ("Milk 1L", 40, Decimal(10)),
            ("Soap", 45, None),
        ):
            product = await add_product(
                session,
                shop.id,
                name=name,
                price_minor=1000,
                opening_stock=Decimal(stock),
                reorder_level=level,
            )
            products[name] = product.id
    return Shop(shop.id, owner, products)


async def set_summary(session: AsyncSession, member_id: int, on: bool) -> None:
    """Opt a member in or out of the end-of-day summary."""
    row = await session.get(Member, member_id)
    assert row is not None
    row.daily_summary = on
    await session.flush()


async def customer(
    db: Database,
    shop: Shop,
    *,
    owes: int,
    consent: str | None = "granted",
    at: datetime | None = None,
) -> tuple[int, str]:
    """A customer who bought on credit for `owes` fils, with a consent row of `consent`."""
    phone = new_phone("+97156")
    async with db.session() as session:
        party = await add_party(session, shop.id, name=f"Customer {phone[-4:]}", phone=phone)
        if owes:
            await sell(
                session,
                shop.id,
                [SaleItem(shop.products["Soap"], Decimal(1), owes)],
                party_id=party.id,
                paid="credit",
                at=at,
            )
        if consent is not None:
            session.add(ConsentRow(business_id=shop.id, address=phone, status=consent))
    return party.id, phone


async def say_stop(db: Database, phone: str) -> None:
    """The person said STOP: no business-initiated message from any shop."""
    async with db.session() as session:
        row = await session.get(NoticeRow, phone)
        if row is None:
            session.add(NoticeRow(address=phone, stopped=True))
        else:
            row.stopped = True


async def outbox(db: Database, business_id: int, purpose: str) -> list[OutboxRow]:
    """The shop's queued messages of one purpose, oldest first."""
    async with db.session() as session:
        rows = await session.execute(
            select(OutboxRow)
            .where(OutboxRow.business_id == business_id, OutboxRow.purpose == purpose)
            .order_by(col(OutboxRow.id))
        )
        return list(rows.scalars())


def per_recipient(rows: list[OutboxRow]) -> dict[str, int]:
    """How many messages each recipient has queued."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.recipient] = counts.get(row.recipient, 0) + 1
    return counts
