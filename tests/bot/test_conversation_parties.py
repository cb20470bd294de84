"""Parties as accounts (#15): one signed balance per customer or supplier, netted both ways,
and words that cannot be misread. Run through the pipeline production runs, privacy included."""

from __future__ import annotations

from bot.conversation.core import Conversation
from bot.replies import Replies
from ledger import Database, dues_report, find_party
from tests.bot.helpers import books, load_shop, say
from tests.consent.helpers import private_conversation

ASKED = "Reply yes or no."


async def book(conv: Conversation, phone: str, text: str) -> str:
    """Say a write, and answer yes if the bot reads it back first."""
    reply = await say(conv, phone, text)
    return await say(conv, phone, "yes") if ASKED in reply else reply


async def test_a_supplier_who_buys_is_netted_against_what_the_shop_owes(db: Database) -> None:
    """The day-trial bug: a sale to Gulf Dairy said "Gulf Dairy now owes AED 80", then listed it
    under "You owe suppliers AED 80"; a purchase on credit was added to it instead of netted."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)

    bought = await book(conv, shop.owner, "received 10 milk from gulf dairy at 4 each on credit")
    assert "You owe Gulf Dairy AED 40." in bought

    sold = await book(conv, shop.owner, "sold 2 rice to gulf dairy 40 each on credit")
    assert "In all: Gulf Dairy owes you AED 40." in sold

    assert (await say(conv, shop.owner, "how much do I owe gulf dairy")).endswith(
        "Gulf Dairy owes you AED 40."
    )
    everyone = await say(conv, shop.owner, "who owes me")
    assert "They owe you AED 40:\n• Gulf Dairy: AED 40" in everyone
    assert "You owe" not in everyone

    paid = await book(conv, shop.owner, "gulf dairy paid 40")
    assert "Gulf Dairy and you are square." in paid
    async with db.session() as session:
        dairy = await find_party(session, shop.business.id, "Gulf Dairy")
        dues = await dues_report(session, shop.business.id)
    assert dairy is not None and dairy.balance_minor == 0
    assert all(d.party_id != dairy.id for d in dues.all)


async def test_what_the_shop_owes_is_listed_apart_from_what_it_is_owed(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await book(conv, shop.owner, "received 10 milk from gulf dairy at 4 each on credit")

    nobody = await say(conv, shop.owner, "who owes me")
    assert "Nobody owes you money." in nobody
    assert "You owe AED 40:\n• Gulf Dairy: AED 40" in nobody

    await book(conv, shop.owner, "fatima took two tray eggs on credit")
    both = await say(conv, shop.owner, "who owes me")
    assert "They owe you AED 36:\n• Fatima Ali: AED 36" in both
    assert "You owe AED 40:\n• Gulf Dairy: AED 40" in both


async def test_a_customer_who_overpaid_has_credit_not_a_debt(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await book(conv, shop.owner, "fatima took two tray eggs on credit")
    paid = await book(conv, shop.owner, "fatima paid 50")
    assert "Fatima Ali has AED 14 in credit." in paid
    listed = await say(conv, shop.owner, "who owes me")
    assert "• Fatima Ali: AED 14 (their credit)" in listed


async def test_handing_more_than_the_bill_is_read_back_naming_where_the_rest_goes(
    db: Database,
) -> None:
    """The day trial: "gave 500" on a bill of 225 was read back as "paid AED 500 = AED 225", and
    the yes put AED 275 on the customer's account without a word about it. The read-back now says
    so; a walk-in's rest is change given back, and the sale is booked paid."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)

    asked = await say(conv, shop.owner, "ahmed took 3 basmati gave 500")
    assert (
        "Sale: 3 × Basmati Rice 10kg to Ahmed Khan = AED 225, paid AED 500: "
        "the other AED 275 goes on Ahmed Khan's account\nBook it?"
    ) in asked
    booked = await say(conv, shop.owner, "yes")
    assert "Total AED 225, paid." in booked
    assert "Received AED 275 from Ahmed Khan." in booked
    async with db.session() as session:
        ahmed = await find_party(session, shop.business.id, "Ahmed Khan")
    assert ahmed is not None and ahmed.balance_minor == -27500

    walk_in = await say(conv, shop.owner, "sold 1 sugar, 20 diye")
    assert walk_in.startswith("Sale: 1 × Sugar = AED 5, paid AED 20: AED 15 change given back")
    assert "Total AED 5, paid." in await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).invoices == 2


async def test_more_than_the_bill_paid_with_the_rest_later_is_not_offered_for_a_yes(
    db: Database,
) -> None:
    """ "gave 500, rest later" on a bill of 225: no yes makes those numbers agree (the price the
    owner has in mind is not the catalog's), so it is said back and nothing is booked."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)

    said = await say(conv, shop.owner, "ahmed took 3 basmati, gave 500 rest later")
    assert "Sale: 3 × Basmati Rice 10kg to Ahmed Khan = AED 225\n" in said
    assert "less than the AED 500 you said was paid" in said and "Nothing was booked" in said
    assert ASKED not in said
    assert Replies().render("nothing_pending") in await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).invoices == 0 and (await books(db, shop)).payments == 0


async def test_a_delivery_with_no_payment_word_is_asked_every_time_with_the_last_terms_as_a_hint(
    db: Database,
) -> None:
    """The day trial: a purchase with no payment word went on credit without a word; then a
    copy of the last delivery's terms booked a paid delivery on credit. Never assumed."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)

    asked = await say(conv, shop.owner, "received 10 milk from gulf dairy at 4 each")
    assert asked.endswith(Replies().render("ask_purchase_terms", supplier="Gulf Dairy", last=""))
    async with db.session() as session:
        dairy = await find_party(session, shop.business.id, "Gulf Dairy")
    assert dairy is not None and dairy.balance_minor == 0  # nothing booked yet
    on_credit = await say(conv, shop.owner, "credit")
    assert "You owe Gulf Dairy AED 40." in on_credit

    again = await say(conv, shop.owner, "received 5 milk from gulf dairy at 4 each")
    assert again.endswith(
        Replies().render("ask_purchase_terms", supplier="Gulf Dairy", last="credit")
    )
    paid = await say(conv, shop.owner, "paid")
    assert "You owe Gulf Dairy AED 40." in paid  # this one was paid: still 40

    await say(conv, shop.owner, "received 5 eggs from fresh farms at 12 each")
    cash = await say(conv, shop.owner, "paid cash")
    assert "Fresh Farms Trading and you are square." in cash
    said_credit = await book(
        conv, shop.owner, "received 5 eggs from fresh farms at 12 each on credit"
    )
    assert "You owe Fresh Farms Trading AED 60." in said_credit


async def test_a_payment_said_without_its_amount_is_asked_how_much(db: Database) -> None:
    """ "priya ne payment kar diya" (set P) had the generic "didn't get that"."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)

    for said in ("fatima ne payment kar diya", "fatima paid"):
        asked = await say(conv, shop.owner, said)
        assert asked.endswith(
            'How much did Fatima Ali pay? Send it with the amount, like "fatima paid 100".'
        )
    supplier = await say(conv, shop.owner, "paid gulf dairy")
    assert supplier.endswith(
        'How much did you pay Gulf Dairy? Send it with the amount, like "paid gulf 100".'
    )
    assert (await books(db, shop)).payments == 0
