"""A whole conversation over each real channel, through `hisaab serve`'s server: a text sale,
a voice note (transcribed by the local model), and an invoice PDF delivered to the customer.

The real twilio client and the real aiogram talk HTTP to fakes of Twilio and Telegram on
127.0.0.1; the server is the one `hisaab serve` runs, in this process.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.bootstrap import assemble
from bot.server import Server
from bot.settings import Settings
from bot.transport.routing import route
from ledger import Database, add_member, find_party, members_by_phone
from ledger.tables import Business, Party
from tests.bot.helpers import Shop, books, load_shop
from tests.factories import new_phone
from tests.fakes.telegram_server import (
    TOKEN,
    USERNAME,
    FakeTelegram,
    contact_update,
    text_update,
)
from tests.fakes.telegram_server import voice_update as telegram_voice
from tests.fakes.twilio_server import SANDBOX_FROM, FakeTwilio
from tests.voice.support import SALE, encode, require_model, speak
from tests.waiting import until
from voice import Transcriber

from .process import free_port

pytestmark = pytest.mark.slow


@asynccontextmanager
async def serving(settings: Settings, port: int) -> AsyncIterator[Server]:
    """`hisaab serve`'s server in this process, with the local whisper model."""
    transcriber = Transcriber(require_model(), concurrency=1)
    server = await assemble(settings, jobs=False, transcriber=transcriber)
    await server.start("127.0.0.1", port)
    try:
        yield server
    finally:
        await server.stop()


def _polling(database_url: str, data_dir: Path, telegram: FakeTelegram) -> Settings:
    """Settings of a Telegram-only server; no PUBLIC_BASE_URL: long polling."""
    return Settings(
        hisaab_data_dir=data_dir,
        database_url=database_url,
        intent_engine="rules",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=telegram.base_url,
        _env_file=None,
    )


def _customer(shop: Shop) -> str:
    return shop.phones["Fatima Ali"]


async def _owes(db: Database, shop: Shop) -> int:
    async with db.session() as session:
        party = await find_party(session, shop.business.id, "Fatima Ali")
    assert party is not None
    return party.balance_minor


