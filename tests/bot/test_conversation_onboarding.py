"""A number the bot has never seen registers a shop in a few messages and becomes its owner."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from ledger import Database, get_business, members_by_phone
from tests.bot.helpers import conversation, say, send
from tests.factories import new_phone


async def test_an_unknown_number_registers_a_shop_and_becomes_its_owner(db: Database) -> None:
    phone = new_phone()
    conv = conversation(db)

    welcome = await say(conv, phone, "hi")

    assert "I'm Hisaab" in welcome
    assert "90 days" in welcome  # the privacy notice comes first
    assert "What is the shop's name?" in welcome

    country = await say(conv, phone, "  Barsha   Fresh Mart ")

    assert "Great, Barsha Fresh Mart. Where is it?" in country
    assert "1. UAE" in country

    tax = await say(conv, phone, "UAE")

    assert "What is your TRN?" in tax

    ready = await say(conv, phone, "skip")

    assert "Your shop Barsha Fresh Mart is ready (AED). You are the owner." in ready
    async with db.session() as session:
        members = await members_by_phone(session, phone)
        assert [(m.role, m.phone) for m in members] == [("owner", phone)]
        shop = await get_business(session, members[0].business_id)
    assert (shop.name, shop.currency, shop.country) == ("Barsha Fresh Mart", "AED", "AE")
    assert (shop.tax_name, shop.default_tax_rate, shop.prices_include_tax) == (
        "VAT",
        Decimal(5),
        True,
    )
    assert (shop.timezone, shop.tax_id, shop.phone) == ("Asia/Dubai", "", phone)

    help_reply = await say(conv, phone, "help")

    assert "I keep your books" in help_reply  # now spoken to as the owner


async def test_a_tax_number_is_kept_and_an_unclear_country_is_asked_again(db: Database) -> None:
    phone = new_phone("+9198")
    conv = conversation(db)
    await say(conv, phone, "hello")
    await say(conv, phone, "Sharma Kirana")

    again = await say(conv, phone, "mars")

    assert "Great, Sharma Kirana. Where is it?" in again

    tax = await say(conv, phone, "2")

    assert "What is your GSTIN?" in tax

    ready = await say(conv, phone, "27aapfu0939f1zv")

    assert "Your shop Sharma Kirana is ready (INR)." in ready
    async with db.session() as session:
        (member,) = await members_by_phone(session, phone)
        shop = await get_business(session, member.business_id)
    assert (shop.country, shop.tax_name, shop.tax_id) == ("IN", "GST", "27AAPFU0939F1ZV")
    assert shop.prices_include_tax is False


async def test_an_abandoned_registration_starts_over_after_it_expires(db: Database) -> None:
    phone = new_phone()
    conv = conversation(db)
    start = datetime.now(UTC)
    await say(conv, phone, "hi", at=start)

    later = await say(conv, phone, "My Shop", at=start + timedelta(minutes=11))

    # The name question expired: the bot greets again instead of taking "My Shop" as a name.
    assert "What is the shop's name?" in later
    assert "Great" not in later
    async with db.session() as session:
        assert await members_by_phone(session, phone) == []


async def test_a_chat_without_a_phone_number_is_told_how_to_register(db: Database) -> None:
    conv = conversation(db)
    chat_id = str(uuid.uuid4().int)[:12]  # what Telegram gives instead of a phone number

    replies = [
        await send(conv, chat_id, text, channel="telegram") for text in ("hi", "Shop", "1", "skip")
    ]

    for said in replies:  # the first also carries the privacy notice
        reply = said[-1]
        assert "phone number" in reply.text and "WhatsApp" in reply.text
        assert all("something went wrong" not in r.text for r in said)
