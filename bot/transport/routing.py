"""Which channel reaches a person the bot was not just talking to (a customer, an owner)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger import Database

from ..tables import ContactRow, TelegramLink

SERVICE_WINDOW = timedelta(hours=24)  # WhatsApp's customer-service window


async def route(
    session: AsyncSession,
    phone: str,
    channels: frozenset[str],
    customer_of: int | None = None,
) -> tuple[str, str] | None:
    """(channel, recipient) for a phone among the channels this process runs, or None.

    A linked Telegram chat comes first (the person chose it), then WhatsApp, then the console
    (a local demo has no platform: the message is only queued and shown). `customer_of` is the
    shop writing to the phone as its customer: a chat tied by that shop's invoice link reaches
    them too; every other message goes only to a chat proven by the person's shared contact.
    """
    if "telegram" in channels:
        chat = await linked_chat(session, phone, customer_of)
        if chat is not None:
            return "telegram", chat
    if "whatsapp" in channels:
        return "whatsapp", phone
    if "console" in channels:
        return "console", phone
    return None


async def linked_chat(
    session: AsyncSession, phone: str, customer_of: int | None = None
) -> str | None:
    """The Telegram chat most recently tied to a phone number, if any: a proven one, or one
    tied by the invoice link of the shop `customer_of`."""
    scope: ColumnElement[bool] = col(TelegramLink.business_id).is_(None)
    if customer_of is not None:
        scope = or_(scope, col(TelegramLink.business_id) == customer_of)
    found = await session.execute(
        select(TelegramLink.chat_id)
        .where(TelegramLink.phone == phone, scope)
        .order_by(col(TelegramLink.linked_at).desc())
        .limit(1)
    )
    return found.scalar_one_or_none()


async def in_service_window(
    session: AsyncSession, address: str, now: datetime, channel: str | None = None
) -> bool:
    """Whether the person wrote to us less than 24 hours ago (on `channel`, or on any).

    WhatsApp lets a business answer freely inside this window; consent/ lets an invoice the
    person asked for go out inside it too.
    """
    stmt = select(ContactRow.last_inbound_at).where(ContactRow.address == address)
    if channel is not None:
        stmt = stmt.where(ContactRow.channel == channel)
    found = await session.execute(stmt)
    return any(now - at < SERVICE_WINDOW for at in found.scalars())


async def within_service_window(
    db: Database, address: str, now: datetime, channel: str | None = None
) -> bool:
    """`in_service_window` on a read session of its own (for a channel deciding how to send)."""
    async with db.glance() as session:
        return await in_service_window(session, address, now, channel)
