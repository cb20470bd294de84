"""What the server needs from a channel: webhook routes, start/stop, sending, media."""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from ..transport.outbox import OutgoingMessage


class MediaUnavailable(Exception):
    """A voice note could not be fetched from the platform (gone, forbidden, network)."""


class MediaTooLarge(MediaUnavailable):
    """A voice note larger than the channel allows: refused at once, never retried."""


class ChannelAdapter(Protocol):
    """One platform, as the server drives it.

    Inbound, the adapter turns a platform update into an `intake.Update` and awaits
    `Intake.accept` before the platform gets its 200. Outbound, `send` is the outbox's driver.
    """

    channel: str

    def install(self, app: web.Application) -> None:
        """Add the adapter's webhook routes to the server's application."""
        ...

    async def start(self) -> None:
        """Start taking updates: register the webhook, or start long polling."""
        ...

    async def stop(self) -> None:
        """Stop taking new updates (in-flight ones are finished by the server)."""
        ...

    async def close(self) -> None:
        """Release the platform client; called once the courier has finished sending."""
        ...

    async def send(self, message: OutgoingMessage) -> str:
        """Send one queued message; the platform's id. Raises RetryLater or Undeliverable."""
        ...

    async def fetch_media(self, ref: str) -> bytes:
        """The bytes of a voice note the update referred to; raises MediaUnavailable."""
        ...
