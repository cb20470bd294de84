"""Report periods, computed in the business's time zone and handed to SQL as UTC instants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import InvalidInput

PERIODS = (
    "today",
    "yesterday",
    "this_week",
    "last_week",
    "this_month",
    "last_month",
    "this_quarter",
    "last_quarter",
    "this_year",
    "last_year",
)


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open interval [start, end) of instants, with the local days it spans."""

    name: str
    start: datetime
    end: datetime
    first_day: date
    last_day: date


def _bounds(name: str, today: date) -> tuple[date, date]:
    if name == "today":
        return today, today
    if name == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if name in ("this_week", "last_week"):
        monday = today - timedelta(days=today.weekday())
        if name == "last_week":
            monday -= timedelta(days=7)
            return monday, monday + timedelta(days=6)
        return monday, today
    if name == "this_month":
        return today.replace(day=1), today
    if name == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if name in ("this_quarter", "last_quarter"):
        first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)  # calendar quarters
        if name == "this_quarter":
            return first, today
        last = first - timedelta(days=1)
        return last.replace(month=(last.month - 1) // 3 * 3 + 1, day=1), last
    if name == "this_year":
        return today.replace(month=1, day=1), today
    if name == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    try:
        day = date.fromisoformat(name)
    except ValueError as exc:
        raise InvalidInput(f"unknown period {name!r}") from exc
    return day, day


def period(name: str, now: datetime, timezone: str) -> Period:
    """Resolve 'today', 'last_month' or an ISO date to UTC bounds in the shop's zone."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    first, last = _bounds(name, today)
    start = datetime.combine(first, time.min, zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, zone).astimezone(UTC)
    return Period(name, start, end, first, last)


def previous(p: Period, timezone: str) -> Period:
    """The period of the same length just before p (yesterday for today)."""
    days = (p.last_day - p.first_day).days + 1
    first = p.first_day - timedelta(days=days)
    last = p.first_day - timedelta(days=1)
    zone = ZoneInfo(timezone)
    start = datetime.combine(first, time.min, zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, zone).astimezone(UTC)
    return Period(f"before_{p.name}", start, end, first, last)


def last_days(count: int, now: datetime, timezone: str) -> Period:
    """The `count` local days up to and including today (a rolling week for count=7)."""
    zone = ZoneInfo(timezone)
    last = now.astimezone(zone).date()
    first = last - timedelta(days=count - 1)
    start = datetime.combine(first, time.min, zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min, zone).astimezone(UTC)
    return Period(f"last_{count}_days", start, end, first, last)


def local_day(at: datetime, zone: ZoneInfo) -> date:
    """The shop's calendar day of an instant."""
    return at.astimezone(zone).date()
