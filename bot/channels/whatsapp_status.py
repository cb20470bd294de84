"""Twilio's status callbacks: what became of a sent message, recorded on its outbox row.

Callbacks may repeat and arrive out of order (a late "sent" after "delivered"), so a row only
moves forward, and "failed" is final. A failed invoice (or reminder) is reported to the member
who sent it once, however often Twilio repeats the callback.
"""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlmodel import col, select

from consent.crypto import Cipher
from ledger import Database

from ..tables import OutboxRow
from ..transport.courier import report_failure
from .whatsapp_api import reason_for

log = logging.getLogger(__name__)

# Twilio's MessageStatus -> the outbox's status.
STATUSES = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
    "undelivered": "failed",
}
# A status may replace only those before it.
EARLIER = {
    "sent": ("queued", "sending"),
    "delivered": ("queued", "sending", "sent"),
    "read": ("queued", "sending", "sent", "delivered"),
    "failed": ("queued", "sending", "sent", "delivered"),
}


async def record_status(
    db: Database,
    cipher: Cipher,
    message_sid: str,
    twilio_status: str,
    error_code: str,
    channels: frozenset[str],
) -> bool:
    """Record a callback on the row sent as `message_sid`; True if a report was queued."""
    status = STATUSES.get(twilio_status.lower())
    if status is None:
        return False  # queued, accepted, sending: nothing new
    reason = reason_for(error_code) if status == "failed" else ""
    async with db.session() as session:
        values: dict[str, str] = {"status": status}
        if reason:
            values["error"] = reason
        moved = await session.execute(
            update(OutboxRow)
            .where(
                col(OutboxRow.provider_id) == message_sid,
                col(OutboxRow.channel) == "whatsapp",
                col(OutboxRow.status).in_(EARLIER[status]),
            )
            .values(**values)
        )
        if moved.rowcount == 0:  # type: ignore[attr-defined]
            log.info(
                "status %s for %s: no row moved (repeat, late or unknown)", status, message_sid
            )
            return False
        if status != "failed":
            return False
        found = await session.execute(
            select(OutboxRow).where(
                col(OutboxRow.provider_id) == message_sid, col(OutboxRow.channel) == "whatsapp"
            )
        )
        queued = False
        for row in found.scalars():
            queued = await report_failure(session, cipher, row, reason, channels) or queued
        log.warning("WhatsApp message %s failed: %s", message_sid, reason)
        return queued
