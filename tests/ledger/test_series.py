"""Sales per local day for a chart: the shop's time zone decides the day, voids and other
shops never count, and the figures agree with the sales report."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from ledger import (
    BusinessView,
    Database,
    SaleItem,
    add_product,
    create_business,
    sales_report,
    sell,
    void_invoice,
)
from ledger.periods import period, previous
from ledger.series import SalesChartData, sales_chart_data
from tests.factories import india_shop, uae_shop
from tests.ledger.support import product_id

DUBAI = ZoneInfo("Asia/Dubai")
NOW = datetime(2026, 3, 20, 18, 0, tzinfo=DUBAI)


async def _sale(
    s: AsyncSession, shop: int, product: str, qty: int, at: datetime, price: int | None = None
) -> int:
    item = SaleItem(await product_id(s, shop, product), Decimal(qty), price)
    return (await sell(s, shop, [item], at=at)).invoice_id


async def _chart(s: AsyncSession, shop: BusinessView, name: str, top: int = 5) -> SalesChartData:
    p = period(name, NOW, shop.timezone)
    return await sales_chart_data(s, shop.id, p, previous(p, shop.timezone), top=top)


async def _march(db: Database) -> BusinessView:
    """A Dubai shop selling through March and February, with one sale voided."""
    async with db.session() as s:
        shop = await uae_shop(s)
        for day, product, qty in (
            (1, "Rice 5kg", 2),
            (1, "Milk 1L", 3),
            (5, "Soap", 4),
            (5, "Rice 5kg", 1),
            (12, "Milk 1L", 6),
            (20, "Rice 5kg", 3),
        ):
            await _sale(s, shop.id, product, qty, datetime(2026, 3, day, 11, 0, tzinfo=DUBAI))
        mistake = await _sale(s, shop.id, "Rice 5kg", 9, datetime(2026, 3, 12, 9, tzinfo=DUBAI))
        await void_invoice(s, shop.id, mistake)
        await _sale(s, shop.id, "Soap", 10, datetime(2026, 2, 27, 10, 0, tzinfo=DUBAI))
        await _sale(s, shop.id, "Milk 1L", 1, datetime(2026, 2, 3, 10, 0, tzinfo=DUBAI))
    return shop


async def test_each_local_day_of_the_period_has_its_total_zero_filled(db: Database) -> None:
    shop = await _march(db)
    async with db.session() as s:
        chart = await _chart(s, shop, "this_month")
    assert chart.days == tuple(date(2026, 3, d) for d in range(1, 21))
    by_day = dict(zip((d.day for d in chart.days), chart.totals_minor, strict=True))
    assert by_day[1] == 2 * 4000 + 3 * 650
    assert by_day[5] == 4 * 300 + 4000
    assert by_day[12] == 6 * 650  # the voided rice of that morning is not a sale
    assert by_day[20] == 3 * 4000
    assert sum(v for d, v in by_day.items() if d not in (1, 5, 12, 20)) == 0
    assert (chart.currency, chart.period_name) == ("AED", "this_month")
    assert (chart.first_day, chart.last_day) == (date(2026, 3, 1), date(2026, 3, 20))
    assert chart.total_minor == sum(chart.totals_minor)
    assert not chart.empty


async def test_the_chart_agrees_with_the_sales_report(db: Database) -> None:
    shop = await _march(db)
    async with db.session() as s:
        for name in ("this_month", "last_month", "this_year", "today"):
            chart = await _chart(s, shop, name, top=1000)
            report = await sales_report(s, shop.id, name, NOW, top=1000)
            assert chart.total_minor == report.total_minor, name
            assert chart.previous_total_minor == report.previous_total_minor, name
            assert chart.top_products == tuple(
                (row.name, row.total_minor) for row in report.by_product
            ), name


async def test_top_products_are_the_best_sellers_by_gross(db: Database) -> None:
    shop = await _march(db)
    async with db.session() as s:
        chart = await _chart(s, shop, "this_month", top=2)
    assert chart.top_products == (("Rice 5kg", 6 * 4000), ("Milk 1L", 9 * 650))


async def test_the_period_before_is_aligned_day_by_day_to_this_one(db: Database) -> None:
    shop = await _march(db)
    async with db.session() as s:
        p = period("this_month", NOW, shop.timezone)  # 20 days of March
        february = period("last_month", NOW, shop.timezone)  # 28 days
        longer = await sales_chart_data(s, shop.id, p, february)
        short = period("2026-03-05", NOW, shop.timezone)
        shorter = await sales_chart_data(s, shop.id, p, short)
    assert len(longer.previous_totals_minor) == 20
    assert longer.previous_totals_minor[2] == 650  # 3 Feb is day 3, like 3 March
    assert sum(longer.previous_totals_minor) == 650  # 27 Feb lies past day 20: cut
    assert longer.previous_total_minor == 650 + 10 * 300  # but the whole total is kept
    assert shorter.previous_totals_minor == (4 * 300 + 4000,) + (0,) * 19


async def test_a_period_without_sales_is_empty_but_has_all_its_days(db: Database) -> None:
    shop = await _march(db)
    async with db.session() as s:
        chart = await _chart(s, shop, "last_year")
    assert len(chart.days) == 365
    assert chart.totals_minor == (0,) * 365
    assert (chart.total_minor, chart.top_products, chart.empty) == (0, (), True)


async def test_another_shops_sales_are_never_counted(db: Database) -> None:
    shop = await _march(db)
    async with db.session() as s:
        other = await uae_shop(s, name="Other Grocery")
        await _sale(s, other.id, "Rice 5kg", 5, datetime(2026, 3, 5, 11, 0, tzinfo=DUBAI))
        mine = await _chart(s, shop, "this_month")
        theirs = await _chart(s, other, "this_month")
    assert mine.totals_minor[4] == 4 * 300 + 4000
    assert theirs.total_minor == theirs.totals_minor[4] == 5 * 4000
    assert theirs.top_products == (("Rice 5kg", 5 * 4000),)


async def test_a_late_sale_lands_on_its_local_day_not_the_utc_day(db: Database) -> None:
    new_york = ZoneInfo("America/New_York")
    kolkata = ZoneInfo("Asia/Kolkata")
    async with db.session() as s:
        west = await create_business(
            s,
            name="Corner Deli",
            currency="USD",
            country="US",
            tax_name="Tax",
            tax_rate=Decimal(0),
            prices_include_tax=True,
            timezone="America/New_York",
        )
        await add_product(s, west.id, name="Coffee", price_minor=300, opening_stock=Decimal(99))
        # 23:30 on 5 March in New York is 04:30 UTC on the 6th.
        await _sale(s, west.id, "Coffee", 1, datetime(2026, 3, 5, 23, 30, tzinfo=new_york))
        # Clocks go forward on 8 March: days of 23 hours either side keep their own sales.
        await _sale(s, west.id, "Coffee", 2, datetime(2026, 3, 7, 23, 30, tzinfo=new_york))
        await _sale(s, west.id, "Coffee", 3, datetime(2026, 3, 8, 0, 30, tzinfo=new_york))
        await _sale(s, west.id, "Coffee", 4, datetime(2026, 3, 8, 23, 30, tzinfo=new_york))
        await _sale(s, west.id, "Coffee", 5, datetime(2026, 3, 9, 0, 0, tzinfo=new_york))
        east = await india_shop(s)
        # 00:15 on 6 March in Kolkata is 18:45 UTC on the 5th.
        await _sale(s, east.id, "Sugar", 1, datetime(2026, 3, 6, 0, 15, tzinfo=kolkata))
        await _sale(s, east.id, "Sugar", 2, datetime(2026, 3, 5, 23, 59, tzinfo=kolkata))
        deli = await _chart(s, west, "this_month")
        kirana = await _chart(s, east, "this_month")
    deli_days = dict(zip((d.day for d in deli.days), deli.totals_minor, strict=True))
    assert deli_days[5] == 300 and deli_days[6] == 0
    assert (deli_days[7], deli_days[8], deli_days[9]) == (600, 900 + 1200, 1500)
    kirana_days = dict(zip((d.day for d in kirana.days), kirana.totals_minor, strict=True))
    assert (kirana_days[5], kirana_days[6]) == (2 * 4725, 4725)  # 45.00 + 5% GST
