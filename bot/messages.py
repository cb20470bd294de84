"""The one type in and the one type out at the channel edge."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Channel = Literal["console", "whatsapp", "telegram"]
# The longest message text the bot reads (Telegram's own limit); a longer one is answered with a
# request to send it in parts, and only this much of it is ever stored or logged.
TEXT_LIMIT = 4096


def capped(text: str, too_long: bool = False) -> tuple[str, bool]:
    """A message text cut to TEXT_LIMIT characters, and whether it was (or already was) longer."""
    if len(text) > TEXT_LIMIT:
        return text[:TEXT_LIMIT], True
    return text, too_long


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
    too_long: bool = False  # the text was longer than TEXT_LIMIT and is cut to it

    def __post_init__(self) -> None:
        text, too_long = capped(self.text, self.too_long)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "too_long", too_long)


@dataclass(frozen=True, slots=True)
class Document:
    """A file the bot sends, such as an invoice PDF."""

    filename: str
    mime_type: str
    data: bytes = field(repr=False)
    # Made once the write transaction that decided it has committed (an invoice stamped VOID
    # by the very void that decides to send it): `data` is empty until then, and the outbox
    # holds the message back ("drafting") until `make`'s bytes are filled in.
    make: Callable[[], Awaitable[bytes]] | None = field(default=None, repr=False, compare=False)


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
