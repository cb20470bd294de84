"""Invoice numbers are gapless per business and year, even under concurrent sales."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ledger import (
    Database,
    InsufficientStock,
    InvalidInput,
    SaleItem,
    SaleResult,
    add_product,
    invoice_by_number,
    sell,
)
from ledger.types import utcnow
from tests.factories import uae_shop
from tests.ledger.support import balance, moves_total, on_hand, party_id, product_id


async def test_fifty_concurrent_sales_get_numbers_one_to_fifty_without_gap_or_duplicate(
    db: Database,
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        tea = await add_product(s, shop.id, name="Tea", price_minor=150, opening_stock=Decimal(500))
        ahmed = await party_id(s, shop.id, "Ahmed Khan")

    async def one_sale(i: int) -> SaleResult:
        async with db.session() as s:
            return await sell(
                s,
                shop.id,
                [SaleItem(tea.id, Decimal(i % 3 + 1))],
                party_id=ahmed if i % 2 else None,
                paid="credit" if i % 2 else "full",
            )

    results = await asyncio.gather(*(one_sale(i) for i in range(50)))

    year = utcnow().astimezone(ZoneInfo("Asia/Dubai")).year
    assert sorted(r.number for r in results) == [f"INV-{year}-{n:04d}" for n in range(1, 51)]
    sold = sum(Decimal(i % 3 + 1) for i in range(50))
    async with db.session() as s:
        assert await on_hand(s, tea.id) == Decimal(500) - sold
        assert await moves_total(s, tea.id) == Decimal(500) - sold
        assert await balance(s, ahmed) == sum(r.total_minor for r in results if r.due_minor)


async def test_a_refused_sale_does_not_use_up_a_number(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    async with db.session() as s:
        first = await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=when)
    with pytest.raises(InsufficientStock):
        async with db.session() as s:
            await sell(s, shop.id, [SaleItem(rice, Decimal(100))], at=when)
    async with db.session() as s:
        second = await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=when)
    assert (first.number, second.number) == ("INV-2026-0001", "INV-2026-0002")


async def test_a_refusal_comes_before_any_write_so_the_same_transaction_can_sell_again(
    db: Database,
) -> None:
    """The conversation tries a sale again with other terms in the same transaction, without a
    savepoint (an overpaid sale is booked paid in full): each refusal must leave nothing."""
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    async with db.session() as s:
        stock = await on_hand(s, rice)
        refusals: list[tuple[dict[str, Any], type[Exception]]] = [
            ({"paid": 10**9, "party_id": ahmed}, InvalidInput),  # more than the bill
            ({"paid": "credit"}, InvalidInput),  # credit without a customer
            ({"qty": Decimal("0.0001")}, InvalidInput),  # finer than the books keep
            ({"qty": stock + 1}, InsufficientStock),
        ]
        for terms, refusal in refusals:
            qty = terms.pop("qty", Decimal(1))
            with pytest.raises(refusal):
                await sell(s, shop.id, [SaleItem(rice, qty)], at=when, **terms)
        sold = await sell(s, shop.id, [SaleItem(rice, Decimal(1))], party_id=ahmed, at=when)
    async with db.session() as s:
        assert sold.number == "INV-2026-0001"
        assert await on_hand(s, rice) == stock - 1
        assert await moves_total(s, rice) == stock - 1
        assert await balance(s, ahmed) == 0


async def test_numbering_starts_again_each_year_in_the_shops_time_zone(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
    # 21:00 UTC on 31 December is already 1 January in Dubai (UTC+4).
    moments = [
        datetime(2025, 12, 31, 10, tzinfo=UTC),
        datetime(2025, 12, 31, 21, tzinfo=UTC),
        datetime(2026, 1, 2, 9, tzinfo=UTC),
    ]
    numbers = []
    for when in moments:
        async with db.session() as s:
            numbers.append((await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=when)).number)
    assert numbers == ["INV-2025-0001", "INV-2026-0001", "INV-2026-0002"]


async def test_two_shops_each_count_from_one(db: Database) -> None:
    numbers = []
    for name in ("Shop One", "Shop Two"):
        async with db.session() as s:
            shop = await uae_shop(s, name=name)
            rice = await product_id(s, shop.id, "Rice 5kg")
            sale = await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=utcnow())
            numbers.append(sale.number)
            assert (await invoice_by_number(s, shop.id, sale.number.lower())).id == sale.invoice_id
    assert numbers[0] == numbers[1]
    assert numbers[0].endswith("-0001")
