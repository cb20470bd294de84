"""A shop's terms (tax settings, clock, read-back threshold) are read once a transaction, in
one Core read, and a change to the shop in the same transaction is seen by the next sale."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import event

from ledger import Database, find_product
from ledger.sales import SaleItem, sell
from ledger.shop import confirm_threshold, shop_terms, update_business
from ledger.tables import Business
from tests.factories import uae_shop


async def test_terms_are_read_once_and_follow_a_change_in_the_same_transaction(
    db: Database,
) -> None:
    async with db.session() as session:
        shop = await uae_shop(session)
    reads: list[str] = []

    def note(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if "FROM business" in sql:
            reads.append(sql)

    engines = set(db.sync_engines)
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        async with db.session() as session:
            assert await confirm_threshold(session, shop.id) is None
            terms = await shop_terms(session, shop.id)
            assert terms is not None and terms.timezone == "Asia/Dubai"
            assert len(reads) == 1  # the threshold and the sale's terms: one read
            await update_business(session, shop.id, confirm_above_minor=50_000)
            assert await confirm_threshold(session, shop.id) == 50_000
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)


async def test_a_sale_prices_with_the_terms_of_its_own_transaction(db: Database) -> None:
    async with db.session() as session:
        shop = await uae_shop(session, inclusive=True)
    async with db.session() as session:
        before = await shop_terms(session, shop.id)
        assert before is not None and before.prices_include_tax
        row = await session.get(Business, shop.id)  # a setting changed through the ORM
        assert row is not None
        row.prices_include_tax = False
        await session.flush()
        rice = await find_product(session, shop.id, "Rice 5kg")
        assert rice is not None
        sold = await sell(session, shop.id, [SaleItem(rice.id, Decimal(1), 10_000)])
    # 100.00 and 5 % VAT on top: the change made a moment before in this transaction counts
    assert sold.total_minor == 10_500
