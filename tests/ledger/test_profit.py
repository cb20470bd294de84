"""Profit: sales net of tax, less what the goods sold cost when sold, less posted expenses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ledger import (
    Database,
    ReceiveItem,
    SaleItem,
    profit_report,
    receive_stock,
    record_expense,
    sell,
    undo_last,
    void_invoice,
)
from tests.factories import uae_shop
from tests.ledger.support import product_id, staff

DUBAI = ZoneInfo("Asia/Dubai")


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    """An instant on a March day of 2026 in the shop's zone."""
    return datetime(2026, 3, day, hour, minute, tzinfo=DUBAI)


NOW = at(20)


async def test_profit_is_net_sales_less_cost_of_goods_less_expenses(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        await receive_stock(s, shop.id, [ReceiveItem(rice, Decimal(10), 3000)], at=at(9))
        await sell(s, shop.id, [SaleItem(rice, Decimal(2))], at=at(10))  # AED 80 with 5% VAT
        await record_expense(s, shop.id, amount_minor=500, category="transport", at=at(11))
        report = await profit_report(s, shop.id, "today", NOW)
    assert (report.sales_minor, report.cost_minor, report.expenses_minor) == (7619, 6000, 500)
    assert report.profit_minor == 1119
    assert (report.uncosted, report.uncosted_sales_minor) == ((), 0)


async def test_each_sale_costs_what_stock_cost_when_it_was_sold(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        await receive_stock(s, shop.id, [ReceiveItem(rice, Decimal(5), 3000)], at=at(9))
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=at(10))
        await receive_stock(s, shop.id, [ReceiveItem(rice, Decimal(5), 3500)], at=at(11))
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=at(12))
        report = await profit_report(s, shop.id, "today", NOW)
    assert report.cost_minor == 3000 + 3500


async def test_a_sale_before_any_costed_receipt_takes_the_products_latest_cost(
    db: Database,
) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=at(9))  # from opening stock
        await receive_stock(s, shop.id, [ReceiveItem(rice, Decimal(5), 3200)], at=at(10))
        report = await profit_report(s, shop.id, "today", NOW)
    assert (report.cost_minor, report.uncosted) == (3200, ())


async def test_sales_with_no_known_cost_are_reported_apart_not_guessed(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        soap = await product_id(s, shop.id, "Soap")
        await receive_stock(s, shop.id, [ReceiveItem(rice, Decimal(5), 3000)], at=at(9))
        await sell(s, shop.id, [SaleItem(rice, Decimal(1)), SaleItem(soap, Decimal(2))], at=at(10))
        report = await profit_report(s, shop.id, "today", NOW)
    assert report.uncosted == ("Soap",)
    assert report.uncosted_sales_minor == 571  # AED 6 of soap less its VAT
    assert (report.sales_minor, report.cost_minor) == (3810 + 571, 3000)
    assert report.profit_minor == 3810 + 571 - 3000


async def test_a_fraction_of_a_unit_is_costed_and_rounded_half_up(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        milk = await product_id(s, shop.id, "Milk 1L")
        await receive_stock(s, shop.id, [ReceiveItem(milk, Decimal(10), 455)], at=at(9))
        await sell(s, shop.id, [SaleItem(milk, Decimal("1.5"))], at=at(10))
        report = await profit_report(s, shop.id, "today", NOW)
    assert report.cost_minor == 683  # 1.5 × 4.55 = 6.825


async def test_void_invoices_and_void_receipts_count_for_nothing(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        clerk = await staff(s, shop.id)
        rice = await product_id(s, shop.id, "Rice 5kg")
        await receive_stock(
            s, shop.id, [ReceiveItem(rice, Decimal(5), 3000)], member_id=clerk.id, at=at(9)
        )
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=at(10))
        wrong = await sell(s, shop.id, [SaleItem(rice, Decimal(2))], at=at(11))
        await void_invoice(s, shop.id, wrong.invoice_id)
        costed = await profit_report(s, shop.id, "today", NOW)
        await undo_last(s, shop.id, clerk.id)  # the receipt was entered by mistake
        uncosted = await profit_report(s, shop.id, "today", NOW)
    assert (costed.sales_minor, costed.cost_minor, costed.uncosted) == (3810, 3000, ())
    assert (uncosted.sales_minor, uncosted.cost_minor) == (3810, 0)
    assert (uncosted.uncosted, uncosted.uncosted_sales_minor) == (("Rice 5kg",), 3810)


async def test_only_the_period_and_the_shop_asked_about_count(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        other = await uae_shop(s, name="Other Grocery")
        rice = await product_id(s, shop.id, "Rice 5kg")
        their_rice = await product_id(s, other.id, "Rice 5kg")
        await receive_stock(s, shop.id, [ReceiveItem(rice, Decimal(5), 3000)], at=at(9, day=9))
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=at(10, day=9))  # yesterday
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=at(10))
        await receive_stock(s, other.id, [ReceiveItem(their_rice, Decimal(5), 100)], at=at(9))
        await sell(s, other.id, [SaleItem(their_rice, Decimal(3))], at=at(10))
        await record_expense(s, other.id, amount_minor=900, category="rent", at=at(11))
        today = await profit_report(s, shop.id, "today", NOW)
        yesterday = await profit_report(s, shop.id, "yesterday", NOW)
        month = await profit_report(s, shop.id, "this_month", NOW)
    assert (today.sales_minor, today.cost_minor, today.expenses_minor) == (3810, 3000, 0)
    assert (yesterday.sales_minor, yesterday.cost_minor) == (3810, 3000)
    assert (month.sales_minor, month.cost_minor, month.profit_minor) == (7620, 6000, 1620)
