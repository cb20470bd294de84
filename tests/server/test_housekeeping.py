"""Old transport rows go; what is still to be handled or sent stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from bot.bootstrap import make_cipher
from bot.messages import Document
from bot.tables import InboxRow, LinkToken, OutboxRow
from bot.transport.housekeeping import purge_transport
from bot.transport.intake import Update, store
from bot.transport.outbox import enqueue
from ledger import Database, find_party
from tests.bot.helpers import load_shop
from tests.factories import new_phone

from .support import settings_for


async def test_old_finished_rows_are_purged_and_pending_ones_kept(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    cipher = make_cipher(settings_for(database_url, tmp_path))
    phone = new_phone()
    old = datetime.now(UTC) - timedelta(days=100)
    async with db.session() as session:
        await store(session, cipher, Update("whatsapp", f"old-{phone}", phone, old, "hi"))
        await store(session, cipher, Update("whatsapp", f"open-{phone}", phone, old, "hi"))
        for key in ("sent", "queued"):
            await enqueue(
                session,
                cipher,
                dedup_key=f"{key}-{phone}",
                channel="whatsapp",
                recipient=phone,
                text="x",
                document=Document("a.pdf", "application/pdf", b"%PDF"),
                not_before=old,
            )
    async with db.session() as session:
        handled = (
            await session.execute(select(InboxRow).where(InboxRow.message_id == f"old-{phone}"))
        ).scalar_one()
        handled.handled_at = old
        rows = (await session.execute(select(OutboxRow).where(OutboxRow.recipient == phone))).all()
        for (row,) in rows:
            row.created_at = old
            if row.dedup_key.startswith("sent"):
                row.status = "sent"
    now = datetime.now(UTC)
    shop = await load_shop(db)
    async with db.session() as session:
        party = await find_party(session, shop.business.id, "Fatima Ali")
        assert party is not None
        for token, expires in ((f"gone-{phone}", -1), (f"live-{phone}", 30)):
            session.add(
                LinkToken(
                    token=token,
                    business_id=shop.business.id,
                    party_id=party.id,
                    expires_at=now + timedelta(days=expires),
                )
            )
    async with db.session() as session:
        removed = await purge_transport(
            session,
            before=now - timedelta(days=90),
            documents_before=now - timedelta(hours=24),
            now=now,
        )
    assert removed >= 3
    async with db.session() as session:
        tokens = await session.execute(
            select(LinkToken.token).where(LinkToken.business_id == shop.business.id)
        )
        assert tokens.scalars().all() == [f"live-{phone}"]  # an expired link goes, a live one stays
    async with db.session() as session:
        inbox = (
            await session.execute(select(InboxRow.message_id).where(InboxRow.sender == phone))
        ).all()
        outbox = (
            await session.execute(
                select(OutboxRow.dedup_key, col(OutboxRow.document).is_not(None)).where(
                    OutboxRow.recipient == phone
                )
            )
        ).all()
    assert [m for (m,) in inbox] == [f"open-{phone}"]  # not yet handled: kept
    assert [(k, bool(d)) for k, d in outbox] == [(f"queued-{phone}", True)]  # not yet sent
