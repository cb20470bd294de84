"""The role decides: staff sell but see no reports; a customer sees only their own account."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bot.conversation.dispatch import execute
from bot.conversation.policy import PERMISSIONS
from bot.messages import InboundMessage
from bot.replies import Replies
from bot.sender import Sender, resolve
from intents.models import (
    AddParty,
    AddProduct,
    AddStaff,
    AddStock,
    AdjustStock,
    Amend,
    Cancel,
    Confirm,
    EraseData,
    ExportBooks,
    ExportData,
    Help,
    IntentBase,
    OptIn,
    OptOut,
    QueryDues,
    QueryExpenses,
    QueryProfit,
    QuerySales,
    QueryStock,
    RecordExpense,
    RecordPayment,
    RecordSale,
    SendInvoice,
    SendStatement,
    SetPrice,
    TaxReport,
    Undo,
    Unknown,
    VoidInvoice,
)
from intents.slots import ItemSlot, PartyRef, ProductRef, StockItemSlot
from ledger import Database, add_member, find_party, invoices_of_party, members_by_phone
from tests.bot.helpers import (
    Shop,
    assert_friendly,
    balance,
    books,
    conversation,
    greet,
    load_shop,
    on_hand,
    say,
    send,
    today,
)
from tests.factories import new_phone

REFUSED = Replies().render("refused")
REFUSED_CUSTOMER = Replies().render("refused_customer")


async def test_the_owner_adds_a_cashier_who_can_sell_but_not_see_reports(db: Database) -> None:
    shop = await load_shop(db)
    cashier = new_phone()
    conv = conversation(db)

    asked = await say(conv, shop.owner, f"add my cashier {cashier}")
    assert cashier in asked and "yes" in asked  # a role given is read back first
    added = await send(conv, shop.owner, "yes")

    assert f"{cashier} is now your staff" in added[0].text
    assert added[0].to is None
    assert added[1].to == cashier  # the cashier is greeted in their own chat
    assert "added as staff of Al Barsha Grocery" in added[1].text
    async with db.session() as session:
        (member,) = await members_by_phone(session, cashier)
    assert (member.business_id, member.role) == (shop.business.id, "staff")

    sale = await say(conv, cashier, "sold 2 rice 40 each")

    assert "Total AED 80, paid." in sale
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(23)
    before = await books(db, shop)

    report = await say(conv, cashier, "what did I sell today")

    assert report == REFUSED
    assert "80" not in report
    assert await books(db, shop) == before

    stock = await say(conv, cashier, "how many eggs left")

    assert "Eggs 30 tray: 12 tray" in stock  # staff may look at stock
    owner_view = await say(conv, shop.owner, "what did I sell today")
    assert "Sales today: AED 80 from 1 sale." in owner_view


async def test_staff_undo_reverses_their_own_sale_not_the_owners(db: Database) -> None:
    shop = await load_shop(db)
    cashier = new_phone()
    conv = conversation(db)
    await say(conv, shop.owner, f"add my cashier {cashier}")
    await say(conv, shop.owner, "yes")
    await say(conv, shop.owner, "2 milk 1 bread")
    await say(conv, cashier, "sold 2 rice 40 each")
    await say(conv, shop.owner, "sold 1 sugar")

    undone = await say(conv, cashier, "undo")

    assert "Undone: sale" in undone
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(25)
    assert await on_hand(db, shop, "Sugar") == Decimal(59)  # the owner's later sale stands
    assert (await books(db, shop)).posted_invoices == 2
    assert "nothing of yours left" in await say(conv, cashier, "undo")


async def credit_sale_to_fatima(db: Database) -> tuple[Shop, str]:
    """A shop where Fatima took two trays of eggs on credit (AED 36); her phone number."""
    shop = await load_shop(db)
    await say(conversation(db), shop.owner, "fatima took two tray eggs on credit")
    return shop, shop.phones["Fatima Ali"]


async def test_a_customer_asking_their_balance_gets_their_own(db: Database) -> None:
    shop, fatima = await credit_sale_to_fatima(db)
    conv = conversation(db)
    await greet(conv, fatima, shop.phones["Ahmed Khan"])

    reply = await say(conv, fatima, "how much do I owe")

    assert reply == "You owe Al Barsha Grocery AED 36."
    ahmed = await say(conv, shop.phones["Ahmed Khan"], "how much do I owe")
    assert ahmed == "You owe Al Barsha Grocery nothing. 👍"


async def test_a_customer_never_hears_another_customers_balance(db: Database) -> None:
    shop, fatima = await credit_sale_to_fatima(db)
    conv = conversation(db)
    await greet(conv, fatima, shop.phones["Ahmed Khan"])
    await say(conv, shop.owner, "sold 3 dates to ahmed on credit")
    assert await balance(db, shop, "Ahmed Khan") == 9000

    reply = await say(conv, fatima, "what does ahmed owe")

    # A customer's parse never sees other customers' names, so this reads as her own balance.
    assert "Ahmed" not in reply and "90" not in reply
    assert reply == "You owe Al Barsha Grocery AED 36."

    # Named outright (as an LLM might read it), the question is refused.
    async with db.session() as session:
        sender = await resolve(session, _message(fatima))
        asked = QueryDues(party=PartyRef(name="Ahmed Khan"))
        outcome = await execute(session, sender, asked, datetime.now(UTC), allow_negative=False)
    assert [r.text for r in outcome.replies] == [REFUSED_CUSTOMER]

    async with db.session() as session:
        own = QueryDues(party=PartyRef(name="Fatima"))
        outcome = await execute(session, sender, own, datetime.now(UTC), allow_negative=False)
    assert [r.text for r in outcome.replies] == ["You owe Al Barsha Grocery AED 36."]


async def test_a_customer_only_ever_asks_for_their_own_statement(db: Database) -> None:
    _, fatima = await credit_sale_to_fatima(db)
    async with db.session() as session:
        sender = await resolve(session, _message(fatima))
        others = SendStatement(party=PartyRef(name="Ahmed Khan"))  # as an LLM might read it
        refused = await execute(session, sender, others, datetime.now(UTC), allow_negative=False)
        own = SendStatement(party=PartyRef(name="my"))
        answered = await execute(session, sender, own, datetime.now(UTC), allow_negative=False)
    assert [r.text for r in refused.replies] == [REFUSED_CUSTOMER]
    [statement] = answered.replies
    assert statement.to is None and statement.document is not None
    assert statement.text == Replies().render(
        "statement_here", party="Fatima Ali", period="this month"
    )


async def test_a_customer_cannot_record_a_sale(db: Database) -> None:
    shop, fatima = await credit_sale_to_fatima(db)
    conv = conversation(db)
    await greet(conv, fatima, shop.phones["Ahmed Khan"])
    before = await books(db, shop)

    reply = await say(conv, fatima, "sold 2 rice")

    assert reply == REFUSED_CUSTOMER
    assert await books(db, shop) == before
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(25)
    assert await say(conv, fatima, "what did I sell today") == REFUSED_CUSTOMER
    assert (await today(db, shop)).count == 1


async def test_a_customer_gets_their_own_last_invoice(db: Database) -> None:
    shop, fatima = await credit_sale_to_fatima(db)
    conv = conversation(db)
    await greet(conv, fatima, shop.phones["Ahmed Khan"])
    await say(conv, shop.owner, "sold 1 milk to ahmed")
    async with db.session() as session:
        party = await find_party(session, shop.business.id, "Fatima Ali")
        assert party is not None
        ((_, number),) = await invoices_of_party(session, shop.business.id, party.id)

    (reply,) = await send(conv, fatima, "send my last invoice")

    assert reply.text == f"📄 Here is invoice {number}."
    assert reply.to is None
    assert reply.document is not None
    assert reply.document.filename == f"{number}.pdf"
    assert reply.document.data.startswith(b"%PDF")


# One example of every intent in the permission table.
EXAMPLES: dict[str, IntentBase] = {
    "record_sale": RecordSale(items=(ItemSlot(product="Rice 5kg", qty=Decimal(1)),)),
    "add_stock": AddStock(items=(StockItemSlot(product="Rice 5kg", qty=Decimal(5)),)),
    "adjust_stock": AdjustStock(
        product=ProductRef(name="Milk 1L"), qty=Decimal(-1), reason="damaged"
    ),
    "record_payment": RecordPayment(
        party=PartyRef(name="Ahmed Khan"), amount=Decimal(10), direction="in"
    ),
    "add_product": AddProduct(product="Saffron", unit_price=Decimal(25)),
    "set_price": SetPrice(product=ProductRef(name="Sugar"), unit_price=Decimal(6)),
    "record_expense": RecordExpense(amount=Decimal(50), category="transport"),
    "undo": Undo(),
    "send_invoice": SendInvoice(invoice="last"),
    "query_sales": QuerySales(),
    "query_stock": QueryStock(),
    "query_dues": QueryDues(),
    "add_staff": AddStaff(phone=new_phone()),
    "add_party": AddParty(party=PartyRef(name="Sara Hussain"), phone="0505556677"),
    "void_invoice": VoidInvoice(invoice="last"),
    "amend": Amend(qty=Decimal(3)),
    "query_expenses": QueryExpenses(period="this_month"),
    "query_profit": QueryProfit(),
    "send_statement": SendStatement(),
    "export_books": ExportBooks(),
    "tax_report": TaxReport(),
    "export_data": ExportData(),
    "erase_data": EraseData(),
    "opt_out": OptOut(),
    "opt_in": OptIn(),
    "confirm": Confirm(),
    "cancel": Cancel(),
    "help": Help(),
    "unknown": Unknown(hint="unsure"),
}


def test_every_intent_of_the_permission_table_has_an_example() -> None:
    assert set(EXAMPLES) == set(PERMISSIONS)


def _message(phone: str) -> InboundMessage:
    return InboundMessage("whatsapp", phone, uuid.uuid4().hex, datetime.now(UTC), text="-")


async def _sender(db: Database, shop: Shop, role: str) -> Sender:
    phone = shop.owner if role == "owner" else shop.phones["Fatima Ali"]
    if role == "staff":
        phone = new_phone()
        async with db.session() as session:
            await add_member(session, shop.business.id, phone=phone, role="staff")
    async with db.session() as session:
        sender = await resolve(session, _message(phone))
    assert sender.role == role
    return sender


@pytest.mark.parametrize("role", ["owner", "staff", "customer"])
async def test_every_cell_of_the_permission_table(db: Database, role: str) -> None:
    shop = await load_shop(db)
    sender = await _sender(db, shop, role)
    refusal = REFUSED_CUSTOMER if role == "customer" else REFUSED
    wrong: list[str] = []
    for name, intent in EXAMPLES.items():
        before = await books(db, shop)
        async with db.session() as session:
            outcome = await execute(
                session, sender, intent, datetime.now(UTC), allow_negative=False
            )
        texts = [r.text for r in outcome.replies]
        for text in texts:
            assert_friendly(text)
        refused = texts == [refusal]
        if role in PERMISSIONS[name]:
            if refused:
                wrong.append(f"{role} may {name} but was refused")
        elif not refused or outcome.pending is not None or await books(db, shop) != before:
            wrong.append(f"{role} may not {name} but got {texts}")
    assert wrong == []


async def test_an_owner_cannot_make_themselves_staff(db: Database) -> None:
    """The audit: "add <own number> as staff" left the shop without an owner, no way back."""
    shop = await load_shop(db)
    conv = conversation(db)

    await say(conv, shop.owner, f"add staff {shop.owner}")
    reply = await say(conv, shop.owner, "yes")

    assert "always keeps its owner" in reply
    async with db.session() as session:
        (member,) = await members_by_phone(session, shop.owner)
    assert member.role == "owner"
    assert "Sales today" in await say(conv, shop.owner, "what did I sell today")
