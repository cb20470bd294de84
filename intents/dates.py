"""Relative and explicit dates in messages, resolved against `now` in its own time zone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from intents.slots import Period, PeriodName
from intents.text import Tok

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "somvar": 0, "somwar": 0, "ithnayn": 0, "tuesday": 1, "tue": 1,
    "tues": 1, "mangalvar": 1, "mangalwar": 1, "wednesday": 2, "wed": 2, "budhvar": 2,
    "budhwar": 2, "thursday": 3, "thu": 3, "thurs": 3, "guruvar": 3, "guruwar": 3,
    "brihaspativar": 3, "friday": 4, "fri": 4, "shukravar": 4, "shukrawar": 4, "jumma": 4,
    "juma": 4, "saturday": 5, "shanivar": 5, "shaniwar": 5, "sunday": 6, "ravivar": 6,
    "raviwar": 6, "itwar": 6, "itvaar": 6, "itwaar": 6,
    # the short Hindi and Urdu names ("mangal ki sale"); not som, guru or ravi: also names
    "mangal": 1, "budh": 2, "shukar": 4, "shukr": 4, "shani": 5,
    # Urdu: "peer ko kitni sale hui" (Monday), jumeraat (Thursday)
    "peer": 0, "pir": 0, "jumeraat": 3, "jumerat": 3, "jumairat": 3,
}  # fmt: skip
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
TODAY = {"today", "aaj", "aj", "tonight", "todays", "abhi"}
YESTERDAY = {"yesterday", "kal", "kl", "yday", "yesterdays"}
DAY_BEFORE = {"parso", "parson", "parsun", "parsoon"}
THIS = {"this", "is", "iss", "current", "ye", "yeh", "es"}
LAST = {"last", "pichle", "pichhle", "pichla", "pichhla", "previous", "prev", "past", "pichli"}
WEEK = {"week", "weeks", "hafte", "hafta", "haftay", "wk", "weekly"}
MONTH = {"month", "months", "mahine", "mahina", "mahinay", "mnth", "monthly"}
YEAR = {"year", "years", "saal", "sal", "yr", "yearly", "baras"}
QUARTER = {"quarter", "quarters", "qtr", "timahi", "quarterly"}


@dataclass(frozen=True, slots=True)
class Found:
    """A period found in the message and the token positions it used."""

    period: Period
    used: frozenset[int]


_Q = re.compile(r"^q([1-4])$")


def _quarter(word: str, today: date) -> PeriodName | None:
    """ "Q3" as this or last quarter when it is one of them (the only quarters a period names);
    None for any other word or quarter."""
    found = _Q.match(word)
    if found is None:
        return None
    asked, current = int(found[1]), (today.month - 1) // 3 + 1
    if asked == current:
        return "this_quarter"
    if asked == (current - 2) % 4 + 1:
        return "last_quarter"
    return None


def find_period(toks: Sequence[Tok], now: datetime) -> Found | None:
    """The first period or single day the message names, if any."""
    today = now.date()
    words = [t.text for t in toks]
    bare: Found | None = None  # "month closed, profit last month": "last month" is meant
    for i, word in enumerate(words):
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in TODAY:
            return Found("today", frozenset({i}))
        if word in YESTERDAY:
            return Found("yesterday", frozenset({i}))
        quarter = _quarter(word + nxt if word == "q" else word, today)  # "Q3" is q, 3
        if quarter is not None:
            return Found(quarter, frozenset({i, i + 1} if word == "q" else {i}))
        if word in DAY_BEFORE or (
            word == "day" and nxt == "before" and _at(words, i + 2) in YESTERDAY
        ):
            return Found(today - timedelta(days=2), frozenset(range(i, i + 3)))
        spans: tuple[tuple[set[str], PeriodName, PeriodName], ...] = (
            (WEEK, "this_week", "last_week"),
            (MONTH, "this_month", "last_month"),
            (QUARTER, "this_quarter", "last_quarter"),
            (YEAR, "this_year", "last_year"),
        )
        for names, this, last in spans:
            if word in names:
                if prev in LAST or nxt in LAST:
                    return Found(last, frozenset({i - 1, i, i + 1}))
                if prev in THIS or bare is not None:
                    return Found(this, frozenset({i - 1, i}))
                bare = Found(this, frozenset({i}))
        if word in WEEKDAYS and toks[i].kind == "word":
            back = (today.weekday() - WEEKDAYS[word]) % 7
            if back == 0 and prev in LAST:
                back = 7
            return Found(today - timedelta(days=back), frozenset({i - 1, i}))
        day = _explicit(toks, i, today)
        if day is not None:
            return day
        named = _named_month_or_quarter(toks, i, today)
        if named is not None:
            return named
        if (
            toks[i].kind == "num"
            and nxt in ("days", "din")
            and _at(words, i + 2)
            in (
                "ago",
                "pehle",
                "pahle",
                "back",
            )
        ):
            back_days = int(toks[i].value or 0)
            return Found(today - timedelta(days=back_days), frozenset({i, i + 1, i + 2}))
    return bare


def _named_month_or_quarter(toks: Sequence[Tok], i: int, today: date) -> Found | None:
    """ "october ka GST report" (last month in November), "VAT for Q3" (last quarter in Q4)."""
    word = toks[i].text
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    prev = toks[i - 1] if i > 0 else None
    if word == "q" and nxt is not None and nxt.kind == "num" and nxt.text in ("1", "2", "3", "4"):
        quarter, current = int(nxt.text), (today.month - 1) // 3 + 1
        if quarter == current:
            return Found("this_quarter", frozenset({i, i + 1}))
        if quarter == (current - 2) % 4 + 1:
            return Found("last_quarter", frozenset({i, i + 1}))
        return None
    if word in MONTHS and toks[i].kind == "word" and len(word) > 3:
        # "February 2026": a month and its year (the year is no amount)
        year = (
            nxt is not None
            and nxt.kind == "num"
            and nxt.value is not None
            and 1990 <= nxt.value <= 2100
        )
        if not year and any(t is not None and t.kind == "num" for t in (prev, nxt)):
            return None  # "5 october" is a day, read by _explicit
        month = MONTHS[word]
        if year:
            assert nxt is not None and nxt.value is not None
            said = int(nxt.value)
            used = frozenset({i, i + 1})
            if (said, month) == (today.year, today.month):
                return Found("this_month", used)
            last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
            if (said, month) == last:
                return Found("last_month", used)
            return None
        if month == today.month:
            return Found("this_month", frozenset({i}))
        if month == (today.month - 2) % 12 + 1:
            return Found("last_month", frozenset({i}))
    return None


def _at(words: Sequence[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def _explicit(toks: Sequence[Tok], i: int, today: date) -> Found | None:
    tok = toks[i]
    if tok.kind == "date":
        parts = [int(p) for p in re.split(r"[/-]", tok.text)]
        if len(parts) == 3 and parts[0] > 31:
            return _make(parts[0], parts[1], parts[2], {i}, today)
        if len(parts) == 3:
            year = parts[2] + 2000 if parts[2] < 100 else parts[2]
            return _make(year, parts[1], parts[0], {i}, today)
        return _make(None, parts[1], parts[0], {i}, today)
    if tok.kind == "num" and tok.value is not None and tok.suffix in ("", "st", "nd", "rd", "th"):
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        prev = toks[i - 1].text if i > 0 else ""
        day = int(tok.value)
        if nxt == "of" and i + 2 < len(toks) and toks[i + 2].text in MONTHS:
            return _make(None, MONTHS[toks[i + 2].text], day, {i, i + 1, i + 2}, today)
        if nxt in MONTHS:
            return _make(None, MONTHS[nxt], day, {i, i + 1}, today)
        if prev in MONTHS and tok.value == int(tok.value):
            return _make(None, MONTHS[prev], day, {i - 1, i}, today)
        if tok.suffix and prev in ("on", "the") and 1 <= day <= 31 and nxt not in PLACES:
            month = today.month if day <= today.day else today.month - 1 or 12
            return _make(None, month, day, {i}, today)
    return None


# "the 3rd floor", "the 2nd shop on the left": an ordinal that says where, not when
PLACES = frozenset({
    "floor", "flat", "building", "block", "street", "st", "road", "lane", "gali", "wing", "tower",
    "house", "shop", "door", "villa", "cross", "main", "sector", "phase", "left", "right",
    "one", "time", "bag", "item", "customer", "person", "lady", "guy",
})  # fmt: skip


def _make(year: int | None, month: int, day: int, used: set[int], today: date) -> Found | None:
    try:
        found = date(year or today.year, month, day)
    except ValueError:
        return None
    if year is None and found > today:  # a day named without a year is the last one past
        try:
            found = date(today.year - 1, month, day)
        except ValueError:
            return None
    return Found(found, frozenset(used))
