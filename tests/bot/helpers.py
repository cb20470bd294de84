"""Helpers for conversation scenarios: a shop from the eval catalog, a chat, and the books."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from bot.conversation.core import Conversation, CoreConfig
from bot.conversation.privacy import Privacy, PrivacyConfig
from bot.messages import Channel, InboundMessage, OutboundReply
from consent.crypto import Cipher
from intents.parser import IntentParser
from intents.rules import RuleParser
from ledger import (
    BusinessView,
    Database,
    SalesReport,
    find_party,
    find_product,
    load_catalog,
    read_catalog,
    sales_report,
)
from ledger.tables import Expense, Invoice, Payment, Product
from tests.conftest import EVAL_DIR
from tests.factories import new_phone
from voice import FakeTranscriber, SpeechToText, Transcript, VoiceError

CATALOG_AE = EVAL_DIR / "catalog_ae.json"
CATALOG_IN = EVAL_DIR / "catalog_in.json"
# Words that only a Python traceback or an exception repr would put in a reply.
STACK_WORDS = ("Traceback", 'File "', "Error:", "Exception", "NoneType", "line ")


@dataclass(frozen=True, slots=True)
class Shop:
    """A shop loaded from catalog_ae.json, with phone numbers no other test uses."""

    business: BusinessView
    owner: str
    phones: dict[str, str]  # party name -> phone


async def load_shop(db: Database, catalog: Path | None = None) -> Shop:
    """Al Barsha Grocery from the eval catalog (or another catalog file); its owner and
    customers get fresh numbers.

    The PostgreSQL database is shared by the whole test session, so a phone number that two
    tests use would make its sender a member or customer of both tests' shops.
    """
    data = read_catalog(catalog or CATALOG_AE)
    local = "+9198" if data["business"].get("country") == "IN" else "+97155"
    phones: dict[str, str] = {}
    for party in data["parties"]:
        party["phone"] = phones[party["name"]] = new_phone(local)
    owner = new_phone("+9199" if local == "+9198" else "+97150")
    async with db.session() as session:
        loaded = await load_catalog(session, data, owner)
    return Shop(loaded.business, owner, phones)


def conversation(
    db: Database,
    *script: str | Transcript | VoiceError,
    config: CoreConfig | None = None,
    privacy: bool = True,
    parser: IntentParser | None = None,
    transcriber: SpeechToText | None = None,
    voice: bool = True,
) -> Conversation:
    """The conversation loop production runs: the rule engine (or `parser`), a scripted
    transcriber (or `transcriber`; `voice=False`: voice notes switched off) and the privacy
    hooks (the notice, consent, the log, data rights) with a fresh key. A test about the books
    alone may say `privacy=False`; none needs to."""
    if transcriber is None and voice:
        transcriber = FakeTranscriber(*script) if script else FakeTranscriber("")
    hooks = Privacy(Cipher(Fernet.generate_key()), PrivacyConfig()) if privacy else None
    return Conversation(
        db, parser or RuleParser(), transcriber, config or CoreConfig(), privacy=hooks
    )


async def greet(conv: Conversation, *phones: str) -> None:
    """Each person says hello first, as in a real chat: the privacy notice (and a customer's
    consent question, answered no) is behind them, so a test reads the replies it is about."""
    for phone in phones:
        replies = await send(conv, phone, "hi")
        if any("yes" in r.text.lower() and "message" in r.text.lower() for r in replies):
            await send(conv, phone, "no")


async def send(
    conv: Conversation,
    phone: str,
    text: str = "",
    *,
    at: datetime | None = None,
    msg_id: str | None = None,
    audio: bytes | None = None,
    channel: Channel = "whatsapp",
) -> list[OutboundReply]:
    """Deliver one message (WhatsApp unless told) and return every reply."""
    msg = InboundMessage(
        channel,
        phone,
        msg_id or uuid.uuid4().hex,
        at or datetime.now(UTC),
        text=text,
        audio=audio,
        audio_mime="audio/ogg" if audio is not None else "",
    )
    return await conv.handle(msg)


async def say(
    conv: Conversation,
    phone: str,
    text: str,
    *,
    at: datetime | None = None,
    msg_id: str | None = None,
) -> str:
    """Deliver one text message and return the reply texts, joined by blank lines."""
    replies = await send(conv, phone, text, at=at, msg_id=msg_id)
    return "\n\n".join(r.text for r in replies)


def assert_friendly(reply: str) -> None:
    """A reply a shopkeeper can read: not empty, and no trace of a stack or exception."""
    assert reply.strip(), "expected a reply"
    for word in STACK_WORDS:
        assert word not in reply, f"{word!r} in reply: {reply!r}"


async def on_hand(db: Database, shop: Shop, product: str) -> Decimal:
    """Stock on hand of a product, by its catalog name."""
    async with db.session() as session:
        found = await find_product(session, shop.business.id, product)
    assert found is not None, f"no product {product}"
    return found.on_hand


async def balance(db: Database, shop: Shop, party: str) -> int:
    """What a party owes the shop, in fils."""
    async with db.session() as session:
        found = await find_party(session, shop.business.id, party)
    assert found is not None, f"no party {party}"
    return found.balance_minor


async def today(db: Database, shop: Shop) -> SalesReport:
    """The shop's sales report for today."""
    async with db.session() as session:
        return await sales_report(session, shop.business.id, "today", datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class Books:
    """Counts of everything a message could have written."""

    invoices: int
    posted_invoices: int
    payments: int
    expenses: int
    products: int


async def _count(session: AsyncSession, table: type[SQLModel], *where: Any) -> int:
    rows = await session.execute(select(func.count()).select_from(table).where(*where))
    return int(rows.scalar_one())


async def books(db: Database, shop: Shop) -> Books:
    """Count the shop's documents, to show that a message booked nothing (or one thing)."""
    bid = shop.business.id
    async with db.session() as session:
        return Books(
            invoices=await _count(session, Invoice, Invoice.business_id == bid),
            posted_invoices=await _count(
                session, Invoice, Invoice.business_id == bid, Invoice.status == "posted"
            ),
            payments=await _count(session, Payment, Payment.business_id == bid),
            expenses=await _count(session, Expense, Expense.business_id == bid),
            products=await _count(
                session, Product, Product.business_id == bid, col(Product.active).is_(True)
            ),
        )
