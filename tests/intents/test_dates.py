"""Periods and single days, resolved from the context's clock in its own zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from intents.dates import find_period
from intents.slots import Period
from intents.text import tokenize

NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=4)))  # a Friday


def period(text: str, now: datetime = NOW) -> Period | None:
    found = find_period(tokenize(text), now)
    return found.period if found else None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("sales today", "today"),
        ("aaj ki bikri", "today"),
        ("kal ka hisaab", "yesterday"),
        ("yesterday", "yesterday"),
        ("parso kitna becha", date(2026, 11, 18)),
        ("day before yesterday", date(2026, 11, 18)),
        ("this week", "this_week"),
        ("is hafte", "this_week"),
        ("last week", "last_week"),
        ("pichle hafte", "last_week"),
        ("this month", "this_month"),
        ("is mahine", "this_month"),
        ("last month", "last_month"),
        ("pichle mahine", "last_month"),
        ("is saal", "this_year"),
        ("on monday", date(2026, 11, 16)),
        ("last friday", date(2026, 11, 13)),
        ("15th nov", date(2026, 11, 15)),
        ("nov 15", date(2026, 11, 15)),
        ("15/11/2026", date(2026, 11, 15)),
        ("2026-11-15", date(2026, 11, 15)),
        ("25 dec", date(2025, 12, 25)),
        ("3 din pehle", date(2026, 11, 17)),
        ("اليوم", "today"),
        ("sold 2 milk", None),
    ],
)
def test_periods(text: str, want: Period | None) -> None:
    assert period(text) == want


def test_days_follow_the_clock_zone_not_utc() -> None:
    late = datetime(2026, 11, 20, 23, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert period("parso", late) == date(2026, 11, 18)
