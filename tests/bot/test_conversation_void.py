"""Cancelling an invoice by its number, not only the last entry (issue #15, built for #13's
void_invoice): read back first, stock back, the customer's balance without it, never twice."""

from __future__ import annotations

from decimal import Decimal

from ledger import Database, add_member
from tests.bot.helpers import balance, books, conversation, load_shop, on_hand, say


async def test_an_older_invoice_is_cancelled_by_its_number(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")  # INV-…-0001
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")  # INV-…-0002, the last entry
    number = "INV-2026-0001"
    assert await balance(db, shop, "Fatima Ali") == 3600

    asked = await say(conv, shop.owner, f"cancel invoice {number}")
    assert number in asked and "yes" in asked.lower()
    assert await balance(db, shop, "Fatima Ali") == 3600  # nothing yet
    done = await say(conv, shop.owner, "yes")

    assert f"{number} is cancelled" in done
    assert await balance(db, shop, "Fatima Ali") == 0
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(12)
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(23)  # the later sale stands
    # Undo now reverses the later sale, not the cancelled one.
    assert "INV-2026-0002" in await say(conv, shop.owner, "undo")
    await say(conv, shop.owner, f"void {number}")
    assert "already void" in await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).invoices == 2


async def test_an_unknown_number_is_said_and_nothing_changes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await say(conv, shop.owner, "void INV-2026-0099")
    assert "no invoice INV-2026-0099" in await say(conv, shop.owner, "yes")


async def test_staff_cannot_cancel_invoices(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    async with db.session() as session:
        await add_member(session, shop.business.id, phone="+971509990002", role="staff")
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    refused = await say(conv, "+971509990002", "cancel invoice INV-2026-0001")
    assert "cancelled" not in refused
    assert (await books(db, shop)).invoices == 1
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(23)
