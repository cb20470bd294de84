"""A loopback channel and an in-process server, to test the machinery behind the channels.

The loopback channel is a real ChannelAdapter: updates arrive over HTTP on the server's own
aiohttp app and are stored through `Intake.accept`; sends are recorded, and can be told to
fail with "later" a number of times (a platform's 429 or a network error).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import ClientSession, web

from bot.bootstrap import build, make_cipher, wire
from bot.channels.base import ChannelAdapter, MediaTooLarge, MediaUnavailable
from bot.server import Server, make_sink
from bot.settings import Settings
from bot.transport.courier import Courier
from bot.transport.intake import Intake, Update
from bot.transport.outbox import OutgoingMessage, RetryLater
from ledger import Database
from voice import FakeTranscriber


@dataclass
class LoopbackChannel:
    """Channel "console" over HTTP: POST /loopback {id, sender, text} stores an update."""

    intake: Intake
    channel: str = "console"
    sent: list[OutgoingMessage] = field(default_factory=list)
    fail_next: int = 0  # answer "later" this many times
    retry_after: float | None = 0.05
    fetches: int = 0  # voice notes asked for; every one is "gone" ("huge…": too large)

    @property
    def sales(self) -> list[OutgoingMessage]:
        """The replies that booked a sale (not the privacy notice of a first message)."""
        return [m for m in self.sent if "INV-" in m.text]

    def install(self, app: web.Application) -> None:
        app.router.add_post("/loopback", self._inbound)

    async def _inbound(self, request: web.Request) -> web.Response:
        data = await request.json()
        await self.intake.accept(
            Update(
                "console",
                str(data["id"]),
                str(data["sender"]),
                datetime.now(UTC),
                text=str(data.get("text", "")),
                media=str(data.get("media", "")),
                media_mime="audio/ogg" if data.get("media") else "",
            )
        )
        return web.Response(text="ok")

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def send(self, message: OutgoingMessage) -> str:
        if self.fail_next > 0:
            self.fail_next -= 1
            raise RetryLater("429 Too Many Requests", self.retry_after)
        self.sent.append(message)
        return f"loop-{message.id}"

    async def fetch_media(self, ref: str) -> bytes:
        self.fetches += 1
        if ref.startswith("huge"):
            raise MediaTooLarge(f"{ref} is over the limit")
        raise MediaUnavailable(f"{ref} is gone")


@dataclass
class Running:
    """A server on 127.0.0.1 with its loopback channel."""

    server: Server
    channel: LoopbackChannel
    url: str

    async def post(self, http: ClientSession, msg_id: str, sender: str, text: str) -> None:
        async with http.post(
            f"{self.url}/loopback", json={"id": msg_id, "sender": sender, "text": text}
        ) as response:
            assert response.status == 200


def settings_for(database_url: str, data_dir: Path) -> Settings:
    """Settings of a test server: the given database, rules, no keys."""
    return Settings(
        hisaab_data_dir=data_dir,
        database_url=database_url,
        intent_engine="rules",
        _env_file=None,
    )


@asynccontextmanager
async def running_server(
    database_url: str, data_dir: Path, *, poll_seconds: float = 1.0
) -> AsyncIterator[Running]:
    """A server with the loopback channel, started on a free port and stopped after.

    `poll_seconds`: how often the workers and the courier look at the database on their own
    (besides being woken by new messages).
    """
    settings = settings_for(database_url, data_dir)
    cipher = make_cipher(settings)
    db = Database(settings.db_url)
    adapters: dict[str, ChannelAdapter] = {}
    courier = Courier(db, cipher, adapters)
    app = await build(
        settings,
        transcriber=FakeTranscriber(""),
        sink=make_sink(cipher, frozenset({"console"}), courier=courier),
        cipher=cipher,
        db=db,
    )
    channels: list[LoopbackChannel] = []

    def loopback(intake: Intake, _wake: Callable[[], None]) -> list[ChannelAdapter]:
        channels.append(LoopbackChannel(intake))
        return [*channels]

    server = wire(app, loopback, courier=courier, adapters=adapters)
    [channel] = channels
    server.intake.poll_seconds = server.courier.poll_seconds = poll_seconds
    port = await server.start("127.0.0.1", 0)
    try:
        yield Running(server, channel, f"http://127.0.0.1:{port}")
    finally:
        await server.stop()
