"""Corrections by chat (#15): a correction replaces, never adds; an older invoice can be
corrected by number; a correction of an unanswered read-back changes the question. Run through
the pipeline production runs, privacy included."""

from __future__ import annotations

from decimal import Decimal

from cryptography.fernet import Fernet

from bot.conversation.core import Conversation, CoreConfig
from bot.conversation.privacy import Privacy, PrivacyConfig
from bot.replies import Replies
from consent.crypto import Cipher
from intents import RuleParser
from ledger import Database, add_member, find_party, invoice_by_number, invoice_view
from tests.bot.helpers import books, load_shop, on_hand, say
from tests.consent.helpers import private_conversation
from tests.factories import new_phone
from voice import FakeTranscriber

ASKED = "Reply yes or no."


async def correct(conv: Conversation, phone: str, text: str) -> tuple[str, str]:
    """Say a correction and answer yes to its read-back: (the question, the answer)."""
    asked = await say(conv, phone, text)
    assert ASKED in asked, asked
    return asked, await say(conv, phone, "yes")


async def test_no_i_meant_3_replaces_the_last_sale_and_keeps_its_number_void(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    rice = await on_hand(db, shop, "Rice 5kg")
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")

    asked, done = await correct(conv, shop.owner, "no, I meant 3")

    assert "Correct INV-2026-0001 to:" in asked and "3 × Rice 5kg @ AED 40" in asked
    assert "INV-2026-0001 is cancelled (kept, marked void) and replaced" in done
    assert "Sale INV-2026-0002 to Ahmed Khan" in done and "3 × Rice 5kg" in done
    counted = await books(db, shop)
    assert (counted.invoices, counted.posted_invoices) == (2, 1)  # 3 rice, not 5
    assert await on_hand(db, shop, "Rice 5kg") == rice - 3
    async with db.session() as session:
        old = await invoice_by_number(session, shop.business.id, "INV-2026-0001")
        new = await invoice_by_number(session, shop.business.id, "INV-2026-0002")
        assert old.id is not None and new.id is not None
        assert (old.status, new.replaces_id) == ("void", old.id)
        new_view = await invoice_view(session, shop.business.id, new.id)
        old_view = await invoice_view(session, shop.business.id, old.id)
    assert new_view.notes == ("Replaces INV-2026-0001, cancelled by this correction.",)
    assert old_view.notes == ("Replaced by INV-2026-0002.",)


async def test_an_older_invoice_is_corrected_by_its_number(db: Database) -> None:
    """The day trial: "INV-… should be 150 not 100" tried to send the invoice."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")

    asked, done = await correct(conv, shop.owner, "INV-2026-0001 should be 40 not 36")

    assert "Correct INV-2026-0001 to:" in asked and "2 × Eggs 30 tray @ AED 20" in asked
    assert "Sale INV-2026-0003 to Fatima Ali" in done and "on credit" in done
    assert "In all: Fatima Ali owes you AED 40." in done
    async with db.session() as session:
        fatima = await find_party(session, shop.business.id, "Fatima Ali")
        ahmed_sale = await invoice_by_number(session, shop.business.id, "INV-2026-0002")
    assert fatima is not None and fatima.balance_minor == 4000  # 40, not 36 + 40
    assert ahmed_sale.status == "posted"  # the other sale is untouched


async def test_a_wrong_customer_moves_the_debt(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    _, done = await correct(conv, shop.owner, "wrong customer, it was ahmed")
    assert "Sale INV-2026-0002 to Ahmed Khan" in done
    async with db.session() as session:
        fatima = await find_party(session, shop.business.id, "Fatima Ali")
        ahmed = await find_party(session, shop.business.id, "Ahmed Khan")
    assert fatima is not None and ahmed is not None
    assert (fatima.balance_minor, ahmed.balance_minor) == (0, 3600)


async def test_a_payment_is_corrected_and_no_leaves_the_books_alone(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took two tray eggs on credit")
    await say(conv, shop.owner, "fatima paid 20")
    asked = await say(conv, shop.owner, "no, it was 30")
    assert "Payment" in asked and "30" in asked
    assert Replies().render("cancelled") in await say(conv, shop.owner, "no")
    assert (await books(db, shop)).payments == 1
    _, done = await correct(conv, shop.owner, "sorry, 30 not 20")
    assert "Received AED 30 from Fatima Ali." in done and "Fatima Ali owes you AED 6." in done


async def test_a_correction_of_an_open_read_back_changes_the_question(db: Database) -> None:
    shop = await load_shop(db)
    conv = Conversation(
        db,
        RuleParser(),
        FakeTranscriber(""),
        CoreConfig(confirm_above=Decimal(100)),
        privacy=Privacy(Cipher(Fernet.generate_key()), PrivacyConfig()),
    )
    await say(conv, shop.owner, "sold 3 basmati 75 each")

    changed = await say(conv, shop.owner, "no 70 each")

    assert changed.startswith("✏️ Changed:") and "3 × Basmati Rice 10kg @ AED 70" in changed
    assert (await books(db, shop)).invoices == 0
    booked = await say(conv, shop.owner, "yes")
    assert "AED 210" in booked and (await books(db, shop)).invoices == 1


async def test_nothing_to_correct_and_a_correction_that_does_not_fit_book_nothing(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    nothing = await say(conv, shop.owner, "no, I meant 3")
    assert nothing.endswith("Nothing was corrected: there is nothing of yours to correct.")
    await say(conv, shop.owner, "sold 2 rice and 3 milk")
    unclear = await say(conv, shop.owner, "no, I meant 4")
    assert unclear.endswith(Replies().render("amend_unclear"))
    assert (await books(db, shop)).invoices == 1


async def test_staff_correct_their_own_entries_not_the_owners(db: Database) -> None:
    shop = await load_shop(db)
    cashier = new_phone()
    async with db.session() as session:
        await add_member(session, shop.business.id, phone=cashier, role="staff")
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    refused = await say(conv, cashier, "INV-2026-0001 should be 100")
    assert refused.endswith(Replies().render("refused"))
    await say(conv, cashier, "sold 1 rice 40")
    _, done = await correct(conv, cashier, "no, 2")
    assert "INV-2026-0002 is cancelled" in done


async def test_a_correction_of_a_figure_the_last_entry_lacks_books_nothing(db: Database) -> None:
    """Found trying a day in the chat: "sorry i meant 4 not 3" after "electricity bill 450"
    read back a bill of AED 4. The last entry has no 3 in it, so that is not what is being
    corrected: the owner is asked to say it in full and nothing changes."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "fatima took 3 tray eggs on credit")
    await say(conv, shop.owner, "electricity bill 450")
    before = await books(db, shop)

    reply = await say(conv, shop.owner, "sorry i meant 4 not 3")

    assert "could not tell what to change" in reply, reply
    assert await books(db, shop) == before


async def test_a_correction_asked_then_the_entry_undone_is_dropped_not_asked_for_ever(
    db: Database,
) -> None:
    """Found in `hisaab chat`: "no wait, it was 3", then "undo" instead of an answer. The
    correction asked about an entry that no longer stands; it was asked again after every
    message, and a yes would have tried to replace a void entry."""
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    rice = await on_hand(db, shop, "Rice 5kg")
    await say(conv, shop.owner, "sold 2 rice to ahmed 40 each")
    asked = await say(conv, shop.owner, "no, I meant 3")
    assert "Correct INV-2026-0001 to:" in asked

    undone = await say(conv, shop.owner, "undo")

    assert "Undone" in undone and "Dropped, as that entry was undone meanwhile" in undone
    assert not undone.rstrip().endswith("Reply yes or no.")
    after = await say(conv, shop.owner, "what did I sell today")
    assert "Still waiting" not in after
    assert (await say(conv, shop.owner, "yes")).startswith("There is nothing waiting")
    counted = await books(db, shop)
    assert (counted.invoices, counted.posted_invoices) == (1, 0)
    assert await on_hand(db, shop, "Rice 5kg") == rice
