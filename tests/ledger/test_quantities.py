"""Quantities are exact Decimals with at most three decimals, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import col, select

from ledger import Database, InvalidInput, SaleItem, add_product, adjust_stock, sell
from ledger.tables import InvoiceLine, Product
from ledger.types import QuantityError, qty_to_int
from tests.factories import uae_shop


@pytest.mark.parametrize("qty", ["0.001", "1.5", "2.25", "999999999.999", "-3.125", "1E+2", "0"])
def test_three_decimals_are_kept_exactly(qty: str) -> None:
    assert Decimal(qty_to_int(Decimal(qty))) / 1000 == Decimal(qty)


@pytest.mark.parametrize("qty", ["0.0001", "1.2345", "2.0005"])
def test_more_than_three_decimals_are_refused(qty: str) -> None:
    with pytest.raises(QuantityError):
        qty_to_int(Decimal(qty))


QUANTITIES = [Decimal("0.001"), Decimal("1.5"), Decimal("12.345"), Decimal(100), Decimal("1e6")]


async def test_quantities_round_trip_through_the_database_unchanged(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        ids = []
        for i, qty in enumerate(QUANTITIES):
            view = await add_product(
                s, shop.id, name=f"Loose {i}", price_minor=100, opening_stock=qty, reorder_level=qty
            )
            ids.append(view.id)
            await sell(s, shop.id, [SaleItem(view.id, qty)])
    async with db.session() as s:
        rows = await s.execute(
            select(col(Product.on_hand), col(Product.reorder_level))
            .where(col(Product.id).in_(ids))
            .order_by(col(Product.id))
        )
        stored = [tuple(row) for row in rows]
        lines = await s.execute(
            select(col(InvoiceLine.qty)).where(col(InvoiceLine.product_id).in_(ids)).order_by("id")
        )
        sold = list(lines.scalars())
    assert stored == [(Decimal(0), qty) for qty in QUANTITIES]
    assert sold == QUANTITIES
    assert all(isinstance(q, Decimal) for q in sold)
    assert [str(q) for q in sold] == ["0.001", "1.5", "12.345", "100", "1000000"]


async def test_a_sale_of_more_than_three_decimals_is_refused_as_invalid_input(
    db: Database,
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        view = await add_product(s, shop.id, name="Tea", price_minor=9, opening_stock=Decimal(5))
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await sell(s, shop.id, [SaleItem(view.id, Decimal("0.0005"))], at=datetime.now(UTC))
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await adjust_stock(s, shop.id, view.id, change=Decimal("-0.0001"))
