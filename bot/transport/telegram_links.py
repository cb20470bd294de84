"""Tying a Telegram chat to a phone number: a shared contact, or a deep link from an invoice.

Telegram cannot message a phone number, and a chat id says nothing about who writes. A chat
becomes a person in two ways: the person shares their own contact (the owner registering a
shop), or a customer opens `t.me/<bot>?start=<token>`, a link the owner was given with an
invoice. A token is unguessable, belongs to one customer of one shop, expires, and is used
once, so a forwarded link cannot be replayed into a second chat.

What a link proves is only that the opener was handed it by the shop, so it makes the chat
that shop's customer and nothing more: no member role in any shop, no customer of any other
shop, and messages other shops send to the phone do not go to that chat. Only a shared
contact (Telegram vouches that it is the writer's own number) makes the chat the phone
everywhere, and a link never downgrades or moves such a chat.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from ledger import Database, NotFound, get_business
from ledger.catalog import party, party_view
from ledger.db import upsert_insert
from ledger.types import utcnow

from ..tables import LinkToken, TelegramLink
from .intake import InboxUnavailable

TOKEN_DAYS = 30


@dataclass(frozen=True, slots=True)
class Linked:
    """A chat now tied to a customer of a shop."""

    shop: str
    phone: str


async def deep_link(session: AsyncSession, business_id: int, party_id: int, username: str) -> str:
    """A `https://t.me/<bot>?start=<token>` link that ties the opener's chat to the party."""
    token = secrets.token_urlsafe(24)  # 32 characters of [A-Za-z0-9_-], as /start allows
    session.add(
        LinkToken(
            token=token,
            business_id=business_id,
            party_id=party_id,
            expires_at=utcnow() + timedelta(days=TOKEN_DAYS),
        )
    )
    await session.flush()
    return f"https://t.me/{username.lstrip('@')}?start={token}"


async def link_phone(
    session: AsyncSession, chat_id: str, phone: str, now: datetime, business_id: int | None = None
) -> None:
    """Tie a chat to a phone number: everywhere (`business_id` None, a proven contact) or as
    one shop's customer. A later link of the same chat replaces it."""
    upsert = upsert_insert(session)
    values = {"phone": phone, "linked_at": now, "business_id": business_id}
    await session.execute(
        upsert(TelegramLink)
        .values(chat_id=chat_id, **values)
        .on_conflict_do_update(index_elements=["chat_id"], set_=values)
    )


async def redeem(session: AsyncSession, token: str, chat_id: str, now: datetime) -> Linked | None:
    """Use a deep link's token: make the chat its shop's customer; None if unknown or expired.

    A chat already proven by a shared contact keeps that link (it is the stronger one).
    """
    row = await session.get(LinkToken, token, with_for_update=True)
    if row is None:
        return None
    await session.delete(row)  # used once, expired or not
    if row.expires_at <= now:
        return None
    try:
        customer = party_view(await party(session, row.business_id, row.party_id))
    except NotFound:
        return None
    if not customer.phone:
        return None
    current = await session.get(TelegramLink, chat_id)
    if current is None or current.business_id is not None:
        await link_phone(session, chat_id, customer.phone, now, row.business_id)
    elif current.phone != customer.phone:
        return None  # a proven chat of another number: the link is not this person's
    shop = await get_business(session, row.business_id)
    return Linked(shop.name, customer.phone)


async def chat_link(session: AsyncSession, chat_id: str) -> TelegramLink | None:
    """How a chat is tied to a person, if it is."""
    return await session.get(TelegramLink, chat_id)


async def linked_phone(db: Database, chat_id: str) -> str | None:
    """The phone number a chat is tied to, if any (read on its own session)."""
    try:
        async with db.glance() as session:
            link = await chat_link(session, chat_id)
    except SQLAlchemyError as exc:
        raise InboxUnavailable(str(exc)) from exc
    return None if link is None else link.phone
