"""Telegram out: queued messages reach the Bot API; refusals become RetryLater or Undeliverable."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import unused_port
from cryptography.fernet import Fernet

from bot.channels.base import MediaUnavailable
from bot.channels.telegram import TelegramAdapter, TelegramConfig
from bot.messages import Document
from bot.transport.intake import Intake
from bot.transport.outbox import OutgoingMessage, RetryLater, Undeliverable
from consent.crypto import Cipher
from ledger import Database
from tests.channels.telegram_rig import telegram_rig
from tests.fakes.telegram_server import TOKEN

CHAT = 5_550_001
PDF = b"%PDF-1.4\n% an invoice\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n" * 20


def message(text: str = "", *, document: Document | None = None, **kw: str) -> OutgoingMessage:
    """A queued message for the test chat."""
    fields = {"channel": "telegram", "recipient": str(CHAT), "purpose": "reply", **kw}
    return OutgoingMessage(id=1, text=text, document=document, **fields)  # type: ignore[arg-type]


def invoice(caption: str) -> OutgoingMessage:
    """An invoice PDF for the test chat."""
    pdf = Document("INV-2026-0001.pdf", "application/pdf", PDF)
    return message(caption, document=pdf, purpose="invoice")


async def test_a_text_reply_is_sent_to_the_chat(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        provider_id = await rig.adapter.send(message("Sold 2 × Rice 5kg to Ahmed: AED 80"))
        [sent] = rig.telegram.sent
        assert (sent.chat_id, sent.text) == (CHAT, "Sold 2 × Rice 5kg to Ahmed: AED 80")
        assert sent.reply_markup is None
        assert provider_id.isdigit()


async def test_a_long_text_goes_out_in_parts_cut_at_line_ends(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        lines = [f"{n:04d} Rice 5kg ........ AED 40.00" for n in range(300)]
        await rig.adapter.send(message("\n".join(lines)))
        parts = [s.text for s in rig.telegram.sent]
        assert len(parts) == 3
        assert all(len(p) <= 4096 for p in parts)
        assert "\n".join(parts).splitlines() == lines


async def test_an_invoice_pdf_arrives_with_its_bytes_name_and_caption(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        await rig.adapter.send(invoice("Invoice INV-2026-0001 from Test Grocery: AED 84"))
        [call] = rig.telegram.called("sendDocument")
        assert call.fields["chat_id"] == str(CHAT)
        [sent] = rig.telegram.sent
        assert sent.document == PDF
        assert sent.filename == "INV-2026-0001.pdf"
        assert sent.text == "Invoice INV-2026-0001 from Test Grocery: AED 84"
        assert not rig.telegram.called("sendMessage")


async def test_a_text_too_long_for_a_caption_goes_first_then_the_pdf(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        long_text = "Your invoice.\n" + "Rice 5kg × 2 = AED 80\n" * 60
        assert len(long_text) > 1024
        await rig.adapter.send(invoice(long_text))
        text, pdf = rig.telegram.sent
        assert (text.text, text.document) == (long_text, None)
        assert (pdf.document, pdf.text) == (PDF, "")


async def test_a_429_is_retried_after_the_delay_telegram_asked_for(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        rig.telegram.fail_next("sendDocument", 429, retry_after=17)
        with pytest.raises(RetryLater) as caught:
            await rig.adapter.send(invoice("Invoice INV-2026-0001"))
        assert caught.value.after_seconds == 17
        assert "17" in caught.value.reason
        assert rig.telegram.sent == []
        await rig.adapter.send(invoice("Invoice INV-2026-0001"))  # the retry goes through
        assert [s.document for s in rig.telegram.sent] == [PDF]


async def test_a_server_error_is_retried_with_the_outbox_backoff(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        rig.telegram.fail_next("sendMessage", 502, "Bad Gateway")
        with pytest.raises(RetryLater) as caught:
            await rig.adapter.send(message("hello"))
        assert caught.value.after_seconds is None


async def test_an_unreachable_api_is_retried(db: Database) -> None:
    config = TelegramConfig(token=TOKEN, api_base_url=f"http://127.0.0.1:{unused_port()}")
    adapter = TelegramAdapter(config, Intake(db, Cipher(Fernet.generate_key())))
    try:
        with pytest.raises(RetryLater, match="could not be reached"):
            await adapter.send(message("hello"))
    finally:
        await adapter.close()


@pytest.mark.parametrize(
    ("status", "description", "reason"),
    [
        (403, "Forbidden: bot was blocked by the user", "blocked the bot"),
        (400, "Bad Request: chat not found", "no longer exists"),
    ],
)
async def test_a_blocked_or_missing_chat_is_undeliverable_with_a_reason(
    db: Database, status: int, description: str, reason: str
) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        rig.telegram.fail_next("sendMessage", status, description)
        with pytest.raises(Undeliverable) as caught:
            await rig.adapter.send(message("Invoice INV-2026-0001"))
        assert reason in caught.value.reason


async def test_a_recipient_that_is_not_a_chat_id_is_undeliverable(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        with pytest.raises(Undeliverable):
            await rig.adapter.send(message("hi", recipient="+971501234567"))
        assert not rig.telegram.called("sendMessage")


async def test_the_contact_question_carries_the_share_my_phone_button(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        await rig.adapter.send(message("Who are you?", purpose="ask_contact"))
        [sent] = rig.telegram.sent
        assert sent.reply_markup is not None
        [[button]] = sent.reply_markup["keyboard"]
        assert button["request_contact"] is True


async def test_fetch_media_downloads_the_file_through_the_same_api_server(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        audio = bytes(range(256)) * 40
        file_id = rig.telegram.add_file(audio, "voice/file_9.oga")
        assert await rig.adapter.fetch_media(file_id) == audio
        [download] = rig.telegram.called("download")
        assert download.fields["path"] == "voice/file_9.oga"


async def test_fetch_media_of_an_unknown_or_expired_file_is_unavailable(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        with pytest.raises(MediaUnavailable):
            await rig.adapter.fetch_media("no-such-file")  # getFile answers 400
        file_id = rig.telegram.add_file(b"OggS voice")
        rig.telegram.expire(file_id)
        with pytest.raises(MediaUnavailable):
            await rig.adapter.fetch_media(file_id)  # the download answers 404
        assert rig.telegram.called("download")
