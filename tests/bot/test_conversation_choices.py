"""An unclear customer gets numbered choices; a number picks one and "no" books nothing."""

from ledger import Database, add_party
from tests.bot.helpers import balance, books, conversation, load_shop, say


async def test_a_number_picks_the_customer_and_books_the_sale(db: Database) -> None:
    shop = await load_shop(db)
    async with db.session() as session:
        await add_party(session, shop.business.id, name="Ahmed Siddiqui")
    conv = conversation(db)
    question = await say(conv, shop.owner, "ahmed took 2 rice on credit")
    assert "Which ahmed?" in question.replace("Ahmed", "ahmed")
    assert "1." in question and "2." in question
    choices = [line.split(". ", 1)[1] for line in question.splitlines() if line[:2] in ("1.", "2.")]
    reply = await say(conv, shop.owner, str(choices.index("Ahmed Siddiqui") + 1))
    assert "Sale INV-" in reply and "Ahmed Siddiqui" in reply
    assert await balance(db, shop, "Ahmed Siddiqui") == 8000
    assert await balance(db, shop, "Ahmed Khan") == 0


async def test_no_to_the_choice_cancels_and_books_nothing(db: Database) -> None:
    shop = await load_shop(db)
    async with db.session() as session:
        await add_party(session, shop.business.id, name="Ahmed Siddiqui")
    conv = conversation(db)
    before = await books(db, shop)
    assert "1." in await say(conv, shop.owner, "ahmed took 2 rice on credit")
    assert "cancelled" in await say(conv, shop.owner, "no")
    assert await books(db, shop) == before
