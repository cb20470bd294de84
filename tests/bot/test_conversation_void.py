"""Cancelling an invoice by its number, not only the last entry (issue #15, built for #13's
void_invoice): read back first, stock back, the customer's balance without it, never twice."""

from __future__ import annotations

from decimal import Decimal

from bot.conversation.core import Conversation, CoreConfig
from bot.replies import Replies
from bot.server import make_sink
from intents import RuleParser
from ledger import Database, add_member
from tests.bot.helpers import balance, books, conversation, load_shop, on_hand, say, send
from tests.consent.helpers import private_conversation
from tests.factories import new_phone
from tests.pdf.reading import text_of
from voice import FakeTranscriber


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
    # Undo takes the cancellation back: the sale is booked again, under a new number.
    undone = await say(conv, shop.owner, "undo")
    assert undone == Replies().render("void_undone", old=number, new="INV-2026-0003")
    assert await balance(db, shop, "Fatima Ali") == 3600
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(10)
    assert "INV-2026-0003" in await say(conv, shop.owner, "undo")  # and that can be undone too
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(12)
    await say(conv, shop.owner, f"void {number}")
    assert "already void" in await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).invoices == 3


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


async def test_a_customer_who_got_the_invoice_gets_the_void_copy_and_keeps_her_payment(
    db: Database,
) -> None:
    """#15: what was paid on a cancelled invoice becomes the customer's credit, and a customer
    who was sent it is told, with the copy stamped VOID (through the consent gate)."""
    shop = await load_shop(db)
    _, privacy = private_conversation(db)
    # The server's pipeline: replies queued in the outbox, where "was she sent it" is read.
    conv = Conversation(
        db,
        RuleParser(),
        FakeTranscriber(""),
        CoreConfig(),
        sink=make_sink(privacy.cipher, frozenset({"whatsapp"})),
        privacy=privacy,
    )
    fatima = shop.phones["Fatima Ali"]
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, fatima, "hi")
    await say(conv, fatima, "yes")  # she agrees to invoices from the shop
    sent = await send(conv, shop.owner, "send the bill to fatima")
    assert any(r.to == fatima and r.document is not None for r in sent)
    await say(conv, shop.owner, "fatima paid 20")

    await say(conv, shop.owner, "cancel invoice INV-2026-0001")
    replies = await send(conv, shop.owner, "yes")

    said = "\n".join(r.text for r in replies if r.to is None)
    assert "AED 20 paid on it later stays as Fatima Ali's credit." in said
    assert "Fatima Ali has AED 20 in credit." in said
    [copy] = [r for r in replies if r.to == fatima]
    assert copy.purpose == "invoice" and copy.document is not None
    assert "INV-2026-0001 is cancelled" in copy.text
    assert "VOID" in text_of(copy.document.data)
    assert await balance(db, shop, "Fatima Ali") == -2000


async def test_a_cash_sale_cancelled_gives_the_money_back_and_tells_no_one_else(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    await say(conv, shop.owner, "void the last invoice")
    replies = await send(conv, shop.owner, "yes")
    assert [r.to for r in replies] == [None]  # Ahmed was never sent it
    assert "AED 80 paid at the sale goes back to Ahmed Khan." in replies[0].text
    assert await balance(db, shop, "Ahmed Khan") == 0


async def test_the_last_invoice_read_back_is_the_one_cancelled_whatever_is_sold_meanwhile(
    db: Database,
) -> None:
    """ "cancel the last invoice" is read back as the number it is when asked, with its total:
    a sale booked by staff before the owner's yes is not the one cancelled."""
    shop = await load_shop(db)
    conv = conversation(db)
    staff = new_phone("+97156")
    async with db.session() as session:
        await add_member(session, shop.business.id, phone=staff, role="staff")
    await say(conv, shop.owner, "fatima took two tray eggs on credit")  # INV-…-0001, AED 36

    asked = await say(conv, shop.owner, "cancel the last invoice")
    assert "INV-2026-0001" in asked and "AED 36" in asked, asked
    await say(conv, staff, "sold 2 rice to ahmed 40 each")  # INV-…-0002, meanwhile
    done = await say(conv, shop.owner, "yes")

    assert "INV-2026-0001 is cancelled" in done, done
    assert await balance(db, shop, "Fatima Ali") == 0
    assert await balance(db, shop, "Ahmed Khan") >= 0
    assert (await books(db, shop)).posted_invoices == 1  # the staff's sale stands


async def test_a_read_back_says_its_prices_in_the_shops_money(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    asked = await say(conv, shop.owner, "sold 3 basmati to fatima 75 each")
    assert "@ AED 75" in asked, asked


async def test_a_cancellation_is_asked_as_one(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    asked = await say(conv, shop.owner, "cancel the last invoice")
    assert asked.endswith("Cancel it? Reply yes or no."), asked
