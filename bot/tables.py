"""Conversation tables of bot/ (the inbox and pending questions), and every package's tables.

The inbox and the pending questions are conversation machinery, not books, so they live
here rather than in ledger/; importing this module puts every table on one metadata.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

import ledger.tables  # noqa: F401  (the books, for migrations)
from ledger.types import UTCDateTime, utcnow


class InboxRow(SQLModel, table=True):
    """A platform message already handled: (channel, message id) is booked at most once."""

    __tablename__ = "inbox"
    __table_args__ = (UniqueConstraint("channel", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str
    message_id: str
    sender: str
    received_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime()))


class PendingRow(SQLModel, table=True):
    """A question the bot asked a sender and is waiting for (expires)."""

    __tablename__ = "pending"

    sender_key: str = Field(primary_key=True)  # "channel:address"
    business_id: int | None = None
    kind: str
    payload: str = Field(sa_column=Column(Text()))  # JSON
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
