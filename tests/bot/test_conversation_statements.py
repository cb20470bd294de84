"""Statements of account by chat (#15): the owner's copy, the customer's copy through the
consent gate, a customer's own, and never someone else's."""

from __future__ import annotations

from bot.replies import Replies
from ledger import Database
from tests.bot.helpers import load_shop, say, send
from tests.consent.helpers import private_conversation
from tests.pdf.reading import text_of


async def test_the_owner_gets_a_customers_statement_with_every_entry_and_the_balance(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    fatima = shop.phones["Fatima Ali"]
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, shop.owner, "fatima paid 20")

    replies = await send(conv, shop.owner, "send fatima her statement")

    mine = next(r for r in replies if r.to is None and r.document is not None)
    assert "Statement of account for Fatima Ali, this month." in mine.text
    assert mine.document is not None
    text = text_of(mine.document.data)
    for expected in ("Statement of account", "Fatima Ali", "INV-2026-0001", "Opening balance"):
        assert expected in text, expected
    assert "Closing balance" in text and "16.00" in text
    # Fatima never agreed to messages from the shop: her copy is held back and the owner told.
    assert not any(r.to == fatima for r in replies)
    assert any("Fatima Ali" in r.text and r.invite == fatima for r in replies)
    # The owner holds the statement once, not again with the notice.
    assert len([r for r in replies if r.document is not None]) == 1


async def test_a_customer_gets_her_own_statement_and_no_one_elses(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    fatima = shop.phones["Fatima Ali"]
    await say(conv, shop.owner, "fatima took two tray eggs on credit")

    replies = await send(conv, fatima, "send my statement")
    [own] = [r for r in replies if r.document is not None]
    assert own.to is None and own.document is not None
    assert "Fatima Ali" in text_of(own.document.data)

    # Asking for another customer's statement never yields theirs.
    for reply in await send(conv, fatima, "send ahmed his statement"):
        if reply.document is not None:
            text = text_of(reply.document.data)
            assert "Ahmed" not in text and "Fatima Ali" in text


async def test_a_statement_without_a_name_asks_whose(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    reply = await say(conv, shop.owner, "send statement")
    assert reply.endswith(Replies().render("statement_which"))
