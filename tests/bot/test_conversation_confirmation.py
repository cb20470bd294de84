"""Questions before booking: big amounts, new products, missing prices, short stock, erasure;
and a message delivered more than once is handled once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from bot.conversation.core import CoreConfig
from bot.messages import InboundMessage
from bot.replies import Replies
from ledger import Database, find_product
from tests.bot.helpers import books, conversation, greet, load_shop, on_hand, say, send, today

BOOK_IT = "Book it? Reply yes or no."


async def test_one_message_delivered_three_times_is_booked_and_answered_once(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    msg_id = f"wamid.{uuid.uuid4().hex}"

    first = await send(conv, shop.owner, "sold 2 rice to ahmed 40 each", msg_id=msg_id)
    second = await send(conv, shop.owner, "sold 2 rice to ahmed 40 each", msg_id=msg_id)
    third = await send(conv, shop.owner, "sold 2 rice to ahmed 40 each", msg_id=msg_id)

    assert len(first) == 1 and "Total AED 80, paid." in first[0].text
    assert second == [] and third == []
    assert (await books(db, shop)).invoices == 1
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(23)


async def test_the_same_message_id_on_another_channel_is_another_message(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    msg_id = uuid.uuid4().hex
    await send(conv, shop.owner, "sold 1 sugar", msg_id=msg_id)

    other = InboundMessage("console", shop.owner, msg_id, datetime.now(UTC), text="sold 1 sugar")
    replies = await conv.handle(other)

    assert "Total AED 5, paid." in replies[0].text
    assert (await books(db, shop)).invoices == 2


async def test_a_sale_above_the_threshold_is_booked_only_after_yes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)

    question = await say(conv, shop.owner, "sold 3 basmati 75 each")

    assert question == f"Sale: 3 × Basmati Rice 10kg @ AED 75 = AED 225\n{BOOK_IT}"
    assert (await books(db, shop)).invoices == 0

    booked = await say(conv, shop.owner, "yes")

    assert "3 × Basmati Rice 10kg @ AED 75 = AED 225" in booked
    assert (await books(db, shop)).invoices == 1
    assert await on_hand(db, shop, "Basmati Rice 10kg") == Decimal(5)

    small = await say(conv, shop.owner, "sold 2 rice 40 each")

    assert "Total AED 80, paid." in small  # under the threshold: no question


async def test_no_to_a_big_sale_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "sold 3 basmati 75 each")

    reply = await say(conv, shop.owner, "no")

    assert reply == "OK, cancelled. Nothing was booked."
    assert (await books(db, shop)).invoices == 0
    assert await on_hand(db, shop, "Basmati Rice 10kg") == Decimal(8)
    assert "nothing waiting" in await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).invoices == 0


async def test_a_payment_above_the_threshold_asks_first(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)

    question = await say(conv, shop.owner, "fatima paid 150")

    assert question == f"Payment from Fatima Ali: AED 150\n{BOOK_IT}"
    assert (await books(db, shop)).payments == 0
    assert "Received AED 150 from Fatima Ali." in await say(conv, shop.owner, "ok")
    assert (await books(db, shop)).payments == 1


async def test_a_question_expires_after_ten_minutes_and_a_late_yes_hears_what_was_not_booked(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)
    asked_at = datetime.now(UTC)
    asked = await say(conv, shop.owner, "sold 3 basmati 75 each", at=asked_at)

    late = await say(conv, shop.owner, "yes", at=asked_at + timedelta(minutes=10, seconds=1))

    assert late == Replies().render("question_expired", prompt=asked, minutes=10)
    assert "nothing was booked" in late and "Basmati Rice 10kg" in late
    assert (await books(db, shop)).invoices == 0
    again = await say(conv, shop.owner, "yes", at=asked_at + timedelta(minutes=11))
    assert again == "There is nothing waiting for a yes or no."


async def test_a_question_is_still_open_just_before_ten_minutes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)
    asked_at = datetime.now(UTC)
    await say(conv, shop.owner, "sold 3 basmati 75 each", at=asked_at)

    reply = await say(conv, shop.owner, "yes", at=asked_at + timedelta(minutes=9, seconds=59))

    assert "AED 225" in reply
    assert (await books(db, shop)).invoices == 1


async def test_moving_on_from_a_question_reads_the_new_message_and_keeps_the_question(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)
    asked = await say(conv, shop.owner, "sold 3 basmati 75 each")

    reply = await say(conv, shop.owner, "how many eggs left")

    assert "Eggs 30 tray: 12 tray" in reply
    assert reply.endswith(Replies().render("still_waiting", prompt=asked))
    assert "Sale INV-2026-0001" in await say(conv, shop.owner, "yes")


async def test_a_second_read_back_waits_behind_the_first_and_neither_is_lost(
    db: Database,
) -> None:
    """The day trial: two read-backs in a row, the first silently forgotten, and the "yes"
    booked only the second."""
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)
    first = await say(conv, shop.owner, "sold 3 basmati 75 each")
    second = await say(conv, shop.owner, "paid electricity bill 450")

    # One question at a time: the expense is not asked now, so no second "yes or no" shows.
    assert second == Replies().render("question_queued", first=first)

    booked_first = await say(conv, shop.owner, "yes")
    assert "Sale INV-2026-0001" in booked_first and "Basmati" in booked_first
    assert "Next:" in booked_first and "450" in booked_first.split("Next:")[1]
    assert (await books(db, shop)).expenses == 0

    booked_second = await say(conv, shop.owner, "yes")
    assert "Expense AED 450" in booked_second and "Next:" not in booked_second
    counted = await books(db, shop)
    assert (counted.invoices, counted.expenses) == (1, 1)
    assert await say(conv, shop.owner, "yes") == "There is nothing waiting for a yes or no."


async def test_no_to_the_first_question_still_asks_the_second(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db, config=CoreConfig(confirm_above=Decimal(100)))
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "sold 3 basmati 75 each")
    await say(conv, shop.owner, "paid electricity bill 450")

    refused = await say(conv, shop.owner, "no")
    assert "Next:" in refused and "450" in refused
    assert "Expense AED 450" in await say(conv, shop.owner, "yes")
    counted = await books(db, shop)
    assert (counted.invoices, counted.expenses) == (0, 1)


async def test_an_unknown_product_with_a_price_is_added_after_yes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    products_before = (await books(db, shop)).products

    # The rule engine is unsure of a product it has never seen, so it reads the sale back first.
    readback = await say(conv, shop.owner, "sold 1 mango juice 25")
    assert readback == f"Sale: 1 × mango juice @ AED 25 = AED 25\n{BOOK_IT}"

    question = await say(conv, shop.owner, "yes")

    assert question == (
        'I don\'t know "mango juice". Add it as a new product at AED 25? Reply yes or no.'
    )
    assert (await books(db, shop)).products == products_before

    booked = await say(conv, shop.owner, "yes")

    assert "1 × Mango Juice @ AED 25 = AED 25" in booked  # Title Case, as typed in lower case
    assert "Not enough stock" not in booked  # a product added this moment has no stock yet
    async with db.session() as session:
        product = await find_product(session, shop.business.id, "mango juice")
    assert product is not None
    assert (product.price_minor, product.on_hand) == (2500, Decimal(-1))
    report = await today(db, shop)
    assert (report.count, report.total_minor) == (1, 2500)


async def test_a_new_product_does_not_hide_another_products_shortage(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "sold 1 mango juice 25 and 20 eggs")
    await say(conv, shop.owner, "yes")

    warning = await say(conv, shop.owner, "yes")

    assert "Eggs 30 tray: 12 left, 20 sold" in warning
    assert "mango juice" not in warning  # just added: it has no stock to be short of
    assert (await books(db, shop)).invoices == 0
    booked = await say(conv, shop.owner, "yes")
    assert "20 × Eggs 30 tray" in booked and "1 × Mango Juice" in booked
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(-8)


async def test_no_to_an_unknown_product_adds_and_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    before = await books(db, shop)
    await say(conv, shop.owner, "sold 1 mango juice 25")
    await say(conv, shop.owner, "yes")

    assert await say(conv, shop.owner, "no") == "OK, cancelled. Nothing was booked."
    assert await books(db, shop) == before


async def test_a_new_item_without_a_price_asks_for_it_and_a_bare_number_answers(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "sold 3 pickles")

    question = await say(conv, shop.owner, "yes")

    assert question == (
        'I don\'t know "pickles" yet. What is its price? Reply with a number, or "no" to cancel.'
    )

    booked = await say(conv, shop.owner, "12")

    assert "3 × Pickles @ AED 12 = AED 36" in booked
    async with db.session() as session:
        product = await find_product(session, shop.business.id, "pickles")
    assert product is not None and product.price_minor == 1200
    report = await today(db, shop)
    assert (report.count, report.total_minor) == (1, 3600)


async def test_a_sale_below_zero_stock_warns_and_books_after_yes(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)

    warning = await say(conv, shop.owner, "sold 15 trays of eggs")  # "15 eggs" is asked: trays?

    assert "Not enough stock" in warning
    assert "Eggs 30 tray: 12 left, 15 sold" in warning
    assert "Book the sale anyway?" in warning
    assert (await books(db, shop)).invoices == 0

    booked = await say(conv, shop.owner, "yes")

    assert "15 × Eggs 30 tray @ AED 18 = AED 270" in booked
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(-3)
    assert (await books(db, shop)).invoices == 1


async def test_no_to_a_sale_below_zero_stock_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "sold 15 eggs")

    assert await say(conv, shop.owner, "nahi") == "OK, cancelled. Nothing was booked."
    assert await on_hand(db, shop, "Eggs 30 tray") == Decimal(12)
    assert (await books(db, shop)).invoices == 0


async def test_an_erasure_asked_and_cancelled_changes_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    before = await books(db, shop)
    fatima = shop.phones["Fatima Ali"]
    await greet(conv, fatima)

    asked = await say(conv, fatima, "delete my data")

    assert "erases your personal data" in asked
    assert '"yes"' in asked and '"no"' in asked

    cancelled = await say(conv, fatima, "no")

    assert cancelled == "OK, cancelled. Nothing was booked."
    assert await books(db, shop) == before
    assert await say(conv, fatima, "how much do I owe") == "You owe Al Barsha Grocery AED 36."

    # The owner's data is the shop's: erasing it closes the shop, so the name is asked.
    owner_asks = await say(conv, shop.owner, "delete my data")
    assert "closes Al Barsha Grocery" in owner_asks and "shop's name exactly" in owner_asks
    await say(conv, shop.owner, "no")
    assert await books(db, shop) == before
    assert "INV-" in await say(conv, shop.owner, "sold 1 bread")  # still open


async def test_money_in_from_someone_who_owes_nothing_is_read_back(db: Database) -> None:
    """Found trying a day in the chat: "mohammed paid 50" was booked at once for a customer
    who owed nothing, putting AED 50 in credit on his name. It may be an advance, or the wrong
    name: it is read back. Someone who owes is not asked."""
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    asked = await say(conv, shop.owner, "mohammed paid 50")
    assert "Payment from Mohammed Rashid: AED 50" in asked and "yes or no" in asked, asked
    assert (await books(db, shop)).payments == 0
    await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).payments == 1

    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    booked = await say(conv, shop.owner, "fatima paid 20")
    assert "yes or no" not in booked, booked
    assert (await books(db, shop)).payments == 2


async def test_a_typo_of_a_product_is_read_back_as_the_product_never_made_a_new_one(
    db: Database,
) -> None:
    """The day trial: "2 mlik 1 kubz" asked the price of a new product "mlik"; the owner's
    next number became its price and the sale took "Mlik" below zero stock."""
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)
    products = (await books(db, shop)).products

    asked = await say(conv, shop.owner, "2 mlik 1 kubz")
    assert asked.startswith("Sale: 2 × Milk 1L, 1 × Bread")
    assert asked.endswith(BOOK_IT)
    booked = await say(conv, shop.owner, "yes")
    assert "2 × Milk 1L" in booked
    assert (await books(db, shop)).products == products
    async with db.session() as session:
        assert await find_product(session, shop.business.id, "Mlik") is None
