"""A write's document is made after its transaction commits (#14): the VOID copy a void
sends the customer is queued "drafting" with no bytes in the transaction that voids, filled
in right after the commit, and sent only then; a draft whose process died in between is made
again from the books by the courier (or failed, and its member told, if it cannot be)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.conversation.core import Conversation, CoreConfig
from bot.messages import Document, InboundMessage, OutboundReply
from bot.sender import Sender
from bot.server import OutboxSink
from bot.tables import OutboxRow
from bot.transport.courier import DRAFT_GRACE, Courier
from bot.transport.outbox import enqueue, open_row
from consent.crypto import Cipher
from intents import RuleParser
from ledger import Database
from ledger.types import utcnow
from tests.bot.helpers import load_shop, say, send
from tests.consent.helpers import private_conversation
from tests.pdf.reading import text_of
from voice import FakeTranscriber


class WatchingSink(OutboxSink):
    """The server's outbox sink, noting what its rows hold when the transaction queues them."""

    def __init__(self, cipher: Cipher, channels: frozenset[str]) -> None:
        super().__init__(cipher, channels)
        self.in_transaction: list[tuple[str, str, bool]] = []

    async def __call__(
        self,
        session: AsyncSession,
        msg: InboundMessage,
        sender: Sender,
        replies: list[OutboundReply],
    ) -> None:
        await super().__call__(session, msg, sender, replies)
        rows = await session.execute(
            select(OutboxRow).where(col(OutboxRow.document_name).startswith("INV-"))
        )
        self.in_transaction = [
            (r.document_name, r.status, r.document is not None) for r in rows.scalars()
        ]


async def test_the_void_copy_is_made_after_the_commit_and_sent_only_then(db: Database) -> None:
    shop = await load_shop(db)
    _, privacy = private_conversation(db)
    sink = WatchingSink(privacy.cipher, frozenset({"whatsapp"}))
    conv = Conversation(
        db, RuleParser(), FakeTranscriber(""), CoreConfig(), sink=sink, privacy=privacy
    )
    fatima = shop.phones["Fatima Ali"]
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, fatima, "hi")
    await say(conv, fatima, "yes")  # she agrees to invoices from the shop
    await send(conv, shop.owner, "send the bill to fatima")
    await say(conv, shop.owner, "cancel invoice INV-2026-0001")

    replies = await send(conv, shop.owner, "yes")

    # In the voiding transaction: the copy is queued with no bytes, held back.
    assert ("INV-2026-0001.pdf", "drafting", False) in sink.in_transaction
    [copy] = [r for r in replies if r.to == fatima]
    assert copy.document is not None and "VOID" in text_of(copy.document.data)
    async with db.read() as session:
        found = await session.execute(
            select(OutboxRow)
            .where(
                OutboxRow.business_id == shop.business.id,
                OutboxRow.recipient == fatima,
                OutboxRow.document_name == "INV-2026-0001.pdf",
            )
            .order_by(col(OutboxRow.id))
        )
        rows = list(found.scalars())
    # the invoice she was sent, and its VOID copy: filled in and due now
    assert [r.status for r in rows] == ["queued", "queued"]
    sent = open_row(rows[-1], privacy.cipher)
    assert sent.document is not None and "VOID" in text_of(sent.document.data)


async def test_a_draft_left_by_a_dead_process_is_made_again_from_the_books(db: Database) -> None:
    shop = await load_shop(db)
    conv, privacy = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, shop.owner, "cancel invoice INV-2026-0001")
    await say(conv, shop.owner, "yes")
    cipher = privacy.cipher
    courier = Courier(db, cipher, {})
    # What a process that died between the commit and making the document leaves behind.
    old = utcnow() - DRAFT_GRACE - timedelta(seconds=1)
    async with db.session() as session:
        for key, name in (("dead:1:0", "INV-2026-0001.pdf"), ("dead:2:0", "Sales.png")):
            await enqueue(
                session,
                cipher,
                dedup_key=key,
                channel="whatsapp",
                recipient=shop.phones["Fatima Ali"],
                text="cancelled",
                document=_draft(name),
                purpose="invoice",
                business_id=shop.business.id,
            )
            row = (
                await session.execute(select(OutboxRow).where(OutboxRow.dedup_key == key))
            ).scalar_one()
            assert row.status == "drafting"
            row.created_at = old

    assert await courier.orphaned_drafts() == 2

    async with db.read() as session:
        found = await session.execute(
            select(OutboxRow).where(col(OutboxRow.dedup_key).in_(["dead:1:0", "dead:2:0"]))
        )
        rows = {r.dedup_key: r for r in found.scalars()}
    assert rows["dead:1:0"].status == "queued"
    made = open_row(rows["dead:1:0"], cipher).document
    assert made is not None and "VOID" in text_of(made.data)
    assert rows["dead:2:0"].status == "failed"
    assert await courier.orphaned_drafts() == 0  # settled once


def _draft(name: str) -> Document:
    async def never() -> bytes:
        raise AssertionError("the dead process never made it")

    return Document(name, "application/pdf", b"", make=never)
