"""Payments settle a customer's oldest open invoices first; voids give back what they took."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from ledger import (
    AlreadyVoid,
    Database,
    InvalidInput,
    ReceiveItem,
    SaleItem,
    dues_report,
    invoice_view,
    receive_stock,
    record_payment,
    sell,
    void_invoice,
)
from ledger.tables import Invoice
from tests.factories import uae_shop
from tests.ledger.support import balance, due_from_documents, party_id, product_id

DAY1 = datetime(2026, 11, 1, 8, tzinfo=UTC)


@dataclass(frozen=True)
class Credit:
    shop: int
    ahmed: int
    invoices: list[int]  # oldest first, AED 40, 80 and 120


async def three_credit_sales(db: Database) -> Credit:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
        ids = []
        # Issued newest first, so "oldest" must come from the date, not the id.
        for qty, days in ((3, 2), (2, 1), (1, 0)):
            when = DAY1 + timedelta(days=days)
            items = [SaleItem(rice, Decimal(qty))]
            sale = await sell(s, shop.id, items, party_id=ahmed, paid="credit", at=when)
            ids.append(sale.invoice_id)
    return Credit(shop.id, ahmed, ids[::-1])


async def paid_amounts(db: Database, credit: Credit) -> list[int]:
    """What is allocated to each invoice so far (its printed view keeps what was paid at issue)."""
    async with db.session() as s:
        return [(await s.get_one(Invoice, i)).paid_minor for i in credit.invoices]


async def test_an_invoice_keeps_what_was_paid_and_owed_when_it_was_issued(db: Database) -> None:
    credit = await three_credit_sales(db)
    async with db.session() as s:
        await record_payment(
            s, credit.shop, party_id=credit.ahmed, amount_minor=10000, direction="in"
        )
        first = await invoice_view(s, credit.shop, credit.invoices[0])
    assert (first.paid_minor, first.balance_minor) == (0, first.total_minor)


async def test_a_payment_settles_the_oldest_invoices_first(db: Database) -> None:
    credit = await three_credit_sales(db)
    async with db.session() as s:
        result = await record_payment(
            s, credit.shop, party_id=credit.ahmed, amount_minor=10000, direction="in"
        )
    assert await paid_amounts(db, credit) == [4000, 6000, 0]
    assert result.balance_after_minor == 24000 - 10000
    assert len(result.settled) == 2


async def test_part_payments_add_up_on_one_invoice(db: Database) -> None:
    credit = await three_credit_sales(db)
    for amount in (1500, 1500, 1500):
        async with db.session() as s:
            await record_payment(
                s, credit.shop, party_id=credit.ahmed, amount_minor=amount, direction="in"
            )
    assert await paid_amounts(db, credit) == [4000, 500, 0]
    async with db.session() as s:
        dues = await dues_report(s, credit.shop)
        assert await balance(s, credit.ahmed) == await due_from_documents(s, credit.ahmed)
    assert [(d.name, d.balance_minor) for d in dues.owe_you] == [("Ahmed Khan", 19500)]


async def test_paying_more_than_is_owed_leaves_a_credit(db: Database) -> None:
    credit = await three_credit_sales(db)
    async with db.session() as s:
        result = await record_payment(
            s, credit.shop, party_id=credit.ahmed, amount_minor=25000, direction="in"
        )
    assert await paid_amounts(db, credit) == [4000, 8000, 12000]
    assert result.balance_after_minor == -1000


async def test_a_part_paid_sale_leaves_the_rest_due(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(2))], party_id=ahmed, paid=3000)
        view = await invoice_view(s, shop.id, sale.invoice_id)
    assert (sale.paid_minor, sale.due_minor, sale.party_balance_minor) == (3000, 5000, 5000)
    assert (view.paid_minor, view.balance_minor) == (3000, 5000)


async def test_a_sale_cannot_be_paid_more_than_its_total(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await sell(s, shop.id, [SaleItem(rice, Decimal(1))], party_id=ahmed, paid=4001)
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await sell(s, shop.id, [SaleItem(rice, Decimal(1))], paid="credit")  # no customer


async def test_voiding_an_invoice_refunds_the_sale_payment_and_frees_later_allocations(
    db: Database,
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(2))], party_id=ahmed, paid=1000)
    async with db.session() as s:
        await record_payment(s, shop.id, party_id=ahmed, amount_minor=2500, direction="in")
    async with db.session() as s:
        await void_invoice(s, shop.id, sale.invoice_id, reason="wrong customer")
    async with db.session() as s:
        view = await invoice_view(s, shop.id, sale.invoice_id)
        owed = await balance(s, ahmed)
        assert owed == await due_from_documents(s, ahmed)
    assert (view.status, view.paid_minor, view.balance_minor) == ("void", 0, 0)
    assert view.void_reason == "wrong customer"
    # The 10.00 taken at the till is refunded; the later 25.00 stays as Ahmed's credit.
    assert owed == -2500


async def test_voiding_twice_is_refused(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        sale = await sell(s, shop.id, [SaleItem(rice, Decimal(1))])
    async with db.session() as s:
        await void_invoice(s, shop.id, sale.invoice_id)
    with pytest.raises(AlreadyVoid):
        async with db.session() as s:
            await void_invoice(s, shop.id, sale.invoice_id)


async def test_a_refund_to_a_customer_raises_what_they_owe(db: Database) -> None:
    credit = await three_credit_sales(db)
    async with db.session() as s:
        await record_payment(
            s, credit.shop, party_id=credit.ahmed, amount_minor=30000, direction="in"
        )
    async with db.session() as s:
        back = await record_payment(
            s, credit.shop, party_id=credit.ahmed, amount_minor=6000, direction="out"
        )
    assert back.balance_after_minor == 0


async def test_paying_a_supplier_lowers_what_the_shop_owes(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        dairy = await party_id(s, shop.id, "Gulf Dairy")
        milk = await product_id(s, shop.id, "Milk 1L")
        await receive_stock(
            s, shop.id, [ReceiveItem(milk, Decimal(10), 400)], supplier_id=dairy, paid="credit"
        )
        paid = await record_payment(s, shop.id, party_id=dairy, amount_minor=1500, direction="out")
        dues = await dues_report(s, shop.id)
    assert paid.balance_after_minor == -2500  # the shop still owes Gulf Dairy AED 25
    assert [(d.name, d.amount_minor) for d in dues.you_owe] == [("Gulf Dairy", 2500)]
    assert dues.you_owe_total_minor == 2500 and dues.owe_you == ()


@pytest.mark.parametrize(("amount", "direction"), [(0, "in"), (-5, "in"), (100, "sideways")])
async def test_a_payment_must_be_positive_and_in_or_out(
    db: Database, amount: int, direction: str
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        ahmed = await party_id(s, shop.id, "Ahmed Khan")
    with pytest.raises(InvalidInput):
        async with db.session() as s:
            await record_payment(
                s, shop.id, party_id=ahmed, amount_minor=amount, direction=direction
            )
