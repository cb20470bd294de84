"""A shop's own confirmation threshold overrides the default one."""

from ledger import Database
from ledger.shop import update_business
from tests.bot.helpers import books, conversation, load_shop, say


async def test_a_shop_with_a_low_threshold_is_asked_before_a_small_sale(db: Database) -> None:
    shop = await load_shop(db)
    async with db.session() as session:
        await update_business(session, shop.business.id, confirm_above_minor=5000)  # AED 50
    conv = conversation(db)
    before = await books(db, shop)
    question = await say(conv, shop.owner, "sold 2 rice 40 each")  # AED 80, default limit 1,000
    assert "Book it?" in question
    assert await books(db, shop) == before
    assert "Sale INV-" in await say(conv, shop.owner, "yes")


async def test_below_the_shop_threshold_a_sale_is_booked_at_once(db: Database) -> None:
    shop = await load_shop(db)
    async with db.session() as session:
        await update_business(session, shop.business.id, confirm_above_minor=10000)  # AED 100
    assert "Sale INV-" in await say(conversation(db), shop.owner, "sold 2 rice 40 each")
