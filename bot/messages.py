"""The one type in and the one type out at the channel edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Channel = Literal["console", "whatsapp", "telegram"]


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One message from a person, whatever the platform."""

    channel: Channel
    sender: str  # E.164 phone (console, WhatsApp) or the platform's chat id (Telegram)
    message_id: str  # the platform's id; (channel, message_id) is unique
    received_at: datetime
    text: str = ""
    audio: bytes | None = field(default=None, repr=False)
    audio_mime: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A file the bot sends, such as an invoice PDF."""

    filename: str
    mime_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class OutboundReply:
    """One message the bot sends: to the sender, or to another person (a customer's invoice)."""

    text: str = ""
    document: Document | None = None
    to: str | None = None  # None: back to the sender
    # "reply" answers the sender; anything else (invoice, reminder, summary, alert) is
    # business-initiated and needs the recipient's consent (consent/) before it goes out.
    purpose: str = "reply"
    # The customer a reply to the sender is about when the message meant for them could not go
    # (no chat reaches them, or they were never asked for consent): the server may add a Telegram
    # invitation link for the sender to forward.
    invite: str | None = None
