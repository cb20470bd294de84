"""What a shop spent in a period: posted expenses only, summed by category in SQL."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ledger import Database, expenses_report, record_expense, sales_report, undo_last
from tests.factories import uae_shop
from tests.ledger.support import staff

DUBAI = ZoneInfo("Asia/Dubai")
NOW = datetime(2026, 3, 20, 18, 0, tzinfo=DUBAI)
THIS_MONTH = datetime(2026, 3, 5, 10, 0, tzinfo=DUBAI)
LAST_MONTH = datetime(2026, 2, 27, 10, 0, tzinfo=DUBAI)


async def _spent(db: Database) -> int:
    """A shop with this month's rent, bills and a taxi, a voided bill and last month's rent."""
    async with db.session() as s:
        shop = await uae_shop(s)
        clerk = await staff(s, shop.id)
        for amount, category, at in (
            (500000, "rent", THIS_MONTH),
            (25000, "utilities", THIS_MONTH),
            (5000, "utilities", NOW),
            (2000, "transport", THIS_MONTH),
            (480000, "rent", LAST_MONTH),
        ):
            await record_expense(s, shop.id, amount_minor=amount, category=category, at=at)
        await record_expense(
            s, shop.id, amount_minor=99900, category="utilities", member_id=clerk.id, at=NOW
        )
        await undo_last(s, shop.id, clerk.id)  # the bill entered by mistake is void
    return shop.id


async def test_expenses_of_a_period_are_summed_by_category_largest_first(db: Database) -> None:
    shop = await _spent(db)
    async with db.session() as s:
        report = await expenses_report(s, shop, "this_month", NOW)
    assert report.total_minor == 532000
    assert [(line.category, line.count, line.total_minor) for line in report.by_category] == [
        ("rent", 1, 500000),
        ("utilities", 2, 30000),
        ("transport", 1, 2000),
    ]
    assert report.period.first_day.isoformat() == "2026-03-01"


async def test_one_category_and_other_periods(db: Database) -> None:
    shop = await _spent(db)
    async with db.session() as s:
        bills = await expenses_report(s, shop, "this_month", NOW, category="utilities")
        before = await expenses_report(s, shop, "last_month", NOW)
        quarter = await expenses_report(s, shop, "this_quarter", NOW)
        nothing = await expenses_report(s, shop, "last_year", NOW)
    assert (bills.total_minor, [line.category for line in bills.by_category]) == (
        30000,
        ["utilities"],
    )
    assert [(line.category, line.total_minor) for line in before.by_category] == [("rent", 480000)]
    assert quarter.total_minor == 532000 + 480000
    assert (nothing.total_minor, nothing.by_category) == (0, ())


async def test_another_shops_expenses_are_never_counted(db: Database) -> None:
    first = await _spent(db)
    async with db.session() as s:
        other = await uae_shop(s, name="Other Grocery")
        await record_expense(s, other.id, amount_minor=700, category="rent", at=NOW)
        mine = await expenses_report(s, first, "this_month", NOW)
        theirs = await expenses_report(s, other.id, "this_month", NOW)
    assert mine.total_minor == 532000
    assert [(line.category, line.total_minor) for line in theirs.by_category] == [("rent", 700)]


async def test_the_sales_report_shows_the_same_expenses(db: Database) -> None:
    shop = await _spent(db)
    async with db.session() as s:
        sales = await sales_report(s, shop, "this_month", NOW)
        spent = await expenses_report(s, shop, "this_month", NOW)
    assert sales.expenses_minor == spent.total_minor == 532000
