"""Report periods are days of the shop's own time zone, whatever the server's clock says."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ledger import Database, InvalidInput, SaleItem, sales_report, sell
from ledger.periods import period, previous
from tests.factories import india_shop, uae_shop
from tests.ledger.support import product_id


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "zone", "name", "first", "last", "start"),
    [
        # 20:30 UTC is already 00:30 the next day in Dubai (UTC+4).
        (utc(2026, 11, 20, 20, 30), "Asia/Dubai", "today", date(2026, 11, 21), date(2026, 11, 21),
         utc(2026, 11, 20, 20)),
        (utc(2026, 11, 20, 19, 59), "Asia/Dubai", "today", date(2026, 11, 20), date(2026, 11, 20),
         utc(2026, 11, 19, 20)),
        (utc(2026, 11, 20, 20, 30), "Asia/Dubai", "yesterday", date(2026, 11, 20),
         date(2026, 11, 20), utc(2026, 11, 19, 20)),
        # 18:29 UTC on 30 November is 23:59 IST; a minute later it is December in Kolkata.
        (utc(2026, 11, 30, 18, 29), "Asia/Kolkata", "this_month", date(2026, 11, 1),
         date(2026, 11, 30), utc(2026, 10, 31, 18, 30)),
        (utc(2026, 11, 30, 18, 30), "Asia/Kolkata", "this_month", date(2026, 12, 1),
         date(2026, 12, 1), utc(2026, 11, 30, 18, 30)),
        (utc(2026, 11, 30, 18, 30), "Asia/Kolkata", "last_month", date(2026, 11, 1),
         date(2026, 11, 30), utc(2026, 10, 31, 18, 30)),
        (utc(2026, 11, 30, 18, 30), "Asia/Kolkata", "yesterday", date(2026, 11, 30),
         date(2026, 11, 30), utc(2026, 11, 29, 18, 30)),
        (utc(2027, 1, 1, 0, 0), "Asia/Dubai", "last_month", date(2026, 12, 1), date(2026, 12, 31),
         utc(2026, 11, 30, 20)),
        (utc(2028, 3, 1, 6, 0), "Asia/Kolkata", "last_month", date(2028, 2, 1), date(2028, 2, 29),
         utc(2028, 1, 31, 18, 30)),
        # Sunday 22 November 2026, 23:00 in Dubai: the week began on Monday the 16th.
        (utc(2026, 11, 22, 19, 0), "Asia/Dubai", "this_week", date(2026, 11, 16),
         date(2026, 11, 22), utc(2026, 11, 15, 20)),
        # One hour later it is Monday the 23rd: a new week.
        (utc(2026, 11, 22, 20, 0), "Asia/Dubai", "this_week", date(2026, 11, 23),
         date(2026, 11, 23), utc(2026, 11, 22, 20)),
        (utc(2026, 11, 22, 20, 0), "Asia/Dubai", "last_week", date(2026, 11, 16),
         date(2026, 11, 22), utc(2026, 11, 15, 20)),
        (utc(2026, 11, 20, 10, 0), "Asia/Kolkata", "2026-02-14", date(2026, 2, 14),
         date(2026, 2, 14), utc(2026, 2, 13, 18, 30)),
    ],
)  # fmt: skip
def test_a_period_is_bounded_by_local_midnights(
    now: datetime, zone: str, name: str, first: date, last: date, start: datetime
) -> None:
    p = period(name, now, zone)
    assert (p.first_day, p.last_day, p.start) == (first, last, start)
    assert (p.end - p.start).days == (last - first).days + 1


def test_the_period_before_today_is_yesterday() -> None:
    now = utc(2026, 12, 1, 3, 0)
    today = period("today", now, "Asia/Kolkata")
    before = previous(today, "Asia/Kolkata")
    assert before.end == today.start
    assert (before.first_day, before.last_day) == (date(2026, 11, 30), date(2026, 11, 30))
    assert before.start == period("yesterday", now, "Asia/Kolkata").start


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(InvalidInput):
        period("fortnight", utc(2026, 1, 1), "Asia/Dubai")


async def test_a_sale_at_one_minute_to_midnight_belongs_to_that_local_day(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await product_id(s, shop.id, "Rice 5kg")
        # 23:59 and 00:01 Dubai time on either side of midnight between 20 and 21 November.
        await sell(s, shop.id, [SaleItem(rice, Decimal(1))], at=utc(2026, 11, 20, 19, 59))
        await sell(s, shop.id, [SaleItem(rice, Decimal(2))], at=utc(2026, 11, 20, 20, 1))
        now = utc(2026, 11, 21, 6, 0)
        today = await sales_report(s, shop.id, "today", now)
        yesterday = await sales_report(s, shop.id, "yesterday", now)
    assert (today.count, today.total_minor) == (1, 8000)
    assert (today.previous_count, today.previous_total_minor) == (1, 4000)
    assert (yesterday.count, yesterday.total_minor) == (1, 4000)


async def test_last_month_in_kolkata_ends_at_local_midnight(db: Database) -> None:
    async with db.session() as s:
        shop = await india_shop(s)
        sugar = await product_id(s, shop.id, "Sugar")
        # 23:59 IST on 31 October, then 00:00 IST on 1 November.
        await sell(s, shop.id, [SaleItem(sugar, Decimal(1))], at=utc(2026, 10, 31, 18, 29))
        await sell(s, shop.id, [SaleItem(sugar, Decimal(2))], at=utc(2026, 10, 31, 18, 30))
        now = utc(2026, 12, 1, 4, 0)
        last_month = await sales_report(s, shop.id, "last_month", now)
        this_month = await sales_report(s, shop.id, "this_month", now)
    assert (last_month.count, last_month.total_minor) == (1, 9450)
    assert [(r.name, r.qty) for r in last_month.by_product] == [("Sugar", Decimal(2))]
    assert this_month.count == 0
