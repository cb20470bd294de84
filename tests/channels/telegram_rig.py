"""A Telegram channel wired for tests: the real aiogram Bot talking to a fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet
from sqlmodel import col, select

from bot.channels.telegram import TelegramAdapter, TelegramConfig
from bot.tables import InboxRow, OutboxRow, TelegramLink
from bot.transport.intake import Intake, Update
from bot.transport.outbox import OutgoingMessage, open_row
from consent.crypto import Cipher
from ledger import Database
from tests.fakes.telegram_server import TOKEN, FakeTelegram

SECRET = "s3cret-webhook_token"
PUBLIC_URL = "https://shop.example.com"


@dataclass
class Rig:
    """The adapter, the fake Bot API it talks to, and the database behind the inbox."""

    db: Database
    cipher: Cipher
    intake: Intake
    adapter: TelegramAdapter
    telegram: FakeTelegram
    client: TestClient[web.Request, web.Application] | None = None
    queued: list[int] = field(default_factory=list)

    async def inbox(self, chat_id: int) -> list[InboxRow]:
        """The stored updates of one chat, oldest first."""
        async with self.db.session() as session:
            found = await session.execute(
                select(InboxRow)
                .where(InboxRow.channel == "telegram", InboxRow.sender == str(chat_id))
                .order_by(col(InboxRow.id))
            )
            return list(found.scalars())

    async def updates(self, chat_id: int) -> list[Update]:
        """The stored updates of one chat, opened."""
        return [Update.open(row, self.cipher) for row in await self.inbox(chat_id)]

    async def outbox(self, chat_id: int) -> list[OutgoingMessage]:
        """What was queued for one chat, opened as the courier would."""
        async with self.db.session() as session:
            found = await session.execute(
                select(OutboxRow)
                .where(OutboxRow.channel == "telegram", OutboxRow.recipient == str(chat_id))
                .order_by(col(OutboxRow.id))
            )
            return [open_row(row, self.cipher) for row in found.scalars()]

    async def link(self, chat_id: int) -> str | None:
        """The phone a chat is linked to."""
        async with self.db.session() as session:
            found = await session.get(TelegramLink, str(chat_id))
            return None if found is None else found.phone

    async def post(self, update: dict[str, object], secret: str | None = SECRET) -> int:
        """POST an update to the webhook as Telegram would; the status."""
        assert self.client is not None, "the rig runs in polling mode"
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        response = await self.client.post("/telegram/webhook", json=update, headers=headers)
        return response.status


@asynccontextmanager
async def telegram_rig(
    db: Database, *, webhook: bool = False, poll_seconds: int = 1
) -> AsyncIterator[Rig]:
    """A started adapter: in webhook mode with its route in a served aiohttp app, else polling."""
    telegram = FakeTelegram()
    await telegram.start()
    cipher = Cipher(Fernet.generate_key())
    intake = Intake(db, cipher)
    queued: list[int] = []
    config = TelegramConfig(
        token=TOKEN,
        webhook_secret=SECRET,
        public_base_url=PUBLIC_URL if webhook else "",
        api_base_url=telegram.base_url,
        poll_seconds=poll_seconds,
    )
    adapter = TelegramAdapter(config, intake, on_queued=lambda: queued.append(1))
    client = None
    if webhook:
        app = web.Application()
        adapter.install(app)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
    await adapter.start()
    try:
        yield Rig(db, cipher, intake, adapter, telegram, client, queued)
    finally:
        await adapter.stop()
        await adapter.close()
        if client is not None:
            await client.close()
        await telegram.stop()
