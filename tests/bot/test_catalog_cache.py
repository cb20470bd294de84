"""The parser's catalog is cached per shop in each process and never served stale: every write
that changes what the parser knows raises the shop's catalog version in its own transaction,
and each message compares the version it read with its sender. Two conversations on two
engines stand for two processes (each has its own cache, as each process does)."""

from __future__ import annotations

from decimal import Decimal

from ledger import Database, SaleItem, get_business, sell, set_price
from ledger.catalog import add_party, find_party, find_product
from ledger.names import ask_for_name, settle_name
from tests.bot.helpers import load_shop, say
from tests.consent.helpers import private_conversation

ASKED = "Reply yes or no."


async def _version(db: Database, business_id: int) -> int:
    async with db.read() as session:
        return (await get_business(session, business_id)).catalog_version


async def test_what_changes_the_catalog_raises_its_version_and_a_sale_does_not(
    db: Database,
) -> None:
    shop = await load_shop(db)
    bid = shop.business.id
    before = await _version(db, bid)
    async with db.session() as session:
        rice = await find_product(session, bid, "Rice 5kg")
        assert rice is not None
        await sell(session, bid, [SaleItem(rice.id, Decimal(1))])
    assert await _version(db, bid) == before  # stock and balances are not the parser's
    async with db.session() as session:
        await set_price(session, bid, rice.id, 4500)
    assert await _version(db, bid) == before + 1
    async with db.session() as session:
        await add_party(session, bid, name="Zainab Traders", kind="supplier")
    assert await _version(db, bid) == before + 2


async def test_a_product_added_in_another_process_is_known_at_the_next_message(
    db: Database,
) -> None:
    shop = await load_shop(db)
    first, _ = private_conversation(db)
    other_db = Database(db.url)  # another process: its own engine, pool and catalog cache
    try:
        second, _ = private_conversation(other_db)
        assert "INV-" in await say(second, shop.owner, "sold 1 rice")  # caches the catalog
        await say(first, shop.owner, "new item: honey jar 25 aed")
        await say(first, shop.owner, "add 10 honey jar to stock")
        sold = await say(second, shop.owner, "sold 2 honey jar")
        assert "Honey Jar" in sold and "AED 50" in sold and ASKED not in sold, sold
    finally:
        await other_db.dispose()


async def test_a_price_changed_in_another_process_is_the_price_of_the_next_sale(
    db: Database,
) -> None:
    shop = await load_shop(db)
    first, _ = private_conversation(db)
    other_db = Database(db.url)
    try:
        second, _ = private_conversation(other_db)
        assert "AED 40" in await say(second, shop.owner, "sold 1 rice")
        await say(first, shop.owner, "rice price now 42")
        assert "AED 42" in await say(second, shop.owner, "sold 1 rice")
        # The parser's price band moved with it: 42 a bag is no longer "far from the price".
        assert ASKED not in await say(second, shop.owner, "sold 1 rice 42 each")
    finally:
        await other_db.dispose()


async def test_a_renamed_customer_is_found_by_the_new_name_in_the_other_process(
    db: Database,
) -> None:
    shop = await load_shop(db)
    other_db = Database(db.url)
    try:
        second, _ = private_conversation(other_db)
        await say(second, shop.owner, "sold 1 rice to fatima")
        async with db.session() as session:
            fatima = await find_party(session, shop.business.id, "Fatima Ali")
            assert fatima is not None
            await ask_for_name(session, shop.business.id, fatima.id, "Fatima Begum")
            await settle_name(session, shop.business.id, fatima.id, approve=True)
        sold = await say(second, shop.owner, "sold 1 rice to fatima begum")
        assert "Fatima Begum" in sold and ASKED not in sold
    finally:
        await other_db.dispose()
