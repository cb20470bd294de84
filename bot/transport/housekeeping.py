"""Transport rows do not outlive the conversation log: inbox ids, sent messages, documents,
and Telegram invitation links once they have expired."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger.db import rows_changed

from ..tables import InboxRow, LinkToken, OutboxRow

FINISHED = ("sent", "delivered", "read", "failed", "undelivered", "blocked")


async def purge_transport(
    session: AsyncSession, *, before: datetime, documents_before: datetime, now: datetime
) -> int:
    """Delete handled inbox rows and finished outbox rows older than `before`, drop the
    documents of messages sent before `documents_before` (their links have expired), and
    delete the invitation links that expired before `now`."""
    inbox = await session.execute(
        delete(InboxRow).where(
            col(InboxRow.handled_at).is_not(None), col(InboxRow.received_at) < before
        )
    )
    outbox = await session.execute(
        delete(OutboxRow).where(
            col(OutboxRow.status).in_(FINISHED), col(OutboxRow.created_at) < before
        )
    )
    await session.execute(
        update(OutboxRow)
        .where(
            col(OutboxRow.status).in_(FINISHED),
            col(OutboxRow.document).is_not(None),
            col(OutboxRow.created_at) < documents_before,
        )
        .values(document=None)
    )
    links = await session.execute(delete(LinkToken).where(col(LinkToken.expires_at) < now))
    return rows_changed(inbox) + rows_changed(outbox) + rows_changed(links)
