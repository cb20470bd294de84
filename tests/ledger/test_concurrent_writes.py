"""Concurrent writers in one shop never lose an update to stock on hand or to a balance."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from ledger import Database, ReceiveItem, SaleItem, receive_stock, record_payment, sell
from tests.factories import uae_shop
from tests.ledger.support import (
    balance,
    due_from_documents,
    moves_total,
    on_hand,
    party_id,
    product_id,
)


async def test_sales_receipts_and_payments_at_once_keep_stock_and_dues_equal_to_documents(
    db: Database,
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        milk = await product_id(s, shop.id, "Milk 1L")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
        dairy = await party_id(s, shop.id, "Gulf Dairy")

    async def sale(i: int) -> None:
        # Half the sales name the products in the other order: locks must not deadlock.
        lines = [SaleItem(rice, Decimal(1)), SaleItem(milk, Decimal(2))]
        async with db.session() as s:
            await sell(s, shop.id, lines if i % 2 else lines[::-1], party_id=ahmed, paid=100)

    async def payment() -> None:
        async with db.session() as s:
            await record_payment(s, shop.id, party_id=ahmed, amount_minor=700, direction="in")

    async def receipt() -> None:
        async with db.session() as s:
            await receive_stock(
                s, shop.id, [ReceiveItem(milk, Decimal(3), 400)], supplier_id=dairy, paid="credit"
            )

    writers = [*(sale(i) for i in range(20)), *(payment() for _ in range(8))]
    await asyncio.gather(*writers, *(receipt() for _ in range(6)))

    async with db.session() as s:
        assert await on_hand(s, rice) == await moves_total(s, rice) == Decimal(25 - 20)
        assert await on_hand(s, milk) == await moves_total(s, milk) == Decimal(40 - 40 + 18)
        assert await balance(s, ahmed) == await due_from_documents(s, ahmed)
        assert await balance(s, dairy) == await due_from_documents(s, dairy) == -6 * 1200
