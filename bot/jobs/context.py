"""What a scheduled job runs with, and how it queues a business-initiated message."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from consent.crypto import Cipher
from consent.log import record
from ledger import Database

from ..messages import Document
from ..settings import Settings
from ..transport.outbox import enqueue
from ..transport.routing import route

log = logging.getLogger(__name__)

Queued = Literal["queued", "duplicate", "unreachable"]


@dataclass(frozen=True, slots=True)
class JobContext:
    """The running process's database, cipher, settings and the channels it sends on."""

    db: Database
    cipher: Cipher
    settings: Settings
    channels: frozenset[str]


def zone_of(timezone: str) -> ZoneInfo:
    """A shop's time zone; UTC when the stored name is unknown (a job never crashes on it)."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r; using UTC", timezone)
        return ZoneInfo("UTC")


def local_date(now: datetime, timezone: str) -> str:
    """The shop's calendar day at `now`, as an ISO date (the day part of dedup keys)."""
    return now.astimezone(zone_of(timezone)).date().isoformat()


def clock_time(text: str, default: time) -> time:
    """A stored "HH:MM" as a time; `default` when it is malformed."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        log.warning("malformed time %r; using %s", text, default.strftime("%H:%M"))
        return default


async def notify(
    session: AsyncSession,
    ctx: JobContext,
    *,
    phone: str,
    text: str,
    purpose: str,
    dedup_key: str,
    business_id: int,
    at: datetime,
    document: Document | None = None,
) -> Queued:
    """Queue one message to a phone in the caller's transaction, and log it (consent/).

    "duplicate" when `dedup_key` was already queued (a job that runs twice queues a message
    once); "unreachable" when no channel this process runs reaches the phone.
    """
    # Reminders go to the shop's customer; summaries and alerts to its owner.
    customer_of = business_id if purpose == "reminder" else None
    target = await route(session, phone, ctx.channels, customer_of)
    if target is None:
        return "unreachable"
    channel, recipient = target
    queued = await enqueue(
        session,
        ctx.cipher,
        dedup_key=dedup_key,
        channel=channel,
        recipient=recipient,
        text=text,
        document=document,
        purpose=purpose,
        business_id=business_id,
    )
    if not queued:
        return "duplicate"
    await record(
        session,
        ctx.cipher,
        business_id=business_id,
        address=phone,
        channel=channel,
        direction="out",
        kind="text",
        text=text,
        at=at,
    )
    return "queued"
