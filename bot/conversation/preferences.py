"""An owner's preferences by chat: the end-of-day summary on or off, and the closing time."""

from __future__ import annotations

import re
from datetime import time

from sqlalchemy.ext.asyncio import AsyncSession

from ledger.shop import set_member_flags, update_business

from ..jobs.context import clock_time
from ..jobs.messages import DEFAULT_CLOSING
from ..replies import Replies
from ..sender import Sender
from .outcome import Outcome

_ON = "on|start|chalu|shuru|bhejo|تشغيل|تفعيل"
_OFF = "off|stop|band|mat bhejo|إيقاف|ايقاف|أوقف|اوقف"
_SUMMARY = r"(?:(?:daily|end[- ]of[- ]day|roz(?:ana)?(?: ka)?)\s+)?(?:summary|hisaab)"
_AR_SUMMARY = r"(?:ال)?ملخص(?:\s+(?:ال)?يومي)?"
SUMMARY_TOGGLE = (
    re.compile(rf"^{_SUMMARY}\s+(?P<word>{_ON}|{_OFF})(?:\s+(?:karo|kar do|kijiye))?$"),
    re.compile(rf"^(?:turn|switch)\s+(?P<word>on|off)\s+(?:the\s+)?{_SUMMARY}$"),
    re.compile(rf"^(?P<word>{_ON}|{_OFF})\s+{_AR_SUMMARY}$"),
    re.compile(rf"^{_AR_SUMMARY}\s+(?P<word>{_ON}|{_OFF})$"),
)
CLOSING = re.compile(
    r"^(?:closing\s+time|close\s+at|closing\s+at|(?:we|shop)\s+close(?:s)?\s+at|"
    r"band\s+karne\s+ka\s+time|dukaa?n\s+band(?:\s+hone\s+ka\s+time)?|"
    r"وقت\s+الإغلاق|وقت\s+الاغلاق|نغلق\s+الساعة|الإغلاق)"
    r"\s*(?:is|:|=|-|hai)?\s*(?P<when>.+?)\s*$"
)
TIME = re.compile(
    r"^(?:(?P<before>raat|shaam|subah)\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*"
    r"(?P<suffix>am|pm|a\.m\.|p\.m\.|baje|مساء(?:ً)?|صباحا(?:ً)?|م|ص)?$"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_PM = {"pm", "p.m.", "raat", "shaam", "مساء", "مساءً", "م"}
_AM = {"am", "a.m.", "subah", "صباحا", "صباحاً", "ص"}


def parse_time(text: str) -> time | None:
    """ "21:00", "9pm", "9.30 pm", "raat 9 baje", "٩ مساءً" as a time; None if it is not one."""
    found = TIME.match(text.strip().lower().translate(_DIGITS))
    if found is None:
        return None
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    marks = {found["before"], found["suffix"]} - {None, "baje"}
    if marks & (_PM | _AM):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marks & _PM else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


async def preference_command(session: AsyncSession, sender: Sender, text: str) -> Outcome | None:
    """Handle "daily summary on/off" or "closing time 22:00"; None if the text is neither.

    Only an owner may change them: the summary holds the shop's figures and dues.
    """
    words = " ".join(text.strip().lower().rstrip(".!").split())
    toggle = next((m for m in (p.match(words) for p in SUMMARY_TOGGLE) if m), None)
    closing = None if toggle else CLOSING.match(words)
    if (toggle is None and closing is None) or sender.member is None or sender.business is None:
        return None
    replies = Replies(sender.language, sender.business.currency)
    if sender.role != "owner":
        return Outcome.say(replies.render("refused"))
    if toggle is not None:
        on = re.fullmatch(_ON, toggle["word"]) is not None
        await set_member_flags(session, sender.member.id, daily_summary=on)
        at = clock_time(sender.business.closing_time, DEFAULT_CLOSING).strftime("%H:%M")
        return Outcome.say(replies.render("daily_summary_set", on=on, time=at))
    assert closing is not None
    when = parse_time(closing["when"])
    if when is None:
        return Outcome.say(replies.render("closing_time_invalid"))
    shop = await update_business(session, sender.business.id, closing_time=when.strftime("%H:%M"))
    return Outcome.say(replies.render("closing_time_set", time=shop.closing_time))
