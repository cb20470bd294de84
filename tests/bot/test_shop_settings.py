"""The owner sets what invoices, returns and reminders need by chat: the shop's address, phone,
GSTIN/TRN, state or emirate, UPI id, pay link and reminder days; a party's GSTIN and state; a
product's HSN. Every value is checked before it is stored, and only an owner may set them."""

from __future__ import annotations

import pytest

from bot.conversation.shop_settings import Setting, parse_setting
from ledger import Database, get_business
from ledger.catalog import find_party, find_product
from tests.bot.helpers import CATALOG_IN, load_shop, say
from tests.consent.helpers import private_conversation
from tests.factories import new_phone


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ("shop address: 12 MG Road, Mumbai", Setting("address", "12 MG Road, Mumbai")),
        ("my gstin 27AAPFU0939F1ZV", Setting("tax_id", "27AAPFU0939F1ZV")),
        ("our TRN is 100234567800003", Setting("tax_id", "100234567800003")),
        ("upi id sharma@okaxis", Setting("upi_id", "sharma@okaxis")),
        ("gstin of ravi 29AAGCB7383J1Z4", Setting("tax_id", "29AAGCB7383J1Z4", "ravi")),
        (
            "gstin of ravi kumar is 29AAGCB7383J1Z4",
            Setting("tax_id", "29AAGCB7383J1Z4", "ravi kumar"),
        ),
        ("ravi's state karnataka", Setting("state", "karnataka", "ravi")),
        ("state of priya sharma tamil nadu", Setting("state", "tamil nadu", "priya sharma")),
        ("atta hsn 1101", Setting("hsn", "1101", "atta")),
        ("reminders 2, 5 and 10 days", Setting("reminders", "2,5,10")),
        ("reminders off", Setting("reminders", "off")),
        ("daily chart on", Setting("chart", "on")),
        ("shop phone?", Setting("phone", "?")),
        ("sold 2 atta to ravi", None),
        ("ravi paid 500", None),
        ("number of eggs sold today", None),
        ("phone ahmed", None),
        ("send ahmed his statement", None),
        ("ahmed ki state kya hai", None),
        ("what is the gstin of ravi?", Setting("tax_id", "?", "ravi")),
        ("what is running low", None),
    ],
)
def test_settings_are_told_from_other_messages(text: str, setting: Setting | None) -> None:
    assert parse_setting(text) == setting


async def test_an_indian_owner_sets_what_gstr1_needs(db: Database) -> None:
    shop = await load_shop(db, CATALOG_IN)
    conv, _ = private_conversation(db)
    said = [
        await say(conv, shop.owner, text)
        for text in (
            "shop address: 12 MG Road, Andheri, Mumbai",
            "my gstin 27AAPFU0939F1ZV",
            "gstin of ravi 29AAGCB7383J1Z4",
            "priya's state is delhi",
            "hsn of atta 1101",
            "upi id sharma@okaxis",
            "reminders 2 5 10",
        )
    ]
    assert "Address of Sharma Kirana Store: 12 MG Road, Andheri, Mumbai" in said[0]
    assert "GSTIN of Ravi Kumar: 29AAGCB7383J1Z4" in said[2]
    assert "State of Priya Sharma: Delhi (07)" in said[3]
    assert "HSN of Atta 10kg: 1101" in said[4]
    assert "2, 5, 10 days" in said[6]
    async with db.read() as session:
        business = await get_business(session, shop.business.id)
        ravi = await find_party(session, shop.business.id, "Ravi Kumar")
        atta = await find_product(session, shop.business.id, "Atta 10kg")
    assert business.address == "12 MG Road\nAndheri\nMumbai"
    assert (business.tax_id, business.state, business.upi_id) == (
        "27AAPFU0939F1ZV",
        "27",
        "sharma@okaxis",
    )
    assert business.reminder_days == (2, 5, 10)
    assert ravi is not None and (ravi.tax_id, ravi.state) == ("29AAGCB7383J1Z4", "29")
    assert atta is not None and atta.hsn == "1101"


async def test_bad_values_are_refused_and_nothing_changes(db: Database) -> None:
    shop = await load_shop(db, CATALOG_IN)
    conv, _ = private_conversation(db)
    typo = await say(conv, shop.owner, "gstin of ravi 29AAGCB7383J1Z5")
    assert "Not saved" in typo and "check character" in typo
    assert "Not saved" in await say(conv, shop.owner, "hsn of atta 11")
    assert "Not saved" in await say(conv, shop.owner, "state of ravi narnia")
    assert "Not saved" in await say(conv, shop.owner, "upi id not a vpa")
    assert "which product" in await say(conv, shop.owner, "hsn of zzzz 1101")
    async with db.read() as session:
        ravi = await find_party(session, shop.business.id, "Ravi Kumar")
        atta = await find_product(session, shop.business.id, "Atta 10kg")
    assert ravi is not None and ravi.tax_id == "" and ravi.state == ""
    assert atta is not None and atta.hsn == ""


async def test_only_the_owner_sets_them(db: Database) -> None:
    shop = await load_shop(db, CATALOG_IN)
    conv, _ = private_conversation(db)
    cashier = new_phone("+9198")
    await say(conv, shop.owner, f"add my cashier {cashier}")
    await say(conv, shop.owner, "yes")
    refused = await say(conv, cashier, "upi id cashier@okaxis")
    assert "only the shop owner can do that" in refused, refused
    async with db.read() as session:
        assert (await get_business(session, shop.business.id)).upi_id == ""


async def test_reminders_off_and_on_again(db: Database) -> None:
    shop = await load_shop(db, CATALOG_IN)
    conv, _ = private_conversation(db)
    assert "off" in await say(conv, shop.owner, "reminders off")
    async with db.read() as session:
        assert (await get_business(session, shop.business.id)).reminder_days == ()
    await say(conv, shop.owner, "reminders on")
    async with db.read() as session:
        assert (await get_business(session, shop.business.id)).reminder_days == (3, 7, 15)
