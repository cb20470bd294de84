"""Tables of consent/: the encrypted conversation log, consents, privacy notices and the audit.

Message text is stored sealed (consent.crypto.Cipher); addresses are stored as they are so that
a person's rows can be found, exported and erased, and are deleted with them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from ledger.types import instant_field


class LogEntry(SQLModel, table=True):
    """One message in or out, kept LOG_RETENTION_DAYS; never audio, only a note of documents."""

    __tablename__ = "conversation_log"
    __table_args__ = (
        Index("ix_conversation_log_created_at", "created_at"),
        Index("ix_conversation_log_address", "address", "created_at"),
        Index("ix_conversation_log_business", "business_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    business_id: int | None = None
    address: str  # the person on the other side: E.164 phone or "tg:<chat id>"
    channel: str
    direction: str  # "in" | "out"
    kind: str  # "text" | "voice" (the transcript) | "document" (a note of it, not its bytes)
    body: str = Field(sa_column=Column(Text(), nullable=False))  # sealed
    created_at: datetime = instant_field()


class ConsentRow(SQLModel, table=True):
    """Whether a person agreed to business-initiated messages (invoices, reminders) from a shop."""

    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("business_id", "address"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int = Field(foreign_key="business.id", index=True)
    address: str = Field(index=True)  # E.164 phone
    status: str  # "asked" | "granted" | "refused" | "withdrawn"
    source_message_id: str = ""  # the message that made the change
    changed_at: datetime = instant_field()
    last_reminded_at: datetime | None = instant_field(nullable=True)


class NoticeRow(SQLModel, table=True):
    """A person who has been shown the privacy notice (shown once, on their first message)."""

    __tablename__ = "privacy_notice"

    address: str = Field(primary_key=True)
    shown_at: datetime = instant_field()
    stopped: bool = False  # STOP: no business-initiated message from any shop until START


class AuditRow(SQLModel, table=True):
    """A consent change or data-rights request and its outcome; kept BOOKS_RETENTION_YEARS.

    `subject` is a keyed hash of the person's address, never the address itself, so the fact of
    an erasure survives it without the data.
    """

    __tablename__ = "rights_audit"
    __table_args__ = (Index("ix_rights_audit_subject", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    business_id: int | None = None
    subject: str
    action: str  # notice | consent_granted | consent_refused | stop | start | export | erase | ...
    outcome: str  # done | refused | cancelled | failed
    source_message_id: str = ""
    detail: str = ""  # never personal data
    at: datetime = instant_field()
