"""A whole conversation over each real channel, through `hisaab serve`'s server: a text sale,
a voice note (transcribed by the local model), and an invoice PDF delivered to the customer.

The real twilio client and the real aiogram talk HTTP to fakes of Twilio and Telegram on
127.0.0.1; the server is the one `hisaab serve` runs, in this process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.server import Server, assemble
from bot.settings import Settings
from ledger import Database, find_party
from tests.bot.helpers import Shop, books, load_shop
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
    finally:
        await telegram.stop()
    (pdf,) = [s for s in telegram.sent if s.chat_id == customer_chat and s.document]
    assert pdf.document is not None and pdf.document.startswith(b"%PDF")
    assert pdf.filename.startswith("INV-")


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