async def test_whatsapp_text_voice_and_invoice_to_the_customer(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    note = encode(speak(SALE), "ogg")  # OGG/Opus, as WhatsApp sends voice notes
    twilio = FakeTwilio()
    await twilio.start()
    port = free_port()
    settings = Settings(
        hisaab_data_dir=tmp_path,
        database_url=database_url,
        intent_engine="rules",
        twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token,
        twilio_whatsapp_from=SANDBOX_FROM,
        twilio_api_base_url=twilio.base_url,
        public_base_url=f"http://127.0.0.1:{port}",
        _env_file=None,
    )
    hook = f"http://127.0.0.1:{port}/twilio/whatsapp"

    def to(phone: str) -> list[str]:
        return [m.form.get("Body", "") for m in twilio.sent if m.to == phone]

    try:
        async with serving(settings, port):
            # The customer writes first: the privacy notice, then the shop's consent question.
            assert (await twilio.inbound(hook, _customer(shop), "hi"))[0] == 200
            await until(lambda: any("yes" in b.lower() for b in to(_customer(shop))), "consent")
            await twilio.inbound(hook, _customer(shop), "yes")
            await until(lambda: len(to(_customer(shop))) >= 3, "consent recorded")

            await twilio.inbound(hook, shop.owner, "fatima took two tray eggs on credit")
            await until(lambda: any("INV-" in b for b in to(shop.owner)), "the sale's reply")
            assert await _owes(db, shop) == 3600

            media = twilio.add_media(note, "audio/ogg")
            await twilio.inbound(hook, shop.owner, "", media=(media, "audio/ogg"))
            await until(lambda: any("2" in b and "Rice" in b for b in to(shop.owner)), "readback")
            assert (await books(db, shop)).invoices == 1  # a voice note is read back first
            await twilio.inbound(hook, shop.owner, "yes")
            await until(lambda: sum("INV-" in b for b in to(shop.owner)) >= 2, "voice sale")
            assert (await books(db, shop)).invoices == 2

            await twilio.inbound(hook, shop.owner, "send fatima her bill")
            await until(lambda: any(m.media for m in twilio.sent if m.to == _customer(shop)), "pdf")
    finally:
        await twilio.stop()
    (pdf,) = [m for m in twilio.sent if m.to == _customer(shop) and m.media]
    status, content_type, body = pdf.media[0]
    assert (status, content_type) == (200, "application/pdf")
    assert body.startswith(b"%PDF")
    assert twilio.media_requests  # the voice note was fetched with the account's credentials


async def test_telegram_text_voice_and_invoice_to_the_customer(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    shop = await load_shop(db)
    note = encode(speak(SALE), "ogg")
    telegram = FakeTelegram()
    await telegram.start()
    settings = _polling(database_url, tmp_path, telegram)
    owner_chat, customer_chat = 7001, 7002
    to = telegram.texts_to

    try:
        async with serving(settings, free_port()):
            # Both share their own phone number, which links their chats to the books.
            telegram.push(contact_update(owner_chat, shop.owner))
            telegram.push(contact_update(customer_chat, _customer(shop)))
            await until(lambda: bool(to(owner_chat)) and bool(to(customer_chat)), "linked")
            telegram.push(text_update(customer_chat, "hi"))
            await until(lambda: any("yes" in t.lower() for t in to(customer_chat)), "consent")
            telegram.push(text_update(customer_chat, "yes"))
            await until(lambda: len(to(customer_chat)) >= 4, "consent recorded")

            telegram.push(text_update(owner_chat, "fatima took two tray eggs on credit"))
            await until(lambda: any("INV-" in t for t in to(owner_chat)), "the sale's reply")
            assert await _owes(db, shop) == 3600

            telegram.push(telegram_voice(owner_chat, telegram.add_file(note)))
            await until(lambda: any("Rice" in t for t in to(owner_chat)), "readback")
            telegram.push(text_update(owner_chat, "yes"))
            await until(lambda: sum("INV-" in t for t in to(owner_chat)) >= 2, "voice sale")
            assert (await books(db, shop)).invoices == 2

            telegram.push(text_update(owner_chat, "send fatima her bill"))
            await until(lambda: bool(telegram.documents_to(customer_chat)), "pdf")

            # Month end: the chart is a picture (sendPhoto), the books a document.
            telegram.push(text_update(owner_chat, "this month's sales chart"))
            await until(lambda: any(s.photo for s in telegram.sent), "the chart")
    finally:
        await telegram.stop()
    (pdf,) = [s for s in telegram.sent if s.chat_id == customer_chat and s.document]
    assert pdf.document is not None and pdf.document.startswith(b"%PDF")
    assert pdf.filename.startswith("INV-")
    (chart,) = [s for s in telegram.sent if s.photo]
    assert chart.chat_id == owner_chat and chart.document is not None
    assert chart.document.startswith(b"\x89PNG") and "AED" in chart.text


async def test_telegram_invites_a_customer_no_chat_reaches_with_a_deep_link(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    """The owner's invoice reply carries a t.me link; the customer who opens it gets invoices."""
    shop = await load_shop(db)
    telegram = FakeTelegram()
    await telegram.start()
    settings = _polling(database_url, tmp_path, telegram)
    owner_chat, customer_chat = 7101, 7102
    to, pdfs = telegram.texts_to, telegram.documents_to

    try:
        async with serving(settings, free_port()):
            telegram.push(contact_update(owner_chat, shop.owner))
            await until(lambda: bool(to(owner_chat)), "owner linked")
            telegram.push(text_update(owner_chat, "fatima took two tray eggs on credit"))
            await until(lambda: any("INV-" in t for t in to(owner_chat)), "the sale's reply")
            telegram.push(text_update(owner_chat, "send fatima her bill"))
            await until(lambda: any("t.me/" in t for t in to(owner_chat)), "the invitation")
            (invitation,) = [t for t in to(owner_chat) if "t.me/" in t]
            link = next(w for w in invitation.split() if w.startswith("https://t.me/"))
            assert link.startswith(f"https://t.me/{USERNAME}?start=")
            # The owner has the PDF to hand over; the customer has nothing yet.
            assert pdfs(owner_chat) and pdfs(owner_chat)[0].startswith(b"%PDF")
            assert not to(customer_chat)

            telegram.push(text_update(customer_chat, f"/start {link.split('start=')[1]}"))
            await until(lambda: any("Linked" in t for t in to(customer_chat)), "customer linked")
            telegram.push(text_update(customer_chat, "hi"))
            await until(lambda: any("yes" in t.lower() for t in to(customer_chat)), "consent")
            telegram.push(text_update(customer_chat, "yes"))
            await until(lambda: len(to(customer_chat)) >= 4, "consent recorded")

            telegram.push(text_update(owner_chat, "send fatima her bill"))
            await until(lambda: bool(pdfs(customer_chat)), "the invoice in the customer's chat")
            # Linked now: no second invitation.
            assert sum("t.me/" in t for t in to(owner_chat)) == 1
    finally:
        await telegram.stop()
    assert pdfs(customer_chat)[0].startswith(b"%PDF")


async def test_an_invoice_link_makes_the_opener_that_shops_customer_and_nothing_more(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    """The audit's takeover: shop C lists shop B's owner as a customer and its invoice link is
    opened by a stranger. The stranger becomes C's customer at that phone, and nothing more:
    not B's owner (no sales, no export of B, no closing B), and B's messages to its owner's
    phone never reach the stranger's chat. Staff are never handed such a link."""
    shop_b, shop_c = await load_shop(db), await load_shop(db)
    victim = shop_b.owner
    async with db.session() as session:
        fatima = await find_party(session, shop_c.business.id, "Fatima Ali")
        assert fatima is not None
        row = await session.get(Party, fatima.id)
        assert row is not None
        row.phone = victim  # C's customer "Fatima" has the number of B's owner
        business_b = await session.get(Business, shop_b.business.id)
        assert business_b is not None
        business_b.name = "Victim Stores"  # both came from the same catalog
        cashier = new_phone()
        await add_member(session, shop_c.business.id, phone=cashier, role="staff", name="Cash")
    telegram = FakeTelegram()
    await telegram.start()
    settings = _polling(database_url, tmp_path, telegram)
    owner_c, stranger, staff_c = 7301, 7302, 7303
    to = telegram.texts_to

    try:
        async with serving(settings, free_port()):
            telegram.push(contact_update(owner_c, shop_c.owner))
            telegram.push(contact_update(staff_c, cashier))
            await until(lambda: bool(to(owner_c)) and bool(to(staff_c)), "linked")
            telegram.push(text_update(staff_c, "fatima took two tray eggs on credit"))
            await until(lambda: any("INV-" in t for t in to(staff_c)), "the staff's sale")
            telegram.push(text_update(staff_c, "send fatima her bill"))
            await until(lambda: any("invoice" in t.lower() for t in to(staff_c)[2:]), "staff")
            assert not any("t.me/" in t for t in to(staff_c)), "staff were handed a link"

            telegram.push(text_update(owner_c, "send fatima her bill"))
            await until(lambda: any("t.me/" in t for t in to(owner_c)), "the invitation")
            (invitation,) = [t for t in to(owner_c) if "t.me/" in t]
            link = next(w for w in invitation.split() if w.startswith("https://t.me/"))
            telegram.push(text_update(stranger, f"/start {link.split('start=')[1]}"))
            await until(lambda: any("Linked" in t for t in to(stranger)), "stranger linked")

            for text in ("what did I sell today", "who owes me", "send me all my data"):
                telegram.push(text_update(stranger, text))
            await until(lambda: bool(telegram.documents_to(stranger)), "the stranger's export")
            seen = "\n".join(to(stranger))
            assert "Sales today" not in seen and "owe you" not in seen
            (export,) = telegram.documents_to(stranger)
            with zipfile.ZipFile(io.BytesIO(export)) as archive:
                everything = b"".join(archive.read(n) for n in archive.namelist())
            assert shop_c.business.name.encode() in everything
            assert b"Victim Stores" not in everything

            telegram.push(text_update(stranger, "how much do I owe"))
            await until(lambda: any("36" in t for t in to(stranger)), "C's dues, as C's customer")
            # The owner's way to close a shop (its name as the answer) does nothing here.
            asked = len(to(stranger))
            telegram.push(text_update(stranger, "delete my data"))
            await until(lambda: len(to(stranger)) > asked, "the erase question")
            telegram.push(text_update(stranger, "Victim Stores"))
            await until(lambda: len(to(stranger)) > asked + 1, "the answer's reply")
            telegram.push(text_update(stranger, "delete my data"))
            await until(lambda: len(to(stranger)) > asked + 2, "the erase question")
            telegram.push(text_update(stranger, "yes"))
            await _eventually(lambda: _pseudonymised(db, fatima.id), "erased at C")
    finally:
        await telegram.stop()
    async with db.session() as session:
        business_b = await session.get(Business, shop_b.business.id)
        assert business_b is not None and business_b.closed_at is None
        owners = await members_by_phone(session, victim)
        assert [m.business_id for m in owners] == [shop_b.business.id]
        assert await route(session, victim, frozenset({"telegram"})) is None
        erased = await session.get(Party, fatima.id)
        assert erased is not None and erased.pseudonymised and erased.phone != victim


async def _pseudonymised(db: Database, party_id: int) -> bool:
    async with db.session() as session:
        row = await session.get(Party, party_id)
    return row is not None and row.pseudonymised


async def _eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Poll an async `check` for up to 30 s."""
    for _ in range(600):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
