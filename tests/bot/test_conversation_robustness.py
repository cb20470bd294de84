"""Whatever arrives, the shopkeeper gets a friendly reply, never a stack trace, and the books
stay right."""

from __future__ import annotations

import uuid
from decimal import Decimal

from intents.models import RecordSale
from intents.parser import ParseContext, ParseResult
from intents.rules import RuleParser
from intents.slots import ItemSlot
from ledger import Database
from tests.bot.helpers import (
    assert_friendly,
    books,
    conversation,
    greet,
    load_shop,
    on_hand,
    say,
    send,
)

NONSENSE = [
    "",
    "   \n\t ",
    "😀" * 2500,  # 10 kB of emoji
    "🧾💰📦" * 850,
    "\x00\x01\x1b[31m",
    "<script>alert(1)</script>",
    "'; DROP TABLE invoice; --",
    "{{ 7*7 }} {% for x in range(3) %}x{% endfor %}",
    "%s %(x)s {0} {}",
    "sold 0 rice",
    "sold 1.23456 rice",
    "fatima paid 0",
    "send invoice INV-2099-9999",
    "how many unicorns left",
]
ENGINE_CODES = ("(unsure)", "(no_match)", "(empty)")


async def test_nonsense_gets_a_friendly_reply_and_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    before = await books(db, shop)

    for text in NONSENSE:
        reply = await say(conv, shop.owner, text)
        assert_friendly(reply)
        assert "something went wrong" not in reply, text
        for code in ENGINE_CODES:
            assert code not in reply, (text, reply)
        if "{{" in text:
            assert "49" not in reply  # user text is never rendered as a template
    assert await books(db, shop) == before
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(25)


async def test_an_invoice_number_that_does_not_exist(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)

    reply = await say(conv, shop.owner, "send invoice INV-2099-9999")

    assert reply == "⚠️ Nothing was booked: no invoice INV-2099-9999."


async def test_quantities_and_amounts_the_books_refuse_are_explained(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)
    await greet(conv, shop.owner)

    assert (
        await say(conv, shop.owner, "sold 0 rice")
        == "⚠️ Nothing was booked: quantities must be more than zero."
    )
    assert (
        await say(conv, shop.owner, "fatima paid 0")
        == "⚠️ Nothing was booked: a payment must be more than zero."
    )
    # A fraction of a bag is read back first; the books then say why they refuse it.
    assert "Book it?" in await say(conv, shop.owner, "sold 1.23456 rice")
    assert "more than 3 decimals" in await say(conv, shop.owner, "yes")


async def test_sold_minus_five_rice_gets_a_friendly_reply_and_never_adds_stock(
    db: Database,
) -> None:
    shop = await load_shop(db)
    conv = conversation(db)

    reply = await say(conv, shop.owner, "sold -5 rice")

    assert_friendly(reply)
    assert await on_hand(db, shop, "Rice 5kg") <= Decimal(25)


async def test_sold_minus_five_rice_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    conv = conversation(db)

    await say(conv, shop.owner, "sold -5 rice")

    assert (await books(db, shop)).invoices == 0


class ReadsNegative:
    """An engine (an LLM, say) that reads every message as a sale of -5 rice."""

    async def parse(self, text: str, ctx: ParseContext) -> ParseResult:
        item = ItemSlot(product="Rice 5kg", qty=Decimal(-5), matched=True, score=1.0)
        return ParseResult(RecordSale(items=(item,)), 0.95, "test")


async def test_a_negative_quantity_from_an_engine_is_refused_by_the_books(db: Database) -> None:
    shop = await load_shop(db)
    await greet(
        conversation(db), shop.owner
    )  # the notice is behind them (this engine reads "hi" as a sale)
    conv = conversation(db, parser=ReadsNegative())

    reply = await say(conv, shop.owner, "sold -5 rice")

    assert reply == "⚠️ Nothing was booked: quantities must be more than zero."
    assert (await books(db, shop)).invoices == 0
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(25)


async def test_an_absurd_quantity_is_never_a_write(db: Database) -> None:
    """Numbers past every plausible bound are a misreading: the intent models refuse them,
    so no engine's output can carry them to the books (they overflowed there before)."""
    shop = await load_shop(db)
    conv = conversation(db)

    reply = await say(conv, shop.owner, "sold 99999999999999999999 rice")
    assert_friendly(reply)
    assert "Book it?" not in reply
    assert "nothing waiting" in await say(conv, shop.owner, "yes")
    assert (await books(db, shop)).invoices == 0
    assert await on_hand(db, shop, "Rice 5kg") == Decimal(25)


class FailsOnce:
    """The rule engine, except that the first message blows up inside the core."""

    def __init__(self) -> None:
        self.rules = RuleParser()
        self.failed = False

    async def parse(self, text: str, ctx: ParseContext) -> ParseResult:
        if not self.failed:
            self.failed = True
            raise RuntimeError("boom: Traceback-worthy internals")
        return await self.rules.parse(text, ctx)


async def test_a_failure_inside_is_an_apology_and_the_message_can_be_retried(
    db: Database,
) -> None:
    shop = await load_shop(db)
    await greet(conversation(db), shop.owner)  # the notice is behind them
    conv = conversation(db, parser=FailsOnce())
    msg_id = uuid.uuid4().hex

    (oops,) = await send(conv, shop.owner, "sold 2 rice 40 each", msg_id=msg_id)

    assert oops.text == (
        "Sorry, something went wrong on my side. Nothing was booked; please try again."
    )
    assert "boom" not in oops.text
    assert (await books(db, shop)).invoices == 0

    # The platform delivers it again: it was not marked as handled, so now it is booked.
    (retried,) = await send(conv, shop.owner, "sold 2 rice 40 each", msg_id=msg_id)

    assert "Total AED 80, paid." in retried.text
    assert (await books(db, shop)).invoices == 1
