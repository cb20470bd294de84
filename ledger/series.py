"""Sales of a period day by day, in the business's time zone: the read model behind a chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Integer, case, func, literal_column
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import col, select

from .errors import NotFound
from .periods import Period
from .reports import _by_product
from .tables import Business, Invoice


@dataclass(frozen=True, slots=True)
class SalesChartData:
    """Posted sales of a period per local day, the period before aligned day by day, and the
    best-selling products; amounts in minor units of `currency`."""

    currency: str
    period_name: str
    first_day: date
    last_day: date
    days: tuple[date, ...]  # every local day of the period, first to last
    totals_minor: tuple[int, ...]  # invoice totals per day, zero where nothing was sold
    previous_totals_minor: tuple[int, ...]  # day i of the period before, padded/cut to len(days)
    top_products: tuple[tuple[str, int], ...]  # (name, gross minor), best first
    total_minor: int
    previous_total_minor: int  # the whole period before, however long it was

    @property
    def empty(self) -> bool:
        """True when nothing was sold in the period."""
        return not any(self.totals_minor)


def local_days(p: Period) -> tuple[date, ...]:
    """Every local day of a period, first to last."""
    count = (p.last_day - p.first_day).days + 1
    return tuple(p.first_day + timedelta(days=i) for i in range(count))


async def daily_totals(
    session: AsyncSession, business_id: int, p: Period, zone: ZoneInfo
) -> tuple[int, ...]:
    """Posted invoice totals of each local day of the period, zero-filled."""
    days = local_days(p)
    # Each local midnight as a UTC instant, worked out by zoneinfo, so a day of 23 or 25
    # hours (DST) keeps its own sales and SQL needs no time-zone arithmetic of its own.
    starts = [datetime.combine(day, time.min, zone).astimezone(UTC) for day in days[1:]]
    day = _day_index(col(Invoice.issued_at), starts, 0, len(days) - 1).label("day")
    # One range scan of the covering ix_invoice_period, summed per day in SQL: measured on
    # 300,000 invoices, 2-3x faster than reading the month's (instant, total) pairs out.
    sales = (
        select(day, col(Invoice.total_minor).label("total"))
        .where(
            Invoice.business_id == business_id,
            Invoice.status == "posted",
            Invoice.issued_at >= p.start,
            Invoice.issued_at < p.end,
        )
        .subquery()
    )
    rows = await session.execute(select(sales.c.day, func.sum(sales.c.total)).group_by(sales.c.day))
    totals = [0] * len(days)
    for index, total in rows:
        totals[int(index)] = int(total)
    return tuple(totals)


def _day_index(
    issued_at: Mapped[datetime], starts: list[datetime], low: int, high: int
) -> ColumnElement[int]:
    """The index of the day an instant falls on, as nested CASEs halving [low, high]: about
    log2(days) comparisons a row, the same SQL on SQLite and PostgreSQL."""
    if low == high:
        return literal_column(str(low), Integer)
    mid = (low + high + 1) // 2  # starts[mid - 1] is the midnight that begins day `mid`
    return case(
        (issued_at < starts[mid - 1], _day_index(issued_at, starts, low, mid - 1)),
        else_=_day_index(issued_at, starts, mid, high),
    )


async def sales_chart_data(
    session: AsyncSession, business_id: int, p: Period, previous: Period, *, top: int = 5
) -> SalesChartData:
    """Sales of p per local day, `previous` aligned to it by day index, and the top products."""
    business = await session.get(Business, business_id)
    if business is None:
        raise NotFound(f"no business {business_id}")
    zone = ZoneInfo(business.timezone)
    days = local_days(p)
    totals = await daily_totals(session, business_id, p, zone)
    before = await daily_totals(session, business_id, previous, zone)
    aligned = (before + (0,) * len(days))[: len(days)]
    # The report's own query, so the chart and "what did I sell" never disagree.
    best = await _by_product(session, business_id, p, None, None, top)
    return SalesChartData(
        currency=business.currency,
        period_name=p.name,
        first_day=p.first_day,
        last_day=p.last_day,
        days=days,
        totals_minor=totals,
        previous_totals_minor=aligned,
        top_products=tuple((row.name, row.total_minor) for row in best),
        total_minor=sum(totals),
        previous_total_minor=sum(before),
    )
