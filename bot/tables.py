"""Conversation tables of bot/ (inbox, outbox, pending questions, contacts, Telegram links).

They are conversation machinery, not books, so they live here rather than in ledger/. Their
foreign keys name the shop's table ("business.id"); importing `ledger` (as `ledger.types`
below does) puts it on the same metadata.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from ledger.types import UTCDateTime, instant_field, utcnow

# An outbox row not sent yet (the courier's WAITING), as the partial index ix_outbox_waiting
# and the courier's queries both write it: the planner uses the index only for the same words.
WAITING_SQL = "status IN ('drafting', 'queued', 'sending')"


class InboxRow(SQLModel, table=True):
    """A platform message: stored before the platform gets its 200, handled exactly once.

    (channel, message id) is unique, so a replayed webhook is stored once; `handled_at` is set
    in the same transaction as whatever the message books, so it is booked at most once.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("channel", "message_id"),
        Index("ix_inbox_unhandled", "handled_at", "sender"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str
    message_id: str
    sender: str
    received_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))
    # Sealed JSON of what is needed to handle it (text, media reference); cleared once handled.
    payload: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    handled_at: datetime | None = instant_field(nullable=True)
    attempts: int = 0


class OutboxRow(SQLModel, table=True):
    """A message to send: written in the transaction that decided it, sent and retried apart.

    `dedup_key` is unique, so a job or a handler that runs twice queues a message once.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_recipient", "channel", "recipient", "id"),
        # A recipient's unsent messages (the courier's claim): without it, finding the oldest
        # walked the recipient's whole history of sent rows (3 ms at 20,000; 0015).
        Index(
            "ix_outbox_waiting",
            "channel",
            "recipient",
            "id",
            sqlite_where=text(WAITING_SQL),
            postgresql_where=text(WAITING_SQL),
        ),
        Index("ix_outbox_provider", "provider_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedup_key: str = Field(unique=True)
    business_id: int | None = Field(default=None, index=True)
    channel: str  # console | whatsapp | telegram
    recipient: str  # E.164 phone, or a Telegram chat id
    # reply | invoice | reminder | summary | alert | export: all but reply are business-initiated
    purpose: str = "reply"
    body: str = Field(default="", sa_column=Column(Text(), nullable=False))  # sealed text
    document_name: str = ""
    document_mime: str = ""
    document: bytes | None = Field(default=None, sa_column=Column(LargeBinary(), nullable=True))
    # queued | sending | sent | delivered | read | failed | blocked
    status: str = "queued"
    attempts: int = 0
    next_attempt_at: datetime = instant_field()
    lease_until: datetime | None = instant_field(nullable=True)
    provider_id: str = ""  # Twilio MessageSid, Telegram message id
    # Set when a send is started and cleared when the platform clearly did not take it: a row
    # found with it set may already be on the recipient's phone (see RetryLater.maybe_sent).
    unsure_since: datetime | None = instant_field(nullable=True)
    error: str = ""  # why it failed or was blocked, in words for the owner
    notify_member: str = ""  # phone of the member to tell if it fails (an invoice's sender)
    created_at: datetime = instant_field()
    sent_at: datetime | None = instant_field(nullable=True)


class ContactRow(SQLModel, table=True):
    """When a person last wrote to us on a channel: WhatsApp's 24-hour service window."""

    __tablename__ = "contact"

    channel: str = Field(primary_key=True)
    address: str = Field(primary_key=True)
    last_inbound_at: datetime = instant_field()


class TelegramLink(SQLModel, table=True):
    """A Telegram chat tied to a phone number (shared contact) or to one shop's customer
    (an invoice's deep link)."""

    __tablename__ = "telegram_link"

    chat_id: str = Field(primary_key=True)
    phone: str = Field(index=True)
    linked_at: datetime = instant_field()
    # None: the person shared their own contact, so the chat is that phone everywhere. A shop:
    # the chat opened that shop's invoice link and is only its customer at that phone.
    business_id: int | None = Field(default=None, foreign_key="business.id")


class LinkToken(SQLModel, table=True):
    """The token of a `t.me/<bot>?start=<token>` deep link that ties a customer to a chat."""

    __tablename__ = "telegram_link_token"

    token: str = Field(primary_key=True)
    business_id: int = Field(foreign_key="business.id", index=True)
    party_id: int = Field(foreign_key="party.id")
    expires_at: datetime = instant_field()


class PendingRow(SQLModel, table=True):
    """A question the bot asked a sender and is waiting for: a queue per sender (bot.pending)."""

    __tablename__ = "pending"
    __table_args__ = (Index("ix_pending_sender", "sender_key", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    sender_key: str  # "channel:address"
    position: int = 0  # the lowest is the question asked now
    business_id: int | None = Field(default=None, index=True)
    kind: str
    payload: str = Field(sa_column=Column(Text()))  # JSON, sealed with the log key
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
