"""Undo reverses a member's own last operation through voids, never another member's."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from ledger import (
    Database,
    NothingToUndo,
    ReceiveItem,
    SaleItem,
    add_product,
    adjust_stock,
    find_product,
    invoice_view,
    receive_stock,
    record_expense,
    record_payment,
    sales_report,
    sell,
    set_price,
    undo_last,
)
from ledger.types import utcnow
from tests.factories import uae_shop
from tests.ledger.support import all_reports, balance, moves_total, party_id, product_id, staff


@dataclass(frozen=True)
class Shop:
    id: int
    rice: int
    milk: int
    ahmed: int
    dairy: int
    cashier: int
    owner: int


async def shop_with_two_members(db: Database) -> Shop:
    async with db.session() as s:
        shop = await uae_shop(s)
        return Shop(
            shop.id,
            await product_id(s, shop.id, "Rice 5kg"),
            await product_id(s, shop.id, "Milk 1L"),
            await party_id(s, shop.id, "Ahmed Khan"),
            await party_id(s, shop.id, "Gulf Dairy"),
            (await staff(s, shop.id, "Cashier")).id,
            (await staff(s, shop.id, "Owner")).id,
        )


async def test_a_members_undo_never_reverses_another_members_sale(db: Database) -> None:
    shop = await shop_with_two_members(db)
    async with db.session() as s:
        mine = await sell(s, shop.id, [SaleItem(shop.rice, Decimal(1))], member_id=shop.cashier)
        theirs = await sell(s, shop.id, [SaleItem(shop.milk, Decimal(1))], member_id=shop.owner)
    async with db.session() as s:
        undone = await undo_last(s, shop.id, shop.cashier)
    async with db.session() as s:
        assert (await invoice_view(s, shop.id, mine.invoice_id)).status == "void"
        assert (await invoice_view(s, shop.id, theirs.invoice_id)).status == "posted"
    assert (undone.kind, undone.label) == ("sale", mine.number)
    with pytest.raises(NothingToUndo):
        async with db.session() as s:
            await undo_last(s, shop.id, shop.cashier)


async def test_undo_with_nothing_done_is_refused(db: Database) -> None:
    shop = await shop_with_two_members(db)
    with pytest.raises(NothingToUndo):
        async with db.session() as s:
            await undo_last(s, shop.id, shop.cashier)


async def test_undo_goes_back_one_operation_at_a_time(db: Database) -> None:
    shop = await shop_with_two_members(db)
    async with db.session() as s:
        await sell(s, shop.id, [SaleItem(shop.rice, Decimal(1))], member_id=shop.cashier)
        await set_price(s, shop.id, shop.rice, 4500, member_id=shop.cashier)
    kinds = []
    for _ in range(2):
        async with db.session() as s:
            kinds.append((await undo_last(s, shop.id, shop.cashier)).kind)
    assert kinds == ["set_price", "sale"]


async def do(db: Database, shop: Shop, kind: str) -> None:
    """One operation of each kind, by the cashier."""
    who = shop.cashier
    async with db.session() as s:
        if kind == "sale":
            items = [SaleItem(shop.rice, Decimal(2)), SaleItem(shop.milk, Decimal("1.5"))]
            await sell(s, shop.id, items, party_id=shop.ahmed, paid=2000, member_id=who)
        elif kind == "stock_in":
            received = [ReceiveItem(shop.milk, Decimal(12), 480)]
            await receive_stock(
                s, shop.id, received, supplier_id=shop.dairy, paid=1000, member_id=who
            )
        elif kind == "adjust":
            loss = Decimal(-2)
            await adjust_stock(s, shop.id, shop.rice, change=loss, reason="damaged", member_id=who)
        elif kind == "count":
            await adjust_stock(s, shop.id, shop.milk, set_to=Decimal(33), member_id=who)
        elif kind == "payment":
            await record_payment(
                s, shop.id, party_id=shop.ahmed, amount_minor=700, direction="in", member_id=who
            )
        elif kind == "expense":
            await record_expense(s, shop.id, amount_minor=150000, category="rent", member_id=who)
        elif kind == "set_price":
            await set_price(s, shop.id, shop.rice, 4200, member_id=who)
        else:
            await add_product(
                s, shop.id, name="Dates", price_minor=3000, opening_stock=Decimal(4), member_id=who
            )


KINDS = ["sale", "stock_in", "adjust", "count", "payment", "expense", "set_price", "add_product"]


@pytest.mark.parametrize("kind", KINDS)
async def test_undo_of_each_kind_puts_every_report_back(db: Database, kind: str) -> None:
    shop = await shop_with_two_members(db)
    now = utcnow()
    async with db.session() as s:
        # Earlier business by the owner: a credit sale to settle and a costed receipt.
        await sell(s, shop.id, [SaleItem(shop.rice, Decimal(3))], party_id=shop.ahmed, paid=0)
        await receive_stock(s, shop.id, [ReceiveItem(shop.milk, Decimal(5), 450)])
        before = await all_reports(s, shop.id, now)
        catalog_before = await find_product(s, shop.id, "Rice 5kg")
    await do(db, shop, kind)
    async with db.session() as s:
        assert await all_reports(s, shop.id, now) != before
        undone = await undo_last(s, shop.id, shop.cashier)
    assert undone.kind == ("adjust" if kind == "count" else kind)
    async with db.session() as s:
        assert await all_reports(s, shop.id, now) == before
        assert await find_product(s, shop.id, "Rice 5kg") == catalog_before
        assert await find_product(s, shop.id, "Dates") is None
        for product in (shop.rice, shop.milk):
            assert (await moves_total(s, product)) == next(
                line.on_hand for line in before.stock if line.product_id == product
            )
        assert await balance(s, shop.ahmed) == 12000


async def test_an_undone_sale_keeps_its_number_and_its_audit_trail(db: Database) -> None:
    shop = await shop_with_two_members(db)
    now = utcnow()
    async with db.session() as s:
        sale = await sell(s, shop.id, [SaleItem(shop.rice, Decimal(1))], member_id=shop.cashier)
        await undo_last(s, shop.id, shop.cashier)
        nxt = await sell(s, shop.id, [SaleItem(shop.rice, Decimal(1))], member_id=shop.cashier)
        view = await invoice_view(s, shop.id, sale.invoice_id)
        report = await sales_report(s, shop.id, "today", now)
    assert (view.status, view.void_reason, view.total_minor) == ("void", "undo", 4000)
    assert nxt.number.endswith("-0002")
    assert (report.count, report.total_minor) == (1, 4000)


async def test_a_product_whose_adding_was_undone_can_be_added_again(db: Database) -> None:
    shop = await shop_with_two_members(db)
    async with db.session() as s:
        who = shop.cashier
        await add_product(s, shop.id, name="Dates", price_minor=3000, opening_stock=Decimal(4))
        await undo_last(s, shop.id, None)
        assert await find_product(s, shop.id, "Dates") is None
        again = await add_product(
            s, shop.id, name="dates ", price_minor=2800, opening_stock=Decimal(10), member_id=who
        )
        assert await moves_total(s, again.id) == Decimal(10)
    assert (again.name, again.price_minor, again.on_hand) == ("Dates", 2800, Decimal(10))
    async with db.session() as s:
        await undo_last(s, shop.id, shop.cashier)
        assert await find_product(s, shop.id, "Dates") is None
