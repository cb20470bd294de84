"""The owner's accounts by chat: new customers and suppliers, expenses, profit; and the
corrections, statements, exports and tax figures that later versions bring."""

from __future__ import annotations

import pytest

from bot.conversation.core import Conversation
from bot.replies import Replies
from ledger import Database, add_member, find_party, invoices_of_party
from tests.bot.helpers import CATALOG_IN, Shop, books, conversation, greet, load_shop, say
from tests.factories import new_phone

REFUSED = Replies().render("refused")
REFUSED_CUSTOMER = Replies().render("refused_customer")
ASKED = "Reply yes or no."


async def book(conv: Conversation, phone: str, text: str) -> str:
    """Say a write, and answer yes if the bot reads it back first."""
    reply = await say(conv, phone, text)
    return await say(conv, phone, "yes") if ASKED in reply else reply


async def cashier(db: Database, shop: Shop) -> str:
    """A new staff member of the shop; their phone number."""
    phone = new_phone()
    async with db.session() as session:
        await add_member(session, shop.business.id, phone=phone, role="staff")
    return phone


async def test_a_customer_added_with_a_local_number_is_sold_to(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)

    added = await book(conv, shop.owner, "add customer Sara Hussain 0505556677")

    assert "Added Sara Hussain as a customer, phone +971505556677." in added
    async with db.session() as session:
        sara = await find_party(session, shop.business.id, "Sara Hussain")
    assert sara is not None
    assert (sara.kind, sara.phone, sara.balance_minor) == ("customer", "+971505556677", 0)

    sold = await say(conv, shop.owner, "sold 1 rice to sara hussain 40")

    assert "Sale INV-" in sold and "Sara Hussain" in sold
    async with db.session() as session:
        invoices = await invoices_of_party(session, shop.business.id, sara.id)
    assert len(invoices) == 1


async def test_staff_add_a_supplier_without_a_phone(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    staff = await cashier(db, shop)

    added = await book(conv, staff, "add supplier Ramesh Traders")

    assert "Added Ramesh Traders as a supplier." in added
    async with db.session() as session:
        ramesh = await find_party(session, shop.business.id, "Ramesh Traders")
    assert ramesh is not None and (ramesh.kind, ramesh.phone) == ("supplier", "")


async def test_a_name_already_in_the_books_is_not_added_again(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)

    again = await book(conv, shop.owner, "add customer Fatima Ali 0501112233")

    assert "Fatima Ali is already in your books as a customer. Nothing was changed." in again
    async with db.session() as session:
        fatima = await find_party(session, shop.business.id, "Fatima Ali")
    assert fatima is not None and fatima.phone == shop.phones["Fatima Ali"]  # not overwritten


async def test_expenses_of_the_month_by_category(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await book(conv, shop.owner, "rent 5000")
    await book(conv, shop.owner, "electricity bill 250")
    await book(conv, shop.owner, "electricity bill 99")
    await book(conv, shop.owner, "undo")  # the second bill was a mistake: void, not counted

    month = await say(conv, shop.owner, "expenses this month")

    assert "Expenses this month: AED 5,250" in month
    assert "• rent: AED 5,000" in month
    assert "• utilities: AED 250" in month
    rent = await say(conv, shop.owner, "how much did I spend on rent this month")
    assert "Spent on rent this month: AED 5,000." in rent
    week = await say(conv, shop.owner, "what did I spend this week")
    assert "Expenses this week: AED 5,250" in week


async def test_profit_of_goods_with_a_known_cost(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await book(conv, shop.owner, "received 10 rice at 30")
    await book(conv, shop.owner, "sold 2 rice 40 each")  # AED 80 with 5% VAT inside
    await book(conv, shop.owner, "electricity bill 5")

    profit = await say(conv, shop.owner, "profit today")

    assert "Profit today: AED 11.19" in profit  # 76.19 - 60 - 5
    assert "Sales without tax: AED 76.19" in profit
    assert "Cost of the goods sold: AED 60" in profit
    assert "• Expenses: AED 5" in profit.splitlines()
    assert "Cost unknown" not in profit


async def test_profit_says_which_sales_had_no_known_cost(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await book(conv, shop.owner, "sold 2 soap")

    profit = await say(conv, shop.owner, "profit")

    assert "Profit today: AED 5.71" in profit
    assert "Cost of the goods sold: AED 0" in profit
    assert "Cost unknown for Soap (AED 5.71 of the sales)" in profit


async def test_a_sales_chart_is_answered_with_the_sales_report(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await book(conv, shop.owner, "sold 2 rice 40 each")

    report = await say(conv, shop.owner, "sales chart this week")

    assert "Sales this week: AED 80 from 1 sale." in report


@pytest.mark.parametrize(
    "text",
    [
        "profit today",
        "expenses this month",
        "export books",
        "vat return this quarter",
        "cancel invoice INV-2026-0001",
    ],
)
async def test_staff_are_refused_what_only_the_owner_may_see_or_do(db: Database, text: str) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await book(conv, shop.owner, "sold 2 rice 40 each")
    staff = await cashier(db, shop)
    await greet(conv, staff)
    before = await books(db, shop)

    assert await say(conv, staff, text) == REFUSED
    assert await books(db, shop) == before


@pytest.mark.parametrize(
    "text", ["profit today", "expenses this month", "add customer Sara Hussain 0505556677"]
)
async def test_a_customer_is_refused_the_shops_accounts(db: Database, text: str) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.phones["Fatima Ali"])

    assert await say(conv, shop.phones["Fatima Ali"], text) == REFUSED_CUSTOMER
    async with db.session() as session:
        assert await find_party(session, shop.business.id, "Sara Hussain") is None


async def test_help_speaks_in_the_shops_own_products_people_and_country(db: Database) -> None:
    """The day trial: the help text in an Indian shop showed Dubai examples."""
    shop = await load_shop(db, CATALOG_IN)
    conv = conversation(db)
    reply = await say(conv, shop.owner, "help")
    assert "AED" not in reply and "+971" not in reply and "gulf dairy" not in reply
    assert "+91" in reply and "amul distributor" in reply
