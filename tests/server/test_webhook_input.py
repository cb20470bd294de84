"""What the webhooks of `hisaab serve` make of input no platform sends: never a 500, never a
traceback in the log, and nothing stored that is not a message from a phone number."""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from bot.messages import TEXT_LIMIT
from bot.tables import InboxRow
from bot.transport.telegram_links import link_phone
from consent.log import read
from ledger import Database
from ledger.types import utcnow
from tests.bot.helpers import books, load_shop
from tests.factories import new_phone
from tests.fakes.telegram_server import text_update
from tests.waiting import until

from .live import SECRET, SECRET_HEADER, Live, live_server

TOO_LONG = "That message is too long for me; please send it in shorter parts."
EMPTY_TWIML = "<Response/>"


def message(sender: str, body: str = "hi", sid: str = "") -> dict[str, str]:
    """A webhook form as Twilio posts it for a text message, `From` as given."""
    return {
        "MessageSid": sid or f"SM{uuid.uuid4().hex}",
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "whatsapp:+14155238886",
        "Body": body,
        "NumMedia": "0",
    }


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing was logged with a traceback."""
    assert not [r.getMessage() for r in caplog.records if r.exc_info], caplog.text
    assert "Traceback" not in caplog.text


async def stored(live: Live, sid: str) -> list[InboxRow]:
    """The inbox rows of a WhatsApp MessageSid."""
    async with live.db.read() as session:
        found = await session.execute(
            select(InboxRow).where(InboxRow.channel == "whatsapp", InboxRow.message_id == sid)
        )
        return list(found.scalars())


def replies_to(live: Live, phone: str) -> list[str]:
    """The WhatsApp bodies sent to a phone."""
    return [m.form.get("Body", "") for m in live.twilio.sent if m.to == phone]


async def test_unsigned_undecodable_bytes_get_a_400_and_no_traceback(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    async with live_server(database_url, tmp_path) as live:
        for path in ("/twilio/whatsapp", "/twilio/status"):
            status = await live.post_bytes(path, b"From=whatsapp%3A%2B9715&Body=\xff\xfe\xc3", form)
            assert status == 400
    no_tracebacks(caplog)


async def test_a_unicode_digit_as_the_media_count_is_read_as_a_text(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with live_server(database_url, tmp_path) as live:
        phone = new_phone()
        params = message(f"whatsapp:{phone}") | {"NumMedia": "²"}
        status, body = await live.post_form(params)
        assert status == 200 and body.endswith(EMPTY_TWIML)
        await until(lambda: bool(replies_to(live, phone)), "the welcome")
        [row] = await stored(live, params["MessageSid"])
        assert row.sender == phone
    no_tracebacks(caplog)


async def test_deeply_nested_json_to_the_telegram_webhook_is_a_400(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    deep = b'{"update_id": 1, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    async with live_server(database_url, tmp_path) as live:
        assert await live.post_bytes("/telegram/webhook", deep, headers) == 400
        update = json.dumps(text_update(7_900_001, "hi"))
        for depth in (400, 490, 1000, 5000):  # nested inside a real update, for pydantic
            nested = '{"a":[' * depth + '"x"' + "]}" * depth
            body = update[:-1] + f', "reply_markup": {nested}}}'
            assert await live.post_bytes("/telegram/webhook", body.encode(), headers) in (200, 400)
    no_tracebacks(caplog)


async def test_a_nul_byte_in_the_sender_or_the_sid_is_acknowledged_and_dropped(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with live_server(database_url, tmp_path) as live:
        bad_from = message("whatsapp:+97150000\x000001", "sold 2 rice")
        bad_sid = message(f"whatsapp:{new_phone()}", "sold 2 rice", sid="SM\x00nul")
        for params in (bad_from, bad_sid):
            status, body = await live.post_form(params)
            assert status == 200 and body.endswith(EMPTY_TWIML)
        # (PostgreSQL cannot even be asked about a NUL byte.)
        assert await stored(live, bad_from["MessageSid"]) == []
        async with live.db.read() as session:
            for sender in ("+97150000", bad_sid["From"].removeprefix("whatsapp:")):
                found = await session.execute(select(InboxRow).where(InboxRow.sender == sender))
                assert found.all() == [], sender
    assert live.twilio.sent == []
    assert "dropped a WhatsApp webhook" in caplog.text
    no_tracebacks(caplog)


async def test_only_an_e164_whatsapp_sender_is_taken(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    huge = "9" * 5000
    senders = [
        "abc",
        "+1",
        "whatsapp:abc",
        "whatsapp:+1",
        f"whatsapp:+{huge}",
        f"+{huge}",
        "whatsapp:+0501234567",  # no country code starts with 0
        "whatsapp:+9715012345678901",  # 16 digits
        "whatsapp:+٩٧١٥٠١٢٣٤٥٦٧",  # Arabic-Indic digits
        "whatsapp: +971501234567",
        "whatsapp:+971501234567\n",
        "+971501234567",  # not a WhatsApp address
    ]
    async with live_server(database_url, tmp_path) as live:
        for sender in senders:
            params = message(sender, "hello")
            status, body = await live.post_form(params)
            assert (status, body.endswith(EMPTY_TWIML)) == (200, True), sender
            assert await stored(live, params["MessageSid"]) == [], sender
        good = new_phone("+1415")
        params = message(f"whatsapp:{good}", "hello")
        assert (await live.post_form(params))[0] == 200
        await until(lambda: bool(replies_to(live, good)), "onboarding of the good number")
        assert {m.to for m in live.twilio.sent} == {good}
    assert caplog.text.count("dropped a WhatsApp webhook") == len(senders)
    assert "9" * 30 not in caplog.text  # the raw value is not echoed
    no_tracebacks(caplog)


async def test_an_overlong_whatsapp_message_is_not_read_and_only_its_start_is_kept(
    db: Database, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shop = await load_shop(db)
    body = ("sold 2 rice to Ahmed 40 each. " * 40_000)[:1_000_000]  # a signed 1 MB body
    async with live_server(database_url, tmp_path) as live:
        status, _ = await live.post_form(message(f"whatsapp:{shop.owner}", body))
        assert status == 200
        await until(lambda: TOO_LONG in replies_to(live, shop.owner), "the too-long reply")
        async with db.read() as session:
            logged = await read(
                session, live.server.cipher, address=shop.owner, now=utcnow(), retention_days=90
            )
    assert (await books(db, shop)).invoices == 0
    inbound = [entry.text for entry in logged if entry.direction == "in"]
    assert inbound == [body[:TEXT_LIMIT]]
    no_tracebacks(caplog)


async def test_an_overlong_telegram_message_gets_the_same_answer(
    db: Database, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shop = await load_shop(db)
    chat = 7_900_100 + int(uuid.uuid4().int % 100_000)
    async with db.session() as session:
        await link_phone(session, str(chat), shop.owner, utcnow())
    async with live_server(database_url, tmp_path) as live:
        assert await live.post_update(text_update(chat, "x" * (TEXT_LIMIT + 1))) == 200
        await until(lambda: TOO_LONG in live.telegram.texts_to(chat), "the too-long reply")
    no_tracebacks(caplog)
