"""Consent in the conversation: the first-message notice, the question to customers, STOP and
START, and no business-initiated message to anyone who has not agreed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from bot.replies import Replies
from bot.tables import ContactRow
from consent.records import audit_trail, consent_status, may_message, stopped
from consent.tables import ConsentRow
from ledger import Database
from tests.bot.helpers import Shop, load_shop, say, send
from tests.consent.helpers import private_conversation
from tests.factories import new_phone

NOTICE = Replies().render("privacy_notice", days=90)
QUESTION = Replies().render("consent_question", shop="Al Barsha Grocery")


async def _statuses(db: Database, phone: str) -> list[tuple[str, str]]:
    async with db.session() as session:
        found = await session.execute(
            select(ConsentRow.status, ConsentRow.source_message_id)
            .where(col(ConsentRow.address) == phone)
            .order_by(col(ConsentRow.id))
        )
        return [(status, source) for status, source in found]


async def test_the_privacy_notice_comes_with_the_first_reply_only(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)

    first = await send(conv, shop.owner, "how much milk is left")
    second = await send(conv, shop.owner, "how much milk is left")

    assert first[0].text == NOTICE
    assert "90 days" in NOTICE and "export my data" in NOTICE and "STOP" in NOTICE
    assert [r.text for r in first[1:]] == [r.text for r in second]
    assert NOTICE not in [r.text for r in second]

    newcomer = await send(conv, new_phone(), "hi")
    assert NOTICE not in [r.text for r in newcomer]  # the welcome carries it already
    assert "Privacy:" in newcomer[0].text


async def test_a_customer_is_asked_once_per_shop_and_yes_is_recorded(db: Database) -> None:
    shop = await load_shop(db)
    conv, privacy = private_conversation(db)
    fatima = shop.phones["Fatima Ali"]

    first = await send(conv, fatima, "how much do I owe", msg_id="first-1")
    assert first[0].text == NOTICE
    assert first[-1].text == QUESTION
    assert await _statuses(db, fatima) == [("asked", "first-1")]

    agreed = await say(conv, fatima, "yes", msg_id="consent-yes-1")
    assert agreed == Replies().render("consent_recorded", shop="Al Barsha Grocery", granted=True)
    assert await _statuses(db, fatima) == [("granted", "consent-yes-1")]

    again = await say(conv, fatima, "how much do I owe")
    assert QUESTION not in again and "You owe" in again
    async with db.session() as session:
        assert await may_message(session, shop.business.id, fatima)
        trail = await audit_trail(session, privacy.cipher, fatima)
    assert ("consent_granted", "consent-yes-1") in [(a.action, a.source_message_id) for a in trail]


async def _shop_and_fatima(db: Database) -> tuple[Shop, str]:
    shop = await load_shop(db)
    return shop, shop.phones["Fatima Ali"]


async def test_an_invoice_to_a_customer_who_has_not_agreed_is_not_sent_and_the_owner_is_told(
    db: Database,
) -> None:
    shop, fatima = await _shop_and_fatima(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, shop.owner, "no")  # not now

    replies = await send(conv, shop.owner, "send fatima her bill")

    assert all(r.to != fatima for r in replies)
    told = [r for r in replies if "Fatima Ali has not agreed" in r.text]
    assert len(told) == 1 and told[0].to is None
    assert "ask fatima ali to message this number" in told[0].text.lower()
    assert told[0].document is not None  # the owner can hand the PDF over
    assert not any("sent" in r.text.lower() and "not sent" not in r.text.lower() for r in replies)

    refused = await say(conv, fatima, "how much do I owe")
    assert QUESTION in refused
    await say(conv, fatima, "no", msg_id="consent-no-1")
    assert await _statuses(db, fatima) == [("refused", "consent-no-1")]
    replies = await send(conv, shop.owner, "send fatima her bill")
    assert all(r.to != fatima for r in replies)
    assert any("Fatima Ali said no to messages" in r.text for r in replies)


async def test_an_invoice_goes_out_once_the_customer_agreed(db: Database) -> None:
    shop, fatima = await _shop_and_fatima(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, fatima, "how much do I owe")
    await say(conv, fatima, "haan")

    replies = await send(conv, shop.owner, "send fatima her bill")

    sent = [r for r in replies if r.to == fatima]
    assert len(sent) == 1 and sent[0].purpose == "invoice" and sent[0].document is not None
    assert any("sent" in r.text.lower() for r in replies if r.to is None)


async def test_an_invoice_inside_the_24_hour_window_of_the_customers_own_message_goes_out(
    db: Database,
) -> None:
    shop, fatima = await _shop_and_fatima(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    async with db.session() as session:
        session.add(
            ContactRow(
                channel="whatsapp",
                address=fatima,
                last_inbound_at=datetime.now(UTC) - timedelta(hours=2),
            )
        )

    replies = await send(conv, shop.owner, "send fatima her bill")

    assert [r.purpose for r in replies if r.to == fatima] == ["invoice"]


async def test_stop_withdraws_every_shop_at_once_and_start_restores_with_source_ids(
    db: Database,
) -> None:
    shop, fatima = await _shop_and_fatima(db)
    conv, privacy = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, fatima, "how much do I owe")
    await say(conv, fatima, "yes")

    stop = await say(conv, fatima, "STOP", msg_id="wa-stop-1")

    assert stop == Replies().render("stopped")
    async with db.session() as session:
        assert await stopped(session, fatima)
        assert not await may_message(session, shop.business.id, fatima)
        assert await consent_status(session, shop.business.id, fatima) == "granted"
    blocked = await send(conv, shop.owner, "send fatima her bill")
    assert all(r.to != fatima for r in blocked)
    assert any("Fatima Ali said STOP" in r.text for r in blocked)

    start = await say(conv, fatima, "start", msg_id="wa-start-1")

    assert start == Replies().render("started")
    async with db.session() as session:
        assert await may_message(session, shop.business.id, fatima)
        trail = await audit_trail(session, privacy.cipher, fatima)
    changes = [(a.action, a.source_message_id) for a in trail if a.action in ("stop", "start")]
    assert changes == [("stop", "wa-stop-1"), ("start", "wa-start-1")]
    assert all(fatima not in a.subject for a in trail)
    unblocked = await send(conv, shop.owner, "send fatima her bill")
    assert [r.purpose for r in unblocked if r.to == fatima] == ["invoice"]


async def test_stop_messages_in_words_is_the_same_as_stop(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    ahmed = shop.phones["Ahmed Khan"]
    await say(conv, ahmed, "how much do I owe")

    reply = await say(conv, ahmed, "stop messages", msg_id="words-stop")

    assert reply == Replies().render("stopped")
    async with db.session() as session:
        assert await stopped(session, ahmed)
