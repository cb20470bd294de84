"""Two shops with the same product and customer names never see each other's rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from ledger import (
    Database,
    NotFound,
    ReceiveItem,
    SaleItem,
    adjust_stock,
    dues_report,
    find_party,
    find_product,
    invoice_by_number,
    invoice_view,
    invoices_of_party,
    parties,
    products,
    receive_stock,
    record_payment,
    sales_report,
    sell,
    set_price,
    stock_report,
    undo_last,
    void_invoice,
)
from ledger.types import utcnow
from tests.factories import uae_shop
from tests.ledger.support import party_id, product_id


@dataclass(frozen=True)
class Shop:
    id: int
    rice: int
    ahmed: int
    dairy: int
    invoice: int
    number: str


async def two_shops_that_sold_to_ahmed(db: Database) -> tuple[Shop, Shop]:
    shops = []
    for name, qty in (("Shop A", 3), ("Shop B", 1)):
        async with db.session() as s:
            shop = await uae_shop(s, name=name)
            rice = await product_id(s, shop.id, "Rice 5kg")
            ahmed = await party_id(s, shop.id, "Ahmed Khan")
            dairy = await party_id(s, shop.id, "Gulf Dairy")
            sale = await sell(
                s, shop.id, [SaleItem(rice, Decimal(qty))], party_id=ahmed, paid="credit"
            )
            shops.append(Shop(shop.id, rice, ahmed, dairy, sale.invoice_id, sale.number))
    return shops[0], shops[1]


async def test_catalog_reads_return_only_the_shops_own_rows(db: Database) -> None:
    a, b = await two_shops_that_sold_to_ahmed(db)
    async with db.session() as s:
        assert {p.id for p in await products(s, b.id)}.isdisjoint(
            {p.id for p in await products(s, a.id)}
        )
        assert {p.id for p in await parties(s, b.id)}.isdisjoint(
            {p.id for p in await parties(s, a.id)}
        )
        found_rice = await find_product(s, b.id, "rice 5kg")
        found_ahmed = await find_party(s, b.id, "AHMED KHAN")
    assert found_rice is not None and found_rice.id == b.rice
    assert found_ahmed is not None and found_ahmed.id == b.ahmed


async def test_reports_count_only_the_shops_own_documents(db: Database) -> None:
    a, b = await two_shops_that_sold_to_ahmed(db)
    async with db.session() as s:
        dues = await dues_report(s, b.id)
        sales = await sales_report(s, b.id, "today", utcnow())
        stock = {line.product_id: line.on_hand for line in await stock_report(s, b.id)}
        dues_of_a_party = await dues_report(s, b.id, party_id=a.ahmed)
        invoices = await invoices_of_party(s, b.id, a.ahmed)
    assert [(d.party_id, d.balance_minor) for d in dues.owe_you] == [(b.ahmed, 4000)]
    assert (sales.count, sales.total_minor) == (1, 4000)
    assert [(row.name, row.qty) for row in sales.by_product] == [("Rice 5kg", Decimal(1))]
    assert stock[b.rice] == Decimal(24)
    assert a.rice not in stock
    assert dues_of_a_party.all == ()
    assert invoices == []


async def test_documents_of_another_shop_are_not_found(db: Database) -> None:
    a, b = await two_shops_that_sold_to_ahmed(db)
    assert a.number == b.number  # both shops have their own INV-...-0001
    async with db.session() as s:
        with pytest.raises(NotFound):
            await invoice_view(s, b.id, a.invoice)
        assert (await invoice_by_number(s, b.id, a.number)).id == b.invoice
    with pytest.raises(NotFound):
        async with db.session() as s:
            await void_invoice(s, b.id, a.invoice)
    async with db.session() as s:
        view = await invoice_view(s, a.id, a.invoice)
    assert view.status == "posted"


@pytest.mark.parametrize(
    "action",
    [
        "sell another shop's product",
        "sell to another shop's customer",
        "take a payment from another shop's customer",
        "receive another shop's product",
        "receive from another shop's supplier",
        "adjust another shop's stock",
        "price another shop's product",
    ],
)
async def test_writes_with_another_shops_ids_are_refused(db: Database, action: str) -> None:
    a, b = await two_shops_that_sold_to_ahmed(db)
    with pytest.raises(NotFound):
        async with db.session() as s:
            if action == "sell another shop's product":
                await sell(s, b.id, [SaleItem(a.rice, Decimal(1))])
            elif action == "sell to another shop's customer":
                await sell(s, b.id, [SaleItem(b.rice, Decimal(1))], party_id=a.ahmed, paid=0)
            elif action == "take a payment from another shop's customer":
                await record_payment(s, b.id, party_id=a.ahmed, amount_minor=100, direction="in")
            elif action == "receive another shop's product":
                await receive_stock(s, b.id, [ReceiveItem(a.rice, Decimal(1))])
            elif action == "receive from another shop's supplier":
                await receive_stock(s, b.id, [ReceiveItem(b.rice, Decimal(1))], supplier_id=a.dairy)
            elif action == "adjust another shop's stock":
                await adjust_stock(s, b.id, a.rice, change=Decimal(-1))
            else:
                await set_price(s, b.id, a.rice, 1)
    async with db.session() as s:
        a_rice = await find_product(s, a.id, "Rice 5kg")
        a_dues = await dues_report(s, a.id)
    assert a_rice is not None and (a_rice.on_hand, a_rice.price_minor) == (Decimal(22), 4000)
    assert [(d.party_id, d.balance_minor) for d in a_dues.owe_you] == [(a.ahmed, 12000)]


async def test_undo_in_one_shop_never_reverses_the_other_shops_sale(db: Database) -> None:
    a, b = await two_shops_that_sold_to_ahmed(db)
    async with db.session() as s:
        await undo_last(s, b.id, None)
        assert (await invoice_view(s, a.id, a.invoice)).status == "posted"
        assert (await invoice_view(s, b.id, b.invoice)).status == "void"
