"""The retention table, and books of closed shops deleted once their period has passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import func, select
from sqlmodel import SQLModel, col

from bot.settings import Settings
from consent.crypto import Cipher
from consent.records import audit, audit_trail
from consent.retention import POLICY, policy_markdown, purge_expired_books
from ledger import Database
from ledger.tables import Business, Invoice, Party, StockMove
from tests.bot.helpers import Shop, conversation, load_shop, say
from tests.factories import new_phone

NOW = datetime(2034, 3, 1, 12, 0, tzinfo=UTC)


def test_the_policy_names_real_settings_and_covers_log_books_consent_and_audio() -> None:
    fields = set(Settings.model_fields)
    for rule in POLICY:
        assert rule.setting == "-" or rule.setting.lower() in fields, rule.setting
    whats = " ".join(r.what.lower() for r in POLICY)
    for word in ("log", "invoices", "payments", "stock", "consent", "audit", "voice"):
        assert word in whats
    assert Settings.model_fields["log_retention_days"].default == 90
    assert Settings.model_fields["books_retention_years"].default == 7
    assert "| Voice notes (audio) | never stored |" in policy_markdown()


async def _count(db: Database, table: type[SQLModel], business_id: int) -> int:
    async with db.session() as session:
        found = await session.execute(
            select(func.count()).select_from(table).where(col(table.business_id) == business_id)  # type: ignore[attr-defined]
        )
        return int(found.scalar_one())


async def _shop_with_books(db: Database) -> Shop:
    shop = await load_shop(db)
    conv = conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    await say(conv, shop.owner, "undo")  # a void and reversing stock moves
    await say(conv, shop.owner, "fatima paid 20")
    return shop


async def _close(db: Database, shop: Shop, at: datetime) -> None:
    async with db.session() as session:
        row = await session.get(Business, shop.business.id)
        assert row is not None
        row.closed_at = at


async def test_books_of_a_shop_closed_longer_than_the_period_are_deleted(db: Database) -> None:
    expired = await _shop_with_books(db)
    recent = await _shop_with_books(db)
    open_shop = await _shop_with_books(db)
    await _close(db, expired, NOW - timedelta(days=7 * 366))
    await _close(db, recent, NOW - timedelta(days=365))
    assert await _count(db, StockMove, expired.business.id) > 0

    async with db.session() as session:
        deleted = await purge_expired_books(session, now=NOW, years=7)

    assert deleted > 0
    async with db.session() as session:
        assert await session.get(Business, expired.business.id) is None
        assert await session.get(Business, recent.business.id) is not None
    for table in (Invoice, StockMove, Party):
        assert await _count(db, table, expired.business.id) == 0
        assert await _count(db, table, recent.business.id) > 0
        assert await _count(db, table, open_shop.business.id) > 0


async def test_audit_rows_are_kept_for_the_same_period(db: Database) -> None:
    cipher = Cipher(Fernet.generate_key())
    phone = new_phone()
    async with db.session() as session:
        for at in (NOW - timedelta(days=8 * 365), NOW - timedelta(days=30)):
            await audit(session, cipher, address=phone, action="stop", outcome="done", at=at)
    async with db.session() as session:
        await purge_expired_books(session, now=NOW, years=7)
    async with db.session() as session:
        left = await audit_trail(session, cipher, phone)
    assert [row.at for row in left] == [NOW - timedelta(days=30)]
    assert all(row.subject != phone and phone not in row.subject for row in left)


def test_docs_privacy_shows_the_retention_table_of_the_code() -> None:
    page = Path(__file__).parents[2] / "docs" / "privacy.md"
    assert policy_markdown() in page.read_text(encoding="utf-8")
