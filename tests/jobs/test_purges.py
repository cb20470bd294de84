"""The nightly purges through the jobs: the log past its age, and books past the law's period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

from bot.jobs import dues_reminders, purge_books, purge_log
from consent.log import read, record
from consent.tables import LogEntry
from ledger import Database
from ledger.tables import Business, Invoice
from tests.factories import new_phone
from tests.jobs.helpers import context, customer, open_shop

NOW = datetime(2031, 6, 1, 3, 0, tzinfo=UTC)


async def test_purge_log_deletes_entries_past_the_retention_and_keeps_newer_ones(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    phone = new_phone()
    async with db.session() as session:
        for age, text in ((91, "old sale"), (89, "recent sale")):
            await record(
                session,
                ctx.cipher,
                business_id=None,
                address=phone,
                channel="whatsapp",
                direction="in",
                kind="text",
                text=text,
                at=NOW - timedelta(days=age),
            )

    assert await purge_log(ctx, NOW) >= 1
    async with db.session() as session:
        left = await session.execute(select(func.count()).where(LogEntry.address == phone))
        assert left.scalar_one() == 1
        kept = await read(session, ctx.cipher, address=phone, now=NOW, retention_days=90)
    assert [m.text for m in kept] == ["recent sale"]


async def test_a_queued_reminder_is_in_the_conversation_log(db: Database, tmp_path: Path) -> None:
    ctx = context(db, tmp_path)
    shop = await open_shop(db)
    _, phone = await customer(db, shop, owes=4500)
    await dues_reminders(ctx, NOW)
    async with db.session() as session:
        logged = await read(session, ctx.cipher, address=phone, now=NOW, retention_days=90)
    assert [(m.direction, m.kind, m.channel, m.business_id) for m in logged] == [
        ("out", "text", "whatsapp", shop.id)
    ]
    assert "AED 45" in logged[0].text


async def test_purge_books_deletes_a_shop_closed_past_the_retention_years(
    db: Database, tmp_path: Path
) -> None:
    ctx = context(db, tmp_path)
    old = await open_shop(db)
    recent = await open_shop(db)
    await customer(db, old, owes=4500)
    await customer(db, recent, owes=4500)
    async with db.session() as session:
        for shop, closed in ((old, NOW - timedelta(days=8 * 366)), (recent, NOW)):
            row = await session.get(Business, shop.id)
            assert row is not None
            row.closed_at = closed

    assert await purge_books(ctx, NOW) > 0
    async with db.session() as session:
        invoices = await session.execute(
            select(col(Invoice.business_id), func.count())
            .where(col(Invoice.business_id).in_([old.id, recent.id]))
            .group_by(col(Invoice.business_id))
        )
        assert dict(invoices.all()) == {recent.id: 1}
