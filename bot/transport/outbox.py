"""The outbox: messages to send are written in the transaction that decided them, then sent.

A reply is queued in the same transaction that marks its inbound message handled, so a
message is answered exactly when it was booked. A sender (`Courier`) takes due rows, hands
them to the channel's `ChannelDriver`, and records the outcome: sent, retried later (network,
429, 5xx), or failed for good (the owner is told when an invoice could not be delivered).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from consent.crypto import Cipher
from ledger.db import Upsert, table
from ledger.types import utcnow

from ..messages import Document
from ..tables import OutboxRow

log = logging.getLogger(__name__)

# Purposes that are not an answer to the recipient's own message.
BUSINESS_INITIATED = frozenset({"invoice", "reminder", "summary", "alert", "export"})


class RetryLater(Exception):
    """The platform could not take the message now (network, 429, 5xx): try again later.

    `maybe_sent`: the request may have reached the platform before the answer was lost (a
    timeout or a dropped connection after sending), so the next try looks before it resends.
    """

    def __init__(
        self, reason: str, after_seconds: float | None = None, *, maybe_sent: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after_seconds = after_seconds
        self.maybe_sent = maybe_sent


class Undeliverable(Exception):
    """The message can never go out as it is (no consent, outside the 24-hour window with no
    template, unknown chat): `reason` is in words an owner understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One queued message, opened, as a driver sees it."""

    id: int
    channel: str
    recipient: str
    purpose: str
    text: str
    document: Document | None = field(default=None, repr=False)
    business_id: int | None = None
    # An earlier try may have gone out unseen (timed out, or its process died mid-send) since
    # this instant: a driver that can look its platform up does so before sending again.
    unsure_since: datetime | None = None


class ChannelDriver(Protocol):
    """Sends messages on one platform."""

    channel: str

    async def send(self, message: OutgoingMessage) -> str:
        """Send one message; the platform's id for it. Raises RetryLater or Undeliverable.

        When `message.unsure_since` is set, a driver whose platform lists what was sent finds
        the earlier copy (and returns its id) instead of sending the message twice.
        """
        ...


QUEUE = Upsert(
    lambda insert: (
        insert(table(OutboxRow))
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(table(OutboxRow).c.id)
    )
)


async def enqueue(
    session: AsyncSession,
    cipher: Cipher,
    *,
    dedup_key: str,
    channel: str,
    recipient: str,
    text: str = "",
    document: Document | None = None,
    purpose: str = "reply",
    business_id: int | None = None,
    notify_member: str = "",
    not_before: datetime | None = None,
) -> bool:
    """Queue a message in the caller's transaction; False if `dedup_key` was already queued.

    A document still to be made (`Document.make`) is queued "drafting": it waits, and holds
    its recipient's later messages back, until `fill_draft` puts its bytes in.
    """
    drafting = document is not None and document.make is not None
    row = {
        "dedup_key": dedup_key,
        "business_id": business_id,
        "channel": channel,
        "recipient": recipient,
        "purpose": purpose,
        "body": cipher.seal(text),
        "document_name": document.filename if document else "",
        "document_mime": document.mime_type if document else "",
        "document": cipher.seal_bytes(document.data) if document and not drafting else None,
        "status": "drafting" if drafting else "queued",
        "attempts": 0,
        "next_attempt_at": not_before or utcnow(),
        "provider_id": "",
        "error": "",
        "notify_member": notify_member,
        "created_at": utcnow(),
    }
    return (await session.execute(QUEUE(session), row)).first() is not None


async def fill_draft(
    session: AsyncSession, cipher: Cipher, dedup_key: str, document: Document
) -> bool:
    """Put a drafted document's bytes into its queued message and let it go; False if there
    was no such draft (it was filled already, or erased meanwhile)."""
    done = await session.execute(
        update(OutboxRow)
        .where(col(OutboxRow.dedup_key) == dedup_key, col(OutboxRow.status) == "drafting")
        .values(
            document=cipher.seal_bytes(document.data), status="queued", next_attempt_at=utcnow()
        )
        .returning(col(OutboxRow.id))
    )
    return done.first() is not None


def open_row(row: OutboxRow, cipher: Cipher) -> OutgoingMessage:
    """The message a row holds, decrypted."""
    document = None
    if row.document is not None:
        document = Document(row.document_name, row.document_mime, cipher.open_bytes(row.document))
    assert row.id is not None
    return OutgoingMessage(
        id=row.id,
        channel=row.channel,
        recipient=row.recipient,
        purpose=row.purpose,
        text=cipher.open(row.body) if row.body else "",
        document=document,
        business_id=row.business_id,
        unsure_since=row.unsure_since,
    )


def backoff(attempts: int, hint: float | None = None) -> timedelta:
    """How long to wait before the next try: the platform's hint, else 1, 2, 4 … 300 s."""
    if hint is not None and hint > 0:
        return timedelta(seconds=hint)
    return timedelta(seconds=min(300, 2 ** max(0, attempts - 1)))
