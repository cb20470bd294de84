"""Twilio's status callbacks: what became of a sent message, recorded on its outbox row.

Callbacks may repeat and arrive out of order (a late "sent" after "delivered"), so a row only
moves forward, and "failed" is final. A failed invoice (or reminder) is reported to the member
who sent it once, however often Twilio repeats the callback.
"""

from __future__ import annotations

from consent.crypto import Cipher
from ledger import Database

from ..transport.courier import record_delivery
from .whatsapp_api import reason_for

# Twilio's MessageStatus -> the outbox's status.
STATUSES = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
    "undelivered": "failed",
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
    return await record_delivery(db, cipher, "whatsapp", message_sid, status, reason, channels)
