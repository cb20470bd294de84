"""A WhatsApp channel wired for tests: our app on 127.0.0.1 and a fake Twilio beside it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer, unused_port
from cryptography.fernet import Fernet
from sqlmodel import col, select

from bot.channels.links import DocumentLinks, derive_secret
from bot.channels.whatsapp import TwilioConfig, WhatsAppAdapter
from bot.messages import Document
from bot.tables import ContactRow, InboxRow, OutboxRow
from bot.transport.intake import Intake
from bot.transport.outbox import OutgoingMessage, enqueue, open_row
from consent.crypto import Cipher
from ledger import Database
from ledger.types import utcnow
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, SANDBOX_FROM, FakeTwilio

PDF = b"%PDF-1.4\n% a tiny invoice\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass
class Rig:
    """The adapter installed in a running app, its HTTP client, the fake Twilio, the database."""

    db: Database
    cipher: Cipher
    adapter: WhatsAppAdapter
    client: TestClient[web.Request, web.Application]
    twilio: FakeTwilio
    public_url: str
    queued: list[int] = field(default_factory=list)

    @property
    def webhook_url(self) -> str:
        """Where Twilio posts messages."""
        return self.public_url + "/twilio/whatsapp"

    async def inbox(self, sender: str) -> list[InboxRow]:
        """The stored updates of one sender."""
        async with self.db.session() as session:
            found = await session.execute(
                select(InboxRow)
                .where(InboxRow.channel == "whatsapp", InboxRow.sender == sender)
                .order_by(col(InboxRow.id))
            )
            return list(found.scalars())

    async def outbox(self, recipient: str) -> list[OutboxRow]:
        """The queued messages of one recipient."""
        async with self.db.session() as session:
            found = await session.execute(
                select(OutboxRow)
                .where(OutboxRow.recipient == recipient)
                .order_by(col(OutboxRow.id))
            )
            return list(found.scalars())

    async def queue(
        self,
        recipient: str,
        text: str,
        *,
        purpose: str = "reply",
        document: Document | None = None,
        notify_member: str = "",
    ) -> OutgoingMessage:
        """Queue a message in the outbox as the core would, and open it as the courier does."""
        key = f"test:{recipient}:{len(await self.outbox(recipient))}"
        async with self.db.session() as session:
            await enqueue(
                session,
                self.cipher,
                dedup_key=key,
                channel="whatsapp",
                recipient=recipient,
                text=text,
                document=document,
                purpose=purpose,
                notify_member=notify_member,
            )
        async with self.db.session() as session:
            row = (
                await session.execute(select(OutboxRow).where(OutboxRow.dedup_key == key))
            ).scalar_one()
        return open_row(row, self.cipher)

    async def wrote_at(self, phone: str, when: datetime) -> None:
        """The person last wrote to us on WhatsApp at `when` (the 24-hour window)."""
        async with self.db.session() as session:
            contact = await session.get(ContactRow, ("whatsapp", phone))
            if contact is None:
                session.add(ContactRow(channel="whatsapp", address=phone, last_inbound_at=when))
            else:
                contact.last_inbound_at = when


@asynccontextmanager
async def whatsapp_rig(
    db: Database,
    *,
    content_sids: dict[str, str] | None = None,
    public_url: str | None = None,
    api_base_url: str | None = None,
    timeout_seconds: float = 20.0,
) -> AsyncIterator[Rig]:
    """Our app with the WhatsApp adapter on a free port, and a started fake Twilio."""
    twilio = FakeTwilio()
    await twilio.start()
    key = Fernet.generate_key()
    cipher = Cipher(key)
    port = unused_port()
    public = public_url or f"http://127.0.0.1:{port}"
    config = TwilioConfig(
        account_sid=ACCOUNT_SID,
        auth_token=AUTH_TOKEN,
        whatsapp_from=SANDBOX_FROM,
        public_base_url=public,
        api_base_url=twilio.base_url if api_base_url is None else api_base_url,
        content_sids=content_sids or {},
        timeout_seconds=timeout_seconds,
    )
    links = DocumentLinks(db, cipher, derive_secret(key), public, hours=24)
    intake = Intake(db, cipher)
    queued: list[int] = []
    adapter = WhatsAppAdapter(config, db, cipher, intake, links, on_queued=lambda: queued.append(1))
    app = web.Application()
    adapter.install(app)
    client = TestClient(TestServer(app, host="127.0.0.1", port=port))
    await client.start_server()
    await adapter.start()
    try:
        yield Rig(db, cipher, adapter, client, twilio, public, queued)
    finally:
        await adapter.stop()
        await adapter.close()
        await client.close()
        await twilio.stop()


def with_config(rig: Rig, **changes: object) -> None:
    """Change the adapter's settings in place (another template, another host)."""
    rig.adapter.config = replace(rig.adapter.config, **changes)  # type: ignore[arg-type]


def now() -> datetime:
    """The current UTC time."""
    return utcnow()
