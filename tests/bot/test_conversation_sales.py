"""An owner keeps the books by chat: sales, credit, payments, reports, stock and undo."""

from __future__ import annotations

from decimal import Decimal

from ledger import Database
from tests.bot.helpers import balance, books, conversation, greet, load_shop, on_hand, say, today


async def test_a_sale_to_a_named_customer_is_booked_with_an_invoice(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)

    reply = await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")

    assert "Sale INV-" in reply
    assert "Ahmed Khan" in reply
    assert "2 × Rice 5kg @ AED 40 = AED 80" in reply
    assert "Total AED 80, paid." in reply
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(23)
    assert await balance(db, shop, "Ahmed Khan") == 0  # paid in full: owes nothing
    report = await today(db, shop)
    assert (report.count, report.total_minor) == (1, 8000)
    assert [(row.name, row.total_minor) for row in report.by_party] == [("Ahmed Khan", 8000)]


async def test_a_cash_sale_of_two_items_needs_no_customer(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)

    reply = await say(conv, shop.owner, "2 milk 1 bread")

    assert "2 × Milk 1L @ AED 6.50 = AED 13" in reply
    assert "1 × Bread @ AED 4 = AED 4" in reply
    assert "Total AED 17, paid." in reply
    assert " to " not in reply.splitlines()[0]  # a walk-in: no customer named
    assert await on_hand(db, shop, "Milk 1L") == Decimal(38)
    assert await on_hand(db, shop, "Bread") == Decimal(29)
    report = await today(db, shop)
    assert (report.count, report.total_minor, report.by_party) == (1, 1700, ())


async def test_a_credit_sale_then_a_payment_move_the_customer_balance(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)

    credit = await say(conv, shop.owner, "fatima took two tray eggs on credit")

    assert "Fatima Ali" in credit
    assert "2 × Eggs 30 tray @ AED 18 = AED 36" in credit
    assert "on credit" in credit
    assert "In all: Fatima Ali owes you AED 36." in credit
    assert "Send Fatima Ali the invoice?" in credit
    assert await balance(db, shop, "Fatima Ali") == 3600
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(10)

    paid = await say(conv, shop.owner, "fatima paid 20")

    assert "Received AED 20 from Fatima Ali." in paid
    assert "Fatima Ali owes you AED 16." in paid
    assert await balance(db, shop, "Fatima Ali") == 1600
    assert (await books(db, shop)).payments == 1


async def test_the_owner_asks_what_was_sold_today(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    await say(conv, shop.owner, "2 milk 1 bread")
    await say(conv, shop.owner, "fatima took two tray eggs on credit")

    reply = await say(conv, shop.owner, "what did I sell today")

    # 80 + 17 + 36: a credit sale is a sale too.
    assert "Sales today: AED 133 from 3 sales." in reply
    assert "Top items:" in reply
    assert "• Rice 5kg: 2 = AED 80" in reply
    assert "• Eggs 30 tray: 2 = AED 36" in reply
    assert "• Milk 1L: 2 = AED 13" in reply
    assert "• Bread: 1 = AED 4" in reply
    assert reply.index("Rice 5kg") < reply.index("Eggs 30 tray") < reply.index("Bread")
    assert (await books(db, shop)).invoices == 3  # a question books nothing


async def test_the_owner_asks_how_much_stock_is_left(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")

    reply = await say(conv, shop.owner, "how many eggs left")

    assert "Eggs 30 tray: 10 tray" in reply
    assert "Rice" not in reply  # one product asked, one product answered


async def test_undo_voids_the_last_sale_and_puts_the_stock_back(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    sale = await say(conv, shop.owner, "fatima took two tray eggs on credit")
    number = sale.split()[2].rstrip(":")
    assert number.startswith("INV-")

    reply = await say(conv, shop.owner, "undo")

    assert "Undone" in reply and number in reply
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(12)
    assert await balance(db, shop, "Fatima Ali") == 0
    counts = await books(db, shop)
    assert (counts.invoices, counts.posted_invoices) == (1, 0)  # kept, marked void
    report = await today(db, shop)
    assert (report.count, report.total_minor) == (0, 0)

    again = await say(conv, shop.owner, "undo")

    assert "nothing of yours left to undo" in again


async def test_the_owner_asks_how_much_one_customer_owes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")

    reply = await say(conv, shop.owner, "how much does fatima owe")

    assert reply == "Fatima Ali owes you AED 36."

    everyone = await say(conv, shop.owner, "who owes me")

    assert "They owe you AED 36" in everyone
    assert "• Fatima Ali: AED 36" in everyone


async def test_what_the_shop_owes_a_supplier_is_said_the_right_way_round(db: Database) -> None:
    """The day-long trial: "how much do I owe gulf dairy" answered "Gulf Dairy owes AED 80"."""
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "received 10 egg trays from gulf dairy at 14 each on credit")

    for question in ("how much do I owe gulf dairy", "gulf dairy ka kitna dena hai"):
        assert await say(conv, shop.owner, question) == "You owe Gulf Dairy AED 140."
