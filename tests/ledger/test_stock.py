"""Stock on hand never goes below zero by accident, and low stock is reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger import (
    Database,
    InsufficientStock,
    InvalidInput,
    ReceiveItem,
    SaleItem,
    add_product,
    adjust_stock,
    invoice_view,
    receive_stock,
    sell,
    stock_report,
    stock_value,
)
from ledger.tables import Product
from tests.factories import uae_shop
from tests.ledger.support import moves_total, on_hand, product_id


async def test_selling_more_than_is_on_hand_is_refused_and_writes_nothing(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        milk = await product_id(s, shop.id, "Milk 1L")
    with pytest.raises(InsufficientStock) as caught:
        async with db.session() as s:
            items = [SaleItem(milk, Decimal(1)), SaleItem(rice, Decimal(26))]
            await sell(s, shop.id, items)
    assert caught.value.shortages == [("Rice 5kg", Decimal(25), Decimal(26))]
    assert "Rice 5kg (25 left, 26 wanted)" in str(caught.value)
    async with db.session() as s:
        assert (await on_hand(s, rice), await on_hand(s, milk)) == (Decimal(25), Decimal(40))
        first = await sell(s, shop.id, [SaleItem(rice, Decimal(1))])
    assert first.number.endswith("-0001")


async def test_two_lines_of_one_product_are_counted_together(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
    with pytest.raises(InsufficientStock) as caught:
        async with db.session() as s:
            await sell(s, shop.id, [SaleItem(rice, Decimal(20)), SaleItem(rice, Decimal(6))])
    assert caught.value.shortages == [("Rice 5kg", Decimal(25), Decimal(26))]


async def test_a_sale_may_take_stock_below_zero_when_allowed(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(27))], allow_negative_stock=True)
        view = await invoice_view(s, shop.id, sale.invoice_id)
        assert await on_hand(s, rice) == await moves_total(s, rice) == Decimal(-2)
        low = await stock_report(s, shop.id, low_only=True)
    assert view.lines[0].qty == Decimal(27)
    assert [line.name for line in low] == ["Rice 5kg"]


async def test_a_sale_reports_products_that_fell_to_their_reorder_level(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        milk = await product_id(s, shop.id, "Milk 1L")
        sale = await sell(s, shop.id, [SaleItem(milk, Decimal(30))])
        low = await stock_report(s, shop.id, low_only=True)
    assert sale.low_stock == ("Milk 1L",)
    assert [(line.name, line.on_hand, line.reorder_level) for line in low] == [
        ("Milk 1L", Decimal(10), Decimal(10))
    ]


async def test_products_without_a_reorder_level_are_low_at_five(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        soap = await product_id(s, shop.id, "Soap")
        await adjust_stock(s, shop.id, soap, set_to=Decimal(6))
        assert await stock_report(s, shop.id, low_only=True) == ()
        await adjust_stock(s, shop.id, soap, change=Decimal(-1), reason="damaged")
        low = await stock_report(s, shop.id, low_only=True)
    assert [line.name for line in low] == ["Soap"]


async def test_received_stock_adds_up_and_sets_the_cost(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        milk = await product_id(s, shop.id, "Milk 1L")
        soap = await product_id(s, shop.id, "Soap")
        before = await stock_value(s, shop.id)
        result = await receive_stock(
            s, shop.id, [ReceiveItem(milk, Decimal(10), 455), ReceiveItem(soap, Decimal("2.5"))]
        )
        after = await stock_value(s, shop.id)
        assert await on_hand(s, milk) == await moves_total(s, milk) == Decimal(50)
    assert result.cost_minor == 4550
    assert dict(result.on_hand) == {"Milk 1L": Decimal(50), "Soap": Decimal("47.5")}
    # Milk is now valued at its cost (4.55) instead of its price (6.50).
    assert after[0] == before[0] - 40 * 650 + 50 * 455 + 750
    assert after[1] == before[1] + 10 * 650 + 750


@pytest.mark.parametrize(
    ("change", "set_to"),
    [(None, None), (Decimal(1), Decimal(1)), (Decimal(0), None), (None, Decimal(-1))],
)
async def test_an_adjustment_needs_exactly_one_real_change(
    db: Database, change: Decimal | None, set_to: Decimal | None
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        soap = await product_id(s, shop.id, "Soap")
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await adjust_stock(s, shop.id, soap, change=change, set_to=set_to)


@pytest.mark.parametrize("qty", [Decimal(0), Decimal(-1)])
async def test_quantities_must_be_more_than_zero(db: Database, qty: Decimal) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        soap = await product_id(s, shop.id, "Soap")
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await sell(s, shop.id, [SaleItem(soap, qty)])
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await receive_stock(s, shop.id, [ReceiveItem(soap, qty)])


async def test_a_product_added_and_sold_in_one_transaction_says_what_is_left(
    db: Database,
) -> None:
    """The sale reads its products as plain rows (#16); a product this transaction holds as
    an object (added a moment ago, as a "new product? yes" answer does) is told the stock the
    sale left, so nothing later in the transaction sees the old figure."""
    async with db.session() as session:
        shop = await uae_shop(session)
    async with db.session() as session:
        added = await add_product(
            session,
            shop.id,
            name="Dates 1kg",
            price_minor=2500,
            opening_stock=Decimal(10),
            reorder_level=Decimal(8),
        )
        held = await session.get(Product, added.id)  # held as an object across the sale
        assert held is not None and held.on_hand == Decimal(10)
        sold = await sell(session, shop.id, [SaleItem(added.id, Decimal(3))])
        assert held.on_hand == Decimal(7)
        assert sold.low_stock == ("Dates 1kg",)  # 7 left, reorder at 8
        held.name = "Dates 1kg box"  # a later change of the same row flushes name, not stock
        await session.flush()
    async with db.session() as session:
        assert await on_hand(session, added.id) == Decimal(7)
